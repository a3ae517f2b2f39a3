//! The unit and measure-word table.
//!
//! A stated quantity is a number followed by one of the words below (`154项`, `3000余人次`,
//! `7个工作日内`). The table is matched **longest first** at the position after the number,
//! so `26家次` is read as 家次 rather than 家, `7个工作日` as 个工作日 rather than 个, and
//! `3千克` as 千克 rather than the scale 千 followed by 克.
//!
//! To extend it, add a row to [`UNITS`]: the word as written, the unit it is reported in
//! after normalisation (usually the same word; `％` → `%`) and its [`UnitKind`]. The kind
//! decides two things: which trailing markers may follow (`内` only after a duration, so
//! `30家内资企业` is not read as "at most 30 家") and where the subject is looked for
//! (a duration or a percentage describes the phrase before it).
//!
//! Scale words (万 亿 千 百) are not units: `69.05万元` is the number 69.05, the scale 万
//! and the unit 元; see [`crate::metrics::number`].

use std::sync::LazyLock;

use crate::text::CharMap;

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// Measure words that count things: 项 家 次 件 人 …
    Count,
    /// Money: 元.
    Money,
    /// Percentages and percentage points.
    Percent,
    /// Spans of time: 个工作日 天 小时 个月 …
    Duration,
    /// Physical measures: 亩 平方米 吨 …
    Measure,
}

/// One row of the unit table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// The word as it stands after the number.
    pub written: &'static str,
    /// The unit reported in [`crate::Metric::unit`].
    pub base: &'static str,
    pub kind: UnitKind,
}

const fn u(written: &'static str, kind: UnitKind) -> Unit {
    Unit {
        written,
        base: written,
        kind,
    }
}

const fn alias(written: &'static str, base: &'static str, kind: UnitKind) -> Unit {
    Unit {
        written,
        base,
        kind,
    }
}

use UnitKind::{Count, Duration, Measure, Money, Percent};

/// Every unit and measure word a quantity may carry. Order does not matter: lookup always
/// takes the longest word that matches.
pub const UNITS: &[Unit] = &[
    // --- counts of things and events ---
    u("项", Count),
    u("项次", Count),
    u("家", Count),
    u("家次", Count),
    u("次", Count),
    u("件", Count),
    u("件次", Count),
    u("起", Count),
    u("宗", Count),
    u("人", Count),
    u("人次", Count),
    u("名", Count),
    u("位", Count),
    u("场", Count),
    u("场次", Count),
    u("篇", Count),
    u("份", Count),
    u("条", Count),
    u("条次", Count),
    u("个", Count),
    u("个次", Count),
    u("车次", Count),
    u("班次", Count),
    u("份次", Count),
    u("篇次", Count),
    u("期次", Count),
    u("宗次", Count),
    u("卷", Count),
    u("周岁", Count),
    u("台", Count),
    u("台次", Count),
    u("辆", Count),
    u("辆次", Count),
    u("艘", Count),
    u("艘次", Count),
    u("架", Count),
    u("架次", Count),
    u("处", Count),
    u("期", Count),
    u("批", Count),
    u("批次", Count),
    u("户", Count),
    u("户次", Count),
    u("所", Count),
    u("座", Count),
    u("栋", Count),
    u("支", Count),
    u("队", Count),
    u("组", Count),
    u("套", Count),
    u("本", Count),
    u("册", Count),
    u("张", Count),
    u("块", Count),
    u("幅", Count),
    u("部", Count),
    u("例", Count),
    u("笔", Count),
    u("类", Count),
    u("种", Count),
    u("轮", Count),
    u("堂", Count),
    u("节", Count),
    u("课", Count),
    u("门", Count),
    u("首", Count),
    u("只", Count),
    u("把", Count),
    u("根", Count),
    u("盏", Count),
    u("顶", Count),
    u("箱", Count),
    u("袋", Count),
    u("瓶", Count),
    u("桶", Count),
    u("面", Count),
    u("孔", Count),
    u("倍", Count),
    u("岁", Count),
    u("分", Count),
    // Study hours count like measure words (`开展158学时法治教育`).
    u("学时", Count),
    u("课时", Count),
    // --- money ---
    u("元", Money),
    u("美元", Money),
    // --- percentages ---
    u("%", Percent),
    alias("％", "%", Percent),
    u("‰", Percent),
    u("个百分点", Percent),
    u("百分点", Percent),
    // --- durations ---
    u("个工作日", Duration),
    u("工作日", Duration),
    u("个自然日", Duration),
    u("自然日", Duration),
    u("天", Duration),
    // `日` only with 内/以内/之内 (`15日内`); alone it is usually a date (`于20日召开`).
    u("日", Duration),
    u("小时", Duration),
    u("个小时", Duration),
    u("分钟", Duration),
    u("秒", Duration),
    u("个月", Duration),
    u("周", Duration),
    // `年` is a duration only for small numbers (`3年`), never a year (`2024年`); see
    // `YEAR_UNIT_LIMIT` in mod.rs.
    u("年", Duration),
    // --- physical measures ---
    u("亩", Measure),
    u("公顷", Measure),
    u("平方米", Measure),
    alias("㎡", "平方米", Measure),
    u("平方公里", Measure),
    u("立方米", Measure),
    u("公里", Measure),
    u("千米", Measure),
    u("米", Measure),
    u("吨", Measure),
    u("千克", Measure),
    u("公斤", Measure),
    u("斤", Measure),
    u("千瓦", Measure),
];

