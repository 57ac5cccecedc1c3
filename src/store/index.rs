//! The listing index: what home and `convene list` show of each file, kept so that a start does
//! not have to read and parse every community again.
//!
//! Listing 1,000 communities by parsing each one takes tens of milliseconds — longer than drawing
//! the whole first frame. Most files have not changed since the last start, so their summaries
//! (name, progress, last update, or why the file is unreadable) are kept in one small JSON file
//! in the platform's cache folder, never in the data folder (which may be a git repository). A
//! summary is used only while its file's stamp — size, modification and change times, inode —
//! is the one recorded with it: any write to the file, by convene (whose saves replace the inode)
//! or anyone else, changes the stamp, and the file is parsed again. The index is also dropped
//! whole when the guide or convene's version changes, since both decide what "answered" means.
//! A missing, unreadable or corrupt index only costs time.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeZone};
use serde::{Deserialize, Serialize};

use super::Fingerprint;
use crate::community::NextStep;

/// The environment variable that sets the folder for the index (tests point it somewhere
/// temporary; anyone can point it at a faster disk).
pub const CACHE_ENV: &str = "CONVENE_CACHE_DIR";

/// What identifies one version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp(u64, i64, i64, u64);

impl Stamp {
    /// Size, modification time, change time (which nobody can set back) and inode (which
    /// convene's own saves replace).
    pub fn of(meta: &fs::Metadata) -> Stamp {
        let nanos = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(-1, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
        };
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ctime() * 1_000_000_000 + meta.ctime_nsec(), meta.ino())
        };
        #[cfg(not(unix))]
        let (changed, inode) = (nanos(meta.created()), 0);
        Stamp(meta.len(), nanos(meta.modified()), changed, inode)
    }
}

/// A file's line in the listing, as kept in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    Community {
        name: String,
        answered: usize,
        total: usize,
        updated: DateTime<FixedOffset>,
        read_only: bool,
        next_step: Option<NextStep>,
    },
    Unreadable {
        reason: String,
    },
}

/// How a summary is written: arrays rather than objects, and the time as numbers, because
/// reading the index is on the way to the first frame (a thousand entries in well under a
/// millisecond).
#[derive(Debug, Serialize, Deserialize)]
struct Line(
    String,
    Stamp,
    Option<Summed>,
    /// why the file is unreadable
    Option<String>,
);

impl Line {
    fn new(file: String, stamp: Stamp, kept: Kept) -> Line {
        match kept {
            Kept::Community {
                name,
                answered,
                total,
                updated,
                read_only,
                next_step,
            } => Line(
                file,
                stamp,
                Some((
                    name,
                    answered,
                    total,
                    updated.timestamp(),
                    updated.offset().local_minus_utc(),
                    read_only,
                    next_step.map(|s| (s.step, crate::dates::stored(s.due), s.owner)),
                )),
                None,
            ),
            Kept::Unreadable { reason } => Line(file, stamp, None, Some(reason)),
        }
    }

    fn into_parts(self) -> Option<(String, (Stamp, Kept))> {
        let Line(file, stamp, community, unreadable) = self;
        let kept = match (community, unreadable) {
            (Some((name, answered, total, secs, offset, read_only, step)), None) => {
                let updated = FixedOffset::east_opt(offset)?
                    .timestamp_opt(secs, 0)
                    .single()?;
                let next_step = match step {
                    Some((step, due, owner)) => Some(NextStep {
                        step,
                        owner,
                        due: crate::dates::read_stored(&due)?,
                    }),
                    None => None,
                };
                Kept::Community {
                    name,
                    answered,
                    total,
                    updated,
                    read_only,
                    next_step,
                }
            }
            (None, Some(reason)) => Kept::Unreadable { reason },
            _ => return None,
        };
        Some((file, (stamp, kept)))
    }
}

/// A [`Line`] read for a first frame: the stamp is skipped, not decoded.
#[derive(Debug, Deserialize)]
struct SummaryLine(
    String,
    serde::de::IgnoredAny,
    Option<Summed>,
    Option<String>,
);

/// A next step due as the index keeps it: step, due date (`2026-12-01`), owner.
type Step = (String, String, String);

/// A community's summary as the index keeps it: name, answered, total, updated (seconds since
/// 1970), its UTC offset (seconds), read-only, the next step due.
type Summed = (String, usize, usize, i64, i32, bool, Option<Step>);

/// The index file's first line; each further line is one [`Line`]. One record per line lets a
/// first frame read only the head of the index (see [`Index::read_unchecked`]).
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    /// The convene version and guide this index was made with.
    made_by: String,
}

/// The index file's records: the header line, then the rest (if it is for `made_by`).
fn records<'b>(bytes: &'b [u8], made_by: &str) -> Option<impl Iterator<Item = &'b [u8]>> {
    let mut lines = bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty());
    let header: Header = serde_json::from_slice(lines.next()?).ok()?;
    (header.made_by == made_by).then_some(lines)
}

/// The index of one data folder, loaded for one listing.
#[derive(Debug)]
pub struct Index {
    path: PathBuf,
    made_by: String,
    files: HashMap<String, (Stamp, Kept)>,
    changed: bool,
}

impl Index {
    /// Where the index of `data_dir` lives inside `cache_dir`.
    pub fn path_for(cache_dir: &Path, data_dir: &Path) -> PathBuf {
        let id = Fingerprint::of(data_dir.as_os_str().as_encoded_bytes()).hash;
        cache_dir.join(format!("list-{id:016x}.json"))
    }

