//! Every threshold and word list the review uses, in one table, each documented and each
//! with its own case table below. Change a verdict here, nowhere else.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use super::Status;
use crate::RequiredPart;

/// Minimum length, in non-blank characters, of a present part before it is more than a
/// heading with a line under it (shorter: warning). Measures and results are the body of a
/// report; the other parts can be short and still say something. `Other` has no minimum.
#[must_use]
pub const fn part_min_chars(part: RequiredPart) -> usize {
    match part {
        RequiredPart::Achievements => 300,
        RequiredPart::Shortcomings
        | RequiredPart::FirstResponsiblePerson
        | RequiredPart::NextYearPlan => 60,
        RequiredPart::Other => 0,
    }
}

/// Fewest acts of the principal leader's own (see [`ACT_WORDS`]) for the section to be more
/// than a restatement of the duty.
pub const MIN_ACTS: usize = 2;

/// Shortest shortcomings section, in non-blank characters, that can name a problem and its
/// cause; shorter is flagged whatever it says.
pub const SHORTCOMINGS_MIN_CHARS: usize = 100;

/// Fewest distinct measures (sub-headings, else 一是/二是 items, else one paragraph) for a
/// next-year plan to be a plan.
pub const MIN_PLAN_MEASURES: usize = 2;

/// Figures per 1,000 non-blank characters of the body below which a report is flagged as
/// giving few figures. The five corpus reports give 7–15; a report that states one figure
/// per page (about 500 characters) gives 2.
pub const MIN_FIGURES_PER_1000: f64 = 2.0;

/// Words that mark an act of the principal leader's own in the first-responsible-person
/// section: meetings held and chaired, study of the law, reporting on it, deployments,
/// supervision, instructions. Matched leftmost-longest, so `研究部署` is one act.
pub const ACT_WORDS: &[&str] = &[
    "专题研究",
    "研究部署",
    "专题会议",
    "听取",
    "学法",
    "述法",
    "部署",
    "督办",
    "主持",
    "召开",
    "带头",
    "带队",
    "批示",
    "审议",
];

/// Phrases that hold an act word without being an act of the leader's own: the higher
/// authorities' decisions (`决策部署`), a plan as a noun (`工作部署`). Matched together with
/// [`ACT_WORDS`], leftmost-longest, and then dropped.
pub const ACT_EXCLUDED: &[&str] = &[
    "决策部署",
    "工作部署",
    "重大部署",
    "统一部署",
    "具体部署",
    "部署要求",
];

/// Words that give a cause: a shortcoming sentence holding one (or a figure) is concrete.
/// `导致` is kept because reports write `…容易导致…` to say why a problem arises; `造成` and
/// `致使` are left out, as they mostly introduce the harm a risk would do (`极易造成人员伤亡`),
/// not the cause of a shortcoming.
pub const CAUSE_WORDS: &[&str] = &["原因", "由于", "因为", "导致", "受制于", "源于"];

/// Stock phrases of a generic shortcoming. A sentence holding one and neither a cause nor
/// a figure is marked as stock.
pub const STOCK_PHRASES: &[&str] = &[
    "有待提高",
    "有待加强",
    "有待提升",
    "有待增加",
    "有待进一步",
    "有待深化",
    "仍需加强",
    "仍需进一步",
    "存在一定差距",
    "存在差距",
    "还有差距",
    "尚有差距",
    "不够到位",
    "还不够",
    "不够深入",
    "不够完善",
    "仍有不足",
    "相对薄弱",
    "较为薄弱",
];

/// Words that give a plan a time: a quarter, a half year, the year end.
pub const PLAN_TIME_WORDS: &[&str] = &[
    "年底",
    "年末",
    "年内",
    "上半年",
    "下半年",
    "季度",
    "月底",
    "底前",
];

/// A month named in a plan (`6月`, `六月底`, `12月份`).
pub static PLAN_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月")
        .unwrap_or_else(|e| unreachable!("PLAN_MONTH: {e}"))
});

/// The usual title: the body, then the year (`2024年`, `2024年度`), then 法治政府建设, and it
/// ends with 情况, 报告 or 情况的报告 (in any of the usual word orders after the year).
pub static TITLE_FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:关于)?\S{2,}?(?:19|20)\d{2}年度?.*法治政府建设.*(?:情况|报告)$")
        .unwrap_or_else(|e| unreachable!("TITLE_FORM: {e}"))
});

/// One automaton for acts and their exclusions (leftmost-longest): pattern `i` below
/// `ACT_WORDS.len()` is an act.
pub static ACTS: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(&[ACT_WORDS, ACT_EXCLUDED]));
pub static CAUSES: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(&[CAUSE_WORDS]));
pub static STOCK: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(&[STOCK_PHRASES]));
pub static PLAN_TIME: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(&[PLAN_TIME_WORDS]));

