//! Stated quantities: numbers, units, approximation, subject and category.
//!
//! [`extract`] scans the body for numerals and keeps those that state a quantity: a number
//! followed by a unit or measure word from [`units::UNITS`] (`154项`, `69.05万元`,
//! `3000余人次`, `30人以上`, `7个工作日内`, `2-3个`), a Chinese numeral that uses 百 千 万 亿
//! (`两千余人`), `百分之…`, or a zero-valued result `零X` (`零投诉`). The rules are those
//! of gold schema v1 (`../shared/corpus/README.md`):
//!
//! * values are exact decimals in the base unit, with 万/亿 multiplied out;
//! * approximation markers after the number (余 多 以上 以下 左右 内 以内) are part of the
//!   span, markers before it (近 约 超过 逾 不少于 不足 不到 …) are not, and both set
//!   [`Approx`];
//! * numbers in quotations and titles, document numbers, phone numbers, IDs, dates, times,
//!   ordinals (`第3`), heading markers and small Chinese numerals (`三大缺失`) are skipped.

pub mod category;
pub mod exclude;
pub mod number;
pub mod subject;
pub mod units;

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::structure::SectionCursor;
use crate::{text, Approx, Category, Change, Heading, Metric, Span};
use number::{arabic, is_arabic_digit, is_numeral_char, scale_prefix};
use units::{match_approx_unit, match_unit, Unit, UnitKind};

/// The next place at or after `pos` where a quantity may begin — an Arabic digit (ASCII or
/// full-width), a Chinese digit word (一…九 两 十), `零` or `百分之` — with the text of that
/// beginning. A plain scan of characters: it runs at every candidate of every report.
#[must_use]
pub fn next_candidate(hay: &str, pos: usize) -> Option<(usize, &str)> {
    let pos = text::ceil_char_boundary(hay, pos);
    let rest = hay.get(pos..)?;
    for (i, c) in rest.char_indices() {
        let len = match c {
            '0'..='9'
            | '０'..='９'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '零' => c.len_utf8(),
            '百' if rest.get(i..).is_some_and(|r| r.starts_with("百分之")) => "百分之".len(),
            _ => continue,
        };
        return Some((pos + i, rest.get(i..i + len)?));
    }
    None
}

/// `百分之` followed by an Arabic or Chinese numeral (`百分之九十五`, `百分之百`, `百分之80`).
pub static PERCENT_ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A百分之(?:([0-9０-９]+(?:[.．][0-9０-９]+)?)|([零〇一二两三四五六七八九十百]+))")
        .expect("PERCENT_ZH is a valid pattern")
});

/// Zero-valued results written `零X`: the X that may follow, with whether X itself is the
/// subject (`零投诉` → 投诉) or the subject is the phrase before (`事故零发生` → 事故).
pub const ZERO_RESULTS: &[(&str, bool)] = &[
    ("投诉", true),
    ("复议", true),
    ("诉讼", true),
    ("信访", true),
    ("上访", true),
    ("事故", true),
    ("伤亡", true),
    ("死亡", true),
    ("差错", true),
    ("失误", true),
    ("违法", true),
    ("违规", true),
    ("纠错", true),
    ("败诉", true),
    ("撤销", true),
    ("超时", true),
    ("延误", true),
    ("积压", true),
    ("漏报", true),
    ("迟报", true),
    ("瞒报", true),
    ("火灾", true),
    ("举报", true),
    ("跑动", true),
    ("跑腿", true),
    ("发生", false),
];

/// `零` followed by one of [`ZERO_RESULTS`].
pub static ZERO: LazyLock<Regex> = LazyLock::new(|| {
    let mut words: Vec<&str> = ZERO_RESULTS.iter().map(|(w, _)| *w).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    Regex::new(&format!(r"\A零(?:{})", words.join("|"))).expect("ZERO is a valid pattern")
});

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
const NOT_BEFORE_JIN: &str = "最附临邻靠亲就";
const NOT_BEFORE_YUE: &str = "签预履合节制邀违公条契特集相婚解守践毁续赴爽隐";

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
const INCREASE: &[&str] = &["增长", "增加", "上升", "提高", "提升", "上涨", "增幅", "增"];
const DECREASE: &[&str] = &["下降", "减少", "降低", "下滑", "回落", "降幅", "减", "降"];

