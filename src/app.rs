//! The root component: holds the one reducer and lays out the page.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::compare::Compare;
use crate::components::input::{InputPanel, ReportTabs};
use crate::components::report_view::ReportView;
use crate::crash::PanicTest;
use crate::i18n::{Lang, K};
use crate::services::{crash, dom, files, offline, storage, worker};
use crate::state::{
    Action, Loaded, LoadedFile, Source, State, Theme, DEMO_FILE_NAME, DEMO_TEXT, PASTE_FILE_NAME,
};

fn initial_state() -> State {
    let lang = storage::saved_lang()
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default();
    let theme = storage::saved_theme()
        .and_then(|k| Theme::from_key(&k))
        .unwrap_or(if storage::prefers_dark() {
            Theme::Dark
        } else {
            Theme::Light
        });
    State::new(lang, theme)
}

/// Send files to the worker; dispatch them all at once when every one is back.
fn analyse_files(files: Vec<LoadedFile>, dispatch: Callback<Action>) {
    if files.is_empty() {
        return;
    }
    dispatch.emit(Action::Sent(files.len()));
    wasm_bindgen_futures::spawn_local(async move {
        let mut batch = Vec::with_capacity(files.len());
        for file in files {
            let result = match file.bytes {
                Ok(bytes) => worker::analyse_file(file.name.clone(), bytes).await,
                Err(message) => Err(message),
            };
            batch.push(Loaded {
                source: Source::File,
                name: file.name,
                result,
            });
        }
        dispatch.emit(Action::Loaded(batch));
    });
}

