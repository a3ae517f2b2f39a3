//! The scan: every place a quantity may begin (a candidate), read as a number with its
//! scale, unit and markers, or skipped — Arabic and Chinese numerals, `百分之…`, `零X`,
//! ranges (`2-3次`), mixed forms (`3万4000`), and what blocks a number (ordinals, codes).

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::exclude;
use super::markers::{prefix_marker, suffix_marker};
use super::number::{self, arabic, is_arabic_digit, is_numeral_char, scale_prefix};
use super::units::{self, match_approx_unit, match_unit, Unit, UnitKind};
use crate::{text, Approx, Heading, Span};

/// The UTF-8 bytes of a three-byte character as one number (`一` → 0xE4B880).
const fn key3(c: char) -> u32 {
    let mut buf = [0u8; 4];
    let b = c.encode_utf8(&mut buf).as_bytes();
    ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32
}

const K_YI: u32 = key3('一');
const K_ER: u32 = key3('二');
const K_LIANG: u32 = key3('两');
const K_SAN: u32 = key3('三');
const K_SI: u32 = key3('四');
const K_WU: u32 = key3('五');
const K_LIU: u32 = key3('六');
const K_QI: u32 = key3('七');
const K_BA: u32 = key3('八');
const K_JIU: u32 = key3('九');
const K_SHI: u32 = key3('十');
const K_LING: u32 = key3('零');
const K_BAI: u32 = key3('百');
const K_FULL_0: u32 = key3('０');
const K_FULL_9: u32 = key3('９');

/// The three-byte characters a candidate may start with (`百` only as `百分之`).
const THREE_BYTE_STARTS: [char; 23] = [
    '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '零', '百', '０', '１', '２',
    '３', '４', '５', '６', '７', '８', '９',
];

/// Per lead byte of a UTF-8 character: its length (bits 0–2), whether it is an ASCII digit
/// (bit 3), and whether one of [`THREE_BYTE_STARTS`] starts with it (bit 4).
static LEAD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let len: u8 = match b {
            0..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            // 0xF0–0xF4 start four-byte characters; continuation bytes never lead.
            _ => 4,
        };
        t[b] = len | if b >= 0x30 && b <= 0x39 { 8 } else { 0 };
        b += 1;
    }
    let mut k = 0;
    while k < THREE_BYTE_STARTS.len() {
        t[(key3(THREE_BYTE_STARTS[k]) >> 16) as usize] |= 16;
        k += 1;
    }
    t
};

/// The first two bytes of [`THREE_BYTE_STARTS`], as bits: bit `second & 0x3F` of entry
/// `lead & 0x0F` (three-byte lead bytes are 0xE0–0xEF, second bytes 0x80–0xBF).
static SECOND: [u64; 16] = {
    let mut t = [0u64; 16];
    let mut k = 0;
    while k < THREE_BYTE_STARTS.len() {
        let key = key3(THREE_BYTE_STARTS[k]);
        t[((key >> 16) & 0x0f) as usize] |= 1 << ((key >> 8) & 0x3f);
        k += 1;
    }
    t
};

