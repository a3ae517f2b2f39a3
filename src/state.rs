//! The app's one state and its reducer. Actions carry domain values: the reducer receives
//! reports already decoded and analysed (by the worker, see `crate::job`) and keeps what the
//! views display.

use std::collections::BTreeMap;
use std::rc::Rc;

use fazhi_core::decode::{DecodeWarning, SourceFormat};
use fazhi_core::{Analysis, Category};
use serde::{Deserialize, Serialize};
use yew::Reducible;

use crate::i18n::{Lang, Problem};
use crate::job::Analysed;

/// The demo report shipped with the app.
pub const DEMO_TEXT: &str = include_str!("../www/demo/demo-report.txt");
pub const DEMO_FILE_NAME: &str = "demo-report.txt";
/// The name pasted text goes by in exports.
pub const PASTE_FILE_NAME: &str = "clipboard.txt";

/// Light or dark colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            _ => None,
        }
    }

    #[must_use]
    pub const fn other(self) -> Self {
        match self {
            Self::Light => Self::Dark,
            Self::Dark => Self::Light,
        }
    }
}

/// One file as read by the browser: its bytes, or why they could not be read (the tests'
/// stand-in for a picked file; the page reads files in `batch`).
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedFile {
    pub name: String,
    pub bytes: Result<Vec<u8>, Problem>,
}

/// A report as it comes back from the worker: analysed, or why it could not be.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub source: Source,
    pub name: String,
    pub result: Result<Analysed, Problem>,
}

/// Where a report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Demo,
    Paste,
    File,
}

/// One decoded and analysed report. Immutable once built; compared by `id`.
#[derive(Debug)]
pub struct Report {
    pub id: u32,
    pub source: Source,
    /// File name (or a fixed name for the demo and pasted text).
    pub name: String,
    pub byte_len: usize,
    pub encoding: String,
    pub format: SourceFormat,
    /// What the decoder repaired or left out; shown with the diagnostics.
    pub warnings: Vec<DecodeWarning>,
    pub text: String,
    pub analysis: Analysis,
    /// `job::content_hash` of `text`: names the content (duplicates, sessions, notes).
    pub content_hash: String,
    /// The review card (computed in the worker beside the analysis).
    pub review: fazhi_core::review::ReviewCard,
}

impl PartialEq for Report {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// A file that could not be read or decoded; the view puts `problem` into words in the
/// interface language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub name: String,
    pub problem: Problem,
}

/// Columns of the metrics table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// Document order.
    #[default]
    Position,
    Text,
    Subject,
    Value,
    Unit,
    Approx,
    Category,
    Section,
}

/// Sorting and filtering of the metrics table (kept in sessions).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TableView {
    pub sort: Column,
    pub descending: bool,
    pub category: Option<Category>,
    /// A section path prefix such as `一、` or `一、(二)`.
    pub section: Option<String>,
    pub query: String,
}

/// Columns of the comparison of several reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompareColumn {
    /// The order the reports were loaded in.
    #[default]
    Loaded,
    File,
    Agency,
    Year,
    Published,
    Parts,
    Headings,
    Metrics,
    Category(Category),
    Fines,
}

/// Sorting of the comparison table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CompareView {
    pub sort: CompareColumn,
    pub descending: bool,
}

/// Sort by `column`, or reverse the order when the table is sorted by it already.
fn sort_by<C: PartialEq>(sort: &mut C, descending: &mut bool, column: C) {
    if *sort == column {
        *descending = !*descending;
    } else {
        *sort = column;
        *descending = false;
    }
}

/// What the report list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListSort {
    /// The order the reports were opened in.
    #[default]
    Loaded,
    Name,
    Year,
    Agency,
    Metrics,
    /// How many required parts are missing.
    Missing,
}

impl ListSort {
    pub const ALL: [Self; 6] = [
        Self::Loaded,
        Self::Name,
        Self::Year,
        Self::Agency,
        Self::Metrics,
        Self::Missing,
    ];

    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Loaded => "loaded",
            Self::Name => "name",
            Self::Year => "year",
            Self::Agency => "agency",
            Self::Metrics => "metrics",
            Self::Missing => "missing",
        }
    }

    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// Search, filters and sorting of the report list (kept in sessions).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ListView {
    /// Part of the file name or of the issuing body.
    pub query: String,
    pub year: Option<u16>,
    /// Only reports missing a required part.
    pub missing_only: bool,
    /// Only reports with warnings (the decoder's or the analysis').
    pub problems_only: bool,
    pub sort: ListSort,
    pub descending: bool,
}

/// A batch of files (or a restored session) on its way through the worker.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Batch {
    pub done: usize,
    pub total: usize,
    /// The file being analysed now.
    pub current: Option<String>,
    /// No report of this batch has been selected yet.
    pub select_first: bool,
}

impl Batch {
    /// Every item is done: the bar shows the total for a moment (`Action::BatchShown`).
    #[must_use]
    pub const fn finished(&self) -> bool {
        self.done >= self.total
    }

    /// Items are still on their way.
    #[must_use]
    pub fn running(batch: Option<&Self>) -> bool {
        batch.is_some_and(|b| !b.finished())
    }
}

