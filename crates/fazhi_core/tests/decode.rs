//! `decode()`: the encodings, formats and refusals of issue 3.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use fazhi_core::decode::{
    decode, decode_with_limits, html_to_text, DecodeError, DecodeWarning, Limits, SourceFormat,
};

/// A zip archive holding `files` (deflate-compressed).
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in files {
        w.start_file(*name, opts).expect("start file");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// An OLE compound file header followed by a directory entry name in UTF-16LE.
fn ole_with(name: &str) -> Vec<u8> {
    let mut v = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    v.resize(512, 0);
    v.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
    v.resize(1024, 0);
    v
}

const WORD_DOC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>某局2024年法治政府建设年度报告</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>主要举措和成效</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>规范执法</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>存在的不足</w:t><w:tab/><w:t xml:space="preserve">和原因</w:t></w:r></w:p>
</w:body></w:document>"#;

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="3">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>
</w:numbering>"#;

/// Name, bytes, file name, limits, expected error.
type Case = (
    &'static str,
    Vec<u8>,
    Option<&'static str>,
    Limits,
    DecodeError,
);

#[test]
fn decode_errors() {
    let small = Limits {
        max_input: 1000,
        max_decompressed: 10_000,
    };
    let bomb = zip_of(&[("word/document.xml", &vec![b' '; 200_000])]);
    let big_bomb = zip_of(&[("word/document.xml", &vec![b'<'; 60 * 1024 * 1024])]);
    let xlsx = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
    let no_document = zip_of(&[("word/styles.xml", b"<styles/>")]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend([0u8, 0, 0, 13, 73, 72, 68, 82]);
    let mut nul_text = "一、标题\n".as_bytes().to_vec();
    nul_text.extend([0u8; 40]);
    let control_noise: Vec<u8> = (0..400u32).map(|i| (i % 8 + 1) as u8).collect();

    let cases: Vec<Case> = vec![
        (
            "empty",
            vec![],
            Some("a.txt"),
            Limits::default(),
            DecodeError::Empty,
        ),
        (
            "only white space",
            b" \n\t\r\n".to_vec(),
            None,
            Limits::default(),
            DecodeError::Empty,
        ),
        (
            "html without text",
            b"<html><script>var a=1;</script></html>".to_vec(),
            Some("a.html"),
            Limits::default(),
            DecodeError::Empty,
        ),
        (
            "too large",
            vec![b'a'; 1001],
            Some("a.txt"),
            small,
            DecodeError::TooLarge {
                size: 1001,
                limit: 1000,
            },
        ),
        (
            "too large (default limit)",
            vec![b'a'; Limits::default().max_input + 1],
            None,
            Limits::default(),
            DecodeError::TooLarge {
                size: Limits::default().max_input + 1,
                limit: Limits::default().max_input,
            },
        ),
        (
            "png",
            png,
            Some("a.txt"),
            Limits::default(),
            DecodeError::Binary,
        ),
        (
            "nul bytes",
            nul_text,
            None,
            Limits::default(),
            DecodeError::Binary,
        ),
        (
            "control noise",
            control_noise,
            None,
            Limits::default(),
            DecodeError::Binary,
        ),
        (
            "encrypted docx (OLE)",
            ole_with("EncryptionInfo"),
            Some("a.docx"),
            Limits::default(),
            DecodeError::Encrypted,
        ),
        (
            "unknown OLE",
            ole_with("Something"),
            None,
            Limits::default(),
            DecodeError::Encrypted,
        ),
        (
            "damaged .doc (a header and a name, no compound file)",
            ole_with("WordDocument"),
            Some("a.doc"),
            Limits::default(),
            DecodeError::InvalidDoc {
                reason: String::new(),
            },
        ),
        (
            "zip bomb",
            bomb,
            Some("a.docx"),
            Limits {
                max_input: 1 << 20,
                max_decompressed: 10_000,
            },
            DecodeError::ZipBomb { limit: 10_000 },
        ),
        (
            "zip bomb (default limit)",
            big_bomb,
            Some("a.docx"),
            Limits::default(),
            DecodeError::ZipBomb {
                limit: Limits::default().max_decompressed,
            },
        ),
        (
            "pdf without objects",
            b"%PDF-1.7\n...".to_vec(),
            Some("a.pdf"),
            Limits::default(),
            DecodeError::InvalidPdf {
                reason: String::new(),
            },
        ),
        (
            "xlsx",
            xlsx,
            Some("a.xlsx"),
            Limits::default(),
            DecodeError::Unsupported {
                format: "Excel (.xlsx)",
            },
        ),
    ];
    for (name, bytes, file, limits, want) in cases {
        match decode_with_limits(&bytes, file, limits) {
            Err(e) => {
                // The PDF and .doc readers' reasons name the parser's finding; only the kind
                // of error is fixed for them.
                match (&e, &want) {
                    (DecodeError::InvalidPdf { .. }, DecodeError::InvalidPdf { .. })
                    | (DecodeError::InvalidDoc { .. }, DecodeError::InvalidDoc { .. }) => {}
                    _ => assert_eq!(e, want, "{name}"),
                }
                let msg = e.to_string();
                assert!(
                    msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                        && msg.chars().any(|c| c.is_ascii_alphabetic()),
                    "{name}: message should be bilingual: {msg}"
                );
            }
            Ok(doc) => panic!("{name}: expected {want:?}, decoded {:?}", doc.format),
        }
    }

    // Zip files that are not readable Word documents.
    for (name, bytes) in [
        ("docx without document.xml", no_document),
        (
            "docx that is not a zip",
            b"just text, wrongly named".to_vec(),
        ),
        ("truncated zip", b"PK\x03\x04\x14\x00\x00\x00".to_vec()),
    ] {
        assert!(
            matches!(
                decode(&bytes, Some("a.docx")),
                Err(DecodeError::InvalidDocx { .. })
            ),
            "{name}"
        );
    }
}

#[test]
fn utf8_bom_is_stripped_and_line_breaks_normalised() {
    let doc = decode("\u{feff}一、甲\r\n（一）乙\r丙".as_bytes(), Some("a.txt")).unwrap();
    assert_eq!(doc.text, "一、甲\n（一）乙\n丙");
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(doc.format, SourceFormat::Text);
}

#[test]
fn utf16_with_and_without_bom() {
    let s = "一、总体情况\n2024年，某局推进依法行政。";
    let mut be = vec![0xFE, 0xFF];
    be.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    let doc = decode(&be, None).unwrap();
    assert_eq!((doc.text.as_str(), doc.encoding.as_str()), (s, "UTF-16BE"));

    let ascii = "Report 2024\nSection 1. Overview of the year's work\n";
    let le: Vec<u8> = ascii.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let doc = decode(&le, None).unwrap();
    assert_eq!(
        (doc.text.as_str(), doc.encoding.as_str()),
        (ascii, "UTF-16LE")
    );
}

#[test]
fn gbk_is_detected_without_a_label() {
    let (bytes, _, _) = encoding_rs::GBK
        .encode("一、主要举措和成效\n全年办理行政许可事项一百余项，开展执法检查。\n");
    let doc = decode(&bytes, Some("report.txt")).unwrap();
    assert!(doc.text.starts_with("一、主要举措和成效"), "{}", doc.text);
    assert!(
        matches!(doc.encoding.as_str(), "GBK" | "gb18030"),
        "{}",
        doc.encoding
    );
}

#[test]
fn html_is_recognised_by_name_or_content() {
    let html = "<p>一、总体情况</p><p>甲&amp;乙</p>";
    let by_name = decode(html.as_bytes(), Some("page.HTM")).unwrap();
    let by_content = decode(
        format!("<!DOCTYPE html>{html}").as_bytes(),
        Some("page.txt"),
    )
    .unwrap();
    for doc in [by_name, by_content] {
        assert_eq!(doc.format, SourceFormat::Html);
        assert_eq!(doc.text, "一、总体情况\n甲&乙");
    }
    // Text that merely contains a `<` stays text.
    let doc = decode("一、标题<2024年>\n".as_bytes(), None).unwrap();
    assert_eq!(doc.format, SourceFormat::Text);
    // The public helper used for pasted text/html.
    assert_eq!(
        html_to_text("<div>首页 &gt; 公开</div><div>正文</div>"),
        "首页 > 公开\n正文"
    );
}

#[test]
fn docx_numbering_becomes_markers() {
    let bytes = zip_of(&[
        ("word/document.xml", WORD_DOC.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
    ]);
    let doc = decode(&bytes, Some("report.docx")).unwrap();
    assert_eq!(doc.format, SourceFormat::Docx);
    assert_eq!(
        doc.text,
        "某局2024年法治政府建设年度报告\n一、主要举措和成效\n（一）规范执法\n二、存在的不足\t和原因\n"
    );
    // Without numbering.xml the paragraphs are still read (the markers are lost).
    let bytes = zip_of(&[("word/document.xml", WORD_DOC.as_bytes())]);
    let doc = decode(&bytes, Some("report.docx")).unwrap();
    assert!(doc.text.contains("\n主要举措和成效\n"), "{}", doc.text);
}

/// A report text of about 2 KB in UTF-8 (about 700 characters, mostly Chinese).
const REPORT: &str = "澄湖市司法局2024年法治政府建设年度报告
　　2024年，市司法局坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党中央、国务院关于法治政府建设的决策部署，现将有关情况报告如下。
一、主要举措和成效
（一）健全依法行政制度体系。全年审查规范性文件43件，清理规章和规范性文件112件，废止9件。
（二）严格规范公正文明执法。全面推行行政执法公示、执法全过程记录、重大执法决定法制审核制度，办理行政复议案件218件，纠错率12.4%。
（三）强化行政权力制约监督。自觉接受人大监督和政协民主监督，办理人大代表建议和政协提案36件，办结率100%。
二、存在的不足和原因
　　一是基层执法人员法治素养有待提升；二是行政执法协调监督工作体系仍需完善。
三、党政主要负责人履行推进法治建设第一责任人职责情况
　　主要负责人带头尊法学法守法用法，主持召开党组会议专题研究法治建设工作4次。
四、2025年推进法治政府建设的主要安排
　　持续深化行政执法体制改革，加强行政复议规范化建设，推动法治政府建设提质增效。
澄湖市司法局
2025年1月15日
";

/// `REPORT` in UTF-8 with bytes inserted after the `nth` 。 for each `(nth, bytes)` (in
/// order), and the text expected when each insertion reads as one U+FFFD.
fn report_with(inserts: &[(usize, &[u8])]) -> (Vec<u8>, String) {
    let mut bytes = Vec::new();
    let mut want = String::new();
    let stops: Vec<usize> = REPORT
        .match_indices('。')
        .map(|(i, _)| i + '。'.len_utf8())
        .collect();
    let mut from = 0;
    for &(nth, bad) in inserts {
        let at = stops[nth];
        bytes.extend_from_slice(&REPORT.as_bytes()[from..at]);
        want.push_str(&REPORT[from..at]);
        bytes.extend_from_slice(bad);
        want.push('\u{fffd}');
        from = at;
    }
    bytes.extend_from_slice(&REPORT.as_bytes()[from..]);
    want.push_str(&REPORT[from..]);
    (bytes, want)
}

#[test]
fn a_stray_invalid_byte_is_replaced_not_rejected() {
    // One byte that can never appear in UTF-8, one continuation byte alone (which GBK would
    // read as €, without error), one lead byte followed by ASCII.
    for bad in [&b"\xFF"[..], b"\x80", b"\xE4"] {
        let (bytes, want) = report_with(&[(2, bad)]);
        let doc = decode(&bytes, Some("report.txt")).unwrap_or_else(|e| panic!("{bad:?}: {e}"));
        let want = want.replacen("件。", "件。\u{fffd}", 1);
        assert_eq!(doc.encoding, "UTF-8", "{bad:?}");
        assert_eq!(doc.text.matches('\u{fffd}').count(), 1, "{bad:?}");
        assert!(doc.text.starts_with("澄湖市司法局2024年"), "{bad:?}");
        assert_eq!(
            doc.text.replace('\u{fffd}', "").len(),
            want.replace('\u{fffd}', "").len()
        );
        assert_eq!(
            doc.warnings,
            vec![DecodeWarning::ReplacedInvalidBytes { count: 1 }],
            "{bad:?}"
        );
    }
    // Three bad bytes in three places: counted, and each place gets its U+FFFD.
    let (bytes, want) = report_with(&[(0, b"\xFF"), (3, b"\xC3"), (6, b"\x9F")]);
    let doc = decode(&bytes, None).expect("decodes");
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(doc.text, want);
    assert_eq!(
        doc.warnings,
        vec![DecodeWarning::ReplacedInvalidBytes { count: 3 }]
    );
    assert_eq!(
        doc.warnings[0].to_string(),
        "已将 3 个无效字节替换为 \u{fffd} (3 invalid bytes replaced by \u{fffd})"
    );
    // A clean file carries no warning.
    assert!(decode(REPORT.as_bytes(), None)
        .expect("clean")
        .warnings
        .is_empty());
}

#[test]
fn a_file_cut_inside_a_character_loses_only_that_character() {
    let cut = &REPORT.as_bytes()[..REPORT.len() - "日\n".len() + 2];
    let doc = decode(cut, Some("report.txt")).expect("decodes");
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(doc.text, REPORT.strip_suffix("日\n").unwrap_or_default());
    assert_eq!(doc.warnings, vec![DecodeWarning::TruncatedAtEnd]);
    let msg = doc.warnings[0].to_string();
    assert!(msg.contains("字符") && msg.contains("character"), "{msg}");
}

#[test]
fn utf8_errors_are_allowed_up_to_1_per_1000_bytes_or_16() {
    // REPORT is under 16 KB: 16 errors are allowed, 17 are not.
    assert!(REPORT.len() < 16_000);
    let at = |n: usize| -> Vec<(usize, &'static [u8])> {
        (0..n).map(|i| (i % 9, &b"\xFF"[..])).collect()
    };
    let sorted = |mut v: Vec<(usize, &'static [u8])>| {
        v.sort_by_key(|p| p.0);
        v
    };
    let (ok, _) = report_with(&sorted(at(16)));
    let doc = decode(&ok, None).expect("16 errors");
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(
        doc.warnings,
        vec![DecodeWarning::ReplacedInvalidBytes { count: 16 }]
    );
    let (too_many, _) = report_with(&sorted(at(17)));
    assert!(
        decode(&too_many, None).map_or(true, |d| d.encoding != "UTF-8"),
        "17 errors in {} bytes are not UTF-8",
        too_many.len()
    );
    // In a 40 KB file, 40 errors are allowed and 41 are not.
    let big: String = REPORT.repeat(40_000 / REPORT.len() + 1);
    let big = &big[..big
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| i >= 40_000)
        .unwrap_or(big.len())];
    assert!((40_000..41_000).contains(&big.len()), "{}", big.len());
    let with_errors = |n: usize| {
        let mut v = Vec::new();
        for (k, line) in big.split_inclusive('\n').enumerate() {
            v.extend_from_slice(line.as_bytes());
            if k < n {
                v.push(0xFF);
            }
        }
        assert!(big.split_inclusive('\n').count() > n);
        v
    };
    let doc = decode(&with_errors(40), None).expect("40 errors");
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(
        doc.warnings,
        vec![DecodeWarning::ReplacedInvalidBytes { count: 40 }]
    );
    assert!(decode(&with_errors(41), None).map_or(true, |d| d.encoding != "UTF-8"));
}

#[test]
fn legacy_encodings_are_not_read_as_damaged_utf8() {
    // Short GBK texts have fewer than 16 UTF-8 errors, and mostly-ASCII ones hardly any:
    // GBK reads them without error, UTF-8 does not, so GBK wins.
    for s in [
        "一、总体情况",
        "Report 2024, Section 1: 总体情况 (overview) and the appendix.\n",
        "一、主要举措和成效\n全年办理行政许可事项一百余项，开展执法检查。\n",
    ] {
        let (bytes, _, _) = encoding_rs::GBK.encode(s);
        let doc = decode(&bytes, Some("report.txt")).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(doc.text, s);
        assert!(
            matches!(doc.encoding.as_str(), "GBK" | "gb18030"),
            "{s}: {}",
            doc.encoding
        );
        assert!(doc.warnings.is_empty(), "{s}: {:?}", doc.warnings);
    }
    // A GBK file with one bad byte stays GBK, the bad byte replaced (chardetng alone would
    // rule GBK out at that byte).
    let (head, tail) = REPORT.split_at(REPORT.find("二、").unwrap_or_default());
    let mut damaged = encoding_rs::GBK.encode(head).0.into_owned();
    damaged.push(0xFF);
    damaged.extend_from_slice(&encoding_rs::GBK.encode(tail).0);
    let doc = decode(&damaged, None).expect("decodes");
    assert!(
        matches!(doc.encoding.as_str(), "GBK" | "gb18030"),
        "{}",
        doc.encoding
    );
    assert_eq!(doc.text, format!("{head}\u{fffd}{tail}"));
    assert_eq!(
        doc.warnings,
        vec![DecodeWarning::ReplacedInvalidBytes { count: 1 }]
    );
}

/// Deterministic pseudo-random bytes.
fn noise(len: usize, seed: u64, keep: impl Fn(u8) -> bool) -> Vec<u8> {
    let mut x = seed;
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let b = (x >> 56) as u8;
        if keep(b) {
            out.push(b);
        }
    }
    out
}

#[test]
fn binary_files_are_still_binary() {
    let cases = [
        ("random bytes", noise(4096, 1, |_| true)),
        ("random bytes without NUL", noise(4096, 2, |b| b != 0)),
        (
            "random high bytes and controls",
            noise(4096, 3, |b| b >= 0x80 || b < 0x20 && b != 0),
        ),
        ("executable", {
            let mut v = b"MZ\x90\x00\x03\x00\x00\x00".to_vec();
            v.extend(noise(2000, 4, |_| true));
            v
        }),
    ];
    for (name, bytes) in cases {
        assert_eq!(decode(&bytes, None), Err(DecodeError::Binary), "{name}");
    }
}

#[test]
fn chinese_utf16_without_bom_is_recognised() {
    let le: Vec<u8> = REPORT.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = REPORT.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, enc) in [(&le, "UTF-16LE"), (&be, "UTF-16BE")] {
        let zeros: usize = bytes.iter().map(|&b| usize::from(b == 0)).sum();
        assert!(zeros * 5 < bytes.len(), "{enc}: {zeros} zero bytes");
        let doc = decode(bytes, Some("report.txt")).unwrap_or_else(|e| panic!("{enc}: {e}"));
        assert_eq!((doc.text.as_str(), doc.encoding.as_str()), (REPORT, enc));
        assert!(doc.warnings.is_empty(), "{enc}");
    }
    // Cut in the middle of a code unit: the half unit is dropped and reported.
    let doc = decode(&le[..le.len() - 1], None).expect("cut UTF-16LE");
    assert_eq!(doc.encoding, "UTF-16LE");
    assert_eq!(doc.text, REPORT.strip_suffix('\n').unwrap_or_default());
    assert_eq!(doc.warnings, vec![DecodeWarning::TruncatedAtEnd]);
    // The other way round: GBK and UTF-8 Chinese text are not taken for UTF-16.
    let (gbk, _, _) = encoding_rs::GBK.encode(REPORT);
    let doc = decode(&gbk, None).expect("GBK");
    assert_eq!((doc.text.as_str(), doc.encoding.as_str()), (REPORT, "GBK"));
    let doc = decode(REPORT.as_bytes(), None).expect("UTF-8");
    assert_eq!(
        (doc.text.as_str(), doc.encoding.as_str()),
        (REPORT, "UTF-8")
    );
}

