//! Small text helpers shared by the passes: lines with byte spans, blanks, Chinese numerals.
//!
//! Everything here works on byte offsets into the analysed text and only ever slices at
//! char boundaries (through `str::get`), so no helper can panic on any input.

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

/// The sentences of a text, found in one pass: [`Sentences::at`] answers what
/// [`sentence_at`] answers, by a binary search instead of a scan from the offset.
#[derive(Debug, Clone)]
pub struct Sentences {
    lo: usize,
    hi: usize,
    /// Byte offsets and lengths of every sentence-ending character within the bounds.
    ends: Vec<(usize, usize, bool)>,
}

impl Sentences {
    #[must_use]
    pub fn new(text: &str, bounds: Span) -> Self {
        let lo = bounds.start.min(text.len());
        let hi = bounds.end.min(text.len()).max(lo);
        let ends = text
            .get(lo..hi)
            .unwrap_or("")
            .char_indices()
            .filter(|(_, c)| SENTENCE_END.contains(c))
            .map(|(i, c)| (lo + i, c.len_utf8(), c == '\n'))
            .collect();
        Self { lo, hi, ends }
    }

    /// The span of the sentence around `offset` (the same as [`sentence_at`]).
    #[must_use]
    pub fn at(&self, offset: usize) -> Span {
        let offset = offset.clamp(self.lo, self.hi);
        // The first sentence end at or after the offset closes the sentence; the one
        // before it opens it.
        let k = self.ends.partition_point(|&(i, _, _)| i < offset);
        let start = k
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .map_or(self.lo, |&(i, len, _)| i + len);
        let end = self.ends.get(k).map_or(
            self.hi,
            |&(i, len, newline)| if newline { i } else { i + len },
        );
        Span::new(start, end.max(start))
    }
}

/// A hasher for `char` keys of the fixed tables looked up at every figure ([`WordSet`],
/// the unit index): one multiplication instead of SipHash, whose rounds cost more than the
/// lookup they serve. The tables are built from the code's own word lists, not from input,
/// so nothing can choose keys that collide; and a map gives the same answers whatever its
/// hasher (none of these maps is iterated).
#[derive(Debug, Default, Clone, Copy)]
pub struct CharHasher(u64);

impl std::hash::Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    /// `char` hashes through [`Self::write_u32`]; any other key is folded byte by byte.
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(u32::from(b));
        }
    }

    /// A multiplicative (Fibonacci) hash: the product's high bits, which hashbrown reads
    /// for its control bytes, and its low bits, which pick the bucket, both vary with the
    /// code point.
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map keyed by `char` with [`CharHasher`].
pub type CharMap<V> = std::collections::HashMap<char, V, std::hash::BuildHasherDefault<CharHasher>>;

/// A fixed table of words, indexed by first and by last character, so asking which words
/// start or end a string compares only the few that can (the subject rules ask it of word
/// lists with over a hundred entries, several times per figure). Each bucket keeps the
/// table's order, so "the longest, the last among equals" picks what a scan of the table
/// would.
#[derive(Debug, Default)]
pub struct WordSet {
    by_first: CharMap<Vec<&'static str>>,
    by_last: CharMap<Vec<&'static str>>,
}

impl WordSet {
    /// The words of `lists`, in order (empty words are left out: they start everything).
    #[must_use]
    pub fn new(lists: &[&[&'static str]]) -> Self {
        let mut set = Self::default();
        for &w in lists.iter().flat_map(|l| l.iter()) {
            if let (Some(f), Some(l)) = (w.chars().next(), w.chars().next_back()) {
                set.by_first.entry(f).or_default().push(w);
                set.by_last.entry(l).or_default().push(w);
            }
        }
        set
    }

    /// The words that `s` starts with, in table order.
    pub fn starting<'s>(&'s self, s: &'s str) -> impl Iterator<Item = &'static str> + 's {
        s.chars()
            .next()
            .and_then(|c| self.by_first.get(&c))
            .into_iter()
            .flatten()
            .copied()
            .filter(move |w| s.starts_with(w))
    }

    /// The words that `s` ends with, in table order.
    pub fn ending<'s>(&'s self, s: &'s str) -> impl Iterator<Item = &'static str> + 's {
        s.chars()
            .next_back()
            .and_then(|c| self.by_last.get(&c))
            .into_iter()
            .flatten()
            .copied()
            .filter(move |w| s.ends_with(w))
    }
}

