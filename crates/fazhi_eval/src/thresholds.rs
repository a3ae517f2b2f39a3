//! The accuracy each annotated set must reach, kept in one place: the accuracy tests of this
//! crate, `fazhi eval --thresholds NAME` and `cargo xtask test` all read these.
//!
//! - [`CORPUS`]: the five real full reports of `../shared/corpus`: perfect on everything.
//! - [`EXCERPTS`]: the 34 real report openings of `../shared/corpus/excerpts` (issue #11).
//! - [`HELDOUT`]: the project's own made-up reports in `crates/fazhi_eval/tests/heldout`.

use crate::Score;

/// Minimum rates (0 to 1) for a whole set's [`Score`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub heading_f1: f64,
    pub parts_presence: f64,
    pub parts_location: f64,
    /// Issuing body, year covered and publication date.
    pub metadata: f64,
    pub duplicate: f64,
    pub metric_precision: f64,
    pub metric_recall: f64,
    /// Of the matched metrics: value, unit and approximation all right.
    pub metric_fields: f64,
    /// Of the matched metrics: the subject overlaps the gold subject.
    pub metric_subjects: f64,
}

/// No requirement at all (what `fazhi eval` checks without `--thresholds`).
pub const NONE: Thresholds = Thresholds {
    heading_f1: 0.0,
    parts_presence: 0.0,
    parts_location: 0.0,
    metadata: 0.0,
    duplicate: 0.0,
    metric_precision: 0.0,
    metric_recall: 0.0,
    metric_fields: 0.0,
    metric_subjects: 0.0,
};

/// `../shared/corpus`: the five full reports stay perfect.
pub const CORPUS: Thresholds = Thresholds {
    heading_f1: 1.0,
    parts_presence: 1.0,
    parts_location: 1.0,
    metadata: 1.0,
    duplicate: 1.0,
    metric_precision: 1.0,
    metric_recall: 1.0,
    metric_fields: 1.0,
    metric_subjects: 1.0,
};

/// `../shared/corpus/excerpts`: headings and metrics F1 ≥ 0.995 (precision and recall each
/// at least that), parts presence ≥ 167/170, metadata ≥ 98/102, subjects ≥ 100/110.
pub const EXCERPTS: Thresholds = Thresholds {
    heading_f1: 0.995,
    parts_presence: 167.0 / 170.0,
    parts_location: 167.0 / 170.0,
    metadata: 98.0 / 102.0,
    duplicate: 1.0,
    metric_precision: 0.995,
    metric_recall: 0.995,
    metric_fields: 0.99,
    metric_subjects: 100.0 / 110.0,
};

/// `crates/fazhi_eval/tests/heldout`: structure, parts and metadata perfect; metrics as on
/// the corpus when the held-out set was first written.
pub const HELDOUT: Thresholds = Thresholds {
    heading_f1: 1.0,
    parts_presence: 1.0,
    parts_location: 1.0,
    metadata: 1.0,
    duplicate: 1.0,
    metric_precision: 0.97,
    metric_recall: 0.97,
    metric_fields: 0.99,
    metric_subjects: 0.95,
};

/// The sets by name, as `fazhi eval --thresholds NAME` takes them.
pub const NAMED: [(&str, Thresholds); 3] = [
    ("corpus", CORPUS),
    ("excerpts", EXCERPTS),
    ("heldout", HELDOUT),
];

/// The thresholds of a named set.
#[must_use]
pub fn named(name: &str) -> Option<Thresholds> {
    NAMED.iter().find(|(n, _)| *n == name).map(|&(_, t)| t)
}

impl Thresholds {
    /// Every rate of `total` below its threshold, as `name got < min` lines (empty: all met).
    #[must_use]
    pub fn failures(&self, total: &Score) -> Vec<String> {
        let checks = [
            ("heading F1", total.headings.f1(), self.heading_f1),
            (
                "parts presence",
                total.parts_presence.rate(),
                self.parts_presence,
            ),
            (
                "parts location",
                total.parts_location.rate(),
                self.parts_location,
            ),
            ("metadata", total.metadata.rate(), self.metadata),
            ("duplicate body", total.duplicate.rate(), self.duplicate),
            (
                "metric precision",
                total.metrics.precision(),
                self.metric_precision,
            ),
            ("metric recall", total.metrics.recall(), self.metric_recall),
            (
                "metric value+unit+approx",
                total.metric_fields.rate(),
                self.metric_fields,
            ),
            (
                "metric subjects",
                total.metric_subjects.rate(),
                self.metric_subjects,
            ),
        ];
        checks
            .iter()
            .filter(|(_, got, min)| got + 1e-9 < *min)
            .map(|(name, got, min)| format!("{name} {got:.3} < {min:.3}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Counts, Tally};

    #[test]
    fn names_find_their_sets() {
        assert_eq!(named("corpus"), Some(CORPUS));
        assert_eq!(named("excerpts"), Some(EXCERPTS));
        assert_eq!(named("heldout"), Some(HELDOUT));
        assert_eq!(named("other"), None);
    }

    #[test]
    fn failures_name_each_rate_below_its_threshold() {
        let mut s = Score::default();
        assert!(CORPUS.failures(&s).is_empty(), "an empty score is perfect");
        s.metadata = Tally {
            correct: 97,
            total: 102,
        };
        s.metric_subjects = Tally {
            correct: 100,
            total: 110,
        };
        // One heading missed of 111: F1 0.9955.
        s.headings = Counts {
            matched: 110,
            predicted: 110,
            expected: 111,
        };
        let f = EXCERPTS.failures(&s);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].starts_with("metadata 0.951"), "{f:?}");
        assert!(NONE.failures(&s).is_empty());
        assert_eq!(CORPUS.failures(&s).len(), 3);
    }
}
