//! Classifying sections into the five required parts of a report (《法治政府建设与责任落实督察
//! 工作规定》, 2019, art. 25): measures and results, shortcomings and their causes, the
//! principal leader's duties as first person responsible, next year's plans, other matters.
//!
//! Only headings' own titles are read: a passing sentence in a section's body does not make
//! the section one of the parts. The top-level headings are classified first; a part that no
//! top-level heading carries may then be found one level down, inside a section on the year's
//! work (福田 puts the principal leader's duties at `一、(五)`). Rules, by priority:
//!
//! 1. the principal leader's duties (第一责任人, 主要负责人 … 履行/职责);
//! 2. other matters (其他…情况/事项, the rectification of last year's problems: 整改/改进情况);
//! 3. shortcomings (存在的问题/不足, 问题和原因 …) and/or plans (下一步, 明年, a title that
//!    ends in 安排/计划/打算/重点 …), possibly both;
//! 4. measures and results (举措, 成效, 工作情况 …).
//!
//! A section that matches none of them (a topic heading such as `一、加强组织领导`) belongs to
//! no part.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use crate::{
    Diagnostic, DiagnosticKind, Heading, HeadingLevel, PartLocation, RequiredPart, Severity,
};

/// The principal Party and government leader's duties as first person responsible.
static FIRST_RESPONSIBLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"第一责任人|(?:主要负责人|主要领导|党政负责人|一把手).{0,12}(?:履行|履职|职责|述法)",
    )
    .expect("static regex")
});

/// Other matters, including how last year's problems were put right.
static OTHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"其[他它].{0,8}?(?:事项|情况)|(?:改进|整改)(?:落实)?(?:的)?情况")
        .expect("static regex")
});

/// Shortcomings and their causes.
static SHORTCOMINGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"存在的?(?:主要)?(?:问题|不足|短板|差距|困难)|(?:问题|不足|短板|差距|困难)(?:和|及|与|以及|、)(?:其)?(?:原因|问题|不足|短板|差距|困难)|不足之处|^(?:\d{4}年度?)?(?:工作中|工作|主要)?的?(?:问题|不足|短板)",
    )
    .expect("static regex")
});

/// Plans for the next year: an explicit future marker…
static PLAN_FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"下一[年步阶]|下步|下阶段|明年|来年|今后|未来").expect("static regex")
});

/// …or a title that ends in a plan word.
static PLAN_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:安排|计划|打算|思路|重点|要点|展望|谋划|目标|方向)(?:和|及)?(?:措施|举措)?$")
        .expect("static regex")
});

/// Words that make a weak plan ending a plan: a year, 工作, 主要, 年度.
static PLAN_QUALIFIED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{4}\s*年|工作|主要|年度").expect("static regex"));

/// Words that make a title a report on work done, not a plan.
static DONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"完成情况|落实情况|成效|成绩").expect("static regex"));

/// Measures and results.
static ACHIEVEMENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"举措|成效|成绩|工作情况|基本情况|开展情况|推进情况|落实情况|完成情况|主要工作|工作开展|进展|做法|亮点",
    )
    .expect("static regex")
});

/// The patterns [`parts_of_title`] asks of a title, in the order of [`TITLE_SET`].
#[derive(Clone, Copy)]
enum TitlePattern {
    FirstResponsible,
    Other,
    Shortcomings,
    PlanEndStrong,
    PlanEnd,
    PlanQualified,
    PlanFuture,
    Done,
    Achievements,
}