/// Units with an approximation inside them (`3个多月` is at least three months): matched
/// before [`UNITS`], they make the quantity `at_least`.
pub const APPROX_UNITS: &[Unit] = &[
    alias("个多月", "个月", Duration),
    alias("个余月", "个月", Duration),
    alias("个多小时", "小时", Duration),
    alias("个多工作日", "个工作日", Duration),
    alias("个多星期", "周", Duration),
];

/// Words that begin with a unit but are something else: after the number they mean the
/// number is not a quantity (`3周年`, `2024年度`), or that the one-character unit is really
/// the start of a longer word (`5处罚`, `3部门`).
pub const NOT_UNITS: &[&str] = &[
    "年度",
    "年级",
    "周年",
    "卷宗",
    "处罚",
    "处理",
    "处置",
    "处分",
    "处室",
    "处长",
    "部门",
    "部署",
    "名单",
    "名称",
    "期间",
    "期限",
    "起草",
    "起来",
    "起到",
    "所有",
    "所属",
    "所在",
    "本级",
    "本地",
    "本部",
    "条例",
    "门户",
    "台账",
    "分局",
    "分公司",
    "分队",
    "分类",
    "分级",
    "分别",
    "面积",
    "类别",
    "组织",
    "组成",
    "节点",
    "队伍",
    "天然",
    "首次",
    "首批",
];

/// The unit with a built-in approximation at the start of `rest` (`个多月`).
#[must_use]
pub fn match_approx_unit(rest: &str) -> Option<&'static Unit> {
    APPROX_UNITS
        .iter()
        .find(|unit| rest.starts_with(unit.written))
}

/// What a ratio unit may be "per" (`个/件`: materials per case, `元/亩`, `次/年`).
const PER: &[&str] = &[
    "件",
    "人",
    "人次",
    "次",
    "户",
    "家",
    "个",
    "项",
    "宗",
    "亩",
    "年",
    "月",
    "日",
    "天",
    "周",
    "小时",
    "平方米",
    "吨",
];

/// Ratio units (`1.96个/件`, `350元/亩`): every unit of the table over each word of [`PER`],
/// built once. The ratio is one unit: its value is not the count of its first word.
static RATIO_UNITS: LazyLock<Vec<Unit>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for unit in UNITS.iter().filter(|u| u.written == u.base) {
        for per in PER {
            // Built once for the life of the program: a bounded table of static names.
            let written: &'static str = format!("{}/{per}", unit.written).leak();
            out.push(Unit {
                written,
                base: written,
                kind: unit.kind,
            });
        }
    }
    out
});

