//! The plan: build, make the fixtures, run convene and the floor in turn, print the table.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use portable_pty::CommandBuilder;

use crate::fixtures::{self, Scratch};
use crate::probe::{self, Drained, Probe};

/// How many communities home lists in the first-frame runs.
const COMMUNITIES: usize = 1_000;
/// The size of the answer typed into, in bytes.
const ANSWER_BYTES: usize = 50_000;

/// The floor's border title; what convene's walk shows once the answer is open; what an empty
/// data folder shows; the status line after a save.
const FLOOR_MARKER: &str = " floor ";
const WALK_MARKER: &str = "Section 1/";
const WELCOME_MARKER: &str = "Welcome to convene";
const SAVED_MARKER: &str = "Saved at";
/// What the constellation overview draws once its communities are read whole.
const OVERVIEW_MARKER: &str = "Bridges: people in more than one community";
/// The overview's first row, drawn from the listing index before any community is read.
const OVERVIEW_FIRST: &str = "Topic 00";
/// The communities of the constellation whose overview is opened.
const CONSTELLATION: usize = 50;
/// What home says while a first start's listing is still being made: once it is gone, every
/// row is read.
const LISTING_MARKER: &str = "for the first time";
/// The rows of the big community opened (about 4 MB).
const BIG_ROWS: usize = 100_000;

/// How long a program may take to show its first frame (or the save) before the bench gives up.
const MARKER_LIMIT: Duration = Duration::from_secs(15);
/// After the first frame, output must be quiet this long before anything else happens.
const SETTLE_QUIET: Duration = Duration::from_millis(150);
/// Typing is sent in chunks of this many keys, reading the output for a moment after each.
const CHUNK: usize = 16;
const CHUNK_READ: Duration = Duration::from_millis(2);
/// After typing (and convene's save), output must be quiet this long before CPU is read.
const TYPED_QUIET: Duration = Duration::from_millis(500);
const TYPED_LIMIT: Duration = Duration::from_secs(30);
/// Both programs quit on Ctrl-Q; each gets this long to exit before it is killed.
const CTRL_Q: &[u8] = b"\x11";
const QUIT_LIMIT: Duration = Duration::from_secs(5);

/// Environment variables that would change what convene or the floor does, never inherited.
const SCRUBBED_ENV: &[&str] = &[
    "NO_COLOR",
    "VISUAL",
    "EDITOR",
    "COLUMNS",
    "LINES",
    "CONVENE_DIR",
    "CONVENE_TEST_PANIC",
];

/// What the run is asked to do, from the environment.
struct Settings {
    runs: usize,
    keys: usize,
    idle: Duration,
}

impl Settings {
    fn from_env() -> Result<Settings, String> {
        fn var<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
            match std::env::var(name) {
                Ok(value) => value
                    .trim()
                    .parse()
                    .map_err(|_| format!("{name}={value:?} is not a valid number")),
                Err(_) => Ok(default),
            }
        }
        let settings = Settings {
            runs: var("CONVENE_BENCH_RUNS", 7)?,
            keys: var("CONVENE_BENCH_KEYS", 400)?,
            idle: Duration::try_from_secs_f64(var("CONVENE_BENCH_IDLE_SECS", 3.0)?)
                .map_err(|e| format!("CONVENE_BENCH_IDLE_SECS: {e}"))?,
        };
        if settings.runs == 0 || settings.keys == 0 || settings.idle.is_zero() {
            return Err(
                "CONVENE_BENCH_RUNS, CONVENE_BENCH_KEYS and CONVENE_BENCH_IDLE_SECS must be above 0"
                    .into(),
            );
        }
        Ok(settings)
    }
}

/// The two programs and the environment they run in.
struct Programs {
    convene: PathBuf,
    floor: PathBuf,
    /// The working folder of both, and convene's recovery folder (nothing should land there).
    work: PathBuf,
    recovery: PathBuf,
}

