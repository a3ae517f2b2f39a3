//! The crash message on the page: a panic hook that puts it up (built with plain DOM calls,
//! since Yew is gone once the program has panicked), and the `?panic-test` switch.

use gloo::events::EventListener;

use crate::crash::{crash_text, panic_test, PanicTest};

/// Show the crash message for every panic in the page, and log the panic with its stack to
/// the console. Through Yew, which would otherwise put its own (console-only) hook in place.
pub fn install_page_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// Put the crash message on the page (once; later calls leave it as it is).
pub fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("crash").is_some() {
        return;
    }
    let Some(body) = document.body() else {
        return;
    };
    let text = crash_text(detail);
    let el = |tag: &str, content: &str| -> Option<web_sys::Element> {
        let e = document.create_element(tag).ok()?;
        e.set_text_content(Some(content));
        Some(e)
    };
    let build = || -> Option<web_sys::Element> {
        let root = document.create_element("div").ok()?;
        root.set_id("crash");
        root.set_class_name("crash");
        root.set_attribute("role", "alert").ok()?;
        root.set_attribute("data-testid", "crash").ok()?;
        let title = el("h2", text.title)?;
        root.append_child(&title).ok()?;
        let zh = el("p", text.zh)?;
        zh.set_attribute("lang", "zh-CN").ok()?;
        root.append_child(&zh).ok()?;
        let en = el("p", text.en)?;
        en.set_attribute("lang", "en").ok()?;
        root.append_child(&en).ok()?;
        let reload = el("button", text.reload)?;
        reload.set_attribute("type", "button").ok()?;
        reload.set_class_name("btn");
        EventListener::new(&reload, "click", |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        })
        .forget();
        root.append_child(&reload).ok()?;
        let details = document.create_element("details").ok()?;
        let summary = el("summary", text.details)?;
        details.append_child(&summary).ok()?;
        let pre = el("pre", &text.detail)?;
        details.append_child(&pre).ok()?;
        root.append_child(&details).ok()?;
        Some(root)
    };
    if let Some(root) = build() {
        let _ = body.prepend_with_node_1(&root);
    }
}

/// Whether the page was opened with `?panic-test` (see [`crate::crash::panic_test`]).
#[must_use]
pub fn panic_test_requested() -> Option<PanicTest> {
    let search = web_sys::window()?.location().search().ok()?;
    panic_test(&search)
}
