//! The red team's hostile inputs (issue 15), each held to a bounded, correct result.
//!
//! Work must grow linearly with the input: the inputs below took from 36 s to minutes, or
//! never finished, when each figure rescanned its whole sentence. They are sized so that a
//! quadratic pass would hang this test for minutes even in a release build, while the linear
//! one finishes in seconds in a debug build. Nothing here times anything.

use fazhi_core::{analyze, Analysis, Approx};

fn assert_spans_valid(text: &str, a: &Analysis) {
    if let Err(e) = fazhi_core::check::soundness(text, a) {
        panic!("{e}");
    }
    // Beyond document order: figures never overlap.
    for w in a.metrics.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "metrics overlap");
    }
}

#[test]
fn thirty_thousand_figures_on_one_line_without_a_full_stop() {
    let text = "1项，".repeat(30_000);
    let a = analyze(&text);
    assert_spans_valid(&text, &a);
    assert_eq!(a.metrics.len(), 30_000);
    assert!(a.metrics.iter().all(|m| m.text == "1项" && m.unit == "项"));
}

#[test]
fn a_long_line_of_chinese_numerals_with_scales() {
    // About 400 KB of `一百二十三万四千五百六十七亿人，`.
    let text = "一百二十三万四千五百六十七亿人，".repeat(8_500);
    let a = analyze(&text);
    assert_spans_valid(&text, &a);
    assert_eq!(a.metrics.len(), 8_500);
}

#[test]
fn a_long_line_of_han_and_digit_pairs() {
    // 1 MB of one line alternating a unit or scale character and a number.
    let units = [
        '项', '人', '次', '件', '万', '亿', '余', '多', '家', '起', '元',
    ];
    let mut text = String::new();
    let mut n = 7u32;
    while text.len() < 1_000_000 {
        n = n.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        text.push(units[(n >> 16) as usize % units.len()]);
        text.push_str(&((n >> 8) % 100).to_string());
    }
    let a = analyze(&text);
    assert_spans_valid(&text, &a);
    assert!(!a.metrics.is_empty());
}

#[test]
fn invisible_characters_never_split_a_number() {
    for (text, value, unit) in [
        ("罚没款69\u{200b}.05万元。", "690500", "元"),
        ("罚没款6\u{200d}9.05万元。", "690500", "元"),
        ("办理行政许可1\u{2060}2\u{00ad}3项。", "123", "项"),
        ("开展检查4\u{0301}5次。", "45", "次"),
        ("培训\u{feff}人员300人。", "300", "人"),
    ] {
        let a = analyze(text);
        assert_spans_valid(text, &a);
        assert_eq!(a.metrics.len(), 1, "{text:?}: {:?}", a.metrics);
        let m = &a.metrics[0];
        assert_eq!(
            (m.value.to_string().as_str(), m.unit.as_str()),
            (value, unit),
            "{text:?}"
        );
        // The span covers the number as it stands, invisible characters included.
        assert!(
            m.text.starts_with(|c: char| c.is_ascii_digit()),
            "{:?}",
            m.text
        );
    }
}

#[test]
fn traditional_characters_read_like_simplified_ones() {
    let text = "二、主要成效\n全年辦理行政許可事項1,234項，罰沒金額69.05萬元，開展執法檢查300餘場次，組織培訓近50場。";
    let a = analyze(text);
    assert_spans_valid(text, &a);
    let got: Vec<(&str, String, &str, Approx)> = a
        .metrics
        .iter()
        .map(|m| {
            (
                m.text.as_str(),
                m.value.to_string(),
                m.unit.as_str(),
                m.approx,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("1,234項", "1234".to_owned(), "项", Approx::Exact),
            ("69.05萬元", "690500".to_owned(), "元", Approx::Exact),
            ("300餘場次", "300".to_owned(), "场次", Approx::AtLeast),
            ("50場", "50".to_owned(), "场", Approx::AtMost),
        ]
    );
    assert_eq!(a.headings.len(), 1);
    assert_eq!(a.headings[0].title, "主要成效");
}
