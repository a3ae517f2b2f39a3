//! Doing something the first time an element scrolls into view (IntersectionObserver).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::NodeRef;

type Callback = Closure<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>;
/// The job to run once, taken out when it runs.
type Job = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

/// Watches one element; stops watching when dropped.
pub struct VisibilityWatch {
    observer: web_sys::IntersectionObserver,
    _callback: Callback,
}

impl Drop for VisibilityWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Run `job` now, but outside the caller's stack (an observer's callback may be dropped by
/// what the job sets off).
fn soon(job: impl FnOnce() + 'static) {
    wasm_bindgen_futures::spawn_local(async move { job() });
}

/// Call `on_visible` once, the first time the element behind `node` enters the viewport.
/// Keep the returned watch alive for as long as it should wait. Where the element is gone
/// the job never runs; where the browser has no IntersectionObserver it runs at once.
#[must_use]
pub fn when_visible(
    node: &NodeRef,
    on_visible: impl FnOnce() + 'static,
) -> Option<VisibilityWatch> {
    let element = node.cast::<web_sys::Element>()?;
    let job: Job = Rc::new(RefCell::new(Some(Box::new(on_visible))));
    let callback: Callback = {
        let job = Rc::clone(&job);
        Closure::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                let visible = entries.iter().any(|e| {
                    e.dyn_into::<web_sys::IntersectionObserverEntry>()
                        .is_ok_and(|e| e.is_intersecting())
                });
                if !visible {
                    return;
                }
                observer.disconnect();
                if let Some(job) = job.borrow_mut().take() {
                    soon(job);
                }
            },
        )
    };
    let Ok(observer) = web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()) else {
        if let Some(job) = job.borrow_mut().take() {
            soon(job);
        }
        return None;
    };
    observer.observe(&element);
    Some(VisibilityWatch {
        observer,
        _callback: callback,
    })
}
