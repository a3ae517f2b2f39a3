//! OFD (GB/T 33190, China's format for electronic official documents) → text.
//!
//! An OFD is a zip of XML: `OFD.xml` names each document's root (`DocBody/DocRoot`), the
//! document (`Document.xml`) lists its pages in order (`Pages/Page@BaseLoc`, relative to
//! the document's folder), and each page's `Content.xml` holds layers of `TextObject`s.
//! A text object has a `Boundary` (its origin on the page, in millimetres, y downwards), a
//! `Size`, an optional `CTM`, and `TextCode`s whose characters sit at `X`/`Y` plus the
//! `DeltaX`/`DeltaY` offsets (`g N v` stands for N times v).
//!
//! Every character is placed on its page like a PDF glyph, and the PDF reader's layout
//! (`pdf::lines_of`, `pdf::remove_furniture`, `pdf::paragraphs`) rebuilds lines by baseline,
//! paragraphs by spacing and indentation, and drops page numbers and running heads.
//! Spaces come from positions, as in a PDF: a space character in a `TextCode` is not kept
//! (converters put one between Chinese and digits where the layout had a gap).
//!
//! Pages that draw images and no text are a scan ([`DecodeError::ScannedOfd`]).
//!
//! Only the pages' own content is read: template pages (`TemplatePage`, the letterhead or
//! watermark drawn under every page), annotations (`Annotations`), signatures, attachments
//! and custom tags are never opened, so nothing of theirs reaches the body, and no reference
//! from a page is followed (a file cannot lead the reader round in circles).
//!
//! Bounds: entries in the zip, total decompressed size of the parts read
//! ([`Limits::max_decompressed`]), XML nesting, documents and pages, characters placed, and
//! the text ([`Limits::max_input`], past which it is cut with a warning).

use std::collections::HashMap;
use std::io::{Cursor, Read, Seek};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::pdf::{cap_output, lines_of, paragraphs, remove_furniture, Glyph};
use super::{DecodeError, DecodeWarning, Limits};

/// Most entries the zip may hold (a real OFD has a few per page).
const MAX_ENTRIES: usize = 50_000;
/// Deepest XML nesting read (pages nest `PageBlock`s a few levels deep).
const MAX_DEPTH: usize = 128;
/// Most documents (`DocBody`) and pages read.
const MAX_DOCS: usize = 16;
const MAX_PAGES: usize = 5_000;
/// Most characters placed in all.
const MAX_GLYPHS: usize = 8_000_000;

fn invalid(reason: impl Into<String>) -> DecodeError {
    DecodeError::InvalidOfd {
        reason: reason.into(),
    }
}

/// Whether `bytes` is a zip whose root holds `OFD.xml`.
pub(super) fn is_ofd(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes)).is_ok_and(|z| {
        z.file_names()
            .any(|n| n.trim_start_matches('/').eq_ignore_ascii_case("OFD.xml"))
    })
}

/// The parts of the package, read under one decompression budget.
struct Package<R> {
    zip: zip::ZipArchive<R>,
    /// Lower-cased entry name → its name in the zip (OFD paths are matched without case:
    /// producers differ in `Doc_0` / `doc_0`).
    names: HashMap<String, String>,
    budget: usize,
    limit: usize,
}

impl<R: Read + Seek> Package<R> {
    /// The part at `path` (a path inside the package), or `None` if it is missing.
    fn read(&mut self, path: &str) -> Result<Option<String>, DecodeError> {
        let Some(name) = self.names.get(&path.to_lowercase()).cloned() else {
            return Ok(None);
        };
        let file = self
            .zip
            .by_name(&name)
            .map_err(|e| invalid(format!("{name}: {e}")))?;
        let mut buf = Vec::new();
        file.take(self.budget as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| invalid(format!("{name}: {e}")))?;
        if buf.len() > self.budget {
            return Err(DecodeError::ZipBomb { limit: self.limit });
        }
        self.budget -= buf.len();
        Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
    }
}

