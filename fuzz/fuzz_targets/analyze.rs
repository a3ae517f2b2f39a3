//! Arbitrary bytes, read as UTF-8 (lossily), analysed and checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    fazhi_fuzz::analyze_and_check(&text);
});
