//! Shared checks for the fuzz targets: every span `analyze` returns is a sound byte range of
//! the analysed text, in document order, and the output is no larger than the text allows.
//!
//! Violations panic with a message naming the field, so libFuzzer records the input as a
//! crash. `crates/fazhi_core/tests/regressions.rs` re-checks saved inputs with the same rules.

use fazhi_core::decode::decode;
use fazhi_core::{analyze, Analysis, RequiredPart, Span};

/// File-name hints the `decode` target picks from with its first byte.
pub const HINTS: [Option<&str>; 9] = [
    None,
    Some("report.txt"),
    Some("report.html"),
    Some("report.htm"),
    Some("report.docx"),
    Some("report.doc"),
    Some("report.pdf"),
    Some("report.wps"),
    Some("report.ofd"),
];

fn sound(text: &str, s: Span, what: &str) {
    assert!(s.start <= s.end, "{what}: {s:?} is reversed");
    assert!(
        s.end <= text.len(),
        "{what}: {s:?} is out of bounds (text is {} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what}: {s:?} is not on char boundaries"
    );
}

fn within(outer: Span, inner: Span, what: &str) {
    assert!(
        outer.start <= inner.start && inner.end <= outer.end,
        "{what}: {inner:?} is not inside {outer:?}"
    );
}

/// Panic unless `a` is a sound analysis of `text`.
pub fn check(text: &str, a: &Analysis) {
    assert_eq!(a.text_len, text.len(), "text_len");
    let n = text.len();
    sound(text, a.body, "body");
    for &b in &a.boilerplate {
        sound(text, b, "boilerplate");
    }
    for w in a.boilerplate.windows(2) {
        assert!(w[0].start <= w[1].start, "boilerplate out of order: {w:?}");
    }
    if let Some(d) = a.duplicate {
        sound(text, d, "duplicate");
    }

    for (i, h) in a.headings.iter().enumerate() {
        sound(text, h.marker_span, "heading marker");
        sound(text, h.title_span, "heading title");
        sound(text, h.section, "heading section");
        within(a.body, h.marker_span, "heading marker in body");
        within(a.body, h.section, "heading section in body");
        assert_eq!(
            h.marker_span.slice(text),
            h.marker,
            "heading {i} marker text"
        );
        assert_eq!(h.title_span.slice(text), h.title, "heading {i} title text");
        assert!(
            h.parent.is_none_or(|p| p < i),
            "heading {i}: parent after child"
        );
    }
    for w in a.headings.windows(2) {
        assert!(
            w[0].marker_span.start < w[1].marker_span.start,
            "headings out of order: {:?} then {:?}",
            w[0].marker_span,
            w[1].marker_span
        );
    }

    for (i, e) in a.enumerations.iter().enumerate() {
        sound(text, e.marker_span, "enumeration marker");
        sound(text, e.span, "enumeration");
        assert_eq!(
            e.marker_span.slice(text),
            e.marker,
            "enumeration {i} marker text"
        );
        assert!(
            e.heading.is_none_or(|h| h < a.headings.len()),
            "enumeration {i}: heading index out of range"
        );
    }
    for w in a.enumerations.windows(2) {
        assert!(
            w[0].marker_span.start <= w[1].marker_span.start,
            "enumerations out of order: {:?} then {:?}",
            w[0].marker_span,
            w[1].marker_span
        );
    }

    for (i, m) in a.metrics.iter().enumerate() {
        sound(text, m.span, "metric");
        sound(text, m.sentence, "metric sentence");
        if let Some(s) = m.subject_span {
            sound(text, s, "metric subject");
        }
        assert_eq!(m.span.slice(text), m.text, "metric {i} text");
        assert!(
            m.heading.is_none_or(|h| h < a.headings.len()),
            "metric {i}: heading index out of range"
        );
    }
    for w in a.metrics.windows(2) {
        assert!(
            w[0].span.start <= w[1].span.start,
            "metrics out of order: {:?} then {:?}",
            w[0].span,
            w[1].span
        );
    }

    for d in &a.diagnostics {
        if let Some(s) = d.span {
            sound(text, s, "diagnostic");
        }
    }
    let m = &a.metadata;
    if let Some(x) = &m.agency {
        sound(text, x.span, "agency");
    }
    if let Some(x) = &m.year {
        sound(text, x.span, "year");
    }
    if let Some(x) = &m.published {
        sound(text, x.span, "published");
    }
    if let Some(x) = &m.title {
        sound(text, x.span, "title");
    }

    let parts: Vec<RequiredPart> = a.parts.iter().map(|p| p.part).collect();
    assert_eq!(parts, RequiredPart::ALL, "parts");
    for p in &a.parts {
        assert!(
            p.headings.iter().all(|&i| i < a.headings.len()),
            "part {:?}: heading index out of range",
            p.part
        );
    }

    // Output sizes: every item is anchored on at least one byte of text (a marker, a digit),
    // so none of the lists can outgrow the text; diagnostics add at most a fixed few.
    assert!(
        a.headings.len() <= n,
        "{} headings for {n} bytes",
        a.headings.len()
    );
    assert!(
        a.enumerations.len() <= n,
        "{} enumerations for {n} bytes",
        a.enumerations.len()
    );
    assert!(
        a.metrics.len() <= n,
        "{} metrics for {n} bytes",
        a.metrics.len()
    );
    assert!(
        a.boilerplate.len() <= n + 1,
        "{} boilerplate spans for {n} bytes",
        a.boilerplate.len()
    );
    assert!(
        a.diagnostics.len() <= n + 16,
        "{} diagnostics for {n} bytes",
        a.diagnostics.len()
    );
}

/// Analyse `text` and check the result.
pub fn analyze_and_check(text: &str) {
    let a = analyze(text);
    check(text, &a);
}

/// The `decode` target: the first byte picks the file-name hint, the rest is the file.
pub fn decode_and_check(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let hint = HINTS[usize::from(first) % HINTS.len()];
    if let Ok(doc) = decode(bytes, hint) {
        analyze_and_check(&doc.text);
    }
}
