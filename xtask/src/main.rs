//! `cargo xtask`: the project's single entry point for automation.
//!
//! ```text
//! cargo xtask serve   install what is missing, then serve the app on http://127.0.0.1:8080/
//! cargo xtask test    install what is missing, then run every check CI runs, in order
//! cargo xtask build   install what is missing, then the release build into dist/
//! cargo xtask setup   only install what is missing
//! cargo xtask fuzz TARGET SECONDS [LIBFUZZER_ARGS…]
//!                     run one cargo-fuzz target for SECONDS, seeded from the fixtures
//! cargo xtask bench   install what is missing, then measure: the core natively (criterion),
//!                     the release build's worker in headless Chromium, the sizes of dist/;
//!                     one table at the end
//! ```
//!
//! Each tool is installed only when it is missing or at the wrong version: the wasm32
//! target, trunk 0.21, wasm-bindgen-cli at exactly the version in Cargo.lock, the npm
//! packages (wasm-opt from `binaryen`, ECharts, playwright-core), and, for `test` when
//! running as root, Debian's chromium, chromium-driver, fonts-noto-cjk and
//! libreoffice-writer-nogui (the corpus round trip converts reports with it).

mod cli_bench;

use std::env;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

const TRUNK_REQ: &str = "~0.21";
const TRUNK_PREFIX: &str = "trunk 0.21.";
/// Debian packages `test` installs as root: the browser for the e2e tests, and LibreOffice
/// Writer for the corpus round trip (`scripts/roundtrip.sh`, `crates/fazhi_core/tests/roundtrip.rs`).
const APT_PACKAGES: [&str; 4] = [
    "chromium",
    "chromium-driver",
    "fonts-noto-cjk",
    "libreoffice-writer-nogui",
];

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = project_root();
    let started = Instant::now();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup(&root, false),
        Some("build") => setup(&root, false).and_then(|()| trunk_build(&root)),
        Some("serve") => setup(&root, false).and_then(|()| serve(&root)),
        Some("test") => setup(&root, true).and_then(|()| test(&root)),
        Some("fuzz") => cmd_fuzz(&root, &args[1..]),
        Some("bench") => setup(&root, true).and_then(|()| bench(&root)),
        _ => Err("usage: cargo xtask <serve|test|build|setup|fuzz|bench>".to_owned()),
    };
    match result {
        Ok(()) => {
            eprintln!("xtask: done in {:.0?}", started.elapsed());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("\nxtask: FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn cargo_bin_dir() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map_or_else(
            || PathBuf::from(env::var_os("HOME").unwrap_or_default()).join(".cargo"),
            PathBuf::from,
        )
        .join("bin")
}

/// PATH with ~/.cargo/bin and node_modules/.bin in front, so trunk finds wasm-bindgen and wasm-opt.
fn tool_path(root: &Path) -> OsString {
    let mut dirs = vec![root.join("node_modules").join(".bin"), cargo_bin_dir()];
    dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    env::join_paths(dirs).unwrap_or_default()
}

fn step(name: &str) {
    eprintln!("\n==> {name}");
}

/// Run a command in `root` with the tool PATH; fail loudly with its name.
fn run(root: &Path, program: &str, args: &[&str]) -> Result {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(root)
        .env("PATH", tool_path(root))
        .status()
        .map_err(|e| format!("could not start `{program}`: {e} (is it installed?)"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`{program} {}` failed with {status}",
            args.join(" ")
        ))
    }
}

/// First line of `program --version`, if it runs.
fn version_of(root: &Path, program: &str) -> Option<String> {
    let out = Command::new(program)
        .arg("--version")
        .env("PATH", tool_path(root))
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_owned()
    })
}

fn have(root: &Path, program: &str) -> bool {
    version_of(root, program).is_some()
}

