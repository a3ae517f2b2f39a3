//! Numerals: Arabic (ASCII or full-width, with thousands separators and decimals),
//! Chinese (with 零 and 十 百 千 万 亿), the mixed forms `1.3万`, `3万4000`, `1亿2000万`,
//! and `百分之…`. All arithmetic is exact ([`Decimal`]), never floating point.

use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::text::cn_digit;

/// An Arabic numeral at the start of the haystack: digits (ASCII or full-width), optional
/// thousands groups (`1,234`) and an optional decimal part (`.` or `．`). [`arabic`] then
/// checks the groups: the first has 1–3 digits and no digit follows the last one.
pub static ARABIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?")
        .expect("ARABIC is a valid pattern")
});

/// A plain run of digits with an optional decimal part (the fallback when thousands
/// groups do not check out).
static PLAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A[0-9０-９]+(?:[.．][0-9０-９]+)?").expect("PLAIN is a valid pattern")
});

/// A Chinese numeral at the start of the haystack: it begins with a digit word (一…九, 两,
/// 十) and goes on with digits, 零/〇 and the multipliers 十 百 千 万 亿.
pub static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*")
        .expect("CHINESE is a valid pattern")
});

/// Characters that can be part of a Chinese numeral.
pub const CHINESE_NUMERAL_CHARS: &str = "零〇一二两三四五六七八九十百千万亿";

/// Whether `c` is a digit of any kind we read (ASCII, full-width or a Chinese numeral char).
#[must_use]
pub fn is_numeral_char(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || CHINESE_NUMERAL_CHARS.contains(c)
}

/// An ASCII or full-width decimal digit.
#[must_use]
pub fn is_arabic_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A parsed Arabic numeral: its value and its length in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    pub value: Decimal,
    pub len: usize,
    /// It had a decimal part.
    pub fraction: bool,
}

/// Read the Arabic numeral at the start of `s`. `None` if there is none or it does not fit
/// a [`Decimal`] (more than 28 significant digits).
#[must_use]
pub fn arabic(s: &str) -> Option<Parsed> {
    let mut m = ARABIC.find(s)?.as_str();
    if m.contains([',', '，']) {
        let first_group = m.split([',', '，']).next().map_or(0, |g| g.chars().count());
        let digit_follows = s
            .get(m.len()..)
            .and_then(|r| r.chars().next())
            .is_some_and(is_arabic_digit);
        if first_group > 3 || digit_follows {
            m = PLAIN.find(s)?.as_str();
        }
    }
    let len = m.len();
    let fraction = m.contains(['.', '．']);
    let ascii: String = m
        .chars()
        .filter_map(|c| match c {
            '0'..='9' | '.' => Some(c),
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
            '．' => Some('.'),
            _ => None,
        })
        .collect();
    let value = Decimal::from_str(&ascii).ok()?;
    Some(Parsed {
        value,
        len,
        fraction,
    })
}

/// The multiplier of a scale word (`万` → 10⁴), `None` for anything else.
#[must_use]
pub fn scale_of(c: char) -> Option<Decimal> {
    Some(match c {
        '十' => Decimal::from(10),
        '百' => Decimal::from(100),
        '千' => Decimal::from(1000),
        '万' => Decimal::from(10_000),
        '亿' => Decimal::from(100_000_000),
        _ => return None,
    })
}

