//! Plain data returned by [`crate::analyze`]: typed enums, public fields and byte spans.
//!
//! Every [`Span`] is a half-open byte range into the text that was analysed, and always
//! falls on UTF-8 char boundaries, so `&text[span.start..span.end]` never panics.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::Lang;

/// A half-open byte range `[start, end)` into the analysed text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    #[must_use]
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }
    #[must_use]
    pub const fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    /// The text under this span, or `""` if the span does not fit `text`.
    #[must_use]
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// The four heading levels of GB/T 9704-2012.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum HeadingLevel {
    /// `一、`
    L1 = 1,
    /// `(一)` / `（一）`
    L2 = 2,
    /// `1.` `1、` `1．`
    L3 = 3,
    /// `(1)` / `（1）`
    L4 = 4,
}

impl HeadingLevel {
    #[must_use]
    pub const fn number(self) -> u8 {
        self as u8
    }
}

impl From<HeadingLevel> for u8 {
    fn from(l: HeadingLevel) -> u8 {
        l as u8
    }
}

impl TryFrom<u8> for HeadingLevel {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, String> {
        match v {
            1 => Ok(Self::L1),
            2 => Ok(Self::L2),
            3 => Ok(Self::L3),
            4 => Ok(Self::L4),
            _ => Err(format!("heading level {v} is not 1..=4")),
        }
    }
}

/// One numbered heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub level: HeadingLevel,
    /// The marker as written in the source, e.g. `一、`, `（一）`, `1.`.
    pub marker: String,
    /// The marker's number (一 → 1, (五) → 5, 3. → 3).
    pub number: u32,
    /// The heading's own text (see the gold schema: up to the first `。：:；;`, line end or space run).
    pub title: String,
    /// Normalised path of markers from level 1 down, e.g. `一、(五)`, written with ASCII brackets.
    pub path: String,
    /// Span of the marker.
    pub marker_span: Span,
    /// Span of the title.
    pub title_span: Span,
    /// Span of the whole section: from the marker to just before the next heading of the
    /// same or a higher level (or the end of the body).
    pub section: Span,
    /// Index of the parent heading in [`Analysis::headings`].
    pub parent: Option<usize>,
    /// Whether the title ran into body text on the same line (`（一）标题。正文…`).
    pub run_in: bool,
}

/// A run item such as `一是…`, `二是…`, `一方面…`, `另一方面…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumItem {
    /// The marker as written: `一是`, `另一方面`.
    pub marker: String,
    /// Position in its run, starting at 1.
    pub ordinal: u32,
    pub marker_span: Span,
    /// From the marker up to the next item of the run or the end of its section.
    pub span: Span,
    /// Index of the heading it sits under, if any.
    pub heading: Option<usize>,
}

/// The five contents a report must have (督察工作规定, 2019, art. 25).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequiredPart {
    /// 主要举措和成效
    Achievements,
    /// 存在的不足和原因
    Shortcomings,
    /// 党政主要负责人履行推进法治建设第一责任人职责
    FirstResponsiblePerson,
    /// 下一年度推进法治政府建设的主要安排
    NextYearPlan,
    /// 其他需要报告的情况
    Other,
}

impl RequiredPart {
    pub const ALL: [Self; 5] = [
        Self::Achievements,
        Self::Shortcomings,
        Self::FirstResponsiblePerson,
        Self::NextYearPlan,
        Self::Other,
    ];

    /// The gold-schema key, also used as `data-part` in the app.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Achievements => "achievements",
            Self::Shortcomings => "shortcomings",
            Self::FirstResponsiblePerson => "first_responsible_person",
            Self::NextYearPlan => "next_year_plan",
            Self::Other => "other",
        }
    }

    #[must_use]
    pub const fn name_zh(self) -> &'static str {
        match self {
            Self::Achievements => "主要举措和成效",
            Self::Shortcomings => "存在的不足和原因",
            Self::FirstResponsiblePerson => "主要负责人履职情况",
            Self::NextYearPlan => "下一年度工作安排",
            Self::Other => "其他情况",
        }
    }

    #[must_use]
    pub const fn name_en(self) -> &'static str {
        match self {
            Self::Achievements => "Measures and results",
            Self::Shortcomings => "Shortcomings and causes",
            Self::FirstResponsiblePerson => "Principal leader's duties",
            Self::NextYearPlan => "Next year's plans",
            Self::Other => "Other matters",
        }
    }

    /// The part's name in `lang`.
    #[must_use]
    pub const fn name(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.name_zh(),
            Lang::En => self.name_en(),
        }
    }
}

/// Where one required part was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartLocation {
    pub part: RequiredPart,
    /// Indices into [`Analysis::headings`] of the sections dedicated to this part (empty = missing).
    pub headings: Vec<usize>,
}

