//! Regions of the text that hold numbers which are not stated quantities: quotations and
//! titles, document numbers, phone numbers, IDs and index numbers, dates and times.

use std::sync::LazyLock;

use regex::Regex;
use regex_automata::util::prefilter::Prefilter;
use regex_automata::MatchKind;

use super::number::is_arabic_digit;
use crate::Span;

/// Text inside quotation marks or title marks, marks included. Slogans, standards and
/// quoted requirements (`“四个100%”`, `“1310”`, `《…(2021-2025年)》`) are not results.
/// A mark left open on its line excludes nothing.
pub static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"“[^“”\n]{0,200}”|‘[^‘’\n]{0,200}’|「[^「」\n]{0,200}」|『[^『』\n]{0,200}』",
        r#"|《[^《》\n]{0,200}》|〈[^〈〉\n]{0,200}〉|"[^"\n]{0,120}""#,
    ))
    .expect("QUOTED is a valid pattern")
});

/// Document numbers: `〔2024〕7号`, `[2015]19号`, `（2023）第12号`.
pub static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[〔\[［【(（]\s*(?:19|20)[0-9０-９]{2}\s*[〕\]］】)）]\s*(?:第\s*)?[0-9０-９]+\s*号",
    )
    .expect("DOC_NUMBER is a valid pattern")
});

/// Phone numbers: landlines with an area code and a separator (`0631-6651234`,
/// `(0755)12345678`), mobiles (`13812345678`) and `400` service lines.
pub static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[(（]0[0-9]{2,3}[)）]\s*[0-9]{7,8}|0[0-9]{2,3}[-－—–][0-9]{7,8}",
        r"|1[3-9][0-9]{9}|400[-－][0-9]{3}[-－][0-9]{4}",
    ))
    .expect("PHONE is a valid pattern")
});

/// Codes joined by `-` `/` `.` (`77080179-5/2024-29871`, `GB/T`, `1.2.3`, `2024-02-19`)
/// and runs of 11 or more digits. [`regions`] keeps only those that look like IDs.
pub static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9A-Za-z]+(?:[-/.][0-9A-Za-z]+)+|[0-9]{11,}").expect("CODE is a valid pattern")
});

/// Dates: `2024年1月8日`, `2024-1-8`, `2024.01.08`, `2024/1/8`, `12月20日`.
pub static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*[日号]",
        r"|(?:19|20)[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}|(?:19|20)[0-9]{2}/[0-9]{1,2}/[0-9]{1,2}",
        r"|(?:19|20)[0-9]{2}[.．][0-9]{1,2}[.．][0-9]{1,2}",
        r"|[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*[日号]",
    ))
    .expect("DATE is a valid pattern")
});

/// Clock times: `15:41`, `16:51:34`, `9时30分`, `8点`.
pub static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?",
        r"|[0-9]{1,2}\s*[时点]\s*(?:[0-9]{1,2}\s*分(?:\s*[0-9]{1,2}\s*秒)?)?",
    ))
    .expect("TIME is a valid pattern")
});

/// Page counters (`浏览:5072次`, `浏览量：1`, `点击数 236`, `阅读次数:58次`): how often the
/// page was opened, not anything the report states. The region runs to the end of the count
/// and its measure word.
pub static PAGE_COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:浏览|点击|阅读|访问)(?:次数|量|数|率)?[ \t　]*[:：][ \t　]*[0-9０-９]+(?:[ \t　]*(?:人次|次))?|(?:浏览|点击|阅读|访问)(?:次数|量|数)[ \t　]*[0-9０-９]+(?:[ \t　]*(?:人次|次))?",
    )
    .expect("PAGE_COUNTER is a valid pattern")
});

/// Whether a [`CODE`] match is an ID rather than a range (`2-3`, `100000-200000`) or a
/// decimal (`10000000.5`): it has a `/` or a letter, two or more separators, no separator
/// and 11+ digits, or one `-` between digit groups of very different lengths
/// (`2023-11073972`, `77080179-5`).
fn is_id(code: &str) -> bool {
    let seps = code
        .chars()
        .filter(|c| matches!(c, '-' | '/' | '.'))
        .count();
    if code.contains('/') || code.chars().any(|c| c.is_ascii_alphabetic()) || seps >= 2 {
        return true;
    }
    if seps == 0 {
        return code.len() >= 11;
    }
    match code.split_once('-') {
        Some((a, b)) => a.len().max(b.len()) >= 6 && a.len().abs_diff(b.len()) >= 2,
        None => false,
    }
}

/// Whether the match `[s, e)` sits between non-digits (regex `\b` does not help between a
/// CJK character and a digit).
fn bounded(hay: &str, s: usize, e: usize) -> bool {
    let before = hay.get(..s).and_then(|t| t.chars().next_back());
    let after = hay.get(e..).and_then(|t| t.chars().next());
    !before.is_some_and(is_arabic_digit) && !after.is_some_and(is_arabic_digit)
}

