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
//!   [`crate::Approx`];
//! * numbers in quotations and titles, document numbers, phone numbers, IDs, dates, times,
//!   ordinals (`第3`), heading markers and small Chinese numerals (`三大缺失`) are skipped.

pub mod category;
pub mod exclude;
pub mod markers;
pub mod number;
pub mod scan;
pub mod subject;
pub mod subject_words;
pub mod totals;
pub mod units;

use rust_decimal::prelude::ToPrimitive;

use crate::structure::SectionCursor;
use crate::{text, Category, Heading, Metric, Span};
use markers::change_before;
pub use markers::{PREFIX_MARKERS, SUFFIX_MARKERS};
use scan::Quantity;
pub use scan::{next_candidate, PERCENT_ZH, ZERO, ZERO_RESULTS};
pub use totals::parts_of_totals;
use units::UnitKind;

/// How far (in bytes, about 200 Chinese characters) the sentence around a number is read on
/// either side of it to classify it.
pub const MAX_CONTEXT: usize = 600;

/// Characters that end a clause (for the category's context). The code reads them from
/// their bytes ([`clause_end_ends_at`]); the tests compare that with this list.
#[cfg(test)]
const CLAUSE_END: &[char] = &['，', ',', '；', ';', '：', ':', '。', '！', '？', '\n'];

/// Whether the bytes of `b` ending at `i` (inclusive) are the last byte of a
/// [`CLAUSE_END`] character: `,` `;` `:` `\n`, or the three bytes of `，` `；` `：` `！`
/// `？` (EF BC 8C/9B/9A/81/9F) or `。` (E3 80 82). EF and E3 are lead bytes, so three bytes
/// that match are that character, never the tail of another.
fn clause_end_ends_at(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(b',' | b';' | b':' | b'\n') => true,
        Some(0x8c | 0x9b | 0x9a | 0x81 | 0x9f) => {
            i >= 2 && b.get(i - 2..i) == Some(&[0xef, 0xbc][..])
        }
        Some(0x82) => i >= 2 && b.get(i - 2..i) == Some(&[0xe3, 0x80][..]),
        _ => false,
    }
}

/// The length of the clause that ends `before`: what follows its last [`CLAUSE_END`]
/// (`before.rsplit(CLAUSE_END).next()`), read from the bytes backwards rather than by
/// decoding each char and comparing it with the list (a test holds the two equal).
fn clause_len_before(before: &str) -> usize {
    let b = before.as_bytes();
    (0..b.len())
        .rev()
        .find(|&i| clause_end_ends_at(b, i))
        .map_or(b.len(), |i| b.len() - i - 1)
}

/// The length of the clause that starts `after`: up to its first [`CLAUSE_END`]
/// (`after.split(CLAUSE_END).next()`), read from the bytes (a test holds the two equal).
fn clause_len_after(after: &str) -> usize {
    let b = after.as_bytes();
    (0..b.len())
        .find(|&i| clause_end_ends_at(b, i))
        .map_or(b.len(), |i| {
            // The end's first byte: three-byte ends start two bytes before their last.
            if b.get(i).is_some_and(u8::is_ascii) {
                i
            } else {
                i - 2
            }
        })
}

/// What may stand between two figures of one list (`33.3%和50%`).
const JOINERS: &[&str] = &["和", "与", "及", "、", "，", ","];

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
    sentence_hits: &category::SentenceHits,
) -> Category {
    // The sentence is read only so far on either side of the number, so a line of
    // thousands of figures with no full stop costs no more per figure than a real sentence.
    let from = text::floor_char_boundary(text, q.lead.saturating_sub(MAX_CONTEXT))
        .max(sentence.start.min(q.lead));
    let to = text::floor_char_boundary(text, q.span.end.saturating_add(MAX_CONTEXT))
        .min(sentence.end.max(q.span.end));
    let before = text.get(from..q.lead).unwrap_or("");
    let after = text.get(q.span.end..to.max(q.span.end)).unwrap_or("");
    let titles: Vec<&str> = std::iter::successors(heading, |&h| headings.get(h)?.parent)
        .take(headings.len())
        .filter_map(|h| headings.get(h).map(|h| h.title.as_str()))
        .collect();
    category::classify(&category::Context {
        subject,
        sentence: (before, after),
        clause: (clause_len_before(before), clause_len_after(after)),
        headings: &titles,
        unit: q.unit,
        money: q.kind == UnitKind::Money,
        sentence_hits: Some((sentence_hits, from, q.span.end)),
    })
}