/// The next place at or after `pos` where a quantity may begin — an Arabic digit (ASCII or
/// full-width), a Chinese digit word (一…九 两 十), `零` or `百分之` — with the text of that
/// beginning. It runs over every character of the body, so it reads bytes, not chars: one
/// table lookup per character, and the three bytes compared as one number only where the
/// first two bytes are those of one of ours (a test holds it equal to a plain scan of chars).
#[must_use]
pub fn next_candidate(hay: &str, pos: usize) -> Option<(usize, &str)> {
    let pos = text::ceil_char_boundary(hay, pos);
    let rest = hay.get(pos..)?;
    let bytes = rest.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let lead = LEAD[usize::from(b)];
        if lead & 8 != 0 {
            return Some((pos + i, rest.get(i..=i)?));
        }
        if lead & 16 != 0 {
            if let Some(&[b0, b1, b2]) = bytes
                .get(i..i + 3)
                .filter(|b| SECOND[usize::from(b[0] & 0x0f)] >> (b[1] & 0x3f) & 1 != 0)
            {
                let key = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
                let len = match key {
                    K_FULL_0..=K_FULL_9
                    | K_YI
                    | K_ER
                    | K_LIANG
                    | K_SAN
                    | K_SI
                    | K_WU
                    | K_LIU
                    | K_QI
                    | K_BA
                    | K_JIU
                    | K_SHI
                    | K_LING => 3,
                    K_BAI
                        if bytes
                            .get(i..)
                            .is_some_and(|r| r.starts_with("百分之".as_bytes())) =>
                    {
                        "百分之".len()
                    }
                    _ => 0,
                };
                if len > 0 {
                    return Some((pos + i, rest.get(i..i + len)?));
                }
            }
        }
        i += usize::from(lead & 7);
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

/// Range separators (`2-3个`, `3至5天`).
pub(super) const RANGE_SEPS: &[&str] = &["-", "－", "–", "—", "―", "~", "～", "〜", "至", "到"];

/// `年` is a unit only for small numbers (`3年`), never for years (`2024年`).
pub(super) const YEAR_UNIT_LIMIT: u32 = 100;

/// Horizontal white space allowed between a number and its unit (`23 起`).
pub(super) fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// A quantity found by the scanner, before subject and category.
#[derive(Debug, Clone)]
pub(super) struct Quantity {
    pub(super) span: Span,
    pub(super) value: Decimal,
    pub(super) upper: Option<Decimal>,
    pub(super) unit_written: String,
    pub(super) unit: &'static str,
    pub(super) kind: UnitKind,
    pub(super) approx: Approx,
    /// Where the leading approximation marker starts (or `span.start`).
    pub(super) lead: usize,
    /// For `零X` whose X is the subject.
    pub(super) zero_subject: Option<Span>,
}

/// What the scanner made of one candidate.
pub(super) enum Outcome {
    Found(Quantity),
    /// Not a quantity; resume scanning at this offset.
    Skip(usize),
}

/// A parsed Arabic amount with its scale (`1.3万` → 13000).
#[derive(Debug, Clone, Copy)]
pub(super) struct Amount {
    pub(super) value: Decimal,
    pub(super) raw: Decimal,
    pub(super) mul: Option<Decimal>,
    /// Span of the scale word (`万`), for `unit_written`.
    pub(super) scale: Option<Span>,
    /// A tail followed the scale (`3万4000`).
    pub(super) mixed: bool,
    pub(super) fraction: bool,
    /// `余`/`多` stood between the number and the scale (`121.1余万元`).
    pub(super) approx_inside: bool,
    pub(super) end: usize,
}

pub(super) fn rest(hay: &str, at: usize) -> &str {
    hay.get(at..).unwrap_or("")
}

pub(super) fn starts_with_any<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words
        .iter()
        .copied()
        .filter(|w| s.starts_with(w))
        .max_by_key(|w| w.len())
}

/// The unit at `at`, if it is not a word that merely starts with a scale (`千克` is a unit;
/// `千人` is the scale 千 and the unit 人).
pub(super) fn unit_is_scale_word(hay: &str, at: usize) -> bool {
    match_unit(rest(hay, at)).is_some_and(|u| scale_prefix(u.written).is_some())
}

