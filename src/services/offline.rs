//! The service worker (`www/sw.js`) that keeps the app usable offline: registered once the
//! page has started, for the folder the page is served from, with this build's id (the
//! same as the worker's URLs), so a new deployment installs a new one with a new cache.

use wasm_bindgen_futures::JsFuture;

/// This build's id: the commit (`FAZHI_BUILD_ID`, set by xtask), else the crate version.
#[must_use]
pub fn build_id() -> &'static str {
    option_env!("FAZHI_BUILD_ID").unwrap_or(env!("CARGO_PKG_VERSION"))
}

/// Register the service worker. Quietly does nothing where service workers are not
/// available (an insecure origin, a private window that forbids them).
pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    // `navigator.serviceWorker` is missing outside secure contexts.
    if !js_sys::Reflect::has(navigator.as_ref(), &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    let opts = web_sys::RegistrationOptions::new();
    opts.set_scope("./");
    let url = format!("./sw.js?v={}", build_id());
    let promise = container.register_with_options(&url, &opts);
    wasm_bindgen_futures::spawn_local(async move {
        // A failed registration only means no offline use; the app runs as before.
        let _ = JsFuture::from(promise).await;
    });
}
