//! `fazhi`: the command line over fazhi_core, for batch work.
//!
//! ```text
//! fazhi analyze [--format json|gold|csv|summary] [--lang zh|en] FILE_OR_DIR...
//! fazhi eval CORPUS_DIR GOLD_DIR [--thresholds corpus|excerpts|heldout] [--min-heading-f1 X]
//!            [--min-parts X] [--min-metadata X] [--min-metric-precision X]
//!            [--min-metric-recall X] [--min-metric-fields X] [--quiet]
//! ```
//!
//! A file that is a compilation of several reports (`fazhi_core::split`) gives one result
//! per report (one row, one JSON element), named `<file stem> · <title>`.
//!
//! `analyze` decodes and analyses the files on every core (rayon), a chunk at a time (at
//! most [`CHUNK_FILES`] files or about [`CHUNK_BYTES`] of input), and writes each chunk in
//! input order while the next one is analysed. At most three chunks are held at once, so
//! memory stays bounded however many files there are; the output is written as it is made
//! (CSV rows, or the elements of a JSON array), never built whole.
//!
//! Files that cannot be analysed are named on stderr and the others go on (exit status 1):
//! - a file larger than the core's input limit ([`Limits::max_input`]), found from its
//!   metadata before reading; reads are bounded by the limit as well;
//! - anything that is not a regular file (a FIFO, a device, a socket), which is never
//!   opened, whether named on the command line or found in a directory;
//! - a directory, or an entry of one, that cannot be read;
//! - a file the core cannot decode.
//!
//! In a directory, symbolic links to files are followed but symbolic links to directories
//! are not (they are named on stderr): a link back up the tree cannot loop or list a report
//! twice. A directory named on the command line is read even when it is a link.
//!
//! Output goes through one locked, buffered stdout. A closed pipe (`| head`) ends the run
//! quietly; any other write error (a full disk) is named, with exit status 1. Usage errors
//! exit with 2.

mod review;

use std::fmt::Display;
use std::fs::{self, File, Metadata};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, SyncSender};

use rayon::prelude::*;
use serde::Serialize;

use fazhi_core::decode::{self, DecodeError, Document, Limits, SourceFormat};
use fazhi_core::export::{self, Csv, ReportRef, Summary};
use fazhi_core::split::split_compilation;
use fazhi_core::{analyze, Analysis, Lang};
use fazhi_eval::gold::{self, GoldReport};
use fazhi_eval::{self as eval, Score};

const USAGE: &str = "usage:
  fazhi analyze [--format json|gold|csv|summary] [--lang zh|en] FILE_OR_DIR...
  fazhi eval CORPUS_DIR GOLD_DIR [--thresholds corpus|excerpts|heldout] [--min-heading-f1 X]
             [--min-parts X] [--min-metadata X] [--min-metric-precision X]
             [--min-metric-recall X] [--min-metric-fields X] [--quiet]
  fazhi review [--format json|csv] [--lang zh|en] [--deadline MM-DD] FILE_OR_DIR...

