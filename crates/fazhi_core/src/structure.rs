//! Headings (four GB/T 9704 levels), enumerations and hierarchy checks.
//!
//! Headings are looked for at the start of each line and, for reports pasted as one long
//! line, after a run of white space inside a line. A heading's title runs up to the first
//! `。` `:` `：` `;` `；`, the end of the line, or a run of white space that ends it. Inline
//! candidates must continue the numbering they sit in, so a stray `3、` inside a paragraph
//! does not become a heading; headings at the start of a line are always kept and checked
//! for gaps, repeats and unexpected levels.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::{self, is_blank, is_han, parse_cn_number, parse_digits};
use crate::{Diagnostic, DiagnosticKind, EnumItem, Heading, HeadingLevel, Severity, Span};

/// Normalise a marker or heading path for comparison: full-width brackets, dots and
/// digits become ASCII, white space goes.
#[must_use]
pub fn normalize_marker(s: &str) -> String {
    normalized_chars(s).collect()
}

/// The chars of [`normalize_marker`]`(s)`, for appending them to a string being built.
fn normalized_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !c.is_whitespace()).map(|c| match c {
        '（' => '(',
        '）' => ')',
        '．' => '.',
        '０'..='９' => {
            char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
        }
        _ => c,
    })
}

/// Headings, enumerations and diagnostics found in the body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    pub headings: Vec<Heading>,
    pub enumerations: Vec<EnumItem>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Level 1: `一、` (also `一．` / `一.`).
static L1: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([一二三四五六七八九十]{1,3})[、．.]").expect("static regex"));
/// Level 2: `(一)` / `（一）`.
static L2: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（][ \t　]*([一二三四五六七八九十]{1,3})[ \t　]*[)）]").expect("static regex")
});
/// Level 3: `1.` `1、` `1．` (ASCII or full-width digits).
static L3: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9０-９]{1,2})[.、．]").expect("static regex"));
/// Level 4: `(1)` / `（1）`.
static L4: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（][ \t　]*([0-9０-９]{1,2})[ \t　]*[)）]").expect("static regex")
});

/// How a heading style writes its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// `一` … `九十九`.
    Chinese,
    /// `1` … `99`, ASCII or full-width.
    Arabic,
}

/// What makes a match of a style's pattern not a heading after all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reject {
    /// Nothing: the bracketed styles are unambiguous.
    Never,
    /// A digit or `%` right after the marker: `1.3万余条`, `2、3月份`, `1.5%` are numbers
    /// (but `1.2024年工作情况` is a heading whose title starts with a year).
    NumberFollows,
    /// A list of numerals: `一、二季度`, `一、二级`.
    NumeralList,
}

/// One heading style of GB/T 9704: its level, its marker pattern (anchored at the start,
/// capturing the number), how it numbers and what rejects a match.
pub struct HeadingStyle {
    pub level: HeadingLevel,
    pub pattern: &'static LazyLock<Regex>,
    /// Whether a marker of this style may start with the character (the first item of
    /// `pattern`): [`match_marker`] runs only the patterns that can match.
    pub first: fn(char) -> bool,
    pub numbering: Numbering,
    pub reject: Reject,
}

fn is_bracket_open(c: char) -> bool {
    matches!(c, '(' | '（')
}

fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

fn is_any_digit(c: char) -> bool {
    matches!(c, '0'..='9' | '０'..='９')
}

/// The heading styles, in the order they are tried (bracketed styles first, since `（一）`
/// must not be read as anything else). Structure, metadata and cleaning all recognise
/// headings through this one table ([`match_marker`]).
pub static HEADING_STYLES: [HeadingStyle; 4] = [
    HeadingStyle {
        level: HeadingLevel::L2,
        pattern: &L2,
        first: is_bracket_open,
        numbering: Numbering::Chinese,
        reject: Reject::Never,
    },
    HeadingStyle {
        level: HeadingLevel::L4,
        pattern: &L4,
        first: is_bracket_open,
        numbering: Numbering::Arabic,
        reject: Reject::Never,
    },
    HeadingStyle {
        level: HeadingLevel::L1,
        pattern: &L1,
        first: is_cn_numeral,
        numbering: Numbering::Chinese,
        reject: Reject::NumeralList,
    },
    HeadingStyle {
        level: HeadingLevel::L3,
        pattern: &L3,
        first: is_any_digit,
        numbering: Numbering::Arabic,
        reject: Reject::NumberFollows,
    },
];

/// Run items: `一是` … `十是`, `一方面`, `另一方面`. The pattern states what
/// [`numeral_matches`] finds (a test holds the two equal).
#[cfg(test)]
static ENUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"另一方面|一方面|[一二三四五六七八九十]{1,3}是").expect("static regex")
});
/// A Chinese numeral that may start a run item whose `是` was dropped (`三加强…`). The
/// pattern states what [`numeral_matches`] finds (a test holds the two equal).
#[cfg(test)]
static BARE_NUMERAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[一二三四五六七八九十]{1,3}").expect("static regex"));

