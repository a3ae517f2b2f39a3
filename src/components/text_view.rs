//! The original text: tinted by required part, headings styled by level, every metric
//! marked and focusable with a tooltip (on hover and on keyboard focus), boilerplate and
//! repeated body dimmed.

use std::fmt::Write as _;
use std::rc::Rc;

use fazhi_core::{Metric, RequiredPart, Span};
use yew::prelude::*;

use crate::i18n::{approx_name, category_name, change_name, part_name, Lang, K};
use crate::segments::{self, Inline, Piece, Region};
use crate::services::{dom, tip};
use crate::state::{Action, MetricTip, Report, TipSource};

/// The element id of the tooltip (what a mark's `aria-describedby` points to).
pub const TIP_ID: &str = "metric-tip";

/// Below this much room under a mark (CSS px), its tooltip opens above it.
const TIP_ROOM: f64 = 240.0;

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

/// The lines of a metric's tooltip, label and value: normalised value (with the upper bound
/// of a range), unit, approximation, change (when stated), subject, category, section.
#[must_use]
pub fn metric_tip_lines(m: &Metric, lang: Lang) -> Vec<(&'static str, String)> {
    let or_dash = |s: &str| {
        if s.is_empty() {
            "—".to_owned()
        } else {
            s.to_owned()
        }
    };
    let mut value = m.value.normalize().to_string();
    if let Some(upper) = m.upper {
        let _ = write!(value, "–{}", upper.normalize());
    }
    let mut lines = vec![
        (K::ColValue.t(lang), value),
        (K::ColUnit.t(lang), or_dash(&m.unit)),
        (K::ColApprox.t(lang), approx_name(m.approx, lang).to_owned()),
    ];
    if let Some(change) = m.change {
        lines.push((K::TipChange.t(lang), change_name(change, lang).to_owned()));
    }
    lines.extend([
        (K::ColSubject.t(lang), or_dash(&m.subject)),
        (
            K::ColCategory.t(lang),
            category_name(m.category, lang).to_owned(),
        ),
        (K::ColSection.t(lang), or_dash(&m.section_path)),
    ]);
    lines
}

/// The tooltip of a metric mark as one text (the `title` attribute).
#[must_use]
pub fn metric_tip(m: &Metric, lang: Lang) -> String {
    metric_tip_lines(m, lang)
        .into_iter()
        .map(|(label, value)| format!("{label}：{value}"))
        .collect::<Vec<_>>()
        .join("\n")
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
            data-testid="metric-mark" data-index={index.to_string()} tabindex="0"
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
    pub tip: Option<MetricTip>,
    pub dispatch: Callback<Action>,
}

/// The panel: legend, text, and the tooltip of the metric under the pointer or in focus.
/// Mark events are handled here, once for the whole text.
#[function_component(TextView)]
pub fn text_view(props: &TextProps) -> Html {
    let lang = props.lang;
    let report = &props.report;
    let frame = use_node_ref();

    // Tie the mark to the tooltip while it shows (and untie it when it goes).
    use_effect_with(props.tip.map(|t| t.index), |index| {
        match index {
            Some(i) => tip::hold(&metric_id(*i), TIP_ID),
            None => tip::release(),
        }
        || tip::release()
    });
    // The text reflows on resize: the tooltip's place is stale.
    {
        let dispatch = props.dispatch.clone();
        use_effect_with((), move |()| {
            let listener = dom::on_resize(move || dispatch.emit(Action::HideTip(None)));
            move || drop(listener)
        });
    }

    let show = |by: TipSource| {
        let dispatch = props.dispatch.clone();
        let frame = frame.clone();
        move |e: &Event| {
            if let Some((index, anchor)) = tip::metric_at(e, &frame) {
                dispatch.emit(Action::ShowTip(MetricTip { index, anchor, by }));
            }
        }
    };
    let hide = |by: TipSource| {
        let dispatch = props.dispatch.clone();
        let frame = frame.clone();
        move |e: &Event| {
            if let Some((index, _)) = tip::metric_at(e, &frame) {
                dispatch.emit(Action::HideTip(Some((index, by))));
            }
        }
    };
    let onmouseover = {
        let show = show(TipSource::Pointer);
        Callback::from(move |e: MouseEvent| show(&e))
    };
    let onmouseout = {
        let hide = hide(TipSource::Pointer);
        Callback::from(move |e: MouseEvent| {
            if !tip::into_tip(&e, TIP_ID) {
                hide(&e);
            }
        })
    };
    let onfocusin = {
        let show = show(TipSource::Focus);
        Callback::from(move |e: FocusEvent| show(&e))
    };
    let onfocusout = {
        let hide = hide(TipSource::Focus);
        Callback::from(move |e: FocusEvent| hide(&e))
    };
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        let shown = props.tip.is_some();
        Callback::from(move |e: KeyboardEvent| {
            if shown && e.key() == "Escape" {
                dispatch.emit(Action::HideTip(None));
            }
        })
    };

    let popup = props
        .tip
        .and_then(|t| report.analysis.metrics.get(t.index).map(|m| (t, m)))
        .map(|(t, m)| {
            let a = t.anchor;
            let above = a.room_below < TIP_ROOM;
            let index = t.index;
            let onmouseleave = {
                let dispatch = props.dispatch.clone();
                Callback::from(move |e: MouseEvent| {
                    // Chromium also reports a leave towards the popup's own children.
                    if !tip::onto_mark(&e, index) && !tip::into_tip(&e, TIP_ID) {
                        dispatch.emit(Action::HideTip(Some((index, TipSource::Pointer))));
                    }
                })
            };
            let style = if above {
                format!(
                    "left:clamp(0px,{:.0}px,calc(100% - 22rem));top:{:.0}px;transform:translateY(calc(-100% - 6px))",
                    a.left, a.top
                )
            } else {
                format!(
                    "left:clamp(0px,{:.0}px,calc(100% - 22rem));top:{:.0}px",
                    a.left,
                    a.bottom + 6.0
                )
            };
            html! {
                <div id={TIP_ID} class={classes!("metric-tip", above.then_some("above"))} role="tooltip"
                    data-testid="metric-tip" data-index={t.index.to_string()} {style} {onmouseleave}>
                    <p class="tip-text">{ &m.text }</p>
                    <dl>
                        { for metric_tip_lines(m, lang).into_iter().map(|(label, value)| html! {
                            <><dt>{ label }</dt><dd>{ value }</dd></>
                        }) }
                    </dl>
                </div>
            }
        });

    html! {
        <section class="panel text-panel" aria-labelledby="text-title" ref={frame.clone()}>
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
            <div class="report-text" data-testid="report-text" lang="zh-CN"
                {onmouseover} {onmouseout} {onfocusin} {onfocusout} {onkeydown}>
                <TextBody report={Rc::clone(report)} {lang} />
            </div>
            // One node whether shown or not: a child appearing at the end of the list would
            // make Yew pair the text with the popup and render the whole text anew.
            { popup.unwrap_or_default() }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct BodyProps {
    report: Rc<Report>,
    lang: Lang,
}

/// The text itself, the costly part: its own component so that showing a tooltip does not
/// render it again.
#[function_component(TextBody)]
fn text_body(props: &BodyProps) -> Html {
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
                        data-heading={index.to_string()} tabindex="-1">
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
    html! { <>{ for body }</> }
}
