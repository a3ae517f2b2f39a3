//! The original text: tinted by required part, headings styled by level, every metric
//! marked and focusable with a tooltip (on hover and on keyboard focus), boilerplate and
//! repeated body dimmed.

use std::cell::RefCell;
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

/// A text longer than this (bytes) is windowed: only its chunks near the viewport render.
pub const WINDOW_TEXT: usize = 256 * 1024;
/// The size of a chunk of a windowed text (bytes; cut at the next line break).
const TEXT_CHUNK: usize = 8 * 1024;
/// A first guess of the height of a byte of text (CSS px), until rendered chunks tell.
const PX_PER_BYTE: f64 = 0.2;

/// What a windowed list of items renders: the items in `range`, and the one `pin`ned by the
/// last jump (so that a focused heading or a flashed figure stays while the page settles);
/// every other item is a spacer of its last known height.
#[derive(Clone, Debug)]
pub(crate) struct Window {
    pub range: std::ops::Range<usize>,
    pub pin: Option<usize>,
    pub heights: Rc<Vec<f64>>,
}

impl Window {
    pub fn shows(&self, i: usize) -> bool {
        self.range.contains(&i) || self.pin == Some(i)
    }

    /// The spacer's style for item `i`.
    pub fn gap_style(&self, i: usize) -> String {
        let h = self.heights.get(i).copied().unwrap_or(0.0);
        format!("height:{h:.1}px")
    }
}

/// Heights of the items of a windowed list: measured when rendered, estimated otherwise.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    units: Rc<Vec<f64>>,
    heights: Vec<f64>,
    measured: Vec<bool>,
    estimated: bool,
    range: std::ops::Range<usize>,
    pin: Option<usize>,
}

impl Layout {
    fn new(units: Rc<Vec<f64>>, px_per_unit: f64) -> Self {
        let heights = units.iter().map(|u| u * px_per_unit).collect();
        let n = units.len();
        Self {
            measured: vec![false; n],
            heights,
            units,
            estimated: false,
            range: 0..n.min(2),
            pin: None,
        }
    }

    /// Take measured heights; the first time, estimate the unmeasured items from them.
    /// True when a spacer's height changed (so the list must render again).
    fn measure(&mut self, measured: &[(usize, f64)]) -> bool {
        for &(i, h) in measured {
            if let (Some(slot), Some(m)) = (self.heights.get_mut(i), self.measured.get_mut(i)) {
                *slot = h;
                *m = true;
            }
        }
        if self.estimated || measured.is_empty() {
            return false;
        }
        let (px, units) = measured.iter().fold((0.0, 0.0), |(px, u), &(i, h)| {
            (px + h, u + self.units.get(i).copied().unwrap_or(0.0))
        });
        if units <= 0.0 || px <= 0.0 {
            return false;
        }
        let ratio = px / units;
        for ((h, m), u) in self
            .heights
            .iter_mut()
            .zip(&self.measured)
            .zip(self.units.iter())
        {
            if !m {
                *h = u * ratio;
            }
        }
        self.estimated = true;
        true
    }
}

/// Window a list of items (chunks of text, groups of table rows) whose sizes are `units`
/// (bytes, rows; `px_per_unit` turns them into a first guess of their height): the items
/// are the children of `container` from `child_offset` on, scrolled by the window or by an
/// ancestor of `container`. When not `enabled`, everything renders.
#[hook]
pub(crate) fn use_window(
    units: Rc<Vec<f64>>,
    px_per_unit: f64,
    container: NodeRef,
    child_offset: u32,
    enabled: bool,
) -> (Window, Callback<usize>) {
    let layout = {
        let units = Rc::clone(&units);
        use_memo(units, move |u| {
            RefCell::new(Layout::new(Rc::clone(u), px_per_unit))
        })
    };
    let redraw = use_force_update();
    // Recompute which items meet the viewport (with one viewport of margin either side).
    let refresh = {
        let layout = Rc::clone(&layout);
        let container = container.clone();
        let redraw = redraw.clone();
        Rc::new(move || {
            let Some((top, bottom)) = dom::band(&container) else {
                return;
            };
            let margin = (bottom - top).max(400.0);
            let mut l = layout.borrow_mut();
            let range = segments::visible(&l.heights, top - margin, bottom + margin);
            if range != l.range {
                l.range = range;
                drop(l);
                redraw.force_update();
            }
        })
    };
    {
        let refresh = Rc::clone(&refresh);
        let layout = Rc::clone(&layout);
        let redraw = redraw.clone();
        use_effect_with((Rc::clone(&units), enabled), move |(_, enabled)| {
            let watch = enabled.then(|| {
                dom::watch_scroll(move |resized| {
                    if resized {
                        // Everything reflows: measure again, estimate again.
                        let mut l = layout.borrow_mut();
                        l.estimated = false;
                        l.measured.iter_mut().for_each(|m| *m = false);
                        drop(l);
                        redraw.force_update();
                    } else {
                        refresh();
                    }
                })
            });
            move || drop(watch)
        });
    }
    // After every render: measure what rendered, then see whether the window moved.
    {
        let layout = Rc::clone(&layout);
        let container = container.clone();
        let redraw = redraw.clone();
        use_effect(move || {
            if enabled {
                let shown: Vec<usize> = {
                    let l = layout.borrow();
                    l.range.clone().chain(l.pin).collect()
                };
                let offset = child_offset;
                let heights = dom::child_heights(&container, offset, &shown);
                let changed = layout.borrow_mut().measure(&heights);
                if changed {
                    redraw.force_update();
                } else {
                    refresh();
                }
            }
        });
    }
    let reveal = {
        let layout = Rc::clone(&layout);
        let redraw = redraw.clone();
        Callback::from(move |i: usize| {
            layout.borrow_mut().pin = Some(i);
            redraw.force_update();
        })
    };
    let n = units.len();
    let l = layout.borrow();
    let window = Window {
        range: if enabled { l.range.clone() } else { 0..n },
        pin: if enabled { l.pin } else { None },
        heights: Rc::new(l.heights.clone()),
    };
    (window, reveal)
}

