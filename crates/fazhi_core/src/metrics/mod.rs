//! Stated quantities: numbers, units, approximation, subject and category.

use crate::{Heading, Metric, Span};

/// Extract every stated quantity inside `body` (TODO: issue 4).
#[must_use]
pub fn extract(_text: &str, _body: Span, _headings: &[Heading]) -> Vec<Metric> {
    Vec::new()
}
