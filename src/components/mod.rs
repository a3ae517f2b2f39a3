//! View components. They display what the analysis holds; state lives in `crate::state`.

pub mod charts;
pub mod compare;
pub mod compare_charts;
pub mod diagnostics;
pub mod header;
pub mod input;
pub mod metrics_table;
pub mod outline;
pub mod parts;
pub mod progress;
pub mod report_list;
pub mod report_view;
pub mod review_card;
pub mod review_table;
pub mod text_view;
pub mod trend;

/// How a sortable column header shows its state: its `aria-sort` value and the arrow after
/// its label.
#[must_use]
pub fn sort_indicator(sorted: bool, descending: bool) -> (&'static str, &'static str) {
    match (sorted, descending) {
        (false, _) => ("none", ""),
        (true, false) => ("ascending", " ▲"),
        (true, true) => ("descending", " ▼"),
    }
}
