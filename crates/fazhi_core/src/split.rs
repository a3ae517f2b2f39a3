//! Compilations: one text holding several reports one after another, each under its own
//! title (a district's 部门法治政府建设年度报告汇编, often with a cover and a 目录 first).
//!
//! [`split_compilation`] finds where each report begins. A line is a report's title when it
//! has the usual form — a body, a year, 法治政府建设 (or 法治建设) and 报告/情况报告/年度报告/
//! 工作报告 ([`is_report_title`]) — and a boundary when, besides, a report body follows it
//! (enough text with sentences before the next title-like line) and no earlier boundary has
//! the same title followed by the same first sentence. So:
//! - a 目录 entry (a title line followed by the next entry) is not a boundary, nor is the
//!   compilation's own cover title (it ends in 汇编, or no body follows it);
//! - a title quoted inside a report (`《…报告》`, or mid-sentence) is not a line of the title
//!   form;
//! - a web page that shows its title twice (the page head and the article), or the whole
//!   report twice, is one report; two reports under the same title (`关于…的报告`, the body
//!   named on the line above) are two.
//!
//! One report is never split: fewer than two boundaries give one piece, the whole text. A
//! title whose first line holds no issuing body (`关于2024年度…的报告`, `2024年…报告`) takes
//! the body's name from the line above it (`某某局`). Text before the first boundary (a
//! cover, a 目录) belongs to no report, unless it holds a report body itself; then it is a
//! piece of its own, without a title.
//!
//! Pieces are plain byte ranges into the text, in order and disjoint; each is analysed on
//! its own (`analyze(&text[piece.span])`), so its spans are offsets into the piece, and
//! `piece.span.start + span` maps them back to the whole text.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::Span;
use crate::text::{self, is_blank};

/// One report of a compilation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Piece {
    /// The report's bytes in the whole text.
    pub span: Span,
    /// The title, its lines joined and without blanks; `None` for the one piece of a text
    /// that is not a compilation, and for a report body found before the first title.
    pub title: Option<String>,
    /// Where the title's line(s) are in the whole text.
    pub title_span: Option<Span>,
}

impl Piece {
    /// The piece's text.
    #[must_use]
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }

    /// The name of the report: `<file stem> · <title>`, or the file name itself for a piece
    /// without a title.
    #[must_use]
    pub fn name(&self, file_name: &str) -> String {
        match &self.title {
            Some(title) => piece_name(file_name, title),
            None => file_name.to_owned(),
        }
    }
}

/// `<file stem> · <title>`: the file name without its extension, a middle dot, the title.
#[must_use]
pub fn piece_name(file_name: &str, title: &str) -> String {
    let stem = match file_name.rfind('.') {
        Some(dot) if dot > 0 => &file_name[..dot],
        _ => file_name,
    };
    format!("{stem} · {title}")
}

/// The longest title line, in characters.
const MAX_TITLE_CHARS: usize = 60;
/// A report body: at least this many non-blank characters…
const MIN_BODY_CHARS: usize = 200;
/// …and this many sentence ends, before the next title-like line.
const MIN_BODY_SENTENCES: usize = 3;

/// A report title line (already trimmed): anything but sentence punctuation and quotes, a
/// year (Arabic or Chinese digits) with 年 or 年度, up to 30 more characters, 法治政府建设 or
/// 法治建设, and only the usual words before the final 报告. An optional `【…】` tag first.
static REPORT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:【[^】]{0,12}】)?[^。，,；;：:！？!?、“”‘’「」《》〈〉\x22]{0,40}?(?:\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年度?[^。，,；;：:！？!?、“”‘’「」《》〈〉\x22]{0,30}?法治(?:政府)?建设(?:工作)?(?:年度)?(?:工作)?(?:情况)?的?(?:年度)?(?:工作)?报告$",
    )
    .expect("static regex")
});

/// A heading marker or attachment label at the start of a line: such a line is a section of
/// a report, not a report's title.
static NOT_A_TITLE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|第[一二三四五六七八九十\d]+[章节部篇]|附件|附：|目录)",
    )
    .expect("static regex")
});

/// The first line of a title split over two: an issuing body alone on its line.
static BODY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\p{Han}\d（）()·]{2,40}?(?:局|委员会|委|办公室|办|厅|院|署|中心|政府|街道|街道办事处|镇|乡|区|县|市|部|所|站|队|处|会)(?:[（(]\p{Han}{1,20}[）)])?$",
    )
    .expect("static regex")
});

/// A title that names no issuing body in its own line: it starts with 关于 or the year.
static BODILESS_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:【[^】]{0,12}】)?(?:关于|\d{4}|[〇零○Ｏ一二三四五六七八九]{4})")
        .expect("static regex")
});