/// The longest unit at the start of `rest`, unless `rest` starts with a [`NOT_UNITS`] word;
/// a unit followed by `/` and a `PER` word is the ratio unit (`个/件`).
#[must_use]
pub fn match_unit(rest: &str) -> Option<&'static Unit> {
    let first = rest.chars().next()?;
    let index = &*UNIT_INDEX;
    let not_units = index.not_units.get(&first).map_or(&[][..], Vec::as_slice);
    if not_units.iter().any(|w| rest.starts_with(w)) {
        return None;
    }
    let unit = index
        .units
        .get(&first)?
        .iter()
        .copied()
        .filter(|unit| rest.starts_with(unit.written))
        .max_by_key(|unit| unit.written.len())?;
    let after = rest.get(unit.written.len()..).unwrap_or("");
    if after.starts_with(['/', '／']) {
        let slash = after.chars().next().map_or(1, char::len_utf8);
        let per_rest = after.get(slash..).unwrap_or("");
        let per = PER
            .iter()
            .filter(|p| per_rest.starts_with(**p))
            .max_by_key(|p| p.len());
        // `／` is written as `/` in the ratio's name; the text keeps its own slash.
        if let Some(per) = per.filter(|_| slash == 1 && unit.written == unit.base) {
            let name = format!("{}/{per}", unit.written);
            if let Some(ratio) = RATIO_UNITS.iter().find(|r| r.written == name) {
                return Some(ratio);
            }
        }
    }
    Some(unit)
}

/// [`UNITS`] and [`NOT_UNITS`] by their first character, each bucket in table order, so
/// [`match_unit`] compares only the entries that can match (it runs at every candidate).
struct UnitIndex {
    units: CharMap<Vec<&'static Unit>>,
    not_units: CharMap<Vec<&'static str>>,
}

static UNIT_INDEX: LazyLock<UnitIndex> = LazyLock::new(|| {
    let mut units: CharMap<Vec<&'static Unit>> = CharMap::default();
    for unit in UNITS {
        if let Some(c) = unit.written.chars().next() {
            units.entry(c).or_default().push(unit);
        }
    }
    let mut not_units: CharMap<Vec<&'static str>> = CharMap::default();
    for &w in NOT_UNITS {
        if let Some(c) = w.chars().next() {
            not_units.entry(c).or_default().push(w);
        }
    }
    UnitIndex { units, not_units }
});

/// Build this module's patterns and tables now (each is built on its first use otherwise):
/// see [`crate::prepare`].
pub(crate) fn prepare() {
    LazyLock::force(&RATIO_UNITS);
    LazyLock::force(&UNIT_INDEX);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match_wins() {
        let table = [
            ("家次企业", Some("家次")),
            ("家企业", Some("家")),
            ("个工作日内", Some("个工作日")),
            ("个镇街", Some("个")),
            ("个月", Some("个月")),
            ("人次。", Some("人次")),
            ("人以上", Some("人")),
            ("场次", Some("场次")),
            ("千克", Some("千克")),
            ("个百分点", Some("个百分点")),
            ("％", Some("％")),
            ("处罚", None),
            ("部门", None),
            ("周年", None),
            ("年度", None),
            ("月", None),
            ("日", Some("日")),
            ("号", None),
            ("", None),
        ];
        for (rest, want) in table {
            assert_eq!(match_unit(rest).map(|u| u.written), want, "{rest}");
        }
    }

    #[test]
    fn ratio_units() {
        let table = [
            ("个/件，缩减", Some("个/件")),
            ("元/亩的标准", Some("元/亩")),
            ("小时/件", Some("小时/件")),
            ("次/年", Some("次/年")),
            ("件/人次", Some("件/人次")),
            ("件/", Some("件")),
            ("件/套", Some("件")),
            ("个", Some("个")),
        ];
        for (rest, want) in table {
            assert_eq!(match_unit(rest).map(|u| u.written), want, "{rest}");
        }
    }

    #[test]
    fn approx_units() {
        assert_eq!(match_approx_unit("个多月").map(|u| u.base), Some("个月"));
        assert_eq!(
            match_approx_unit("个多小时内").map(|u| u.base),
            Some("小时")
        );
        assert_eq!(match_approx_unit("个月"), None);
        assert_eq!(match_unit("周岁以上").map(|u| u.written), Some("周岁"));
        assert_eq!(match_unit("卷宗"), None);
        assert_eq!(match_unit("个次").map(|u| u.written), Some("个次"));
    }

    #[test]
    fn aliases_normalise() {
        assert_eq!(match_unit("％").map(|u| u.base), Some("%"));
        assert_eq!(match_unit("㎡").map(|u| u.base), Some("平方米"));
    }

    #[test]
    fn table_has_no_duplicates() {
        for (i, a) in UNITS.iter().enumerate() {
            for b in &UNITS[i + 1..] {
                assert_ne!(a.written, b.written);
            }
        }
    }
}