/// `loc` resolved against the folder `base` (no leading or trailing `/`): an absolute
/// location starts at the package root; `.` and `..` are followed, never above the root.
fn resolve(base: &str, loc: &str) -> String {
    let loc = loc.trim().replace('\\', "/");
    let mut parts: Vec<&str> = if loc.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|p| !p.is_empty()).collect()
    };
    for p in loc.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The folder of a part's path.
fn folder(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

fn xml_reader(xml: &str) -> Reader<&[u8]> {
    let mut r = Reader::from_str(xml);
    let cfg = r.config_mut();
    cfg.check_end_names = false;
    cfg.trim_text(false);
    r
}

/// An attribute by local name (`Size`, `size`… as producers spell it).
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| {
            std::str::from_utf8(a.key.local_name().as_ref())
                .is_ok_and(|k| k.eq_ignore_ascii_case(key))
        })
        .and_then(|a| a.unescape_value().ok().map(std::borrow::Cow::into_owned))
}

fn too_deep() -> DecodeError {
    invalid(format!(
        "XML 嵌套超过 {MAX_DEPTH} 层 (the XML is nested deeper than {MAX_DEPTH} levels)"
    ))
}

/// The text of the elements with local name `name` directly inside a `parent` element
/// (`DocBody/DocRoot`, `Pages/Page`), in order, at most `max` of them, the `BaseLoc`
/// attribute standing in for the text when there is one. (Elsewhere, as in the annotation
/// list's `Page` entries, the same name means something else.)
fn locations(
    xml: &str,
    parent: &[u8],
    name: &[u8],
    max: usize,
) -> Result<Vec<String>, DecodeError> {
    fn push(out: &mut Vec<String>, loc: String) {
        if !loc.trim().is_empty() {
            out.push(loc);
        }
    }
    let mut reader = xml_reader(xml);
    let mut out = Vec::new();
    let mut depth = 0usize;
    // The depth of the open `parent` element, if one is open.
    let mut parent_at: Option<usize> = None;
    let mut inside: Option<String> = None;
    loop {
        let in_parent = parent_at.is_some_and(|p| p + 1 == depth);
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if parent_at.is_none() && e.local_name().as_ref() == parent {
                    parent_at = Some(depth);
                }
                let in_parent = parent_at.is_some_and(|p| p + 1 == depth);
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep());
                }
                if in_parent && e.local_name().as_ref() == name {
                    match attr(&e, "BaseLoc") {
                        Some(loc) => push(&mut out, loc),
                        None => inside = Some(String::new()),
                    }
                }
            }
            Ok(Event::Empty(e)) if in_parent && e.local_name().as_ref() == name => {
                if let Some(loc) = attr(&e, "BaseLoc") {
                    push(&mut out, loc);
                }
            }
            Ok(Event::Text(t)) => {
                if let (Some(s), Ok(t)) = (inside.as_mut(), t.unescape()) {
                    s.push_str(&t);
                }
            }
            Ok(Event::End(e)) => {
                depth = depth.saturating_sub(1);
                if e.local_name().as_ref() == name {
                    if let Some(s) = inside.take() {
                        push(&mut out, s);
                    }
                }
                if parent_at == Some(depth) {
                    parent_at = None;
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(invalid(format!("XML: {e}"))),
            Ok(_) => {}
        }
        if out.len() >= max {
            break;
        }
    }
    out.truncate(max);
    Ok(out)
}

/// `DeltaX`/`DeltaY`: numbers, where `g N v` stands for N times v; at most `n` values.
fn deltas(s: &str, n: usize) -> Vec<f64> {
    let mut out = Vec::new();
    let mut toks = s.split_whitespace();
    while out.len() < n {
        let Some(t) = toks.next() else { break };
        if t == "g" {
            let count = toks
                .next()
                .and_then(|c| c.parse::<usize>().ok())
                .unwrap_or(0);
            let Some(v) = toks.next().and_then(|v| v.parse::<f64>().ok()) else {
                break;
            };
            let room = n - out.len();
            out.extend(std::iter::repeat_n(v, count.min(room)));
        } else if let Ok(v) = t.parse::<f64>() {
            out.push(v);
        } else {
            break;
        }
    }
    out
}