review: the review card of each report (the page's verdicts): json, an array of
  {file, checks: [{check, status, evidence: [{start, end}], note}]};
  csv, one row per report with each check's status and evidence excerpt. --deadline sets
  the publication deadline in the year after the one reported on (default 04-01).

analyze formats:
  json     the full analysis of each file (the default): one object for one file, an array
           for several
  gold     the gold-annotation schema v1 of ../shared/corpus
  csv      every metric of every file, one row each, with a file column (UTF-8 BOM, CRLF:
           opens cleanly in Excel and WPS)
  summary  one row per file to compare many reports: issuing body, year, the required
           parts, and the count of metrics in each category
A directory stands for the .txt, .html, .htm, .docx, .doc, .wps, .pdf and .ofd files under it, recursively, in
path order; symbolic links to directories inside it are not followed. Files are analysed
on every core and written in input order as they are done. A file that holds several
reports one after another (a compilation, each under its own title) gives one result per
report, named \"<file stem> · <title>\".

Skipped and named on stderr, while the other files go on: files over the 20 MiB input
limit (checked before reading), anything that is not a regular file (FIFO, device,
socket; never opened), unreadable directories, and files that cannot be decoded.

exit status: 0 all files analysed, 1 a file was skipped or the output could not be
written, 2 usage error. A closed pipe (| head) ends the run quietly.
eval thresholds are numbers between 0 and 1.";

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let result = match args.first().and_then(|a| a.to_str()) {
        Some("analyze") => cmd_analyze(&args[1..]),
        Some("eval") => cmd_eval(&args[1..]),
        Some("review") => review::cmd_review(&args[1..]),
        Some("-h" | "--help" | "help") => help(),
        _ => Err(Fail::Usage(USAGE.to_owned())),
    };
    match result {
        Ok(code) => code,
        Err(Fail::Usage(msg)) => {
            note(msg);
            ExitCode::from(2)
        }
        Err(Fail::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Fail::Write(e)) => {
            note(format_args!("cannot write the output: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// Why a command stopped.
#[derive(Debug)]
enum Fail {
    /// Bad arguments: exit status 2, with this message.
    Usage(String),
    /// The output could not be written. A closed pipe ends the run quietly (the reader has
    /// all it wanted); anything else is named, exit status 1.
    Write(io::Error),
}

impl From<io::Error> for Fail {
    fn from(e: io::Error) -> Self {
        Self::Write(e)
    }
}

impl From<String> for Fail {
    fn from(msg: String) -> Self {
        Self::Usage(msg)
    }
}

impl From<&str> for Fail {
    fn from(msg: &str) -> Self {
        Self::Usage(msg.to_owned())
    }
}

/// A message on stderr, after `fazhi: `. A failure to write it is ignored: there is nowhere
/// left to report it.
fn note(msg: impl Display) {
    let _ = writeln!(io::stderr().lock(), "fazhi: {msg}");
}

fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Stdout, locked and buffered: every write is checked, none panics.
fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::with_capacity(64 * 1024, io::stdout().lock())
}

fn help() -> Result<ExitCode, Fail> {
    let mut out = stdout();
    writeln!(out, "{USAGE}")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
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
    fn parse(s: Option<&str>) -> Result<Self, String> {
        match s {
            Some("json") => Ok(Self::Json),
            Some("gold") => Ok(Self::Gold),
            Some("csv") => Ok(Self::Csv),
            Some("summary") => Ok(Self::Summary),
            Some(s) => Err(format!(
                "unknown format {s:?}: use json, gold, csv or summary"
            )),
            None => Err("--format needs json, gold, csv or summary".to_owned()),
        }
    }
}

/// The file extensions a directory is searched for.
const REPORT_EXTENSIONS: [&str; 8] = ["txt", "html", "htm", "docx", "doc", "wps", "pdf", "ofd"];

fn is_report_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Add the report files under `dir` to `out`, recursively, in path order. Symbolic links to
/// directories are not followed (so a link back up the tree cannot loop); links to files
/// are listed like files. A directory or entry that cannot be read is named on stderr and
/// the rest goes on: returns whether everything could be read.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) -> bool {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            note(format_args!("{}: {e} (directory skipped)", dir.display()));
            return false;
        }
    };
    let mut all_read = true;
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push((entry.path(), entry.file_type())),
            Err(e) => {
                note(format_args!("{}: {e} (entry skipped)", dir.display()));
                all_read = false;
            }
        }
    }
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in children {
        match kind {
            // `DirEntry::file_type` does not follow symbolic links.
            Ok(kind) if kind.is_dir() => all_read &= files_under(&path, out),
            Ok(kind) if kind.is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_dir()) => {
                note(format_args!(
                    "{}: a symbolic link to a directory, not followed",
                    path.display()
                ));
            }
            // Links to files, and anything that is not a regular file, are checked by
            // `load` when their turn comes.
            Ok(_) if is_report_name(&path) => out.push(path),
            Ok(_) => {}
            Err(e) => {
                note(format_args!("{}: {e} (skipped)", path.display()));
                all_read = false;
            }
        }
    }
    all_read
}

/// The value of `--lang` (`analyze` and `review`): zh or en.
fn lang_arg(value: Option<&std::ffi::OsString>) -> Result<Lang, String> {
    let code = value
        .and_then(|v| v.to_str())
        .ok_or("--lang needs zh or en")?;
    Lang::from_code(code).ok_or_else(|| format!("unknown language {code:?}: use zh or en"))
}

