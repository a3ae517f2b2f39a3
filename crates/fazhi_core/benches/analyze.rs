//! Throughput of decoding and analysis. Run with `cargo bench -p fazhi_core`; criterion
//! prints time per iteration and MiB/s. Inputs: the shipped demo report, a long synthetic
//! report (the demo repeated), its GBK encoding, and, when present, ../shared/corpus.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const DEMO: &str = include_str!("../../../www/demo/demo-report.txt");

fn long_distinct() -> String {
    let sentences: Vec<&str> = DEMO.split_inclusive('。').collect();
    let mut out = String::new();
    for k in 0..40usize {
        for (i, s) in sentences.iter().enumerate() {
            let s = sentences.get((i * 7 + k) % sentences.len()).unwrap_or(s);
            out.extend(s.chars().map(|c| match c.to_digit(10) {
                Some(d) => char::from_digit((d + k as u32) % 10, 10).unwrap_or(c),
                None => c,
            }));
        }
        out.push('\n');
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut inputs: Vec<(String, String)> = vec![
        ("demo".into(), DEMO.to_owned()),
        // A long page that repeats its body: only the first copy is analysed.
        (
            "demo_repeated_x40".into(),
            (0..40).map(|_| DEMO).collect::<Vec<_>>().join("\n"),
        ),
        // A long report of distinct paragraphs, about 140 KB: 40 variants of the demo whose
        // sentences are reordered and whose figures differ, so nothing repeats verbatim.
        ("long_distinct_140k".into(), long_distinct()),
    ];
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    match std::fs::read_dir(&corpus) {
        Ok(dir) => {
            let mut files: Vec<_> = dir
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            for p in files {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    let name = p
                        .file_stem()
                        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
                    inputs.push((format!("corpus/{name}"), text));
                }
            }
        }
        Err(_) => eprintln!("skipping corpus inputs: {} not found", corpus.display()),
    }

    let mut group = c.benchmark_group("analyze");
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name.as_str(), |b| {
            b.iter(|| fazhi_core::analyze(black_box(text)));
        });
    }
    group.finish();

    let long = long_distinct();
    let (gbk, _, _) = encoding_rs::GBK.encode(&long);
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(gbk.len() as u64));
    group.bench_function("gbk_long_distinct_140k", |b| {
        b.iter(|| fazhi_core::decode::decode(black_box(&gbk), Some("report.txt")));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