/// The numerals of run items and of chapter markers, 一 to 十 ([`numeral_at`] reads them
/// from their bytes).
fn is_item_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Whether the three bytes at `i` of `b` are one of the numerals of run items, 一 to 十
/// (`一` E4 B8 80, `二` E4 BA 8C, `三` E4 B8 89, `四` E5 9B 9B, `五` E4 BA 94, `六` E5 85 AD,
/// `七` E4 B8 83, `八` E5 85 AB, `九` E4 B9 9D, `十` E5 8D 81), read from the bytes without
/// decoding (a test holds it equal to [`is_item_numeral`] over every character).
fn numeral_at(b: &[u8], i: usize) -> bool {
    matches!(
        b.get(i..i + 3),
        Some(
            [0xe4, 0xb8, 0x80 | 0x89 | 0x83]
                | [0xe4, 0xba, 0x8c | 0x94]
                | [0xe4, 0xb9, 0x9d]
                | [0xe5, 0x9b, 0x9b]
                | [0xe5, 0x85, 0xad | 0xab]
                | [0xe5, 0x8d, 0x81]
        )
    )
}

/// The maximal runs of [`is_item_numeral`] characters in `s`, as byte ranges. Every numeral
/// is three bytes starting E4 or E5: one `memchr2` iterator goes from one such byte to the
/// next (a fresh `memchr2` call per hit paid its setup each time, and in Chinese text about
/// every third character starts so; a byte loop instead mispredicted its branch on them),
/// and a run ends at the first three bytes that are not a numeral.
fn numeral_runs(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    for start in memchr::memchr2_iter(0xe4, 0xe5, b) {
        // Hits inside a run already read, or in the numeral just turned away.
        if start < i {
            continue;
        }
        if !numeral_at(b, start) {
            // A lead byte (E4/E5 are never continuation bytes): the next character starts
            // three bytes on.
            i = start + 3;
            continue;
        }
        let mut end = start + 3;
        while numeral_at(b, end) {
            end += 3;
        }
        out.push((start, end));
        i = end;
    }
    out
}

/// The matches of [`ENUM`] and of [`BARE_NUMERAL`] in `s` (byte ranges, in order), found
/// from one pass over the numerals instead of two searches of the whole text. In a run of
/// numerals, `BARE_NUMERAL` takes three at a time from its start; `ENUM` takes at most one
/// item, which must end the run: `另一方面` (the run is `一`, after `另`), the last three or
/// fewer numerals and `是`, or a last `一` and `方面`.
fn numeral_matches(s: &str) -> (Vec<Span>, Vec<Span>) {
    let mut items = Vec::new();
    let mut bare = Vec::new();
    for (start, end) in numeral_runs(s) {
        let mut at = start;
        while at < end {
            let to = (at + 9).min(end);
            bare.push(Span::new(at, to));
            at = to;
        }
        let after = s.get(end..).unwrap_or("");
        let before = s.get(..start).unwrap_or("");
        let run = s.get(start..end).unwrap_or("");
        if run == "一" && before.ends_with('另') && after.starts_with("方面") {
            items.push(Span::new(start - '另'.len_utf8(), end + "方面".len()));
        } else if after.starts_with('是') {
            let first = end.saturating_sub(9).max(start);
            items.push(Span::new(first, end + '是'.len_utf8()));
        } else if run.ends_with('一') && after.starts_with("方面") {
            items.push(Span::new(end - '一'.len_utf8(), end + "方面".len()));
        }
    }
    (items, bare)
}

/// How far a title may run inside an open bracket or quote.
const MAX_NESTED_CHARS: usize = 120;
/// Characters that end a heading's title.
const TITLE_END: &[char] = &['。', ':', '：', ';', '；'];
/// Opening and closing brackets and quotes: a title does not end inside them.
const OPEN: &[char] = &['“', '‘', '《', '「', '『', '(', '（', '〔', '['];
const CLOSE: &[char] = &['”', '’', '》', '」', '』', ')', '）', '〕', ']'];
/// Characters after which an inline heading may start (after white space).
const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?', '；', ';', '：', ':'];
/// Sentence ends after which a level 1 or 2 heading may start with no white space between.
const FULL_STOP: &[char] = &['。', '！', '？', '!', '?'];
/// Characters before a run item (`一是`) that mark it as the start of a clause.
const CLAUSE_START: &[char] = &['。', '；', ';', '，', ',', '：', ':', '！', '？', '!', '?'];
/// After a bare numeral, these make a count or a word, not a run item (`三项`, `三大`, `二十`).
const NOT_ITEM_AFTER: &str =
    "是个项大类种条次年月日方面者点位名件起宗家人天周批轮级层套台份部章节号期所处支届季线来些则十百千万亿〇零两";

/// The characters a heading marker can start with (see [`HEADING_STYLES`]), as a list for
/// the tests; [`can_start_marker`] is the same set as a `match`.
#[cfg(test)]
const MARKER_FIRST: &[char] = &[
    '(', '（', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '0', '1', '2', '3', '4',
    '5', '6', '7', '8', '9', '０', '１', '２', '３', '４', '５', '６', '７', '８', '９',
];

