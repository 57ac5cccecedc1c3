//! Running the app in a terminal: taking it over, the event loop, the external editor, and
//! giving the terminal back however convene stops.
//!
//! The loop blocks on the input channel ([`events`]) and wakes without input only when the
//! model asks ([`crate::tui::model::Model::deadline`]: an autosave, the timebox), so an idle
//! convene uses no CPU. This is the only part of the app that reads the clock.

mod app;
pub mod editor;
mod events;
mod terminal;

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Instant;

use anyhow::Result;
use crossterm::event::Event;

use crate::guide::Guide;
use crate::store::Store;
use crate::tui::effects::Effect;
use crate::tui::keymap;
use crate::tui::prefs::Prefs;
use crate::tui::update::Msg;
use crate::tui::view;
pub use app::{App, now};
use events::{Events, Input};
use terminal::TerminalGuard;

/// Whether colour is wanted: `NO_COLOR` set to anything non-empty turns it off.
pub fn color_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Whether the timebox may ring the terminal bell at its end: `CONVENE_NO_BELL` set to anything
/// non-empty keeps it quiet (a terminal can also be told to flash instead, or do nothing).
pub fn bell_wanted() -> bool {
    std::env::var_os("CONVENE_NO_BELL").is_none_or(|v| v.is_empty())
}

/// Rings the terminal bell. BEL moves nothing on the screen, so it goes straight to the
/// terminal between frames; a terminal that cannot be written to rings nothing, and that is all.
fn ring() {
    use std::io::Write;
    let mut out = std::io::stdout();
    let _ = out.write_all(b"\x07").and_then(|()| out.flush());
}

/// Runs the app on `store` until the facilitator quits; opens `open` straight away if given.
/// `prefs` are the settings; `problems`, what was wrong with them, are said on the status line
/// (the app starts all the same).
pub fn run(store: Store, open: Option<&Path>, prefs: Prefs, problems: &[String]) -> Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the guided walk needs an interactive terminal; in scripts use convene new, list or check (see --help)"
        );
    }
    // From here on a signal is a request to save and leave, whenever it comes (see
    // `events::Caught`): the handlers cost microseconds, the thread that delivers them waits.
    let caught = events::catch_signals();
    // Home's first frame needs neither the guide (read on a thread of its own once that frame
    // is out, ready or waited for when the walk first asks) nor more of the listing index than a
    // screenful. Listing and taking over the terminal one after the other is as fast as on two
    // threads here: starting a thread costs about what it would save.
    // A constellation opened from the command line is the first frame: home under it is listed
    // when the facilitator goes back to it (what is waiting to be restored is still looked at).
    let home = match open {
        Some(path) if is_constellation(path) => App::unlisted_home(&store),
        _ => App::first_frame_home(&store, Guide::builtin_identity()),
    };
    let mut guard = TerminalGuard::enter()?;
    let mut app = App::starting(store.clone(), home);
    app.prefs = prefs;
    if let Some(first) = problems.first() {
        let more = match problems.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        app.set_status(
            &format!("Settings: {first}{more}; convene config lists them"),
            true,
        );
    }
    let mut app = prepare(app, open)?;
    // The first frame before anything else starts: keys typed meanwhile wait in the terminal.
    let drawn = guard.terminal.draw(|frame| view::draw(frame, &app))?.area;
    sync_size(&mut app, drawn);
    std::thread::spawn(Guide::builtin);
    let events = events::start(caught);
    if app.needs_listing() {
        // The first frame shows the listing index's view, or on a first start the files by
        // name alone: check it against the files now, filling those names in as files are read.
        let store = app.store.clone();
        let tx = events.sender();
        let first_start = app.home().is_some_and(|home| !home.unread.is_empty());
        std::thread::spawn(move || {
            behind_the_screen();
            let report = |read: Vec<crate::store::Entry>| {
                if first_start {
                    let _ = tx.send(events::Input::Listing(read));
                }
            };
            let listed = store
                .list_reporting(Guide::builtin_identity(), Guide::builtin, &report)
                .map_err(|e| e.to_string());
            let groups = listed.as_ref().ok().map(|entries| store.grouped(entries));
            let _ = tx.send(events::Input::Listed(listed));
            if let Some(groups) = groups {
                let _ = tx.send(events::Input::Grouped(groups));
            }
        });
    }
    if let Some(path) = app.provisional_constellation() {
        // The overview's first frame came from the index; its communities are read now.
        let store = app.store.clone();
        let today = app.today;
        let tx = events.sender();
        std::thread::spawn(move || {
            let result =
                crate::tui::effects::open_constellation(&store, Guide::builtin(), &path, today);
            let done = crate::tui::effects::Done::ConstellationOpened {
                path,
                result,
                select: None,
                learning: false,
            };
            let _ = tx.send(events::Input::Done(Box::new(done)));
        });
    }
    let crash_key = std::env::var_os(CRASH_KEY_ENV).is_some_and(|v| !v.is_empty());
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut app, &mut guard, &events, crash_key)
    }));
    match outcome {
        Ok(Ok(())) => {
            drop(guard);
            Ok(())
        }
        Ok(Err(err)) => {
            // The terminal failed (closed, gone): save what is in memory before reporting it.
            app.save_on_exit(Instant::now());
            drop(guard);
            Err(err)
        }
        Err(_) => {
            // The panic hook has already restored the terminal and printed the message. What
            // was typed is still in memory: try once to put it on disk before leaving.
            let saved = panic::catch_unwind(AssertUnwindSafe(|| app.save_on_exit(Instant::now())));
            drop(guard);
            match saved {
                Ok(true) => {
                    anyhow::bail!("stopped on an internal error (above); your answers were saved")
                }
                _ => anyhow::bail!(
                    "stopped on an internal error (above) and could not save the last changes"
                ),
            }
        }
    }
}