/// The version of `package` recorded in Cargo.lock.
fn locked_version(root: &Path, package: &str) -> Result<String> {
    let lock =
        std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or_else(|| format!("{package} is not in Cargo.lock"))?
        + needle.len();
    let len = lock[start..].find('"').ok_or("Cargo.lock is malformed")?;
    Ok(lock[start..start + len].to_owned())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn setup(root: &Path, for_tests: bool) -> Result {
    step("tools");
    if !have(root, "cargo") || !have(root, "rustup") {
        return Err(
            "cargo and rustup are required: install Rust with rustup (https://rustup.rs)".into(),
        );
    }
    // The wasm32 target (rust-toolchain.toml lists it; this makes sure on any toolchain).
    let targets = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("rustup: {e}"))?;
    if String::from_utf8_lossy(&targets.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        eprintln!("ok   wasm32-unknown-unknown target");
    } else {
        run(root, "rustup", &["target", "add", "wasm32-unknown-unknown"])?;
    }

    match version_of(root, "trunk") {
        Some(v) if v.starts_with(TRUNK_PREFIX) => eprintln!("ok   {v}"),
        other => {
            eprintln!("install trunk {TRUNK_REQ} (found {other:?}; takes about 10 minutes)");
            run(
                root,
                "cargo",
                &["install", "trunk", "--version", TRUNK_REQ, "--locked"],
            )?;
        }
    }

    let wb = locked_version(root, "wasm-bindgen")?;
    match version_of(root, "wasm-bindgen") {
        Some(v) if v == format!("wasm-bindgen {wb}") => eprintln!("ok   {v}"),
        other => {
            eprintln!("install wasm-bindgen-cli {wb} to match Cargo.lock (found {other:?})");
            // Not --locked: one of its locked dependencies is missing from the registry.
            run(
                root,
                "cargo",
                &[
                    "install",
                    "wasm-bindgen-cli",
                    "--version",
                    &format!("={wb}"),
                    "--force",
                ],
            )?;
        }
    }
    let trunk_toml =
        std::fs::read_to_string(root.join("Trunk.toml")).map_err(|e| format!("Trunk.toml: {e}"))?;
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{wb}\"")) {
        return Err(format!(
            "Trunk.toml [tools] wasm_bindgen must be \"{wb}\", the version in Cargo.lock"
        ));
    }

    if !have(root, "npm") || !have(root, "node") {
        return Err("node and npm are required (Debian: apt-get install nodejs npm)".into());
    }
    if npm_up_to_date(root) {
        eprintln!("ok   npm packages (binaryen, echarts, playwright-core, axe-core)");
    } else {
        run(root, "npm", &["ci", "--no-audit", "--no-fund"])?;
    }
    match version_of(root, "wasm-opt") {
        Some(v) => eprintln!("ok   {v}"),
        None => return Err("wasm-opt is missing after npm ci (npm package binaryen)".into()),
    }

    if for_tests {
        let own_browser = env::var_os("CHROMIUM").filter(|b| Path::new(b).exists());
        if let Some(browser) = &own_browser {
            // A runner with its own Chrome (e.g. GitHub's): e2e/lib.mjs uses $CHROMIUM.
            eprintln!(
                "ok   browser from $CHROMIUM: {}",
                Path::new(browser).display()
            );
        }
        let wanted: Vec<&str> = APT_PACKAGES
            .iter()
            .copied()
            .filter(|p| own_browser.is_none() || !p.starts_with("chromium"))
            .collect();
        // The desktop LibreOffice Writer serves as well (and conflicts with the -nogui one).
        let missing: Vec<&str> = wanted
            .iter()
            .copied()
            .filter(|p| !dpkg_installed(p))
            .filter(|p| *p != "libreoffice-writer-nogui" || !dpkg_installed("libreoffice-writer"))
            .collect();
        if missing.is_empty() {
            eprintln!("ok   {}", wanted.join(", "));
        } else if is_root() && have(root, "apt-get") {
            run(root, "apt-get", &["update"])?;
            let mut args = vec!["install", "-y"];
            args.extend(&missing);
            run(root, "apt-get", &args)?;
        } else {
            return Err(format!(
                "missing Debian packages {missing:?} for the browser tests and the corpus round trip: run `sudo apt-get install -y {}`",
                missing.join(" ")
            ));
        }
        if own_browser.is_none() && !Path::new("/usr/bin/chromium").exists() {
            return Err("/usr/bin/chromium is missing: apt-get install chromium".into());
        }
    }
    Ok(())
}

fn dpkg_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

