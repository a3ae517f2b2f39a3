//! Plain text in any encoding: BOMs, UTF-8, UTF-16 and the legacy encodings `chardetng`
//! detects (GB18030/GBK, Big5…).

use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use super::{sniff_html_bytes, DecodeError, DecodeWarning};

/// Text read from bytes: the encoding it was read in and what had to be repaired.
pub(super) struct DecodedText {
    pub text: String,
    pub encoding: &'static Encoding,
    pub warnings: Vec<DecodeWarning>,
}

/// Bytes to text: BOM, then UTF-8, then a declared HTML charset, then a guess.
///
/// A file that is UTF-8 except for a few malformed sequences (a stray byte, a damaged
/// download) is still read as UTF-8, each malformed sequence becoming U+FFFD and the repair
/// reported as a warning; see [`prefer_utf8`] for where "a few" ends.
pub(super) fn decode_text(bytes: &[u8], html: bool) -> Result<DecodedText, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return Ok(decode_all(enc, rest, 0).into_decoded(enc));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return Ok(decode_all(enc, bytes, 0).into_decoded(enc));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(DecodedText {
            text: s.to_owned(),
            encoding: UTF_8,
            warnings: Vec::new(),
        });
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    let allowed = error_allowance(bytes.len());
    // Past the allowance, UTF-8 is out: no need to read further.
    let utf8 = decode_lossy(UTF_8, bytes, 0, allowed);
    // GB18030 reads every GBK and Big5 byte pair: what it cannot read are stray bytes.
    let gb = decode_all(GB18030, bytes, allowed);
    let declared = (html || sniff_html_bytes(bytes))
        .then(|| declared_charset(bytes))
        .flatten()
        .filter(|e| *e != UTF_8);
    let enc = declared.unwrap_or_else(|| guess_legacy(bytes, &gb, allowed));
    let legacy = if enc == GBK || enc == GB18030 {
        // The GBK decoder is the GB18030 decoder.
        gb
    } else {
        decode_all(enc, bytes, 0)
    };
    match utf8 {
        Some(utf8) if prefer_utf8(&utf8, &legacy) => Ok(utf8.into_decoded(UTF_8)),
        _ => Ok(legacy.into_decoded(enc)),
    }
}

/// The legacy encoding `chardetng` guesses. It rules an encoding out at its first invalid
/// byte, so one stray byte in a GBK file would make it guess windows-1252: when the bytes
/// GB18030 cannot read are few (within the allowance of [`error_allowance`]), it is shown
/// the file without them.
fn guess_legacy(bytes: &[u8], gb: &Lossy, allowed: usize) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    if gb.sequences > 0 && gb.sequences <= allowed && gb.bad_ranges.len() == gb.sequences {
        let mut from = 0;
        for &(start, end) in &gb.bad_ranges {
            det.feed(bytes.get(from..start).unwrap_or_default(), false);
            from = end;
        }
        det.feed(bytes.get(from..).unwrap_or_default(), true);
    } else {
        det.feed(bytes, true);
    }
    det.guess(None, chardetng::Utf8Detection::Deny)
}

/// A text file may have this many malformed sequences per 1,000 bytes…
const ERRORS_PER_1000_BYTES: usize = 1;
/// …and at least this many, whatever its size.
const ERRORS_ALWAYS_ALLOWED: usize = 16;

/// How many malformed sequences a text of `len` bytes may have and still be taken for
/// UTF-8 (or have its legacy encoding guessed past them): 1 per 1,000 bytes, at least 16.
/// A damaged download or a stray byte from another encoding stays well under this; a file
/// in a legacy encoding breaks UTF-8 at almost every non-ASCII character and is far over.
fn error_allowance(len: usize) -> usize {
    (len / 1000 * ERRORS_PER_1000_BYTES).max(ERRORS_ALWAYS_ALLOWED)
}

/// Whether invalid UTF-8 is still UTF-8 with a few bad bytes rather than a legacy encoding.
///
/// UTF-8 is strict: text in a legacy encoding (GBK, Big5…) breaks it at almost every
/// non-ASCII character, while a damaged UTF-8 file keeps its multi-byte sequences and has
/// a handful of bad ones. So UTF-8 is kept when
/// 1. its malformed sequences are within [`error_allowance`] (checked while decoding), and
/// 2. either the legacy decoding has at least as many errors, or the valid non-ASCII
///    characters outnumber the malformed sequences 4 to 1 (real UTF-8 structure: a
///    legacy encoding read as UTF-8 gives about one valid character per six errors).
///
/// The second condition is what keeps a short GBK text (few errors in absolute terms)
/// from being read as UTF-8: GBK decodes it without error and has no UTF-8 structure.
/// (ASCII with one stray high byte is ambiguous and goes to the legacy guess.)
fn prefer_utf8(utf8: &Lossy, legacy: &Lossy) -> bool {
    let valid_non_ascii = utf8
        .text
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{fffd}')
        .count();
    utf8.sequences <= legacy.sequences || valid_non_ascii >= utf8.sequences.saturating_mul(4)
}

