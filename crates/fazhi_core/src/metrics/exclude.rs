//! Regions of the text that hold numbers which are not stated quantities: quotations and
//! titles, document numbers, phone numbers, IDs and index numbers, dates and times.

use std::sync::LazyLock;

use regex::Regex;

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

/// Whether `c` can stand in a match of [`DATE`], [`TIME`], [`PHONE`] or [`CODE`]: ASCII
/// letters and digits, their separators and brackets, white space (`\s`), and the words and
/// marks of dates, times and phone numbers.
fn in_number_island(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c.is_whitespace()
        || matches!(
            c,
            '-' | '/'
                | '.'
                | ':'
                | '('
                | ')'
                | '年'
                | '月'
                | '日'
                | '号'
                | '．'
                | '：'
                | '时'
                | '点'
                | '分'
                | '秒'
                | '（'
                | '）'
                | '－'
                | '—'
                | '–'
        )
}

/// The first ASCII letter or digit at or after `from`. Chinese text is nearly all bytes of
/// 0x80 and above: eight bytes are read as one number, and a word of eight such bytes, the
/// usual case, is passed over whole.
fn next_ascii_alnum(bytes: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut base = from;
    for chunk in chunks.by_ref() {
        let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        if word & HIGH != HIGH {
            if let Some(k) = chunk.iter().position(u8::is_ascii_alphanumeric) {
                return Some(base + k);
            }
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(u8::is_ascii_alphanumeric)
        .map(|k| base + k)
}

/// The stretches of `hay` where a [`DATE`], [`TIME`], [`PHONE`] or [`CODE`] match can lie:
/// maximal runs of [`in_number_island`] characters that hold an ASCII letter or digit (every
/// match of the four holds one), in order. None of the patterns looks outside its match, so
/// each pattern finds in the islands, one by one, just what it finds in the whole text; the
/// rest of a report, nearly all of it, is passed over a byte at a time, not searched four
/// times (a test holds the two equal).
fn number_islands(hay: &str) -> Vec<Span> {
    let bytes = hay.as_bytes();
    let mut out: Vec<Span> = Vec::new();
    let mut i = 0;
    while let Some(at) = next_ascii_alnum(bytes, i) {
        // Back to the island's start, not before the island before it.
        let floor = out.last().map_or(0, |s| s.end);
        let mut start = at;
        while let Some(c) = hay
            .get(floor..start)
            .and_then(|b| b.chars().next_back())
            .filter(|&c| in_number_island(c))
        {
            start -= c.len_utf8();
        }
        let end = hay.get(at..).map_or(at, |r| {
            at + r
                .char_indices()
                .find(|&(_, c)| !in_number_island(c))
                .map_or(r.len(), |(k, _)| k)
        });
        out.push(Span::new(start, end));
        // An island ends before a character outside the alphabet (or at the end).
        i = end.max(at + 1);
    }
    out
}

/// What an island holds that [`DATE`], [`TIME`], [`PHONE`] and [`CODE`] cannot match
/// without: most islands are a plain figure (`154`, `2024年`), in which none of them is run.
#[derive(Debug, Clone, Copy, Default)]
struct IslandMarks {
    /// ASCII digits.
    digits: usize,
    /// `-` `/` `.`
    ascii_sep: bool,
    /// `月` or `．`
    month_or_dot: bool,
    /// `:` `：` `时` `点`
    clock: bool,
}

impl IslandMarks {
    fn of(island: &str) -> Self {
        let mut m = Self::default();
        for c in island.chars() {
            match c {
                '0'..='9' => m.digits += 1,
                '-' | '/' | '.' => m.ascii_sep = true,
                '月' | '．' => m.month_or_dot = true,
                ':' | '：' | '时' | '点' => m.clock = true,
                _ => {}
            }
        }
        m
    }

    /// Every [`TIME`] match holds `:` `：` `时` or `点`.
    fn time(self) -> bool {
        self.clock
    }

    /// Every [`DATE`] match holds `月` or a separator `-` `/` `.` `．`.
    fn date(self) -> bool {
        self.month_or_dot || self.ascii_sep
    }

    /// Every [`PHONE`] match holds at least seven ASCII digits.
    fn phone(self) -> bool {
        self.digits >= 7
    }

    /// Every [`CODE`] match holds a separator `-` `/` `.` or eleven ASCII digits.
    fn code(self) -> bool {
        self.ascii_sep || self.digits >= 11
    }

    /// The four patterns searched in an island: each with whether these marks allow it a
    /// match (when not, it is not run), and whether its matches are kept only when they look
    /// like an ID ([`is_id`], for [`CODE`]) rather than when they stand between non-digits.
    fn searches(self) -> [(&'static Regex, bool, bool); 4] {
        [
            (&*TIME, self.time(), false),
            (&*DATE, self.date(), false),
            (&*PHONE, self.phone(), false),
            (&*CODE, self.code(), true),
        ]
    }
}

/// Every excluded region within `bounds`, sorted by start.
#[must_use]
pub fn regions(text: &str, bounds: Span, excluded: &[Span]) -> Vec<Span> {
    let Some(hay) = text.get(..bounds.end.min(text.len())) else {
        return Vec::new();
    };
    let start = bounds.start.min(hay.len());
    // Regions found by earlier passes (page furniture) come first.
    let mut out = excluded.to_vec();
    let rest = hay.get(start..).unwrap_or("");
    for m in QUOTED.find_iter(rest) {
        out.push(Span::new(start + m.start(), start + m.end()));
    }
    for re in [&*DOC_NUMBER, &*PAGE_COUNTER] {
        for m in re.find_iter(rest) {
            let (s, e) = (start + m.start(), start + m.end());
            if bounded(hay, s, e) {
                out.push(Span::new(s, e));
            }
        }
    }
    for island in number_islands(rest) {
        let base = start + island.start;
        let part = island.slice(rest);
        for (re, run, id_only) in IslandMarks::of(part).searches() {
            if !run {
                continue;
            }
            for m in re.find_iter(part) {
                let (s, e) = (base + m.start(), base + m.end());
                let keep = if id_only {
                    is_id(m.as_str())
                } else {
                    bounded(hay, s, e)
                };
                if keep {
                    out.push(Span::new(s, e));
                }
            }
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

/// Build this module's patterns and tables now (each is built on its first use otherwise):
/// see [`crate::prepare`].
pub(crate) fn prepare() {
    LazyLock::force(&QUOTED);
    LazyLock::force(&DOC_NUMBER);
    LazyLock::force(&PHONE);
    LazyLock::force(&CODE);
    LazyLock::force(&DATE);
    LazyLock::force(&TIME);
    LazyLock::force(&PAGE_COUNTER);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(re: &Regex, s: &str) -> Vec<String> {
        re.find_iter(s).map(|m| m.as_str().to_owned()).collect()
    }

    /// Each pattern finds in the islands what it finds in the whole text.
    #[test]
    fn islands_hold_every_match() {
        let texts = [
            include_str!("../../../../www/demo/demo-report.txt"),
            include_str!("../../../fazhi_eval/tests/heldout/b1_lanchuan.txt"),
            "根据〔2024〕7号文件，于2024年1月8日 15:41召开会议，电话0631-6651234、(0755)12345678、\
             （0755）1234567、13812345678，编号77080179-5/2024-29871，GB/T 1.2.3，12月20日，\
             400-123-4567，2024.01.08，2024/1/8，123月4日，abc-1 x-y-z 1-12月 2-3次，共154项。\
             9时30分，8点，2024 年 1 月\u{3000}8 日，０１２-3，x—1–2",
            "a",
            "年1",
            "",
        ];
        for (k, text) in texts.into_iter().enumerate() {
            let islands = number_islands(text);
            assert!(
                islands.windows(2).all(|w| w[0].end < w[1].start),
                "{islands:?}"
            );
            // An island turned away by its marks holds no match of that pattern.
            for i in &islands {
                let part = i.slice(text);
                for (re, run, _) in IslandMarks::of(part).searches() {
                    assert!(run || !re.is_match(part), "{} {part}", re.as_str());
                }
            }
            for (re, _, _) in IslandMarks::default().searches() {
                let want: Vec<(usize, usize)> =
                    re.find_iter(text).map(|m| (m.start(), m.end())).collect();
                let got: Vec<(usize, usize)> = islands
                    .iter()
                    .flat_map(|i| {
                        re.find_iter(i.slice(text))
                            .map(move |m| (i.start + m.start(), i.start + m.end()))
                    })
                    .collect();
                // The third text holds every kind (the demo has no phone numbers).
                assert!(k != 2 || !want.is_empty(), "{}", re.as_str());
                assert_eq!(got, want, "{}", re.as_str());
            }
        }
    }

    #[test]
    fn next_ascii_alnum_agrees_with_a_byte_scan() {
        let text = "共154项，其中abc和“二〇二四”x\n年月日。ＡＢ１２!Z";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() + 1 {
            let plain = bytes
                .get(from..)
                .and_then(|r| r.iter().position(u8::is_ascii_alphanumeric))
                .map(|k| from + k);
            assert_eq!(next_ascii_alnum(bytes, from), plain, "from {from}");
        }
    }

    #[test]
    fn number_islands_table() {
        let table: [(&str, &[&str]); 6] = [
            ("共154项", &["154"]),
            ("于2024年1月8日 15:41召开", &["2024年1月8日 15:41"]),
            ("电话（0755）1234567。", &["（0755）1234567"]),
            ("年月日 时分", &[]),
            ("GB/T 9704-2012标准", &["GB/T 9704-2012"]),
            ("", &[]),
        ];
        for (s, want) in table {
            let got: Vec<&str> = number_islands(s).iter().map(|i| i.slice(s)).collect();
            assert_eq!(got, want, "{s}");
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