impl PartLocation {
    #[must_use]
    pub fn present(&self) -> bool {
        !self.headings.is_empty()
    }
}

/// A value found in the text together with where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// ISO `YYYY-MM-DD`.
    #[must_use]
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Report metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// The issuing body as named in the text.
    pub agency: Option<Located<String>>,
    /// The work year the report covers.
    pub year: Option<Located<u16>>,
    /// Signature or publication date.
    pub published: Option<Located<Date>>,
    /// The report's title line, if it has one.
    pub title: Option<Located<String>>,
}

/// How a stated number relates to the true quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    #[default]
    Exact,
    AtLeast,
    AtMost,
    About,
}

impl Approx {
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::AtLeast => "at_least",
            Self::AtMost => "at_most",
            Self::About => "about",
        }
    }

    /// The marker's name (`以上` / `at least`).
    #[must_use]
    pub const fn name(self, lang: Lang) -> &'static str {
        match self {
            Self::Exact => lang.pick("确数", "exact"),
            Self::AtLeast => lang.pick("以上", "at least"),
            Self::AtMost => lang.pick("以内", "at most"),
            Self::About => lang.pick("约", "about"),
        }
    }
}

/// The direction of a stated change (`同比下降11.2%`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Increase,
    Decrease,
}

impl Change {
    /// The direction's name (`减少` / `decrease`).
    #[must_use]
    pub const fn name(self, lang: Lang) -> &'static str {
        match self {
            Self::Increase => lang.pick("增加", "increase"),
            Self::Decrease => lang.pick("减少", "decrease"),
        }
    }
}

/// Canonical indicator categories (see `category.rs` for the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Licensing,
    PenaltyCases,
    Fines,
    Inspections,
    Hazards,
    LegalReview,
    ReconsiderationLitigation,
    Training,
    LegalPublicity,
    EmergencyDrills,
    GovernmentTransparency,
    Complaints,
    LegalCounsel,
    DisasterRelief,
    Personnel,
    Other,
}

/// One stated quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    /// The span of number + unit (+ trailing approximation marker) as it stands.
    pub span: Span,
    /// The verbatim text under `span`.
    pub text: String,
    /// Exact value in the scaled unit (万/亿 multiplied out).
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    /// Upper bound for ranges (`3至5天` → value 3, upper 5).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub upper: Option<Decimal>,
    /// The value as f64, for charts only.
    pub value_f64: f64,
    /// The unit as written (`万元`).
    pub unit_written: String,
    /// The unit after scaling (`元`); `""` for 零X.
    pub unit: String,
    pub approx: Approx,
    pub change: Option<Change>,
    /// What is counted: a short verbatim phrase near the number.
    pub subject: String,
    pub subject_span: Option<Span>,
    pub category: Category,
    /// Heading path it sits under, e.g. `一、(一)1.`.
    pub section_path: String,
    /// Index of the innermost heading it sits under.
    pub heading: Option<usize>,
    /// The sentence that holds it.
    pub sentence: Span,
}

/// Severity of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
}

/// What a diagnostic is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// Web-page boilerplate was found and left out of the body.
    BoilerplateStripped,
    /// The page repeats the body; the repeat was skipped.
    DuplicateBody,
    /// A heading number was skipped (一、 then 三、).
    NumberingGap,
    /// A heading number repeats (two 一、 in a row).
    NumberingRepeat,
    /// A heading appears at a level its context does not allow.
    UnexpectedLevel,
    /// No numbered headings were found.
    NoHeadings,
    /// A required part is missing.
    MissingPart,
    /// A required part was told from the sections' content and the report's shape, not
    /// from a heading that names it (thematic sections as the measures and results).
    PartByContent,
    /// Anything else worth telling the reader.
    Note,
}

/// A non-fatal finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    pub severity: Severity,
    pub message: String,
    pub span: Option<Span>,
}

/// The complete analysis of one report text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Length in bytes of the analysed text.
    pub text_len: usize,
    /// The report proper, without page boilerplate before and after.
    pub body: Span,
    /// Boilerplate spans that were left out.
    pub boilerplate: Vec<Span>,
    /// Where a repeat of the body starts and ends, when the page repeats it.
    pub duplicate: Option<Span>,
    pub headings: Vec<Heading>,
    pub enumerations: Vec<EnumItem>,
    pub metadata: Metadata,
    /// Exactly one entry per [`RequiredPart`], in [`RequiredPart::ALL`] order.
    pub parts: Vec<PartLocation>,
    pub metrics: Vec<Metric>,
    pub diagnostics: Vec<Diagnostic>,
}