/// What became of one item of a batch.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchOutcome {
    /// A report, analysed or not.
    Loaded(Box<Loaded>),
    /// Not a report: skipped (too large, not a session) or a session opened.
    Notice(Notice),
}

/// A short message about the workspace (not about one report), in the UI language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// `name` has the same content as the open report `of`: not opened twice.
    Duplicate { name: String, of: String },
    /// A file, or the paste box, is over the input limit; it was not read.
    TooLarge { name: String, size: u64, limit: u64 },
    /// A JSON file that is not a session this build can open.
    NotASession {
        name: String,
        problem: crate::session::SessionError,
    },
    /// The browser's storage is full: the session is not kept (nothing open is lost).
    StorageFull,
    /// The browser's storage failed otherwise (private mode, blocked): not kept either.
    StorageFailed(String),
    /// The rest of a batch was cancelled.
    Cancelled { left: usize },
    /// A session was opened (from a file or on start).
    Restored { reports: usize },
}

impl Notice {
    /// A short key for `data-kind`.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Duplicate { .. } => "duplicate",
            Self::TooLarge { .. } => "too_large",
            Self::NotASession { .. } => "not_a_session",
            Self::StorageFull => "storage_full",
            Self::StorageFailed(_) => "storage_failed",
            Self::Cancelled { .. } => "cancelled",
            Self::Restored { .. } => "restored",
        }
    }
}

/// Whether the chart library has been loaded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ChartsStatus {
    #[default]
    Idle,
    Loading,
    Ready,
    Failed(String),
}

/// Where a metric mark sits inside the text panel, in CSS pixels from the panel's top-left
/// corner (so it stays right while the page scrolls), and how much of the viewport is left
/// below it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Anchor {
    pub left: f64,
    pub top: f64,
    pub bottom: f64,
    pub room_below: f64,
}

/// What brought a metric's tooltip up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TipSource {
    Pointer,
    Focus,
}

/// The tooltip of one metric mark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetricTip {
    /// Index into the analysis' metrics.
    pub index: usize,
    pub anchor: Anchor,
    pub by: TipSource,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub theme: Theme,
    pub reports: Vec<Rc<Report>>,
    pub selected: Option<usize>,
    /// Errors of the last batch of files.
    pub file_errors: Vec<FileError>,
    /// Index of the heading whose section is on screen.
    pub active_heading: Option<usize>,
    pub table: TableView,
    pub compare: CompareView,
    /// Files are being dragged over the page.
    pub dragging: bool,
    pub charts: ChartsStatus,
    /// The metric tooltip on screen.
    pub tip: Option<MetricTip>,
    /// Reports sent to the worker and not back yet.
    pub pending: usize,
    /// The batch of files in progress.
    pub batch: Option<Batch>,
    pub list: ListView,
    /// Reviewer notes, by content hash ([`Report::content_hash`]).
    pub notes: BTreeMap<String, String>,
    pub notices: Vec<Notice>,
    /// A restored session's selection (content hash) and metrics table, applied when that
    /// report is back from the worker.
    pub restore_selection: Option<(String, TableView)>,
    /// Filtering and sorting of the review table.
    pub review: ReviewView,
    /// The publication deadline the review's timeliness check uses.
    pub deadline: fazhi_core::review::ReviewSettings,
    next_id: u32,
}

/// How the review table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReviewSort {
    /// The order the reports were loaded in.
    #[default]
    Loaded,
    File,
    /// By how many checks are a warning or missing.
    Problems,
    /// By the status of one check.
    Check(fazhi_core::review::CheckId),
}

/// Filtering and sorting of the review table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReviewView {
    /// Show only reports with a warning or a missing check.
    pub only_problems: bool,
    pub sort: ReviewSort,
    pub descending: bool,
}

impl State {
    #[must_use]
    pub fn new(lang: Lang, theme: Theme) -> Self {
        Self {
            lang,
            theme,
            reports: Vec::new(),
            selected: None,
            file_errors: Vec::new(),
            active_heading: None,
            table: TableView::default(),
            compare: CompareView::default(),
            dragging: false,
            charts: ChartsStatus::Idle,
            tip: None,
            pending: 0,
            batch: None,
            list: ListView::default(),
            notes: BTreeMap::new(),
            notices: Vec::new(),
            restore_selection: None,
            review: ReviewView::default(),
            deadline: fazhi_core::review::ReviewSettings::default(),
            next_id: 1,
        }
    }

    /// The report on screen.
    #[must_use]
    pub fn current(&self) -> Option<&Rc<Report>> {
        self.selected.and_then(|i| self.reports.get(i))
    }

    fn build(&mut self, source: Source, name: String, analysed: Analysed) -> Rc<Report> {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        Rc::new(Report {
            id,
            source,
            name,
            byte_len: analysed.byte_len,
            encoding: analysed.encoding,
            format: analysed.format,
            warnings: analysed.warnings,
            text: analysed.text,
            analysis: analysed.analysis,
            content_hash: analysed.content_hash,
            review: analysed.review,
        })
    }

    /// The open report with this content, if any.
    #[must_use]
    pub fn find_hash(&self, hash: &str) -> Option<usize> {
        self.reports.iter().position(|r| r.content_hash == hash)
    }

