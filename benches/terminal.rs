//! convene's terminal figures, each against a floor measured in the same run.
//!
//! Run: `cargo bench --bench terminal`. It builds `convene` and the floor (`examples/floor.rs`)
//! in release mode, runs each on a real pseudo-terminal (120×40, TERM=xterm-256color) as a
//! facilitator's terminal would, and prints one table. Settings, from the environment:
//! `CONVENE_BENCH_RUNS` (runs of each figure, default 7), `CONVENE_BENCH_KEYS` (keys typed,
//! default 400), `CONVENE_BENCH_IDLE_SECS` (idle period, default 3).
//!
//! # Why ratios against a floor
//!
//! A terminal program's figures are mostly the machine's, the terminal's and the libraries': on a
//! shared virtual machine runs of this bench minutes apart differed by up to 55% in every timing,
//! and a machine can change speed within a run, while the ratios moved by a few percent. The floor
//! is the least a ratatui + crossterm program can do and still be an editor — raw mode, the
//! alternate screen, one word-wrapped text area redrawn after each key. Each round runs the floor
//! and convene back to back (floor, convene, floor, convene, …), so that noise hits both; convene's
//! figure over the floor's in the same round is what convene itself costs, and the median of those
//! ratios is comparable from one machine to the next. The budgets in the table are for those
//! ratios.
//!
//! # Method
//!
//! A port of `ptyprobe.py` (the shared tools' reference). Each program runs on its own pty;
//! this process polls the pty master and feeds everything into a `vt100` screen, and markers
//! are looked for on that screen, not in the bytes: ratatui never writes a cell that is blank
//! already, so the spaces of the floor's " floor " title never reach the pty.
//!
//! - **First frame**: from spawn until a marker is on the emulated screen. convene is started
//!   on a data folder of 1,000 communities (the examples, renamed) and the marker is the name
//!   that sorts first, so the listing has been drawn; the floor's is its border title. convene
//!   keeps a listing index in `CONVENE_CACHE_DIR`: it is measured warm (the index built by an
//!   untimed start) and cold (a fresh cache folder every round, as on a first start or the
//!   first after an upgrade), both budgeted; on a cold start the marker is the first file's row
//!   as its name suggests it, and "every row read" times until home's "Listing … for the first
//!   time" line is gone. An empty data folder is shown for reference.
//! - **Big file**: `convene open` of a 4 MB community of 100,000 table rows: its first frame,
//!   and its peak memory (`VmHWM`) once drawn, against the file's size.
//! - **CPU per key**: convene is opened on a community whose first answer is 50,000 bytes of
//!   prose; the floor is started with the same text. After the first frame and an idle spell,
//!   K ordinary keys are typed in chunks of 16, reading the output for 2 ms after each chunk;
//!   then (convene only) the bench waits for the autosave, which comes 2 s after the first
//!   change and is part of what typing costs; then for 0.5 s without output. The figure is the
//!   CPU time (user + system, all threads, `/proc/PID/stat`) used over that, divided by K.
//!   (ptyprobe's reading between chunks returns at once, by a quirk of its quiet test; here it
//!   reads for the 2 ms it asks for. Either way the figures come out the same.)
//! - **Peak memory**: `VmHWM` from `/proc/PID/status` at the end of the typing run.
//! - **Idle CPU**: CPU time per second over the idle spell: after the first frame (the 50 KB
//!   answer open), no input.
//!
//! Timings are reported, never asserted: this is a measurement, not a test. The bench exits
//! non-zero only when something could not be measured (a marker never appeared, a program
//! could not be started or built). Under `cargo test --benches` (no `--bench` argument) it does
//! nothing. It reads `/proc`, so it measures on Linux only.

#[cfg(target_os = "linux")]
mod common;
#[cfg(target_os = "linux")]
#[path = "terminal/fixtures.rs"]
mod fixtures;
#[cfg(target_os = "linux")]
#[path = "terminal/measure.rs"]
mod measure;
#[cfg(target_os = "linux")]
#[path = "terminal/probe.rs"]
mod probe;

use std::process::ExitCode;

fn main() -> ExitCode {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and a test run should not
    // spend two minutes starting programs.
    if !std::env::args().any(|arg| arg == "--bench") {
        println!("terminal bench: skipped (run it with `cargo bench --bench terminal`)");
        return ExitCode::SUCCESS;
    }
    #[cfg(target_os = "linux")]
    {
        match measure::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("terminal bench: could not measure: {e}");
                ExitCode::FAILURE
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        println!("terminal bench: skipped (it reads /proc, so it measures on Linux only)");
        ExitCode::SUCCESS
    }
}
