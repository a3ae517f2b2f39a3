//! The review card on made-up reports (`tests/fixtures/review/`), as insta snapshots of
//! every verdict with its evidence; the card computed for every report of
//! `../shared/corpus` and its excerpts without a panic; and the card's soundness (spans
//! inside the text, on char boundaries, one check per id in order) on any text.
//!
//! To add a case, drop a file in the folder and run
//! `INSTA_UPDATE=always cargo test -p fazhi_core --test review`, then read the new `.snap`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fazhi_core::review::{rank_concreteness, review, CheckId, ReviewCard, ReviewSettings, Status};
use fazhi_core::{analyze, Lang, Span};
use proptest::prelude::*;

/// A span as `start..end «text»` (shortened, line breaks as `⏎`).
fn show(text: &str, span: Span) -> String {
    let s = span.slice(text).replace('\n', "⏎");
    let n = s.chars().count();
    let s = if n > 30 {
        let head: String = s.chars().take(16).collect();
        let tail: String = s.chars().skip(n - 10).collect();
        format!("{head}…{tail}")
    } else {
        s
    };
    format!("{}..{} «{s}»", span.start, span.end)
}

/// Every span of the card fits the text, on char boundaries; one check per id, in order.
fn sound(text: &str, card: &ReviewCard) -> Result<(), String> {
    let ids: Vec<CheckId> = card.checks.iter().map(|c| c.id).collect();
    if ids != CheckId::ALL {
        return Err(format!("checks {ids:?}"));
    }
    let ok = |s: Span| s.start <= s.end && text.get(s.start..s.end).is_some();
    let spans = card
        .checks
        .iter()
        .flat_map(|c| c.evidence.iter().copied())
        .chain(card.first_responsible.acts.iter().map(|a| a.span))
        .chain(card.shortcomings.concrete.iter().copied())
        .chain(card.shortcomings.stock.iter().copied())
        .chain(card.next_year.targets.iter().copied())
        .chain(card.next_year.times.iter().copied());
    for s in spans {
        if !ok(s) {
            return Err(format!(
                "span {s:?} does not fit a text of {} bytes",
                text.len()
            ));
        }
    }
    if card.parts.len() != 5 || !card.concreteness.per_1000.is_finite() {
        return Err("parts or figures malformed".into());
    }
    Ok(())
}

fn summary(text: &str, card: &ReviewCard) -> String {
    let mut out = String::new();
    for c in &card.checks {
        let _ = writeln!(
            out,
            "{} {}: {} / {}",
            c.id.key(),
            c.status.key(),
            c.note(Lang::Zh),
            c.note(Lang::En)
        );
        for e in &c.evidence {
            let _ = writeln!(out, "    {}", show(text, *e));
        }
    }
    for a in &card.first_responsible.acts {
        let _ = writeln!(
            out,
            "act {} {} count={:?}",
            a.word,
            show(text, a.span),
            a.count
        );
    }
    let c = &card.concreteness;
    let _ = writeln!(
        out,
        "concreteness: {} chars, {} figures, {:.2}/1000, {}/{} sentences",
        c.chars, c.figures, c.per_1000, c.sentences_with_figure, c.sentences
    );
    for p in &card.parts {
        let _ = writeln!(
            out,
            "part {}: present={} chars={} figures={} {:.2}/1000 {}/{} sentences",
            p.part.key(),
            p.present,
            p.chars,
            p.figures,
            p.per_1000,
            p.sentences_with_figure,
            p.sentences
        );
    }
    out
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/review is in the repository")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn fixture_cards_match_their_snapshots() {
    let mut seen = std::collections::BTreeSet::new();
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let card = review(&text, &analyze(&text), &ReviewSettings::default());
        sound(&text, &card).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for c in &card.checks {
            seen.insert(c.status);
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("fixture")
            .to_owned();
        insta::assert_snapshot!(format!("review_{name}"), summary(&text, &card));
    }
    // The fixtures exercise every status.
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), Status::ALL);
}