/// The smallest char boundary of `text` at or above `i` (`text.len()` when `i` is past it).
#[must_use]
pub fn ceil_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The largest char boundary of `text` at or below `i` (`text.len()` when `i` is past it).
#[must_use]
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// White space inside a line: everything `char::is_whitespace` except the line break
/// (so ASCII and full-width spaces, tabs, `\r`, no-break spaces).
#[must_use]
pub fn is_blank(c: char) -> bool {
    match c {
        // ASCII: the line break is not blank.
        '\0'..='\u{7f}' => matches!(c, '\t' | '\u{b}' | '\u{c}' | '\r' | ' '),
        // The CJK range where reports spend most of their characters holds no white space
        // (U+3000 lies just below it, U+FEFF just above).
        '\u{3001}'..='\u{fefe}' => false,
        _ => c.is_whitespace() || c == '\u{feff}',
    }
}

/// A set of byte values, for finding the next byte of interest in a text in one tight loop.
///
/// Per byte it holds how far to step on when the byte is not in the set: a whole character
/// from the lead byte of a three-byte character (most of a Chinese text is such characters,
/// read in one step instead of three), one byte otherwise. A lead byte steps one byte only
/// when a continuation byte (0x80–0xBF) is itself in the set, so no byte of the set is passed
/// over. The step is taken by a branch, not added from the table: the next position is then
/// known before the table is read, and the loop runs as fast as a plain byte scan.
pub struct ByteSet([u8; 256]);

impl ByteSet {
    /// The set of `bytes` and of every byte in `ranges` (inclusive).
    #[must_use]
    pub const fn new(bytes: &[u8], ranges: &[(u8, u8)]) -> Self {
        let mut t = [false; 256];
        let mut i = 0;
        while i < bytes.len() {
            t[bytes[i] as usize] = true;
            i += 1;
        }
        let mut r = 0;
        while r < ranges.len() {
            let (lo, hi) = ranges[r];
            let mut x = lo as usize;
            while x <= hi as usize {
                t[x] = true;
                x += 1;
            }
            r += 1;
        }
        Self(Self::steps(&t))
    }

    /// The step table of the set whose members are marked in `member`.
    const fn steps(member: &[bool; 256]) -> [u8; 256] {
        let mut continuation_in_set = false;
        let mut cont = 0x80;
        while cont <= 0xbf {
            continuation_in_set |= member[cont];
            cont += 1;
        }
        let mut step = [0u8; 256];
        let mut byte = 0;
        while byte < 256 {
            step[byte] = if member[byte] {
                0
            } else if continuation_in_set {
                1
            } else {
                match byte {
                    0xe0..=0xef => 3,
                    _ => 1,
                }
            };
            byte += 1;
        }
        step
    }

    /// The first position at or after `from` whose byte is in the set (`from` need not be
    /// a char boundary: from inside a character it steps a byte at a time to the next one).
    #[must_use]
    pub fn next_in(&self, s: &str, from: usize) -> Option<usize> {
        let b = s.as_bytes();
        let mut i = from;
        while let Some(&x) = b.get(i) {
            match self.0[usize::from(x)] {
                3 => i += 3,
                0 => return Some(i),
                _ => i += 1,
            }
        }
        None
    }
}

/// Where a blank or a line break may start: ASCII white space and the lead bytes of every
/// white-space character outside ASCII (C2, E1, E2, E3, EF).
static BLANK_LEADS: ByteSet = ByteSet::new(b"\t\n\x0b\x0c\r \xc2\xe1\xe2\xe3\xef", &[]);

/// The length of the blank or line break starting at `i` of `b`, if one does
/// (`char::is_whitespace` and U+FEFF, by their UTF-8 bytes).
fn blank_len_at(bytes: &[u8], at: usize) -> Option<usize> {
    let byte = |k: usize| bytes.get(at + k).copied().unwrap_or(0);
    let (lead, second, third) = (byte(0), byte(1), byte(2));
    let three = match lead {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => return Some(1),
        // U+0085, U+00A0.
        0xc2 => return matches!(second, 0x85 | 0xa0).then_some(2),
        // U+1680.
        0xe1 => second == 0x9a && third == 0x80,
        // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F.
        0xe2 => {
            (second == 0x80 && matches!(third, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf))
                || (second == 0x81 && third == 0x9f)
        }
        // U+3000.
        0xe3 => second == 0x80 && third == 0x80,
        // U+FEFF.
        0xef => second == 0xbb && third == 0xbf,
        _ => false,
    };
    three.then_some(3)
}

