//! Approximation and change markers around a number: `近` `约` `超过` before it (outside
//! the span), `余` `多` `以上` `以内` after it (inside the span), and the direction of a
//! change (`同比下降`).

use super::scan::rest;
use super::units::UnitKind;
use crate::{Approx, Change};

/// Approximation markers written before the number, outside the span, longest first
/// within each group of shared endings.
pub const PREFIX_MARKERS: &[(&str, Approx)] = &[
    ("不少于", Approx::AtLeast),
    ("不低于", Approx::AtLeast),
    ("不超过", Approx::AtMost),
    ("不高于", Approx::AtMost),
    ("至少", Approx::AtLeast),
    ("超过", Approx::AtLeast),
    ("多于", Approx::AtLeast),
    ("高于", Approx::AtLeast),
    ("逾", Approx::AtLeast),
    ("超", Approx::AtLeast),
    ("不足", Approx::AtMost),
    ("不到", Approx::AtMost),
    ("少于", Approx::AtMost),
    ("低于", Approx::AtMost),
    ("最多", Approx::AtMost),
    ("将近", Approx::AtMost),
    ("接近", Approx::AtMost),
    ("近", Approx::AtMost),
    ("大约", Approx::About),
    ("大概", Approx::About),
    ("约", Approx::About),
];

/// Characters that, right before `近` or `约`, make it part of another word (`最近`, `签约`).
pub(super) const NOT_BEFORE_JIN: &str = "最附临邻靠亲就";
pub(super) const NOT_BEFORE_YUE: &str = "签预履合节制邀违公条契特集相婚解守践毁续赴爽隐";

/// Approximation markers written after the number, inside the span. `内`/`之内` only
/// follow durations (`7个工作日内`; `30家内资企业` is not "at most 30").
pub const SUFFIX_MARKERS: &[(&str, Approx, bool)] = &[
    ("以上", Approx::AtLeast, false),
    ("以下", Approx::AtMost, false),
    ("左右", Approx::About, false),
    ("以内", Approx::AtMost, false),
    ("之内", Approx::AtMost, true),
    ("内", Approx::AtMost, true),
];

/// Words that, right before the number, say it is a change (`同比下降11.2%`).
pub(super) const INCREASE: &[&str] =
    &["增长", "增加", "上升", "提高", "提升", "上涨", "增幅", "增"];
pub(super) const DECREASE: &[&str] = &["下降", "减少", "降低", "下滑", "回落", "降幅", "减", "降"];

/// Whether `c` is the last character of one of [`PREFIX_MARKERS`] (a test holds the two
/// equal). Most numbers follow no marker: one look at the character before them spares the
/// comparisons with the whole table, which ran for every figure.
fn ends_prefix_marker(c: char) -> bool {
    matches!(
        c,
        '于' | '过' | '少' | '逾' | '超' | '足' | '到' | '多' | '近' | '约' | '概'
    )
}

/// Whether `s` may end with one of [`PREFIX_MARKERS`] (its last character ends one).
fn may_end_with_prefix_marker(s: &str) -> bool {
    s.chars().next_back().is_some_and(ends_prefix_marker)
}

/// The approximation marker written just before `start`, with where it begins.
pub(super) fn prefix_marker(hay: &str, lo: usize, start: usize) -> Option<(usize, Approx)> {
    let before = hay.get(lo..start)?;
    if !may_end_with_prefix_marker(before) {
        return None;
    }
    for &(marker, approx) in PREFIX_MARKERS {
        if let Some(head) = before.strip_suffix(marker) {
            let prev = head.chars().next_back();
            let blocked = match marker {
                "近" => prev.is_some_and(|c| NOT_BEFORE_JIN.contains(c)),
                "约" => prev.is_some_and(|c| NOT_BEFORE_YUE.contains(c)),
                _ => false,
            };
            if blocked {
                continue;
            }
            return Some((start - marker.len(), approx));
        }
    }
    None
}

/// The direction of a change stated right before the number (`同比下降11.2%`,
/// `较上年减少了3起`).
pub(super) fn change_before(hay: &str, lo: usize, start: usize) -> Option<Change> {
    let mut before = hay.get(lo..start)?;
    // Skip an approximation marker and `了` between the verb and the number.
    loop {
        let trimmed = before.trim_end();
        let trimmed = trimmed.strip_suffix('了').unwrap_or(trimmed);
        let trimmed = if may_end_with_prefix_marker(trimmed) {
            PREFIX_MARKERS
                .iter()
                .find_map(|(m, _)| trimmed.strip_suffix(m))
                .unwrap_or(trimmed)
        } else {
            trimmed
        };
        if trimmed.len() == before.len() {
            break;
        }
        before = trimmed;
    }
    let ends = |words: &[&str]| words.iter().any(|w| before.ends_with(w));
    if ends(DECREASE) {
        Some(Change::Decrease)
    } else if ends(INCREASE) {
        Some(Change::Increase)
    } else {
        None
    }
}