/// Up to `N` numbers from an attribute such as `Boundary` or `CTM`.
fn numbers<const N: usize>(s: Option<String>) -> Option<[f64; N]> {
    let s = s?;
    let mut out = [0.0; N];
    let mut it = s.split_whitespace().map(str::parse::<f64>);
    for v in &mut out {
        *v = it.next()?.ok().filter(|v| v.is_finite())?;
    }
    Some(out)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// The text object being read: where its codes are placed.
struct TextObject {
    origin: (f64, f64),
    /// a b c d e f
    ctm: [f64; 6],
    size: f64,
    /// Where the next code starts when it gives no `X`/`Y`.
    pen: (f64, f64),
}

impl TextObject {
    fn from(e: &BytesStart<'_>) -> Self {
        let boundary = numbers::<4>(attr(e, "Boundary")).unwrap_or_default();
        let size = attr(e, "Size")
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s > 0.0)
            .unwrap_or(3.5);
        Self {
            origin: (boundary[0], boundary[1]),
            ctm: numbers::<6>(attr(e, "CTM")).unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]),
            size,
            pen: (0.0, 0.0),
        }
    }

    /// Object space → page (x right, y up, as the layout expects).
    fn place(&self, x: f64, y: f64) -> (f64, f64) {
        let m = self.ctm;
        let px = m[0] * x + m[2] * y + m[4] + self.origin.0;
        let py = m[1] * x + m[3] * y + m[5] + self.origin.1;
        (px, -py)
    }

    /// Place the characters of one `TextCode`.
    fn code(&mut self, at: &Code, glyphs: &mut Vec<Glyph>, budget: &mut usize) {
        let chars: Vec<char> = at
            .text
            .chars()
            .filter(|c| *c != '\n' && *c != '\r')
            .collect();
        let n = chars.len();
        let dx = deltas(at.delta_x.as_deref().unwrap_or(""), n.saturating_sub(1));
        let dy = deltas(at.delta_y.as_deref().unwrap_or(""), n.saturating_sub(1));
        let scale = {
            let m = self.ctm;
            let det = (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
            if det.is_finite() && det > 0.0 {
                det
            } else {
                1.0
            }
        };
        let size = self.size * scale;
        let (mut x, mut y) = (at.x.unwrap_or(self.pen.0), at.y.unwrap_or(self.pen.1));
        for (i, &ch) in chars.iter().enumerate() {
            let guess = if is_cjk(ch) {
                self.size
            } else {
                self.size / 2.0
            };
            let adv_x = dx.get(i).copied().unwrap_or(guess);
            let adv_y = dy.get(i).copied().unwrap_or(0.0);
            if !ch.is_whitespace() && *budget > 0 {
                *budget -= 1;
                let (px, py) = self.place(x, y);
                let (ex, _) = self.place(x + adv_x.abs().max(guess * 0.3), y);
                glyphs.push(Glyph {
                    x: px,
                    y: py,
                    w: (ex - px).abs(),
                    size,
                    text: ch.to_string(),
                });
            }
            x += adv_x;
            y += adv_y;
        }
        self.pen = (x, y);
    }
}

/// One `TextCode` being read.
#[derive(Default)]
struct Code {
    x: Option<f64>,
    y: Option<f64>,
    delta_x: Option<String>,
    delta_y: Option<String>,
    text: String,
}

impl Code {
    fn from(e: &BytesStart<'_>) -> Self {
        let num = |k: &str| {
            attr(e, k)
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|v| v.is_finite())
        };
        Self {
            x: num("X"),
            y: num("Y"),
            delta_x: attr(e, "DeltaX"),
            delta_y: attr(e, "DeltaY"),
            text: String::new(),
        }
    }
}

