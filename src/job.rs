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

use crate::i18n::Lang;

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
    /// The review card (`fazhi_core::review`, default settings), computed beside the
    /// analysis: its word tables and regexes stay in the worker.
    pub review: ReviewCard,
}

/// The answer to one [`Job`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Analysed(Box<Analysed>),
    /// The file could not be read: the decoder's (bilingual) message.
    Unreadable(String),
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

/// Analyse text that needs no decoding.
#[must_use]
pub fn analyse_text(text: String) -> Analysed {
    let analysis = fazhi_core::analyze(&text);
    let review = fazhi_core::review::review(&text, &analysis, &ReviewSettings::default());
    Analysed {
        review,
        encoding: "UTF-8".to_owned(),
        format: SourceFormat::Text,
        byte_len: text.len(),
        warnings: Vec::new(),
        analysis,
        text,
    }
}

/// Do one job. `bytes` are the file's for [`Job::File`] (ignored otherwise).
#[must_use]
pub fn run(job: Job, bytes: &[u8]) -> Output {
    match job {
        Job::File { name } => match fazhi_core::decode::decode(bytes, Some(&name)) {
            Ok(doc) => {
                let analysis = fazhi_core::analyze(&doc.text);
                let review =
                    fazhi_core::review::review(&doc.text, &analysis, &ReviewSettings::default());
                Reply::Analysed(Box::new(Analysed {
                    review,
                    text: doc.text,
                    encoding: doc.encoding,
                    format: doc.format,
                    byte_len: doc.byte_len,
                    warnings: doc.warnings,
                    analysis,
                }))
                .into()
            }
            Err(e) => Reply::Unreadable(e.to_string()).into(),
        },
        Job::Text { text } => Reply::Analysed(Box::new(analyse_text(text))).into(),
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
    fn unreadable_files_answer_with_the_decoders_message() {
        let out = run(
            Job::File {
                name: "empty.txt".into(),
            },
            &[],
        );
        assert!(
            matches!(&out.reply, Reply::Unreadable(m) if m.contains("empty")),
            "{:?}",
            out.reply
        );
    }
}
