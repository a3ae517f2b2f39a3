//! Across years: when the same issuing body has reports for two or more years open, its
//! headline figures year by year (ECharts, `chart_options::trend_chart`), beside a table of
//! the same figures with the parts present and the review's problems for each year.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::chart_options::{headline_values, trend_chart, HeadlineValues, HEADLINES};
use crate::i18n::Lang;
use crate::services::echarts::{self, Chart};
use crate::state::{Report, Theme};

#[derive(Properties, PartialEq)]
pub struct TrendProps {
    pub lang: Lang,
    pub theme: Theme,
    pub reports: Vec<Rc<Report>>,
}

/// One body's reports, one per year, in year order.
pub type YearSeries = Vec<(u16, Rc<Report>)>;

/// Bodies with reports for two or more distinct years: body → one report per year (the
/// first loaded), in year order.
#[must_use]
pub fn series_by_body(reports: &[Rc<Report>]) -> Vec<(String, YearSeries)> {
    let mut by_body: BTreeMap<String, BTreeMap<u16, Rc<Report>>> = BTreeMap::new();
    for r in reports {
        let m = &r.analysis.metadata;
        if let (Some(agency), Some(year)) = (&m.agency, &m.year) {
            by_body
                .entry(agency.value.clone())
                .or_default()
                .entry(year.value)
                .or_insert_with(|| Rc::clone(r));
        }
    }
    by_body
        .into_iter()
        .filter(|(_, years)| years.len() >= 2)
        .map(|(body, years)| (body, years.into_iter().collect()))
        .collect()
}

#[derive(Properties, PartialEq)]
struct BodyProps {
    lang: Lang,
    theme: Theme,
    agency: String,
    years: Vec<(u16, Rc<Report>)>,
}

#[function_component(BodyTrend)]
fn body_trend(props: &BodyProps) -> Html {
    let lang = props.lang;
    let node = use_node_ref();
    let failed = use_state(|| None::<String>);
    let ids: Vec<u32> = props.years.iter().map(|(_, r)| r.id).collect();
    // Each year's headline figures, read once per set of reports (chart and table).
    let points: Rc<Vec<(u16, HeadlineValues)>> = {
        let years = props.years.clone();
        use_memo(ids.clone(), move |_| {
            years
                .iter()
                .map(|(y, r)| (*y, headline_values(&r.text, &r.analysis)))
                .collect()
        })
    };
    {
        let node = node.clone();
        let failed = failed.clone();
        let dark = props.theme == Theme::Dark;
        let agency = props.agency.clone();
        let points = Rc::clone(&points);
        use_effect_with((ids, lang, dark), move |_| {
            let drawn: Rc<RefCell<Option<Chart>>> = Rc::default();
            {
                let drawn = Rc::clone(&drawn);
                wasm_bindgen_futures::spawn_local(async move {
                    let spec = trend_chart(&agency, &points, lang);
                    let chart = match echarts::ensure_loaded().await {
                        Ok(()) => Chart::init(&node, dark).and_then(|c| {
                            c.set_option(&spec.json())?;
                            Ok(c)
                        }),
                        Err(e) => Err(e),
                    };
                    match chart {
                        Ok(c) => *drawn.borrow_mut() = Some(c),
                        Err(e) => failed.set(Some(e)),
                    }
                });
            }
            move || drop(drawn.borrow_mut().take())
        });
    }
    let years: Vec<String> = props.years.iter().map(|(y, _)| y.to_string()).collect();
    let rows = props
        .years
        .iter()
        .zip(points.iter())
        .map(|((y, r), (_, values))| {
            let parts = r.analysis.parts.iter().filter(|p| p.present()).count();
            let problems = r
                .review
                .checks
                .iter()
                .filter(|c| c.status.is_problem())
                .count();
            html! {
                <tr data-testid="trend-row" data-year={y.to_string()}>
                    <th scope="row">{ y }</th>
                    { for values.iter().map(|v| html! { <td class="num">{ *v }</td> }) }
                    <td class="num">{ format!("{parts}/5") }</td>
                    <td class="num">{ problems }</td>
                </tr>
            }
        });
    html! {
        <div class="trend-body">
            <div class="chart chart-trend" data-testid="trend-chart" data-agency={props.agency.clone()}
                data-years={years.join(",")} role="img"
                aria-label={format!("{} {}", props.agency, lang.pick("逐年主要数据", "headline figures by year"))}
                style={format!("height:{}px", trend_chart_height(props.years.len()))} ref={node}></div>
            if let Some(e) = (*failed).clone() {
                <p class="error" role="alert">{ e }</p>
            }
            <div class="table-scroll">
                <table class="trend-table">
                    <thead><tr>
                        <th scope="col">{ lang.pick("年度", "year") }</th>
                        { for HEADLINES.iter().map(|h| html! { <th scope="col">{ lang.pick(h.zh, h.en) }</th> }) }
                        <th scope="col">{ lang.pick("必备内容", "parts") }</th>
                        <th scope="col">{ lang.pick("审阅问题数", "review problems") }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </div>
    }
}

fn trend_chart_height(years: usize) -> u32 {
    u32::try_from(years * HEADLINES.len() * 26 + 110)
        .unwrap_or(600)
        .max(260)
}

#[function_component(Trend)]
pub fn trend(props: &TrendProps) -> Html {
    let lang = props.lang;
    let bodies = series_by_body(&props.reports);
    if bodies.is_empty() {
        return Html::default();
    }
    html! {
        <section class="panel trend" aria-labelledby="trend-title">
            <h3 id="trend-title">{ lang.pick("跨年度趋势", "Across years") }</h3>
            { for bodies.into_iter().map(|(agency, years)| html! {
                <BodyTrend key={agency.clone()} {lang} theme={props.theme} agency={agency.clone()} {years} />
            }) }
        </section>
    }
}
