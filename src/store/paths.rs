//! Where a path really leads: whether it stays inside the data folder once every symbolic link
//! on the way is followed, and the folders inside the data folder that convene writes into.
//!
//! The data folder may be shared (a synced folder, a git checkout, a folder a colleague can
//! write to), and anyone who can write in it can put a link there: `trash -> /etc`, or
//! `exports -> ~/.ssh`. A write that follows such a link lands outside what convene owns. So
//! every folder convene writes into is checked here first ([`Store::own_folder`]), and any code
//! about to write through a path that may be a link (a community file that is a link, say) asks
//! [`Store::inside_data_dir`] where it leads. Comparisons are between fully resolved paths, so a
//! data folder that is itself reached through a link (`~/cop -> ~/Dropbox/cop`) works as usual.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::special::{self, Found, Special};
use super::{Store, StoreError};

/// Where a path leads, every link followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Inside the data folder: the resolved path.
    Inside(PathBuf),
    /// Outside it: where it leads.
    Outside(PathBuf),
}

impl Place {
    /// The resolved path, inside or not.
    pub fn path(&self) -> &Path {
        match self {
            Place::Inside(p) | Place::Outside(p) => p,
        }
    }

    pub fn is_inside(&self) -> bool {
        matches!(self, Place::Inside(_))
    }
}

impl Store {
    /// Where `path` leads once every link is followed, and whether that is inside the data
    /// folder. A path that does not exist yet is resolved through its folder (where a file
    /// written there would land); a link to nothing, or a loop, is an error.
    pub fn inside_data_dir(&self, path: &Path) -> Result<Place, StoreError> {
        place_within(self.dir(), path).map_err(|e| StoreError::io("follow the links of", path, e))
    }

    /// The folder `name` inside the data folder (`trash`, `exports`), created if missing, for
    /// convene to write into. Refused, with the reason, when it is a link leading out of the data
    /// folder, a link to nothing, or anything but a folder: nothing is then written at all.
    /// Returns the resolved folder (a link to a folder inside the data folder is fine).
    pub fn own_folder(&self, name: &str) -> Result<PathBuf, StoreError> {
        let path = self.dir().join(name);
        let refuse = |why: String| StoreError::NotOwnFolder {
            path: path.clone(),
            why,
        };
        // Twice at most: if someone makes the folder (or a link) between the look and the
        // create, the second look judges what they made.
        for _ in 0..2 {
            let own = match fs::symlink_metadata(&path) {
                Ok(own) => own,
                Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(&path) {
                    Ok(()) => return Ok(path),
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(StoreError::io("create", &path, e)),
                },
                Err(e) => return Err(StoreError::io("look at", &path, e)),
            };
            if own.is_dir() {
                return Ok(path);
            }
            if !own.file_type().is_symlink() {
                let special = Special::of(&own).unwrap_or(Special::File);
                return Err(refuse(format!("is {}", special.not_a_folder())));
            }
            match special::follow(&path).map_err(|e| StoreError::io("look at", &path, e))? {
                Found::Special(Special::Folder) => {}
                Found::File(_) => {
                    return Err(refuse(format!(
                        "is a link to {}",
                        Special::File.not_a_folder()
                    )));
                }
                Found::Special(s @ (Special::Dangling | Special::Loop)) => {
                    return Err(refuse(format!("is {}", s.noun())));
                }
                Found::Special(s) => {
                    return Err(refuse(format!("is a link to {}", s.not_a_folder())));
                }
            }
            return match self.inside_data_dir(&path)? {
                Place::Inside(resolved) => Ok(resolved),
                Place::Outside(to) => Err(refuse(format!(
                    "is a link that leads outside the data folder (to {})",
                    super::shown(&to)
                ))),
            };
        }
        Err(refuse(
            "keeps changing while convene looks at it".to_string(),
        ))
    }
}

/// Where `path` leads, and whether that is inside `root` (both resolved).
pub fn place_within(root: &Path, path: &Path) -> io::Result<Place> {
    let root = fs::canonicalize(root)?;
    let resolved = resolve(path)?;
    Ok(if resolved.starts_with(&root) {
        Place::Inside(resolved)
    } else {
        Place::Outside(resolved)
    })
}

/// `path` with every link followed; for a path that does not exist (and is not a link), its
/// folder resolved and its name joined.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    match fs::canonicalize(path) {
        Ok(resolved) => Ok(resolved),
        Err(e) if e.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(path).is_err() => {
            let (Some(name), Some(parent)) = (path.file_name(), path.parent()) else {
                return Err(e);
            };
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            Ok(fs::canonicalize(parent)?.join(name))
        }
        Err(e) => Err(e),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_are_judged_by_where_they_lead() {
        let data = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let d = data.path();
        let store = Store::open(d).unwrap();
        fs::create_dir(d.join("sub")).unwrap();
        fs::write(d.join("sub/a.toml"), "x").unwrap();
        fs::write(outside.path().join("b.toml"), "x").unwrap();
        symlink(d.join("sub/a.toml"), d.join("in.toml")).unwrap();
        symlink(outside.path().join("b.toml"), d.join("out.toml")).unwrap();
        symlink("sub/../../", d.join("up")).unwrap();

        let inside = store.inside_data_dir(&d.join("in.toml")).unwrap();
        assert!(inside.is_inside(), "{inside:?}");
        assert_eq!(
            inside.path(),
            fs::canonicalize(d.join("sub/a.toml")).unwrap()
        );
        assert!(
            !store
                .inside_data_dir(&d.join("out.toml"))
                .unwrap()
                .is_inside()
        );
        assert!(
            store
                .inside_data_dir(&d.join("new.toml"))
                .unwrap()
                .is_inside()
        );
        assert!(
            !store
                .inside_data_dir(&d.join("up/new.toml"))
                .unwrap()
                .is_inside()
        );
        symlink(d.join("gone"), d.join("dangling.toml")).unwrap();
        assert!(store.inside_data_dir(&d.join("dangling.toml")).is_err());
    }

    #[test]
    fn own_folders_are_real_folders_inside() {
        let data = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let d = data.path();
        let store = Store::open(d).unwrap();
        assert_eq!(store.own_folder("trash").unwrap(), d.join("trash"));
        assert!(d.join("trash").is_dir());

        symlink(outside.path(), d.join("exports")).unwrap();
        let err = store.own_folder("exports").unwrap_err().to_string();
        assert!(err.contains("leads outside the data folder"), "{err}");

        fs::write(d.join("file"), "x").unwrap();
        let err = store.own_folder("file").unwrap_err().to_string();
        assert!(err.contains("is a file, not a folder"), "{err}");

        symlink(d.join("trash"), d.join("bin")).unwrap();
        assert_eq!(
            store.own_folder("bin").unwrap(),
            fs::canonicalize(d.join("trash")).unwrap()
        );
        symlink(d.join("nowhere"), d.join("gone")).unwrap();
        let err = store.own_folder("gone").unwrap_err().to_string();
        assert!(
            err.contains("a link to a file that does not exist"),
            "{err}"
        );
    }
}