/// How many characters of `s` are neither blank ([`is_blank`]) nor a line break: the
/// same count as `s.chars().filter(|&c| !is_blank(c) && c != '\n').count()`, read from the
/// bytes: all characters, less the blanks found at the few bytes where one can start.
#[must_use]
pub fn content_chars(s: &str) -> usize {
    let b = s.as_bytes();
    let mut blanks = 0;
    let mut i = 0;
    while let Some(p) = BLANK_LEADS.next_in(s, i) {
        match blank_len_at(b, p) {
            Some(len) => {
                blanks += 1;
                i = p + len;
            }
            None => i = p + 1,
        }
    }
    s.chars().count() - blanks
}

/// `span` clamped to `text` and moved onto char boundaries (start down, end down).
#[must_use]
pub fn clamp(text: &str, span: Span) -> Span {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while i > 0 && !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start);
    let end = floor(span.end).max(start);
    Span::new(start, end)
}

/// The lines inside `bounds`, each without its `\n` (a `\r` before it is left in).
#[must_use]
pub fn lines(text: &str, bounds: Span) -> Vec<Span> {
    let b = clamp(text, bounds);
    let body = b.slice(text);
    // Counting the line breaks first (a vectorised byte count) spares the regrowing.
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', body.as_bytes()).count() + 1);
    let mut start = b.start;
    // `\n` is one byte and never part of another UTF-8 sequence: a byte search is exact.
    for i in memchr::memchr_iter(b'\n', body.as_bytes()) {
        out.push(Span::new(start, b.start + i));
        start = b.start + i + 1;
    }
    out.push(Span::new(start, b.end));
    out
}

/// `span` without blanks at either end (see [`is_blank`]).
#[must_use]
pub fn trim(text: &str, span: Span) -> Span {
    let span = clamp(text, span);
    let s = span.slice(text);
    let lead = s.len() - s.trim_start_matches(is_blank).len();
    let tail = s.len() - s.trim_end_matches(is_blank).len();
    if lead + tail >= s.len() {
        return Span::new(
            span.start + lead.min(s.len()),
            span.start + lead.min(s.len()),
        );
    }
    Span::new(span.start + lead, span.end - tail)
}

/// The value of one Chinese digit (`〇零○一…九`).
#[must_use]
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' | 'Ｏ' | 'O' | '0' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A small Chinese numeral as used in headings and dates: `一` … `九十九`, `一百二十三`.
/// Returns `None` for anything else (including the empty string).
#[must_use]
pub fn parse_cn_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in s.chars() {
        match c {
            '十' | '百' => {
                let unit = if c == '十' { 10 } else { 100 };
                if unit >= last_unit {
                    return None;
                }
                last_unit = unit;
                total += digit.take().unwrap_or(1) * unit;
            }
            _ => {
                let d = cn_digit(c)?;
                if digit.is_some() {
                    return None;
                }
                if d == 0 {
                    // 零 only stands between units: 一百零五.
                    if total == 0 {
                        return None;
                    }
                    continue;
                }
                digit = Some(d);
            }
        }
    }
    total += digit.unwrap_or(0);
    (total > 0).then_some(total)
}

/// A digit-by-digit Chinese year such as `二〇二五`.
#[must_use]
pub fn parse_cn_digits(s: &str) -> Option<u32> {
    let mut v = 0u32;
    let mut n = 0;
    for c in s.chars() {
        v = v.checked_mul(10)?.checked_add(cn_digit(c)?)?;
        n += 1;
    }
    (n > 0).then_some(v)
}

/// ASCII and full-width decimal digits to a number (`１２` → 12).
#[must_use]
pub fn parse_digits(s: &str) -> Option<u32> {
    let mut v = 0u32;
    let mut n = 0;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => u32::from(c) - u32::from('0'),
            '０'..='９' => u32::from(c) - u32::from('０'),
            _ => return None,
        };
        v = v.checked_mul(10)?.checked_add(d)?;
        n += 1;
    }
    (n > 0).then_some(v)
}

