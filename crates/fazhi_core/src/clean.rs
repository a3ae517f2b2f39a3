//! Finding the report proper inside a saved web page: boilerplate, start/end, repeated body.
//!
//! A report saved from a government site comes wrapped in page furniture: an information
//! block (信息索引号, 发布机构, 生成日期 …), breadcrumbs, a click counter, print/close links,
//! and sometimes a second copy of the whole body after the page navigation. [`locate`] finds
//! where the report starts (its title, or its first sentence), where it ends (the signature
//! and date, or its last paragraph), which lines around it are boilerplate, and whether the
//! body is repeated. Every span is a byte range into the text it was given.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::{self, is_blank};
use crate::{Diagnostic, DiagnosticKind, Severity, Span};

/// Where the report body lies in the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub body: Span,
    pub boilerplate: Vec<Span>,
    pub duplicate: Option<Span>,
    pub diagnostics: Vec<Diagnostic>,
    /// The report's title line, if it has one.
    pub title: Option<Span>,
    /// The signature line (the issuing body) above the closing date, if any.
    pub signature: Option<Span>,
    /// The closing date line, if any.
    pub signature_date: Option<Span>,
    /// Every line of page furniture in the whole text (trimmed spans, in order), found once
    /// here with [`is_boilerplate_line`]: later passes skip these lines instead of testing
    /// each line again.
    pub furniture: Vec<Span>,
}

impl Cleaned {
    /// Whether the trimmed line `line` is page furniture (a binary search in
    /// [`Cleaned::furniture`]).
    #[must_use]
    pub fn is_furniture(&self, line: Span) -> bool {
        self.furniture.binary_search(&line).is_ok()
    }

    /// The regions of the body that no pass reads as report text: the furniture lines that
    /// lie inside the body, in order and disjoint.
    #[must_use]
    pub fn furniture_in_body(&self) -> &[Span] {
        let from = self
            .furniture
            .partition_point(|l| l.start < self.body.start);
        let to = self.furniture.partition_point(|l| l.start < self.body.end);
        self.furniture.get(from..to).unwrap_or(&[])
    }
}

/// A line of page furniture: information-block fields, counters, print/close links,
/// breadcrumbs, site footer.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            信息索引号 | 索\s*引\s*号 | 发布机构 | 发布单位 | 发文机关 | 发文单位 | 公开方式 | 公开范围
          | 公开时限 | 公开形式 | 公开类别 | 备注\s*/\s*文号 | 备\s*注\s*[:：]? | 文\s*号\s*[:：]?
          | 生成日期 | 发布日期 | 公布日期 | 成文日期 | 发文日期 | 发布时间 | 信息提供日期 | 信息来源
          | 来\s*源\s*[:：] | 作\s*者\s*[:：] | 点击率 | 点击数 | 点击量 | 浏览次数 | 浏览量 | 阅读次数
          | 阅读量 | 访问次数 | 责任编辑 | 主题分类 | 主\s*题\s*词 | 体裁分类 | 组配分类 | 服务对象
          | 所属机构 | 有\s*效\s*性 | 相关附件 | 附\s*件\s*[:：]?\s*$ | 字\s*号 | 字\s*体\s*[:：]
          | 【\s*[大中小打关] | \[\s*[大中小打关] | 打印 | 关闭 | 分享到 | 扫一扫 | 当前位置 | 您当前的位置
          | 您现在的位置 | 您的位置 | 所在位置 | 首\s*页\s*[>＞»›/|] | 网站地图 | 联系我们 | 版权所有
          | 主办单位 | 承办单位 | 技术支持 | 网站标识码 | 上一篇 | 下一篇 | 我要纠错 | 返回顶部
          | 相关链接 | 友情链接 | 相关文章 | 相关阅读 | 相关稿件 | \p{Han}{0,2}ICP\s*[备證证]
          | ICP\s*备案 | \p{Han}{0,2}公网安备 | 政府网站找错 | 适老化无障碍
          | 文章来源 | 稿件来源 | 更新时间 | 栏\s*目\s*[:：] | 日\s*期\s*[:：] | 时\s*间\s*[:：]
          | 浏\s*览\s*(?:次数|量)?\s*[:：] | 标\s*题\s*[:：|] | 名\s*称\s*[:：|] | 分\s*类\s*[:：|]
          | 今天是 | 今日是 | 您所在的?位置 | 当前所在位置
        )",
    )
    .expect("static regex")
});

