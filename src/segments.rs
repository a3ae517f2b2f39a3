//! The report text as a flat list of blocks for display, cut at the boundaries of the spans
//! the analysis already holds (body, boilerplate, duplicate, part sections, headings,
//! metrics), so that nested highlights render without overlapping elements.
//!
//! Guarantees: every heading and every metric of the analysis yields exactly one piece (an
//! element on the page), and the pieces cover the text once, in order.

use fazhi_core::{Analysis, RequiredPart, Span};

/// What a stretch of text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub part: Option<RequiredPart>,
    /// Page boilerplate, a repeated body, or text outside the body.
    pub dimmed: bool,
}

/// A run of text with one region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    pub region: Region,
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(Span),
    Metric {
        index: usize,
        span: Span,
    },
    Heading {
        index: usize,
        span: Span,
        children: Vec<Inline>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(Span),
    Metric { index: usize, span: Span },
}

/// An atomic span (a heading line or a metric) with the index it stands for.
#[derive(Debug, Clone, Copy)]
struct Atom {
    index: usize,
    span: Span,
}

/// Sort by start and clip overlaps so the spans follow each other. A span swallowed by
/// its predecessor becomes empty at the predecessor's end (it still gets an element).
fn sequence(mut atoms: Vec<Atom>, len: usize) -> Vec<Atom> {
    for a in &mut atoms {
        a.span.end = a.span.end.min(len);
        a.span.start = a.span.start.min(a.span.end);
    }
    atoms.sort_by_key(|a| (a.span.start, a.index));
    let mut prev_end = 0;
    for a in &mut atoms {
        if a.span.start < prev_end {
            a.span.start = prev_end;
            a.span.end = a.span.end.max(prev_end);
        }
        prev_end = a.span.end;
    }
    atoms
}

