use std::time::Instant;
fn main() {
    let files: Vec<Vec<u8>> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read(&p).ok())
        .collect();
    let bytes: usize = files.iter().map(Vec::len).sum();
    let mut t_dec = 0.0;
    let mut t_split = 0.0;
    let mut t_an = 0.0;
    let mut t_rev = 0.0;
    for round in 0..60 {
        for b in &files {
            let t = Instant::now();
            let d = fazhi_core::decode::decode(b, Some("x.txt")).unwrap();
            let a = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let p = fazhi_core::split::split_compilation(&d.text);
            let s = t.elapsed().as_secs_f64();
            std::hint::black_box(&p);
            let t = Instant::now();
            let an = fazhi_core::analyze(&d.text);
            let x = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let r = fazhi_core::review::review(&d.text, &an, &Default::default());
            let y = t.elapsed().as_secs_f64();
            std::hint::black_box(&r);
            if round > 0 {
                t_dec += a;
                t_split += s;
                t_an += x;
                t_rev += y;
            }
        }
    }
    let mb = bytes as f64 * 59.0 / 1e6;
    println!(
        "decode {:.1} MB/s, split {:.1}, analyze {:.1}, review {:.1}, all {:.1}",
        mb / t_dec,
        mb / t_split,
        mb / t_an,
        mb / t_rev,
        mb / (t_dec + t_split + t_an + t_rev)
    );
}
