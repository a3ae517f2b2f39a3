//! Data-driven structure tests: every file in `tests/fixtures/structure/` is decoded,
//! analysed and summarised; the summary is compared with its golden insta snapshot in
//! `tests/snapshots/`. To add a case, drop a file in the folder and run
//! `INSTA_UPDATE=always cargo test -p fazhi_core --test structure`, then read the new `.snap`.

use std::fmt::Write as _;
use std::path::Path;

use fazhi_core::decode::{self, Document};
use fazhi_core::{analyze, Analysis, Span};

/// A span as `start..end «text»` (text shortened, line breaks shown as `⏎`).
fn show(text: &str, span: Span) -> String {
    let s = span.slice(text).replace('\n', "⏎");
    let n = s.chars().count();
    let s = if n > 36 {
        let head: String = s.chars().take(18).collect();
        let tail: String = s.chars().skip(n - 12).collect();
        format!("{head}…{tail}")
    } else {
        s
    };
    format!("{}..{} «{s}»", span.start, span.end)
}

/// Spans must fit the text and agree with the strings stored next to them.
fn assert_consistent(text: &str, a: &Analysis) {
    let ok = |s: Span| s.start <= s.end && text.get(s.start..s.end).is_some();
    assert!(ok(a.body));
    for h in &a.headings {
        assert!(ok(h.marker_span) && ok(h.title_span) && ok(h.section));
        assert_eq!(h.marker_span.slice(text), h.marker);
        assert_eq!(h.title_span.slice(text), h.title);
        assert!(h.section.start == h.marker_span.start && h.section.end <= a.body.end);
        assert!(a.body.start <= h.marker_span.start);
    }
    for w in a.headings.windows(2) {
        assert!(w[0].marker_span.start < w[1].marker_span.start);
    }
    for e in &a.enumerations {
        assert!(ok(e.marker_span) && ok(e.span));
        assert_eq!(e.marker_span.slice(text), e.marker);
    }
    for s in a.boilerplate.iter().chain(&a.duplicate) {
        assert!(ok(*s));
    }
}

fn summary(name: &str, doc: &Document, a: &Analysis) -> String {
    let text = doc.text.as_str();
    let mut out = String::new();
    let _ = writeln!(out, "file: {name} ({:?}, {})", doc.format, doc.encoding);
    let _ = writeln!(out, "body: {}", show(text, a.body));
    for b in &a.boilerplate {
        let _ = writeln!(out, "boilerplate: {}", show(text, *b));
    }
    match a.duplicate {
        Some(d) => {
            let _ = writeln!(out, "duplicate: {}", show(text, d));
        }
        None => {
            let _ = writeln!(out, "duplicate: none");
        }
    }
    let m = &a.metadata;
    let _ = writeln!(
        out,
        "agency: {}",
        m.agency.as_ref().map_or("none".into(), |x| format!(
            "{} @{}",
            x.value,
            show(text, x.span)
        ))
    );
    let _ = writeln!(
        out,
        "year: {}",
        m.year.as_ref().map_or("none".into(), |x| format!(
            "{} @{}",
            x.value,
            show(text, x.span)
        ))
    );
    let _ = writeln!(
        out,
        "published: {}",
        m.published.as_ref().map_or("none".into(), |x| format!(
            "{} @{}",
            x.value.iso(),
            show(text, x.span)
        ))
    );
    let _ = writeln!(
        out,
        "title: {}",
        m.title.as_ref().map_or("none", |x| x.value.as_str())
    );
    let _ = writeln!(out, "headings:");
    for h in &a.headings {
        let _ = writeln!(
            out,
            "  {}L{} {} [{}] {}{}",
            "  ".repeat(usize::from(h.level.number()) - 1),
            h.level.number(),
            h.marker,
            h.path,
            h.title,
            if h.run_in { "  (run-in)" } else { "" }
        );
    }
    let _ = writeln!(out, "parts:");
    for p in &a.parts {
        let paths: Vec<&str> = p
            .headings
            .iter()
            .filter_map(|&i| a.headings.get(i))
            .map(|h| h.path.as_str())
            .collect();
        let _ = writeln!(out, "  {}: {paths:?}", p.part.key());
    }
    let _ = writeln!(out, "enumerations:");
    for e in &a.enumerations {
        let under = e
            .heading
            .and_then(|i| a.headings.get(i))
            .map_or("-", |h| h.path.as_str());
        let _ = writeln!(
            out,
            "  {} #{} under {under}: {}",
            e.marker,
            e.ordinal,
            show(text, e.span)
        );
    }
    let _ = writeln!(out, "diagnostics:");
    for d in &a.diagnostics {
        let _ = writeln!(
            out,
            "  {:?}/{:?} {}{}",
            d.kind,
            d.severity,
            d.message,
            d.span
                .map_or(String::new(), |s| format!(" @{}", show(text, s)))
        );
    }
    out
}

/// Decode the file, analyse it, check its spans and snapshot the summary.
fn check(path: &Path) {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = decode::decode(&bytes, Some(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let analysis = analyze(&doc.text);
    assert_consistent(&doc.text, &analysis);
    insta::assert_snapshot!(summary(name, &doc, &analysis));
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/structure/*", check);
}

#[test]
fn fixture_folder_has_every_format() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/structure");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.len() >= 15, "only {} fixtures", names.len());
    for ext in [".txt", ".html", ".docx"] {
        assert!(names.iter().any(|n| n.ends_with(ext)), "no {ext} fixture");
    }
}