/// A pattern of this module compiled again with a prefilter that jumps to the bytes every
/// match must start with: over Chinese text, most of which holds no such byte, the search
/// skips ahead instead of stepping its automaton through every byte. The prefilter only
/// chooses where to try; what matches is the pattern's (a test holds the two equal).
fn with_prefilter(re: &Regex, first_bytes: &[u8]) -> regex_automata::meta::Regex {
    let needles: Vec<[u8; 1]> = first_bytes.iter().map(|&b| [b]).collect();
    let prefilter = Prefilter::new(MatchKind::LeftmostFirst, &needles);
    regex_automata::meta::Regex::builder()
        .configure(regex_automata::meta::Regex::config().prefilter(prefilter))
        .build(re.as_str())
        .expect("an exclusion pattern builds with its prefilter")
}

/// ASCII digits: where every [`DATE`] match starts.
const DIGITS: &[u8] = b"0123456789";
/// Where every [`PHONE`] match starts: `(`, the first byte of `（`, `0`, `1`, `4`.
const PHONE_FIRST: &[u8] = b"(\xef014";
/// Where every [`CODE`] match starts: ASCII letters and digits.
const CODE_FIRST: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static DATE_FAST: LazyLock<regex_automata::meta::Regex> =
    LazyLock::new(|| with_prefilter(&DATE, DIGITS));
static PHONE_FAST: LazyLock<regex_automata::meta::Regex> =
    LazyLock::new(|| with_prefilter(&PHONE, PHONE_FIRST));
static CODE_FAST: LazyLock<regex_automata::meta::Regex> =
    LazyLock::new(|| with_prefilter(&CODE, CODE_FIRST));