/// The text of `fixtures/decode/big5.txt` (written by `make_binary_fixtures.py`).
const BIG5_TEXT: &str = "澄湖市法務局2024年法治政府建設年度報告
　　2024年，市法務局堅持依法行政，全面推進法治政府建設，現將有關情況報告如下：
一、主要舉措和成效
（一）規範行政執法，全年辦理行政許可事項一萬餘項，開展執法檢查三百餘場。
（二）健全制度體系，審查規範性文件四十三件。
二、存在的不足和原因
　　基層執法力量薄弱，部分項目進度滯後。
三、黨政主要負責人履行推進法治建設第一責任人職責情況
四、2025年工作計劃
澄湖市法務局
2025年1月20日
";

#[test]
fn big5_traditional_report_is_decoded() {
    let bytes = include_bytes!("fixtures/decode/big5.txt");
    let doc = decode(bytes, Some("report.txt")).expect("Big5 decodes");
    assert_eq!(doc.encoding, "Big5");
    assert_eq!(doc.text, BIG5_TEXT);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    // A stray byte does not turn it into another encoding.
    let split = bytes
        .windows(2)
        .position(|w| w == b"\r\n")
        .unwrap_or_default();
    let mut damaged = bytes.to_vec();
    damaged.insert(split, 0xFF);
    let doc = decode(&damaged, None).expect("damaged Big5 decodes");
    assert_eq!(doc.encoding, "Big5");
    assert_eq!(
        doc.warnings,
        vec![DecodeWarning::ReplacedInvalidBytes { count: 1 }]
    );
    assert!(doc.text.contains("一萬餘項"));
}

