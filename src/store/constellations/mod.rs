//! Constellation files in the data folder: listing, loading and saving them (safely, as
//! communities are: compare and swap under the folder's save lock), finding one, gathering its
//! members for the overview and writing in the links that moved. What changes several files at
//! once — a split, a sibling added, a rename followed, a learning entry shared — is in
//! `changes`.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Fingerprint, Store, StoreError, atomic, compare_and_swap, names, read_capped, slug};
use crate::community::{Community, FormatError};
use crate::constellation::links::{self, Link};
use crate::constellation::overview::{Found, Gathered, Overview};
use crate::constellation::{self, Constellation, ConstellationFile};
use crate::guide::Guide;
use crate::store::Entry;

mod changes;

/// A constellation file as loaded, with what is needed to save it safely.
#[derive(Debug, Clone)]
pub struct LoadedConstellation {
    pub path: PathBuf,
    pub file: ConstellationFile,
    disk: Fingerprint,
}

impl LoadedConstellation {
    pub fn constellation(&self) -> &Constellation {
        &self.file.constellation
    }

    /// The constellation in `text`, as if loaded from `path` (nothing is read): for tests.
    pub fn from_text(path: PathBuf, text: &str) -> Result<LoadedConstellation, FormatError> {
        Ok(LoadedConstellation {
            path,
            file: ConstellationFile::parse(text)?,
            disk: Fingerprint::of(text.as_bytes()),
        })
    }
}

/// A line of the listing of constellations.
#[derive(Debug, Clone)]
pub enum ConstellationEntry {
    Readable(Box<LoadedConstellation>),
    /// A `*.constellation.toml` convene cannot read, left as it is.
    Unreadable {
        path: PathBuf,
        reason: String,
    },
}

impl ConstellationEntry {
    pub fn path(&self) -> &Path {
        match self {
            ConstellationEntry::Readable(c) => &c.path,
            ConstellationEntry::Unreadable { path, .. } => path,
        }
    }
}

/// What a split made.
#[derive(Debug, Clone)]
pub struct Split {
    /// The constellation file (made, or the original's own).
    pub constellation: PathBuf,
    /// The new communities' files, in the order of their names.
    pub created: Vec<PathBuf>,
}

/// The communities of a constellation, listed by file, as home groups them.
#[derive(Debug, Clone)]
pub struct Grouped {
    pub path: PathBuf,
    pub name: String,
    /// The files of its communities that are in the folder (found where the constellation
    /// says, or moved), in member order.
    pub members: Vec<PathBuf>,
    /// How many of its members are missing or unreadable.
    pub broken: usize,
    /// Why its file cannot be read, when it cannot (it then has no members).
    pub unreadable: Option<String>,
}

