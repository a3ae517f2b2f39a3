//! The `fazhi` binary end to end: `analyze` in both formats, `eval` with its thresholds,
//! and clear failures for bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fazhi_core/tests/fixtures/structure"
);

fn fazhi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .args(args)
        .output()
        .expect("the fazhi binary runs")
}

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fazhi-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("gold")).expect("temp dir");
    dir
}

#[test]
fn analyze_gold_prints_schema_v1_fields_in_order() {
    let out = fazhi(&["analyze", "--format", "gold", &fixture("title_block.txt")]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    let keys = [
        "\"file\"",
        "\"agency\"",
        "\"year\"",
        "\"published\"",
        "\"duplicate_body\"",
        "\"headings\"",
        "\"parts\"",
        "\"metrics\"",
    ];
    let positions: Vec<usize> = keys
        .iter()
        .map(|k| text.find(k).unwrap_or_else(|| panic!("{k} missing")))
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "fields out of order: {positions:?}"
    );
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(v["file"], "title_block.txt");
    assert_eq!(v["agency"], "望岭县审计局");
    assert_eq!(v["year"], 2024);
    assert_eq!(v["published"], "2025-02-12");
    assert_eq!(v["parts"]["shortcomings"], serde_json::json!(["二、"]));
    assert_eq!(v["parts"]["next_year_plan"], serde_json::json!([]));
}

#[test]
fn analyze_json_holds_text_and_spans_for_several_files() {
    let out = fazhi(&["analyze", &fixture("gbk.txt"), &fixture("numbered.docx")]);
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let reports = v.as_array().expect("an array for several files");
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["encoding"], "GBK");
    assert_eq!(reports[1]["format"], "docx");
    for r in reports {
        let text = r["text"].as_str().expect("text");
        for h in r["analysis"]["headings"].as_array().expect("headings") {
            let (s, e) = (
                h["marker_span"]["start"].as_u64().unwrap_or(0),
                h["marker_span"]["end"].as_u64().unwrap_or(0),
            );
            let marker = text
                .get(s as usize..e as usize)
                .expect("marker span on char boundaries");
            assert_eq!(marker, h["marker"].as_str().expect("marker"));
        }
    }
}

#[test]
fn bad_input_fails_with_a_message_and_the_other_files_go_on() {
    let dir = temp_dir("bad");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let out = fazhi(&[
        "analyze",
        "--format",
        "gold",
        empty.to_str().expect("utf-8 path"),
        &fixture("title_block.txt"),
    ]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("empty.txt"),
        "{out:?}"
    );
    assert!(
        stdout(&out).contains("望岭县审计局"),
        "the good file is still analysed"
    );
    let out = fazhi(&["analyze", "--format", "xml", &fixture("title_block.txt")]);
    assert_eq!(out.status.code(), Some(2));
    let out = fazhi(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
}

/// Write a corpus of one fixture with a gold file made from `edit(analysis as gold)`.
fn corpus_with_gold(name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let dir = temp_dir(name);
    let src = fixture("full_width.txt");
    std::fs::copy(&src, dir.join("full_width.txt")).expect("copy fixture");
    let out = fazhi(&["analyze", "--format", "gold", &src]);
    let mut gold: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("gold JSON");
    edit(&mut gold);
    std::fs::write(dir.join("gold/full_width.json"), gold.to_string()).expect("write gold");
    dir
}

fn eval(dir: &Path, extra: &[&str]) -> Output {
    let corpus = dir.to_str().expect("utf-8 path");
    let gold = dir.join("gold");
    let mut args = vec!["eval", corpus, gold.to_str().expect("utf-8 path")];
    args.extend(extra);
    fazhi(&args)
}

#[test]
fn eval_passes_when_thresholds_are_met() {
    let dir = corpus_with_gold("pass", |_| {});
    let out = eval(
        &dir,
        &[
            "--min-heading-f1",
            "1.0",
            "--min-parts",
            "1.0",
            "--min-metadata",
            "1.0",
        ],
    );
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("eval: all thresholds met"));
}

#[test]
fn eval_lists_misses_and_fails_below_threshold() {
    let dir = corpus_with_gold("fail", |g| {
        g["headings"]
            .as_array_mut()
            .expect("headings")
            .push(serde_json::json!({"level": 1, "marker": "九、", "title": "不存在的标题"}));
        g["agency"] = serde_json::json!("别的局");
    });
    let out = eval(&dir, &["--min-heading-f1", "1.0", "--min-metadata", "1.0"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("heading missed: L1 九、不存在的标题"),
        "{text}"
    );
    assert!(text.contains("agency: got"), "{text}");
    assert!(text.contains("BELOW THRESHOLD: heading F1"), "{text}");
    assert!(text.contains("BELOW THRESHOLD: metadata"), "{text}");
    // Without thresholds the same scores pass.
    assert!(eval(&dir, &[]).status.success());
}
