//! Comparison charts of the open reports (two or more): the headline indicators, one small
//! bar chart each on its own axis; the five required parts × reports (present / missing);
//! concreteness from each report's review card. Options are built in
//! `chart_options::compare_*` and only when the reports or the language change.

use std::cell::RefCell;
use std::rc::Rc;

use fazhi_core::Analysis;
use yew::prelude::*;

use crate::chart_options::{self, CompareSpec, COMPARE_WINDOW};
use crate::i18n::Lang;
use crate::services::echarts::{self, Chart};
use crate::services::visibility;
use crate::state::{Report, Theme};

#[derive(Properties, PartialEq)]
pub struct CompareChartsProps {
    pub lang: Lang,
    pub theme: Theme,
    pub reports: Vec<Rc<Report>>,
}

struct Built {
    specs: Vec<CompareSpec>,
    /// Missing required-part cells over all reports.
    missing: usize,
}

fn build(reports: &[Rc<Report>], lang: Lang) -> Built {
    let names: Vec<&str> = reports.iter().map(|r| r.name.as_str()).collect();
    let labels = chart_options::compare_labels(&names);
    let analyses: Vec<&Analysis> = reports.iter().map(|r| &r.analysis).collect();
    let headlines: Vec<_> = reports
        .iter()
        .map(|r| chart_options::headline_values(&r.text, &r.analysis))
        .collect();
    let concreteness: Vec<_> = reports.iter().map(|r| &r.review.concreteness).collect();
    let missing = chart_options::part_matrix(&analyses)
        .iter()
        .map(|row| row.iter().filter(|p| !**p).count())
        .sum();
    Built {
        specs: vec![
            chart_options::compare_headline_chart(&labels, &headlines, lang),
            chart_options::compare_parts_chart(&labels, &analyses, lang),
            chart_options::compare_concreteness_chart(&labels, &concreteness, lang),
        ],
        missing,
    }
}

#[function_component(CompareCharts)]
pub fn compare_charts(props: &CompareChartsProps) -> Html {
    let lang = props.lang;
    let nodes = [use_node_ref(), use_node_ref(), use_node_ref()];
    let failed = use_state(|| None::<String>);
    let ids: Vec<u32> = props.reports.iter().map(|r| r.id).collect();
    let built = {
        let reports = props.reports.clone();
        use_memo((ids.clone(), lang), move |(_, lang)| build(&reports, *lang))
    };
    // Load and draw only once the panel scrolls into view (ECharts is large, and drawing
    // while a batch is still being read would slow it).
    let section = use_node_ref();
    let seen = use_state(|| false);
    {
        let section = section.clone();
        let seen = seen.clone();
        use_effect_with(*seen, move |already| {
            let watch = if *already {
                None
            } else {
                visibility::when_visible(&section, move || seen.set(true))
            };
            move || drop(watch)
        });
    }
    {
        let nodes = nodes.clone();
        let failed = failed.clone();
        let built = Rc::clone(&built);
        let dark = props.theme == Theme::Dark;
        use_effect_with((ids, lang, dark, *seen), move |(_, _, _, seen)| {
            let drawn: Rc<RefCell<Vec<Chart>>> = Rc::default();
            if *seen {
                let drawn = Rc::clone(&drawn);
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = echarts::ensure_loaded().await {
                        failed.set(Some(e));
                        return;
                    }
                    for (node, spec) in nodes.iter().zip(&built.specs) {
                        match Chart::init(node, dark).and_then(|c| {
                            c.set_option(&spec.json())?;
                            Ok(c)
                        }) {
                            Ok(c) => drawn.borrow_mut().push(c),
                            Err(e) => failed.set(Some(e)),
                        }
                    }
                });
            }
            move || drawn.borrow_mut().clear()
        });
    }
    let n = props.reports.len();
    let labels = [
        lang.pick("主要数据对比", "headline figures compared"),
        lang.pick("必备内容 × 报告", "required parts × reports"),
        lang.pick("具体程度", "concreteness"),
    ];
    html! {
        <section class="panel compare-charts" aria-labelledby="compare-charts-title"
            data-testid="compare-charts" data-reports={n.to_string()}
            data-missing={built.missing.to_string()} ref={section}>
            <h3 id="compare-charts-title">{ lang.pick("对比图表", "Comparison charts") }</h3>
            if n > COMPARE_WINDOW {
                <p class="note">{ if lang == Lang::Zh {
                    format!("共 {n} 份报告，图中每次显示 {COMPARE_WINDOW} 份，拖动滑块查看其余。")
                } else {
                    format!("{n} reports: the charts show {COMPARE_WINDOW} at a time; drag the slider for the rest.")
                } }</p>
            }
            if let Some(e) = (*failed).clone() {
                <p class="error" role="alert">{ e }</p>
            }
            { for built.specs.iter().zip(nodes).zip(labels).map(|((spec, node), label)| html! {
                <div class={classes!("chart", format!("chart-compare-{}", spec.key))}
                    data-testid="compare-chart" data-chart={spec.key} role="img" aria-label={label}
                    style={format!("height:{}px", spec.height)} ref={node}></div>
            }) }
        </section>
    }
}
