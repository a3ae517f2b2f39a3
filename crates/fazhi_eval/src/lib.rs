//! fazhi_eval: the gold schema (version 1, `../shared/corpus/README.md`) and the scoring of
//! [`fazhi_core::analyze`] against it, with the corpus I/O that reads reports and their gold.
//!
//! It lives outside `fazhi_core` so the wasm app does not carry it: the CLI (`fazhi eval`,
//! `fazhi analyze --format gold`) and the accuracy tests use it.

pub mod gold;
mod score;
pub mod thresholds;

pub use score::*;
pub use thresholds::Thresholds;
