//! Bytes of a report file become text: encodings, HTML and .docx.
//!
//! - Plain text: UTF-8 with or without BOM (the BOM is dropped), UTF-16 LE/BE with BOM (or
//!   unmistakably UTF-16 without one), and otherwise the legacy encoding guessed by
//!   `chardetng` (GB18030/GBK for Chinese).
//! - HTML (by extension or by content): scripts and styles are dropped, block elements become
//!   line breaks and entities are decoded ([`html_to_text`]).
//! - .docx: the paragraphs of `word/document.xml`, with Word's automatic numbering rebuilt
//!   from `word/numbering.xml` (and `word/styles.xml`) as text markers, so `一、` and `（一）`
//!   headings survive. Decompression is capped against zip bombs.
//!
//! Line breaks are normalised to `\n`. Every offset the analysis reports is a byte offset
//! into [`Document::text`]. Nothing here panics: whatever cannot be read is a [`DecodeError`].

use std::collections::HashMap;
use std::fmt;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::text::to_cn_number;

/// The format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Text,
    Html,
    Docx,
}

/// A decoded document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Document {
    pub text: String,
    pub format: SourceFormat,
    /// The encoding detected or declared, e.g. `UTF-8`, `GBK`, `UTF-16LE`.
    pub encoding: String,
    pub byte_len: usize,
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
    /// An OLE compound file holding a legacy Word 97–2003 `.doc`.
    LegacyDoc,
    /// A known format that is not supported (PDF, spreadsheets, presentations).
    Unsupported { format: &'static str },
    /// A zip file that is not a readable Word document.
    InvalidDocx { reason: String },
    /// The .docx would decompress to more than the limit (a zip bomb, or a huge file).
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
                "不是文本文件，请提供 .txt、.html 或 .docx (not a text file: use .txt, .html or .docx)"
            ),
            Self::Encrypted => write!(
                f,
                "文件已加密或为复合文档（如加密的 .docx、旧版 .doc），请解除密码后另存为 .docx 或 .txt (encrypted or compound document: remove the password and save as .docx or .txt)"
            ),
            Self::LegacyDoc => write!(
                f,
                "旧版 Word 文档（.doc）暂不支持，请另存为 .docx 或 .txt (legacy Word .doc is not supported: save as .docx or .txt)"
            ),
            Self::Unsupported { format } => write!(
                f,
                "不支持的文件格式：{format}，请提供 .txt、.html 或 .docx (unsupported format: {format}; use .txt, .html or .docx)"
            ),
            Self::InvalidDocx { reason } => write!(
                f,
                "无法读取 Word 文档：{reason} (cannot read the .docx: {reason})"
            ),
            Self::ZipBomb { limit } => write!(
                f,
                "Word 文档解压后超过 {limit} 字节上限，可能已损坏 (the .docx decompresses to more than {limit} bytes)"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Size limits for [`decode_with_limits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_input: usize,
    /// Largest total decompressed size of the parts read from a .docx, in bytes.
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
        return Err(
            if contains_utf16(bytes, "WordDocument") && !contains_utf16(bytes, "EncryptionInfo") {
                DecodeError::LegacyDoc
            } else {
                DecodeError::Encrypted
            },
        );
    }
    if bytes.starts_with(ZIP_MAGIC) || ext == "docx" {
        let text = docx_to_text(bytes, limits)?;
        return finish(text, SourceFormat::Docx, "UTF-8".into(), bytes.len());
    }
    if bytes.starts_with(b"%PDF") {
        return Err(DecodeError::Unsupported { format: "PDF" });
    }
    if looks_like_image_or_program(bytes) {
        return Err(DecodeError::Binary);
    }

    let html_by_name = matches!(
        ext.as_str(),
        "html" | "htm" | "xhtml" | "shtml" | "mht" | "mhtml"
    );
    let (text, encoding) = decode_text(bytes, html_by_name)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
    if html_by_name || sniff_html(&text) {
        return finish(
            html_to_text(&text),
            SourceFormat::Html,
            encoding,
            bytes.len(),
        );
    }
    finish(text, SourceFormat::Text, encoding, bytes.len())
}

/// Normalise line breaks, refuse text that is not text, wrap up.
fn finish(
    text: String,
    format: SourceFormat,
    encoding: String,
    byte_len: usize,
) -> Result<Document, DecodeError> {
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    let total = text.chars().count();
    let bad = text
        .chars()
        .filter(|&c| c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\t' | '\u{0c}')))
        .count();
    if bad > 0 && (text.contains('\0') || bad * 20 > total) {
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
    })
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

/// Bytes to text: BOM, then UTF-8, then a declared HTML charset, then a guess.
fn decode_text(bytes: &[u8], html: bool) -> Result<(String, String), DecodeError> {
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

/// Elements whose content is not text.
const SKIP_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "title", "svg", "iframe", "object", "canvas",
    "select", "textarea", "math",
];
/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "blockquote",
    "pre",
    "hr",
    "dl",
    "dt",
    "dd",
    "form",
    "figure",
    "figcaption",
    "address",
    "center",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "body",
    "html",
    "head",
    "fieldset",
    "legend",
    "option",
];

/// HTML to plain text: scripts, styles and comments dropped, block elements as line breaks,
/// table cells separated by spaces, entities decoded, white space collapsed as a browser
/// would (but `&nbsp;` kept).
#[must_use]
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut pending_space = false;
    let mut pending_break = false;
    let mut i = 0;
    while let Some(rest) = html.get(i..) {
        let Some(c) = rest.chars().next() else { break };
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if c == '<' {
            if let Some(tag) = parse_tag(rest) {
                i += tag.len;
                let name = tag.name.as_str();
                if SKIP_CONTENT.contains(&name) && !tag.closing && !tag.self_closing {
                    // Skip to the matching end tag; without one, skip only the tag itself.
                    if let Some(end) = find_end_tag(html.get(i..).unwrap_or(""), name) {
                        i += end;
                    }
                    continue;
                }
                if name.starts_with('!') || name.starts_with('?') {
                    continue;
                }
                if BLOCKS.contains(&name) {
                    push_break(&mut out);
                    pending_space = false;
                    pending_break = false;
                } else if matches!(name, "td" | "th") {
                    pending_space = true;
                }
                continue;
            }
        }
        if c == '&' {
            if let Some((decoded, len)) = decode_entity(rest) {
                if pending_space && needs_space(&out) {
                    out.push(' ');
                }
                pending_space = false;
                pending_break = false;
                out.push_str(&decoded);
                i += len;
                continue;
            }
        }
        i += c.len_utf8();
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0c}') {
            pending_space = true;
            pending_break |= matches!(c, '\n' | '\r');
            continue;
        }
        // A line break in the source between two wide (CJK) characters is dropped, as
        // browsers do; other white space becomes one space.
        let wide_join = pending_break && out.chars().next_back().is_some_and(is_wide) && is_wide(c);
        if pending_space && !wide_join && needs_space(&out) {
            out.push(' ');
        }
        pending_space = false;
        pending_break = false;
        out.push(c);
    }
    tidy_lines(&out)
}

/// CJK ideographs and full-width punctuation.
fn is_wide(c: char) -> bool {
    crate::text::is_han(c)
        || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' | '“' | '”' | '‘' | '’')
}

fn needs_space(out: &str) -> bool {
    !out.is_empty() && !out.ends_with(['\n', ' '])
}

fn push_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Trim line ends and keep at most one blank line between paragraphs.
fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank > 0 {
                out.push('\n');
            }
        }
        blank = 0;
        out.push_str(line.trim_start_matches(' '));
    }
    out
}

/// Longest tag read; a `<` with no `>` within this many chars is text.
const MAX_TAG_CHARS: usize = 4096;

struct Tag {
    name: String,
    len: usize,
    closing: bool,
    self_closing: bool,
}

/// Parse the tag at the start of `s` (which starts with `<`); `None` if it is not a tag.
fn parse_tag(s: &str) -> Option<Tag> {
    let inner = s.get(1..)?;
    let closing = inner.starts_with('/');
    let name_part = if closing { inner.get(1..)? } else { inner };
    let first = name_part.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '!' || first == '?') {
        return None;
    }
    let name: String = name_part
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '!' | '?' | '-' | ':'))
        .collect::<String>()
        .to_ascii_lowercase();
    // Find the closing `>`, outside quoted attribute values (a tag is never this long).
    let mut quote: Option<char> = None;
    for (j, c) in s.char_indices().skip(1).take(MAX_TAG_CHARS) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => {
                let self_closing = s.get(..j).is_some_and(|t| t.ends_with('/'));
                return Some(Tag {
                    name,
                    len: j + 1,
                    closing,
                    self_closing,
                });
            }
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// Offset just past `</name …>` in `s`, case-insensitively.
fn find_end_tag(s: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = s.get(from..)?.find("</") {
        let at = from + p + 2;
        let matches = s
            .get(at..at + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if matches {
            let end = s.get(at..)?.find('>')?;
            return Some(at + end + 1);
        }
        from = at;
    }
    None
}

/// Decode the entity at the start of `s` (which starts with `&`): the text and its length.
fn decode_entity(s: &str) -> Option<(String, usize)> {
    let head = s
        .char_indices()
        .nth(12)
        .map_or(s, |(i, _)| s.get(..i).unwrap_or(s));
    let semi = head.find(';')?;
    let body = s.get(1..semi)?;
    let decoded = if let Some(num) = body.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        let c = char::from_u32(code).filter(|&c| c != '\0')?;
        if c == '\u{a0}' {
            " ".to_owned()
        } else {
            c.to_string()
        }
    } else {
        let c = match body {
            "nbsp" => ' ',
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "middot" => '·',
            "bull" => '•',
            "emsp" => '\u{2003}',
            "ensp" => '\u{2002}',
            "thinsp" => '\u{2009}',
            "ideographicspace" => '\u{3000}',
            "times" => '×',
            "divide" => '÷',
            "copy" => '©',
            "reg" => '®',
            "yen" => '¥',
            "laquo" => '«',
            "raquo" => '»',
            "deg" => '°',
            "plusmn" => '±',
            "permil" => '‰',
            "shy" => return Some((String::new(), semi + 1)),
            _ => return None,
        };
        c.to_string()
    };
    Some((decoded, semi + 1))
}

/// One level of a Word numbering definition.
#[derive(Debug, Clone, Default)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
}

/// `word/numbering.xml`: abstract definitions and the instances that use them.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides per level)
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
}

/// The `w:val` attribute (or another by local name) of an element.
fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(std::borrow::Cow::into_owned))
}

fn xml_reader(xml: &str) -> Reader<&[u8]> {
    let mut r = Reader::from_str(xml);
    let cfg = r.config_mut();
    cfg.check_end_names = false;
    cfg.trim_text(false);
    r
}

fn parse_numbering(xml: &str) -> Numbering {
    let mut n = Numbering::default();
    let mut reader = xml_reader(xml);
    let mut abs: Option<String> = None;
    let mut num: Option<String> = None;
    let mut lvl: Option<(u8, Level)> = None;
    let mut override_lvl: Option<u8> = None;
    loop {
        let (e, is_start) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::End(e)) => {
                match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(a), Some((i, l))) = (abs.as_ref(), lvl.take()) {
                            n.abstracts.entry(a.clone()).or_default().insert(i, l);
                        }
                    }
                    b"abstractNum" => abs = None,
                    b"num" => num = None,
                    b"lvlOverride" => override_lvl = None,
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        let val = || attr(&e, b"val");
        match e.local_name().as_ref() {
            b"abstractNum" if is_start => abs = attr(&e, b"abstractNumId"),
            b"num" if is_start => {
                num = attr(&e, b"numId");
            }
            b"lvl" if is_start && abs.is_some() && override_lvl.is_none() => {
                let i = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                lvl = Some((
                    i,
                    Level {
                        fmt: "decimal".into(),
                        text: String::new(),
                        start: 1,
                    },
                ));
            }
            b"numFmt" => {
                if let (Some((_, l)), Some(v)) = (lvl.as_mut(), val()) {
                    l.fmt = v;
                }
            }
            b"lvlText" => {
                if let (Some((_, l)), Some(v)) = (lvl.as_mut(), val()) {
                    l.text = v;
                }
            }
            b"start" => {
                if let (Some((_, l)), Some(v)) = (lvl.as_mut(), val().and_then(|v| v.parse().ok()))
                {
                    l.start = v;
                }
            }
            b"abstractNumId" => {
                if let (Some(id), Some(v)) = (num.as_ref(), val()) {
                    n.nums.entry(id.clone()).or_default().0 = v;
                }
            }
            b"lvlOverride" if is_start => {
                override_lvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok());
            }
            b"startOverride" => {
                if let (Some(id), Some(i), Some(v)) = (
                    num.as_ref(),
                    override_lvl,
                    val().and_then(|v| v.parse().ok()),
                ) {
                    n.nums.entry(id.clone()).or_default().1.insert(i, v);
                }
            }
            _ => {}
        }
    }
    n
}

/// Paragraph styles that carry numbering: styleId → (numId, ilvl).
fn parse_style_numbering(xml: &str) -> HashMap<String, (String, u8)> {
    let mut out = HashMap::new();
    let mut reader = xml_reader(xml);
    let mut style: Option<String> = None;
    let mut num: (Option<String>, u8) = (None, 0);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                b"style" => {
                    style = attr(&e, b"styleId");
                    num = (None, 0);
                }
                b"numId" => num.0 = attr(&e, b"val"),
                b"ilvl" => num.1 = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0),
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => {
                if let (Some(s), (Some(n), l)) = (style.take(), num.clone()) {
                    out.insert(s, (n, l));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// A number in a Word numbering format.
fn format_number(n: u32, fmt: &str) -> String {
    const TIANGAN: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    const DIZHI: [char; 12] = [
        '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
    ];
    let offset = |base: u32, max: u32| {
        (1..=max)
            .contains(&n)
            .then(|| char::from_u32(base + n - 1))
            .flatten()
            .map_or_else(|| n.to_string(), |c| c.to_string())
    };
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "chineseLegalSimplified"
        | "koreanCounting" => to_cn_number(n),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|c| match c {
                '0' => '〇',
                d => to_cn_number(d.to_digit(10).unwrap_or(0))
                    .chars()
                    .next()
                    .unwrap_or('〇'),
            })
            .collect(),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(u32::from(c) - u32::from('0') + u32::from('０')))
            .collect(),
        "decimalZero" => format!("{n:02}"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => offset(0x2460, 20),
        "decimalEnclosedParen" => offset(0x2474, 20),
        "decimalEnclosedFullstop" => offset(0x2488, 20),
        "ideographEnclosedCircle" => offset(0x3220, 10),
        "ideographTraditional" => TIANGAN
            .get(n.saturating_sub(1) as usize)
            .map_or_else(|| n.to_string(), char::to_string),
        "ideographZodiac" => DIZHI
            .get(n.saturating_sub(1) as usize)
            .map_or_else(|| n.to_string(), char::to_string),
        "lowerLetter" | "upperLetter" if (1..=780).contains(&n) => {
            let base = if fmt == "lowerLetter" { b'a' } else { b'A' };
            let k = n.saturating_sub(1);
            let letter = char::from(base + (k % 26) as u8);
            letter.to_string().repeat((k / 26 + 1) as usize)
        }
        "lowerRoman" | "upperRoman" if (1..=3999).contains(&n) => {
            let r = roman(n);
            if fmt == "lowerRoman" {
                r.to_ascii_lowercase()
            } else {
                r
            }
        }
        "bullet" | "none" => String::new(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Running counters of Word lists, to rebuild the number of each numbered paragraph.
struct Counters<'a> {
    numbering: &'a Numbering,
    /// abstractNumId → current value per level (None = not started).
    values: HashMap<String, [Option<u32>; 9]>,
    /// numIds whose start overrides have been applied.
    applied: Vec<String>,
}

impl Counters<'_> {
    /// The marker text of the next paragraph in list `num_id` at level `ilvl`.
    fn next(&mut self, num_id: &str, ilvl: u8) -> String {
        let Some((abs_id, overrides)) = self.numbering.nums.get(num_id) else {
            return String::new();
        };
        let Some(levels) = self.numbering.abstracts.get(abs_id) else {
            return String::new();
        };
        let ilvl = usize::from(ilvl.min(8));
        let values = self.values.entry(abs_id.clone()).or_insert([None; 9]);
        if !self.applied.iter().any(|n| n == num_id) {
            self.applied.push(num_id.to_owned());
            for (&l, &start) in overrides {
                if let Some(v) = values.get_mut(usize::from(l)) {
                    *v = Some(start.saturating_sub(1));
                }
            }
        }
        let start_of = |l: usize| {
            u8::try_from(l)
                .ok()
                .and_then(|l| levels.get(&l))
                .map_or(1, |lv| lv.start)
        };
        if let Some(v) = values.get_mut(ilvl) {
            *v = Some(v.map_or(start_of(ilvl), |x| x.saturating_add(1)));
        }
        for v in values.iter_mut().skip(ilvl + 1) {
            *v = None;
        }
        let Some(level) = u8::try_from(ilvl).ok().and_then(|l| levels.get(&l)) else {
            return String::new();
        };
        if level.fmt == "bullet" {
            return String::new();
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let l = (d as usize).saturating_sub(1);
                    let value = values
                        .get(l)
                        .copied()
                        .flatten()
                        .unwrap_or_else(|| start_of(l));
                    let fmt = u8::try_from(l)
                        .ok()
                        .and_then(|l| levels.get(&l))
                        .map_or("decimal", |lv| lv.fmt.as_str());
                    out.push_str(&format_number(value, fmt));
                    continue;
                }
            }
            out.push(c);
        }
        out
    }
}

/// Read one part of the zip, charging its size to `budget`.
fn read_part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    budget: &mut usize,
) -> Result<Option<String>, DecodeError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(DecodeError::InvalidDocx {
                reason: format!("{name}: {e}"),
            })
        }
    };
    let limit = *budget;
    let mut buf = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| DecodeError::InvalidDocx {
            reason: format!("{name}: {e}"),
        })?;
    if buf.len() > limit {
        return Err(DecodeError::ZipBomb { limit });
    }
    *budget = limit - buf.len();
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// The text of a .docx: one line per paragraph, with list numbers rebuilt.
fn docx_to_text(bytes: &[u8], limits: Limits) -> Result<String, DecodeError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DecodeError::InvalidDocx {
            reason: e.to_string(),
        })?;
    let mut budget = limits.max_decompressed;
    let Some(document) = read_part(&mut zip, "word/document.xml", &mut budget)? else {
        let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
        if names.iter().any(|n| n.starts_with("xl/")) {
            return Err(DecodeError::Unsupported {
                format: "Excel (.xlsx)",
            });
        }
        if names.iter().any(|n| n.starts_with("ppt/")) {
            return Err(DecodeError::Unsupported {
                format: "PowerPoint (.pptx)",
            });
        }
        return Err(DecodeError::InvalidDocx {
            reason: "缺少 word/document.xml (word/document.xml is missing)".into(),
        });
    };
    let numbering = read_part(&mut zip, "word/numbering.xml", &mut budget)?
        .map(|x| parse_numbering(&x))
        .unwrap_or_default();
    let styles = read_part(&mut zip, "word/styles.xml", &mut budget)?
        .map(|x| parse_style_numbering(&x))
        .unwrap_or_default();
    Ok(document_text(&document, &numbering, &styles))
}

/// One paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: Option<u8>,
    style: Option<String>,
}

fn document_text(
    xml: &str,
    numbering: &Numbering,
    styles: &HashMap<String, (String, u8)>,
) -> String {
    let mut counters = Counters {
        numbering,
        values: HashMap::new(),
        applied: Vec::new(),
    };
    let mut out = String::new();
    let mut stack: Vec<Para> = Vec::new();
    let mut in_text = false;
    let mut in_ppr = 0usize;
    let mut reader = xml_reader(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"p" => stack.push(Para::default()),
                b"pPr" => in_ppr += 1,
                b"t" => in_text = true,
                _ => paragraph_property(&e, in_ppr > 0, stack.last_mut()),
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"p" => out.push('\n'),
                b"tab" if in_ppr == 0 => {
                    if let Some(p) = stack.last_mut() {
                        p.text.push('\t');
                    }
                }
                b"br" | b"cr" if in_ppr == 0 => {
                    if let Some(p) = stack.last_mut() {
                        p.text.push('\n');
                    }
                }
                b"noBreakHyphen" => {
                    if let Some(p) = stack.last_mut() {
                        p.text.push('-');
                    }
                }
                _ => paragraph_property(&e, in_ppr > 0, stack.last_mut()),
            },
            Ok(Event::Text(t)) if in_text => {
                if let (Some(p), Ok(s)) = (stack.last_mut(), t.unescape()) {
                    p.text.push_str(&s);
                }
            }
            Ok(Event::CData(t)) if in_text => {
                if let Some(p) = stack.last_mut() {
                    p.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"pPr" => in_ppr = in_ppr.saturating_sub(1),
                b"p" => {
                    if let Some(p) = stack.pop() {
                        let (num_id, ilvl) =
                            match (&p.num_id, p.style.as_ref().and_then(|s| styles.get(s))) {
                                (Some(n), style) => {
                                    (Some(n.clone()), p.ilvl.or(style.map(|s| s.1)))
                                }
                                (None, Some((n, l))) => {
                                    (Some(n.clone()), Some(p.ilvl.unwrap_or(*l)))
                                }
                                (None, None) => (None, None),
                            };
                        if let Some(n) = num_id.filter(|n| n != "0") {
                            out.push_str(&counters.next(&n, ilvl.unwrap_or(0)));
                        }
                        out.push_str(&p.text);
                        out.push('\n');
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// Record `w:pStyle`, `w:numId` and `w:ilvl` of the current paragraph's properties.
fn paragraph_property(e: &BytesStart<'_>, in_ppr: bool, para: Option<&mut Para>) {
    let (true, Some(p)) = (in_ppr, para) else {
        return;
    };
    match e.local_name().as_ref() {
        b"pStyle" => p.style = attr(e, b"val"),
        b"numId" => p.num_id = attr(e, b"val"),
        b"ilvl" => p.ilvl = attr(e, b"val").and_then(|v| v.parse().ok()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        let cases = [
            ("&amp;x", Some(("&", 5))),
            ("&nbsp;", Some((" ", 6))),
            ("&#20013;", Some(("中", 8))),
            ("&#x4E2D;", Some(("中", 8))),
            ("&ldquo;", Some(("“", 7))),
            ("&unknown;", None),
            ("& alone", None),
            ("&#0;", None),
        ];
        for (s, want) in cases {
            let got = decode_entity(s);
            assert_eq!(got.as_ref().map(|(t, l)| (t.as_str(), *l)), want, "{s}");
        }
    }

    #[test]
    fn html_blocks_scripts_and_entities() {
        let html = "<html><head><title>页</title><style>p{color:red}</style></head><body>\
            <div>首页 &gt; 政务公开</div><script>var a = '<p>x</p>';</script>\
            <p>一、总体情况</p><p>（一）甲&nbsp;&nbsp;乙</p><br/>\
            <table><tr><td>索引号</td><td>123</td></tr></table><!-- c --></body></html>";
        assert_eq!(
            html_to_text(html),
            "首页 > 政务公开\n一、总体情况\n（一）甲  乙\n索引号 123"
        );
    }

    #[test]
    fn unclosed_script_skips_only_its_tag() {
        assert_eq!(html_to_text("<p>a<script>b</p>"), "ab");
        assert_eq!(html_to_text("a < b"), "a < b");
        // A source line break between CJK characters vanishes; a space stays.
        assert_eq!(
            html_to_text("<p>甲，\n   乙</p><p>丙。 一、丁</p>"),
            "甲，乙\n丙。 一、丁"
        );
    }

    #[test]
    fn number_formats() {
        let cases = [
            (1, "decimal", "1"),
            (3, "chineseCounting", "三"),
            (11, "chineseCountingThousand", "十一"),
            (2, "ideographTraditional", "乙"),
            (3, "decimalEnclosedCircle", "③"),
            (4, "lowerRoman", "iv"),
            (28, "upperLetter", "BB"),
            (7, "decimalFullWidth", "７"),
            (10, "ideographDigital", "一〇"),
            (5, "bullet", ""),
        ];
        for (n, fmt, want) in cases {
            assert_eq!(format_number(n, fmt), want, "{n} {fmt}");
        }
    }

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
    fn html_is_sniffed() {
        assert!(sniff_html("<!DOCTYPE html><html>"));
        assert!(sniff_html("  <div>报告</div>"));
        assert!(!sniff_html("一、<div>不是开头"));
        assert!(!sniff_html("<2024年>"));
    }
}
