//! The review card: what a reviewer checks in one report, each verdict with the byte spans
//! of the text it rests on.
//!
//! [`review`] reads what [`crate::analyze`] already found (the five parts and their
//! sections, headings, enumerations, metadata, metrics); it detects no heading of its own.
//! Every threshold and word list is in [`rules`]. The card never fails and never panics:
//! what it cannot judge is [`Status::Unknown`].
//!
//! Only the report body is reviewed: a page that repeats the body (`Analysis::duplicate`)
//! is reviewed once, since every section, metric and sentence read here lies in the body.

pub mod rules;

use serde::{Deserialize, Serialize};

use crate::text::is_blank;
use crate::{Analysis, Date, Heading, Lang, RequiredPart, Span};

/// A check's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Warning,
    Missing,
    Unknown,
}

impl Status {
    pub const ALL: [Self; 4] = [Self::Ok, Self::Warning, Self::Missing, Self::Unknown];

    /// `ok`, `warning`, `missing`, `unknown` (as in the JSON and `data-status`).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Warning => "warning",
            Self::Missing => "missing",
            Self::Unknown => "unknown",
        }
    }

    #[must_use]
    pub const fn name(self, lang: Lang) -> &'static str {
        match self {
            Self::Ok => lang.pick("合格", "ok"),
            Self::Warning => lang.pick("注意", "warning"),
            Self::Missing => lang.pick("缺失", "missing"),
            Self::Unknown => lang.pick("无法判断", "unknown"),
        }
    }

    /// Whether a reviewer should look at it (warning or missing).
    #[must_use]
    pub const fn is_problem(self) -> bool {
        matches!(self, Self::Warning | Self::Missing)
    }
}

/// The checks, in the card's order. The keys are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    PartMeasures,
    PartShortcomings,
    PartFirstResponsiblePerson,
    PartNextYear,
    PartOther,
    FirstResponsibleActs,
    ShortcomingsConcrete,
    NextYearPlan,
    Concreteness,
    TitleForm,
    Identification,
    Timeliness,
}

impl CheckId {
    pub const ALL: [Self; 12] = [
        Self::PartMeasures,
        Self::PartShortcomings,
        Self::PartFirstResponsiblePerson,
        Self::PartNextYear,
        Self::PartOther,
        Self::FirstResponsibleActs,
        Self::ShortcomingsConcrete,
        Self::NextYearPlan,
        Self::Concreteness,
        Self::TitleForm,
        Self::Identification,
        Self::Timeliness,
    ];

    /// The stable snake_case id (JSON `check`, `data-check`).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::PartMeasures => "part_measures",
            Self::PartShortcomings => "part_shortcomings",
            Self::PartFirstResponsiblePerson => "part_first_responsible_person",
            Self::PartNextYear => "part_next_year",
            Self::PartOther => "part_other",
            Self::FirstResponsibleActs => "first_responsible_acts",
            Self::ShortcomingsConcrete => "shortcomings_concrete",
            Self::NextYearPlan => "next_year_plan",
            Self::Concreteness => "concreteness",
            Self::TitleForm => "title_form",
            Self::Identification => "identification",
            Self::Timeliness => "timeliness",
        }
    }

    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    #[must_use]
    pub const fn name(self, lang: Lang) -> &'static str {
        match self {
            Self::PartMeasures => lang.pick("主要举措和成效", "Measures and results"),
            Self::PartShortcomings => lang.pick("不足和原因", "Shortcomings and causes"),
            Self::PartFirstResponsiblePerson => {
                lang.pick("主要负责人履职情况", "Principal leader's duties")
            }
            Self::PartNextYear => lang.pick("下一年度工作安排", "Next year's plans"),
            Self::PartOther => lang.pick("其他需要报告的情况", "Other matters"),
            Self::FirstResponsibleActs => lang.pick("第一责任人履职行为", "Leader's own acts"),
            Self::ShortcomingsConcrete => lang.pick("不足是否具体", "Concrete shortcomings"),
            Self::NextYearPlan => lang.pick("下一年度计划", "Next year's plan"),
            Self::Concreteness => lang.pick("数据具体程度", "Concreteness"),
            Self::TitleForm => lang.pick("标题格式", "Title form"),
            Self::Identification => lang.pick("发布机关、年度、落款", "Identification"),
            Self::Timeliness => lang.pick("公开时限", "Timeliness"),
        }
    }

    /// The check on a required part's presence, if it is one.
    #[must_use]
    pub const fn part(self) -> Option<RequiredPart> {
        match self {
            Self::PartMeasures => Some(RequiredPart::Achievements),
            Self::PartShortcomings => Some(RequiredPart::Shortcomings),
            Self::PartFirstResponsiblePerson => Some(RequiredPart::FirstResponsiblePerson),
            Self::PartNextYear => Some(RequiredPart::NextYearPlan),
            Self::PartOther => Some(RequiredPart::Other),
            _ => None,
        }
    }
}

