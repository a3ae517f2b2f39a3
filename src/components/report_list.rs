//! The report list, in place of the tabs once more than a handful of reports are open:
//! search by name or issuing body, filters by year, missing parts and warnings, sorting,
//! and keyboard navigation (ARIA listbox: arrow keys, Home and End move, Enter or Space
//! opens, Delete closes).

use std::cmp::Ordering;
use std::rc::Rc;

use fazhi_core::Severity;
use yew::prelude::*;

use crate::components::input::display_name;
use crate::i18n::{Lang, K};
use crate::services::dom;
use crate::state::{Action, ListSort, ListView, Report};

/// More open reports than this and the list replaces the tabs.
pub const TABS_MAX: usize = 5;

/// What the list shows of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index among the open reports.
    pub index: usize,
    pub name: String,
    pub agency: Option<String>,
    pub year: Option<u16>,
    pub metrics: usize,
    /// Required parts not found.
    pub missing: usize,
    /// Decode warnings and warning diagnostics.
    pub warnings: usize,
}

impl Row {
    #[must_use]
    pub fn of(index: usize, report: &Report, lang: Lang) -> Self {
        let a = &report.analysis;
        Self {
            index,
            name: display_name(report, lang),
            agency: a.metadata.agency.as_ref().map(|l| l.value.clone()),
            year: a.metadata.year.as_ref().map(|l| l.value),
            metrics: a.metrics.len(),
            missing: a.parts.iter().filter(|p| !p.present()).count(),
            warnings: report.warnings.len()
                + a.diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Warning)
                    .count(),
        }
    }

    /// Whether the row passes the list's search and filters.
    #[must_use]
    pub fn matches(&self, view: &ListView) -> bool {
        let query = view.query.trim().to_lowercase();
        let found = query.is_empty()
            || self.name.to_lowercase().contains(&query)
            || self
                .agency
                .as_ref()
                .is_some_and(|a| a.to_lowercase().contains(&query));
        found
            && view.year.is_none_or(|y| self.year == Some(y))
            && (!view.missing_only || self.missing > 0)
            && (!view.problems_only || self.warnings > 0)
    }
}

/// The rows shown, in the list's order (ties keep the opening order; a missing value
/// sorts before any value).
#[must_use]
pub fn visible(rows: &[Row], view: &ListView) -> Vec<Row> {
    let mut shown: Vec<Row> = rows.iter().filter(|r| r.matches(view)).cloned().collect();
    shown.sort_by(|a, b| {
        let o = match view.sort {
            ListSort::Loaded => Ordering::Equal,
            ListSort::Name => a.name.cmp(&b.name),
            ListSort::Year => a.year.cmp(&b.year),
            ListSort::Agency => a.agency.cmp(&b.agency),
            ListSort::Metrics => a.metrics.cmp(&b.metrics),
            ListSort::Missing => a.missing.cmp(&b.missing),
        };
        let o = if view.descending { o.reverse() } else { o };
        o.then(a.index.cmp(&b.index))
    });
    shown
}

/// The years of the open reports, for the year filter (newest first).
#[must_use]
pub fn years(rows: &[Row]) -> Vec<u16> {
    let mut years: Vec<u16> = rows.iter().filter_map(|r| r.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years
}

/// The position a key moves to from position `i` of `n` rows, if it is one that moves.
#[must_use]
pub fn key_target(key: &str, i: usize, n: usize) -> Option<usize> {
    match key {
        _ if n == 0 => None,
        "ArrowDown" => Some((i + 1).min(n - 1)),
        "ArrowUp" => Some(i.saturating_sub(1)),
        "Home" => Some(0),
        "End" => Some(n - 1),
        "PageDown" => Some((i + 10).min(n - 1)),
        "PageUp" => Some(i.saturating_sub(10)),
        _ => None,
    }
}

fn row_id(report_id: u32) -> String {
    format!("report-row-{report_id}")
}

fn sort_label(sort: ListSort, lang: Lang) -> &'static str {
    match sort {
        ListSort::Loaded => K::ListSortLoaded.t(lang),
        ListSort::Name => K::FileName.t(lang),
        ListSort::Year => K::Year.t(lang),
        ListSort::Agency => K::Agency.t(lang),
        ListSort::Metrics => K::ListSortMetrics.t(lang),
        ListSort::Missing => K::ListSortMissing.t(lang),
    }
}

#[derive(Properties, PartialEq)]
pub struct ReportListProps {
    pub lang: Lang,
    pub reports: Vec<Rc<Report>>,
    pub selected: Option<usize>,
    pub view: ListView,
    pub dispatch: Callback<Action>,
}

