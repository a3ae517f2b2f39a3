//! The canonical indicator taxonomy: what kind of work a stated quantity measures.
//!
//! [`CATEGORY_TABLE`] is the data: one row per [`Category`] with its key, Chinese and English
//! names, the first-tier indicator (一级指标) of the 2021 《市县法治政府建设示范指标体系》 it
//! belongs to where the fit is clear, and the keywords that select it. A metric is
//! classified by looking for the keywords in its subject first and then in its sentence;
//! the first row (in table order) with a hit wins, so more specific rows come first
//! (`行政复议案件` is reconsideration, not a penalty case; `罚款` with a money unit is a fine).
//!
//! To extend the taxonomy's reach, add keywords to a row; to change precedence, move rows.

use crate::Category;

/// One row of the taxonomy.
#[derive(Debug, Clone, Copy)]
pub struct CategoryInfo {
    pub category: Category,
    /// Stable key (the serde name).
    pub key: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// The 一级指标 of the 2021 示范指标体系 this category's work is assessed under.
    pub demo_indicator: Option<&'static str>,
    /// Words that select this category, tried against the subject, then the sentence.
    pub keywords: &'static [&'static str],
    /// Only quantities in money units may take this category.
    pub money_only: bool,
}

/// 一级指标 of the 2021 示范指标体系 used below.
const GOV_FUNCTIONS: &str = "政府职能依法全面履行";
const DECISIONS: &str = "重大行政决策科学民主合法";
const ENFORCEMENT: &str = "行政执法严格规范公正文明";
const DISPUTES: &str = "社会矛盾纠纷依法有效化解";
const LEADERSHIP: &str = "法治政府建设组织领导落实到位";

