//! The invariants of an [`Analysis`], written once: every span is a sound byte range of the
//! analysed text (in bounds, on char boundaries, not reversed), items are in document order,
//! the texts held beside spans are the slices they name, indices point at existing
//! headings, there is one entry per required part, and no list outgrows the text.
//!
//! The proptests, the fuzz targets, the fuzz regressions and the hostile-input tests all
//! hold `analyze` to [`soundness`].

use crate::{Analysis, RequiredPart, Span};

/// `Ok` when `ok`, else the message `what` makes.
fn ensure(ok: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(what())
    }
}

/// `Err` naming the first invariant `a` breaks as an analysis of `text`.
pub fn soundness(text: &str, a: &Analysis) -> Result<(), String> {
    let n = text.len();
    let sound = |s: Span, what: &str| -> Result<(), String> {
        if s.start > s.end {
            return Err(format!("{what}: {s:?} is reversed"));
        }
        if s.end > n {
            return Err(format!("{what}: {s:?} is out of bounds ({n} bytes)"));
        }
        if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            return Err(format!("{what}: {s:?} is not on char boundaries"));
        }
        Ok(())
    };

    ensure(a.text_len == n, || {
        format!("text_len {} for {n} bytes", a.text_len)
    })?;
    sound(a.body, "body")?;
    for &b in &a.boilerplate {
        sound(b, "boilerplate")?;
    }
    ensure(
        a.boilerplate.windows(2).all(|w| w[0].start <= w[1].start),
        || "boilerplate out of order".to_owned(),
    )?;
    if let Some(d) = a.duplicate {
        sound(d, "duplicate")?;
    }

    for (i, h) in a.headings.iter().enumerate() {
        sound(h.marker_span, "heading marker")?;
        sound(h.title_span, "heading title")?;
        sound(h.section, "heading section")?;
        ensure(
            a.body.start <= h.marker_span.start && h.section.end <= a.body.end,
            || format!("heading {i} outside the body"),
        )?;
        ensure(h.marker_span.slice(text) == h.marker, || {
            format!("heading {i} marker text")
        })?;
        ensure(h.title_span.slice(text) == h.title, || {
            format!("heading {i} title text")
        })?;
        ensure(h.parent.is_none_or(|p| p < i), || {
            format!("heading {i}: parent after child")
        })?;
    }
    ensure(
        a.headings
            .windows(2)
            .all(|w| w[0].marker_span.start < w[1].marker_span.start),
        || "headings out of order".to_owned(),
    )?;

    for (i, e) in a.enumerations.iter().enumerate() {
        sound(e.marker_span, "enumeration marker")?;
        sound(e.span, "enumeration")?;
        ensure(e.marker_span.slice(text) == e.marker, || {
            format!("enumeration {i} marker text")
        })?;
        ensure(e.heading.is_none_or(|h| h < a.headings.len()), || {
            format!("enumeration {i}: heading index out of range")
        })?;
    }
    ensure(
        a.enumerations
            .windows(2)
            .all(|w| w[0].marker_span.start <= w[1].marker_span.start),
        || "enumerations out of order".to_owned(),
    )?;

    for (i, m) in a.metrics.iter().enumerate() {
        sound(m.span, "metric")?;
        sound(m.sentence, "metric sentence")?;
        if let Some(s) = m.subject_span {
            sound(s, "metric subject")?;
        }
        ensure(m.span.slice(text) == m.text, || format!("metric {i} text"))?;
        ensure(m.heading.is_none_or(|h| h < a.headings.len()), || {
            format!("metric {i}: heading index out of range")
        })?;
    }
    ensure(
        a.metrics
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start),
        || "metrics out of order".to_owned(),
    )?;

    for d in &a.diagnostics {
        if let Some(s) = d.span {
            sound(s, "diagnostic")?;
        }
    }
    let meta = &a.metadata;
    for (field, span) in [
        ("agency", meta.agency.as_ref().map(|x| x.span)),
        ("year", meta.year.as_ref().map(|x| x.span)),
        ("published", meta.published.as_ref().map(|x| x.span)),
        ("title", meta.title.as_ref().map(|x| x.span)),
    ] {
        if let Some(s) = span {
            sound(s, field)?;
        }
    }

    let parts: Vec<RequiredPart> = a.parts.iter().map(|p| p.part).collect();
    ensure(parts == RequiredPart::ALL, || format!("parts {parts:?}"))?;
    for p in &a.parts {
        ensure(p.headings.iter().all(|&i| i < a.headings.len()), || {
            format!("part {:?}: heading index out of range", p.part)
        })?;
    }

    // Output sizes: every item is anchored on at least one byte of text (a marker, a digit),
    // so none of the lists can outgrow the text; diagnostics add at most a fixed few.
    for (field, len) in [
        ("headings", a.headings.len()),
        ("enumerations", a.enumerations.len()),
        ("metrics", a.metrics.len()),
    ] {
        ensure(len <= n, || format!("{len} {field} for {n} bytes"))?;
    }
    ensure(a.boilerplate.len() <= n + 1, || {
        format!("{} boilerplate spans for {n} bytes", a.boilerplate.len())
    })?;
    ensure(a.diagnostics.len() <= n + 16, || {
        format!("{} diagnostics for {n} bytes", a.diagnostics.len())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sound_analysis_passes_and_a_broken_one_is_named() {
        let text = "一、总体情况\n全年办理行政许可154项。";
        let mut a = crate::analyze(text);
        assert_eq!(soundness(text, &a), Ok(()));
        a.metrics[0].span = Span::new(1, 2);
        let err = soundness(text, &a).expect_err("a span inside a char");
        assert!(err.contains("metric"), "{err}");
        a.metrics.clear();
        a.headings[0].title.push('x');
        assert_eq!(soundness(text, &a), Err("heading 0 title text".to_owned()));
    }
}
