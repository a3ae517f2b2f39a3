//! PDF and Word 97–2003 `.doc` (issue 13): files made by real generators from one made-up
//! report (`fixtures/formats/make.sh`) must analyse as the report's own text does, and
//! hostile files must end in a clear error.

use std::path::PathBuf;

use fazhi_core::analyze;
use fazhi_core::decode::{decode, decode_with_limits, DecodeError, Limits, SourceFormat};

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/fixtures/formats", name]
        .iter()
        .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What the analysis found that the decoder must not change: headings (level, marker,
/// title) and metrics (text, value, unit).
fn essentials(text: &str) -> (Vec<String>, Vec<String>) {
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
    (headings, metrics)
}

#[test]
fn generated_files_analyse_like_the_source_text() {
    let source = String::from_utf8(fixture("report.txt")).expect("UTF-8 source");
    let (want_headings, want_metrics) = essentials(&source);
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
    ] {
        let doc = decode(&fixture(name), Some(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.format, format, "{name}");
        let (headings, metrics) = essentials(&doc.text);
        assert_eq!(headings, want_headings, "{name}: headings\n{}", doc.text);
        assert_eq!(metrics, want_metrics, "{name}: metrics\n{}", doc.text);
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
