//! The constellation overview screen: its communities side by side, and the learning logs of
//! them all in one list.
//!
//! The overview is read from the files when it opens (the store gathers each member) and is
//! never edited here: adding a sibling or marking an entry as shared is an effect, after which
//! the overview is read again, so what the screen shows is always what the files say.

use std::path::PathBuf;

use super::line::LineInput;
use crate::constellation::learning;
use crate::constellation::overview::Overview;

/// Which page of the overview is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The communities side by side, and the bridges.
    Grid,
    /// The learning logs of every community, in date order.
    Learning,
}

/// A question the overview is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// The name of a new community of the constellation.
    Sibling(LineInput),
    /// Which community the entry at `entry` (of [`Orbit::learning`]) is shared with: one of
    /// `choices` (rows of the overview), the one at `selected`.
    ShareWith {
        entry: usize,
        choices: Vec<usize>,
        selected: usize,
    },
}

#[derive(Debug)]
pub struct Orbit {
    /// The constellation's file.
    pub path: PathBuf,
    pub overview: Overview,
    /// [`learning::across`] of the overview, read when it was gathered.
    pub learning: Vec<learning::Entry>,
    pub page: Page,
    /// The selected community (a row of the overview).
    pub selected: usize,
    /// The selected learning entry.
    pub entry: usize,
    pub ask: Option<Ask>,
}

impl Orbit {
    pub fn new(path: PathBuf, overview: Overview, today: chrono::NaiveDate) -> Orbit {
        let learning = learning::across(&overview, today);
        Orbit {
            path,
            overview,
            learning,
            page: Page::Grid,
            selected: 0,
            entry: 0,
            ask: None,
        }
    }

    /// The selected community's file, when it is in the folder.
    pub fn selected_path(&self) -> Option<&PathBuf> {
        self.overview.rows.get(self.selected)?.path.as_ref()
    }

    /// Selects the row of the community in `path`, if it is one.
    pub fn select_path(&mut self, path: &std::path::Path) {
        if let Some(i) = self
            .overview
            .rows
            .iter()
            .position(|r| r.path.as_deref() == Some(path))
        {
            self.selected = i;
        }
    }

    pub fn up(&mut self) {
        match self.page {
            Page::Grid => self.selected = self.selected.saturating_sub(1),
            Page::Learning => self.entry = self.entry.saturating_sub(1),
        }
    }

    pub fn down(&mut self) {
        match self.page {
            Page::Grid if self.selected + 1 < self.overview.rows.len() => self.selected += 1,
            Page::Learning if self.entry + 1 < self.learning.len() => self.entry += 1,
            _ => {}
        }
    }

    /// The communities the selected entry may be shared with: every other one that opened.
    pub fn share_choices(&self) -> Vec<usize> {
        let Some(entry) = self.learning.get(self.entry) else {
            return Vec::new();
        };
        self.overview
            .rows
            .iter()
            .enumerate()
            .filter(|(i, r)| *i != entry.community && r.community.is_some())
            .map(|(i, _)| i)
            .collect()
    }
}