/// node_modules holds the versions package-lock.json pins (npm keeps its own record of
/// what it installed in node_modules/.package-lock.json).
fn npm_up_to_date(root: &Path) -> bool {
    let (Ok(lock), Ok(installed)) = (
        std::fs::read_to_string(root.join("package-lock.json")),
        std::fs::read_to_string(root.join("node_modules/.package-lock.json")),
    ) else {
        return false;
    };
    ["binaryen", "echarts", "playwright-core", "axe-core"]
        .iter()
        .all(|p| {
            let pinned = npm_version(&lock, p);
            pinned.is_some() && pinned == npm_version(&installed, p)
        })
}

/// The `"version"` recorded under `"node_modules/<package>"` in an npm lock file.
fn npm_version(lock: &str, package: &str) -> Option<String> {
    let entry = &lock[lock.find(&format!("\"node_modules/{package}\""))?..];
    let v = entry.find("\"version\"")?;
    entry[v..].split('"').nth(3).map(str::to_owned)
}

/// The id the page puts on the worker's URLs (`FAZHI_BUILD_ID`, read at compile time by
/// src/services/worker.rs): the commit, and the time when the tree has changes.
fn build_id(root: &Path) -> Option<String> {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let commit = git(&["rev-parse", "--short=12", "HEAD"])?;
    let dirty =
        git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    Some(if dirty {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        format!("{commit}-{secs}")
    } else {
        commit
    })
}

fn trunk_build(root: &Path) -> Result {
    step("trunk build --release (with wasm-opt)");
    if let Some(id) = build_id(root) {
        eprintln!("build id (worker URLs): {id}");
        // Inherited by trunk and the cargo builds it runs.
        env::set_var("FAZHI_BUILD_ID", id);
    }
    run(root, "trunk", &["build", "--release"])?;
    for entry in std::fs::read_dir(root.join("dist"))
        .map_err(|e| format!("dist/: {e}"))?
        .filter_map(std::result::Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "wasm"))
    {
        let len = entry.metadata().map_or(0, |m| m.len());
        eprintln!(
            "dist/{}: {} KiB",
            entry.file_name().to_string_lossy(),
            len / 1024
        );
    }
    Ok(())
}

fn serve(root: &Path) -> Result {
    step("trunk serve on http://127.0.0.1:8080/");
    run(root, "trunk", &["serve"])
}

fn test(root: &Path) -> Result {
    step("1. cargo fmt --check");
    run(root, "cargo", &["fmt", "--all", "--check"])?;

    step("2. clippy -D warnings: workspace natively, app on wasm32");
    run(
        root,
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    run(
        root,
        "cargo",
        &[
            "clippy",
            "-p",
            "fazhi-lens",
            "--target",
            "wasm32-unknown-unknown",
            "--locked",
            "--",
            "-D",
            "warnings",
        ],
    )?;

    step("3. workspace tests");
    run(root, "cargo", &["test", "--workspace", "--locked"])?;

    step("3b. fazhi eval: ../shared/corpus, its excerpts and the held-out set");
    run(
        root,
        "cargo",
        &["build", "--release", "--locked", "--bin", "fazhi"],
    )?;
    let fazhi = root
        .join("target/release/fazhi")
        .to_string_lossy()
        .into_owned();
    let corpus = root.join("..").join("shared").join("corpus");
    // Each set with its thresholds from fazhi_eval::thresholds (the tests read the same).
    for (dir, thresholds) in [
        (corpus.clone(), "corpus"),
        (corpus.join("excerpts"), "excerpts"),
        (root.join("crates/fazhi_eval/tests/heldout"), "heldout"),
    ] {
        if !dir.join("gold").is_dir() {
            eprintln!(
                "skipping fazhi eval: {} not found (CI has it)",
                dir.display()
            );
            continue;
        }
        let dir_s = dir.to_string_lossy().into_owned();
        let gold_s = dir.join("gold").to_string_lossy().into_owned();
        run(
            root,
            &fazhi,
            &[
                "eval",
                "--quiet",
                "--thresholds",
                thresholds,
                dir_s.as_str(),
                gold_s.as_str(),
            ],
        )?;
    }

    trunk_build(root)?;

    step("5. end-to-end tests in headless Chromium against dist/ under /fazhi-lens/");
    let mut files: Vec<String> = std::fs::read_dir(root.join("e2e"))
        .map_err(|e| format!("e2e/: {e}"))?
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err("no e2e/*.test.mjs files".into());
    }
    let mut args = vec!["--test", "--test-concurrency=1"];
    args.extend(files.iter().map(String::as_str));
    run(root, "node", &args)
}

