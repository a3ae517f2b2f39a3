//! Sessions: the open reports (decoded text, name, format, encoding, where they came from),
//! the selected report, the filters, the reviewer's notes and the review's publication
//! deadline, as kept in IndexedDB
//! (`services::session_store`) and as the file "保存会话 / save session" writes.
//!
//! The file is one JSON object (documented in the README):
//!
//! ```json
//! {"format": "fazhi-lens-session", "version": 1, "selected": "<content hash>" | null,
//!  "table": {…}, "list": {…}, "notes": {"<content hash>": "…"}, "deadline": "MM-DD",
//!  "reports": [{"name", "source", "format", "encoding", "byte_len", "warnings",
//!               "content_hash", "text"}, …]}
//! ```
//!
//! Reading is total: any bytes give a `Session` or a [`SessionError`], never a panic. The
//! reports' texts are analysed again when a session is opened; nothing else is trusted.

use std::collections::BTreeMap;

use fazhi_core::decode::{DecodeWarning, SourceFormat};
use fazhi_core::review::ReviewSettings;
use serde::{Deserialize, Serialize};

use crate::state::{ListView, Report, Source, State, TableView};

/// The `format` tag of a session file.
pub const FORMAT: &str = "fazhi-lens-session";
/// The version this build writes and reads.
pub const VERSION: u64 = 1;
/// The name of a saved session file.
pub const FILE_NAME: &str = "fazhi-lens-session.json";

/// Where a stored report came from (`Source`, as it is written down).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoredSource {
    File,
    Paste,
    Demo,
}

impl From<Source> for StoredSource {
    fn from(source: Source) -> Self {
        match source {
            Source::File => Self::File,
            Source::Paste => Self::Paste,
            Source::Demo => Self::Demo,
        }
    }
}

impl From<StoredSource> for Source {
    fn from(source: StoredSource) -> Self {
        match source {
            StoredSource::File => Self::File,
            StoredSource::Paste => Self::Paste,
            StoredSource::Demo => Self::Demo,
        }
    }
}

/// One open report, as much as is needed to open it again: its decoded text (analysed
/// again on the way back) and what the decoder said about the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredReport {
    pub name: String,
    pub source: StoredSource,
    pub format: SourceFormat,
    pub encoding: String,
    pub byte_len: usize,
    #[serde(default)]
    pub warnings: Vec<DecodeWarning>,
    /// Informative: the hash is computed again from `text` when the report is reopened.
    #[serde(default)]
    pub content_hash: String,
    pub text: String,
}

impl StoredReport {
    #[must_use]
    pub fn of(report: &Report) -> Self {
        Self {
            name: report.name.clone(),
            source: report.source.into(),
            format: report.format,
            encoding: report.encoding.clone(),
            byte_len: report.byte_len,
            warnings: report.warnings.clone(),
            content_hash: report.content_hash.clone(),
            text: report.text.clone(),
        }
    }
}

/// The review's publication deadline as a session writes it: `"MM-DD"`, the form the
/// page's field and `fazhi review --deadline` take. Reading takes what
/// [`ReviewSettings::parse_month_day`] takes (`"3-1"` too) and `null`; anything else is an
/// error, so a damaged file says so instead of quietly reviewing against another date.
mod month_day {
    use fazhi_core::review::ReviewSettings;
    use serde::{Deserialize, Deserializer, Serializer};

    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `with` passes a reference
    pub fn serialize<S: Serializer>(d: &ReviewSettings, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&d.month_day())
    }

    /// `null` reads as the default, as a missing field does.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ReviewSettings, D::Error> {
        let Some(s) = Option::<String>::deserialize(d)? else {
            return Ok(ReviewSettings::default());
        };
        ReviewSettings::parse_month_day(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("deadline {s:?} is not a month and day (MM-DD)"))
        })
    }
}

/// Everything of a session but the reports' texts: the order they were open in, the
/// selected one, the filters, the notes and the deadline. Small; written on every change.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionView {
    /// Content hashes of the open reports, in their order.
    pub order: Vec<String>,
    /// Content hash of the selected report.
    pub selected: Option<String>,
    pub table: TableView,
    pub list: ListView,
    pub notes: BTreeMap<String, String>,
    /// The publication deadline of the review's timeliness check (absent: 04-01).
    #[serde(with = "month_day")]
    pub deadline: ReviewSettings,
}

