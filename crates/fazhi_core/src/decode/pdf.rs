//! PDF text layer → text, with the reading order rebuilt from positions.
//!
//! `lopdf` parses the file (objects, xref, decryption with the empty password); this module
//! reads the pages itself: content streams are decompressed under a cap, text operators are
//! interpreted with the text and graphics matrices, codes become characters through the
//! font's ToUnicode CMap (Type0/CID fonts, two-byte codes) or WinAnsi, and each glyph gets a
//! position and advance width. Glyphs are then grouped into lines (by y), lines into
//! paragraphs (a larger gap, an indented first line or a short last line ends a paragraph;
//! the break inside a paragraph is dropped), and page headers, footers and page numbers are
//! removed. Any panic inside the parser is caught and becomes a [`DecodeError`].

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::content::Content;
use lopdf::{Dictionary, Document as PdfDoc, Object, ObjectId};

use super::{DecodeError, DecodeWarning, Limits};

/// Most objects a file may hold.
const MAX_OBJECTS: usize = 1_000_000;
/// Most pages read.
const MAX_PAGES: usize = 5_000;
/// Most glyphs placed in all.
const MAX_GLYPHS: usize = 20_000_000;
/// Deepest nesting of form XObjects and of `q` saves.
const MAX_DEPTH: usize = 16;
const MAX_SAVES: usize = 256;

/// Read the text layer of a PDF.
pub(super) fn pdf_to_text(
    bytes: &[u8],
    limits: Limits,
) -> Result<(String, Vec<DecodeWarning>), DecodeError> {
    match catch_unwind(AssertUnwindSafe(|| read_pdf(bytes, limits))) {
        Ok(r) => r,
        Err(_) => Err(DecodeError::InvalidPdf {
            reason: "解析器内部错误 (internal parser error)".into(),
        }),
    }
}

fn invalid(reason: impl Into<String>) -> DecodeError {
    DecodeError::InvalidPdf {
        reason: reason.into(),
    }
}

/// lopdf inflates object streams and xref streams while loading, without a bound; before
/// it does, inflate each of them here under the decompression limit (a flate bomb in an
/// object stream is refused instead of filling memory).
fn check_load_time_streams(bytes: &[u8], limit: usize) -> Result<(), DecodeError> {
    let mut total = 0usize;
    for kind in [&b"/ObjStm"[..], &b"/XRef"[..]] {
        for at in memchr::memmem::find_iter(bytes, kind) {
            let rest = &bytes[at..];
            let Some(s) = memchr::memmem::find(rest.get(..4096).unwrap_or(rest), b"stream") else {
                continue;
            };
            let mut start = at + s + b"stream".len();
            if bytes.get(start) == Some(&b'\r') {
                start += 1;
            }
            if bytes.get(start) == Some(&b'\n') {
                start += 1;
            }
            let data = bytes.get(start..).unwrap_or_default();
            let end = memchr::memmem::find(data, b"endstream").unwrap_or(data.len());
            let room = limit.saturating_sub(total);
            let mut sink = Vec::new();
            let mut dec = flate2::read::ZlibDecoder::new(&data[..end]).take(room as u64 + 1);
            let _ = dec.read_to_end(&mut sink);
            total += sink.len();
            if total > limit {
                return Err(DecodeError::ZipBomb { limit });
            }
        }
    }
    Ok(())
}

fn read_pdf(bytes: &[u8], limits: Limits) -> Result<(String, Vec<DecodeWarning>), DecodeError> {
    check_load_time_streams(bytes, limits.max_decompressed)?;
    let doc = match PdfDoc::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => {
            if memchr::memmem::find(bytes, b"/Encrypt").is_some() {
                return Err(DecodeError::PdfEncrypted);
            }
            return Err(invalid(format!("{e}")));
        }
    };
    if doc.is_encrypted() {
        // Still encrypted after loading: the empty user password did not open it.
        return Err(DecodeError::PdfEncrypted);
    }
    if doc.objects.len() > MAX_OBJECTS {
        return Err(invalid(format!(
            "对象过多 (more than {MAX_OBJECTS} objects)"
        )));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(invalid("没有页面 (no pages)"));
    }
    let mut budget = Budget {
        forms: Vec::new(),
        decompressed: 0,
        max_decompressed: limits.max_decompressed,
        glyphs: 0,
    };
    let mut warnings = Vec::new();
    let mut page_lines = Vec::new();
    let mut fonts = FontCache::default();
    for (n, &page_id) in pages.values().enumerate() {
        if n >= MAX_PAGES {
            break;
        }
        let glyphs = read_page(&doc, page_id, &mut fonts, &mut budget)?;
        page_lines.push(lines_of(glyphs));
        if budget.glyphs > MAX_GLYPHS {
            break;
        }
    }
    if page_lines.iter().all(Vec::is_empty) {
        return Err(DecodeError::ScannedPdf);
    }
    remove_furniture(&mut page_lines);
    let mut text = paragraphs(&page_lines);
    if text.len() > limits.max_input {
        cap_output(&mut text, limits.max_input, &mut warnings);
    }
    Ok((text, warnings))
}

/// Cut laid-out text to at most `limit` bytes (on a char boundary) and say so with
/// [`DecodeWarning::OutputCapped`]. Shared by the PDF and OFD readers.
pub(super) fn cap_output(text: &mut String, limit: usize, warnings: &mut Vec<DecodeWarning>) {
    let mut cut = limit.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    warnings.push(DecodeWarning::OutputCapped { limit });
}

struct Budget {
    /// Form XObjects being drawn, innermost last.
    forms: Vec<ObjectId>,
    decompressed: usize,
    max_decompressed: usize,
    glyphs: usize,
}

