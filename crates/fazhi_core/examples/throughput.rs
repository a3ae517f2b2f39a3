//! Quick throughput probe: `cargo run --release -p fazhi_core --example throughput -- FILES...`
//! analyses each file's text repeatedly and prints MB/s over the whole set.
//!
//! Instructions per byte, independent of the load on the machine (no hardware counters
//! needed): `FAZHI_ROUNDS=3 valgrind --tool=callgrind --collect-atstart=no
//! --toggle-collect=throughput::round target/release/examples/throughput FILES...`; the
//! first (warm-up) round is counted too, so subtract a run with `FAZHI_ROUNDS=0`.
use std::time::Instant;

fn main() {
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read(&p).ok())
        // A text over the decoder's input limit (the 100 MB scaling input) is read as UTF-8.
        .filter_map(|b| match fazhi_core::decode::decode(&b, Some("x.txt")) {
            Ok(d) => Some(d.text),
            Err(_) => String::from_utf8(b).ok(),
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    // FAZHI_ROUNDS=N runs exactly N rounds (for instruction counts under callgrind).
    let fixed: Option<u32> = std::env::var("FAZHI_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok());
    // One round first, so the regexes are compiled before anything is measured.
    round(&texts);
    let mut rounds = 0u32;
    let t = Instant::now();
    while fixed.map_or(t.elapsed().as_secs_f64() < 3.0, |n| rounds < n) {
        round(&texts);
        rounds += 1;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} files, {} bytes, {rounds} rounds: {:.2} MB/s",
        texts.len(),
        bytes,
        bytes as f64 * f64::from(rounds) / secs / 1e6
    );
}

/// Analyse every text once (a function of its own, for callgrind's `--toggle-collect`).
#[inline(never)]
fn round(texts: &[String]) {
    for s in texts {
        std::hint::black_box(fazhi_core::analyze(s));
    }
}