/// A site banner showing today's date and weekday (`2019年12月3日 星期二`, `… 星期三 农历十月初七`,
/// `2019年12月3日 星期二 某某区人民政府`): the date is the day the page was saved, not anything
/// the report says. The weekday ends a word (`星期一召开会议` is text).
static BANNER_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周|礼拜)[一二三四五六日天](?:\s|$)",
    )
    .expect("static regex")
});

/// Table-cell and field-label wrapping in front of a page field: `| 索引号 |`, `[ 发布机构 ]`.
const FIELD_WRAP: &[char] = &['|', '｜', '[', '［', '【'];

/// A breadcrumb trail: short segments separated by two or more `>`-like arrows.
static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^。，,；;]{0,30}?(?:\s*[>＞»›]\s*[^>＞»›。，,；;]{1,30}){2,}$")
        .expect("static regex")
});

/// A report title line: a 报告/总结 that names rule of law, a year or 年度, or a 情况 that
/// names rule of law (with an optional bracketed note such as `（2024年）`).
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[^。，,；;：:]{0,60}?(?:法治|依法|法制|年度|\d{4}\s*年|[〇零○一二三四五六七八九]{4}年)[^。，,；;：:]{0,40}?(?:报告|总结)|[^。，,；;：:]{0,60}?(?:法治|依法|法制)[^。，,；;：:]{0,40}?情况)(?:\s*[（(][^）)]{0,20}[)）])?$",
    )
    .expect("static regex")
});

/// A line that is only a date, e.g. `2025年1月8日`, `二〇二五年一月八日`, `2024-02-19`.
pub(crate) static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[（(]?\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○Ｏ一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*[)）]?$",
    )
    .expect("static regex")
});

/// A note under the closing date: `（此件公开发布）`, `（联系人：…）`.
static CLOSING_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]\s*(?:此件|此页|联系人|联系电话|此文)[^）)]{0,40}[)）]$")
        .expect("static regex")
});

/// A signature and its date on one line: `某某局　2025年1月8日`.
static SIGNED_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\S.{1,40}?)\s+(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○Ｏ一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})$",
    )
    .expect("static regex")
});

/// The signature and date run on after the last sentence of a one-line report
/// (`…持续推进。某某局2026年1月20日`).
static SIGNED_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[。！？!?]\s*([\p{Han}（）()·]{2,40}?)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○Ｏ一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日)$",
    )
    .expect("static regex")
});

/// A short line naming an issuing body (a signature).
pub(crate) static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\p{Han}（）()·]{2,40}?(?:局|委员会|委|办公室|办|厅|院|署|中心|政府|司法所|站|队|处|部)$",
    )
    .expect("static regex")
});

/// Whether a trimmed line is page furniture.
#[must_use]
pub fn is_boilerplate_line(line: &str) -> bool {
    let line = line.trim_matches(is_blank);
    if line.is_empty() || line.contains('。') || line.chars().count() > 160 {
        return false;
    }
    // A field in a table cell or bracket (`| 发布机构 | …`, `[ 索引号 ] …`) is read without
    // the wrapping; `【打印】` keeps its bracket, which the pattern names.
    let unwrapped = line.trim_start_matches(|c: char| FIELD_WRAP.contains(&c) || is_blank(c));
    BOILERPLATE.is_match(line)
        || (unwrapped.len() < line.len()
            && !line.starts_with('【')
            && BOILERPLATE.is_match(unwrapped))
        // A breadcrumb has arrows; a banner date has its weekday.
        || (line.contains(['>', '＞', '»', '›']) && BREADCRUMB.is_match(line))
        || (line.contains(['星', '周', '礼']) && BANNER_DATE.is_match(line))
}

