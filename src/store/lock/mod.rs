//! One writer per community: who has a community open, and the lock every save is made under.
//!
//! Like vim's swap file, a convene that opens a community for writing leaves a mark beside it,
//! so that a second convene — on this machine, or on another one sharing the folder — can say
//! who has it open and let the facilitator choose: read-only, open anyway, or back.
//!
//! **Where.** Marks live in a hidden folder `.convene/` in the folder of the community's file
//! (the data folder, or wherever a file opened by path lies; for a symbolic link, the folder of
//! the file it leads to, so that the link and its target share their marks). The folder holds a
//! `.gitignore` reading `*`, which hides the folder and everything in it — itself included —
//! from git: a data folder kept in git never shows a lock as a change. It takes the permissions
//! of the folder it is in, so a folder shared by a group shares its marks too. A `.convene` that
//! is not a plain folder (a file, a link leading anywhere) is never used or followed: convene
//! then works without marks, as before.
//!
//! **Holder files.** `.convene/<file name>.<16 hex digits>.lock`, one per convene that has the
//! file open (after "open anyway" there are two), holding a few lines of TOML: `file`, `user`,
//! `host`, `pid`, `since` (RFC 3339). It is written under a temporary name, locked, and only then
//! renamed into place, so a holder file is locked from the moment anyone can see it. Its owner
//! keeps an exclusive operating-system lock (`flock` on Unix, `LockFileEx` on Windows, through
//! std's `File::try_lock`) on it for as long as the community is open, and removes it when the
//! walk closes: going home, Ctrl-Q, a signal, the panic path — every exit that runs the walk's
//! destructor. A `kill -9` or a power cut leaves the file, but the operating system drops the
//! lock with the process.
//!
//! **Liveness.** The lock itself is the proof: a holder file whose lock is held belongs to a
//! running convene (whichever machine, when the shared folder passes locks between machines, as
//! NFS and SMB do). One whose lock is free and that names this machine is stale: it is removed
//! without a word and the community opens. One whose lock is free and that names another machine
//! is shown as "cannot be told": a synchronised folder (Dropbox, Syncthing) copies the file but
//! not the lock, so a free lock proves nothing there. Where a lock cannot be asked for at all, a
//! holder on this machine is alive when its process is (`/proc/<pid>` on Linux).
//!
//! **Saves.** Every save of a file in a folder takes the exclusive lock of `.convene/save.lock`
//! (a file that is never renamed or removed, so every process locks the same one) for the few
//! milliseconds of compare-and-swap: read the bytes on disk, compare with what was loaded, write,
//! and only then let the next save look. Two saves at the same instant are therefore one after
//! the other, and the second sees the first's bytes: a conflict, never a silent overwrite. A
//! save that waits longer than [`SAVE_WAIT`] fails (and is retried) rather than hang the app.

mod record;

use std::ffi::OsStr;
use std::fs::{self, File, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use record::{Alive, Holder};

/// The hidden folder, beside community files, that holds convene's locks.
pub const LOCK_DIR: &str = ".convene";
/// The lock every save in a folder is made under.
const SAVE_LOCK: &str = "save.lock";
const SUFFIX: &str = ".lock";
/// Hex digits in a holder file's name.
const TOKEN_LEN: usize = 16;
/// How long a save waits for another convene's save in the same folder.
pub const SAVE_WAIT: Duration = Duration::from_secs(3);
/// A hostile folder of millions of files is not read to the end.
const MAX_SCANNED: usize = 10_000;

/// A community file this convene holds open for writing; dropping it releases the mark.
#[derive(Debug)]
pub struct Held {
    path: PathBuf,
    file: Option<File>,
}

impl Drop for Held {
    fn drop(&mut self) {
        // Removed while still locked, so no one can take a file that is about to go for stale
        // and remove a newer one; the lock goes with the descriptor, just after. (Windows
        // cannot remove a file that is open: there the descriptor goes first.)
        if cfg!(windows) {
            self.file.take();
        }
        let _ = fs::remove_file(&self.path);
    }
}

/// What asking to open a community for writing found.
#[derive(Debug)]
pub enum Claim {
    /// No one else has it open: it is this convene's now (`None` when the folder takes no marks,
    /// a read-only folder say: there is nothing to be told then).
    Free(Option<Held>),
    /// Others have it open, or may have: the facilitator decides. Nothing was taken.
    Busy(Vec<Holder>),
}

/// Takes `path` for writing unless another convene has it open; stale marks are cleared.
pub fn claim(path: &Path) -> Claim {
    // Mark first and look second: two convenes opening at the same instant then both see the
    // other (and both ask), rather than neither.
    let held = hold(path);
    let others = holders_except(path, held.as_ref().map(|h| h.path.as_path()));
    if others.is_empty() {
        Claim::Free(held)
    } else {
        Claim::Busy(others)
    }
}

/// Marks `path` as open here whoever else has it ("open anyway").
pub fn hold(path: &Path) -> Option<Held> {
    let (dir, name) = marks_of(path)?;
    ensure_dir(&dir).ok()?;
    let text = record::text(&name.to_string_lossy());
    for attempt in 0..4u32 {
        let mut tmp = tempfile::Builder::new()
            .prefix(".tmp-")
            .tempfile_in(&dir)
            .ok()?;
        tmp.write_all(text.as_bytes()).ok()?;
        readable_by_others(tmp.as_file());
        // The lock is kept on a read-only descriptor where the filesystem allows it: a file
        // held open for writing would keep the folder's filesystem from being remounted
        // read-only. NFS wants a writable one for an exclusive lock: then that one keeps it. A
        // filesystem without locks still gets the mark; liveness then falls back on the pid.
        let keep = match File::open(tmp.path()) {
            Ok(read_only) if read_only.try_lock().is_ok() => Some(read_only),
            _ => None,
        };
        if keep.is_none() {
            let _ = tmp.as_file().try_lock();
        }
        let mut file_name = name.to_os_string();
        file_name.push(format!(".{}{SUFFIX}", token(attempt)));
        let target = dir.join(file_name);
        match tmp.persist_noclobber(&target) {
            Ok(file) => {
                return Some(Held {
                    path: target,
                    file: Some(keep.unwrap_or(file)),
                });
            }
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) => return None,
        }
    }
    None
}

