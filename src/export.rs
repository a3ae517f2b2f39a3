//! Exports: the metrics as CSV that opens cleanly in Excel/WPS (UTF-8 BOM, CRLF, quoted
//! fields) and the full analysis as JSON (the same shape as `fazhi analyze --format json`).

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

fn row(out: &mut String, cells: &[&str]) {
    let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
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
            &(i + 1).to_string(),
            &m.text,
            &m.subject,
            &value,
            &upper,
            &m.unit,
            &m.unit_written,
            approx_name(m.approx, lang),
            change,
            category_name(m.category, lang),
            &m.section_path,
            sentence,
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
    row(&mut out, &header);
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
