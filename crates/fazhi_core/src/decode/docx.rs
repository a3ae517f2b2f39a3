//! .docx: the paragraphs of `word/document.xml`, with Word's automatic numbering rebuilt
//! from `word/numbering.xml` and `word/styles.xml`.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{DecodeError, DecodeWarning, Limits};
use crate::text::to_cn_number;

/// Longest list number rendered, in characters. Real ones are short (`一、`, `（三）`,
/// `第1.2.3条`); a longer `lvlText` would be copied into every paragraph of its list.
const MAX_LABEL_CHARS: usize = 64;
/// Deepest element nesting read in `word/document.xml`. Word nests a paragraph in a table
/// in a text box in a paragraph… some 10–15 levels at a time; content deeper than this is
/// left out.
const MAX_DEPTH: usize = 256;

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
                    // Keep one character more than a label may have, to know it was cut.
                    l.text = v.chars().take(MAX_LABEL_CHARS + 1).collect();
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
    applied: HashSet<String>,
    /// A label was longer than [`MAX_LABEL_CHARS`] and was cut.
    capped: bool,
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
        if !self.applied.contains(num_id) {
            self.applied.insert(num_id.to_owned());
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
        if let Some((cut, _)) = out.char_indices().nth(MAX_LABEL_CHARS) {
            out.truncate(cut);
            self.capped = true;
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

/// The text of a .docx: one line per paragraph, with list numbers rebuilt; at most
/// `limits.max_input` bytes of it (what a .txt may have), with warnings for what was cut.
pub(super) fn docx_to_text(
    bytes: &[u8],
    limits: Limits,
) -> Result<(String, Vec<DecodeWarning>), DecodeError> {
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
    let (text, warnings) = document_text(&document, &numbering, &styles, limits.max_input);
    if text.trim().is_empty()
        && warnings.contains(&DecodeWarning::NestingTooDeep { limit: MAX_DEPTH })
    {
        return Err(DecodeError::InvalidDocx {
            reason: format!(
                "内容嵌套超过 {MAX_DEPTH} 层 (the content is nested deeper than {MAX_DEPTH} levels)"
            ),
        });
    }
    Ok((text, warnings))
}

/// One paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: Option<u8>,
    style: Option<String>,
}

/// Text written up to a limit in bytes; past it, nothing more is written.
struct Capped {
    text: String,
    limit: usize,
    full: bool,
}

impl Capped {
    fn push_str(&mut self, s: &str) {
        if self.full {
            return;
        }
        let room = self.limit.saturating_sub(self.text.len());
        if s.len() <= room {
            self.text.push_str(s);
            return;
        }
        let mut cut = room;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        self.text.push_str(s.get(..cut).unwrap_or_default());
        self.full = true;
    }

    fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }
}

/// The paragraphs of `word/document.xml`, one a line, each numbered paragraph with its
/// label; at most `limit` bytes, with warnings for what was cut or left out.
fn document_text(
    xml: &str,
    numbering: &Numbering,
    styles: &HashMap<String, (String, u8)>,
    limit: usize,
) -> (String, Vec<DecodeWarning>) {
    let mut counters = Counters {
        numbering,
        values: HashMap::new(),
        applied: HashSet::new(),
        capped: false,
    };
    let mut out = Capped {
        text: String::new(),
        limit,
        full: false,
    };
    let mut stack: Vec<Para> = Vec::new();
    let mut in_text = false;
    let mut in_ppr = 0usize;
    // Open elements; past MAX_DEPTH, events are ignored until the depth is back.
    let mut depth = 0usize;
    let mut too_deep = false;
    let mut reader = xml_reader(xml);
    while !out.full {
        let event = reader.read_event();
        match &event {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
        // The depth of the element an event starts, ends or is (Empty), or of the element
        // it is content of (text).
        let at = match &event {
            Ok(Event::End(_) | Event::Empty(_)) => depth + 1,
            _ => depth,
        };
        if at > MAX_DEPTH && !matches!(event, Ok(Event::Eof) | Err(_)) {
            too_deep = true;
            continue;
        }
        match event {
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
    let mut warnings = Vec::new();
    if out.full {
        warnings.push(DecodeWarning::OutputCapped { limit });
    }
    if counters.capped {
        warnings.push(DecodeWarning::ListLabelsCapped {
            limit: MAX_LABEL_CHARS,
        });
    }
    if too_deep {
        warnings.push(DecodeWarning::NestingTooDeep { limit: MAX_DEPTH });
    }
    (out.text, warnings)
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
}
