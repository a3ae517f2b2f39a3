//! Metric accuracy on the real reports in `../shared/corpus` (outside the repository; the
//! test is skipped with a message when it is not there).

use std::fmt::Write as _;
use std::path::PathBuf;

use fazhi_eval::{self as eval, thresholds, Score};

/// The corpus targets, shared with `fazhi eval --thresholds corpus`.
const MIN_PRECISION: f64 = thresholds::CORPUS.metric_precision;
const MIN_RECALL: f64 = thresholds::CORPUS.metric_recall;
const MIN_FIELDS: f64 = thresholds::CORPUS.metric_fields;
const MIN_SUBJECTS: f64 = thresholds::CORPUS.metric_subjects;

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
    let cases =
        eval::load_corpus(&corpus, &corpus.join("gold")).expect("corpus and gold files load");
    let mut total = Score {
        file: "TOTAL".into(),
        ..Score::default()
    };
    let mut report = String::new();
    for case in &cases {
        let s = case.score();
        for line in s.misses.iter().filter(|m| m.starts_with("metric")) {
            let _ = writeln!(report, "{}: {line}", case.gold.file);
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
    assert!(
        total.metric_subjects.rate() >= MIN_SUBJECTS,
        "subjects too low: {summary}\n{report}"
    );
}
