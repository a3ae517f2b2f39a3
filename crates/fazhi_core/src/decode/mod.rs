//! Bytes of a report file become text: encodings, HTML, .docx, PDF, .doc and OFD.
//!
//! This module sniffs the format and dispatches to one reader per module:
//!
//! - `text.rs`: plain text in any encoding — UTF-8 with or without BOM (the BOM is
//!   dropped), UTF-16 LE/BE with BOM or recognised by its structure, and otherwise the
//!   legacy encoding guessed by `chardetng` (GB18030/GBK, Big5…). A few invalid bytes (at
//!   most 1 per 1,000, or 16) are replaced by U+FFFD rather than rejecting the file.
//! - `html.rs` (by extension or by content): scripts and styles are dropped, block elements
//!   become line breaks and entities are decoded ([`html_to_text`]), in one linear pass.
//! - `docx.rs`: the paragraphs of `word/document.xml`, with Word's automatic numbering
//!   rebuilt from `word/numbering.xml` (and `word/styles.xml`) as text markers, so `一、`
//!   and `（一）` headings survive. Decompression, labels, nesting and the text are capped.
//!
//! - `pdf.rs`: the text layer of a PDF (`lopdf` parses; the content streams are interpreted
//!   here): characters through ToUnicode CMaps (Type0/CID fonts too), placed by the text
//!   matrices; lines rebuilt by position and joined into paragraphs; page numbers and running
//!   heads removed. A PDF without text is a scan ([`DecodeError::ScannedPdf`]).
//! - `doc.rs`: Word 97–2003 `.doc` (and Word-compatible `.wps`) through `cfb` and the piece
//!   table: the main document only (`ccpText`), field codes dropped, their results kept.
//!
//! - `ofd.rs`: OFD (GB/T 33190), a zip of XML: `OFD.xml` → each `DocRoot` → its pages'
//!   `Content.xml`; the characters of `TextObject`/`TextCode` placed and laid out by the PDF
//!   reader's line and paragraph rebuilding. Templates and annotations are never read.
//!
//! A new reader is a sibling module that returns its text and warnings,
//! dispatched from [`decode_with_limits`] by magic number or extension.
//!
//! Line breaks are normalised to `\n`. Every offset the analysis reports is a byte offset
//! into [`Document::text`]. Nothing here panics: whatever cannot be read is a
//! [`DecodeError`]; whatever was read but repaired or cut is a [`DecodeWarning`] in
//! [`Document::warnings`].

use std::fmt;

mod doc;
mod docx;
mod html;
mod ofd;
mod pdf;
mod text;

pub use html::html_to_text;

/// The format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Text,
    Html,
    Docx,
    /// The text layer of a PDF.
    Pdf,
    /// A Word 97–2003 `.doc` (or a Word-compatible WPS `.wps`).
    Doc,
    /// An OFD (GB/T 33190) electronic document.
    Ofd,
}

/// A decoded document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Document {
    pub text: String,
    pub format: SourceFormat,
    /// The encoding detected or declared, e.g. `UTF-8`, `GBK`, `UTF-16LE`.
    pub encoding: String,
    pub byte_len: usize,
    /// What was repaired or left out while reading; the text is usable but not exactly the
    /// file's (see [`DecodeWarning`]). Empty for a clean file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<DecodeWarning>,
}

/// Something the reader repaired or left out. Unlike a [`DecodeError`], the document was
/// read; its `Display` is bilingual like the errors'.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DecodeWarning {
    /// Malformed byte sequences (`count` bytes in all) were each replaced by U+FFFD.
    ReplacedInvalidBytes { count: usize },
    /// The file ends in the middle of a character, which was dropped.
    TruncatedAtEnd,
    /// The text would have been longer than `limit` bytes; the rest was left out.
    OutputCapped { limit: usize },
    /// Word list numbers longer than `limit` characters were cut to that length.
    ListLabelsCapped { limit: usize },
    /// .docx content nested deeper than `limit` XML elements was left out.
    NestingTooDeep { limit: usize },
}