/// Trailing approximation marker at `at` for a unit of `kind`.
pub(super) fn suffix_marker(hay: &str, at: usize, kind: UnitKind) -> Option<(usize, Approx)> {
    let r = rest(hay, at);
    SUFFIX_MARKERS
        .iter()
        .filter(|(m, _, duration_only)| {
            r.starts_with(m) && (!duration_only || kind == UnitKind::Duration)
        })
        .max_by_key(|(m, _, _)| m.len())
        .map(|&(m, a, _)| (m.len(), a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_table() {
        let table = [
            ("同比下降", Some(Change::Decrease)),
            ("较上年增长了", Some(Change::Increase)),
            ("同比上升约", Some(Change::Increase)),
            ("下降至", None),
            ("共", None),
        ];
        for (s, want) in table {
            assert_eq!(change_before(s, 0, s.len()), want, "{s}");
        }
    }

    /// The characters that end a marker are those of [`ends_prefix_marker`], no more.
    #[test]
    fn prefix_marker_ends_agree_with_the_table() {
        let ends: Vec<char> = PREFIX_MARKERS
            .iter()
            .filter_map(|(m, _)| m.chars().next_back())
            .collect();
        for &c in &ends {
            assert!(ends_prefix_marker(c), "{c}");
        }
        for c in ('\0'..='\u{ffff}').chain(['\u{10000}', '\u{10ffff}']) {
            assert_eq!(ends_prefix_marker(c), ends.contains(&c), "{c}");
        }
    }

    /// With the gate, markers and changes are found as without it: every figure's lead in
    /// the sample texts, from several floors.
    #[test]
    fn gated_markers_agree_with_the_table() {
        let ungated_prefix = |hay: &str, lo: usize, start: usize| {
            let before = hay.get(lo..start)?;
            for &(marker, approx) in PREFIX_MARKERS {
                if let Some(head) = before.strip_suffix(marker) {
                    let prev = head.chars().next_back();
                    let blocked = match marker {
                        "近" => prev.is_some_and(|c| NOT_BEFORE_JIN.contains(c)),
                        "约" => prev.is_some_and(|c| NOT_BEFORE_YUE.contains(c)),
                        _ => false,
                    };
                    if !blocked {
                        return Some((start - marker.len(), approx));
                    }
                }
            }
            None
        };
        let ungated_change = |hay: &str, lo: usize, start: usize| {
            let mut before = hay.get(lo..start)?;
            loop {
                let trimmed = before.trim_end();
                let trimmed = trimmed.strip_suffix('了').unwrap_or(trimmed);
                let trimmed = PREFIX_MARKERS
                    .iter()
                    .find_map(|(m, _)| trimmed.strip_suffix(m))
                    .unwrap_or(trimmed);
                if trimmed.len() == before.len() {
                    break;
                }
                before = trimmed;
            }
            let ends = |words: &[&str]| words.iter().any(|w| before.ends_with(w));
            if ends(DECREASE) {
                Some(Change::Decrease)
            } else if ends(INCREASE) {
                Some(Change::Increase)
            } else {
                None
            }
        };
        let texts = [
            include_str!("../../../../www/demo/demo-report.txt"),
            include_str!("../../../fazhi_eval/tests/heldout/b1_lanchuan.txt"),
            "不少于3个，将近5项，最近2次，签约4家，同比下降约 7%，增长了超过8，大约9，大概10",
        ];
        let mut found = 0;
        for text in texts {
            for (at, _) in text.char_indices() {
                for span in [0, 3, 9, 60] {
                    let lo = crate::text::floor_char_boundary(text, at.saturating_sub(span));
                    let got = prefix_marker(text, lo, at);
                    assert_eq!(got, ungated_prefix(text, lo, at), "{lo}..{at}");
                    let change = change_before(text, lo, at);
                    assert_eq!(change, ungated_change(text, lo, at), "{lo}..{at}");
                    found += usize::from(got.is_some()) + usize::from(change.is_some());
                }
            }
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn prefix_marker_table() {
        let table = [
            ("不少于", Some(Approx::AtLeast)),
            ("超过", Some(Approx::AtLeast)),
            ("近", Some(Approx::AtMost)),
            ("最近", None),
            ("约", Some(Approx::About)),
            ("签约", None),
            ("大约", Some(Approx::About)),
            ("共", None),
        ];
        for (s, want) in table {
            assert_eq!(prefix_marker(s, 0, s.len()).map(|(_, a)| a), want, "{s}");
        }
    }
}
