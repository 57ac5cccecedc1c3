//! Folders and files convene keeps for the user alone, and how it tells that they still are.
//!
//! Recovery copies hold a facilitator's unsaved words, and their last-resort folder is in the
//! system's temporary folder, where every user of the machine can create things. A copy names
//! the community file it belongs to, so whoever could write a copy could choose which file a
//! restore writes over, with their text. The listing index, in the cache folder, is believed
//! about every file whose stamp it records, so whoever could write it could choose the names and
//! progress home shows. Reading either is therefore a matter of trust, and the trust comes from
//! ownership, never from a path:
//!
//! - a folder convene creates is `0700`; one that is already there (someone may have made it
//!   first, or planted a symbolic link under its name) is used only if it is a real folder, not a
//!   link, owned by the user, that neither its group nor anyone else can write into. Anything
//!   else is refused with the reason, and nothing in it is read, swept or removed;
//! - a file in such a folder is read only if it opens without following a link, is a regular
//!   file (so a FIFO cannot block the start), is owned by the user and is not writable by
//!   anyone else; it is checked on the open handle, so it cannot be swapped after the check.
//!
//! Only the folder's own name is checked, not its parents: `/tmp` is often a link itself (macOS),
//! and a user's own folders above the state folder are theirs to arrange. An existing folder that
//! others can merely read is accepted and left as it is (copies in it are `0600`): a
//! `CONVENE_RECOVERY_DIR` may be a folder the user uses for other things too, and convene does not
//! change the mode of folders it did not create.

use std::fs::{self, File, Metadata};
use std::io;
use std::path::Path;

/// What a folder is good for, as a place for recovery copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Folder {
    /// Not there (nothing to read; a write creates it).
    Missing,
    /// The user's own, and no one else can write into it.
    Private,
    /// Not to be used; why, in a few words.
    Refused(String),
}

/// The effective user: the owner of every file this process creates.
#[cfg(unix)]
pub(super) fn current_uid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// What `dir` is, without following a link in its place.
pub(super) fn folder(dir: &Path) -> Folder {
    match fs::symlink_metadata(dir) {
        Ok(meta) => judge_folder(&meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Folder::Missing,
        Err(e) => Folder::Refused(format!("it cannot be examined ({e})")),
    }
}

/// Makes sure `dir` is a private folder, creating it (`0700`, and any missing parent too) if it
/// is not there; the folder is judged again after creating, since someone may have made it in
/// between.
pub(super) fn ensure_folder(dir: &Path) -> Result<(), Refusal> {
    if folder(dir) == Folder::Missing {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(dir).map_err(Refusal::Io)?;
    }
    match folder(dir) {
        Folder::Private => Ok(()),
        Folder::Refused(why) => Err(Refusal::NotPrivate(why)),
        Folder::Missing => Err(Refusal::Io(io::Error::from(io::ErrorKind::NotFound))),
    }
}

/// Why a folder could not take a recovery copy.
#[derive(Debug)]
pub(super) enum Refusal {
    /// It is there but is not the user's alone.
    NotPrivate(String),
    /// Creating it failed.
    Io(io::Error),
}

#[cfg(unix)]
fn judge_folder(meta: &Metadata) -> Folder {
    use std::os::unix::fs::MetadataExt;
    if meta.file_type().is_symlink() {
        return Folder::Refused("it is a symbolic link, which could lead anywhere".into());
    }
    if !meta.is_dir() {
        return Folder::Refused("it is not a folder".into());
    }
    if meta.uid() != current_uid() {
        return Folder::Refused(format!(
            "it belongs to another user (user id {})",
            meta.uid()
        ));
    }
    let mode = meta.mode() & 0o7777;
    if mode & 0o022 != 0 {
        let who = if mode & 0o002 != 0 {
            "anyone"
        } else {
            "its group"
        };
        return Folder::Refused(format!(
            "{who} can write into it (mode {mode:04o}; it should be 0700)"
        ));
    }
    Folder::Private
}

#[cfg(not(unix))]
fn judge_folder(meta: &Metadata) -> Folder {
    if meta.file_type().is_symlink() {
        Folder::Refused("it is a symbolic link, which could lead anywhere".into())
    } else if !meta.is_dir() {
        Folder::Refused("it is not a folder".into())
    } else {
        Folder::Private
    }
}

/// Opens `path` for reading if it is a file the user alone could have written: a regular file,
/// not reached through a link, owned by the user, writable by no one else. `None` otherwise
/// (or if it cannot be opened). The checks are made on the open handle.
pub(super) fn open_own_file(path: &Path) -> Option<(File, Metadata)> {
    let file = open_no_follow(path).ok()?;
    let meta = file.metadata().ok()?;
    own_file(&meta).then_some((file, meta))
}

/// Opening never follows a link in the file's place, and never waits for a writer (a FIFO).
#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    Ok(File::from(rustix::fs::open(path, flags, Mode::empty())?))
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<File> {
    if fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(io::Error::other("a symbolic link"));
    }
    File::open(path)
}