    /// The index of the demo report, when it is open.
    #[must_use]
    pub fn demo_index(&self) -> Option<usize> {
        self.reports.iter().position(|r| r.source == Source::Demo)
    }

    fn select(&mut self, index: Option<usize>) {
        if self.selected != index {
            self.selected = index;
            self.active_heading = None;
            self.table = TableView::default();
            self.tip = None;
        }
    }

    /// Take in finished reports (one drop of files before batches, the demo, or the paste
    /// box) and select the first new one.
    fn load_and_select(&mut self, batch: Vec<Loaded>) {
        if batch.iter().any(|l| l.source == Source::File) {
            self.file_errors.clear();
        }
        let first_new = self.load(batch);
        if first_new.is_some() {
            self.select(first_new);
        }
        self.apply_restored_selection();
    }

    /// Take in finished reports; the index of the first new one (or of the open demo). A
    /// file whose content is open already as a file is not opened again: a notice says so
    /// (the demo and the paste box are not files: the same text may be open as either).
    fn load(&mut self, batch: Vec<Loaded>) -> Option<usize> {
        let mut first_new = None;
        for loaded in batch {
            let analysed = match loaded.result {
                Ok(analysed) => analysed,
                Err(problem) => {
                    self.file_errors.push(FileError {
                        name: loaded.name,
                        problem,
                    });
                    continue;
                }
            };
            match loaded.source {
                Source::File => {
                    // A compilation is several reports, each under its own name; content
                    // already open as a file is not opened twice.
                    for (name, analysed) in analysed.into_reports(loaded.name) {
                        let same = self.reports.iter().position(|r| {
                            r.source == Source::File && r.content_hash == analysed.content_hash
                        });
                        if let Some(i) = same {
                            let of = self.reports[i].name.clone();
                            self.notices.push(Notice::Duplicate { name, of });
                            continue;
                        }
                        let report = self.build(Source::File, name, analysed);
                        first_new.get_or_insert(self.reports.len());
                        self.reports.push(report);
                    }
                }
                Source::Demo => {
                    if let Some(i) = self.demo_index() {
                        first_new.get_or_insert(i);
                    } else {
                        let report = self.build(Source::Demo, loaded.name, analysed);
                        first_new.get_or_insert(self.reports.len());
                        self.reports.push(report);
                    }
                }
                Source::Paste => self.load_paste(loaded.name, analysed),
            }
        }
        first_new
    }

    /// A restored session's selected report is back: select it, with its table's filters.
    fn apply_restored_selection(&mut self) {
        let Some(i) = self
            .restore_selection
            .as_ref()
            .and_then(|(hash, _)| self.find_hash(hash))
        else {
            return;
        };
        let table = self
            .restore_selection
            .take()
            .map(|(_, t)| t)
            .unwrap_or_default();
        self.select(Some(i));
        self.table = table;
    }

    /// One report of a batch is back. Reports appear as they finish; the first of a batch
    /// is selected, unless a restored session says which; later ones leave the report on
    /// screen (and its table's filters) alone.
    fn batch_item(&mut self, outcome: BatchOutcome) {
        let first_new = match outcome {
            BatchOutcome::Loaded(loaded) => self.load(vec![*loaded]),
            BatchOutcome::Notice(notice) => {
                self.notices.push(notice);
                None
            }
        };
        let mut batch = self.batch.take().unwrap_or_default();
        batch.done = batch.done.saturating_add(1);
        if self.restore_selection.is_some() {
            // The session says which report to show, not the batch's first.
            batch.select_first = false;
            self.apply_restored_selection();
        } else if let Some(i) = first_new.filter(|_| batch.select_first) {
            batch.select_first = false;
            self.select(Some(i));
        }
        if batch.finished() {
            // Done: a restored selection that never came back is forgotten.
            self.restore_selection = None;
            if self.selected.is_none() && !self.reports.is_empty() {
                self.select(Some(0));
            }
        }
        self.batch = Some(batch);
    }

    /// Close everything: reports, errors, notices, filters and notes (the stored session
    /// goes with them).
    fn clear_all(&mut self) {
        let mut next = Self::new(self.lang, self.theme);
        next.compare = self.compare;
        next.charts = self.charts.clone();
        next.next_id = self.next_id;
        *self = next;
    }

    fn load_paste(&mut self, name: String, analysed: Analysed) {
        let existing = self.reports.iter().position(|r| r.source == Source::Paste);
        if analysed.text.trim().is_empty() {
            self.clear_paste();
            return;
        }
        if let Some(i) = existing {
            if self.reports[i].text == analysed.text {
                self.select(Some(i));
                return;
            }
        }
        let report = self.build(Source::Paste, name, analysed);
        if let Some(i) = existing {
            self.reports[i] = report;
            // Same tab, new content: keep the index but reset the view.
            self.selected = None;
            self.select(Some(i));
        } else {
            self.reports.push(report);
            self.select(Some(self.reports.len() - 1));
        }
    }

    /// The paste box was emptied: its report goes.
    fn clear_paste(&mut self) {
        if let Some(i) = self.reports.iter().position(|r| r.source == Source::Paste) {
            self.close(i);
        }
    }

