//! What a lock file says — who, on which machine, since when, which process — and how much of
//! that can be believed.
//!
//! A lock file in a shared folder may have been written by anyone (another user, another
//! machine, a broken or hostile program), so reading one never fails: at most a few kilobytes
//! are read, a field that is missing or of the wrong kind is simply unknown, and every name is
//! sanitised and shortened before it can reach a terminal.

use std::fs::File;
use std::io::Read;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, Local};
use toml_edit::{DocumentMut, value};

use crate::text::{fit, sanitize_line};

/// More than any lock file convene writes; the rest of a larger one is not read.
const MAX_RECORD_BYTES: u64 = 4096;
/// A user or machine name longer than this is cut (in the prompt and the status line).
const MAX_NAME_CHARS: usize = 40;

/// Whether the convene that left a lock file is still running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alive {
    /// It holds the file's operating-system lock (or, where locks cannot be asked, its process
    /// is there).
    Yes,
    /// It is gone: its lock is free and it ran on this machine.
    No,
    /// It ran on another machine and its lock is free: it may have stopped, or the shared
    /// folder may not pass locks between machines (a synchronised folder does not).
    Unknown,
}

/// Another convene that has a community open, as its lock file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// The user name, sanitised and shortened ("someone" when the file does not say).
    pub user: String,
    /// The machine's name, sanitised and shortened ("an unknown machine" when not said).
    pub host: String,
    pub pid: Option<u32>,
    pub since: Option<DateTime<FixedOffset>>,
    pub alive: Alive,
    /// Whether it runs (ran) on this machine.
    pub here: bool,
}

impl Holder {
    /// "ana on lab-laptop since 14:02", for the prompt and the read-only status line.
    pub fn who(&self) -> String {
        match self.since {
            Some(since) => format!("{} on {} since {}", self.user, self.host, when(since)),
            None => format!("{} on {}", self.user, self.host),
        }
    }

    /// "ana has it open on lab-laptop since 14:02", for the read-only status line.
    pub fn has_it_open(&self) -> String {
        match self.since {
            Some(since) => format!(
                "{} has it open on {} since {}",
                self.user,
                self.host,
                when(since)
            ),
            None => format!("{} has it open on {}", self.user, self.host),
        }
    }

    /// Whether it still runs, in words ("process 4242, still running").
    pub fn state(&self) -> String {
        let process = match (self.pid, self.here) {
            (Some(pid), true) => format!("process {pid}, "),
            _ => String::new(),
        };
        match self.alive {
            Alive::Yes => format!("{process}still running"),
            Alive::No => format!("{process}no longer running"),
            Alive::Unknown => {
                format!("{process}whether it is still running cannot be told from this machine")
            }
        }
    }
}

/// A time of day for today, with the date otherwise.
fn when(since: DateTime<FixedOffset>) -> String {
    let local = since.with_timezone(&Local);
    if local.date_naive() == Local::now().date_naive() {
        local.format("%H:%M").to_string()
    } else {
        local.format("%-d %b %H:%M").to_string()
    }
}

/// The lock file's text for this process.
pub(super) fn text(file_name: &str) -> String {
    let me = me();
    let mut doc = DocumentMut::new();
    doc["file"] = value(file_name);
    doc["user"] = value(me.user.as_str());
    doc["host"] = value(me.host.as_str());
    doc["pid"] = value(i64::from(std::process::id()));
    doc["since"] = value(crate::community::now().to_rfc3339());
    format!(
        "# convene has this community open; the file goes when it closes. A lock file left by a\n\
         # convene that stopped is recognised as such and taken over.\n{doc}"
    )
}

