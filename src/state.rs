//! The app's one state and its reducer. Actions carry domain values: the reducer receives
//! reports already decoded and analysed (by the worker, see `crate::job`) and keeps what the
//! views display.

use std::rc::Rc;

use fazhi_core::decode::{DecodeWarning, SourceFormat};
use fazhi_core::{Analysis, Category};
use yew::Reducible;

use crate::i18n::Lang;
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

/// One file as read by the browser: its bytes, or why they could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedFile {
    pub name: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// A report as it comes back from the worker: analysed, or why it could not be.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub source: Source,
    pub name: String,
    pub result: Result<Analysed, String>,
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
}

impl PartialEq for Report {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// A file that could not be read or decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub name: String,
    pub message: String,
}

/// Columns of the metrics table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

/// Sorting and filtering of the metrics table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
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
    next_id: u32,
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
        })
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

    /// Take in a batch of finished reports (one drop or pick of files, the demo, or the
    /// paste box). A batch of files replaces the errors of the last one; the first new
    /// report is selected.
    fn load(&mut self, batch: Vec<Loaded>) {
        if batch.iter().any(|l| l.source == Source::File) {
            self.file_errors.clear();
        }
        let mut first_new = None;
        for loaded in batch {
            let analysed = match loaded.result {
                Ok(analysed) => analysed,
                Err(message) => {
                    self.file_errors.push(FileError {
                        name: loaded.name,
                        message,
                    });
                    continue;
                }
            };
            match loaded.source {
                Source::File => {
                    let report = self.build(Source::File, loaded.name, analysed);
                    first_new.get_or_insert(self.reports.len());
                    self.reports.push(report);
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
        if first_new.is_some() {
            self.select(first_new);
        }
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
    /// Show a metric's tooltip (in place of any other).
    ShowTip(MetricTip),
    /// Hide the tooltip: whichever is shown (`None`), or only this metric's when this
    /// source brought it up.
    HideTip(Option<(usize, TipSource)>),
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
                next.load(batch);
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
    use super::{Action, Loaded, LoadedFile, Source, DEMO_FILE_NAME, DEMO_TEXT, PASTE_FILE_NAME};
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
                            other => Err(format!("{other:?}")),
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
    use super::testing::{demo, files, pasted};
    use super::*;

    fn state() -> Rc<State> {
        Rc::new(State::new(Lang::Zh, Theme::Light))
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
                bytes: Err("read failed".into()),
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
        assert_eq!(s.selected, Some(0));
    }

    #[test]
    fn pending_counts_what_is_in_flight() {
        let s = state().reduce(Action::Sent(3));
        assert_eq!(s.pending, 3);
        let s = s.reduce(files(vec![LoadedFile {
            name: "broken.txt".into(),
            bytes: Err("read failed".into()),
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
}