/// Characters that end a clause (for the category's context).
/// How far (in bytes, about 200 Chinese characters) the sentence around a number is read on
/// either side of it to classify it.
pub const MAX_CONTEXT: usize = 600;

const CLAUSE_END: &[char] = &['，', ',', '；', ';', '：', ':', '。', '！', '？', '\n'];

/// What may stand between two figures of one list (`33.3%和50%`).
const JOINERS: &[&str] = &["和", "与", "及", "、", "，", ","];

/// Range separators (`2-3个`, `3至5天`).
const RANGE_SEPS: &[&str] = &["-", "－", "–", "—", "―", "~", "～", "〜", "至", "到"];

/// `年` is a unit only for small numbers (`3年`), never for years (`2024年`).
const YEAR_UNIT_LIMIT: u32 = 100;

/// Horizontal white space allowed between a number and its unit (`23 起`).
fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// A quantity found by the scanner, before subject and category.
#[derive(Debug, Clone)]
struct Quantity {
    span: Span,
    value: Decimal,
    upper: Option<Decimal>,
    unit_written: String,
    unit: &'static str,
    kind: UnitKind,
    approx: Approx,
    /// Where the leading approximation marker starts (or `span.start`).
    lead: usize,
    /// For `零X` whose X is the subject.
    zero_subject: Option<Span>,
}

/// What the scanner made of one candidate.
enum Outcome {
    Found(Quantity),
    /// Not a quantity; resume scanning at this offset.
    Skip(usize),
}

/// A parsed Arabic amount with its scale (`1.3万` → 13000).
#[derive(Debug, Clone, Copy)]
struct Amount {
    value: Decimal,
    raw: Decimal,
    mul: Option<Decimal>,
    /// Span of the scale word (`万`), for `unit_written`.
    scale: Option<Span>,
    /// A tail followed the scale (`3万4000`).
    mixed: bool,
    fraction: bool,
    /// `余`/`多` stood between the number and the scale (`121.1余万元`).
    approx_inside: bool,
    end: usize,
}

fn rest(hay: &str, at: usize) -> &str {
    hay.get(at..).unwrap_or("")
}

fn starts_with_any<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words
        .iter()
        .copied()
        .filter(|w| s.starts_with(w))
        .max_by_key(|w| w.len())
}

/// The unit at `at`, if it is not a word that merely starts with a scale (`千克` is a unit;
/// `千人` is the scale 千 and the unit 人).
fn unit_is_scale_word(hay: &str, at: usize) -> bool {
    match_unit(rest(hay, at)).is_some_and(|u| scale_prefix(u.written).is_some())
}

/// Read an Arabic amount with an optional scale and mixed tail at `start`.
fn amount(hay: &str, start: usize) -> Option<Amount> {
    let p = arabic(rest(hay, start))?;
    let mut end = start + p.len;
    let mut a = Amount {
        value: p.value,
        raw: p.value,
        mul: None,
        scale: None,
        mixed: false,
        fraction: p.fraction,
        approx_inside: false,
        end,
    };
    // `121.1余万元`: 余/多 between the number and the scale.
    let mut at = end;
    let r = rest(hay, at);
    if (r.starts_with('余') || r.starts_with('多')) && scale_prefix(rest(hay, at + 3)).is_some() {
        at += 3;
        a.approx_inside = true;
    }
    if unit_is_scale_word(hay, at) {
        a.approx_inside = false;
        return Some(a);
    }
    let Some((mul, len)) = scale_prefix(rest(hay, at)) else {
        a.approx_inside = false;
        return Some(a);
    };
    a.value = a.value.checked_mul(mul)?;
    a.mul = Some(mul);
    a.scale = Some(Span::new(at, at + len));
    end = at + len;
    // Mixed forms: `3万4000`, `1亿2000万`, `1万2千`.
    let mut last = mul;
    if !a.fraction && !a.approx_inside {
        while let Some(b) = arabic(rest(hay, end)).filter(|b| !b.fraction) {
            let after_b = end + b.len;
            match scale_prefix(rest(hay, after_b)) {
                Some((m2, l2)) if m2 < last && !unit_is_scale_word(hay, after_b) => {
                    a.value = a.value.checked_add(b.value.checked_mul(m2)?)?;
                    last = m2;
                    end = after_b + l2;
                    a.mixed = true;
                }
                Some(_) => break,
                None => {
                    // A single digit continues the next order down (`2万5` = 25000);
                    // more digits are added as written (`3万4000` = 34000).
                    let digits = hay.get(end..after_b).map_or(0, |t| t.chars().count());
                    let tail = if digits == 1 {
                        b.value.checked_mul(last / Decimal::TEN)?
                    } else {
                        b.value
                    };
                    if tail < last {
                        a.value = a.value.checked_add(tail)?;
                        end = after_b;
                        a.mixed = true;
                    }
                    break;
                }
            }
        }
    }
    a.end = end;
    Some(a)
}

