//! Finding the report proper inside a saved web page: boilerplate, start/end, repeated body.

use crate::{Diagnostic, Span};

/// Where the report body lies in the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub body: Span,
    pub boilerplate: Vec<Span>,
    pub duplicate: Option<Span>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Locate the body (TODO: boilerplate and repeats; issue 3).
#[must_use]
pub fn locate(text: &str) -> Cleaned {
    Cleaned {
        body: Span::new(0, text.len()),
        ..Cleaned::default()
    }
}
