//! `fazhi review`: the JSON and CSV review tables hold the core's verdicts for the same
//! files, in the promised shape; the deadline setting; bad files and arguments.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use fazhi_core::analyze;
use fazhi_core::review::{review, CheckId, ReviewSettings};

fn fazhi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .args(args)
        .output()
        .expect("fazhi runs")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fazhi_core/tests/fixtures/review")
        .join(name)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn json_gives_the_cores_verdicts_in_the_promised_shape() {
    let files = [
        fixture("all_ok.txt"),
        fixture("warnings.txt"),
        fixture("missing.txt"),
    ];
    let args: Vec<&str> = ["review", "--format", "json"]
        .into_iter()
        .chain(files.iter().map(|p| path(p)))
        .collect();
    let out = fazhi(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let reports = json.as_array().expect("an array, one object per file");
    assert_eq!(reports.len(), 3);
    for (report, file) in reports.iter().zip(&files) {
        let text = std::fs::read_to_string(file).expect("fixture");
        let card = review(&text, &analyze(&text), &ReviewSettings::default());
        assert_eq!(
            report["file"],
            file.file_name().and_then(|n| n.to_str()).unwrap_or("")
        );
        let checks = report["checks"].as_array().expect("checks");
        assert_eq!(checks.len(), CheckId::ALL.len());
        for (got, want) in checks.iter().zip(&card.checks) {
            assert_eq!(got["check"], want.id.key());
            assert_eq!(got["status"], want.status.key());
            let spans: Vec<(u64, u64)> = got["evidence"]
                .as_array()
                .expect("evidence")
                .iter()
                .map(|e| {
                    (
                        e["start"].as_u64().unwrap_or(u64::MAX),
                        e["end"].as_u64().unwrap_or(0),
                    )
                })
                .collect();
            let want_spans: Vec<(u64, u64)> = want
                .evidence
                .iter()
                .map(|s| (s.start as u64, s.end as u64))
                .collect();
            assert_eq!(spans, want_spans, "{}", want.id.key());
        }
    }
    // Exactly the promised keys.
    for report in reports {
        let keys: Vec<&str> = report
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(keys, ["file", "checks"]);
        let check_keys: Vec<&str> = report["checks"][0]
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(check_keys, ["check", "status", "evidence", "note"]);
    }
    assert_eq!(reports[0]["checks"][11]["status"], "ok");
    assert_eq!(reports[1]["checks"][11]["status"], "warning");
    assert_eq!(reports[2]["checks"][11]["status"], "unknown");
}

#[test]
fn csv_is_one_row_per_report_with_status_and_excerpt() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fazhi_core/tests/fixtures/review");
    let out = fazhi(&["review", "--format", "csv", "--lang", "en", path(&dir)]);
    // blank.txt has no text: the decoder refuses it (named, exit status 1); the rest go on.
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("blank.txt"));
    let s = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(s.starts_with('\u{feff}'), "BOM for Excel/WPS");
    let rows: Vec<&str> = s
        .trim_start_matches('\u{feff}')
        .split_terminator("\r\n")
        .collect();
    assert_eq!(rows.len(), 4, "header + 3 fixtures: {rows:?}");
    assert!(rows[0].starts_with("file,part_measures,part_measures evidence,"));
    assert!(rows[0].ends_with(",timeliness,timeliness evidence,note"));
    let all_ok = rows
        .iter()
        .find(|r| r.starts_with("all_ok.txt,"))
        .expect("all_ok row");
    assert!(all_ok.contains(",ok,2025年2月10日,"), "{all_ok}");
    let warnings = rows
        .iter()
        .find(|r| r.starts_with("warnings.txt,"))
        .expect("row");
    assert!(warnings.contains(",warning,2024年5月6日,"), "{warnings}");
}

#[test]
fn the_deadline_is_a_setting() {
    let f = fixture("all_ok.txt");
    let timeliness = |extra: &[&str]| {
        let mut args = vec!["review"];
        args.extend_from_slice(extra);
        args.push(path(&f));
        let out = fazhi(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        json[0]["checks"][11]["status"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(timeliness(&[]), "ok");
    assert_eq!(timeliness(&["--deadline", "02-11"]), "ok");
    assert_eq!(timeliness(&["--deadline", "02-10"]), "warning");
}

#[test]
fn bad_files_and_arguments() {
    let f = fixture("all_ok.txt");
    let out = fazhi(&["review", "/nonexistent/report.txt", path(&f)]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        json.as_array().map(Vec::len),
        Some(1),
        "the good file goes on"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/report.txt"));
    for args in [
        vec!["review"],
        vec!["review", "--format", "xml", path(&f)],
        vec!["review", "--deadline", "13-40", path(&f)],
        vec!["review", "--lang", "fr", path(&f)],
    ] {
        assert_eq!(fazhi(&args).status.code(), Some(2), "{args:?}");
    }
}