/// [`FIRST_RESPONSIBLE`], [`OTHER`], [`SHORTCOMINGS`], [`PLAN_END_STRONG`], [`PLAN_END`],
/// [`PLAN_QUALIFIED`], [`PLAN_FUTURE`], [`DONE`] and [`ACHIEVEMENTS`] as one set: which of
/// them match a title is found in one search instead of nine (a set's `matched(i)` is the
/// `is_match` of pattern `i`).
static TITLE_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        FIRST_RESPONSIBLE.as_str(),
        OTHER.as_str(),
        SHORTCOMINGS.as_str(),
        PLAN_END_STRONG.as_str(),
        PLAN_END.as_str(),
        PLAN_QUALIFIED.as_str(),
        PLAN_FUTURE.as_str(),
        DONE.as_str(),
        ACHIEVEMENTS.as_str(),
    ])
    .expect("static regex set")
});

/// The parts a heading title is dedicated to (possibly none, possibly two).
#[must_use]
pub fn parts_of_title(title: &str) -> Vec<RequiredPart> {
    let title = title.trim_end_matches(['。', '：', ':', '；', ';', ' ', '　']);
    // The patterns below, asked of the title in one search (see [`TITLE_SET`]).
    let hit = TITLE_SET.matches(title);
    let is = |p: TitlePattern| hit.matched(p as usize);
    if is(TitlePattern::FirstResponsible) {
        return vec![RequiredPart::FirstResponsiblePerson];
    }
    if is(TitlePattern::Other) {
        return vec![RequiredPart::Other];
    }
    let mut out = Vec::new();
    let short = is(TitlePattern::Shortcomings);
    // A weak plan ending (重点, 目标, 方向 …) needs a word that makes it the year's work
    // (`2025年工作重点`); `锚定法治政府建设目标` is a topic.
    let plan_end = is(TitlePattern::PlanEndStrong)
        || (is(TitlePattern::PlanEnd) && is(TitlePattern::PlanQualified));
    let plan = (is(TitlePattern::PlanFuture) || plan_end) && !is(TitlePattern::Done);
    let done = is(TitlePattern::Achievements);
    if done && !plan {
        out.push(RequiredPart::Achievements);
    }
    if short {
        out.push(RequiredPart::Shortcomings);
    }
    if plan {
        out.push(RequiredPart::NextYearPlan);
    }
    if short && done && !plan {
        // `主要成效和存在问题`: both.
        return out;
    }
    if short || plan {
        out.retain(|&p| p != RequiredPart::Achievements);
    }
    out
}

/// A title that announces an overview of the year (`工作总体完成情况`, `基本情况`) rather than
/// the measures themselves.
static OVERVIEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"总体|概况|总的情况|基本情况|整体情况|综述").expect("static regex")
});

/// Words that make a title name the measures and results outright.
static MEASURES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"举措|措施|成效|成绩|做法|亮点").expect("static regex"));

/// A thematic title that states a result (`…体系建设取得新进展`, `…取得明显成效`): it names a
/// topic, not the part, even with 进展/成效 in it.
static THEMATIC_RESULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"取得(?:新|明显|显著|积极|重要|阶段性|长足|扎实|实质性)").expect("static regex")
});

/// Plans below the top level: only an explicit future marker or a plan word at the end
/// (`下一步工作安排`, `2025年工作计划`); a thematic sub-heading that ends in 方向/目标/重点
/// (`确保法治政府建设正确方向`) is not a plan.
static PLAN_END_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:安排|计划|打算|展望)(?:和|及)?(?:措施|举措)?$").expect("static regex")
});

/// The principal leader at the head of a sentence, as its subject (`局主要负责人…`,
/// `区政府主要负责同志…`, `党委书记…`), or a sentence that goes on with the leader's own
/// acts (`亲自…`, `带头…`). A run item (`一是…`) opens a list of topics instead, and the heads
/// of other units (`各单位主要负责人`, `下属单位主要负责人`) are not the report's leader.
static LEADER_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[^\s是，,；;：:各属]{0,8}?(?:党政主要负责人|主要负责人|主要负责同志|主要领导|一把手|党组书记|党委书记|党工委书记)|亲自|带头)",
    )
    .expect("static regex")
});

