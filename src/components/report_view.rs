//! One report: header, required parts, outline, text, diagnostics, figures and charts.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::charts::Charts;
use crate::components::diagnostics::Diagnostics;
use crate::components::header::MetaHeader;
use crate::components::metrics_table::MetricsTable;
use crate::components::outline::Outline;
use crate::components::parts::PartsChecklist;
use crate::components::text_view::{heading_id, TextView};
use crate::i18n::Lang;
use crate::services::dom;
use crate::state::{Action, ChartsStatus, MetricTip, Report, TableView, Theme};

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub report: Rc<Report>,
    pub lang: Lang,
    pub theme: Theme,
    pub active_heading: Option<usize>,
    pub table: TableView,
    pub charts: ChartsStatus,
    pub tip: Option<MetricTip>,
    pub dispatch: Callback<Action>,
}

#[function_component(ReportView)]
pub fn report_view(props: &ReportProps) -> Html {
    let report = &props.report;
    let lang = props.lang;

    // Follow the reader: which heading's section is on screen.
    {
        let on_change = props.dispatch.reform(Action::ActiveHeading);
        let ids: Vec<(usize, String)> = (0..report.analysis.headings.len())
            .map(|i| (i, heading_id(i)))
            .collect();
        use_effect_with(report.id, move |_| {
            let spy = dom::scroll_spy(ids, on_change);
            move || drop(spy)
        });
    }

    // Keep the current outline entry in sight inside the sidebar.
    let sidebar = use_node_ref();
    {
        let sidebar = sidebar.clone();
        use_effect_with(props.active_heading, move |_| {
            dom::reveal_in(&sidebar, ".outline-item.active");
        });
    }

    html! {
        <section class="report" id="report" aria-labelledby="report-title">
            <MetaHeader report={Rc::clone(report)} {lang} />
            <div class="report-grid">
                <aside class="sidebar" ref={sidebar}>
                    <PartsChecklist report={Rc::clone(report)} {lang} />
                    <Outline report={Rc::clone(report)} {lang} active={props.active_heading} />
                </aside>
                <div class="report-main">
                    <TextView report={Rc::clone(report)} {lang} tip={props.tip}
                        dispatch={props.dispatch.clone()} />
                    <Diagnostics report={Rc::clone(report)} {lang} />
                    <MetricsTable report={Rc::clone(report)} {lang} view={props.table.clone()}
                        dispatch={props.dispatch.clone()} />
                    <Charts report={Rc::clone(report)} {lang} theme={props.theme}
                        status={props.charts.clone()} dispatch={props.dispatch.clone()} />
                </div>
            </div>
        </section>
    }
}