fn is_title_line(line: &str) -> bool {
    // A [`TITLE`] match ends the line with 报告, 总结 or 情况, or with the closing bracket of
    // a note: any other last character turns the line away without running the pattern.
    line.ends_with(['告', '结', '况', ')', '）'])
        && (6..=80).contains(&line.chars().count())
        && TITLE.is_match(line)
}

/// Whether `line` may end with the date of [`SIGNED_LINE`] or [`SIGNED_TAIL`]: its last
/// character is `日` or could be a digit (`\d`), that is, lies outside U+3000–U+9FFF (CJK
/// punctuation, kana and Han characters, where Unicode has no decimal digit). The last line
/// of a report is often a whole paragraph ending in `。`: it is turned away at once.
fn may_end_with_date(line: &str) -> bool {
    line.chars()
        .next_back()
        .is_some_and(|c| c == '日' || !('\u{3000}'..='\u{9fff}').contains(&c))
}

fn is_signature_line(line: &str) -> bool {
    SIGNATURE.is_match(line)
}

/// A place named alone on a line (`某某县某某镇`, `某某区某某街道`): above a title it is the
/// first line of a title split over two lines.
static PLACE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Han}]{2,20}?(?:镇|乡|街道|县|区|市|旗)$").expect("static regex")
});

/// A line that names the issuing body above a title: a signature or a place.
pub(crate) fn is_name_line(line: &str) -> bool {
    is_signature_line(line) || PLACE_LINE.is_match(line)
}

fn is_date_line(line: &str) -> bool {
    DATE_LINE.is_match(line)
}