/// The targets of `fuzz/Cargo.toml`.
const FUZZ_TARGETS: [&str; 3] = ["decode", "analyze", "analyze_structured"];

/// `cargo xtask fuzz TARGET SECONDS [LIBFUZZER_ARGS…]`: install the nightly toolchain and
/// cargo-fuzz when missing, seed `fuzz/corpus/TARGET/` from the repository's fixtures, run
/// libFuzzer for SECONDS (one worker; a 10 s timeout per input and a 2 GB RSS limit, both
/// findings; crashes and timeouts are recorded and the run goes on), then list the inputs
/// it saved under `fuzz/artifacts/TARGET/`. Extra arguments go to libFuzzer.
fn cmd_fuzz(root: &Path, args: &[String]) -> Result {
    let usage = format!(
        "usage: cargo xtask fuzz <{}> SECONDS [LIBFUZZER_ARGS…]",
        FUZZ_TARGETS.join("|")
    );
    let (Some(target), Some(seconds)) = (args.first(), args.get(1)) else {
        return Err(usage);
    };
    if !FUZZ_TARGETS.contains(&target.as_str()) {
        return Err(format!("unknown fuzz target `{target}`; {usage}"));
    }
    let seconds: u64 = seconds
        .parse()
        .map_err(|_| format!("SECONDS must be a whole number, not `{seconds}`; {usage}"))?;

    step("tools: nightly toolchain and cargo-fuzz");
    let toolchains = Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .map_err(|e| format!("rustup: {e} (install Rust with rustup: https://rustup.rs)"))?;
    if String::from_utf8_lossy(&toolchains.stdout)
        .lines()
        .any(|l| l.starts_with("nightly"))
    {
        eprintln!("ok   nightly toolchain");
    } else {
        run(
            root,
            "rustup",
            &["toolchain", "install", "nightly", "--profile", "minimal"],
        )?;
    }
    let cargo_fuzz = Command::new("cargo")
        .args(["fuzz", "--version"])
        .current_dir(root)
        .env("PATH", tool_path(root))
        .output()
        .ok()
        .filter(|o| o.status.success());
    match cargo_fuzz {
        Some(o) => eprintln!("ok   {}", String::from_utf8_lossy(&o.stdout).trim()),
        None => run(root, "cargo", &["install", "cargo-fuzz", "--locked"])?,
    }

    step(&format!("seed fuzz/corpus/{target}/ from the fixtures"));
    let corpus = root.join("fuzz").join("corpus").join(target);
    std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let mut seeds = vec![root.join("www/demo/demo-report.txt")];
    for dir in ["crates/fazhi_core/tests/fixtures", "e2e/fixtures"] {
        fuzz_seed_files(&root.join(dir), &mut seeds)?;
    }
    let heldout = root.join("crates/fazhi_eval/tests/heldout");
    if let Ok(entries) = std::fs::read_dir(&heldout) {
        seeds.extend(
            entries
                .filter_map(std::result::Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt")),
        );
    }
    seeds.sort();
    let mut copied = 0;
    for seed in &seeds {
        let bytes = std::fs::read(seed).map_err(|e| format!("{}: {e}", seed.display()))?;
        let rel = seed.strip_prefix(root).unwrap_or(seed).to_string_lossy();
        let name = format!("seed-{}", rel.replace(['/', '\\'], "_"));
        // The decode target reads its first byte as the file-name hint (fuzz/src/lib.rs HINTS).
        let bytes = if target == "decode" {
            let hint: u8 = match seed.extension().and_then(|x| x.to_str()) {
                Some("txt") => 1,
                Some("html") => 2,
                Some("htm") => 3,
                Some("docx") => 4,
                _ => 0,
            };
            [vec![hint], bytes].concat()
        } else {
            bytes
        };
        let dest = corpus.join(name);
        if std::fs::read(&dest).ok().as_deref() != Some(&bytes[..]) {
            std::fs::write(&dest, &bytes).map_err(|e| format!("{}: {e}", dest.display()))?;
            copied += 1;
        }
    }
    eprintln!("{} seeds, {copied} new or changed", seeds.len());

    step(&format!("cargo +nightly fuzz run {target} for {seconds} s"));
    let artifacts = root.join("fuzz").join("artifacts").join(target);
    let before = fuzz_artifacts(&artifacts);
    let corpus_arg = format!("fuzz/corpus/{target}");
    let max_total_time = format!("-max_total_time={seconds}");
    let mut fuzz_args: Vec<&str> = vec![
        "+nightly",
        "fuzz",
        "run",
        "--debug-assertions",
        target,
        &corpus_arg,
        "--",
        &max_total_time,
        "-timeout=10",
        "-rss_limit_mb=2048",
        "-max_len=1048576",
        // One worker process that restarts after a crash, timeout or OOM, so one known
        // defect does not end the run; each finding is still saved as an artifact.
        "-fork=1",
        "-ignore_crashes=1",
        "-ignore_timeouts=1",
        "-ignore_ooms=1",
        "-print_final_stats=1",
    ];
    fuzz_args.extend(args[2..].iter().map(String::as_str));
    let result = run(root, "cargo", &fuzz_args);

    let found: Vec<PathBuf> = fuzz_artifacts(&artifacts)
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    eprintln!(
        "\ncrashers, timeouts and OOMs go to {}/",
        artifacts.display()
    );
    if found.is_empty() {
        eprintln!("no new findings");
        return result;
    }
    for p in &found {
        eprintln!("  {}", p.display());
    }
    eprintln!(
        "reproduce: cargo +nightly fuzz run {target} <file>; minimise: cargo +nightly fuzz tmin {target} <file>"
    );
    result?;
    Err(format!("{} new finding(s) for {target}", found.len()))
}

/// Every file under `dir`, recursively, except the generator scripts and the saved
/// regression inputs (they are known findings: as seeds they would time out again).
fn fuzz_seed_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.filter_map(std::result::Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "regress") {
                fuzz_seed_files(&path, out)?;
            }
        } else if path.extension().is_none_or(|x| x != "py") {
            out.push(path);
        }
    }
    Ok(())
}

