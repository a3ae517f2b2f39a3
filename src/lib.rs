//! Fazhi Lens, the Yew single-page app, and its Web Worker. Everything runs in the browser:
//! the page (`src/main.rs` → [`run_app`]) shows the reports; the worker (`src/worker.rs` →
//! [`run_worker`]) decodes and analyses them with `fazhi_core` and builds .xlsx files. Two
//! wasm binaries over this one library: each links only what its entry point reaches.

mod app;
mod batch;
mod chart_options;
mod components;
mod crash;
mod export;
mod i18n;
mod job;
mod segments;
mod services;
mod session;
mod state;
mod xlsx;

/// The page: a crash message for any panic, then the app.
pub fn run_app() {
    services::crash::install_page_hook();
    yew::Renderer::<app::App>::new().render();
}

/// The worker: take jobs from the page until it goes away.
pub fn run_worker() {
    services::worker_scope::listen();
}
