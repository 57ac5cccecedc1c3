//! Merging community files: three texts in, the merged text out.
//!
//! The merged file is mine's text with the merged community written into it, so mine's
//! comments, layout and unknown keys stay where they were (toml_edit edits the document rather
//! than writing a new one). Conflicts that remain are written into the file too, as
//! `[[merge_conflicts]]` tables saying where, and what base, mine and theirs held: the file
//! still parses, holds mine at each conflicted place and theirs beside it, so nothing is lost,
//! and `convene check` points at each one until the facilitator settles it and deletes it.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::{Conflict, Merged, merge};
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

/// The merged file and its conflicts.
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
    mine_file.community = community;
    let mut text = mine_file.render(guide)?;
    if !conflicts.is_empty() {
        text = with_conflicts(&text, &conflicts);
    }
    Ok(MergedText { text, conflicts })
}

/// `text` with the conflicts written under [`CONFLICTS_KEY`] (replacing any written before).
fn with_conflicts(text: &str, conflicts: &[Conflict]) -> String {
    let Ok(mut doc) = text.parse::<DocumentMut>() else {
        return text.to_string();
    };
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