impl Programs {
    /// `convene --dir DATA [open FILE]`, its listing index in `cache`.
    fn convene(&self, data: &Path, cache: &Path, open: Option<&Path>) -> CommandBuilder {
        let mut cmd = self.command(&self.convene);
        cmd.arg("--dir");
        cmd.arg(data);
        if let Some(file) = open {
            cmd.arg("open");
            cmd.arg(file);
        }
        cmd.env("CONVENE_RECOVERY_DIR", &self.recovery);
        cmd.env("CONVENE_CACHE_DIR", cache);
        cmd
    }

    /// `floor [FILE]`.
    fn floor(&self, file: Option<&Path>) -> CommandBuilder {
        let mut cmd = self.command(&self.floor);
        if let Some(file) = file {
            cmd.arg(file);
        }
        cmd
    }

    fn command(&self, exe: &Path) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(exe);
        cmd.cwd(&self.work);
        cmd.env("TERM", "xterm-256color");
        for var in SCRUBBED_ENV {
            cmd.env_remove(var);
        }
        cmd
    }
}

/// Builds both programs in release mode; returns their paths. Separately: an example is built
/// with the dev-dependencies, whose features change how the libraries convene shares with them
/// are built, and so the names of its functions; convene is measured as `cargo run --release`
/// builds it, whose names are those of the functions its start runs that the linker is given
/// in order (see `src/build.rs`).
fn build() -> Result<(PathBuf, PathBuf), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    for target in [["--bin", "convene"], ["--example", "floor"]] {
        eprintln!("terminal bench: cargo build --release {}", target.join(" "));
        let status = Command::new(&cargo)
            .args(["build", "--release"])
            .args(target)
            .current_dir(root)
            .status()
            .map_err(|e| format!("run {}: {e}", cargo.to_string_lossy()))?;
        if !status.success() {
            return Err(format!("cargo build --release failed ({status})"));
        }
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root.join("target"), |dir| root.join(dir));
    let release = target.join("release");
    let exe = |path: PathBuf| {
        if path.is_file() {
            Ok(path)
        } else {
            Err(format!("{} was not built", path.display()))
        }
    };
    Ok((
        exe(release.join("convene"))?,
        exe(release.join("examples").join("floor"))?,
    ))
}

/// Starts a program, times its first frame, lets it settle and quits it.
fn first_frame(cmd: CommandBuilder, marker: &str, notes: &mut Notes) -> Result<f64, String> {
    let name = program_name(&cmd);
    let mut probe = Probe::spawn(cmd)?;
    let time = probe
        .first_frame(marker, MARKER_LIMIT)
        .map_err(|e| format!("{name}'s first frame: {e}"))?;
    settle(&mut probe, SETTLE_QUIET, MARKER_LIMIT, &name)?;
    if !probe.quit(CTRL_Q, QUIT_LIMIT) {
        notes.add(format!(
            "{name} did not exit cleanly within {QUIT_LIMIT:?} of Ctrl-Q"
        ));
    }
    Ok(time.as_secs_f64() * 1000.0)
}

