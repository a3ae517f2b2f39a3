//! Exports: the metrics as CSV that opens cleanly in Excel/WPS (UTF-8 BOM, CRLF, quoted
//! fields, no cell taken for a formula) and the full analysis as JSON (the same shape as
//! `fazhi analyze --format json`).

use std::borrow::Cow;

use fazhi_core::Metric;

use crate::i18n::{approx_name, category_name, change_name, Lang};
use crate::state::Report;

/// Quote a CSV field when it holds a comma, a quote or a line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Characters that make Excel, WPS or LibreOffice read a cell as a formula (or, for tab and
/// carriage return, that they strip before looking for one).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A plain decimal number as the exports write it: an optional minus sign, digits, and at
/// most one decimal point with digits on both sides (`12`, `-3.5`).
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let mut parts = digits.split('.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    parts.next().is_none() && all_digits(whole) && frac.is_none_or(all_digits)
}

/// Keep a spreadsheet from running a cell as a formula (CSV injection): a cell that starts
/// with `= + - @`, a tab or a carriage return gets a leading single quote, which Excel and
/// WPS show as text. Numbers stay numbers.
fn neutralise(cell: Cell<'_>) -> Cow<'_, str> {
    match cell {
        Cell::Number(s) if is_plain_number(s) => Cow::Borrowed(s),
        Cell::Text(s) | Cell::Number(s) if s.starts_with(FORMULA_START) => {
            Cow::Owned(format!("'{s}"))
        }
        Cell::Text(s) | Cell::Number(s) => Cow::Borrowed(s),
    }
}

/// One CSV cell: free text, or a column that holds plain numbers only (row number, value,
/// upper bound), which is written as it is when it really is a plain number.
#[derive(Debug, Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Number(&'a str),
}

fn row(out: &mut String, cells: &[Cell<'_>]) {
    let line: Vec<String> = cells.iter().map(|&c| field(&neutralise(c))).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

fn metric_row(out: &mut String, i: usize, m: &Metric, text: &str, lang: Lang) {
    let value = m.value.normalize().to_string();
    let upper = m
        .upper
        .map(|u| u.normalize().to_string())
        .unwrap_or_default();
    let change = m.change.map(|c| change_name(c, lang)).unwrap_or_default();
    let sentence = m.sentence.slice(text).trim();
    row(
        out,
        &[
            Cell::Number(&(i + 1).to_string()),
            Cell::Text(&m.text),
            Cell::Text(&m.subject),
            Cell::Number(&value),
            Cell::Number(&upper),
            Cell::Text(&m.unit),
            Cell::Text(&m.unit_written),
            Cell::Text(approx_name(m.approx, lang)),
            Cell::Text(change),
            Cell::Text(category_name(m.category, lang)),
            Cell::Text(&m.section_path),
            Cell::Text(sentence),
        ],
    );
}

/// The metrics of `report` as CSV bytes: UTF-8 with a BOM, CRLF line ends.
#[must_use]
pub fn metrics_csv(report: &Report, lang: Lang) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let header: [&str; 12] = match lang {
        Lang::Zh => [
            "序号",
            "原文",
            "指标",
            "数值",
            "上限",
            "单位",
            "原单位",
            "约数",
            "变化",
            "类别",
            "章节",
            "所在句",
        ],
        Lang::En => [
            "#",
            "text",
            "subject",
            "value",
            "upper",
            "unit",
            "unit as written",
            "approx",
            "change",
            "category",
            "section",
            "sentence",
        ],
    };
    row(&mut out, &header.map(Cell::Text));
    for (i, m) in report.analysis.metrics.iter().enumerate() {
        metric_row(&mut out, i, m, &report.text, lang);
    }
    out.into_bytes()
}

/// The full analysis of `report` as pretty JSON.
#[must_use]
pub fn analysis_json(report: &Report) -> Vec<u8> {
    let value = serde_json::json!({
        "file": report.name,
        "format": report.format,
        "encoding": report.encoding,
        "byte_len": report.byte_len,
        "text": report.text,
        "analysis": report.analysis,
    });
    serde_json::to_vec_pretty(&value).unwrap_or_default()
}

/// `name.txt` → `name`.
#[must_use]
pub fn file_stem(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, State, Theme};
    use std::rc::Rc;
    use yew::Reducible;

    #[test]
    fn quoting() {
        assert_eq!(field("a"), "a");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("x\ny"), "\"x\ny\"");
    }

    #[test]
    fn csv_has_bom_and_crlf() {
        let s = Rc::new(State::new(Lang::Zh, Theme::Light)).reduce(Action::LoadDemo);
        let report = s.current().expect("demo");
        let csv = metrics_csv(report, Lang::Zh);
        assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]));
        let text = String::from_utf8(csv).expect("utf-8");
        assert!(text.contains("序号,原文,"));
        assert_eq!(
            text.matches("\r\n").count(),
            report.analysis.metrics.len() + 1
        );
        let json = analysis_json(report);
        let v: serde_json::Value = serde_json::from_slice(&json).expect("json");
        assert_eq!(v["file"], "demo-report.txt");
    }

    #[test]
    fn stems() {
        assert_eq!(file_stem("a.b.txt"), "a.b");
        assert_eq!(file_stem(".txt"), ".txt");
        assert_eq!(file_stem("noext"), "noext");
    }
}

