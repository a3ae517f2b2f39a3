//! Small DOM chores: the `<html>` attributes, scrolling and flashing, the scroll spy,
//! form values, the clipboard, and debouncing.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::{Callback, NodeRef};

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Set an attribute on the `<html>` element (theme, language).
pub fn set_root_attr(name: &str, value: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute(name, value);
    }
}

fn scroll(id: &str, block: web_sys::ScrollLogicalPosition) -> Option<web_sys::Element> {
    let el = document()?.get_element_by_id(id)?;
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_behavior(web_sys::ScrollBehavior::Smooth);
    opts.set_block(block);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    Some(el)
}

/// Move keyboard focus to `el` without scrolling (a smooth scroll may be under way).
fn focus_quietly(el: &web_sys::Element) {
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let opts = web_sys::FocusOptions::new();
        opts.set_prevent_scroll(true);
        let _ = h.focus_with_options(&opts);
    }
}

/// Scroll the element with this id to the top of the viewport (smoothly) and move keyboard
/// focus there, as following an in-page link does: Tab then goes on from that place. The
/// element needs a `tabindex` (`-1` keeps it out of the tab order) to take focus.
pub fn scroll_to(id: &str) {
    if let Some(el) = scroll(id, web_sys::ScrollLogicalPosition::Start) {
        focus_quietly(&el);
    }
}

/// Move keyboard focus to the element with this id (it scrolls into view if need be).
pub fn focus(id: &str) {
    let Some(el) = document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

/// Scroll the element with this id to the middle of the viewport and flash it briefly.
pub fn scroll_and_flash(id: &str) {
    let Some(el) = scroll(id, web_sys::ScrollLogicalPosition::Center) else {
        return;
    };
    let classes = el.class_list();
    let _ = classes.remove_1("flash");
    // Restart the animation when the same element is flashed twice in a row.
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.offset_width();
    }
    let _ = classes.add_1("flash");
    Timeout::new(1800, move || {
        let _ = el.class_list().remove_1("flash");
    })
    .forget();
}

/// The value of the `<input>`, `<textarea>` or `<select>` an event came from.
#[must_use]
pub fn event_value(event: &web_sys::Event) -> String {
    let Some(target) = event.target() else {
        return String::new();
    };
    if let Some(el) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        el.value()
    } else if let Some(el) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        el.value()
    } else if let Some(el) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        el.value()
    } else {
        String::new()
    }
}

/// The `text/html` flavour of a paste, if the clipboard holds one.
#[must_use]
pub fn pasted_html(event: &web_sys::Event) -> Option<String> {
    let data = event
        .dyn_ref::<web_sys::ClipboardEvent>()?
        .clipboard_data()?;
    let html = data.get_data("text/html").ok()?;
    (!html.trim().is_empty()).then_some(html)
}

/// Put `text` in place of the selection of the textarea behind `node`, caret after it.
/// Returns the textarea's new value.
pub fn insert_into_textarea(node: &NodeRef, text: &str) -> Option<String> {
    let area = node.cast::<web_sys::HtmlTextAreaElement>()?;
    let start = area.selection_start().ok().flatten();
    let end = area.selection_end().ok().flatten();
    let inserted = match (start, end) {
        (Some(s), Some(e)) => area
            .set_range_text_with_start_and_end_and_mode(text, s, e, "end")
            .is_ok(),
        _ => false,
    };
    if !inserted {
        area.set_value(text);
    }
    Some(area.value())
}

/// Runs the last scheduled job once things have been quiet for a while.
#[derive(Default)]
pub struct Debounce {
    pending: RefCell<Option<Timeout>>,
}

impl Debounce {
    pub fn schedule(&self, millis: u32, job: impl FnOnce() + 'static) {
        // Dropping the previous timeout cancels it.
        self.pending.replace(Some(Timeout::new(millis, job)));
    }
}

/// Reports which heading's section is at the top of the viewport while the page scrolls.
pub struct ScrollSpy {
    _scroll: EventListener,
    _resize: EventListener,
}

/// How far below the top of the viewport a heading counts as "current".
const SPY_OFFSET: f64 = 120.0;

/// Watch the elements with `ids` (in document order; `ids[i].0` is what gets reported).
#[must_use]
pub fn scroll_spy(
    ids: Vec<(usize, String)>,
    on_change: Callback<Option<usize>>,
) -> Option<ScrollSpy> {
    let window = web_sys::window()?;
    let last: Rc<Cell<Option<Option<usize>>>> = Rc::new(Cell::new(None));
    let check = Rc::new(move || {
        let Some(doc) = document() else { return };
        let elements: Vec<(usize, web_sys::Element)> = ids
            .iter()
            .filter_map(|(i, id)| doc.get_element_by_id(id).map(|e| (*i, e)))
            .collect();
        // Binary search for the last heading whose top is above the offset.
        let above =
            elements.partition_point(|(_, el)| el.get_bounding_client_rect().top() <= SPY_OFFSET);
        let current = above
            .checked_sub(1)
            .and_then(|k| elements.get(k))
            .map(|(i, _)| *i);
        if last.get() != Some(current) {
            last.set(Some(current));
            on_change.emit(current);
        }
    });
    let passive = EventListenerOptions {
        phase: EventListenerPhase::Bubble,
        passive: true,
    };
    let scroll = {
        let check = Rc::clone(&check);
        EventListener::new_with_options(window.as_ref(), "scroll", passive, move |_| check())
    };
    let resize = {
        let check = Rc::clone(&check);
        EventListener::new_with_options(window.as_ref(), "resize", passive, move |_| check())
    };
    check();
    Some(ScrollSpy {
        _scroll: scroll,
        _resize: resize,
    })
}

/// Calls back when the window is resized (charts follow their containers).
pub struct ResizeListener {
    _listener: EventListener,
}

#[must_use]
pub fn on_resize(callback: impl Fn() + 'static) -> Option<ResizeListener> {
    let window = web_sys::window()?;
    Some(ResizeListener {
        _listener: EventListener::new(window.as_ref(), "resize", move |_| callback()),
    })
}

/// Scroll the container behind `node` (not the window) so that its first descendant
/// matching `selector` is inside it.
pub fn reveal_in(node: &NodeRef, selector: &str) {
    let Some(container) = node.cast::<web_sys::Element>() else {
        return;
    };
    let Some(child) = container.query_selector(selector).ok().flatten() else {
        return;
    };
    let outer = container.get_bounding_client_rect();
    let inner = child.get_bounding_client_rect();
    let margin = 24.0;
    let top = f64::from(container.scroll_top());
    let delta = if inner.top() < outer.top() + margin {
        inner.top() - outer.top() - margin
    } else if inner.bottom() > outer.bottom() - margin {
        inner.bottom() - outer.bottom() + margin
    } else {
        return;
    };
    container.set_scroll_top((top + delta).round() as i32);
}
