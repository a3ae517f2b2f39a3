//! HTML to plain text ([`html_to_text`]) and its tag and entity helpers.

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
    // The pass is linear however many unclosed `<script>`s or `<`s without `>` a page has:
    // no byte is read twice by failed searches. A `<` before `text_until` was read inside a
    // failed tag and is text; an end tag searched for in vain from one place is not
    // searched for again further on.
    let mut text_until = 0;
    let mut no_end_tag_from: [Option<usize>; SKIP_CONTENT.len()] = [None; SKIP_CONTENT.len()];
    let past = |memo: Option<usize>, i: usize| memo.is_some_and(|from| i >= from);
    let mut i = 0;
    while let Some(rest) = html.get(i..) {
        let Some(c) = rest.chars().next() else { break };
        if rest.starts_with("<!--") {
            // An unclosed comment runs to the end.
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if c == '<' && i >= text_until {
            match parse_tag(rest) {
                Scan::Tag(tag) => {
                    i += tag.len;
                    let name = tag.name.as_str();
                    let skip = SKIP_CONTENT.iter().position(|n| *n == name);
                    if let (Some(k), false, false) = (skip, tag.closing, tag.self_closing) {
                        // Skip to the matching end tag; without one, skip only the tag itself.
                        let known_missing = no_end_tag_from.get(k).copied().flatten();
                        if !past(known_missing, i) {
                            match find_end_tag(html.get(i..).unwrap_or(""), name) {
                                Some(end) => i += end,
                                None => {
                                    if let Some(m) = no_end_tag_from.get_mut(k) {
                                        *m = Some(i);
                                    }
                                }
                            }
                        }
                    } else if name.starts_with('!') || name.starts_with('?') {
                        // A declaration or processing instruction: nothing to show.
                    } else if BLOCKS.contains(&name) {
                        push_break(&mut out);
                        pending_space = false;
                        pending_break = false;
                    } else if matches!(name, "td" | "th") {
                        pending_space = true;
                    }
                    continue;
                }
                Scan::Unterminated => break,
                Scan::Text { scanned } => text_until = i + scanned,
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

/// Tag names are compared up to this length (no HTML element is longer).
const MAX_NAME_CHARS: usize = 32;

struct Tag {
    name: String,
    len: usize,
    closing: bool,
    self_closing: bool,
}

/// What follows a `<`.
enum Scan {
    /// A tag `len` bytes long, however long (a `data:` URL in `src` can be megabytes).
    Tag(Tag),
    /// Not a tag: the `<` is text (`a < b`, or another `<` comes before any `>`, or no `>`
    /// follows at all). A `<` within the first `scanned` bytes is text too: it was read
    /// as part of this failed tag, and reading it again would make the pass quadratic.
    Text { scanned: usize },
    /// A quoted attribute value runs to the end of the input: like a browser, the rest of
    /// the page is inside the tag.
    Unterminated,
}

/// Read the tag at the start of `s` (which starts with `<`) up to its closing `>`, which
/// is found in one pass: attribute values quoted after `=` may contain `>` and `<`.
fn parse_tag(s: &str) -> Scan {
    #[derive(Clone, Copy)]
    enum Mode {
        Plain,
        AfterEquals,
        Quoted(u8),
    }
    let Some(inner) = s.get(1..) else {
        return Scan::Text { scanned: 1 };
    };
    let closing = inner.starts_with('/');
    let name_part = inner.get(usize::from(closing)..).unwrap_or_default();
    match name_part.chars().next() {
        Some(c) if c.is_ascii_alphabetic() || c == '!' || c == '?' => {}
        _ => return Scan::Text { scanned: 1 },
    }
    let name: String = name_part
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '!' | '?' | '-' | ':'))
        .take(MAX_NAME_CHARS)
        .collect::<String>()
        .to_ascii_lowercase();
    // Bytes, not chars: every delimiter is ASCII and never part of a multi-byte character.
    let mut mode = Mode::Plain;
    for (j, &b) in s.as_bytes().iter().enumerate().skip(1) {
        mode = match (mode, b) {
            (Mode::Quoted(q), b) if b == q => Mode::Plain,
            (Mode::Quoted(q), _) => Mode::Quoted(q),
            (Mode::AfterEquals, b'"' | b'\'') => Mode::Quoted(b),
            (Mode::AfterEquals, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') | (_, b'=') => {
                Mode::AfterEquals
            }
            (_, b'>') => {
                let self_closing = s.get(..j).is_some_and(|t| t.ends_with('/'));
                return Scan::Tag(Tag {
                    name,
                    len: j + 1,
                    closing,
                    self_closing,
                });
            }
            (_, b'<') => return Scan::Text { scanned: j },
            _ => Mode::Plain,
        };
    }
    match mode {
        Mode::Quoted(_) => Scan::Unterminated,
        Mode::Plain | Mode::AfterEquals => Scan::Text { scanned: s.len() },
    }
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
    fn tags_are_read_to_their_closing_bracket() {
        // (input, Some(tag length) or None for text with the bytes read, or "unterminated")
        let long = format!("<img src=\"data:{}\">", "A".repeat(10_000));
        let cases: Vec<(&str, &str)> = vec![
            ("<p>x", "tag 3"),
            ("</P >x", "tag 5"),
            ("<br/>", "tag 5 self-closing"),
            ("<a title=\"a>b\" href='c>d'>x", "tag 26"),
            ("<a title = \"<p>\">x", "tag 17"),
            ("<p class=it's>x", "tag 14"),
            ("<a b\"c>x", "tag 7"),
            (long.as_str(), "tag 10017"),
            ("< b>", "text 1"),
            ("<2024年>", "text 1"),
            ("a", "text 1"),
            ("<b <p>", "text 3"),
            ("<b and more", "text 11"),
            ("<img src=\"abc>def", "unterminated"),
        ];
        for (input, want) in cases {
            let got = match parse_tag(input) {
                Scan::Tag(t) if t.self_closing => format!("tag {} self-closing", t.len),
                Scan::Tag(t) => format!("tag {}", t.len),
                Scan::Text { scanned } => format!("text {scanned}"),
                Scan::Unterminated => "unterminated".to_owned(),
            };
            assert_eq!(got, want, "{input:.40}");
        }
    }
}
