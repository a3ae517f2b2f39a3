//! The heading tree. Clicking scrolls to a heading; the section on screen is highlighted.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::text_view::heading_id;
use crate::i18n::{Lang, K};
use crate::services::dom;
use crate::state::Report;

#[derive(Properties, PartialEq)]
pub struct OutlineProps {
    pub report: Rc<Report>,
    pub lang: Lang,
    pub active: Option<usize>,
}

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
    html! {
        <nav class="panel outline" aria-labelledby="outline-title">
            <h3 id="outline-title">{ K::OutlineTitle.t(lang) }</h3>
            if headings.is_empty() {
                <p class="muted">{ K::NoHeadings.t(lang) }</p>
            } else {
                <ol>
                    { for headings.iter().enumerate().map(|(i, h)| {
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
                    }) }
                </ol>
            }
        </nav>
    }
}
