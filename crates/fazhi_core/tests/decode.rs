//! `decode()`: the encodings, formats and refusals of issue 3.

use std::io::{Cursor, Write as _};

use fazhi_core::decode::{
    decode, decode_with_limits, html_to_text, DecodeError, Limits, SourceFormat,
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
            "legacy .doc",
            ole_with("WordDocument"),
            Some("a.doc"),
            Limits::default(),
            DecodeError::LegacyDoc,
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
            "pdf",
            b"%PDF-1.7\n...".to_vec(),
            Some("a.pdf"),
            Limits::default(),
            DecodeError::Unsupported { format: "PDF" },
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
                assert_eq!(e, want, "{name}");
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
