//! The build script: hands the linker the list of functions a start of convene runs
//! (`assets/link/symbol-order.txt`, written by `.ci/symbol-order`), so that they are laid side
//! by side at the start of the program's code.
//!
//! Why: the kernel maps a program's code in 64 KB at a time around each page it runs, so a start
//! that runs a few functions in each part of a 4 MB binary keeps nearly all of it resident: 3.8
//! of its 4.2 MB of code, most of what convene's peak memory had over the floor's (see
//! "Performance" in the README). Side by side, the same functions take about half as much.
//!
//! Only where the linker is known to take the list: rustc's own lld, the default for
//! `x86_64-unknown-linux-gnu` since Rust 1.90, with no other linker configured. Elsewhere (and for debug builds)
//! nothing is added, and the program is the same but for where its functions lie. A name the
//! binary does not have is skipped, silently: a stale list costs memory, never a build.
//!
//! The names are those of `cargo build --release` (and `cargo run --release`) with this list
//! given: a build with the dev-dependencies (an example, the tests) makes the libraries convene
//! shares with them with other features, and the hashes in the names of its functions differ.

use std::env;
use std::path::Path;

fn main() {
    let order = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"))
        .join("assets/link/symbol-order.txt");
    println!("cargo::rerun-if-changed={}", order.display());
    println!("cargo::rerun-if-env-changed=RUSTC_LINKER");
    let target = env::var("TARGET").unwrap_or_default();
    let release = env::var("PROFILE").is_ok_and(|p| p == "release");
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let other_linker = env::var_os("RUSTC_LINKER").is_some()
        || ["linker", "fuse-ld", "link-self-contained"]
            .iter()
            .any(|f| flags.contains(f));
    if target == "x86_64-unknown-linux-gnu"
        && release
        && !other_linker
        && links_with_lld()
        && order.is_file()
    {
        println!(
            "cargo::rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
            order.display()
        );
        println!("cargo::rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
}

/// Whether the compiler is one whose default linker here is its own lld: 1.90 or later (1.89,
/// the oldest convene builds with, links with the system's, which knows no ordering file).
fn links_with_lld() -> bool {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let Ok(out) = std::process::Command::new(rustc).arg("--version").output() else {
        return false;
    };
    // "rustc 1.95.0 (59807616e 2026-04-14)"
    let version = String::from_utf8_lossy(&out.stdout);
    let minor = version
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.split('.').nth(1))
        .and_then(|m| m.parse::<u32>().ok());
    minor.is_some_and(|m| m >= 90)
}