#[function_component(ReportList)]
pub fn report_list(props: &ReportListProps) -> Html {
    let lang = props.lang;
    let view = &props.view;
    let dispatch = &props.dispatch;
    let rows: Vec<Row> = props
        .reports
        .iter()
        .enumerate()
        .map(|(i, r)| Row::of(i, r, lang))
        .collect();
    let shown = visible(&rows, view);
    let ids: Rc<Vec<(usize, u32)>> = Rc::new(
        shown
            .iter()
            .filter_map(|r| props.reports.get(r.index).map(|rep| (r.index, rep.id)))
            .collect(),
    );
    // The row in the tab order: the selected one when shown, else the first.
    let current = props
        .selected
        .and_then(|s| ids.iter().position(|&(i, _)| i == s))
        .unwrap_or(0);

    let on_query = dispatch.reform(|e: InputEvent| Action::ListQuery(dom::event_value(&e)));
    let on_year = dispatch.reform(|e: Event| Action::ListYear(dom::event_value(&e).parse().ok()));
    let on_missing = {
        let on = !view.missing_only;
        dispatch.reform(move |_: Event| Action::ListMissingOnly(on))
    };
    let on_problems = {
        let on = !view.problems_only;
        dispatch.reform(move |_: Event| Action::ListProblemsOnly(on))
    };
    let on_sort = dispatch.reform(|e: Event| {
        Action::ListSortBy(ListSort::from_key(&dom::event_value(&e)).unwrap_or_default())
    });
    let on_direction = {
        let sort = view.sort;
        dispatch.reform(move |_: MouseEvent| Action::ListSortBy(sort))
    };
    let (dir_label, dir_arrow) = if view.descending {
        (K::ListDescending.t(lang), "↓")
    } else {
        (K::ListAscending.t(lang), "↑")
    };

    let row_html = |pos: usize, row: &Row| {
        let index = row.index;
        let Some(report) = props.reports.get(index) else {
            return html! {};
        };
        let selected = props.selected == Some(index);
        let onclick = dispatch.reform(move |_: MouseEvent| Action::Select(index));
        let onkeydown = {
            let dispatch = dispatch.clone();
            let ids = Rc::clone(&ids);
            Callback::from(move |e: KeyboardEvent| {
                let key = e.key();
                match key.as_str() {
                    "Enter" | " " => {
                        e.prevent_default();
                        dispatch.emit(Action::Select(index));
                    }
                    "Delete" => {
                        e.prevent_default();
                        dispatch.emit(Action::Close(index));
                        // Focus goes on to the row that takes this one's place.
                        let next = if pos + 1 < ids.len() {
                            pos + 1
                        } else {
                            pos.saturating_sub(1)
                        };
                        if let Some(&(_, id)) = ids.get(next).filter(|_| ids.len() > 1) {
                            dom::focus(&row_id(id));
                        }
                    }
                    _ => {
                        if let Some(t) = key_target(&key, pos, ids.len()) {
                            e.prevent_default();
                            if let Some(&(_, id)) = ids.get(t) {
                                dom::focus(&row_id(id));
                            }
                        }
                    }
                }
            })
        };
        let tabindex = if pos == current { "0" } else { "-1" };
        let year = row.year.map(|y| y.to_string()).unwrap_or_default();
        html! {
            <div key={report.id} role="option" id={row_id(report.id)} data-testid="report-row"
                data-name={report.name.clone()} aria-selected={selected.to_string()}
                class={classes!("report-row", selected.then_some("selected"))}
                {tabindex} {onclick} {onkeydown}>
                <span class="row-name" title={row.name.clone()}>{ row.name.clone() }</span>
                <span class="row-agency">{ row.agency.clone().unwrap_or_default() }</span>
                <span class="row-year">{ year }</span>
                <span class="row-metrics">{ format!("{} {}", row.metrics, K::ListMetricsUnit.t(lang)) }</span>
                <span class={classes!("row-missing", (row.missing > 0).then_some("short"))}>{
                    if row.missing > 0 { format!("{} {}", K::ListMissingPrefix.t(lang), row.missing) } else { String::new() }
                }</span>
                <span class="row-warnings">{
                    if row.warnings > 0 { format!("⚠ {}", row.warnings) } else { String::new() }
                }</span>
            </div>
        }
    };

    html! {
        <nav class="panel report-list" aria-label={K::ReportsLabel.t(lang)} data-testid="report-list">
            <div class="list-controls">
                <label class="list-search">
                    <span class="visually-hidden">{ K::ListSearch.t(lang) }</span>
                    <input type="search" data-testid="list-search" value={view.query.clone()}
                        placeholder={K::ListSearch.t(lang)} oninput={on_query} />
                </label>
                <label>{ K::Year.t(lang) }
                    <select data-testid="list-year" onchange={on_year}>
                        <option value="" selected={view.year.is_none()}>{ K::ListAllYears.t(lang) }</option>
                        { for years(&rows).into_iter().map(|y| html! {
                            <option value={y.to_string()} selected={view.year == Some(y)}>{ y }</option>
                        }) }
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" data-testid="list-missing" checked={view.missing_only}
                        onchange={on_missing} />
                    { K::ListMissingOnly.t(lang) }
                </label>
                <label class="check">
                    <input type="checkbox" data-testid="list-problems" checked={view.problems_only}
                        onchange={on_problems} />
                    { K::ListProblemsOnly.t(lang) }
                </label>
                <label>{ K::ListSortLabel.t(lang) }
                    <select data-testid="list-sort" onchange={on_sort}>
                        { for ListSort::ALL.into_iter().map(|s| html! {
                            <option value={s.key()} selected={view.sort == s}>{ sort_label(s, lang) }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="btn small ghost" data-testid="list-direction"
                    aria-label={dir_label} title={dir_label} onclick={on_direction}>{ dir_arrow }</button>
                <span class="count" data-testid="list-count" role="status">
                    { format!("{} / {}", shown.len(), rows.len()) }
                </span>
            </div>
            <div class="report-rows" role="listbox" aria-label={K::ReportsLabel.t(lang)}>
                { for shown.iter().enumerate().map(|(pos, row)| row_html(pos, row)) }
            </div>
            if shown.is_empty() {
                <p class="muted">{ K::ListNoMatch.t(lang) }</p>
            }
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::testing::files;
    use crate::state::{LoadedFile, State, Theme};
    use yew::Reducible;

    fn file(name: &str, text: &str) -> LoadedFile {
        LoadedFile {
            name: name.to_owned(),
            bytes: Ok(text.as_bytes().to_vec()),
        }
    }

    /// Three made-up reports: two years, one with all five parts.
    fn rows() -> Vec<Row> {
        let full = "甲区司法局2023年法治政府建设年度报告\n一、2023年推进法治政府建设的主要举措和成效\n\
                    全年办理行政复议案件12件。\n二、存在的不足和原因\n执法队伍力量不足。\n\
                    三、党政主要负责人履行推进法治建设第一责任人职责情况\n区长召开专题会议3次。\n\
                    四、2024年推进法治政府建设的主要安排\n继续推进。\n五、其他需要报告的情况\n无。\n";
        let short = "乙县人民政府2022年法治政府建设情况报告\n一、主要举措和成效\n检查企业40家，罚款5万元。\n";
        let other = "丙镇2023年法治政府建设工作报告\n一、主要做法\n开展培训2次。\n";
        let s = Rc::new(State::new(Lang::Zh, Theme::Light)).reduce(files(vec![
            file("b-乙县.txt", short),
            file("a-甲区.txt", full),
            file("c-丙镇.txt", other),
        ]));
        s.reports
            .iter()
            .enumerate()
            .map(|(i, r)| Row::of(i, r, Lang::Zh))
            .collect()
    }

    fn names(view: &ListView) -> Vec<String> {
        visible(&rows(), view).into_iter().map(|r| r.name).collect()
    }

    #[test]
    fn rows_hold_what_the_analysis_found() {
        let rows = rows();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].year, Some(2022));
        assert_eq!(rows[1].year, Some(2023));
        assert_eq!(rows[1].missing, 0, "{:?}", rows[1]);
        assert!(rows[0].missing > 0);
        assert!(rows[0].metrics >= 2, "{:?}", rows[0]);
        assert_eq!(years(&rows), [2023, 2022]);
    }

    #[test]
    fn search_filters_and_sorting() {
        let all = ListView::default();
        assert_eq!(names(&all), ["b-乙县.txt", "a-甲区.txt", "c-丙镇.txt"]);
        let cases: Vec<(ListView, Vec<&str>)> = vec![
            (
                ListView {
                    query: "甲区".into(),
                    ..ListView::default()
                },
                vec!["a-甲区.txt"],
            ),
            (
                ListView {
                    query: "  C-丙 ".into(),
                    ..ListView::default()
                },
                vec!["c-丙镇.txt"],
            ),
            (
                ListView {
                    year: Some(2023),
                    ..ListView::default()
                },
                vec!["a-甲区.txt", "c-丙镇.txt"],
            ),
            (
                ListView {
                    missing_only: true,
                    ..ListView::default()
                },
                vec!["b-乙县.txt", "c-丙镇.txt"],
            ),
            (
                ListView {
                    sort: ListSort::Name,
                    ..ListView::default()
                },
                vec!["a-甲区.txt", "b-乙县.txt", "c-丙镇.txt"],
            ),
            (
                ListView {
                    sort: ListSort::Year,
                    descending: true,
                    ..ListView::default()
                },
                vec!["a-甲区.txt", "c-丙镇.txt", "b-乙县.txt"],
            ),
            (
                ListView {
                    sort: ListSort::Missing,
                    ..ListView::default()
                },
                vec!["a-甲区.txt", "b-乙县.txt", "c-丙镇.txt"],
            ),
            (
                ListView {
                    query: "nothing like it".into(),
                    ..ListView::default()
                },
                vec![],
            ),
        ];
        for (view, want) in cases {
            assert_eq!(names(&view), want, "{view:?}");
        }
    }

    #[test]
    fn keys() {
        for (key, i, n, want) in [
            ("ArrowDown", 0, 3, Some(1)),
            ("ArrowDown", 2, 3, Some(2)),
            ("ArrowUp", 0, 3, Some(0)),
            ("ArrowUp", 2, 3, Some(1)),
            ("Home", 2, 3, Some(0)),
            ("End", 0, 3, Some(2)),
            ("PageDown", 0, 30, Some(10)),
            ("PageUp", 5, 30, Some(0)),
            ("Enter", 0, 3, None),
            ("ArrowDown", 0, 0, None),
        ] {
            assert_eq!(key_target(key, i, n), want, "{key} from {i} of {n}");
        }
    }
}