/// Cut `text` (analysed as `analysis`) into display blocks.
#[must_use]
pub fn build(text: &str, analysis: &Analysis) -> Vec<Block> {
    let len = text.len();
    let metrics = sequence(
        analysis
            .metrics
            .iter()
            .enumerate()
            .map(|(index, m)| Atom {
                index,
                span: m.span,
            })
            .collect(),
        len,
    );
    // A heading piece runs from its marker to the end of its title, widened to hold any
    // metric it cuts into.
    let headings = sequence(
        analysis
            .headings
            .iter()
            .enumerate()
            .map(|(index, h)| {
                let mut span = Span::new(
                    h.marker_span.start.min(h.title_span.start),
                    h.title_span.end.max(h.marker_span.end),
                );
                for m in &metrics {
                    if m.span.start < span.end && span.start < m.span.end {
                        span.start = span.start.min(m.span.start);
                        span.end = span.end.max(m.span.end);
                    }
                }
                Atom { index, span }
            })
            .collect(),
        len,
    );

    // Region boundaries, moved out of any heading or metric they would cut.
    let mut cuts = vec![0, len, analysis.body.start, analysis.body.end];
    for s in &analysis.boilerplate {
        cuts.extend([s.start, s.end]);
    }
    if let Some(d) = analysis.duplicate {
        cuts.extend([d.start, d.end]);
    }
    let part_sections: Vec<(RequiredPart, Span)> = analysis
        .parts
        .iter()
        .flat_map(|loc| {
            loc.headings
                .iter()
                .filter_map(|&i| analysis.headings.get(i))
                .map(move |h| (loc.part, h.section))
        })
        .collect();
    for (_, s) in &part_sections {
        cuts.extend([s.start, s.end]);
    }
    let snap = |p: usize| -> usize {
        let p = p.min(len);
        headings
            .iter()
            .chain(&metrics)
            .find(|a| a.span.start < p && p < a.span.end)
            .map_or(p, |a| a.span.start)
    };
    let mut cuts: Vec<usize> = cuts.into_iter().map(snap).collect();
    cuts.sort_unstable();
    cuts.dedup();

    let region_at = |p: usize| -> Region {
        let dimmed = !analysis.body.contains(p)
            || analysis.boilerplate.iter().any(|s| s.contains(p))
            || analysis.duplicate.is_some_and(|d| d.contains(p));
        let part = part_sections
            .iter()
            .filter(|(_, s)| s.contains(p))
            .min_by_key(|(_, s)| s.len())
            .map(|(part, _)| *part);
        Region { part, dimmed }
    };

    // Merge the elementary intervals into region runs.
    let mut runs: Vec<(Span, Region)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b {
            continue;
        }
        let region = region_at(a);
        match runs.last_mut() {
            Some((span, r)) if *r == region && span.end == a => span.end = b,
            _ => runs.push((Span::new(a, b), region)),
        }
    }
    if runs.is_empty() {
        runs.push((
            Span::new(0, len),
            Region {
                part: None,
                dimmed: false,
            },
        ));
    }

    let mut hi = 0;
    let mut mi = 0;
    let last = runs.len() - 1;
    let mut blocks = Vec::with_capacity(runs.len());
    for (ri, (span, region)) in runs.into_iter().enumerate() {
        // The last run also takes empty atoms sitting at the very end.
        let inside = |s: Span| s.start < span.end || (ri == last && s.start <= span.end);
        let mut pieces = Vec::new();
        let mut pos = span.start;
        loop {
            let h = headings.get(hi).filter(|a| inside(a.span));
            let m = metrics.get(mi).filter(|a| inside(a.span));
            let next = [h.map(|a| a.span.start), m.map(|a| a.span.start)]
                .into_iter()
                .flatten()
                .min();
            let Some(next) = next else { break };
            if pos < next {
                pieces.push(Piece::Text(Span::new(pos, next)));
                pos = next;
            }
            match (h, m) {
                (Some(h), _)
                    if h.span.start == pos && m.is_none_or(|m| h.span.start <= m.span.start) =>
                {
                    let mut children = Vec::new();
                    let mut cpos = h.span.start;
                    while let Some(m) = metrics.get(mi).filter(|m| {
                        m.span.start < h.span.end
                            || (m.span.is_empty()
                                && m.span.start == h.span.end
                                && h.span.is_empty())
                    }) {
                        if cpos < m.span.start {
                            children.push(Inline::Text(Span::new(cpos, m.span.start)));
                        }
                        children.push(Inline::Metric {
                            index: m.index,
                            span: m.span,
                        });
                        cpos = cpos.max(m.span.end);
                        mi += 1;
                    }
                    if cpos < h.span.end {
                        children.push(Inline::Text(Span::new(cpos, h.span.end)));
                    }
                    pieces.push(Piece::Heading {
                        index: h.index,
                        span: h.span,
                        children,
                    });
                    pos = pos.max(h.span.end);
                    hi += 1;
                }
                (_, Some(m)) => {
                    pieces.push(Piece::Metric {
                        index: m.index,
                        span: m.span,
                    });
                    pos = pos.max(m.span.end);
                    mi += 1;
                }
                (Some(_), None) => {
                    // Unreachable by construction (next == pos == h.start); never loop forever.
                    hi += 1;
                }
                (None, None) => break,
            }
        }
        if pos < span.end {
            pieces.push(Piece::Text(Span::new(pos, span.end)));
        }
        blocks.push(Block {
            span,
            region,
            pieces,
        });
    }
    blocks
}

/// A stretch of the display blocks that a large text renders or leaves out as one: it holds
/// pieces of one or more blocks (a block may be cut across two chunks) and, except for the
/// last, ends right after a line break, so rendering chunks as block elements one under the
/// other lays the text out as one flow would.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chunk {
    /// The bytes of the text it covers.
    pub span: Span,
    pub blocks: Vec<Block>,
}