/// `n` written the way Word's `chineseCounting` numbering writes it (1 → 一, 11 → 十一,
/// 20 → 二十, 105 → 一百零五). Zero and numbers of 1000 or more fall back to digits.
#[must_use]
pub fn to_cn_number(n: u32) -> String {
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |d: u32| D.get(d as usize).copied().unwrap_or('零');
    match n {
        1..=9 => digit(n).to_string(),
        10..=19 => {
            let mut s = String::from("十");
            if n % 10 != 0 {
                s.push(digit(n % 10));
            }
            s
        }
        20..=99 => {
            let mut s = String::new();
            s.push(digit(n / 10));
            s.push('十');
            if n % 10 != 0 {
                s.push(digit(n % 10));
            }
            s
        }
        100..=999 => {
            let mut s = String::new();
            s.push(digit(n / 100));
            s.push('百');
            let rest = n % 100;
            if rest == 0 {
                return s;
            }
            if rest < 10 {
                s.push('零');
                s.push(digit(rest));
            } else {
                s.push(digit(rest / 10));
                s.push('十');
                if rest % 10 != 0 {
                    s.push(digit(rest % 10));
                }
            }
            s
        }
        _ => n.to_string(),
    }
}

/// Whether `c` is a CJK ideograph (the basic block and extension A).
#[must_use]
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// The last char of `text` before byte `offset` that is not a blank, with its offset.
#[must_use]
pub fn prev_non_blank(text: &str, offset: usize) -> Option<(usize, char)> {
    text.get(..offset.min(text.len()))?
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_blank(c))
}