/// Whether a heading marker can start with `c` (the characters of [`MARKER_FIRST`]).
fn can_start_marker(c: char) -> bool {
    // It runs on every character of the body: one range test turns away most Han characters
    // (the numerals lie between 一 U+4E00 and 四 U+56DB) before the exact set is asked.
    match c {
        '(' | '（' | '0'..='9' | '０'..='９' => true,
        '一'..='四' => is_item_numeral(c),
        _ => false,
    }
}

/// A recognised heading marker at the start of a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub level: HeadingLevel,
    /// Byte length of the marker (`（一）` is 9).
    pub len: usize,
    pub number: u32,
}

impl Reject {
    /// Whether the text `rest` after a marker rejects it.
    fn rejects(self, rest: &str) -> bool {
        match self {
            Self::Never => false,
            Self::NumberFollows => {
                rest.chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '%')
                    && !starts_with_year(rest)
            }
            Self::NumeralList => {
                let mut it = rest.chars();
                it.next()
                    .is_some_and(|c| "一二三四五六七八九十".contains(c))
                    && it.next().is_some_and(|c| "、季级类等".contains(c))
            }
        }
    }
}

/// Match a heading marker at the start of `s`, by the styles of [`HEADING_STYLES`].
#[must_use]
pub fn match_marker(s: &str) -> Option<Marker> {
    // Every style's pattern starts with a bracket, a Chinese numeral or a digit: most
    // positions are turned away here without running a regex.
    let first = s.chars().next().filter(|&c| can_start_marker(c))?;
    for style in &HEADING_STYLES {
        if !(style.first)(first) {
            continue;
        }
        let Some(caps) = style.pattern.captures(s) else {
            continue;
        };
        let (Some(all), Some(num)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let number = match style.numbering {
            Numbering::Chinese => parse_cn_number(num.as_str()),
            Numbering::Arabic => parse_digits(num.as_str()),
        }?;
        if number == 0 || style.reject.rejects(s.get(all.end()..).unwrap_or("")) {
            return None;
        }
        return Some(Marker {
            level: style.level,
            len: all.end(),
            number,
        });
    }
    None
}

/// Whether `s` starts with a year such as `2024年`.
fn starts_with_year(s: &str) -> bool {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    digits.len() == 4
        && (digits.starts_with("19") || digits.starts_with("20"))
        && s.get(4..)
            .is_some_and(|r| r.trim_start_matches(is_blank).starts_with('年'))
}

/// Whether the white space at byte `i` of `s` sits inside a date or figure: after a digit and
/// before 年/月/日/号/% (`2025 年推进…`, typed with a space as some sites do).
fn inside_number(s: &str, i: usize) -> bool {
    let before = s.get(..i).and_then(|b| b.chars().next_back());
    let after = s
        .get(i..)
        .and_then(|a| a.trim_start_matches(is_blank).chars().next());
    before.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && after.is_some_and(|c| "年月日号%％".contains(c))
}

/// Whether a title leaves a quote or bracket open (`统筹推进“立`): at the very end of the
/// text that is a heading cut off by the end of a page excerpt, not a heading.
fn left_open(title: &str) -> bool {
    let mut depth = 0i32;
    for c in title.chars() {
        if OPEN.contains(&c) {
            depth += 1;
        } else if CLOSE.contains(&c) {
            depth -= 1;
        }
    }
    depth > 0
}

/// The title that starts at `start` (just after a marker), within the line ending at
/// `line_end`: its span and whether body text follows it on the same line.
fn title_at(text: &str, start: usize, line_end: usize) -> (Span, bool) {
    let line = text.get(start..line_end).unwrap_or("");
    let lead = line.len() - line.trim_start_matches(is_blank).len();
    let from = start + lead;
    let rest = text.get(from..line_end).unwrap_or("");
    // Inside brackets or quotes a title may hold `：` or a space, but only so far: a bracket
    // left open for longer is read as if there were none (and the scan stays linear).
    let has_text = |s: &str| s.chars().any(|c| !is_blank(c));
    let scan = |nested: bool| -> Option<(usize, bool)> {
        let mut depth = 0usize;
        for (n, (i, c)) in rest.char_indices().enumerate() {
            if nested && OPEN.contains(&c) {
                depth += 1;
            } else if nested && CLOSE.contains(&c) {
                depth = depth.saturating_sub(1);
            }
            if depth > 0 {
                if n >= MAX_NESTED_CHARS {
                    return None;
                }
                continue;
            }
            if TITLE_END.contains(&c) {
                let after = rest.get(i + c.len_utf8()..).unwrap_or("");
                return Some((i, has_text(after)));
            }
            if is_blank(c) && !inside_number(rest, i) {
                // A run of white space followed by more text ends the title (run-in).
                return Some((i, has_text(rest.get(i..).unwrap_or(""))));
            }
        }
        if depth > 0 {
            None
        } else {
            Some((rest.len(), false))
        }
    };
    let (end, run_in) = scan(true)
        .or_else(|| scan(false))
        .unwrap_or((rest.len(), false));
    (text::trim(text, Span::new(from, from + end)), run_in)
}

/// Index of the innermost heading whose section holds `offset`.
///
/// `headings` are in document order, as [`crate::analyze`] returns them. Sections nest (a section
/// runs to the next heading of the same or a higher level), so the innermost section holding
/// `offset` belongs to the last heading that starts at or before it, or to one of its
/// ancestors: a binary search and a walk up the parents, not a scan of every heading.
#[must_use]
pub fn heading_at(headings: &[Heading], offset: usize) -> Option<usize> {
    let last = headings
        .partition_point(|h| h.section.start <= offset)
        .checked_sub(1)?;
    let mut at = Some(last);
    while let Some(i) = at {
        let h = headings.get(i)?;
        if h.section.contains(offset) {
            return Some(i);
        }
        // Parents come before their children, so this walk ends.
        at = h.parent.filter(|&p| p < i);
    }
    None
}

/// The innermost heading around increasing offsets, as [`heading_at`] finds it, without
/// rescanning every heading for every metric (reports may have thousands of headings).
pub struct SectionCursor<'h> {
    headings: &'h [Heading],
    /// Headings are in document order (section starts never decrease).
    sorted: bool,
    next: usize,
    open: Vec<usize>,
}