#[cfg(test)]
mod injection_tests {
    use super::*;
    use crate::state::{Action, State, Theme};
    use std::rc::Rc;
    use yew::Reducible;

    #[test]
    fn formula_starts_get_a_quote() {
        for s in [
            "=1+1",
            "+86",
            "-3",
            "@SUM(A1)",
            "\tx",
            "\r=1",
            "=HYPERLINK(\"x\")",
        ] {
            assert_eq!(neutralise(Cell::Text(s)), format!("'{s}"), "{s:?}");
        }
        for s in [
            "",
            "检查企业12家",
            "12",
            "'=already",
            " =1",
            "a=b",
            "（一）",
        ] {
            assert_eq!(neutralise(Cell::Text(s)), s, "{s:?}");
        }
    }

    #[test]
    fn numbers_stay_numbers_but_only_real_ones() {
        for s in ["12", "-5", "0.25", "-3.5", "1200000000", ""] {
            assert_eq!(neutralise(Cell::Number(s)), s, "{s:?}");
        }
        for s in ["-", "-1+1", "=1", "+5", "@1", "-.5", "-1.", "-1e5"] {
            assert_eq!(neutralise(Cell::Number(s)), format!("'{s}"), "{s:?}");
        }
        // Not plain numbers, but nothing a spreadsheet would run either.
        for s in ["1.", "1.2.3", "12万"] {
            assert!(!is_plain_number(s));
            assert_eq!(neutralise(Cell::Number(s)), s, "{s:?}");
        }
    }

    #[test]
    fn quoted_after_neutralising() {
        let mut out = String::new();
        row(
            &mut out,
            &[Cell::Text("=1,2"), Cell::Number("-5"), Cell::Text("-\"x\"")],
        );
        assert_eq!(out, "\"'=1,2\",-5,\"'-\"\"x\"\"\"\r\n");
    }

    /// Split one CSV document into rows of unquoted fields (RFC 4180).
    fn parse(csv: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        let mut chars = csv.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut cell)),
                (false, '\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (_, c) => cell.push(c),
            }
        }
        rows
    }

    #[test]
    fn report_with_formula_text_exports_no_formula() {
        let text = "一、总体情况\n=HYPERLINK(\"http://x\",\"点\")全年检查企业12家。\n@SUM(A1)罚款3万元。\n+86处理投诉5件，-减少2件。\n\t=1+1受理案件7件。";
        let s = Rc::new(State::new(Lang::Zh, Theme::Light)).reduce(Action::Pasted(text.into()));
        let report = s.current().expect("pasted report");
        assert!(
            report.analysis.metrics.len() >= 4,
            "{:?}",
            report.analysis.metrics
        );
        let csv = String::from_utf8(metrics_csv(report, Lang::Zh)).expect("utf-8");
        let rows = parse(csv.trim_start_matches('\u{feff}'));
        assert_eq!(rows.len(), report.analysis.metrics.len() + 1);
        let mut quoted = 0;
        for r in &rows[1..] {
            assert_eq!(r.len(), 12);
            for (col, cell) in r.iter().enumerate() {
                if [0, 3, 4].contains(&col) {
                    assert!(
                        cell.is_empty() || is_plain_number(cell),
                        "numeric column {col}: {cell:?}"
                    );
                } else {
                    assert!(!cell.starts_with(FORMULA_START), "column {col}: {cell:?}");
                    quoted += usize::from(cell.starts_with('\''));
                }
            }
        }
        assert!(
            quoted >= 3,
            "sentences starting with = @ + were neutralised: {rows:?}"
        );
    }
}