/// The characters of one page's `Content.xml`, placed, and whether the page draws an image.
fn page_glyphs(xml: &str, budget: &mut usize) -> Result<(Vec<Glyph>, bool), DecodeError> {
    let mut reader = xml_reader(xml);
    let mut glyphs = Vec::new();
    let mut image = false;
    let mut depth = 0usize;
    let mut object: Option<TextObject> = None;
    let mut code: Option<Code> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep());
                }
                match e.local_name().as_ref() {
                    b"TextObject" => object = Some(TextObject::from(&e)),
                    b"TextCode" if object.is_some() => code = Some(Code::from(&e)),
                    b"ImageObject" => image = true,
                    _ => {}
                }
            }
            Ok(Event::Empty(e)) if e.local_name().as_ref() == b"ImageObject" => image = true,
            Ok(Event::Text(t)) => {
                if let (Some(c), Ok(t)) = (code.as_mut(), t.unescape()) {
                    c.text.push_str(&t);
                }
            }
            Ok(Event::CData(t)) => {
                if let Some(c) = code.as_mut() {
                    c.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Ok(Event::End(e)) => {
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    b"TextCode" => {
                        if let (Some(o), Some(c)) = (object.as_mut(), code.take()) {
                            o.code(&c, &mut glyphs, budget);
                        }
                    }
                    b"TextObject" => object = None,
                    _ => {}
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(invalid(format!("XML: {e}"))),
            Ok(_) => {}
        }
    }
    Ok((glyphs, image))
}