/// The files in a target's artifact directory (none if it does not exist yet).
fn fuzz_artifacts(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(std::result::Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// One line of the table `cargo xtask bench` prints at the end.
struct Row {
    group: &'static str,
    item: String,
    value: String,
}

fn row(group: &'static str, item: impl Into<String>, value: impl Into<String>) -> Row {
    Row {
        group,
        item: item.into(),
        value: value.into(),
    }
}

/// `cargo xtask bench`: (a) the core's criterion benchmarks, natively; (b) the release
/// build's worker in headless Chromium (e2e/bench.mjs); (c) the size of each dist/ file,
/// raw and gzip, and what the page loads against the worker; (d) the CLI over many files.
/// Figures only: nothing here fails on a slow result.
fn bench(root: &Path) -> Result {
    let mut rows = Vec::new();
    step("bench a: cargo bench -p fazhi_core (criterion, native)");
    rows.extend(criterion_bench(root)?);
    trunk_build(root)?;
    step("bench b: the worker in headless Chromium (e2e/bench.mjs)");
    rows.extend(browser_bench(root)?);
    step("bench c: sizes of dist/");
    rows.extend(size_report(root)?);
    step("bench d: the CLI over many files");
    rows.extend(cli_bench(root)?);
    print_table(&rows);
    Ok(())
}

/// Run a command, echoing its output as it comes, and return its stdout.
fn run_capture(root: &Path, program: &str, args: &[&str]) -> Result<String> {
    run_capture_env(root, program, args, &[])
}

/// [`run_capture`] with extra environment variables.
fn run_capture_env(
    root: &Path,
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<String> {
    eprintln!("$ {program} {}", args.join(" "));
    let mut child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(root)
        .env("PATH", tool_path(root))
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{program}`: {e} (is it installed?)"))?;
    let mut out = String::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|e| format!("{program}: {e}"))?;
            eprintln!("{line}");
            out.push_str(&line);
            out.push('\n');
        }
    }
    let status = child.wait().map_err(|e| format!("{program}: {e}"))?;
    if status.success() {
        Ok(out)
    } else {
        Err(format!(
            "`{program} {}` failed with {status}",
            args.join(" ")
        ))
    }
}

/// (a) Criterion's throughput lines: `group/name  time: [...]` then `thrpt: [lo mid hi]`;
/// the middle estimate is kept.
fn criterion_bench(root: &Path) -> Result<Vec<Row>> {
    let out = run_capture(
        root,
        "cargo",
        &[
            "bench",
            "--locked",
            "-p",
            "fazhi_core",
            "--bench",
            "analyze",
        ],
    )?;
    Ok(parse_criterion(&out)
        .into_iter()
        .map(|(name, thrpt)| row("core (native)", name, thrpt))
        .collect())
}

fn parse_criterion(out: &str) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let mut name = String::new();
    for line in out.lines() {
        if !line.starts_with(char::is_whitespace) {
            if let Some(first) = line.split_whitespace().next().filter(|w| w.contains('/')) {
                first.clone_into(&mut name);
            }
        }
        if let Some((_, rest)) = line.split_once("thrpt:") {
            let words: Vec<&str> = rest
                .trim()
                .trim_matches(|c| c == '[' || c == ']')
                .split_whitespace()
                .collect();
            if let [_, _, mid, unit, ..] = words[..] {
                rows.push((name.clone(), format!("{mid} {unit}")));
            }
        }
    }
    rows
}

/// The number after `"key":` in a flat JSON object.
fn json_number(json: &str, key: &str) -> Option<f64> {
    let at = json.find(&format!("\"{key}\":"))? + key.len() + 3;
    let rest = &json[at..];
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    rest[..end].trim().parse().ok()
}

/// (b) e2e/bench.mjs: the release build's worker reads 200 reports in headless Chromium,
/// then 1000 (for the speed once the browser has optimised the code: the second half).
fn browser_bench(root: &Path) -> Result<Vec<Row>> {
    let mut rows = browser_batch(root, 200)?;
    let json = bench_json(root, 1000)?;
    let n = |key: &str| json_number(&json, key).unwrap_or(f64::NAN);
    rows.push(row(
        "browser (wasm)",
        "1000 reports: decode + analyse + review, all / second half",
        format!("{:.1} / {:.1} MiB/s", n("run_mib_s"), n("late_mib_s")),
    ));
    rows.push(row(
        "browser (wasm)",
        "1000 reports: fazhi_core::analyze alone, all / second half",
        format!(
            "{:.1} / {:.1} MiB/s",
            n("analyse_mib_s"),
            n("late_analyse_mib_s")
        ),
    ));
    Ok(rows)
}

/// The `BENCH_JSON` line of one e2e/bench.mjs batch of `reports` reports.
fn bench_json(root: &Path, reports: usize) -> Result<String> {
    let count = reports.to_string();
    let out = run_capture_env(
        root,
        "node",
        &["e2e/bench.mjs"],
        &[("FAZHI_BENCH_REPORTS", count.as_str())],
    )?;
    out.lines()
        .find_map(|l| l.strip_prefix("BENCH_JSON "))
        .map(str::to_owned)
        .ok_or_else(|| "e2e/bench.mjs printed no BENCH_JSON line".to_owned())
}

/// The rows of one e2e/bench.mjs batch of `reports` reports.
fn browser_batch(root: &Path, reports: usize) -> Result<Vec<Row>> {
    let json = bench_json(root, reports)?;
    let n = |key: &str| json_number(&json, key).unwrap_or(f64::NAN);
    let reports = n("reports");
    Ok(vec![
        row(
            "browser (wasm)",
            format!("batch: {reports} reports"),
            format!("{:.2} MiB", n("bytes") / 1_048_576.0),
        ),
        row(
            "browser (wasm)",
            "worker start (fetch, compile, ready)",
            format!("{:.0} ms", n("startup_ms")),
        ),
        row(
            "browser (wasm)",
            "decode + analyse + review (job::run)",
            format!("{:.1} MiB/s", n("run_mib_s")),
        ),
        row(
            "browser (wasm)",
            "  of it, fazhi_core::analyze alone",
            format!("{:.1} MiB/s", n("analyse_mib_s")),
        ),
        row(
            "browser (wasm)",
            "  the same without the first report",
            format!("{:.1} MiB/s", n("steady_mib_s")),
        ),
        row(
            "browser (wasm)",
            "  first report (waits for the regexes)",
            format!("{:.0} ms", n("first_ms")),
        ),
        row(
            "browser (wasm)",
            format!("{reports} reports, page to page"),
            format!("{:.0} ms ({:.1} MiB/s)", n("wall_ms"), n("wall_mib_s")),
        ),
        row(
            "browser (wasm)",
            format!(
                "{reports} reports as the page runs a batch: {} worker(s), 2 in flight each",
                n("pool_workers")
            ),
            format!("{:.0} ms ({:.1} MiB/s)", n("pool_wall_ms"), n("pool_mib_s")),
        ),
        row(
            "browser (wasm)",
            "per report: median / max",
            format!("{:.1} / {:.0} ms", n("median_ms"), n("max_ms")),
        ),
        row(
            "browser (wasm)",
            "slow link (1.6 Mbit/s): page usable",
            format!("{:.1} s", n("slow_usable_ms") / 1000.0),
        ),
        row(
            "browser (wasm)",
            "slow link: demo click to report (worker)",
            format!("{:.1} s", n("slow_demo_ms") / 1000.0),
        ),
    ])
}

fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).map_err(|e| e.to_string())?;
    Ok(gz.finish().map_err(|e| e.to_string())?.len())
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// (c) Each file of dist/ (raw and gzip -9), and the totals that matter: what the page
/// fetches at load (the files index.html names: its wasm and JS), the worker, ECharts.
fn size_report(root: &Path) -> Result<Vec<Row>> {
    let dist = root.join("dist");
    let html = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("dist/index.html: {e}"))?;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut dirs = vec![dist.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(std::result::Result::ok)
        {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut rows = Vec::new();
    let (mut load, mut worker, mut echarts) = (0, 0, 0);
    for path in &files {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let gz = gzip_len(&bytes)?;
        let name = path
            .strip_prefix(&dist)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        let code = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("wasm") || x.eq_ignore_ascii_case("js"));
        if name.starts_with("fazhi-worker") {
            worker += gz;
        } else if name.starts_with("echarts") {
            echarts += gz;
        } else if code && html.contains(&format!("./{name}")) {
            load += gz;
        }
        rows.push(row(
            "dist (gzip -9)",
            name,
            format!("{} ({} raw)", kib(gz), kib(bytes.len())),
        ));
    }
    rows.push(row(
        "dist (gzip -9)",
        "= page at load: wasm + JS (budget 450 KiB)",
        kib(load),
    ));
    rows.push(row(
        "dist (gzip -9)",
        "= worker, on first use: wasm + JS",
        kib(worker),
    ));
    rows.push(row(
        "dist (gzip -9)",
        "= ECharts, when charts scroll into view",
        kib(echarts),
    ));
    Ok(rows)
}

/// (d) The CLI over a generated folder of 10,000 reports (`cli_bench.rs`).
fn cli_bench(root: &Path) -> Result<Vec<Row>> {
    Ok(cli_bench::cli_bench(root)?
        .into_iter()
        .map(|(item, value)| row("cli", item, value))
        .collect())
}

fn print_table(rows: &[Row]) {
    let w0 = rows.iter().map(|r| r.group.len()).max().unwrap_or(0);
    let w1 = rows
        .iter()
        .map(|r| r.item.chars().count())
        .max()
        .unwrap_or(0);
    let rule = "-".repeat(w0 + w1 + 30);
    println!("\n{rule}");
    let mut last = "";
    for r in rows {
        let group = if r.group == last { "" } else { r.group };
        last = r.group;
        println!("{group:<w0$}  {:<w1$}  {}", r.item, r.value);
    }
    println!("{rule}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criterion_lines() {
        let out = "analyze/demo            time:   [1.0 ms 1.1 ms 1.2 ms]\n                        thrpt:  [20.1 MiB/s 21.5 MiB/s 22.0 MiB/s]\nanalyze/long_distinct_140k\n                        time:   [5 ms 6 ms 7 ms]\n                        thrpt:  [18 MiB/s 19 MiB/s 20 MiB/s]\n";
        assert_eq!(
            parse_criterion(out),
            vec![
                ("analyze/demo".to_owned(), "21.5 MiB/s".to_owned()),
                (
                    "analyze/long_distinct_140k".to_owned(),
                    "19 MiB/s".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn numbers_from_json() {
        let j = r#"{"reports":200,"run_ms":12.5,"x":"y"}"#;
        assert_eq!(json_number(j, "reports"), Some(200.0));
        assert_eq!(json_number(j, "run_ms"), Some(12.5));
        assert_eq!(json_number(j, "missing"), None);
    }
}
