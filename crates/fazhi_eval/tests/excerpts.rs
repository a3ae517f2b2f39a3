//! Accuracy on the openings of 34 real reports in `../shared/corpus/excerpts` (issue #11):
//! page furniture, thematic sections, issuing bodies named only in the first sentence. The
//! targets are [`fazhi_eval::thresholds::EXCERPTS`], the same ones `fazhi eval --thresholds
//! excerpts` and `cargo xtask test` apply.
//!
//! The excerpts live outside the repository: when they are absent the test says so and
//! passes; when they are present a missed target fails it.

use std::path::PathBuf;

use fazhi_eval::{self as eval, thresholds, Score};

#[test]
fn excerpts_meet_targets() {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/excerpts"
    ));
    if !dir.join("gold").is_dir() {
        eprintln!(
            "skipping: ../shared/corpus/excerpts not found (looked in {})",
            dir.display()
        );
        return;
    }
    let cases = eval::load_corpus(&dir, &dir.join("gold")).expect("excerpts and gold load");
    assert!(!cases.is_empty(), "no excerpts");
    let mut total = Score {
        file: "TOTAL".into(),
        ..Score::default()
    };
    let mut report = String::new();
    for case in &cases {
        let s = case.score();
        if !s.misses.is_empty() {
            report.push_str(&eval::render(&s, true));
        }
        total.add(&s);
    }
    report.push_str(&eval::render(&total, false));
    eprintln!("{report}");
    let failures = thresholds::EXCERPTS.failures(&total);
    assert!(
        failures.is_empty(),
        "below target: {}\n{report}",
        failures.join("; ")
    );
}
