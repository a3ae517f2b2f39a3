//! Plain text in any encoding: BOMs, UTF-8, UTF-16 and the legacy encodings `chardetng`
//! detects (GB18030/GBK, Big5…).

use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_8};

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
        return Ok(decode_lossy(enc, rest, 0).into_decoded(enc));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return Ok(decode_lossy(enc, bytes, 0).into_decoded(enc));
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
    let utf8 = decode_lossy(UTF_8, bytes, 0);
    // GB18030 reads every GBK and Big5 byte pair: what it cannot read are stray bytes.
    let gb = decode_lossy(GB18030, bytes, allowed);
    let declared = (html || sniff_html_bytes(bytes))
        .then(|| declared_charset(bytes))
        .flatten()
        .filter(|e| *e != UTF_8);
    let enc = declared.unwrap_or_else(|| guess_legacy(bytes, &gb, allowed));
    let legacy = if enc == GBK || enc == GB18030 {
        // The GBK decoder is the GB18030 decoder.
        gb
    } else {
        decode_lossy(enc, bytes, 0)
    };
    if prefer_utf8(&utf8, &legacy, allowed) {
        Ok(utf8.into_decoded(UTF_8))
    } else {
        Ok(legacy.into_decoded(enc))
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
/// 1. its malformed sequences are within [`error_allowance`], and
/// 2. either the legacy decoding has at least as many errors, or the valid non-ASCII
///    characters outnumber the malformed sequences 4 to 1 (real UTF-8 structure: a
///    legacy encoding read as UTF-8 gives about one valid character per six errors).
///
/// The second condition is what keeps a short GBK text (few errors in absolute terms)
/// from being read as UTF-8: GBK decodes it without error and has no UTF-8 structure.
fn prefer_utf8(utf8: &Lossy, legacy: &Lossy, allowed: usize) -> bool {
    if utf8.sequences > allowed {
        return false;
    }
    let valid_non_ascii = utf8
        .text
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{fffd}')
        .count();
    utf8.sequences <= legacy.sequences || valid_non_ascii >= utf8.sequences.saturating_mul(4)
}

/// Text decoded with replacement, and what was replaced.
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
/// The byte ranges of the first `ranges` malformed sequences are kept.
fn decode_lossy(enc: &'static Encoding, bytes: &[u8], ranges: usize) -> Lossy {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let room = |decoder: &encoding_rs::Decoder, n: usize| {
        decoder
            .max_utf8_buffer_length_without_replacement(n)
            .unwrap_or(n)
            .max(16)
    };
    let mut out = Lossy {
        text: String::with_capacity(room(&decoder, bytes.len())),
        sequences: 0,
        invalid_bytes: 0,
        truncated: false,
        bad_ranges: Vec::new(),
    };
    // Everything but the end of input: a character cut at the end stays pending.
    let mut src = bytes;
    let mut consumed = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(src, &mut out.text, false);
        src = src.get(read..).unwrap_or_default();
        consumed += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                let more = room(&decoder, src.len());
                out.text.reserve(more);
            }
            DecoderResult::Malformed(bad, extra) => {
                if out.bad_ranges.len() < ranges {
                    let end = consumed.saturating_sub(usize::from(extra));
                    out.bad_ranges
                        .push((end.saturating_sub(usize::from(bad)), end));
                }
                out.sequences += 1;
                out.invalid_bytes += usize::from(bad);
                out.text.push('\u{fffd}');
            }
        }
    }
    // The end of input: what is still pending is an incomplete character.
    loop {
        let (result, _) = decoder.decode_to_string_without_replacement(&[], &mut out.text, true);
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => out.text.reserve(16),
            DecoderResult::Malformed(..) => out.truncated = true,
        }
    }
    out
}

/// UTF-16 without a BOM: ASCII-heavy text has a zero in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(4096))?;
    let pairs = head.len() / 2;
    if pairs < 8 || bytes.len() % 2 != 0 {
        return None;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|&(i, &b)| i % 2 == parity && b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 4 && even * 20 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 4 && odd * 20 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
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
}
