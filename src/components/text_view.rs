//! The original text: tinted by required part, headings styled by level, every metric
//! marked with a tooltip, boilerplate and repeated body dimmed.

use std::fmt::Write as _;
use std::rc::Rc;

use fazhi_core::{Metric, RequiredPart, Span};
use yew::prelude::*;

use crate::i18n::{approx_name, category_name, change_name, part_name, Lang, K};
use crate::segments::{self, Inline, Piece, Region};
use crate::state::Report;

/// The element id of heading `i` (scroll target).
#[must_use]
pub fn heading_id(i: usize) -> String {
    format!("h-{i}")
}

/// The element id of metric `i` (scroll target).
#[must_use]
pub fn metric_id(i: usize) -> String {
    format!("m-{i}")
}

/// The tooltip of a metric mark.
#[must_use]
pub fn metric_tip(m: &Metric, lang: Lang) -> String {
    let mut value = m.value.normalize().to_string();
    if let Some(upper) = m.upper {
        value = format!("{value}–{}", upper.normalize());
    }
    let unit = if m.unit.is_empty() { "—" } else { &m.unit };
    let mut tip = format!(
        "{}：{value}\n{}：{unit}\n{}：{}\n{}：{}\n{}：{}",
        K::ColValue.t(lang),
        K::ColUnit.t(lang),
        K::ColApprox.t(lang),
        approx_name(m.approx, lang),
        K::ColSubject.t(lang),
        if m.subject.is_empty() {
            "—"
        } else {
            &m.subject
        },
        K::ColCategory.t(lang),
        category_name(m.category, lang),
    );
    if let Some(change) = m.change {
        let _ = write!(
            tip,
            "\n{}：{}",
            K::TipChange.t(lang),
            change_name(change, lang)
        );
    }
    tip
}

fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("")
}

fn metric_mark(report: &Report, index: usize, span: Span, lang: Lang) -> Html {
    let Some(m) = report.analysis.metrics.get(index) else {
        return Html::default();
    };
    html! {
        <mark id={metric_id(index)} class={classes!("metric", format!("approx-{}", m.approx.key()))}
            data-testid="metric-mark" data-index={index.to_string()}
            title={metric_tip(m, lang)}>
            { slice(&report.text, span) }
        </mark>
    }
}

fn region_class(region: Region) -> Classes {
    classes!(
        "region",
        region.part.map(|p| format!("part-{}", p.key())),
        region.dimmed.then_some("dimmed"),
    )
}

#[derive(Properties, PartialEq)]
pub struct TextProps {
    pub report: Rc<Report>,
    pub lang: Lang,
}

#[function_component(TextView)]
pub fn text_view(props: &TextProps) -> Html {
    let lang = props.lang;
    let report = Rc::clone(&props.report);
    let blocks = use_memo(Rc::clone(&report), |r| {
        segments::build(&r.text, &r.analysis)
    });
    let text = &report.text;

    let body = blocks.iter().map(|block| {
        let pieces = block.pieces.iter().map(|piece| match piece {
            Piece::Text(s) => html! { { slice(text, *s) } },
            Piece::Metric { index, span } => metric_mark(&report, *index, *span, lang),
            Piece::Heading { index, children, .. } => {
                let level = report
                    .analysis
                    .headings
                    .get(*index)
                    .map_or(1, |h| h.level.number());
                html! {
                    <span id={heading_id(*index)} class={format!("heading level-{level}")}
                        data-heading={index.to_string()}>
                        { for children.iter().map(|c| match c {
                            Inline::Text(s) => html! { { slice(text, *s) } },
                            Inline::Metric { index, span } => metric_mark(&report, *index, *span, lang),
                        }) }
                    </span>
                }
            }
        });
        html! { <span class={region_class(block.region)}>{ for pieces }</span> }
    });

    html! {
        <section class="panel text-panel" aria-labelledby="text-title">
            <div class="text-head">
                <h3 id="text-title">{ K::TextTitle.t(lang) }</h3>
                <ul class="legend" aria-label={K::Legend.t(lang)}>
                    { for RequiredPart::ALL.into_iter().map(|p| html! {
                        <li><span class={format!("swatch part-{}", p.key())}></span>{ part_name(p, lang) }</li>
                    }) }
                    <li><span class="swatch none"></span>{ K::LegendNoPart.t(lang) }</li>
                    <li><span class="legend-heading">{ "一、" }</span>{ K::LegendHeading.t(lang) }</li>
                    <li><mark class="metric legend-metric">{ "12" }</mark>{ K::LegendMetric.t(lang) }</li>
                    <li><span class="dimmed legend-dimmed">{ "…" }</span>{ K::LegendDimmed.t(lang) }</li>
                </ul>
            </div>
            <div class="report-text" data-testid="report-text" lang="zh-CN">{ for body }</div>
        </section>
    }
}
