//! The canonical indicator taxonomy: what kind of work a stated quantity measures.
//!
//! # The table
//!
//! [`CATEGORY_TABLE`] is the data: one row per [`Category`] with its key, Chinese and English
//! names, its scope (what it covers and where its borders with its neighbours lie), the
//! first-level indicator (一级指标) of the 2021 《市县法治政府建设示范指标体系》 it belongs to
//! where that is verified (see [`Category::demo_indicator`]), and its keywords by strength:
//!
//! * **strong** keywords name the work unambiguously (`培训`, `罚款`, `应急预案`) and count
//!   wherever they are found: in the subject, the clause, the sentence or a heading title;
//! * **weak** keywords are ambiguous on their own (`学习`, `人员`, `案件`, `信息`, `监管`) and
//!   count only in the subject and in the clause that holds the number, and there only
//!   after the strong keywords of the same place found nothing.
//!
//! A row may also limit the units it accepts ([`UnitRule`]): fines are amounts of money, and
//! staff are head counts, never `人次` (a person-time counts a participation in some
//! activity — a drill, a training — and belongs to that activity).
//!
//! # Precedence
//!
//! [`classify`] looks in four places, nearest first, and the first place with a hit decides:
//!
//! 1. **the subject** (what is counted, e.g. `法治专题讲座`): strong keywords first, then
//!    weak ones; among several rows with a hit, the row that comes first in the table wins,
//!    so more specific rows come first (`行政复议案件` is reconsideration, not a penalty case;
//!    `行政许可案件` is licensing; `应急预案备案` is a filing handled as a licensing item;
//!    `普法讲座` is publicity while `法治专题讲座` is training);
//! 2. **the clause** holding the number (between the nearest `，；：。` on either side): strong
//!    keywords, then weak ones; the keyword nearest to the number wins — the last one before
//!    it, else the first one after it (`对34家企业开展执法检查` → inspections);
//! 3. **the sentence**: strong keywords only, nearest to the number as in the clause;
//! 4. **the heading titles** around it, innermost first: strong keywords only, the last one
//!    in the title.
//!
//! Nothing found: [`Category::Other`]. The `Other` row has keywords too — meetings of the
//! leadership (`党组会`, `党委会`), money for equipment (`装备经费`), equipment (`执法记录仪`) —
//! so that such a subject decides `Other` at once instead of letting a word elsewhere in the
//! sentence (`执法`, `普法`) claim it.
//!
//! Two rules that need the neighbouring figure live in [`super::extract`]: a figure that
//! borrows the subject of the figure before it (`罚款286.5万元,同比增长12.3%`) takes its
//! category too, and so does a share of it (`行政许可案件212件,占全部案件总数的32.8%`).
//!
//! To extend the taxonomy's reach, add keywords to a row; to change precedence, move rows.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::{Category, Span};

/// Which units a category accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitRule {
    /// Any unit.
    Any,
    /// Money only (`元`).
    Money,
    /// Anything but person-times (`人次`): head counts, not participations.
    NotPersonTimes,
}

/// One row of the taxonomy.
#[derive(Debug, Clone, Copy)]
pub struct CategoryInfo {
    pub category: Category,
    /// Stable key (the serde name).
    pub key: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// What the category covers and how it is told from its neighbours.
    pub scope: &'static str,
    /// The verified 一级指标 of the 2021 示范指标体系 (see [`Category::demo_indicator`]).
    pub demo_indicator: Option<&'static str>,
    /// Keywords that decide wherever they are found.
    pub strong: &'static [&'static str],
    /// Keywords that decide only in the subject or the number's clause.
    pub weak: &'static [&'static str],
    pub units: UnitRule,
}

/// 一级指标 一 of the 2021 《市县法治政府建设示范指标体系》, verified against the text of the
/// 2021 edition as republished from 司法部 at czj.chuzhou.gov.cn (2021-09-02): its 二级指标
/// 「加大简政放权力度」 holds the items on 行政审批, 行政许可, 备案 and 中介服务.
pub const GOV_FUNCTIONS: &str = "政府职能依法全面履行";

