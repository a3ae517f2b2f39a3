//! The Web Worker's wasm binary: decodes, analyses and writes workbooks for the page (see
//! `lib.rs` and `services::worker_scope`).

fn main() {
    fazhi_lens::run_worker();
}