/// The approximation marker written just before `start`, with where it begins.
fn prefix_marker(hay: &str, lo: usize, start: usize) -> Option<(usize, Approx)> {
    let before = hay.get(lo..start)?;
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
fn change_before(hay: &str, lo: usize, start: usize) -> Option<Change> {
    let mut before = hay.get(lo..start)?;
    // Skip an approximation marker and `了` between the verb and the number.
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
}

/// Trailing approximation marker at `at` for a unit of `kind`.
fn suffix_marker(hay: &str, at: usize, kind: UnitKind) -> Option<(usize, Approx)> {
    let r = rest(hay, at);
    SUFFIX_MARKERS
        .iter()
        .filter(|(m, _, duration_only)| {
            r.starts_with(m) && (!duration_only || kind == UnitKind::Duration)
        })
        .max_by_key(|(m, _, _)| m.len())
        .map(|&(m, a, _)| (m.len(), a))
}

/// Skip up to two white-space characters between a number and a unit, if a unit follows.
fn unit_after(hay: &str, at: usize) -> Option<(usize, &'static Unit)> {
    let mut pos = at;
    for _ in 0..=2 {
        if let Some(u) = match_approx_unit(rest(hay, pos)).or_else(|| match_unit(rest(hay, pos))) {
            return Some((pos, u));
        }
        let c = rest(hay, pos).chars().next()?;
        if !is_gap(c) {
            return None;
        }
        pos += c.len_utf8();
    }
    None
}

/// Whether the text just before `start` rules out a quantity starting there: the middle of
/// a numeral, an ordinal (`第3`), or a code (`PM2.5`, `GB/T 9704`).
fn blocked_before(hay: &str, lo: usize, start: usize) -> bool {
    if start <= lo {
        return false;
    }
    let before = hay.get(lo..start).unwrap_or("");
    let mut it = before.chars().rev();
    let Some(prev) = it.next() else {
        return false;
    };
    if is_numeral_char(prev) {
        return true;
    }
    if prev.is_ascii_alphabetic() || matches!(prev, '#' | '№' | '_') {
        return true;
    }
    if matches!(prev, '.' | '．' | '/' | '-' | ' ') {
        if let Some(pp) = it.next() {
            if pp.is_ascii_alphanumeric() || is_arabic_digit(pp) {
                return true;
            }
        }
    }
    let trimmed = before.trim_end_matches(is_gap);
    trimmed.ends_with('第')
}

/// The end of the numeral token at `start` (to resume scanning after a rejected one).
fn token_end(hay: &str, start: usize) -> usize {
    let r = rest(hay, start);
    let len: usize = r
        .chars()
        .take_while(|&c| is_numeral_char(c) || matches!(c, '.' | '．' | ',' | '，'))
        .map(char::len_utf8)
        .sum();
    start + len.max(r.chars().next().map_or(1, char::len_utf8))
}

/// A number read so far: where it starts and ends, its value and what was said about it.
#[derive(Clone, Copy)]
struct Number<'a> {
    start: usize,
    /// End of the number (and of any 余/多 inside it).
    at: usize,
    value: Decimal,
    upper: Option<Decimal>,
    approx: Approx,
    /// The scale word as written before the unit (`万` of `69.05万元`), or `""`.
    scale_written: &'a str,
}