fn automaton(lists: &[&[&str]]) -> AhoCorasick {
    let words: Vec<&str> = lists.iter().flat_map(|l| l.iter().copied()).collect();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(words)
        .unwrap_or_else(|e| unreachable!("review word table: {e}"))
}

/// The acts in `s`: (byte range, word), exclusions dropped.
#[must_use]
pub fn acts_in(s: &str) -> Vec<(usize, usize, &'static str)> {
    ACTS.find_iter(s)
        .filter_map(|m| {
            ACT_WORDS
                .get(m.pattern().as_usize())
                .map(|&w| (m.start(), m.end(), w))
        })
        .collect()
}

/// Whether `s` gives a cause.
#[must_use]
pub fn gives_cause(s: &str) -> bool {
    CAUSES.is_match(s)
}

/// Whether `s` holds a stock phrase.
#[must_use]
pub fn is_stock(s: &str) -> bool {
    STOCK.is_match(s)
}

/// The time words and months in `s`, as byte ranges in order, overlaps merged.
#[must_use]
pub fn times_in(s: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = PLAN_TIME
        .find_iter(s)
        .map(|m| (m.start(), m.end()))
        .chain(PLAN_MONTH.find_iter(s).map(|m| (m.start(), m.end())))
        .collect();
    out.sort_unstable();
    // Overlapping matches (`6月` and `月底` in `6月底`) are one time.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for (a, b) in out {
        match merged.last_mut() {
            Some(last) if a < last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Whether a title has the usual form.
#[must_use]
pub fn title_form_ok(title: &str) -> bool {
    TITLE_FORM.is_match(title.trim())
}

/// A present part's status from its length.
#[must_use]
pub const fn part_status(part: RequiredPart, chars: usize) -> Status {
    if chars >= part_min_chars(part) {
        Status::Ok
    } else {
        Status::Warning
    }
}

/// The first-responsible-person section's status from the acts found in it.
#[must_use]
pub const fn acts_status(acts: usize) -> Status {
    if acts >= MIN_ACTS {
        Status::Ok
    } else {
        Status::Warning
    }
}

/// The shortcomings' status from their length and their concrete sentences.
#[must_use]
pub const fn shortcomings_status(chars: usize, concrete: usize) -> Status {
    if chars >= SHORTCOMINGS_MIN_CHARS && concrete > 0 {
        Status::Ok
    } else {
        Status::Warning
    }
}

/// The plan's status from its measures and whether any has a figure or a time.
#[must_use]
pub const fn plan_status(measures: usize, timed_or_targeted: bool) -> Status {
    if measures >= MIN_PLAN_MEASURES && timed_or_targeted {
        Status::Ok
    } else {
        Status::Warning
    }
}

/// Figures per 1,000 non-blank characters (0 for an empty text).
#[must_use]
pub fn per_1000(figures: usize, chars: usize) -> f64 {
    if chars == 0 {
        0.0
    } else {
        #[allow(clippy::cast_precision_loss)]
        let v = figures as f64 * 1000.0 / chars as f64;
        v
    }
}

/// The body's concreteness status: unknown for an empty body.
#[must_use]
pub fn concreteness_status(chars: usize, figures: usize) -> Status {
    if chars == 0 {
        Status::Unknown
    } else if per_1000(figures, chars) >= MIN_FIGURES_PER_1000 {
        Status::Ok
    } else {
        Status::Warning
    }
}

/// Identification from how many of body, year and date were found (of three).
#[must_use]
pub const fn identification_status(found: usize) -> Status {
    match found {
        0 => Status::Missing,
        3.. => Status::Ok,
        _ => Status::Warning,
    }
}

/// Build this module's patterns and tables now (each is built on its first use otherwise):
/// see [`crate::prepare`].
pub(crate) fn prepare() {
    LazyLock::force(&PLAN_MONTH);
    LazyLock::force(&TITLE_FORM);
    LazyLock::force(&ACTS);
    LazyLock::force(&CAUSES);
    LazyLock::force(&STOCK);
    LazyLock::force(&PLAN_TIME);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn act_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "主持召开专题会议研究法治建设",
                &["主持", "召开", "专题会议"],
            ),
            (
                "组织召开了15次党委会,研究部署法治政府建设",
                &["召开", "研究部署"],
            ),
            ("本人坚持带头学法用法", &["带头", "学法"]),
            ("主动部署重要工作、督办重要任务", &["部署", "督办"]),
            ("听取法治建设工作汇报3次", &["听取"]),
            ("年终述法", &["述法"]),
            ("对重要案件作出批示", &["批示"]),
            ("党组会审议通过", &["审议"]),
            ("全面贯彻落实中央关于法治建设的重大决策部署", &[]),
            ("确保法治政府建设工作部署得到有效落实", &[]),
            ("按照统一部署", &[]),
            ("督促领导班子其他成员依法办事", &[]),
            ("切实履行第一责任人职责", &[]),
            ("", &[]),
        ];
        for (s, want) in cases {
            let got: Vec<&str> = acts_in(s).into_iter().map(|(_, _, w)| w).collect();
            assert_eq!(&got, want, "{s}");
        }
    }

    #[test]
    fn cause_cases() {
        for (s, want) in [
            ("由于执法人员较少,检查力不从心", true),
            ("无专业知识容易导致判别不准", true),
            ("存在的不足和原因", true),
            ("一旦发生灾害,极易造成人员伤亡", false),
            ("受制于编制不足", true),
            ("执法队伍建设仍需加强", false),
            ("普法宣传形式相对单一", false),
            ("", false),
        ] {
            assert_eq!(gives_cause(s), want, "{s}");
        }
    }

    #[test]
    fn stock_cases() {
        for (s, want) in [
            ("执法队伍建设仍需加强", true),
            ("创新执法举措有待增加", true),
            ("与新要求还存在一定差距", true),
            ("全民学法的氛围还不够浓厚", true),
            ("执法力量相对薄弱", true),
            ("法制机构未有专职人员", false),
            ("162家单位被立案处罚", false),
            ("", false),
        ] {
            assert_eq!(is_stock(s), want, "{s}");
        }
    }

    #[test]
    fn plan_time_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("按季度组织培训考试", &["季度"]),
            ("6月底前完成", &["6月底"]),
            ("三季度末", &["季度"]),
            ("年底前全部完成", &["年底"]),
            ("十二月份开展评查", &["十二月"]),
            ("上半年完成修订", &["上半年"]),
            ("2025年推进法治政府建设", &[]),
            ("持续深入学习", &[]),
            ("", &[]),
        ];
        for (s, want) in cases {
            let got: Vec<&str> = times_in(s)
                .into_iter()
                .map(|(a, b)| s.get(a..b).unwrap_or("?"))
                .collect();
            assert_eq!(&got, want, "{s}");
        }
    }

    #[test]
    fn title_cases() {
        for (s, want) in [
            ("福田区应急管理局2023年法治政府建设年度报告", true),
            ("杭州市拱墅区应急管理局2023年度法治政府建设情况报告", true),
            ("某县人民政府关于2024年度法治政府建设情况的报告", true),
            ("关于某区2022年法治政府建设工作情况的报告", true),
            ("某局2024年法治政府建设情况", true),
            ("2024年法治政府建设年度报告", false),
            ("某局法治政府建设年度报告", false),
            ("某局2024年工作总结", false),
            ("某局2024年法治政府建设情况的通知", false),
            ("", false),
        ] {
            assert_eq!(title_form_ok(s), want, "{s}");
        }
    }

    #[test]
    fn threshold_cases() {
        // (part, chars, counts as long enough)
        for (part, chars, ok) in [
            (RequiredPart::Achievements, 299, false),
            (RequiredPart::Achievements, 300, true),
            (RequiredPart::Shortcomings, 59, false),
            (RequiredPart::Shortcomings, 60, true),
            (RequiredPart::FirstResponsiblePerson, 60, true),
            (RequiredPart::NextYearPlan, 10, false),
            (RequiredPart::Other, 0, true),
        ] {
            assert_eq!(chars >= part_min_chars(part), ok, "{part:?} {chars}");
        }
    }

    #[test]
    fn status_cases() {
        use super::super::Status::{Missing, Ok, Unknown, Warning};
        for (n, want) in [(0, Warning), (1, Warning), (2, Ok), (9, Ok)] {
            assert_eq!(acts_status(n), want, "acts {n}");
        }
        for (chars, concrete, want) in [
            (99, 3, Warning),
            (100, 0, Warning),
            (100, 1, Ok),
            (2000, 0, Warning),
        ] {
            assert_eq!(
                shortcomings_status(chars, concrete),
                want,
                "{chars} {concrete}"
            );
        }
        for (measures, timed, want) in [
            (0, false, Warning),
            (1, true, Warning),
            (2, false, Warning),
            (2, true, Ok),
        ] {
            assert_eq!(plan_status(measures, timed), want, "{measures} {timed}");
        }
        for (chars, figures, want) in [
            (0, 0, Unknown),
            (1000, 1, Warning),
            (1000, 2, Ok),
            (499, 1, Ok),
            (501, 1, Warning),
        ] {
            assert_eq!(
                concreteness_status(chars, figures),
                want,
                "{chars} {figures}"
            );
        }
        for (found, want) in [(0, Missing), (1, Warning), (2, Warning), (3, Ok)] {
            assert_eq!(identification_status(found), want, "{found}");
        }
    }
}