/// Base64-like filler of `n` bytes (with `>` nowhere, digits everywhere).
fn base64ish(n: usize) -> String {
    "iVBORw0KGgoAAAANSUhEUgAAA+/1234567890=="
        .chars()
        .cycle()
        .take(n)
        .collect()
}

#[test]
fn long_tags_are_skipped_as_tags() {
    // 600 images whose `src` is a data: URL far longer than any tag cap (10 KB each).
    let mut page = String::from("<!DOCTYPE html><html><body>");
    let mut want = Vec::new();
    for k in 1..=600 {
        let _ = write!(
            page,
            "<p>图{k}</p><img alt=\"1 > 0\" src=\"data:image/png;base64,{}\">",
            base64ish(10_000)
        );
        want.push(format!("图{k}"));
    }
    // Unquoted, and with `>` and `<` inside single and double quotes.
    let _ = write!(
        page,
        "<div class={}>甲</div><a title='a>b<c' href=\"x>y\" data-x = \"<p>\">链接</a></body></html>",
        base64ish(6_000).replace('=', "")
    );
    want.push("甲\n链接".into());
    let doc = decode(page.as_bytes(), Some("page.html")).expect("decodes");
    assert_eq!(doc.text, want.join("\n"));
    assert!(!doc.text.contains("base64") && !doc.text.contains("iVBOR"));
}