/// [`decode_lossy`] to the end, however many errors.
fn decode_all(enc: &'static Encoding, bytes: &[u8], ranges: usize) -> Lossy {
    // The common case, a clean file, on encoding_rs's fast path.
    if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
        return Lossy {
            text: text.into_owned(),
            ..Lossy::default()
        };
    }
    decode_lossy(enc, bytes, ranges, usize::MAX).unwrap_or_default()
}

/// Text decoded with replacement, and what was replaced.
#[derive(Default)]
struct Lossy {
    text: String,
    /// Malformed sequences, each replaced by one U+FFFD.
    sequences: usize,
    /// The bytes in them.
    invalid_bytes: usize,
    /// The input ended inside a character (dropped, not replaced).
    truncated: bool,
    /// Byte ranges of the first malformed sequences (as many as asked for).
    bad_ranges: Vec<(usize, usize)>,
}

impl Lossy {
    fn into_decoded(self, encoding: &'static Encoding) -> DecodedText {
        let mut warnings = Vec::new();
        if self.invalid_bytes > 0 {
            warnings.push(DecodeWarning::ReplacedInvalidBytes {
                count: self.invalid_bytes,
            });
        }
        if self.truncated {
            warnings.push(DecodeWarning::TruncatedAtEnd);
        }
        DecodedText {
            text: self.text,
            encoding,
            warnings,
        }
    }
}

/// Decode `bytes` in `enc` (no BOM sniffing), replacing each malformed sequence by U+FFFD
/// and counting them; an incomplete character at the very end is dropped and reported.
/// The byte ranges of the first `ranges` malformed sequences are kept. `None` as soon as
/// there are more than `give_up_after` malformed sequences.
fn decode_lossy(
    enc: &'static Encoding,
    bytes: &[u8],
    ranges: usize,
    give_up_after: usize,
) -> Option<Lossy> {
    // Output goes through a fixed buffer: the decoder's `…_to_string` variants touch all
    // of the string's spare capacity on each call, and a call ends at each malformed
    // sequence (millions of them when a GBK file is read as UTF-8).
    const CHUNK: usize = 32 * 1024;
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut buf = vec![0u8; CHUNK];
    let mut out = Lossy {
        text: String::with_capacity(bytes.len()),
        ..Lossy::default()
    };
    let mut src = bytes;
    let mut consumed = 0;
    // First everything but the end of input (a character cut at the end stays pending),
    // then the end: what is still pending then is an incomplete character.
    for last in [false, true] {
        loop {
            let (result, read, written) =
                decoder.decode_to_utf8_without_replacement(src, &mut buf, last);
            src = src.get(read..).unwrap_or_default();
            consumed += read;
            let chunk = buf.get(..written).unwrap_or_default();
            // Always valid: the decoder writes whole characters.
            match std::str::from_utf8(chunk) {
                Ok(s) => out.text.push_str(s),
                Err(_) => out.text.push_str(&String::from_utf8_lossy(chunk)),
            }
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(..) if last => out.truncated = true,
                DecoderResult::Malformed(bad, extra) => {
                    if out.bad_ranges.len() < ranges {
                        let end = consumed.saturating_sub(usize::from(extra));
                        out.bad_ranges
                            .push((end.saturating_sub(usize::from(bad)), end));
                    }
                    out.sequences += 1;
                    if out.sequences > give_up_after {
                        return None;
                    }
                    out.invalid_bytes += usize::from(bad);
                    out.text.push('\u{fffd}');
                }
            }
        }
    }
    Some(out)
}

/// UTF-16 without a BOM, recognised by its structure in the first 4 KB:
///
/// - the zero bytes fall on the high byte of code units (ASCII, digits and line breaks
///   are `xx 00` in LE), at least one unit in 100 and more often than on the low byte
///   (U+4E00 一 has a zero low byte, so the low side is not required to have none);
/// - read as UTF-16, at least 90% of the characters are plausible in a report (CJK
///   ideographs and punctuation, ASCII, full-width forms…) and no surrogate is unpaired.
///
/// Chinese UTF-16 has about 13% zero bytes, all on one side, and passes both. GBK and UTF-8
/// have no zero byte at all, and read as UTF-16 give Hangul, private-use and scattered
/// characters, far under 90% even if a stray zero appears.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(4096) / 2 * 2)?;
    // Both readings need code units with a zero high byte: no zero byte, no UTF-16.
    memchr::memchr(0, head)?;
    [(UTF_16LE, 1), (UTF_16BE, 0)]
        .into_iter()
        .find(|&(_, high)| looks_like_utf16(head, high))
        .map(|(enc, _)| enc)
}