/// Send text that needs no decoding (the demo, the paste box) to the worker. The answer is
/// dropped if `current()` says it is stale by then (the paste box changed meanwhile).
fn analyse_text(
    source: Source,
    name: &'static str,
    text: String,
    dispatch: Callback<Action>,
    current: impl Fn() -> bool + 'static,
) {
    dispatch.emit(Action::Sent(1));
    wasm_bindgen_futures::spawn_local(async move {
        let result = worker::analyse_text(text).await;
        dispatch.emit(if current() {
            Action::Loaded(vec![Loaded {
                source,
                name: name.to_owned(),
                result,
            }])
        } else {
            Action::Stale
        });
    });
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial_state);
    let lang = state.lang;

    // Reflect theme and language on <html> (CSS and screen readers read them there).
    use_effect_with((state.theme, lang), |(theme, lang)| {
        dom::set_root_attr("data-theme", theme.key());
        dom::set_root_attr("lang", lang.code());
    });

    let dispatch: Callback<Action> = {
        let dispatch = state.dispatcher();
        Callback::from(move |a: Action| dispatch.dispatch(a))
    };

    // Offline use after the first visit (www/sw.js).
    use_effect_with((), |()| offline::register());

    // `?panic-test` (documented in README): show the crash message on purpose.
    use_effect_with((), |()| match crash::panic_test_requested() {
        Some(PanicTest::Page) => panic!("panic test (?panic-test)"),
        Some(PanicTest::Worker) => worker::panic_test(),
        None => {}
    });

    let on_files = {
        let dispatch = dispatch.clone();
        Callback::from(move |files: Vec<LoadedFile>| analyse_files(files, dispatch.clone()))
    };

    // Files dropped anywhere on the page.
    {
        let on_files = on_files.clone();
        let dispatch = state.dispatcher();
        use_effect_with((), move |()| {
            let on_drag = Callback::from(move |d: bool| {
                if d {
                    // Files are on their way: fetch the worker meanwhile.
                    worker::warm_up();
                }
                dispatch.dispatch(Action::Dragging(d));
            });
            let listener = files::listen_for_drops(on_files, on_drag);
            move || drop(listener)
        });
    }

    // Each change of the paste box; an analysis that comes back after a later change
    // (emptied, or other text) is dropped.
    let paste_generation = use_mut_ref(|| 0_u32);
    let on_paste = {
        let dispatch = dispatch.clone();
        Callback::from(move |text: String| {
            let generation = {
                let mut g = paste_generation.borrow_mut();
                *g = g.wrapping_add(1);
                *g
            };
            if text.trim().is_empty() {
                dispatch.emit(Action::PasteCleared);
            } else {
                let latest = Rc::clone(&paste_generation);
                analyse_text(
                    Source::Paste,
                    PASTE_FILE_NAME,
                    text,
                    dispatch.clone(),
                    move || *latest.borrow() == generation,
                );
            }
        })
    };
    let on_demo = {
        let dispatch = dispatch.clone();
        let demo = state.demo_index();
        Callback::from(move |()| match demo {
            Some(i) => dispatch.emit(Action::Select(i)),
            None => analyse_text(
                Source::Demo,
                DEMO_FILE_NAME,
                DEMO_TEXT.to_owned(),
                dispatch.clone(),
                || true,
            ),
        })
    };
    let on_dismiss = dispatch.reform(|()| Action::DismissErrors);
    let on_select = dispatch.reform(Action::Select);
    let on_close = dispatch.reform(Action::Close);

    let toggle_lang = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let next = lang.other();
            storage::save_lang(next.code());
            dispatch.emit(Action::SetLang(next));
        })
    };
    let theme = state.theme;
    let toggle_theme = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let next = theme.other();
            storage::save_theme(next.key());
            dispatch.emit(Action::SetTheme(next));
        })
    };
    let theme_label = match theme {
        Theme::Light => K::ThemeToDark.t(lang),
        Theme::Dark => K::ThemeToLight.t(lang),
    };
    let current: Option<Rc<_>> = state.current().cloned();

    html! {
        <div class={classes!("app", state.dragging.then_some("dragging"))}>
            <a class="skip-link" href="#report">{ K::SkipToReport.t(lang) }</a>
            <header class="app-header">
                <div class="brand">
                    <span class="logo" aria-hidden="true">{ "法" }</span>
                    <h1>{ "法治报告透镜" }<span class="brand-en">{ "Fazhi Lens" }</span></h1>
                </div>
                <p class="tagline">{ K::Tagline.t(lang) }</p>
                <div class="toolbar">
                    // The visible name is the accessible name (WCAG 2.5.3), spoken in its own
                    // language; the longer description is the title.
                    <button type="button" class="btn ghost" data-testid="lang-toggle"
                        lang={if lang == Lang::Zh { "en" } else { "zh-CN" }}
                        title={K::LangToggleLabel.t(lang)} onclick={toggle_lang}>
                        { K::LangToggle.t(lang) }
                    </button>
                    <button type="button" class="btn ghost" data-testid="theme-toggle"
                        aria-pressed={(theme == Theme::Dark).to_string()} onclick={toggle_theme}>
                        <span aria-hidden="true">{ if theme == Theme::Dark { "☀ " } else { "☾ " } }</span>
                        { theme_label }
                    </button>
                </div>
            </header>
            <main>
                <InputPanel {lang} errors={state.file_errors.clone()}
                    compact={!state.reports.is_empty()} busy={state.pending > 0}
                    {on_files} {on_paste} {on_demo} {on_dismiss} />
                if !state.reports.is_empty() {
                    <ReportTabs {lang} reports={state.reports.clone()} selected={state.selected}
                        on_select={on_select.clone()} {on_close} />
                }
                if state.reports.len() > 1 {
                    <Compare {lang} reports={state.reports.clone()} selected={state.selected}
                        view={state.compare} {on_select}
                        on_sort={dispatch.reform(Action::SortCompare)} />
                }
                if let Some(report) = current {
                    <ReportView {report} {lang} {theme}
                        active_heading={state.active_heading}
                        table={state.table.clone()}
                        charts={state.charts.clone()}
                        tip={state.tip}
                        dispatch={dispatch.clone()} />
                } else {
                    <section class="empty" id="report">
                        <h2>{ K::EmptyTitle.t(lang) }</h2>
                        <p>{ K::EmptyBody.t(lang) }</p>
                    </section>
                }
            </main>
            <footer class="app-footer"><p>{ K::Privacy.t(lang) }</p></footer>
            if state.dragging {
                <div class="drop-overlay" aria-hidden="true"><p>{ K::DropHere.t(lang) }</p></div>
            }
        </div>
    }
}