/// Review settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSettings {
    /// A report on year `Y` is timely when dated before this month and day of `Y + 1`.
    /// Default: 4月1日 (《法治政府建设与责任落实督察工作规定》第二十四条: “每年4月1日之前
    /// ……应当通过报刊、网站等新闻媒体向社会公开”). Provinces set earlier internal dates.
    pub deadline_month: u8,
    pub deadline_day: u8,
}

impl ReviewSettings {
    /// `MM-DD` (or `M-D`) → the deadline on that day, for a valid day of a month.
    #[must_use]
    pub fn parse_month_day(s: &str) -> Option<Self> {
        let (m, d) = s.trim().split_once('-')?;
        let (m, d): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
        let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let max = *days.get(usize::from(m).checked_sub(1)?)?;
        (d >= 1 && d <= max).then_some(Self {
            deadline_month: m,
            deadline_day: d,
        })
    }

    /// `MM-DD`.
    #[must_use]
    pub fn month_day(self) -> String {
        format!("{:02}-{:02}", self.deadline_month, self.deadline_day)
    }
}

impl Default for ReviewSettings {
    fn default() -> Self {
        Self {
            deadline_month: 4,
            deadline_day: 1,
        }
    }
}

/// One line of the card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub id: CheckId,
    pub status: Status,
    /// The text the verdict rests on, in document order.
    pub evidence: Vec<Span>,
    /// What was found, in Chinese and in English.
    pub note_zh: String,
    pub note_en: String,
}

impl Check {
    #[must_use]
    pub fn note(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.note_zh,
            Lang::En => &self.note_en,
        }
    }
}

/// Length and figures of one required part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartFigures {
    pub part: RequiredPart,
    pub present: bool,
    /// Non-blank characters of its sections (headings included).
    pub chars: usize,
    pub figures: usize,
    pub per_1000: f64,
    pub sentences: usize,
    pub sentences_with_figure: usize,
}

/// One act of the principal leader's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Act {
    /// The act word as written in [`rules::ACT_WORDS`].
    pub word: String,
    pub span: Span,
    /// A count the same sentence gives in 次 (`听取汇报3次`), as written.
    pub count: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FirstResponsible {
    pub acts: Vec<Act>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Shortcomings {
    pub chars: usize,
    pub sentences: usize,
    /// Sentences that give a cause or a figure.
    pub concrete: Vec<Span>,
    /// Sentences made of a stock phrase with neither.
    pub stock: Vec<Span>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NextYear {
    pub measures: usize,
    /// Figures inside the plan (targets).
    pub targets: Vec<Span>,
    /// Months and time words inside the plan.
    pub times: Vec<Span>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Concreteness {
    pub chars: usize,
    pub figures: usize,
    pub per_1000: f64,
    pub sentences: usize,
    pub sentences_with_figure: usize,
}

impl Concreteness {
    /// Share of the body's sentences that carry a figure (0 when there are none).
    #[must_use]
    pub fn share(&self) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            #[allow(clippy::cast_precision_loss)]
            let v = self.sentences_with_figure as f64 / self.sentences as f64;
            v
        }
    }
}

/// The review of one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewCard {
    /// One per [`CheckId`], in [`CheckId::ALL`] order.
    pub checks: Vec<Check>,
    /// One per [`RequiredPart`], in [`RequiredPart::ALL`] order.
    pub parts: Vec<PartFigures>,
    pub first_responsible: FirstResponsible,
    pub shortcomings: Shortcomings,
    pub next_year: NextYear,
    pub concreteness: Concreteness,
}