/// The taxonomy, in precedence order (see the module docs). [`Category::Other`] is last.
pub const CATEGORY_TABLE: [CategoryInfo; 16] = [
    CategoryInfo {
        category: Category::Fines,
        key: "fines",
        name_zh: "罚没金额",
        name_en: "Fines and confiscations",
        scope: "Amounts of money fined or confiscated (illegal gains included). A count of \
                fines or of penalty decisions is a penalty case.",
        demo_indicator: None,
        strong: &["罚款", "罚没", "处罚金额", "罚金", "没收", "违法所得"],
        weak: &["处罚", "罚"],
        units: UnitRule::Money,
    },
    CategoryInfo {
        category: Category::ReconsiderationLitigation,
        key: "reconsideration_litigation",
        name_zh: "行政复议与诉讼",
        name_en: "Reconsideration and litigation",
        scope: "Administrative reconsideration and litigation against the agency: cases, \
                court appearances, reversal and loss rates. Petitions and complaints are not \
                here.",
        demo_indicator: None,
        strong: &["复议", "诉讼", "应诉", "败诉", "出庭"],
        weak: &["纠错"],
        units: UnitRule::Any,
    },
    CategoryInfo {
        category: Category::LegalCounsel,
        key: "legal_counsel",
        name_zh: "法律顾问与合同审查",
        name_en: "Legal counsel and contract review",
        scope: "Work of legal advisers and government lawyers: legal opinions, answers, \
                contract review, documents they review.",
        demo_indicator: None,
        strong: &[
            "法律顾问",
            "公职律师",
            "合同",
            "法律意见",
            "法律答复",
            "意见书",
            "法律咨询",
        ],
        weak: &[],
        units: UnitRule::Any,
    },
    CategoryInfo {
        category: Category::LegalReview,
        key: "legal_review",
        name_zh: "法制审核/案审",
        name_en: "Legal review",
        scope: "Review and supervision of enforcement: legal review of major enforcement \
                decisions, case-review meetings, collective discussion, hearings, review of \
                normative documents, evaluation of case files (案卷评查), enforcement \
                supervision. The cases themselves are penalty cases.",
        demo_indicator: None,
        strong: &[
            "法制审核",
            "合法性审核",
            "合法性审查",
            "案审",
            "集体讨论",
            "听证",
            "审理委员会",
            "规范性文件",
            "备案审查",
            "评查",
            "执法监督",
            "重大执法决定",
        ],
        weak: &["审核", "案卷"],
        units: UnitRule::Any,
    },
    CategoryInfo {
        category: Category::Complaints,
        key: "complaints",
        name_zh: "信访投诉",
        name_en: "Petitions and complaints",
        scope: "Petitions, complaints, tip-offs, hotline tickets, proposals of deputies, \
                dispute mediation. Reconsideration and litigation are not here.",
        demo_indicator: None,
        strong: &[
            "信访", "投诉", "举报", "来信", "来访", "上访", "热线", "工单", "提案", "诉求",
        ],
        weak: &["建议", "纠纷", "调解", "矛盾"],
        units: UnitRule::Any,
    },
    CategoryInfo {
        category: Category::Training,
        key: "training",
        name_zh: "培训学法",
        name_en: "Training and study",
        scope: "Training, study and exams of the agency's own staff and leaders: lectures, \
                study sessions, class hours, qualification exams. Publicity aimed at the \
                public is legal publicity.",
        demo_indicator: None,
        strong: &[
            "培训",
            "学法",
            "学时",
            "课时",
            "法治教育",
            "考试",
            "普考",
            "学考",
            "授课",
            "讲授",
            "法治课",
            "中心组",
            "讲堂",
            "参训",
            "轮训",
            "旁听",
        ],
        weak: &["学习", "讲座"],
        units: UnitRule::Any,
    },
    CategoryInfo {
        category: Category::Hazards,
        key: "hazards",
        name_zh: "隐患排查整改",
        name_en: "Hazards found and fixed",
        scope: "Hazards and problems found, fixed, put under supervision; rectification \
                rates. The inspections that found them are inspections.",
        demo_indicator: None,
        strong: &["隐患", "整改", "挂牌督办", "风险点"],
        weak: &["风险"],
        units: UnitRule::Any,
    },
    CategoryInfo {
        category: Category::Licensing,
        key: "licensing",
        name_zh: "行政许可/审批",
        name_en: "Licensing and approvals",
        scope: "Licences, approvals, administrative filings (备案, including the filing of \
                enterprises' emergency plans), government-service and power-list items, \
                certificates, credit repair. Drafting and revising plans is emergency work.",
        demo_indicator: Some(GOV_FUNCTIONS),
        strong: &[
            "许可",
            "审批",
            "备案",
            "政务服务",
            "办件",
            "证照",
            "权力事项",
            "权责",
            "给付",
            "公共服务事项",
            "信用修复",
            "无违法违规证明",
            "证明事项",
        ],
        weak: &[],
        units: UnitRule::Any,
    },
    CategoryInfo {
        category: Category::EmergencyDrills,
        key: "emergency_drills",
        name_zh: "应急演练与预案",
        name_en: "Emergency drills and plans",
        scope: "Emergency preparedness: plans drafted or revised, drills and their \
                participants, rescue teams and stations, evacuation. Relief to victims is \
                disaster relief.",
        demo_indicator: None,
        strong: &[
            "演练",
            "预案",
            "救援队",
            "应急队伍",
            "救援站",
            "处置卡",
            "疏散",
            "避险",
            "应急服务",
            "驿站",
        ],
        weak: &["救援"],
        units: UnitRule::Any,
    },
    CategoryInfo {
        category: Category::DisasterRelief,
        key: "disaster_relief",
        name_zh: "救灾救助",
        name_en: "Disaster relief",
        scope: "Relief to disaster victims: relief funds, goods handed out, people moved, \
                drought and flood work.",
        demo_indicator: None,
        strong: &[
            "救灾", "救助", "受灾", "灾民", "抗旱", "灌溉", "防汛", "棉衣", "棉被",
        ],
        weak: &["物资", "转移"],
        units: UnitRule::Any,
    },
    CategoryInfo {
        category: Category::LegalPublicity,
        key: "legal_publicity",
        name_zh: "普法宣传",
        name_en: "Legal publicity",
        scope: "Legal publicity to the public and to enterprises: campaigns, lectures for \
                the public, materials handed out, articles, typical cases published, \
                contests. Training of the agency's own staff is training.",
        demo_indicator: None,
        strong: &[
            "普法",
            "宣传",
            "宣讲",
            "送法",
            "典型案例",
            "警示",
            "曝光",
            "发稿",
            "竞赛",
            "以案释法",
            "折页",
            "公众号",
            "报道",
        ],
        weak: &[],
        units: UnitRule::Any,
    },
    CategoryInfo {
        category: Category::Personnel,
        key: "personnel",
        name_zh: "队伍与人员",
        name_en: "Staff and teams",
        scope: "Head counts of staff, certified officers, inspectors, experts and enforcement \
                groups. Person-times (人次) count participations and go to the activity.",
        demo_indicator: None,
        strong: &[
            "执法证",
            "检查员",
            "监督员",
            "执法组",
            "骨干",
            "编制",
            "在编",
            "持证",
        ],
        weak: &["人员", "队伍", "专家"],
        units: UnitRule::NotPersonTimes,
    },
    CategoryInfo {
        category: Category::PenaltyCases,
        key: "penalty_cases",
        name_zh: "行政处罚案件",
        name_en: "Penalty cases",
        scope: "Enforcement cases: penalty decisions, cases filed and closed, violations \
                dealt with, coercive measures, transfers to criminal justice, case-handling \
                rates. Amounts fined are fines; the review of cases is legal review.",
        demo_indicator: None,
        strong: &["处罚", "罚款", "立案", "查处", "结案", "行刑衔接"],
        weak: &["案件", "案例", "违法", "强制", "办案", "告诫"],
        units: UnitRule::Any,
    },
    CategoryInfo {
        category: Category::Inspections,
        key: "inspections",
        name_zh: "执法检查",
        name_en: "Inspections",
        scope: "Inspections and supervision visits: enterprises inspected, random checks, \
                patrols, joint and special enforcement actions, the annual enforcement plan \
                and its completion rate. The bare words 执法 and 核查 decide nothing: they \
                stand in sentences about training, review, licensing and equipment alike.",
        demo_indicator: None,
        strong: &[
            "检查",
            "抽查",
            "双随机",
            "巡查",
            "督查",
            "执法计划",
            "复查",
            "联合执法",
            "专项执法",
            "执法行动",
        ],
        weak: &["监管"],
        units: UnitRule::Any,
    },
    CategoryInfo {
        category: Category::GovernmentTransparency,
        key: "government_transparency",
        name_zh: "政务公开",
        name_en: "Government transparency",
        scope: "Information published by the agency: government information, website \
                posts, disclosures. Publication of licences or penalties counts with \
                licensing or penalty cases when its subject says so.",
        demo_indicator: None,
        strong: &["政务公开", "信息公开", "公开", "公示"],
        weak: &["信息", "网站", "发布"],
        units: UnitRule::Any,
    },
    CategoryInfo {
        category: Category::Other,
        key: "other",
        name_zh: "其他",
        name_en: "Other",
        scope: "Everything else, and in particular meetings of the leadership, money for \
                equipment and equipment itself, and funding whose purpose the subject does \
                not name.",
        demo_indicator: None,
        strong: &[
            "党组会",
            "党委会",
            "常务会",
            "专题会",
            "专题研究",
            "工作汇报",
            "经费",
            "装备",
            "设备",
            "记录仪",
            "平板",
            "采集站",
        ],
        weak: &["投入", "资金"],
        units: UnitRule::Any,
    },
];

