//! The `fazhi` binary end to end: `analyze` in every format, `eval` with its thresholds,
//! and clear failures for bad input: files too large, not regular files, link loops,
//! unreadable directories, a closed pipe, a full disk, gold files outside the corpus.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

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

/// Run `fazhi` with `args` (and whatever `configure` sets), and kill it if it has not
/// finished within `secs`: a test of something that used to hang fails instead.
fn fazhi_within(secs: u64, args: &[&OsStr], configure: impl FnOnce(&mut Command)) -> Output {
    try_fazhi_within(secs, args, configure).expect("the fazhi binary runs")
}

/// [`fazhi_within`], with the error if the binary cannot be started.
fn try_fazhi_within(
    secs: u64,
    args: &[&OsStr],
    configure: impl FnOnce(&mut Command),
) -> std::io::Result<Output> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fazhi"));
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    configure(&mut cmd);
    let mut child = cmd.spawn()?;
    // Read both pipes on their own threads, so a full pipe cannot stall the child.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for fazhi") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("fazhi {args:?} did not finish within {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Ok(Output {
        status,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    })
}

/// Arguments of mixed types (strings, paths) for [`fazhi_within`].
fn args<'a>(list: &'a [&'a dyn AsRef<OsStr>]) -> Vec<&'a OsStr> {
    list.iter().map(AsRef::as_ref).collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The first cells (file names) of the data rows of a summary.
fn summary_files(out: &Output) -> Vec<String> {
    csv_rows(out)
        .iter()
        .skip(1)
        .map(|r| r.split(',').next().unwrap_or_default().to_owned())
        .collect()
}

/// A small report whose figures, and length, depend on `i`.
fn generated_report(i: usize) -> String {
    let mut text = format!(
        "第{i}号县司法局{year}年法治政府建设年度报告\n一、主要举措和成效\n全年办理行政许可{a}件，查处案件{b}起，罚没款{c}万元。\n",
        year = 2000 + i % 25,
        a = 100 + i,
        b = i % 50 + 1,
        c = i * 3 + 1,
    );
    // Reports of different lengths take different times, so parallel work finishes out of
    // order.
    for k in 0..(i % 7) * 6 {
        let _ = writeln!(text, "开展培训{}期，检查企业{}家。", k + 1, i + k);
    }
    text.push_str(
        "二、存在的不足和原因\n执法人员培训不足。\n三、下一年度工作安排\n计划开展培训3期。\n",
    );
    text
}

#[test]
fn many_files_come_out_in_input_order_as_one_by_one() {
    let dir = temp_dir("order");
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).expect("dir");
    let mut paths = Vec::new();
    for i in 0..200 {
        let path = reports.join(format!("r{i:03}.txt"));
        std::fs::write(&path, generated_report(i)).expect("write");
        paths.push(path);
    }
    let batch = |format: &str| {
        let out = fazhi_within(
            120,
            &args(&[&"analyze", &"--format", &format, &reports]),
            |_| {},
        );
        assert!(out.status.success(), "{}", stderr(&out));
        out
    };
    // The summary of the batch is the summaries made file by file, put together.
    let summary = batch("summary");
    let mut want = Vec::new();
    let mut metrics_per_file = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        let one = fazhi_within(
            30,
            &args(&[&"analyze", &"--format", &"summary", path]),
            |_| {},
        );
        assert!(one.status.success(), "{}", stderr(&one));
        let header = csv_header_len(&one.stdout);
        want.extend_from_slice(&one.stdout[if i == 0 { 0 } else { header }..]);
        let row = String::from_utf8_lossy(&one.stdout[header..]).into_owned();
        // 文件, 发布机关, 年度, 发布日期, 必备内容, five parts, 标题数, 指标数.
        let metrics = row.split(',').nth(11).and_then(|n| n.parse::<usize>().ok());
        metrics_per_file.push((path.display().to_string(), metrics.expect("指标数")));
    }
    assert!(
        summary.stdout == want,
        "the batch equals the files one by one"
    );
    // The metrics table: each file's rows together, in the same order.
    let csv = batch("csv");
    let files: Vec<String> = csv_rows(&csv)
        .iter()
        .skip(1)
        .map(|r| r.split(',').next().unwrap_or_default().to_owned())
        .collect();
    let want: Vec<String> = metrics_per_file
        .iter()
        .flat_map(|(file, n)| std::iter::repeat_n(file.clone(), *n))
        .collect();
    assert!(want.len() > paths.len(), "{} metric rows", want.len());
    assert!(files == want, "metric rows in file order");
    let names = |out: &Output| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        v.as_array()
            .expect("an array for several files")
            .iter()
            .map(|r| r["file"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let want: Vec<String> = (0..200).map(|i| format!("r{i:03}.txt")).collect();
    for format in ["gold", "json"] {
        let out = fazhi_within(
            120,
            &args(&[&"analyze", &"--format", &format, &reports]),
            |_| {},
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(names(&out), want, "--format {format} in path order");
    }
    // Files named on the command line keep the command line's order.
    let mut reversed = vec![OsStr::new("analyze"), OsStr::new("--format=gold")];
    reversed.extend(paths.iter().rev().map(|p| p.as_os_str()));
    let out = fazhi_within(120, &reversed, |_| {});
    let mut rev = want.clone();
    rev.reverse();
    assert_eq!(names(&out), rev);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The length of the BOM and header row that start a CSV output.
fn csv_header_len(bytes: &[u8]) -> usize {
    bytes
        .windows(2)
        .position(|w| w == b"\r\n")
        .map_or(bytes.len(), |p| p + 2)
}

#[test]
fn thresholds_must_be_numbers_between_0_and_1() {
    let dir = corpus_with_gold("nan", |_| {});
    for bad in ["NaN", "nan", "-0.5", "1.5", "inf", "x"] {
        let out = eval(&dir, &["--min-heading-f1", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {out:?}");
        assert!(stderr(&out).contains("between 0 and 1"), "{bad}: {out:?}");
        assert!(stdout(&out).is_empty(), "{bad}: nothing evaluated");
    }
    assert!(eval(&dir, &["--min-metric-recall", "0"]).status.success());
    assert!(eval(&dir, &["--min-parts", "1"]).status.success());
}

#[test]
fn gold_files_must_stay_inside_the_corpus() {
    let outside =
        std::env::temp_dir().join(format!("fazhi-cli-test-{}-outside.txt", std::process::id()));
    std::fs::copy(fixture("full_width.txt"), &outside).expect("copy");
    let dir_name = |dir: &Path| {
        dir.file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 name")
            .to_owned()
    };
    let outside_name = dir_name(&outside);
    let absolute = outside.to_str().expect("utf-8 path").to_owned();
    for (case, file) in [
        ("dotdot", format!("../{outside_name}")),
        ("inner-dotdot", format!("gold/../../{outside_name}")),
        ("absolute", absolute.clone()),
    ] {
        let dir = corpus_with_gold(&format!("escape-{case}"), |g| {
            g["file"] = serde_json::json!(file);
        });
        let out = eval(&dir, &[]);
        assert_eq!(out.status.code(), Some(2), "{file}: {out:?}");
        let err = stderr(&out);
        assert!(
            err.contains("full_width.json") && err.contains("inside the corpus"),
            "{file}: {err}"
        );
    }
    // Nor out through a symbolic link in the corpus.
    #[cfg(unix)]
    {
        let dir = corpus_with_gold("escape-link", |g| {
            g["file"] = serde_json::json!("link.txt");
        });
        std::os::unix::fs::symlink(&outside, dir.join("link.txt")).expect("symlink");
        let out = eval(&dir, &[]);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(stderr(&out).contains("leads outside"), "{out:?}");
    }
    // A report in a sub-folder of the corpus is fine.
    let dir = corpus_with_gold("inside", |g| {
        g["file"] = serde_json::json!("sub/./full_width.txt");
    });
    std::fs::create_dir_all(dir.join("sub")).expect("dir");
    std::fs::copy(fixture("full_width.txt"), dir.join("sub/full_width.txt")).expect("copy");
    let out = eval(&dir, &[]);
    assert!(out.status.success(), "{out:?}");
    let _ = std::fs::remove_file(outside);
}

#[test]
fn a_file_over_the_limit_is_rejected_by_its_size_without_being_read() {
    let dir = temp_dir("sparse");
    let huge = dir.join("huge.txt");
    // Sparse: no disk space is used. Reading it would need 64 GiB of memory.
    let size: u64 = 64 << 30;
    let made = std::fs::File::create(&huge).and_then(|f| f.set_len(size));
    if let Err(e) = made {
        eprintln!("skipping: cannot make a sparse file here: {e}");
        return;
    }
    std::fs::copy(fixture("full_width.txt"), dir.join("ok.txt")).expect("copy");
    let start = Instant::now();
    let out = fazhi_within(
        20,
        &args(&[&"analyze", &"--format", &"summary", &dir]),
        |_| {},
    );
    let took = start.elapsed();
    let _ = std::fs::remove_file(&huge);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = stderr(&out);
    assert!(
        err.contains("huge.txt") && err.contains(&format!("file too large: {size} bytes")),
        "named with its size from the metadata: {err}"
    );
    assert_eq!(summary_files(&out).len(), 1, "the other file goes on");
    assert!(took < Duration::from_secs(10), "rejected quickly: {took:?}");
}

#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_named_and_never_read() {
    let dir = temp_dir("fifo");
    std::fs::copy(fixture("full_width.txt"), dir.join("a.txt")).expect("copy");
    let fifo = dir.join("pipe.txt");
    if !mkfifo(&fifo) {
        eprintln!("skipping: mkfifo is not available");
        return;
    }
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).expect("symlink");
    // In a directory: listed, named, skipped; the other file goes on.
    let out = fazhi_within(
        20,
        &args(&[&"analyze", &"--format", &"summary", &dir]),
        |_| {},
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = stderr(&out);
    assert!(
        err.contains("pipe.txt: not a regular file (a FIFO)"),
        "{err}"
    );
    assert!(
        err.contains("zero.txt: not a regular file (a device)"),
        "{err}"
    );
    assert_eq!(summary_files(&out).len(), 1, "{out:?}");
    // On the command line, as JSON.
    let out = fazhi_within(
        20,
        &args(&[
            &"analyze",
            &"--format",
            &"gold",
            &fifo,
            &"/dev/zero",
            &fixture("title_block.txt"),
        ]),
        |_| {},
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = stderr(&out);
    assert!(err.contains("pipe.txt: not a regular file"), "{err}");
    assert!(err.contains("/dev/zero: not a regular file"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v.as_array().map(Vec::len), Some(1), "the good file: {v}");
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_in_a_directory_list_each_report_once() {
    use std::os::unix::fs::symlink;
    let dir = temp_dir("loop");
    let sub = dir.join("2024");
    std::fs::create_dir_all(&sub).expect("dir");
    std::fs::copy(fixture("full_width.txt"), sub.join("a.txt")).expect("copy");
    std::fs::copy(fixture("title_block.txt"), dir.join("b.txt")).expect("copy");
    // A link back up the tree, and a link to a report file (followed).
    symlink("..", sub.join("up")).expect("symlink");
    symlink(sub.join("a.txt"), dir.join("c.txt")).expect("symlink");
    let out = fazhi_within(
        20,
        &args(&[&"analyze", &"--format", &"summary", &dir]),
        |_| {},
    );
    assert!(out.status.success(), "{out:?}");
    let files = summary_files(&out);
    let d = dir.display();
    assert_eq!(
        files,
        [
            format!("{d}/2024/a.txt"),
            format!("{d}/b.txt"),
            format!("{d}/c.txt")
        ],
        "each report once"
    );
    assert!(stderr(&out).contains("up: a symbolic link to a directory, not followed"));
}

#[cfg(unix)]
#[test]
fn self_links_in_a_directory_do_not_hang() {
    use std::os::unix::fs::symlink;
    let dir = temp_dir("self-link");
    std::fs::copy(fixture("full_width.txt"), dir.join("a.txt")).expect("copy");
    // Each was followed into itself: 2^40 paths.
    symlink(".", dir.join("self")).expect("symlink");
    symlink(".", dir.join("self2")).expect("symlink");
    let out = fazhi_within(20, &args(&[&"analyze", &"--format", &"csv", &dir]), |_| {});
    assert!(out.status.success(), "{out:?}");
    let rows = csv_rows(&out);
    assert!(rows.len() > 1, "{rows:?}");
    assert!(rows[1..]
        .iter()
        .all(|r| r.starts_with(&format!("{}/a.txt,", dir.display()))));
}

#[cfg(unix)]
#[test]
fn an_unreadable_directory_is_named_and_the_others_go_on() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let dir = temp_dir("unreadable");
    let good = dir.join("a-good");
    let locked = dir.join("b-locked");
    let later = dir.join("c-later");
    for d in [&good, &locked, &later] {
        std::fs::create_dir_all(d).expect("dir");
        std::fs::copy(fixture("full_width.txt"), d.join("r.txt")).expect("copy");
    }
    // Root reads a mode-000 directory anyway: then run fazhi as nobody, for whom the rest
    // of the tree is readable (the temp dir and files are world-readable).
    let root = std::fs::metadata(&dir).is_ok_and(|m| m.uid() == 0);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let out = try_fazhi_within(
        20,
        &args(&[&"analyze", &"--format", &"summary", &dir]),
        |cmd| {
            if root {
                cmd.uid(65534).gid(65534);
            }
        },
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let out = match out {
        Ok(out) => out,
        Err(e) if root => {
            eprintln!("skipping: running as root, and cannot run fazhi as nobody: {e}");
            return;
        }
        Err(e) => panic!("the fazhi binary runs: {e}"),
    };
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        err.contains("b-locked") && err.contains("directory skipped"),
        "{err}"
    );
    assert_eq!(
        summary_files(&out),
        [
            format!("{}/r.txt", good.display()),
            format!("{}/r.txt", later.display())
        ],
        "the readable directories are analysed"
    );
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = temp_dir("pipe");
    for i in 0..200 {
        std::fs::write(dir.join(format!("r{i:03}.txt")), generated_report(i)).expect("write");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .args(["analyze", "--format", "csv"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the fazhi binary runs");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    reader.read_line(&mut line).expect("one line");
    assert!(line.contains("文件,序号"), "{line}");
    // Like `| head -1`: the reader goes away long before the end (megabytes of rows).
    drop(reader);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "fazhi did not stop"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    let _ = child.stderr.take().map(|mut e| e.read_to_string(&mut err));
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "quiet: {err}");
    assert!(status.success(), "{status:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_named_without_a_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipping: no /dev/full");
        return;
    };
    let out = fazhi_within(
        30,
        &args(&[&"analyze", &"--format", &"csv", &fixture("full_width.txt")]),
        |cmd| {
            cmd.stdout(full);
        },
    );
    let err = stderr(&out);
    assert!(!out.status.success(), "{out:?}");
    assert_ne!(out.status.code(), Some(101), "not a panic: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("cannot write the output"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_analysed() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir("gbk-name");
    // 报告.txt in GBK, as a Windows zip archive may leave it.
    let path = dir.join(OsStr::from_bytes(b"\xb1\xa8\xb8\xe6.txt"));
    std::fs::copy(fixture("full_width.txt"), &path).expect("copy");
    let out = fazhi_within(
        20,
        &args(&[&"analyze", &"--format", &"summary", &path]),
        |_| {},
    );
    assert!(out.status.success(), "{out:?}");
    assert!(!stderr(&out).contains("panicked"));
    assert_eq!(summary_files(&out).len(), 1);
}

/// A compilation of three reports is three reports: three summary rows named
/// `<file stem> · <title>`, each equal (past the file column) to the row of the report
/// analysed alone; three JSON objects for the one file; one report stays one row.
#[test]
fn analyze_splits_a_compilation_into_its_reports() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fazhi_core/tests/fixtures/split"
    );
    let compilation = format!("{dir}/compilation.txt");
    let alone: Vec<String> = ["report-a.txt", "report-b.txt", "report-c.txt"]
        .iter()
        .map(|f| format!("{dir}/{f}"))
        .collect();
    let rows = |files: &[&str]| -> Vec<String> {
        let mut args = vec!["analyze", "--format", "summary"];
        args.extend_from_slice(files);
        let out = fazhi(&args);
        assert!(out.status.success(), "{out:?}");
        stdout(&out).lines().skip(1).map(str::to_owned).collect()
    };
    let split = rows(&[&compilation]);
    let titles = [
        "青石区司法局2024年法治政府建设年度报告",
        "青石区市场监督管理局关于2024年度法治政府建设情况的报告",
        "青石区城市管理局2024年法治政府建设工作报告",
    ];
    assert_eq!(split.len(), 3, "{split:#?}");
    let one_by_one = rows(&alone.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(one_by_one.len(), 3, "each report alone is one row");
    for ((row, want), title) in split.iter().zip(&one_by_one).zip(titles) {
        let (file, rest) = row.split_once(',').expect("a file column");
        assert_eq!(file, format!("{dir}/compilation · {title}"));
        let (_, want_rest) = want.split_once(',').expect("a file column");
        assert_eq!(rest, want_rest, "{title}");
    }

    let out = fazhi(&["analyze", &compilation]);
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let files: Vec<&str> = json
        .as_array()
        .expect("an array for the three reports of one file")
        .iter()
        .map(|r| r["file"].as_str().expect("file"))
        .collect();
    assert_eq!(
        files,
        titles.map(|t| format!("compilation · {t}")),
        "{files:?}"
    );

    let out = fazhi(&["analyze", &alone[1]]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        json["file"], "report-b.txt",
        "one report: one object, named as before"
    );
}
