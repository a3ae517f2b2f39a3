//! Totals and their parts. Reports often state a total and then some of what it is made of:
//! `办理行政复议案件52件，其中维持31件、撤销4件`, or `共查处案件120件。其中，简易程序80件`.
//! A sum over a report's figures (the page's headline indicators, year by year and report
//! by report) must take the total once and leave the parts out; [`parts_of_totals`] says
//! which figures are such parts.
//!
//! The rule, in full. A figure is a part of an earlier total when
//!
//! 1. its own sentence holds a part marker ([`PART_MARKERS`]: 其中, 包括, 含) before it, and
//! 2. an earlier figure of the same category and a compatible unit (the same unit after
//!    scaling, or two of one group in [`SAME_COUNT`]: 件/起/宗, 人次/人, 家次/家) ends before
//!    that marker, in the same sentence or in the sentence directly before it (nothing but
//!    white space between the two).
//!
//! Sentences are the analysis' own (`Metric::sentence`: ended by 。；！？ or a line break).
//! The marker must stand in the part's own sentence, not merely somewhere after the total:
//! in `办理复议案件52件，其中维持31件。办理行政诉讼案件20件。` the 其中 of the first sentence
//! does not make 20件 a part.
//!
//! What it does not see (limits): parts listed over several sentences ended by ；
//! (`其中：维持31件；撤销4件；` — 撤销4件 is in a sentence of its own with no marker, so
//! it is summed); a total stated after its parts (`简易程序80件、一般程序40件，共计120件`);
//! a part introduced without a marker (`受理52件，维持31件`); a total and its parts given
//! different categories by the classifier; and a marker that refers to something else
//! between two independent figures of one kind in one sentence.

use crate::{Category, Metric, Span};

/// Words that open the parts of a figure stated before them.
pub const PART_MARKERS: [&str; 3] = ["其中", "包括", "含"];

/// Characters after 含 that make a word of it rather than a marker (含义, 含量, 含金量).
const NOT_AFTER_HAN: [char; 3] = ['义', '量', '金'];

/// Units that count one thing in different words: a total in 件 may have parts in 起.
pub const SAME_COUNT: [&[&str]; 3] = [&["件", "起", "宗"], &["人次", "人"], &["家次", "家"]];

/// The unit a figure is compared by: the first of its [`SAME_COUNT`] group, or itself.
fn unit_class(unit: &str) -> &str {
    SAME_COUNT
        .iter()
        .find(|group| group.contains(&unit))
        .and_then(|group| group.first().copied())
        .unwrap_or(unit)
}

/// Where the last part marker in `text[from..to]` starts, if any (`None` also when the
/// range does not fit the text).
fn last_marker(text: &str, from: usize, to: usize) -> Option<usize> {
    let window = text.get(from..to)?;
    PART_MARKERS
        .iter()
        .filter_map(|marker| {
            window.rmatch_indices(marker).map(|(i, _)| i).find(|&i| {
                // 含 only as a word of its own: not 含义, 含量, 含金量.
                *marker != "含"
                    || !window
                        .get(i + marker.len()..)
                        .and_then(|rest| rest.chars().next())
                        .or_else(|| text.get(to..).and_then(|rest| rest.chars().next()))
                        .is_some_and(|c| NOT_AFTER_HAN.contains(&c))
            })
        })
        .max()
        .map(|i| from + i)
}

/// Whether sentence `after` directly follows sentence `before` (only white space between).
fn adjacent(text: &str, before: Span, after: Span) -> bool {
    before.end <= after.start
        && text
            .get(before.end..after.start)
            .is_some_and(|gap| gap.chars().all(char::is_whitespace))
}