impl Store {
    /// Every `*.constellation.toml` directly in the data folder, readable or not, by name.
    /// (They are small and few: each is read every time, with no index.)
    pub fn constellations(&self) -> Vec<ConstellationEntry> {
        let Ok(read) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<ConstellationEntry> = read
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                (constellation::is_constellation_name(&name) && !name.starts_with('.'))
                    .then(|| e.path())
            })
            .map(|path| match self.load_constellation(&path) {
                Ok(c) => ConstellationEntry::Readable(Box::new(c)),
                Err(err) => ConstellationEntry::Unreadable {
                    reason: err.reason(),
                    path,
                },
            })
            .collect();
        found.sort_by_key(|e| match e {
            ConstellationEntry::Readable(c) => (0, c.constellation().name.to_lowercase()),
            ConstellationEntry::Unreadable { path, .. } => (1, names::file_name(path)),
        });
        found
    }

    /// The constellations with their members among `entries` (the folder's listing), for home.
    /// A community two constellations list is grouped under the first.
    pub fn grouped(&self, entries: &[Entry]) -> Vec<Grouped> {
        self.constellations()
            .iter()
            .map(|e| match e {
                ConstellationEntry::Readable(c) => {
                    let resolved = links::resolve(c.constellation(), entries);
                    let broken = resolved.iter().filter(|l| l.summary().is_none()).count();
                    Grouped {
                        path: c.path.clone(),
                        name: c.constellation().name.clone(),
                        members: resolved
                            .iter()
                            .filter_map(|l| l.summary().map(|s| s.path.clone()))
                            .collect(),
                        broken,
                        unreadable: None,
                    }
                }
                ConstellationEntry::Unreadable { path, reason } => Grouped {
                    path: path.clone(),
                    name: String::new(),
                    members: Vec::new(),
                    broken: 0,
                    unreadable: Some(reason.clone()),
                },
            })
            .collect()
    }

    /// Loads one constellation file.
    pub fn load_constellation(&self, path: &Path) -> Result<LoadedConstellation, StoreError> {
        let bytes = read_capped(path)?;
        let text = super::as_text(path, &bytes)?;
        let file = ConstellationFile::parse(text)
            .map_err(|e| StoreError::Format(path.to_path_buf(), e))?;
        Ok(LoadedConstellation {
            path: std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
            file,
            disk: Fingerprint::of(&bytes),
        })
    }

    /// Saves a constellation in place, unless someone changed its file since it was loaded.
    pub fn save_constellation(&self, c: &mut LoadedConstellation) -> Result<(), StoreError> {
        let text = c.file.render();
        if Fingerprint::of(text.as_bytes()) == c.disk {
            return Ok(());
        }
        compare_and_swap(&c.path, c.disk, text.as_bytes())?;
        c.disk = Fingerprint::of(text.as_bytes());
        Ok(())
    }

    /// Writes a new constellation file named from its name, never over another file.
    pub fn create_constellation(
        &self,
        constellation: Constellation,
    ) -> Result<LoadedConstellation, StoreError> {
        let mut file = ConstellationFile::new(constellation);
        let text = file.render();
        let stem = slug(&file.constellation.name);
        for n in 1.. {
            let name = super::slug::file_name(&stem, n);
            let name = format!(
                "{}{}",
                name.strip_suffix(".toml").unwrap_or(&name),
                constellation::SUFFIX
            );
            let path = self.dir.join(name);
            match atomic::write_atomic(&path, text.as_bytes(), atomic::Mode::CreateNew) {
                Ok(()) => {
                    return Ok(LoadedConstellation {
                        path,
                        disk: Fingerprint::of(text.as_bytes()),
                        file,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(StoreError::io("create", &path, e)),
            }
        }
        unreachable!("the loop only ends by returning")
    }

    /// The constellation called `query`: a path to its file, its name (exactly, then in any
    /// case or Unicode form), or its file name with or without `.constellation.toml`. `None`
    /// when no constellation answers to it (it may be a community's name).
    pub fn find_constellation(&self, query: &str) -> Option<Result<PathBuf, StoreError>> {
        let as_path = Path::new(query);
        if as_path.is_file()
            && as_path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(constellation::is_constellation_name)
        {
            return Some(Ok(as_path.to_path_buf()));
        }
        let all = self.constellations();
        let readable: Vec<&LoadedConstellation> = all
            .iter()
            .filter_map(|e| match e {
                ConstellationEntry::Readable(c) => Some(c.as_ref()),
                ConstellationEntry::Unreadable { .. } => None,
            })
            .collect();
        let mut best: Option<(names::Agreement, Vec<&LoadedConstellation>)> = None;
        for c in &readable {
            let Some(level) = names::agreement(&c.constellation().name, query) else {
                continue;
            };
            match &mut best {
                Some((found, list)) if *found == level => list.push(c),
                Some((found, _)) if *found < level => {}
                _ => best = Some((level, vec![c])),
            }
        }
        if let Some((_, found)) = best {
            return Some(match found.as_slice() {
                [one] => Ok(one.path.clone()),
                several => Err(StoreError::Ambiguous(
                    query.to_string(),
                    several
                        .iter()
                        .map(|c| (c.constellation().name.clone(), c.path.clone()))
                        .collect(),
                )),
            });
        }
        let wanted = query.trim().to_lowercase();
        let stem = wanted
            .strip_suffix(constellation::SUFFIX)
            .unwrap_or(&wanted)
            .to_string();
        all.iter()
            .find(|e| {
                let file = names::file_name(e.path()).to_lowercase();
                file.strip_suffix(constellation::SUFFIX) == Some(stem.as_str())
            })
            .map(|e| Ok(e.path().to_path_buf()))
    }

    /// The constellation the community at `path` belongs to, if any (the first that lists it).
    pub fn constellation_of(&self, path: &Path, entries: &[Entry]) -> Option<LoadedConstellation> {
        self.constellations().into_iter().find_map(|e| match e {
            ConstellationEntry::Readable(c) => links::resolve(c.constellation(), entries)
                .iter()
                .any(|l| l.summary().is_some_and(|s| s.path == path))
                .then_some(*c),
            ConstellationEntry::Unreadable { .. } => None,
        })
    }

    /// Each member of `c` as found in the folder, its community loaded where it opens.
    pub fn gather(&self, c: &Constellation, entries: &[Entry]) -> Vec<Gathered> {
        let resolved = links::resolve(c, entries);
        let loaded: Vec<Option<Result<Community, String>>> = {
            // Loaded on every core, as the listing parses: an overview of fifty communities
            // opens in one first frame.
            let paths: Vec<Option<&Path>> = resolved
                .iter()
                .map(|l| l.summary().map(|s| s.path.as_path()))
                .collect();
            let workers = std::thread::available_parallelism()
                .map_or(1, usize::from)
                .min(paths.len().max(1));
            let chunk = paths.len().div_ceil(workers).max(1);
            std::thread::scope(|scope| {
                let handles: Vec<_> = paths
                    .chunks(chunk)
                    .map(|part| {
                        scope.spawn(move || {
                            part.iter()
                                .map(|p| {
                                    p.map(|p| {
                                        self.load(p)
                                            .map(|l| l.file.community)
                                            .map_err(|e| e.reason())
                                    })
                                })
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                // A worker that failed leaves its members unreadable, never out of the list
                // (the rows are matched to the members by position).
                handles
                    .into_iter()
                    .zip(paths.chunks(chunk))
                    .flat_map(|(h, part)| {
                        h.join().unwrap_or_else(|_| {
                            part.iter()
                                .map(|p| {
                                    p.map(|_| Err("convene failed while reading it".to_string()))
                                })
                                .collect()
                        })
                    })
                    .collect()
            })
        };
        c.members
            .iter()
            .zip(resolved)
            .zip(loaded)
            .map(|((member, link), community)| {
                let path = link.summary().map(|s| s.path.clone());
                let (found, community) = match (link, community) {
                    (Link::Found(_), Some(Ok(c))) => (Found::Here, Some(c)),
                    (Link::Moved(_), Some(Ok(c))) => (Found::Moved, Some(c)),
                    (_, Some(Err(reason))) => (Found::Unreadable(reason), None),
                    (Link::Unreadable(reason), _) => (Found::Unreadable(reason.to_string()), None),
                    _ => (Found::Missing, None),
                };
                Gathered {
                    member: member.clone(),
                    path,
                    found,
                    community,
                }
            })
            .collect()
    }

    /// The overview of the constellation in `path`.
    pub fn overview(
        &self,
        path: &Path,
        guide: &Guide,
        today: chrono::NaiveDate,
    ) -> Result<(LoadedConstellation, Overview), StoreError> {
        let c = self.load_constellation(path)?;
        let entries = self.list(guide)?;
        let gathered = self.gather(c.constellation(), &entries);
        let overview = Overview::build(c.constellation(), gathered, guide, today);
        Ok((c, overview))
    }

    /// Writes into the constellation what the folder says of its links: the new file of a
    /// member that moved, the new name of one renamed inside. Returns what it changed, in
    /// words; missing members are left as they are (never dropped).
    pub fn repair_links(
        &self,
        c: &mut LoadedConstellation,
        entries: &[Entry],
    ) -> Result<Vec<String>, StoreError> {
        let resolved: Vec<(PathBuf, String, bool)> = links::resolve(c.constellation(), entries)
            .iter()
            .map(|l| match l {
                Link::Found(s) => (s.path.clone(), s.name.clone(), false),
                Link::Moved(s) => (s.path.clone(), s.name.clone(), true),
                Link::Unreadable(_) | Link::Missing => (PathBuf::new(), String::new(), false),
            })
            .collect();
        let mut changed = Vec::new();
        for (member, (path, name, moved)) in c.file.constellation.members.iter_mut().zip(resolved) {
            if path.as_os_str().is_empty() {
                continue;
            }
            if moved {
                let file = names::file_name(&path);
                changed.push(format!("{} is now {file}", member.file));
                member.file = file;
            }
            if member.name != name {
                if !member.name.is_empty() && !moved {
                    changed.push(format!("{} is now called \"{name}\"", member.file));
                }
                member.name = name;
            }
        }
        if !changed.is_empty() || self.differs(c) {
            touch(&mut c.file.constellation);
            self.save_constellation(c)?;
        }
        Ok(changed)
    }

    /// Whether what is in memory differs from the file on disk.
    fn differs(&self, c: &LoadedConstellation) -> bool {
        let mut file = c.file.clone();
        Fingerprint::of(file.render().as_bytes()) != c.disk
    }
}

pub(super) fn touch(c: &mut Constellation) {
    c.updated = Some(crate::community::now());
    if c.created.is_none() {
        c.created = c.updated;
    }
}

/// Removes files convene just created (they hold only copies).
pub(super) fn remove_all<'p>(paths: impl IntoIterator<Item = &'p PathBuf>) {
    for path in paths {
        let _ = fs::remove_file(path);
    }
}
