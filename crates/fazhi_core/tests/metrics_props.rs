//! Properties of metric extraction: exact round trips of stated values, well-formed spans,
//! document order, and no panics on any input.

use fazhi_core::{analyze, metrics, Metric, Span};
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Units that take any number (`年` and `日` have extra conditions and are left out).
const UNITS: &[(&str, &str)] = &[
    ("项", "项"),
    ("家", "家"),
    ("次", "次"),
    ("件", "件"),
    ("起", "起"),
    ("宗", "宗"),
    ("人", "人"),
    ("名", "名"),
    ("人次", "人次"),
    ("家次", "家次"),
    ("场", "场"),
    ("篇", "篇"),
    ("份", "份"),
    ("条", "条"),
    ("个", "个"),
    ("台", "台"),
    ("辆", "辆"),
    ("处", "处"),
    ("期", "期"),
    ("元", "元"),
    ("%", "%"),
    ("％", "%"),
    ("亩", "亩"),
    ("学时", "学时"),
    ("个工作日", "个工作日"),
    ("天", "天"),
    ("小时", "小时"),
];

/// Scale words and their multipliers.
const SCALES: &[(&str, u64)] = &[("", 1), ("万", 10_000), ("亿", 100_000_000)];

fn unit() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop::sample::select(UNITS)
}

fn scale() -> impl Strategy<Value = (&'static str, u64)> {
    prop::sample::select(SCALES)
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(u32::from(c) - u32::from('0') + u32::from('０')).unwrap(),
            '.' => '．',
            ',' => '，',
            _ => c,
        })
        .collect()
}

fn with_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn extract_all(text: &str) -> Vec<Metric> {
    metrics::extract(text, Span::new(0, text.len()), &[], &[])
}

/// The one metric in `text`, or a failure naming what was found.
fn single(text: &str) -> Result<Metric, TestCaseError> {
    let mut found = extract_all(text);
    prop_assert_eq!(
        found.len(),
        1,
        "{:?} gave {:?}",
        text,
        found.iter().map(|m| m.text.clone()).collect::<Vec<_>>()
    );
    Ok(found.remove(0))
}

/// Every span of every metric lies on char boundaries inside the text and holds its text;
/// metrics come in document order without overlapping.
fn assert_well_formed(text: &str, found: &[Metric]) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for m in found {
        prop_assert!(m.span.start < m.span.end && m.span.end <= text.len());
        prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        prop_assert_eq!(text.get(m.span.start..m.span.end), Some(m.text.as_str()));
        prop_assert!(
            m.span.start >= last_end,
            "metrics out of order or overlapping"
        );
        last_end = m.span.end;
        if let Some(s) = m.subject_span {
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            prop_assert_eq!(text.get(s.start..s.end), Some(m.subject.as_str()));
        }
        prop_assert!(m.sentence.start <= m.span.start && m.sentence.end <= text.len());
        if let Some(u) = m.upper {
            prop_assert!(u >= m.value);
        }
        let f = m.value.to_f64().unwrap_or(f64::NAN);
        prop_assert!((f - m.value_f64).abs() <= f.abs() * 1e-9);
    }
    Ok(())
}

/// Pieces that report text is made of, numbers and their neighbours in particular.
const PIECES: &[&str] = &[
    "1",
    "2",
    "3",
    "0",
    "9",
    "12",
    "2024",
    "１",
    "５",
    ".",
    "．",
    ",",
    "，",
    "、",
    "。",
    "；",
    "：",
    "\n",
    " ",
    "　",
    "(",
    ")",
    "（",
    "）",
    "“",
    "”",
    "‘",
    "’",
    "《",
    "》",
    "「",
    "」",
    "〔",
    "〕",
    "-",
    "—",
    "~",
    "至",
    "/",
    ":",
    "%",
    "％",
    "‰",
    "万",
    "亿",
    "千",
    "百",
    "十",
    "两",
    "一",
    "三",
    "零",
    "〇",
    "余",
    "多",
    "以上",
    "以下",
    "左右",
    "内",
    "以内",
    "近",
    "约",
    "超过",
    "逾",
    "不少于",
    "不足",
    "不到",
    "第",
    "号",
    "年",
    "月",
    "日",
    "时",
    "分",
    "项",
    "家",
    "家次",
    "次",
    "人次",
    "个",
    "个工作日",
    "元",
    "万元",
    "投诉",
    "同比",
    "下降",
    "上升",
    "共",
    "开展",
    "企业",
    "检查",
    "的",
    "a",
    "GB",
    "百分之",
    "是",
    "（1）",
];