/// The taxonomy, in precedence order (see the module docs). [`Category::Other`] is last and
/// has no keywords.
pub const CATEGORY_TABLE: [CategoryInfo; 16] = [
    CategoryInfo {
        category: Category::Fines,
        key: "fines",
        name_zh: "罚没金额",
        name_en: "Fines and confiscations",
        demo_indicator: Some(ENFORCEMENT),
        keywords: &["罚款", "罚没", "处罚金额", "罚金", "没收", "处罚", "罚"],
        money_only: true,
    },
    CategoryInfo {
        category: Category::ReconsiderationLitigation,
        key: "reconsideration_litigation",
        name_zh: "行政复议与诉讼",
        name_en: "Reconsideration and litigation",
        demo_indicator: Some(DISPUTES),
        keywords: &["复议", "诉讼", "应诉", "败诉", "出庭", "纠错"],
        money_only: false,
    },
    CategoryInfo {
        category: Category::LegalReview,
        key: "legal_review",
        name_zh: "法制审核/案审",
        name_en: "Legal review",
        demo_indicator: Some(ENFORCEMENT),
        keywords: &[
            "法制审核",
            "合法性审核",
            "合法性审查",
            "案审",
            "集体讨论",
            "听证",
            "审理委员会",
            "规范性文件",
            "备案审查",
        ],
        money_only: false,
    },
    CategoryInfo {
        category: Category::LegalCounsel,
        key: "legal_counsel",
        name_zh: "法律顾问与合同审查",
        name_en: "Legal counsel and contract review",
        demo_indicator: Some(DECISIONS),
        keywords: &[
            "法律顾问",
            "公职律师",
            "合同",
            "法律意见",
            "法律答复",
            "意见书",
            "法律咨询",
        ],
        money_only: false,
    },
    CategoryInfo {
        category: Category::Complaints,
        key: "complaints",
        name_zh: "信访投诉",
        name_en: "Petitions and complaints",
        demo_indicator: Some(DISPUTES),
        keywords: &[
            "信访", "投诉", "举报", "来信", "来访", "上访", "热线", "提案", "建议", "诉求", "纠纷",
        ],
        money_only: false,
    },
    CategoryInfo {
        category: Category::Training,
        key: "training",
        name_zh: "培训学法",
        name_en: "Training and study",
        demo_indicator: Some(LEADERSHIP),
        keywords: &[
            "培训",
            "学法",
            "学时",
            "课时",
            "法治教育",
            "学习",
            "考试",
            "普考",
            "授课",
            "中心组",
        ],
        money_only: false,
    },
    CategoryInfo {
        category: Category::Hazards,
        key: "hazards",
        name_zh: "隐患排查整改",
        name_en: "Hazards found and fixed",
        demo_indicator: None,
        keywords: &["隐患", "整改", "挂牌督办", "风险点"],
        money_only: false,
    },
    CategoryInfo {
        category: Category::EmergencyDrills,
        key: "emergency_drills",
        name_zh: "应急演练与预案",
        name_en: "Emergency drills and plans",
        demo_indicator: None,
        keywords: &[
            "演练",
            "预案",
            "救援队",
            "应急队伍",
            "救援站",
            "处置卡",
            "疏散",
            "应急服务",
            "驿站",
        ],
        money_only: false,
    },
    CategoryInfo {
        category: Category::DisasterRelief,
        key: "disaster_relief",
        name_zh: "救灾救助",
        name_en: "Disaster relief",
        demo_indicator: None,
        keywords: &[
            "救灾", "救助", "受灾", "灾民", "抗旱", "灌溉", "防汛", "棉衣", "棉被", "物资", "转移",
        ],
        money_only: false,
    },
    CategoryInfo {
        category: Category::LegalPublicity,
        key: "legal_publicity",
        name_zh: "普法宣传",
        name_en: "Legal publicity",
        demo_indicator: None,
        keywords: &[
            "普法",
            "宣传",
            "宣讲",
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
        money_only: false,
    },
    CategoryInfo {
        category: Category::Personnel,
        key: "personnel",
        name_zh: "队伍与人员",
        name_en: "Staff and teams",
        demo_indicator: None,
        keywords: &[
            "人员",
            "执法证",
            "检查员",
            "监督员",
            "执法组",
            "队伍",
            "干部",
            "骨干",
            "专家",
            "编制",
        ],
        money_only: false,
    },
    CategoryInfo {
        category: Category::Licensing,
        key: "licensing",
        name_zh: "行政许可/审批",
        name_en: "Licensing and approvals",
        demo_indicator: Some(GOV_FUNCTIONS),
        keywords: &[
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
        ],
        money_only: false,
    },
    CategoryInfo {
        category: Category::PenaltyCases,
        key: "penalty_cases",
        name_zh: "行政处罚案件",
        name_en: "Penalty cases",
        demo_indicator: Some(ENFORCEMENT),
        keywords: &[
            "处罚",
            "罚款",
            "立案",
            "案件",
            "案例",
            "违法",
            "查处",
            "行刑衔接",
            "强制",
            "案卷",
        ],
        money_only: false,
    },
    CategoryInfo {
        category: Category::Inspections,
        key: "inspections",
        name_zh: "执法检查",
        name_en: "Inspections",
        demo_indicator: Some(ENFORCEMENT),
        keywords: &[
            "检查",
            "抽查",
            "双随机",
            "巡查",
            "督查",
            "执法计划",
            "监管",
            "复查",
            "执法",
        ],
        money_only: false,
    },
    CategoryInfo {
        category: Category::GovernmentTransparency,
        key: "government_transparency",
        name_zh: "政务公开",
        name_en: "Government transparency",
        demo_indicator: None,
        keywords: &["公开", "公示", "信息", "网站", "发布"],
        money_only: false,
    },
    CategoryInfo {
        category: Category::Other,
        key: "other",
        name_zh: "其他",
        name_en: "Other",
        demo_indicator: None,
        keywords: &[],
        money_only: false,
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

    /// The 一级指标 of the 2021 《市县法治政府建设示范指标体系》 under which this kind of work
    /// is assessed, where the fit is clear (e.g. 「行政执法严格规范公正文明」 for inspections,
    /// penalty cases, fines and legal review).
    #[must_use]
    pub fn demo_indicator(self) -> Option<&'static str> {
        self.info().demo_indicator
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

/// Classify a quantity. The subject decides first (rows in precedence order); failing that,
/// each `(before, after)` context in turn (its clause, then its sentence): the keyword
/// nearest to the number wins, that is the last one in `before` (the text up to the
/// number), else the first one in `after` (the text after it). `money` says whether the
/// unit is money.
#[must_use]
pub fn classify(subject: &str, contexts: &[(&str, &str)], money: bool) -> Category {
    let rows = || {
        CATEGORY_TABLE
            .iter()
            .filter(move |row| money || !row.money_only)
    };
    if let Some(row) = rows().find(|row| row.keywords.iter().any(|k| subject.contains(k))) {
        return row.category;
    }
    for &(before, after) in contexts {
        // Nearest keyword before the number: the largest end offset wins; ties keep table order.
        let mut best: Option<(usize, Category)> = None;
        for row in rows() {
            for k in row.keywords {
                if let Some(i) = before.rfind(k) {
                    let end = i + k.len();
                    if best.is_none_or(|(b, _)| end > b) {
                        best = Some((end, row.category));
                    }
                }
            }
        }
        if let Some((_, c)) = best {
            return c;
        }
        for row in rows() {
            for k in row.keywords {
                if let Some(i) = after.find(k) {
                    if best.is_none_or(|(b, _)| i < b) {
                        best = Some((i, row.category));
                    }
                }
            }
        }
        if let Some((_, c)) = best {
            return c;
        }
    }
    Category::Other
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
        assert_eq!(Category::PenaltyCases.demo_indicator(), Some(ENFORCEMENT));
        assert_eq!(Category::Other.demo_indicator(), None);
    }

    #[test]
    fn classification_table() {
        let table = [
            ("罚款", "", true, Category::Fines),
            ("罚款", "", false, Category::PenaltyCases),
            (
                "行政复议案件",
                "",
                false,
                Category::ReconsiderationLitigation,
            ),
            ("合法性审查率", "", false, Category::LegalReview),
            ("咨询类法律答复书", "", false, Category::LegalCounsel),
            ("来信来访和投诉举报", "", false, Category::Complaints),
            (
                "行政执法人员业务知识和技能培训",
                "",
                false,
                Category::Training,
            ),
            ("问题隐患", "", false, Category::Hazards),
            ("市级专项应急演练", "", false, Category::EmergencyDrills),
            ("应急救助资金", "", true, Category::DisasterRelief),
            ("典型案例", "", false, Category::LegalPublicity),
            ("行政审批事项", "", false, Category::Licensing),
            ("违法违规案件", "", false, Category::PenaltyCases),
            ("执法检查", "", false, Category::Inspections),
            ("各类信息", "", false, Category::GovernmentTransparency),
            ("专职技术检查员", "", false, Category::Personnel),
            ("到期年审人员", "", false, Category::Personnel),
            (
                "完成率",
                "完成年度执法计划822家",
                false,
                Category::Inspections,
            ),
            ("镇街", "统筹推进基层建设", false, Category::Other),
        ];
        for (subject, sentence, money, want) in table {
            assert_eq!(
                classify(subject, &[(sentence, "")], money),
                want,
                "{subject}"
            );
        }
        // The keyword nearest to the number decides when the subject has none.
        assert_eq!(
            classify("完成率", &[("经法制审核,完成年度执法计划", "")], false),
            Category::Inspections
        );
        assert_eq!(
            classify(
                "企业",
                &[
                    ("为符合条件的", "办理了信用修复"),
                    ("进行整改,为符合条件的", "")
                ],
                false
            ),
            Category::Licensing
        );
    }
}