#[test]
fn a_quoted_value_running_to_the_end_hides_the_rest_like_a_browser() {
    let page = format!(
        "<p>正文</p><img src=\"data:image/png;base64,{}<p>不是正文</p>",
        base64ish(1 << 20)
    );
    assert_eq!(html_to_text(&page), "正文");
}

#[test]
fn unclosed_scripts_and_styles_are_linear() {
    // 20,000 unclosed <script>, <style> and <textarea>, each followed by ten `</`: a search
    // of the rest of the page for each would be 10^9 steps (minutes); one pass is instant.
    let mut page = String::from("<html><body>");
    for k in 0..20_000 {
        page.push_str(["<script>", "<style>", "<textarea>"][k % 3]);
        page.push_str("<p>甲</p>");
        page.push_str(&"<i>乙</i>".repeat(9));
    }
    assert!(page.len() > 2_000_000);
    let text = html_to_text(&page);
    let want = vec![format!("甲\n{}", "乙".repeat(9)); 20_000].join("\n");
    assert_eq!(text, want);
    // An unclosed comment hides the rest (already linear: one search, to the end).
    let page = format!("<p>正文</p>{}", "<!-- <p>注释</p>".repeat(20_000));
    assert_eq!(html_to_text(&page), "正文");
}

#[test]
fn many_lt_without_gt_are_text_and_linear() {
    // 50,000 `<a` that never close: each would otherwise search to the end of the page.
    let page = "甲<a乙".repeat(50_000);
    assert_eq!(html_to_text(&page), page);
    // A `<` before the next `>` makes the first one text, as before.
    assert_eq!(html_to_text("a<b <p>c</p>"), "a<b\nc");
}

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A .docx with `body` as the body of its document and `numbering` (abstract 0, list 1) as
/// its numbering, plus extra parts.
fn docx_with(body: &str, levels: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let document = format!("<w:document {W_NS}><w:body>{body}</w:body></w:document>");
    let numbering = format!(
        r#"<w:numbering {W_NS}><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let mut files: Vec<(&str, &[u8])> = vec![
        ("word/document.xml", document.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
    ];
    files.extend_from_slice(extra);
    zip_of(&files)
}

const NUMBERED_P: &str = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p>"#;

#[test]
fn docx_list_labels_are_capped() {
    // A 1 MB lvlText copied into 20,000 paragraphs was 20 GB of text.
    let level = format!(
        r#"<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.{}"/></w:lvl>"#,
        "x".repeat(1 << 20)
    );
    let bytes = docx_with(&NUMBERED_P.repeat(20_000), &level, &[]);
    assert!(bytes.len() < 20_000, "{} bytes", bytes.len());
    let doc = decode(&bytes, Some("bomb.docx")).expect("decodes");
    assert_eq!(
        doc.warnings,
        vec![DecodeWarning::ListLabelsCapped { limit: 64 }]
    );
    let lines: Vec<&str> = doc.text.lines().collect();
    assert_eq!(lines.len(), 20_000);
    let want = |n: usize| {
        let label: String = format!("{n}.{}", "x".repeat(64)).chars().take(64).collect();
        format!("{label}a")
    };
    assert_eq!(lines[0], want(1));
    assert_eq!(lines[19_999], want(20_000));
    assert!(doc.text.len() <= 20_000 * 66);
    // Real labels are untouched and raise no warning.
    let level =
        r#"<w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>"#;
    let doc = decode(&docx_with(&NUMBERED_P.repeat(3), level, &[]), None).expect("decodes");
    assert_eq!(doc.text, "一、a\n二、a\n三、a\n");
    assert!(doc.warnings.is_empty());
}

#[test]
fn docx_output_is_capped_at_the_input_limit() {
    let limits = Limits {
        max_input: 100_000,
        max_decompressed: 16 << 20,
    };
    // Plain text that compresses well: 400 KB of text in a few KB of zip.
    let para = format!(
        "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
        "法治政府建设".repeat(100)
    );
    let bytes = docx_with(&para.repeat(220), "", &[]);
    assert!(bytes.len() < limits.max_input);
    let doc = decode_with_limits(&bytes, Some("a.docx"), limits).expect("decodes");
    assert!(doc.text.len() <= 100_000 && doc.text.len() > 99_000);
    assert!(doc.text.starts_with("法治政府建设法治"));
    assert_eq!(
        doc.warnings,
        vec![DecodeWarning::OutputCapped { limit: 100_000 }]
    );
    // A paragraph style carrying a long label, repeated: both caps hold.
    let styles = format!(
        r#"<w:styles {W_NS}><w:style w:styleId="H"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#
    );
    let level = format!(
        r#"<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="{}%1"/></w:lvl>"#,
        "第".repeat(5000)
    );
    let paragraphs = r#"<w:p><w:pPr><w:pStyle w:val="H"/></w:pPr></w:p>"#.repeat(20_000);
    let bytes = docx_with(
        &paragraphs,
        &level,
        &[("word/styles.xml", styles.as_bytes())],
    );
    let doc = decode_with_limits(&bytes, Some("a.docx"), limits).expect("decodes");
    assert!(doc.text.len() <= 100_000);
    assert_eq!(doc.text.lines().next(), Some("第".repeat(64).as_str()));
    assert_eq!(
        doc.warnings,
        vec![
            DecodeWarning::OutputCapped { limit: 100_000 },
            DecodeWarning::ListLabelsCapped { limit: 64 },
        ]
    );
}

#[test]
fn docx_nesting_is_bounded() {
    // 50,000 paragraphs nested in one another, each numbered, around a text.
    let open = r#"<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>"#;
    let body = format!(
        "<w:p><w:r><w:t>顶层段落</w:t></w:r></w:p>{}<w:r><w:t>深处</w:t></w:r>{}",
        open.repeat(50_000),
        "</w:p>".repeat(50_000)
    );
    let level = r#"<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>"#;
    let doc = decode(&docx_with(&body, level, &[]), Some("deep.docx")).expect("decodes");
    assert!(doc.text.starts_with("顶层段落\n"), "{:.80}", doc.text);
    assert!(!doc.text.contains("深处"));
    // Only the paragraphs above the bound are read (document, body, then 254 of them).
    assert_eq!(doc.text.lines().count(), 1 + 254);
    assert_eq!(
        doc.warnings,
        vec![DecodeWarning::NestingTooDeep { limit: 256 }]
    );
    // When everything is too deep, the error says so.
    let body = format!(
        "{}<w:p><w:r><w:t>深处</w:t></w:r></w:p>{}",
        "<w:sdt><w:sdtContent>".repeat(200),
        "</w:sdtContent></w:sdt>".repeat(200)
    );
    match decode(&docx_with(&body, "", &[]), None) {
        Err(DecodeError::InvalidDocx { reason }) => assert!(reason.contains("256"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn docx_with_many_lists_is_linear() {
    // 20,000 list instances, one per paragraph (each looked up once, not in a list).
    let mut nums = String::new();
    let mut body = String::new();
    for k in 1..=20_000 {
        let _ = write!(
            nums,
            r#"<w:num w:numId="{k}"><w:abstractNumId w:val="0"/></w:num>"#
        );
        let _ = write!(
            body,
            r#"<w:p><w:pPr><w:numPr><w:numId w:val="{k}"/></w:numPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p>"#
        );
    }
    let numbering = format!(
        r#"<w:numbering {W_NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>{nums}</w:numbering>"#
    );
    let document = format!("<w:document {W_NS}><w:body>{body}</w:body></w:document>");
    let bytes = zip_of(&[
        ("word/document.xml", document.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
    ]);
    let doc = decode(&bytes, None).expect("decodes");
    assert_eq!(doc.text.lines().last(), Some("20000.a"));
}

#[test]
fn large_legacy_files_decode_in_one_pass() {
    // 200 KB of GBK, and the same with stray bytes: read as UTF-8 it has a malformed
    // sequence every few bytes, and each must not cost a pass over the output buffer.
    let text = REPORT.repeat(200_000 / REPORT.len());
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let doc = decode(&gbk, None).expect("GBK");
    assert_eq!((doc.text.len(), doc.encoding.as_str()), (text.len(), "GBK"));
    let mut damaged = gbk.into_owned();
    for k in 1..=10 {
        let at = damaged.len() * k / 11;
        let at = at
            - damaged[..at]
                .iter()
                .rev()
                .take_while(|&&b| b != b'\n')
                .count();
        damaged.insert(at, 0xFF);
    }
    let doc = decode(&damaged, None).expect("damaged GBK");
    assert_eq!(doc.encoding, "GBK");
    assert_eq!(
        doc.warnings,
        vec![DecodeWarning::ReplacedInvalidBytes { count: 10 }]
    );
}
