//! Throughput of decoding and analysis: `cargo bench -p fazhi_core` (or `cargo xtask bench`);
//! criterion prints time per iteration and MiB/s.
//!
//! - `analyze/corpus_mix`: the headline figure — every report of `../shared/corpus` and its
//!   `excerpts/`, each analysed on its own, as a batch (the budget is ≥ 50 MB/s on one core);
//!   without the corpus, the held-out reports that ship with the repository stand in.
//! - `pass/*`: the same batch through each pass of the pipeline alone (fold, clean, structure,
//!   parts, meta, metrics), each given what the passes before it produced.
//! - `scaling/*`: one long report of 1, 10 and 100 MB of distinct paragraphs: the time per
//!   byte must stay flat.
//! - `decode/*`: GBK detection and decoding.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use fazhi_core::{clean, fold, meta, metrics, parts, structure};

const DEMO: &str = include_str!("../../../www/demo/demo-report.txt");

/// A long report of distinct paragraphs of about `bytes`: variants of the demo whose
/// sentences are reordered and whose figures differ, so nothing repeats verbatim (a repeated
/// body would be cut at its first copy).
fn long_distinct(bytes: usize) -> String {
    let sentences: Vec<&str> = DEMO.split_inclusive('。').collect();
    let mut out = String::with_capacity(bytes + DEMO.len());
    let mut k = 0usize;
    while out.len() < bytes {
        for (i, s) in sentences.iter().enumerate() {
            let s = sentences.get((i * 7 + k) % sentences.len()).unwrap_or(s);
            out.extend(s.chars().map(|c| {
                match c.to_digit(10) {
                    Some(d) => {
                        char::from_digit((d + (k % 10) as u32 + (k / 10 % 7) as u32) % 10, 10)
                            .unwrap_or(c)
                    }
                    None => c,
                }
            }));
        }
        out.push('\n');
        k += 1;
    }
    out
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The corpus mix: the full reports and the excerpts, or the held-out reports without them.
fn corpus_mix() -> (&'static str, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = root.join("../shared/corpus");
    let (name, files) = if corpus.is_dir() {
        let mut files = txt_files(&corpus);
        files.extend(txt_files(&corpus.join("excerpts")));
        ("corpus_mix", files)
    } else {
        eprintln!("../shared/corpus not found: the held-out reports stand in for the corpus mix");
        (
            "heldout_mix",
            txt_files(&root.join("crates/fazhi_eval/tests/heldout")),
        )
    };
    let texts = files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter_map(|b| fazhi_core::decode::decode(&b, Some("report.txt")).ok())
        .map(|d| d.text)
        .collect();
    (name, texts)
}

fn bench(c: &mut Criterion) {
    let (mix_name, mix) = corpus_mix();
    let mix_bytes: usize = mix.iter().map(String::len).sum();

    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Bytes(mix_bytes as u64));
    group.bench_function(mix_name, |b| {
        b.iter(|| {
            for text in &mix {
                black_box(fazhi_core::analyze(black_box(text)));
            }
        });
    });
    for (name, text) in [
        ("demo", DEMO.to_owned()),
        ("long_140k", long_distinct(140_000)),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| fazhi_core::analyze(black_box(&text))));
    }
    group.finish();

    // Each pass alone over the mix, given what the passes before it produced.
    let prepared: Vec<_> = mix
        .iter()
        .map(|text| {
            let cleaned = clean::locate(text);
            let structure = structure::parse(text, cleaned.body, &cleaned.furniture);
            (text, cleaned, structure)
        })
        .collect();
    let mut group = c.benchmark_group("pass");
    group.throughput(Throughput::Bytes(mix_bytes as u64));
    group.bench_function("fold_check", |b| {
        b.iter(|| {
            for text in &mix {
                black_box(fold::fold(black_box(text)));
            }
        });
    });
    group.bench_function("clean", |b| {
        b.iter(|| {
            for text in &mix {
                black_box(clean::locate(black_box(text)));
            }
        });
    });
    group.bench_function("structure", |b| {
        b.iter(|| {
            for (text, cleaned, _) in &prepared {
                black_box(structure::parse(text, cleaned.body, &cleaned.furniture));
            }
        });
    });
    group.bench_function("parts", |b| {
        b.iter(|| {
            for (text, _, structure) in &prepared {
                black_box(parts::classify_explained(text, &structure.headings));
            }
        });
    });
    group.bench_function("meta", |b| {
        b.iter(|| {
            for (text, cleaned, structure) in &prepared {
                black_box(meta::extract(text, cleaned, structure));
            }
        });
    });
    group.bench_function("metrics", |b| {
        b.iter(|| {
            for (text, cleaned, structure) in &prepared {
                black_box(metrics::extract(
                    text,
                    cleaned.body,
                    &structure.headings,
                    cleaned.furniture_in_body(),
                ));
            }
        });
    });
    group.finish();

    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    for mb in [1usize, 10, 100] {
        let text = long_distinct(mb * 1_000_000);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("analyze_mb", mb), &text, |b, text| {
            b.iter(|| fazhi_core::analyze(black_box(text)));
        });
    }
    group.finish();

    let long = long_distinct(140_000);
    let (gbk, _, _) = encoding_rs::GBK.encode(&long);
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(gbk.len() as u64));
    group.bench_function("gbk_140k", |b| {
        b.iter(|| fazhi_core::decode::decode(black_box(&gbk), Some("report.txt")));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
