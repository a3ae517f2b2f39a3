//! The review card of each of the five reports in `../shared/corpus`, written by hand from
//! reading the reports (before the review code existed), held as a test.
//!
//! Skips with a message when the corpus is absent; fails when it is present and any verdict
//! or count differs.

use std::path::PathBuf;

use fazhi_core::review::{review, ReviewSettings, Status};
use fazhi_core::{analyze, check};

/// One report's expected card: the status of every check, in the card's order, and the
/// counts a reader can verify by hand.
struct Expected {
    file: &'static str,
    /// (check id, status) for all twelve checks.
    statuses: [(&'static str, Status); 12],
    /// Acts of the principal leader marked in the first-responsible-person section: exact
    /// where the section is short enough to count by hand, else the floor counted by hand
    /// and a ceiling well under what a second copy or a loose word list would give.
    acts: std::ops::RangeInclusive<usize>,
    /// Sentences of the shortcomings section that give a cause or a figure.
    concrete_shortcomings: usize,
    /// Distinct measures of the next-year plan.
    plan_measures: usize,
}

use Status::{Missing, Ok, Unknown, Warning};

/// Written by hand. Reasons, report by report:
/// - 000 乳山: four parts under their own headings; the leader's section names 学法, 部署,
///   督办, 专题会议研究, 听取汇报 (more than two acts); the two shortcomings name weak spots
///   but give no cause and no figure; the plan has three measures with no figure or date;
///   no title line (the report opens with its addressee); body, year and signature date
///   present; dated 2025-01-08, before 2025-04-01.
/// - 001 福田: the leader's section (一、(五)) restates the duty and the bureau's work: its
///   only 部署 is the higher authorities' 决策部署, so no act of the leader's own; the
///   shortcomings give a cause (由于…等原因); plan: three measures, no figure or date;
///   title in the usual form; dated 2023-12-20.
/// - 002 拱墅: the page repeats the whole report; reviewed once, so one act (带队执法办案),
///   one concrete shortcoming sentence (由于…) and four plan measures, not twice as many; the
///   leader's section is otherwise general (督促…依法办事 is the duty's own wording);
///   title in the usual form; dated 2024-02-19.
/// - 003 大冶: no section for the principal leader, so both checks on it are missing; one
///   shortcoming sentence gives a cause (容易导致); plan: two measures, no figure or date;
///   no title, no signature date: timeliness unknown.
/// - 004 开平: one-line report; the leader's section names 部署, 召开 (15次党委会), 研究部署;
///   the four shortcomings give no cause and no figure; the plan is one paragraph (one
///   measure) with a time word (按季度); no title line, no date: timeliness unknown.
const EXPECTED: [Expected; 5] = [
    Expected {
        file: "000_95b0052589eb6c70.txt",
        statuses: [
            ("part_measures", Ok),
            ("part_shortcomings", Ok),
            ("part_first_responsible_person", Ok),
            ("part_next_year", Ok),
            ("part_other", Ok),
            ("first_responsible_acts", Ok),
            ("shortcomings_concrete", Warning),
            ("next_year_plan", Warning),
            ("concreteness", Ok),
            ("title_form", Missing),
            ("identification", Ok),
            ("timeliness", Ok),
        ],
        acts: 5..=20,
        concrete_shortcomings: 0,
        plan_measures: 3,
    },
    Expected {
        file: "001_0b240f21bf4fefce.txt",
        statuses: [
            ("part_measures", Ok),
            ("part_shortcomings", Ok),
            ("part_first_responsible_person", Ok),
            ("part_next_year", Ok),
            ("part_other", Ok),
            ("first_responsible_acts", Warning),
            ("shortcomings_concrete", Ok),
            ("next_year_plan", Warning),
            ("concreteness", Ok),
            ("title_form", Ok),
            ("identification", Ok),
            ("timeliness", Ok),
        ],
        acts: 0..=0,
        concrete_shortcomings: 1,
        plan_measures: 3,
    },
    Expected {
        file: "002_5c4622553a17020d.txt",
        statuses: [
            ("part_measures", Ok),
            ("part_shortcomings", Ok),
            ("part_first_responsible_person", Ok),
            ("part_next_year", Ok),
            ("part_other", Ok),
            ("first_responsible_acts", Warning),
            ("shortcomings_concrete", Ok),
            ("next_year_plan", Warning),
            ("concreteness", Ok),
            ("title_form", Ok),
            ("identification", Ok),
            ("timeliness", Ok),
        ],
        acts: 1..=1,
        concrete_shortcomings: 1,
        plan_measures: 4,
    },
    Expected {
        file: "003_a32637149bd3b76f.txt",
        statuses: [
            ("part_measures", Ok),
            ("part_shortcomings", Ok),
            ("part_first_responsible_person", Missing),
            ("part_next_year", Ok),
            ("part_other", Ok),
            ("first_responsible_acts", Missing),
            ("shortcomings_concrete", Ok),
            ("next_year_plan", Warning),
            ("concreteness", Ok),
            ("title_form", Missing),
            ("identification", Warning),
            ("timeliness", Unknown),
        ],
        acts: 0..=0,
        concrete_shortcomings: 1,
        plan_measures: 2,
    },
    Expected {
        file: "004_3850d62f0c9a890a.txt",
        statuses: [
            ("part_measures", Ok),
            ("part_shortcomings", Ok),
            ("part_first_responsible_person", Ok),
            ("part_next_year", Ok),
            ("part_other", Ok),
            ("first_responsible_acts", Ok),
            ("shortcomings_concrete", Warning),
            ("next_year_plan", Warning),
            ("concreteness", Ok),
            ("title_form", Missing),
            ("identification", Warning),
            ("timeliness", Unknown),
        ],
        acts: 3..=4,
        concrete_shortcomings: 0,
        plan_measures: 1,
    },
];

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIP: {} is absent; the corpus review expectations were not checked",
            dir.display()
        );
        None
    }
}