impl<'h> SectionCursor<'h> {
    #[must_use]
    pub fn new(headings: &'h [Heading]) -> Self {
        Self {
            headings,
            sorted: headings
                .windows(2)
                .all(|w| w[0].section.start <= w[1].section.start),
            next: 0,
            open: Vec::new(),
        }
    }

    /// The heading for `offset`; offsets must not decrease between calls.
    pub fn heading_at(&mut self, offset: usize) -> Option<usize> {
        if !self.sorted {
            return heading_at(self.headings, offset);
        }
        while let Some(h) = self.headings.get(self.next) {
            if h.section.start > offset {
                break;
            }
            self.open.push(self.next);
            self.next += 1;
        }
        let headings = self.headings;
        self.open.retain(|&i| headings[i].section.end > offset);
        // Same choice as `heading_at`: the deepest level, the last one among equals.
        self.open
            .iter()
            .copied()
            .filter(|&i| headings[i].section.contains(offset))
            .max_by_key(|&i| headings[i].level)
    }
}

/// A heading candidate before the hierarchy is checked.
#[derive(Debug, Clone)]
struct Candidate {
    marker: Marker,
    marker_span: Span,
    title_span: Span,
    run_in: bool,
    inline: bool,
}

/// Find heading candidates in the body, skipping the lines of page furniture that
/// [`crate::clean::locate`] found (`furniture`: trimmed line spans, sorted).
fn candidates(text: &str, body: Span, furniture: &[Span]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for line in text::lines(text, body) {
        let t = text::trim(text, line);
        let s = t.slice(text);
        if s.is_empty() || furniture.binary_search(&t).is_ok() {
            continue;
        }
        let try_at = |pos: usize, inline: bool, out: &mut Vec<Candidate>| {
            let Some(m) = text.get(pos..t.end).and_then(match_marker) else {
                return false;
            };
            let marker_span = Span::new(pos, pos + m.len);
            let (title_span, run_in) = title_at(text, marker_span.end, t.end);
            if title_span.is_empty() {
                return false;
            }
            // Cut off by the end of the text mid-title: nothing of it can be trusted.
            let rest = text.get(title_span.end..body.end).unwrap_or("");
            if rest.trim().is_empty() && left_open(title_span.slice(text)) {
                return false;
            }
            out.push(Candidate {
                marker: m,
                marker_span,
                title_span,
                run_in,
                inline,
            });
            true
        };
        try_at(t.start, false, &mut out);

        // Inline: after a run of white space inside the line, or (levels 1 and 2 only)
        // right after a full stop (`…落到实处。二、存在的不足`, one-line reports without
        // spaces). Both are kept only if they continue the numbering (see `parse`).
        let mut run_start: Option<usize> = None;
        let bytes = s.as_bytes();
        let mut i = 0;
        while let Some(&lead) = bytes.get(i) {
            // U+6000–U+9FFF (lead bytes 0xE6–0xE9), most Han characters, hold neither white
            // space nor the start of a heading marker: skipped without being decoded.
            if (0xe6..=0xe9).contains(&lead) {
                run_start = None;
                i += 3;
                continue;
            }
            let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            let pos = t.start + i;
            i += c.len_utf8();
            if is_blank(c) {
                run_start.get_or_insert(pos);
                continue;
            }
            // Nothing below can succeed where no heading marker can start.
            if !can_start_marker(c) {
                run_start = None;
                continue;
            }
            let Some(rs) = run_start.take() else {
                // The character before, if any, in this line.
                let before = s.get(..pos - t.start).and_then(|p| p.chars().next_back());
                // A title ended by a colon may be followed at once by its first sub-heading
                // (`…成效：（一）…`).
                let after_title = before.is_some_and(|p| matches!(p, ':' | '：'))
                    && out.last().is_some_and(|h| {
                        h.title_span.end + before.map_or(0, char::len_utf8) == pos
                    });
                if (before.is_some_and(|p| FULL_STOP.contains(&p)) || after_title)
                    && out.last().is_none_or(|h| pos >= h.title_span.end)
                    && text
                        .get(pos..t.end)
                        .and_then(match_marker)
                        .is_some_and(|m| m.level <= HeadingLevel::L2)
                {
                    try_at(pos, true, &mut out);
                }
                continue;
            };
            if out.last().is_some_and(|h| pos < h.title_span.end) {
                continue;
            }
            let run_chars = text.get(rs..pos).map_or(0, |r| r.chars().count());
            let after_sentence =
                text::prev_non_blank(text, rs).is_some_and(|(_, p)| SENTENCE_END.contains(&p));
            let after_title = out.last().is_some_and(|h| h.title_span.end == rs);
            if run_chars >= 2 || after_sentence || after_title {
                try_at(pos, true, &mut out);
            }
        }
    }
    out
}