/// Add the unit and the trailing marker after a number.
fn finish(hay: &str, lo: usize, n: &Number) -> Outcome {
    let Number {
        start,
        at,
        value,
        upper,
        approx,
        scale_written,
    } = *n;
    let Some((unit_at, unit)) = unit_after(hay, at) else {
        return Outcome::Skip(at.max(start + 1));
    };
    let mut end = unit_at + unit.written.len();
    let mut approx = approx;
    if approx == Approx::Exact && units::APPROX_UNITS.contains(unit) {
        approx = Approx::AtLeast;
    }
    let mut upper = upper;
    let suffix = suffix_marker(hay, end, unit.kind);
    if unit.written == "日" && !suffix.is_some_and(|(_, a)| a == Approx::AtMost) {
        return Outcome::Skip(end);
    }
    if let Some((len, a)) = suffix {
        end += len;
        if approx == Approx::Exact {
            approx = a;
        }
    } else if upper.is_none() && approx == Approx::Exact {
        // The unit repeated on both ends of a range: `5%-10%`, `3天至5天`.
        if let Some((u, e)) = repeated_unit_range(hay, end, unit, value) {
            upper = Some(u);
            end = e;
        }
    }
    let (lead, approx) = match prefix_marker(hay, lo, start) {
        Some((lead, a)) => (lead, if approx == Approx::Exact { a } else { approx }),
        None => (start, approx),
    };
    // A range (`2-3次`, `3至5天`) states its lower end as the value: the figure is at least
    // that, and `upper` holds the other end.
    let approx = if upper.is_some() && approx == Approx::Exact {
        Approx::AtLeast
    } else {
        approx
    };
    Outcome::Found(Quantity {
        span: Span::new(start, end),
        value,
        upper,
        unit_written: format!("{scale_written}{}", unit.written),
        unit: unit.base,
        kind: unit.kind,
        approx,
        lead,
        zero_subject: None,
    })
}

/// The upper end of a range whose unit is written twice (`5%-10%`): a separator at `at`,
/// a plain number not below `lower` and the same unit. Returns the upper value and end.
fn repeated_unit_range(
    hay: &str,
    at: usize,
    unit: &Unit,
    lower: Decimal,
) -> Option<(Decimal, usize)> {
    let sep = starts_with_any(rest(hay, at), RANGE_SEPS)?;
    let b_start = at + sep.len();
    let b = arabic(rest(hay, b_start))?;
    let u_start = b_start + b.len;
    let u = match_unit(rest(hay, u_start))?;
    (u.written == unit.written && b.value >= lower).then_some((b.value, u_start + u.written.len()))
}

/// `余` or `多` right after a number, if a unit (or scale) follows it.
fn inner_marker(hay: &str, at: usize) -> bool {
    let r = rest(hay, at);
    (r.starts_with('余') || r.starts_with('多')) && match_unit(rest(hay, at + 3)).is_some()
}

fn parse_arabic(hay: &str, lo: usize, start: usize) -> Outcome {
    let Some(a) = amount(hay, start) else {
        return Outcome::Skip(token_end(hay, start));
    };
    let mut at = a.end;
    let mut value = a.value;
    let mut upper = None;
    let mut fraction = a.fraction;
    let mut approx = if a.approx_inside {
        Approx::AtLeast
    } else {
        Approx::Exact
    };
    let mut scale = a.scale.filter(|_| !a.mixed);
    if approx == Approx::Exact && inner_marker(hay, at) {
        approx = Approx::AtLeast;
        at += 3;
    } else if approx == Approx::Exact {
        // A range: `2-3个`, `3至5天`, `10-20万元`.
        if let Some(sep) = starts_with_any(rest(hay, at), RANGE_SEPS) {
            let b_start = at + sep.len();
            if rest(hay, b_start)
                .chars()
                .next()
                .is_some_and(is_arabic_digit)
            {
                let Some(b) = amount(hay, b_start) else {
                    return Outcome::Skip(token_end(hay, b_start));
                };
                let lower = match (a.mul, b.mul) {
                    (None, Some(m)) => a.raw.checked_mul(m),
                    _ => Some(a.value),
                };
                let Some(lower) = lower.filter(|l| *l <= b.value) else {
                    return Outcome::Skip(b.end);
                };
                value = lower;
                upper = Some(b.value);
                fraction |= b.fraction;
                at = b.end;
                scale = b.scale.filter(|_| !b.mixed);
                if b.approx_inside {
                    approx = Approx::AtLeast;
                } else if inner_marker(hay, at) {
                    approx = Approx::AtLeast;
                    at += 3;
                }
            }
        }
    }
    let scale_written = scale.map_or("", |s| s.slice(hay));
    let number = Number {
        start,
        at,
        value,
        upper,
        approx,
        scale_written,
    };
    match finish(hay, lo, &number) {
        Outcome::Found(q) => {
            let year_like = q.unit == "年"
                && (scale.is_some()
                    || fraction
                    || q.value >= Decimal::from(YEAR_UNIT_LIMIT)
                    || q.upper.is_some_and(|u| u >= Decimal::from(YEAR_UNIT_LIMIT)));
            if year_like {
                Outcome::Skip(q.span.end)
            } else {
                Outcome::Found(q)
            }
        }
        skip @ Outcome::Skip(_) => skip,
    }
}

