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

/// Rows of a CSV document that starts with the UTF-8 BOM and ends its rows with CRLF
/// (fields here hold no quoted line breaks).
fn csv_rows(out: &Output) -> Vec<String> {
    let bytes = &out.stdout;
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "BOM first: {out:?}");
    let text = String::from_utf8_lossy(&bytes[3..]).into_owned();
    assert!(text.ends_with("\r\n"), "CRLF at the end");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "no bare LF line ends"
    );
    text.split_terminator("\r\n").map(str::to_owned).collect()
}

/// A directory of reports: two fixtures in a sub-folder, one unreadable file, and a file
/// with another extension that is not a report.
fn batch_dir(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    let sub = dir.join("2024");
    std::fs::create_dir_all(&sub).expect("sub dir");
    std::fs::copy(fixture("full_width.txt"), sub.join("a.txt")).expect("copy");
    std::fs::copy(fixture("numbered.docx"), sub.join("b.docx")).expect("copy");
    std::fs::write(dir.join("notes.md"), "# not a report").expect("write");
    dir
}

#[test]
fn analyze_csv_lists_every_metric_of_every_file_in_a_directory() {
    let dir = batch_dir("csv");
    let out = fazhi(&[
        "analyze",
        "--format",
        "csv",
        dir.to_str().expect("utf-8 path"),
    ]);
    assert!(out.status.success(), "{out:?}");
    let rows = csv_rows(&out);
    assert!(
        rows[0].starts_with("文件,序号,原文,指标,数值,上限,单位"),
        "{}",
        rows[0]
    );
    // Each report's metrics, as the JSON of the same file gives them.
    let mut want = 0;
    for f in ["a.txt", "b.docx"] {
        let path = dir.join("2024").join(f);
        let json = fazhi(&["analyze", path.to_str().expect("utf-8 path")]);
        let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
        let n = v["analysis"]["metrics"].as_array().expect("metrics").len();
        assert!(n > 0, "{f} has metrics");
        let got = rows
            .iter()
            .filter(|r| r.contains(&format!("2024/{f},")))
            .count();
        assert_eq!(got, n, "rows of {f}");
        want += n;
    }
    assert_eq!(rows.len(), 1 + want, "nothing from notes.md");
    // English headers.
    let en = fazhi(&[
        "analyze",
        "--format=csv",
        "--lang",
        "en",
        dir.to_str().expect("utf-8 path"),
    ]);
    assert!(csv_rows(&en)[0].starts_with("file,#,text,subject,value"));
}

#[test]
fn analyze_summary_gives_one_row_per_report() {
    let dir = batch_dir("summary");
    let out = fazhi(&[
        "analyze",
        "--format",
        "summary",
        dir.to_str().expect("utf-8 path"),
    ]);
    assert!(out.status.success(), "{out:?}");
    let rows = csv_rows(&out);
    assert_eq!(rows.len(), 3, "a header and two reports: {rows:?}");
    let header: Vec<&str> = rows[0].split(',').collect();
    let a: Vec<&str> = rows[1].split(',').collect();
    assert_eq!(header.len(), a.len());
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    assert!(a[0].ends_with("2024/a.txt"), "{a:?}");
    assert_eq!(a[col("发布机关")], "青禾县交通运输局");
    assert_eq!(a[col("年度")], "2024");
    assert_eq!(a[col("发布日期")], "2025-01-15");
    assert_eq!(a[col("必备内容")], "4/5");
    assert_eq!(a[col("存在的不足和原因")], "有");
    assert_eq!(a[col("其他情况")], "缺");
    assert_eq!(a[col("指标数")], "8");
    assert!(rows[2]
        .split(',')
        .next()
        .is_some_and(|f| f.ends_with("2024/b.docx")));
}

#[test]
fn analyze_tables_report_bad_files_and_arguments() {
    let dir = batch_dir("bad-table");
    std::fs::write(dir.join("empty.txt"), b"").expect("write");
    let out = fazhi(&[
        "analyze",
        "--format",
        "summary",
        dir.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(1), "a file failed: {out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt"));
    assert_eq!(csv_rows(&out).len(), 3, "the good files are still listed");
    let out = fazhi(&[
        "analyze",
        "--format",
        "summary",
        "--lang",
        "fr",
        dir.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("zh or en"));
    let empty_dir = temp_dir("no-reports");
    let out = fazhi(&[
        "analyze",
        "--format",
        "csv",
        empty_dir.to_str().expect("utf-8 path"),
    ]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no .txt"),
        "{out:?}"
    );
    assert_eq!(csv_rows(&out).len(), 1, "only the header");
}
