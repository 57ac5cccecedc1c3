//! Saving a big file without making the whole of its editable document.
//!
//! A save edits `toml_edit`'s document of the file (see `encode`), which costs some fifty
//! times the text: for a file of a hundred thousand table rows, over 300 MB at every autosave,
//! even when the facilitator only changed one sentence. Most of such a file is one or two
//! table answers that did not change. So, in a big file, each large table answer written as
//! one run of `[[answers.<id>]]` rows (as convene writes them) is a *region*; at a save, a
//! region whose rows still read as the model's answer is cut out of the text, a one-row
//! placeholder goes in its place, the rest is saved as always (the answer held out of the
//! model, so the encoder leaves the placeholder alone), and the region's own text goes back
//! where the placeholder comes out.
//!
//! Nothing rests on that reasoning alone: the new text is read back, and unless it reads as
//! exactly the model — every answer, rating, note and workshop row, and the same values kept
//! as written — it is thrown away and the save is made the ordinary way. The read-back also
//! finds the regions for the next save.

use std::ops::Range;

use super::answers;
use super::kept::Part;
use super::lines::Lines;
use super::tree::{self, Node, Table};
use super::{CommunityFile, Read, encode, read};
use crate::guide::Guide;

/// Files smaller than this are saved the ordinary way: their document is small.
pub(crate) const SPLICE_FROM: usize = 256 * 1024;

/// A region is at least this much text; smaller answers are not worth it.
const REGION_FROM: usize = 32 * 1024;

/// The rows of one table answer, written together: `text[range]` holds all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Region {
    id: String,
    range: Range<usize>,
}

/// The regions of a text read into `root`, in file order.
pub(crate) fn regions(text: &str, root: &Table) -> Vec<Region> {
    if text.len() < SPLICE_FROM {
        return Vec::new();
    }
    let Some(answers) = root.get("answers").and_then(Node::as_table) else {
        return Vec::new();
    };
    let mut found: Vec<Region> = answers
        .iter()
        .filter_map(|entry| {
            let rows = entry.node.as_array_of_tables()?;
            let first = rows.first()?.span()?;
            let last = rows.last()?.span()?;
            let range = first.start..region_end(text, &entry.key, first.start, last.end)?;
            (range.len() >= REGION_FROM).then(|| Region {
                id: entry.key.to_string(),
                range,
            })
        })
        .collect();
    found.sort_by_key(|r| r.range.start);
    // Regions never overlap (each holds only its own rows' headers), but a check costs nothing.
    if found.windows(2).any(|w| w[0].range.end > w[1].range.start) {
        return Vec::new();
    }
    found
}

/// Where the run of `[[answers.<id>]]` rows that starts at `start` ends: before the first
/// header of anything else, less the blank and comment lines above that header (which belong
/// with it). `None` when the run is not one convene can cut out: a header of another table
/// among the rows (a row's own sub-tables are fine), or a header not at the start of a line.
fn region_end(text: &str, id: &str, start: usize, last_row: usize) -> Option<usize> {
    if !(start == 0 || text[..start].ends_with('\n')) {
        return None;
    }
    let own = |line: &str| {
        let header = line.trim_start_matches('[');
        let header = header.trim_start();
        header
            .strip_prefix("answers.")
            .and_then(|rest| rest.strip_prefix(id))
            .is_some_and(|rest| {
                let rest = rest.trim_start();
                rest.starts_with(']') || rest.starts_with('.')
            })
    };
    let mut end = text.len();
    let mut at = start;
    let mut content_end = start;
    for line in text[start..].split_inclusive('\n') {
        let here = at;
        at += line.len();
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') && !own(trimmed) {
            end = here;
            break;
        }
        if !(trimmed.is_empty() || trimmed.starts_with('#')) {
            content_end = at;
        }
    }
    let end = content_end.min(end);
    (end > last_row && text[..end].ends_with('\n')).then_some(end)
}

/// The text of `file` after a save, made with its big unchanged answers cut out (see the
/// module); `None` when there is nothing to cut or the result does not read back as the model.
pub(crate) fn render(
    file: &mut CommunityFile,
    guide: &Guide,
) -> Option<(String, Vec<Region>, Lines)> {
    let source = file.source.as_deref()?;
    let unchanged: Vec<&Region> = file
        .regions
        .iter()
        .filter(|r| file.kept.get(Part::Answer, &r.id).is_none())
        .filter(|r| still_reads_as(source, r, file.community.answers.get(&r.id)))
        .collect();
    if unchanged.is_empty() {
        return None;
    }
    let nonce = nonce(source);
    let mut reduced = String::with_capacity(source.len() / 4);
    let mut placeholders = Vec::new();
    let mut at = 0;
    for (n, region) in unchanged.iter().enumerate() {
        let text = source.get(region.range.clone())?;
        let header = text.split_inclusive('\n').next()?;
        let placeholder = format!("{header}convene_splice_{n}_{nonce} = 0\n");
        reduced.push_str(source.get(at..region.range.start)?);
        reduced.push_str(&placeholder);
        placeholders.push((placeholder, region.range.clone(), region.id.clone()));
        at = region.range.end;
    }
    reduced.push_str(source.get(at..)?);

    let mut doc = reduced.parse::<toml_edit::DocumentMut>().ok()?;
    drop(reduced);
    // The held-out answers are kept as they are in the document (the placeholders) for this
    // save, and put back in the model straight after.
    let mut kept = file.kept.clone();
    let mut held = Vec::new();
    for (_, _, id) in &placeholders {
        if let Some(answer) = file.community.answers.remove(id) {
            kept.insert(
                Part::Answer,
                id,
                super::Kept {
                    found: String::new(),
                },
            );
            held.push((id.clone(), answer));
        }
    }
    encode::encode_into(&mut doc, &file.community, &kept, guide);
    file.community.answers.extend(held);
    let mut text = doc.to_string();
    drop(doc);
    for (placeholder, range, _) in &placeholders {
        let mut found = text.match_indices(placeholder.as_str());
        let (at, _) = found.next()?;
        if found.next().is_some() {
            return None;
        }
        text.replace_range(at..at + placeholder.len(), source.get(range.clone())?);
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }

    // The proof: the new text reads as exactly what is in memory.
    let root = tree::parse(&text).ok()?;
    let Read::Community {
        community, kept, ..
    } = read(&text, &root).ok()?
    else {
        return None;
    };
    if *community != file.community || kept != file.kept {
        return None;
    }
    drop(community);
    let regions = regions(&text, &root);
    let lines = answers::lines_of(&text, &root);
    Some((text, regions, lines))
}

/// Whether the region's rows still read as `answer`.
fn still_reads_as(source: &str, region: &Region, answer: Option<&super::Answer>) -> bool {
    let Some(answer) = answer else {
        return false;
    };
    // A region is of the text it was found in; one that does not fit this text is not used.
    let Some(Ok(root)) = source.get(region.range.clone()).map(tree::parse) else {
        return false;
    };
    let node = root
        .get("answers")
        .and_then(Node::as_table)
        .and_then(|t| t.get(&region.id));
    node.and_then(answers::decode_answer).as_ref() == Some(answer)
}

/// A word that does not occur in `text`, for placeholder keys no one wrote.
fn nonce(text: &str) -> String {
    (0u64..)
        .map(|n| format!("{:x}", n.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
        .find(|word| !text.contains(word.as_str()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