/// Cut display blocks into chunks of about `target` bytes, each ending after a `\n` (a long
/// run of text is cut at its first line break past the target; a line is never cut).
#[must_use]
pub fn chunk(text: &str, blocks: &[Block], target: usize) -> Vec<Chunk> {
    let target = target.max(1);
    let bytes = text.as_bytes();
    let mut chunks = Vec::new();
    let mut cur = Chunk::default();
    let mut start = blocks.first().map_or(0, |b| b.span.start);
    cur.span = Span::new(start, start);
    for block in blocks {
        let mut sub = Block {
            span: Span::new(block.span.start, block.span.start),
            region: block.region,
            pieces: Vec::new(),
        };
        for piece in &block.pieces {
            let Piece::Text(s) = piece else {
                sub.span.end = piece_end(piece).max(sub.span.end);
                sub.pieces.push(piece.clone());
                continue;
            };
            let mut from = s.start;
            while from < s.end {
                // A cut right after a line break at or past `start + target - 1`.
                let look = (start + target - 1).clamp(from, s.end);
                let cut = bytes
                    .get(look..s.end)
                    .and_then(|b| b.iter().position(|&c| c == b'\n'))
                    .map(|i| look + i + 1);
                let Some(cut) = cut else {
                    sub.pieces.push(Piece::Text(Span::new(from, s.end)));
                    sub.span.end = s.end;
                    break;
                };
                // The text up to and including the line break closes this chunk.
                sub.pieces.push(Piece::Text(Span::new(from, cut)));
                sub.span.end = cut;
                let next = Block {
                    span: Span::new(cut, cut),
                    region: block.region,
                    pieces: Vec::new(),
                };
                cur.blocks.push(std::mem::replace(&mut sub, next));
                cur.span.end = cut;
                chunks.push(std::mem::take(&mut cur));
                cur.span = Span::new(cut, cut);
                start = cut;
                from = cut;
            }
        }
        if !sub.pieces.is_empty() || cur.blocks.is_empty() && chunks.is_empty() {
            cur.span.end = cur.span.end.max(sub.span.end);
            cur.blocks.push(sub);
        }
    }
    if !cur.blocks.is_empty() || chunks.is_empty() {
        chunks.push(cur);
    }
    chunks
}

fn piece_end(piece: &Piece) -> usize {
    match piece {
        Piece::Text(s) | Piece::Metric { span: s, .. } | Piece::Heading { span: s, .. } => s.end,
    }
}

/// Which chunk holds each heading and each metric (by their index in the analysis; `None`
/// for an index no chunk holds).
#[must_use]
pub fn locate(
    chunks: &[Chunk],
    headings: usize,
    metrics: usize,
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut h = vec![None; headings];
    let mut m = vec![None; metrics];
    let put = |v: &mut Vec<Option<usize>>, i: usize, c: usize| {
        if let Some(slot) = v.get_mut(i) {
            *slot = Some(c);
        }
    };
    for (c, chunk) in chunks.iter().enumerate() {
        for piece in chunks_pieces(chunk) {
            match piece {
                Piece::Text(_) => {}
                Piece::Metric { index, .. } => put(&mut m, *index, c),
                Piece::Heading {
                    index, children, ..
                } => {
                    put(&mut h, *index, c);
                    for child in children {
                        if let Inline::Metric { index, .. } = child {
                            put(&mut m, *index, c);
                        }
                    }
                }
            }
        }
    }
    (h, m)
}

fn chunks_pieces(chunk: &Chunk) -> impl Iterator<Item = &Piece> {
    chunk.blocks.iter().flat_map(|b| b.pieces.iter())
}