impl Category {
    /// Every category, in declaration order (the precedence used for classification is
    /// the order of [`CATEGORY_TABLE`]).
    pub const ALL: [Category; 16] = [
        Category::Licensing,
        Category::PenaltyCases,
        Category::Fines,
        Category::Inspections,
        Category::Hazards,
        Category::LegalReview,
        Category::ReconsiderationLitigation,
        Category::Training,
        Category::LegalPublicity,
        Category::EmergencyDrills,
        Category::GovernmentTransparency,
        Category::Complaints,
        Category::LegalCounsel,
        Category::DisasterRelief,
        Category::Personnel,
        Category::Other,
    ];

    /// This category's row of [`CATEGORY_TABLE`].
    #[must_use]
    pub fn info(self) -> &'static CategoryInfo {
        CATEGORY_TABLE
            .iter()
            .find(|row| row.category == self)
            .unwrap_or(&CATEGORY_TABLE[CATEGORY_TABLE.len() - 1])
    }

    /// Stable key, equal to the serde name (`penalty_cases`).
    #[must_use]
    pub fn key(self) -> &'static str {
        self.info().key
    }

    /// Chinese name (`行政处罚案件`).
    #[must_use]
    pub fn name_zh(self) -> &'static str {
        self.info().name_zh
    }

    /// English name (`Penalty cases`).
    #[must_use]
    pub fn name_en(self) -> &'static str {
        self.info().name_en
    }

    /// The name in `lang`.
    #[must_use]
    pub fn name(self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::Zh => self.name_zh(),
            crate::Lang::En => self.name_en(),
        }
    }

    /// The 一级指标 of the 2021 《市县法治政府建设示范指标体系》 under which this kind of work
    /// is assessed — only where the name has been checked against the published text.
    ///
    /// Verified: 「政府职能依法全面履行」 (一级指标 一; its 二级指标 「加大简政放权力度」 covers
    /// 行政审批, 行政许可 and 备案) for [`Category::Licensing`]. Source: the 2021 edition as
    /// republished from 司法部 by czj.chuzhou.gov.cn on 2021-09-02.
    ///
    /// Not verified, so `None`: the names of the other first-level indicators. The stored
    /// copy of the 2021 text available when this was written breaks off after 一级指标 一,
    /// and a 2025 implementation plan (金昌市) only gives the count of "10项一级指标" for the
    /// current 指标体系 without naming them. Names such as 「行政执法严格规范公正文明」 or
    /// 「社会矛盾纠纷依法有效化解」 that earlier versions of this table used are plausible but
    /// were not confirmed against the 2021 edition, so they are not claimed here; add them
    /// (to [`CATEGORY_TABLE`]) once checked against the official text.
    #[must_use]
    pub fn demo_indicator(self) -> Option<&'static str> {
        self.info().demo_indicator
    }

    /// What this category covers (its row's `scope`).
    #[must_use]
    pub fn scope(self) -> &'static str {
        self.info().scope
    }

    /// Look a category up by its key.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Category> {
        CATEGORY_TABLE
            .iter()
            .find(|row| row.key == key)
            .map(|row| row.category)
    }
}