/// A line that reads as report text rather than a page link or label.
fn is_content_line(line: &str) -> bool {
    let n = line.chars().count();
    n >= 16
        || line.contains(['。', '，', ',', '；', ';', '：', ':'])
        || line
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十(（".contains(c))
}

/// Locate the body, the boilerplate around it and a repeated copy.
#[must_use]
pub fn locate(text: &str) -> Cleaned {
    let all = Span::new(0, text.len());
    let lines: Vec<Span> = text::lines(text, all)
        .into_iter()
        .map(|l| text::trim(text, l))
        .collect();
    // Indices below all come from `0..lines.len()`; `line` still never panics.
    let line = |i: usize| lines.get(i).copied().unwrap_or_default();
    let content = |i: usize| line(i).slice(text);
    let non_blank: Vec<usize> = (0..lines.len())
        .filter(|&i| !content(i).is_empty())
        .collect();
    // Each line is tested for page furniture once; the passes below and after read this.
    let furniture_flags: Vec<bool> = (0..lines.len())
        .map(|i| is_boilerplate_line(content(i)))
        .collect();
    let is_furniture = |i: usize| furniture_flags.get(i).copied().unwrap_or(false);
    let Some(&first_non_blank) = non_blank.first() else {
        return Cleaned {
            body: all,
            ..Cleaned::default()
        };
    };

    let mut out = Cleaned {
        furniture: (0..lines.len())
            .filter(|&i| is_furniture(i))
            .map(line)
            .collect(),
        ..Cleaned::default()
    };

    // 1. Start: the title, or the first line that reads as text.
    let mut start_line = None;
    for &i in &non_blank {
        let s = content(i);
        if is_furniture(i) {
            continue;
        }
        if is_title_line(s) {
            out.title = Some(line(i));
            start_line = Some(i);
            break;
        }
        if is_content_line(s) {
            start_line = Some(i);
            break;
        }
    }
    let mut start_line = start_line.unwrap_or(first_non_blank);
    // An issuing body written on its own line just above the title belongs to the report.
    if out.title.is_some() {
        if let Some(&prev) = non_blank.iter().rev().find(|&&i| i < start_line) {
            let s = content(prev);
            if is_name_line(s) && !is_furniture(prev) {
                start_line = prev;
            }
        }
    }
    let start = lines.get(start_line).map_or(0, |l| l.start);

    // Everything before the start is page furniture.
    let lead: Vec<usize> = non_blank
        .iter()
        .copied()
        .filter(|&i| i < start_line)
        .collect();
    if let (Some(&a), Some(&b)) = (lead.first(), lead.last()) {
        out.boilerplate.push(Span::new(line(a).start, line(b).end));
    }

    // 2. The first line of text proper (after the title and any page fields under it).
    let mut first_content = None;
    for &i in non_blank.iter().filter(|&&i| i >= start_line) {
        let s = content(i);
        if Some(line(i)) == out.title || (i == start_line && out.title.is_some()) {
            continue;
        }
        if is_furniture(i) {
            out.boilerplate.push(line(i));
            continue;
        }
        if is_content_line(s) {
            first_content = Some(i);
            break;
        }
    }

    // 3. A repeated body.
    let mut end_limit = text.len();
    if let Some(fc) = first_content {
        if let Some(dup) = find_duplicate(text, &lines, &non_blank, fc) {
            end_limit = dup.copy1_end;
            out.duplicate = Some(dup.repeat);
        }
    }

    // 4. End: walk back over blank lines and page furniture to the last line of text.
    let mut tail = Vec::new();
    let mut last = None;
    for &i in non_blank.iter().rev() {
        let l = line(i);
        if l.start >= end_limit || l.start < start {
            if l.start < start {
                break;
            }
            continue;
        }
        let l = text::trim(text, Span::new(l.start, l.end.min(end_limit)));
        let s = l.slice(text);
        if s.is_empty() {
            continue;
        }
        // A line cut by the repeat's start is tested as cut; a whole line was tested above.
        let furniture = if l == line(i) {
            is_furniture(i)
        } else {
            is_boilerplate_line(s)
        };
        if furniture {
            tail.push(l);
            continue;
        }
        last = Some((i, l));
        break;
    }
    let end = last.map_or(end_limit.max(start), |(_, l)| l.end);
    if let Some((mut i, mut l)) = last {
        // A closing note under the date (`（此件公开发布）`) stays in the body; the signature
        // is above it.
        if CLOSING_NOTE.is_match(l.slice(text)) {
            if let Some(&p) = non_blank.iter().rev().find(|&&p| p < i && p > start_line) {
                i = p;
                l = line(p);
            }
        }
        let s = l.slice(text);
        if is_date_line(s) {
            out.signature_date = Some(l);
            if let Some(&p) = non_blank.iter().rev().find(|&&p| p < i) {
                if p >= start_line && is_signature_line(content(p)) {
                    out.signature = Some(line(p));
                }
            }
        } else if let Some(caps) = may_end_with_date(s)
            .then(|| SIGNED_LINE.captures(s).or_else(|| SIGNED_TAIL.captures(s)))
            .flatten()
        {
            // `某某局　2025年1月8日` on one line, or run on after the last sentence.
            if let (Some(name), Some(date)) = (caps.get(1), caps.get(2)) {
                if is_signature_line(name.as_str()) {
                    out.signature = Some(Span::new(l.start + name.start(), l.start + name.end()));
                    out.signature_date =
                        Some(Span::new(l.start + date.start(), l.start + date.end()));
                }
            }
        } else if is_signature_line(s) && i != start_line {
            out.signature = Some(l);
        }
    }
    tail.reverse();
    // Adjacent footer lines are one block (one diagnostic), as the page fields on top are.
    for l in tail {
        match out.boilerplate.last_mut() {
            Some(prev)
                if prev.end <= l.start
                    && text.get(prev.end..l.start).is_some_and(|gap| {
                        gap.chars().all(|c| c == '\n' || c == '\r' || is_blank(c))
                    }) =>
            {
                prev.end = l.end;
            }
            _ => out.boilerplate.push(l),
        }
    }

    // Between the end of the first copy and the repeat: page navigation.
    if let Some(dup) = out.duplicate {
        let gap = text::trim(text, Span::new(end, dup.start));
        let gap = trim_newlines(text, gap);
        if !gap.is_empty() {
            out.boilerplate.push(gap);
        }
        // After the repeat: page footer.
        for &i in &non_blank {
            let l = line(i);
            if l.start >= dup.end && is_furniture(i) {
                out.boilerplate.push(l);
            }
        }
    } else {
        // Anything after the end that is not furniture already stays outside the body too.
        let rest = trim_newlines(text, text::trim(text, Span::new(end, text.len())));
        if !rest.is_empty() && !out.boilerplate.iter().any(|b| b.start >= rest.start) {
            out.boilerplate.push(rest);
        }
    }

    out.boilerplate.sort();
    out.boilerplate.dedup();
    out.body = Span::new(start, end.max(start));

    for &b in &out.boilerplate {
        let snippet: String = b.slice(text).chars().take(24).collect();
        let snippet = snippet.replace('\n', " ");
        out.diagnostics.push(Diagnostic {
            kind: DiagnosticKind::BoilerplateStripped,
            severity: Severity::Info,
            message: format!("已略去网页信息“{snippet}” (page boilerplate left out)"),
            span: Some(b),
        });
    }
    if let Some(d) = out.duplicate {
        out.diagnostics.push(Diagnostic {
            kind: DiagnosticKind::DuplicateBody,
            severity: Severity::Warning,
            message: "网页重复了报告正文，只分析第一份 (the page repeats the report body; only the first copy is analysed)".to_owned(),
            span: Some(d),
        });
    }
    out
}

/// `span` without line breaks (and blanks) at either end.
fn trim_newlines(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.is_empty() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.start + lead + t.len())
}

