//! Compilations (`fazhi_core::split`): a file of several reports becomes one piece per
//! report, each analysed as if it were its own file; one report is never split — not the
//! real reports of `../shared/corpus` (and its excerpts), not the fixtures of this crate.

mod essence;

use std::fs;
use std::path::{Path, PathBuf};

use fazhi_core::split::{split_compilation, Piece};
use fazhi_core::{analyze, Span};
use proptest::prelude::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/split")
}

fn read(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    fazhi_core::decode::decode(&bytes, path.file_name().and_then(|n| n.to_str()))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .text
}

/// The three made-up reports the compilations are made of.
fn reports() -> Vec<String> {
    ["report-a.txt", "report-b.txt", "report-c.txt"]
        .iter()
        .map(|f| read(&fixtures().join(f)))
        .collect()
}

const TITLES: [&str; 3] = [
    "青石区司法局2024年法治政府建设年度报告",
    "青石区市场监督管理局关于2024年度法治政府建设情况的报告",
    "青石区城市管理局2024年法治政府建设工作报告",
];

/// Pieces are in order, disjoint, inside the text and on char boundaries; the title span is
/// inside its piece.
fn check_sound(text: &str, pieces: &[Piece]) {
    assert!(!pieces.is_empty());
    let mut end = 0;
    for p in pieces {
        assert!(end <= p.span.start && p.span.start <= p.span.end && p.span.end <= text.len());
        assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
        if let Some(t) = p.title_span {
            assert!(p.span.start <= t.start && t.end <= p.span.end, "{p:?}");
        }
        end = p.span.end;
    }
}

/// A compilation analysed piece by piece: each piece equals, in its analysis, the report it
/// was made from; every span of a piece's analysis maps back into the whole text.
fn check_pieces(text: &str, pieces: &[Piece], reports: &[String], titles: &[&str]) {
    check_sound(text, pieces);
    assert_eq!(pieces.len(), reports.len(), "{pieces:#?}");
    for ((piece, report), title) in pieces.iter().zip(reports).zip(titles) {
        assert_eq!(piece.title.as_deref(), Some(*title));
        let piece_text = piece.slice(text);
        assert!(
            piece_text
                .replace("\r\n", "\n")
                .trim_start()
                .starts_with(report.trim()),
            "the piece is the report: {piece_text}"
        );
        let got = analyze(piece_text);
        let want = analyze(report);
        let diff = essence::differences(&essence::essence(&want), &essence::essence(&got));
        assert!(diff.is_empty(), "{title}:\n{}", diff.join("\n"));
        assert!(
            got.headings.len() >= 4 && !got.metrics.is_empty(),
            "{title}"
        );
        for h in &got.headings {
            let back = Span::new(
                piece.span.start + h.title_span.start,
                piece.span.start + h.title_span.end,
            );
            assert_eq!(back.slice(text), h.title_span.slice(piece_text));
        }
        for m in &got.metrics {
            let back = Span::new(
                piece.span.start + m.span.start,
                piece.span.start + m.span.end,
            );
            assert_eq!(back.slice(text), m.text);
        }
    }
}

#[test]
fn the_compilation_fixture_is_three_reports() {
    let text = read(&fixtures().join("compilation.txt"));
    let pieces = split_compilation(&text);
    check_pieces(&text, &pieces, &reports(), &TITLES);
    // The cover and the 目录 belong to no report.
    assert!(text[..pieces[0].span.start].contains("目录"));
    let names: Vec<String> = pieces.iter().map(|p| p.name("汇编.txt")).collect();
    insta::assert_json_snapshot!("compilation_pieces", (&pieces, names));
}

/// The same compilation as a PDF and a Word 97–2003 .doc made by LibreOffice (`make.sh`):
/// the same three reports, each with the analysis of its .txt.
#[test]
fn the_compilation_as_pdf_and_doc_is_three_reports() {
    for file in ["compilation.pdf", "compilation.doc"] {
        let text = read(&fixtures().join(file));
        let pieces = split_compilation(&text);
        check_sound(&text, &pieces);
        assert_eq!(pieces.len(), 3, "{file}: {pieces:#?}");
        for ((piece, report), title) in pieces.iter().zip(reports()).zip(TITLES) {
            assert_eq!(piece.title.as_deref(), Some(title), "{file}");
            let got = essence::essence(&analyze(piece.slice(&text)));
            let want = essence::essence(&analyze(&report));
            let diff = essence::differences(&want, &got);
            assert!(diff.is_empty(), "{file}, {title}:\n{}", diff.join("\n"));
        }
    }
}

