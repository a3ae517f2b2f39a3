//! Issuing body, year covered and publication date.
//!
//! - Issuing body: the signature above the closing date, else the title's leading name
//!   (`某某区应急管理局2023年…报告`), else a page field (发布机构/来源) that gives a full
//!   name, else a full name in the body text. In the body the report usually calls itself by
//!   a short name (`市应急管理局`); the full name is that short name preceded by a place
//!   name (`大冶市应急管理局`), and the place name is told from a verb before it (`成立大冶…`)
//!   by how often each reading occurs in the text.
//! - Year covered: the year in the title, else the first year of the opening paragraph, else
//!   the year of a level-1 heading on the year's work (or the plan's year minus one), else
//!   the year before an early-in-the-year closing date.
//! - Published: the closing date under the signature, else a page date field.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::clean::{Cleaned, DATE_LINE};
use crate::structure::Structure;
use crate::text::{self, is_han, parse_cn_digits, parse_cn_number};
use crate::{Date, Heading, HeadingLevel, Located, Metadata, Span};

/// A date: `2025年1月8日`, `2024-02-19`, `二〇二五年一月八日`.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2}))|([〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日",
    )
    .expect("static regex")
});

/// A page date field: `发布日期: 2024-02-19`.
static PAGE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(成文日期|发文日期|发布日期|公布日期|发布时间|信息提供日期|生成日期|更新时间|日\s*期|时\s*间)[ \t　]*[:：]?[ \t　]*[|｜\]］】]?",
    )
        .expect("static regex")
});

/// A page field naming the publisher: `发布机构 区应急管理局`, `来源 : 某某局`, a table cell
/// `| 发布机构 | 某某局 |` or a bracketed label `[ 发布机构 ] 某某乡人民政府`. Key and value
/// stand on one line.
static PAGE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:发布机构|发布单位|发文机关|信息来源|文章来源|来[ \t　]*源)[ \t　]*[:：]?[ \t　]*[|｜\]］】]?[ \t　]*([\p{Han}（）()]{2,40}?(?:局|委员会|管委会|办公室|厅|人民政府|政府|中心|办事处))")
        .expect("static regex")
});

/// A general office that publishes pages for a government (`某某区人民政府办公室`,
/// `某某省人民政府办公厅`): the page's publisher, not the report's author.
static GENERAL_OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:政府|管委会)(?:办公室|办公厅)$|^(?:本网|本站)").expect("static regex")
});

/// The report naming itself at the start of a clause of its first sentence
/// (`2023年,某某省某某厅全面贯彻…`, `某某县某某局坚持…`): a name ending in a kind of body or
/// place, then a predicate. The name is the shortest such reading.
static OPENING_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([\p{Han}（）()]{2,30}?(?:人民政府|政府|办事处|委员会|管委会|办公室|局|厅|部|委|署|院|中心|司法所|街道|镇|乡|区|县|市|州|旗))(?:坚持|深入|全面|始终|在|以|紧紧|紧密|认真|不断|持续|积极|扎实|着力|切实|聚焦|围绕|高度|严格|牢固|牢牢|立足|按照|根据|进一步|贯彻|继续|大力|紧扣|坚决|充分|结合|把|将|统筹|全力|锚定|主动|对照|深化|强化|加强|推进|着眼|秉持|坚定|践行|发布|党委|党组|党工委|领导班子)",
    )
    .expect("static regex")
});

/// Words that a name never holds: a clause that opens with them is a predicate, not a
/// name (`紧密围绕区委中心工作大局`), and 我局/本局/全区 are no names.
static NOT_A_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[我本全各该此在由对据按经为]|围绕|坚持|推进|贯彻|落实|学习|加强|领导|指导|关于|紧密|深入|全面|工作|委.*政府|^[省市区县州旗乡镇]委$")
        .expect("static regex")
});

/// A year that opens a clause: `2023年`, `2024年度`, `2025年以来`.
static LEADING_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:19|20)\d{2}[ \t　]*年度?(?:以来|来|全年)?|今年以来|一年来)")
        .expect("static regex")
});

/// A report calling itself by its kind only: `我局`, `本局`, `我委`, `我厅`.
static SELF_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[我本](局|委|厅|办|中心|分局)").expect("static regex"));

/// A full name at the start of a document title in `《》` (`《某某市某某区某某局…实施方案》`):
/// place, level and a body of the kind the report calls itself.
static BOOK_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"《([\p{Han}]{2,12}?[省市区县州旗盟][\p{Han}]{0,14}?(?:局|委员会|委|厅|办公室|中心))",
    )
    .expect("static regex")
});

/// A year: `2024年`.
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s*年|([一二][〇零○Ｏ一二三四五六七八九]{3})\s*年")
        .expect("static regex")
});

/// An agency name at the end of a string (the title's leading part).
static AGENCY_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{Han}（）()]{2,40}?(?:局|委员会|管委会|办公室|厅|部|人民政府|政府|中心|司法所|办事处|街道|镇|乡|区|县|市|州|旗)$")
        .expect("static regex")
});