/// Starts convene on a folder with no listing index: the time to its first frame (`marker` on
/// screen) and until every row is read (`LISTING_MARKER` gone); then quits it.
fn cold_start(cmd: CommandBuilder, marker: &str, notes: &mut Notes) -> Result<(f64, f64), String> {
    let name = program_name(&cmd);
    let mut probe = Probe::spawn(cmd)?;
    let frame = probe
        .first_frame(marker, MARKER_LIMIT)
        .map_err(|e| format!("{name}'s first frame on a cold start: {e}"))?;
    // The listing line is drawn in the same frame as the rows, though it may reach the screen
    // in a later read of that frame: it is waited for, then for it to go.
    probe
        .wait_for(LISTING_MARKER, MARKER_LIMIT)
        .map_err(|e| format!("{name}'s listing line on a cold start: {e}"))?;
    let listed = probe
        .gone(LISTING_MARKER, MARKER_LIMIT)
        .map_err(|e| format!("{name}'s listing on a cold start: {e}"))?;
    settle(&mut probe, SETTLE_QUIET, MARKER_LIMIT, &name)?;
    if !probe.quit(CTRL_Q, QUIT_LIMIT) {
        notes.add(format!(
            "{name} did not exit cleanly within {QUIT_LIMIT:?} of Ctrl-Q"
        ));
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    Ok((ms(frame), ms(listed)))
}

/// Opens a big community: the time to its first frame and the peak memory (KiB) once it is
/// drawn and quiet.
fn big_file(cmd: CommandBuilder, notes: &mut Notes) -> Result<(f64, f64), String> {
    let name = program_name(&cmd);
    let mut probe = Probe::spawn(cmd)?;
    let frame = probe
        .first_frame(WALK_MARKER, MARKER_LIMIT)
        .map_err(|e| format!("{name}'s first frame on the big file: {e}"))?;
    settle(&mut probe, SETTLE_QUIET, MARKER_LIMIT, &name)?;
    let peak = probe.peak_kib()? as f64;
    if !probe.quit(CTRL_Q, QUIT_LIMIT) {
        notes.add(format!(
            "{name} did not exit cleanly within {QUIT_LIMIT:?} of Ctrl-Q"
        ));
    }
    Ok((frame.as_secs_f64() * 1000.0, peak))
}

/// Waits until `probe`'s output has been quiet for `quiet`; an error if it never is, or if the
/// program exits meanwhile (what comes next would measure nothing).
fn settle(probe: &mut Probe, quiet: Duration, limit: Duration, name: &str) -> Result<(), String> {
    match probe.settle(quiet, limit) {
        Drained::Quiet => Ok(()),
        Drained::Closed => Err(format!(
            "{name} exited by itself; the screen showed:\n{}",
            probe.screen().trim_end()
        )),
        _ => Err(format!(
            "{name}'s output was never quiet for {quiet:?} within {limit:?}"
        )),
    }
}

/// What one typing run measured.
struct Typing {
    idle_ms_per_s: f64,
    cpu_ms_per_key: f64,
    peak_kib: f64,
}

/// Starts a program on the 50 KB answer, measures it idle, then types into it.
///
/// With `saved`, waits for that marker after typing: convene autosaves two seconds after the
/// first change, and the save is part of what typing costs.
fn typing(
    cmd: CommandBuilder,
    marker: &str,
    saved: Option<&str>,
    settings: &Settings,
    notes: &mut Notes,
) -> Result<Typing, String> {
    let name = program_name(&cmd);
    let mut probe = Probe::spawn(cmd)?;
    probe
        .first_frame(marker, MARKER_LIMIT)
        .map_err(|e| format!("{name}'s first frame on the 50 KB answer: {e}"))?;
    settle(&mut probe, SETTLE_QUIET, MARKER_LIMIT, &name)?;

    // Idle: no input at all, and no reading either (an idle program writes nothing).
    let before = probe.cpu_ms()?;
    std::thread::sleep(settings.idle);
    probe.settle(Duration::from_millis(50), Duration::from_secs(1));
    let idle_ms_per_s = (probe.cpu_ms()? - before) / settings.idle.as_secs_f64();

    if let Some(saved) = saved
        && probe.screen().contains(saved)
    {
        return Err(format!(
            "{name}: {saved:?} is on screen before anything was typed, so the save cannot be \
             waited for"
        ));
    }
    let text = typed_text(settings.keys);
    let before = probe.cpu_ms()?;
    for chunk in text.as_bytes().chunks(CHUNK) {
        probe.send(chunk)?;
        probe.read_for(CHUNK_READ);
    }
    if let Some(saved) = saved {
        probe
            .wait_for(saved, MARKER_LIMIT)
            .map_err(|e| format!("{name}'s autosave after typing: {e}"))?;
    }
    settle(&mut probe, TYPED_QUIET, TYPED_LIMIT, &name)?;
    let cpu_ms_per_key = (probe.cpu_ms()? - before) / settings.keys as f64;
    let peak_kib = probe.peak_kib()? as f64;
    if !probe.quit(CTRL_Q, QUIT_LIMIT) {
        notes.add(format!(
            "{name} did not exit cleanly within {QUIT_LIMIT:?} of Ctrl-Q"
        ));
    }
    Ok(Typing {
        idle_ms_per_s,
        cpu_ms_per_key,
        peak_kib,
    })
}

/// The `keys` ordinary keys typed: ptyprobe's pangram, repeated.
fn typed_text(keys: usize) -> String {
    "the quick brown fox jumps over the lazy dog "
        .chars()
        .cycle()
        .take(keys)
        .collect()
}

fn program_name(cmd: &CommandBuilder) -> String {
    cmd.get_argv()
        .first()
        .and_then(|exe| Path::new(exe).file_name())
        .map_or_else(
            || "the program".into(),
            |n| n.to_string_lossy().into_owned(),
        )
}

/// Anything odd seen along the way, each said once.
#[derive(Default)]
struct Notes(Vec<String>);

impl Notes {
    fn add(&mut self, note: String) {
        if !self.0.contains(&note) {
            self.0.push(note);
        }
    }
}

/// One figure's values, one per round, in the order of the rounds.
#[derive(Default)]
struct Samples(Vec<f64>);

impl Samples {
    /// Each round's `self` over the same round's `floor`: the two ran back to back, so a machine
    /// that changes speed between rounds (a shared one does) cancels out. None if the floor's
    /// figure is zero in every round.
    fn ratios_to(&self, floor: &Samples) -> Option<Samples> {
        let ratios: Vec<f64> = self
            .0
            .iter()
            .zip(&floor.0)
            .filter(|&(_, &floor)| floor > 0.0)
            .map(|(value, floor)| value / floor)
            .collect();
        (!ratios.is_empty()).then_some(Samples(ratios))
    }

    fn median(&self) -> f64 {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        let mid = v.len() / 2;
        if v.len() % 2 == 1 {
            v[mid]
        } else {
            (v[mid - 1] + v[mid]) / 2.0
        }
    }

    fn min(&self) -> f64 {
        self.0.iter().copied().fold(f64::INFINITY, f64::min)
    }

    fn max(&self) -> f64 {
        self.0.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    }
}

/// How a figure is shown.
#[derive(Clone, Copy)]
enum Unit {
    Ms,
    MsPrecise,
    MiB,
    MsPerS,
}

impl Unit {
    fn number(self, value: f64) -> String {
        match self {
            Unit::Ms | Unit::MsPerS => format!("{value:.1}"),
            Unit::MsPrecise => format!("{value:.3}"),
            Unit::MiB => format!("{:.1}", value / 1024.0),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Unit::Ms | Unit::MsPrecise => "ms",
            Unit::MiB => "MiB",
            Unit::MsPerS => "ms/s",
        }
    }

    /// "median unit (min-max)".
    fn cell(self, samples: &Samples) -> String {
        format!(
            "{} {} ({}-{})",
            self.number(samples.median()),
            self.name(),
            self.number(samples.min()),
            self.number(samples.max())
        )
    }
}

/// What convene is allowed against the floor.
#[derive(Clone, Copy)]
enum Budget {
    /// At most this ratio of medians.
    Ratio(f64),
    /// None at all (idle CPU).
    Zero,
    /// Shown for reference, no budget.
    Reference,
}

struct Row<'a> {
    figure: &'a str,
    unit: Unit,
    floor: &'a Samples,
    convene: &'a Samples,
    budget: Budget,
}

