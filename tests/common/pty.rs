//! The built `convene` binary on its own pseudo-terminal, as a facilitator's terminal runs it.
//!
//! A reader thread feeds everything the app writes into a `vt100` parser, and every wait polls
//! that screen with a timeout, so a hang fails with the screen as it was rather than blocking CI.
//!
//! On Unix the harness keeps its own duplicates of the pty master for reading and writing, and
//! the reader waits with `poll` and a short timeout, so a test can hang up the terminal — close
//! every descriptor of the master, as a terminal emulator does when its window is closed — at any
//! moment (see [`Session::hang_up`]). (portable-pty's own writer cannot be used for that: when it
//! is dropped it types a newline and Ctrl-D into the app.)

// Each test file that uses this harness compiles it on its own, and none uses all of it.
#![allow(dead_code)]

use std::io::Write;
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use toml_edit::DocumentMut;

pub const COLS: NonZeroU16 = NonZeroU16::new(100).unwrap();
pub const ROWS: NonZeroU16 = NonZeroU16::new(30).unwrap();
/// How long any one wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How often a wait looks again.
pub const POLL: Duration = Duration::from_millis(10);
/// The pause between typed characters, so typing arrives as keys, not as one burst.
pub const KEY_GAP: Duration = Duration::from_millis(2);

pub const CTRL_N: &str = "\x0e";
pub const CTRL_Q: &str = "\x11";
pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";
pub const ENTER_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
pub const HIDE_CURSOR: &[u8] = b"\x1b[?25l";

/// Where the app puts copies of unsaved work when a save fails.
pub const RECOVERY_ENV: &str = "CONVENE_RECOVERY_DIR";

/// Everything the app has written so far.
pub struct Output {
    pub screen: vt100::Parser,
    pub raw: Vec<u8>,
    /// The pty reported end of output: the app and everything it started have gone.
    pub closed: bool,
}

/// One run of `convene --dir DIR …` on its own pty.
pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    output: Arc<Mutex<Output>>,
    reader: Option<JoinHandle<()>>,
    /// Tells the reader to stop and let go of its descriptor (to hang up).
    stop: Arc<AtomicBool>,
    // Kept open for the life of the session: closing it (with the reader and writer) hangs up.
    master: Option<Box<dyn MasterPty + Send>>,
    /// A recovery folder of the session's own, unless the test chose one: nothing a test does
    /// may write into the real home folder.
    _recovery: Option<tempfile::TempDir>,
    /// The listing index's folder, the session's own (a test may set CONVENE_CACHE_DIR instead).
    _cache: tempfile::TempDir,
}

impl Session {
    /// `convene --dir DIR`: the home screen.
    pub fn spawn(dir: &Path) -> Session {
        Session::spawn_args(dir, &[], &[])
    }

    /// Like `spawn`, with extra environment variables set.
    pub fn spawn_with(dir: &Path, env: &[(&str, &str)]) -> Session {
        Session::spawn_args(dir, &[], env)
    }

    /// `convene --dir DIR ARGS…`, with extra environment variables set.
    pub fn spawn_args(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::spawn_through(&[], dir, args, env)
    }

