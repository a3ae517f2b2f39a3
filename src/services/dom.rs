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
    scroll_with(id, block, web_sys::ScrollBehavior::Smooth)
}

fn scroll_with(
    id: &str,
    block: web_sys::ScrollLogicalPosition,
    behavior: web_sys::ScrollBehavior,
) -> Option<web_sys::Element> {
    let el = document()?.get_element_by_id(id)?;
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_behavior(behavior);
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
    } else {
        reveal(id, Jump::Start);
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
        reveal(id, Jump::Flash);
        return;
    };
    flash(el);
}

fn flash(el: web_sys::Element) {
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
    // Only the headings in the page are looked at (a windowed text renders some of them).
    let index: std::collections::HashMap<String, usize> =
        ids.into_iter().map(|(i, id)| (id, i)).collect();
    let check = Rc::new(move || {
        let Some(found) = document().and_then(|d| d.query_selector_all("[data-heading]").ok())
        else {
            return;
        };
        let elements: Vec<(usize, web_sys::Element)> = (0..found.length())
            .filter_map(|k| found.item(k)?.dyn_into::<web_sys::Element>().ok())
            .filter_map(|e| index.get(&e.id()).map(|&i| (i, e)))
            .collect();
        // Binary search for the last heading whose top is above the offset.
        let above =
            elements.partition_point(|(_, el)| el.get_bounding_client_rect().top() <= SPY_OFFSET);
        // None above but some left out before the first rendered: the one just before it.
        let current = match above.checked_sub(1) {
            Some(k) => elements.get(k).map(|(i, _)| *i),
            None => elements.first().and_then(|(i, _)| i.checked_sub(1)),
        };
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

/// How a jump to an element ends: at the top of the viewport with focus (outline, parts),
/// or in the middle with a flash (a table row's figure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Jump {
    Start,
    Flash,
}

type RevealFn = Rc<dyn Fn(&str) -> bool>;

thread_local! {
    /// The windowed view that can render an element it left out (its id in, `true` when it
    /// will render it), with the number of its registration.
    static REVEALER: RefCell<Option<(u64, RevealFn)>> = const { RefCell::new(None) };
    static REVEALERS: Cell<u64> = const { Cell::new(0) };
    /// A jump waiting for its element to be rendered.
    static PENDING: RefCell<Option<(String, Jump)>> = const { RefCell::new(None) };
}

/// The registration of a windowed view; dropping it ends it.
pub struct Revealer(u64);

impl Drop for Revealer {
    fn drop(&mut self) {
        REVEALER.with(|r| {
            let mut r = r.borrow_mut();
            if r.as_ref().is_some_and(|(n, _)| *n == self.0) {
                *r = None;
            }
        });
    }
}

/// Register the view that renders only part of its content: a jump to an element that is
/// not in the page asks it (by element id) to render the element, and the jump is made by
/// [`run_pending_jump`] once it has.
#[must_use]
pub fn on_reveal(render: impl Fn(&str) -> bool + 'static) -> Revealer {
    let n = REVEALERS.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    REVEALER.with(|r| *r.borrow_mut() = Some((n, Rc::new(render))));
    Revealer(n)
}

fn reveal(id: &str, jump: Jump) {
    let render = REVEALER.with(|r| r.borrow().as_ref().map(|(_, f)| Rc::clone(f)));
    if render.is_some_and(|f| f(id)) {
        PENDING.with(|p| *p.borrow_mut() = Some((id.to_owned(), jump)));
    }
}

/// Make the jump that waited for its element, if the element is there now. The jump is
/// instant: a smooth scroll across a windowed text would pass through estimated heights.
pub fn run_pending_jump() {
    let Some((id, jump)) = PENDING.with(|p| p.borrow_mut().take()) else {
        return;
    };
    let block = match jump {
        Jump::Start => web_sys::ScrollLogicalPosition::Start,
        Jump::Flash => web_sys::ScrollLogicalPosition::Center,
    };
    let Some(el) = scroll_with(&id, block, web_sys::ScrollBehavior::Instant) else {
        return;
    };
    match jump {
        Jump::Start => focus_quietly(&el),
        Jump::Flash => flash(el),
    }
}

/// The band of `container` that can be seen, as (top, bottom) in CSS px from the
/// container's top: the window's viewport, narrowed by every ancestor that scrolls its
/// overflow (the metrics table's frame, the sidebar).
#[must_use]
pub fn band(container: &NodeRef) -> Option<(f64, f64)> {
    let el = container.cast::<web_sys::Element>()?;
    let top = el.get_bounding_client_rect().top();
    let (mut vt, mut vb) = (0.0, web_sys::window()?.inner_height().ok()?.as_f64()?);
    let mut up = el.parent_element();
    while let Some(a) = up {
        if a.tag_name().eq_ignore_ascii_case("body") {
            break;
        }
        if a.scroll_height() > a.client_height() + 1 {
            let r = a.get_bounding_client_rect();
            vt = f64::max(vt, r.top());
            vb = f64::min(vb, r.bottom());
        }
        up = a.parent_element();
    }
    Some((vt - top, vb.max(vt) - top))
}

/// The rendered heights of the children of `container` at `offset + i` for each `i`.
#[must_use]
pub fn child_heights(container: &NodeRef, offset: u32, items: &[usize]) -> Vec<(usize, f64)> {
    let Some(el) = container.cast::<web_sys::Element>() else {
        return Vec::new();
    };
    let children = el.children();
    items
        .iter()
        .filter_map(|&i| {
            let child = children.item(offset + u32::try_from(i).ok()?)?;
            Some((i, child.get_bounding_client_rect().height()))
        })
        .collect()
}

/// Calls back when the page or anything in it scrolls (`false`), and when the window is
/// resized (`true`).
pub struct ScrollWatch {
    _scroll: EventListener,
    _resize: EventListener,
}

#[must_use]
pub fn watch_scroll(callback: impl Fn(bool) + 'static) -> Option<ScrollWatch> {
    let window = web_sys::window()?;
    // Scroll events do not bubble; in the capture phase the window sees every one.
    let capture = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: true,
    };
    let callback = Rc::new(callback);
    let scroll = {
        let callback = Rc::clone(&callback);
        EventListener::new_with_options(window.as_ref(), "scroll", capture, move |_| {
            callback(false);
        })
    };
    let resize = EventListener::new(window.as_ref(), "resize", move |_| callback(true));
    Some(ScrollWatch {
        _scroll: scroll,
        _resize: resize,
    })
}