fn diag(kind: DiagnosticKind, span: Span, message: String) -> Diagnostic {
    Diagnostic {
        kind,
        severity: Severity::Warning,
        message,
        span: Some(span),
    }
}

/// Parse the structure of `text` within `body`; `furniture` are the trimmed lines of page
/// furniture ([`crate::clean::Cleaned::furniture`]), which hold no headings.
#[must_use]
pub fn parse(text: &str, body: Span, furniture: &[Span]) -> Structure {
    let body = text::clamp(text, body);
    let cands = candidates(text, body, furniture);
    let min_level = cands
        .iter()
        .filter(|c| !c.inline)
        .map(|c| c.marker.level)
        .min()
        .or_else(|| cands.iter().map(|c| c.marker.level).min())
        .unwrap_or(HeadingLevel::L1);

    let mut out = Structure::default();
    let mut stack: Vec<usize> = Vec::new();
    for c in cands {
        let level = c.marker.level;
        let keep = stack
            .iter()
            .rposition(|&i| out.headings.get(i).is_some_and(|h| h.level < level))
            .map_or(0, |p| p + 1);
        let parent = keep.checked_sub(1).and_then(|k| stack.get(k).copied());
        let parent_level = parent.and_then(|p| out.headings.get(p)).map(|h| h.level);
        let prev = stack
            .get(keep)
            .and_then(|&i| out.headings.get(i))
            .filter(|h| h.level == level);
        let expected = prev.map_or(1, |h| h.number + 1);
        let level_ok = match parent_level {
            Some(pl) => {
                level.number() == pl.number() + 1
                    || (pl == HeadingLevel::L1 && level == HeadingLevel::L3)
            }
            None => level == min_level,
        };
        if c.inline && (c.marker.number != expected || !level_ok) {
            continue;
        }

        let marker = c.marker_span.slice(text).to_owned();
        if !level_ok {
            let msg = match parent_level {
                Some(pl) => format!(
                    "标题层级跳跃：第{}级标题“{marker}”直接位于第{}级标题之下 (unexpected level: level {} under level {})",
                    level.number(),
                    pl.number(),
                    level.number(),
                    pl.number()
                ),
                None => format!(
                    "标题层级异常：第{}级标题“{marker}”前没有上级标题 (unexpected level: level {} without a parent)",
                    level.number(),
                    level.number()
                ),
            };
            out.diagnostics
                .push(diag(DiagnosticKind::UnexpectedLevel, c.marker_span, msg));
        }
        if let Some(p) = prev.filter(|p| p.number == c.marker.number) {
            out.diagnostics.push(diag(
                DiagnosticKind::NumberingRepeat,
                c.marker_span,
                format!(
                    "标题编号重复：“{}”之后又是“{marker}” (heading number repeated)",
                    p.marker
                ),
            ));
        } else if c.marker.number != expected {
            let msg = match prev {
                Some(p) => format!(
                    "标题编号不连续：“{}”之后是“{marker}” (numbering gap: {} then {})",
                    p.marker, p.number, c.marker.number
                ),
                None => format!(
                    "标题编号未从1开始：第一个是“{marker}” (numbering starts at {})",
                    c.marker.number
                ),
            };
            out.diagnostics
                .push(diag(DiagnosticKind::NumberingGap, c.marker_span, msg));
        }

        let parent_path = parent
            .and_then(|p| out.headings.get(p))
            .map_or("", |h| h.path.as_str());
        // The parent's path and this marker, normalised: built in one string of the right
        // size (normalising never lengthens a marker), not through `format!`.
        let mut path = String::with_capacity(parent_path.len() + marker.len());
        path.push_str(parent_path);
        path.extend(normalized_chars(&marker));
        let index = out.headings.len();
        out.headings.push(Heading {
            level,
            marker,
            number: c.marker.number,
            title: c.title_span.slice(text).to_owned(),
            path,
            marker_span: c.marker_span,
            title_span: c.title_span,
            section: Span::new(c.marker_span.start, body.end),
            parent,
            run_in: c.run_in,
        });
        stack.truncate(keep);
        stack.push(index);
    }

    // Sections run to the next heading of the same or a higher level: one pass with the
    // headings still open on a stack, each closed by the first one that is not deeper.
    let mut open: Vec<usize> = Vec::new();
    for i in 0..out.headings.len() {
        let (level, start) = match out.headings.get(i) {
            Some(h) => (h.level, h.marker_span.start),
            None => break,
        };
        while let Some(&j) = open.last() {
            match out.headings.get_mut(j) {
                Some(h) if h.level >= level => {
                    h.section.end = start;
                    open.pop();
                }
                _ => break,
            }
        }
        open.push(i);
    }

    if out.headings.is_empty() && !body.slice(text).trim().is_empty() {
        out.diagnostics.push(Diagnostic {
            kind: DiagnosticKind::NoHeadings,
            severity: Severity::Info,
            message: "未找到编号标题（一、（一）1.（1））(no numbered headings found)".to_owned(),
            span: None,
        });
    }

    out.enumerations = enumerations(text, body, &out.headings);
    out
}

