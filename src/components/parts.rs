//! The five required parts: present (with links to where) or missing.

use std::rc::Rc;

use fazhi_core::RequiredPart;
use yew::prelude::*;

use crate::components::text_view::heading_id;
use crate::i18n::{part_name, Lang, K};
use crate::services::dom;
use crate::state::Report;

#[derive(Properties, PartialEq)]
pub struct PartsProps {
    pub report: Rc<Report>,
    pub lang: Lang,
}

#[function_component(PartsChecklist)]
pub fn parts_checklist(props: &PartsProps) -> Html {
    let lang = props.lang;
    let analysis = &props.report.analysis;
    let item = |part: RequiredPart| {
        let headings: Vec<usize> = analysis
            .parts
            .iter()
            .filter(|loc| loc.part == part)
            .flat_map(|loc| loc.headings.iter().copied())
            .filter(|&i| i < analysis.headings.len())
            .collect();
        let present = !headings.is_empty();
        html! {
            <li class={classes!("part", format!("part-{}", part.key()), if present { "present" } else { "missing" })}
                data-testid="part-status" data-part={part.key()} data-present={present.to_string()}>
                <span class="swatch" aria-hidden="true"></span>
                <span class="part-name">{ part_name(part, lang) }</span>
                if present {
                    <span class="part-links">
                        { for headings.iter().map(|&i| {
                            let h = &analysis.headings[i];
                            let onclick = Callback::from(move |_: MouseEvent| dom::scroll_to(&heading_id(i)));
                            html! {
                                <button type="button" class="link" {onclick}
                                    title={format!("{}{}", h.marker, h.title)}>
                                    { &h.path }
                                </button>
                            }
                        }) }
                    </span>
                } else {
                    <span class="badge missing-badge">{ K::PartMissing.t(lang) }</span>
                }
            </li>
        }
    };
    html! {
        <section class="panel parts" aria-labelledby="parts-title">
            <h3 id="parts-title">{ K::PartsTitle.t(lang) }</h3>
            <ul>{ for RequiredPart::ALL.into_iter().map(item) }</ul>
        </section>
    }
}