/// Read an Arabic amount with an optional scale and mixed tail at `start`.
pub(super) fn amount(hay: &str, start: usize) -> Option<Amount> {
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

/// Skip up to two white-space characters between a number and a unit, if a unit follows.
pub(super) fn unit_after(hay: &str, at: usize) -> Option<(usize, &'static Unit)> {
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
pub(super) fn blocked_before(hay: &str, lo: usize, start: usize) -> bool {
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
pub(super) fn token_end(hay: &str, start: usize) -> usize {
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
pub(super) struct Number<'a> {
    pub(super) start: usize,
    /// End of the number (and of any 余/多 inside it).
    pub(super) at: usize,
    pub(super) value: Decimal,
    pub(super) upper: Option<Decimal>,
    pub(super) approx: Approx,
    /// The scale word as written before the unit (`万` of `69.05万元`), or `""`.
    pub(super) scale_written: &'a str,
}

/// Add the unit and the trailing marker after a number.
pub(super) fn finish(hay: &str, lo: usize, n: &Number) -> Outcome {
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
        // One allocation of the exact size; `format!` cost several times more per figure.
        unit_written: [scale_written, unit.written].concat(),
        unit: unit.base,
        kind: unit.kind,
        approx,
        lead,
        zero_subject: None,
    })
}

/// The upper end of a range whose unit is written twice (`5%-10%`): a separator at `at`,
/// a plain number not below `lower` and the same unit. Returns the upper value and end.
pub(super) fn repeated_unit_range(
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
pub(super) fn inner_marker(hay: &str, at: usize) -> bool {
    let r = rest(hay, at);
    (r.starts_with('余') || r.starts_with('多')) && match_unit(rest(hay, at + 3)).is_some()
}

pub(super) fn parse_arabic(hay: &str, lo: usize, start: usize) -> Outcome {
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

pub(super) fn parse_chinese(hay: &str, lo: usize, start: usize) -> Outcome {
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

pub(super) fn parse_percent_zh(hay: &str, lo: usize, start: usize) -> Outcome {
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

pub(super) fn parse_zero(hay: &str, start: usize) -> Outcome {
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
pub(super) fn parse_at(hay: &str, lo: usize, start: usize, candidate: &str) -> Outcome {
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

/// Find every stated quantity in `body`, in order.
pub(super) fn scan(
    text: &str,
    body: Span,
    headings: &[Heading],
    excluded: &[Span],
) -> Vec<Quantity> {
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

/// Build this module's patterns and tables now (each is built on its first use otherwise):
/// see [`crate::prepare`].
pub(crate) fn prepare() {
    LazyLock::force(&PERCENT_ZH);
    LazyLock::force(&ZERO);
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

    /// The candidates found the plain way: every char, one `match`.
    fn next_candidate_by_chars(hay: &str, pos: usize) -> Option<(usize, &str)> {
        let pos = text::ceil_char_boundary(hay, pos);
        let rest = hay.get(pos..)?;
        rest.char_indices().find_map(|(i, c)| {
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
                '百' if rest[i..].starts_with("百分之") => "百分之".len(),
                _ => return None,
            };
            Some((pos + i, &rest[i..i + len]))
        })
    }

    #[test]
    fn next_candidate_agrees_with_a_char_scan() {
        let texts = [
            include_str!("../../../../www/demo/demo-report.txt"),
            include_str!("../../../fazhi_eval/tests/heldout/b1_lanchuan.txt"),
            "é1ü２𝟘三ℕ四百分百分之五，Ω六七八九十零两二一\u{10ffff}9",
            "",
        ];
        for text in texts {
            for pos in 0..=text.len() + 1 {
                assert_eq!(
                    next_candidate(text, pos),
                    next_candidate_by_chars(text, pos),
                    "at {pos}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn next_candidate_agrees_on_any_text(text in "\\PC{0,40}", pos in 0usize..200) {
            proptest::prop_assert_eq!(
                next_candidate(&text, pos),
                next_candidate_by_chars(&text, pos)
            );
        }

        #[test]
        fn next_candidate_agrees_on_numerals(
            text in "[0-9０-９一二两三四五六七八九十零百分之万亿項件，。a-zé𝟘]{0,30}",
            pos in 0usize..120,
        ) {
            proptest::prop_assert_eq!(
                next_candidate(&text, pos),
                next_candidate_by_chars(&text, pos)
            );
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
}
