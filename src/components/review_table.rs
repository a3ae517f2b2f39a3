//! The batch review: one row per open report, one column per check with its status in
//! colour and words; only the reports with problems on request; sorting; a click on a
//! status opens that report and shows the check's evidence. Downloads: the review table as
//! CSV (the core's rows, as `fazhi review --format csv`) and as an .xlsx review sheet with a
//! summary (built in the worker).

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::rc::Rc;

use fazhi_core::review::{
    rank_concreteness, review_csv, review_row, timeliness, CheckId, ReviewCard, ReviewSettings,
};
use yew::prelude::*;

use crate::components::input::display_name;
use crate::components::sort_indicator;
use crate::i18n::Lang;
use crate::services::{dom, download, highlight, worker};
use crate::state::{Action, Report, ReviewSort, ReviewView};

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Properties, PartialEq)]
pub struct ReviewTableProps {
    pub lang: Lang,
    pub reports: Vec<Rc<Report>>,
    pub selected: Option<usize>,
    pub notes: BTreeMap<String, String>,
    pub view: ReviewView,
    pub deadline: ReviewSettings,
    pub dispatch: Callback<Action>,
}

/// A report's card under `deadline`: the worker's card (default deadline), with the
/// timeliness check computed again when the reviewer set another deadline.
#[must_use]
pub fn card_for(report: &Report, deadline: ReviewSettings) -> Cow<'_, ReviewCard> {
    if deadline == ReviewSettings::default() {
        return Cow::Borrowed(&report.review);
    }
    let mut card = report.review.clone();
    let check = timeliness(&report.analysis, deadline);
    if let Some(slot) = card.checks.iter_mut().find(|c| c.id == check.id) {
        *slot = check;
    }
    Cow::Owned(card)
}

fn problems(card: &ReviewCard) -> usize {
    card.checks.iter().filter(|c| c.status.is_problem()).count()
}

fn order(
    sort: ReviewSort,
    (a, ca): (&Report, &ReviewCard),
    (b, cb): (&Report, &ReviewCard),
    lang: Lang,
) -> Ordering {
    match sort {
        ReviewSort::Loaded => Ordering::Equal,
        ReviewSort::File => display_name(a, lang).cmp(&display_name(b, lang)),
        ReviewSort::Problems => problems(ca).cmp(&problems(cb)),
        ReviewSort::Check(id) => ca
            .check(id)
            .map(|c| c.status)
            .cmp(&cb.check(id).map(|c| c.status)),
    }
}

/// The rows of the exports: one per report, with its note.
fn rows(
    reports: &[Rc<Report>],
    notes: &BTreeMap<String, String>,
    deadline: ReviewSettings,
    lang: Lang,
) -> Vec<Vec<String>> {
    reports
        .iter()
        .map(|r| {
            let note = notes.get(&r.content_hash).map_or("", String::as_str);
            review_row(
                &display_name(r, lang),
                &r.text,
                &card_for(r, deadline),
                note,
            )
        })
        .collect()
}