/// Compilations made from the three reports in several shapes.
#[test]
fn compilations_in_several_shapes() {
    let r = reports();
    let joined = |sep: &str| {
        r.iter()
            .map(|s| s.trim_end().to_owned())
            .collect::<Vec<_>>()
            .join(sep)
    };
    let cases: Vec<(&str, String)> = vec![
        ("no cover, no 目录", joined("\n")),
        ("blank lines between", joined("\n\n\n")),
        ("page breaks", joined("\n\u{c}\n")),
        ("CRLF", joined("\n").replace('\n', "\r\n")),
        (
            "cover and 目录 with page numbers",
            format!(
                "某区部门法治政府建设年度报告汇编\n目  录\n{}……1\n{}……5\n{}……9\n\n{}",
                TITLES[0],
                TITLES[1],
                TITLES[2],
                joined("\n")
            ),
        ),
    ];
    for (name, text) in cases {
        let pieces = split_compilation(&text);
        assert_eq!(pieces.len(), 3, "{name}: {pieces:#?}");
        check_pieces(&text, &pieces, &r, &TITLES);
    }
}

#[test]
fn a_foreword_with_a_body_is_a_piece_without_a_title() {
    let r = reports();
    let foreword = "前言\n为全面展示本区各部门2024年法治政府建设成效，区委依法治区办汇编了各部门的年度报告。各部门高度重视，认真总结一年来推进法治政府建设的主要举措和成效，深入查找存在的不足和原因。本汇编共收录部门报告三份，按报送时间先后排列。希望各部门相互借鉴，取长补短，共同推进本区法治政府建设再上新台阶。汇编工作得到了各部门的大力支持，在此一并致谢。各部门报告的内容由各部门负责，汇编时只统一了格式，未改动文字和数据。由于时间仓促，疏漏之处在所难免，敬请批评指正。\n";
    let text = format!("{foreword}{}\n{}\n{}", r[0], r[1], r[2]);
    let pieces = split_compilation(&text);
    check_sound(&text, &pieces);
    assert_eq!(pieces.len(), 4, "{pieces:#?}");
    assert_eq!(pieces[0].title, None);
    assert_eq!(pieces[0].slice(&text), foreword);
    assert_eq!(pieces[0].name("汇编.txt"), "汇编.txt");
    check_pieces(&text, &pieces[1..], &r, &TITLES);
}

/// Two reports under the same bodiless title, each body named on the line above in a form
/// the title rule does not know (digits, an alias in brackets): still two reports.
#[test]
fn same_title_different_reports_are_two() {
    let r = reports();
    let first = r[1].replacen(
        "青石区市场监督管理局\n",
        "青石区第1市场监督管理所（分局）\n",
        1,
    );
    let second = r[1]
        .replacen("青石区市场监督管理局\n", "青石区第2市场监督管理所\n", 1)
        .replacen("2024年，区市场监管局", "2024年，第2市场监督管理所", 1);
    let text = format!("{first}\n{second}");
    let pieces = split_compilation(&text);
    check_sound(&text, &pieces);
    assert_eq!(pieces.len(), 2, "{pieces:#?}");
    assert_eq!(
        pieces[1].title.as_deref(),
        Some("青石区第2市场监督管理所关于2024年度法治政府建设情况的报告")
    );
    // Even when the line above is not a body's name, the first sentences tell them apart.
    let text = format!(
        "{}\n{}",
        first.replacen("青石区第1市场监督管理所（分局）\n", "（一）\n", 1),
        second.replacen("青石区第2市场监督管理所\n", "（二）\n", 1)
    );
    assert_eq!(split_compilation(&text).len(), 2);
}

/// Texts that are one report, however many title-like lines they hold.
#[test]
fn one_report_is_never_split() {
    let r = reports();
    let cases: Vec<(&str, String)> = vec![
        ("a report", r[0].clone()),
        (
            "the page shows the title twice",
            format!("{}\n发布时间：2025-01-16\n{}", TITLES[0], r[0]),
        ),
        (
            "a web page repeats the whole report",
            format!("{}\n打印本页 关闭窗口\n{}", r[0], r[0]),
        ),
        (
            "related links under the report",
            format!("{}\n相关链接\n{}\n{}\n", r[0], TITLES[1], TITLES[2]),
        ),
        (
            "a title quoted alone on a line inside the report",
            r[0].replacen(
                "二、",
                "《青石区城市管理局2024年法治政府建设工作报告》\n二、",
                1,
            ),
        ),
        (
            "the report body is too short after a second title",
            format!("{}\n{}\n本报告自发布之日起施行。\n", r[0], TITLES[2]),
        ),
    ];
    for (name, text) in cases {
        let pieces = split_compilation(&text);
        assert_eq!(pieces.len(), 1, "{name}: {pieces:#?}");
        assert_eq!(pieces[0].span, Span::new(0, text.len()), "{name}");
        assert_eq!(pieces[0].title, None, "{name}");
    }
}

