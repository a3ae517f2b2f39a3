//! The work the page hands to its Web Worker, and the worker's answers. Pure Rust: the page
//! (`services::worker`) and the worker (`services::worker_scope`) move these across as JSON,
//! with file bytes and workbooks beside them as byte arrays; [`run`] does the work and is
//! what the worker calls (and what the tests call natively).
//!
//! Only the worker binary reaches [`run`], so only it links the decoders (encoding_rs,
//! chardetng, zip, quick-xml), the analysis (regex) and the .xlsx writer.

use fazhi_core::decode::{DecodeWarning, SourceFormat};
use fazhi_core::review::{ReviewCard, ReviewSettings};
use fazhi_core::Analysis;
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Problem};

/// One piece of work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// Decode the bytes sent beside the job (a file the user gave) and analyse the text.
    File { name: String },
    /// Analyse this text as it is (pasted, or the demo).
    Text { text: String },
    /// Build the .xlsx workbook of an analysed report; the answer's bytes are the file.
    Xlsx {
        text: String,
        analysis: Box<Analysis>,
        /// A language code (`Lang::code`).
        lang: String,
    },
    /// Build the .xlsx review sheet of the open reports: one row per report as
    /// `fazhi_core::review::review_row` gives it (the page computes the rows).
    ReviewXlsx {
        rows: Vec<Vec<String>>,
        /// A language code (`Lang::code`).
        lang: String,
    },
    /// Panic on purpose: the page's `?panic-test=worker` switch, to see the crash message.
    Panic,
}

/// A decoded and analysed report, as the worker sends it back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysed {
    pub text: String,
    pub encoding: String,
    pub format: SourceFormat,
    pub byte_len: usize,
    /// What the decoder repaired or left out (empty for pasted text and the demo).
    pub warnings: Vec<DecodeWarning>,
    pub analysis: Analysis,
    /// [`content_hash`] of `text`: the same report loaded twice is recognised by it.
    pub content_hash: String,
    /// The review card (`fazhi_core::review`, default settings), computed beside the
    /// analysis: its word tables and regexes stay in the worker.
    pub review: ReviewCard,
    /// This report's name when the file is a compilation of several reports
    /// (`<file stem> · <title>`, `fazhi_core::split`); `None`: the file's own name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The reports of a compilation after this one, in order, each with its `name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more: Vec<Analysed>,
}

impl Analysed {
    /// Every report of this answer with its name, in order: this one (named `file_name`
    /// unless it is a report of a compilation) and the rest of a compilation.
    #[must_use]
    pub fn into_reports(mut self, file_name: String) -> Vec<(String, Analysed)> {
        let more = std::mem::take(&mut self.more);
        let name = self.name.clone().unwrap_or(file_name);
        let mut reports = Vec::with_capacity(1 + more.len());
        reports.push((name, self));
        for piece in more {
            let name = piece.name.clone().unwrap_or_default();
            reports.push((name, piece));
        }
        reports
    }
}

/// The hash that names a report's content: FNV-1a (64 bits) of the decoded text, as 16
/// lowercase hex digits. Stable across builds and machines (sessions and notes are keyed by
/// it), computed in the worker beside the analysis.
#[must_use]
pub fn content_hash(text: &str) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let hash = text
        .bytes()
        .fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME));
    format!("{hash:016x}")
}

/// The answer to one [`Job`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Analysed(Box<Analysed>),
    /// The file could not be read: why, put into words by the page in its language.
    Unreadable(Problem),
    /// The workbook is in the bytes beside the reply.
    Workbook,
    /// The workbook could not be built.
    WorkbookFailed(String),
}

/// A reply and the bytes that travel beside it (the workbook; otherwise empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub reply: Reply,
    pub bytes: Vec<u8>,
}

impl From<Reply> for Output {
    fn from(reply: Reply) -> Self {
        Self {
            reply,
            bytes: Vec::new(),
        }
    }
}

/// Where a job's time went, in ms, by the clock given to [`run_timed`] (the benchmark
/// reads it: `e2e/bench.mjs` prints the analysis alone beside the whole job).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Phases {
    /// Reading the file's bytes into text (`fazhi_core::decode`), ms.
    pub decode: f64,
    /// `fazhi_core::analyze`, over every report of the file, ms.
    pub analyse: f64,
    /// `fazhi_core::review`, over every report of the file, ms.
    pub review: f64,
}

/// A clock and the time taken so far by each phase.
struct Timer<'a> {
    now: &'a dyn Fn() -> f64,
    phases: Phases,
}

impl<'a> Timer<'a> {
    fn new(now: &'a dyn Fn() -> f64) -> Self {
        Self {
            now,
            phases: Phases::default(),
        }
    }

    /// Run `f`, adding its time to the phase `slot` picks.
    fn time<T>(&mut self, slot: fn(&mut Phases) -> &mut f64, f: impl FnOnce() -> T) -> T {
        let start = (self.now)();
        let out = f();
        *slot(&mut self.phases) += (self.now)() - start;
        out
    }