fn parse_chinese(hay: &str, lo: usize, start: usize) -> Outcome {
    let Some(m) = number::CHINESE.find(rest(hay, start)) else {
        return Outcome::Skip(token_end(hay, start));
    };
    let end = start + m.end();
    let Some(mut value) = number::chinese_value(m.as_str()) else {
        return Outcome::Skip(end);
    };
    let mut at = end;
    let mut approx = Approx::Exact;
    let mut scale_written = "";
    // `十余万元`, `两千余万元`: 余/多 and then a scale word.
    let r = rest(hay, end);
    if r.starts_with('余') || r.starts_with('多') {
        if let Some((mul, len)) = scale_prefix(rest(hay, end + 3)) {
            let Some(v) = value.checked_mul(mul) else {
                return Outcome::Skip(end);
            };
            value = v;
            scale_written = hay.get(end + 3..end + 3 + len).unwrap_or("");
            at = end + 3 + len;
            approx = Approx::AtLeast;
        }
    }
    // Only numerals with 百 千 万 亿 are quantities (`三大缺失` is a count of ideas).
    if scale_written.is_empty() && !number::has_big_multiplier(m.as_str()) {
        return Outcome::Skip(end);
    }
    if approx == Approx::Exact && inner_marker(hay, at) {
        at += 3;
        approx = Approx::AtLeast;
    }
    let number = Number {
        start,
        at,
        value,
        upper: None,
        approx,
        scale_written,
    };
    match finish(hay, lo, &number) {
        Outcome::Found(q) if q.unit == "年" => Outcome::Skip(q.span.end),
        other => other,
    }
}

fn parse_percent_zh(hay: &str, lo: usize, start: usize) -> Outcome {
    let Some(caps) = PERCENT_ZH.captures(rest(hay, start)) else {
        return Outcome::Skip(start + "百分之".len());
    };
    let value = if let Some(d) = caps.get(1) {
        arabic(d.as_str()).map(|p| p.value)
    } else {
        caps.get(2).and_then(|c| number::chinese_value(c.as_str()))
    };
    let end = start + caps.get(0).map_or(0, |m| m.end());
    let Some(value) = value else {
        return Outcome::Skip(end);
    };
    let mut span_end = end;
    let mut approx = Approx::Exact;
    if let Some((len, a)) = suffix_marker(hay, end, UnitKind::Percent) {
        span_end += len;
        approx = a;
    }
    let (lead, approx) = match prefix_marker(hay, lo, start) {
        Some((lead, a)) if approx == Approx::Exact => (lead, a),
        Some((lead, _)) => (lead, approx),
        None => (start, approx),
    };
    Outcome::Found(Quantity {
        span: Span::new(start, span_end),
        value,
        upper: None,
        unit_written: "百分之".to_owned(),
        unit: "%",
        kind: UnitKind::Percent,
        approx,
        lead,
        zero_subject: None,
    })
}

fn parse_zero(hay: &str, start: usize) -> Outcome {
    let Some(m) = ZERO.find(rest(hay, start)) else {
        return Outcome::Skip(start + '零'.len_utf8());
    };
    let end = start + m.end();
    let word_start = start + '零'.len_utf8();
    let word = hay.get(word_start..end).unwrap_or("");
    let own_subject = ZERO_RESULTS.iter().any(|(w, own)| *w == word && *own);
    Outcome::Found(Quantity {
        span: Span::new(start, end),
        value: Decimal::ZERO,
        upper: None,
        unit_written: String::new(),
        unit: "",
        kind: UnitKind::Count,
        approx: Approx::Exact,
        lead: start,
        zero_subject: own_subject.then_some(Span::new(word_start, end)),
    })
}

