//! Exports: the metrics as CSV that opens cleanly in Excel/WPS (UTF-8 BOM, CRLF, quoted
//! fields, no cell taken for a formula) and the full analysis as JSON (the same shape as
//! `fazhi analyze --format json`).

use fazhi_core::export::{self, ReportRef};

use crate::i18n::Lang;
use crate::state::Report;

fn report_ref(report: &Report) -> ReportRef<'_> {
    ReportRef {
        file: &report.name,
        text: &report.text,
        analysis: &report.analysis,
    }
}

/// The metrics of `report` as CSV bytes: UTF-8 with a BOM, CRLF line ends (see
/// [`fazhi_core::export`]).
#[must_use]
pub fn metrics_csv(report: &Report, lang: Lang) -> Vec<u8> {
    export::metrics_csv(&[report_ref(report)], lang, false)
}

/// Every metric of every open report in one CSV, with a file column.
#[must_use]
pub fn all_metrics_csv(reports: &[std::rc::Rc<Report>], lang: Lang) -> Vec<u8> {
    let refs: Vec<_> = reports.iter().map(|r| report_ref(r)).collect();
    export::metrics_csv(&refs, lang, true)
}

/// One row per open report, to compare them (the table of `fazhi analyze --format summary`).
#[must_use]
pub fn summary_csv(reports: &[std::rc::Rc<Report>], lang: Lang) -> Vec<u8> {
    let refs: Vec<_> = reports.iter().map(|r| report_ref(r)).collect();
    export::summary_csv(&refs, lang)
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
    use crate::state::testing::{demo, pasted};
    use crate::state::{State, Theme};
    use std::rc::Rc;
    use yew::Reducible;

    #[test]
    fn csv_has_bom_and_crlf() {
        let s = Rc::new(State::new(Lang::Zh, Theme::Light)).reduce(demo());
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
    fn tables_over_every_open_report() {
        let s = Rc::new(State::new(Lang::Zh, Theme::Light))
            .reduce(demo())
            .reduce(pasted(
                "一、主要举措和成效\n全年检查企业12家，罚款3万元。\n",
            ));
        assert_eq!(s.reports.len(), 2);
        let lines = |bytes: Vec<u8>| {
            String::from_utf8(bytes)
                .expect("utf-8")
                .matches("\r\n")
                .count()
        };
        let figures: usize = s.reports.iter().map(|r| r.analysis.metrics.len()).sum();
        assert_eq!(lines(all_metrics_csv(&s.reports, Lang::Zh)), figures + 1);
        assert_eq!(lines(summary_csv(&s.reports, Lang::En)), 3);
        let summary = String::from_utf8(summary_csv(&s.reports, Lang::Zh)).expect("utf-8");
        assert!(
            summary.contains("demo-report.txt,青岚县应急管理局,2024,"),
            "{summary}"
        );
    }

    #[test]
    fn stems() {
        assert_eq!(file_stem("a.b.txt"), "a.b");
        assert_eq!(file_stem(".txt"), ".txt");
        assert_eq!(file_stem("noext"), "noext");
    }
}