    /// One report's analysis and review card.
    fn analyse(&mut self, text: &str) -> (Analysis, ReviewCard) {
        let analysis = self.time(|p| &mut p.analyse, || fazhi_core::analyze(text));
        let review = self.time(
            |p| &mut p.review,
            || fazhi_core::review::review(text, &analysis, &ReviewSettings::default()),
        );
        (analysis, review)
    }
}

/// A clock that never moves: for the callers that do not time their jobs.
fn no_clock() -> f64 {
    0.0
}

/// Analyse text that needs no decoding.
#[must_use]
pub fn analyse_text(text: String) -> Analysed {
    analyse_text_timed(text, &mut Timer::new(&no_clock))
}

fn analyse_text_timed(text: String, timer: &mut Timer) -> Analysed {
    let (analysis, review) = timer.analyse(&text);
    Analysed {
        review,
        encoding: "UTF-8".to_owned(),
        format: SourceFormat::Text,
        byte_len: text.len(),
        warnings: Vec::new(),
        analysis,
        content_hash: content_hash(&text),
        text,
        name: None,
        more: Vec::new(),
    }
}

/// A decoded file's report, or its reports when it is a compilation
/// (`fazhi_core::split`): the first one, with the others in `more`.
fn analyse_document(
    doc: fazhi_core::decode::Document,
    file_name: &str,
    timer: &mut Timer,
) -> Analysed {
    let pieces = fazhi_core::split::split_compilation(&doc.text);
    let mut one = |text: String, name: Option<String>| {
        let (analysis, review) = timer.analyse(&text);
        Analysed {
            analysis,
            review,
            content_hash: content_hash(&text),
            text,
            encoding: doc.encoding.clone(),
            format: doc.format,
            byte_len: doc.byte_len,
            warnings: doc.warnings.clone(),
            name,
            more: Vec::new(),
        }
    };
    if pieces.len() < 2 {
        return one(doc.text, None);
    }
    let reports: Vec<Analysed> = pieces
        .iter()
        .map(|piece| {
            one(
                piece.slice(&doc.text).to_owned(),
                Some(piece.name(file_name)),
            )
        })
        .collect();
    let mut reports = reports.into_iter();
    let Some(mut first) = reports.next() else {
        return one(doc.text.clone(), None);
    };
    first.more = reports.collect();
    first
}

/// Do one job, untimed (the tests').
#[cfg(test)]
#[must_use]
pub fn run(job: Job, bytes: &[u8]) -> Output {
    run_timed(job, bytes, &no_clock).0
}

/// Do one job, timing its phases by the clock `now` (ms). `bytes` are the file's for
/// [`Job::File`] (ignored otherwise).
pub fn run_timed(job: Job, bytes: &[u8], now: &dyn Fn() -> f64) -> (Output, Phases) {
    let mut timer = Timer::new(now);
    let output = run_with(job, bytes, &mut timer);
    (output, timer.phases)
}