/// What a lock file says; `alive` is left to the caller, who knows about the OS lock.
pub(super) fn read(mut file: &File) -> Holder {
    let mut bytes = Vec::new();
    let _ = (&mut file).take(MAX_RECORD_BYTES).read_to_end(&mut bytes);
    let doc = std::str::from_utf8(&bytes)
        .ok()
        .and_then(|t| t.parse::<DocumentMut>().ok())
        .unwrap_or_default();
    let name = |key: &str| {
        doc.get(key)
            .and_then(|v| v.as_str())
            .map(|s| fit(&sanitize_line(s), MAX_NAME_CHARS))
            .filter(|s| !s.trim().is_empty())
    };
    let host = name("host");
    let here = doc.get("host").and_then(|v| v.as_str()) == Some(me().host.as_str());
    Holder {
        user: name("user").unwrap_or_else(|| "someone".to_string()),
        host: host.unwrap_or_else(|| "an unknown machine".to_string()),
        pid: doc
            .get("pid")
            .and_then(|v| v.as_integer())
            .and_then(|p| u32::try_from(p).ok()),
        since: doc
            .get("since")
            .and_then(|v| v.as_str())
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok()),
        alive: Alive::Unknown,
        here,
    }
}

/// Whether process `pid` of this machine exists, where that can be seen without unsafe code
/// (Linux's `/proc`); only asked when the OS lock cannot be.
pub(super) fn process_alive(pid: Option<u32>) -> Alive {
    let proc = std::path::Path::new("/proc");
    match pid {
        Some(pid) if proc.join("self").exists() => {
            if proc.join(pid.to_string()).exists() {
                Alive::Yes
            } else {
                Alive::No
            }
        }
        _ => Alive::Unknown,
    }
}

/// This user and machine, as lock files name them.
struct Me {
    user: String,
    host: String,
}

fn me() -> &'static Me {
    static ME: OnceLock<Me> = OnceLock::new();
    ME.get_or_init(|| Me {
        user: ["USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
            .or_else(user_of_process)
            .unwrap_or_else(|| "someone".to_string()),
        host: host_name().unwrap_or_else(|| "an unknown machine".to_string()),
    })
}

/// The user this process runs as, where that can be read without unsafe code: Linux's
/// `/proc/self/status` gives the uid, `/etc/passwd` its name (a service or a container often
/// runs without `$USER`).
fn user_of_process() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid && !name.is_empty()).then(|| name.to_string())
    })
}

/// The machine's name: the kernel's where it can be read as a file, else what the environment
/// or `hostname` says.
fn host_name() -> Option<String> {
    let clean = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .and_then(clean)
        .or_else(|| {
            ["HOSTNAME", "COMPUTERNAME"]
                .iter()
                .find_map(|k| std::env::var(k).ok().and_then(clean))
        })
        .or_else(|| {
            let out = std::process::Command::new("hostname").output().ok()?;
            clean(String::from_utf8_lossy(&out.stdout).into_owned())
        })
}

/// This machine's name as lock files spell it, for the tests of the lock module.
#[cfg(test)]
pub(super) fn tests_host() -> String {
    me().host.clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_text(text: &[u8]) -> Holder {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(text).unwrap();
        use std::io::Seek;
        file.rewind().unwrap();
        read(&file)
    }

    #[test]
    fn own_record_reads_back() {
        let holder = read_text(text("a.toml").as_bytes());
        assert_eq!(holder.pid, Some(std::process::id()));
        assert!(holder.here);
        assert!(holder.since.is_some());
        assert_eq!(holder.host, fit(&sanitize_line(&me().host), MAX_NAME_CHARS));
    }

    #[test]
    fn hostile_records_are_harmless() {
        let holder = read_text(b"\xff\xfe not toml at all \x1b[2J");
        assert_eq!(holder.user, "someone");
        assert_eq!(holder.host, "an unknown machine");
        assert_eq!(holder.pid, None);
        let holder = read_text(b"user = \"\\u001b[31mmallory\\u202e\"\nhost = 5\npid = -3\n");
        assert!(!holder.user.contains('\u{1b}') && !holder.user.contains('\u{202e}'));
        assert_eq!(holder.host, "an unknown machine");
        assert_eq!(holder.pid, None);
        let long = format!("user = \"{}\"\n", "x".repeat(100_000));
        let holder = read_text(long.as_bytes());
        assert_eq!(holder.user, "someone", "only the first bytes are read");
    }
}
