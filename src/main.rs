//! The page's wasm binary: mounts the app (see `lib.rs`).

fn main() {
    fazhi_lens::run_app();
}