/// One placed character (the OFD reader places its characters the same way; y grows
/// upwards).
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) w: f64,
    pub(super) size: f64,
    pub(super) text: String,
}

/// A line of text on a page.
#[derive(Debug, Clone)]
pub(super) struct Line {
    y: f64,
    x0: f64,
    x1: f64,
    size: f64,
    /// Width of the line's first unbreakable run (a number, a word) and the character after
    /// it: what would not have fitted at the end of the line before.
    lead: f64,
    text: String,
}

/// How a font turns codes into text and widths.
#[derive(Debug, Default)]
struct Font {
    two_byte: bool,
    to_unicode: HashMap<u32, String>,
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space → text space (0.001 for all but Type3 fonts).
    scale: f64,
}

#[derive(Default)]
struct FontCache {
    by_id: HashMap<ObjectId, std::rc::Rc<Font>>,
}

impl Font {
    fn decode(&self, bytes: &[u8], out: &mut Vec<(String, f64, bool)>) {
        let step = if self.two_byte { 2 } else { 1 };
        for chunk in bytes.chunks(step) {
            let code = chunk.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
            let text = if let Some(t) = self.to_unicode.get(&code) {
                unify_radicals(t.clone())
            } else if self.two_byte {
                String::new()
            } else {
                let (s, _, _) = encoding_rs::WINDOWS_1252.decode(chunk);
                s.into_owned()
            };
            let w = self
                .widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width)
                * self.scale;
            out.push((text, w, !self.two_byte && code == 32));
        }
    }
}

