//! Scoring an analysis against a gold annotation: headings, parts, metadata and metrics.
//!
//! Matching is order-preserving (a longest common subsequence on normalised keys), so a
//! figure stated twice must be found twice, at the right places.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use crate::gold::{self, normalize_marker, squash, GoldReport};
use fazhi_core::decode::{self, Document};
use fazhi_core::RequiredPart;

/// Matched / predicted / expected counts for one kind of item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub matched: usize,
    pub predicted: usize,
    pub expected: usize,
}

impl Counts {
    #[must_use]
    pub fn precision(self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    #[must_use]
    pub fn recall(self) -> f64 {
        ratio(self.matched, self.expected)
    }
    #[must_use]
    pub fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Self) {
        self.matched += o.matched;
        self.predicted += o.predicted;
        self.expected += o.expected;
    }
}

/// `n / d`, with `0/0` counted as a perfect score.
fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        1.0
    } else {
        n as f64 / d as f64
    }
}

/// `correct` out of `total`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub correct: usize,
    pub total: usize,
}

impl Tally {
    fn add(&mut self, o: Self) {
        self.correct += o.correct;
        self.total += o.total;
    }
    fn check(&mut self, ok: bool) {
        self.total += 1;
        if ok {
            self.correct += 1;
        }
    }
    #[must_use]
    pub fn rate(self) -> f64 {
        ratio(self.correct, self.total)
    }
}

/// The score of one file, or of a whole corpus.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    pub file: String,
    pub headings: Counts,
    pub parts_presence: Tally,
    pub parts_location: Tally,
    pub metadata: Tally,
    pub duplicate: Tally,
    pub metrics: Counts,
    /// Of the matched metrics: value, unit and approx all exact.
    pub metric_fields: Tally,
    /// Of the matched metrics: subject overlaps the gold subject.
    pub metric_subjects: Tally,
    /// One line per miss, extra or wrong field.
    pub misses: Vec<String>,
}

impl Score {
    /// Fold another score into this one (the file name and misses are kept apart).
    pub fn add(&mut self, o: &Self) {
        self.headings.add(o.headings);
        self.parts_presence.add(o.parts_presence);
        self.parts_location.add(o.parts_location);
        self.metadata.add(o.metadata);
        self.duplicate.add(o.duplicate);
        self.metrics.add(o.metrics);
        self.metric_fields.add(o.metric_fields);
        self.metric_subjects.add(o.metric_subjects);
    }
}

