//! Fuzz target `store_load`: loading a file from disk through the store never panics.
//!
//! `Store::load` is what the app and the command line call; on top of parsing it refuses files
//! that are not UTF-8 or are too large. The bytes are written to a scratch file and loaded, and
//! the result must agree with parsing the same bytes in memory: loaded exactly when they are
//! UTF-8 text that parses, and then to the same community. The checks live in
//! `convene_fuzz::store_load`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| convene_fuzz::store_load(data));
