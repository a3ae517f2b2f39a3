//! The CLI part of `cargo xtask bench`: `fazhi analyze --format csv` over a generated folder
//! of 10,000 reports, with one worker thread and with every core, under `/usr/bin/time`
//! (wall time, peak memory, CPU share). It prints figures; nothing here is a pass/fail test.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::Result;

/// Reports in the generated folder.
const REPORTS: usize = 10_000;

/// One measured run of the CLI.
pub struct CliRun {
    pub threads: String,
    pub seconds: f64,
    pub peak_kib: u64,
    pub cpu_percent: u32,
}

/// A made-up report, distinct for each `i`: the demo report's sentences in another order
/// with other figures.
fn report(demo: &str, i: usize) -> String {
    let sentences: Vec<&str> = demo.split_inclusive('。').collect();
    let mut out = String::with_capacity(demo.len() + 64);
    let _ = writeln!(out, "样本{i}号单位2024年法治政府建设年度报告");
    for k in 0..sentences.len() {
        let s = sentences
            .get((k * 7 + i) % sentences.len())
            .copied()
            .unwrap_or("");
        out.extend(s.chars().map(|c| match c.to_digit(10) {
            Some(d) => char::from_digit((d + (i % 10) as u32) % 10, 10).unwrap_or(c),
            None => c,
        }));
    }
    out
}

/// The folder of generated reports (made once, kept under `target/`), and its size in bytes.
fn reports_dir(root: &Path) -> Result<(PathBuf, u64)> {
    let dir = root.join("target/bench-reports");
    let demo = std::fs::read_to_string(root.join("www/demo/demo-report.txt"))
        .map_err(|e| format!("www/demo/demo-report.txt: {e}"))?;
    let mut bytes = 0u64;
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for i in 0..REPORTS {
        let path = dir.join(format!("{:02}/report-{i:05}.txt", i % 100));
        if let Ok(meta) = std::fs::metadata(&path) {
            bytes += meta.len();
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        let text = report(&demo, i);
        bytes += text.len() as u64;
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok((dir, bytes))
}

/// Run the release CLI over the folder with `threads` rayon threads (`None`: all cores).
fn run_once(root: &Path, dir: &Path, threads: Option<usize>) -> Result<CliRun> {
    let fazhi = root.join("target/release/fazhi");
    let mut cmd = Command::new("/usr/bin/time");
    cmd.args(["-f", "%e %M %P"])
        .arg(&fazhi)
        .args(["analyze", "--format", "csv"])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n.to_string());
    }
    let out = cmd
        .output()
        .map_err(|e| format!("/usr/bin/time (Debian package `time`): {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last().unwrap_or("");
    let mut fields = last.split_whitespace();
    let seconds = fields.next().and_then(|s| s.parse().ok());
    let peak_kib = fields.next().and_then(|s| s.parse().ok());
    let cpu = fields
        .next()
        .and_then(|s| s.trim_end_matches('%').parse().ok());
    match (seconds, peak_kib, cpu) {
        (Some(seconds), Some(peak_kib), Some(cpu_percent)) => Ok(CliRun {
            threads: threads.map_or_else(|| "all".to_owned(), |n| n.to_string()),
            seconds,
            peak_kib,
            cpu_percent,
        }),
        _ => Err(format!("could not read /usr/bin/time's line: {last:?}")),
    }
}

/// Build the release CLI, generate the folder, run with one thread and with all; return
/// table rows (name, figure).
pub fn cli_bench(root: &Path) -> Result<Vec<(String, String)>> {
    crate::run(root, "cargo", &["build", "--release", "-p", "fazhi_cli"])?;
    let (dir, bytes) = reports_dir(root)?;
    let mut rows = Vec::new();
    for threads in [Some(1), None] {
        let r = run_once(root, &dir, threads)?;
        let mb_s = bytes as f64 / 1e6 / r.seconds.max(1e-9);
        rows.push((
            format!("CLI csv, {REPORTS} reports, threads={}", r.threads),
            format!(
                "{mb_s:.1} MB/s ({:.1} MB in {:.2} s), peak {:.0} MB, {:.2} cores",
                bytes as f64 / 1e6,
                r.seconds,
                r.peak_kib as f64 / 1024.0,
                f64::from(r.cpu_percent) / 100.0
            ),
        ));
    }
    Ok(rows)
}
