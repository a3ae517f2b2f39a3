//! The heading tree. Clicking scrolls to a heading; the section on screen is highlighted.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::text_view::{heading_id, use_window};
use crate::i18n::{Lang, K};
use crate::services::dom;
use crate::state::Report;

#[derive(Properties, PartialEq)]
pub struct OutlineProps {
    pub report: Rc<Report>,
    pub lang: Lang,
    pub active: Option<usize>,
}

/// An outline longer than this is windowed, in groups of `GROUP` entries.
const WINDOW_ITEMS: usize = 400;
const GROUP: usize = 100;
/// A first guess of an entry's height (CSS px), until rendered entries tell.
const ITEM_PX: f64 = 24.0;

#[function_component(Outline)]
pub fn outline(props: &OutlineProps) -> Html {
    let lang = props.lang;
    let headings = &props.report.analysis.headings;
    // The active heading and its ancestors.
    let mut trail = Vec::new();
    let mut cur = props.active.filter(|&i| i < headings.len());
    while let Some(i) = cur {
        if trail.contains(&i) {
            break;
        }
        trail.push(i);
        cur = headings[i].parent.filter(|&p| p < headings.len());
    }
    // A long outline (a compilation of reports) renders only the groups of entries near
    // the visible part of the sidebar, and always the group of the active entry.
    let n = headings.len();
    let windowed = n > WINDOW_ITEMS;
    let per = if windowed { GROUP } else { n.max(1) };
    let units = use_memo((props.report.id, n), move |(_, n)| {
        Rc::new(
            (0..n.div_ceil(per))
                .map(|g| (n - g * per).min(per) as f64)
                .collect::<Vec<f64>>(),
        )
    });
    let list = use_node_ref();
    let (window, _) = use_window(Rc::clone(&units), ITEM_PX, list.clone(), 0, windowed);
    let active_group = props.active.map(|i| i / per);
    let item = |(i, h): (usize, &fazhi_core::Heading)| {
        let level = h.level.number();
        let active = props.active == Some(i);
        let onclick = Callback::from(move |_: MouseEvent| dom::scroll_to(&heading_id(i)));
        html! {
            <li class={format!("level-{level}")}>
                <button type="button" data-testid="outline-item" data-level={level.to_string()}
                    class={classes!("outline-item", active.then_some("active"),
                        (!active && trail.contains(&i)).then_some("in-trail"))}
                    aria-current={active.then_some("location")}
                    title={format!("{}{}", h.marker, h.title)}
                    {onclick}>
                    <span class="marker">{ &h.marker }</span>
                    <span class="title">{ &h.title }</span>
                </button>
            </li>
        }
    };
    html! {
        <nav class="panel outline" aria-labelledby="outline-title">
            <h3 id="outline-title">{ K::OutlineTitle.t(lang) }</h3>
            if headings.is_empty() {
                <p class="muted">{ K::NoHeadings.t(lang) }</p>
            } else {
                if windowed {
                    <div class="outline-groups" ref={list}>
                        { for headings.chunks(per).enumerate().map(|(g, group)| {
                            if window.shows(g) || active_group == Some(g) {
                                html! { <ol key={g}>{ for group.iter().enumerate().map(|(k, h)| item((g * per + k, h))) }</ol> }
                            } else {
                                html! { <div key={g} class="gap" style={window.gap_style(g)}></div> }
                            }
                        }) }
                    </div>
                } else {
                    <ol>{ for headings.iter().enumerate().map(item) }</ol>
                }
            }
        </nav>
    }
}