#[cfg(unix)]
fn own_file(meta: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.is_file() && meta.uid() == current_uid() && meta.mode() & 0o022 == 0
}

#[cfg(not(unix))]
fn own_file(meta: &Metadata) -> bool {
    meta.is_file()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn a_folder_is_created_private_with_its_parents() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("state/convene/recovery");
        ensure_folder(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&root.path().join("state")), 0o700);
        assert_eq!(folder(&dir), Folder::Private);
    }

    #[test]
    fn a_folder_others_can_write_into_is_refused_and_left_as_it_is() {
        let root = tempfile::tempdir().unwrap();
        for (bits, who) in [(0o777, "anyone"), (0o770, "its group"), (0o1777, "anyone")] {
            let dir = root.path().join(format!("r{bits:o}"));
            fs::create_dir(&dir).unwrap();
            fs::set_permissions(&dir, fs::Permissions::from_mode(bits)).unwrap();
            let Err(Refusal::NotPrivate(why)) = ensure_folder(&dir) else {
                panic!("{bits:o} accepted");
            };
            assert!(why.starts_with(who), "{why}");
            assert_eq!(
                mode(&dir),
                bits,
                "its mode is not changed behind the user's back"
            );
        }
    }

    #[test]
    fn a_folder_others_can_only_read_is_accepted() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("r");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(folder(&dir), Folder::Private);
    }

    #[test]
    fn a_link_in_the_folders_place_is_refused_even_to_a_private_folder() {
        let root = tempfile::tempdir().unwrap();
        let real = root.path().join("real");
        ensure_folder(&real).unwrap();
        let link = root.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(matches!(folder(&link), Folder::Refused(why) if why.contains("symbolic link")));
        let dangling = root.path().join("dangling");
        std::os::unix::fs::symlink(root.path().join("nowhere"), &dangling).unwrap();
        assert!(matches!(
            ensure_folder(&dangling),
            Err(Refusal::NotPrivate(_))
        ));
        assert!(
            !root.path().join("nowhere").exists(),
            "the link was not followed"
        );
    }

    #[test]
    fn only_own_regular_files_no_one_else_can_write_are_opened() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("a.toml");
        fs::write(&file, "x").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
        assert!(open_own_file(&file).is_some());
        fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
        assert!(
            open_own_file(&file).is_some(),
            "readable by others is not a forgery"
        );
        fs::set_permissions(&file, fs::Permissions::from_mode(0o666)).unwrap();
        assert!(open_own_file(&file).is_none(), "writable by others");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
        let link = root.path().join("b.toml");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert!(open_own_file(&link).is_none(), "a link is not followed");
        assert!(
            open_own_file(root.path()).is_none(),
            "a folder is not a file"
        );
    }

    #[test]
    fn a_fifo_does_not_block_and_is_not_opened() {
        let root = tempfile::tempdir().unwrap();
        let fifo = root.path().join("f.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: no mkfifo");
            return;
        }
        assert!(open_own_file(&fifo).is_none());
    }

    #[test]
    fn someone_elses_folder_and_file_are_refused() {
        if current_uid() != 0 {
            eprintln!("skipped: giving a file to another user needs root");
            return;
        }
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("theirs");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
        let file = dir.join("a.toml");
        fs::write(&file, "x").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
        std::os::unix::fs::chown(&file, Some(65534), Some(65534)).unwrap();
        assert!(open_own_file(&file).is_none(), "a file someone else owns");
        std::os::unix::fs::chown(&dir, Some(65534), Some(65534)).unwrap();
        assert!(
            matches!(folder(&dir), Folder::Refused(why) if why.contains("another user (user id 65534)"))
        );
    }
}
