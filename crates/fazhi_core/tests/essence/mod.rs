//! What two analyses of the same report must share however the text reached `analyze`
//! (a compilation's piece, a converted file): the headings (level and title), the metrics
//! (value, unit, category) and the required parts — no spans, which differ with the text
//! around them.

use fazhi_core::{Analysis, Category, HeadingLevel, RequiredPart};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Essence {
    pub headings: Vec<(HeadingLevel, String)>,
    pub metrics: Vec<(String, String, Category)>,
    pub parts: Vec<(RequiredPart, Vec<usize>)>,
}

#[must_use]
pub fn essence(a: &Analysis) -> Essence {
    Essence {
        headings: a
            .headings
            .iter()
            .map(|h| (h.level, h.title.clone()))
            .collect(),
        metrics: a
            .metrics
            .iter()
            .map(|m| (m.value.normalize().to_string(), m.unit.clone(), m.category))
            .collect(),
        parts: a
            .parts
            .iter()
            .map(|p| (p.part, p.headings.clone()))
            .collect(),
    }
}

/// The differences between `want` and `got`, one line each (empty when they agree): the
/// first differing heading and metric, and the counts.
#[must_use]
pub fn differences(want: &Essence, got: &Essence) -> Vec<String> {
    fn first<T: std::fmt::Debug + PartialEq>(what: &str, a: &[T], b: &[T], out: &mut Vec<String>) {
        if a == b {
            return;
        }
        out.push(format!("{what}: {} expected, {} found", a.len(), b.len()));
        if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
            out.push(format!(
                "  first difference at {i}: expected {:?}, found {:?}",
                a.get(i),
                b.get(i)
            ));
        }
    }
    let mut out = Vec::new();
    first("headings", &want.headings, &got.headings, &mut out);
    first("metrics", &want.metrics, &got.metrics, &mut out);
    first("parts", &want.parts, &got.parts, &mut out);
    out
}
