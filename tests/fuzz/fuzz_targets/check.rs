//! Fuzz target `check`: `convene check` never panics, whatever text it is given.
//!
//! `check` goes further into a file than loading does (it compares every answer with the guide),
//! so it walks more of a hostile file. Besides not panicking, each problem it reports must point
//! at a line and column that exist in the text, and a file that does not load must be reported
//! as an error, or `convene check` would exit 0 on it. The checks live in `convene_fuzz::check`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| convene_fuzz::check(data));
