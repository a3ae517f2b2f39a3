//! fazhi_core: the pure-Rust analysis of Chinese rule-of-law government annual reports
//! (法治政府建设年度报告).
//!
//! The entry points are [`decode::decode`] (bytes of a .txt/.html/.docx file → text) and
//! [`analyze`] (text → [`Analysis`]). `analyze` cannot fail and never panics: whatever it
//! cannot make sense of becomes a [`Diagnostic`]. Every span it returns is a byte range into
//! the text it was given.

pub mod clean;
pub mod decode;
pub mod export;
pub mod lang;
pub mod meta;
pub mod metrics;
pub mod model;
pub mod parts;
pub mod structure;
pub mod text;

pub use lang::Lang;
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
///
/// `headings` are in document order, as [`analyze`] returns them. Sections nest (a section
/// runs to the next heading of the same or a higher level), so the innermost section holding
/// `offset` belongs to the last heading that starts at or before it, or to one of its
/// ancestors: a binary search and a walk up the parents, not a scan of every heading.
#[must_use]
pub fn heading_at(headings: &[Heading], offset: usize) -> Option<usize> {
    let last = headings
        .partition_point(|h| h.section.start <= offset)
        .checked_sub(1)?;
    let mut at = Some(last);
    while let Some(i) = at {
        let h = headings.get(i)?;
        if h.section.contains(offset) {
            return Some(i);
        }
        // Parents come before their children, so this walk ends.
        at = h.parent.filter(|&p| p < i);
    }
    None
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
