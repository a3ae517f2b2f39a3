//! The real reports in `../shared/corpus/` against their gold annotations: structure, parts,
//! metadata and the repeated body. (Metric accuracy is asserted by the metrics tests.)
//!
//! The corpus lives outside the repository; when it is absent the test says so and passes.

use std::path::PathBuf;

use fazhi_eval::{self as eval, thresholds, Score};

#[test]
fn corpus_structure_parts_and_metadata_match_gold() {
    let root = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ));
    if !root.is_dir() {
        eprintln!(
            "skipping: ../shared/corpus not found (looked in {})",
            root.display()
        );
        return;
    }
    let cases = eval::load_corpus(&root, &root.join("gold")).expect("corpus and gold files load");
    let mut total = Score::default();
    let mut misses = Vec::new();
    for case in &cases {
        let file = &case.gold.file;
        let s = case.score();
        misses.extend(
            s.misses
                .iter()
                .filter(|m| !m.starts_with("metric"))
                .map(|m| format!("{file}: {m}")),
        );
        total.add(&s);

        // Text pasted into the app reaches `analyze` without `decode`'s line-break
        // normalisation: Windows line breaks must not change the result.
        let crlf = case.document.text.replace('\n', "\r\n");
        misses.extend(
            case.score_text(&crlf)
                .misses
                .iter()
                .filter(|m| !m.starts_with("metric"))
                .map(|m| format!("{file} (CRLF): {m}")),
        );
    }

    assert!(misses.is_empty(), "misses:\n{}", misses.join("\n"));
    assert!(
        (total.headings.f1() - 1.0).abs() < 1e-9,
        "heading F1 {} ({:?})",
        total.headings.f1(),
        total.headings
    );
    // Five required parts per report.
    let parts = cases.len() * fazhi_core::RequiredPart::ALL.len();
    assert_eq!(total.parts_presence.correct, parts, "parts presence");
    assert_eq!(total.parts_presence.total, parts);
    assert_eq!(total.parts_location.correct, parts, "parts location");
    assert_eq!(total.metadata.correct, 3 * cases.len(), "metadata");
    assert_eq!(total.metadata.total, 3 * cases.len());
    assert_eq!(total.duplicate.correct, cases.len(), "duplicate body");
    // The same targets `fazhi eval --thresholds corpus` applies.
    let failures = thresholds::CORPUS.failures(&total);
    assert!(failures.is_empty(), "below target: {}", failures.join("; "));
}
