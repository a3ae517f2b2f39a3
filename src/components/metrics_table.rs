//! The figures as a table: sort by clicking headers; filter by category, section or text;
//! click a row to see the figure in the text.

use std::cmp::Ordering;
use std::rc::Rc;

use fazhi_core::{Category, HeadingLevel, Metric};
use yew::prelude::*;

use crate::components::sort_indicator;
use crate::components::text_view::{metric_id, use_window};
use crate::i18n::{approx_name, category_name, Lang, K};
use crate::services::dom;
use crate::state::{Action, Column, Report, TableView};

/// A table with more rows than this is windowed, in groups of `ROW_CHUNK` rows.
const WINDOW_ROWS: usize = 400;
const ROW_CHUNK: usize = 50;
/// A first guess of a row's height (CSS px), until rendered rows tell.
const ROW_PX: f64 = 34.0;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub report: Rc<Report>,
    pub lang: Lang,
    pub view: TableView,
    pub dispatch: Callback<Action>,
}

fn compare(a: &Metric, b: &Metric, column: Column, lang: Lang) -> Ordering {
    match column {
        Column::Position => a.span.start.cmp(&b.span.start),
        Column::Text => a.text.cmp(&b.text),
        Column::Subject => a.subject.cmp(&b.subject),
        Column::Value => a.value_f64.total_cmp(&b.value_f64),
        Column::Unit => a.unit.cmp(&b.unit),
        Column::Approx => approx_name(a.approx, lang).cmp(approx_name(b.approx, lang)),
        Column::Category => category_name(a.category, lang).cmp(category_name(b.category, lang)),
        Column::Section => a.section_path.cmp(&b.section_path),
    }
}

fn matches(m: &Metric, view: &TableView, query: &str, lang: Lang) -> bool {
    if view.category.is_some_and(|c| c != m.category) {
        return false;
    }
    if let Some(section) = &view.section {
        if !m.section_path.starts_with(section.as_str()) {
            return false;
        }
    }
    if query.is_empty() {
        return true;
    }
    [
        m.text.as_str(),
        m.subject.as_str(),
        m.unit.as_str(),
        m.section_path.as_str(),
        category_name(m.category, lang),
    ]
    .iter()
    .any(|f| f.to_lowercase().contains(query))
}

fn value_text(m: &Metric) -> String {
    let v = m.value.normalize().to_string();
    match m.upper {
        Some(u) => format!("{v}–{}", u.normalize()),
        None => v,
    }
}

