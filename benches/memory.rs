//! The library's peak heap on big community files, each figure against a floor measured in the
//! same run.
//!
//! Run: `cargo bench --bench memory`. It builds three files in memory, runs the library's
//! operations on each and prints one table. Settings, from the environment:
//! `CONVENE_MEMORY_RUNS` (runs of each operation, default 3).
//!
//! # Why
//!
//! A community file grows for years: a people table of a big network, a learning log kept every
//! week, an answer pasted in from a long report. What such a file costs is mostly memory, not
//! time, and a structure that costs fifty times the file it was read from goes unnoticed on a
//! 10 KB example. The terminal bench's `VmHWM` sees only the whole process, on a 50 KB answer.
//! This bench sees each operation alone, on files of about 4 MB, so a change that makes one of
//! them hold the file a few more times shows up as a number next to its operation.
//!
//! # Why ratios against a floor
//!
//! Heap bytes hardly move between runs or machines, but they move with the standard library, the
//! dependencies and the fixtures. The floor is the least any program that reads the file can
//! hold: one copy of its text (`text.to_string()`, about 1× the file). Each figure is shown in
//! MiB, over the file's size and over the floor measured in the same run; the ratios are what the
//! README quotes.
//!
//! # Method
//!
//! A counting global allocator (below) forwards every call to the system allocator and keeps
//! the bytes currently allocated and the most ever allocated at once. Before an operation the
//! bench notes the current bytes and sets the peak to them; after it, the peak minus the bytes
//! before is the operation's peak heap. What the operation returns is still alive when the peak
//! is read, so it is part of the figure (a loaded community is what loading costs to keep).
//! Counted are the bytes asked for: the allocator's own bookkeeping and rounding are not, nor a
//! moving `realloc`'s moment of holding both blocks.
//!
//! - **floor**: `text.to_string()`.
//! - **load**: `CommunityFile::parse`, what opening a file runs.
//! - **check**: `community::check_text` with the built-in guide, what `convene check` runs.
//! - **list**: `Store::list` of a folder holding the file alone, with no listing index, so it
//!   is read from disk and parsed (what `convene list` and home do on a first start); the
//!   entry it returns is small.
//! - **save after an edit**: the file is parsed and its `primary_purpose` answer set to `"x"`
//!   (untimed, uncounted); the figure is `CommunityFile::render` alone, the text a save writes.
//! - **export**: `export::render` of the loaded community in each format, what `convene export`
//!   runs (with a fixed day, 2026-12-01, for what is overdue).
//!
//! Each operation runs `CONVENE_MEMORY_RUNS` times, each run on a fresh input; the table shows
//! the largest peak and the median wall time (for reference: this is no timing bench). The guide
//! is read before anything is counted. Figures are reported, never asserted; the bench exits
//! non-zero only when an operation fails (a fixture the library refuses). Under
//! `cargo test --benches` (no `--bench` argument) it does nothing.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::hint::black_box;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use convene::community::{self, Answer, CommunityFile};
use convene::export::{self, Format, Options};
use convene::guide::Guide;
use convene::store::Store;

/// The system allocator, counting the bytes it hands out.
struct Counting;

/// Bytes allocated now.
static CURRENT: AtomicUsize = AtomicUsize::new(0);
/// The most bytes allocated at once since the last [`reset_peak`].
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let now = CURRENT.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn shrank(bytes: usize) {
    CURRENT.fetch_sub(bytes, Ordering::Relaxed);
}

