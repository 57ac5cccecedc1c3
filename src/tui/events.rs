//! Where the app's input comes from: the terminal and the operating system's signals.
//!
//! Both are read on their own threads and sent down one channel, so the loop can block on a
//! single `recv` and use no CPU at all while the facilitator is thinking. It wakes early only
//! when something is scheduled (an autosave), via `recv_timeout`.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crossterm::event::{self, Event};

/// Something the loop must react to.
#[derive(Debug)]
pub enum Input {
    Terminal(Event),
    /// SIGTERM, SIGHUP or SIGINT: save and leave.
    Signal,
    /// Reading the terminal failed (it went away): save and leave.
    Closed,
}

/// Starts the reader threads and returns the channel they feed.
pub fn start() -> (Sender<Input>, Receiver<Input>) {
    let (tx, rx) = mpsc::channel();
    let terminal = tx.clone();
    thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if terminal.send(Input::Terminal(ev)).is_err() {
                        return;
                    }
                }
                Err(_) => {
                    let _ = terminal.send(Input::Closed);
                    return;
                }
            }
        }
    });
    watch_signals(tx.clone());
    (tx, rx)
}

#[cfg(unix)]
fn watch_signals(tx: Sender<Input>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;
    let Ok(mut signals) = Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
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
fn watch_signals(_tx: Sender<Input>) {}