#[test]
fn corpus_cards_match_the_hand_written_expectations() {
    let Some(dir) = corpus_dir() else { return };
    let mut failures = Vec::new();
    for exp in &EXPECTED {
        let text = std::fs::read_to_string(dir.join(exp.file))
            .unwrap_or_else(|e| panic!("{} is in the corpus README but unreadable: {e}", exp.file));
        let analysis = analyze(&text);
        assert_eq!(check::soundness(&text, &analysis), Result::Ok(()));
        let card = review(&text, &analysis, &ReviewSettings::default());
        let got: Vec<(&str, Status)> = card.checks.iter().map(|c| (c.id.key(), c.status)).collect();
        if got != exp.statuses {
            failures.push(format!(
                "{}: statuses\n  got      {got:?}\n  expected {:?}",
                exp.file, exp.statuses
            ));
        }
        let acts = card.first_responsible.acts.len();
        if !exp.acts.contains(&acts) {
            failures.push(format!(
                "{}: {acts} acts, expected {:?}",
                exp.file, exp.acts
            ));
        }
        let counts = (card.shortcomings.concrete.len(), card.next_year.measures);
        let want = (exp.concrete_shortcomings, exp.plan_measures);
        if counts != want {
            failures.push(format!(
                "{}: (concrete shortcomings, plan measures) got {counts:?}, expected {want:?}",
                exp.file
            ));
        }
        // Reviewed once: no evidence lies after the report's body, where a page carries
        // its repeat (the title and the page's date fields may lie before the body).
        for c in &card.checks {
            for e in &c.evidence {
                assert!(
                    e.start <= e.end && e.end <= analysis.body.end,
                    "{}: {} evidence {e:?} outside the body {:?}",
                    exp.file,
                    c.id.key(),
                    analysis.body
                );
                if let Some(dup) = analysis.duplicate {
                    assert!(
                        e.end <= dup.start || e.start >= dup.end,
                        "{}: evidence in the repeat",
                        exp.file
                    );
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn corpus_002_repeats_its_body_and_the_card_counts_it_once() {
    let Some(dir) = corpus_dir() else { return };
    let text = std::fs::read_to_string(dir.join("002_5c4622553a17020d.txt")).expect("002 readable");
    let analysis = analyze(&text);
    let dup = analysis
        .duplicate
        .expect("002's page repeats the body (corpus README)");
    // The repeat holds the same sentences: counted in it, the acts and concrete sentences
    // would double.
    let repeat = dup.slice(&text);
    assert!(
        repeat.contains("带队执法办案"),
        "the repeat holds the leader's section too"
    );
    let card = review(&text, &analysis, &ReviewSettings::default());
    assert_eq!(card.first_responsible.acts.len(), 1);
    assert_eq!(card.shortcomings.concrete.len(), 1);
}
