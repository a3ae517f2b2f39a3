//! Getting reports in: the paste box, the file picker, the demo button, file errors, and
//! the tabs of loaded reports.

use std::rc::Rc;

use fazhi_core::decode;
use yew::prelude::*;

use crate::i18n::{Lang, K};
use crate::services::{dom, files, worker};
use crate::state::{FileError, Report, Source};

/// Wait this long after the last keystroke before analysing the paste box.
const DEBOUNCE_MS: u32 = 300;

#[derive(Properties, PartialEq)]
pub struct InputProps {
    pub lang: Lang,
    pub errors: Vec<FileError>,
    /// A report is loaded: the paste box can be smaller.
    pub compact: bool,
    /// Reports are being analysed.
    pub busy: bool,
    pub on_files: Callback<Vec<files::Picked>>,
    pub on_paste: Callback<String>,
    pub on_demo: Callback<()>,
    pub on_dismiss: Callback<()>,
}

#[function_component(InputPanel)]
pub fn input_panel(props: &InputProps) -> Html {
    let lang = props.lang;
    let area = use_node_ref();
    let debounce = use_memo((), |()| dom::Debounce::default());

    let oninput = {
        let debounce = Rc::clone(&debounce);
        let on_paste = props.on_paste.clone();
        Callback::from(move |e: InputEvent| {
            let text = dom::event_value(&e);
            let on_paste = on_paste.clone();
            debounce.schedule(DEBOUNCE_MS, move || on_paste.emit(text));
        })
    };
    let onpaste = {
        let debounce = Rc::clone(&debounce);
        let on_paste = props.on_paste.clone();
        let area = area.clone();
        Callback::from(move |e: Event| {
            // Plain text pastes go through `input`; HTML is turned into text first.
            let Some(html) = dom::pasted_html(&e) else {
                return;
            };
            let text = decode::html_to_text(&html);
            if text.trim().is_empty() {
                return;
            }
            e.prevent_default();
            if let Some(all) = dom::insert_into_textarea(&area, &text) {
                let on_paste = on_paste.clone();
                debounce.schedule(DEBOUNCE_MS, move || on_paste.emit(all));
            }
        })
    };
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| files::read_input(&e, on_files.clone()))
    };
    let on_demo = props.on_demo.reform(|_: MouseEvent| ());
    // About to give a report: fetch the worker while the user moves.
    let warm_up = |_| worker::warm_up();
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());

    html! {
        <section class={classes!("input-panel", props.compact.then_some("compact"))}
            aria-label={K::PasteLabel.t(lang)}>
            <label class="visually-hidden" for="paste-box">{ K::PasteLabel.t(lang) }</label>
            <textarea id="paste-box" class="paste-box" data-testid="paste-box" ref={area}
                onfocus={Callback::from(|_: FocusEvent| worker::warm_up())}
                placeholder={K::PastePlaceholder.t(lang)} spellcheck="false"
                {oninput} {onpaste} />
            <div class="input-actions" onpointerenter={Callback::from(warm_up)}
                onfocusin={Callback::from(|_: FocusEvent| worker::warm_up())}>
                <label class="btn file-btn">
                    <input type="file" class="visually-hidden" data-testid="file-input" multiple=true
                        accept={crate::i18n::ACCEPTED_FILES}
                        {onchange} />
                    <span aria-hidden="true" class="icon">{ "＋" }</span>{ K::ChooseFiles.t(lang) }
                </label>
                <button type="button" class="btn" data-testid="demo-button" onclick={on_demo}>
                    { K::DemoButton.t(lang) }
                </button>
                <span class="hint">{ K::FilesHint.t(lang) }</span>
                <span class="busy" role="status" data-testid="busy">
                    { if props.busy { K::Analysing.t(lang) } else { "" } }
                </span>
            </div>
            if !props.errors.is_empty() {
                <div class="file-errors" role="alert">
                    <ul>
                        { for props.errors.iter().map(|e| html! {
                            <li class="file-error" data-testid="file-error">
                                <strong>{ format!("{} {}", K::FileErrorPrefix.t(lang), e.name) }</strong>
                                { "：" }{ e.problem.message(lang) }
                            </li>
                        }) }
                    </ul>
                    <button type="button" class="btn small ghost" onclick={on_dismiss}>
                        { K::DismissErrors.t(lang) }
                    </button>
                </div>
            }
        </section>
    }
}