#[test]
fn an_earlier_deadline_makes_a_report_late() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review/all_ok.txt");
    let text = std::fs::read_to_string(path).expect("fixture");
    let a = analyze(&text);
    let timely = |m, d| {
        let s = ReviewSettings {
            deadline_month: m,
            deadline_day: d,
        };
        review(&text, &a, &s)
            .check(CheckId::Timeliness)
            .map(|c| c.status)
    };
    // Dated 2025-02-10: before 4月1日 and 2月11日, not before 2月10日 or 1月31日.
    assert_eq!(timely(4, 1), Some(Status::Ok));
    assert_eq!(timely(2, 11), Some(Status::Ok));
    assert_eq!(timely(2, 10), Some(Status::Warning));
    assert_eq!(timely(1, 31), Some(Status::Warning));
}

#[test]
fn concreteness_ranks_across_reports() {
    let cards: Vec<(String, ReviewCard)> = fixtures()
        .into_iter()
        .map(|p| {
            let t = std::fs::read_to_string(&p).expect("fixture");
            let c = review(&t, &analyze(&t), &ReviewSettings::default());
            (
                p.file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("")
                    .to_owned(),
                c,
            )
        })
        .collect();
    let refs: Vec<&ReviewCard> = cards.iter().map(|(_, c)| c).collect();
    let ranks = rank_concreteness(&refs);
    let by_name: Vec<(&str, usize)> = cards.iter().map(|(n, _)| n.as_str()).zip(ranks).collect();
    // all_ok gives many figures per 1,000 characters; warnings one; missing and blank none
    // (they share the last rank).
    assert_eq!(
        by_name,
        [("all_ok", 1), ("blank", 3), ("missing", 3), ("warnings", 2)]
    );
}

fn corpus_files() -> Option<Vec<PathBuf>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if !root.is_dir() {
        eprintln!(
            "SKIP: {} is absent; the corpus cards were not computed",
            root.display()
        );
        return None;
    }
    let mut files = Vec::new();
    for dir in [root.clone(), root.join("excerpts")] {
        for e in std::fs::read_dir(&dir)
            .expect("corpus folder readable")
            .filter_map(Result::ok)
        {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    Some(files)
}

#[test]
fn every_corpus_report_and_excerpt_gets_a_sound_card() {
    let Some(files) = corpus_files() else { return };
    assert!(
        files.len() >= 39,
        "5 reports and 34 excerpts expected, found {}",
        files.len()
    );
    for p in &files {
        let text = std::fs::read_to_string(p).expect("corpus file is UTF-8");
        let a = analyze(&text);
        let card = review(&text, &a, &ReviewSettings::default());
        sound(&text, &card).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        // A report's date decides timeliness; with no date it is never late.
        let t = card.check(CheckId::Timeliness).map(|c| c.status);
        if a.metadata.published.is_none() {
            assert_eq!(t, Some(Status::Unknown), "{}", p.display());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Text pieced from report words, headings, figures, dates and odd characters.
    #[test]
    fn any_text_gets_a_sound_card(pieces in prop::collection::vec(prop::sample::select(vec![
        "一、", "二、存在的不足和原因", "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "四、2025年工作安排", "（一）", "1.", "一是", "二是", "由于", "原因", "有待提高", "召开", "部署",
        "决策部署", "听取汇报3次", "6月底前", "季度", "12项", "3.5万元", "零投诉", "2025年3月1日",
        "某县应急管理局", "2024年法治政府建设情况报告", "。", "；", "\n", " ", "\u{200b}", "é", "𠀀", "",
    ]), 0..60)) {
        let text: String = pieces.concat();
        let card = review(&text, &analyze(&text), &ReviewSettings::default());
        prop_assert!(sound(&text, &card).is_ok(), "{:?}", sound(&text, &card));
    }
}
