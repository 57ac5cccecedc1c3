//! One program on its own pseudo-terminal, read and timed from this thread alone.
//!
//! A port of `ptyprobe.py`'s method: the pty is polled with a short timeout and everything read
//! goes into a `vt100` parser, so "the first frame" is the moment a marker is on the emulated
//! screen; "quiet" is no output for a while; CPU time and peak memory come from `/proc/PID/stat`
//! and `/proc/PID/status`. No reader thread: nothing stands between the program's output and
//! the clock but one `poll` and one `read`.

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsFd, BorrowedFd};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The terminal's size, as in the brief: 120 columns by 40 rows.
pub const COLS: NonZeroU16 = NonZeroU16::new(120).unwrap();
pub const ROWS: NonZeroU16 = NonZeroU16::new(40).unwrap();

/// The longest one `poll` waits, so deadlines are looked at often.
const POLL_STEP: Duration = Duration::from_millis(10);

/// What a spell of reading ended on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drained {
    /// The marker is on screen; the instant it was seen.
    Found(Instant),
    /// No output for the quiet time.
    Quiet,
    /// The time limit came first.
    Limit,
    /// The program closed the terminal (it exited).
    Closed,
}

/// A running program on a pty of [`COLS`] × [`ROWS`].
pub struct Probe {
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    /// When the program was started: first-frame times count from here.
    started: Instant,
    /// A duplicate of the pty master, read and written directly. (portable-pty's own writer
    /// types a newline and Ctrl-D into the program when it is dropped.)
    port: File,
    screen: vt100::Parser,
    /// When output last came.
    last_read: Instant,
    closed: bool,
    // Held for the life of the program: the pty stays open while it runs.
    _master: Box<dyn MasterPty + Send>,
}

