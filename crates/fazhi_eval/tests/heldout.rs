//! The project's own held-out set: `tests/heldout/*.txt`, four made-up reports written in the
//! style of the corpus, and `tests/heldout/gold/*.json`, their gold analysis in schema v1,
//! annotated by hand before the analyzer was run on them. Unlike `../shared/corpus`, these
//! ship with the repository, so this test always runs. It holds the analyzer to the same
//! targets as the corpus, on reports whose rules were not tuned by looking at them first.

use std::path::Path;

use fazhi_eval::{self as eval, Score};

#[test]
fn heldout_reports_meet_targets() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/heldout");
    let cases = eval::load_corpus(&dir, &dir.join("gold")).expect("held-out reports and gold load");
    assert!(cases.len() >= 4, "only {} held-out reports", cases.len());
    let mut total = Score {
        file: "TOTAL".into(),
        ..Score::default()
    };
    let mut report = String::new();
    for case in &cases {
        let s = case.score();
        report.push_str(&eval::render(&s, true));
        total.add(&s);
    }
    eprintln!("{report}{}", eval::render(&total, false));

    let h = total.headings;
    assert!(
        h.expected > 0 && total.metrics.expected > 0,
        "the gold is empty"
    );
    assert!(
        (h.f1() - 1.0).abs() < f64::EPSILON,
        "headings F1 {:.3}",
        h.f1()
    );
    for (name, t) in [
        ("parts presence", total.parts_presence),
        ("parts location", total.parts_location),
        ("metadata", total.metadata),
        ("duplicate body", total.duplicate),
    ] {
        assert_eq!(t.correct, t.total, "{name} {}/{}", t.correct, t.total);
    }
    let m = total.metrics;
    assert!(
        m.precision() >= 0.97,
        "metric precision {:.3}",
        m.precision()
    );
    assert!(m.recall() >= 0.97, "metric recall {:.3}", m.recall());
    assert!(
        total.metric_fields.rate() >= 0.99,
        "value+unit+approx {:.3}",
        total.metric_fields.rate()
    );
    assert!(
        total.metric_subjects.rate() >= 0.95,
        "subjects {:.3}",
        total.metric_subjects.rate()
    );
}