/// The name a report goes by in the tabs and the header.
#[must_use]
pub fn display_name(report: &Report, lang: Lang) -> String {
    match report.source {
        Source::File => report.name.clone(),
        Source::Paste => K::PastedText.t(lang).to_owned(),
        Source::Demo => K::DemoName.t(lang).to_owned(),
    }
}

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    pub lang: Lang,
    pub reports: Vec<Rc<Report>>,
    pub selected: Option<usize>,
    pub on_select: Callback<usize>,
    pub on_close: Callback<usize>,
}

/// The element id of the tab of the report with this id.
fn tab_id(report_id: u32) -> String {
    format!("tab-{report_id}")
}

/// The tab a key moves to from tab `i` of `n` (arrows wrap around), if it is one that does.
fn tab_key_target(key: &str, i: usize, n: usize) -> Option<usize> {
    match key {
        _ if n == 0 => None,
        "ArrowRight" => Some((i + 1) % n),
        "ArrowLeft" => Some((i + n - 1) % n),
        "Home" => Some(0),
        "End" => Some(n - 1),
        _ => None,
    }
}

/// The loaded reports as tabs (ARIA tabs pattern): the selected tab is in the tab order,
/// arrow keys, Home and End move between tabs and select them, Delete closes one.
#[function_component(ReportTabs)]
pub fn report_tabs(props: &TabsProps) -> Html {
    let lang = props.lang;
    let n = props.reports.len();
    let ids: Vec<u32> = props.reports.iter().map(|r| r.id).collect();
    // The tab that takes focus from the tab order: the selected one, or else the first.
    let current = props.selected.filter(|&i| i < n).unwrap_or(0);
    html! {
        <nav class="report-tabs" aria-label={K::ReportsLabel.t(lang)}>
            <ul role="tablist">
                { for props.reports.iter().enumerate().map(|(i, r)| {
                    let selected = props.selected == Some(i);
                    let on_select = props.on_select.reform(move |_: MouseEvent| i);
                    let on_close = props.on_close.reform(move |_: MouseEvent| i);
                    let onkeydown = {
                        let on_select = props.on_select.clone();
                        let on_close = props.on_close.clone();
                        let ids = ids.clone();
                        Callback::from(move |e: KeyboardEvent| {
                            if e.key() == "Delete" {
                                e.prevent_default();
                                on_close.emit(i);
                                // Focus goes on to the tab that takes this one's place.
                                let next = if i + 1 < ids.len() { i + 1 } else { i.saturating_sub(1) };
                                if let Some(id) = ids.get(next).filter(|_| ids.len() > 1) {
                                    dom::focus(&tab_id(*id));
                                }
                            } else if let Some(t) = tab_key_target(&e.key(), i, ids.len()) {
                                e.prevent_default();
                                if let Some(id) = ids.get(t) {
                                    dom::focus(&tab_id(*id));
                                }
                                on_select.emit(t);
                            }
                        })
                    };
                    let name = display_name(r, lang);
                    let tabindex = if i == current { "0" } else { "-1" };
                    html! {
                        // A tablist holds tabs only: the item is presentation, and the close
                        // button (a pointer's shortcut; the keyboard closes a tab with Delete)
                        // is neither in the tab order nor announced.
                        <li key={r.id} class={classes!("tab", selected.then_some("selected"))} role="presentation" data-testid="report-row">
                            <button type="button" role="tab" data-testid="report-tab" id={tab_id(r.id)}
                                data-name={r.name.clone()} aria-controls="report" {tabindex}
                                aria-selected={selected.to_string()} onclick={on_select} {onkeydown}
                                title={name.clone()}>
                                { name }
                            </button>
                            <button type="button" class="tab-close" tabindex="-1" aria-hidden="true"
                                title={format!("{} {}", K::CloseReport.t(lang), r.name)}
                                onclick={on_close}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::tab_key_target;

    #[test]
    fn tab_keys() {
        assert_eq!(tab_key_target("ArrowRight", 0, 3), Some(1));
        assert_eq!(tab_key_target("ArrowRight", 2, 3), Some(0));
        assert_eq!(tab_key_target("ArrowLeft", 0, 3), Some(2));
        assert_eq!(tab_key_target("Home", 2, 3), Some(0));
        assert_eq!(tab_key_target("End", 0, 3), Some(2));
        assert_eq!(tab_key_target("Enter", 0, 3), None);
        assert_eq!(tab_key_target("ArrowRight", 0, 0), None);
    }
}
