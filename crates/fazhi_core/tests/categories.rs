//! The category case table `tests/cases/categories.txt` (format described at its top), run
//! by one `check()` helper: every metric found must be expected, in order, with the same
//! text and category.

mod common;
use common::unescape;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use fazhi_core::{analyze, Category};

const CASES: &str = include_str!("cases/categories.txt");

#[derive(Debug)]
struct Expected {
    text: String,
    category: Category,
}

#[derive(Debug)]
struct Case {
    line: usize,
    input: String,
    expected: Vec<Expected>,
}

fn parse_cases(src: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let line_no = i + 1;
        if let Some(input) = line.strip_prefix('>') {
            cases.push(Case {
                line: line_no,
                input: unescape(input.strip_prefix(' ').unwrap_or(input)),
                expected: Vec::new(),
            });
            continue;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let spec = trimmed
            .strip_prefix('=')
            .unwrap_or_else(|| panic!("line {line_no}: unknown line {line:?}"));
        let (text, key) = spec
            .split_once('|')
            .unwrap_or_else(|| panic!("line {line_no}: need TEXT | CATEGORY"));
        let key = key.trim();
        let category = Category::from_key(key)
            .unwrap_or_else(|| panic!("line {line_no}: unknown category {key:?}"));
        cases
            .last_mut()
            .unwrap_or_else(|| panic!("line {line_no}: expectation before the first case"))
            .expected
            .push(Expected {
                text: unescape(text.trim()),
                category,
            });
    }
    cases
}

/// Run each case through `analyze` and compare the metrics found with the expected ones;
/// report every difference at once.
fn check(cases: &[Case]) -> Result<(), String> {
    let mut failures = String::new();
    for case in cases {
        let got = analyze(&case.input).metrics;
        let mut problems = Vec::new();
        let got_texts: Vec<&str> = got.iter().map(|m| m.text.as_str()).collect();
        let want_texts: Vec<&str> = case.expected.iter().map(|e| e.text.as_str()).collect();
        if got_texts != want_texts {
            problems.push(format!("found {got_texts:?}, expected {want_texts:?}"));
        }
        for (m, e) in got.iter().zip(&case.expected) {
            if m.category != e.category {
                problems.push(format!(
                    "{} (subject {:?}): category {}, expected {}",
                    m.text,
                    m.subject,
                    m.category.key(),
                    e.category.key()
                ));
            }
        }
        if !problems.is_empty() {
            let _ = writeln!(failures, "line {} {:?}:", case.line, case.input);
            for p in problems {
                let _ = writeln!(failures, "    {p}");
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures)
    }
}

#[test]
fn category_case_table() {
    let cases = parse_cases(CASES);
    assert!(cases.len() >= 80, "only {} cases", cases.len());
    if let Err(failures) = check(&cases) {
        panic!("category cases failed:\n{failures}");
    }
}

#[test]
fn every_category_has_several_cases() {
    let cases = parse_cases(CASES);
    let mut per: BTreeMap<Category, usize> = BTreeMap::new();
    for e in cases.iter().flat_map(|c| &c.expected) {
        *per.entry(e.category).or_default() += 1;
    }
    for c in Category::ALL {
        let n = per.get(&c).copied().unwrap_or(0);
        assert!(n >= 4, "{} has only {n} expected metric(s)", c.key());
    }
    assert!(cases.iter().all(|c| !c.expected.is_empty()));
}

#[test]
fn check_reports_a_wrong_expectation() {
    // The helper itself must fail when an expectation is wrong.
    let cases = parse_cases(
        "> 开展执法检查48次。\n= 48次 | training\n> 举办法治专题讲座4场。\n= 4次 | training\n",
    );
    let err = check(&cases).expect_err("wrong expectations must fail");
    assert!(
        err.contains("category inspections, expected training"),
        "{err}"
    );
    assert!(err.contains("found [\"4场\"], expected [\"4次\"]"), "{err}");
}