    /// Like `spawn_args`, with convene started by `wrapper` (say `setpriv --reuid=…`, to run
    /// it as another user). The wrapper must exec convene, so that a signal reaches it.
    pub fn spawn_through(
        wrapper: &[&str],
        dir: &Path,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS.get(),
                cols: COLS.get(),
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let bin = env!("CARGO_BIN_EXE_convene");
        let mut cmd = CommandBuilder::new(wrapper.first().copied().unwrap_or(bin));
        if let Some((_, rest)) = wrapper.split_first() {
            cmd.args(rest);
            cmd.arg(bin);
        }
        cmd.arg("--dir");
        cmd.arg(dir);
        for arg in args {
            cmd.arg(arg);
        }
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        for var in [
            "NO_COLOR",
            "VISUAL",
            "EDITOR",
            "CONVENE_DIR",
            "COLUMNS",
            "LINES",
            "CONVENE_TEST_PANIC",
            RECOVERY_ENV,
        ] {
            cmd.env_remove(var);
        }
        let recovery = if env.iter().any(|(key, _)| *key == RECOVERY_ENV) {
            None
        } else {
            let recovery = tempfile::tempdir().expect("recovery temp dir");
            cmd.env(RECOVERY_ENV, recovery.path());
            Some(recovery)
        };
        let cache = tempfile::tempdir().expect("cache temp dir");
        cmd.env("CONVENE_CACHE_DIR", cache.path());
        // The temporary folder too (where the last-resort recovery folder is): copies of files
        // opened by path are offered wherever convene starts, so the machine's own must not
        // reach a test, nor a test's the machine.
        cmd.env("TMPDIR", cache.path());
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("start convene");
        // Only the child may hold the terminal's side, so its exit ends our reads.
        drop(pair.slave);

        let output = Arc::new(Mutex::new(Output {
            screen: vt100::Parser::new(ROWS, COLS, 0),
            raw: Vec::new(),
            closed: false,
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (reader, writer) = io::start(pair.master.as_ref(), &output, &stop);
        Session {
            child,
            writer: Some(writer),
            output,
            reader: Some(reader),
            stop,
            master: Some(pair.master),
            _recovery: recovery,
            _cache: cache,
        }
    }

    pub fn output(&self) -> MutexGuard<'_, Output> {
        self.output.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The screen as text, for failure messages.
    pub fn screen(&self) -> String {
        self.output().screen.screen().contents()
    }

    /// The app's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("convene's process id")
    }

    /// Sends bytes as they are, in one write (a control key, an escape sequence, a paste).
    pub fn send(&mut self, bytes: &str) {
        let writer = self
            .writer
            .as_mut()
            .expect("the terminal was hung up: nothing can be typed");
        writer.write_all(bytes.as_bytes()).expect("write to pty");
        writer.flush().expect("flush pty");
    }

    /// Types `text` one character at a time, each as its whole UTF-8 sequence.
    pub fn type_text(&mut self, text: &str) {
        let mut buf = [0u8; 4];
        for c in text.chars() {
            self.send(c.encode_utf8(&mut buf));
            thread::sleep(KEY_GAP);
        }
    }

    /// Pastes `text` the way a terminal with bracketed paste on does.
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    /// Polls until `done` holds, or fails with `what` and the screen.
    pub fn wait_until(&self, what: &str, mut done: impl FnMut(&Output) -> bool) {
        let start = Instant::now();
        loop {
            if done(&self.output()) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                let (row, col) = self.output().screen.screen().cursor_position();
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}; the screen shows (cursor at \
                     row {row}, column {col}):\n{}",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |out| {
            out.screen.screen().contents().contains(text)
        });
    }

    /// Waits for the app to exit and for all it wrote to be read; returns how it exited.
    pub fn wait_exit(&mut self) -> ExitStatus {
        self.wait_exit_within(TIMEOUT)
    }

    /// Like `wait_exit`, failing if the app takes longer than `limit` to exit.
    pub fn wait_exit_within(&mut self, limit: Duration) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll convene") {
                break status;
            }
            if start.elapsed() > limit {
                panic!(
                    "convene did not exit within {limit:?}; the screen shows:\n{}",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        };
        if let Some(reader) = self.reader.take() {
            self.wait_until("the end of convene's output", |out| out.closed);
            reader.join().expect("pty reader thread");
        }
        status
    }

    /// Whether the app's output, from the start, contains `bytes`.
    pub fn wrote(&self, bytes: &[u8]) -> bool {
        self.output().raw.windows(bytes.len()).any(|w| w == bytes)
    }

    /// Tells the app its window is now `cols`×`rows` (the kernel sends it SIGWINCH). The test's
    /// own screen model keeps its size: what matters is what the app does.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("the terminal was hung up")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Quits with Ctrl-Q and checks that the app exited cleanly and gave the terminal back.
    pub fn quit(mut self) {
        self.send(CTRL_Q);
        let status = self.wait_exit();
        assert!(
            status.success(),
            "convene exited with {status:?} after Ctrl-Q; the screen shows:\n{}",
            self.screen()
        );
        assert!(
            self.wrote(LEAVE_ALTERNATE_SCREEN),
            "convene exited without leaving the alternate screen (no ESC[?1049l in its output)"
        );
    }

    /// The terminal's line settings as the app left them (or has them now): whether the line
    /// discipline is canonical (ICANON) and echoes (ECHO). A shell needs both; raw mode has
    /// neither.
    #[cfg(unix)]
    pub fn line_mode(&self) -> LineMode {
        use nix::sys::termios::LocalFlags;
        let termios = self
            .master
            .as_ref()
            .expect("the terminal was hung up")
            .get_termios()
            .expect("read the pty's termios");
        LineMode {
            canonical: termios.local_flags.contains(LocalFlags::ICANON),
            echo: termios.local_flags.contains(LocalFlags::ECHO),
        }
    }

    /// Closes the terminal, as when its window is closed: every descriptor of the pty master
    /// goes, without a key being sent. What the app wrote until then stays in `output`.
    #[cfg(unix)]
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let start = Instant::now();
            while !reader.is_finished() {
                assert!(
                    start.elapsed() < TIMEOUT,
                    "the pty reader did not stop within {TIMEOUT:?}"
                );
                thread::sleep(POLL);
            }
            reader.join().expect("pty reader thread");
        }
        self.writer = None;
        self.master = None;
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave convene running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Whether the terminal is in line mode with echo, as a shell expects it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineMode {
    pub canonical: bool,
    pub echo: bool,
}