/// The items (chunks, in order, with these heights) that meet the band `[top, bottom)`
/// measured from the top of the first one. Always at least one item when there are any.
#[must_use]
pub fn visible(heights: &[f64], top: f64, bottom: f64) -> std::ops::Range<usize> {
    let n = heights.len();
    if n == 0 {
        return 0..0;
    }
    let mut y = 0.0;
    let mut first = None;
    let mut last = n;
    for (i, h) in heights.iter().enumerate() {
        let end = y + h.max(0.0);
        if first.is_none() && end > top {
            first = Some(i);
        }
        if y >= bottom {
            last = i;
            break;
        }
        y = end;
    }
    let first = first.unwrap_or(n - 1).min(n - 1);
    first..last.max(first + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::{Heading, HeadingLevel, Metric, PartLocation, RequiredPart};

    fn metric(text: &str, span: Span) -> Metric {
        serde_json::from_value(serde_json::json!({
            "span": span, "text": text, "value": "0", "upper": null,
            "value_f64": 0.0, "unit_written": "", "unit": "", "approx": "exact",
            "change": null, "subject": "", "subject_span": null, "category": "other",
            "section_path": "", "heading": null, "sentence": span
        }))
        .expect("a test metric deserialises")
    }

    fn heading(text: &str, level: HeadingLevel, marker: &str, section_end: usize) -> Heading {
        let start = text.find(marker).expect("marker in text");
        let marker_end = start + marker.len();
        let title_end = text[marker_end..]
            .find(['\n', '。'])
            .map_or(text.len(), |i| marker_end + i);
        Heading {
            level,
            marker: marker.to_owned(),
            number: 1,
            title: text[marker_end..title_end].to_owned(),
            path: marker.to_owned(),
            marker_span: Span::new(start, marker_end),
            title_span: Span::new(marker_end, title_end),
            section: Span::new(start, section_end),
            parent: None,
            run_in: false,
        }
    }

    fn count(blocks: &[Block]) -> (usize, usize, usize) {
        let mut metrics = 0;
        let mut headings = 0;
        let mut covered = 0;
        for b in blocks {
            for p in &b.pieces {
                match p {
                    Piece::Text(s) => covered += s.len(),
                    Piece::Metric { span, .. } => {
                        metrics += 1;
                        covered += span.len();
                    }
                    Piece::Heading { children, .. } => {
                        headings += 1;
                        for c in children {
                            match c {
                                Inline::Text(s) => covered += s.len(),
                                Inline::Metric { span, .. } => {
                                    metrics += 1;
                                    covered += span.len();
                                }
                            }
                        }
                    }
                }
            }
        }
        (headings, metrics, covered)
    }

    #[test]
    fn every_heading_and_metric_once_and_text_covered() {
        let text = "页面导航\n一、主要举措\n检查企业12家，罚款3万元。\n二、存在不足\n人员不足5人。\n相关链接";
        let body_end = text.find("相关链接").expect("footer");
        let h1 = heading(
            text,
            HeadingLevel::L1,
            "一、",
            text.find("二、").expect("二"),
        );
        let h2 = heading(text, HeadingLevel::L1, "二、", body_end);
        let m = |s: &str| {
            let i = text.find(s).expect("metric");
            metric(s, Span::new(i, i + s.len()))
        };
        let analysis = Analysis {
            text_len: text.len(),
            body: Span::new(text.find("一、").expect("一"), body_end),
            boilerplate: vec![
                Span::new(0, text.find("一、").expect("一")),
                Span::new(body_end, text.len()),
            ],
            headings: vec![h1, h2],
            parts: vec![
                PartLocation {
                    part: RequiredPart::Achievements,
                    headings: vec![0],
                },
                PartLocation {
                    part: RequiredPart::Shortcomings,
                    headings: vec![1],
                },
            ],
            metrics: vec![m("12家"), m("3万元"), m("5人")],
            ..Analysis::default()
        };
        let blocks = build(text, &analysis);
        assert_eq!(count(&blocks), (2, 3, text.len()));
        assert!(blocks[0].region.dimmed);
        assert_eq!(blocks[1].region.part, Some(RequiredPart::Achievements));
        assert_eq!(blocks[2].region.part, Some(RequiredPart::Shortcomings));
        assert!(blocks.last().expect("blocks").region.dimmed);
    }

    #[test]
    fn overlapping_and_out_of_range_spans_do_not_panic() {
        let text = "一、共12家企业";
        let mut h = heading(text, HeadingLevel::L1, "一、", text.len());
        h.title_span = Span::new(h.title_span.start, text.len() + 40);
        let analysis = Analysis {
            text_len: text.len(),
            body: Span::new(0, text.len()),
            headings: vec![h],
            metrics: vec![
                metric("12家", Span::new(9, 14)),
                metric("2家", Span::new(10, 14)),
                metric("x", Span::new(50, 60)),
            ],
            ..Analysis::default()
        };
        let blocks = build(text, &analysis);
        let (h, m, _) = count(&blocks);
        assert_eq!((h, m), (1, 3));
    }

    #[test]
    fn empty_text() {
        let blocks = build("", &Analysis::default());
        assert_eq!(blocks.len(), 1);
        assert_eq!(count(&blocks), (0, 0, 0));
    }

    fn check(text: &str) {
        let analysis = fazhi_core::analyze(text);
        let blocks = build(text, &analysis);
        assert_eq!(
            count(&blocks),
            (analysis.headings.len(), analysis.metrics.len(), text.len()),
            "every heading and metric once, the text covered once"
        );
        let mut pos = 0;
        for b in &blocks {
            assert_eq!(b.span.start, pos, "blocks follow each other");
            assert!(text.is_char_boundary(b.span.start) && text.is_char_boundary(b.span.end));
            pos = b.span.end;
        }
        assert_eq!(pos, text.len());
        for target in [1, 40, 4096] {
            check_chunks(text, &analysis, &blocks, target);
        }
    }

    /// Chunks hold the same pieces as the blocks, in order; every chunk but the last ends
    /// right after a line break; the map finds every heading and metric.
    fn check_chunks(text: &str, analysis: &Analysis, blocks: &[Block], target: usize) {
        let chunks = chunk(text, blocks, target);
        assert!(!chunks.is_empty());
        let flat: Vec<Block> = chunks.iter().flat_map(|c| c.blocks.clone()).collect();
        assert_eq!(count(&flat), count(blocks), "target {target}");
        let mut pos = 0;
        for (i, c) in chunks.iter().enumerate() {
            assert_eq!(c.span.start, pos, "chunks follow each other");
            for b in &c.blocks {
                for p in &b.pieces {
                    let s = match p {
                        Piece::Text(s)
                        | Piece::Metric { span: s, .. }
                        | Piece::Heading { span: s, .. } => *s,
                    };
                    assert!(
                        s.start >= c.span.start && s.end <= c.span.end,
                        "piece inside its chunk"
                    );
                }
            }
            if i + 1 < chunks.len() {
                assert!(c.span.end > c.span.start, "no empty chunk in the middle");
                assert_eq!(
                    text.as_bytes().get(c.span.end - 1),
                    Some(&b'\n'),
                    "ends after a line break"
                );
            }
            pos = c.span.end;
        }
        assert_eq!(pos, text.len());
        let (h, m) = locate(&chunks, analysis.headings.len(), analysis.metrics.len());
        assert!(h.iter().all(Option::is_some) && m.iter().all(Option::is_some));
        for (i, c) in m.iter().enumerate() {
            let span = analysis.metrics[i].span;
            let c = &chunks[c.unwrap_or(0)];
            assert!(span.start.min(text.len()) >= c.span.start || span.is_empty());
        }
    }

    #[test]
    fn long_lines_are_never_cut_and_small_targets_cut_at_every_line() {
        let text = "第一行很长很长很长\n第二行\n\n第四行";
        let blocks = build(text, &Analysis::default());
        let spans: Vec<(usize, usize)> = chunk(text, &blocks, 1)
            .iter()
            .map(|c| (c.span.start, c.span.end))
            .collect();
        let lines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        assert_eq!(
            spans,
            vec![
                (0, lines[0]),
                (lines[0], lines[1]),
                (lines[1], lines[2]),
                (lines[2], text.len())
            ]
        );
        assert_eq!(
            chunk(text, &blocks, 10_000).len(),
            1,
            "a small text is one chunk"
        );
        assert_eq!(chunk("", &build("", &Analysis::default()), 8).len(), 1);
    }

    #[test]
    fn visible_band() {
        let h = [100.0, 100.0, 100.0, 100.0];
        // (top, bottom) → range
        let cases: &[(f64, f64, std::ops::Range<usize>)] = &[
            (0.0, 50.0, 0..1),
            (0.0, 100.0, 0..1),
            (99.0, 101.0, 0..2),
            (150.0, 350.0, 1..4),
            (-500.0, -100.0, 0..1),
            (1000.0, 2000.0, 3..4),
            (250.0, 250.0, 2..3),
        ];
        for (top, bottom, want) in cases {
            assert_eq!(
                visible(&h, *top, *bottom),
                want.clone(),
                "band {top}..{bottom}"
            );
        }
        assert_eq!(visible(&[], 0.0, 10.0), 0..0);
    }

    #[test]
    fn demo_and_corpus_reports() {
        check(crate::state::DEMO_TEXT);
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        if let Ok(dir) = std::fs::read_dir(corpus) {
            for entry in dir.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "txt") {
                    let text = std::fs::read_to_string(&path).expect("corpus is UTF-8");
                    check(&text);
                }
            }
        }
    }

    #[test]
    fn shuffled_report_fragments() {
        // Deterministic xorshift: splice pieces of the demo and odd bytes together.
        let pieces: Vec<&str> = crate::state::DEMO_TEXT
            .split_inclusive(['。', '\n', '，'])
            .chain([
                "一、",
                "（二）",
                "3.",
                "（4）",
                "12万元",
                "零投诉",
                " ",
                "\r\n",
                "近",
                "余",
                "%",
            ])
            .collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..60 {
            let n = (next() % 80) as usize;
            let text: String = (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            check(&text);
        }
    }
}