/// The `.txt` files directly in `dir`, sorted; `None` when `dir` is absent.
fn txt_files(dir: &Path) -> Option<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    files.sort();
    Some(files)
}

fn assert_never_split(files: &[PathBuf]) -> usize {
    let mut split = Vec::new();
    for f in files {
        let text = read(f);
        let pieces = split_compilation(&text);
        check_sound(&text, &pieces);
        if pieces.len() != 1 || pieces[0].span != Span::new(0, text.len()) {
            split.push(format!(
                "{}: {:?}",
                f.display(),
                pieces.iter().map(|p| &p.title).collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        split.is_empty(),
        "single reports were split:\n{}",
        split.join("\n")
    );
    files.len()
}

#[test]
fn corpus_reports_are_never_split() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    for dir in [root.clone(), root.join("excerpts")] {
        match txt_files(&dir) {
            None => eprintln!("skipping: {} not found", dir.display()),
            Some(files) => {
                assert!(!files.is_empty(), "{} holds no .txt", dir.display());
                let n = assert_never_split(&files);
                eprintln!("{n} reports in {}: none split", dir.display());
            }
        }
    }
}

#[test]
fn own_fixtures_are_never_split() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "tests/fixtures/structure",
        "tests/fixtures/formats",
        "../fazhi_eval/tests/heldout",
        "../../www/demo",
    ] {
        files.extend(txt_files(&core.join(dir)).unwrap_or_default());
    }
    files.extend(["report-a.txt", "report-b.txt", "report-c.txt"].map(|f| fixtures().join(f)));
    assert!(files.len() > 10, "{files:?}");
    assert_never_split(&files);
}

/// Thousands of reports in one text: every one found (the search is linear: each line is
/// tested once, each stretch between title lines read once).
#[test]
fn thousands_of_reports_in_one_text() {
    let r = reports();
    let n = 3000;
    let text: String = (0..n)
        .map(|i| r[i % 3].replacen("青石区", &format!("青石区第{i}单位"), 1))
        .collect::<Vec<_>>()
        .join("\n");
    let started = std::time::Instant::now();
    let pieces = split_compilation(&text);
    eprintln!(
        "{n} reports, {} MB: split in {:.0} ms",
        text.len() / 1_000_000,
        started.elapsed().as_secs_f64() * 1000.0
    );
    check_sound(&text, &pieces);
    assert_eq!(pieces.len(), n);
    for (i, p) in pieces.iter().enumerate() {
        let title = p.title.as_deref().unwrap_or_default();
        assert!(
            title.starts_with(&format!("青石区第{i}单位")),
            "{i}: {title}"
        );
    }
}

proptest! {
    /// Any text: sound pieces, never a panic.
    #[test]
    fn any_text_gives_sound_pieces(s in "(?s)(青石区司法局2024年法治政府建设年度报告|关于2024年度法治政府建设情况的报告|某某局|一、|。|\n|[\\PC]{0,40}){0,40}") {
        let pieces = split_compilation(&s);
        check_sound(&s, &pieces);
    }

    /// One to three of the reports, in any order, with blank lines or junk lines (no
    /// sentences) between them: as many pieces as reports, each one of them.
    #[test]
    fn concatenations_split_into_their_reports(
        order in proptest::sample::subsequence(vec![0usize, 1, 2], 1..=3).prop_shuffle(),
        sep in "\n(\n|第[0-9]页\n|— [0-9] —\n){0,3}",
    ) {
        let r = reports();
        let text = order.iter().map(|&i| r[i].as_str()).collect::<Vec<_>>().join(&sep);
        let pieces = split_compilation(&text);
        if order.len() == 1 {
            prop_assert_eq!(pieces.len(), 1);
            prop_assert_eq!(pieces[0].title.as_deref(), None);
        } else {
            let picked: Vec<String> = order.iter().map(|&i| r[i].clone()).collect();
            let titles: Vec<&str> = order.iter().map(|&i| TITLES[i]).collect();
            check_pieces(&text, &pieces, &picked, &titles);
        }
    }
}