/// Whether a trimmed line has the form of a report's title.
#[must_use]
pub fn is_report_title(line: &str) -> bool {
    // Every line of the text is asked: the final 报告 that [`REPORT_TITLE`] ends with turns
    // away almost all of them before a character is counted or a pattern run.
    if !line.ends_with("报告") {
        return false;
    }
    let n = line.chars().count();
    (8..=MAX_TITLE_CHARS).contains(&n)
        && !NOT_A_TITLE_START.is_match(line)
        && REPORT_TITLE.is_match(line)
}

/// Whether `s` holds a report body: enough text, in sentences.
fn has_body(s: &str) -> bool {
    let mut chars = 0usize;
    let mut sentences = 0usize;
    for c in s.chars() {
        if !is_blank(c) {
            chars += 1;
        }
        if matches!(c, '。' | '！' | '？') {
            sentences += 1;
        }
        if chars >= MIN_BODY_CHARS && sentences >= MIN_BODY_SENTENCES {
            return true;
        }
    }
    false
}

/// A title line found in the text.
struct Candidate {
    /// Index of its line.
    line: usize,
    /// The trimmed line.
    title: Span,
}

/// Split a text into the reports it holds (see the module documentation). Never empty:
/// a text that is not a compilation is one piece, the whole text, with no title.
#[must_use]
pub fn split_compilation(text: &str) -> Vec<Piece> {
    let whole = vec![Piece {
        span: Span::new(0, text.len()),
        title: None,
        title_span: None,
    }];
    let lines = text::lines(text, Span::new(0, text.len()));
    let trimmed: Vec<Span> = lines.iter().map(|&l| text::trim(text, l)).collect();
    let candidates: Vec<Candidate> = trimmed
        .iter()
        .enumerate()
        .filter(|(_, t)| is_report_title(t.slice(text)))
        .map(|(line, &title)| Candidate { line, title })
        .collect();
    if candidates.len() < 2 {
        return whole;
    }

    // Boundaries: candidates with a body before the next candidate, first of their title.
    let mut seen = HashSet::new();
    let mut boundaries: Vec<(usize, Span, String)> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let after = lines[c.line].end;
        let until = candidates
            .get(i + 1)
            .map_or(text.len(), |next| lines[next.line].start);
        let stretch = &text[after..until.max(after)];
        if !has_body(stretch) {
            continue;
        }
        // A page that shows its report twice repeats the title and the first sentence; two
        // reports under the same title (`关于2024年度…的报告`) begin differently.
        let first_sentence = stretch
            .lines()
            .find(|l| l.contains('。'))
            .map_or("", |l| l.trim_matches(is_blank));
        // The line above names the body when the title itself does not.
        let mut start = lines[c.line].start;
        let mut title = String::new();
        if BODILESS_TITLE.is_match(c.title.slice(text)) {
            // At most one blank line between the two lines of the title.
            let near = c.line.saturating_sub(2)..c.line;
            if let Some(above) = near.rev().find(|&l| !trimmed[l].is_empty()) {
                let body = trimmed[above].slice(text);
                let after_previous = boundaries
                    .last()
                    .is_none_or(|b| b.1.end <= lines[above].start);
                if after_previous && BODY_LINE.is_match(body) {
                    start = lines[above].start;
                    title.push_str(body);
                }
            }
        }
        title.push_str(c.title.slice(text));
        let title: String = title.chars().filter(|&ch| !is_blank(ch)).collect();
        if seen.insert((title.clone(), first_sentence)) {
            boundaries.push((start, Span::new(start, c.title.end), title));
        }
    }
    if boundaries.len() < 2 {
        return whole;
    }

    let mut pieces = Vec::with_capacity(boundaries.len() + 1);
    let first = boundaries[0].0;
    if has_body(&text[..first]) {
        pieces.push(Piece {
            span: Span::new(0, first),
            title: None,
            title_span: None,
        });
    }
    for (i, (start, title_span, title)) in boundaries.iter().enumerate() {
        let end = boundaries.get(i + 1).map_or(text.len(), |b| b.0);
        pieces.push(Piece {
            span: Span::new(*start, end),
            title: Some(title.clone()),
            title_span: Some(*title_span),
        });
    }
    pieces
}