#[derive(Properties, PartialEq)]
struct BodyProps {
    report: Rc<Report>,
    lang: Lang,
}

fn render_blocks(report: &Report, blocks: &[segments::Block], lang: Lang) -> Html {
    let text = &report.text;
    let body = blocks.iter().map(|block| {
        let pieces = block.pieces.iter().map(|piece| match piece {
            Piece::Text(s) => html! { { slice(text, *s) } },
            Piece::Metric { index, span } => metric_mark(report, *index, *span, lang),
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
                            Inline::Metric { index, span } => metric_mark(report, *index, *span, lang),
                        }) }
                    </span>
                }
            }
        });
        html! { <span class={region_class(block.region)}>{ for pieces }</span> }
    });
    html! { <>{ for body }</> }
}

/// The text cut for display: its chunks (one when it is small), and which chunk holds each
/// heading and each metric.
struct Cut {
    chunks: Vec<segments::Chunk>,
    units: Rc<Vec<f64>>,
    headings: Vec<Option<usize>>,
    metrics: Vec<Option<usize>>,
}

/// Which chunk renders the element with this id (a heading's or a metric's).
fn chunk_of(cut: &Cut, id: &str) -> Option<usize> {
    let index = |prefix: &str| id.strip_prefix(prefix)?.parse::<usize>().ok();
    if let Some(i) = index("h-") {
        return cut.headings.get(i).copied().flatten();
    }
    cut.metrics.get(index("m-")?).copied().flatten()
}

/// The text itself, the costly part: its own component so that showing a tooltip does not
/// render it again. A large text renders only its chunks near the viewport; spacers of
/// their measured (or estimated) height stand for the rest, and a jump to a heading or a
/// figure left out renders its chunk first.
#[function_component(TextBody)]
fn text_body(props: &BodyProps) -> Html {
    let lang = props.lang;
    let report = Rc::clone(&props.report);
    let cut = use_memo(Rc::clone(&report), |r| {
        let blocks = segments::build(&r.text, &r.analysis);
        let target = if r.text.len() > WINDOW_TEXT {
            TEXT_CHUNK
        } else {
            usize::MAX
        };
        let chunks = segments::chunk(&r.text, &blocks, target);
        let (headings, metrics) =
            segments::locate(&chunks, r.analysis.headings.len(), r.analysis.metrics.len());
        let units = Rc::new(chunks.iter().map(|c| c.span.len() as f64).collect());
        Cut {
            chunks,
            units,
            headings,
            metrics,
        }
    });
    let windowed = cut.chunks.len() > 1;
    let container = use_node_ref();
    let (window, reveal) = use_window(
        Rc::clone(&cut.units),
        PX_PER_BYTE,
        container.clone(),
        0,
        windowed,
    );
    // A jump to an element left out renders its chunk; the jump itself waits for that.
    {
        let cut = Rc::clone(&cut);
        let window = window.clone();
        use_effect_with(
            (Rc::clone(&cut.units), window.range.clone(), window.pin),
            move |_| {
                let revealer = windowed.then(|| {
                    dom::on_reveal(move |id| match chunk_of(&cut, id) {
                        Some(c) if !window.shows(c) => {
                            reveal.emit(c);
                            true
                        }
                        _ => false,
                    })
                });
                dom::run_pending_jump();
                move || drop(revealer)
            },
        );
    }
    let Some(only) = cut.chunks.first().filter(|_| !windowed) else {
        let chunks = cut.chunks.iter().enumerate().map(|(i, c)| {
            if window.shows(i) {
                html! { <div key={i} class="chunk">{ render_blocks(&report, &c.blocks, lang) }</div> }
            } else {
                html! { <div key={i} class="chunk gap" style={window.gap_style(i)}></div> }
            }
        });
        return html! { <div class="chunks" ref={container}>{ for chunks }</div> };
    };
    render_blocks(&report, &only.blocks, lang)
}
