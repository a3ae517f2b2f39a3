//! Arbitrary bytes: the first byte picks a file-name hint, the rest go through `decode`, and
//! whatever decodes is analysed and checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fazhi_fuzz::decode_and_check(data));