#[function_component(ReviewTable)]
pub fn review_table(props: &ReviewTableProps) -> Html {
    let lang = props.lang;
    let view = props.view;
    let deadline = props.deadline;
    let cards: Vec<Cow<'_, ReviewCard>> = props
        .reports
        .iter()
        .map(|r| card_for(r, deadline))
        .collect();
    let card_refs: Vec<&ReviewCard> = cards.iter().map(AsRef::as_ref).collect();
    let ranks = rank_concreteness(&card_refs);
    let mut shown: Vec<(usize, &Rc<Report>, &ReviewCard)> = props
        .reports
        .iter()
        .zip(&card_refs)
        .enumerate()
        .map(|(i, (r, c))| (i, r, *c))
        .filter(|(_, _, c)| !view.only_problems || c.has_problem())
        .collect();
    shown.sort_by(|(ia, a, ca), (ib, b, cb)| {
        let o = order(view.sort, (a, ca), (b, cb), lang);
        let o = if view.descending { o.reverse() } else { o };
        o.then(ia.cmp(ib))
    });

    let header = |label: String, column: ReviewSort, check: Option<CheckId>| {
        let (aria, arrow) = sort_indicator(view.sort == column, view.descending);
        let onclick = props
            .dispatch
            .reform(move |_: MouseEvent| Action::SortReview(column));
        html! {
            <th scope="col" aria-sort={aria} data-check={check.map(CheckId::key)}>
                <button type="button" class="sort" {onclick}>{ label }{ arrow }</button>
            </th>
        }
    };

    let open_at = |index: usize, report: &Rc<Report>, id: CheckId| {
        let dispatch = props.dispatch.clone();
        let report = Rc::clone(report);
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Select(index));
            let report = Rc::clone(&report);
            // After the report is on screen.
            gloo::timers::callback::Timeout::new(80, move || {
                let card = card_for(&report, deadline);
                if let Some(span) = card.check(id).and_then(|c| c.evidence.first()) {
                    highlight::show_span(&report.text, span.start, span.end);
                }
            })
            .forget();
        })
    };

    let body = shown.iter().map(|&(i, r, card)| {
        let cells = CheckId::ALL.into_iter().map(|id| {
            let Some(c) = card.check(id) else {
                return html! { <td></td> };
            };
            html! {
                <td class={format!("status-{}", c.status.key())} data-check={id.key()} data-status={c.status.key()}>
                    <button type="button" class="status-cell" title={c.note(lang).to_owned()}
                        onclick={open_at(i, r, id)}>{ c.status.name(lang) }</button>
                </td>
            }
        });
        let note = props.notes.get(&r.content_hash).cloned().unwrap_or_default();
        html! {
            <tr data-testid="review-row" data-file={r.name.clone()}
                class={classes!((props.selected == Some(i)).then_some("selected"))}>
                <th scope="row">
                    <button type="button" class="link" onclick={props.dispatch.reform(move |_: MouseEvent| Action::Select(i))}>
                        { display_name(r, lang) }
                    </button>
                </th>
                <td class="num">{ problems(card) }</td>
                <td class="num" data-testid="review-rank">{ ranks.get(i).copied().unwrap_or(0) }</td>
                { for cells }
                <td class="note">{ note }</td>
            </tr>
        }
    });

    let on_filter = {
        let on = !view.only_problems;
        props
            .dispatch
            .reform(move |_: Event| Action::ReviewOnlyProblems(on))
    };
    // What is typed in the deadline field; on change a date that is not MM-DD is ignored and
    // the field shows the deadline in use again.
    let draft = use_state(|| deadline.month_day());
    // The deadline can change without the field (a session file opened while the table is
    // on screen): the field follows it.
    {
        let draft = draft.clone();
        use_effect_with(deadline, move |d| {
            let shown = d.month_day();
            if *draft != shown {
                draft.set(shown);
            }
        });
    }
    let on_deadline_input = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(dom::event_value(&e)))
    };
    let on_deadline = {
        let dispatch = props.dispatch.clone();
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            if let Some(d) = ReviewSettings::parse_month_day(&dom::event_value(&e)) {
                dispatch.emit(Action::SetDeadline(d));
                draft.set(d.month_day());
            } else {
                draft.set(deadline.month_day());
            }
        })
    };
    let on_csv = {
        let reports = props.reports.clone();
        let notes = props.notes.clone();
        Callback::from(move |_: MouseEvent| {
            let names: Vec<String> = reports.iter().map(|r| display_name(r, lang)).collect();
            let cards: Vec<Cow<'_, ReviewCard>> =
                reports.iter().map(|r| card_for(r, deadline)).collect();
            let refs: Vec<(&str, &str, &ReviewCard, &str)> = reports
                .iter()
                .zip(&names)
                .zip(&cards)
                .map(|((r, name), card)| {
                    let note = notes.get(&r.content_hash).map_or("", String::as_str);
                    (name.as_str(), r.text.as_str(), card.as_ref(), note)
                })
                .collect();
            download::offer(
                "review.csv".to_owned(),
                "text/csv;charset=utf-8",
                review_csv(&refs, lang),
            );
        })
    };
    let on_xlsx = {
        let reports = props.reports.clone();
        let notes = props.notes.clone();
        Callback::from(move |_: MouseEvent| {
            let rows = rows(&reports, &notes, deadline, lang);
            // The workbook is written in the worker, which holds the .xlsx writer.
            wasm_bindgen_futures::spawn_local(async move {
                match worker::review_workbook(rows, lang).await {
                    Ok(bytes) => download::offer("review.xlsx".to_owned(), XLSX_MIME, bytes),
                    Err(e) => gloo::console::warn!(format!("review.xlsx could not be built: {e}")),
                }
            });
        })
    };

    html! {
        <section class="panel review-batch" aria-labelledby="review-table-title">
            <div class="review-batch-head">
                <h3 id="review-table-title">{ lang.pick("批量审阅", "Batch review") }</h3>
                <label class="review-filter">
                    <input type="checkbox" data-testid="review-filter" checked={view.only_problems} onchange={on_filter} />
                    { lang.pick("只看有问题的报告", "Only reports with problems") }
                </label>
                <label class="review-deadline">
                    { lang.pick("公开截止日期（次年，月-日）", "Publication deadline (next year, MM-DD)") }
                    <input type="text" data-testid="review-deadline" size="5" inputmode="numeric"
                        value={(*draft).clone()} oninput={on_deadline_input} onchange={on_deadline} />
                </label>
                <div class="exports">
                    <button type="button" class="btn" data-testid="review-export-csv" onclick={on_csv}>
                        { lang.pick("导出审阅表 CSV", "Review table CSV") }
                    </button>
                    <button type="button" class="btn" data-testid="review-export-xlsx" onclick={on_xlsx}>
                        { lang.pick("导出审阅表 Excel", "Review sheet (Excel)") }
                    </button>
                </div>
            </div>
            <div class="table-scroll">
                <table class="review-table" data-testid="review-table">
                    <thead><tr>
                        { header(lang.pick("报告", "report").to_owned(), ReviewSort::File, None) }
                        { header(lang.pick("问题数", "problems").to_owned(), ReviewSort::Problems, None) }
                        <th scope="col">{ lang.pick("具体程度排名", "concreteness rank") }</th>
                        { for CheckId::ALL.into_iter().map(|id| header(id.name(lang).to_owned(), ReviewSort::Check(id), Some(id))) }
                        <th scope="col">{ lang.pick("审阅意见", "note") }</th>
                    </tr></thead>
                    <tbody>{ for body }</tbody>
                </table>
            </div>
        </section>
    }
}
