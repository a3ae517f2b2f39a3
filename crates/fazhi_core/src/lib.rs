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

/// Build every pattern and word table of the analysis and the review now.
///
/// Each is otherwise built on its first use, which is mid-report: the first reports of a
/// batch, and the first report of each new style (a date, a signature, a title the earlier
/// ones lacked), wait for it, natively about 15 ms in all and in the browser's cold wasm ten
/// times that. The web worker calls the steps of [`PREPARE`] one at a time while it waits for
/// its first job. Calling it again does nothing.
pub fn prepare() {
    for step in PREPARE {
        step();
    }
}

/// [`prepare`] in steps, one per module, each a few ms (natively).
pub const PREPARE: &[fn()] = &[
    fold::prepare,
    clean::prepare,
    structure::prepare,
    parts::prepare,
    meta::prepare,
    metrics::number::prepare,
    metrics::scan::prepare,
    metrics::units::prepare,
    metrics::exclude::prepare,
    metrics::category::prepare,
    metrics::subject::prepare,
    split::prepare,
    review::rules::prepare,
];

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
    /// Every lazily built static (`LazyLock`) of the crate's sources is built by its module's
    /// `prepare`, and every such module's `prepare` is a step of `PREPARE`: a pattern added
    /// later is not left to be built mid-report.
    #[test]
    fn prepare_builds_every_lazy_static() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
        let steps = lib
            .split("pub const PREPARE")
            .nth(1)
            .and_then(|t| t.split("];").next())
            .expect("PREPARE");
        let mut dirs = vec![src.clone()];
        let mut modules = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("src dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let code = std::fs::read_to_string(&path).expect("source");
                // Module-level statics (not indented), but the tests' own (`#[cfg(test)]`).
                let lines: Vec<&str> = code.lines().collect();
                let names: Vec<&str> = lines
                    .iter()
                    .enumerate()
                    .filter(|&(i, line)| {
                        !line.starts_with(char::is_whitespace)
                            && (i == 0 || lines[i - 1] != "#[cfg(test)]")
                    })
                    .filter_map(|(_, line)| line.split_once("static ")?.1.split_once(": LazyLock<"))
                    .map(|(name, _)| name)
                    .filter(|name| {
                        name.chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                    })
                    .collect();
                if names.is_empty() {
                    continue;
                }
                modules += 1;
                let rel = path.strip_prefix(&src).expect("under src");
                let module = rel
                    .with_extension("")
                    .to_string_lossy()
                    .replace(['/', '\\'], "::")
                    .trim_end_matches("::mod")
                    .to_owned();
                let body = code
                    .split("pub(crate) fn prepare() {")
                    .nth(1)
                    .and_then(|t| t.split("\n}").next())
                    .unwrap_or_else(|| panic!("{module} has no prepare()"));
                for name in &names {
                    assert!(
                        body.contains(&format!("LazyLock::force(&{name});")),
                        "{module}::prepare does not build {name}"
                    );
                }
                assert!(
                    steps.contains(&format!("    {module}::prepare,")),
                    "PREPARE lacks {module}::prepare"
                );
            }
        }
        assert_eq!(
            modules,
            super::PREPARE.len(),
            "one step per module with lazy statics"
        );
    }

    #[test]
    fn prepare_is_idempotent_and_changes_no_analysis() {
        let text = "一、主要举措和成效\n全年办理行政许可1.2万件，罚款36万元。\n";
        let before = super::analyze(text);
        super::prepare();
        super::prepare();
        assert_eq!(super::analyze(text), before);
    }

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