impl ReviewCard {
    #[must_use]
    pub fn check(&self, id: CheckId) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }

    /// Whether any check is a warning or missing.
    #[must_use]
    pub fn has_problem(&self) -> bool {
        self.checks.iter().any(|c| c.status.is_problem())
    }
}

/// Review one analysed report. `text` is the text `analysis` was made from.
#[must_use]
pub fn review(text: &str, analysis: &Analysis, settings: &ReviewSettings) -> ReviewCard {
    let r = Reader { text, a: analysis };
    let parts: Vec<PartFigures> = RequiredPart::ALL
        .iter()
        .map(|&p| r.part_figures(p))
        .collect();
    let first_responsible = r.first_responsible();
    let shortcomings = r.shortcomings();
    let next_year = r.next_year();
    let concreteness = r.concreteness();

    let mut checks = Vec::with_capacity(CheckId::ALL.len());
    for id in CheckId::ALL {
        let check = match id.part() {
            Some(part) => r.part_check(id, part, &parts),
            None => match id {
                CheckId::FirstResponsibleActs => r.acts_check(&first_responsible),
                CheckId::ShortcomingsConcrete => r.shortcomings_check(&shortcomings),
                CheckId::NextYearPlan => r.plan_check(&next_year),
                CheckId::Concreteness => concreteness_check(analysis, &concreteness),
                CheckId::TitleForm => title_check(analysis),
                CheckId::Identification => identification_check(analysis),
                _ => timeliness(analysis, *settings),
            },
        };
        checks.push(check);
    }
    ReviewCard {
        checks,
        parts,
        first_responsible,
        shortcomings,
        next_year,
        concreteness,
    }
}

/// The rank of each card by figures per 1,000 characters (1 = the most concrete; equal
/// figures share a rank), in the order given.
#[must_use]
pub fn rank_concreteness(cards: &[&ReviewCard]) -> Vec<usize> {
    cards
        .iter()
        .map(|c| {
            1 + cards
                .iter()
                .filter(|o| o.concreteness.per_1000 > c.concreteness.per_1000)
                .count()
        })
        .collect()
}

/// Counts per check and status over a batch: `[check][status]` in [`CheckId::ALL`] and
/// [`Status::ALL`] order.
#[must_use]
pub fn counts(cards: &[&ReviewCard]) -> Vec<[usize; 4]> {
    CheckId::ALL
        .iter()
        .map(|&id| {
            let mut row = [0; 4];
            for card in cards {
                if let Some(c) = card.check(id) {
                    if let Some(i) = Status::ALL.iter().position(|&s| s == c.status) {
                        if let Some(cell) = row.get_mut(i) {
                            *cell += 1;
                        }
                    }
                }
            }
            row
        })
        .collect()
}

fn check(id: CheckId, status: Status, evidence: Vec<Span>, zh: String, en: String) -> Check {
    Check {
        id,
        status,
        evidence,
        note_zh: zh,
        note_en: en,
    }
}

/// Non-blank characters under a span.
fn chars(text: &str, span: Span) -> usize {
    crate::text::content_chars(span.slice(text))
}

/// Where a sentence end may start: `\n ; ! ?` and the lead bytes of `。` (E3) and
/// `；！？` (EF).
static END_LEADS: crate::text::ByteSet = crate::text::ByteSet::new(b"\n;!?\xe3\xef", &[]);

/// The length of the sentence end starting at byte `i` of `b` (`。；;！!？?` and the line
/// break), if one does.
fn sentence_end_at(b: &[u8], i: usize) -> Option<usize> {
    let tail = b.get(i..)?;
    match *tail.first()? {
        b'\n' | b';' | b'!' | b'?' => Some(1),
        // 。
        0xe3 if tail.starts_with("。".as_bytes()) => Some(3),
        // ；！？
        0xef if ["；", "！", "？"]
            .iter()
            .any(|p| tail.starts_with(p.as_bytes())) =>
        {
            Some(3)
        }
        _ => None,
    }
}

