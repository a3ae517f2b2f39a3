//! Metric accuracy on the real reports in `../shared/corpus` (outside the repository; the
//! test is skipped with a message when it is not there).

use std::fmt::Write as _;
use std::path::PathBuf;

use fazhi_core::eval::{self, Score};
use fazhi_core::gold::{self, GoldReport};
use fazhi_core::{analyze, decode};

const MIN_PRECISION: f64 = 0.97;
const MIN_RECALL: f64 = 0.97;
const MIN_FIELDS: f64 = 0.99;

fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ))
}

#[test]
fn corpus_metrics_meet_targets() {
    let corpus = corpus_dir();
    if !corpus.is_dir() {
        eprintln!(
            "skipping: ../shared/corpus not found ({})",
            corpus.display()
        );
        return;
    }
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(corpus.join("gold"))
        .expect("corpus has a gold directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    gold_files.sort();
    assert!(
        !gold_files.is_empty(),
        "no gold files in {}",
        corpus.display()
    );

    let mut total = Score {
        file: "TOTAL".into(),
        ..Score::default()
    };
    let mut report = String::new();
    for path in &gold_files {
        let g: GoldReport = serde_json::from_str(
            &std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let bytes =
            std::fs::read(corpus.join(&g.file)).unwrap_or_else(|e| panic!("{}: {e}", g.file));
        let doc =
            decode::decode(&bytes, Some(&g.file)).unwrap_or_else(|e| panic!("{}: {e}", g.file));
        let pred = gold::from_analysis(&g.file, &analyze(&doc.text));
        let s = eval::score(&pred, &g);
        for line in s.misses.iter().filter(|m| m.starts_with("metric")) {
            let _ = writeln!(report, "{}: {line}", g.file);
        }
        total.add(&s);
    }
    let m = total.metrics;
    let summary = format!(
        "metrics P {:.3} R {:.3} ({}/{}/{}), value+unit+approx {}/{} ({:.3}), subject {}/{}",
        m.precision(),
        m.recall(),
        m.matched,
        m.predicted,
        m.expected,
        total.metric_fields.correct,
        total.metric_fields.total,
        total.metric_fields.rate(),
        total.metric_subjects.correct,
        total.metric_subjects.total,
    );
    eprintln!("{summary}\n{report}");
    assert!(m.expected > 0, "gold lists no metrics");
    assert!(
        m.precision() >= MIN_PRECISION,
        "precision too low: {summary}\n{report}"
    );
    assert!(
        m.recall() >= MIN_RECALL,
        "recall too low: {summary}\n{report}"
    );
    assert!(
        total.metric_fields.rate() >= MIN_FIELDS,
        "value+unit+approx too low: {summary}\n{report}"
    );
}
