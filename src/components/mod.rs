//! View components. They display what the analysis holds; state lives in `crate::state`.

pub mod charts;
pub mod compare;
pub mod diagnostics;
pub mod header;
pub mod input;
pub mod metrics_table;
pub mod outline;
pub mod parts;
pub mod report_view;
pub mod text_view;
