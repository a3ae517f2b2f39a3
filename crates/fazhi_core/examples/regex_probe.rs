use fazhi_core::metrics::exclude::{CODE, DATE, DOC_NUMBER, PHONE, QUOTED, TIME};
use std::time::Instant;
fn main() {
    let text: String = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    for (name, re) in [
        ("QUOTED", &*QUOTED),
        ("DOC", &*DOC_NUMBER),
        ("PHONE", &*PHONE),
        ("CODE", &*CODE),
        ("DATE", &*DATE),
        ("TIME", &*TIME),
    ] {
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..50 {
            n += re.find_iter(&text).count();
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "{name}: {:.0} MB/s ({n})",
            text.len() as f64 * 50.0 / s / 1e6
        );
    }
}
