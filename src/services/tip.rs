//! The DOM side of metric tooltips: which mark an event is about and where it sits, and
//! tying the mark on show to the tooltip element (`aria-describedby`) while its `title`
//! is held back, so that the browser's own tooltip does not cover ours.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use yew::NodeRef;

use crate::state::Anchor;

/// The marks that carry a tooltip.
const MARK_SELECTOR: &str = "mark[data-index]";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The metric mark an event happened on (or inside), by its `data-index`, and where it sits
/// inside the element behind `frame`.
#[must_use]
pub fn metric_at(event: &web_sys::Event, frame: &NodeRef) -> Option<(usize, Anchor)> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let mark = target.closest(MARK_SELECTOR).ok()??;
    let index = mark.get_attribute("data-index")?.parse().ok()?;
    let frame = frame.cast::<web_sys::Element>()?.get_bounding_client_rect();
    let rect = mark.get_bounding_client_rect();
    let viewport = web_sys::window()?.inner_height().ok()?.as_f64()?;
    Some((
        index,
        Anchor {
            left: rect.left() - frame.left(),
            top: rect.top() - frame.top(),
            bottom: rect.bottom() - frame.top(),
            room_below: viewport - rect.bottom(),
        },
    ))
}

/// The element the pointer moves onto in a `mouseout`/`mouseleave`, if it is an element.
fn related(event: &web_sys::MouseEvent) -> Option<web_sys::Element> {
    event.related_target()?.dyn_into::<web_sys::Element>().ok()
}

/// Whether the pointer leaves for the tooltip `tip_id` (or something inside it): the
/// tooltip stays, so its text can be read and selected (WCAG 1.4.13, hoverable).
#[must_use]
pub fn into_tip(event: &web_sys::MouseEvent, tip_id: &str) -> bool {
    related(event)
        .and_then(|el| el.closest(&format!("#{tip_id}")).ok().flatten())
        .is_some()
}

/// Whether the pointer leaves for the metric mark `index` (back from its tooltip).
#[must_use]
pub fn onto_mark(event: &web_sys::MouseEvent, index: usize) -> bool {
    related(event)
        .and_then(|el| el.closest(MARK_SELECTOR).ok().flatten())
        .and_then(|mark| mark.get_attribute("data-index"))
        .is_some_and(|i| i == index.to_string())
}

/// The mark tied to the tooltip now: its id and the title held back.
struct Held {
    mark_id: String,
    title: Option<String>,
}

thread_local! {
    static HELD: RefCell<Option<Held>> = const { RefCell::new(None) };
}

/// Tie the element `mark_id` to the tooltip `tip_id` and hold back its `title`. Whatever
/// mark was tied before is released first.
pub fn hold(mark_id: &str, tip_id: &str) {
    if HELD.with(|h| h.borrow().as_ref().is_some_and(|h| h.mark_id == mark_id)) {
        return;
    }
    release();
    let Some(mark) = document().and_then(|d| d.get_element_by_id(mark_id)) else {
        return;
    };
    let _ = mark.set_attribute("aria-describedby", tip_id);
    let title = mark.get_attribute("title");
    let _ = mark.remove_attribute("title");
    HELD.with(|h| {
        h.replace(Some(Held {
            mark_id: mark_id.to_owned(),
            title,
        }))
    });
}

/// Untie the mark held by [`hold`], giving its title back (unless the page has set a new
/// one meanwhile, e.g. in another language).
pub fn release() {
    let Some(held) = HELD.with(RefCell::take) else {
        return;
    };
    let Some(mark) = document().and_then(|d| d.get_element_by_id(&held.mark_id)) else {
        return;
    };
    let _ = mark.remove_attribute("aria-describedby");
    if let (Some(title), false) = (held.title, mark.has_attribute("title")) {
        let _ = mark.set_attribute("title", &title);
    }
}