/// The value of a Chinese numeral (`两千` → 2000, `一万三千零五` → 13005, `十五` → 15,
/// `二〇二四` → 2024). `None` when the string is not a well-formed numeral.
#[must_use]
pub fn chinese_value(s: &str) -> Option<Decimal> {
    if s.is_empty() {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    // Digit-by-digit form without multipliers (`二〇二四`; `三四` is "three or four").
    if chars.contains(&'〇') && chars.iter().all(|&c| cn_digit(c).is_some()) {
        let mut v = Decimal::ZERO;
        for &c in &chars {
            v = v
                .checked_mul(Decimal::TEN)?
                .checked_add(Decimal::from(cn_digit(c)?))?;
        }
        return Some(v);
    }
    // Sections split by 亿 and 万; inside a section, digit × (千|百|十).
    let mut total = Decimal::ZERO;
    let mut section = Decimal::ZERO;
    let mut digit: Option<u32> = None;
    let mut last_small = u32::MAX; // last 十/百/千 seen in this section, to reject 三十百
    for &c in &chars {
        if let Some(d) = cn_digit(c) {
            if digit.is_some() && d != 0 {
                return None; // two digits in a row (`三四`) without a multiplier
            }
            digit = if d == 0 { None } else { Some(d) };
            continue;
        }
        match c {
            '十' | '百' | '千' => {
                let mul: u32 = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                if mul >= last_small {
                    return None;
                }
                last_small = mul;
                let d = digit.take().unwrap_or(1);
                section = section.checked_add(Decimal::from(d * mul))?;
            }
            '万' | '亿' => {
                let mul = scale_of(c)?;
                section = section.checked_add(Decimal::from(digit.take().unwrap_or(0)))?;
                if section.is_zero() && total.is_zero() {
                    return None; // `万` with nothing before it
                }
                if c == '万' {
                    // 万 multiplies only the current section (一亿三千万 = 1亿 + 3000万).
                    total = total.checked_add(section.checked_mul(mul)?)?;
                } else {
                    total = total.checked_add(section)?.checked_mul(mul)?;
                }
                section = Decimal::ZERO;
                last_small = u32::MAX;
            }
            _ => return None,
        }
    }
    section = section.checked_add(Decimal::from(digit.unwrap_or(0)))?;
    total.checked_add(section)
}

/// Whether a Chinese numeral uses one of the multipliers 百 千 万 亿 (only such numerals are
/// stated quantities; `三大`, `四个` are counts of ideas).
#[must_use]
pub fn has_big_multiplier(s: &str) -> bool {
    s.contains(['百', '千', '万', '亿'])
}

/// The scale word sequence at the start of `rest` (`万`, `亿`, `千万`,
/// `百万`, `万亿`). Returns the multiplier and the bytes consumed; `None` when `rest` does
/// not start with a scale word.
#[must_use]
pub fn scale_prefix(rest: &str) -> Option<(Decimal, usize)> {
    let mut mul = Decimal::ONE;
    let mut len = 0;
    for c in rest.chars() {
        match c {
            '百' | '千' | '万' | '亿' => {
                // A scale sequence must grow: 千万, 百万, 万亿 (not 万千).
                let m = scale_of(c)?;
                if len > 0 && m <= mul {
                    break;
                }
                mul = mul.checked_mul(m)?;
                len += c.len_utf8();
            }
            _ => break,
        }
    }
    (len > 0).then_some((mul, len))
}

/// Build this module's patterns and tables now (each is built on its first use otherwise):
/// see [`crate::prepare`].
pub(crate) fn prepare() {
    LazyLock::force(&ARABIC);
    LazyLock::force(&PLAIN);
    LazyLock::force(&CHINESE);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn arabic_regex_table() {
        let table = [
            ("154项", Some("154")),
            ("1,234元", Some("1,234")),
            ("12,345,678元", Some("12,345,678")),
            ("853.8349万元", Some("853.8349")),
            ("１２３项", Some("１２３")),
            ("３．５％", Some("３．５")),
            ("1.深入推进", Some("1")),
            ("2024,我局", Some("2024")),
            ("1,2345", Some("1,234")),
            ("项", None),
            ("一百", None),
        ];
        for (s, want) in table {
            assert_eq!(ARABIC.find(s).map(|m| m.as_str()), want, "{s}");
        }
    }

    #[test]
    fn plain_regex_table() {
        let table = [
            ("2024,123", Some("2024")),
            ("1.5万", Some("1.5")),
            ("１２", Some("１２")),
            ("1.", Some("1")),
            (",1", None),
        ];
        for (s, want) in table {
            assert_eq!(PLAIN.find(s).map(|m| m.as_str()), want, "{s}");
        }
    }

    #[test]
    fn chinese_regex_table() {
        let table = [
            ("两千余人", Some("两千")),
            ("三百多家", Some("三百")),
            ("一万三千零五份", Some("一万三千零五")),
            ("十万元", Some("十万")),
            ("三大缺失", Some("三")),
            ("千家万户", None),
            ("万一", None),
            ("零投诉", None),
            ("154", None),
        ];
        for (s, want) in table {
            assert_eq!(CHINESE.find(s).map(|m| m.as_str()), want, "{s}");
        }
    }

    #[test]
    fn arabic_values() {
        let table = [
            ("154项", "154", 3),
            ("1,234元", "1234", 5),
            ("1,234.5元", "1234.5", 7),
            ("853.8349万元", "853.8349", 8),
            ("１２３项", "123", 9),
            ("0%", "0", 1),
            ("2,3家", "2", 1),
            ("2024,123家", "2024", 4),
            ("1,2345", "1", 1),
        ];
        for (s, v, len) in table {
            let p = arabic(s).unwrap();
            assert_eq!((p.value, p.len), (d(v), len), "{s}");
        }
        assert_eq!(arabic("99999999999999999999999999999999999"), None);
        assert_eq!(arabic("项"), None);
    }

    #[test]
    fn chinese_values() {
        let table = [
            ("两千", "2000"),
            ("三百", "300"),
            ("一百二十三", "123"),
            ("一千零五", "1005"),
            ("十万", "100000"),
            ("十五", "15"),
            ("一万三千", "13000"),
            ("三万四千五百", "34500"),
            ("一亿三千万", "130000000"),
            ("五千万", "50000000"),
            ("二〇二四", "2024"),
            ("百", "100"),
        ];
        for (s, v) in table {
            assert_eq!(chinese_value(s), Some(d(v)), "{s}");
        }
        for bad in ["", "三四", "三十百", "万", "x"] {
            assert_eq!(chinese_value(bad), None, "{bad}");
        }
    }

    #[test]
    fn scales() {
        assert_eq!(scale_prefix("万元"), Some((d("10000"), 3)));
        assert_eq!(scale_prefix("亿元"), Some((d("100000000"), 3)));
        assert_eq!(scale_prefix("千万元"), Some((d("10000000"), 6)));
        assert_eq!(scale_prefix("万千"), Some((d("10000"), 3)));
        assert_eq!(scale_prefix("元"), None);
        assert!(has_big_multiplier("两千"));
        assert!(!has_big_multiplier("三十"));
    }
}