/// The files named on the command line, with directories replaced by the reports under
/// them; and whether every directory could be read.
fn list_inputs(inputs: &[PathBuf]) -> (Vec<PathBuf>, bool) {
    let mut files = Vec::new();
    let mut all_read = true;
    for input in inputs {
        // Follows a symbolic link: a directory named on the command line is read.
        if fs::metadata(input).is_ok_and(|m| m.is_dir()) {
            let before = files.len();
            let read = files_under(input, &mut files);
            all_read &= read;
            if read && files.len() == before {
                note(format_args!(
                    "{}: no .txt, .html, .htm, .docx, .doc, .wps, .pdf or .ofd files",
                    input.display()
                ));
            }
        } else {
            // Whatever it is, `load` names it if it cannot be read.
            files.push(input.clone());
        }
    }
    (files, all_read)
}

/// What a path is when it is not a regular file.
fn kind_of(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Read and decode one file: only a regular file (a symbolic link is followed and its
/// target checked), only when its size is within the core's input limit, and never more
/// than the limit even if the file grows while it is read.
fn load(path: &Path) -> Result<Document, String> {
    let named = |e: &dyn Display| format!("{}: {e}", path.display());
    let limits = Limits::default();
    let max = limits.max_input;
    let meta = fs::metadata(path).map_err(|e| named(&e))?;
    if !meta.is_file() {
        return Err(named(&format_args!(
            "not a regular file ({}), skipped",
            kind_of(&meta)
        )));
    }
    let max_len = u64::try_from(max).unwrap_or(u64::MAX);
    if meta.len() > max_len {
        let size = usize::try_from(meta.len()).unwrap_or(usize::MAX);
        return Err(named(&DecodeError::TooLarge { size, limit: max }));
    }
    let file = File::open(path).map_err(|e| named(&e))?;
    let expected = usize::try_from(meta.len()).unwrap_or(max).min(max);
    let mut bytes = Vec::with_capacity(expected + 1);
    file.take(max_len.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| named(&e))?;
    if bytes.len() > max {
        return Err(named(&format_args!(
            "file too large: it grew past the limit of {max} bytes while being read"
        )));
    }
    let name = path.file_name().and_then(|n| n.to_str());
    decode::decode_with_limits(&bytes, name, limits).map_err(|e| named(&e))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// One file's result, made on a worker thread and written in input order.
enum Done {
    /// Its CSV rows (no BOM).
    Rows(Vec<u8>),
    /// Its full analysis, serialised by the writer straight to stdout.
    Json(Box<(String, Document, Analysis)>),
    Gold(Box<GoldReport>),
}

/// `--format json` for one file, in the order the fields have always been printed.
#[derive(Serialize)]
struct JsonReport<'a> {
    file: &'a str,
    format: SourceFormat,
    encoding: &'a str,
    byte_len: usize,
    text: &'a str,
    analysis: &'a Analysis,
}

/// Decode and analyse one file, and keep only what `format` prints of it: one result per
/// report, several when the file is a compilation (`fazhi_core::split`), each named
/// `<file stem> · <title>`.
fn process(path: &Path, format: Format, lang: Lang) -> Result<Vec<Done>, String> {
    let doc = load(path)?;
    let pieces = split_compilation(&doc.text);
    if let [piece] = pieces.as_slice() {
        if piece.title.is_none() {
            let analysis = analyze(&doc.text);
            return Ok(vec![report(path, None, doc, analysis, format, lang)]);
        }
    }
    Ok(pieces
        .iter()
        .map(|piece| {
            let name = piece.name(&file_name(path));
            let text = piece.slice(&doc.text).to_owned();
            let analysis = analyze(&text);
            let piece_doc = Document {
                text,
                format: doc.format,
                encoding: doc.encoding.clone(),
                byte_len: doc.byte_len,
                warnings: doc.warnings.clone(),
            };
            report(path, Some(name), piece_doc, analysis, format, lang)
        })
        .collect())
}

/// What `format` prints of one report: `name` is the report's name in a compilation
/// (`None`: the file is one report).
fn report(
    path: &Path,
    name: Option<String>,
    doc: Document,
    analysis: Analysis,
    format: Format,
    lang: Lang,
) -> Done {
    let short = || name.clone().unwrap_or_else(|| file_name(path));
    match format {
        Format::Json => Done::Json(Box::new((short(), doc, analysis))),
        Format::Gold => Done::Gold(Box::new(gold::from_analysis(&short(), &analysis))),
        Format::Csv | Format::Summary => {
            let file = match &name {
                None => path.display().to_string(),
                Some(name) => path.with_file_name(name).display().to_string(),
            };
            let mut csv = Csv::continuation();
            if format == Format::Csv {
                let report = ReportRef {
                    file: &file,
                    text: &doc.text,
                    analysis: &analysis,
                };
                export::metric_rows(&mut csv, &report, lang, true);
            } else {
                export::summary_row_csv(&mut csv, &file, &Summary::of(&analysis), lang);
            }
            Done::Rows(csv.into_bytes())
        }
    }
}

/// Files analysed together: at most this many…
const CHUNK_FILES: usize = 64;
/// …and, past the first file, no more than this much input (by file size).
const CHUNK_BYTES: u64 = 32 * 1024 * 1024;

/// Analyse `files` chunk by chunk, each chunk on every core, and send each chunk's results,
/// in order, to the writer. Stops early when the writer has gone (a closed pipe).
fn produce(
    files: &[PathBuf],
    format: Format,
    lang: Lang,
    tx: &SyncSender<Vec<Result<Vec<Done>, String>>>,
) {
    let max = u64::try_from(Limits::default().max_input).unwrap_or(u64::MAX);
    let mut rest = files;
    while !rest.is_empty() {
        let mut n = 0;
        let mut bytes = 0u64;
        while n < rest.len() && n < CHUNK_FILES && (n == 0 || bytes < CHUNK_BYTES) {
            // Only a size hint: `load` checks every file again before it reads.
            let size = fs::metadata(&rest[n]).map_or(0, |m| if m.is_file() { m.len() } else { 0 });
            bytes = bytes.saturating_add(size.min(max));
            n += 1;
        }
        let (chunk, tail) = rest.split_at(n);
        rest = tail;
        let done: Vec<Result<Vec<Done>, String>> = chunk
            .par_iter()
            .map(|path| process(path, format, lang))
            .collect();
        if tx.send(done).is_err() {
            return;
        }
    }
}

/// Writes what it is given to the inner writer with two spaces after each line break: a
/// pretty-printed JSON object becomes an element of a pretty-printed array. (Pretty JSON
/// escapes the line breaks inside strings, so every `\n` is a line of its layout.)
struct Indented<W>(W);

impl<W: Write> Write for Indented<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for (i, line) in buf.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.0.write_all(b"\n  ")?;
            }
            self.0.write_all(line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// One result: its CSV rows, or its pretty JSON at the top level or (`indented`) as an
/// array element.
fn write_done(out: &mut impl Write, done: &Done, indented: bool) -> io::Result<()> {
    fn pretty(out: &mut impl Write, value: &impl Serialize, indented: bool) -> io::Result<()> {
        if indented {
            serde_json::to_writer_pretty(Indented(out), value)
        } else {
            serde_json::to_writer_pretty(out, value)
        }
        .map_err(io::Error::from)
    }
    match done {
        Done::Json(report) => {
            let (file, doc, analysis) = &**report;
            let value = JsonReport {
                file,
                format: doc.format,
                encoding: &doc.encoding,
                byte_len: doc.byte_len,
                text: &doc.text,
                analysis,
            };
            pretty(out, &value, indented)
        }
        Done::Gold(gold) => pretty(out, gold, indented),
        Done::Rows(rows) => out.write_all(rows),
    }
}

/// Write the results as they come, in order: the table's header first, or the opening of
/// the JSON array. Files that failed are named on stderr; returns whether any did.
fn write_results(
    out: &mut impl Write,
    rx: Receiver<Vec<Result<Vec<Done>, String>>>,
    format: Format,
    lang: Lang,
    one_file: bool,
) -> io::Result<bool> {
    let json = matches!(format, Format::Json | Format::Gold);
    // One report alone prints one object; otherwise an array, one element at a time. (One
    // file that is a compilation is several reports: its array opens when it is back.)
    let mut array = json && !one_file;
    match format {
        Format::Csv | Format::Summary => {
            let mut header = Csv::new();
            if format == Format::Csv {
                export::metrics_header_row(&mut header, lang, true);
            } else {
                export::summary_header_row(&mut header, lang);
            }
            out.write_all(&header.into_bytes())?;
        }
        Format::Json | Format::Gold if array => out.write_all(b"[")?,
        Format::Json | Format::Gold => {}
    }
    let mut failed = false;
    let mut elements = 0usize;
    for chunk in rx {
        for done in chunk {
            match done {
                Ok(reports) => {
                    if json && !array && reports.len() > 1 {
                        array = true;
                        out.write_all(b"[")?;
                    }
                    for done in &reports {
                        if array {
                            out.write_all(if elements == 0 { b"\n  " } else { b",\n  " })?;
                        }
                        write_done(out, done, array)?;
                        elements += 1;
                    }
                }
                Err(e) => {
                    note(e);
                    failed = true;
                }
            }
        }
        // The chunk is out: let a reader downstream start on it.
        out.flush()?;
    }
    if array {
        out.write_all(if elements == 0 { b"]\n" } else { b"\n]\n" })?;
    } else if json && elements > 0 {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(failed)
}

fn cmd_analyze(args: &[std::ffi::OsString]) -> Result<ExitCode, Fail> {
    let mut format = Format::Json;
    let mut lang = Lang::Zh;
    let mut inputs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.to_str() {
            Some("--format") => format = Format::parse(it.next().and_then(|v| v.to_str()))?,
            Some(f) if f.starts_with("--format=") => {
                format = Format::parse(Some(&f["--format=".len()..]))?;
            }
            Some("--lang") => lang = lang_arg(it.next())?,
            _ => inputs.push(PathBuf::from(a)),
        }
    }
    if inputs.is_empty() {
        return Err(Fail::Usage(USAGE.to_owned()));
    }
    let (files, all_read) = list_inputs(&inputs);
    let mut out = stdout();
    let written = std::thread::scope(|s| {
        // Room for one finished chunk while the writer writes the one before and the workers
        // analyse the one after.
        let (tx, rx) = mpsc::sync_channel(1);
        let files = &files;
        s.spawn(move || produce(files, format, lang, &tx));
        // When the writer stops early, `rx` is dropped and the producer stops too.
        write_results(&mut out, rx, format, lang, files.len() == 1)
    });
    match written {
        Ok(failed) => Ok(exit_code(failed || !all_read)),
        // The reader has what it wanted (`| head`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(exit_code(!all_read)),
        Err(e) => Err(Fail::Write(e)),
    }
}

fn cmd_eval(args: &[std::ffi::OsString]) -> Result<ExitCode, Fail> {
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
                .and_then(|n| n.to_str())
                .and_then(eval::thresholds::named)
                .ok_or_else(|| format!("--thresholds needs one of {}", names.join(", ")))?;
            continue;
        }
        let mut num = |name: &str| -> Result<f64, String> {
            let value = it.next().map(|v| v.to_string_lossy());
            value
                .as_deref()
                .and_then(|v| v.parse::<f64>().ok())
                // Rejects NaN and infinities too.
                .filter(|v| (0.0..=1.0).contains(v))
                .ok_or_else(|| match value {
                    Some(v) => format!("{name} needs a number between 0 and 1, not {v:?}"),
                    None => format!("{name} needs a number between 0 and 1"),
                })
        };
        match a.to_str() {
            Some(name @ "--min-heading-f1") => t.heading_f1 = num(name)?,
            Some(name @ "--min-parts") => {
                t.parts_presence = num(name)?;
                t.parts_location = t.parts_presence;
            }
            Some(name @ "--min-metadata") => t.metadata = num(name)?,
            Some(name @ "--min-metric-precision") => t.metric_precision = num(name)?,
            Some(name @ "--min-metric-recall") => t.metric_recall = num(name)?,
            Some(name @ "--min-metric-fields") => t.metric_fields = num(name)?,
            Some("--quiet" | "-q") => quiet = true,
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    let [corpus, gold_dir] = dirs.as_slice() else {
        return Err(Fail::Usage(USAGE.to_owned()));
    };
    let cases = eval::load_corpus(corpus, gold_dir)?;
    let mut out = stdout();
    let mut total = Score {
        file: "TOTAL".into(),
        ..Score::default()
    };
    for case in &cases {
        let s = case.score();
        out.write_all(eval::render(&s, !quiet).as_bytes())?;
        total.add(&s);
    }
    writeln!(out, "{}", "-".repeat(100))?;
    out.write_all(eval::render(&total, false).as_bytes())?;
    let failures = t.failures(&total);
    for f in &failures {
        writeln!(out, "BELOW THRESHOLD: {f}")?;
    }
    let ok = failures.is_empty();
    writeln!(
        out,
        "{}",
        if ok {
            "eval: all thresholds met"
        } else {
            "eval: FAILED"
        }
    )?;
    out.flush()?;
    Ok(exit_code(!ok))
}
