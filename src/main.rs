//! Fazhi Lens, the Yew single-page app. Everything runs in the browser: files and pasted
//! text are decoded and analysed by `fazhi_core` compiled to WebAssembly.

mod app;
mod chart_options;
mod components;
mod export;
mod i18n;
mod segments;
mod services;
mod state;
mod xlsx;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