/// The kind of a run of items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RunKind {
    /// `一是` `二是` …
    Shi,
    /// `一方面` `另一方面`
    Fangmian,
}

/// Whether the run item at `start` begins a clause: at the start of the body or a line,
/// after white space, or after clause punctuation.
fn at_clause_start(text: &str, body: Span, start: usize, punct: &[char]) -> bool {
    if start <= body.start {
        return true;
    }
    match text.get(..start).and_then(|t| t.chars().next_back()) {
        None => true,
        Some(c) if c == '\n' || is_blank(c) => true,
        Some(c) => punct.contains(&c),
    }
}

/// Find `一是/二是…` and `一方面/另一方面` runs, including an item whose `是` was dropped.
fn enumerations(text: &str, body: Span, headings: &[Heading]) -> Vec<EnumItem> {
    let scope = body.slice(text);
    // (marker span, ordinal, kind, bare)
    let mut found: Vec<(Span, u32, RunKind, bool)> = Vec::new();
    let (items, bare) = numeral_matches(scope);
    for m in items {
        let span = Span::new(body.start + m.start, body.start + m.end);
        if !at_clause_start(text, body, span.start, CLAUSE_START) {
            continue;
        }
        let s = m.slice(scope);
        let (ordinal, kind) = match s {
            "一方面" => (1, RunKind::Fangmian),
            "另一方面" => (2, RunKind::Fangmian),
            _ => match parse_cn_number(s.trim_end_matches('是')) {
                Some(n) => (n, RunKind::Shi),
                None => continue,
            },
        };
        found.push((span, ordinal, kind, false));
    }
    for m in bare {
        let span = Span::new(body.start + m.start, body.start + m.end);
        let next = scope.get(m.end..).and_then(|r| r.chars().next());
        if !next.is_some_and(|c| is_han(c) && !NOT_ITEM_AFTER.contains(c)) {
            continue;
        }
        // Only at the start of a sentence, not after a comma (`，三公开…`).
        if !at_clause_start(
            text,
            body,
            span.start,
            &['。', '；', ';', '！', '？', '!', '?'],
        ) {
            continue;
        }
        let numeral = m.slice(scope);
        if let Some(n) = parse_cn_number(numeral).filter(|&n| n >= 2) {
            found.push((span, n, RunKind::Shi, true));
        }
    }
    found.sort_by_key(|f| f.0.start);

    let heading_starts: Vec<usize> = headings.iter().map(|h| h.marker_span.start).collect();
    // Whether `pos` falls on a heading's marker or title (headings are in document order).
    let inside_heading = |pos: usize| {
        let n = heading_starts.partition_point(|&s| s <= pos);
        n.checked_sub(1)
            .and_then(|i| headings.get(i))
            .is_some_and(|h| pos < h.title_span.end)
    };

    // Assign runs.
    let mut items: Vec<(EnumItem, usize)> = Vec::new(); // (item, run id)
    let mut run: Option<(usize, RunKind, u32, Option<usize>)> = None; // (id, kind, last, heading)
    let mut next_run = 0usize;
    for (span, ordinal, kind, bare) in found {
        if inside_heading(span.start) {
            continue;
        }
        let heading = heading_at(headings, span.start);
        let continues = run.is_some_and(|(_, k, last, h)| {
            k == kind && h == heading && ordinal > last && (!bare || ordinal == last + 1)
        });
        if bare && !continues {
            continue;
        }
        let id = match run {
            Some((id, ..)) if continues && ordinal != 1 => id,
            _ => {
                next_run += 1;
                next_run
            }
        };
        run = Some((id, kind, ordinal, heading));
        items.push((
            EnumItem {
                marker: span.slice(text).to_owned(),
                ordinal,
                marker_span: span,
                span,
                heading,
            },
            id,
        ));
    }

    // Item spans: to the next item of the run, or to the next item / heading / body end.
    let starts: Vec<(usize, usize)> = items
        .iter()
        .map(|(it, id)| (it.marker_span.start, *id))
        .collect();
    for (i, (item, id)) in items.iter_mut().enumerate() {
        let next = starts.get(i + 1).copied();
        let end = match next {
            Some((s, nid)) if nid == *id => s,
            _ => {
                let after = heading_starts.partition_point(|&s| s <= item.marker_span.start);
                let next_heading = heading_starts.get(after).copied().unwrap_or(body.end);
                let next_item = next.map_or(body.end, |(s, _)| s);
                next_heading.min(next_item).min(body.end)
            }
        };
        // Without the white space (line breaks) that separates it from what follows.
        let raw = Span::new(item.marker_span.start, end.max(item.marker_span.end));
        let kept = raw.slice(text).trim_end().len();
        item.span = Span::new(raw.start, (raw.start + kept).max(item.marker_span.end));
    }
    items.into_iter().map(|(it, _)| it).collect()
}