/// The names of the files in `dir` that have a mark beside them: the ones a listing asks
/// [`holders`] about, so that a folder of thousands is read once, not once a file.
pub fn marked_files(dir: &Path) -> std::collections::HashSet<std::ffi::OsString> {
    let marks = dir.join(LOCK_DIR);
    if !fs::symlink_metadata(&marks).is_ok_and(|m| m.is_dir()) {
        return Default::default();
    }
    let Ok(entries) = fs::read_dir(&marks) else {
        return Default::default();
    };
    entries
        .take(MAX_SCANNED)
        .flatten()
        .filter_map(|e| {
            let name = e.file_name();
            let bytes = name.as_encoded_bytes();
            let stem = bytes.strip_suffix(SUFFIX.as_bytes())?;
            let dot = stem.len().checked_sub(TOKEN_LEN + 1)?;
            let (file, token) = stem.split_at(dot);
            let token = &token[1..];
            // (A file whose name is not UTF-8 is opened and marked as any other, but not
            // told about in the listing.)
            let file = std::str::from_utf8(file).ok()?;
            (token.iter().all(u8::is_ascii_hexdigit) && !file.is_empty())
                .then(|| std::ffi::OsString::from(file))
        })
        .collect()
}

/// The other convenes that have `path` open (or may have); stale marks are removed on the way.
pub fn holders(path: &Path) -> Vec<Holder> {
    holders_except(path, None)
}

fn holders_except(path: &Path, own: Option<&Path>) -> Vec<Holder> {
    let Some((dir, name)) = marks_of(path) else {
        return Vec::new();
    };
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<Holder> = entries
        .take(MAX_SCANNED)
        .flatten()
        .filter(|e| !sweep_if_left_over(e))
        .filter(|e| is_holder_name(&e.file_name(), &name))
        .map(|e| e.path())
        .filter(|p| Some(p.as_path()) != own)
        .filter_map(|p| probe(&p))
        .collect();
    found.sort_by_key(|h| (h.alive != Alive::Yes, h.since));
    found
}

/// Removes a temporary file that a convene stopped mid-way through writing a mark or the
/// `.gitignore` left behind (old enough that no one is still writing it); true if it went.
fn sweep_if_left_over(entry: &fs::DirEntry) -> bool {
    const LEFT_OVER_AFTER: Duration = Duration::from_secs(120);
    if !entry.file_name().as_encoded_bytes().starts_with(b".tmp-") {
        return false;
    }
    let old = entry
        .metadata()
        .ok()
        .filter(fs::Metadata::is_file)
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age >= LEFT_OVER_AFTER);
    old && fs::remove_file(entry.path()).is_ok()
}

/// Who a holder file names and whether they are still there; `None` (and the file removed) when
/// it is stale, or when it is not a plain file (then it is not convene's and is left alone).
fn probe(path: &Path) -> Option<Holder> {
    if !fs::symlink_metadata(path).ok()?.is_file() {
        return None;
    }
    // Locks on network filesystems need a descriptor open for writing; another user's file may
    // only be readable.
    let file = open_plain(path, true, false).or_else(|_| open_plain(path, false, false));
    let Ok(file) = file else {
        return None;
    };
    let mut holder = record::read(&file);
    holder.alive = match file.try_lock() {
        Ok(()) if holder.here => Alive::No,
        Ok(()) => Alive::Unknown,
        Err(TryLockError::WouldBlock) => Alive::Yes,
        Err(TryLockError::Error(_)) if holder.here => record::process_alive(holder.pid),
        Err(TryLockError::Error(_)) => Alive::Unknown,
    };
    if holder.alive == Alive::No {
        if cfg!(windows) {
            drop(file);
        }
        let _ = fs::remove_file(path);
        return None;
    }
    Some(holder)
}