fn report_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn integers_round_trip(n in 0u64..10_000_000_000, (written, base) in unit()) {
        let text = format!("全年共完成{n}{written}。");
        let m = single(&text)?;
        prop_assert_eq!(m.value, Decimal::from(n));
        prop_assert_eq!(m.unit.as_str(), base);
        prop_assert_eq!(m.text, format!("{n}{written}"));
        prop_assert_eq!(m.approx.key(), "exact");
    }

    #[test]
    fn scaled_decimals_round_trip(
        mantissa in 0i64..1_000_000_000,
        frac in 0u32..6,
        (scale_word, mul) in scale(),
        (written, base) in unit(),
    ) {
        let d = Decimal::new(mantissa, frac);
        let text = format!("累计投入{d}{scale_word}{written},");
        let m = single(&text)?;
        prop_assert_eq!(m.value, d * Decimal::from(mul));
        prop_assert_eq!(m.unit.as_str(), base);
        prop_assert_eq!(m.unit_written, format!("{scale_word}{written}"));
    }

    #[test]
    fn full_width_and_thousands_round_trip(n in 0u64..1_000_000_000_000, (written, base) in unit()) {
        let plain = with_thousands(n);
        for digits in [plain.clone(), full_width(&plain)] {
            let text = format!("其中{digits}{written};");
            let m = single(&text)?;
            prop_assert_eq!(m.value, Decimal::from(n));
            prop_assert_eq!(m.unit.as_str(), base);
        }
    }

    #[test]
    fn approximations_round_trip(n in 1u64..100_000, (written, _) in unit(), which in 0usize..4) {
        let (text, key) = match which {
            0 => (format!("共{n}余{written}。"), "at_least"),
            1 => (format!("共{n}{written}以上。"), "at_least"),
            2 => (format!("不足{n}{written}。"), "at_most"),
            _ => (format!("约{n}{written}。"), "about"),
        };
        let m = single(&text)?;
        prop_assert_eq!(m.value, Decimal::from(n));
        prop_assert_eq!(m.approx.key(), key);
    }

    #[test]
    fn ranges_round_trip(a in 0u64..10_000, extra in 0u64..10_000, (written, base) in unit()) {
        let b = a + extra;
        let text = format!("每次{a}-{b}{written}。");
        let m = single(&text)?;
        prop_assert_eq!(m.value, Decimal::from(a));
        prop_assert_eq!(m.upper, Some(Decimal::from(b)));
        prop_assert_eq!(m.unit.as_str(), base);
    }

    #[test]
    fn report_like_text_is_well_formed(text in report_like()) {
        let found = extract_all(&text);
        assert_well_formed(&text, &found)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let found = extract_all(&text);
        assert_well_formed(&text, &found)?;
        let a = analyze(&text);
        assert_well_formed(&text, &a.metrics)?;
    }

    #[test]
    fn arbitrary_bounds_never_panic(text in report_like(), s in 0usize..400, e in 0usize..400) {
        let found = metrics::extract(&text, Span::new(s, e), &[], &[]);
        assert_well_formed(&text, &found)?;
        for m in &found {
            prop_assert!(m.span.start >= s && m.span.end <= e.min(text.len()));
        }
    }
}
