//! The project's own held-out set: `tests/heldout/*.txt`, made-up reports written in the
//! style of the corpus, and `tests/heldout/gold/*.json`, their gold analysis in schema v1,
//! annotated by hand before the analyzer was run on them. Unlike `../shared/corpus`, these
//! ship with the repository, so this test always runs. It holds the analyzer to
//! [`fazhi_eval::thresholds::HELDOUT`] on reports whose rules were not tuned by looking at
//! them first.

use std::path::Path;

use fazhi_eval::{self as eval, thresholds, Score};

#[test]
fn heldout_reports_meet_targets() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/heldout");
    let cases = eval::load_corpus(&dir, &dir.join("gold")).expect("held-out reports and gold load");
    assert!(cases.len() >= 8, "only {} held-out reports", cases.len());
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
    let failures = thresholds::HELDOUT.failures(&total);
    assert!(
        failures.is_empty(),
        "below target: {}\n{report}",
        failures.join("; ")
    );
}
