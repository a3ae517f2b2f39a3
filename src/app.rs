//! The root component: holds the one reducer and lays out the page.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::batch::{self, Item, Runner};
use crate::components::compare::Compare;
use crate::components::input::{InputPanel, ReportTabs};
use crate::components::progress::{Notices, Progress};
use crate::components::report_list::{ReportList, TABS_MAX};
use crate::components::report_view::ReportView;
use crate::components::review_card::ReviewCardView;
use crate::components::review_table::ReviewTable;
use crate::components::trend::Trend;
use crate::crash::PanicTest;
use crate::i18n::{Lang, K};
use crate::services::session_store::{self, Op, StoreError};
use crate::services::{crash, dom, download, files, offline, storage, worker};
use crate::session::{self, Session, SessionView, StoredReport};
use crate::state::{
    Action, Batch, Loaded, Notice, Source, State, Theme, DEMO_FILE_NAME, DEMO_TEXT, PASTE_FILE_NAME,
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

/// How long a finished batch's bar stays, at its total.
const BATCH_SHOWN_MS: u32 = 1500;

/// A storage failure as the notice the page shows.
fn storage_notice(e: StoreError) -> Action {
    Action::Notify(match e {
        StoreError::Full => Notice::StorageFull,
        StoreError::Unavailable(detail) => Notice::StorageFailed(detail),
    })
}

/// What is kept of the session in IndexedDB: which reports are stored (content hashes),
/// and whether the stored session has been read back yet (nothing is written before, so a
/// reload never overwrites the session it is about to restore).
#[derive(Default)]
struct Kept {
    ready: bool,
    stored: BTreeSet<String>,
}

/// Keep the open reports in IndexedDB: store the new ones, forget the closed ones, forget
/// everything when nothing is open.
fn keep_reports(state: &State, kept: &RefCell<Kept>, on_error: &Callback<StoreError>) {
    let mut kept = kept.borrow_mut();
    if !kept.ready {
        return;
    }
    let open: BTreeSet<&str> = state
        .reports
        .iter()
        .map(|r| r.content_hash.as_str())
        .collect();
    if open.is_empty() {
        if !kept.stored.is_empty() {
            kept.stored.clear();
            session_store::write(Op::Clear, on_error.clone());
        }
        return;
    }
    for report in &state.reports {
        if kept.stored.insert(report.content_hash.clone()) {
            session_store::write(Op::Put(StoredReport::of(report)), on_error.clone());
        }
    }
    let gone: Vec<String> = kept
        .stored
        .iter()
        .filter(|h| !open.contains(h.as_str()))
        .cloned()
        .collect();
    for hash in gone {
        kept.stored.remove(&hash);
        session_store::write(Op::Delete(hash), on_error.clone());
    }
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

    // Files and restored reports go through one queue to the worker.
    let runner = use_memo((), {
        let dispatch = dispatch.clone();
        move |()| Runner::new(dispatch)
    });
    let on_files = {
        let runner = Rc::clone(&runner);
        Callback::from(move |files: Vec<files::Picked>| {
            runner.push(files.into_iter().map(Item::File).collect());
        })
    };
    let on_cancel = {
        let runner = Rc::clone(&runner);
        Callback::from(move |()| runner.cancel())
    };

    // The session kept in this browser: read back once, then kept up to date.
    let kept = use_mut_ref(Kept::default);
    let on_store_error = dispatch.reform(storage_notice);
    {
        let kept = Rc::clone(&kept);
        let runner = Rc::clone(&runner);
        let dispatch = dispatch.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                let stored = session_store::load().await;
                let mut k = kept.borrow_mut();
                k.ready = true;
                match stored {
                    Ok(Some(Session { view, reports })) => {
                        k.stored
                            .extend(reports.iter().map(|r| r.content_hash.clone()));
                        drop(k);
                        dispatch.emit(Action::RestoreView(view));
                        runner.push(reports.into_iter().map(Item::Stored).collect());
                    }
                    Ok(None) => {}
                    Err(e) => dispatch.emit(storage_notice(e)),
                }
            });
        });
    }
    {
        let report_ids: Vec<u32> = state.reports.iter().map(|r| r.id).collect();
        let state = state.clone();
        let kept = Rc::clone(&kept);
        let on_error = on_store_error.clone();
        use_effect_with(report_ids, move |_| keep_reports(&state, &kept, &on_error));
    }
    {
        // The order, selection, filters and notes; not while a restored selection is on
        // its way back (the stored one stays until then).
        let view = SessionView::of(&state);
        let waiting = state.restore_selection.is_some();
        let kept = Rc::clone(&kept);
        let on_error = on_store_error.clone();
        use_effect_with((view, waiting), move |(view, waiting)| {
            let k = kept.borrow();
            if k.ready && !*waiting && !k.stored.is_empty() {
                session_store::write(Op::View(view.clone()), on_error);
            }
        });
    }
    // A finished batch's bar (at its total) goes after a moment.
    {
        let finished = state.batch.as_ref().is_some_and(Batch::finished);
        let dispatch = dispatch.clone();
        use_effect_with(finished, move |&finished| {
            let timer = finished.then(|| {
                gloo::timers::callback::Timeout::new(BATCH_SHOWN_MS, move || {
                    dispatch.emit(Action::BatchShown);
                })
            });
            move || drop(timer)
        });
    }
    let on_save_session = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let session = Session {
                view: SessionView::of(&state),
                reports: state.reports.iter().map(|r| StoredReport::of(r)).collect(),
            };
            download::offer(
                session::FILE_NAME.to_owned(),
                "application/json",
                session::to_json(&session).into_bytes(),
            );
        })
    };
    let on_clear_all = {
        let runner = Rc::clone(&runner);
        let dispatch = dispatch.clone();
        let busy = Batch::running(state.batch.as_ref());
        Callback::from(move |_: MouseEvent| {
            if busy {
                runner.cancel();
            }
            dispatch.emit(Action::ClearAll);
        })
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
            let size = text.len() as u64;
            if text.trim().is_empty() {
                dispatch.emit(Action::PasteCleared);
            } else if size > batch::max_input() {
                dispatch.emit(Action::Notify(Notice::TooLarge {
                    name: String::new(),
                    size,
                    limit: batch::max_input(),
                }));
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
                    if !state.reports.is_empty() {
                        <button type="button" class="btn ghost" data-testid="save-session"
                            title={K::SaveSessionTitle.t(lang)} onclick={on_save_session}>
                            { K::SaveSession.t(lang) }
                        </button>
                        <button type="button" class="btn ghost" data-testid="clear-all"
                            title={K::ClearAllTitle.t(lang)} onclick={on_clear_all}>
                            { K::ClearAll.t(lang) }
                        </button>
                    }
                    <button type="button" class="btn ghost" data-testid="theme-toggle"
                        aria-pressed={(theme == Theme::Dark).to_string()} onclick={toggle_theme}>
                        <span aria-hidden="true">{ if theme == Theme::Dark { "☀ " } else { "☾ " } }</span>
                        { theme_label }
                    </button>
                </div>
            </header>
            <main>
                <InputPanel {lang} errors={state.file_errors.clone()}
                    compact={!state.reports.is_empty()}
                    busy={state.pending > 0 || Batch::running(state.batch.as_ref())}
                    {on_files} {on_paste} {on_demo} {on_dismiss} />
                if let Some(batch) = state.batch.clone() {
                    <Progress {lang} {batch} {on_cancel} />
                }
                if !state.notices.is_empty() {
                    <Notices {lang} notices={state.notices.clone()}
                        on_dismiss={dispatch.reform(|()| Action::DismissNotices)} />
                }
                if state.reports.len() > TABS_MAX {
                    <ReportList {lang} reports={state.reports.clone()} selected={state.selected}
                        view={state.list.clone()} dispatch={dispatch.clone()} />
                } else if !state.reports.is_empty() {
                    <ReportTabs {lang} reports={state.reports.clone()} selected={state.selected}
                        on_select={on_select.clone()} {on_close} />
                }
                if state.reports.len() > 1 {
                    <Compare {lang} reports={state.reports.clone()} selected={state.selected}
                        view={state.compare} {on_select}
                        on_sort={dispatch.reform(Action::SortCompare)} />
                }
                if let Some(report) = current.clone() {
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
                if let Some(report) = current {
                    <ReviewCardView key={report.id} note={state.notes.get(&report.content_hash).cloned().unwrap_or_default()}
                        report={Rc::clone(&report)} {lang} deadline={state.deadline} dispatch={dispatch.clone()} />
                }
                if !state.reports.is_empty() {
                    <ReviewTable {lang} reports={state.reports.clone()} selected={state.selected}
                        notes={state.notes.clone()} view={state.review} deadline={state.deadline}
                        dispatch={dispatch.clone()} />
                }
                if state.reports.len() > 1 {
                    <Trend {lang} {theme} reports={state.reports.clone()} />
                    <crate::components::compare_charts::CompareCharts {lang} {theme} reports={state.reports.clone()} />
                }
            </main>
            <footer class="app-footer"><p>{ K::Privacy.t(lang) }</p></footer>
            if state.dragging {
                <div class="drop-overlay" aria-hidden="true"><p>{ K::DropHere.t(lang) }</p></div>
            }
        </div>
    }
}