#[function_component(MetricsTable)]
pub fn metrics_table(props: &TableProps) -> Html {
    let lang = props.lang;
    let view = &props.view;
    let analysis = &props.report.analysis;
    // Filtered and sorted once per report, view and language (not again for each render
    // of a windowed table).
    let order = {
        let report = Rc::clone(&props.report);
        use_memo(
            (props.report.id, view.clone(), lang),
            move |(_, view, lang)| {
                let query = view.query.trim().to_lowercase();
                let metrics = &report.analysis.metrics;
                let mut order: Vec<usize> = (0..metrics.len())
                    .filter(|&i| matches(&metrics[i], view, &query, *lang))
                    .collect();
                order.sort_by(|&ia, &ib| {
                    let o = compare(&metrics[ia], &metrics[ib], view.sort, *lang).then(ia.cmp(&ib));
                    if view.descending {
                        o.reverse()
                    } else {
                        o
                    }
                });
                order
            },
        )
    };
    let rows: Vec<(usize, &Metric)> = order
        .iter()
        .filter_map(|&i| analysis.metrics.get(i).map(|m| (i, m)))
        .collect();

    // A long table renders only the groups of rows near the visible part of its frame.
    // A short one is one group (one `<tbody>`, as it always was).
    let windowed = rows.len() > WINDOW_ROWS;
    let per = if windowed {
        ROW_CHUNK
    } else {
        rows.len().max(1)
    };
    let units = use_memo(
        (props.report.id, view.clone(), rows.len()),
        move |(_, _, n)| {
            Rc::new(
                (0..n.div_ceil(per))
                    .map(|c| (n - c * per).min(per) as f64)
                    .collect::<Vec<f64>>(),
            )
        },
    );
    let table = use_node_ref();
    let (window, _) = use_window(Rc::clone(&units), ROW_PX, table.clone(), 1, windowed);

    let present: Vec<_> = Category::ALL
        .iter()
        .copied()
        .filter(|c| analysis.metrics.iter().any(|m| m.category == *c))
        .collect();
    let on_category = {
        let dispatch = props.dispatch.clone();
        let present = present.clone();
        Callback::from(move |e: Event| {
            let key = dom::event_value(&e);
            let c = present.iter().copied().find(|&c| c.key() == key);
            dispatch.emit(Action::FilterCategory(c));
        })
    };
    let mut seen = std::collections::HashSet::new();
    let sections: Vec<(String, String)> = analysis
        .headings
        .iter()
        .filter(|h| matches!(h.level, HeadingLevel::L1 | HeadingLevel::L2))
        // One option per section path (a compilation of reports repeats them; the filter
        // takes the path).
        .filter(|h| seen.insert(h.path.as_str()))
        .map(|h| {
            let indent = if h.level == HeadingLevel::L2 {
                "　"
            } else {
                ""
            };
            let title: String = h.title.chars().take(18).collect();
            (h.path.clone(), format!("{indent}{}{title}", h.marker))
        })
        .collect();
    let on_section = props.dispatch.reform(|e: Event| {
        let v = dom::event_value(&e);
        Action::FilterSection((!v.is_empty()).then_some(v))
    });
    let on_query = props
        .dispatch
        .reform(|e: InputEvent| Action::FilterQuery(dom::event_value(&e)));

    let header = |column: Column, key: K| {
        let (aria, arrow) = sort_indicator(view.sort == column, view.descending);
        let onclick = props
            .dispatch
            .reform(move |_: MouseEvent| Action::SortBy(column));
        html! {
            <th scope="col" aria-sort={aria}>
                <button type="button" class="sort" {onclick}>{ key.t(lang) }{ arrow }</button>
            </th>
        }
    };

    html! {
        <section class="panel metrics" aria-labelledby="metrics-title">
            <div class="metrics-head">
                <h3 id="metrics-title">{ K::MetricsTitle.t(lang) }
                    <span class="count" data-testid="metrics-count">{ analysis.metrics.len() }</span></h3>
                <div class="filters">
                    <label>{ K::FilterCategory.t(lang) }
                        <select data-testid="filter-category" onchange={on_category}>
                            <option value="" selected={view.category.is_none()}>{ K::All.t(lang) }</option>
                            { for present.iter().map(|&c| html! {
                                <option value={c.key()} selected={view.category == Some(c)}>
                                    { category_name(c, lang) }
                                </option>
                            }) }
                        </select>
                    </label>
                    <label>{ K::FilterSection.t(lang) }
                        <select data-testid="filter-section" onchange={on_section}>
                            <option value="" selected={view.section.is_none()}>{ K::All.t(lang) }</option>
                            { for sections.iter().map(|(path, label)| html! {
                                <option value={path.clone()} selected={view.section.as_deref() == Some(path.as_str())}>
                                    { label }
                                </option>
                            }) }
                        </select>
                    </label>
                    <label>{ K::FilterSearch.t(lang) }
                        <input type="search" data-testid="filter-search" value={view.query.clone()}
                            oninput={on_query} />
                    </label>
                    <span class="shown">{ format!("{} {} {}", rows.len(), K::MetricsShown.t(lang), analysis.metrics.len()) }</span>
                </div>
            </div>
            <div class="table-wrap">
                <table data-testid="metrics-table" ref={table}>
                    <thead><tr>
                        { header(Column::Text, K::ColText) }
                        { header(Column::Subject, K::ColSubject) }
                        { header(Column::Value, K::ColValue) }
                        { header(Column::Unit, K::ColUnit) }
                        { header(Column::Approx, K::ColApprox) }
                        { header(Column::Category, K::ColCategory) }
                        { header(Column::Section, K::ColSection) }
                    </tr></thead>
                    { for rows.chunks(per).enumerate().map(|(c, group)| if window.shows(c) {
                        html! { <tbody key={c}>{ for group.iter().map(|&(i, m)| {
                            let onclick = Callback::from(move |_: MouseEvent| dom::scroll_and_flash(&metric_id(i)));
                            let onkeydown = Callback::from(move |e: KeyboardEvent| {
                                if e.key() == "Enter" || e.key() == " " {
                                    e.prevent_default();
                                    dom::scroll_and_flash(&metric_id(i));
                                }
                            });
                            html! {
                                <tr key={i} data-testid="metric-row" data-index={i.to_string()} tabindex="0"
                                    {onclick} {onkeydown}>
                                    <td class="m-text">{ &m.text }</td>
                                    <td>{ &m.subject }</td>
                                    <td class="num">{ value_text(m) }</td>
                                    <td>{ &m.unit }</td>
                                    <td>{ approx_name(m.approx, lang) }</td>
                                    <td><span class={format!("cat cat-{}", m.category.key())}>{ category_name(m.category, lang) }</span></td>
                                    <td class="section">{ &m.section_path }</td>
                                </tr>
                            }
                        }) }</tbody> }
                    } else {
                        html! { <tbody key={c} class="gap"><tr style={window.gap_style(c)}><td colspan="7"></td></tr></tbody> }
                    }) }
                </table>
                if rows.is_empty() {
                    <p class="muted">{ K::NoMetrics.t(lang) }</p>
                }
            </div>
        </section>
    }
}
