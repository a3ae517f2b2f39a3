//! `fazhi`: the command line over fazhi_core, for batch work.
//!
//! ```text
//! fazhi analyze [--format json|gold|csv|summary] [--lang zh|en] FILE_OR_DIR...
//! fazhi eval CORPUS_DIR GOLD_DIR [--thresholds corpus|excerpts|heldout] [--min-heading-f1 X]
//!            [--min-parts X] [--min-metadata X] [--min-metric-precision X]
//!            [--min-metric-recall X] [--min-metric-fields X] [--quiet]
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fazhi_core::export::{self, ReportRef};
use fazhi_core::{analyze, decode, Analysis, Lang};
use fazhi_eval::gold;
use fazhi_eval::{self as eval, Score};

const USAGE: &str = "usage:
  fazhi analyze [--format json|gold|csv|summary] [--lang zh|en] FILE_OR_DIR...
  fazhi eval CORPUS_DIR GOLD_DIR [--thresholds corpus|excerpts|heldout] [--min-heading-f1 X]
             [--min-parts X] [--min-metadata X] [--min-metric-precision X]
             [--min-metric-recall X] [--min-metric-fields X] [--quiet]

analyze formats:
  json     the full analysis of each file (the default)
  gold     the gold-annotation schema v1 of ../shared/corpus
  csv      every metric of every file, one row each, with a file column (UTF-8 BOM, CRLF:
           opens cleanly in Excel and WPS)
  summary  one row per file to compare many reports: issuing body, year, date, the required
           parts, and the count of metrics in each category
