//! Atomic, durable file writes.
//!
//! A save must leave either the old file or the new one on disk, whole, whatever happens: power
//! cut, a killed terminal, a full disk. So the text goes to a temporary file in the same
//! directory, is flushed to the device (`fsync`), renamed over the target (atomic on one
//! filesystem), and then the directory itself is flushed so the rename survives a crash.
//! `tempfile` creates the temporary file safely; its names start with [`TEMP_PREFIX`] so a
//! later start can recognise what an interrupted save left behind.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// How convene's temporary files start (hidden, and never ending in `.toml`).
pub const TEMP_PREFIX: &str = ".convene-tmp-";

/// Temporary files younger than this may belong to a save in progress in another convene.
const STALE_AFTER: Duration = Duration::from_secs(120);

/// How a write treats an existing file at the target path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Replace it (a save).
    Replace,
    /// Fail with `AlreadyExists` (creating a new community must never overwrite another).
    CreateNew,
}

/// Writes `bytes` to `path` atomically and durably.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: Mode) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".part")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    keep_permissions(path, tmp.as_file())?;
    tmp.as_file().sync_all()?;
    match mode {
        Mode::Replace => tmp.persist(path).map_err(|e| e.error)?,
        Mode::CreateNew => tmp.persist_noclobber(path).map_err(|e| e.error)?,
    };
    sync_dir(dir)
}

/// A saved file keeps the permissions it had (a group-readable file in a shared folder stays
/// so); a new file gets the usual `rw-r--r--` rather than the temporary file's private mode.
#[cfg(unix)]
fn keep_permissions(target: &Path, tmp: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let permissions = match fs::metadata(target) {
        Ok(meta) => meta.permissions(),
        Err(_) => fs::Permissions::from_mode(0o644),
    };
    tmp.set_permissions(permissions)
}

#[cfg(not(unix))]
fn keep_permissions(_target: &Path, _tmp: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Windows cannot open a directory as a file; its rename is already durable once it returns.
    Ok(())
}

/// Removes temporary files that interrupted saves left in `dir`; returns how many went.
///
/// The file each one was meant to replace is still whole (the rename never happened), so only
/// the unfinished copy goes. Only convene's own are touched: named `.convene-tmp-*.part`,
/// regular files (a link of that name is not followed, a folder is left), and old enough that
/// no other convene can still be writing it.
pub fn sweep(dir: &Path) -> usize {
    sweep_owned(dir, None)
}

/// Sweeps the folder of a file convene has just written (`written`), which may be any folder
/// of the user's: only the temporary files made by the same user as `written` go.
pub fn sweep_beside(written: &Path) -> usize {
    let dir = written
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match fs::symlink_metadata(written) {
        Ok(meta) => sweep_owned(dir, Some(owner(&meta))),
        Err(_) => 0,
    }
}

fn sweep_owned(dir: &Path, by: Option<u32>) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    entries
        .flatten()
        .filter(|e| is_temp_name(&e.file_name().to_string_lossy()))
        .filter(|e| {
            // The entry's own metadata: a link is not followed.
            e.metadata()
                .ok()
                .filter(|m| m.is_file())
                .filter(|m| by.is_none_or(|uid| owner(m) == uid))
                .and_then(|m| m.modified().ok())
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age >= STALE_AFTER)
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// Whether `name` is one of [`write_atomic`]'s temporary files.
fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(".part")
}

#[cfg(unix)]
fn owner(meta: &fs::Metadata) -> u32 {
    std::os::unix::fs::MetadataExt::uid(meta)
}

#[cfg(not(unix))]
fn owner(_meta: &fs::Metadata) -> u32 {
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_and_create_new() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        write_atomic(&path, b"one", Mode::CreateNew).unwrap();
        let err = write_atomic(&path, b"two", Mode::CreateNew).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        write_atomic(&path, b"three", Mode::Replace).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        write_atomic(&path, b"one", Mode::CreateNew).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o644
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
        write_atomic(&path, b"two", Mode::Replace).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o664
        );
    }

    #[test]
    fn only_stale_temporary_files_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(format!("{TEMP_PREFIX}old.part"));
        let fresh = dir.path().join(format!("{TEMP_PREFIX}new.part"));
        let keep = dir.path().join("keep.toml");
        for p in [&stale, &fresh, &keep] {
            fs::write(p, "x").unwrap();
        }
        let old = SystemTime::now() - Duration::from_secs(3600);
        File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        File::options()
            .write(true)
            .open(&keep)
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert_eq!(sweep(dir.path()), 1);
        assert!(!stale.exists());
        assert!(fresh.exists() && keep.exists());
    }
}
