//! Several reports side by side: one row each with issuing body, year, date, the required
//! parts, and how many figures of each category it gives (the core's [`Summary`]), with
//! the comparison and every figure of every report as CSV downloads.

use std::cmp::Ordering;
use std::rc::Rc;

use fazhi_core::export::Summary;
use fazhi_core::{Category, RequiredPart};
use yew::prelude::*;

use crate::components::input::display_name;
use crate::components::sort_indicator;
use crate::export;
use crate::i18n::{category_name, part_name, Lang, K};
use crate::services::download;
use crate::state::{CompareColumn, CompareView, Report};

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub lang: Lang,
    pub reports: Vec<Rc<Report>>,
    pub selected: Option<usize>,
    pub view: CompareView,
    pub on_select: Callback<usize>,
    pub on_sort: Callback<CompareColumn>,
}

/// Order two reports by one column (ties keep the loading order). A missing value sorts
/// before any value.
fn compare_by(
    column: CompareColumn,
    a: (&Report, &Summary),
    b: (&Report, &Summary),
    lang: Lang,
) -> Ordering {
    let ((ra, sa), (rb, sb)) = (a, b);
    match column {
        CompareColumn::Loaded => Ordering::Equal,
        CompareColumn::File => display_name(ra, lang).cmp(&display_name(rb, lang)),
        CompareColumn::Agency => sa.agency.cmp(&sb.agency),
        CompareColumn::Year => sa.year.cmp(&sb.year),
        CompareColumn::Published => sa.published.cmp(&sb.published),
        CompareColumn::Parts => sa.parts_present().cmp(&sb.parts_present()),
        CompareColumn::Headings => sa.headings.cmp(&sb.headings),
        CompareColumn::Metrics => sa.metrics.cmp(&sb.metrics),
        CompareColumn::Category(c) => {
            let slot = Category::ALL.iter().position(|&x| x == c);
            let count = |sum: &Summary| slot.and_then(|k| sum.per_category.get(k)).copied();
            count(sa).cmp(&count(sb))
        }
        CompareColumn::Fines => sa.fines_total.cmp(&sb.fines_total),
    }
}

