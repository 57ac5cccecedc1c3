//! What changes several files at once: a split, a sibling added, a rename followed, a learning
//! entry shared, the examples added. Ordered so a failure half-way loses nothing and leaves no
//! half-made constellation: new community files first, the constellation file last, and the new
//! files removed again if that last write fails; the original community is never written.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::{ConstellationEntry, Split, remove_all, touch};
use crate::community::{Answer, Community, CommunityFile};
use crate::constellation::{Constellation, ConstellationFile, Member, learning, split};
use crate::guide::Guide;
use crate::store::{Store, StoreError, names};

impl Store {
    /// Splits the community at `original` into one new community per name in `topics`, each
    /// starting with the original's answers to the questions in `carry`; the original is left
    /// as it is. The new communities join the original's constellation, or a new one named
    /// after it (with the original as its first community, and its primary purpose as the
    /// shared purpose) when it is in none.
    pub fn split(
        &self,
        original: &Path,
        topics: &[String],
        carry: &BTreeSet<String>,
        guide: &Guide,
        now: DateTime<FixedOffset>,
    ) -> Result<Split, StoreError> {
        let source = self.load(original)?;
        let entries = self.list(guide)?;
        let topics = split::topics(&topics.join("\n"), &entries).map_err(StoreError::Refused)?;
        let existing = self.constellation_of(&source.path, &entries);
        if existing.is_none() {
            let taken = self.constellations().iter().any(|e| match e {
                ConstellationEntry::Readable(c) => {
                    names::agreement(&c.constellation().name, &source.community().name).is_some()
                }
                ConstellationEntry::Unreadable { .. } => false,
            });
            if taken {
                return Err(StoreError::Refused(format!(
                    "a constellation called \"{}\" already exists; rename this community first",
                    crate::text::sanitize_line(&source.community().name)
                )));
            }
        }
        let mut created = Vec::new();
        for topic in &topics {
            let community = split::start(source.community(), topic, carry, guide, now);
            match self.create_from(community, guide) {
                Ok(loaded) => created.push((loaded.path, topic.clone())),
                Err(err) => {
                    remove_all(created.iter().map(|(p, _)| p));
                    return Err(err);
                }
            }
        }
        let members = created.iter().map(|(path, name)| Member {
            file: names::file_name(path),
            name: name.clone(),
            contributes: String::new(),
        });
        let written = match existing {
            Some(mut c) => {
                c.file.constellation.members.extend(members);
                touch(&mut c.file.constellation);
                self.save_constellation(&mut c).map(|()| c.path)
            }
            None => {
                let mut c = Constellation::new(source.community().name.clone(), now);
                c.shared_purpose = match source.community().answers.get("primary_purpose") {
                    Some(Answer::Text(t)) => t.trim().to_string(),
                    _ => String::new(),
                };
                c.members.push(Member {
                    file: names::file_name(&source.path),
                    name: source.community().name.clone(),
                    contributes: String::new(),
                });
                c.members.extend(members);
                self.create_constellation(c).map(|c| c.path)
            }
        };
        match written {
            Ok(constellation) => Ok(Split {
                constellation,
                created: created.into_iter().map(|(p, _)| p).collect(),
            }),
            Err(err) => {
                remove_all(created.iter().map(|(p, _)| p));
                Err(err)
            }
        }
    }

    /// Adds a new, empty community called `name` to the constellation in `path`; returns its
    /// file. Refused when a community of that name exists.
    pub fn add_sibling(
        &self,
        path: &Path,
        name: &str,
        guide: &Guide,
    ) -> Result<PathBuf, StoreError> {
        let mut c = self.load_constellation(path)?;
        let entries = self.list(guide)?;
        let name = split::topics(name, &entries).map_err(StoreError::Refused)?;
        let [name] = name.as_slice() else {
            return Err(StoreError::Refused(
                "give one name for the new community".to_string(),
            ));
        };
        let mut community = Community::new(name.clone());
        // Siblings usually write in the same language.
        community.language = self
            .gather(c.constellation(), &entries)
            .into_iter()
            .find_map(|g| g.community.and_then(|c| c.language));
        let loaded = self.create_as(CommunityFile::new(community), None, guide)?;
        c.file.constellation.members.push(Member {
            file: names::file_name(&loaded.path),
            name: name.clone(),
            contributes: String::new(),
        });
        touch(&mut c.file.constellation);
        if let Err(err) = self.save_constellation(&mut c) {
            remove_all([&loaded.path]);
            return Err(err);
        }
        Ok(loaded.path)
    }

    /// After the community in `old` was renamed to `name` in the file `new`, says so in every
    /// constellation that lists `old`.
    pub fn follow_rename(&self, old: &Path, new: &Path, name: &str) -> Result<(), StoreError> {
        let (old_file, new_file) = (names::file_name(old), names::file_name(new));
        let mut failed = Vec::new();
        for entry in self.constellations() {
            let ConstellationEntry::Readable(mut c) = entry else {
                continue;
            };
            let mut changed = false;
            for m in &mut c.file.constellation.members {
                if m.file == old_file {
                    m.file = new_file.clone();
                    m.name = name.to_string();
                    changed = true;
                }
            }
            if changed {
                touch(&mut c.file.constellation);
                if let Err(err) = self.save_constellation(&mut c) {
                    failed.push(err);
                }
            }
        }
        match failed.len() {
            0 => Ok(()),
            1 => Err(failed.remove(0)),
            _ => Err(StoreError::Several(failed)),
        }
    }

    /// Marks a learning entry of the community in `path` as shared with the community `with`:
    /// written into the entry's row, if the log still holds it as listed and no other convene
    /// has the community open.
    pub fn share_learning(
        &self,
        path: &Path,
        entry: &learning::Entry,
        with: &str,
        guide: &Guide,
    ) -> Result<(), StoreError> {
        if let Some(holder) = crate::store::lock::holders(path).first() {
            return Err(StoreError::Refused(format!(
                "{} is open in another convene ({}); mark it there",
                names::file_name(path),
                holder.who()
            )));
        }
        let mut loaded = self.load(path)?;
        if loaded.file.is_read_only() {
            return Err(StoreError::Refused(format!(
                "{} was written by a newer convene and is read-only",
                names::file_name(path)
            )));
        }
        learning::share(loaded.community_mut(), entry.index, entry, with)
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        self.save(&mut loaded, guide)
    }
}

impl Store {
    /// Adds the example communities and constellations to the folder; returns how many files
    /// were written. An example's community is created under a fresh file name when one of
    /// that name exists, and its constellation names the file it got.
    pub fn add_examples(&self, guide: &Guide) -> usize {
        let mut created: Vec<(&str, PathBuf)> = Vec::new();
        for (file, text) in crate::samples::EXAMPLES {
            if let Ok(parsed) = CommunityFile::parse(text)
                && let Ok(loaded) = self.create_from(parsed.community, guide)
            {
                created.push((file, loaded.path));
            }
        }
        let mut count = created.len();
        for (_, text) in crate::samples::CONSTELLATIONS {
            let Ok(parsed) = ConstellationFile::parse(text) else {
                continue;
            };
            let mut c = parsed.constellation;
            // Only the members whose example was written, under the file each one got.
            c.members
                .retain_mut(|m| match created.iter().find(|(file, _)| *file == m.file) {
                    Some((_, path)) => {
                        m.file = names::file_name(path);
                        true
                    }
                    None => false,
                });
            if self.create_constellation(c).is_ok() {
                count += 1;
            }
        }
        count
    }
}