/// Where a category was found (see the module docs for the order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Subject,
    Clause,
    Sentence,
    Heading,
    /// Nothing matched: [`Category::Other`].
    Default,
}

/// How a quantity was classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub category: Category,
    pub level: Level,
    /// The keyword that decided, if any.
    pub keyword: Option<&'static str>,
}

/// The text around one quantity, as [`classify`] reads it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// What is counted (`法治专题讲座`), possibly empty.
    pub subject: &'a str,
    /// The sentence holding the number: the text before the number and after it (callers
    /// bound both, see [`super::MAX_CONTEXT`]).
    pub sentence: (&'a str, &'a str),
    /// The clause holding the number, as byte lengths: the clause's part before the number
    /// is the last `clause.0` bytes of `sentence.0`, its part after the number the first
    /// `clause.1` bytes of `sentence.1`.
    pub clause: (usize, usize),
    /// Titles of the headings around the number, innermost first.
    pub headings: &'a [&'a str],
    /// The unit after scaling (`元`, `人次`, `%`).
    pub unit: &'a str,
    /// Whether the unit is money.
    pub money: bool,
    /// The keywords of the whole sentence, found once for all its figures, with the
    /// offsets in that text where `sentence.0` and `sentence.1` begin. Without it, each
    /// context is searched on its own (the same hits).
    pub sentence_hits: Option<(&'a SentenceHits, usize, usize)>,
}