/// The lock a save of `path` is made under, released when dropped.
#[derive(Debug)]
pub(crate) struct Saving {
    _file: File,
}

/// Waits (up to [`SAVE_WAIT`]) for the save lock of `real`'s folder. `Ok(None)`: the folder takes
/// no locks (read-only, a `.convene` that is not a folder, a filesystem without locks) and the
/// save goes ahead as it always did. `Err`: another save held it all that time.
pub(crate) fn for_save(real: &Path) -> Result<Option<Saving>, ()> {
    let Some((dir, _)) = marks_of(real) else {
        return Ok(None);
    };
    if ensure_dir(&dir).is_err() {
        return Ok(None);
    }
    let path = dir.join(SAVE_LOCK);
    match fs::symlink_metadata(&path) {
        Ok(meta) if !meta.is_file() => return Ok(None),
        _ => {}
    }
    let Ok(file) = open_plain(&path, true, true) else {
        return Ok(None);
    };
    readable_by_others(&file);
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Some(Saving { _file: file })),
            Err(TryLockError::WouldBlock) if start.elapsed() < SAVE_WAIT => {
                std::thread::sleep(Duration::from_millis(1));
            }
            Err(TryLockError::WouldBlock) => return Err(()),
            Err(TryLockError::Error(_)) => return Ok(None),
        }
    }
}

/// Opens a file of the marks folder, which anyone sharing the folder can write into: never
/// through a link put in its place (a write, or a create, must not land elsewhere), never
/// waiting on a FIFO, and only a regular file — checked on the open file, so the checks made
/// before opening cannot be raced.
fn open_plain(path: &Path, write: bool, create: bool) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options
        .read(true)
        .write(write)
        .create(create)
        .truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        options.custom_flags(flags.bits() as i32);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    Ok(file)
}

/// The marks folder for `path` and the name its marks go by: those of the real file.
fn marks_of(path: &Path) -> Option<(PathBuf, std::ffi::OsString)> {
    let real = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let name = real.file_name()?.to_os_string();
    let dir = match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(LOCK_DIR),
        _ => PathBuf::from(LOCK_DIR),
    };
    Some((dir, name))
}

/// Makes the marks folder if it is missing, with its `.gitignore`; refuses anything but a
/// plain folder.
fn ensure_dir(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(io::ErrorKind::AlreadyExists.into()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            match fs::create_dir(dir) {
                Ok(()) => like_parent(dir),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
            if !fs::symlink_metadata(dir)?.is_dir() {
                return Err(io::ErrorKind::AlreadyExists.into());
            }
        }
        Err(e) => return Err(e),
    }
    let ignore = dir.join(".gitignore");
    if fs::symlink_metadata(&ignore).is_err() {
        // Whole or not at all: a half-written `.gitignore` would show the folder to git.
        let mut tmp = tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?;
        tmp.write_all(b"# convene's lock files: never part of a community's history\n*\n")?;
        readable_by_others(tmp.as_file());
        let _ = tmp.persist_noclobber(&ignore);
    }
    Ok(())
}

/// The marks folder gets the permissions of the folder it is in (a group's shared folder shares
/// its marks), the setgid and sticky bits included.
#[cfg(unix)]
fn like_parent(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Some(parent) = dir.parent().and_then(|p| fs::metadata(p).ok()) {
        let mode = parent.permissions().mode() & 0o3777;
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(mode));
    }
}

#[cfg(not(unix))]
fn like_parent(_dir: &Path) {}

/// A mark says nothing private; others sharing the folder must be able to read who has it open.
#[cfg(unix)]
fn readable_by_others(file: &File) {
    use std::os::unix::fs::PermissionsExt;
    let _ = file.set_permissions(fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn readable_by_others(_file: &File) {}

/// A holder file's distinct part: this process and this instant.
fn token(attempt: u32) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() ^ (d.as_secs() as u32));
    format!(
        "{:08x}{:08x}",
        std::process::id(),
        nanos.wrapping_add(attempt)
    )
}

/// Whether `entry` is `<name>.<token>.lock`.
fn is_holder_name(entry: &OsStr, name: &OsStr) -> bool {
    let entry = entry.as_encoded_bytes();
    let name = name.as_encoded_bytes();
    let Some(rest) = entry
        .strip_prefix(name)
        .and_then(|r| r.strip_prefix(b"."))
        .and_then(|r| r.strip_suffix(SUFFIX.as_bytes()))
    else {
        return false;
    };
    rest.len() == TOKEN_LEN && rest.iter().all(u8::is_ascii_hexdigit)
}

#[cfg(test)]
mod tests;