struct Duplicate {
    /// Where the first copy stops matching the repeat.
    copy1_end: usize,
    /// The repeat.
    repeat: Span,
}

/// Look for a second copy of the body, starting from the first content line.
///
/// A needle taken from the start of one of the first content lines is searched for later in
/// the text; at each hit the two copies are compared, ignoring white space, and the hit is a
/// repeat when it reproduces most of what lies between the first copy's start and the hit.
fn find_duplicate(
    text: &str,
    lines: &[Span],
    non_blank: &[usize],
    first_content: usize,
) -> Option<Duplicate> {
    const NEEDLE_CHARS: usize = 40;
    const MIN_MATCHED: usize = 60;
    let candidates = non_blank
        .iter()
        .copied()
        .filter(|&i| i >= first_content)
        .take(3);
    for i in candidates {
        let line = lines.get(i)?;
        let s = line.slice(text);
        let needle_len: usize = s.chars().take(NEEDLE_CHARS).map(char::len_utf8).sum();
        let needle = s.get(..needle_len)?;
        if needle.chars().count() < 12 {
            continue;
        }
        let mut from = line.end;
        for _ in 0..8 {
            let Some(hit) = text.get(from..).and_then(|t| t.find(needle)) else {
                break;
            };
            let p = from + hit;
            let (matched, a_end, b_end) = common_run(text, line.start, p, p);
            let span_chars = text
                .get(line.start..p)
                .map_or(0, |t| t.chars().filter(|c| !c.is_whitespace()).count());
            if matched >= MIN_MATCHED && matched * 10 >= span_chars * 6 {
                return Some(Duplicate {
                    copy1_end: a_end,
                    repeat: Span::new(p, b_end),
                });
            }
            from = p + needle.len();
        }
    }
    None
}

/// Compare `text[start..limit]` with `text[other..]`, ignoring white space on both sides, up to
/// the first difference. Returns the number of matched chars and the byte offsets just after
/// the last matched char on each side.
fn common_run(text: &str, start: usize, limit: usize, other: usize) -> (usize, usize, usize) {
    let first = text.get(start..limit).unwrap_or("");
    let second = text.get(other..).unwrap_or("");
    let mut left = first.char_indices().filter(|(_, c)| !c.is_whitespace());
    let mut right = second.char_indices().filter(|(_, c)| !c.is_whitespace());
    let (mut matched, mut first_end, mut second_end) = (0, start, other);
    loop {
        match (left.next(), right.next()) {
            (Some((at_left, x)), Some((at_right, y))) if x == y => {
                matched += 1;
                first_end = start + at_left + x.len_utf8();
                second_end = other + at_right + y.len_utf8();
            }
            _ => break,
        }
    }
    (matched, first_end, second_end)
}

