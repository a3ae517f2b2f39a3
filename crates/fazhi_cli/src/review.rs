//! `fazhi review [--format json|csv] [--lang zh|en] [--deadline MM-DD] FILE_OR_DIR...`: the
//! review card of each report (`fazhi_core::review`), the same verdicts the page shows.
//!
//! JSON is an array with one object per file, in input order:
//! `{"file", "checks": [{"check", "status", "evidence": [{"start", "end"}], "note"}]}`; evidence spans are byte offsets into the decoded text (what
//! `fazhi analyze` spans index too). CSV is the page's review table: one row per file, a
//! status and an evidence excerpt per check (UTF-8 BOM, CRLF).
//!
//! Files are decoded, analysed and reviewed on every core; only the small card and the
//! row's excerpts are kept per file. A file that
//! cannot be read or decoded is named on stderr and skipped (exit status 1).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;
use serde::Serialize;

use fazhi_core::export::Csv;
use fazhi_core::review::{self, ReviewCard, ReviewSettings};
use fazhi_core::{analyze, Lang, Span};

use crate::{exit_code, file_name, lang_arg, list_inputs, load, note, stdout, Fail, USAGE};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Csv,
}

struct Reviewed {
    file: String,
    card: ReviewCard,
    row: Vec<String>,
}

#[derive(Serialize)]
struct JsonCheck<'a> {
    check: &'static str,
    status: &'static str,
    evidence: &'a [Span],
    note: &'a str,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    file: &'a str,
    checks: Vec<JsonCheck<'a>>,
}

pub fn cmd_review(args: &[std::ffi::OsString]) -> Result<ExitCode, Fail> {
    let mut format = Format::Json;
    let mut lang = Lang::Zh;
    let mut settings = ReviewSettings::default();
    let mut inputs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.to_str() {
            Some("--format") => {
                format = match it.next().and_then(|v| v.to_str()) {
                    Some("json") => Format::Json,
                    Some("csv") => Format::Csv,
                    other => {
                        return Err(Fail::Usage(format!(
                            "review --format takes json or csv, not {other:?}"
                        )))
                    }
                }
            }
            Some("--lang") => lang = lang_arg(it.next())?,
            Some("--deadline") => {
                let v = it.next().and_then(|v| v.to_str()).unwrap_or("");
                settings = ReviewSettings::parse_month_day(v)
                    .ok_or_else(|| format!("--deadline takes MM-DD (e.g. 03-01), not {v:?}"))?;
            }
            _ => inputs.push(PathBuf::from(a)),
        }
    }
    if inputs.is_empty() {
        return Err(Fail::Usage(USAGE.to_owned()));
    }
    let (files, all_read) = list_inputs(&inputs);
    let results: Vec<Result<Reviewed, String>> = files
        .par_iter()
        .map(|path| {
            let doc = load(path)?;
            let text = doc.text.as_str();
            let analysis = analyze(text);
            let card = review::review(text, &analysis, &settings);
            let file = file_name(path);
            let row = review::review_row(&file, text, &card, "");
            Ok(Reviewed { file, card, row })
        })
        .collect();
    let mut failed = !all_read;
    let mut done = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(r) => done.push(r),
            Err(e) => {
                note(e);
                failed = true;
            }
        }
    }
    let mut out = stdout();
    let written = match format {
        Format::Json => {
            let files: Vec<JsonFile<'_>> = done
                .iter()
                .map(|r| JsonFile {
                    file: &r.file,
                    checks: r
                        .card
                        .checks
                        .iter()
                        .map(|c| JsonCheck {
                            check: c.id.key(),
                            status: c.status.key(),
                            evidence: &c.evidence,
                            note: c.note(lang),
                        })
                        .collect(),
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &files)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
        Format::Csv => {
            let mut csv = Csv::new();
            review::csv_row(&mut csv, &review::review_header(lang));
            for r in &done {
                review::csv_row(&mut csv, &r.row);
            }
            out.write_all(csv.as_str().as_bytes())
        }
    }
    .and_then(|()| out.flush());
    match written {
        Ok(()) => Ok(exit_code(failed)),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(exit_code(failed)),
        Err(e) => Err(Fail::Write(e)),
    }
}