/// The sentences of `span`, trimmed, blank ones left out. The ends are found by their
/// bytes (each is a whole character: a lead byte never matches inside another character).
fn sentences(text: &str, span: Span) -> Vec<Span> {
    let s = span.slice(text);
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(p) = END_LEADS.next_in(s, i) {
        match sentence_end_at(b, p) {
            Some(len) => {
                // The line break ends a sentence without belonging to it.
                let end = if b.get(p) == Some(&b'\n') { p } else { p + len };
                push_trimmed(text, span.start + start, span.start + end, &mut out);
                i = p + len;
                start = i;
            }
            None => i = p + 1,
        }
    }
    push_trimmed(text, span.start + start, span.end, &mut out);
    out
}

/// A sentence holds no line break (it ends one), so once trimmed it has content exactly
/// when it is not empty.
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let t = crate::text::trim(text, Span::new(start, end.max(start)));
    if !t.is_empty() {
        out.push(t);
    }
}

struct Reader<'a> {
    text: &'a str,
    a: &'a Analysis,
}

impl Reader<'_> {
    fn headings_of(&self, part: RequiredPart) -> Vec<&Heading> {
        self.a
            .parts
            .iter()
            .find(|p| p.part == part)
            .map(|p| {
                p.headings
                    .iter()
                    .filter_map(|&i| self.a.headings.get(i))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The sections of a part, each from the end of its heading's title, clamped to the body.
    fn contents(&self, part: RequiredPart) -> Vec<Span> {
        self.headings_of(part)
            .iter()
            .map(|h| self.in_body(Span::new(h.title_span.end, h.section.end)))
            .collect()
    }

    fn in_body(&self, s: Span) -> Span {
        let b = self.a.body;
        let start = s.start.clamp(b.start, b.end);
        crate::text::clamp(self.text, Span::new(start, s.end.clamp(start, b.end)))
    }

    /// The heading line of each section of a part (marker to end of title).
    fn heading_spans(&self, part: RequiredPart) -> Vec<Span> {
        self.headings_of(part)
            .iter()
            .map(|h| self.in_body(Span::new(h.marker_span.start, h.title_span.end)))
            .collect()
    }

    fn metrics_in(&self, span: Span) -> impl Iterator<Item = &crate::Metric> {
        let from = self
            .a
            .metrics
            .partition_point(|m| m.span.start < span.start);
        self.a
            .metrics
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(move |m| m.span.start < span.end)
            .filter(move |m| m.span.end <= span.end)
    }

    /// Sentences of a span with heading titles cut away (a title's words are not the
    /// section's content: `存在的不足和原因` gives no cause).
    fn content_sentences(&self, span: Span) -> Vec<Span> {
        sentences(self.text, span)
            .into_iter()
            .filter_map(|mut s| {
                for h in &self.a.headings {
                    if h.title_span.start < s.end && s.start < h.title_span.end {
                        s.start = s.start.max(h.title_span.end).min(s.end);
                    }
                }
                let s = crate::text::trim(self.text, s);
                let rest = s
                    .slice(self.text)
                    .trim_start_matches(['。', '；', ';', '：', ':', '，', ',']);
                (rest.chars().any(|c| !is_blank(c))).then_some(s)
            })
            .collect()
    }

    fn part_figures(&self, part: RequiredPart) -> PartFigures {
        let sections: Vec<Span> = self
            .headings_of(part)
            .iter()
            .map(|h| self.in_body(h.section))
            .collect();
        let chars_n: usize = sections.iter().map(|&s| chars(self.text, s)).sum();
        let figures: usize = sections.iter().map(|&s| self.metrics_in(s).count()).sum();
        let mut n_sent = 0;
        let mut with = 0;
        for &s in &sections {
            for sent in sentences(self.text, s) {
                n_sent += 1;
                if self.metrics_in(sent).next().is_some() {
                    with += 1;
                }
            }
        }
        PartFigures {
            part,
            present: !sections.is_empty(),
            chars: chars_n,
            figures,
            per_1000: rules::per_1000(figures, chars_n),
            sentences: n_sent,
            sentences_with_figure: with,
        }
    }

    fn part_check(&self, id: CheckId, part: RequiredPart, parts: &[PartFigures]) -> Check {
        let Some(f) = parts.iter().find(|f| f.part == part) else {
            return check(id, Status::Unknown, vec![], String::new(), String::new());
        };
        let evidence = self.heading_spans(part);
        if !f.present {
            return if part == RequiredPart::Other {
                check(
                    id,
                    Status::Ok,
                    evidence,
                    "无单列部分（无其他需要报告的情况时可不写）".into(),
                    "no section (needed only when there is something else to report)".into(),
                )
            } else {
                check(
                    id,
                    Status::Missing,
                    evidence,
                    "未找到这一部分".into(),
                    "no section for this part".into(),
                )
            };
        }
        let min = rules::part_min_chars(part);
        let status = rules::part_status(part, f.chars);
        let (zh, en) = if status == Status::Ok {
            (
                format!("{}处，{}字，{}个数字", evidence.len(), f.chars, f.figures),
                format!(
                    "{} section(s), {} characters, {} figures",
                    evidence.len(),
                    f.chars,
                    f.figures
                ),
            )
        } else {
            (
                format!("仅{}字（少于{min}字）", f.chars),
                format!("only {} characters (under {min})", f.chars),
            )
        };
        check(id, status, evidence, zh, en)
    }

    fn first_responsible(&self) -> FirstResponsible {
        let mut acts = Vec::new();
        for content in self.contents(RequiredPart::FirstResponsiblePerson) {
            let s = content.slice(self.text);
            for (a, b, word) in rules::acts_in(s) {
                let span = Span::new(content.start + a, content.start + b);
                let sentence = crate::text::sentence_at(self.text, content, span.start);
                let count = self
                    .metrics_in(sentence)
                    .find(|m| m.unit == "次" && m.span.start >= span.start)
                    .map(|m| m.text.clone());
                acts.push(Act {
                    word: word.to_owned(),
                    span,
                    count,
                });
            }
        }
        FirstResponsible { acts }
    }

    fn acts_check(&self, f: &FirstResponsible) -> Check {
        let id = CheckId::FirstResponsibleActs;
        if self
            .headings_of(RequiredPart::FirstResponsiblePerson)
            .is_empty()
        {
            return check(
                id,
                Status::Missing,
                vec![],
                "无主要负责人履职部分".into(),
                "no section on the principal leader".into(),
            );
        }
        let n = f.acts.len();
        let counted = f.acts.iter().filter(|a| a.count.is_some()).count();
        let status = rules::acts_status(n);
        let evidence = if n == 0 {
            self.heading_spans(RequiredPart::FirstResponsiblePerson)
        } else {
            f.acts.iter().map(|a| a.span).collect()
        };
        let (zh, en) = if status == Status::Ok {
            (
                format!("{n}项本人履职行为（{counted}项给出次数）"),
                format!("{n} acts of the leader's own ({counted} with a count)"),
            )
        } else {
            (
                format!("仅{n}项具体行为，多为泛泛重申职责"),
                format!("{n} concrete act(s): the section mostly restates the duty"),
            )
        };
        check(id, status, evidence, zh, en)
    }

    fn shortcomings(&self) -> Shortcomings {
        let mut out = Shortcomings::default();
        for content in self.contents(RequiredPart::Shortcomings) {
            out.chars += chars(self.text, content);
            for s in self.content_sentences(content) {
                out.sentences += 1;
                let words = s.slice(self.text);
                if rules::gives_cause(words) || self.metrics_in(s).next().is_some() {
                    out.concrete.push(s);
                } else if rules::is_stock(words) {
                    out.stock.push(s);
                }
            }
        }
        out
    }

    fn shortcomings_check(&self, s: &Shortcomings) -> Check {
        let id = CheckId::ShortcomingsConcrete;
        if self.headings_of(RequiredPart::Shortcomings).is_empty() {
            return check(
                id,
                Status::Missing,
                vec![],
                "无不足和原因部分".into(),
                "no shortcomings section".into(),
            );
        }
        let status = rules::shortcomings_status(s.chars, s.concrete.len());
        let min = rules::SHORTCOMINGS_MIN_CHARS;
        let (evidence, zh, en) = if status == Status::Ok {
            (
                s.concrete.clone(),
                format!(
                    "{}句给出原因或数字（共{}句）",
                    s.concrete.len(),
                    s.sentences
                ),
                format!(
                    "{} of {} sentences give a cause or a figure",
                    s.concrete.len(),
                    s.sentences
                ),
            )
        } else if s.chars < min {
            (
                self.heading_spans(RequiredPart::Shortcomings),
                format!("仅{}字（少于{min}字）", s.chars),
                format!("only {} characters (under {min})", s.chars),
            )
        } else {
            let ev = if s.stock.is_empty() {
                self.heading_spans(RequiredPart::Shortcomings)
            } else {
                s.stock.clone()
            };
            (
                ev,
                format!("没有一句给出原因或数字；{}句为套话", s.stock.len()),
                format!(
                    "no sentence gives a cause or a figure; {} stock sentence(s)",
                    s.stock.len()
                ),
            )
        };
        check(id, status, evidence, zh, en)
    }

    fn next_year(&self) -> NextYear {
        let plan: Vec<usize> = self
            .a
            .parts
            .iter()
            .find(|p| p.part == RequiredPart::NextYearPlan)
            .map(|p| p.headings.clone())
            .unwrap_or_default();
        let mut out = NextYear::default();
        for &hi in &plan {
            let Some(h) = self.a.headings.get(hi) else {
                continue;
            };
            let content = self.in_body(Span::new(h.title_span.end, h.section.end));
            let children = self
                .a
                .headings
                .iter()
                .filter(|c| c.parent == Some(hi))
                .count();
            let measures = if children > 0 {
                children
            } else {
                let items = self
                    .a
                    .enumerations
                    .iter()
                    .filter(|e| {
                        content.start <= e.marker_span.start && e.marker_span.end <= content.end
                    })
                    .count();
                if items > 0 {
                    items
                } else {
                    usize::from(chars(self.text, content) > 0)
                }
            };
            out.measures += measures;
            out.targets.extend(self.metrics_in(content).map(|m| m.span));
            // The signature date closes the last section; it is not a plan's time.
            let signed = self.a.metadata.published.as_ref().map(|d| d.span);
            let s = content.slice(self.text);
            out.times.extend(
                rules::times_in(s)
                    .into_iter()
                    .map(|(a, b)| Span::new(content.start + a, content.start + b))
                    .filter(|t| signed.is_none_or(|d| t.end <= d.start || t.start >= d.end)),
            );
        }
        out
    }

    fn plan_check(&self, p: &NextYear) -> Check {
        let id = CheckId::NextYearPlan;
        if self.headings_of(RequiredPart::NextYearPlan).is_empty() {
            return check(
                id,
                Status::Missing,
                vec![],
                "无下一年度工作安排".into(),
                "no plan for the next year".into(),
            );
        }
        let timed = !p.targets.is_empty() || !p.times.is_empty();
        let status = rules::plan_status(p.measures, timed);
        let mut evidence: Vec<Span> = p.targets.iter().chain(&p.times).copied().collect();
        evidence.sort_unstable();
        if evidence.is_empty() {
            evidence = self.heading_spans(RequiredPart::NextYearPlan);
        }
        let zh = format!(
            "{}项措施；{}个目标数字，{}处时间",
            p.measures,
            p.targets.len(),
            p.times.len()
        );
        let en = format!(
            "{} measure(s); {} target figure(s), {} time word(s)",
            p.measures,
            p.targets.len(),
            p.times.len()
        );
        check(id, status, evidence, zh, en)
    }

    fn concreteness(&self) -> Concreteness {
        let body = self.a.body;
        let chars_n = chars(self.text, body);
        let figures = self.metrics_in(body).count();
        let sents = sentences(self.text, body);
        let with = sents
            .iter()
            .filter(|&&s| self.metrics_in(s).next().is_some())
            .count();
        Concreteness {
            chars: chars_n,
            figures,
            per_1000: rules::per_1000(figures, chars_n),
            sentences: sents.len(),
            sentences_with_figure: with,
        }
    }
}

fn concreteness_check(a: &Analysis, c: &Concreteness) -> Check {
    let status = rules::concreteness_status(c.chars, c.figures);
    let evidence = a
        .metrics
        .iter()
        .filter(|m| a.body.start <= m.span.start && m.span.end <= a.body.end)
        .map(|m| m.span)
        .collect();
    let share = c.share() * 100.0;
    check(
        CheckId::Concreteness,
        status,
        evidence,
        format!("每千字{:.2}个数字；{:.0}%的句子含数字", c.per_1000, share),
        format!(
            "{:.2} figures per 1,000 characters; {:.0}% of sentences carry one",
            c.per_1000, share
        ),
    )
}

fn title_check(a: &Analysis) -> Check {
    let id = CheckId::TitleForm;
    match &a.metadata.title {
        None => check(
            id,
            Status::Missing,
            vec![],
            "无标题".into(),
            "no title line".into(),
        ),
        Some(t) if rules::title_form_ok(&t.value) => check(
            id,
            Status::Ok,
            vec![t.span],
            "标题含发布机关、年度、法治政府建设、情况/报告".into(),
            "the title names the body, the year, 法治政府建设 and 情况/报告".into(),
        ),
        Some(t) => check(
            id,
            Status::Warning,
            vec![t.span],
            "标题不是通常格式（机关+年度+法治政府建设+情况/年度报告）".into(),
            "the title is not in the usual form (body + year + 法治政府建设 + 情况/年度报告)"
                .into(),
        ),
    }
}

fn identification_check(a: &Analysis) -> Check {
    let m = &a.metadata;
    let mut evidence: Vec<Span> = [
        m.agency.as_ref().map(|x| x.span),
        m.year.as_ref().map(|x| x.span),
        m.published.as_ref().map(|x| x.span),
    ]
    .into_iter()
    .flatten()
    .collect();
    let found = evidence.len();
    evidence.sort_unstable();
    evidence.dedup();
    let mut missing_zh = Vec::new();
    let mut missing_en = Vec::new();
    if m.agency.is_none() {
        missing_zh.push("发布机关");
        missing_en.push("issuing body");
    }
    if m.year.is_none() {
        missing_zh.push("年度");
        missing_en.push("year");
    }
    if m.published.is_none() {
        missing_zh.push("落款日期");
        missing_en.push("signature date");
    }
    let (zh, en) = if missing_zh.is_empty() {
        (
            "发布机关、年度、落款日期齐全".into(),
            "body, year and date given".into(),
        )
    } else {
        (
            format!("缺少：{}", missing_zh.join("、")),
            format!("missing: {}", missing_en.join(", ")),
        )
    };
    check(
        CheckId::Identification,
        rules::identification_status(found),
        evidence,
        zh,
        en,
    )
}

/// The deadline for a report on `year`.
#[must_use]
pub fn deadline(year: u16, settings: &ReviewSettings) -> Date {
    Date {
        year: year.saturating_add(1),
        month: settings.deadline_month,
        day: settings.deadline_day,
    }
}

/// The timeliness check alone: the report's date against the deadline in `settings`. The
/// page recomputes it when the reviewer changes the deadline (it needs no word table).
#[must_use]
pub fn timeliness(a: &Analysis, settings: ReviewSettings) -> Check {
    let id = CheckId::Timeliness;
    let (Some(year), Some(date)) = (&a.metadata.year, &a.metadata.published) else {
        let (zh, en) = if a.metadata.published.is_none() {
            ("报告未写日期，无法判断", "the report gives no date")
        } else {
            ("报告年度不明，无法判断", "the year covered is not known")
        };
        return check(id, Status::Unknown, vec![], zh.into(), en.into());
    };
    let due = deadline(year.value, &settings);
    let late = date.value >= due;
    check(
        id,
        if late { Status::Warning } else { Status::Ok },
        vec![date.span],
        format!(
            "日期{}，{}截止日期{}",
            date.value.iso(),
            if late { "不早于" } else { "早于" },
            due.iso()
        ),
        format!(
            "dated {}, {} {}",
            date.value.iso(),
            if late {
                "on or after the deadline"
            } else {
                "before"
            },
            due.iso()
        ),
    )
}

/// The review table's header: file, then a status and an evidence column per check, then
/// the reviewer's note and the concreteness rank.
#[must_use]
pub fn review_header(lang: Lang) -> Vec<String> {
    let mut header: Vec<String> = vec![lang.pick("文件", "file").to_owned()];
    for id in CheckId::ALL {
        header.push(id.key().to_owned());
        header.push(format!("{} {}", id.key(), lang.pick("依据", "evidence")));
    }
    header.push(lang.pick("审阅意见", "note").to_owned());
    header
}

/// One report's row of the review table (see [`review_header`]): statuses as their keys,
/// evidence as a short excerpt ([`excerpt`]).
#[must_use]
pub fn review_row(file: &str, text: &str, card: &ReviewCard, note: &str) -> Vec<String> {
    let mut row: Vec<String> = vec![file.to_owned()];
    for id in CheckId::ALL {
        let c = card.check(id);
        row.push(c.map_or("", |c| c.status.key()).to_owned());
        row.push(c.map_or_else(String::new, |c| excerpt(text, &c.evidence)));
    }
    row.push(note.to_owned());
    row
}

/// Append a row of strings as text cells.
pub fn csv_row(csv: &mut crate::export::Csv, row: &[String]) {
    let cells: Vec<crate::export::Cell<'_>> =
        row.iter().map(|c| crate::export::Cell::Text(c)).collect();
    csv.row(&cells);
}

/// The review table as CSV (UTF-8 BOM, CRLF, as every export): `reports` gives file name,
/// text, card and note.
#[must_use]
pub fn review_csv(reports: &[(&str, &str, &ReviewCard, &str)], lang: Lang) -> Vec<u8> {
    let mut csv = crate::export::Csv::new();
    csv_row(&mut csv, &review_header(lang));
    for &(file, text, card, note) in reports {
        csv_row(&mut csv, &review_row(file, text, card, note));
    }
    csv.into_bytes()
}

/// The first pieces of evidence as one short line: up to three spans, each cut at 40
/// characters, joined by ` | `.
#[must_use]
pub fn excerpt(text: &str, evidence: &[Span]) -> String {
    evidence
        .iter()
        .take(3)
        .map(|s| {
            let t = s.slice(text).trim();
            let mut out: String = t.chars().take(40).collect();
            if t.chars().count() > 40 {
                out.push('…');
            }
            out.replace(['\n', '\r'], " ")
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_are_unique() {
        for id in CheckId::ALL {
            assert_eq!(CheckId::from_key(id.key()), Some(id));
            let json = serde_json::to_string(&id).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", id.key()));
        }
        for s in Status::ALL {
            assert_eq!(
                serde_json::to_string(&s).unwrap_or_default(),
                format!("\"{}\"", s.key())
            );
        }
        assert_eq!(CheckId::from_key("nope"), None);
    }

    #[test]
    fn sentences_split_and_trim() {
        let t = "甲乙。 丙；\n\n丁";
        let got: Vec<&str> = sentences(t, Span::new(0, t.len()))
            .iter()
            .map(|s| s.slice(t))
            .collect();
        assert_eq!(got, ["甲乙。", "丙；", "丁"]);
    }

    #[test]
    fn month_day_cases() {
        for (s, want) in [
            ("04-01", Some((4, 1))),
            ("3-1", Some((3, 1))),
            (" 02-29 ", Some((2, 29))),
            ("02-30", None),
            ("13-01", None),
            ("00-10", None),
            ("04-00", None),
            ("04", None),
            ("", None),
            ("a-b", None),
        ] {
            let got =
                ReviewSettings::parse_month_day(s).map(|r| (r.deadline_month, r.deadline_day));
            assert_eq!(got, want, "{s}");
        }
        assert_eq!(ReviewSettings::default().month_day(), "04-01");
    }

    #[test]
    fn deadline_is_a_setting() {
        let s = ReviewSettings::default();
        assert_eq!(deadline(2024, &s).iso(), "2025-04-01");
        let early = ReviewSettings {
            deadline_month: 3,
            deadline_day: 1,
        };
        assert_eq!(deadline(2024, &early).iso(), "2025-03-01");
        assert_eq!(deadline(u16::MAX, &s).year, u16::MAX);
    }
}
