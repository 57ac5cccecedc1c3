//! Keys convene does not know, for `check`'s warnings.
//!
//! A key convene does not know is kept where the facilitator wrote it, with its comments (the
//! encoder edits the file's own document and leaves such keys alone), so it is never an error.
//! It is still worth a word: most are typos of a key convene does know, and a typo silently
//! kept is an answer silently missing. The answers' ids and the notes' groups are checked
//! against the guide with the rest of `check`; these are the keys of the file's own frame: the
//! top of the file, a rating's table, `[workshop]` and its rows.

use std::ops::Range;

use super::super::decode::rows;
use super::super::encode::{HEAD_KEYS, WORKSHOP_KEYS, row_keys};
use super::super::tree::{Node, Table};
use crate::text::sanitize_line;

/// The tables under the top of a file, after its first keys.
const TABLES: [&str; 4] = ["answers", "ratings", "notes", "workshop"];

/// The keys of a rating's table.
const RATING_KEYS: [&str; 2] = ["rating", "comment"];

/// Reports, at its key, each key in the file's frame that convene does not know.
pub(super) fn unknown_keys(
    text: &str,
    root: &Table,
    report: &mut dyn FnMut(Option<Range<usize>>, String),
) {
    // What `convene merge` left for the facilitator: not a typo, work to do.
    for entry in root
        .iter()
        .filter(|e| &*e.key == crate::merge::CONFLICTS_KEY)
    {
        report(
            entry.key_span.range(),
            format!(
                "a merge left answers changed on both sides to settle: each [[{}]] says where, \
                 with the common version, yours (kept in the answer) and theirs; open the \
                 community in convene to settle them (F2), or settle each by hand and delete its \
                 table",
                crate::merge::CONFLICTS_KEY
            ),
        );
    }
    let mut unknown = |fields: &Table, known: &[&str], what: &str, has: &str| {
        for entry in fields.iter().filter(|e| !known.contains(&&*e.key)) {
            report(
                entry.key_span.range(),
                format!(
                    "{what}`{}` is not a key convene knows ({has}); it is kept where it is: is it mistyped?",
                    sanitize_line(&entry.key)
                ),
            );
        }
    };
    let top: Vec<&str> = HEAD_KEYS.iter().chain(&TABLES).copied().collect();
    let mut known_here = top.clone();
    known_here.push(crate::merge::CONFLICTS_KEY);
    unknown(
        root,
        &known_here,
        "",
        &format!("a file has {}", top.join(", ")),
    );
    if let Some(ratings) = root.get("ratings").and_then(Node::as_table) {
        for entry in ratings.iter() {
            if let Some(fields) = entry.node.as_table() {
                let what = format!("rating `{}`: ", sanitize_line(&entry.key));
                unknown(
                    fields,
                    &RATING_KEYS,
                    &what,
                    "a rating has rating and comment",
                );
            }
        }
    }
    let Some(workshop) = root.get("workshop").and_then(Node::as_table) else {
        return;
    };
    let has = format!("[workshop] has {}", WORKSHOP_KEYS.join(", "));
    unknown(workshop, &WORKSHOP_KEYS, "[workshop]: ", &has);
    for list in ["cards", "parking_lot", "log"] {
        // A list that is not one of tables is an error already said.
        for row in rows(text, workshop, list, &mut Vec::new()) {
            let keys = row_keys(list);
            let has = format!("it has {}", keys.join(", "));
            unknown(row.fields, keys, &format!("{}: ", row.name()), &has);
        }
    }
}
