//! Properties: `analyze` never panics and every span it returns is sound; `decode` never
//! panics on any bytes.

use fazhi_core::decode::{decode, decode_with_limits, Limits};
use fazhi_core::{analyze, Analysis};
use proptest::prelude::*;

/// Pieces that report texts are made of: markers, punctuation, white space, dates, names,
/// page furniture, part titles, and arbitrary CJK, digits and chars.
fn fragment() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "一、",
        "十二、",
        "（一）",
        "(二)",
        "（ 三 ）",
        "1.",
        "2、",
        "３．",
        "（1）",
        "(2)",
        "1.3万余条",
        "一是",
        "二是",
        "三是",
        "三",
        "一方面",
        "另一方面",
        "。",
        "：",
        ":",
        "；",
        ";",
        "，",
        "“",
        "”",
        "《",
        "》",
        "（",
        "）",
        "\n",
        "\n\n",
        " ",
        "  ",
        "　",
        "\t",
        "\r\n",
        "2024年",
        "2025年1月8日",
        "二〇二五年一月八日",
        "2024-02-19",
        "某某市应急管理局",
        "市应急管理局",
        "区司法局",
        "信息索引号 1/2024",
        "发布日期: 2024-02-19 16:51:34 点击率:",
        "相关附件:",
        "附件",
        "首页 > 政务公开 > 报告",
        "字号 大 中 小",
        "法治政府建设年度报告",
        "主要举措和成效",
        "存在的不足和原因",
        "党政主要负责人履行推进法治建设第一责任人职责",
        "2025年工作安排",
        "下一步计划",
        "其他需要报告的情况",
        "154项",
        "69.05万元",
        "零投诉",
        "100%",
        "\u{feff}",
        "é",
        "😀",
    ])
    .prop_map(str::to_owned);
    prop_oneof![
        4 => fixed,
        2 => "[\u{4e00}-\u{9fa5}]{1,8}",
        1 => "[0-9]{1,5}",
        1 => "\\PC{0,6}",
        1 => any::<char>().prop_map(String::from),
    ]
}

fn report() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..80).prop_map(|v| v.concat())
}

/// A page that repeats its body, with some navigation between the copies.
fn repeated_page() -> impl Strategy<Value = String> {
    (report(), report()).prop_map(|(body, nav)| format!("{body}\n{nav}\n{body}"))
}

fn check(text: &str, a: &Analysis) -> Result<(), TestCaseError> {
    fazhi_core::check::soundness(text, a).map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn analyze_is_sound_on_report_like_text(text in report()) {
        check(&text, &analyze(&text))?;
    }

    #[test]
    fn analyze_is_sound_on_repeated_pages(text in repeated_page()) {
        check(&text, &analyze(&text))?;
    }

    #[test]
    fn analyze_is_sound_on_any_string(text in "\\PC{0,300}") {
        check(&text, &analyze(&text))?;
    }

    #[test]
    fn decode_never_panics(
        prefix in prop::sample::select(vec![
            &b""[..], b"PK\x03\x04", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", b"\xEF\xBB\xBF",
            b"\xFF\xFE", b"\xFE\xFF", b"<!DOCTYPE html><p>", b"%PDF", b"<meta charset=gbk>",
        ]),
        bytes in prop::collection::vec(any::<u8>(), 0..2000),
        name in prop::sample::select(vec![None, Some("a.txt"), Some("a.docx"), Some("a.html"), Some("noext")]),
    ) {
        let mut all = prefix.to_vec();
        all.extend(&bytes);
        let limits = Limits { max_input: 1500, max_decompressed: 4096 };
        if let Ok(doc) = decode_with_limits(&all, name, limits) {
            // Whatever decodes can be analysed.
            check(&doc.text, &analyze(&doc.text))?;
        }
        let _ = decode(&all, name);
    }

    #[test]
    fn decoded_text_round_trips_utf8(text in "\\PC{1,200}") {
        if let Ok(doc) = decode(text.as_bytes(), Some("a.txt")) {
            // The BOM (read as such) and one U+FEFF after it are dropped.
            let once = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let twice = once.strip_prefix('\u{feff}').unwrap_or(once);
            let want = twice.replace("\r\n", "\n").replace('\r', "\n");
            prop_assert_eq!(doc.text, want);
        }
    }
}