fn table(rows: &[Row]) -> String {
    let widths = [38, 24, 24, 7, 10];
    let mut out = String::new();
    let line = |out: &mut String, cells: [&str; 6]| crate::common::table_line(out, widths, cells);
    line(
        &mut out,
        ["figure", "floor", "convene", "ratio", "budget", ""],
    );
    for row in rows {
        let ratio = row.convene.ratios_to(row.floor).map(|r| r.median());
        let (budget, verdict) = match (row.budget, ratio) {
            (Budget::Ratio(max), Some(ratio)) => (
                format!("<= {max}x"),
                if ratio <= max { "within" } else { "OVER" },
            ),
            (Budget::Ratio(max), None) => (format!("<= {max}x"), "-"),
            (Budget::Zero, _) => (
                "0".to_string(),
                if row.convene.median() > 0.0 {
                    "OVER"
                } else {
                    "within"
                },
            ),
            (Budget::Reference, _) => ("reference".to_string(), ""),
        };
        let ratio = ratio.map_or_else(|| "-".to_string(), |r| format!("{r:.2}x"));
        line(
            &mut out,
            [
                row.figure,
                &row.unit.cell(row.floor),
                &row.unit.cell(row.convene),
                &ratio,
                &budget,
                verdict,
            ],
        );
    }
    out
}