impl Probe {
    /// Opens a pty and starts `cmd` on it.
    pub fn spawn(cmd: CommandBuilder) -> Result<Probe, String> {
        let program = cmd
            .get_argv()
            .first()
            .map_or_else(String::new, |p| p.to_string_lossy().into_owned());
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS.get(),
                cols: COLS.get(),
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("open a pty: {e:#}"))?;
        let raw = pair
            .master
            .as_raw_fd()
            .ok_or("the pty master has no file descriptor")?;
        // SAFETY: `raw` is the master's open descriptor, owned by `pair.master`, which outlives
        // this borrow; the borrow is only used to duplicate it.
        let port = unsafe { BorrowedFd::borrow_raw(raw) }
            .try_clone_to_owned()
            .map(File::from)
            .map_err(|e| format!("duplicate the pty master: {e}"))?;
        let started = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("start {program}: {e:#}"))?;
        // Only the program may hold the terminal's side, so its exit ends our reads.
        drop(pair.slave);
        let pid = child
            .process_id()
            .ok_or_else(|| format!("{program} has no process id"))?;
        Ok(Probe {
            child,
            pid,
            started,
            port,
            screen: vt100::Parser::new(ROWS, COLS, 0),
            last_read: started,
            closed: false,
            _master: pair.master,
        })
    }

    /// Reads until `marker` is on screen; returns the time from the start of the program.
    pub fn first_frame(&mut self, marker: &str, limit: Duration) -> Result<Duration, String> {
        match self.drain(Some(marker), Duration::ZERO, limit) {
            Drained::Found(at) => Ok(at - self.started),
            how => Err(self.missing(marker, limit, how)),
        }
    }

    /// Reads until `text` is no longer on screen; returns the time from the start of the program.
    pub fn gone(&mut self, text: &str, limit: Duration) -> Result<Duration, String> {
        if !self.screen().contains(text) {
            // Gone with output already read: at the last of it.
            return Ok(self.last_read - self.started);
        }
        match self.drain_until(Some((text, false)), Duration::ZERO, limit) {
            Drained::Found(at) => Ok(at - self.started),
            _ => Err(format!(
                "{text:?} was still on screen after {limit:?}; the screen showed:\n{}",
                self.screen().trim_end()
            )),
        }
    }

    /// Reads until `marker` is on screen (or fails, showing the screen).
    pub fn wait_for(&mut self, marker: &str, limit: Duration) -> Result<(), String> {
        match self.drain(Some(marker), Duration::ZERO, limit) {
            Drained::Found(_) => Ok(()),
            how => Err(self.missing(marker, limit, how)),
        }
    }

    /// Reads until there has been no output for `quiet`, for at most `limit`.
    pub fn settle(&mut self, quiet: Duration, limit: Duration) -> Drained {
        self.drain(None, quiet, limit)
    }

    /// Reads whatever arrives during `span`.
    pub fn read_for(&mut self, span: Duration) {
        self.drain(None, Duration::MAX, span);
    }

    /// Writes `bytes` to the program's terminal, in one write.
    pub fn send(&mut self, bytes: &[u8]) -> Result<(), String> {
        (&self.port)
            .write_all(bytes)
            .map_err(|e| format!("write to the pty: {e}"))
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.screen.screen().contents()
    }

    /// CPU time (user + system, all threads) the program has used so far, in milliseconds.
    pub fn cpu_ms(&self) -> Result<f64, String> {
        let path = format!("/proc/{}/stat", self.pid);
        let stat = std::fs::read_to_string(&path).map_err(|e| format!("read {path}: {e}"))?;
        // Fields after the command name, which is in parentheses and may hold anything:
        // state is the first, utime the 12th, stime the 13th (fields 14 and 15 of proc(5)).
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest.split_whitespace().collect())
            .unwrap_or_default();
        let tick = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
        match (tick(11), tick(12)) {
            (Some(user), Some(system)) => Ok((user + system) as f64 * 1000.0 / clock_ticks()),
            _ => Err(format!("no utime and stime in {path}: {stat}")),
        }
    }

    /// The program's peak resident memory so far (VmHWM), in KiB.
    pub fn peak_kib(&self) -> Result<u64, String> {
        let path = format!("/proc/{}/status", self.pid);
        let status = std::fs::read_to_string(&path).map_err(|e| format!("read {path}: {e}"))?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kib| kib.parse().ok())
            .ok_or_else(|| format!("no VmHWM in {path}"))
    }

    /// Sends `keys` (the program's quit key) and waits up to `limit` for it to exit; kills it
    /// if it has not. Returns whether it exited by itself, successfully.
    pub fn quit(mut self, keys: &[u8], limit: Duration) -> bool {
        if self.send(keys).is_err() {
            return false;
        }
        let start = Instant::now();
        while start.elapsed() < limit {
            self.settle(Duration::from_millis(50), Duration::from_millis(200));
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
        }
        false // Drop kills it.
    }

    /// Polls and reads the pty, feeding the screen, until `until` is on screen or (without a
    /// marker) output has been quiet for `quiet`, for at most `limit`.
    fn drain(&mut self, until: Option<&str>, quiet: Duration, limit: Duration) -> Drained {
        self.drain_until(until.map(|m| (m, true)), quiet, limit)
    }

    /// [`Probe::drain`], until a text is on screen (`(text, true)`) or no longer is
    /// (`(text, false)`).
    fn drain_until(
        &mut self,
        until: Option<(&str, bool)>,
        quiet: Duration,
        limit: Duration,
    ) -> Drained {
        let start = Instant::now();
        let mut last = start;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            if self.closed {
                return Drained::Closed;
            }
            let now = Instant::now();
            let spent = now - start;
            if spent > limit {
                return Drained::Limit;
            }
            if until.is_none() && now - last > quiet {
                return Drained::Quiet;
            }
            if !self.readable((limit - spent).min(POLL_STEP)) {
                continue;
            }
            match (&self.port).read(&mut buf) {
                Ok(0) => self.closed = true,
                Ok(n) => {
                    self.screen.process(&buf[..n]);
                    last = Instant::now();
                    self.last_read = last;
                    if let Some((text, present)) = until
                        && self.screen.screen().contents().contains(text) == present
                    {
                        return Drained::Found(last);
                    }
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                // EIO: the program, and everything it started, closed the terminal.
                Err(_) => self.closed = true,
            }
        }
    }

    /// Waits up to `wait` for output.
    fn readable(&self, wait: Duration) -> bool {
        let ms = u16::try_from(wait.as_micros().div_ceil(1000)).unwrap_or(u16::MAX);
        let mut fds = [PollFd::new(self.port.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::from(ms)) {
            Ok(n) => n > 0,
            Err(Errno::EINTR) => false,
            Err(_) => {
                // Nothing more can be read; don't spin on it.
                std::thread::sleep(wait);
                false
            }
        }
    }

    /// Why a marker was not seen, with the screen as it was.
    fn missing(&self, marker: &str, limit: Duration, how: Drained) -> String {
        let why = match how {
            Drained::Closed => "the program exited first".to_string(),
            _ => format!("not within {limit:?}"),
        };
        format!(
            "{marker:?} never appeared on screen ({why}); the screen showed:\n{}",
            self.screen().trim_end()
        )
    }
}

impl Drop for Probe {
    fn drop(&mut self) {
        // Nothing measured here may outlive the bench.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Clock ticks per second, the unit of `/proc/PID/stat` times: `getconf CLK_TCK`, else 100
/// (USER_HZ, which Linux fixes at 100 on every common architecture).
pub fn clock_ticks() -> f64 {
    static TICKS: OnceLock<f64> = OnceLock::new();
    *TICKS.get_or_init(|| {
        std::process::Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .and_then(|text| text.trim().parse::<f64>().ok())
            .filter(|&ticks| ticks > 0.0)
            .unwrap_or(100.0)
    })
}