/// A character code or CID from a number in the file (0 if negative or out of range).
#[allow(clippy::cast_sign_loss)]
fn code_of(x: f64) -> u32 {
    if (0.0..=f64::from(u32::MAX)).contains(&x) {
        x as u32
    } else {
        0
    }
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn deref<'a>(doc: &'a PdfDoc, o: &'a Object) -> &'a Object {
    let mut o = o;
    for _ in 0..8 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(x) => o = x,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

fn dict_get<'a>(doc: &'a PdfDoc, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

/// A stream's content, decompressed under the budget (only FlateDecode or no filter).
fn stream_bytes(
    doc: &PdfDoc,
    obj: &Object,
    budget: &mut Budget,
) -> Result<Option<Vec<u8>>, DecodeError> {
    let Object::Stream(s) = deref(doc, obj) else {
        return Ok(None);
    };
    let filters: Vec<&[u8]> = match dict_get(doc, &s.dict, b"Filter") {
        None | Some(Object::Null) => Vec::new(),
        Some(Object::Name(n)) => vec![n.as_slice()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|f| f.as_name().ok())
            .collect::<Vec<_>>(),
        Some(_) => return Ok(None),
    };
    let data = match filters.as_slice() {
        [] => s.content.clone(),
        [b"FlateDecode" | b"Fl"] => {
            let room = budget.max_decompressed.saturating_sub(budget.decompressed);
            let mut out = Vec::new();
            let mut dec =
                flate2::read::ZlibDecoder::new(s.content.as_slice()).take(room as u64 + 1);
            if dec.read_to_end(&mut out).is_err() && out.is_empty() {
                // A damaged stream: try raw deflate before giving up on it.
                let mut raw =
                    flate2::read::DeflateDecoder::new(s.content.as_slice()).take(room as u64 + 1);
                out.clear();
                let _ = raw.read_to_end(&mut out);
            }
            if out.len() > room {
                return Err(DecodeError::ZipBomb {
                    limit: budget.max_decompressed,
                });
            }
            out
        }
        _ => return Ok(None),
    };
    budget.decompressed += data.len();
    if budget.decompressed > budget.max_decompressed {
        return Err(DecodeError::ZipBomb {
            limit: budget.max_decompressed,
        });
    }
    Ok(Some(data))
}

/// Codes → Unicode from a ToUnicode CMap (`bfchar` and `bfrange`).
fn parse_cmap(data: &[u8], map: &mut HashMap<u32, String>) {
    fn hex(tok: &[u8]) -> Option<Vec<u8>> {
        let inner = tok.strip_prefix(b"<")?.strip_suffix(b">")?;
        let digits: Vec<u8> = inner
            .iter()
            .copied()
            .filter(u8::is_ascii_hexdigit)
            .collect();
        let mut out = Vec::with_capacity(digits.len() / 2 + 1);
        for pair in digits.chunks(2) {
            let s = std::str::from_utf8(pair).ok()?;
            let v = u8::from_str_radix(s, 16).ok()?;
            out.push(if pair.len() == 1 { v << 4 } else { v });
        }
        Some(out)
    }
    fn code(b: &[u8]) -> u32 {
        b.iter().take(4).fold(0u32, |a, &x| (a << 8) | u32::from(x))
    }
    fn utf16(b: &[u8]) -> String {
        let units: Vec<u16> = b
            .chunks(2)
            .map(|c| {
                let hi = u16::from(c.first().copied().unwrap_or(0));
                let lo = u16::from(c.get(1).copied().unwrap_or(0));
                (hi << 8) | lo
            })
            .collect();
        String::from_utf16_lossy(&units)
    }
    // Tokens: <hex>, [, ], words.
    let mut toks: Vec<&[u8]> = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c == b'<' {
            let end = memchr::memchr(b'>', &data[i..]).map_or(data.len(), |e| i + e + 1);
            toks.push(&data[i..end]);
            i = end;
        } else if c == b'[' || c == b']' {
            toks.push(&data[i..=i]);
            i += 1;
        } else if c.is_ascii_whitespace() {
            i += 1;
        } else {
            let start = i;
            while i < data.len() && !data[i].is_ascii_whitespace() && !b"<[]".contains(&data[i]) {
                i += 1;
            }
            toks.push(&data[start..i]);
        }
    }
    let mut t = 0;
    let mut mode = 0u8; // 1 bfchar, 2 bfrange
    while t < toks.len() {
        let tok = toks[t];
        match tok {
            b"beginbfchar" => mode = 1,
            b"beginbfrange" => mode = 2,
            b"endbfchar" | b"endbfrange" => mode = 0,
            _ if mode == 1 => {
                if let (Some(src), Some(dst)) = (hex(tok), toks.get(t + 1).and_then(|d| hex(d))) {
                    map.insert(code(&src), utf16(&dst));
                    t += 1;
                }
            }
            _ if mode == 2 => {
                let (Some(lo), Some(hi)) = (hex(tok), toks.get(t + 1).and_then(|d| hex(d))) else {
                    t += 1;
                    continue;
                };
                let (lo, hi) = (code(&lo), code(&hi));
                if hi < lo || hi - lo > 0xFFFF {
                    t += 1;
                    continue;
                }
                match toks.get(t + 2) {
                    Some(&b"[") => {
                        let mut k = t + 3;
                        let mut c = lo;
                        while let Some(d) = toks.get(k) {
                            if *d == b"]" {
                                break;
                            }
                            if let Some(d) = hex(d) {
                                if c <= hi {
                                    map.insert(c, utf16(&d));
                                }
                                c = c.saturating_add(1);
                            }
                            k += 1;
                        }
                        t = k;
                    }
                    Some(d) => {
                        if let Some(mut dst) = hex(d) {
                            for c in lo..=hi {
                                map.insert(c, utf16(&dst));
                                if let Some(last) = dst.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                        }
                        t += 2;
                    }
                    None => {}
                }
            }
            _ => {}
        }
        t += 1;
    }
}

fn load_font(doc: &PdfDoc, font: &Dictionary, budget: &mut Budget) -> Result<Font, DecodeError> {
    let subtype = dict_get(doc, font, b"Subtype")
        .and_then(|o| o.as_name().ok())
        .unwrap_or_default();
    let mut f = Font {
        scale: 0.001,
        default_width: 1000.0,
        ..Font::default()
    };
    if let Ok(tu) = font.get(b"ToUnicode") {
        if let Some(data) = stream_bytes(doc, tu, budget)? {
            parse_cmap(&data, &mut f.to_unicode);
        }
    }
    if subtype == b"Type0" {
        f.two_byte = true;
        let desc = match dict_get(doc, font, b"DescendantFonts") {
            Some(Object::Array(a)) => a.first().map(|d| deref(doc, d)),
            _ => None,
        };
        if let Some(Object::Dictionary(d)) = desc {
            if let Some(dw) = dict_get(doc, d, b"DW").and_then(num) {
                f.default_width = dw;
            }
            if let Some(Object::Array(w)) = dict_get(doc, d, b"W") {
                let mut i = 0;
                while i + 1 < w.len() {
                    let first = code_of(num(deref(doc, &w[i])).unwrap_or(0.0));
                    match deref(doc, &w[i + 1]) {
                        Object::Array(ws) => {
                            for (k, v) in ws.iter().enumerate().take(0x1_0000) {
                                if let Some(v) = num(deref(doc, v)) {
                                    f.widths.insert(first.saturating_add(k as u32), v);
                                }
                            }
                            i += 2;
                        }
                        o => {
                            let last = code_of(num(o).unwrap_or(0.0));
                            let v = w
                                .get(i + 2)
                                .and_then(|v| num(deref(doc, v)))
                                .unwrap_or(1000.0);
                            if last >= first && last - first <= 0xFFFF {
                                for c in first..=last {
                                    f.widths.insert(c, v);
                                }
                            }
                            i += 3;
                        }
                    }
                }
            }
        }
        if f.to_unicode.is_empty() {
            // UniGB-UCS2-H and similar: the codes are UCS-2.
            let enc = dict_get(doc, font, b"Encoding")
                .and_then(|o| o.as_name().ok())
                .unwrap_or_default();
            if enc.starts_with(b"Uni") {
                for c in 0x20u32..0xFFFF {
                    if let Some(ch) = char::from_u32(c) {
                        f.to_unicode.insert(c, ch.to_string());
                    }
                }
            }
        }
    } else {
        f.default_width = 500.0;
        if subtype == b"Type3" {
            if let Some(Object::Array(m)) = dict_get(doc, font, b"FontMatrix") {
                if let Some(a) = m.first().and_then(num) {
                    f.scale = a;
                }
            }
        }
        let first = code_of(
            dict_get(doc, font, b"FirstChar")
                .and_then(num)
                .unwrap_or(0.0),
        );
        if let Some(Object::Array(ws)) = dict_get(doc, font, b"Widths") {
            for (k, v) in ws.iter().enumerate().take(256) {
                if let Some(v) = num(deref(doc, v)) {
                    f.widths.insert(first.saturating_add(k as u32), v);
                }
            }
        }
    }
    Ok(f)
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn matrix_of(ops: &[Object]) -> Option<Matrix> {
    if ops.len() != 6 {
        return None;
    }
    let mut m = [0.0; 6];
    for (slot, o) in m.iter_mut().zip(ops) {
        *slot = num(o)?;
    }
    Some(m)
}

#[derive(Clone)]
struct TextState {
    ctm: Matrix,
    font: Option<std::rc::Rc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    scale: f64,
    leading: f64,
}

fn read_page(
    doc: &PdfDoc,
    page_id: ObjectId,
    fonts: &mut FontCache,
    budget: &mut Budget,
) -> Result<Vec<Glyph>, DecodeError> {
    let mut data = Vec::new();
    if let Ok(page) = doc.get_dictionary(page_id) {
        match page.get(b"Contents").map(|o| deref(doc, o)) {
            Ok(Object::Array(parts)) => {
                for p in parts {
                    if let Some(d) = stream_bytes(doc, p, budget)? {
                        data.extend_from_slice(&d);
                        data.push(b'\n');
                    }
                }
            }
            Ok(o @ Object::Stream(_)) => {
                if let Some(d) = stream_bytes(doc, o, budget)? {
                    data = d;
                }
            }
            _ => {}
        }
    }
    let resources = page_resources(doc, page_id);
    let mut glyphs = Vec::new();
    let state = TextState {
        ctm: IDENTITY,
        font: None,
        size: 12.0,
        char_space: 0.0,
        word_space: 0.0,
        scale: 1.0,
        leading: 0.0,
    };
    run_content(doc, &data, resources, state, fonts, budget, &mut glyphs, 0)?;
    Ok(glyphs)
}

/// The page's resources, inherited from the page tree.
fn page_resources(doc: &PdfDoc, page_id: ObjectId) -> Option<&Dictionary> {
    let mut id = page_id;
    let mut seen = HashSet::new();
    for _ in 0..MAX_DEPTH * 4 {
        if !seen.insert(id) {
            return None;
        }
        let d = doc.get_dictionary(id).ok()?;
        if let Some(Object::Dictionary(r)) = dict_get(doc, d, b"Resources") {
            return Some(r);
        }
        id = d.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn run_content(
    doc: &PdfDoc,
    data: &[u8],
    resources: Option<&Dictionary>,
    mut st: TextState,
    fonts: &mut FontCache,
    budget: &mut Budget,
    glyphs: &mut Vec<Glyph>,
    depth: usize,
) -> Result<(), DecodeError> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let Ok(content) = Content::decode(data) else {
        return Ok(());
    };
    let font_dict = resources.and_then(|r| match dict_get(doc, r, b"Font") {
        Some(Object::Dictionary(d)) => Some(d),
        _ => None,
    });
    let xobjects = resources.and_then(|r| match dict_get(doc, r, b"XObject") {
        Some(Object::Dictionary(d)) => Some(d),
        _ => None,
    });
    let mut saves: Vec<TextState> = Vec::new();
    let mut tm = IDENTITY;
    let mut tlm = IDENTITY;
    let mut decoded = Vec::new();
    for op in &content.operations {
        let args = op.operands.as_slice();
        match op.operator.as_str() {
            "q" if saves.len() < MAX_SAVES => saves.push(st.clone()),
            "Q" => {
                if let Some(s) = saves.pop() {
                    st = s;
                }
            }
            "cm" => {
                if let Some(m) = matrix_of(args) {
                    st.ctm = mul(&m, &st.ctm);
                }
            }
            "BT" => {
                tm = IDENTITY;
                tlm = IDENTITY;
            }
            "Tf" => {
                if let [Object::Name(name), size] = args {
                    st.size = num(size).unwrap_or(st.size);
                    st.font = font_dict
                        .and_then(|fd| fd.get(name).ok())
                        .and_then(|o| {
                            let id = o.as_reference().ok();
                            match deref(doc, o) {
                                Object::Dictionary(d) => Some((id, d)),
                                _ => None,
                            }
                        })
                        .map(|(id, d)| -> Result<_, DecodeError> {
                            if let Some(f) = id.and_then(|id| fonts.by_id.get(&id)) {
                                return Ok(f.clone());
                            }
                            let f = std::rc::Rc::new(load_font(doc, d, budget)?);
                            if let Some(id) = id {
                                fonts.by_id.insert(id, f.clone());
                            }
                            Ok(f)
                        })
                        .transpose()?;
                }
            }
            "Tc" => st.char_space = args.first().and_then(num).unwrap_or(0.0),
            "Tw" => st.word_space = args.first().and_then(num).unwrap_or(0.0),
            "Tz" => st.scale = args.first().and_then(num).unwrap_or(100.0) / 100.0,
            "TL" => st.leading = args.first().and_then(num).unwrap_or(0.0),
            "Td" | "TD" => {
                if let [tx, ty] = args {
                    let (tx, ty) = (num(tx).unwrap_or(0.0), num(ty).unwrap_or(0.0));
                    if op.operator == "TD" {
                        st.leading = -ty;
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                    tm = tlm;
                }
            }
            "Tm" => {
                if let Some(m) = matrix_of(args) {
                    tlm = m;
                    tm = m;
                }
            }
            "T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], &tlm);
                tm = tlm;
            }
            "Tj" | "'" | "\"" | "TJ" => {
                if op.operator == "'" || op.operator == "\"" {
                    if op.operator == "\"" {
                        if let [aw, ac, _] = args {
                            st.word_space = num(aw).unwrap_or(0.0);
                            st.char_space = num(ac).unwrap_or(0.0);
                        }
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], &tlm);
                    tm = tlm;
                }
                let Some(font) = st.font.clone() else {
                    continue;
                };
                let items: Vec<&Object> = match (op.operator.as_str(), args) {
                    ("TJ", [Object::Array(a)]) => a.iter().collect(),
                    (_, [.., s @ Object::String(..)]) => vec![s],
                    _ => Vec::new(),
                };
                for item in items {
                    match item {
                        Object::String(bytes, _) => {
                            decoded.clear();
                            font.decode(bytes, &mut decoded);
                            for (text, w, is_space) in decoded.drain(..) {
                                let trm = mul(
                                    &[st.size * st.scale, 0.0, 0.0, st.size, 0.0, 0.0],
                                    &mul(&tm, &st.ctm),
                                );
                                let adv = (w * st.size
                                    + st.char_space
                                    + if is_space { st.word_space } else { 0.0 })
                                    * st.scale;
                                let size = (trm[2].hypot(trm[3])).abs();
                                let end = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], &mul(&tm, &st.ctm));
                                if !text.is_empty() {
                                    budget.glyphs += 1;
                                    if budget.glyphs > MAX_GLYPHS {
                                        return Ok(());
                                    }
                                    glyphs.push(Glyph {
                                        x: trm[4],
                                        y: trm[5],
                                        w: end[4] - trm[4],
                                        size,
                                        text,
                                    });
                                }
                                tm = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], &tm);
                            }
                        }
                        o => {
                            if let Some(n) = num(o) {
                                let adv = -n / 1000.0 * st.size * st.scale;
                                tm = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], &tm);
                            }
                        }
                    }
                }
            }
            "Do" => {
                let Some(Object::Name(name)) = args.first() else {
                    continue;
                };
                let Some(entry) = xobjects.and_then(|x| x.get(name).ok()) else {
                    continue;
                };
                let form_id = entry.as_reference().ok();
                // A form that draws itself (directly or through others) is not entered again.
                if form_id.is_some_and(|id| budget.forms.contains(&id)) {
                    continue;
                }
                let Object::Stream(s) = deref(doc, entry) else {
                    continue;
                };
                if dict_get(doc, &s.dict, b"Subtype").and_then(|o| o.as_name().ok())
                    != Some(b"Form".as_slice())
                {
                    continue;
                }
                let Some(inner) = stream_bytes(doc, &Object::Stream(s.clone()), budget)? else {
                    continue;
                };
                let mut inner_state = st.clone();
                if let Some(Object::Array(m)) = dict_get(doc, &s.dict, b"Matrix") {
                    let m: Vec<Object> = m.iter().map(|o| deref(doc, o).clone()).collect();
                    if let Some(m) = matrix_of(&m) {
                        inner_state.ctm = mul(&m, &inner_state.ctm);
                    }
                }
                let res = match dict_get(doc, &s.dict, b"Resources") {
                    Some(Object::Dictionary(d)) => Some(d),
                    _ => resources,
                };
                budget.forms.extend(form_id);
                let result = run_content(
                    doc,
                    &inner,
                    res,
                    inner_state,
                    fonts,
                    budget,
                    glyphs,
                    depth + 1,
                );
                if form_id.is_some() {
                    budget.forms.pop();
                }
                result?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// CJK radicals (Kangxi Radicals, CJK Radicals Supplement) → the unified ideograph drawn by
/// the same glyph. Fonts such as Noto CJK map both code points to one glyph, and some PDF
/// writers (Chromium's Skia among them) put the radical in the ToUnicode CMap, so "青山"
/// would read "⻘⼭". Built from the cmaps of Noto Sans/Serif CJK SC, then NFKC.
const RADICALS: &[(char, char)] = &[
    ('\u{2E82}', '乛'),
    ('\u{2E83}', '乚'),
    ('\u{2E85}', '亻'),
    ('\u{2E89}', '刂'),
    ('\u{2E8E}', '兀'),
    ('\u{2E8F}', '尣'),
    ('\u{2E90}', '尢'),
    ('\u{2E92}', '巳'),
    ('\u{2E93}', '幺'),
    ('\u{2E94}', '彑'),
    ('\u{2E95}', '彐'),
    ('\u{2E96}', '忄'),
    ('\u{2E98}', '扌'),
    ('\u{2E99}', '攵'),
    ('\u{2E9B}', '旡'),
    ('\u{2E9E}', '歺'),
    ('\u{2E9F}', '母'),
    ('\u{2EA0}', '民'),
    ('\u{2EA1}', '氵'),
    ('\u{2EA3}', '灬'),
    ('\u{2EA4}', '爫'),
    ('\u{2EA6}', '丬'),
    ('\u{2EA8}', '犭'),
    ('\u{2EAB}', '罒'),
    ('\u{2EAD}', '礻'),
    ('\u{2EAF}', '糹'),
    ('\u{2EB0}', '纟'),
    ('\u{2EB1}', '罓'),
    ('\u{2EB2}', '罒'),
    ('\u{2EB9}', '耂'),
    ('\u{2EBA}', '肀'),
    ('\u{2EBE}', '艹'),
    ('\u{2EC1}', '虎'),
    ('\u{2EC2}', '衤'),
    ('\u{2EC3}', '覀'),
    ('\u{2EC5}', '见'),
    ('\u{2EC6}', '角'),
    ('\u{2EC8}', '讠'),
    ('\u{2EC9}', '贝'),
    ('\u{2ECB}', '车'),
    ('\u{2ECC}', '辶'),
    ('\u{2ED0}', '钅'),
    ('\u{2ED1}', '長'),
    ('\u{2ED2}', '镸'),
    ('\u{2ED3}', '长'),
    ('\u{2ED4}', '门'),
    ('\u{2ED6}', '阝'),
    ('\u{2ED8}', '青'),
    ('\u{2ED9}', '韦'),
    ('\u{2EDA}', '页'),
    ('\u{2EDB}', '风'),
    ('\u{2EDC}', '飞'),
    ('\u{2EDD}', '食'),
    ('\u{2EDF}', '飠'),
    ('\u{2EE0}', '饣'),
    ('\u{2EE2}', '马'),
    ('\u{2EE3}', '骨'),
    ('\u{2EE4}', '鬼'),
    ('\u{2EE5}', '鱼'),
    ('\u{2EE6}', '鸟'),
    ('\u{2EE7}', '卤'),
    ('\u{2EE8}', '麦'),
    ('\u{2EE9}', '黄'),
    ('\u{2EEA}', '黾'),
    ('\u{2EEB}', '斉'),
    ('\u{2EEC}', '齐'),
    ('\u{2EEE}', '齿'),
    ('\u{2EEF}', '竜'),
    ('\u{2EF0}', '龙'),
    ('\u{2EF1}', '龜'),
    ('\u{2EF2}', '亀'),
    ('\u{2EF3}', '龟'),
    ('\u{2F00}', '一'),
    ('\u{2F01}', '丨'),
    ('\u{2F02}', '丶'),
    ('\u{2F03}', '丿'),
    ('\u{2F04}', '乙'),
    ('\u{2F05}', '亅'),
    ('\u{2F06}', '二'),
    ('\u{2F07}', '亠'),
    ('\u{2F08}', '人'),
    ('\u{2F09}', '儿'),
    ('\u{2F0A}', '入'),
    ('\u{2F0B}', '八'),
    ('\u{2F0C}', '冂'),
    ('\u{2F0D}', '冖'),
    ('\u{2F0E}', '冫'),
    ('\u{2F0F}', '几'),
    ('\u{2F10}', '凵'),
    ('\u{2F11}', '刀'),
    ('\u{2F12}', '力'),
    ('\u{2F13}', '勹'),
    ('\u{2F14}', '匕'),
    ('\u{2F15}', '匚'),
    ('\u{2F16}', '匸'),
    ('\u{2F17}', '十'),
    ('\u{2F18}', '卜'),
    ('\u{2F19}', '卩'),
    ('\u{2F1A}', '厂'),
    ('\u{2F1B}', '厶'),
    ('\u{2F1C}', '又'),
    ('\u{2F1D}', '口'),
    ('\u{2F1E}', '囗'),
    ('\u{2F1F}', '土'),
    ('\u{2F20}', '士'),
    ('\u{2F21}', '夂'),
    ('\u{2F22}', '夊'),
    ('\u{2F23}', '夕'),
    ('\u{2F24}', '大'),
    ('\u{2F25}', '女'),
    ('\u{2F26}', '子'),
    ('\u{2F27}', '宀'),
    ('\u{2F28}', '寸'),
    ('\u{2F29}', '小'),
    ('\u{2F2A}', '尢'),
    ('\u{2F2B}', '尸'),
    ('\u{2F2C}', '屮'),
    ('\u{2F2D}', '山'),
    ('\u{2F2E}', '巛'),
    ('\u{2F2F}', '工'),
    ('\u{2F30}', '己'),
    ('\u{2F31}', '巾'),
    ('\u{2F32}', '干'),
    ('\u{2F33}', '幺'),
    ('\u{2F34}', '广'),
    ('\u{2F35}', '廴'),
    ('\u{2F36}', '廾'),
    ('\u{2F37}', '弋'),
    ('\u{2F38}', '弓'),
    ('\u{2F39}', '彐'),
    ('\u{2F3A}', '彡'),
    ('\u{2F3B}', '彳'),
    ('\u{2F3C}', '心'),
    ('\u{2F3D}', '戈'),
    ('\u{2F3E}', '户'),
    ('\u{2F3F}', '手'),
    ('\u{2F40}', '支'),
    ('\u{2F41}', '攴'),
    ('\u{2F42}', '文'),
    ('\u{2F43}', '斗'),
    ('\u{2F44}', '斤'),
    ('\u{2F45}', '方'),
    ('\u{2F46}', '无'),
    ('\u{2F47}', '日'),
    ('\u{2F48}', '曰'),
    ('\u{2F49}', '月'),
    ('\u{2F4A}', '木'),
    ('\u{2F4B}', '欠'),
    ('\u{2F4C}', '止'),
    ('\u{2F4D}', '歹'),
    ('\u{2F4E}', '殳'),
    ('\u{2F4F}', '毋'),
    ('\u{2F50}', '比'),
    ('\u{2F51}', '毛'),
    ('\u{2F52}', '氏'),
    ('\u{2F53}', '气'),
    ('\u{2F54}', '水'),
    ('\u{2F55}', '火'),
    ('\u{2F56}', '爪'),
    ('\u{2F57}', '父'),
    ('\u{2F58}', '爻'),
    ('\u{2F59}', '爿'),
    ('\u{2F5A}', '片'),
    ('\u{2F5B}', '牙'),
    ('\u{2F5C}', '牛'),
    ('\u{2F5D}', '犬'),
    ('\u{2F5E}', '玄'),
    ('\u{2F5F}', '玉'),
    ('\u{2F60}', '瓜'),
    ('\u{2F61}', '瓦'),
    ('\u{2F62}', '甘'),
    ('\u{2F63}', '生'),
    ('\u{2F64}', '用'),
    ('\u{2F65}', '田'),
    ('\u{2F66}', '疋'),
    ('\u{2F67}', '疒'),
    ('\u{2F68}', '癶'),
    ('\u{2F69}', '白'),
    ('\u{2F6A}', '皮'),
    ('\u{2F6B}', '皿'),
    ('\u{2F6C}', '目'),
    ('\u{2F6D}', '矛'),
    ('\u{2F6E}', '矢'),
    ('\u{2F6F}', '石'),
    ('\u{2F70}', '示'),
    ('\u{2F71}', '禸'),
    ('\u{2F72}', '禾'),
    ('\u{2F73}', '穴'),
    ('\u{2F74}', '立'),
    ('\u{2F75}', '竹'),
    ('\u{2F76}', '米'),
    ('\u{2F77}', '糸'),
    ('\u{2F78}', '缶'),
    ('\u{2F79}', '网'),
    ('\u{2F7A}', '羊'),
    ('\u{2F7B}', '羽'),
    ('\u{2F7C}', '老'),
    ('\u{2F7D}', '而'),
    ('\u{2F7E}', '耒'),
    ('\u{2F7F}', '耳'),
    ('\u{2F80}', '聿'),
    ('\u{2F81}', '肉'),
    ('\u{2F82}', '臣'),
    ('\u{2F83}', '自'),
    ('\u{2F84}', '至'),
    ('\u{2F85}', '臼'),
    ('\u{2F86}', '舌'),
    ('\u{2F87}', '舛'),
    ('\u{2F88}', '舟'),
    ('\u{2F89}', '艮'),
    ('\u{2F8A}', '色'),
    ('\u{2F8B}', '艸'),
    ('\u{2F8C}', '虍'),
    ('\u{2F8D}', '虫'),
    ('\u{2F8E}', '血'),
    ('\u{2F8F}', '行'),
    ('\u{2F90}', '衣'),
    ('\u{2F91}', '襾'),
    ('\u{2F92}', '見'),
    ('\u{2F93}', '角'),
    ('\u{2F94}', '言'),
    ('\u{2F95}', '谷'),
    ('\u{2F96}', '豆'),
    ('\u{2F97}', '豕'),
    ('\u{2F98}', '豸'),
    ('\u{2F99}', '貝'),
    ('\u{2F9A}', '赤'),
    ('\u{2F9B}', '走'),
    ('\u{2F9C}', '足'),
    ('\u{2F9D}', '身'),
    ('\u{2F9E}', '車'),
    ('\u{2F9F}', '辛'),
    ('\u{2FA0}', '辰'),
    ('\u{2FA1}', '辵'),
    ('\u{2FA2}', '邑'),
    ('\u{2FA3}', '酉'),
    ('\u{2FA4}', '釆'),
    ('\u{2FA5}', '里'),
    ('\u{2FA6}', '金'),
    ('\u{2FA7}', '長'),
    ('\u{2FA8}', '門'),
    ('\u{2FA9}', '阜'),
    ('\u{2FAA}', '隶'),
    ('\u{2FAB}', '隹'),
    ('\u{2FAC}', '雨'),
    ('\u{2FAD}', '靑'),
    ('\u{2FAE}', '非'),
    ('\u{2FAF}', '面'),
    ('\u{2FB0}', '革'),
    ('\u{2FB1}', '韋'),
    ('\u{2FB2}', '韭'),
    ('\u{2FB3}', '音'),
    ('\u{2FB4}', '頁'),
    ('\u{2FB5}', '風'),
    ('\u{2FB6}', '飛'),
    ('\u{2FB7}', '食'),
    ('\u{2FB8}', '首'),
    ('\u{2FB9}', '香'),
    ('\u{2FBA}', '馬'),
    ('\u{2FBB}', '骨'),
    ('\u{2FBC}', '高'),
    ('\u{2FBD}', '髟'),
    ('\u{2FBE}', '鬥'),
    ('\u{2FBF}', '鬯'),
    ('\u{2FC0}', '鬲'),
    ('\u{2FC1}', '鬼'),
    ('\u{2FC2}', '魚'),
    ('\u{2FC3}', '鳥'),
    ('\u{2FC4}', '鹵'),
    ('\u{2FC5}', '鹿'),
    ('\u{2FC6}', '麥'),
    ('\u{2FC7}', '麻'),
    ('\u{2FC8}', '黃'),
    ('\u{2FC9}', '黍'),
    ('\u{2FCA}', '黑'),
    ('\u{2FCB}', '黹'),
    ('\u{2FCC}', '黽'),
    ('\u{2FCD}', '鼎'),
    ('\u{2FCE}', '鼓'),
    ('\u{2FCF}', '鼠'),
    ('\u{2FD0}', '鼻'),
    ('\u{2FD1}', '齊'),
    ('\u{2FD2}', '齒'),
    ('\u{2FD3}', '龍'),
    ('\u{2FD4}', '龜'),
    ('\u{2FD5}', '龠'),
];

/// `text` with radicals read as the ideographs they stand for.
fn unify_radicals(text: String) -> String {
    if !text.chars().any(|c| ('\u{2E80}'..='\u{2FDF}').contains(&c)) {
        return text;
    }
    text.chars()
        .map(|c| {
            RADICALS
                .binary_search_by(|(r, _)| r.cmp(&c))
                .map_or(c, |i| RADICALS[i].1)
        })
        .collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Glyphs → lines, top to bottom, each left to right.
pub(super) fn lines_of(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite() && g.size.is_finite());
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match groups.last_mut() {
            Some(line)
                if line
                    .first()
                    .is_some_and(|f| (f.y - g.y).abs() < 0.5 * f.size.max(g.size).max(1.0)) =>
            {
                line.push(g);
            }
            _ => groups.push(vec![g]),
        }
    }
    let mut lines = Vec::new();
    for mut group in groups {
        group.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut text = String::new();
        let mut prev: Option<&Glyph> = None;
        let size = group.iter().map(|g| g.size).fold(0.0, f64::max);
        for g in &group {
            if let Some(p) = prev {
                // Fake bold: the same glyph drawn again at almost the same place.
                if p.text == g.text && (g.x - p.x).abs() < 0.2 * size {
                    continue;
                }
                let gap = g.x - (p.x + p.w);
                // A word space only between two non-CJK characters: justified Chinese lines
                // spread their characters, and a space between 文件 and 28件 means nothing.
                let both_latin = !p.text.chars().last().is_some_and(is_cjk)
                    && !g.text.chars().next().is_some_and(is_cjk);
                if ((gap > 0.25 * size && both_latin) || gap > 2.0 * size)
                    && !text.ends_with(' ')
                    && !g.text.starts_with(' ')
                {
                    text.push(' ');
                }
            }
            text.push_str(&g.text);
            prev = Some(g);
        }
        let text = text.trim().to_owned();
        if text.is_empty() {
            continue;
        }
        let x0 = group.iter().map(|g| g.x).fold(f64::INFINITY, f64::min);
        let x1 = group
            .iter()
            .map(|g| g.x + g.w)
            .fold(f64::NEG_INFINITY, f64::max);
        let y = group.first().map_or(0.0, |g| g.y);
        let run = group
            .iter()
            .take_while(|g| g.text.chars().all(|c| c.is_ascii_graphic()))
            .count();
        let lead = group
            .get(run)
            .or(group.last())
            .map_or(0.0, |g| g.x + g.w - x0);
        lines.push(Line {
            y,
            x0,
            x1,
            size,
            lead,
            text,
        });
    }
    lines
}