/// Builds, measures, prints. An error means a figure could not be measured.
pub fn run() -> Result<(), String> {
    let settings = Settings::from_env()?;
    let (convene, floor) = build()?;

    // The fixtures.
    let scratch = Scratch::new()?;
    let many = scratch.folder("data-1000")?;
    let first_name = fixtures::communities(&many, COMMUNITIES)?;
    let empty = scratch.folder("data-empty")?;
    let answer_data = scratch.folder("data-answer")?;
    let answer = fixtures::prose(ANSWER_BYTES);
    let community = fixtures::community_with_answer(&answer)?;
    let community_file = answer_data.join("long-answer.toml");
    let answer_file = scratch.path().join("answer.txt");
    fixtures::write(&answer_file, &answer)?;
    let programs = Programs {
        convene,
        floor,
        work: scratch.folder("work")?,
        recovery: scratch.folder("recovery")?,
    };
    let warm_cache = scratch.folder("cache-warm")?;
    let empty_cache = scratch.folder("cache-empty")?;
    let answer_cache = scratch.folder("cache-answer")?;
    let orbit = scratch.folder("data-constellation")?;
    let constellation_file = fixtures::constellation(&orbit, CONSTELLATION)?;
    let orbit_cache = scratch.folder("cache-constellation")?;
    let big_data = scratch.folder("data-big")?;
    let big = big_data.join("big-one.toml");
    let big_bytes = fixtures::big_table(&big, BIG_ROWS)?;
    let big_cache = scratch.folder("cache-big")?;
    let mut notes = Notes::default();

    // Untimed starts: the listing index is built, and both programs' files are in the page cache.
    eprintln!("terminal bench: warming up (untimed starts; the listing index is built)");
    first_frame(
        programs.convene(&many, &warm_cache, None),
        &first_name,
        &mut notes,
    )?;
    if std::fs::read_dir(&warm_cache).is_ok_and(|mut d| d.next().is_none()) {
        notes.add("convene left no listing index in CONVENE_CACHE_DIR after a start".into());
    }
    first_frame(programs.floor(None), FLOOR_MARKER, &mut notes)?;
    first_frame(
        programs.convene(&orbit, &orbit_cache, Some(&constellation_file)),
        OVERVIEW_MARKER,
        &mut notes,
    )?;

    let mut floor_frame = Samples::default();
    let mut warm_frame = Samples::default();
    let mut cold_frame = Samples::default();
    let mut cold_listed = Samples::default();
    let (mut big_frame, mut big_peak) = (Samples::default(), Samples::default());
    // The big file's floor is its size: the budget is a multiple of it.
    let mut big_size = Samples::default();
    let mut empty_frame = Samples::default();
    let mut overview_frame = Samples::default();
    let mut overview_full = Samples::default();
    let (mut floor_key, mut convene_key) = (Samples::default(), Samples::default());
    let (mut floor_peak, mut convene_peak) = (Samples::default(), Samples::default());
    let (mut floor_idle, mut convene_idle) = (Samples::default(), Samples::default());
    let typed = typed_text(settings.keys);
    for round in 1..=settings.runs {
        eprintln!("terminal bench: round {round}/{}", settings.runs);
        // Floor and convene in turn, so that whatever else the machine does hits both.
        floor_frame
            .0
            .push(first_frame(programs.floor(None), FLOOR_MARKER, &mut notes)?);
        warm_frame.0.push(first_frame(
            programs.convene(&many, &warm_cache, None),
            &first_name,
            &mut notes,
        )?);
        let cold_cache = scratch.folder(&format!("cache-cold-{round}"))?;
        let (frame, listed) = cold_start(
            programs.convene(&many, &cold_cache, None),
            &first_name,
            &mut notes,
        )?;
        cold_frame.0.push(frame);
        cold_listed.0.push(listed);
        empty_frame.0.push(first_frame(
            programs.convene(&empty, &empty_cache, None),
            WELCOME_MARKER,
            &mut notes,
        )?);
        overview_frame.0.push(first_frame(
            programs.convene(&orbit, &orbit_cache, Some(&constellation_file)),
            OVERVIEW_FIRST,
            &mut notes,
        )?);
        overview_full.0.push(first_frame(
            programs.convene(&orbit, &orbit_cache, Some(&constellation_file)),
            OVERVIEW_MARKER,
            &mut notes,
        )?);

        let (frame, peak) = big_file(
            programs.convene(&big_data, &big_cache, Some(&big)),
            &mut notes,
        )?;
        big_frame.0.push(frame);
        big_peak.0.push(peak);
        big_size.0.push(big_bytes as f64 / 1024.0);

        let floor_run = typing(
            programs.floor(Some(&answer_file)),
            FLOOR_MARKER,
            None,
            &settings,
            &mut notes,
        )?;
        // Each run starts from the same file: the previous run saved what it typed.
        fixtures::write(&community_file, &community)?;
        let convene_run = typing(
            programs.convene(&answer_data, &answer_cache, Some(&community_file)),
            WALK_MARKER,
            Some(SAVED_MARKER),
            &settings,
            &mut notes,
        )?;
        let saved = std::fs::read_to_string(&community_file).unwrap_or_default();
        if !saved.contains(typed.trim()) {
            notes.add("convene's saved file does not contain the typed text in one piece".into());
        }
        for (samples, value) in [
            (&mut floor_key, floor_run.cpu_ms_per_key),
            (&mut convene_key, convene_run.cpu_ms_per_key),
            (&mut floor_peak, floor_run.peak_kib),
            (&mut convene_peak, convene_run.peak_kib),
            (&mut floor_idle, floor_run.idle_ms_per_s),
            (&mut convene_idle, convene_run.idle_ms_per_s),
        ] {
            samples.0.push(value);
        }
    }

    if std::fs::read_dir(&programs.recovery).is_ok_and(|mut d| d.next().is_some()) {
        notes.add("convene wrote into its recovery folder: a save failed somewhere".into());
    }

    let rows = [
        Row {
            figure: "first frame (1,000 comms, warm index)",
            unit: Unit::Ms,
            floor: &floor_frame,
            convene: &warm_frame,
            budget: Budget::Ratio(1.2),
        },
        Row {
            figure: "first frame (1,000 comms, cold index)",
            unit: Unit::Ms,
            floor: &floor_frame,
            convene: &cold_frame,
            budget: Budget::Ratio(1.2),
        },
        Row {
            figure: "cold index: every row read",
            unit: Unit::Ms,
            floor: &floor_frame,
            convene: &cold_listed,
            budget: Budget::Reference,
        },
        Row {
            figure: "first frame (empty data folder)",
            unit: Unit::Ms,
            floor: &floor_frame,
            convene: &empty_frame,
            budget: Budget::Reference,
        },
        Row {
            figure: "overview, 50 communities: first frame",
            unit: Unit::Ms,
            floor: &floor_frame,
            convene: &overview_frame,
            budget: Budget::Ratio(1.5),
        },
        Row {
            figure: "overview, 50 communities: all read",
            unit: Unit::Ms,
            floor: &floor_frame,
            convene: &overview_full,
            budget: Budget::Reference,
        },
        Row {
            figure: "CPU per key (50 KB answer)",
            unit: Unit::MsPrecise,
            floor: &floor_key,
            convene: &convene_key,
            budget: Budget::Ratio(1.5),
        },
        Row {
            figure: "peak memory (50 KB answer)",
            unit: Unit::MiB,
            floor: &floor_peak,
            convene: &convene_peak,
            budget: Budget::Ratio(1.5),
        },
        Row {
            figure: "open a 4 MB file: first frame",
            unit: Unit::Ms,
            floor: &floor_frame,
            convene: &big_frame,
            budget: Budget::Reference,
        },
        Row {
            figure: "open a 4 MB file: peak memory",
            unit: Unit::MiB,
            floor: &big_size,
            convene: &big_peak,
            budget: Budget::Ratio(20.0),
        },
        Row {
            figure: "idle CPU (50 KB answer open)",
            unit: Unit::MsPerS,
            floor: &floor_idle,
            convene: &convene_idle,
            budget: Budget::Zero,
        },
    ];

    println!();
    println!(
        "convene vs the floor (examples/floor.rs), {} runs each, interleaved; pty {}x{}, \
         TERM=xterm-256color",
        settings.runs,
        probe::COLS,
        probe::ROWS
    );
    println!();
    print!("{}", table(&rows));
    println!();
    println!(
        "Each cell: median (min-max) over the rounds. Ratio: the median of the rounds' ratios \
         (each round runs the floor and convene back to back)."
    );
    println!(
        "- first frame: from spawn until the marker is on the emulated screen (convene: \
         {first_name:?}, the community listed first; floor: {FLOOR_MARKER:?}; empty folder: \
         {WELCOME_MARKER:?}). Warm: the listing index was built by an earlier start; cold: a \
         fresh CONVENE_CACHE_DIR every run (the files themselves are in the page cache either \
         way)."
    );
    println!(
        "- CPU per key: user+system CPU time (/proc/PID/stat, {} ticks/s) from the first key \
         until output has been quiet for {} ms, over {} keys typed in chunks of {CHUNK}. \
         convene's run includes its autosave, 2 s after the first key (waited for on screen); \
         the floor never saves.",
        probe::clock_ticks(),
        TYPED_QUIET.as_millis(),
        settings.keys
    );
    println!(
        "- overview: `convene open` of a constellation of {CONSTELLATION} communities, the \
         listing index warm. First frame: until its first row, {OVERVIEW_FIRST:?}, is drawn \
         (names, progress and next steps come from the index); all read: until \
         {OVERVIEW_MARKER:?}, drawn once every community is loaded whole on another thread \
         for its readiness, people and logs."
    );
    println!(
        "- cold index: until {LISTING_MARKER:?} (home's line while a first start's listing is \
         made) is gone, every row read and the index written."
    );
    println!("- peak memory: VmHWM (/proc/PID/status) at the end of the typing run.");
    println!(
        "- 4 MB file: `convene open` of {BIG_ROWS} [[answers.people]] rows ({big_bytes} bytes); \
         first frame until {WALK_MARKER:?}; peak memory is VmHWM once it is drawn and quiet, \
         its floor the file's size."
    );
    println!(
        "- idle CPU: over {:.1} s with the answer open, after the first frame, before typing; \
         one clock tick in that time is {:.1} ms/s.",
        settings.idle.as_secs_f64(),
        1000.0 / probe::clock_ticks() / settings.idle.as_secs_f64()
    );
    println!("Budgets are for reading the figures; nothing here fails on a timing.");
    if !notes.0.is_empty() {
        println!();
        println!("Seen along the way:");
        for note in &notes.0 {
            println!("- {note}");
        }
    }
    Ok(())
}