/// A short self-name: a level character and a department (`市应急管理局`, `区司法局`).
static SHORT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[市区县州旗][\p{Han}]{2,10}?(?:局|委员会|办公室|厅)").expect("static regex")
});

/// A full name: place, level character and department (`大冶市应急管理局`); the place part
/// may carry a verb in front of it, which [`best_place`] removes.
static FULL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([\p{Han}]{2,8}?)([市区县州旗][\p{Han}]{2,10}?(?:局|委员会|办公室|厅))")
        .expect("static regex")
});

/// A heading title that opens with a year (`2024年推进…`): the year and the rest.
static YEAR_OPENING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d{2})\s*年(.*)$").expect("static regex"));

/// Extract metadata from the cleaned text and its structure (headings are not looked for
/// again here).
#[must_use]
pub fn extract(text: &str, cleaned: &Cleaned, structure: &Structure) -> Metadata {
    let body = text::clamp(text, cleaned.body);
    let title = cleaned
        .title
        .map(|t| text::clamp(text, t))
        .filter(|t| !t.is_empty());
    let published = signature_date(text, cleaned)
        .or_else(|| date_under_title(text, cleaned, body))
        .or_else(|| page_date(text, cleaned, body));
    let year = title
        .and_then(|t| first_year(text, t))
        .or_else(|| opening_year(text, cleaned, structure, body))
        .or_else(|| heading_year(text, &structure.headings))
        .or_else(|| {
            published.as_ref().map(|d| Located {
                value: if d.value.month <= 6 {
                    d.value.year.saturating_sub(1)
                } else {
                    d.value.year
                },
                span: d.span,
            })
        });
    let agency = cleaned
        .signature
        .map(|s| text::trim(text, s))
        .filter(|s| !s.is_empty())
        .map(|s| Located {
            value: s.slice(text).to_owned(),
            span: s,
        })
        .or_else(|| title.and_then(|t| title_agency(text, t)))
        .or_else(|| title.and_then(|t| agency_above_title(text, body, t)))
        .or_else(|| page_agency(text, cleaned, body))
        .or_else(|| opening_agency(text, cleaned, structure, body))
        .or_else(|| body_agency(text, body, None))
        .or_else(|| book_agency(text, body));
    Metadata {
        agency,
        year,
        published,
        title: title.map(|t| Located {
            value: t.slice(text).to_owned(),
            span: t,
        }),
    }
}

/// Parse the first date in `s` (offset `base`).
fn parse_date(s: &str, base: usize) -> Option<Located<Date>> {
    for caps in DATE.captures_iter(s) {
        let whole = caps.get(0)?;
        let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let cn = |i: usize| caps.get(i).and_then(|m| parse_cn_number(m.as_str()));
        let (y, m, d) = if let Some(y) = num(1) {
            (
                Some(y),
                num(2).or_else(|| num(4)),
                num(3).or_else(|| num(5)),
            )
        } else {
            (
                caps.get(6).and_then(|m| parse_cn_digits(m.as_str())),
                cn(7),
                cn(8),
            )
        };
        let (Some(y), Some(m), Some(d)) = (y, m, d) else {
            continue;
        };
        if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            continue;
        }
        return Some(Located {
            value: Date {
                year: u16::try_from(y).ok()?,
                month: u8::try_from(m).ok()?,
                day: u8::try_from(d).ok()?,
            },
            span: Span::new(base + whole.start(), base + whole.end()),
        });
    }
    None
}

fn signature_date(text: &str, cleaned: &Cleaned) -> Option<Located<Date>> {
    let span = text::clamp(text, cleaned.signature_date?);
    parse_date(span.slice(text), span.start)
}

/// A date on its own line just under the title (`（2025年1月8日）`).
fn date_under_title(text: &str, cleaned: &Cleaned, body: Span) -> Option<Located<Date>> {
    let title = cleaned.title?;
    for line in text::lines(text, Span::new(title.end, body.end))
        .into_iter()
        .skip(1)
    {
        let t = text::trim(text, line);
        let s = t.slice(text);
        if s.is_empty() || cleaned.is_furniture(t) {
            continue;
        }
        return DATE_LINE
            .is_match(s)
            .then(|| parse_date(s, t.start))
            .flatten();
    }
    None
}

/// The issuing body written on its own line above the title.
fn agency_above_title(text: &str, body: Span, title: Span) -> Option<Located<String>> {
    let above = text::trim(text, Span::new(body.start, title.start));
    let s = above
        .slice(text)
        .trim_end_matches('\n')
        .trim_matches(text::is_blank);
    if s.is_empty() || s.contains('\n') || !crate::clean::is_name_line(s) {
        return None;
    }
    let start = above.start + above.slice(text).find(s)?;
    Some(Located {
        value: s.to_owned(),
        span: Span::new(start, start + s.len()),
    })
}