    fn close(&mut self, index: usize) {
        if index >= self.reports.len() {
            return;
        }
        if self.selected == Some(index) && self.restore_selection.is_some() {
            self.restore_selection = None;
        }
        self.reports.remove(index);
        let next = match self.selected {
            _ if self.reports.is_empty() => None,
            Some(s) if s > index => Some(s - 1),
            Some(s) if s == index => Some(index.min(self.reports.len() - 1)),
            other => other,
        };
        // Force a view reset when the report on screen changed.
        if self.selected == Some(index) {
            self.selected = None;
        }
        self.select(next);
    }
}

/// Everything that can happen.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// This many reports went to the worker.
    Sent(usize),
    /// Reports came back from the worker (as many as were sent together).
    Loaded(Vec<Loaded>),
    /// The paste box was emptied.
    PasteCleared,
    /// One report came back from the worker but is no longer wanted (the paste box changed
    /// while it was being analysed).
    Stale,
    Select(usize),
    Close(usize),
    DismissErrors,
    SetLang(Lang),
    SetTheme(Theme),
    ActiveHeading(Option<usize>),
    SortBy(Column),
    SortCompare(CompareColumn),
    FilterCategory(Option<Category>),
    FilterSection(Option<String>),
    FilterQuery(String),
    Dragging(bool),
    ChartsLoading,
    ChartsLoaded(Result<(), String>),
    /// A batch of `count` files (or stored reports) was queued for the worker.
    Queued(usize),
    /// Items of the batch are done (in order), and the worker is on this file now.
    BatchItems {
        done: Vec<BatchOutcome>,
        working: Option<String>,
    },
    /// The finished batch's bar has been shown long enough.
    BatchShown,
    /// The rest of the batch was dropped (`left` files not analysed).
    CancelBatch {
        left: usize,
    },
    /// Forget every report, filter and note.
    ClearAll,
    /// A session is being restored: its view, notes and deadline now, its selection when
    /// that report is back.
    RestoreView(crate::session::SessionView),
    Notify(Notice),
    DismissNotices,
    ListQuery(String),
    ListYear(Option<u16>),
    ListMissingOnly(bool),
    ListProblemsOnly(bool),
    /// Sort the list by this column, or reverse it when sorted by it already.
    ListSortBy(ListSort),
    /// Show a metric's tooltip (in place of any other).
    ShowTip(MetricTip),
    /// Hide the tooltip: whichever is shown (`None`), or only this metric's when this
    /// source brought it up.
    HideTip(Option<(usize, TipSource)>),
    /// The reviewer's note of the report with this content hash (empty or blank removes
    /// it); kept in sessions.
    SetNote(String, String),
    /// Show only the reports with problems in the review table, or all.
    ReviewOnlyProblems(bool),
    SortReview(ReviewSort),
    /// The reviewer set another publication deadline.
    SetDeadline(fazhi_core::review::ReviewSettings),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Sent(n) => {
                next.dragging = false;
                next.pending = next.pending.saturating_add(n);
            }
            Action::Loaded(batch) => {
                next.pending = next.pending.saturating_sub(batch.len());
                next.load_and_select(batch);
            }
            Action::PasteCleared => next.clear_paste(),
            Action::Stale => next.pending = next.pending.saturating_sub(1),
            Action::Select(i) => {
                if i < next.reports.len() {
                    next.select(Some(i));
                }
            }
            Action::Close(i) => next.close(i),
            Action::DismissErrors => next.file_errors.clear(),
            Action::SetLang(lang) => next.lang = lang,
            Action::SetTheme(theme) => next.theme = theme,
            Action::ActiveHeading(h) => {
                if next.active_heading == h {
                    return self;
                }
                next.active_heading = h;
            }
            Action::SortBy(column) => {
                sort_by(&mut next.table.sort, &mut next.table.descending, column);
            }
            Action::ReviewOnlyProblems(on) => next.review.only_problems = on,
            Action::SetDeadline(d) => next.deadline = d,
            Action::SortReview(column) => {
                sort_by(&mut next.review.sort, &mut next.review.descending, column);
            }
            Action::SortCompare(column) => {
                sort_by(&mut next.compare.sort, &mut next.compare.descending, column);
            }
            Action::FilterCategory(c) => next.table.category = c,
            Action::FilterSection(s) => next.table.section = s,
            Action::FilterQuery(q) => next.table.query = q,
            Action::Dragging(d) => {
                if next.dragging == d {
                    return self;
                }
                next.dragging = d;
            }
            Action::ChartsLoading => {
                // The first load, or a retry after a failed one.
                if !matches!(next.charts, ChartsStatus::Idle | ChartsStatus::Failed(_)) {
                    return self;
                }
                next.charts = ChartsStatus::Loading;
            }
            Action::ShowTip(tip) => {
                if next.tip == Some(tip) {
                    return self;
                }
                next.tip = Some(tip);
            }
            Action::HideTip(only) => {
                let hide = match (next.tip, only) {
                    (None, _) => false,
                    (Some(_), None) => true,
                    (Some(t), Some((index, by))) => t.index == index && t.by == by,
                };
                if !hide {
                    return self;
                }
                next.tip = None;
            }
            Action::Queued(n) => {
                next.dragging = false;
                if !Batch::running(next.batch.as_ref()) {
                    // A new batch: the last one's bar, errors and notices go.
                    next.batch = None;
                    next.file_errors.clear();
                    next.notices.clear();
                }
                let batch = next.batch.get_or_insert_with(|| Batch {
                    select_first: true,
                    ..Batch::default()
                });
                batch.total = batch.total.saturating_add(n);
            }
            Action::BatchItems { done, working } => {
                for outcome in done {
                    next.batch_item(outcome);
                }
                if let (Some(batch), Some(name)) = (&mut next.batch, working) {
                    batch.current = Some(name);
                }
            }
            Action::CancelBatch { left } => {
                next.batch = None;
                if left > 0 {
                    next.notices.push(Notice::Cancelled { left });
                }
            }
            Action::BatchShown => {
                if !next.batch.as_ref().is_some_and(Batch::finished) {
                    return self;
                }
                next.batch = None;
            }
            Action::ClearAll => next.clear_all(),
            Action::RestoreView(view) => {
                next.list = view.list;
                next.notes.extend(view.notes);
                next.deadline = view.deadline;
                match view.selected {
                    Some(hash) => match next.find_hash(&hash) {
                        Some(i) => {
                            next.select(Some(i));
                            next.table = view.table;
                        }
                        None => next.restore_selection = Some((hash, view.table)),
                    },
                    None => next.restore_selection = None,
                }
            }
            Action::Notify(notice) => {
                if next.notices.last() == Some(&notice) {
                    return self;
                }
                next.notices.push(notice);
            }
            Action::DismissNotices => next.notices.clear(),
            Action::ListQuery(q) => next.list.query = q,
            Action::ListYear(y) => next.list.year = y,
            Action::ListMissingOnly(b) => next.list.missing_only = b,
            Action::ListProblemsOnly(b) => next.list.problems_only = b,
            Action::ListSortBy(sort) => {
                sort_by(&mut next.list.sort, &mut next.list.descending, sort);
            }
            Action::SetNote(hash, note) => {
                if note.trim().is_empty() {
                    next.notes.remove(&hash);
                } else {
                    next.notes.insert(hash, note);
                }
            }
            Action::ChartsLoaded(result) => {
                next.charts = match result {
                    Ok(()) => ChartsStatus::Ready,
                    Err(e) => ChartsStatus::Failed(e),
                };
            }
        }
        Rc::new(next)
    }
}

