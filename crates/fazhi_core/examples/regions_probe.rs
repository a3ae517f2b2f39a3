use fazhi_core::metrics::exclude::{
    self, CODE, DATE, DOC_NUMBER, PAGE_COUNTER, PHONE, QUOTED, TIME,
};
use fazhi_core::Span;
use std::time::Instant;
fn main() {
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let n = 300;
    let t = Instant::now();
    for _ in 0..n {
        for s in &texts {
            std::hint::black_box(exclude::regions(s, Span::new(0, s.len()), &[]));
        }
    }
    println!(
        "regions: {:.0} MB/s",
        (bytes * n) as f64 / t.elapsed().as_secs_f64() / 1e6
    );
    for (name, re) in [
        ("QUOTED", &*QUOTED),
        ("DOC", &*DOC_NUMBER),
        ("PHONE", &*PHONE),
        ("CODE", &*CODE),
        ("DATE", &*DATE),
        ("TIME", &*TIME),
        ("PAGE", &*PAGE_COUNTER),
    ] {
        let t = Instant::now();
        let mut k = 0;
        for _ in 0..n {
            for s in &texts {
                k += re.find_iter(s).count();
            }
        }
        println!(
            "{name}: {:.0} MB/s ({k})",
            (bytes * n) as f64 / t.elapsed().as_secs_f64() / 1e6
        );
    }
}
