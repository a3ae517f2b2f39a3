//! The corpus round trip: every report of `../shared/corpus` converted by real generators
//! (`scripts/roundtrip.sh`: LibreOffice → PDF, Chromium → PDF, LibreOffice → .doc, into
//! `target/roundtrip/`) reads back to the same analysis as its `.txt`: the same headings
//! (level and title), the same metrics (value, unit, category), the same parts.
//!
//! Skips, saying why, when the corpus is absent, or when soffice or chromium is missing and
//! the run is not CI; under CI (`CI=true`) a missing tool is a failure.

mod essence;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use fazhi_core::decode::SourceFormat;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", "command -v \"$1\"", "sh", tool])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn decode_file(path: &Path) -> fazhi_core::decode::Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    fazhi_core::decode::decode(&bytes, path.file_name().and_then(|n| n.to_str()))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn converted_corpus_reports_read_back_to_the_same_analysis() {
    let corpus = root().join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("skipping: {} not found", corpus.display());
        return;
    }
    let soffice = std::env::var("SOFFICE").unwrap_or_else(|_| "soffice".into());
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let missing: Vec<&str> = [soffice.as_str(), chromium.as_str()]
        .into_iter()
        .filter(|t| !have(t))
        .collect();
    if !missing.is_empty() {
        let msg = format!(
            "{} not found: install libreoffice-writer-nogui and chromium (cargo xtask test does, as root)",
            missing.join(" and ")
        );
        assert!(!on_ci(), "{msg} (CI=true: a missing tool is a failure)");
        eprintln!("skipping the round trip: {msg}");
        return;
    }

    let mut sets = vec![(corpus.clone(), root().join("target/roundtrip"))];
    if std::env::var("FAZHI_ROUNDTRIP_EXCERPTS").is_ok_and(|v| v == "1") {
        sets.push((
            corpus.join("excerpts"),
            root().join("target/roundtrip/excerpts"),
        ));
    }
    let mut failures = Vec::new();
    for (dir, out) in &sets {
        failures.extend(round_trip(dir, out));
    }
    assert!(
        failures.is_empty(),
        "converted files differ from their .txt:\n{}",
        failures.join("\n")
    );
}

/// Conversions that cannot read back the same, and why. Each must still differ (or the
/// entry goes), and only in the titles of its headings: their number and levels, the
/// metrics and the parts stay equal.
const KNOWN_LOSSES: &[(&str, &str)] = &[(
    "chromium-pdf/004_3850d62f0c9a890a.pdf",
    "a report saved as one line, its sections separated by single spaces: Chromium wraps a \
     line exactly at the space after a run-in level-1 heading, and a \
     PDF keeps no glyph for a space at a line wrap, so the heading's title runs on into its \
     first sentence",
)];

/// Convert the reports of `dir` into `out` and compare; the failures, one entry per file.
fn round_trip(dir: &Path, out: &Path) -> Vec<String> {
    let started = Instant::now();
    let status = Command::new("sh")
        .arg(root().join("scripts/roundtrip.sh"))
        .arg(dir)
        .arg(out)
        .status()
        .expect("sh runs scripts/roundtrip.sh");
    assert!(status.success(), "scripts/roundtrip.sh failed: {status}");
    let converted = started.elapsed();

    let mut reports: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    reports.sort();
    assert!(!reports.is_empty(), "no .txt in {}", dir.display());

    let mut failures = Vec::new();
    let mut checked = 0;
    for txt in &reports {
        let name = txt.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let want = essence::essence(&fazhi_core::analyze(&decode_file(txt).text));
        for (file, format) in [
            (format!("soffice-pdf/{name}.pdf"), SourceFormat::Pdf),
            (format!("chromium-pdf/{name}.pdf"), SourceFormat::Pdf),
            (format!("soffice-doc/{name}.doc"), SourceFormat::Doc),
        ] {
            let doc = decode_file(&out.join(&file));
            assert_eq!(doc.format, format, "{file}");
            let got = essence::essence(&fazhi_core::analyze(&doc.text));
            let diff = essence::differences(&want, &got);
            checked += 1;
            let known = KNOWN_LOSSES
                .iter()
                .find(|(f, _)| *f == file && dir == root().join("../shared/corpus"));
            match known {
                None if diff.is_empty() => {}
                None => failures.push(format!("{file}:\n{}", diff.join("\n"))),
                Some(_) if diff.is_empty() => failures.push(format!(
                    "{file} now reads back the same: remove it from KNOWN_LOSSES"
                )),
                Some((_, why)) => {
                    let levels =
                        |e: &essence::Essence| e.headings.iter().map(|h| h.0).collect::<Vec<_>>();
                    if levels(&want) != levels(&got)
                        || want.metrics != got.metrics
                        || want.parts != got.parts
                    {
                        failures.push(format!(
                            "{file} (a known loss in heading titles only):\n{}",
                            diff.join("\n")
                        ));
                    } else {
                        eprintln!("known loss, {file}: {why}");
                    }
                }
            }
        }
    }
    eprintln!(
        "round trip of {}: {checked} converted files of {} reports, converted in {:.1} s, checked in {:.1} s",
        dir.display(),
        reports.len(),
        converted.as_secs_f64(),
        started.elapsed().saturating_sub(converted).as_secs_f64()
    );
    failures
}