/// The text of an OFD package: its pages' text in reading order, at most
/// `limits.max_input` bytes.
pub(super) fn ofd_to_text(
    bytes: &[u8],
    limits: Limits,
) -> Result<(String, Vec<DecodeWarning>), DecodeError> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| invalid(format!("不是 zip 包 (not a zip package: {e})")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(invalid(format!(
            "包内文件超过 {MAX_ENTRIES} 个 (more than {MAX_ENTRIES} entries)"
        )));
    }
    let names = zip
        .file_names()
        .map(|n| (n.trim_start_matches('/').to_lowercase(), n.to_owned()))
        .collect();
    let mut pkg = Package {
        zip,
        names,
        budget: limits.max_decompressed,
        limit: limits.max_decompressed,
    };
    let Some(entry) = pkg.read("OFD.xml")? else {
        return Err(invalid("缺少 OFD.xml (OFD.xml is missing)"));
    };
    let roots = locations(&entry, b"DocBody", b"DocRoot", MAX_DOCS)?;
    if roots.is_empty() {
        return Err(invalid("OFD.xml 没有 DocRoot (OFD.xml names no DocRoot)"));
    }
    let mut warnings = Vec::new();
    let mut glyph_budget = MAX_GLYPHS;
    let mut page_lines = Vec::new();
    let mut pages_read = 0usize;
    let mut images = false;
    for root in roots {
        let doc_path = resolve("", &root);
        let Some(document) = pkg.read(&doc_path)? else {
            return Err(invalid(format!("缺少 {doc_path} ({doc_path} is missing)")));
        };
        let pages = locations(
            &document,
            b"Pages",
            b"Page",
            MAX_PAGES.saturating_sub(pages_read),
        )?;
        for loc in pages {
            let path = resolve(folder(&doc_path), &loc);
            // A page whose content is missing is left out, as a viewer shows it blank.
            if let Some(xml) = pkg.read(&path)? {
                let (glyphs, image) = page_glyphs(&xml, &mut glyph_budget)?;
                images |= image;
                page_lines.push(lines_of(glyphs));
            }
            pages_read += 1;
        }
        if pages_read >= MAX_PAGES || glyph_budget == 0 {
            break;
        }
    }
    if pages_read == 0 {
        return Err(invalid("没有页面 (no pages)"));
    }
    if page_lines.iter().all(Vec::is_empty) {
        // Pages of images and no text: a scan (scanned OFDs are common).
        return Err(if images {
            DecodeError::ScannedOfd
        } else {
            DecodeError::Empty
        });
    }
    remove_furniture(&mut page_lines);
    let mut text = paragraphs(&page_lines);
    if glyph_budget == 0 || text.len() > limits.max_input {
        cap_output(&mut text, limits.max_input, &mut warnings);
    }
    Ok((text, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_resolve_against_their_folder() {
        for (base, loc, want) in [
            ("", "Doc_0/Document.xml", "Doc_0/Document.xml"),
            ("", "/Doc_0/Document.xml", "Doc_0/Document.xml"),
            (
                "Doc_0",
                "Pages/Page_0/Content.xml",
                "Doc_0/Pages/Page_0/Content.xml",
            ),
            ("Doc_0", "/Doc_0/Pages/P1.xml", "Doc_0/Pages/P1.xml"),
            ("Doc_0", "./Pages\\P1.xml", "Doc_0/Pages/P1.xml"),
            ("Doc_0", "../../../x.xml", "x.xml"),
        ] {
            assert_eq!(resolve(base, loc), want, "{base} + {loc}");
        }
    }

    #[test]
    fn only_pages_listed_under_pages_are_read() {
        let doc = r#"<ofd:Document><ofd:CommonData><ofd:TemplatePage ID="5" BaseLoc="Tpls/T.xml"/></ofd:CommonData>
            <ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/P1.xml"/><ofd:Page ID="2"><ofd:x/></ofd:Page><ofd:Page ID="3" BaseLoc="Pages/P3.xml"></ofd:Page></ofd:Pages>
            <ofd:Annotations><ofd:Page PageID="1" BaseLoc="Annots/A.xml"/></ofd:Annotations></ofd:Document>"#;
        assert_eq!(
            locations(doc, b"Pages", b"Page", 10).expect("valid"),
            vec!["Pages/P1.xml".to_owned(), "Pages/P3.xml".to_owned()]
        );
        assert_eq!(
            locations(doc, b"Pages", b"Page", 1).expect("valid"),
            vec!["Pages/P1.xml".to_owned()]
        );
        let ofd = "<ofd:OFD><ofd:DocRoot>x.xml</ofd:DocRoot><ofd:DocBody><ofd:DocRoot> Doc_0/Document.xml </ofd:DocRoot></ofd:DocBody></ofd:OFD>";
        assert_eq!(
            locations(ofd, b"DocBody", b"DocRoot", 10).expect("valid"),
            vec![" Doc_0/Document.xml ".to_owned()]
        );
    }

    #[test]
    fn deltas_expand_g_runs_up_to_the_characters() {
        for (s, n, want) in [
            ("1 2 3", 3, vec![1.0, 2.0, 3.0]),
            ("g 3 2.5 1", 4, vec![2.5, 2.5, 2.5, 1.0]),
            ("g 1000000000 1", 2, vec![1.0, 1.0]),
            ("1 x 2", 3, vec![1.0]),
            ("", 3, vec![]),
            ("g 2", 3, vec![]),
        ] {
            assert_eq!(deltas(s, n), want, "{s}");
        }
    }

    #[test]
    fn a_text_code_places_each_character() {
        let xml = r#"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>
            <ofd:TextObject ID="1" Boundary="20 30 100 10" Size="5" Font="2">
              <ofd:TextCode X="0" Y="4" DeltaX="g 3 5">一、总体</ofd:TextCode>
            </ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"#;
        let mut budget = 100;
        let (g, image) = page_glyphs(xml, &mut budget).expect("valid page");
        assert!(!image);
        let placed: Vec<(String, f64, f64)> =
            g.iter().map(|g| (g.text.clone(), g.x, g.y)).collect();
        assert_eq!(
            placed,
            vec![
                ("一".into(), 20.0, -34.0),
                ("、".into(), 25.0, -34.0),
                ("总".into(), 30.0, -34.0),
                ("体".into(), 35.0, -34.0),
            ]
        );
        assert_eq!(budget, 96);
    }
}