// SAFETY: every method passes its arguments unchanged to `System` and returns what `System`
// returns, so the caller's side of `GlobalAlloc`'s contract is handed on as it is and `System`
// keeps its side. The counting only touches two atomics: it never allocates (no recursion into
// the allocator) and cannot unwind.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is (see the impl).
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is (see the impl).
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is (see the impl); `ptr` came from `System` through this type.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is (see the impl); `ptr` came from `System` through this type.
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        if !moved.is_null() {
            // On failure the old block is still allocated and nothing changes.
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One operation's run: its peak heap above what was allocated before it, and its wall time.
#[derive(Clone, Copy)]
struct Run {
    peak: usize,
    time: Duration,
}

/// Runs `op` and measures it; what it returns is dropped after the peak is read.
fn measure<T>(op: impl FnOnce() -> T) -> Run {
    let before = CURRENT.load(Ordering::Relaxed);
    reset_peak();
    let start = Instant::now();
    let out = black_box(op());
    let time = start.elapsed();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    drop(out);
    Run { peak, time }
}

/// Starts a new peak from what is allocated now.
fn reset_peak() {
    PEAK.store(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
}

/// The header every fixture starts with.
const HEADER: &str = "schema_version = 1\n\
    name = \"Big one\"\n\
    created = 2026-11-01T10:00:00Z\n\
    updated = 2026-11-01T10:00:00Z\n";

/// 100,000 `[[answers.people]]` rows of one field each (about 4 MB).
fn table_rows() -> String {
    let mut text = String::from(HEADER);
    for n in 1..=100_000 {
        let _ = write!(text, "[[answers.people]]\nname = \"Person {n}\"\n");
    }
    text
}

/// 45,000 `[[answers.learning_log]]` rows of two fields each (about 3.9 MB).
fn log_rows() -> String {
    let mut text = String::from(HEADER);
    for n in 1..=45_000 {
        let day = n % 30 + 1;
        let _ = write!(
            text,
            "[[answers.learning_log]]\ndate = \"2026-11-{day:02}\"\n\
             learned = \"Something learned number {n}\"\n"
        );
    }
    text
}

/// `[answers] primary_purpose` of 52,000 lines of prose (about 3.8 MB), as a basic multi-line
/// string.
fn one_long_answer() -> String {
    let words: Vec<&str> = common::WORDS.split_whitespace().collect();
    let mut draw = common::Draw::new();
    let mut next = |n: usize| draw.below(n);
    let mut text = String::from(HEADER);
    text.push_str("\n[answers]\nprimary_purpose = \"\"\"\n");
    for _ in 0..52_000 {
        let width = 50 + next(36);
        let start = text.len();
        while text.len() - start < width {
            if text.len() > start {
                text.push(' ');
            }
            text.push_str(words[next(words.len())]);
        }
        text.push_str(".\n");
    }
    text.push_str("\"\"\"\n");
    text
}

/// The operations measured on every fixture, in the table's order.
const OPERATIONS: [&str; 8] = [
    "floor: copy the text",
    "load (CommunityFile::parse)",
    "check (check_text)",
    "list (Store::list, no index)",
    "save after an edit (render)",
    "export Markdown",
    "export HTML",
    "export JSON",
];

/// Runs every operation on `text` once; what each cost, in [`OPERATIONS`]' order.
fn run_all(text: &str, guide: &Guide, options: Options) -> Result<Vec<Run>, String> {
    let mut runs = Vec::with_capacity(OPERATIONS.len());
    runs.push(measure(|| text.to_string()));

    let mut failed = None;
    runs.push(measure(|| {
        CommunityFile::parse(text)
            .map_err(|e| failed = Some(format!("load: {e}")))
            .ok()
    }));
    if let Some(e) = failed {
        return Err(e);
    }
    runs.push(measure(|| community::check_text(text, guide)));

    // The file alone in a folder, listed with no index: read from disk and parsed whole.
    let folder = tempfile::tempdir().map_err(|e| format!("list: a folder: {e}"))?;
    std::fs::write(folder.path().join("big-one.toml"), text)
        .map_err(|e| format!("list: write: {e}"))?;
    let store = Store::open(folder.path()).map_err(|e| format!("list: {e}"))?;
    let mut failed = None;
    runs.push(measure(|| {
        store
            .list(guide)
            .map_err(|e| failed = Some(format!("list: {e}")))
            .ok()
    }));
    if let Some(e) = failed {
        return Err(e);
    }

    let mut file = CommunityFile::parse(text).map_err(|e| format!("load: {e}"))?;
    file.community
        .set_answer("primary_purpose", Answer::Text("x".into()));
    let mut failed = None;
    runs.push(measure(|| {
        file.render(guide)
            .map_err(|e| failed = Some(format!("save: {e}")))
            .ok()
    }));
    drop(file);
    if let Some(e) = failed {
        return Err(e);
    }

    let loaded = CommunityFile::parse(text).map_err(|e| format!("load: {e}"))?;
    for format in Format::ALL {
        runs.push(measure(|| {
            export::render(&loaded.community, guide, format, options)
        }));
    }
    Ok(runs)
}

const MIB: f64 = 1024.0 * 1024.0;

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / MIB)
}

