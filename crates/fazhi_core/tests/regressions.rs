//! Inputs the fuzzer (`cargo xtask fuzz`, see README) found crashing, hanging or breaking an
//! invariant, kept in `tests/fixtures/regress/<target>-<what>.bin`.
//!
//! Every file goes through `decode` with each file-name hint the `decode` fuzz target uses
//! (the whole file, and without its first byte, which that target reads as the hint) and
//! through `analyze` as lossy UTF-8; each analysis must be sound (spans in bounds, on char
//! boundaries, in document order) and no larger than its text. Timeouts are checked the
//! same way, without a clock: the test returns, and the output sizes are sane. Files of the
//! `analyze_structured` target hold the text the target built, not its raw input.
//!
//! Files listed in [`KNOWN_FAILING`] still fail on the current code (a defect being fixed
//! elsewhere): they are run only by the ignored test, `cargo test -p fazhi_core --test
//! regressions -- --ignored` (set `REGRESS_ONLY=<file name>` for one). Remove a file from the
//! list once its fix lands.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use fazhi_core::decode::{decode, Limits};
use fazhi_core::{analyze, Analysis};

/// File names (in `tests/fixtures/regress/`) expected to fail or hang until their fix lands,
/// with why.
const KNOWN_FAILING: &[(&str, &str)] = &[];

/// The file-name hints of the `decode` fuzz target (fuzz/src/lib.rs).
const HINTS: [Option<&str>; 9] = [
    None,
    Some("report.txt"),
    Some("report.html"),
    Some("report.htm"),
    Some("report.docx"),
    Some("report.doc"),
    Some("report.pdf"),
    Some("report.wps"),
    Some("report.ofd"),
];

fn regress_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regress")
}

/// Every `.bin` file of the folder, sorted by name.
fn regress_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(regress_dir())
        .expect("tests/fixtures/regress/ is readable")
        .map(|e| {
            e.expect("a directory entry of tests/fixtures/regress/")
                .path()
        })
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "bin"))
        .collect();
    files.sort();
    files
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The invariants the fuzz targets check ([`fazhi_core::check::soundness`]), with `what`
/// naming the input.
fn check(what: &str, text: &str, a: &Analysis) {
    if let Err(e) = fazhi_core::check::soundness(text, a) {
        panic!("{what}: {e}");
    }
}

/// Everything the fuzz targets do with one file's bytes (each distinct text analysed once).
fn exercise(name: &str, bytes: &[u8]) {
    let max_text = Limits::default().max_decompressed;
    let mut seen = HashSet::new();
    let inputs = [
        ("whole file", bytes),
        ("after the hint byte", bytes.get(1..).unwrap_or(&[])),
    ];
    for (part, input) in inputs {
        for hint in HINTS {
            if let Ok(doc) = decode(input, hint) {
                let what = format!("{name} ({part}, decoded as {hint:?})");
                assert!(
                    doc.text.len() <= max_text,
                    "{what}: {} bytes of text from a {}-byte file",
                    doc.text.len(),
                    input.len()
                );
                if seen.insert(doc.text.clone()) {
                    check(&what, &doc.text, &analyze(&doc.text));
                }
            }
        }
    }
    let text = String::from_utf8_lossy(bytes);
    if seen.contains(text.as_ref()) {
        return;
    }
    check(&format!("{name} (as text)"), &text, &analyze(&text));
}

fn known(name: &str) -> bool {
    KNOWN_FAILING.iter().any(|&(k, _)| k == name)
}

#[test]
fn fuzz_findings_stay_fixed() {
    let files = regress_files();
    for &(k, why) in KNOWN_FAILING {
        assert!(
            files.iter().any(|f| name_of(f) == k),
            "KNOWN_FAILING lists {k} ({why}), which is not in tests/fixtures/regress/"
        );
    }
    for path in files.iter().filter(|p| !known(&name_of(p))) {
        let bytes = std::fs::read(path).expect("a regression fixture is readable");
        exercise(&name_of(path), &bytes);
    }
}

#[test]
#[ignore = "known defects, fixed elsewhere: see KNOWN_FAILING"]
fn known_failing_fuzz_findings() {
    let only = std::env::var("REGRESS_ONLY").ok();
    for path in regress_files() {
        let name = name_of(&path);
        if known(&name) && only.as_deref().is_none_or(|o| o == name) {
            eprintln!("{name}");
            let bytes = std::fs::read(&path).expect("a regression fixture is readable");
            exercise(&name, &bytes);
        }
    }
}