/// Build this module's patterns and tables now (each is built on its first use otherwise):
/// see [`crate::prepare`].
pub(crate) fn prepare() {
    LazyLock::force(&REPORT_TITLE);
    LazyLock::force(&NOT_A_TITLE_START);
    LazyLock::force(&BODY_LINE);
    LazyLock::force(&BODILESS_TITLE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_title_table() {
        for s in [
            "青石区司法局2024年法治政府建设年度报告",
            "青石区市场监督管理局关于2024年度法治政府建设情况的报告",
            "关于2024年度法治政府建设情况的报告",
            "2020年某某区法治政府建设情况报告",
            "某某局2023年法治政府建设工作报告",
            "某某局2023年度法治政府建设报告",
            "某某县2022年度法治政府建设工作情况的报告",
            "某某局关于2024年度法治政府建设工作的报告",
            "中共某某县委2024年度法治建设工作报告",
            "二〇二四年度某某镇法治政府建设情况报告",
            "【2022年】某州生态环境局2022年度法治政府建设报告",
            "某某局 2025年法治政府建设年度报告",
            "某某区人民政府（办公室）2024年法治政府建设年度报告",
        ] {
            assert!(is_report_title(s), "should be a title: {s}");
        }
        for s in [
            "一、2024年推进法治政府建设的主要举措和成效",
            "四、2025年推进法治政府建设的主要安排",
            "（一）2024年法治政府建设情况报告",
            "2.2024年法治政府建设情况报告",
            "现将2025年法治政府建设情况报告如下：",
            "《某某局2023年法治政府建设年度报告》",
            "“某某局2023年法治政府建设年度报告”",
            "附件：某某局2023年法治政府建设年度报告",
            "青石区2024年度部门法治政府建设年度报告汇编",
            "某某局2023年法治政府建设年度报告……3",
            "某某局2023年法治政府建设年度报告 3",
            "法治政府建设年度报告和工作要点",
            "某某局法治政府建设年度报告",
            "2024年，某某局深入推进法治政府建设，现将情况报告",
            "某某局2024年安全生产工作报告",
            "报告",
        ] {
            assert!(!is_report_title(s), "should not be a title: {s}");
        }
    }

    /// The 报告 test in front of the patterns turns away no line they take.
    #[test]
    fn report_title_agrees_with_the_patterns() {
        let extra =
            "青石区司法局2024年法治政府建设年度报告\n某某局2023年法治政府建设年度报告 \n报告";
        for s in crate::text::sample_lines(extra) {
            let n = s.chars().count();
            let plain = (8..=MAX_TITLE_CHARS).contains(&n)
                && !NOT_A_TITLE_START.is_match(s)
                && REPORT_TITLE.is_match(s);
            assert_eq!(is_report_title(s), plain, "{s}");
        }
    }

    #[test]
    fn body_line_table() {
        for s in [
            "青石区市场监督管理局",
            "某某县人民政府",
            "某某街道办事处",
            "某某区",
            "某某区教育局（体育局）",
            "某某区第2分局",
        ] {
            assert!(BODY_LINE.is_match(s), "{s}");
        }
        for s in [
            "2025年1月20日",
            "区委、区政府：",
            "目录",
            "一、主要举措和成效",
            "2024",
            "某某局（",
        ] {
            assert!(!BODY_LINE.is_match(s), "{s}");
        }
    }

    #[test]
    fn bodiless_title_table() {
        for s in [
            "关于2024年度法治政府建设情况的报告",
            "2020年某某区法治政府建设情况报告",
        ] {
            assert!(BODILESS_TITLE.is_match(s), "{s}");
        }
        for s in [
            "某某局关于2024年度法治政府建设情况的报告",
            "某某局2024年法治政府建设年度报告",
        ] {
            assert!(!BODILESS_TITLE.is_match(s), "{s}");
        }
    }

    #[test]
    fn not_a_title_start_table() {
        for s in [
            "一、2024年",
            "（二）2024年",
            "(3)2024年",
            "3.2024年",
            "附件2024年",
            "目录",
        ] {
            assert!(NOT_A_TITLE_START.is_match(s), "{s}");
        }
        for s in ["青石区2024年", "关于2024年", "2024年度"] {
            assert!(!NOT_A_TITLE_START.is_match(s), "{s}");
        }
    }

    #[test]
    fn names() {
        assert_eq!(piece_name("汇编.docx", "甲报告"), "汇编 · 甲报告");
        assert_eq!(piece_name("a.b.txt", "乙"), "a.b · 乙");
        assert_eq!(piece_name(".hidden", "丙"), ".hidden · 丙");
        assert_eq!(piece_name("noext", "丁"), "noext · 丁");
        let p = Piece {
            span: Span::new(0, 0),
            title: None,
            title_span: None,
        };
        assert_eq!(p.name("x.txt"), "x.txt");
    }

    #[test]
    fn short_and_empty_texts_are_one_piece() {
        for t in ["", "\n\n", "某某局2023年法治政府建设年度报告", "一\n二\n三"] {
            let pieces = split_compilation(t);
            assert_eq!(pieces.len(), 1, "{t:?}");
            assert_eq!(pieces[0].span, Span::new(0, t.len()));
            assert_eq!(pieces[0].title, None);
        }
    }
}