/// `1234567` → `1,234,567` (the integer part; decimals are kept as they are).
fn grouped(number: &str) -> String {
    let (sign, unsigned) = number
        .strip_prefix('-')
        .map_or(("", number), |rest| ("-", rest));
    let (int, frac) = unsigned
        .split_once('.')
        .map_or((unsigned, None), |(i, f)| (i, Some(f)));
    let digits: Vec<char> = int.chars().collect();
    let mut out = String::from(sign);
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(*c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[function_component(Compare)]
pub fn compare(props: &CompareProps) -> Html {
    let lang = props.lang;
    let summaries: Vec<Summary> = props
        .reports
        .iter()
        .map(|r| Summary::of(&r.analysis))
        .collect();
    // The categories some report has figures in, in table order.
    let shown: Vec<(usize, Category)> = Category::ALL
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| summaries.iter().any(|s| s.per_category[i] > 0))
        .collect();

    let csv_download = |name: &'static str, build: fn(&[Rc<Report>], Lang) -> Vec<u8>| {
        let reports = props.reports.clone();
        Callback::from(move |_: MouseEvent| {
            download::offer(
                name.to_owned(),
                "text/csv;charset=utf-8",
                build(&reports, lang),
            );
        })
    };
    let on_summary = csv_download("fazhi-comparison.csv", export::summary_csv);
    let on_all = csv_download("fazhi-all-metrics.csv", export::all_metrics_csv);

    let view = props.view;
    // (index in the tabs, report, summary), in the order the table shows them.
    let mut order: Vec<(usize, &Rc<Report>, &Summary)> = props
        .reports
        .iter()
        .zip(&summaries)
        .enumerate()
        .map(|(i, (r, s))| (i, r, s))
        .collect();
    order.sort_by(|&(ia, ra, sa), &(ib, rb, sb)| {
        let o = compare_by(view.sort, (ra, sa), (rb, sb), lang);
        let o = if view.descending { o.reverse() } else { o };
        o.then(ia.cmp(&ib))
    });

    let header = |column: CompareColumn, label: &str| {
        let (aria, arrow) = sort_indicator(view.sort == column, view.descending);
        let onclick = props.on_sort.reform(move |_: MouseEvent| column);
        let category = match column {
            CompareColumn::Category(c) => Some(c.key()),
            _ => None,
        };
        html! {
            <th scope="col" aria-sort={aria} data-category={category}>
                <button type="button" class="sort" {onclick}>{ label.to_owned() }{ arrow }</button>
            </th>
        }
    };

    let rows = order.into_iter().map(|(i, r, s)| {
        let selected = props.selected == Some(i);
        let on_select = props.on_select.reform(move |_: MouseEvent| i);
        let name = display_name(r, lang);
        let missing: Vec<&str> = RequiredPart::ALL
            .iter()
            .zip(s.parts)
            .filter(|&(_, found)| !found)
            .map(|(&p, _)| part_name(p, lang))
            .collect();
        let parts_title = if missing.is_empty() {
            String::new()
        } else {
            format!("{}{}", K::CompareMissing.t(lang), missing.join("、"))
        };
        let num = |n: usize| html! { <td class="num">{ n }</td> };
        html! {
            <tr key={r.id} data-testid="compare-row" data-name={r.name.clone()}
                class={classes!(selected.then_some("selected"))} aria-selected={selected.to_string()}>
                <th scope="row">
                    <button type="button" class="link" onclick={on_select} title={name.clone()}>
                        { name }
                    </button>
                </th>
                <td data-col="agency">{ s.agency.clone().unwrap_or_default() }</td>
                <td class="num" data-col="year">{ s.year.map(|y| y.to_string()).unwrap_or_default() }</td>
                <td class="num" data-col="published">{ s.published.map(fazhi_core::Date::iso).unwrap_or_default() }</td>
                <td class={classes!("num", (!missing.is_empty()).then_some("short"))} data-col="parts"
                    title={parts_title.clone()}>
                    { s.parts_text() }
                    if !missing.is_empty() {
                        <span class="visually-hidden">{ format!(" {parts_title}") }</span>
                    }
                </td>
                { num(s.headings) }
                <td class="num" data-col="metrics">{ s.metrics }</td>
                { for shown.iter().map(|&(c, _)| num(s.per_category[c])) }
                <td class="num" data-col="fines">{
                    s.fines_total.map(|d| grouped(&d.normalize().to_string())).unwrap_or_default()
                }</td>
            </tr>
        }
    });

    html! {
        <section class="panel compare" aria-labelledby="compare-title" data-testid="compare">
            <div class="compare-head">
                <h3 id="compare-title">{ K::CompareTitle.t(lang) }
                    <span class="count">{ props.reports.len() }</span></h3>
                <div class="exports">
                    <button type="button" class="btn" data-testid="export-summary" onclick={on_summary}>
                        { K::ExportSummary.t(lang) }
                    </button>
                    <button type="button" class="btn" data-testid="export-all-metrics" onclick={on_all}>
                        { K::ExportAllMetrics.t(lang) }
                    </button>
                </div>
            </div>
            <p class="note muted">{ K::CompareNote.t(lang) }</p>
            <div class="table-wrap">
                <table data-testid="compare-table">
                    <thead><tr>
                        { header(CompareColumn::File, K::FileName.t(lang)) }
                        { header(CompareColumn::Agency, K::Agency.t(lang)) }
                        { header(CompareColumn::Year, K::Year.t(lang)) }
                        { header(CompareColumn::Published, K::Published.t(lang)) }
                        { header(CompareColumn::Parts, K::PartsTitle.t(lang)) }
                        { header(CompareColumn::Headings, K::CompareHeadingsCol.t(lang)) }
                        { header(CompareColumn::Metrics, K::ChartCount.t(lang)) }
                        { for shown.iter().map(|&(_, c)| header(CompareColumn::Category(c), category_name(c, lang))) }
                        { header(CompareColumn::Fines, K::CompareFinesCol.t(lang)) }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn thousands() {
        assert_eq!(grouped("8538349"), "8,538,349");
        assert_eq!(grouped("690500"), "690,500");
        assert_eq!(grouped("999"), "999");
        assert_eq!(grouped("1234.5"), "1,234.5");
        assert_eq!(grouped(""), "");
        assert_eq!(grouped("-123"), "-123");
        assert_eq!(grouped("-1234"), "-1,234");
    }
}
