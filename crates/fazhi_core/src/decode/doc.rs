//! Word 97–2003 `.doc` (and Word-compatible WPS `.wps`) → text.
//!
//! The compound file is opened with `cfb`; the text is found as [MS-DOC] describes: the FIB
//! at the start of the `WordDocument` stream gives `ccpText` (the main document's length in
//! characters, before footnotes, headers and the rest) and `fcClx`/`lcbClx` in the table
//! stream (`0Table` or `1Table`); the Clx holds the piece table (PlcPcd), whose pieces are
//! either cp1252 bytes (`fcCompressed` bit 0x40000000) or UTF-16LE. Field codes are dropped
//! (their results kept), cell marks become tabs and row ends line breaks, paragraph marks
//! line breaks, and other control characters are removed. Any panic is caught.

use std::io::{Cursor, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::{DecodeError, DecodeWarning, Limits};

/// Most pieces in a piece table.
const MAX_PIECES: usize = 1_000_000;
/// Deepest field nesting followed.
const MAX_FIELD_DEPTH: usize = 64;

fn invalid(reason: &str) -> DecodeError {
    DecodeError::InvalidDoc {
        reason: reason.to_owned(),
    }
}

/// Read the main text of a `.doc`.
pub(super) fn doc_to_text(
    bytes: &[u8],
    limits: Limits,
) -> Result<(String, Vec<DecodeWarning>), DecodeError> {
    match catch_unwind(AssertUnwindSafe(|| read_doc(bytes, limits))) {
        Ok(r) => r,
        Err(_) => Err(invalid("复合文档结构损坏 (damaged compound file)")),
    }
}

fn read_stream(
    cf: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    cap: usize,
) -> Result<Option<Vec<u8>>, DecodeError> {
    if !cf.is_stream(name) {
        return Ok(None);
    }
    let s = cf
        .open_stream(name)
        .map_err(|_| invalid("无法打开数据流 (cannot open a stream)"))?;
    let mut out = Vec::new();
    s.take(cap as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| invalid("数据流损坏 (damaged stream)"))?;
    if out.len() > cap {
        return Err(DecodeError::ZipBomb { limit: cap });
    }
    Ok(Some(out))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn read_doc(bytes: &[u8], limits: Limits) -> Result<(String, Vec<DecodeWarning>), DecodeError> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| invalid(&format!("复合文档无效 (invalid compound file: {e})")))?;
    let cap = limits.max_decompressed;
    let word = read_stream(&mut cf, "WordDocument", cap)?
        .ok_or_else(|| invalid("没有 WordDocument 数据流 (no WordDocument stream)"))?;
    let bad_fib = || invalid("文件信息块（FIB）无效 (invalid FIB)");
    if u16_at(&word, 0) != Some(0xA5EC) {
        return Err(bad_fib());
    }
    let flags = u16_at(&word, 0x0A).ok_or_else(bad_fib)?;
    if flags & 0x0100 != 0 {
        return Err(DecodeError::Encrypted);
    }
    let table_name = if flags & 0x0200 == 0 {
        "0Table"
    } else {
        "1Table"
    };
    let csw = usize::from(u16_at(&word, 32).ok_or_else(bad_fib)?);
    let lw_count_at = 34 + csw * 2;
    let lw_count = usize::from(u16_at(&word, lw_count_at).ok_or_else(bad_fib)?);
    let lw = lw_count_at + 2;
    let ccp_text = u32_at(&word, lw + 12).ok_or_else(bad_fib)? as usize;
    let fclcb = lw + lw_count * 4 + 2;
    let fc_clx = u32_at(&word, fclcb + 33 * 8).ok_or_else(bad_fib)? as usize;
    let lcb_clx = u32_at(&word, fclcb + 33 * 8 + 4).ok_or_else(bad_fib)? as usize;
    let table = read_stream(&mut cf, table_name, cap)?
        .ok_or_else(|| invalid("没有表数据流 (no table stream)"))?;
    let clx = table
        .get(fc_clx..fc_clx.saturating_add(lcb_clx))
        .ok_or_else(|| invalid("片段表越界 (piece table out of range)"))?;

    // Skip the Prc entries (0x01 + i16 size + data) to the Pcdt (0x02).
    let mut i = 0;
    while clx.get(i) == Some(&0x01) {
        let n = usize::from(u16_at(clx, i + 1).ok_or_else(|| invalid("Clx 无效 (invalid Clx)"))?);
        i += 3 + n;
    }
    if clx.get(i) != Some(&0x02) {
        return Err(invalid("Clx 无效 (invalid Clx)"));
    }
    let lcb = u32_at(clx, i + 1).ok_or_else(|| invalid("Clx 无效 (invalid Clx)"))? as usize;
    let plc = clx
        .get(i + 5..(i + 5).saturating_add(lcb))
        .ok_or_else(|| invalid("片段表越界 (piece table out of range)"))?;
    if plc.len() < 16 || (plc.len() - 4) % 12 != 0 {
        return Err(invalid("片段表无效 (invalid piece table)"));
    }
    let n = (plc.len() - 4) / 12;
    if n > MAX_PIECES {
        return Err(invalid("片段过多 (too many pieces)"));
    }

    let mut raw: Vec<char> = Vec::new();
    let mut warnings = Vec::new();
    let max_chars = limits.max_input;
    for k in 0..n {
        if raw.len() >= ccp_text {
            break;
        }
        let cp0 = u32_at(plc, k * 4).unwrap_or(0) as usize;
        let cp1 = u32_at(plc, k * 4 + 4).unwrap_or(0) as usize;
        if cp1 <= cp0 {
            continue;
        }
        let pcd = 4 * (n + 1) + k * 8;
        let fc = u32_at(plc, pcd + 2).ok_or_else(|| invalid("片段表无效 (invalid piece table)"))?;
        let count = (cp1 - cp0).min(ccp_text - raw.len());
        if raw.len() + count > max_chars {
            warnings.push(DecodeWarning::OutputCapped { limit: max_chars });
            break;
        }
        if fc & 0x4000_0000 != 0 {
            let start = (fc & 0x3FFF_FFFF) as usize / 2;
            let b = word
                .get(start..start.saturating_add(count))
                .ok_or_else(|| invalid("文字越界 (text out of range)"))?;
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(b);
            raw.extend(s.chars());
        } else {
            let start = fc as usize;
            let b = word
                .get(start..start.saturating_add(count * 2))
                .ok_or_else(|| invalid("文字越界 (text out of range)"))?;
            let units: Vec<u16> = b
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            raw.extend(char::decode_utf16(units).map(|r| r.unwrap_or('\u{fffd}')));
        }
    }
    Ok((clean(&raw), warnings))
}

