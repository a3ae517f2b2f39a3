//! fazhi_core: the pure-Rust analysis of Chinese rule-of-law government annual reports
//! (法治政府建设年度报告).
//!
//! The entry points are [`decode::decode`] (bytes of a .txt/.html/.docx file → text) and
//! [`analyze`] (text → [`Analysis`]). `analyze` cannot fail and never panics: whatever it
//! cannot make sense of becomes a [`Diagnostic`]. Every span it returns is a byte range into
//! the text it was given.

pub mod check;
pub mod clean;
pub mod decode;
pub mod export;
pub mod fold;
pub mod lang;
pub mod meta;
pub mod metrics;
pub mod model;
pub mod parts;
pub mod review;
pub mod split;
pub mod structure;
pub mod text;

pub use lang::Lang;
pub use model::*;
pub use structure::heading_at;

/// Analyse one report text.
///
/// Invisible characters and traditional characters are folded first ([`fold`]); the
/// analysis is then of the folded text, with every span carried back to `text`.
#[must_use]
pub fn analyze(text: &str) -> Analysis {
    match fold::fold(text) {
        None => analyze_folded(text),
        Some(folded) => {
            let mut analysis = analyze_folded(&folded.text);
            folded.restore(&mut analysis, text);
            analysis
        }
    }
}

/// The one-way pipeline over a text that needs no folding.
fn analyze_folded(text: &str) -> Analysis {
    let cleaned = clean::locate(text);
    let structure = structure::parse(text, cleaned.body, &cleaned.furniture);
    let (parts, part_notes) = parts::classify_explained(text, &structure.headings);
    let metadata = meta::extract(text, &cleaned, &structure);
    let metrics = metrics::extract(
        text,
        cleaned.body,
        &structure.headings,
        cleaned.furniture_in_body(),
    );

    let mut diagnostics = cleaned.diagnostics;
    diagnostics.extend(structure.diagnostics);
    diagnostics.extend(part_notes);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The innermost section, found the slow way.
    fn heading_at_by_scan(headings: &[Heading], offset: usize) -> Option<usize> {
        headings
            .iter()
            .enumerate()
            .filter(|(_, h)| h.section.contains(offset))
            .max_by_key(|(_, h)| h.level)
            .map(|(i, _)| i)
    }

    #[test]
    fn heading_at_agrees_with_a_scan() {
        let text = "前言\n一、甲\n（一）乙\n1.丙\n正文\n（1）丁\n（二）戊\n正文\n二、己\n2.庚\n尾";
        let a = analyze(text);
        assert_eq!(a.headings.len(), 7, "{:?}", a.headings);
        for offset in 0..=text.len() + 1 {
            assert_eq!(
                heading_at(&a.headings, offset),
                heading_at_by_scan(&a.headings, offset),
                "offset {offset}"
            );
        }
        assert_eq!(heading_at(&[], 3), None);
    }
}
