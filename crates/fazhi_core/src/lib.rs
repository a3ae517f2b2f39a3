//! fazhi_core: the pure-Rust analysis of Chinese rule-of-law government annual reports
//! (法治政府建设年度报告).
//!
//! The entry points are [`decode::decode`] (bytes of a .txt/.html/.docx file → text) and
//! [`analyze`] (text → [`Analysis`]). `analyze` cannot fail and never panics: whatever it
//! cannot make sense of becomes a [`Diagnostic`]. Every span it returns is a byte range into
//! the text it was given.

pub mod clean;
pub mod decode;
pub mod eval;
pub mod gold;
pub mod meta;
pub mod metrics;
pub mod model;
pub mod parts;
pub mod structure;
pub mod text;

pub use model::*;

/// Analyse one report text.
#[must_use]
pub fn analyze(text: &str) -> Analysis {
    let cleaned = clean::locate(text);
    let structure = structure::parse(text, cleaned.body);
    let parts = parts::classify(text, &structure.headings);
    let metadata = meta::extract(text, &cleaned);
    let metrics = metrics::extract(text, cleaned.body, &structure.headings);

    let mut diagnostics = cleaned.diagnostics;
    diagnostics.extend(structure.diagnostics);
    for loc in &parts {
        if !loc.present() && loc.part != RequiredPart::Other && !structure.headings.is_empty() {
            diagnostics.push(Diagnostic {
                kind: DiagnosticKind::MissingPart,
                severity: Severity::Warning,
                message: format!(
                    "未找到必备内容“{}” (missing: {})",
                    loc.part.name_zh(),
                    loc.part.name_en()
                ),
                span: None,
            });
        }
    }

    Analysis {
        text_len: text.len(),
        body: cleaned.body,
        boilerplate: cleaned.boilerplate,
        duplicate: cleaned.duplicate,
        headings: structure.headings,
        enumerations: structure.enumerations,
        metadata,
        parts,
        metrics,
        diagnostics,
    }
}

/// Index of the innermost heading whose section holds `offset`.
#[must_use]
pub fn heading_at(headings: &[Heading], offset: usize) -> Option<usize> {
    headings
        .iter()
        .enumerate()
        .filter(|(_, h)| h.section.start <= offset && offset < h.section.end)
        .max_by_key(|(_, h)| h.level)
        .map(|(i, _)| i)
}