/// Field codes dropped (results kept), table marks and paragraph marks as tabs and breaks.
fn clean(raw: &[char]) -> String {
    let mut out = String::with_capacity(raw.len() * 3);
    // For each open field: true while in its code part (before the separator).
    let mut fields: Vec<bool> = Vec::new();
    let mut last_was_cell = false;
    for &c in raw {
        match c {
            '\u{13}' => {
                if fields.len() < MAX_FIELD_DEPTH {
                    fields.push(true);
                }
                continue;
            }
            '\u{14}' => {
                if let Some(top) = fields.last_mut() {
                    *top = false;
                }
                continue;
            }
            '\u{15}' => {
                fields.pop();
                continue;
            }
            _ => {}
        }
        if fields.iter().any(|&in_code| in_code) {
            continue;
        }
        let cell = c == '\u{07}';
        match c {
            '\u{07}' => {
                if last_was_cell {
                    // The row-end mark after a row's last cell.
                    if out.ends_with('\t') {
                        out.pop();
                    }
                    out.push('\n');
                } else {
                    out.push('\t');
                }
            }
            '\r' | '\u{0b}' | '\u{0c}' => out.push('\n'),
            '\t' => out.push('\t'),
            '\u{1e}' => out.push('-'),
            '\u{a0}' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
        last_was_cell = cell;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn fields_and_marks() {
        let raw: Vec<char> =
            "一、\u{13} PAGEREF x \u{14}3\u{15}总则\r甲\u{07}乙\u{07}\u{07}丙\u{01}\r"
                .chars()
                .collect();
        assert_eq!(clean(&raw), "一、3总则\n甲\t乙\n丙\n");
    }
}
