//! The metric case table `tests/cases/metrics.txt` (format described at its top), run by
//! one `check()` helper: every metric found must be expected, in order, with the same text,
//! value, unit and approximation, and the same subject, category, upper bound, change and
//! written unit wherever the case gives them.

mod common;
use common::unescape;
use std::fmt::Write as _;
use std::str::FromStr;

use fazhi_core::{analyze, metrics, Approx, Change, Heading, HeadingLevel, Metric, Span};
use rust_decimal::Decimal;

const CASES: &str = include_str!("cases/metrics.txt");

/// One expected metric: the four required fields and optional `key=value` checks.
#[derive(Debug)]
struct Expected {
    text: String,
    value: String,
    unit: String,
    approx: String,
    extra: Vec<(String, String)>,
}

#[derive(Debug)]
struct Case {
    line: usize,
    input: String,
    heading: Option<String>,
    analyze: bool,
    expected: Vec<Expected>,
}

fn parse_cases(src: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let line_no = i + 1;
        if let Some(input) = line.strip_prefix('>') {
            let input = input.strip_prefix(' ').unwrap_or(input);
            cases.push(Case {
                line: line_no,
                input: unescape(input),
                heading: None,
                analyze: false,
                expected: Vec::new(),
            });
            continue;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let case = cases
            .last_mut()
            .unwrap_or_else(|| panic!("line {line_no}: directive before the first case"));
        if let Some(marker) = trimmed.strip_prefix("@heading ") {
            case.heading = Some(marker.trim().to_owned());
        } else if trimmed == "@analyze" {
            case.analyze = true;
        } else if let Some(spec) = line.strip_prefix('=') {
            let fields: Vec<&str> = spec.split('|').map(str::trim).collect();
            assert!(
                fields.len() >= 4,
                "line {line_no}: need TEXT | VALUE | UNIT | APPROX"
            );
            let extra = fields[4..]
                .iter()
                .map(|kv| {
                    let (k, v) = kv
                        .split_once('=')
                        .unwrap_or_else(|| panic!("line {line_no}: bad key=value {kv:?}"));
                    (k.trim().to_owned(), v.trim().to_owned())
                })
                .collect();
            case.expected.push(Expected {
                // The text may hold significant white space (`23 起`): keep it, only
                // dropping the single space that follows `=` and precedes `|`.
                text: unescape(spec.split('|').next().unwrap_or("").trim_matches(' ')),
                value: fields[1].to_owned(),
                unit: fields[2].to_owned(),
                approx: fields[3].to_owned(),
                extra,
            });
        } else {
            panic!("line {line_no}: unknown line {line:?}");
        }
    }
    cases
}

/// A level-4 heading whose marker is the first occurrence of `marker` in `text`.
fn heading_for(text: &str, marker: &str) -> Heading {
    let start = text
        .find(marker)
        .unwrap_or_else(|| panic!("marker {marker:?} not in {text:?}"));
    let end = start + marker.len();
    Heading {
        level: HeadingLevel::L4,
        marker: marker.to_owned(),
        number: 1,
        title: String::new(),
        path: marker.to_owned(),
        marker_span: Span::new(start, end),
        title_span: Span::new(end, end),
        section: Span::new(start, text.len()),
        parent: None,
        run_in: true,
    }
}

fn change_key(c: Option<Change>) -> &'static str {
    match c {
        Some(Change::Increase) => "increase",
        Some(Change::Decrease) => "decrease",
        None => "none",
    }
}

fn run(case: &Case) -> Vec<Metric> {
    if case.analyze {
        return analyze(&case.input).metrics;
    }
    let headings: Vec<Heading> = case
        .heading
        .iter()
        .map(|m| heading_for(&case.input, m))
        .collect();
    metrics::extract(&case.input, Span::new(0, case.input.len()), &headings, &[])
}