/// Every keyword occurrence in one sentence, found once and shared by the figures in it
/// (offsets into the analysed text, sorted by start).
#[derive(Debug, Clone, Default)]
pub struct SentenceHits {
    hits: Vec<(usize, usize, usize)>,
}

impl SentenceHits {
    /// The keywords of `text[span]`.
    #[must_use]
    pub fn find(text: &str, span: Span) -> Self {
        let Some(s) = text.get(span.start..span.end) else {
            return Self::default();
        };
        let mut hits: Vec<(usize, usize, usize)> = KEYWORDS
            .automaton
            .find_overlapping_iter(s)
            .map(|m| {
                (
                    span.start + m.start(),
                    span.start + m.end(),
                    m.pattern().as_usize(),
                )
            })
            .collect();
        hits.sort_unstable();
        Self { hits }
    }

    /// The hits that lie wholly in `[from, to)`, admitted for this quantity, with offsets
    /// relative to `from` (as [`hits`] gives them for the text `[from, to)` alone).
    fn within(&self, cx: &Context, from: usize, to: usize) -> Vec<Hit> {
        let first = self.hits.partition_point(|h| h.0 < from);
        // Room for every hit of the sentence, so the pushes below never reallocate.
        let mut out = Vec::with_capacity(self.hits.len().saturating_sub(first).min(64));
        for &(start, end, pattern) in self.hits.get(first..).unwrap_or(&[]) {
            if start >= to {
                break;
            }
            if end > to {
                continue;
            }
            for &entry in KEYWORDS.entries.get(pattern).into_iter().flatten() {
                if CATEGORY_TABLE
                    .get(entry.row)
                    .is_some_and(|row| admits(row, cx))
                {
                    out.push(Hit {
                        start: start - from,
                        end: end - from,
                        entry,
                    });
                }
            }
        }
        out
    }
}

/// Which keywords of a row to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Strong,
    Weak,
}

/// Where one keyword stands in the table: its row, its strength and its place in that
/// row's list. Ordering by `(row, order)` is table order.
#[derive(Debug, Clone, Copy)]
struct Entry {
    row: usize,
    strength: Strength,
    order: usize,
    keyword: &'static str,
}

/// Every keyword of the table in one automaton, so a context is read once whatever the
/// number of keywords. A keyword listed in two rows is one pattern with two entries.
struct Keywords {
    automaton: AhoCorasick,
    entries: Vec<Vec<Entry>>,
}