/// Sends `signal` (a name for kill(1), e.g. "TERM" or "KILL") to the running app.
pub fn signal(session: &Session, signal: &str) {
    let pid = session.pid();
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{signal} {pid} failed");
}

/// The community file, parsed.
pub fn read_community(path: &Path) -> DocumentMut {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    text.parse()
        .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}\n{text}", path.display()))
}

/// The string at `keys` in `doc`, or a failure naming the path and showing the file.
pub fn string_at<'a>(doc: &'a DocumentMut, keys: &[&str]) -> &'a str {
    let mut item = doc.as_item();
    for key in keys {
        item = &item[*key];
    }
    item.as_str()
        .unwrap_or_else(|| panic!("no string at {}:\n{doc}", keys.join(".")))
}

/// Appends what the app wrote to the output.
fn record(output: &Mutex<Output>, bytes: &[u8]) {
    let mut out = output.lock().unwrap_or_else(|e| e.into_inner());
    out.screen.process(bytes);
    out.raw.extend_from_slice(bytes);
}

#[cfg(unix)]
mod io {
    use std::fs::File;
    use std::io::{ErrorKind, Read, Write};
    use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    use std::thread::{self, JoinHandle};

    use nix::errno::Errno;
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use portable_pty::MasterPty;

    use super::{Output, record};

    /// How long the reader waits for output before looking whether it must stop.
    const READ_WAIT_MS: u16 = 20;

    /// A new descriptor for the pty master.
    fn duplicate(master: &dyn MasterPty) -> OwnedFd {
        let raw = master.as_raw_fd().expect("the pty master's descriptor");
        // SAFETY: `raw` is the master's open descriptor, owned by `master`, which outlives this
        // borrow; the borrow is only used to duplicate it.
        let fd = unsafe { BorrowedFd::borrow_raw(raw) };
        fd.try_clone_to_owned().expect("duplicate the pty master")
    }

    /// Starts the reader thread; returns it and a writer.
    pub(super) fn start(
        master: &dyn MasterPty,
        output: &Arc<Mutex<Output>>,
        stop: &Arc<AtomicBool>,
    ) -> (JoinHandle<()>, Box<dyn Write + Send>) {
        let mut source = File::from(duplicate(master));
        let writer = File::from(duplicate(master));
        let sink = Arc::clone(output);
        let stop = Arc::clone(stop);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                if stop.load(Ordering::SeqCst) {
                    // Told to let go of the terminal: that is not the end of the app's output.
                    return;
                }
                let mut fds = [PollFd::new(source.as_fd(), PollFlags::POLLIN)];
                match poll(&mut fds, PollTimeout::from(READ_WAIT_MS)) {
                    Ok(0) | Err(Errno::EINTR) => continue,
                    Ok(_) => {}
                    Err(_) => break,
                }
                match source.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => record(&sink, &buf[..n]),
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    // EIO: the app and everything it started have closed the terminal.
                    Err(_) => break,
                }
            }
            sink.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        });
        (reader, Box::new(writer))
    }
}

#[cfg(not(unix))]
mod io {
    use std::io::{Read, Write};
    use std::sync::atomic::AtomicBool;
    use std::sync::{Arc, Mutex};
    use std::thread::{self, JoinHandle};

    use portable_pty::MasterPty;

    use super::{Output, record};

    /// Starts the reader thread; returns it and a writer.
    pub(super) fn start(
        master: &dyn MasterPty,
        output: &Arc<Mutex<Output>>,
        _stop: &Arc<AtomicBool>,
    ) -> (JoinHandle<()>, Box<dyn Write + Send>) {
        let mut source = master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(output);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match source.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => record(&sink, &buf[..n]),
                }
            }
            sink.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        });
        (reader, master.take_writer().expect("pty writer"))
    }
}