/// Compare what extraction finds in each case with what the case expects; report every
/// difference at once.
fn check(cases: &[Case]) -> Result<(), String> {
    let mut failures = String::new();
    for case in cases {
        let got = run(case);
        let mut problems = Vec::new();
        if got.len() != case.expected.len() {
            problems.push(format!(
                "found {} metric(s) {:?}, expected {} {:?}",
                got.len(),
                got.iter().map(|m| m.text.as_str()).collect::<Vec<_>>(),
                case.expected.len(),
                case.expected
                    .iter()
                    .map(|e| e.text.as_str())
                    .collect::<Vec<_>>()
            ));
        }
        for (m, e) in got.iter().zip(&case.expected) {
            let want_value = Decimal::from_str(&e.value)
                .unwrap_or_else(|_| panic!("line {}: bad value {:?}", case.line, e.value));
            let mut diff = |what: &str, got: &str, want: &str| {
                if got != want {
                    problems.push(format!("{}: {what} {got:?}, expected {want:?}", e.text));
                }
            };
            diff("text", &m.text, &e.text);
            diff(
                "value",
                &m.value.normalize().to_string(),
                &want_value.normalize().to_string(),
            );
            diff("unit", &m.unit, &e.unit);
            diff("approx", m.approx.key(), &e.approx);
            for (k, v) in &e.extra {
                match k.as_str() {
                    "subject" => diff("subject", &m.subject, v),
                    "category" => diff("category", m.category.key(), v),
                    "upper" => diff(
                        "upper",
                        &m.upper
                            .map(|u| u.normalize().to_string())
                            .unwrap_or_default(),
                        &Decimal::from_str(v)
                            .map_or_else(|_| v.clone(), |d| d.normalize().to_string()),
                    ),
                    "change" => diff("change", change_key(m.change), v),
                    "unit_written" => diff("unit_written", &m.unit_written, v),
                    other => panic!("line {}: unknown key {other:?}", case.line),
                }
            }
            // Invariants of every metric.
            if m.span.slice(&case.input) != m.text {
                problems.push(format!("{}: span does not hold the text", e.text));
            }
            if let Some(s) = m.subject_span {
                if s.slice(&case.input) != m.subject {
                    problems.push(format!(
                        "{}: subject_span does not hold the subject",
                        e.text
                    ));
                }
            }
            if !(m.sentence.start <= m.span.start && m.span.start <= m.sentence.end) {
                problems.push(format!("{}: sentence does not hold the metric", e.text));
            }
            if m.approx != Approx::Exact && m.approx.key() == "exact" {
                problems.push(format!("{}: approx key mismatch", e.text));
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
fn case_table() {
    let cases = parse_cases(CASES);
    assert!(cases.len() >= 200, "only {} cases", cases.len());
    if let Err(failures) = check(&cases) {
        panic!("metric cases failed:\n{failures}");
    }
}

#[test]
fn case_table_covers_both_outcomes() {
    let cases = parse_cases(CASES);
    let empty = cases.iter().filter(|c| c.expected.is_empty()).count();
    let with = cases.len() - empty;
    assert!(empty >= 50, "{empty} cases expect nothing");
    assert!(with >= 150, "{with} cases expect metrics");
}

#[test]
fn check_reports_a_wrong_expectation() {
    // The helper itself must fail when an expectation is wrong.
    let cases = parse_cases(
        "> 共受理申请12件。\n= 12件 | 13 | 件 | exact\n> 无数字。\n= 1件 | 1 | 件 | exact\n",
    );
    let err = check(&cases).expect_err("wrong expectations must fail");
    assert!(err.contains("value"), "{err}");
    assert!(err.contains("found 0 metric(s)"), "{err}");
}

#[test]
fn metrics_are_in_document_order_with_sections() {
    let text = "一、主要成效\n（一）依法行政\n1.完成审批事项154项，公示信息40条。\n二、存在问题\n（一）队伍建设\n全年新增执法人员3名。";
    let a = analyze(text);
    let starts: Vec<usize> = a.metrics.iter().map(|m| m.span.start).collect();
    let mut sorted = starts.clone();
    sorted.sort_unstable();
    assert_eq!(starts, sorted);
    assert_eq!(
        a.metrics
            .iter()
            .map(|m| m.text.as_str())
            .collect::<Vec<_>>(),
        ["154项", "40条", "3名"]
    );
    for m in &a.metrics {
        if let Some(h) = m.heading {
            assert_eq!(m.section_path, a.headings[h].path);
            assert!(a.headings[h].section.contains(m.span.start));
        } else {
            assert!(m.section_path.is_empty());
        }
    }
}
