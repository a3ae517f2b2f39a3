//! Diagnostics, each expandable to show the text it refers to.

use std::fmt::Write as _;
use std::rc::Rc;

use fazhi_core::{DiagnosticKind, Severity};
use yew::prelude::*;

use crate::i18n::{decode_warning, decode_warning_kind, severity_name, Lang, K};
use crate::state::Report;

/// Show at most this many characters of the text under a diagnostic.
const EXCERPT_CHARS: usize = 600;

fn kind_key(kind: DiagnosticKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    pub report: Rc<Report>,
    pub lang: Lang,
}

#[function_component(Diagnostics)]
pub fn diagnostics(props: &DiagnosticsProps) -> Html {
    let lang = props.lang;
    let report = &props.report;
    let list = &report.analysis.diagnostics;
    let warnings = &report.warnings;
    html! {
        <section class="panel diagnostics" aria-labelledby="diag-title">
            <h3 id="diag-title">{ K::DiagnosticsTitle.t(lang) }
                <span class="count">{ list.len() + warnings.len() }</span></h3>
            if list.is_empty() && warnings.is_empty() {
                <p class="muted">{ K::NoDiagnostics.t(lang) }</p>
            } else {
                <ul>
                    // What the decoder repaired comes first: it bears on everything below.
                    { for warnings.iter().map(|w| html! {
                        <li>
                            <details class="diagnostic warning decode-warning" data-testid="decode-warning"
                                data-kind={decode_warning_kind(w)}>
                                <summary>
                                    <span class="badge warning">{ K::DecodeWarningLabel.t(lang) }</span>
                                    { decode_warning(w, lang) }
                                </summary>
                                <p class="muted">{ K::DecodeWarningNote.t(lang) }</p>
                            </details>
                        </li>
                    }) }
                    { for list.iter().map(|d| {
                        let excerpt = d.span.map(|s| {
                            let under = s.slice(&report.text);
                            let n = under.chars().count();
                            let mut shown: String = under.chars().take(EXCERPT_CHARS).collect();
                            if n > EXCERPT_CHARS {
                                let _ = write!(shown, " …（+{}）", n - EXCERPT_CHARS);
                            }
                            (s, shown)
                        });
                        let severity = match d.severity {
                            Severity::Info => "info",
                            Severity::Warning => "warning",
                        };
                        html! {
                            <li>
                                <details class={classes!("diagnostic", severity)} data-testid="diagnostic"
                                    data-kind={kind_key(d.kind)}>
                                    <summary>
                                        <span class={classes!("badge", severity)}>{ severity_name(d.severity, lang) }</span>
                                        { &d.message }
                                    </summary>
                                    { match excerpt {
                                        Some((s, shown)) => html! {
                                            <blockquote>
                                                <p class="span-pos">{ format!("{}–{}", s.start, s.end) }</p>
                                                <pre>{ shown }</pre>
                                            </blockquote>
                                        },
                                        None => html! { <p class="muted">{ K::DiagnosticNoSpan.t(lang) }</p> },
                                    } }
                                </details>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