/// Whether a line is a page number: "— 3 —", "- 3 -", "第 3 页", "第3页 共5页", "3/5", "3".
fn is_page_number(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '·' | '•' | '─'));
    if !core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) {
        return core.len() <= 4;
    }
    if let Some((a, b)) = core.split_once('/') {
        return !a.is_empty()
            && !b.is_empty()
            && a.chars().all(|c| c.is_ascii_digit())
            && b.chars().all(|c| c.is_ascii_digit());
    }
    let mut rest = core;
    let mut saw = false;
    while let Some(r) = rest.strip_prefix('第') {
        let digits = r.chars().take_while(char::is_ascii_digit).count();
        let Some(r) = r.get(digits..).and_then(|r| r.strip_prefix('页')) else {
            return false;
        };
        if digits == 0 {
            return false;
        }
        saw = true;
        rest = r.trim_start_matches([',', '，', '/']);
        if let Some(r) = rest.strip_prefix('共') {
            let digits = r.chars().take_while(char::is_ascii_digit).count();
            rest = r
                .get(digits..)
                .and_then(|r| r.strip_prefix('页'))
                .unwrap_or("x");
        }
    }
    saw && rest.is_empty()
}

/// Drop page numbers and running headers/footers (the same first or last line, digits aside,
/// on at least half the pages).
pub(super) fn remove_furniture(pages: &mut [Vec<Line>]) {
    let norm = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for lines in pages.iter() {
        let mut seen = HashSet::new();
        for l in lines.iter().take(2).chain(lines.iter().rev().take(2)) {
            let k = norm(&l.text);
            if seen.insert(k.clone()) {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    let n = pages.len();
    for lines in pages.iter_mut() {
        for _ in 0..2 {
            let Some(last) = lines.last() else { break };
            let k = norm(&last.text);
            if is_page_number(&last.text)
                || (n >= 2 && counts.get(&k).copied().unwrap_or(0) * 2 >= n.max(3))
            {
                lines.pop();
            } else {
                break;
            }
        }
        for _ in 0..2 {
            let Some(first) = lines.first() else { break };
            let k = norm(&first.text);
            if is_page_number(&first.text)
                || (n >= 2 && counts.get(&k).copied().unwrap_or(0) * 2 >= n.max(3))
            {
                lines.remove(0);
            } else {
                break;
            }
        }
    }
}

/// Lines → paragraphs: a line break is kept only where a paragraph ends.
pub(super) fn paragraphs(pages: &[Vec<Line>]) -> String {
    let mut out = String::new();
    // Margins and the usual line pitch over the whole document: a short last page (a
    // signature alone) has no full line of its own to measure them by.
    let all = || pages.iter().flatten();
    let left = all().map(|l| l.x0).fold(f64::INFINITY, f64::min);
    let right = all().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    let mut gaps: Vec<f64> = pages
        .iter()
        .flat_map(|lines| lines.windows(2).map(|w| w[0].y - w[1].y))
        .filter(|g| *g > 0.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let usual = gaps.get(gaps.len() / 4).copied();
    let mut prev_room = f64::INFINITY;
    for lines in pages {
        for (i, line) in lines.iter().enumerate() {
            let indented = line.x0 > left + 0.9 * line.size;
            let gap_break =
                i > 0 && usual.is_some_and(|u| lines[i - 1].y - line.y > 1.2 * u + 0.1 * line.size);
            let size_break = i > 0 && (lines[i - 1].size - line.size).abs() > 0.15 * line.size;
            let prev_full = prev_room < 1.5 * line.size + line.lead.min(8.0 * line.size);
            let start_new = out.is_empty() || !prev_full || indented || gap_break || size_break;
            if start_new {
                if !out.is_empty() {
                    out.push('\n');
                }
            } else if out
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && line
                    .text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                out.push(' ');
            }
            out.push_str(&line.text);
            // The room left at the line's end: the line was full if the next line's first
            // word would not have fitted there.
            prev_room = right - line.x1;
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for s in [
            "— 3 —",
            "- 3 -",
            "第 3 页",
            "第3页 共5页",
            "3/5",
            "12",
            "－ 12 －",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["一、主要举措", "2024年", "第三章", "第3条"] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn cmap_bfchar_and_bfrange() {
        let mut m = HashMap::new();
        parse_cmap(
            b"2 beginbfchar <0001> <9752> <0002><5C71> endbfchar\n1 beginbfrange <0010> <0012> <0031> endbfrange 1 beginbfrange <0020> <0021> [<4E00> <4E8C>] endbfrange",
            &mut m,
        );
        assert_eq!(m.get(&1).map(String::as_str), Some("青"));
        assert_eq!(m.get(&2).map(String::as_str), Some("山"));
        assert_eq!(m.get(&0x12).map(String::as_str), Some("3"));
        assert_eq!(m.get(&0x21).map(String::as_str), Some("二"));
    }
}
