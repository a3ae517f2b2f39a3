//! Plain text in any encoding: BOMs, UTF-8, UTF-16 and the legacy encodings `chardetng`
//! detects (GB18030/GBK, Big5…).

use super::{sniff_html_bytes, DecodeError};

/// Bytes to text: BOM, then UTF-8, then a declared HTML charset, then a guess.
pub(super) fn decode_text(bytes: &[u8], html: bool) -> Result<(String, String), DecodeError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let (text, _) = enc.decode_without_bom_handling(rest);
        return Ok((text.into_owned(), enc.name().to_owned()));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok((text.into_owned(), enc.name().to_owned()));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), "UTF-8".to_owned()));
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    let declared = (html || sniff_html_bytes(bytes))
        .then(|| declared_charset(bytes))
        .flatten()
        .filter(|e| *e != encoding_rs::UTF_8);
    let enc = declared.unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        det.guess(None, chardetng::Utf8Detection::Allow)
    });
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), enc.name().to_owned()))
}

/// UTF-16 without a BOM: ASCII-heavy text has a zero in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
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
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
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