static KEYWORDS: LazyLock<Keywords> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = Vec::new();
    let mut entries: Vec<Vec<Entry>> = Vec::new();
    for (row, info) in CATEGORY_TABLE.iter().enumerate() {
        for (strength, list) in [(Strength::Strong, info.strong), (Strength::Weak, info.weak)] {
            for (order, &keyword) in list.iter().enumerate() {
                let entry = Entry {
                    row,
                    strength,
                    order,
                    keyword,
                };
                if let Some(i) = words.iter().position(|w| *w == keyword) {
                    if let Some(e) = entries.get_mut(i) {
                        e.push(entry);
                    }
                } else {
                    words.push(keyword);
                    entries.push(vec![entry]);
                }
            }
        }
    }
    Keywords {
        automaton: AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .expect("the category keywords build an automaton"),
        entries,
    }
});

/// One keyword found in a context: its byte range there and its table entry.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    entry: Entry,
}

/// Every occurrence of every keyword in `s` (overlapping ones included) whose row admits
/// the quantity's unit.
fn hits(cx: &Context, s: &str) -> Vec<Hit> {
    let kw = &*KEYWORDS;
    let mut out = Vec::new();
    for m in kw.automaton.find_overlapping_iter(s) {
        for &entry in kw.entries.get(m.pattern().as_usize()).into_iter().flatten() {
            if CATEGORY_TABLE
                .get(entry.row)
                .is_some_and(|row| admits(row, cx))
            {
                out.push(Hit {
                    start: m.start(),
                    end: m.end(),
                    entry,
                });
            }
        }
    }
    out
}

fn admits(row: &CategoryInfo, cx: &Context) -> bool {
    match row.units {
        UnitRule::Any => true,
        UnitRule::Money => cx.money,
        UnitRule::NotPersonTimes => cx.unit != "人次",
    }
}

fn decision(entry: Entry, level: Level) -> Option<Decision> {
    Some(Decision {
        category: CATEGORY_TABLE.get(entry.row)?.category,
        level,
        keyword: Some(entry.keyword),
    })
}

/// The first row, in table order, with a keyword of this strength among `hits` (and that
/// row's first such keyword).
fn first_row(hits: &[Hit], strength: Strength) -> Option<Decision> {
    let e = hits
        .iter()
        .map(|h| h.entry)
        .filter(|e| e.strength == strength)
        .min_by_key(|e| (e.row, e.order))?;
    decision(e, Level::Subject)
}

/// The keyword of this strength nearest to the number: among `before` hits (those that
/// start at or after `from`), the one ending last; else among `after` hits (those that end
/// by `to`), the one starting first. Ties keep table order.
fn nearest(
    (before, from): (&[Hit], usize),
    (after, to): (&[Hit], usize),
    strength: Strength,
    level: Level,
) -> Option<Decision> {
    let of = |h: &&Hit| h.entry.strength == strength;
    let last = before
        .iter()
        .filter(of)
        .filter(|h| h.start >= from)
        .max_by(|a, b| {
            a.end
                .cmp(&b.end)
                .then((b.entry.row, b.entry.order).cmp(&(a.entry.row, a.entry.order)))
        });
    if let Some(h) = last {
        return decision(h.entry, level);
    }
    let first = after
        .iter()
        .filter(of)
        .filter(|h| h.end <= to)
        .min_by_key(|h| (h.start, h.entry.row, h.entry.order))?;
    decision(first.entry, level)
}

/// Classify a quantity and say where the category came from (see the module docs).
#[must_use]
pub fn decide(cx: &Context) -> Decision {
    let subject = hits(cx, cx.subject);
    let (before, after) = cx.sentence;
    let (hb, ha) = match cx.sentence_hits {
        Some((shared, b, a)) => (
            shared.within(cx, b, b + before.len()),
            shared.within(cx, a, a + after.len()),
        ),
        None => (hits(cx, before), hits(cx, after)),
    };
    let clause_from = before.len().saturating_sub(cx.clause.0);
    let clause = ((&hb[..], clause_from), (&ha[..], cx.clause.1));
    let sentence = ((&hb[..], 0), (&ha[..], after.len()));
    let found = first_row(&subject, Strength::Strong)
        .or_else(|| first_row(&subject, Strength::Weak))
        .or_else(|| nearest(clause.0, clause.1, Strength::Strong, Level::Clause))
        .or_else(|| nearest(clause.0, clause.1, Strength::Weak, Level::Clause))
        .or_else(|| nearest(sentence.0, sentence.1, Strength::Strong, Level::Sentence))
        .or_else(|| {
            cx.headings.iter().find_map(|title| {
                let th = hits(cx, title);
                nearest((&th, 0), (&[], 0), Strength::Strong, Level::Heading)
            })
        });
    found.unwrap_or(Decision {
        category: Category::Other,
        level: Level::Default,
        keyword: None,
    })
}