/// One sentence that holds figures: for each kind of figure in it (category, unit class),
/// where the first of them ends.
struct Seen<'m> {
    sentence: Span,
    firsts: Vec<((Category, &'m str), usize)>,
}

/// For each metric (in the order given, which is document order), whether it is a part of
/// an earlier total by the rule in the module's documentation, and so to be left out of a
/// sum that already holds the total.
///
/// Linear in the text and the metrics: each sentence's text before its last figure is read
/// once, and a figure is compared only with the kinds of figure (at most one per category
/// and unit) of its own sentence and the one before. Total: any metrics and any text give
/// an answer, never a panic; spans that do not fit the text find no marker.
#[must_use]
pub fn parts_of_totals(text: &str, metrics: &[Metric]) -> Vec<bool> {
    let mut parts = Vec::with_capacity(metrics.len());
    let mut current: Option<Seen<'_>> = None;
    // The kinds of figure of the sentence directly before the current one.
    let mut before: Vec<((Category, &str), usize)> = Vec::new();
    // The last marker read so far in the current sentence, and how far it has been read.
    let mut marker: Option<usize> = None;
    let mut read_to = 0;
    for m in metrics {
        let mut seen = match current.take() {
            Some(seen) if seen.sentence == m.sentence => seen,
            last => {
                before = last
                    .filter(|s| adjacent(text, s.sentence, m.sentence))
                    .map(|s| s.firsts)
                    .unwrap_or_default();
                marker = None;
                read_to = m.sentence.start;
                Seen {
                    sentence: m.sentence,
                    firsts: Vec::new(),
                }
            }
        };
        if let Some(p) = last_marker(text, read_to, m.span.start) {
            marker = Some(p);
        }
        read_to = read_to.max(m.span.start);
        let kind = (m.category, unit_class(&m.unit));
        let part = marker.is_some_and(|p| {
            before.iter().any(|(k, _)| *k == kind)
                || seen.firsts.iter().any(|(k, end)| *k == kind && *end <= p)
        });
        parts.push(part);
        if !seen.firsts.iter().any(|(k, _)| *k == kind) {
            seen.firsts.push((kind, m.span.end));
        }
        current = Some(seen);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The figures of `text` with whether each is a part: `(figure text, part)`.
    fn marked(text: &str) -> Vec<(String, bool)> {
        let a = crate::analyze(text);
        let parts = parts_of_totals(text, &a.metrics);
        assert_eq!(parts.len(), a.metrics.len());
        a.metrics
            .iter()
            .map(|m| m.text.clone())
            .zip(parts)
            .collect()
    }

    #[test]
    fn case_table() {
        let cases: &[(&str, &[(&str, bool)])] = &[
            // A total and its parts in one sentence.
            (
                "一、成效\n全年办理行政复议案件52件，其中维持31件、撤销4件。",
                &[("52件", false), ("31件", true), ("4件", true)],
            ),
            // 其中 opens the next sentence.
            (
                "一、成效\n共查处行政处罚案件120件。其中，简易程序处罚案件80件，一般程序处罚案件40件。",
                &[("120件", false), ("80件", true), ("40件", true)],
            ),
            // 其中 in the next paragraph, directly after; the parts' category from the heading.
            (
                "一、行政处罚\n共查处行政处罚案件120件。\n其中，简易程序80件。",
                &[("120件", false), ("80件", true)],
            ),
            // Two independent figures in two sentences, no marker: both count.
            (
                "一、成效\n上半年查处行政处罚案件60件。下半年查处行政处罚案件70件。",
                &[("60件", false), ("70件", false)],
            ),
            // The 其中 of an earlier sentence does not reach a figure of the next one.
            (
                "一、成效\n办理行政复议案件52件，其中维持31件。办理行政诉讼案件20件。",
                &[("52件", false), ("31件", true), ("20件", false)],
            ),
            // A sentence in between: not directly before, so no total to be a part of.
            (
                "一、成效\n查处行政处罚案件120件。执法水平不断提高。其中简易程序80件。",
                &[("120件", false), ("80件", false)],
            ),
            // Different categories are unaffected: the fine is no part of the case count,
            // and penalty cases are no part of licences, though both are in 件.
            (
                "一、成效\n查处行政处罚案件120件，其中罚款35万元。",
                &[("120件", false), ("35万元", false)],
            ),
            (
                "一、成效\n办理行政许可1200件，其中查处行政处罚案件30件。",
                &[("1200件", false), ("30件", false)],
            ),
            // …while a part of the same kind after both is found past the other category.
            (
                "一、成效\n查处行政处罚案件120件，办理行政许可1200件，其中简易程序处罚案件80件。",
                &[("120件", false), ("1200件", false), ("80件", true)],
            ),
            // 包括 and 含 are markers too; compatible units (起 in a total of 件).
            (
                "一、成效\n罚没款共计50万元（含没收违法所得5万元）。",
                &[("50万元", false), ("5万元", true)],
            ),
            (
                "一、成效\n查处行政处罚案件120件，包括简易程序案件80起。",
                &[("120件", false), ("80起", true)],
            ),
            // A marker before the total opens no parts of it.
            (
                "一、成效\n其中查处行政处罚案件120件，查处行政处罚案件80件。",
                &[("120件", false), ("80件", false)],
            ),
            // 含义 is a word, not a marker.
            (
                "一、成效\n组织培训1200人次，深刻领会法治的含义，组织培训300人次。",
                &[("1200人次", false), ("300人次", false)],
            ),
            // A known limit: parts over several ；-ended sentences; the second is summed.
            (
                "一、成效\n办理行政复议案件52件，其中：维持31件；撤销4件。",
                &[("52件", false), ("31件", true), ("4件", false)],
            ),
        ];
        for (text, want) in cases {
            let got = marked(text);
            let want: Vec<(String, bool)> =
                want.iter().map(|(t, p)| ((*t).to_owned(), *p)).collect();
            let kinds: Vec<_> = crate::analyze(text)
                .metrics
                .iter()
                .map(|m| (m.category, m.unit.clone(), m.sentence))
                .collect();
            assert_eq!(got, want, "{text}\n{kinds:?}");
        }
    }

    #[test]
    fn the_case_tables_categories_are_what_the_cases_say() {
        let a = crate::analyze("一、成效\n办理行政许可1200件，其中查处行政处罚案件30件。");
        let kinds: Vec<_> = a.metrics.iter().map(|m| m.category).collect();
        assert_eq!(kinds, [Category::Licensing, Category::PenaltyCases]);
        let a = crate::analyze("一、行政处罚\n共查处行政处罚案件120件。\n其中，简易程序80件。");
        assert!(a
            .metrics
            .iter()
            .all(|m| m.category == Category::PenaltyCases));
    }

    #[test]
    fn units_are_compared_by_their_group() {
        assert_eq!(unit_class("起"), "件");
        assert_eq!(unit_class("宗"), "件");
        assert_eq!(unit_class("人"), "人次");
        assert_eq!(unit_class("家"), "家次");
        assert_eq!(unit_class("元"), "元");
        assert_ne!(unit_class("期"), unit_class("人次"));
    }

    #[test]
    fn markers_are_found_last_first_and_spans_that_do_not_fit_find_none() {
        let text = "其中甲，包括乙，含丙，含义丁";
        assert_eq!(last_marker(text, 0, text.len()), text.find("含丙"));
        assert_eq!(last_marker(text, 0, "其中".len()), Some(0));
        assert_eq!(
            last_marker(text, 1, text.len()),
            None,
            "not a char boundary"
        );
        assert_eq!(last_marker(text, 5, 2), None);
        assert_eq!(last_marker(text, 0, text.len() + 9), None);
        // 含 at the end of the window: the character after it is read from the text.
        let t = "含义";
        assert_eq!(last_marker(t, 0, "含".len()), None);
    }

    #[test]
    fn any_metrics_any_text_no_panic() {
        let a = crate::analyze("一、成效\n办理行政复议案件52件，其中维持31件。");
        // The metrics of one text against another (spans that do not fit): an answer.
        for text in ["", "其", "其中", "短"] {
            assert_eq!(parts_of_totals(text, &a.metrics).len(), a.metrics.len());
        }
        assert!(parts_of_totals("", &[]).is_empty());
    }
}