impl SessionView {
    #[must_use]
    pub fn of(state: &State) -> Self {
        Self {
            order: state
                .reports
                .iter()
                .map(|r| r.content_hash.clone())
                .collect(),
            selected: state.current().map(|r| r.content_hash.clone()),
            table: state.table.clone(),
            list: state.list.clone(),
            notes: state.notes.clone(),
            deadline: state.deadline,
        }
    }
}

/// A whole session.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Session {
    pub view: SessionView,
    pub reports: Vec<StoredReport>,
}

impl Session {
    /// Put stored reports in the session's order (reports it does not list go last, in
    /// the order given; a hash listed twice keeps its first place).
    #[must_use]
    pub fn ordered(view: SessionView, mut reports: Vec<StoredReport>) -> Self {
        let place = |r: &StoredReport| {
            view.order
                .iter()
                .position(|h| *h == r.content_hash)
                .unwrap_or(usize::MAX)
        };
        reports.sort_by_key(place);
        Self { view, reports }
    }
}

/// The file as written.
#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u64,
    selected: &'a Option<String>,
    table: &'a TableView,
    list: &'a ListView,
    notes: &'a BTreeMap<String, String>,
    #[serde(with = "month_day")]
    deadline: ReviewSettings,
    reports: &'a [StoredReport],
}

/// The file as read, once its tag and version are known to be right.
#[derive(Deserialize)]
struct FileIn {
    #[serde(default)]
    selected: Option<String>,
    #[serde(default)]
    table: TableView,
    #[serde(default)]
    list: ListView,
    #[serde(default)]
    notes: BTreeMap<String, String>,
    /// Absent in files written before the deadline was kept: the default, 04-01.
    #[serde(default, with = "month_day")]
    deadline: ReviewSettings,
    reports: Vec<StoredReport>,
}