/// Build this module's patterns and tables now (each is built on its first use otherwise):
/// see [`crate::prepare`].
pub(crate) fn prepare() {
    LazyLock::force(&L1);
    LazyLock::force(&L2);
    LazyLock::force(&L3);
    LazyLock::force(&L4);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_first_chars_cover_every_style() {
        // One sample per style and per first character its pattern admits.
        let samples = [
            "（一）甲",
            "(二)乙",
            "（ 三 ）丙",
            "一、甲",
            "十二、乙",
            "九．丙",
            "1.甲",
            "9、乙",
            "３．丙",
            "１２、丁",
            "（1）甲",
            "(１２)乙",
        ];
        for s in samples {
            assert!(match_marker(s).is_some(), "{s}");
            assert!(s.starts_with(MARKER_FIRST), "{s}");
            assert!(s.chars().next().is_some_and(can_start_marker), "{s}");
        }
        // A style's `first` turns away only what its pattern could never match.
        let tails = [
            "、甲",
            "．甲",
            ".甲",
            "）甲",
            ")甲",
            "一）甲",
            "1)甲",
            " 一 ）甲",
            "２、甲",
        ];
        for style in &HEADING_STYLES {
            for c in MARKER_FIRST {
                for tail in tails {
                    let s = format!("{c}{tail}");
                    if style.pattern.is_match(&s) {
                        assert!((style.first)(*c), "{s} {:?}", style.level);
                    }
                }
            }
            assert!(MARKER_FIRST.iter().any(|&c| (style.first)(c)));
        }
        // Exactly the characters of MARKER_FIRST, no more.
        for c in (0..=0x10_ffff_u32).filter_map(char::from_u32) {
            assert_eq!(can_start_marker(c), MARKER_FIRST.contains(&c), "{c:?}");
        }
        for style in &HEADING_STYLES {
            let src = style.pattern.as_str();
            assert!(
                src.starts_with("^[(（]") || src.starts_with("^([一") || src.starts_with("^([0-9"),
                "{src}"
            );
        }
    }

    #[test]
    fn sections_agree_with_heading_at() {
        let text = "一、甲\n（一）乙\n1.丙3项\n（1）丁4次\n2.戊\n（二）己5家\n二、庚\n（一）辛6人";
        let a = crate::analyze(text);
        assert!(a.headings.len() >= 6, "{:?}", a.headings);
        let mut sections = SectionCursor::new(&a.headings);
        for offset in 0..=text.len() {
            assert_eq!(
                sections.heading_at(offset),
                heading_at(&a.headings, offset),
                "offset {offset}"
            );
        }
    }

    fn level_of(s: &str) -> Option<(u8, u32)> {
        match_marker(s).map(|m| (m.level.number(), m.number))
    }

    #[test]
    fn l1_regex() {
        assert!(L1.is_match("一、总体情况"));
        assert!(L1.is_match("十二、其他"));
        assert!(L1.is_match("三．工作安排"));
        assert!(!L1.is_match("一是优化流程"));
        assert!(!L1.is_match("（一）标题"));
        assert!(!L1.is_match("第一、"));
        assert_eq!(level_of("一、总体情况"), Some((1, 1)));
        assert_eq!(level_of("十二、其他"), Some((1, 12)));
        assert_eq!(level_of("一、二季度开展检查"), None);
        assert_eq!(level_of("十十、错误"), None);
    }

    #[test]
    fn l2_regex() {
        assert!(L2.is_match("(一)持续推进"));
        assert!(L2.is_match("（五）强化监督"));
        assert!(L2.is_match("（ 三 ）标题"));
        assert!(!L2.is_match("(乳)编字〔2024〕7号"));
        assert!(!L2.is_match("(yi)拼音"));
        assert!(!L2.is_match("(1)数字"));
        assert_eq!(level_of("（十一）标题"), Some((2, 11)));
    }

    #[test]
    fn l3_regex() {
        assert!(L3.is_match("1.深入推进"));
        assert!(L3.is_match("2、严格执法"));
        assert!(L3.is_match("3．落实制度"));
        assert!(L3.is_match("１２．全角"));
        assert!(!L3.is_match("2024年"));
        assert!(!L3.is_match("一、"));
        assert_eq!(level_of("1.深入推进"), Some((3, 1)));
        assert_eq!(level_of("1.3万余条"), None);
        assert_eq!(level_of("2、3月份"), None);
        assert_eq!(level_of("100%完成"), None);
        assert_eq!(level_of("0.标题"), None);
        assert_eq!(level_of("1.2024年工作情况"), Some((3, 1)));
        assert_eq!(level_of("1.2024亿元"), None);
    }

    #[test]
    fn l4_regex() {
        assert!(L4.is_match("(1)标题"));
        assert!(L4.is_match("（２）全角"));
        assert!(!L4.is_match("(2024)7号"));
        assert!(!L4.is_match("(一)"));
        assert_eq!(level_of("（3）标题"), Some((4, 3)));
    }

    #[test]
    fn enum_regex() {
        let hits: Vec<&str> = ENUM
            .find_iter("一是甲。二是乙；十是丙。一方面丁,另一方面戊")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(hits, ["一是", "二是", "十是", "一方面", "另一方面"]);
        assert!(!ENUM.is_match("这是一个例子"));
    }

    fn by_regex(re: &Regex, s: &str) -> Vec<Span> {
        re.find_iter(s)
            .map(|m| Span::new(m.start(), m.end()))
            .collect()
    }

    #[test]
    fn numeral_at_reads_the_numerals_from_their_bytes() {
        let mut buf = [0_u8; 4];
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let enc = c.encode_utf8(&mut buf);
            assert_eq!(numeral_at(enc.as_bytes(), 0), is_item_numeral(c), "{c:?}");
        }
        assert!(!numeral_at("一".as_bytes(), 1));
        assert!(!numeral_at(&[0xe4, 0xb8], 0));
    }

    #[test]
    fn numeral_matches_agree_with_the_patterns() {
        for s in [
            include_str!("../../../www/demo/demo-report.txt"),
            include_str!("../../fazhi_eval/tests/heldout/b1_lanchuan.txt"),
            include_str!("../../fazhi_eval/tests/heldout/a1_chengchuan_sifa.txt"),
            "一是甲。二是乙；十是丙。一方面丁,另一方面戊",
            "另一方面另一一方面十一方面二十三四是五六七八九十一是另十方面一二三四五六七",
            "另一方面一方面另一是另二是一",
            "是一方另一方一面十二一是",
            "",
            "一",
            "a另一方面😀一是",
        ] {
            let (items, bare) = numeral_matches(s);
            assert_eq!(items, by_regex(&ENUM, s), "{s}");
            assert_eq!(bare, by_regex(&BARE_NUMERAL, s), "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn numeral_matches_agree_on_any_text(s in "[一二三四五六七八九十另方面是甲，。a两百😀é丁仁]{0,30}") {
            let (items, bare) = numeral_matches(&s);
            proptest::prop_assert_eq!(items, by_regex(&ENUM, &s));
            proptest::prop_assert_eq!(bare, by_regex(&BARE_NUMERAL, &s));
        }
    }

    #[test]
    fn bare_numeral_regex() {
        assert_eq!(
            BARE_NUMERAL.find("。三加强").map(|m| m.as_str()),
            Some("三")
        );
        assert_eq!(
            BARE_NUMERAL.find("二十三").map(|m| m.as_str()),
            Some("二十三")
        );
        assert!(!BARE_NUMERAL.is_match("abc 123"));
    }

    #[test]
    fn a_space_inside_a_year_keeps_the_title() {
        let t = "一、2025 年推进法治政府建设的主要举措和成效";
        let (s, run_in) = title_at(t, "一、".len(), t.len());
        assert_eq!(s.slice(t), "2025 年推进法治政府建设的主要举措和成效");
        assert!(!run_in);
        for (s, at, want) in [
            ("2025 年", 4, true),
            ("12 月", 2, true),
            ("98 %", 2, true),
            ("加强领导 市局", "加强领导".len(), false),
            ("2025 全年", 4, false),
        ] {
            assert_eq!(inside_number(s, at), want, "{s}");
        }
    }

    #[test]
    fn a_heading_cut_by_the_end_of_the_text_is_dropped() {
        for (s, want) in [
            ("统筹推进“立", true),
            ("落实《条例", true),
            ("推进“放管服”改革", false),
            ("加强领导", false),
        ] {
            assert_eq!(left_open(s), want, "{s}");
        }
        let a = crate::analyze("一、加强领导\n正文。\n二、统筹推进“立");
        assert_eq!(a.headings.len(), 1, "{:?}", a.headings);
        // Not at the end: an open quote is only a long title.
        let a = crate::analyze("一、加强领导\n正文。\n二、统筹推进“立\n正文。");
        assert_eq!(a.headings.len(), 2, "{:?}", a.headings);
    }

    #[test]
    fn titles_end_at_punctuation_or_space() {
        let t = "（一）抓好规范建设，提升执法质效。今年以来…";
        let (s, run_in) = title_at(t, "（一）".len(), t.len());
        assert_eq!(s.slice(t), "抓好规范建设，提升执法质效");
        assert!(run_in);
        let t = "一、加强组织领导 市局深入学习";
        let (s, run_in) = title_at(t, "一、".len(), t.len());
        assert_eq!(s.slice(t), "加强组织领导");
        assert!(run_in);
        let t = "1.推进“互联网+ 监管”改革";
        let (s, _) = title_at(t, 2, t.len());
        assert_eq!(s.slice(t), "推进“互联网+ 监管”改革");
        let t = "2.标题“未闭合 引号";
        let (s, _) = title_at(t, 2, t.len());
        assert_eq!(s.slice(t), "标题“未闭合");
    }
}