/// The parts of a heading title at the given depth: below the top level a plan needs an
/// explicit marker ([`PLAN_FUTURE`] or [`PLAN_END_STRONG`]).
fn parts_of_sub_title(title: &str) -> Vec<RequiredPart> {
    let mut parts = parts_of_title(title);
    if parts.contains(&RequiredPart::NextYearPlan)
        && !PLAN_FUTURE.is_match(title)
        && !PLAN_END_STRONG.is_match(title.trim_end_matches(['。', '：', ':', '；', ';']))
    {
        parts.retain(|&p| p != RequiredPart::NextYearPlan);
    }
    parts
}

/// The section's own text: after its title, up to its first sub-heading.
fn own_body<'t>(text: &'t str, headings: &[Heading], i: usize) -> &'t str {
    let Some(h) = headings.get(i) else { return "" };
    let end = headings
        .get(i + 1)
        .filter(|c| c.parent == Some(i))
        .map_or(h.section.end, |c| c.marker_span.start);
    text.get(h.title_span.end..end.max(h.title_span.end))
        .unwrap_or("")
}

/// Whether a section's own text is wholly the principal leader's own performance of the
/// duty: every sentence has the leader as its subject (or goes on with the leader's acts).
/// A section that mixes one such sentence with other topics is not.
#[must_use]
pub fn leader_only(body: &str) -> bool {
    let mut sentences = 0;
    for sentence in body.split(['。', '！', '？', '!', '?', '；', ';', '\n']) {
        let s = sentence
            .trim_start_matches(|c: char| c.is_whitespace() || "。：:，,".contains(c))
            .trim_end();
        if s.chars().count() < 4 {
            continue;
        }
        if !LEADER_SENTENCE.is_match(s) {
            return false;
        }
        sentences += 1;
    }
    sentences > 0
}

/// The title parts of top-level heading `i`.
fn top_parts_of(tops: &[(usize, Vec<RequiredPart>)], i: usize) -> &[RequiredPart] {
    tops.iter()
        .find(|(j, _)| *j == i)
        .map_or(&[], |(_, p)| p.as_slice())
}

/// One entry per required part, in [`RequiredPart::ALL`] order.
#[must_use]
pub fn classify(text: &str, headings: &[Heading]) -> Vec<PartLocation> {
    classify_explained(text, headings).0
}