/// A date from the page's information block (in the boilerplate, or between the title
/// and the text).
fn page_date(text: &str, cleaned: &Cleaned, body: Span) -> Option<Located<Date>> {
    let mut regions: Vec<Span> = cleaned.boilerplate.clone();
    regions.push(Span::new(0, body.start));
    regions.sort();
    // Field priority: the date the page says it was published, then the date of issue,
    // then a bare date or update field, then the date the page was generated.
    let rank = |field: &str| match field {
        "发布日期" | "公布日期" | "发布时间" => 0,
        "成文日期" | "发文日期" => 1,
        "生成日期" => 3,
        _ => 2,
    };
    let mut best: Option<(u8, Located<Date>)> = None;
    for r in regions {
        let r = text::clamp(text, r);
        let s = r.slice(text);
        for caps in PAGE_DATE.captures_iter(s) {
            let (Some(field), Some(all)) = (caps.get(1), caps.get(0)) else {
                continue;
            };
            let after = s.get(all.end()..).unwrap_or("");
            // The value is the next date within a short distance (key and value may sit on
            // separate lines in a table).
            let window: String = after.chars().take(24).collect();
            if let Some(d) = parse_date(&window, r.start + all.end()) {
                let k = rank(field.as_str());
                if best.as_ref().is_none_or(|(bk, _)| k < *bk) {
                    best = Some((k, d));
                }
            }
        }
    }
    best.map(|(_, d)| d)
}

/// The first year in `span`, skipping text inside `《》` and brackets.
fn first_year(text: &str, span: Span) -> Option<Located<u16>> {
    let s = span.slice(text);
    for m in YEAR.captures_iter(s) {
        let Some(all) = m.get(0) else { continue };
        if inside_brackets(s, all.start()) {
            continue;
        }
        let (y, value) = if let Some(y) = m.get(1) {
            (y, y.as_str().parse::<u16>().ok())
        } else if let Some(y) = m.get(2) {
            // `二〇二四年`
            let v = parse_cn_digits(y.as_str()).and_then(|v| u16::try_from(v).ok());
            (y, v.filter(|v| (1900..=2200).contains(v)))
        } else {
            continue;
        };
        let Some(value) = value else { continue };
        return Some(Located {
            value,
            span: Span::new(span.start + y.start(), span.start + y.end()),
        });
    }
    None
}

