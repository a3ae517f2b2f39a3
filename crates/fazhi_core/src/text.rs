//! Small text helpers shared by the passes.

use crate::Span;

/// Sentence-ending characters.
const SENTENCE_END: &[char] = &['。', '；', ';', '！', '!', '？', '?', '\n'];

/// The span of the sentence around `offset`, within `bounds`.
#[must_use]
pub fn sentence_at(text: &str, bounds: Span, offset: usize) -> Span {
    let lo = bounds.start.min(text.len());
    let hi = bounds.end.min(text.len());
    let offset = offset.clamp(lo, hi);
    let before = text.get(lo..offset).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| SENTENCE_END.contains(c))
        .map_or(lo, |(i, c)| lo + i + c.len_utf8());
    let after = text.get(offset..hi).unwrap_or("");
    let end = after
        .char_indices()
        .find(|(_, c)| SENTENCE_END.contains(c))
        .map_or(hi, |(i, c)| {
            offset + i + if c == '\n' { 0 } else { c.len_utf8() }
        });
    Span::new(start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_is_bounded_by_full_stops() {
        let t = "甲。乙丙123件。丁";
        let off = t.find('1').unwrap();
        let s = sentence_at(t, Span::new(0, t.len()), off);
        assert_eq!(s.slice(t), "乙丙123件。");
    }
}
