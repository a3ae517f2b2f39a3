//! PDF, Word 97–2003 `.doc` and OFD (issue 13): files made by real generators from one
//! made-up report (`fixtures/formats/make.sh`) must analyse as the report's own text does,
//! and hostile files must end in a clear error.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};
use std::path::{Path, PathBuf};

use fazhi_core::analyze;
use fazhi_core::decode::{
    decode, decode_with_limits, DecodeError, DecodeWarning, Limits, SourceFormat,
};

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/fixtures/formats", name]
        .iter()
        .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What the analysis found that the decoder must not change: headings (level, marker,
/// title), metrics (text, value, unit) and the required parts (status, heading).
fn essentials(text: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let a = analyze(text);
    let headings = a
        .headings
        .iter()
        .map(|h| format!("{:?} {} {}", h.level, h.marker, h.title))
        .collect();
    let metrics = a
        .metrics
        .iter()
        .map(|m| format!("{} = {} {}", m.text, m.value, m.unit))
        .collect();
    let parts = a
        .parts
        .iter()
        .map(|p| {
            let headings: Vec<&str> = p
                .headings
                .iter()
                .filter_map(|&i| a.headings.get(i))
                .map(|h| h.title.as_str())
                .collect();
            format!("{:?} {headings:?}", p.part)
        })
        .collect();
    (headings, metrics, parts)
}

#[test]
fn generated_files_analyse_like_the_source_text() {
    let source = String::from_utf8(fixture("report.txt")).expect("UTF-8 source");
    let (want_headings, want_metrics, want_parts) = essentials(&source);
    assert!(want_headings.len() >= 7, "{want_headings:?}");
    assert!(
        want_metrics.iter().any(|m| m.starts_with("69.05万元")),
        "{want_metrics:?}"
    );
    for (name, format) in [
        ("report-soffice.pdf", SourceFormat::Pdf),
        ("report-chromium.pdf", SourceFormat::Pdf),
        ("encrypted-open.pdf", SourceFormat::Pdf),
        ("report-fodt.pdf", SourceFormat::Pdf),
        ("report.doc", SourceFormat::Doc),
        ("report-fodt.doc", SourceFormat::Doc),
        ("report-doc.wps", SourceFormat::Doc),
        ("report-std.ofd", SourceFormat::Ofd),
        ("report-chromium-easyofd.ofd", SourceFormat::Ofd),
        ("report-fodt-easyofd.ofd", SourceFormat::Ofd),
    ] {
        let doc = decode(&fixture(name), Some(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.format, format, "{name}");
        let (headings, metrics, parts) = essentials(&doc.text);
        assert_eq!(headings, want_headings, "{name}: headings\n{}", doc.text);
        assert_eq!(metrics, want_metrics, "{name}: metrics\n{}", doc.text);
        assert_eq!(parts, want_parts, "{name}: parts\n{}", doc.text);
        // Running heads, "— N —" and "第 N 页" page numbers are gone (from the .doc: the
        // header and footer stories after ccpText are not read).
        assert!(
            !doc.text.contains("司法局文件")
                && !doc.text.contains('—')
                && !doc.text.contains("第1页")
                && !doc.text.contains("第 1 页"),
            "{name}: page furniture left\n{}",
            doc.text
        );
        // Lines of one paragraph are joined: every source paragraph is one line.
        for para in source.lines().filter(|l| !l.trim().is_empty()) {
            assert!(
                doc.text.lines().any(|l| l.trim() == para.trim()),
                "{name}: paragraph not found whole: {para}\n{}",
                doc.text
            );
        }
    }
}

#[test]
fn pdf_locked_by_a_user_password_is_refused() {
    let err = decode(&fixture("encrypted-locked.pdf"), Some("a.pdf")).expect_err("locked");
    assert_eq!(err, DecodeError::PdfEncrypted);
}

#[test]
fn scanned_pdf_is_refused_with_the_scan_message() {
    let err = decode(&fixture("scanned.pdf"), Some("scan.pdf")).expect_err("no text layer");
    assert_eq!(err, DecodeError::ScannedPdf);
    assert!(err.to_string().contains("扫描件没有文字层"), "{err}");
}

#[test]
fn hostile_files_end_in_a_clear_error() {
    for name in [
        "huge-length.pdf",
        "self-ref.pdf",
        "self-form.pdf",
        "cyclic-fat.doc",
    ] {
        match decode(&fixture(name), Some(name)) {
            Err(e) => {
                let msg = e.to_string();
                assert!(
                    msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                        && msg.chars().any(|c| c.is_ascii_alphabetic()),
                    "{name}: message should be bilingual: {msg}"
                );
            }
            Ok(doc) => {
                // A reader may recover the text around a lying /Length; it must then be the
                // report's, not garbage.
                assert!(
                    name == "huge-length.pdf" && doc.text.contains("一、主要举措和成效"),
                    "{name}: decoded {:?}: {}",
                    doc.format,
                    doc.text
                );
            }
        }
    }
}

#[test]
fn a_form_that_draws_itself_is_followed_once() {
    // No text anywhere: the self-drawing form is walked once, then the page reads as a scan.
    assert_eq!(
        decode(&fixture("self-form.pdf"), Some("a.pdf")),
        Err(DecodeError::ScannedPdf)
    );
}

/// A one-page PDF whose catalog sits in an object stream that inflates to `fill` + a few
/// bytes (lopdf inflates object streams while loading).
fn pdf_with_object_stream(fill: usize) -> Vec<u8> {
    use std::io::Write as _;
    let mut objs = b"1 0 << /Type /Catalog /Pages 2 0 R >>".to_vec();
    objs.resize(objs.len() + fill, b' ');
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&objs).expect("in memory");
    let packed = z.finish().expect("in memory");
    let mut pdf = b"%PDF-1.5\n".to_vec();
    pdf.extend_from_slice(
        format!(
            "3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
            packed.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(&packed);
    pdf.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    pdf
}

#[test]
fn a_flate_bomb_in_an_object_stream_is_refused_before_loading() {
    let limits = Limits {
        max_input: 1 << 20,
        max_decompressed: 100_000,
    };
    let bomb = pdf_with_object_stream(1_000_000);
    assert!(bomb.len() < 10_000, "{}", bomb.len());
    assert_eq!(
        decode_with_limits(&bomb, Some("a.pdf"), limits),
        Err(DecodeError::ZipBomb { limit: 100_000 })
    );
    // The same structure under the limit is not refused for its size.
    let small = pdf_with_object_stream(10);
    assert!(!matches!(
        decode_with_limits(&small, Some("a.pdf"), limits),
        Err(DecodeError::ZipBomb { .. })
    ));
}

/// A one-page PDF whose catalog sits in an object stream that claims `n` objects (the
/// stream itself is small).
fn pdf_with_object_count(n: u64) -> Vec<u8> {
    let objs = b"1 0 << /Type /Catalog /Pages 2 0 R >>";
    let mut pdf = b"%PDF-1.5\n".to_vec();
    pdf.extend_from_slice(
        format!(
            "3 0 obj\n<< /Type /ObjStm /N {n} /First 4 /Length {} >>\nstream\n",
            objs.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(objs);
    pdf.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    pdf
}

/// A PDF with two xref sections whose `/Prev` entries point at each other.
fn pdf_with_xref_loop() -> Vec<u8> {
    let one = pdf_with_content(b"BT ET");
    let Some(x1) = one.windows(5).position(|w| w == b"xref\n") else {
        panic!("no xref in the generated PDF");
    };
    let Some(trailer) = one.windows(7).position(|w| w == b"trailer") else {
        panic!("no trailer in the generated PDF");
    };
    let mut pdf = one[..trailer].to_vec();
    pdf.extend_from_slice(b"trailer\n<< /Size 5 /Root 1 0 R /Prev ");
    let patch = pdf.len();
    pdf.extend_from_slice(format!("{:010} >>\nstartxref\n{x1}\n%%EOF\n", 0).as_bytes());
    let x2 = pdf.len();
    pdf.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R /Prev {x1} >>\nstartxref\n{x2}\n%%EOF\n"
        )
        .as_bytes(),
    );
    pdf[patch..patch + 10].copy_from_slice(format!("{x2:010}").as_bytes());
    pdf
}

#[test]
fn an_object_stream_claiming_a_billion_objects_and_a_looping_xref_end_in_a_clear_error() {
    for (what, pdf) in [
        ("object count", pdf_with_object_count(1_000_000_000)),
        ("object count past u32", pdf_with_object_count(u64::MAX)),
        (
            "xref sections that point at each other",
            pdf_with_xref_loop(),
        ),
    ] {
        match decode(&pdf, Some("a.pdf")) {
            Err(e) => {
                let msg = e.to_string();
                assert!(
                    msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                        && msg.chars().any(|c| c.is_ascii_alphabetic()),
                    "{what}: message should be bilingual: {msg}"
                );
            }
            Ok(doc) => panic!("{what}: decoded {:?}", doc.text),
        }
    }
}

/// A one-page PDF whose page content is `content` (uncompressed).
fn pdf_with_content(content: &[u8]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        [
            format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(),
            content,
            b"\nendstream",
        ]
        .concat(),
    ];
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(b"xref\n0 5\n0000000000 65535 f \n");
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    pdf
}

#[test]
fn deeply_nested_content_ends_in_an_error_not_a_stack_overflow() {
    for open in [&b"["[..], b"<<", b"("] {
        let content = open.repeat(200_000);
        match decode(&pdf_with_content(&content), Some("a.pdf")) {
            Err(e) => assert!(!e.to_string().is_empty()),
            Ok(doc) => panic!("decoded {:?}", doc.text),
        }
    }
}

#[test]
fn pdf_decompression_is_capped() {
    let limits = Limits {
        max_input: 1 << 20,
        max_decompressed: 1000,
    };
    let err = decode_with_limits(&fixture("report-chromium.pdf"), Some("a.pdf"), limits)
        .expect_err("over the cap");
    assert_eq!(err, DecodeError::ZipBomb { limit: 1000 });
}

#[test]
fn doc_reads_only_the_main_text_and_wps_names_its_format() {
    // A .wps that is not a compound file: WPS's own format.
    let err = decode(b"\x00\x01WPS-not-word", Some("a.wps")).expect_err("not Word");
    assert_eq!(err, DecodeError::WpsNotWord);
    assert!(err.to_string().contains(".docx"), "{err}");
    // Truncated .doc: the compound file is cut in the middle.
    let doc = fixture("report.doc");
    let cut = &doc[..doc.len() / 2];
    assert!(
        matches!(
            decode(cut, Some("a.doc")),
            Err(DecodeError::InvalidDoc { .. } | DecodeError::Encrypted)
        ),
        "truncated .doc"
    );
}

#[test]
fn truncated_and_garbled_pdfs_do_not_panic() {
    let pdf = fixture("report-soffice.pdf");
    for cut in [10, 100, 1000, pdf.len() / 3, pdf.len() / 2, pdf.len() - 40] {
        let _ = decode(&pdf[..cut], Some("a.pdf"));
    }
    let mut flipped = pdf.clone();
    for i in (0..flipped.len()).step_by(97) {
        flipped[i] ^= 0x5A;
    }
    let _ = decode(&flipped, Some("a.pdf"));
}

/// The decoded text of each generated file, with its format and warnings, and what the
/// analysis makes of it (headings and parts): one insta snapshot per file.
fn snapshot(path: &Path) {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = decode(&bytes, Some(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let (headings, _, parts) = essentials(&doc.text);
    let mut out = format!(
        "format: {:?}\nwarnings: {:?}\nheadings:\n",
        doc.format, doc.warnings
    );
    for h in headings {
        let _ = writeln!(out, "  {h}");
    }
    let _ = writeln!(out, "parts:");
    for p in parts {
        let _ = writeln!(out, "  {p}");
    }
    let _ = writeln!(out, "text:\n{}", doc.text);
    insta::assert_snapshot!(out);
}

#[test]
fn generated_files_snapshots() {
    insta::glob!("fixtures/formats/report*.{pdf,doc,wps,ofd}", snapshot);
}

#[test]
fn ofd_templates_annotations_and_page_numbers_stay_out_of_the_text() {
    let doc = decode(&fixture("report-std.ofd"), Some("report-std.ofd")).expect("decodes");
    assert_eq!(doc.format, SourceFormat::Ofd);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    // The template page's letterhead, the page annotation and "— N —" are not body text.
    for junk in ["模板页眉", "批注", "不应出现", "—"] {
        assert!(!doc.text.contains(junk), "{junk} leaked:\n{}", doc.text);
    }
    // The title drawn through a CTM and the page-2 body inside a PageBlock are read.
    assert!(
        doc.text
            .starts_with("青山县司法局2025年法治政府建设年度报告\n"),
        "{}",
        doc.text
    );
    assert!(doc.text.contains("\n2026年1月15日\n"), "{}", doc.text);
}

#[test]
fn ofd_is_recognised_by_content_and_by_name() {
    let bytes = fixture("report-std.ofd");
    for name in [None, Some("report.zip"), Some("REPORT.OFD")] {
        let doc = decode(&bytes, name).unwrap_or_else(|e| panic!("{name:?}: {e}"));
        assert_eq!(doc.format, SourceFormat::Ofd, "{name:?}");
    }
    // Named .ofd but not a zip: an OFD error, not a text or Word one.
    let err = decode(b"not a zip at all", Some("a.ofd")).expect_err("not a zip");
    assert!(matches!(err, DecodeError::InvalidOfd { .. }), "{err:?}");
    assert!(err.to_string().contains("OFD"), "{err}");
}

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

const OFD_XML: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody>
<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#;

const DOCUMENT_XML: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages>
<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>"#;

/// A page holding one line of text inside `open`…`close`.
fn page(open: &str, close: &str) -> Vec<u8> {
    format!(
        r#"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2">{open}<ofd:TextObject ID="3" Boundary="20 30 100 10" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g 5 5">一、主要举措</ofd:TextCode></ofd:TextObject>{close}</ofd:Layer></ofd:Content></ofd:Page>"#
    )
    .into_bytes()
}

fn ofd_with_page(content: &[u8]) -> Vec<u8> {
    zip_of(&[
        ("OFD.xml", OFD_XML),
        ("Doc_0/Document.xml", DOCUMENT_XML),
        ("Doc_0/Pages/Page_0/Content.xml", content),
    ])
}

/// Whether an error message is bilingual (Chinese and English), as every refusal is.
fn bilingual(msg: &str) -> bool {
    msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && msg.chars().any(|c| c.is_ascii_alphabetic())
}

#[test]
fn a_minimal_ofd_reads_and_a_broken_one_says_why() {
    let doc = decode(&ofd_with_page(&page("", "")), Some("a.ofd")).expect("minimal OFD");
    assert_eq!(doc.text, "一、主要举措\n");
    for (what, bytes, want) in [
        (
            "no OFD.xml",
            zip_of(&[("Doc_0/Document.xml", DOCUMENT_XML)]),
            "OFD.xml",
        ),
        (
            "no DocRoot",
            zip_of(&[("OFD.xml", b"<ofd:OFD><ofd:DocBody/></ofd:OFD>")]),
            "DocRoot",
        ),
        (
            "no document",
            zip_of(&[("OFD.xml", OFD_XML)]),
            "Doc_0/Document.xml",
        ),
        (
            "no pages",
            zip_of(&[
                ("OFD.xml", OFD_XML),
                ("Doc_0/Document.xml", b"<ofd:Document/>"),
            ]),
            "no pages",
        ),
        (
            "malformed XML",
            ofd_with_page(b"<ofd:Page><a x=\"1></ofd:Page>"),
            "XML",
        ),
    ] {
        let err = decode(&bytes, Some("a.ofd")).expect_err(what);
        let msg = err.to_string();
        assert!(
            matches!(err, DecodeError::InvalidOfd { .. }),
            "{what}: {err:?}"
        );
        assert!(msg.contains(want) && bilingual(&msg), "{what}: {msg}");
    }
    // Pages without text: nothing to analyse; pages of images only: a scan.
    let blank = ofd_with_page(b"<ofd:Page><ofd:Content/></ofd:Page>");
    assert_eq!(decode(&blank, Some("a.ofd")), Err(DecodeError::Empty));
    let scan = ofd_with_page(
        br#"<ofd:Page><ofd:Content><ofd:Layer ID="2"><ofd:ImageObject ID="4" ResourceID="9" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/></ofd:Layer></ofd:Content></ofd:Page>"#,
    );
    let err = decode(&scan, Some("scan.ofd")).expect_err("a scan");
    assert_eq!(err, DecodeError::ScannedOfd);
    assert!(err.to_string().starts_with("扫描件没有文字层"), "{err}");
}

#[test]
fn an_ofd_zip_bomb_is_refused_within_the_limit() {
    // 60 MB of one page (past the default 48 MB) in a few tens of KB of zip.
    let mut content = page("", "");
    content.resize(60 * 1024 * 1024, b' ');
    let bomb = ofd_with_page(&content);
    drop(content);
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    let err = decode(&bomb, Some("bomb.ofd")).expect_err("over the limit");
    assert_eq!(
        err,
        DecodeError::ZipBomb {
            limit: Limits::default().max_decompressed
        }
    );
    assert!(bilingual(&err.to_string()), "{err}");
    // The limit counts every part read, not each alone.
    let limits = Limits {
        max_input: 1 << 20,
        max_decompressed: OFD_XML.len() + DOCUMENT_XML.len() + 100,
    };
    assert_eq!(
        decode_with_limits(&ofd_with_page(&page("", "")), Some("a.ofd"), limits),
        Err(DecodeError::ZipBomb {
            limit: limits.max_decompressed
        })
    );
}

#[test]
fn deep_or_recursive_ofd_xml_ends_in_a_clear_error() {
    // 100,000 nested page blocks: refused past the nesting limit, not walked.
    let deep = page(
        &"<ofd:PageBlock>".repeat(100_000),
        &"</ofd:PageBlock>".repeat(100_000),
    );
    let err = decode(&ofd_with_page(&deep), Some("deep.ofd")).expect_err("too deep");
    let msg = err.to_string();
    assert!(matches!(err, DecodeError::InvalidOfd { .. }), "{err:?}");
    assert!(msg.contains("嵌套") && msg.contains("nested"), "{msg}");
    // Nesting within the limit is read.
    let nested = page(
        &"<ofd:PageBlock>".repeat(20),
        &"</ofd:PageBlock>".repeat(20),
    );
    assert_eq!(
        decode(&ofd_with_page(&nested), Some("a.ofd")).map(|d| d.text),
        Ok("一、主要举措\n".to_owned())
    );
    // Entities that expand into themselves (a "billion laughs") are never expanded.
    let laughs = br#"<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "&b;&b;&b;&b;&b;&b;"><!ENTITY b "&a;&a;&a;&a;&a;">]><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer><ofd:TextObject Boundary="0 0 50 5" Size="5"><ofd:TextCode X="0" Y="5">&a;</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"#;
    match decode(&ofd_with_page(laughs), Some("a.ofd")) {
        Err(e) => assert!(bilingual(&e.to_string()), "{e}"),
        Ok(doc) => assert!(doc.text.len() < 100, "{}", doc.text.len()),
    }
    // A package that points at itself: the DocRoot is OFD.xml, the page list repeats one
    // page 100,000 times and a page is the document. Each part read counts against the
    // decompression limit, and no reference from a page is followed.
    let pages: String = (0..100_000)
        .map(|_| r#"<ofd:Page BaseLoc="Document.xml"/>"#)
        .collect();
    let looping = zip_of(&[
        (
            "OFD.xml",
            b"<ofd:OFD><ofd:DocBody><ofd:DocRoot>OFD.xml</ofd:DocRoot></ofd:DocBody><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        ),
        (
            "Doc_0/Document.xml",
            format!("<ofd:Document><ofd:Pages>{pages}</ofd:Pages></ofd:Document>").as_bytes(),
        ),
    ]);
    let err = decode(&looping, Some("loop.ofd")).expect_err("no text");
    assert!(bilingual(&err.to_string()), "{err}");
}

#[test]
fn too_many_ofd_entries_are_refused() {
    let names: Vec<String> = (0..50_001).map(|i| format!("Res/{i}.xml")).collect();
    let mut files: Vec<(&str, &[u8])> = vec![("OFD.xml", OFD_XML)];
    files.extend(names.iter().map(|n| (n.as_str(), &b""[..])));
    let err = decode(&zip_of(&files), Some("many.ofd")).expect_err("too many entries");
    let msg = err.to_string();
    assert!(msg.contains("50000") && bilingual(&msg), "{msg}");
}

#[test]
fn ofd_text_is_capped_at_the_input_limit() {
    // 200 paragraphs (each indented, 7 mm apart) of 30 bytes: 6 KB of text.
    let mut lines = String::new();
    for i in 0..200 {
        let _ = write!(
            lines,
            r#"<ofd:TextObject Boundary="30 {} 100 10" Size="5"><ofd:TextCode X="0" Y="5">一二三四五六七八九十</ofd:TextCode></ofd:TextObject>"#,
            40 + 7 * i
        );
    }
    let content = page(&lines, "");
    let limits = Limits {
        max_input: 2000,
        max_decompressed: 1 << 20,
    };
    let ofd = ofd_with_page(&content);
    assert!(ofd.len() < limits.max_input, "{}", ofd.len());
    let doc = decode_with_limits(&ofd, Some("a.ofd"), limits).expect("decodes, cut");
    assert!(
        doc.text.len() > 1900 && doc.text.starts_with("一、主要举措\n一二三四五六七八九十\n"),
        "{}",
        doc.text
    );
    assert!(doc.text.len() <= 2000, "{}", doc.text.len());
    assert_eq!(
        doc.warnings,
        vec![DecodeWarning::OutputCapped { limit: 2000 }]
    );
}

#[test]
fn truncated_and_garbled_ofds_do_not_panic() {
    let ofd = fixture("report-std.ofd");
    for cut in [10, 100, 1000, ofd.len() / 2, ofd.len() - 10] {
        assert!(decode(&ofd[..cut], Some("a.ofd")).is_err(), "cut at {cut}");
    }
    let mut flipped = ofd.clone();
    for i in (0..flipped.len()).step_by(89) {
        flipped[i] ^= 0x5A;
    }
    let _ = decode(&flipped, Some("a.ofd"));
}

#[test]
fn mangled_ofd_xml_ends_in_text_or_a_clear_error() {
    // Each part of report-std.ofd cut short, or with every 7th byte from some point on
    // dropped, then packed again: the reader returns text or a bilingual error, never panics.
    let mut zip = zip::ZipArchive::new(Cursor::new(fixture("report-std.ofd"))).expect("zip");
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).expect("read");
        parts.push((f.name().to_owned(), data));
    }
    let mut tried = 0;
    for target in 0..parts.len() {
        let len = parts[target].1.len();
        for cut in [0, 1, len / 3, len / 2, len.saturating_sub(1)] {
            for drop_every in [None, Some(7)] {
                let files: Vec<(String, Vec<u8>)> = parts
                    .iter()
                    .enumerate()
                    .map(|(i, (name, data))| {
                        if i != target {
                            return (name.clone(), data.clone());
                        }
                        let mangled = match drop_every {
                            None => data[..cut].to_vec(),
                            Some(k) => data
                                .iter()
                                .enumerate()
                                .filter(|(j, _)| *j < cut || j % k != 0)
                                .map(|(_, b)| *b)
                                .collect(),
                        };
                        (name.clone(), mangled)
                    })
                    .collect();
                let refs: Vec<(&str, &[u8])> = files
                    .iter()
                    .map(|(n, d)| (n.as_str(), d.as_slice()))
                    .collect();
                tried += 1;
                if let Err(e) = decode(&zip_of(&refs), Some("a.ofd")) {
                    assert!(bilingual(&e.to_string()), "{}: {e}", parts[target].0);
                }
            }
        }
    }
    assert!(tried >= 50, "{tried}");
}
