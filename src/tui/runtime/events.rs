//! Where the app's input comes from: the terminal and the operating system's signals.
//!
//! Both are read on their own threads and sent down one channel, so the loop can block on a
//! single `recv` and does no work while the facilitator is thinking. It wakes early only when
//! something is scheduled (an autosave), via `recv_timeout`.
//!
//! The terminal reader can be parked ([`Events::pause`]) while an external editor owns the
//! terminal: otherwise it would read keys meant for the editor. A thread blocked waiting for
//! input cannot be interrupted directly, so on Unix pausing raises SIGWINCH at convene itself:
//! crossterm turns it into a resize event, the wait ends, and the reader sees the gate and
//! parks. Waiting needs no timeout, so an idle convene makes no system calls at all. (Elsewhere
//! the reader looks at the gate every [`PARK_CHECK`].)

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use crossterm::event::{self, Event};

/// How long the reader waits for input before checking whether it must park, where it cannot be
/// woken (not Unix).
#[cfg(not(unix))]
const PARK_CHECK: Duration = Duration::from_millis(250);

/// How long `pause` waits for the reader to park (it may be gone with the terminal).
const PARK_TIMEOUT: Duration = Duration::from_secs(2);

/// Something the loop must react to.
#[derive(Debug)]
pub enum Input {
    Terminal(Event),
    /// SIGTERM, SIGHUP or SIGINT: save and leave.
    Signal,
    /// Reading the terminal failed (it went away): save and leave.
    Closed,
    /// Files just parsed for the first listing of a folder with no index yet.
    Listing(Vec<crate::store::Entry>),
    /// A full listing of the data folder, made on a thread of its own.
    Listed(Result<Vec<crate::store::Entry>, String>),
    /// The folder's constellations, grouped from that listing.
    Grouped(Vec<crate::store::Grouped>),
    /// An effect done on a thread of its own (the overview read whole after its first frame).
    Done(Box<crate::tui::effects::Done>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    Running,
    /// Asked to stop reading; becomes `Parked` when the reader has.
    Parking,
    Parked,
}

#[derive(Default)]
struct Gate {
    state: Mutex<Option<Reader>>,
    changed: Condvar,
}

/// The input channel and the handle that parks the terminal reader.
pub struct Events {
    pub rx: Receiver<Input>,
    gate: Arc<Gate>,
    // Keeps the channel open even if both reader threads end.
    tx: Sender<Input>,
}

impl Events {
    /// Stops reading the terminal until [`Events::resume`]; returns once the reader has parked.
    pub fn pause(&self) {
        let mut state = self.gate.state.lock().unwrap_or_else(|e| e.into_inner());
        if *state == Some(Reader::Running) {
            *state = Some(Reader::Parking);
            wake_reader();
        }
        let (_state, _timeout) = self
            .gate
            .changed
            .wait_timeout_while(state, PARK_TIMEOUT, |s| *s == Some(Reader::Parking))
            .unwrap_or_else(|e| e.into_inner());
    }

    /// A sender for work done on other threads (the full listing).
    pub fn sender(&self) -> Sender<Input> {
        self.tx.clone()
    }

    pub fn resume(&self) {
        let mut state = self.gate.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.is_some() {
            *state = Some(Reader::Running);
        }
        self.gate.changed.notify_all();
    }
}

/// The signals that mean "save and leave", caught from the moment convene starts: until their
/// handlers are in place, SIGTERM would end the process at once, without a save and without
/// removing this convene's mark that it has a community open. Delivered once [`start`] runs.
pub struct Caught {
    #[cfg(unix)]
    signals: Option<signal_hook::iterator::Signals>,
}

/// Catches SIGTERM, SIGHUP and SIGINT now (see [`Caught`]); call before anything else.
pub fn catch_signals() -> Caught {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        Caught {
            signals: signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]).ok(),
        }
    }
    #[cfg(not(unix))]
    Caught {}
}

/// Starts the reader threads; the signals caught so far, and those to come, arrive as
/// [`Input::Signal`].
pub fn start(caught: Caught) -> Events {
    // crossterm starts listening for SIGWINCH on its first poll or read; a window resized before
    // that (just after the first frame, say) would go unnoticed until the next key. Asking once
    // here, before the event loop draws again, means a resize either lands before that draw
    // (which reads the size) or is queued as an event.
    let _ = event::poll(std::time::Duration::ZERO);
    let (tx, rx) = mpsc::channel();
    let gate = Arc::new(Gate {
        state: Mutex::new(Some(Reader::Running)),
        changed: Condvar::new(),
    });
    let terminal = tx.clone();
    let reader_gate = Arc::clone(&gate);
    thread::spawn(move || read_terminal(&terminal, &reader_gate));
    watch_signals(caught, tx.clone());
    Events { rx, gate, tx }
}

fn read_terminal(tx: &Sender<Input>, gate: &Gate) {
    loop {
        {
            let mut state = gate.state.lock().unwrap_or_else(|e| e.into_inner());
            if *state == Some(Reader::Parking) {
                *state = Some(Reader::Parked);
                gate.changed.notify_all();
            }
            while *state == Some(Reader::Parked) {
                state = gate.changed.wait(state).unwrap_or_else(|e| e.into_inner());
            }
        }
        let event = match wait_for_input() {
            Ok(false) => continue,
            Ok(true) => event::read(),
            Err(err) => Err(err),
        };
        match event {
            Ok(ev) => {
                if tx.send(Input::Terminal(ev)).is_err() {
                    break;
                }
            }
            Err(_) => {
                let _ = tx.send(Input::Closed);
                break;
            }
        }
    }
    // The reader is gone: nobody will park, so never make `pause` wait for it.
    *gate.state.lock().unwrap_or_else(|e| e.into_inner()) = None;
    gate.changed.notify_all();
}

/// Whether the terminal has something to read. On Unix the read itself waits, for as long as it
/// takes: [`wake_reader`] ends the wait when the reader must park.
#[cfg(unix)]
fn wait_for_input() -> std::io::Result<bool> {
    Ok(true)
}

#[cfg(not(unix))]
fn wait_for_input() -> std::io::Result<bool> {
    event::poll(PARK_CHECK)
}

/// Ends the reader's wait: a SIGWINCH becomes a resize event (and just a redraw).
#[cfg(unix)]
fn wake_reader() {
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
}

#[cfg(not(unix))]
fn wake_reader() {}

#[cfg(unix)]
fn watch_signals(caught: Caught, tx: Sender<Input>) {
    let Some(mut signals) = caught.signals else {
        return;
    };
    thread::spawn(move || {
        for _ in signals.forever() {
            if tx.send(Input::Signal).is_err() {
                return;
            }
        }
    });
}

#[cfg(not(unix))]
fn watch_signals(_caught: Caught, _tx: Sender<Input>) {}