/// Every excluded region within `bounds`, sorted by start.
#[must_use]
pub fn regions(text: &str, bounds: Span, excluded: &[Span]) -> Vec<Span> {
    let Some(hay) = text.get(..bounds.end.min(text.len())) else {
        return Vec::new();
    };
    let start = bounds.start.min(hay.len());
    // Regions found by earlier passes (page furniture) come first.
    let mut out = excluded.to_vec();
    for m in QUOTED.find_iter(hay.get(start..).unwrap_or("")) {
        out.push(Span::new(start + m.start(), start + m.end()));
    }
    for re in [&*DOC_NUMBER, &*TIME, &*PAGE_COUNTER] {
        for m in re.find_iter(hay.get(start..).unwrap_or("")) {
            let (s, e) = (start + m.start(), start + m.end());
            if bounded(hay, s, e) {
                out.push(Span::new(s, e));
            }
        }
    }
    let rest = hay.get(start..).unwrap_or("");
    for re in [&*DATE_FAST, &*PHONE_FAST] {
        for m in re.find_iter(rest) {
            let (s, e) = (start + m.start(), start + m.end());
            if bounded(hay, s, e) {
                out.push(Span::new(s, e));
            }
        }
    }
    for m in CODE_FAST.find_iter(rest) {
        if rest.get(m.range()).is_some_and(is_id) {
            out.push(Span::new(start + m.start(), start + m.end()));
        }
    }
    out.sort_unstable();
    // Merge overlapping regions (a date inside a quotation) so lookups can bisect.
    let mut merged: Vec<Span> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The region holding `offset`, if any (`regions` as returned by [`regions`]: sorted and
/// disjoint).
#[must_use]
pub fn region_at(regions: &[Span], offset: usize) -> Option<Span> {
    let i = regions.partition_point(|r| r.start <= offset);
    let r = *regions.get(i.checked_sub(1)?)?;
    r.contains(offset).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(re: &Regex, s: &str) -> Vec<String> {
        re.find_iter(s).map(|m| m.as_str().to_owned()).collect()
    }

    #[test]
    fn prefilters_find_what_the_patterns_find() {
        let texts = [
            include_str!("../../../../www/demo/demo-report.txt"),
            "根据〔2024〕7号文件，于2024年1月8日 15:41召开会议，电话0631-6651234、(0755)12345678、\
             （0755）1234567、13812345678，编号77080179-5/2024-29871，GB/T 1.2.3，12月20日，\
             400-123-4567，2024.01.08，2024/1/8，123月4日，abc-1 x-y-z 1-12月 2-3次，共154项。",
        ];
        for (k, text) in texts.into_iter().enumerate() {
            for (plain, fast) in [
                (&*DATE, &*DATE_FAST),
                (&*PHONE, &*PHONE_FAST),
                (&*CODE, &*CODE_FAST),
            ] {
                let want: Vec<(usize, usize)> = plain
                    .find_iter(text)
                    .map(|m| (m.start(), m.end()))
                    .collect();
                let got: Vec<(usize, usize)> =
                    fast.find_iter(text).map(|m| (m.start(), m.end())).collect();
                // The second text holds every kind (the demo has no phone numbers).
                assert!(k == 0 || !want.is_empty(), "{}", plain.as_str());
                assert_eq!(got, want, "{}", plain.as_str());
            }
        }
    }

    #[test]
    fn quoted_table() {
        let table: [(&str, &[&str]); 7] = [
            ("围绕“四个100%”目标", &["“四个100%”"]),
            ("《纲要(2021-2025年)》等", &["《纲要(2021-2025年)》"]),
            ("‘底线’与「红线」", &["‘底线’", "「红线」"]),
            ("《落实“两书同达”的通知》", &["《落实“两书同达”的通知》"]),
            ("未闭合“引号\n下一行”", &[]),
            ("共154项", &[]),
            (r#"the "12 items" quote"#, &[r#""12 items""#]),
        ];
        for (s, want) in table {
            assert_eq!(all(&QUOTED, s), want, "{s}");
        }
    }

    #[test]
    fn page_counter_table() {
        let table: [(&str, &[&str]); 7] = [
            ("浏览:318次 时间:2023-05-06", &["浏览:318次"]),
            ("浏览量：1", &["浏览量：1"]),
            ("点击数 2406 来源:本站", &["点击数 2406"]),
            ("阅读次数: 77次", &["阅读次数: 77次"]),
            ("累计浏览网页5000次", &[]),
            ("点击率达到95%", &[]),
            ("开展执法检查45次", &[]),
        ];
        for (s, want) in table {
            assert_eq!(all(&PAGE_COUNTER, s), want, "{s}");
        }
    }

    #[test]
    fn doc_number_table() {
        let table: [(&str, &[&str]); 5] = [
            ("编字〔2024〕7号要求", &["〔2024〕7号"]),
            ("(福府[2015]19号)", &["[2015]19号"]),
            ("（2023）第12号", &["（2023）第12号"]),
            ("〔2024〕7家", &[]),
            ("共7号", &[]),
        ];
        for (s, want) in table {
            assert_eq!(all(&DOC_NUMBER, s), want, "{s}");
        }
    }

    #[test]
    fn phone_table() {
        let table: [(&str, &[&str]); 5] = [
            ("电话0631-6651234。", &["0631-6651234"]),
            ("拨打13812345678", &["13812345678"]),
            ("(0755)82345678", &["(0755)82345678"]),
            ("400-123-4567", &["400-123-4567"]),
            ("共12345件", &[]),
        ];
        for (s, want) in table {
            assert_eq!(all(&PHONE, s), want, "{s}");
        }
    }

    #[test]
    fn code_table() {
        let table: [(&str, &[&str]); 5] = [
            (
                "索引号 77080179-5/2024-29871 公开",
                &["77080179-5/2024-29871"],
            ),
            ("GB/T 9704-2012", &["GB/T", "9704-2012"]),
            ("2-3个", &["2-3"]),
            ("12345678901号", &["12345678901"]),
            ("共3家", &[]),
        ];
        for (s, want) in table {
            assert_eq!(all(&CODE, s), want, "{s}");
        }
        assert!(is_id("77080179-5/2024-29871"));
        assert!(is_id("2023-12-20"));
        assert!(is_id("2023-11073972"));
        assert!(is_id("1.2.3"));
        assert!(is_id("GB/T"));
        assert!(!is_id("2-3"));
        assert!(!is_id("2021-2025"));
        assert!(!is_id("1.5"));
        assert!(!is_id("10000000.5"));
        assert!(!is_id("100000-200000"));
        assert!(is_id("77080179-5"));
    }

    #[test]
    fn date_table() {
        let table: [(&str, &[&str]); 7] = [
            ("2023年1.5万元", &[]),
            ("2024.1.5", &["2024.1.5"]),
            ("2025年1月8日", &["2025年1月8日"]),
            ("2024-02-19 16:51", &["2024-02-19"]),
            ("截至12月20日,", &["12月20日"]),
            ("2024年7月份", &[]),
            ("共12项", &[]),
        ];
        for (s, want) in table {
            assert_eq!(all(&DATE, s), want, "{s}");
        }
    }

    #[test]
    fn time_table() {
        let table: [(&str, &[&str]); 5] = [
            ("2023-12-20 15:41来源", &["15:41"]),
            ("16:51:34 点击", &["16:51:34"]),
            ("上午9时30分召开", &["9时30分"]),
            ("8点", &["8点"]),
            ("共3小时", &[]),
        ];
        for (s, want) in table {
            assert_eq!(all(&TIME, s), want, "{s}");
        }
    }

    #[test]
    fn regions_are_merged_and_found() {
        let t = "“2024年1月8日印发”,电话0631-6651234。";
        let r = regions(t, Span::new(0, t.len()), &[]);
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(r.windows(2).all(|w| w[0].end <= w[1].start));
        let quote = t.find('“').unwrap();
        assert_eq!(region_at(&r, quote + 3).map(|s| s.start), Some(quote));
        assert_eq!(region_at(&r, t.find(',').unwrap()), None);
        assert_eq!(region_at(&[], 0), None);
    }

    #[test]
    fn regions_respect_digit_bounds() {
        let t = "号码113812345678不是手机;电话0631-6651234。“3次”";
        let r = regions(t, Span::new(0, t.len()), &[]);
        let texts: Vec<&str> = r.iter().map(|s| s.slice(t)).collect();
        assert!(texts.contains(&"0631-6651234"));
        assert!(texts.contains(&"“3次”"));
        assert!(!texts.contains(&"13812345678"));
    }
}