A directory stands for the .txt, .html, .htm and .docx files under it, recursively, in
path order.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("analyze") => cmd_analyze(&args[1..]),
        Some("eval") => cmd_eval(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("fazhi: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Read and decode one file.
fn load(path: &Path) -> Result<decode::Document, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path.file_name().and_then(|n| n.to_str());
    decode::decode(&bytes, name).map_err(|e| format!("{}: {e}", path.display()))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// What `fazhi analyze` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Gold,
    Csv,
    Summary,
}

impl Format {
    fn parse(s: &str) -> Result<Self, String> {
        match s {
            "json" => Ok(Self::Json),
            "gold" => Ok(Self::Gold),
            "csv" => Ok(Self::Csv),
            "summary" => Ok(Self::Summary),
            _ => Err(format!(
                "unknown format {s:?}: use json, gold, csv or summary"
            )),
        }
    }
}

/// The file extensions a directory is searched for.
const REPORT_EXTENSIONS: [&str; 4] = ["txt", "html", "htm", "docx"];

/// The report files under `dir`, recursively, in path order.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            files_under(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn cmd_analyze(args: &[String]) -> Result<ExitCode, String> {
    let mut format = Format::Json;
    let mut lang = Lang::Zh;
    let mut inputs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                format = Format::parse(
                    it.next()
                        .ok_or("--format needs json, gold, csv or summary")?,
                )?;
            }
            f if f.starts_with("--format=") => format = Format::parse(&f["--format=".len()..])?,
            "--lang" => {
                let code = it.next().ok_or("--lang needs zh or en")?;
                lang = Lang::from_code(code)
                    .ok_or_else(|| format!("unknown language {code:?}: use zh or en"))?;
            }
            f => inputs.push(PathBuf::from(f)),
        }
    }
    if inputs.is_empty() {
        return Err(USAGE.to_owned());
    }
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let before = files.len();
            files_under(&input, &mut files)?;
            if files.len() == before {
                eprintln!(
                    "fazhi: {}: no .txt, .html, .htm or .docx files",
                    input.display()
                );
            }
        } else {
            files.push(input);
        }
    }
    let mut failed = false;
    let mut loaded = Vec::new();
    for path in &files {
        match load(path) {
            Ok(doc) => {
                let analysis = analyze(&doc.text);
                loaded.push((path, doc, analysis));
            }
            Err(e) => {
                eprintln!("fazhi: {e}");
                failed = true;
            }
        }
    }
    let out = match format {
        Format::Json | Format::Gold => json_output(format, &loaded)?,
        Format::Csv | Format::Summary => {
            let names: Vec<String> = loaded
                .iter()
                .map(|(path, _, _)| path.display().to_string())
                .collect();
            let reports: Vec<ReportRef<'_>> = loaded
                .iter()
                .zip(&names)
                .map(|((_, doc, analysis), file)| ReportRef {
                    file,
                    text: &doc.text,
                    analysis,
                })
                .collect();
            let bytes = if format == Format::Csv {
                export::metrics_csv(&reports, lang, true)
            } else {
                export::summary_csv(&reports, lang)
            };
            String::from_utf8(bytes).map_err(|e| e.to_string())?
        }
    };
    // The tables end with CRLF already; JSON gets a final newline.
    if matches!(format, Format::Csv | Format::Summary) {
        print!("{out}");
    } else {
        println!("{out}");
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// JSON of the analyses: one object for one file, an array for several.
fn json_output(
    format: Format,
    loaded: &[(&PathBuf, decode::Document, Analysis)],
) -> Result<String, String> {
    let mut outputs = Vec::new();
    for (path, doc, analysis) in loaded {
        let value = if format == Format::Gold {
            serde_json::to_value(gold::from_analysis(&file_name(path), analysis))
        } else {
            serde_json::to_value(serde_json::json!({
                "file": file_name(path),
                "format": doc.format,
                "encoding": doc.encoding,
                "byte_len": doc.byte_len,
                "text": doc.text,
                "analysis": analysis,
            }))
        };
        outputs.push(value.map_err(|e| e.to_string())?);
    }
    if outputs.len() == 1 {
        serde_json::to_string_pretty(&outputs[0])
    } else {
        serde_json::to_string_pretty(&outputs)
    }
    .map_err(|e| e.to_string())
}

fn cmd_eval(args: &[String]) -> Result<ExitCode, String> {
    // The named sets' thresholds live in fazhi_eval::thresholds; --min-* flags override.
    let mut t = eval::thresholds::NONE;
    let mut quiet = false;
    let mut dirs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--thresholds" {
            let names: Vec<&str> = eval::thresholds::NAMED.iter().map(|(n, _)| *n).collect();
            t = it
                .next()
                .and_then(|n| eval::thresholds::named(n))
                .ok_or_else(|| format!("--thresholds needs one of {}", names.join(", ")))?;
            continue;
        }
        let mut num = |name: &str| -> Result<f64, String> {
            it.next()
                .and_then(|v| v.parse::<f64>().ok())
                .ok_or_else(|| format!("{name} needs a number between 0 and 1"))
        };
        match a.as_str() {
            "--min-heading-f1" => t.heading_f1 = num(a)?,
            "--min-parts" => {
                t.parts_presence = num(a)?;
                t.parts_location = t.parts_presence;
            }
            "--min-metadata" => t.metadata = num(a)?,
            "--min-metric-precision" => t.metric_precision = num(a)?,
            "--min-metric-recall" => t.metric_recall = num(a)?,
            "--min-metric-fields" => t.metric_fields = num(a)?,
            "--quiet" | "-q" => quiet = true,
            d => dirs.push(PathBuf::from(d)),
        }
    }
    let [corpus, gold_dir] = dirs.as_slice() else {
        return Err(USAGE.to_owned());
    };
    let cases = eval::load_corpus(corpus, gold_dir)?;
    let mut total = Score {
        file: "TOTAL".into(),
        ..Score::default()
    };
    for case in &cases {
        let s = case.score();
        print!("{}", eval::render(&s, !quiet));
        total.add(&s);
    }
    println!("{}", "-".repeat(100));
    print!("{}", eval::render(&total, false));
    let failures = t.failures(&total);
    for f in &failures {
        println!("BELOW THRESHOLD: {f}");
    }
    let ok = failures.is_empty();
    println!(
        "{}",
        if ok {
            "eval: all thresholds met"
        } else {
            "eval: FAILED"
        }
    );
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