/// Order-preserving matching of two key sequences: pairs of indices `(i_pred, i_gold)`.
fn align(pred: &[String], gold: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (pred.len(), gold.len());
    let mut dp = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i][j] = if pred[i] == gold[j] {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if pred[i] == gold[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if dp[i + 1][j] >= dp[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn subjects_overlap(a: &str, b: &str) -> bool {
    let (a, b) = (squash(a), squash(b));
    if a.is_empty() || b.is_empty() {
        return a == b;
    }
    a.contains(&b) || b.contains(&a) || {
        // Lenient: share at least two consecutive characters.
        let bc: Vec<char> = b.chars().collect();
        bc.windows(2)
            .any(|w| a.contains(&w.iter().collect::<String>()))
    }
}

/// Score one prediction against its gold annotation.
#[must_use]
pub fn score(pred: &GoldReport, gold: &GoldReport) -> Score {
    let mut s = Score {
        file: gold.file.clone(),
        ..Score::default()
    };

    // Headings: level + marker + title.
    let key = |h: &crate::gold::GoldHeading| {
        format!(
            "{}|{}|{}",
            h.level,
            normalize_marker(&h.marker),
            squash(&h.title)
        )
    };
    let pk: Vec<String> = pred.headings.iter().map(key).collect();
    let gk: Vec<String> = gold.headings.iter().map(key).collect();
    let pairs = align(&pk, &gk);
    s.headings = Counts {
        matched: pairs.len(),
        predicted: pk.len(),
        expected: gk.len(),
    };
    let (mp, mg) = unmatched(&pairs, pk.len(), gk.len());
    for j in mg {
        let h = &gold.headings[j];
        let _ = write!(
            s.misses.entry(),
            "heading missed: L{} {}{}",
            h.level,
            h.marker,
            h.title
        );
    }
    for i in mp {
        let h = &pred.headings[i];
        let _ = write!(
            s.misses.entry(),
            "heading extra:  L{} {}{}",
            h.level,
            h.marker,
            h.title
        );
    }

    // Parts.
    for part in RequiredPart::ALL {
        let norm = |v: &[String]| v.iter().map(|p| normalize_marker(p)).collect::<Vec<_>>();
        let (p, g) = (norm(pred.parts.get(part)), norm(gold.parts.get(part)));
        let presence_ok = p.is_empty() == g.is_empty();
        s.parts_presence.check(presence_ok);
        s.parts_location.check(p == g);
        if p != g {
            let _ = write!(
                s.misses.entry(),
                "part {}: got {:?}, expected {:?}",
                part.key(),
                p,
                g
            );
        }
    }

    // Metadata.
    check_field(&mut s, "agency", &pred.agency, &gold.agency);
    check_field(&mut s, "year", &pred.year, &gold.year);
    check_field(&mut s, "published", &pred.published, &gold.published);
    s.duplicate
        .check(pred.duplicate_body == gold.duplicate_body);
    if pred.duplicate_body != gold.duplicate_body {
        let _ = write!(
            s.misses.entry(),
            "duplicate_body: got {}, expected {}",
            pred.duplicate_body,
            gold.duplicate_body
        );
    }

    // Metrics, matched on text with white space removed.
    let pk: Vec<String> = pred.metrics.iter().map(|m| squash(&m.text)).collect();
    let gk: Vec<String> = gold.metrics.iter().map(|m| squash(&m.text)).collect();
    let pairs = align(&pk, &gk);
    s.metrics = Counts {
        matched: pairs.len(),
        predicted: pk.len(),
        expected: gk.len(),
    };
    for &(i, j) in &pairs {
        let (p, g) = (&pred.metrics[i], &gold.metrics[j]);
        let ok = p.value == g.value && p.unit == g.unit && p.approx == g.approx;
        s.metric_fields.check(ok);
        if !ok {
            let _ = write!(
                s.misses.entry(),
                "metric wrong: {} → {} {} {} (expected {} {} {})",
                g.text,
                p.value,
                p.unit,
                p.approx,
                g.value,
                g.unit,
                g.approx
            );
        }
        let subj = subjects_overlap(&p.subject, &g.subject);
        s.metric_subjects.check(subj);
        if !subj {
            let _ = write!(
                s.misses.entry(),
                "metric subject: {} → {:?} (expected {:?})",
                g.text,
                p.subject,
                g.subject
            );
        }
    }
    let (mp, mg) = unmatched(&pairs, pk.len(), gk.len());
    for j in mg {
        let _ = write!(
            s.misses.entry(),
            "metric missed: {} ({})",
            gold.metrics[j].text,
            gold.metrics[j].subject
        );
    }
    for i in mp {
        let _ = write!(
            s.misses.entry(),
            "metric extra:  {} ({})",
            pred.metrics[i].text,
            pred.metrics[i].subject
        );
    }
    s
}

/// Tally one metadata field and note it when it differs.
fn check_field<T: PartialEq + std::fmt::Debug>(s: &mut Score, name: &str, got: &T, expected: &T) {
    s.metadata.check(got == expected);
    if got != expected {
        let _ = write!(
            s.misses.entry(),
            "{name}: got {got:?}, expected {expected:?}"
        );
    }
}

/// Indices left unmatched on each side.
fn unmatched(pairs: &[(usize, usize)], n: usize, m: usize) -> (Vec<usize>, Vec<usize>) {
    let mut p = vec![true; n];
    let mut g = vec![true; m];
    for &(i, j) in pairs {
        p[i] = false;
        g[j] = false;
    }
    (
        p.iter()
            .enumerate()
            .filter(|(_, u)| **u)
            .map(|(i, _)| i)
            .collect(),
        g.iter()
            .enumerate()
            .filter(|(_, u)| **u)
            .map(|(i, _)| i)
            .collect(),
    )
}

trait Entry {
    fn entry(&mut self) -> &mut String;
}

impl Entry for Vec<String> {
    fn entry(&mut self) -> &mut String {
        self.push(String::new());
        let last = self.len() - 1;
        &mut self[last]
    }
}

/// One annotated report of a corpus: its gold annotation and its decoded text.
#[derive(Debug, Clone)]
pub struct CorpusCase {
    pub gold: GoldReport,
    pub document: Document,
}

impl CorpusCase {
    /// Analyse the text and score it against the gold annotation.
    #[must_use]
    pub fn score(&self) -> Score {
        self.score_text(&self.document.text)
    }

    /// Score the analysis of another rendering of the same report (e.g. CRLF line breaks).
    #[must_use]
    pub fn score_text(&self, text: &str) -> Score {
        let pred = gold::from_analysis(&self.gold.file, &fazhi_core::analyze(text));
        score(&pred, &self.gold)
    }
}

/// Load every `gold_dir/*.json` (schema v1), in file-name order, with the report it names
/// from `corpus_dir`. Fails on the first file that cannot be read, parsed or decoded, and on
/// a gold `file` that names something outside `corpus_dir` (see [`corpus_file`]).
pub fn load_corpus(corpus_dir: &Path, gold_dir: &Path) -> Result<Vec<CorpusCase>, String> {
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .map_err(|e| format!("{}: {e}", gold_dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    gold_files.sort();
    if gold_files.is_empty() {
        return Err(format!("{}: no gold *.json files", gold_dir.display()));
    }
    gold_files
        .iter()
        .map(|path| {
            let json =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let gold: GoldReport =
                serde_json::from_str(&json).map_err(|e| format!("{}: {e}", path.display()))?;
            let report = corpus_file(corpus_dir, &gold.file)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let bytes = std::fs::read(&report).map_err(|e| format!("{}: {e}", report.display()))?;
            let document = decode::decode(&bytes, Some(&gold.file))
                .map_err(|e| format!("{}: {e}", report.display()))?;
            Ok(CorpusCase { gold, document })
        })
        .collect()
}

/// The report a gold `file` field names: a relative path under `corpus_dir` — not absolute,
/// no `..`, and not leading outside the directory through a symbolic link either (checked
/// on the real paths).
fn corpus_file(corpus_dir: &Path, file: &str) -> Result<PathBuf, String> {
    let relative = Path::new(file);
    let plain = relative.components().next().is_some()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !plain {
        return Err(format!(
            "gold file {file:?} is not a path inside the corpus directory (it must be relative, without ..)"
        ));
    }
    let report = corpus_dir.join(relative);
    let root = corpus_dir
        .canonicalize()
        .map_err(|e| format!("{}: {e}", corpus_dir.display()))?;
    let real = report
        .canonicalize()
        .map_err(|e| format!("{}: {e}", report.display()))?;
    if !real.starts_with(&root) {
        return Err(format!(
            "gold file {file:?} leads outside the corpus directory {} (to {})",
            corpus_dir.display(),
            real.display()
        ));
    }
    Ok(report)
}

/// Render one score as report lines.
#[must_use]
pub fn render(s: &Score, with_misses: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<28} headings P {:.3} R {:.3} F1 {:.3} ({}/{}/{}) | parts presence {}/{} location {}/{} | metadata {}/{} | duplicate {}/{}",
        s.file,
        s.headings.precision(),
        s.headings.recall(),
        s.headings.f1(),
        s.headings.matched,
        s.headings.predicted,
        s.headings.expected,
        s.parts_presence.correct,
        s.parts_presence.total,
        s.parts_location.correct,
        s.parts_location.total,
        s.metadata.correct,
        s.metadata.total,
        s.duplicate.correct,
        s.duplicate.total,
    );
    let _ = writeln!(
        out,
        "{:<28} metrics  P {:.3} R {:.3} F1 {:.3} ({}/{}/{}) | value+unit+approx {}/{} ({:.3}) | subject {}/{}",
        "",
        s.metrics.precision(),
        s.metrics.recall(),
        s.metrics.f1(),
        s.metrics.matched,
        s.metrics.predicted,
        s.metrics.expected,
        s.metric_fields.correct,
        s.metric_fields.total,
        s.metric_fields.rate(),
        s.metric_subjects.correct,
        s.metric_subjects.total,
    );
    if with_misses {
        for m in &s.misses {
            let _ = writeln!(out, "    - {m}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::{GoldHeading, GoldMetric, GoldParts};

    fn report(headings: &[(u8, &str, &str)], metrics: &[&str]) -> GoldReport {
        GoldReport {
            file: "t.txt".into(),
            agency: Some("某局".into()),
            year: Some(2024),
            published: None,
            duplicate_body: false,
            headings: headings
                .iter()
                .map(|&(level, marker, title)| GoldHeading {
                    level,
                    marker: marker.into(),
                    title: title.into(),
                })
                .collect(),
            parts: GoldParts {
                achievements: vec!["一、".into()],
                ..GoldParts::default()
            },
            metrics: metrics
                .iter()
                .map(|t| GoldMetric {
                    text: (*t).into(),
                    subject: "事项".into(),
                    value: "1".into(),
                    unit: "项".into(),
                    approx: "exact".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn perfect_prediction_scores_one() {
        let g = report(&[(1, "一、", "成效"), (2, "(一)", "甲")], &["1项", "1项"]);
        let s = score(&g, &g);
        assert_eq!(
            s.headings,
            Counts {
                matched: 2,
                predicted: 2,
                expected: 2
            }
        );
        assert_eq!(s.metrics.matched, 2);
        assert!((s.headings.f1() - 1.0).abs() < 1e-9);
        assert_eq!(
            s.parts_location,
            Tally {
                correct: 5,
                total: 5
            }
        );
        assert_eq!(
            s.metadata,
            Tally {
                correct: 3,
                total: 3
            }
        );
        assert!(s.misses.is_empty(), "{:?}", s.misses);
    }

    #[test]
    fn misses_and_extras_are_listed() {
        let g = report(
            &[(1, "一、", "成效"), (2, "(一)", "甲")],
            &["1项", "2项", "1项"],
        );
        let mut p = report(&[(1, "一、", "成效"), (3, "1.", "乙")], &["1项", "3项"]);
        p.parts.achievements.clear();
        let s = score(&p, &g);
        assert_eq!(
            s.headings,
            Counts {
                matched: 1,
                predicted: 2,
                expected: 2
            }
        );
        assert_eq!(
            s.metrics,
            Counts {
                matched: 1,
                predicted: 2,
                expected: 3
            }
        );
        assert_eq!(
            s.parts_presence,
            Tally {
                correct: 4,
                total: 5
            }
        );
        assert!(s
            .misses
            .iter()
            .any(|m| m.contains("heading missed: L2 (一)甲")));
        assert!(s.misses.iter().any(|m| m.contains("metric extra:  3项")));
        assert!(s.misses.iter().any(|m| m.contains("metric missed: 2项")));
    }

    #[test]
    fn full_width_markers_compare_equal() {
        let g = report(&[(2, "(一)", "甲")], &[]);
        let p = report(&[(2, "（一）", "甲")], &[]);
        assert_eq!(score(&p, &g).headings.matched, 1);
    }
}