/// Actions as the page dispatches them once the worker has answered, built here by running
/// the worker's job natively.
#[cfg(test)]
pub mod testing {
    use super::{
        Action, BatchOutcome, Loaded, LoadedFile, Source, DEMO_FILE_NAME, DEMO_TEXT,
        PASTE_FILE_NAME,
    };
    use crate::i18n::Problem;
    use crate::job::{self, Job, Reply};

    fn analysed(source: Source, name: &str, text: &str) -> Loaded {
        Loaded {
            source,
            name: name.to_owned(),
            result: Ok(job::analyse_text(text.to_owned())),
        }
    }

    /// The demo button.
    #[must_use]
    pub fn demo() -> Action {
        Action::Loaded(vec![analysed(Source::Demo, DEMO_FILE_NAME, DEMO_TEXT)])
    }

    /// The paste box holds `text`.
    #[must_use]
    pub fn pasted(text: &str) -> Action {
        if text.trim().is_empty() {
            Action::PasteCleared
        } else {
            Action::Loaded(vec![analysed(Source::Paste, PASTE_FILE_NAME, text)])
        }
    }

    /// One file of a batch, back from the worker.
    #[must_use]
    pub fn batch_file(name: &str, text: &str) -> Action {
        Action::BatchItems {
            done: vec![BatchOutcome::Loaded(Box::new(Loaded {
                source: Source::File,
                name: name.to_owned(),
                result: Ok(job::analyse_text(text.to_owned())),
            }))],
            working: None,
        }
    }