/// Extract every stated quantity inside `body`, in document order, outside the `excluded`
/// regions that earlier passes found (page furniture inside the body; sorted spans).
#[must_use]
pub fn extract(text: &str, body: Span, headings: &[Heading], excluded: &[Span]) -> Vec<Metric> {
    let body = clamp(text, body);
    let quantities = scan::scan(text, body, headings, excluded);
    let mut sections = SectionCursor::new(headings);
    let sentences = text::Sentences::new(text, body);
    // The keywords of the current sentence, found once for the figures in it.
    let mut sentence_hits: Option<(Span, category::SentenceHits)> = None;
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
            _ => {
                let shared = match &mut sentence_hits {
                    Some((s, hits)) if *s == sentence => &*hits,
                    slot => {
                        let found = category::SentenceHits::find(text, sentence);
                        &slot.insert((sentence, found)).1
                    }
                };
                classify(text, q, sentence, &subject, heading, headings, shared)
            }
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

    /// The clause lengths read from bytes equal those of `rsplit` / `split` on
    /// [`CLAUSE_END`], for every prefix and suffix of the sample lines and any text.
    #[test]
    fn clause_lengths_agree_with_split() {
        let check = |s: &str| {
            for (at, _) in s.char_indices().chain([(s.len(), ' ')]) {
                let (before, after) = s.split_at(at);
                assert_eq!(
                    clause_len_before(before),
                    before.rsplit(CLAUSE_END).next().unwrap_or("").len(),
                    "{before}"
                );
                assert_eq!(
                    clause_len_after(after),
                    after.split(CLAUSE_END).next().unwrap_or("").len(),
                    "{after}"
                );
            }
        };
        for line in text::sample_lines("甲，乙,丙；丁;戊：己:庚。辛！壬？癸\n子") {
            check(line);
        }
        check(include_str!("../../../../www/demo/demo-report.txt"));
    }

    proptest::proptest! {
        #[test]
        fn clause_lengths_agree_on_any_text(s in "[，,；;：:。！？\n甲乙a1😀é｜＂＠\u{ff0c}\u{ff1b}\u{3002}\u{3001}]{0,30}") {
            let (b, a) = s.split_at(s.char_indices().nth(s.chars().count() / 2).map_or(s.len(), |(i, _)| i));
            proptest::prop_assert_eq!(clause_len_before(b), b.rsplit(CLAUSE_END).next().unwrap_or("").len());
            proptest::prop_assert_eq!(clause_len_after(a), a.split(CLAUSE_END).next().unwrap_or("").len());
            proptest::prop_assert_eq!(clause_len_before(&s), s.rsplit(CLAUSE_END).next().unwrap_or("").len());
            proptest::prop_assert_eq!(clause_len_after(&s), s.split(CLAUSE_END).next().unwrap_or("").len());
        }
    }

    /// Categories with the sentence's keywords found once equal those found per context.
    #[test]
    fn shared_sentence_hits_change_nothing() {
        let texts = [
            include_str!("../../../../www/demo/demo-report.txt"),
            include_str!("../../../fazhi_eval/tests/heldout/a1_chengchuan_sifa.txt"),
            include_str!("../../../fazhi_eval/tests/heldout/b1_lanchuan.txt"),
        ];
        for text in texts {
            let a = crate::analyze(text);
            assert!(!a.metrics.is_empty());
            let body = a.body;
            let quantities = scan::scan(text, body, &a.headings, &[]);
            let sentences = text::Sentences::new(text, body);
            for q in &quantities {
                let sentence = sentences.at(q.span.start);
                let shared = category::SentenceHits::find(text, sentence);
                let with = classify(text, q, sentence, "", None, &[], &shared);
                let from = text::floor_char_boundary(text, q.lead.saturating_sub(MAX_CONTEXT))
                    .max(sentence.start.min(q.lead));
                let to = text::floor_char_boundary(text, q.span.end.saturating_add(MAX_CONTEXT))
                    .min(sentence.end.max(q.span.end));
                let before = &text[from..q.lead];
                let after = &text[q.span.end..to.max(q.span.end)];
                let without = category::classify(&category::Context {
                    subject: "",
                    sentence: (before, after),
                    clause: (
                        before.rsplit(CLAUSE_END).next().unwrap_or("").len(),
                        after.split(CLAUSE_END).next().unwrap_or("").len(),
                    ),
                    headings: &[],
                    unit: q.unit,
                    money: q.kind == UnitKind::Money,
                    sentence_hits: None,
                });
                assert_eq!(with, without, "{}", q.span.slice(text));
            }
        }
    }
}
