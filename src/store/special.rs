//! Special files: what a path is before convene opens it.
//!
//! A name ending in `.toml` says nothing about what is behind it. Opening a FIFO (named pipe) for
//! reading waits until someone writes into it — forever, for a listing; a device such as
//! `/dev/zero` never ends; a link may lead nowhere, or round in a circle. So the store looks at
//! the type first, without opening anything ([`look`]), refuses all but regular files with a
//! reason a facilitator can act on ([`Special`]), and opens what is left without blocking
//! ([`open_to_read`]): if the file was swapped for a FIFO in between, the open still returns and
//! the caller sees, on what it opened, that it is not a file.

use std::fs;
use std::io;
use std::path::Path;

/// Something at a path that is not a regular file (or a link to one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Folder,
    Fifo,
    Device,
    Socket,
    /// A symbolic link to nothing.
    Dangling,
    /// A symbolic link that leads back to itself (directly or through others).
    Loop,
    /// A regular file (when a folder was expected).
    File,
    /// A symbolic link, where only a file itself will do (a charter convene replaces).
    Link,
    /// Anything else the system may have.
    Other,
}

impl Special {
    /// What `meta` describes, or `None` for a regular file.
    pub fn of(meta: &fs::Metadata) -> Option<Special> {
        let kind = meta.file_type();
        if kind.is_file() {
            return None;
        }
        if kind.is_dir() {
            return Some(Special::Folder);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                return Some(Special::Fifo);
            }
            if kind.is_char_device() || kind.is_block_device() {
                return Some(Special::Device);
            }
            if kind.is_socket() {
                return Some(Special::Socket);
            }
        }
        Some(Special::Other)
    }

    /// What it is, in a few words.
    pub fn noun(self) -> &'static str {
        match self {
            Special::Folder => "a folder",
            Special::Fifo => "a FIFO (named pipe)",
            Special::Device => "a device",
            Special::Socket => "a socket",
            Special::Dangling => "a link to a file that does not exist",
            Special::Loop => "a link that leads back to itself",
            Special::File => "a file",
            Special::Link => "a symbolic link",
            Special::Other => "not a file or a folder",
        }
    }

    /// Why it is not read as a community file: "a FIFO (named pipe), not a file".
    pub fn not_a_file(self) -> String {
        match self {
            Special::Dangling | Special::Loop | Special::Other => self.noun().to_string(),
            _ => format!("{}, not a file", self.noun()),
        }
    }

    /// Why nothing is written into it as a folder: "a file, not a folder".
    pub fn not_a_folder(self) -> String {
        match self {
            Special::Dangling | Special::Loop | Special::Other => self.noun().to_string(),
            _ => format!("{}, not a folder", self.noun()),
        }
    }
}

/// What is at a path, links followed.
#[derive(Debug)]
pub enum Found {
    /// A regular file (or a link to one), with its metadata.
    File(fs::Metadata),
    Special(Special),
}

impl From<fs::Metadata> for Found {
    fn from(meta: fs::Metadata) -> Found {
        match Special::of(&meta) {
            None => Found::File(meta),
            Some(special) => Found::Special(special),
        }
    }
}

/// What `path` is, following links as opening it would, but opening nothing. An error is
/// what the system says about a path that is not there at all (or cannot be looked at).
pub fn look(path: &Path) -> io::Result<Found> {
    let own = fs::symlink_metadata(path)?;
    if !own.file_type().is_symlink() {
        return Ok(Found::from(own));
    }
    follow(path)
}

/// [`look`] for a path known to be a symbolic link.
pub fn follow(path: &Path) -> io::Result<Found> {
    match fs::metadata(path) {
        Ok(meta) => Ok(Found::from(meta)),
        Err(e) if is_loop(&e) => Ok(Found::Special(Special::Loop)),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(Found::Special(Special::Dangling))
        }
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
fn is_loop(err: &io::Error) -> bool {
    err.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
}

#[cfg(not(unix))]
fn is_loop(_err: &io::Error) -> bool {
    false
}

/// Opens `path` for reading without ever waiting: a FIFO that took the file's place since it
/// was looked at opens at once (and shows as a FIFO in the opened file's metadata).
pub fn open_to_read(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // The flag's bits as the platform defines them (rustix is the project's one way to
        // the system's constants).
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn special(path: &Path) -> Option<Special> {
        match look(path).unwrap() {
            Found::File(_) => None,
            Found::Special(s) => Some(s),
        }
    }

    #[test]
    fn every_kind_is_told_apart_without_opening() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("a.toml"), "x").unwrap();
        fs::create_dir(d.join("folder.toml")).unwrap();
        symlink(d.join("a.toml"), d.join("link.toml")).unwrap();
        symlink(d.join("gone.toml"), d.join("dangling.toml")).unwrap();
        symlink(d.join("loop.toml"), d.join("loop.toml")).unwrap();
        symlink("/dev/zero", d.join("zero.toml")).unwrap();
        let fifo = std::process::Command::new("mkfifo")
            .arg(d.join("fifo.toml"))
            .status()
            .unwrap();
        assert!(fifo.success());
        assert_eq!(special(&d.join("a.toml")), None);
        assert_eq!(special(&d.join("link.toml")), None);
        assert_eq!(special(&d.join("folder.toml")), Some(Special::Folder));
        assert_eq!(special(&d.join("dangling.toml")), Some(Special::Dangling));
        assert_eq!(special(&d.join("loop.toml")), Some(Special::Loop));
        assert_eq!(special(&d.join("zero.toml")), Some(Special::Device));
        assert_eq!(special(&d.join("fifo.toml")), Some(Special::Fifo));
        assert!(look(&d.join("nothing.toml")).is_err());
        // Opening the FIFO does not wait for a writer.
        let opened = open_to_read(&d.join("fifo.toml")).unwrap();
        assert_eq!(
            Special::of(&opened.metadata().unwrap()),
            Some(Special::Fifo)
        );
    }
}
