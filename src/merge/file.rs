//! Merging community files: three texts in, the merged text out.
//!
//! The merged file is mine's text with the merged community written into it, so mine's
//! comments, layout and unknown keys stay where they were (toml_edit edits the document rather
//! than writing a new one). Conflicts that remain are written into the file too, as
//! `[[merge_conflicts]]` tables saying where, and what base, mine and theirs held: the file
//! still parses, holds mine at each conflicted place and theirs beside it, so nothing is lost,
//! and `convene check` points at each one until the facilitator settles it and deletes it.
//!
//! The same tables carry a conflict from one merge to the next, wherever it was made: the app
//! writes those its own merges leave (see `store::merging`), reads a file's when it opens it,
//! and takes each out as the facilitator settles it ([`set_conflicts`]). Merging files whose
//! tables differ merges the tables too, as a set ([`pending`]): one settled on either side
//! stays settled.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::{Conflict, Merged, Place, merge};
use crate::community::{CommunityFile, FormatError};
use crate::guide::Guide;

/// The table the remaining conflicts are written under.
pub const CONFLICTS_KEY: &str = "merge_conflicts";

/// Why three files could not be merged at all.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("the {which} version is not a community file convene can read: {error}")]
    Unreadable { which: &'static str, error: String },
    #[error("could not write the merged file: {0}")]
    Render(#[from] FormatError),
}

/// The merged file and the conflicts this merge found (the file also carries any the merged
/// files held still unsettled).
#[derive(Debug, Clone)]
pub struct MergedText {
    pub text: String,
    pub conflicts: Vec<Conflict>,
}

/// Merges the texts of three versions of one community file.
pub fn merge_texts(
    base: &str,
    mine: &str,
    theirs: &str,
    guide: &Guide,
) -> Result<MergedText, MergeError> {
    let read = |which, text: &str| {
        CommunityFile::parse(text).map_err(|e| MergeError::Unreadable {
            which,
            error: e.to_string(),
        })
    };
    let base = read("common (base)", base)?;
    let mut mine_file = read("own (mine)", mine)?;
    let theirs = read("other (theirs)", theirs)?;
    let Merged {
        community,
        conflicts,
    } = merge(
        &base.community,
        &mine_file.community,
        &theirs.community,
        guide,
    );
    let carried = pending(
        &conflicts_of(&base),
        &conflicts_of(&mine_file),
        &conflicts_of(&theirs),
        &conflicts,
    );
    mine_file.community = community;
    let text = mine_file.render(guide)?;
    let text = with_conflicts(&text, &carried);
    Ok(MergedText { text, conflicts })
}

/// The conflicts a file's `[[merge_conflicts]]` hold, in file order; none if it has none (or
/// was never saved).
pub fn conflicts_of(file: &CommunityFile) -> Vec<Conflict> {
    file.source().map(conflicts_in).unwrap_or_default()
}

/// The conflicts written in a community file's text.
pub fn conflicts_in(text: &str) -> Vec<Conflict> {
    // Most files have none: those are not parsed again.
    if !text.contains(CONFLICTS_KEY) {
        return Vec::new();
    }
    let Ok(doc) = text.parse::<toml_edit::DocumentMut>() else {
        return Vec::new();
    };
    let Some(list) = doc.get(CONFLICTS_KEY).and_then(Item::as_array_of_tables) else {
        return Vec::new();
    };
    list.iter()
        .map(|table| {
            let text = |key: &str| {
                table
                    .get(key)
                    .and_then(Item::as_str)
                    .filter(|text| !text.is_empty())
                    .map(str::to_string)
            };
            Conflict {
                place: Place::parse(&text("place").unwrap_or_default()),
                base: text("base"),
                mine: text("mine"),
                theirs: text("theirs"),
            }
        })
        .collect()
}

/// Writes `conflicts` as the file's `[[merge_conflicts]]`, in place of those it held (none:
/// the tables go). The model is untouched: the next save writes it into the changed text.
pub fn set_conflicts(
    file: &mut CommunityFile,
    conflicts: &[Conflict],
    guide: &Guide,
) -> Result<(), FormatError> {
    if file.source().is_none() {
        if conflicts.is_empty() {
            return Ok(());
        }
        file.render(guide)?;
    }
    let source = file.source().unwrap_or_default();
    let text = with_conflicts(source, conflicts);
    if text != source {
        file.replace_source(text);
    }
    Ok(())
}

/// The conflicts still to settle after a merge: those the files held, merged as a set (one
/// settled on one side and left on the other is settled), then those this merge found, each
/// in place of any earlier one at the same place.
pub fn pending(
    base: &[Conflict],
    mine: &[Conflict],
    theirs: &[Conflict],
    found: &[Conflict],
) -> Vec<Conflict> {
    let settled = |c: &Conflict| base.contains(c) && !(mine.contains(c) && theirs.contains(c));
    let mut kept: Vec<Conflict> = Vec::new();
    for conflict in mine.iter().chain(theirs) {
        if !settled(conflict) && !kept.contains(conflict) {
            kept.push(conflict.clone());
        }
    }
    kept.retain(|c| !found.iter().any(|f| f.place == c.place));
    kept.extend(found.iter().cloned());
    kept
}

/// `text` with the conflicts written under [`CONFLICTS_KEY`], in place of any written before
/// (none: the key goes).
fn with_conflicts(text: &str, conflicts: &[Conflict]) -> String {
    if conflicts.is_empty() && !text.contains(CONFLICTS_KEY) {
        return text.to_string();
    }
    let Ok(mut doc) = text.parse::<DocumentMut>() else {
        return text.to_string();
    };
    if conflicts.is_empty() {
        doc.remove(CONFLICTS_KEY);
        return doc.to_string();
    }
    let mut list = ArrayOfTables::new();
    for conflict in conflicts {
        let mut table = Table::new();
        table.insert("place", value(conflict.place.describe()));
        for (key, side) in [
            ("base", &conflict.base),
            ("mine", &conflict.mine),
            ("theirs", &conflict.theirs),
        ] {
            table.insert(key, value(side.clone().unwrap_or_default()));
        }
        list.push(table);
    }
    doc.insert(CONFLICTS_KEY, Item::ArrayOfTables(list));
    doc.to_string()
}