/// Build this module's patterns and tables now (each is built on its first use otherwise):
/// see [`crate::prepare`].
pub(crate) fn prepare() {
    LazyLock::force(&BOILERPLATE);
    LazyLock::force(&BANNER_DATE);
    LazyLock::force(&BREADCRUMB);
    LazyLock::force(&TITLE);
    LazyLock::force(&DATE_LINE);
    LazyLock::force(&CLOSING_NOTE);
    LazyLock::force(&SIGNED_LINE);
    LazyLock::force(&SIGNED_TAIL);
    LazyLock::force(&SIGNATURE);
    LazyLock::force(&PLACE_LINE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_regex() {
        let yes = [
            "信息索引号 77080179-5/2024-29871 公开方式 主动公开",
            "发布机构 区应急管理局 公开范围 面向全社会",
            "备注/文号 公开时限 长期公开",
            "生成日期 2024-02-19 发布日期 2024-02-19",
            "附件",
            "相关附件:",
            "发布日期: 2024-02-19 16:51:34 点击率:",
            "信息提供日期 : 2023-12-20 15:41来源 : 某局",
            "字号 大 中 小",
            "【打印】【关闭】",
            "打印 关闭",
            "首页 > 政务公开 > 法治政府建设",
            "来源：某某区人民政府",
            "相关链接：国家市场监督管理总局　省市场监督管理局",
            "ICP备案号：浙ICP备12345678号",
            "浙ICP备12345678号-1",
            "浙公网安备 33010002000001号",
            "扫一扫在手机打开当前页",
            "| 索引号: | 4310000001/2024-00102 | 分类: | |",
            "| 发布机构 | 青川县水利局 | 文 号 | 青水发〔2024〕3号 |",
            "| 标 题: | 青川县水利局关于2024年度法治政府建设情况的报告 | ||",
            "| 名称: | |||",
            "[ 索引号 ] 11500230001234567A/2025-00011 [ 发文字号 ]",
            "[ 发布机构 ] 宁远县白石乡人民政府 [ 有效性 ]",
            "今天是:2021年6月2日 星期三 农历四月廿二",
            "安平市桐川区人民政府 2020年11月9日星期一",
            "您所在的位置:政务公开 > 工作报告",
            "文章来源:司法局 更新时间:2022/04/06 09:12:33",
            "栏目:政策文件 发布时间:2023-02-14",
            "日期:2024-03-11 10:02 来源:某某区教育局",
            "时间:2022-01-27 16:20:05 来源:本网 文号:",
            "浏览:318次 时间:2023-05-06 来源:本站",
        ];
        let no = [
            "一、主要举措和成效",
            "2024年,市应急管理局深入学习贯彻习近平法治思想。",
            "打造法治型政府,推进依法行政",
            "附件1：2024年执法检查计划表及说明材料清单",
            "来源于群众的意见建议",
            "相关链接部门的联络机制进一步健全。",
            "",
            "| 2023年 | 办理复议案件 | 12件 |",
            "2024年1月8日星期一召开专题会议",
            "【2022年】州林业局2022年度法治政府建设报告",
        ];
        for s in yes {
            assert!(is_boilerplate_line(s), "should be boilerplate: {s}");
        }
        for s in no {
            assert!(!is_boilerplate_line(s), "should not be boilerplate: {s}");
        }
    }

    #[test]
    fn banner_date_regex() {
        for s in [
            "今天是:2021年6月2日 星期三",
            "安平市桐川区人民政府 2020年11月9日星期一",
            "2023年5月6日 周六",
            "2019年12月3日 星期二 安平市桐川区人民政府",
        ] {
            assert!(BANNER_DATE.is_match(s), "{s}");
        }
        for s in ["2023年5月6日", "每周一例会", "星期一上午召开"] {
            assert!(!BANNER_DATE.is_match(s), "{s}");
        }
    }

    #[test]
    fn place_line_regex() {
        for s in [
            "云川县白沙镇",
            "柳城区柳桥街道",
            "安平市桐川区",
            "宁远县白石乡",
        ] {
            assert!(PLACE_LINE.is_match(s), "{s}");
            assert!(is_name_line(s), "{s}");
        }
        for s in ["工作报告", "政府信息公开", "一、加强领导", "法治政府建设"]
        {
            assert!(!PLACE_LINE.is_match(s), "{s}");
        }
        assert!(is_name_line("宁远县白石乡人民政府"));
    }

    #[test]
    fn breadcrumb_regex() {
        assert!(BREADCRUMB.is_match("首页 > 政务公开 > 法治政府建设"));
        assert!(BREADCRUMB.is_match("当前位置：网站首页 » 信息公开 » 年度报告"));
        assert!(!BREADCRUMB.is_match("温度 > 30度"));
        assert!(!BREADCRUMB.is_match("一、加强法治政府建设的组织领导"));
    }

    #[test]
    fn title_regex() {
        for s in [
            "某某区应急管理局2023年法治政府建设年度报告",
            "某市司法局2024年度法治政府建设情况报告",
            "关于2023年度法治政府建设工作情况的报告",
            "某县2024年依法行政工作总结",
            "某局2024年度工作总结",
            "二〇二四年度法治政府建设情况报告",
            "某局法治政府建设情况（2024年）",
        ] {
            assert!(is_title_line(s), "{s}");
        }
        for s in [
            "一、2024年推进法治政府建设的主要举措和成效。",
            "市委(市政府):",
            "2024年,市应急管理局深入学习贯彻习近平法治思想,现将情况报告如下:",
            "年度报告",
            "法治政府建设年度报告和工作要点",
            "统计工作情况",
        ] {
            assert!(!is_title_line(s), "{s}");
        }
    }

    /// The prechecks in front of SIGNED_LINE, SIGNED_TAIL, BREADCRUMB and BANNER_DATE turn
    /// away no line the patterns take.
    #[test]
    fn prechecks_agree_with_the_patterns() {
        let extra = "某某局　2025年1月8日\n某某局 2024-02-19\n某某局 2024-02-１９\n…持续推进。某某局2026年1月20日\n\
             首页 > 政务公开 > 法治\n首页＞公开»年报›正文\n2019年12月3日 星期二\n2019年12月3日 周三 农历\n\
             2019年12月3日 礼拜天\n二〇二五年一月八日\n某某局 2024-02-1٩";
        let mut seen = [0; 3];
        for s in crate::text::sample_lines(extra) {
            if SIGNED_LINE.is_match(s) || SIGNED_TAIL.is_match(s) {
                seen[0] += 1;
                assert!(may_end_with_date(s), "{s}");
            }
            if BREADCRUMB.is_match(s) {
                seen[1] += 1;
                assert!(s.contains(['>', '＞', '»', '›']), "{s}");
            }
            if BANNER_DATE.is_match(s) {
                seen[2] += 1;
                assert!(s.contains(['星', '周', '礼']), "{s}");
            }
        }
        assert!(seen.iter().all(|&n| n >= 2), "{seen:?}");
        assert!(may_end_with_date("2024-02-1٩"));
        assert!(!may_end_with_date("持续推进。"));
        assert!(!may_end_with_date(""));
    }

    /// The last-character test in front of [`TITLE`] turns away no line the pattern takes.
    #[test]
    fn title_line_agrees_with_the_pattern() {
        let extra =
            "某局法治政府建设情况 (2024年)\n某局2024年度工作总结\n某局2024年法治报告 \n依法行政情况说明";
        for s in crate::text::sample_lines(extra) {
            let plain = (6..=80).contains(&s.chars().count()) && TITLE.is_match(s);
            assert_eq!(is_title_line(s), plain, "{s}");
        }
    }

    #[test]
    fn date_line_regex() {
        for s in [
            "2025年1月8日",
            "2023年12月20日",
            "二〇二五年一月八日",
            "二○二四年十二月三十一日",
            "2024-02-19",
            "（2024年2月19日）",
        ] {
            assert!(is_date_line(s), "{s}");
        }
        for s in ["2025年1月8日召开会议", "2024年", "截至2023年10月31日"] {
            assert!(!is_date_line(s), "{s}");
        }
    }

    #[test]
    fn signature_regex() {
        for s in [
            "乳山市应急管理局",
            "某某县人民政府",
            "某市司法局",
            "某区委全面依法治区委员会办公室",
        ] {
            assert!(is_signature_line(s), "{s}");
        }
        for s in [
            "2025年1月8日",
            "一、主要举措",
            "现将情况报告如下:",
            "特此报告。",
        ] {
            assert!(!is_signature_line(s), "{s}");
        }
    }

    #[test]
    fn signed_tail_regex() {
        let table = [
            (
                "持续推进。云溪区市场监督管理局2026年1月20日",
                Some(("云溪区市场监督管理局", "2026年1月20日")),
            ),
            (
                "完成。某市司法局 二〇二五年一月八日",
                Some(("某市司法局", "二〇二五年一月八日")),
            ),
            ("全年办结案件12件，2025年1月8日", None),
            ("特此报告。2025年1月8日以前完成", None),
        ];
        for (s, want) in table {
            let got = SIGNED_TAIL
                .captures(s)
                .and_then(|c| Some((c.get(1)?.as_str(), c.get(2)?.as_str())));
            assert_eq!(got, want, "{s}");
        }
    }

    #[test]
    fn closing_note_regex() {
        for s in [
            "（此件公开发布）",
            "(此件主动公开)",
            "（联系人：张某，电话：1234567）",
        ] {
            assert!(CLOSING_NOTE.is_match(s), "{s}");
        }
        for s in ["（一）加强领导", "（此件公开发布）后续还有正文。"] {
            assert!(!CLOSING_NOTE.is_match(s), "{s}");
        }
    }

    #[test]
    fn signed_line_regex() {
        let c = SIGNED_LINE.captures("某某县司法局　2025年1月8日").unwrap();
        assert_eq!((&c[1], &c[2]), ("某某县司法局", "2025年1月8日"));
        let c = SIGNED_LINE
            .captures("某某县司法局 二〇二五年一月八日")
            .unwrap();
        assert_eq!(&c[2], "二〇二五年一月八日");
        assert!(!SIGNED_LINE.is_match("2025年1月8日"));
        assert!(!SIGNED_LINE.is_match("截至 2024年12月31日的数据"));
    }

    #[test]
    fn repeated_body_is_found() {
        let body = "某局2024年认真贯彻落实法治政府建设各项要求，全面推进依法行政工作，取得积极成效。\n一、主要举措和成效\n全年办理行政许可事项一百余项，开展执法检查若干次。\n";
        let text = format!("{body}\n行政执法公开\n...\n{body}");
        let c = locate(&text);
        let d = c.duplicate.expect("duplicate");
        assert_eq!(d.start, body.len() + "\n行政执法公开\n...\n".len());
        assert!(c.body.end <= body.len());
        assert!(c
            .boilerplate
            .iter()
            .any(|b| b.slice(&text).contains("行政执法公开")));
    }

    #[test]
    fn common_run_ignores_white_space() {
        let t = "甲 乙\n丙丁|甲乙丙 丁戊";
        let bar = t.find('|').unwrap();
        let (n, a_end, b_end) = common_run(t, 0, bar, bar + 1);
        assert_eq!(n, 4);
        assert_eq!(&t[..a_end], "甲 乙\n丙丁");
        assert_eq!(&t[bar + 1..b_end], "甲乙丙 丁");
    }
}
