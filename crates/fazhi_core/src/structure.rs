//! Headings (four GB/T 9704 levels), enumerations and hierarchy checks.

use crate::{Diagnostic, EnumItem, Heading, Span};

/// Headings, enumerations and diagnostics found in the body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    pub headings: Vec<Heading>,
    pub enumerations: Vec<EnumItem>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse the structure of `text` within `body` (TODO: issue 3).
#[must_use]
pub fn parse(_text: &str, _body: Span) -> Structure {
    Structure::default()
}