/// Lowers the calling thread's priority (by 10 nice steps) on Linux, where the nice value is a thread's
/// own and threads it starts inherit it: a first start's listing parses on every core, and
/// must not take them from the loop drawing the screen, nor from the terminal showing it (in
/// the terminal bench the first frame came out 7 ms later while it ran at the same priority).
/// Elsewhere the value is the whole process's, so nothing is changed.
fn behind_the_screen() {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{getpriority_process, setpriority_process};
        let nice = getpriority_process(None).unwrap_or(0);
        let _ = setpriority_process(None, (nice + 10).min(19));
    }
}

/// Set (to anything non-empty) to make F12 panic on purpose. A crash path that is never taken is
/// never proven: the end-to-end tests use this to show that a panic in the real binary still
/// saves what was typed and gives the terminal back.
pub const CRASH_KEY_ENV: &str = "CONVENE_TEST_PANIC";

/// The app as the first frame shows it: home, or the community to open.
fn prepare(mut app: App, open: Option<&Path>) -> Result<App> {
    app.color = color_wanted();
    if let Some(path) = open {
        if app.recovery_waiting() {
            // Opening straight away would hide the offer (and could edit the very file it is for).
            app.set_status(
                "Recovered work is waiting: decide on it first, then open",
                true,
            );
        } else if is_constellation(path) {
            app.open_constellation(path)
                .map_err(|reason| anyhow::anyhow!("{reason}"))?;
        } else {
            app.open(path)?;
        }
    }
    Ok(app)
}

/// Whether `path` is a constellation's file (`convene open` opens its overview).
fn is_constellation(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(crate::constellation::is_constellation_name)
}

/// Tells the model the size the frame was just drawn at, if it did not know it: the model drops
/// typing while the terminal is too small, so it must never believe a size the screen does not
/// show (a resize event missed while the external editor had the terminal, say). The draw has
/// read the size already; this costs a comparison.
fn sync_size(app: &mut App, drawn: ratatui::layout::Rect) {
    if app.size != Some((drawn.width, drawn.height)) {
        app.update(Msg::Resize(drawn.width, drawn.height), Instant::now());
    }
}

/// Draws, waits for input (or the autosave time), updates; until the facilitator leaves.
fn event_loop(
    app: &mut App,
    guard: &mut TerminalGuard,
    events: &Events,
    crash_key: bool,
) -> Result<()> {
    loop {
        let drawn = guard.terminal.draw(|frame| view::draw(frame, app))?.area;
        sync_size(app, drawn);
        let input = match app.deadline() {
            Some(deadline) => {
                let wait = deadline.saturating_duration_since(Instant::now());
                match events.rx.recv_timeout(wait) {
                    Ok(input) => Some(input),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => Some(Input::Closed),
                }
            }
            None => Some(events.rx.recv().unwrap_or(Input::Closed)),
        };
        let msg = match input {
            Some(Input::Terminal(Event::Key(key))) if crash_key && keymap::is_crash_key(&key) => {
                panic!("F12 pressed with {CRASH_KEY_ENV} set: a deliberate crash for testing")
            }
            None => Msg::Tick,
            Some(Input::Terminal(Event::Key(key))) => Msg::Key(key),
            Some(Input::Terminal(Event::Paste(text))) => Msg::Paste(text),
            Some(Input::Terminal(Event::Mouse(mouse))) => Msg::Mouse(mouse),
            Some(Input::Terminal(Event::Resize(width, height))) => Msg::Resize(width, height),
            Some(Input::Terminal(_)) => continue, // focus: just redraw
            Some(Input::Signal | Input::Closed) => Msg::Stop,
            Some(Input::Listing(read)) => Msg::Listing(read),
            Some(Input::Listed(listed)) => Msg::Listed(listed),
            Some(Input::Grouped(groups)) => Msg::Grouped(groups),
            Some(Input::Done(done)) => Msg::Done(done),
        };
        match app.update(msg, Instant::now()) {
            None => {}
            Some(Effect::Quit) => return Ok(()),
            Some(Effect::Bell) if bell_wanted() => ring(),
            Some(Effect::OpenEditor { text, room }) => {
                // The editor owns the terminal: no key of its may be read here meanwhile.
                events.pause();
                let configured = app.prefs.editor.clone();
                let result = guard.suspend(|| editor::edit(&text, room, configured.as_deref()));
                events.resume();
                let result = result?;
                app.update(Msg::EditorDone(result), Instant::now());
            }
            // `App::update` performs every other effect itself.
            Some(_) => {}
        }
    }
}