impl fmt::Display for DecodeWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ReplacedInvalidBytes { count } => write!(
                f,
                "已将 {count} 个无效字节替换为 \u{fffd} ({count} invalid {} replaced by \u{fffd})",
                if *count == 1 { "byte" } else { "bytes" }
            ),
            Self::TruncatedAtEnd => write!(
                f,
                "文件在一个字符中间结束，已舍去该不完整字符 (the file ends inside a character, which was dropped)"
            ),
            Self::OutputCapped { limit } => write!(
                f,
                "文字超过 {limit} 字节上限，其后内容已省略 (the text exceeds {limit} bytes: the rest was left out)"
            ),
            Self::ListLabelsCapped { limit } => write!(
                f,
                "Word 列表编号超过 {limit} 个字符，已截断 (Word list numbers longer than {limit} characters were cut)"
            ),
            Self::NestingTooDeep { limit } => write!(
                f,
                "Word 文档中嵌套超过 {limit} 层的内容已省略 (content nested deeper than {limit} levels in the .docx was left out)"
            ),
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// No bytes, or no text once markup is removed.
    Empty,
    /// The file is larger than the input limit.
    TooLarge { size: usize, limit: usize },
    /// Not text: control bytes, an image, an executable…
    Binary,
    /// An OLE compound file (`D0 CF 11 E0`): a password-protected .docx, or another
    /// compound document that is not a report text.
    Encrypted,
    /// A Word 97–2003 `.doc` whose text could not be read.
    InvalidDoc { reason: String },
    /// A WPS Office `.wps` that is not a Word-compatible compound file.
    WpsNotWord,
    /// A PDF that could not be parsed.
    InvalidPdf { reason: String },
    /// A PDF encrypted with a user password (the empty password did not open it).
    PdfEncrypted,
    /// A PDF without a text layer (a scan).
    ScannedPdf,
    /// An OFD whose pages hold images and no text (a scan).
    ScannedOfd,
    /// A known format that is not supported (PDF, spreadsheets, presentations).
    Unsupported { format: &'static str },
    /// A zip file that is not a readable Word document.
    InvalidDocx { reason: String },
    /// An OFD package that could not be read.
    InvalidOfd { reason: String },
    /// The .docx, OFD or PDF would decompress to more than the limit (a zip bomb, or a huge file).
    ZipBomb { limit: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "文件为空或没有文字内容 (the file is empty or has no text)"),
            Self::TooLarge { size, limit } => write!(
                f,
                "文件过大：{size} 字节，上限 {limit} 字节 (file too large: {size} bytes, limit {limit})"
            ),
            Self::Binary => write!(
                f,
                "不是文本文件，请提供 .txt、.html、.docx、.doc、.pdf 或 .ofd (not a text file: use .txt, .html, .docx, .doc, .pdf or .ofd)"
            ),
            Self::Encrypted => write!(
                f,
                "文件已加密或为其他复合文档（如加密的 .docx 或 .doc），请解除密码后另存为 .docx 或 .txt (encrypted or other compound document: remove the password and save as .docx or .txt)"
            ),
            Self::InvalidDoc { reason } => write!(
                f,
                "无法读取旧版 Word 文档（.doc）：{reason}，请另存为 .docx 后重试 (cannot read the Word 97–2003 .doc: {reason}; save it as .docx)"
            ),
            Self::WpsNotWord => write!(
                f,
                "WPS 文字（.wps）旧格式文档无法读取，请在 WPS 中“另存为” .docx 后重试 (a WPS Writer .wps file in its own format: use Save As .docx in WPS)"
            ),
            Self::InvalidPdf { reason } => write!(
                f,
                "无法读取 PDF：{reason} (cannot read the PDF: {reason})"
            ),
            Self::PdfEncrypted => write!(
                f,
                "PDF 已加密，请解除密码后重试 (the PDF is password-protected: remove the password and try again)"
            ),
            Self::ScannedPdf => write!(
                f,
                "扫描件没有文字层，无法分析；请使用文字版 (a scanned PDF has no text layer; use a text PDF)"
            ),
            Self::ScannedOfd => write!(
                f,
                "扫描件没有文字层，无法分析；请使用文字版 (a scanned OFD has no text layer; use a text OFD)"
            ),
            Self::Unsupported { format } => write!(
                f,
                "不支持的文件格式：{format}，请提供 .txt、.html、.docx、.doc、.pdf 或 .ofd (unsupported format: {format}; use .txt, .html, .docx, .doc, .pdf or .ofd)"
            ),
            Self::InvalidDocx { reason } => write!(
                f,
                "无法读取 Word 文档：{reason} (cannot read the .docx: {reason})"
            ),
            Self::InvalidOfd { reason } => write!(
                f,
                "无法读取 OFD 文件：{reason} (cannot read the OFD: {reason})"
            ),
            Self::ZipBomb { limit } => write!(
                f,
                "文件解压后超过 {limit} 字节上限，可能已损坏 (the file decompresses to more than {limit} bytes)"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Size limits for [`decode_with_limits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes; also the most text a .docx may expand to (past it
    /// the text is cut, with [`DecodeWarning::OutputCapped`]).
    pub max_input: usize,
    /// Largest total decompressed size of the parts read from a .docx or an OFD (or the
    /// streams of a PDF), in bytes.
    pub max_decompressed: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_input: 20 * 1024 * 1024,
            max_decompressed: 48 * 1024 * 1024,
        }
    }
}

/// Decode a file's bytes with the default [`Limits`].
pub fn decode(bytes: &[u8], file_name: Option<&str>) -> Result<Document, DecodeError> {
    decode_with_limits(bytes, file_name, Limits::default())
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Decode a file's bytes.
pub fn decode_with_limits(
    bytes: &[u8],
    file_name: Option<&str>,
    limits: Limits,
) -> Result<Document, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.len() > limits.max_input {
        return Err(DecodeError::TooLarge {
            size: bytes.len(),
            limit: limits.max_input,
        });
    }
    let ext = file_name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();

    if bytes.starts_with(&OLE_MAGIC[..4]) {
        if contains_utf16(bytes, "WordDocument") && !contains_utf16(bytes, "EncryptionInfo") {
            let (text, warnings) = doc::doc_to_text(bytes, limits)?;
            return finish(
                text,
                SourceFormat::Doc,
                "UTF-16LE".into(),
                bytes.len(),
                warnings,
            );
        }
        return Err(if ext == "wps" {
            DecodeError::WpsNotWord
        } else {
            DecodeError::Encrypted
        });
    }
    if ext == "wps" {
        return Err(DecodeError::WpsNotWord);
    }
    if ext == "ofd" || (bytes.starts_with(ZIP_MAGIC) && ofd::is_ofd(bytes)) {
        let (text, warnings) = ofd::ofd_to_text(bytes, limits)?;
        return finish(
            text,
            SourceFormat::Ofd,
            "UTF-8".into(),
            bytes.len(),
            warnings,
        );
    }
    if bytes.starts_with(ZIP_MAGIC) || ext == "docx" {
        let (text, warnings) = docx::docx_to_text(bytes, limits)?;
        return finish(
            text,
            SourceFormat::Docx,
            "UTF-8".into(),
            bytes.len(),
            warnings,
        );
    }
    if bytes.starts_with(b"%PDF-")
        || (ext == "pdf"
            && memchr::memmem::find(bytes.get(..1024).unwrap_or(bytes), b"%PDF-").is_some())
    {
        let (text, warnings) = pdf::pdf_to_text(bytes, limits)?;
        return finish(text, SourceFormat::Pdf, "PDF".into(), bytes.len(), warnings);
    }
    if looks_like_image_or_program(bytes) {
        return Err(DecodeError::Binary);
    }

    let html_by_name = matches!(
        ext.as_str(),
        "html" | "htm" | "xhtml" | "shtml" | "mht" | "mhtml"
    );
    let decoded = text::decode_text(bytes, html_by_name)?;
    let encoding = decoded.encoding.name().to_owned();
    let mut text = decoded.text;
    if text.starts_with('\u{feff}') {
        text.replace_range(..'\u{feff}'.len_utf8(), "");
    }
    if html_by_name || sniff_html(&text) {
        return finish(
            html_to_text(&text),
            SourceFormat::Html,
            encoding,
            bytes.len(),
            decoded.warnings,
        );
    }
    finish(
        text,
        SourceFormat::Text,
        encoding,
        bytes.len(),
        decoded.warnings,
    )
}

/// Normalise line breaks, refuse text that is not text, wrap up.
fn finish(
    text: String,
    format: SourceFormat,
    encoding: String,
    byte_len: usize,
    warnings: Vec<DecodeWarning>,
) -> Result<Document, DecodeError> {
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    let bad = unreadable_chars(&text);
    if bad > 0 && (text.contains('\0') || bad * 20 > text.chars().count()) {
        return Err(DecodeError::Binary);
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Document {
        text,
        format,
        encoding,
        byte_len,
        warnings,
    })
}

/// Where an unreadable character may start: the C0 controls but the line break, the tab
/// and the form feed; DEL; C2 (the C1 controls are C2 80–C2 9F); EF (U+FFFD is EF BF BD).
static UNREADABLE_LEADS: crate::text::ByteSet =
    crate::text::ByteSet::new(b"\x7f\xc2\xef", &[(0x00, 0x08), (0x0b, 0x0b), (0x0d, 0x1f)]);

/// How many characters of `text` are replacement characters (U+FFFD) or control
/// characters other than the line break, the tab and the form feed, read from the bytes.
fn unreadable_chars(text: &str) -> usize {
    let b = text.as_bytes();
    let mut bad = 0;
    let mut i = 0;
    while let Some(p) = UNREADABLE_LEADS.next_in(text, i) {
        bad += usize::from(match b.get(p) {
            Some(0xc2) => matches!(b.get(p + 1), Some(0x80..=0x9f)),
            Some(0xef) => b.get(p + 1..p + 3) == Some(&[0xbf, 0xbd]),
            _ => true,
        });
        i = p + 1;
    }
    bad
}

/// Whether `bytes` holds `name` written in UTF-16LE (as OLE directory entries are).
fn contains_utf16(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// Magic numbers of common binary formats.
fn looks_like_image_or_program(bytes: &[u8]) -> bool {
    const MAGICS: &[&[u8]] = &[
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF87a",
        b"GIF89a",
        b"\x7FELF",
        b"\x1F\x8B",
        b"Rar!",
        b"7z\xBC\xAF",
        b"\0asm",
        b"II*\0",
        b"MM\0*",
    ];
    MAGICS.iter().any(|m| bytes.starts_with(m))
}

fn sniff_html_bytes(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    sniff_html(&String::from_utf8_lossy(head))
}

/// Whether text looks like HTML: it starts with a tag and names an HTML element early on.
fn sniff_html(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if !t.starts_with('<') {
        return false;
    }
    let head: String = t
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<div",
        "<p>",
        "<p ",
        "<table",
        "<span",
        "<br",
    ]
    .iter()
    .any(|m| head.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_sniffed() {
        assert!(sniff_html("<!DOCTYPE html><html>"));
        assert!(sniff_html("  <div>报告</div>"));
        assert!(!sniff_html("一、<div>不是开头"));
        assert!(!sniff_html("<2024年>"));
    }

    #[test]
    fn unreadable_chars_agrees_with_the_char_test() {
        let slow = |s: &str| {
            s.chars()
                .filter(|&c| {
                    c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\t' | '\u{0c}'))
                })
                .count()
        };
        for u in 0..=0x10_ffffu32 {
            if let Some(c) = char::from_u32(u) {
                let s = format!("报{c}告{c}");
                assert_eq!(unreadable_chars(&s), slow(&s), "U+{u:04X}");
            }
        }
    }
}