fn millis(time: Duration) -> String {
    let ms = time.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

/// One fixture's figures: per operation, the largest peak and the median time over the runs.
struct Figures {
    fixture: &'static str,
    bytes: usize,
    problems: usize,
    peaks: Vec<usize>,
    times: Vec<Duration>,
}

fn measure_fixture(
    fixture: &'static str,
    text: &str,
    runs: usize,
    guide: &Guide,
    options: Options,
) -> Result<Figures, String> {
    let mut all = Vec::with_capacity(runs);
    for run in 1..=runs {
        eprintln!("memory bench: {fixture}, run {run}/{runs}");
        all.push(run_all(text, guide, options).map_err(|e| format!("{fixture}: {e}"))?);
    }
    let mut peaks = Vec::new();
    let mut times = Vec::new();
    for op in 0..OPERATIONS.len() {
        peaks.push(all.iter().map(|r| r[op].peak).max().unwrap_or(0));
        let mut op_times: Vec<Duration> = all.iter().map(|r| r[op].time).collect();
        op_times.sort();
        times.push(op_times[op_times.len() / 2]);
    }
    Ok(Figures {
        fixture,
        bytes: text.len(),
        problems: community::check_text(text, guide).len(),
        peaks,
        times,
    })
}

fn table(figures: &[Figures]) -> String {
    let widths = [26, 29, 10, 8, 8];
    let mut out = String::new();
    let line = |out: &mut String, cells: [&str; 6]| crate::common::table_line(out, widths, cells);
    line(
        &mut out,
        [
            "fixture",
            "operation",
            "peak heap",
            "x file",
            "x floor",
            "time",
        ],
    );
    for f in figures {
        let floor = f.peaks[0].max(1);
        for (op, name) in OPERATIONS.iter().enumerate() {
            let fixture = if op == 0 {
                format!("{} ({})", f.fixture, mib(f.bytes))
            } else {
                String::new()
            };
            let peak = f.peaks[op];
            line(
                &mut out,
                [
                    &fixture,
                    name,
                    &mib(peak),
                    &format!("{:.2}x", peak as f64 / f.bytes as f64),
                    &format!("{:.2}x", peak as f64 / floor as f64),
                    &millis(f.times[op]),
                ],
            );
        }
    }
    out
}

fn runs_from_env() -> Result<usize, String> {
    match std::env::var("CONVENE_MEMORY_RUNS") {
        Err(_) => Ok(3),
        Ok(value) => match value.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!(
                "CONVENE_MEMORY_RUNS must be a whole number above 0, not {value:?}"
            )),
        },
    }
}

fn run() -> Result<(), String> {
    let runs = runs_from_env()?;
    // The built-in guide is read once, on first use: before anything is counted.
    let guide = Guide::builtin();
    let options = Options {
        include_empty: false,
        today: NaiveDate::from_ymd_opt(2026, 12, 1),
        generated_at: None,
        // Everything the file holds: the most a charter can carry.
        audience: convene::export::Audience::Facilitator,
    };
    let mut figures = Vec::new();
    for name in ["table rows", "log rows", "one long answer"] {
        // One fixture at a time: the others' text is not in memory while this one is measured.
        let text = match name {
            "table rows" => table_rows(),
            "log rows" => log_rows(),
            _ => one_long_answer(),
        };
        figures.push(measure_fixture(name, &text, runs, guide, options)?);
    }

    println!();
    println!(
        "Peak heap of the library's operations on big community files, {runs} run(s) of \
         each (largest peak shown), against the floor measured in the same run"
    );
    println!();
    print!("{}", table(&figures));
    println!();
    println!(
        "- peak heap: the most bytes allocated at once during the operation, above what was \
         allocated before it (a counting global allocator; bytes asked for, not the \
         allocator's overhead). What the operation returns is included."
    );
    println!(
        "- x file: over the file's size; x floor: over the floor's peak, one copy of the text \
         (text.to_string())."
    );
    println!(
        "- save after an edit: the file parsed and primary_purpose set to \"x\" first; the \
         figure is CommunityFile::render alone."
    );
    println!(
        "- export: export::render of the loaded community (as `convene export`), today = \
         2026-12-01."
    );
    println!("- time: median wall time over the runs, for reference only.");
    println!("Nothing here fails on a figure.");
    println!();
    println!("Seen along the way:");
    for f in &figures {
        println!(
            "- {}: {} bytes; check_text found {} problem(s).",
            f.fixture, f.bytes, f.problems
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and a test run should not
    // spend its time parsing 12 MB of fixtures.
    if !std::env::args().any(|arg| arg == "--bench") {
        println!("memory bench: skipped (run it with `cargo bench --bench memory`)");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("memory bench: could not measure: {e}");
            ExitCode::FAILURE
        }
    }
}