    /// Files dropped or picked.
    #[must_use]
    pub fn files(files: Vec<LoadedFile>) -> Action {
        Action::Loaded(
            files
                .into_iter()
                .map(|f| {
                    let result = f.bytes.and_then(|bytes| {
                        match job::run(
                            Job::File {
                                name: f.name.clone(),
                            },
                            &bytes,
                        )
                        .reply
                        {
                            Reply::Analysed(a) => Ok(*a),
                            Reply::Unreadable(problem) => Err(problem),
                            _ => Err(Problem::AnalyserStopped),
                        }
                    });
                    Loaded {
                        source: Source::File,
                        name: f.name,
                        result,
                    }
                })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{batch_file, demo, files, pasted};
    use super::*;

    fn state() -> Rc<State> {
        Rc::new(State::new(Lang::Zh, Theme::Light))
    }

    #[test]
    fn notes_are_kept_by_content_hash() {
        use crate::job::content_hash;
        let s = state().reduce(demo());
        let hash = s.reports[0].content_hash.clone();
        assert_eq!(hash, content_hash(DEMO_TEXT));
        assert_eq!(hash.len(), 16);
        let s = s.reduce(Action::SetNote(hash.clone(), "请补充原因".into()));
        assert_eq!(s.notes.get(&hash).map(String::as_str), Some("请补充原因"));
        // The same text pasted later finds the same note.
        let s = s.reduce(pasted(DEMO_TEXT));
        assert_eq!(s.reports[1].content_hash, hash);
        let s = s.reduce(Action::SetNote(hash.clone(), String::new()));
        assert!(s.notes.is_empty());
        // FNV-1a 64 of known inputs: stable across builds.
        assert_eq!(content_hash(""), "cbf29ce484222325");
        assert_eq!(content_hash("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn review_table_filter_and_sort() {
        let s = state().reduce(Action::ReviewOnlyProblems(true));
        assert!(s.review.only_problems);
        let s = s
            .reduce(Action::SortReview(ReviewSort::Problems))
            .reduce(Action::SortReview(ReviewSort::Problems));
        assert_eq!(s.review.sort, ReviewSort::Problems);
        assert!(s.review.descending);
        let early = fazhi_core::review::ReviewSettings::parse_month_day("03-01");
        let s = s.reduce(Action::SetDeadline(early.unwrap_or_default()));
        assert_eq!(s.deadline.month_day(), "03-01");
    }

    #[test]
    fn demo_loads_once() {
        let s = state().reduce(demo()).reduce(demo());
        assert_eq!(s.reports.len(), 1);
        assert_eq!(s.selected, Some(0));
        assert_eq!(s.reports[0].text, DEMO_TEXT);
    }

    #[test]
    fn bad_file_does_not_stop_good_file() {
        let s = state().reduce(files(vec![
            LoadedFile {
                name: "empty.txt".into(),
                bytes: Ok(Vec::new()),
            },
            LoadedFile {
                name: "broken.txt".into(),
                bytes: Err(Problem::ReadFailed),
            },
            LoadedFile {
                name: "good.txt".into(),
                bytes: Ok("一、总体情况\n全年检查企业12家。".as_bytes().to_vec()),
            },
        ]));
        assert_eq!(s.reports.len(), 1);
        assert_eq!(s.reports[0].name, "good.txt");
        assert_eq!(s.file_errors.len(), 2);
        assert_eq!(s.file_errors[0].name, "empty.txt");
        assert_eq!(s.file_errors[0].problem, Problem::Empty);
        assert_eq!(s.file_errors[1].problem, Problem::ReadFailed);
        assert_eq!(s.selected, Some(0));
    }

    #[test]
    fn a_compilation_is_one_report_per_title() {
        let compilation =
            include_bytes!("../crates/fazhi_core/tests/fixtures/split/compilation.txt");
        let s = state().reduce(files(vec![LoadedFile {
            name: "汇编.txt".into(),
            bytes: Ok(compilation.to_vec()),
        }]));
        let names: Vec<&str> = s.reports.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(
            names.iter().all(|n| n.starts_with("汇编 · 青石区")),
            "{names:?}"
        );
        assert_eq!(
            s.selected,
            Some(0),
            "the first report of the file is on screen"
        );
    }

    #[test]
    fn pending_counts_what_is_in_flight() {
        let s = state().reduce(Action::Sent(3));
        assert_eq!(s.pending, 3);
        let s = s.reduce(files(vec![LoadedFile {
            name: "broken.txt".into(),
            bytes: Err(Problem::ReadFailed),
        }]));
        assert_eq!(s.pending, 2);
        let s = s
            .reduce(Action::Stale)
            .reduce(Action::Stale)
            .reduce(Action::Stale);
        assert_eq!(s.pending, 0);
        assert_eq!(s.file_errors.len(), 1);
    }

    #[test]
    fn paste_replaces_and_clears() {
        let s = state().reduce(pasted("一、甲")).reduce(pasted("一、乙"));
        assert_eq!(s.reports.len(), 1);
        assert_eq!(s.reports[0].text, "一、乙");
        let s = s.reduce(pasted("  "));
        assert!(s.reports.is_empty());
        assert_eq!(s.selected, None);
    }

    #[test]
    fn charts_load_once_and_again_only_after_a_failure() {
        let s = state().reduce(Action::ChartsLoading);
        assert_eq!(s.charts, ChartsStatus::Loading);
        let s = s.reduce(Action::ChartsLoaded(Err("offline".into())));
        assert!(matches!(s.charts, ChartsStatus::Failed(_)));
        // Retry: loading again, then drawn.
        let s = s.reduce(Action::ChartsLoading);
        assert_eq!(s.charts, ChartsStatus::Loading);
        let s = s.reduce(Action::ChartsLoaded(Ok(())));
        assert_eq!(s.charts, ChartsStatus::Ready);
        // Once ready, a stray load request changes nothing.
        assert_eq!(s.reduce(Action::ChartsLoading).charts, ChartsStatus::Ready);
    }

    #[test]
    fn close_keeps_selection_in_range() {
        let s = state()
            .reduce(demo())
            .reduce(pasted("一、甲"))
            .reduce(Action::Select(1))
            .reduce(Action::Close(1));
        assert_eq!(s.selected, Some(0));
        let s = s.reduce(Action::Close(0)).reduce(Action::Close(5));
        assert_eq!(s.selected, None);
    }

    #[test]
    fn tooltips_show_and_hide_by_source() {
        let tip = |index, by| MetricTip {
            index,
            anchor: Anchor::default(),
            by,
        };
        let s = state().reduce(demo());
        let s = s.reduce(Action::ShowTip(tip(2, TipSource::Focus)));
        assert_eq!(s.tip.map(|t| t.index), Some(2));
        // Leaving another mark, or the pointer leaving this one, keeps a focused mark's tip.
        let s = s
            .reduce(Action::HideTip(Some((3, TipSource::Focus))))
            .reduce(Action::HideTip(Some((2, TipSource::Pointer))));
        assert_eq!(s.tip.map(|t| t.index), Some(2));
        let s = s.reduce(Action::ShowTip(tip(5, TipSource::Pointer)));
        assert_eq!(s.tip, Some(tip(5, TipSource::Pointer)));
        let s = s.reduce(Action::HideTip(Some((5, TipSource::Pointer))));
        assert_eq!(s.tip, None);
        let s = s
            .reduce(Action::ShowTip(tip(1, TipSource::Pointer)))
            .reduce(Action::HideTip(None));
        assert_eq!(s.tip, None);
        // Another report on screen: no tooltip left over.
        let s = s
            .reduce(Action::ShowTip(tip(1, TipSource::Focus)))
            .reduce(pasted("一、甲"));
        assert_eq!(s.tip, None);
    }

    #[test]
    fn sort_toggles_direction() {
        let s = state()
            .reduce(Action::SortBy(Column::Value))
            .reduce(Action::SortBy(Column::Value));
        assert_eq!(s.table.sort, Column::Value);
        assert!(s.table.descending);
        let c = CompareColumn::Category(Category::Fines);
        let s = s.reduce(Action::SortCompare(c));
        assert_eq!(
            s.compare,
            CompareView {
                sort: c,
                descending: false
            }
        );
        let s = s.reduce(Action::SortCompare(c));
        assert!(s.compare.descending);
        let s = s.reduce(Action::SortCompare(CompareColumn::Year));
        assert_eq!(
            s.compare,
            CompareView {
                sort: CompareColumn::Year,
                descending: false
            }
        );
        assert_eq!(
            s.table.sort,
            Column::Value,
            "the metrics table keeps its own order"
        );
    }

    fn names(s: &State) -> Vec<&str> {
        s.reports.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn a_batch_counts_up_selects_its_first_report_and_leaves_the_reader_alone() {
        let s = state().reduce(Action::Queued(3));
        assert_eq!(s.batch.as_ref().map(|b| (b.done, b.total)), Some((0, 3)));
        assert!(Batch::running(s.batch.as_ref()));
        let s = s.reduce(Action::BatchItems {
            done: Vec::new(),
            working: Some("a.txt".into()),
        });
        assert_eq!(
            s.batch.as_ref().and_then(|b| b.current.as_deref()),
            Some("a.txt")
        );
        let s = s.reduce(batch_file("a.txt", "一、甲\n检查12次。"));
        assert_eq!(s.selected, Some(0), "the first report appears at once");
        // The reader filters the table; later reports do not take the screen.
        let s = s
            .reduce(Action::FilterQuery("检查".into()))
            .reduce(batch_file("b.txt", "一、乙"))
            .reduce(Action::BatchItems {
                done: vec![BatchOutcome::Notice(Notice::TooLarge {
                    name: "c.txt".into(),
                    size: 30,
                    limit: 20,
                })],
                working: None,
            });
        assert_eq!(names(&s), ["a.txt", "b.txt"]);
        assert_eq!(s.selected, Some(0));
        assert_eq!(s.table.query, "检查");
        let b = s.batch.clone().expect("the finished bar stays a moment");
        assert_eq!((b.done, b.total, b.finished()), (3, 3, true));
        assert!(!Batch::running(s.batch.as_ref()));
        assert_eq!(s.notices.len(), 1);
        let s = s.reduce(Action::BatchShown);
        assert_eq!(s.batch, None);
        // A new batch clears the last one's notices.
        let s = s.reduce(Action::Queued(1));
        assert!(s.notices.is_empty());
    }

    #[test]
    fn the_same_content_is_opened_once() {
        let s = state()
            .reduce(Action::Queued(3))
            .reduce(batch_file("a.txt", "一、甲"))
            .reduce(batch_file("b.txt", "一、乙"))
            .reduce(batch_file("copy.txt", "一、甲"));
        assert_eq!(names(&s), ["a.txt", "b.txt"]);
        assert_eq!(
            s.notices,
            [Notice::Duplicate {
                name: "copy.txt".into(),
                of: "a.txt".into()
            }]
        );
        assert_eq!(s.find_hash(&crate::job::content_hash("一、乙")), Some(1));
        // The demo is not a file: the demo's file dropped as well is opened.
        let s = s.reduce(demo()).reduce(batch_file("demo.txt", DEMO_TEXT));
        assert_eq!(s.reports.len(), 4);
    }

    #[test]
    fn cancel_keeps_what_is_done() {
        let s = state()
            .reduce(Action::Queued(10))
            .reduce(batch_file("a.txt", "一、甲"))
            .reduce(Action::CancelBatch { left: 9 });
        assert_eq!(s.batch, None);
        assert_eq!(names(&s), ["a.txt"]);
        assert_eq!(s.notices, [Notice::Cancelled { left: 9 }]);
    }

    #[test]
    fn a_restored_session_selects_its_report_with_its_filters() {
        let wanted = crate::job::content_hash("一、乙\n罚款5万元。");
        let table = TableView {
            query: "罚款".into(),
            category: Some(Category::Fines),
            ..TableView::default()
        };
        let mut notes = BTreeMap::new();
        notes.insert(wanted.clone(), "已核对".to_owned());
        let view = crate::session::SessionView {
            order: Vec::new(),
            selected: Some(wanted.clone()),
            table: table.clone(),
            list: ListView {
                year: Some(2023),
                ..ListView::default()
            },
            notes: notes.clone(),
            deadline: fazhi_core::review::ReviewSettings::default(),
        };
        let s = state()
            .reduce(Action::RestoreView(view))
            .reduce(Action::Queued(3))
            .reduce(batch_file("a.txt", "一、甲"));
        assert_eq!(s.selected, None, "waits for the selected report");
        assert_eq!(s.list.year, Some(2023));
        assert_eq!(s.notes, notes);
        let s = s.reduce(batch_file("b.txt", "一、乙\n罚款5万元。"));
        assert_eq!(s.selected, Some(1));
        assert_eq!(s.table, table);
        assert_eq!(s.restore_selection, None);
        // The reports after it leave it on screen.
        let s = s.reduce(batch_file("c.txt", "一、丙"));
        assert_eq!(s.selected, Some(1));
        assert_eq!(s.table, table);
    }

    #[test]
    fn the_deadline_is_kept_with_the_session_and_comes_back() {
        use crate::session::SessionView;
        use fazhi_core::review::ReviewSettings;
        let early = ReviewSettings::parse_month_day("02-15").unwrap_or_default();
        assert_ne!(early, ReviewSettings::default());
        let s = state()
            .reduce(Action::Queued(1))
            .reduce(batch_file("a.txt", "一、甲"))
            .reduce(Action::SetDeadline(early));
        // What IndexedDB and the session file are given carries it…
        let view = SessionView::of(&s);
        assert_eq!(view.deadline, early);
        // …and a fresh page (a reload, another machine) takes it back before any report.
        let back = state().reduce(Action::RestoreView(view));
        assert_eq!(back.deadline.month_day(), "02-15");
        // A session that does not say (an older one) brings the default back.
        let back = back.reduce(Action::RestoreView(SessionView::default()));
        assert_eq!(back.deadline, ReviewSettings::default());
    }

    #[test]
    fn a_restored_selection_that_never_comes_is_forgotten() {
        let view = crate::session::SessionView {
            selected: Some("0000000000000000".into()),
            ..Default::default()
        };
        let s = state()
            .reduce(Action::RestoreView(view))
            .reduce(Action::Queued(1))
            .reduce(batch_file("a.txt", "一、甲"));
        assert_eq!(s.restore_selection, None);
        assert_eq!(s.selected, Some(0));
    }

    #[test]
    fn clear_all_forgets_everything_but_the_preferences() {
        let s = state()
            .reduce(Action::SetTheme(Theme::Dark))
            .reduce(demo())
            .reduce(Action::Queued(1))
            .reduce(batch_file("a.txt", "一、甲"))
            .reduce(Action::ListQuery("甲".into()))
            .reduce(Action::SetNote(
                crate::job::content_hash("一、甲"),
                "备注".into(),
            ))
            .reduce(Action::ClearAll);
        assert!(s.reports.is_empty());
        assert_eq!(s.selected, None);
        assert_eq!(s.list, ListView::default());
        assert!(s.notes.is_empty());
        assert_eq!(s.theme, Theme::Dark);
        // Ids keep counting: a report opened now is not taken for one closed.
        let s = s.reduce(demo());
        assert!(s.reports[0].id > 2);
    }

    #[test]
    fn notes_are_set_and_removed() {
        let s = state()
            .reduce(Action::SetNote("h".into(), "缺第五部分".into()))
            .reduce(Action::SetNote("g".into(), "x".into()))
            .reduce(Action::SetNote("g".into(), "  ".into()));
        assert_eq!(s.notes.len(), 1);
        assert_eq!(s.notes["h"], "缺第五部分");
    }

    #[test]
    fn list_filters_and_sorting() {
        let s = state()
            .reduce(Action::ListQuery("区".into()))
            .reduce(Action::ListYear(Some(2022)))
            .reduce(Action::ListMissingOnly(true))
            .reduce(Action::ListProblemsOnly(true))
            .reduce(Action::ListSortBy(ListSort::Metrics))
            .reduce(Action::ListSortBy(ListSort::Metrics));
        assert_eq!(
            s.list,
            ListView {
                query: "区".into(),
                year: Some(2022),
                missing_only: true,
                problems_only: true,
                sort: ListSort::Metrics,
                descending: true,
            }
        );
        for sort in ListSort::ALL {
            assert_eq!(ListSort::from_key(sort.key()), Some(sort));
        }
    }
}