/// Classify a quantity (see the module docs for the precedence).
#[must_use]
pub fn classify(cx: &Context) -> Category {
    decide(cx).category
}

/// Build this module's patterns and tables now (each is built on its first use otherwise):
/// see [`crate::prepare`].
pub(crate) fn prepare() {
    LazyLock::force(&KEYWORDS);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_serde_names() {
        for c in Category::ALL {
            let serde = serde_json::to_value(c).unwrap();
            assert_eq!(serde.as_str(), Some(c.key()));
            assert_eq!(Category::from_key(c.key()), Some(c));
            assert!(!c.name_zh().is_empty() && !c.name_en().is_empty());
            assert!(!c.scope().is_empty());
        }
    }

    #[test]
    fn all_is_in_declaration_order() {
        let mut sorted = Category::ALL;
        sorted.sort();
        assert_eq!(sorted, Category::ALL);
    }

    #[test]
    fn table_covers_every_category_once() {
        for c in Category::ALL {
            assert_eq!(CATEGORY_TABLE.iter().filter(|r| r.category == c).count(), 1);
        }
        assert_eq!(
            CATEGORY_TABLE.last().map(|r| r.category),
            Some(Category::Other)
        );
    }

    #[test]
    fn demo_indicators_are_only_the_verified_ones() {
        assert_eq!(Category::Licensing.demo_indicator(), Some(GOV_FUNCTIONS));
        for c in Category::ALL {
            if c != Category::Licensing {
                assert_eq!(c.demo_indicator(), None, "{c:?}");
            }
        }
    }

    #[test]
    fn every_row_has_strong_keywords_and_none_repeats() {
        let mut seen = std::collections::HashMap::new();
        for row in &CATEGORY_TABLE {
            assert!(!row.strong.is_empty(), "{:?}", row.category);
            for k in row.strong.iter().chain(row.weak) {
                assert!(!k.is_empty());
                // A keyword may appear in two rows only when one of them is money-only
                // (`罚款` is a fine for money, a penalty case otherwise).
                if let Some(other) = seen.insert(*k, row.category) {
                    assert!(
                        other == Category::Fines || row.category == Category::Fines,
                        "{k} in {other:?} and {:?}",
                        row.category
                    );
                }
            }
        }
    }

    fn subject(subject: &str, money: bool) -> Category {
        classify(&Context {
            subject,
            unit: if money { "元" } else { "项" },
            money,
            ..Context::default()
        })
    }

    fn sentence(subject: &str, before: &str, after: &str) -> Decision {
        decide(&Context {
            subject,
            sentence: (before, after),
            unit: "项",
            ..Context::default()
        })
    }

    #[test]
    fn classification_table() {
        let table = [
            ("罚款", true, Category::Fines),
            ("罚款", false, Category::PenaltyCases),
            ("行政复议案件", false, Category::ReconsiderationLitigation),
            ("合法性审查率", false, Category::LegalReview),
            ("咨询类法律答复书", false, Category::LegalCounsel),
            ("来信来访和投诉举报", false, Category::Complaints),
            ("行政执法人员业务知识和技能培训", false, Category::Training),
            ("问题隐患", false, Category::Hazards),
            ("市级专项应急演练", false, Category::EmergencyDrills),
            ("应急救助资金", true, Category::DisasterRelief),
            ("典型案例", false, Category::LegalPublicity),
            ("行政审批事项", false, Category::Licensing),
            ("违法违规案件", false, Category::PenaltyCases),
            ("执法检查", false, Category::Inspections),
            ("各类信息", false, Category::GovernmentTransparency),
            ("专职技术检查员", false, Category::Personnel),
            ("到期年审人员", false, Category::Personnel),
            ("法治专题讲座", false, Category::Training),
            ("普法讲座", false, Category::LegalPublicity),
            ("审核重大执法决定", false, Category::LegalReview),
            ("案卷评查", false, Category::LegalReview),
            ("应急预案备案", false, Category::Licensing),
            ("党组会议专题研究法治建设工作", false, Category::Other),
            ("解决执法装备经费", true, Category::Other),
            ("普法经费", true, Category::LegalPublicity),
            ("投入", true, Category::Other),
        ];
        for (s, money, want) in table {
            assert_eq!(subject(s, money), want, "{s}");
        }
    }

    /// A context whose clause is the end of `sentence.0` and the start of `sentence.1`.
    fn in_clause<'a>(
        subject: &'a str,
        sentence: (&'a str, &'a str),
        clause: (&str, &str),
    ) -> Context<'a> {
        assert!(sentence.0.ends_with(clause.0) && sentence.1.starts_with(clause.1));
        Context {
            subject,
            sentence,
            clause: (clause.0.len(), clause.1.len()),
            ..Context::default()
        }
    }

    #[test]
    fn precedence_of_places() {
        // The subject decides before the sentence.
        let d = sentence("法治专题讲座", "", "局班子成员和执法人员人均学法");
        assert_eq!((d.category, d.level), (Category::Training, Level::Subject));
        // No subject keyword: the clause, nearest keyword first.
        let d = decide(&in_clause(
            "完成率",
            ("经法制审核,完成年度执法计划", ""),
            ("经法制审核,完成年度执法计划", ""),
        ));
        assert_eq!(d.category, Category::Inspections);
        assert_eq!((d.level, d.keyword), (Level::Clause, Some("执法计划")));
        // The clause before the sentence, strong keywords before weak ones.
        let d = decide(&in_clause(
            "企业",
            ("进行整改,为符合条件的", "办理了信用修复"),
            ("为符合条件的", "办理了信用修复"),
        ));
        assert_eq!((d.category, d.level), (Category::Licensing, Level::Clause));
        let d = decide(&in_clause(
            "企业",
            ("指导帮助", "企业通过信息平台及时完成信用修复工作"),
            ("指导帮助", "企业通过信息平台及时完成信用修复工作"),
        ));
        assert_eq!(d.category, Category::Licensing);
        // Weak keywords count in the clause but not in the sentence.
        let d = decide(&in_clause(
            "领域",
            ("厘清", "领域的部门安全监管职责"),
            ("厘清", "领域的部门安全监管职责"),
        ));
        assert_eq!(
            (d.category, d.level),
            (Category::Inspections, Level::Clause)
        );
        let d = sentence("镇街", "统筹推进基层监管建设,", "");
        assert_eq!(d.category, Category::Other);
        // The heading when nothing else has a keyword; innermost first.
        let d = decide(&Context {
            subject: "镇街",
            headings: &["强化执法业务培训", "严格规范执法检查"],
            ..Context::default()
        });
        assert_eq!((d.category, d.level), (Category::Training, Level::Heading));
        let d = decide(&Context {
            subject: "镇街",
            headings: &["统筹推进基层建设"],
            ..Context::default()
        });
        assert_eq!((d.category, d.level), (Category::Other, Level::Default));
    }

    #[test]
    fn unit_rules() {
        let cx = |unit, money| Context {
            subject: "出动人员",
            sentence: ("开展应急演练25次,出动人员", ""),
            unit,
            money,
            ..Context::default()
        };
        // A head count of staff; person-times go to the activity.
        assert_eq!(classify(&cx("人", false)), Category::Personnel);
        assert_eq!(classify(&cx("人次", false)), Category::EmergencyDrills);
        // Money only for fines.
        let fine = |money| Context {
            subject: "罚款",
            unit: if money { "元" } else { "起" },
            money,
            ..Context::default()
        };
        assert_eq!(classify(&fine(true)), Category::Fines);
        assert_eq!(classify(&fine(false)), Category::PenaltyCases);
    }
}