/// Heading paths as a reader sees them (`一、` `一、(二)`), joined.
fn paths(headings: &[Heading], list: &[usize]) -> String {
    list.iter()
        .filter_map(|&i| headings.get(i))
        .map(|h| h.path.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`classify`], with an Info diagnostic for each part told from content rather than from a
/// heading that names it.
///
/// Titles are read first. Then the report's shape: most reports never title a section
/// "主要举措和成效"; they report under thematic top-level headings. Every top-level section
/// before the first one on shortcomings, plans or other matters is the measures and results,
/// unless it is the principal leader's section or an overview that more sections follow
/// (`一、工作总体完成情况`). A missing ending (a cut page) changes nothing: only what comes
/// before the shortcomings is read. Last, a section whose whole text is the principal
/// leader's own performance of the duty is that part even when its title does not say so.
#[must_use]
pub fn classify_explained(
    text: &str,
    headings: &[Heading],
) -> (Vec<PartLocation>, Vec<Diagnostic>) {
    let mut found: Vec<Vec<usize>> = vec![Vec::new(); RequiredPart::ALL.len()];
    let mut notes = Vec::new();
    let slot = |p: RequiredPart| RequiredPart::ALL.iter().position(|&q| q == p).unwrap_or(0);

    // Top level: level-1 headings, or the outermost headings of a report without them.
    let has_l1 = headings.iter().any(|h| h.level == HeadingLevel::L1);
    let top = |h: &Heading| {
        if has_l1 {
            h.level == HeadingLevel::L1
        } else {
            h.parent.is_none()
        }
    };
    let tops: Vec<(usize, Vec<RequiredPart>)> = headings
        .iter()
        .enumerate()
        .filter(|(_, h)| top(h))
        .map(|(i, h)| (i, parts_of_title(&h.title)))
        .collect();
    let ends_measures = |parts: &[RequiredPart]| {
        parts.iter().any(|p| {
            matches!(
                p,
                RequiredPart::Shortcomings | RequiredPart::NextYearPlan | RequiredPart::Other
            )
        })
    };
    let boundary = tops
        .iter()
        .position(|(_, parts)| ends_measures(parts))
        .unwrap_or(tops.len());
    // The sections before the boundary that may report measures: no part, or only this one.
    let candidates: Vec<usize> = tops
        .get(..boundary)
        .unwrap_or(&[])
        .iter()
        .filter(|(_, parts)| parts.is_empty() || parts == &[RequiredPart::Achievements])
        .map(|&(i, _)| i)
        .collect();
    let title_of = |i: usize| headings.get(i).map_or("", |h| h.title.as_str());
    let is_overview = |i: usize| {
        let title = title_of(i);
        OVERVIEW.is_match(title) && !MEASURES.is_match(title)
    };
    // A section titled for the part outright (`主要举措和成效`, `2024年工作开展情况`), not an
    // overview that more sections follow: then the thematic sections around it are topics
    // of their own, and only such sections are the part.
    let named: Vec<usize> = candidates
        .iter()
        .enumerate()
        .filter(|&(k, &i)| {
            top_parts_of(&tops, i) == [RequiredPart::Achievements]
                && !THEMATIC_RESULT.is_match(title_of(i))
                && !(is_overview(i) && k + 1 < candidates.len())
        })
        .map(|(_, &i)| i)
        .collect();
    let mut by_content: Vec<usize> = Vec::new();
    let mut leader_sections: Vec<usize> = Vec::new();
    let mut top_parts: Vec<Option<Vec<RequiredPart>>> = vec![None; headings.len()];
    for (i, parts) in &tops {
        let (i, mut parts) = (*i, parts.clone());
        if let Some(k) = candidates.iter().position(|&c| c == i) {
            let followed = k + 1 < candidates.len();
            let has_children = headings.get(i + 1).is_some_and(|c| c.parent == Some(i));
            if !named.is_empty() && !named.contains(&i) || is_overview(i) && followed {
                parts.clear();
            }
            if parts.is_empty()
                && !(is_overview(i) && followed)
                && !has_children
                && leader_only(own_body(text, headings, i))
            {
                parts.push(RequiredPart::FirstResponsiblePerson);
                leader_sections.push(i);
            } else if named.is_empty() && !(is_overview(i) && followed) {
                // Decided by the report's shape: listed in the note, with any section whose
                // title happens to carry a result word (`…取得新进展`).
                if parts.is_empty() {
                    parts.push(RequiredPart::Achievements);
                }
                by_content.push(i);
            }
        }
        for &p in &parts {
            if let Some(v) = found.get_mut(slot(p)) {
                v.push(i);
            }
        }
        if let Some(t) = top_parts.get_mut(i) {
            *t = Some(parts);
        }
    }
    if !by_content.is_empty() {
        let list = paths(headings, &by_content);
        notes.push(Diagnostic {
            kind: DiagnosticKind::PartByContent,
            severity: Severity::Info,
            message: format!(
                "“{}”按内容判定：{list}（标题未写明，是不足、下一年度安排之前的专题部分） ({} judged by content: {list}, the thematic sections before the shortcomings and plans)",
                RequiredPart::Achievements.name_zh(),
                RequiredPart::Achievements.name_en(),
            ),
            span: by_content
                .first()
                .and_then(|&i| headings.get(i))
                .map(|h| h.title_span),
        });
    }

    // One level down, for parts still missing, inside sections on the year's work (or
    // sections that belong to no part).
    let missing: Vec<RequiredPart> = RequiredPart::ALL
        .iter()
        .copied()
        .filter(|&p| p != RequiredPart::Achievements)
        .filter(|&p| found.get(slot(p)).is_some_and(Vec::is_empty))
        .collect();
    let under_measures = |h: &Heading| {
        h.parent
            .and_then(|p| top_parts.get(p))
            .and_then(Option::as_ref)
            .is_some_and(|pp| pp.iter().all(|&p| p == RequiredPart::Achievements))
    };
    if !missing.is_empty() {
        for (i, h) in headings.iter().enumerate() {
            if !under_measures(h) {
                continue;
            }
            for p in parts_of_sub_title(&h.title) {
                if missing.contains(&p) {
                    if let Some(v) = found.get_mut(slot(p)) {
                        v.push(i);
                    }
                }
            }
        }
    }
    // Still no section on the principal leader: one whose whole text is the leader's own
    // performance of the duty, one level down in the measures.
    let frp = slot(RequiredPart::FirstResponsiblePerson);
    if found.get(frp).is_some_and(Vec::is_empty) {
        for (i, h) in headings.iter().enumerate() {
            let has_children = headings.get(i + 1).is_some_and(|c| c.parent == Some(i));
            if under_measures(h)
                && !has_children
                && parts_of_sub_title(&h.title).is_empty()
                && leader_only(own_body(text, headings, i))
            {
                leader_sections.push(i);
                if let Some(v) = found.get_mut(frp) {
                    v.push(i);
                }
            }
        }
    }
    if !leader_sections.is_empty() {
        let list = paths(headings, &leader_sections);
        notes.push(Diagnostic {
            kind: DiagnosticKind::PartByContent,
            severity: Severity::Info,
            message: format!(
                "“{}”按内容判定：{list}（全文是主要负责人本人履职） ({} judged by content: {list}, wholly the principal leader's own performance of the duty)",
                RequiredPart::FirstResponsiblePerson.name_zh(),
                RequiredPart::FirstResponsiblePerson.name_en(),
            ),
            span: leader_sections
                .first()
                .and_then(|&i| headings.get(i))
                .map(|h| h.title_span),
        });
    }
    for v in &mut found {
        v.sort_unstable();
        v.dedup();
    }

    let locations = RequiredPart::ALL
        .iter()
        .zip(found)
        .map(|(&part, headings)| PartLocation { part, headings })
        .collect();
    (locations, notes)
}

/// Build this module's patterns and tables now (each is built on its first use otherwise):
/// see [`crate::prepare`].
pub(crate) fn prepare() {
    LazyLock::force(&FIRST_RESPONSIBLE);
    LazyLock::force(&OTHER);
    LazyLock::force(&SHORTCOMINGS);
    LazyLock::force(&PLAN_FUTURE);
    LazyLock::force(&PLAN_END);
    LazyLock::force(&PLAN_QUALIFIED);
    LazyLock::force(&DONE);
    LazyLock::force(&ACHIEVEMENTS);
    LazyLock::force(&TITLE_SET);
    LazyLock::force(&OVERVIEW);
    LazyLock::force(&MEASURES);
    LazyLock::force(&THEMATIC_RESULT);
    LazyLock::force(&PLAN_END_STRONG);
    LazyLock::force(&LEADER_SENTENCE);
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequiredPart::{
        Achievements as A, FirstResponsiblePerson as F, NextYearPlan as N, Other as O,
        Shortcomings as S,
    };

    /// Each pattern of the set matches just where the pattern alone does.
    #[test]
    fn title_set_agrees_with_the_patterns() {
        let patterns: [(TitlePattern, &Regex); 9] = [
            (TitlePattern::FirstResponsible, &FIRST_RESPONSIBLE),
            (TitlePattern::Other, &OTHER),
            (TitlePattern::Shortcomings, &SHORTCOMINGS),
            (TitlePattern::PlanEndStrong, &PLAN_END_STRONG),
            (TitlePattern::PlanEnd, &PLAN_END),
            (TitlePattern::PlanQualified, &PLAN_QUALIFIED),
            (TitlePattern::PlanFuture, &PLAN_FUTURE),
            (TitlePattern::Done, &DONE),
            (TitlePattern::Achievements, &ACHIEVEMENTS),
        ];
        let mut seen = [false; 9];
        for text in [
            include_str!("../../../www/demo/demo-report.txt"),
            include_str!("../../fazhi_eval/tests/heldout/b1_lanchuan.txt"),
            include_str!("../../fazhi_eval/tests/heldout/a1_chengchuan_sifa.txt"),
            "党政主要负责人履行推进法治建设第一责任人职责情况\n其他需要报告的事项\n存在的问题和不足\n\
             2025年工作计划\n下一步工作打算\n2025年工作重点\n主要举措和成效\n完成情况\n不足之处",
        ] {
            for line in text.lines() {
                let hit = TITLE_SET.matches(line);
                for (k, (p, re)) in patterns.iter().enumerate() {
                    assert_eq!(hit.matched(*p as usize), re.is_match(line), "{} {line}", re.as_str());
                    seen[k] |= re.is_match(line);
                }
            }
        }
        assert!(seen.iter().all(|&s| s), "{seen:?}");
    }

    #[test]
    fn titles_map_to_parts() {
        let cases: &[(&str, &[RequiredPart])] = &[
            ("2024年推进法治政府建设的主要举措和成效", &[A]),
            ("主要工作成效", &[A]),
            ("基本工作情况", &[A]),
            ("推进法治政府建设主要举措和成效", &[A]),
            ("存在的不足和原因", &[S]),
            ("存在的问题及原因", &[S]),
            ("存在的问题和不足", &[S]),
            ("2024年推进法治政府建设存在的不足和原因", &[S]),
            ("党政主要负责人履行推进法治建设第一责任人职责情况", &[F]),
            ("主要负责人履行职责,加强法治政府建设情况", &[F]),
            ("2025年推进法治政府建设的主要安排", &[N]),
            ("下一步计划", &[N]),
            ("2025年工作重点", &[N]),
            ("下一年度推进法治政府建设主要工作安排", &[N]),
            ("下一步工作举措", &[N]),
            ("2022年法治政府建设中存在问题的改进情况", &[O]),
            ("其他需要报告的情况", &[O]),
            ("其他有关情况", &[O]),
            ("主要问题", &[S]),
            ("工作中的不足", &[S]),
            ("着力解决群众急难愁盼问题", &[]),
            ("主要成效和存在问题", &[A, S]),
            ("存在的问题和下一步打算", &[S, N]),
            ("加强法治政府建设的组织领导", &[]),
            ("全面提升法治素养", &[]),
            ("突出重点，强化执法", &[]),
            ("2024年工作要点完成情况", &[A]),
        ];
        for (title, want) in cases {
            assert_eq!(parts_of_title(title), *want, "{title}");
        }
    }

    /// Every `yes` matches `re`, no `no` does.
    fn table(re: &Regex, yes: &[&str], no: &[&str]) {
        for s in yes {
            assert!(re.is_match(s), "{re} should match {s}");
        }
        for s in no {
            assert!(!re.is_match(s), "{re} should not match {s}");
        }
    }

    #[test]
    fn first_responsible_regex() {
        table(
            &FIRST_RESPONSIBLE,
            &[
                "第一责任人职责",
                "主要负责人履行职责情况",
                "主要领导履职情况",
            ],
            &["主要负责同志", "负责人员培训"],
        );
    }

    #[test]
    fn other_regex() {
        table(
            &OTHER,
            &[
                "上年度问题整改情况",
                "其他需要报告的情况",
                "存在问题的改进情况",
            ],
            &["整改措施", "其他"],
        );
    }

    #[test]
    fn shortcomings_regex() {
        table(
            &SHORTCOMINGS,
            &["存在的主要问题", "问题和原因", "不足之处", "主要问题"],
            &["着力解决群众急难愁盼问题", "主要举措和成效"],
        );
    }

    #[test]
    fn plan_future_regex() {
        table(
            &PLAN_FUTURE,
            &["下一步", "下一年度", "明年工作", "今后打算"],
            &["一步一个脚印", "2024年"],
        );
    }

    #[test]
    fn plan_end_regex() {
        table(
            &PLAN_END,
            &["2025年工作思路", "主要安排", "工作目标和措施"],
            &["突出重点领域执法", "安排部署到位"],
        );
    }

    #[test]
    fn plan_qualified_regex() {
        table(
            &PLAN_QUALIFIED,
            &["2025年工作重点", "主要目标", "下一年度思路"],
            &["锚定法治政府建设目标", "把握正确方向"],
        );
        assert_eq!(parts_of_title("锚定法治政府建设目标"), []);
        assert_eq!(parts_of_title("2025年工作重点"), [N]);
    }

    #[test]
    fn done_regex() {
        table(&DONE, &["完成情况", "主要成效"], &["主要安排", "工作计划"]);
    }

    #[test]
    fn overview_regex() {
        table(
            &OVERVIEW,
            &[
                "工作总体完成情况",
                "2024年推进法治政府建设总体情况",
                "基本情况",
                "工作概况",
            ],
            &["主要举措和成效", "加强组织领导"],
        );
    }

    #[test]
    fn measures_regex() {
        table(
            &MEASURES,
            &["主要举措及成效", "主要措施", "工作做法"],
            &["总体完成情况", "基本情况"],
        );
    }

    #[test]
    fn thematic_result_regex() {
        table(
            &THEMATIC_RESULT,
            &["水利法治体系建设取得新进展", "依法行政取得明显成效"],
            &["2024年取得的主要成效", "主要举措和成效"],
        );
    }

    #[test]
    fn plan_end_strong_regex() {
        table(
            &PLAN_END_STRONG,
            &["下一步工作安排", "2025年工作计划", "主要打算和措施"],
            &["确保法治政府建设正确方向", "突出工作重点", "锚定目标"],
        );
        assert!(parts_of_sub_title("确保法治政府建设正确方向").is_empty());
        assert_eq!(parts_of_sub_title("下一步工作打算"), [N]);
    }

    #[test]
    fn leader_sentence_regex() {
        table(
            &LEADER_SENTENCE,
            &[
                "局主要负责人带头学法",
                "区政府主要负责同志主持召开",
                "党委书记切实履行",
                "局党委书记、局长带头",
                "亲自部署重要工作",
                "市水务局主要负责人主持",
            ],
            &[
                "一是党政主要负责人切实履行",
                "局党组高度重视",
                "组织干部学法",
                "各单位主要负责人述法",
                "下属单位主要负责人",
            ],
        );
    }

    #[test]
    fn leader_only_table() {
        let table = [
            (
                "部主要负责同志高度重视法治工作，多次主持召开专题会议。",
                true,
            ),
            ("局主要负责人带头学法。亲自部署重要工作。", true),
            (
                "厅主要负责同志切实履行第一责任人职责。厅党组专题学法6次。",
                false,
            ),
            ("一是党政主要负责人切实履行职责。二是健全制度。", false),
            ("局党组高度重视法治工作。", false),
            ("", false),
        ];
        for (body, want) in table {
            assert_eq!(leader_only(body), want, "{body}");
        }
    }

    fn parts_of(text: &str) -> Vec<(RequiredPart, Vec<String>)> {
        let a = crate::analyze(text);
        a.parts
            .iter()
            .map(|p| {
                (
                    p.part,
                    p.headings
                        .iter()
                        .filter_map(|&i| a.headings.get(i))
                        .map(|h| h.path.clone())
                        .collect::<Vec<String>>(),
                )
            })
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }

    /// Reports by their shape: `(text, [(part, paths)])`.
    #[test]
    fn parts_by_shape_table() {
        let p = |part: RequiredPart, paths: &[&str]| {
            (
                part,
                paths.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(),
            )
        };
        let table = [
            // Thematic sections before the shortcomings: the measures.
            (
                "一、深入学习贯彻习近平法治思想\n学法6次。\n二、水利法治体系建设取得新进展\n修订制度。\n三、存在的不足\n不足。\n四、下一步工作安排\n安排。",
                vec![p(A, &["一、", "二、"]), p(S, &["三、"]), p(N, &["四、"])],
            ),
            // The same report cut after its second section: the same answer.
            (
                "一、深入学习贯彻习近平法治思想\n学法6次。\n二、水利法治体系建设取得新进展\n修订制度。",
                vec![p(A, &["一、", "二、"])],
            ),
            // A section titled for the part: thematic ones around it are topics of their own.
            (
                "一、加强组织领导\n正文。\n二、主要负责人履行职责情况\n正文。\n三、主要举措和成效\n正文。\n四、存在的问题\n正文。",
                vec![p(A, &["三、"]), p(S, &["四、"]), p(F, &["二、"])],
            ),
            // An overview that more sections follow is not the part; alone, it is.
            (
                "一、工作总体完成情况\n正文。\n二、主要举措及成效\n正文。",
                vec![p(A, &["二、"])],
            ),
            (
                "一、2024年推进法治政府建设总体情况\n1.健全机制。制定方案。\n2.规范执法。办结案件。",
                vec![p(A, &["一、"])],
            ),
            // A sub-section whose whole text is the leader's own performance of the duty.
            (
                "一、加强党的领导\n（一）压实责任。局党组专题研究5次。\n（二）发挥示范作用。局主要负责人带头学法述法，亲自部署重要工作。\n二、优化营商环境\n正文。",
                vec![p(A, &["一、", "二、"]), p(F, &["一、(二)"])],
            ),
            // One sentence on the leader among other topics is not that part.
            (
                "一、加强党的领导\n（一）强化组织领导。党政主要负责人切实履行第一责任人职责。局党组专题学法4次。\n二、优化营商环境\n正文。",
                vec![p(A, &["一、", "二、"])],
            ),
            // A sub-heading ending in 方向 is no plan.
            (
                "一、主要举措和成效\n（一）加强党的领导，确保正确方向\n正文。",
                vec![p(A, &["一、"])],
            ),
        ];
        for (text, want) in table {
            assert_eq!(parts_of(text), want, "{text}");
        }
    }

    #[test]
    fn content_decisions_are_explained() {
        let a = crate::analyze(
            "一、深入学习贯彻习近平法治思想\n正文。\n二、严格规范执法\n正文。\n三、存在的不足\n正文。",
        );
        let notes: Vec<&Diagnostic> = a
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::PartByContent)
            .collect();
        assert_eq!(notes.len(), 1, "{:?}", a.diagnostics);
        assert_eq!(notes[0].severity, Severity::Info);
        assert!(
            notes[0].message.contains("按内容判定"),
            "{}",
            notes[0].message
        );
        assert!(
            notes[0].message.contains("一、 二、"),
            "{}",
            notes[0].message
        );
        // A report that titles the part says nothing more.
        let a = crate::analyze("一、主要举措和成效\n正文。\n二、存在的不足\n正文。");
        assert!(a
            .diagnostics
            .iter()
            .all(|d| d.kind != DiagnosticKind::PartByContent));
    }

    #[test]
    fn achievements_regex() {
        table(
            &ACHIEVEMENTS,
            &["主要举措", "基本工作情况", "工作开展情况"],
            &["全面提升法治素养", "下一步工作计划"],
        );
    }
}
