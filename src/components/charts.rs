//! Charts of the figures (ECharts, loaded when the panel first scrolls into view).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::chart_options::{self, ChartSpec};
use crate::export::file_stem;
use crate::i18n::{Lang, K};
use crate::services::dom;
use crate::services::echarts::{self, Chart};
use crate::services::visibility;
use crate::state::{Action, ChartsStatus, Report, Theme};

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub report: Rc<Report>,
    pub lang: Lang,
    pub theme: Theme,
    pub status: ChartsStatus,
    pub dispatch: Callback<Action>,
}

#[function_component(Charts)]
pub fn charts(props: &ChartsProps) -> Html {
    let lang = props.lang;
    let nodes = [use_node_ref(), use_node_ref(), use_node_ref()];
    let specs: Rc<Vec<ChartSpec>> = use_memo((Rc::clone(&props.report), lang), |(r, lang)| {
        chart_options::charts(&r.text, &r.analysis, *lang, file_stem(&r.name))
    });

    // Load the library the first time the charts panel scrolls into view (not on mount:
    // most readers never get that far, and the library is large); again on "retry".
    let load = {
        let dispatch = props.dispatch.clone();
        Rc::new(move || {
            let dispatch = dispatch.clone();
            dispatch.emit(Action::ChartsLoading);
            wasm_bindgen_futures::spawn_local(async move {
                let result = echarts::ensure_loaded().await;
                if let Err(e) = &result {
                    // The cause for whoever debugs; the page says it in plain words.
                    gloo::console::warn!(format!("charts: {e}"));
                }
                dispatch.emit(Action::ChartsLoaded(result));
            });
        })
    };
    let section = use_node_ref();
    {
        let idle = props.status == ChartsStatus::Idle;
        let section = section.clone();
        let load = Rc::clone(&load);
        use_effect_with(idle, move |idle| {
            let watch = if *idle {
                visibility::when_visible(&section, move || load())
            } else {
                None
            };
            move || drop(watch)
        });
    }

    // Draw; dispose on unmount and whenever report, language or theme change.
    {
        let ready = props.status == ChartsStatus::Ready;
        let nodes = nodes.clone();
        let specs = Rc::clone(&specs);
        let dark = props.theme == Theme::Dark;
        use_effect_with((Rc::clone(&props.report), lang, dark, ready), move |_| {
            let drawn: Rc<RefCell<Vec<Chart>>> = Rc::default();
            if ready {
                for (node, spec) in nodes.iter().zip(specs.iter()) {
                    let chart = Chart::init(node, dark).and_then(|c| {
                        c.set_option(&spec.json())?;
                        Ok(c)
                    });
                    match chart {
                        Ok(c) => drawn.borrow_mut().push(c),
                        Err(e) => gloo::console::warn!(format!("chart {}: {e}", spec.key)),
                    }
                }
            }
            let resize = {
                let drawn = Rc::clone(&drawn);
                dom::on_resize(move || drawn.borrow().iter().for_each(Chart::resize))
            };
            move || {
                drop(resize);
                // Dropping a Chart disposes it.
                drawn.borrow_mut().clear();
            }
        });
    }

    let status = match &props.status {
        ChartsStatus::Idle | ChartsStatus::Loading => {
            html! { <p class="muted" role="status">{ K::ChartsLoading.t(lang) }</p> }
        }
        ChartsStatus::Failed(_) => {
            let onclick = Callback::from(move |_: MouseEvent| load());
            html! {
                <p class="error" role="alert">
                    { K::ChartsFailed.t(lang) }{ " " }
                    <button type="button" data-testid="retry-charts" {onclick}>{ K::ChartsRetry.t(lang) }</button>
                </p>
            }
        }
        ChartsStatus::Ready => Html::default(),
    };

    html! {
        <section class="panel charts" aria-labelledby="charts-title" ref={section}>
            <h3 id="charts-title">{ K::ChartsTitle.t(lang) }</h3>
            <p class="muted note">{ K::ChartsNote.t(lang) }</p>
            { status }
            <div class="chart-grid">
                { for nodes.iter().zip(specs.iter()).map(|(node, spec)| html! {
                    <div class={classes!("chart", format!("chart-{}", spec.key))}
                        data-testid="chart" data-chart={spec.key}
                        style={format!("height:{}px", spec.height)}
                        role="img" aria-label={spec.option.title.text.clone()}
                        ref={node.clone()}></div>
                }) }
            </div>
        </section>
    }
}
