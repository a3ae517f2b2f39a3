//! The real reports in `../shared/corpus/` against their gold annotations: structure, parts,
//! metadata and the repeated body. (Metric accuracy is asserted by the metrics tests.)
//!
//! The corpus lives outside the repository; when it is absent the test says so and passes.

use std::path::PathBuf;

use fazhi_core::eval::{self, Score};
use fazhi_core::gold::{self, GoldReport};
use fazhi_core::{analyze, decode};

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
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(root.join("gold"))
        .expect("gold folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    gold_files.sort();
    assert!(
        !gold_files.is_empty(),
        "no gold files in {}",
        root.display()
    );

    let mut total = Score::default();
    let mut misses = Vec::new();
    for path in &gold_files {
        let json = std::fs::read_to_string(path).expect("read gold");
        let g: GoldReport = serde_json::from_str(&json).expect("gold schema v1");
        let bytes = std::fs::read(root.join(&g.file)).expect("read report");
        let doc = decode::decode(&bytes, Some(&g.file)).expect("decode report");
        let pred = gold::from_analysis(&g.file, &analyze(&doc.text));
        let s = eval::score(&pred, &g);
        misses.extend(
            s.misses
                .iter()
                .filter(|m| !m.starts_with("metric"))
                .map(|m| format!("{}: {m}", g.file)),
        );
        total.add(&s);

        // Text pasted into the app reaches `analyze` without `decode`'s line-break
        // normalisation: Windows line breaks must not change the result.
        let crlf = doc.text.replace('\n', "\r\n");
        let pred = gold::from_analysis(&g.file, &analyze(&crlf));
        misses.extend(
            eval::score(&pred, &g)
                .misses
                .iter()
                .filter(|m| !m.starts_with("metric"))
                .map(|m| format!("{} (CRLF): {m}", g.file)),
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
    let parts = gold_files.len() * fazhi_core::RequiredPart::ALL.len();
    assert_eq!(total.parts_presence.correct, parts, "parts presence");
    assert_eq!(total.parts_presence.total, parts);
    assert_eq!(total.parts_location.correct, parts, "parts location");
    assert_eq!(total.metadata.correct, 3 * gold_files.len(), "metadata");
    assert_eq!(total.metadata.total, 3 * gold_files.len());
    assert_eq!(total.duplicate.correct, gold_files.len(), "duplicate body");
}