/// Just the tag and version, read first so that other JSON is named for what it is.
#[derive(Deserialize)]
struct Envelope {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Why a file is not a session this build can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionError {
    /// Named `.json` but not JSON at all.
    NotJson,
    /// JSON, but not a session (an analysis export, say).
    NotASession,
    /// A session from a later version of the app.
    UnsupportedVersion(String),
    /// A session with missing or malformed fields.
    Damaged(String),
}

/// Write a session file.
#[must_use]
pub fn to_json(session: &Session) -> String {
    let out = FileOut {
        format: FORMAT,
        version: VERSION,
        selected: &session.view.selected,
        table: &session.view.table,
        list: &session.view.list,
        notes: &session.view.notes,
        deadline: session.view.deadline,
        reports: &session.reports,
    };
    // Plain data with string keys: serialising cannot fail.
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// The bytes without a UTF-8 BOM and leading white space.
fn body(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// Whether a file should be read as a session (or refused as other JSON) rather than
/// analysed as a report: it is named `.json`, or it is a JSON object.
#[must_use]
pub fn is_json(name: &str, bytes: &[u8]) -> bool {
    let named = name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("json"));
    named
        || (body(bytes).first() == Some(&b'{')
            && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok())
}

/// Read a session file.
pub fn parse(bytes: &[u8]) -> Result<Session, SessionError> {
    let bytes = body(bytes);
    let envelope: Envelope = match serde_json::from_slice(bytes) {
        Ok(e) => e,
        Err(e) if e.is_syntax() || e.is_eof() || e.is_io() => return Err(SessionError::NotJson),
        // JSON, but not an object (an array, a string, …).
        Err(_) => return Err(SessionError::NotASession),
    };
    if envelope.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(SessionError::NotASession);
    }
    match envelope.version {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => return Err(SessionError::UnsupportedVersion(v.to_string())),
        None => return Err(SessionError::Damaged("version".to_owned())),
    }
    let file: FileIn =
        serde_json::from_slice(bytes).map_err(|e| SessionError::Damaged(e.to_string()))?;
    let order = file
        .reports
        .iter()
        .map(|r| r.content_hash.clone())
        .collect();
    Ok(Session {
        view: SessionView {
            order,
            selected: file.selected,
            table: file.table,
            list: file.list,
            notes: file.notes,
            deadline: file.deadline,
        },
        reports: file.reports,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Column, ListSort};
    use fazhi_core::Category;

    fn report(name: &str, text: &str) -> StoredReport {
        StoredReport {
            name: name.to_owned(),
            source: StoredSource::File,
            format: SourceFormat::Docx,
            encoding: "GB18030".to_owned(),
            byte_len: 4096,
            warnings: vec![DecodeWarning::ReplacedInvalidBytes { count: 2 }],
            content_hash: crate::job::content_hash(text),
            text: text.to_owned(),
        }
    }

    fn session() -> Session {
        let reports = vec![
            report(
                "甲区司法局.docx",
                "一、主要举措和成效\n全年办理复议案件12件。",
            ),
            report("乙县.txt", "一、存在的不足\n\"引号\" 与 \\ 反斜杠"),
        ];
        let mut notes = BTreeMap::new();
        notes.insert(
            reports[1].content_hash.clone(),
            "缺第三部分，已电话提醒".to_owned(),
        );
        Session {
            view: SessionView {
                order: reports.iter().map(|r| r.content_hash.clone()).collect(),
                selected: Some(reports[1].content_hash.clone()),
                table: TableView {
                    sort: Column::Value,
                    descending: true,
                    category: Some(Category::Fines),
                    section: Some("一、".to_owned()),
                    query: "罚款".to_owned(),
                },
                list: ListView {
                    query: "司法".to_owned(),
                    year: Some(2023),
                    missing_only: true,
                    problems_only: false,
                    sort: ListSort::Year,
                    descending: true,
                },
                notes,
                deadline: ReviewSettings::parse_month_day("03-01").unwrap_or_default(),
            },
            reports,
        }
    }

    #[test]
    fn round_trip() {
        let s = session();
        let json = to_json(&s);
        assert!(json.starts_with("{\n  \"format\": \"fazhi-lens-session\",\n  \"version\": 1,"));
        assert_eq!(parse(json.as_bytes()), Ok(s.clone()));
        // With a BOM and white space before it, as an editor may save it.
        let padded = format!("\u{feff}\n  {json}");
        assert_eq!(parse(padded.as_bytes()), Ok(s));
        assert!(is_json("session.JSON", b""));
        assert!(is_json("anything.txt", json.as_bytes()));
    }

    #[test]
    fn the_deadline_travels_as_month_and_day() {
        let s = session();
        let json = to_json(&s);
        // Written where a reader looks for it, in the form the page's field takes.
        assert!(json.contains("\"deadline\": \"03-01\""), "{json}");
        let back = parse(json.as_bytes()).expect("a session");
        assert_eq!(back.view.deadline.month_day(), "03-01");
        assert_ne!(back.view.deadline, ReviewSettings::default());
        // A hand-edited M-D is read too.
        let short = json.replace("\"03-01\"", "\"3-1\"");
        assert_eq!(parse(short.as_bytes()), Ok(s));
        // IndexedDB keeps the view as JSON of `SessionView`: the same field, the same form.
        let view = session().view;
        let stored = serde_json::to_string(&view).expect("view json");
        assert!(stored.contains("\"deadline\":\"03-01\""), "{stored}");
        assert_eq!(
            serde_json::from_str::<SessionView>(&stored).ok(),
            Some(view)
        );
    }

    #[test]
    fn sessions_without_a_deadline_get_the_default() {
        // A version 1 file written before the deadline was kept.
        let old = r#"{"format": "fazhi-lens-session", "version": 1, "selected": null,
            "notes": {"ab": "x"},
            "reports": [{"name": "a.txt", "source": "file", "format": "text", "encoding": "UTF-8",
                         "byte_len": 3, "text": "一、甲"}]}"#;
        let s = parse(old.as_bytes()).expect("an old session still opens");
        assert_eq!(s.view.deadline, ReviewSettings::default());
        assert_eq!(s.view.deadline.month_day(), "04-01");
        assert_eq!(s.reports.len(), 1);
        assert_eq!(s.view.notes.get("ab").map(String::as_str), Some("x"));
        // The view IndexedDB kept before the field existed.
        let stored: SessionView =
            serde_json::from_str(r#"{"order": ["ab"], "selected": "ab"}"#).expect("old view");
        assert_eq!(stored.deadline, ReviewSettings::default());
        assert_eq!(stored.selected.as_deref(), Some("ab"));
        let null = old.replace(r#""selected": null"#, r#""deadline": null"#);
        assert_eq!(
            parse(null.as_bytes()).map(|s| s.view.deadline),
            Ok(ReviewSettings::default())
        );
        // Not a month and day: the file is damaged, not quietly reviewed against 04-01.
        for bad in [r#""13-45""#, r#""0401""#, r#""""#, "401"] {
            let file = format!(
                r#"{{"format": "fazhi-lens-session", "version": 1, "deadline": {bad}, "reports": []}}"#
            );
            assert!(
                matches!(parse(file.as_bytes()), Err(SessionError::Damaged(_))),
                "{file}"
            );
        }
    }

    #[test]
    fn other_json_is_refused_by_name() {
        let analysis = serde_json::to_string(&fazhi_core::analyze("一、甲\n检查12次。"))
            .expect("analysis json");
        for (input, want) in [
            (analysis.as_str(), SessionError::NotASession),
            ("[1, 2]", SessionError::NotASession),
            ("\"text\"", SessionError::NotASession),
            ("{}", SessionError::NotASession),
            (
                r#"{"format": "other", "version": 1}"#,
                SessionError::NotASession,
            ),
            (r#"{"format": 7}"#, SessionError::NotASession),
            ("", SessionError::NotJson),
            ("{", SessionError::NotJson),
            ("一、总体情况", SessionError::NotJson),
            (
                r#"{"format": "fazhi-lens-session", "version": 2, "reports": []}"#,
                SessionError::UnsupportedVersion("2".to_owned()),
            ),
            (
                r#"{"format": "fazhi-lens-session", "version": "1", "reports": []}"#,
                SessionError::UnsupportedVersion("\"1\"".to_owned()),
            ),
        ] {
            assert_eq!(parse(input.as_bytes()), Err(want), "{input:.60}");
        }
        for damaged in [
            r#"{"format": "fazhi-lens-session"}"#,
            r#"{"format": "fazhi-lens-session", "version": 1}"#,
            r#"{"format": "fazhi-lens-session", "version": 1, "reports": [{"name": 1}]}"#,
            r#"{"format": "fazhi-lens-session", "version": 1, "reports": [], "table": {"sort": "nope"}}"#,
        ] {
            assert!(
                matches!(parse(damaged.as_bytes()), Err(SessionError::Damaged(_))),
                "{damaged}"
            );
        }
    }

    #[test]
    fn reports_are_json_only_when_they_are() {
        assert!(!is_json("report.txt", "一、总体情况\n全年…".as_bytes()));
        // A text that starts with a brace but is not JSON stays a report.
        assert!(!is_json("report.txt", "{附件一} 法治政府建设".as_bytes()));
        assert!(is_json("export.txt", br#" {"headings": []}"#));
        assert!(!is_json("noext", b""));
    }

    #[test]
    fn stored_reports_come_back_in_session_order() {
        let s = session();
        let mut view = s.view.clone();
        view.order.reverse();
        view.order.push("missing".to_owned());
        let extra = report("丙.txt", "一、其他");
        let mut reports = s.reports.clone();
        reports.push(extra.clone());
        let back = Session::ordered(view, reports);
        let names: Vec<_> = back.reports.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["乙县.txt", "甲区司法局.docx", "丙.txt"]);
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn stored() -> impl Strategy<Value = StoredReport> {
            (
                "\\PC{0,12}",
                prop_oneof![
                    Just(StoredSource::File),
                    Just(StoredSource::Paste),
                    Just(StoredSource::Demo)
                ],
                "\\PC{0,200}",
                0usize..1 << 30,
            )
                .prop_map(|(name, source, text, byte_len)| StoredReport {
                    name,
                    source,
                    format: SourceFormat::Text,
                    encoding: "UTF-8".into(),
                    byte_len,
                    warnings: Vec::new(),
                    content_hash: crate::job::content_hash(&text),
                    text,
                })
        }

        proptest! {
            #[test]
            fn any_bytes_parse_or_are_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
                // Total: a session or a reason, never a panic.
                let _ = parse(&bytes);
                let _ = is_json("x.json", &bytes);
            }

            #[test]
            fn json_like_text_is_refused_not_panicked(text in r#"[{}\[\]":,0-9a-z \n]{0,200}"#) {
                prop_assert!(parse(text.as_bytes()).is_err() || text.contains(FORMAT));
            }

            #[test]
            fn sessions_survive_the_round_trip(
                reports in proptest::collection::vec(stored(), 0..5),
                query in "\\PC{0,20}",
                note in "\\PC{0,40}",
                (month, day) in (1u8..=12, 1u8..=28),
            ) {
                let mut notes = BTreeMap::new();
                if let Some(r) = reports.first() {
                    notes.insert(r.content_hash.clone(), note);
                }
                let session = Session {
                    view: SessionView {
                        order: reports.iter().map(|r| r.content_hash.clone()).collect(),
                        selected: reports.last().map(|r| r.content_hash.clone()),
                        table: TableView { query: query.clone(), ..TableView::default() },
                        list: ListView { query, ..ListView::default() },
                        notes,
                        deadline: ReviewSettings { deadline_month: month, deadline_day: day },
                    },
                    reports,
                };
                prop_assert_eq!(parse(to_json(&session).as_bytes()), Ok(session));
            }
        }
    }
}