fn run_with(job: Job, bytes: &[u8], timer: &mut Timer) -> Output {
    match job {
        Job::File { name } => {
            match timer.time(
                |p| &mut p.decode,
                || fazhi_core::decode::decode(bytes, Some(&name)),
            ) {
                Ok(doc) => Reply::Analysed(Box::new(analyse_document(doc, &name, timer))).into(),
                Err(e) => Reply::Unreadable(Problem::from(&e)).into(),
            }
        }
        Job::Text { text } => Reply::Analysed(Box::new(analyse_text_timed(text, timer))).into(),
        Job::Xlsx {
            text,
            analysis,
            lang,
        } => {
            let lang = Lang::from_code(&lang).unwrap_or_default();
            match crate::xlsx::metrics_xlsx(&text, &analysis, lang) {
                Ok(bytes) => Output {
                    reply: Reply::Workbook,
                    bytes,
                },
                Err(e) => Reply::WorkbookFailed(e).into(),
            }
        }
        Job::ReviewXlsx { rows, lang } => {
            let lang = Lang::from_code(&lang).unwrap_or_default();
            match crate::xlsx::review_xlsx(&rows, lang) {
                Ok(bytes) => Output {
                    reply: Reply::Workbook,
                    bytes,
                },
                Err(e) => Reply::WorkbookFailed(e).into(),
            }
        }
        Job::Panic => panic!("panic test (?panic-test=worker)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::DEMO_TEXT;

    #[test]
    fn analyses_survive_the_trip_as_json() {
        let mut bytes = DEMO_TEXT.as_bytes().to_vec();
        // One stray byte between two characters: read as UTF-8 with a replacement, and a
        // warning.
        let at = DEMO_TEXT.char_indices().nth(20).map_or(0, |(i, _)| i);
        bytes.insert(at, 0xFF);
        let out = run(
            Job::File {
                name: "demo.txt".into(),
            },
            &bytes,
        );
        let Reply::Analysed(a) = &out.reply else {
            panic!("not analysed: {:?}", out.reply);
        };
        assert_eq!(
            a.warnings,
            vec![DecodeWarning::ReplacedInvalidBytes { count: 1 }]
        );
        assert!(!a.analysis.metrics.is_empty());
        let json = serde_json::to_string(&out.reply).expect("json");
        let back: Reply = serde_json::from_str(&json).expect("back");
        assert_eq!(back, out.reply, "bit for bit, f64 included");

        let job = Job::Xlsx {
            text: a.text.clone(),
            analysis: Box::new(a.analysis.clone()),
            lang: "en".into(),
        };
        let job: Job =
            serde_json::from_str(&serde_json::to_string(&job).expect("json")).expect("job back");
        let out = run(job, &[]);
        assert_eq!(out.reply, Reply::Workbook);
        assert_eq!(&out.bytes[..2], b"PK");
    }

    #[test]
    fn content_hash_is_fnv1a_64_in_hex() {
        // The published FNV-1a test vectors: the hash must not change between builds.
        for (text, want) in [
            ("", "cbf29ce484222325"),
            ("a", "af63dc4c8601ec8c"),
            ("foobar", "85944171f73967e8"),
        ] {
            assert_eq!(content_hash(text), want, "{text:?}");
        }
        assert_ne!(content_hash("一、甲"), content_hash("一、乙"));
        // A file and the same text pasted are the same content.
        let Reply::Analysed(file) = run(
            Job::File {
                name: "a.txt".into(),
            },
            "一、甲\n".as_bytes(),
        )
        .reply
        else {
            panic!("not analysed");
        };
        assert_eq!(
            file.content_hash,
            analyse_text("一、甲\n".to_owned()).content_hash
        );
    }

    #[test]
    fn unreadable_files_answer_with_the_decoders_reason() {
        let out = run(
            Job::File {
                name: "empty.txt".into(),
            },
            &[],
        );
        assert!(
            out.reply == Reply::Unreadable(Problem::Empty),
            "{:?}",
            out.reply
        );
    }

    #[test]
    fn timed_jobs_answer_as_untimed_ones_and_count_each_phase() {
        // A clock that moves 1 ms each time it is read: every timed stretch takes 1 ms.
        let ticks = std::cell::Cell::new(0.0);
        let clock = || {
            ticks.set(ticks.get() + 1.0);
            ticks.get()
        };
        let bytes = include_bytes!("../crates/fazhi_core/tests/fixtures/split/compilation.txt");
        let job = || Job::File {
            name: "汇编.txt".into(),
        };
        let (out, phases) = run_timed(job(), bytes, &clock);
        assert_eq!(out, run(job(), bytes));
        // One decode; three reports, each analysed once and reviewed once.
        assert_eq!(
            phases,
            Phases {
                decode: 1.0,
                analyse: 3.0,
                review: 3.0,
            }
        );
        let (out, phases) = run_timed(
            Job::Text {
                text: DEMO_TEXT.into(),
            },
            &[],
            &clock,
        );
        assert_eq!(
            out,
            run(
                Job::Text {
                    text: DEMO_TEXT.into()
                },
                &[]
            )
        );
        assert_eq!(
            phases,
            Phases {
                decode: 0.0,
                analyse: 1.0,
                review: 1.0,
            }
        );
    }

    #[test]
    fn a_compilation_comes_back_as_its_reports() {
        let bytes = include_bytes!("../crates/fazhi_core/tests/fixtures/split/compilation.txt");
        let out = run(
            Job::File {
                name: "汇编.txt".into(),
            },
            bytes,
        );
        let json = serde_json::to_string(&out.reply).expect("json");
        let Ok(Reply::Analysed(a)) = serde_json::from_str::<Reply>(&json) else {
            panic!("not analysed: {:?}", out.reply);
        };
        let reports = a.into_reports("汇编.txt".into());
        let names: Vec<&str> = reports.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "汇编 · 青石区司法局2024年法治政府建设年度报告",
                "汇编 · 青石区市场监督管理局关于2024年度法治政府建设情况的报告",
                "汇编 · 青石区城市管理局2024年法治政府建设工作报告",
            ]
        );
        for (name, report) in &reports {
            assert!(report.more.is_empty(), "{name}");
            assert_eq!(report.analysis, fazhi_core::analyze(&report.text), "{name}");
            assert!(report.analysis.headings.len() >= 4, "{name}");
        }

        // One report stays one, under the file's name.
        let out = run(
            Job::File {
                name: "demo.txt".into(),
            },
            DEMO_TEXT.as_bytes(),
        );
        let Reply::Analysed(a) = out.reply else {
            panic!("not analysed");
        };
        let reports = a.into_reports("demo.txt".into());
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].0, "demo.txt");
        assert_eq!(reports[0].1.text, DEMO_TEXT);
    }
}