/// Parse the candidate at `start`.
fn parse_at(hay: &str, lo: usize, start: usize, candidate: &str) -> Outcome {
    if candidate == "百分之" {
        return parse_percent_zh(hay, lo, start);
    }
    if blocked_before(hay, lo, start) {
        return Outcome::Skip(token_end(hay, start));
    }
    if candidate == "零" {
        return parse_zero(hay, start);
    }
    if candidate.chars().next().is_some_and(is_arabic_digit) {
        parse_arabic(hay, lo, start)
    } else {
        parse_chinese(hay, lo, start)
    }
}

/// Clamp `body` into `text` on char boundaries.
fn clamp(text: &str, body: Span) -> Span {
    let mut end = body.end.min(text.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = body.start.min(end);
    while start < end && !text.is_char_boundary(start) {
        start += 1;
    }
    Span::new(start, end)
}

/// Find every stated quantity in `body`, in order.
fn scan(text: &str, body: Span, headings: &[Heading], excluded: &[Span]) -> Vec<Quantity> {
    let Some(hay) = text.get(..body.end) else {
        return Vec::new();
    };
    let regions = exclude::regions(text, body, excluded);
    // Heading markers, sorted and disjoint, so each lookup bisects.
    let mut markers: Vec<Span> = headings
        .iter()
        .map(|h| h.marker_span)
        .filter(|s| !s.is_empty())
        .collect();
    markers.sort_unstable();
    markers.dedup_by(|b, a| {
        let overlap = b.start < a.end;
        if overlap {
            a.end = a.end.max(b.end);
        }
        overlap
    });
    let mut out = Vec::new();
    let mut pos = body.start;
    // Nothing before this offset is looked at: the body start or the end of the heading
    // marker just skipped (`2.` in `2.12个部门…` does not make `12` a decimal tail).
    let mut floor = body.start;
    while pos < body.end {
        let Some((start, candidate)) = next_candidate(hay, pos) else {
            break;
        };
        let m_end = start + candidate.len();
        if let Some(r) = exclude::region_at(&regions, start) {
            pos = r.end;
            continue;
        }
        if let Some(marker) = exclude::region_at(&markers, start) {
            pos = marker.end.max(m_end);
            floor = marker.end;
            continue;
        }
        let lo = if start == floor { floor } else { body.start };
        match parse_at(hay, lo, start, candidate) {
            Outcome::Found(q) => {
                pos = q.span.end.max(m_end);
                out.push(q);
            }
            Outcome::Skip(next) => pos = next.max(m_end),
        }
        while pos < hay.len() && !hay.is_char_boundary(pos) {
            pos += 1;
        }
    }
    out
}

/// `占全部案件总数的32.8%`: a percentage whose subject starts with 占 is a share of the
/// figure before it.
fn is_share_of_previous(subject: &str, kind: UnitKind) -> bool {
    kind == UnitKind::Percent && subject.starts_with('占')
}

/// The category of one quantity from its subject, clause, sentence and enclosing headings
/// (see [`category`] for the precedence).
fn classify(
    text: &str,
    q: &Quantity,
    sentence: Span,
    subject: &str,
    heading: Option<usize>,
    headings: &[Heading],
) -> Category {
    // The sentence is read only so far on either side of the number, so a line of
    // thousands of figures with no full stop costs no more per figure than a real sentence.
    let from = text::floor_char_boundary(text, q.lead.saturating_sub(MAX_CONTEXT))
        .max(sentence.start.min(q.lead));
    let to = text::floor_char_boundary(text, q.span.end.saturating_add(MAX_CONTEXT))
        .min(sentence.end.max(q.span.end));
    let before = text.get(from..q.lead).unwrap_or("");
    let after = text.get(q.span.end..to.max(q.span.end)).unwrap_or("");
    let clause_before = before.rsplit(CLAUSE_END).next().unwrap_or("");
    let clause_after = after.split(CLAUSE_END).next().unwrap_or("");
    let titles: Vec<&str> = std::iter::successors(heading, |&h| headings.get(h)?.parent)
        .take(headings.len())
        .filter_map(|h| headings.get(h).map(|h| h.title.as_str()))
        .collect();
    category::classify(&category::Context {
        subject,
        sentence: (before, after),
        clause: (clause_before.len(), clause_after.len()),
        headings: &titles,
        unit: q.unit,
        money: q.kind == UnitKind::Money,
    })
}

/// Extract every stated quantity inside `body`, in document order, outside the `excluded`
/// regions that earlier passes found (page furniture inside the body; sorted spans).
#[must_use]
pub fn extract(text: &str, body: Span, headings: &[Heading], excluded: &[Span]) -> Vec<Metric> {
    let body = clamp(text, body);
    let quantities = scan(text, body, headings, excluded);
    let mut sections = SectionCursor::new(headings);
    let sentences = text::Sentences::new(text, body);
    let mut metrics = Vec::with_capacity(quantities.len());
    for (i, q) in quantities.iter().enumerate() {
        let lo = if i == 0 {
            body.start
        } else {
            quantities[i - 1].span.end.max(body.start)
        };
        let hi = quantities
            .get(i + 1)
            .map_or(body.end, |n| n.lead.max(q.span.end));
        let own_subject = q.zero_subject.or_else(|| {
            if q.unit.is_empty() {
                // `事故零发生`: the subject is before.
                subject::find(text, lo, q.lead, q.lead, q.lead, q.kind)
            } else {
                subject::find(text, lo, q.lead, q.span.end, hi, q.kind)
            }
        });
        let sentence = sentences.at(q.span.start);
        let prev = metrics.last().filter(|p: &&Metric| p.sentence == sentence);
        // `罚款286.5万元,同比增长12.3%`, `队伍15支共450人`: nothing names what the second
        // figure counts, so it shares the subject of the figure before it in the sentence.
        let subject_span = own_subject.or_else(|| prev.and_then(|p| p.subject_span));
        let subject = subject_span.map_or("", |s| s.slice(text)).to_owned();
        let heading = sections.heading_at(q.span.start);
        let category = match prev {
            // A figure that borrows the subject of the one before it measures the same
            // thing, and so does a share of it (`许可案件212件,占全部案件总数的32.8%`).
            Some(p) if own_subject.is_none() || is_share_of_previous(&subject, q.kind) => {
                p.category
            }
            _ => classify(text, q, sentence, &subject, heading, headings),
        };
        metrics.push(Metric {
            span: q.span,
            text: q.span.slice(text).to_owned(),
            value: q.value.normalize(),
            upper: q.upper.map(|u| u.normalize()),
            value_f64: q.value.to_f64().unwrap_or(0.0),
            unit_written: q.unit_written.clone(),
            unit: q.unit.to_owned(),
            approx: q.approx,
            change: change_before(text, lo, q.lead).or_else(|| {
                // `同比分别下降33.3%和50%`: a figure joined to a change shares its direction.
                let prev = metrics.last().filter(|p| p.sentence == sentence)?;
                let between = text.get(prev.span.end..q.lead)?.trim();
                JOINERS.contains(&between).then_some(prev.change)?
            }),
            subject,
            subject_span,
            category,
            section_path: heading
                .and_then(|h| headings.get(h))
                .map(|h| h.path.clone())
                .unwrap_or_default(),
            heading,
            sentence,
        });
    }
    metrics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidate_table() {
        let table = [
            ("共154项", Some("1")),
            ("两千余人", Some("两")),
            ("零投诉", Some("零")),
            ("百分之九十", Some("百分之")),
            ("１２项", Some("１")),
            ("千家万户", None),
            ("无数字", None),
            ("百分点", None),
            ("百分之", Some("百分之")),
            ("第十", Some("十")),
        ];
        for (s, want) in table {
            assert_eq!(next_candidate(s, 0).map(|(_, m)| m), want, "{s}");
        }
    }

    #[test]
    fn percent_zh_table() {
        let table = [
            ("百分之九十五以上", Some("百分之九十五")),
            ("百分之百", Some("百分之百")),
            ("百分之80", Some("百分之80")),
            ("百分之", None),
            ("百分点", None),
        ];
        for (s, want) in table {
            assert_eq!(PERCENT_ZH.find(s).map(|m| m.as_str()), want, "{s}");
        }
    }

    #[test]
    fn zero_table() {
        let table = [
            ("零投诉、", Some("零投诉")),
            ("零复议", Some("零复议")),
            ("零容忍", None),
            ("零距离", None),
            ("投诉", None),
        ];
        for (s, want) in table {
            assert_eq!(ZERO.find(s).map(|m| m.as_str()), want, "{s}");
        }
    }

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
