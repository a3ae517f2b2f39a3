//! Shared checks for the fuzz targets: every span `analyze` returns is a sound byte range of
//! the analysed text, in document order, and the output is no larger than the text allows.
//!
//! The rules are `fazhi_core::check::soundness`, which the core's tests also use. A
//! violation panics with its message, so libFuzzer records the input as a crash.

use fazhi_core::decode::decode;
use fazhi_core::{analyze, Analysis};

/// File-name hints the `decode` target picks from with its first byte.
pub const HINTS: [Option<&str>; 9] = [
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

/// Panic unless `a` is a sound analysis of `text` ([`fazhi_core::check::soundness`]).
pub fn check(text: &str, a: &Analysis) {
    if let Err(e) = fazhi_core::check::soundness(text, a) {
        panic!("{e}");
    }
}

/// Analyse `text` and check the result.
pub fn analyze_and_check(text: &str) {
    let a = analyze(text);
    check(text, &a);
}

/// The `decode` target: the first byte picks the file-name hint, the rest is the file.
pub fn decode_and_check(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let hint = HINTS[usize::from(first) % HINTS.len()];
    if let Ok(doc) = decode(bytes, hint) {
        analyze_and_check(&doc.text);
    }
}