    /// The platform's cache folder for convene, or `$CONVENE_CACHE_DIR`.
    pub fn default_dir() -> Option<PathBuf> {
        std::env::var_os(CACHE_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("", "", "convene").map(|d| d.cache_dir().into())
            })
    }

    /// Reads the index at `path`; an absent, unreadable or outdated one is an empty index.
    pub fn load(path: PathBuf, guide_identity: u64) -> Index {
        let made_by = made_by(guide_identity);
        let mut bytes = Vec::new();
        if let Some(file) = open(&path) {
            use std::io::Read;
            let _ = file.take(MAX_INDEX_BYTES).read_to_end(&mut bytes);
        }
        let files = records(&bytes, &made_by)
            .map(|lines| {
                lines
                    .filter_map(|l| serde_json::from_slice::<Line>(l).ok())
                    .filter_map(Line::into_parts)
                    .collect()
            })
            .unwrap_or_default();
        Index {
            path,
            made_by,
            files,
            changed: false,
        }
    }

    /// The first `limit` summaries the index holds, in the listing's order, unchecked against
    /// the files: enough for a first frame, which a full listing checks and completes straight
    /// after it is drawn. `None` when there is no usable index.
    pub fn read_unchecked(
        path: &Path,
        guide_identity: u64,
        limit: usize,
    ) -> Option<Vec<(String, Kept)>> {
        // Only the lines wanted are read: the index of 10,000 files is over a megabyte.
        let mut bytes = Vec::new();
        let mut reader = std::io::BufReader::new(open(path)?);
        for _ in 0..=limit {
            if std::io::BufRead::read_until(&mut reader, b'\n', &mut bytes).ok()? == 0 {
                break;
            }
        }
        let kept: Vec<(String, Kept)> = records(&bytes, &made_by(guide_identity))?
            .take(limit)
            .filter_map(|l| serde_json::from_slice::<SummaryLine>(l).ok())
            .filter_map(|SummaryLine(name, _, community, unreadable)| {
                let line = Line(name, Stamp(0, 0, 0, 0), community, unreadable);
                line.into_parts().map(|(name, (_, kept))| (name, kept))
            })
            .collect();
        (!kept.is_empty()).then_some(kept)
    }

    /// The kept summary of `name`, if the file is still the one it was made from.
    pub fn get(&self, name: &str, stamp: Stamp) -> Option<&Kept> {
        self.files
            .get(name)
            .filter(|(kept, _)| *kept == stamp)
            .map(|(_, summary)| summary)
    }

    pub fn put(&mut self, name: String, stamp: Stamp, summary: Kept) {
        self.files.insert(name, (stamp, summary));
        self.changed = true;
    }

    /// Forgets every file not in `present` (deleted or renamed since).
    pub fn retain(&mut self, present: &std::collections::HashSet<&str>) {
        let before = self.files.len();
        self.files.retain(|name, _| present.contains(name.as_str()));
        self.changed |= self.files.len() != before;
    }

    /// Writes the index back if anything changed. Failing to is not an error: the next listing
    /// just parses more.
    pub fn store(self) {
        if !self.changed {
            return;
        }
        let Some(dir) = self.path.parent() else {
            return;
        };
        // In the listing's order, so a first frame can show the head without sorting.
        let mut lines: Vec<_> = self.files.into_iter().collect();
        lines.sort_by_cached_key(|(name, (_, kept))| match kept {
            Kept::Community { name: shown, .. } => (0, shown.to_lowercase(), name.clone()),
            Kept::Unreadable { .. } => (1, String::new(), name.clone()),
        });
        let mut json = serde_json::to_vec(&Header {
            made_by: self.made_by,
        })
        .unwrap_or_default();
        for (name, (stamp, kept)) in lines {
            json.push(b'\n');
            if serde_json::to_writer(&mut json, &Line::new(name, stamp, kept)).is_err() {
                return;
            }
        }
        json.push(b'\n');
        // Replaced whole (a reader never sees half of it), but not flushed to the device: a
        // cache lost in a power cut is rebuilt, and a save-sized fsync would cost every listing.
        // The folder is made the user's alone (0700), and a folder that is not is not written
        // into; what an earlier write cut short left there is swept like a save's.
        let write = |json: &[u8]| -> std::io::Result<()> {
            use std::io::Write;
            super::private::ensure_folder(dir).map_err(|_| io::ErrorKind::PermissionDenied)?;
            super::atomic::sweep(dir);
            let mut tmp = tempfile::Builder::new()
                .prefix(super::TEMP_PREFIX)
                .suffix(".part")
                .tempfile_in(dir)?;
            tmp.write_all(json)?;
            tmp.persist(&self.path).map_err(|e| e.error)?;
            Ok(())
        };
        let _ = write(&json);
    }
}

/// More than the index of 100,000 communities: of a larger file only this much is read (the
/// summaries cut off are made again), never the whole of it.
const MAX_INDEX_BYTES: u64 = 64 * 1024 * 1024;

/// Opens the index for reading, if the user alone could have written it: a regular file (a FIFO
/// or a device put there must not stop a listing), not a link, the user's own and writable by
/// no one else, in a folder that is the user's alone (see `private`). A listing believes the
/// index about every file whose stamp matches, so an index someone else could have written is
/// not read at all: the files are parsed instead.
fn open(path: &Path) -> Option<fs::File> {
    let dir = path.parent()?;
    if super::private::folder(dir) != super::private::Folder::Private {
        return None;
    }
    super::private::open_own_file(path).map(|(file, _)| file)
}

/// What an index depends on besides the files: convene's version and the guide.
fn made_by(guide_identity: u64) -> String {
    format!(
        "convene {} guide {guide_identity:016x}",
        env!("CARGO_PKG_VERSION")
    )
}
