//! Taking over the terminal, and always giving it back.
//!
//! The app switches to the alternate screen, raw mode, bracketed paste and mouse reporting. If it
//! exits any way but normally — an error, a panic, a signal — the facilitator must not be left in
//! a terminal that echoes nothing and ignores Enter. [`TerminalGuard`] undoes everything on drop,
//! and a panic hook does the same before the panic message is printed, so the message is
//! readable.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::tui::view::bounded::Bounded;

/// The app's terminal: crossterm, writing whole frames, never larger than [`crate::tui::view::bounded`]'s
/// ceiling.
pub type Tty = Terminal<Bounded<CrosstermBackend<FrameWriter>>>;

/// Where ratatui writes a frame: memory, handed to the terminal in one write when the frame is
/// flushed (ratatui flushes at the end of every draw). Plain stdout would write every 1 KiB and
/// take its lock for each escape sequence. And a frame cut short by a panic must not reach the
/// terminal after it has been given back, so what was never flushed is dropped, not written.
#[derive(Debug, Default)]
pub struct FrameWriter {
    pending: Vec<u8>,
}

impl Write for FrameWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        let written = out.write_all(&self.pending).and_then(|()| out.flush());
        self.pending.clear();
        written
    }
}

/// Whether convene holds the terminal now. Restoring twice is not harmless: a second "leave the
/// alternate screen" moves the cursor back to where convene started, and what was printed in
/// between (a panic message) is then written over.
static HELD: AtomicBool = AtomicBool::new(false);

/// Owns the terminal while the app runs; restores it when dropped.
pub struct TerminalGuard {
    pub terminal: Tty,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        HELD.store(true, Ordering::SeqCst);
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        if let Err(err) = execute!(
            stdout,
            EnterAlternateScreen,
            EnableBracketedPaste,
            EnableMouseCapture
        ) {
            restore();
            return Err(err);
        }
        let terminal = Terminal::new(Bounded(CrosstermBackend::new(FrameWriter::default())))
            .inspect_err(|_| restore())?;
        Ok(TerminalGuard { terminal })
    }

    /// Hands the terminal to another program (the facilitator's editor) and takes it back.
    pub fn suspend<T>(&mut self, f: impl FnOnce() -> T) -> io::Result<T> {
        restore();
        let result = f();
        HELD.store(true, Ordering::SeqCst);
        enable_raw_mode()?;
        execute!(
            io::stdout(),
            EnterAlternateScreen,
            EnableBracketedPaste,
            EnableMouseCapture,
            Clear(ClearType::All)
        )?;
        // Blank both of ratatui's buffers so the next frame is drawn in full. (`Terminal::clear`
        // would do this too, but first asks the terminal where its cursor is and fails where
        // nothing answers.)
        self.terminal.swap_buffers();
        Ok(result)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as the shell expects it. Safe to call more than once: only the first
/// call after taking the terminal does anything.
pub fn restore() {
    if !HELD.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
