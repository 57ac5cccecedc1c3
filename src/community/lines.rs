//! Line numbers for byte offsets, cheaply, however many are asked for.
//!
//! `check` may report a warning in each of a hundred thousand table rows; counting line breaks
//! from the top of a 4 MB file for each of them would take minutes. The offsets of the line
//! breaks are found once, and each line is then a binary search.

use std::collections::BTreeMap;

use super::decode::Located;
use super::kept::Part;

/// Where each line of a text starts.
pub(crate) struct LineIndex {
    /// Byte offsets of the `\n`s.
    breaks: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(raw: &str) -> LineIndex {
        let breaks = raw
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i)
            .collect();
        LineIndex { breaks }
    }

    /// The line (from 1) the byte at `offset` is on.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.breaks.partition_point(|&b| b < offset) + 1
    }

    /// A problem at the byte `offset` of `raw` (the text this index was made from).
    pub(crate) fn locate(&self, raw: &str, offset: usize, message: String) -> Located {
        let offset = offset.min(raw.len());
        let line = self.line(offset);
        let start = match line {
            1 => 0,
            n => self.breaks[n - 2] + 1,
        };
        let column = raw.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        Located {
            line,
            column,
            message,
        }
    }
}

/// The line each value under `[answers]`, `[ratings]` and `[notes]` starts on, so a notice can
/// say where a kept value is. Worked out when the file is read, and again after a save that may
/// have moved a kept value (see `CommunityFile::render`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines(BTreeMap<(Part, String), usize>);

impl Lines {
    pub fn insert(&mut self, part: Part, id: &str, line: usize) {
        self.0.insert((part, id.to_string()), line);
    }

    pub fn get(&self, part: Part, id: &str) -> Option<usize> {
        self.0.get(&(part, id.to_string())).copied()
    }
}