/// Whether `head` (of even length) reads as UTF-16 with the high byte of each code unit at
/// offset `high` (1 for LE, 0 for BE).
fn looks_like_utf16(head: &[u8], high: usize) -> bool {
    let units: Vec<u16> = head
        .chunks_exact(2)
        .map(|p| {
            let (hi, lo) = (p.get(high), p.get(1 - high));
            u16::from_be_bytes([hi.copied().unwrap_or(0), lo.copied().unwrap_or(0)])
        })
        .collect();
    if units.len() < 8 {
        return false;
    }
    let zero_high = units
        .iter()
        .filter(|u| matches!(u.to_be_bytes(), [0, lo] if lo != 0))
        .count();
    let zero_low = units
        .iter()
        .filter(|u| matches!(u.to_be_bytes(), [hi, 0] if hi != 0))
        .count();
    if zero_high == 0 || zero_high * 100 < units.len() || zero_high <= zero_low {
        return false;
    }
    // A surrogate pair cut by the end of the head is not unpaired.
    let units = match units.last() {
        Some(0xD800..=0xDBFF) => units.get(..units.len() - 1).unwrap_or_default(),
        _ => &units,
    };
    let mut total = 0usize;
    let mut plausible = 0usize;
    for c in char::decode_utf16(units.iter().copied()) {
        let Ok(c) = c else { return false };
        total += 1;
        plausible += usize::from(plausible_in_report(c));
    }
    plausible * 10 >= total * 9
}

/// Characters a Chinese report is made of.
fn plausible_in_report(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\u{0c}' | ' '..='~'
        | '\u{a0}'..='\u{ff}'         // Latin-1 signs: · × ° ±
        | '\u{2000}'..='\u{206f}'     // general punctuation: “ ” ‘ ’ … — ‰
        | '\u{2100}'..='\u{218f}'     // ℃ № Ⅰ Ⅱ
        | '\u{2460}'..='\u{24ff}'     // ① ⑴ ⒈
        | '\u{25a0}'..='\u{25ff}'     // ■ □ ● ○
        | '\u{3000}'..='\u{303f}'     // 、 。 《 》 【 】
        | '\u{3200}'..='\u{32ff}'     // ㈠ ㊣
        | '\u{3400}'..='\u{4dbf}'     // CJK extension A
        | '\u{4e00}'..='\u{9fff}'     // CJK ideographs
        | '\u{f900}'..='\u{faff}'     // CJK compatibility ideographs
        | '\u{fe30}'..='\u{fe4f}'     // CJK compatibility forms
        | '\u{feff}'
        | '\u{ff00}'..='\u{ffef}'     // full-width forms: ， （ ） ：
        | '\u{20000}'..='\u{3134f}'   // CJK extensions B–G
    )
}

/// `<meta charset="gbk">` or `content="text/html; charset=gb2312"` in the first 4 KB.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(4096))?;
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let pos = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = lower.get(pos + 8..)?;
    let rest = rest
        .iter()
        .position(|&b| b != b'"' && b != b'\'' && b != b' ')
        .and_then(|i| rest.get(i..))?;
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(rest.get(..end)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_is_read_from_meta() {
        let html = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>"#;
        assert_eq!(
            declared_charset(html).map(encoding_rs::Encoding::name),
            Some("GBK")
        );
        assert_eq!(
            declared_charset(b"<meta charset='utf-8'>").map(encoding_rs::Encoding::name),
            Some("UTF-8")
        );
        assert_eq!(declared_charset(b"no charset here"), None);
    }

    #[test]
    fn utf16_is_recognised_by_structure_not_by_zero_count() {
        let report =
            "一、总体情况\n2024年，某局推进依法行政，全年办理行政复议案件218件。\n（一）健全制度\n";
        let le: Vec<u8> = report.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = report.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let zeros: usize = le.iter().map(|&b| usize::from(b == 0)).sum();
        assert!(
            zeros * 100 < le.len() * 40,
            "far from the old 40% rule: {zeros}"
        );
        assert_eq!(utf16_without_bom(&le), Some(UTF_16LE));
        assert_eq!(utf16_without_bom(&be), Some(UTF_16BE));
        // GBK and UTF-8 Chinese text are not UTF-16, even with a stray zero byte in them.
        let gbk = GBK.encode(report).0.into_owned();
        let utf8 = report.as_bytes().to_vec();
        for (name, mut bytes) in [("GBK", gbk), ("UTF-8", utf8)] {
            assert_eq!(utf16_without_bom(&bytes), None, "{name}");
            for at in [0, 7, 20, 21] {
                bytes.insert(at, 0);
                assert_eq!(
                    utf16_without_bom(&bytes),
                    None,
                    "{name} with a zero at {at}"
                );
            }
        }
        // Nor is ASCII text, which reads as CJK ideographs in UTF-16 ("Bush hid the facts").
        assert_eq!(
            utf16_without_bom(b"Bush hid the facts about the report"),
            None
        );
        // An unpaired surrogate rules UTF-16 out.
        let mut bad: Vec<u16> = report.encode_utf16().collect();
        bad.insert(3, 0xDC00);
        let bad: Vec<u8> = bad.into_iter().flat_map(u16::to_le_bytes).collect();
        assert_eq!(utf16_without_bom(&bad), None);
    }

    #[test]
    fn plausible_characters() {
        for c in ['一', '、', '（', '，', 'a', '\n', '“', '①', '℃', '𠀀'] {
            assert!(plausible_in_report(c), "{c}");
        }
        for c in ['\0', '\u{7}', '가', '\u{e000}', 'ア', '\u{fffd}'] {
            assert!(!plausible_in_report(c), "{c:?}");
        }
    }
}
