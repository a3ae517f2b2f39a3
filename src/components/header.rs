//! The report's metadata: issuing body, year, date, and the file it came from; exports.

use std::rc::Rc;

use fazhi_core::decode::SourceFormat;
use yew::prelude::*;

use crate::components::input::display_name;
use crate::export;
use crate::i18n::{Lang, K};
use crate::services::{download, worker};
use crate::state::{Report, Source};

/// The media type of an .xlsx file.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub report: Rc<Report>,
    pub lang: Lang,
}

fn format_name(format: SourceFormat) -> &'static str {
    match format {
        SourceFormat::Text => "TXT",
        SourceFormat::Html => "HTML",
        SourceFormat::Docx => "DOCX",
        SourceFormat::Pdf => "PDF",
        SourceFormat::Doc => "DOC",
        SourceFormat::Ofd => "OFD",
    }
}

fn size_text(bytes: usize, lang: Lang) -> String {
    if bytes >= 10 * 1024 {
        format!(
            "{:.1} KB ({bytes} {})",
            bytes as f64 / 1024.0,
            K::Bytes.t(lang)
        )
    } else {
        format!("{bytes} {}", K::Bytes.t(lang))
    }
}

#[function_component(MetaHeader)]
pub fn meta_header(props: &HeaderProps) -> Html {
    let lang = props.lang;
    let report = &props.report;
    let meta = &report.analysis.metadata;
    let unknown = || html! { <span class="unknown">{ K::Unknown.t(lang) }</span> };
    let title = meta
        .title
        .as_ref()
        .map_or_else(|| display_name(report, lang), |t| t.value.clone());
    let stem = export::file_stem(&report.name).to_owned();

    let on_csv = {
        let report = Rc::clone(report);
        let name = format!("{stem}-metrics.csv");
        Callback::from(move |_: MouseEvent| {
            download::offer(
                name.clone(),
                "text/csv;charset=utf-8",
                export::metrics_csv(&report, lang),
            );
        })
    };
    let on_xlsx = {
        let report = Rc::clone(report);
        let name = format!("{stem}-metrics.xlsx");
        Callback::from(move |_: MouseEvent| {
            let (name, text, analysis) =
                (name.clone(), report.text.clone(), report.analysis.clone());
            // The workbook is written in the worker, which holds the .xlsx writer.
            wasm_bindgen_futures::spawn_local(async move {
                match worker::workbook(text, analysis, lang).await {
                    Ok(bytes) => download::offer(name, XLSX_MIME, bytes),
                    Err(e) => gloo::console::warn!(format!("{name} could not be built: {e}")),
                }
            });
        })
    };
    let on_json = {
        let report = Rc::clone(report);
        let name = format!("{stem}-analysis.json");
        Callback::from(move |_: MouseEvent| {
            download::offer(
                name.clone(),
                "application/json",
                export::analysis_json(&report),
            );
        })
    };

    html! {
        <header class="report-header panel">
            <div class="report-title-row">
                <h2 id="report-title">{ title }</h2>
                <div class="exports">
                    <button type="button" class="btn" data-testid="export-csv" onclick={on_csv}>
                        { K::ExportCsv.t(lang) }
                    </button>
                    <button type="button" class="btn" data-testid="export-xlsx" onclick={on_xlsx}>
                        { K::ExportXlsx.t(lang) }
                    </button>
                    <button type="button" class="btn" data-testid="export-json" onclick={on_json}>
                        { K::ExportJson.t(lang) }
                    </button>
                </div>
            </div>
            <dl class="meta" data-testid="metadata">
                <div><dt>{ K::Agency.t(lang) }</dt>
                    <dd data-testid="meta-agency">{
                        meta.agency.as_ref().map_or_else(unknown, |a| html! { { &a.value } })
                    }</dd></div>
                <div><dt>{ K::Year.t(lang) }</dt>
                    <dd data-testid="meta-year">{
                        meta.year.as_ref().map_or_else(unknown, |y| html! { { y.value } })
                    }</dd></div>
                <div><dt>{ K::Published.t(lang) }</dt>
                    <dd data-testid="meta-published">{
                        meta.published.as_ref().map_or_else(unknown, |d| html! { { d.value.iso() } })
                    }</dd></div>
                <div><dt>{ K::FileName.t(lang) }</dt>
                    <dd data-testid="meta-file" class="file-name">{
                        if report.source == Source::Paste { display_name(report, lang) } else { report.name.clone() }
                    }</dd></div>
                <div><dt>{ K::Size.t(lang) }</dt>
                    <dd data-testid="meta-size">{ size_text(report.byte_len, lang) }</dd></div>
                <div><dt>{ K::Encoding.t(lang) }</dt>
                    <dd data-testid="meta-encoding">
                        { &report.encoding }{ " · " }{ format_name(report.format) }
                    </dd></div>
            </dl>
        </header>
    }
}
