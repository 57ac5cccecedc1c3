//! Fuzz target `load`: whatever bytes a community file holds, reading it never panics.
//!
//! Community files are hand-edited (the README invites it), so the loader sees text nobody
//! planned for. When a file does load, the rest of what convene does with a loaded community
//! must hold up too: every charter format must render, and saving renders it into the same TOML
//! document, whose text must load again to the same community (a save must never write a file
//! convene then refuses or reads differently) and must not change when saved once more. The
//! checks live in `convene_fuzz::load` so `cargo test` can replay them on stable.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| convene_fuzz::load(data));