/// Test data for the prechecks that stand in front of line patterns: the lines, trimmed of
/// blanks, of the demo report, of a held-out real report and of `extra`.
#[cfg(test)]
pub(crate) fn sample_lines(extra: &'static str) -> impl Iterator<Item = &'static str> {
    [
        include_str!("../../../www/demo/demo-report.txt"),
        include_str!("../../fazhi_eval/tests/heldout/b1_lanchuan.txt"),
        extra,
    ]
    .into_iter()
    .flat_map(str::lines)
    .map(|line| line.trim_matches(is_blank))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_set_agrees_with_a_scan() {
        const A: &[&str] = &["开展", "开", "组织", "展开", "", "开展工作"];
        const B: &[&str] = &["工作", "作"];
        let set = WordSet::new(&[A, B]);
        for s in [
            "开展工作",
            "开",
            "组织开展",
            "展开",
            "工作",
            "",
            "无关",
            "开展工",
        ] {
            let starting: Vec<&str> = A
                .iter()
                .chain(B)
                .copied()
                .filter(|w| !w.is_empty() && s.starts_with(w))
                .collect();
            let ending: Vec<&str> = A
                .iter()
                .chain(B)
                .copied()
                .filter(|w| !w.is_empty() && s.ends_with(w))
                .collect();
            assert_eq!(set.starting(s).collect::<Vec<_>>(), starting, "{s}");
            assert_eq!(set.ending(s).collect::<Vec<_>>(), ending, "{s}");
        }
    }

    /// A [`CharMap`] answers as a map with the standard hasher does, for every char of the
    /// sample texts (present or absent), and its hash spreads them: no bucket chain is long.
    #[test]
    fn char_map_agrees_with_a_std_map() {
        use std::hash::BuildHasher;
        let chars: Vec<char> = sample_lines("é𝟘\u{10ffff}\0")
            .flat_map(str::chars)
            .collect();
        let mut fast: CharMap<usize> = CharMap::default();
        let mut std_map = std::collections::HashMap::new();
        for (i, &c) in chars.iter().enumerate().step_by(3) {
            fast.insert(c, i);
            std_map.insert(c, i);
        }
        assert_eq!(fast.len(), std_map.len());
        for c in &chars {
            assert_eq!(fast.get(c), std_map.get(c), "{c}");
        }
        let build = std::hash::BuildHasherDefault::<CharHasher>::default();
        let mut hashes: Vec<u64> = fast.keys().map(|c| build.hash_one(c)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), fast.len(), "distinct chars hash apart");
    }

    /// The byte sets find what a plain scan of the bytes finds, from every offset.
    #[test]
    fn byte_set_agrees_with_a_byte_scan() {
        let sets = [
            ByteSet::new(b"\t\n\x0b\x0c\r \xc2\xe1\xe2\xe3\xef", &[]),
            ByteSet::new(b"\n;!?\xe3\xef", &[]),
            ByteSet::new(b"\x7f\xc2\xef", &[(0x00, 0x08), (0x0b, 0x0b), (0x0d, 0x1f)]),
            ByteSet::new(b"\x8c", &[(0xe4, 0xe5)]),
            ByteSet::new(b"", &[]),
        ];
        for text in [
            include_str!("../../../www/demo/demo-report.txt"),
            "é1ü２𝟘三ℕ　四，百\u{feff}分。之\u{a0}五；\u{2028}\r\n😀\u{7f}\u{85}\u{fffd}",
            "",
        ] {
            let b = text.as_bytes();
            for set in &sets {
                // Membership of every byte, read from the step table.
                let member = |x: u8| set.0[usize::from(x)] == 0;
                for from in 0..=b.len() + 1 {
                    let plain = b
                        .get(from..)
                        .and_then(|r| r.iter().position(|&x| member(x)))
                        .map(|p| from + p);
                    assert_eq!(set.next_in(text, from), plain, "from {from}");
                }
            }
        }
    }

    #[test]
    fn content_chars_agrees_with_the_char_count() {
        let slow = |s: &str| s.chars().filter(|&c| !is_blank(c) && c != '\n').count();
        // Every code point alone, between Han characters, and in runs.
        for u in 0..=0x10_ffffu32 {
            if let Some(c) = char::from_u32(u) {
                let s = format!("法{c}治{c}{c}");
                assert_eq!(content_chars(&s), slow(&s), "U+{u:04X}");
            }
        }
        for s in [
            "",
            " ",
            "\n",
            "　甲\u{feff}乙\u{a0}丙\u{2028}丁\r\n",
            "ab c\td",
            "😀 𠀀",
        ] {
            assert_eq!(content_chars(s), slow(s), "{s:?}");
        }
    }

    #[test]
    fn is_blank_agrees_with_is_whitespace() {
        for u in 0..=0x10_ffffu32 {
            if let Some(c) = char::from_u32(u) {
                let want = c != '\n' && (c.is_whitespace() || c == '\u{feff}');
                assert_eq!(is_blank(c), want, "U+{u:04X}");
            }
        }
    }

    #[test]
    fn sentences_agree_with_sentence_at() {
        let texts = [
            "甲。乙；丙\n丁！戊？己",
            "。。\n\n；a;b!c?d",
            "",
            "没有句号的一行",
            "开头\n",
        ];
        for text in texts {
            for (lo, hi) in [(0, text.len()), (3, text.len()), (0, text.len() / 2)] {
                let bounds = clamp(text, Span::new(lo, hi));
                let sentences = Sentences::new(text, bounds);
                for offset in 0..=text.len() + 1 {
                    if !text.is_char_boundary(offset.min(text.len())) {
                        continue;
                    }
                    assert_eq!(
                        sentences.at(offset),
                        sentence_at(text, bounds, offset),
                        "{text:?} {bounds:?} {offset}"
                    );
                }
            }
        }
    }

    #[test]
    fn sentence_is_bounded_by_full_stops() {
        let t = "甲。乙丙123件。丁";
        let off = t.find('1').unwrap();
        let s = sentence_at(t, Span::new(0, t.len()), off);
        assert_eq!(s.slice(t), "乙丙123件。");
    }

    #[test]
    fn chinese_numbers() {
        let cases = [
            ("一", Some(1)),
            ("九", Some(9)),
            ("十", Some(10)),
            ("十一", Some(11)),
            ("二十", Some(20)),
            ("二十三", Some(23)),
            ("九十九", Some(99)),
            ("一百零五", Some(105)),
            ("", None),
            ("零", None),
            ("十十", None),
            ("一二", None),
            ("甲", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_cn_number(s), want, "{s}");
        }
        for n in 1..=999 {
            assert_eq!(parse_cn_number(&to_cn_number(n)), Some(n), "{n}");
        }
        assert_eq!(to_cn_number(0), "0");
        assert_eq!(parse_cn_digits("二〇二五"), Some(2025));
        assert_eq!(parse_cn_digits("二○二四"), Some(2024));
        assert_eq!(parse_digits("１２"), Some(12));
        assert_eq!(parse_digits("1a"), None);
    }

    #[test]
    fn lines_and_trim_keep_offsets() {
        let t = "　一、甲 \n\n乙";
        let ls = lines(t, Span::new(0, t.len()));
        assert_eq!(ls.len(), 3);
        assert_eq!(trim(t, ls[0]).slice(t), "一、甲");
        assert!(trim(t, ls[1]).is_empty());
        assert_eq!(ls[2].slice(t), "乙");
        // Out-of-range and mid-char spans are clamped, never panic.
        assert_eq!(clamp(t, Span::new(1, 99)), Span::new(0, t.len()));
        assert_eq!(
            lines(t, Span::new(50, 60)),
            vec![Span::new(t.len(), t.len())]
        );
    }
}
