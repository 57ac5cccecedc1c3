//! Community files that are symbolic links.
//!
//! A facilitator may keep a community's real file elsewhere in the data folder and link to it
//! (a constellation's shared file, a file kept under another name for a tool). A save must keep
//! the link a link: writing the usual way — a temporary file renamed over the path — would
//! replace the link with a plain file and leave its target behind, stale. So a save writes the
//! link's target instead (atomically, with the temporary file in the target's folder).
//!
//! Only when the target lies inside the folder the link is in (the data folder, for a
//! community): a link must never carry a write out of the folders convene owns. A community
//! whose link leads out, or nowhere, opens read-only and says why.

use std::fs;
use std::path::{Path, PathBuf};

use super::Place;

/// Where a save of a community file goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// The path itself (not a link).
    Itself,
    /// The link's target, inside the link's folder.
    Inside(PathBuf),
    /// A link that leads out of its folder (or to nothing): never written through.
    Outside(PathBuf),
}

/// Where a save of `path` may write: judged by [`super::place_within`], every link on the way
/// followed, against the folder the link is in.
pub(crate) fn target(path: &Path) -> Target {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {}
        _ => return Target::Itself,
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match super::place_within(folder, path) {
        Ok(Place::Inside(real)) if real.is_file() => Target::Inside(real),
        Ok(place) => Target::Outside(place.path().to_path_buf()),
        // A link to nothing, or a loop: where it says it leads.
        Err(_) => Target::Outside(fs::read_link(path).unwrap_or_else(|_| path.to_path_buf())),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_inside_outside_and_broken() {
        let data = tempfile::tempdir().unwrap();
        let away = tempfile::tempdir().unwrap();
        let plain = data.path().join("plain.toml");
        fs::write(&plain, "x").unwrap();
        assert_eq!(target(&plain), Target::Itself);

        fs::create_dir(data.path().join("real")).unwrap();
        let real = data.path().join("real").join("kept.toml");
        fs::write(&real, "x").unwrap();
        let inside = data.path().join("inside.toml");
        symlink("real/kept.toml", &inside).unwrap();
        assert_eq!(
            target(&inside),
            Target::Inside(fs::canonicalize(&real).unwrap())
        );

        let far = away.path().join("far.toml");
        fs::write(&far, "x").unwrap();
        let outside = data.path().join("outside.toml");
        symlink(&far, &outside).unwrap();
        assert!(matches!(target(&outside), Target::Outside(_)));

        let sneaky = data.path().join("sneaky.toml");
        symlink("../", &sneaky).unwrap();
        assert!(matches!(target(&sneaky), Target::Outside(_)));

        let broken = data.path().join("broken.toml");
        symlink("missing.toml", &broken).unwrap();
        assert!(matches!(target(&broken), Target::Outside(_)));
    }
}