/// Whether byte `pos` of `s` sits inside `《》`, `“”` or round brackets.
fn inside_brackets(s: &str, pos: usize) -> bool {
    let before = s.get(..pos).unwrap_or("");
    let mut depth = 0i32;
    for c in before.chars() {
        match c {
            '《' | '“' | '(' | '（' | '〔' | '[' => depth += 1,
            '》' | '”' | ')' | '）' | '〕' | ']' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

/// The first year in the report's opening: its first two lines of text after the title.
fn opening_year(
    text: &str,
    cleaned: &Cleaned,
    structure: &Structure,
    body: Span,
) -> Option<Located<u16>> {
    let sections_start = structure
        .headings
        .first()
        .map_or(usize::MAX, |h| h.marker_span.start);
    let mut seen = 0;
    for line in text::lines(text, body) {
        let t = text::trim(text, line);
        let s = t.slice(text);
        if s.is_empty() || Some(line) == cleaned.title || Some(t) == cleaned.title {
            continue;
        }
        if cleaned.is_furniture(t) {
            continue;
        }
        // The opening paragraph ends where the numbered sections begin.
        if t.start >= sections_start {
            break;
        }
        // An addressee line (`县委、县政府：`) is not the opening paragraph.
        if s.chars().count() < 24 && s.ends_with([':', '：']) {
            continue;
        }
        // Only the first sentence or so.
        let head_len: usize = s.chars().take(120).map(char::len_utf8).sum();
        if let Some(y) = first_year(text, Span::new(t.start, t.start + head_len)) {
            return Some(y);
        }
        seen += 1;
        if seen >= 2 {
            break;
        }
    }
    None
}

/// The year of a level-1 heading that opens with one (`一、2024年…`): a section on the
/// year's work gives its year, a plan section gives the year before its own.
fn heading_year(text: &str, headings: &[Heading]) -> Option<Located<u16>> {
    let mut plan: Option<Located<u16>> = None;
    for h in headings.iter().filter(|h| h.level == HeadingLevel::L1) {
        // The heading's line after its marker: the title may stop before the words that
        // name the part (`一、2024年工作：主要举措和成效`).
        let from = h.marker_span.end;
        let line_end = text
            .get(from..)
            .and_then(|r| r.find('\n'))
            .map_or(text.len(), |i| from + i);
        let Some(after) = text.get(from..line_end) else {
            continue;
        };
        let lead = after.len() - after.trim_start_matches(text::is_blank).len();
        let Some(caps) = YEAR_OPENING.captures(after.get(lead..).unwrap_or("")) else {
            continue;
        };
        let (Some(y), Some(rest)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let Ok(value) = y.as_str().parse::<u16>() else {
            continue;
        };
        let span = Span::new(from + lead + y.start(), from + lead + y.end());
        let parts = crate::parts::parts_of_title(rest.as_str());
        if parts.contains(&crate::RequiredPart::NextYearPlan) {
            plan.get_or_insert(Located {
                value: value.saturating_sub(1),
                span,
            });
        } else if !parts.is_empty() {
            return Some(Located { value, span });
        }
    }
    plan
}

/// The name in a title: in front of the year (`某某区应急管理局2023年度…报告`), after it
/// (`2020年某某区法治政府建设情况报告`), before `发布` (`某某部发布2023年…`), past a bracketed
/// tag (`【2022年】某某局…`).
fn title_agency(text: &str, title: Span) -> Option<Located<String>> {
    let s = title.slice(text);
    // A leading tag in brackets, then a leading year.
    let mut from = 0;
    if let Some(close) = s
        .starts_with(['【', '['])
        .then(|| s.find(['】', ']']))
        .flatten()
    {
        from = close + s.get(close..)?.chars().next()?.len_utf8();
    }
    let rest = s.get(from..)?.trim_start_matches(text::is_blank);
    from = s.len() - rest.len();
    if let Some(y) = LEADING_YEAR.find(rest) {
        from += y.end();
    }
    let tail = s.get(from..)?;
    let cut = tail
        .char_indices()
        .find(|&(i, c)| {
            c.is_ascii_digit()
                || tail.get(i..).is_some_and(|r| {
                    [
                        "关于", "二〇", "二○", "法治", "依法", "法制", "发布", "印发", "年度",
                    ]
                    .iter()
                    .any(|w| r.starts_with(w))
                })
        })
        .map_or(tail.len(), |(i, _)| i);
    let head = tail.get(..cut)?.trim_end_matches(text::is_blank);
    let m = AGENCY_SUFFIX.find(head)?;
    // The whole head must be the name (no verb in front of it).
    if m.start() != 0 || NOT_A_NAME.is_match(m.as_str()) {
        return None;
    }
    let start = title.start + from + m.start();
    Some(Located {
        value: m.as_str().to_owned(),
        span: Span::new(start, start + m.len()),
    })
}

/// The name the report gives itself in its first sentence: the first clause that opens with
/// a name and a predicate (`2023年,某某省某某厅全面贯彻…`). A short name (`市应急管理局`)
/// becomes the full name that the text gives for it elsewhere (`某某市应急管理局`).
fn opening_agency(
    text: &str,
    cleaned: &Cleaned,
    structure: &Structure,
    body: Span,
) -> Option<Located<String>> {
    let sections_start = structure
        .headings
        .first()
        .map_or(usize::MAX, |h| h.marker_span.start);
    // The first line that reads as a sentence: not the title, page furniture, an addressee
    // (`区委、区政府:`), a name or date line, or a subtitle without punctuation.
    let line = text::lines(text, body).into_iter().find(|&line| {
        let t = text::trim(text, line);
        let s = t.slice(text);
        !s.is_empty()
            && Some(line) != cleaned.title
            && Some(t) != cleaned.title
            && !cleaned.is_furniture(t)
            && !(s.chars().count() < 24 && s.ends_with([':', '：']))
            && AGENCY_SUFFIX.find(s).is_none_or(|m| m.start() != 0)
            && !DATE_LINE.is_match(s)
            && s.contains([',', '，', '。'])
    })?;
    let t = text::trim(text, line);
    if t.start >= sections_start {
        return None;
    }
    let s = t.slice(text);
    // The first sentence, read clause by clause.
    let sentence_end = s.find(['。', '！', '？']).unwrap_or(s.len());
    let first = s.get(..sentence_end)?;
    let mut next = 0;
    for clause in first.split([',', '，', ';', '；', ':', '：']) {
        let pos = next;
        next += clause.len();
        next += first
            .get(next..)
            .and_then(|r| r.chars().next())
            .map_or(0, char::len_utf8);
        let lead = clause.len() - clause.trim_start_matches(text::is_blank).len();
        let mut c = clause.get(lead..).unwrap_or("");
        let mut off = pos + lead;
        if let Some(y) = LEADING_YEAR.find(c) {
            off += y.end();
            c = c.get(y.end()..).unwrap_or("");
        }
        let Some(name) = OPENING_NAME.captures(c).and_then(|caps| caps.get(1)) else {
            continue;
        };
        let name = name.as_str();
        if NOT_A_NAME.is_match(name) {
            continue;
        }
        let span = Span::new(t.start + off, t.start + off + name.len());
        if name.starts_with(['市', '区', '县', '州', '旗', '省']) {
            if let Some(full) = body_agency(text, body, Some(name)) {
                return Some(full);
            }
        }
        return Some(Located {
            value: name.to_owned(),
            span,
        });
    }
    None
}

/// A report that calls itself only `我局` may still give its full name at the head of one of
/// its own documents (`《某某市某某区某某局…实施方案》`): the first such name of the same kind.
fn book_agency(text: &str, body: Span) -> Option<Located<String>> {
    let scope = body.slice(text);
    let kind = SELF_REFERENCE.captures(scope)?.get(1)?.as_str();
    BOOK_NAME
        .captures_iter(scope)
        .filter_map(|c| c.get(1))
        .find(|m| m.as_str().ends_with(kind) && !NOT_A_NAME.is_match(m.as_str()))
        .map(|m| Located {
            value: m.as_str().to_owned(),
            span: Span::new(body.start + m.start(), body.start + m.end()),
        })
}

/// A full publisher name from a page field.
fn page_agency(text: &str, cleaned: &Cleaned, body: Span) -> Option<Located<String>> {
    let mut regions: Vec<Span> = cleaned.boilerplate.clone();
    regions.push(Span::new(0, body.start));
    regions.sort();
    for r in regions {
        let r = text::clamp(text, r);
        let s = r.slice(text);
        for caps in PAGE_AGENCY.captures_iter(s) {
            let Some(name) = caps.get(1) else { continue };
            // `区应急管理局` is a short name: it does not say which district; a general
            // office (`某某区人民政府办公室`) only published the page.
            let office = s
                .get(name.end()..)
                .is_some_and(|r| r.starts_with("办公室") || r.starts_with("办公厅"));
            if name
                .as_str()
                .starts_with(['市', '区', '县', '州', '旗', '省'])
                || office
                || GENERAL_OFFICE.is_match(name.as_str())
            {
                continue;
            }
            return Some(Located {
                value: name.as_str().to_owned(),
                span: Span::new(r.start + name.start(), r.start + name.end()),
            });
        }
    }
    None
}

/// Whether the char before byte `pos` of `s` starts a name: start of text, punctuation,
/// white space, a digit or an opening bracket.
fn at_name_start(s: &str, pos: usize) -> bool {
    s.get(..pos)
        .and_then(|t| t.chars().next_back())
        .is_none_or(|c| !is_han(c))
}

/// Function words that do not start a place name when they stand in front of one.
const LEADING_FUNCTION: &str = "由对在将经向与为是和及同从把被让使给据按";

/// Of the place readings in `place` (its suffixes of two chars or more), the one that occurs
/// most often in `scope`; on a tie the longer one, unless it starts with a function word.
/// Counts are kept in `counts` across calls.
fn best_place(scope: &str, place: &str, counts: &mut HashMap<String, usize>) -> Option<String> {
    let chars: Vec<char> = place.chars().collect();
    let mut best: Option<(usize, String)> = None;
    for k in 2..=chars.len() {
        let cand: String = chars.get(chars.len() - k..)?.iter().collect();
        let count = *counts
            .entry(cand.clone())
            .or_insert_with(|| scope.matches(cand.as_str()).count());
        let starts_with_function = cand
            .chars()
            .next()
            .is_some_and(|c| LEADING_FUNCTION.contains(c));
        let better = match &best {
            None => true,
            Some((bc, _)) => count > *bc || (count == *bc && !starts_with_function),
        };
        if better {
            best = Some((count, cand));
        }
    }
    best.map(|(_, p)| p)
}

/// A full agency name in the body: the report's short self-name (`市应急管理局`) with the
/// place name that precedes it somewhere in the text.
fn body_agency(text: &str, body: Span, short: Option<&str>) -> Option<Located<String>> {
    // Reports are tens of kilobytes; a bound keeps pathological input cheap.
    const MAX_SCOPE_CHARS: usize = 100_000;
    const MAX_NAMES: usize = 64;
    let whole = body.slice(text);
    // A body of no more bytes than the bound has no more characters either: counted only
    // when longer.
    let scope_len: usize = if whole.len() <= MAX_SCOPE_CHARS {
        whole.len()
    } else {
        whole
            .chars()
            .take(MAX_SCOPE_CHARS)
            .map(char::len_utf8)
            .sum()
    };
    let scope = whole.get(..scope_len).unwrap_or(whole);
    // The self-name: the first short name that starts a clause.
    let given = short.is_some();
    let short = short.map(str::to_owned).or_else(|| {
        SHORT_NAME
            .find_iter(scope)
            .find(|m| at_name_start(scope, m.start()))
            .map(|m| m.as_str().to_owned())
    });
    // Full names, each with its best place reading.
    let mut counts = HashMap::new();
    let mut names: Vec<(String, Span)> = Vec::new();
    for caps in FULL_NAME.captures_iter(scope) {
        let (Some(place), Some(dept)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        if short.as_deref().is_some_and(|s| s != dept.as_str()) {
            continue;
        }
        let Some(p) = best_place(scope, place.as_str(), &mut counts) else {
            continue;
        };
        let start = place.end() - p.len();
        // A phrase of the body that happens to end in 局 (`紧密围绕区委中心工作大局`).
        if NOT_A_NAME.is_match(&format!("{p}{}", dept.as_str())) {
            continue;
        }
        names.push((
            format!("{p}{}", dept.as_str()),
            Span::new(body.start + start, body.start + dept.end()),
        ));
        if names.len() >= MAX_NAMES {
            break;
        }
    }
    if given {
        // Expanding a given short name: only a full name of it will do.
        names.retain(|(name, _)| name.len() > short.as_ref().map_or(0, String::len));
    } else if short.is_none() {
        // Without a self-name, only a name in the opening sentence is trusted.
        let opening_end: usize = scope.chars().take(80).map(char::len_utf8).sum();
        names.retain(|(_, s)| s.end <= body.start + opening_end);
    }
    // The most frequent full name; on a tie the first.
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for (name, _) in &names {
        *freq.entry(name.as_str()).or_default() += 1;
    }
    let mut best: Option<(usize, &(String, Span))> = None;
    for n in &names {
        let count = freq.get(n.0.as_str()).copied().unwrap_or(0);
        if best.is_none_or(|(bc, _)| count > bc) {
            best = Some((count, n));
        }
    }
    best.map(|(_, (name, span))| Located {
        value: name.clone(),
        span: *span,
    })
}

/// Build this module's patterns and tables now (each is built on its first use otherwise):
/// see [`crate::prepare`].
pub(crate) fn prepare() {
    LazyLock::force(&DATE);
    LazyLock::force(&PAGE_DATE);
    LazyLock::force(&PAGE_AGENCY);
    LazyLock::force(&GENERAL_OFFICE);
    LazyLock::force(&OPENING_NAME);
    LazyLock::force(&NOT_A_NAME);
    LazyLock::force(&LEADING_YEAR);
    LazyLock::force(&SELF_REFERENCE);
    LazyLock::force(&BOOK_NAME);
    LazyLock::force(&YEAR);
    LazyLock::force(&AGENCY_SUFFIX);
    LazyLock::force(&SHORT_NAME);
    LazyLock::force(&FULL_NAME);
    LazyLock::force(&YEAR_OPENING);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_regex() {
        let cases = [
            ("2025年1月8日", Some((2025, 1, 8))),
            ("2024-02-19 16:51", Some((2024, 2, 19))),
            ("二〇二五年一月八日", Some((2025, 1, 8))),
            ("二○二四年十二月三十一日", Some((2024, 12, 31))),
            ("2024年13月1日", None),
            ("2024年", None),
        ];
        for (s, want) in cases {
            let got = parse_date(s, 0).map(|d| (d.value.year, d.value.month, d.value.day));
            assert_eq!(got, want, "{s}");
        }
    }

    #[test]
    fn page_date_regex() {
        assert!(PAGE_DATE.is_match("发布日期: 2024-02-19"));
        assert!(PAGE_DATE.is_match("信息提供日期 : 2023-12-20"));
        assert!(!PAGE_DATE.is_match("截至2023年10月31日"));
    }

    #[test]
    fn page_agency_regex() {
        let c = PAGE_AGENCY
            .captures("来源 : 深圳市某某区应急管理局 信息索引号")
            .unwrap();
        assert_eq!(&c[1], "深圳市某某区应急管理局");
        assert!(!PAGE_AGENCY.is_match("发布日期 2024-02-19"));
        let c = PAGE_AGENCY
            .captures("发布机构：某某市某某区某某街道办事处")
            .unwrap();
        assert_eq!(&c[1], "某某市某某区某某街道办事处");
    }

    #[test]
    fn page_agency_in_cells_and_brackets() {
        let table = [
            ("| 发布机构 | 青川县水利局 | 文 号 |", Some("青川县水利局")),
            (
                "[ 发布机构 ] 宁远县白石乡人民政府 [ 有效性 ]",
                Some("宁远县白石乡人民政府"),
            ),
            (
                "| 发文机关: | 临溪县民政局 | 发文日期: | |",
                Some("临溪县民政局"),
            ),
            (
                "文章来源:柳城县人民政府 更新时间:2022/04/06",
                Some("柳城县人民政府"),
            ),
            ("发布机构:\n某某市某某局关于…", None),
        ];
        for (s, want) in table {
            let got = PAGE_AGENCY
                .captures(s)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str());
            assert_eq!(got, want, "{s}");
        }
    }

    #[test]
    fn page_agency_skips_general_offices() {
        let t = "来源：云川县人民政府办公室 浏览量：12\n2023年，我局…";
        let c = Cleaned {
            body: Span::new(t.find("2023").unwrap_or(0), t.len()),
            ..Cleaned::default()
        };
        assert_eq!(page_agency(t, &c, c.body), None);
        for (name, office) in [
            ("云川县人民政府办公室", true),
            ("某某省人民政府办公厅", true),
            ("本网", true),
            ("云川县司法局", false),
        ] {
            assert_eq!(GENERAL_OFFICE.is_match(name), office, "{name}");
        }
    }

    #[test]
    fn page_date_fields_table() {
        for (s, field) in [
            ("发布时间:2023-05-06", "发布时间"),
            ("更新时间:2021/03/29 11:30:01", "更新时间"),
            ("日期:2026-03-17 11:12", "日期"),
            ("时间:2021-02-07 15:41:47", "时间"),
            ("[ 发布日期 ] 2026-02-10", "发布日期"),
            ("| 发文日期 | 2024-02-06 |", "发文日期"),
        ] {
            let c = PAGE_DATE.captures(s);
            assert_eq!(
                c.and_then(|c| c.get(1))
                    .map(|m| m.as_str().replace(' ', "")),
                Some(field.to_owned()),
                "{s}"
            );
        }
        // 发布日期 wins over 成文日期 on the same page.
        let t = "[ 成文日期 ] 2025-01-22 [ 发布日期 ] 2025-02-10\n正文开始，2024年，某局坚持。";
        let c = Cleaned {
            body: Span::new(t.find('\n').unwrap_or(0) + 1, t.len()),
            ..Cleaned::default()
        };
        let d = page_date(t, &c, c.body).map(|d| d.value.iso());
        assert_eq!(d.as_deref(), Some("2025-02-10"));
    }

    #[test]
    fn opening_name_regex() {
        let table = [
            ("福川省交通运输厅全面贯彻落实", Some("福川省交通运输厅")),
            ("青溪县市场监督管理局坚持以", Some("青溪县市场监督管理局")),
            ("柳桥街道办事处深入学习", Some("柳桥街道办事处")),
            ("白沙镇在县委", Some("白沙镇")),
            ("水利部坚持", Some("水利部")),
            ("省应急管理厅始终坚持", Some("省应急管理厅")),
            ("省林业厅的正确指导下", None),
            ("在县委、县政府的坚强领导下", None),
            ("市委市政府高度重视", Some("市委市政府")),
        ];
        for (s, want) in table {
            let got = OPENING_NAME
                .captures(s)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str());
            assert_eq!(got, want, "{s}");
        }
    }

    #[test]
    fn not_a_name_regex() {
        for name in [
            "市委市政府",
            "紧密围绕区委",
            "我局",
            "全区",
            "区委",
            "在县委",
            "深入推进法治政府建设",
        ] {
            assert!(NOT_A_NAME.is_match(name), "{name}");
        }
        for name in [
            "福川省交通运输厅",
            "白沙镇",
            "柳桥街道办事处",
            "水利部",
            "城西区",
            "青溪县住房和城乡建设局",
        ] {
            assert!(!NOT_A_NAME.is_match(name), "{name}");
        }
    }

    #[test]
    fn leading_year_regex() {
        for (s, want) in [
            ("2023年", Some("2023年")),
            ("2025年以来", Some("2025年以来")),
            ("2024年度", Some("2024年度")),
            ("今年以来", Some("今年以来")),
            ("全县", None),
        ] {
            assert_eq!(LEADING_YEAR.find(s).map(|m| m.as_str()), want, "{s}");
        }
    }

    /// `(text, expected agency)`: the whole pipeline, for the body's first sentence.
    #[test]
    fn opening_agency_table() {
        let table = [
            (
                "2023年,福川省交通运输厅全面贯彻落实党的二十大精神。\n一、主要举措和成效\n正文。",
                Some("福川省交通运输厅"),
            ),
            (
                "2024年以来,在县委、县政府的坚强领导下,青溪县市场监督管理局坚持依法行政。\n一、加强领导\n正文。",
                Some("青溪县市场监督管理局"),
            ),
            (
                "2022年,紧密围绕区委中心工作大局,扎实推进依法行政。\n一、加强领导\n正文。",
                None,
            ),
            (
                "2024年,我局深入学习贯彻习近平法治思想。\n一、加强领导\n正文。",
                None,
            ),
            (
                "2024年,市水务局坚持依法行政。制定《安平市水务局行政执法监督办法》。\n一、加强领导\n正文。",
                Some("安平市水务局"),
            ),
            (
                "根据上级部署,2023年,柳桥街道以学习贯彻习近平法治思想为主线推进工作。\n一、加强领导\n正文。",
                Some("柳桥街道"),
            ),
            (
                "区委、区政府:\n（2024年1月15日）\n2023年,城西区卫生健康局坚持依法行政。\n一、加强领导\n正文。",
                Some("城西区卫生健康局"),
            ),
        ];
        for (text, want) in table {
            let a = crate::analyze(text);
            assert_eq!(
                a.metadata.agency.as_ref().map(|l| l.value.as_str()),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn book_name_regex() {
        let table = [
            (
                "《安平市桐川区卫生健康局法治建设实施方案》",
                Some("安平市桐川区卫生健康局"),
            ),
            (
                "《青溪县市场监督管理局领导干部学法清单》",
                Some("青溪县市场监督管理局"),
            ),
            ("《法治政府建设实施纲要(2021-2025年)》", None),
            ("《安平市法治政府建设实施方案》", None),
        ];
        for (s, want) in table {
            let got = BOOK_NAME
                .captures(s)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str());
            assert_eq!(got, want, "{s}");
        }
        // Only for a report that says 我局, and only a name of its own kind.
        for (text, want) in [
            (
                "2024年,我局坚持依法行政。印发《安平市桐川区卫生健康局法治建设实施方案》。",
                Some("安平市桐川区卫生健康局"),
            ),
            (
                "2024年,我局坚持依法行政。落实《安平市法治政府建设实施方案》。",
                None,
            ),
            (
                "2024年,我局坚持依法行政。落实《生态环境部关于加强执法的意见》。",
                None,
            ),
            (
                "2024年,坚持依法行政。印发《安平市桐川区卫生健康局法治建设实施方案》。",
                None,
            ),
        ] {
            let got = book_agency(text, Span::new(0, text.len()));
            assert_eq!(got.as_ref().map(|l| l.value.as_str()), want, "{text}");
        }
        assert_eq!(
            SELF_REFERENCE
                .captures("我委认真落实")
                .and_then(|c| c.get(1))
                .map(|m| m.as_str()),
            Some("委")
        );
    }

    #[test]
    fn year_regex() {
        assert_eq!(
            YEAR.captures("2024年,市局").map(|c| c[1].to_owned()),
            Some("2024".into())
        );
        assert!(!YEAR.is_match("〔2024〕7号"));
        let t = "二〇二三年度法治政府建设情况报告";
        assert_eq!(
            first_year(t, Span::new(0, t.len())).map(|y| y.value),
            Some(2023)
        );
        let t = "《纲要(2021—2025年)》2024年";
        assert_eq!(
            first_year(t, Span::new(0, t.len())).map(|y| y.value),
            Some(2024)
        );
        assert!(!YEAR.is_match("12345"));
    }

    #[test]
    fn agency_suffix_regex() {
        for name in [
            "某某区应急管理局",
            "某某县人民政府",
            "某某市某某区某某街道办事处",
            "某某街道",
            "某某镇",
            "某某经济开发区管委会",
        ] {
            assert_eq!(
                AGENCY_SUFFIX.find(name).map(|m| m.as_str()),
                Some(name),
                "{name}"
            );
        }
        for not in ["关于", "镇", "法治政府建设情况"] {
            assert!(!AGENCY_SUFFIX.is_match(not), "{not}");
        }
    }

    #[test]
    fn title_agency_table() {
        let table = [
            (
                "临江市东湖区柳岸街道办事处2024年度法治政府建设情况报告",
                Some("临江市东湖区柳岸街道办事处"),
            ),
            ("某某镇2024年法治政府建设工作报告", Some("某某镇")),
            (
                "某某县司法局关于2024年度法治政府建设情况的报告",
                Some("某某县司法局"),
            ),
            ("关于2024年度法治政府建设情况的报告", None),
            ("全面推进法治政府建设2024年工作报告", None),
            ("2021年柳城区法治政府建设情况报告", Some("柳城区")),
            ("水利部发布2023年法治政府建设年度报告", Some("水利部")),
            (
                "【2022年】州林业局2022年度法治政府建设报告",
                Some("州林业局"),
            ),
            ("2024年度法治政府建设情况报告", None),
            ("2024年深入推进依法行政工作报告", None),
        ];
        for (title, want) in table {
            let got = title_agency(title, Span::new(0, title.len()));
            assert_eq!(got.as_ref().map(|l| l.value.as_str()), want, "{title}");
        }
    }

    #[test]
    fn short_name_regex() {
        let cases = [
            ("市应急管理局深入学习", Some("市应急管理局")),
            ("区司法局认真履职", Some("区司法局")),
            ("县住房和城乡建设局", Some("县住房和城乡建设局")),
            ("市委、市政府", None),
            ("全市应急", None),
        ];
        for (s, want) in cases {
            assert_eq!(SHORT_NAME.find(s).map(|m| m.as_str()), want, "{s}");
        }
    }

    #[test]
    fn full_name_regex() {
        let cases = [
            (
                "成立某乡市应急管理局法治政府建设领导小组",
                Some(("成立某乡", "市应急管理局")),
            ),
            (
                "2025年,某地市应急管理局坚持",
                Some(("某地", "市应急管理局")),
            ),
            ("在市委领导下", None),
        ];
        for (s, want) in cases {
            let got = FULL_NAME
                .captures(s)
                .and_then(|c| Some((c.get(1)?.as_str(), c.get(2)?.as_str())));
            assert_eq!(got, want, "{s}");
        }
    }

    #[test]
    fn year_opening_regex() {
        assert!(YEAR_OPENING.is_match("2024年推进法治政府建设的主要举措和成效"));
        assert!(YEAR_OPENING.is_match("2024 年工作"));
        assert!(!YEAR_OPENING.is_match("推进2024年工作"));
        assert!(!YEAR_OPENING.is_match("3024年"));
    }

    #[test]
    fn place_names_prefer_the_recurring_reading() {
        let scope = "成立某乡市应急管理局。某乡融媒体中心。走进某乡。";
        let mut counts = HashMap::new();
        assert_eq!(
            best_place(scope, "成立某乡", &mut counts).as_deref(),
            Some("某乡")
        );
        let scope = "石家庄市某局。石家庄";
        let mut counts = HashMap::new();
        assert_eq!(
            best_place(scope, "石家庄", &mut counts).as_deref(),
            Some("石家庄")
        );
    }
}
