//! Issuing body, year covered and publication date.

use crate::{clean::Cleaned, Metadata};

/// Extract metadata (TODO: issue 3).
#[must_use]
pub fn extract(_text: &str, _cleaned: &Cleaned) -> Metadata {
    Metadata::default()
}
