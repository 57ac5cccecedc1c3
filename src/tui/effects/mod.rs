//! What the update asks the world to do, as data.
//!
//! [`crate::tui::update`] never touches the store, the file system or the clock: it returns
//! these, and the runtime ([`perform`]) does them and feeds each outcome back as a
//! [`crate::tui::update::Msg`]. So every rule about what happens after a save, a failed save or a
//! file changed underneath is decided in one pure function the tests can drive without a folder,
//! and every effect is performed in one place.

mod constellation;
mod perform;

use std::path::PathBuf;

use crate::community::CommunityFile;
use crate::export::Audience;
use crate::store::lock::{Held, Holder};
use crate::store::{Entry, Loaded, RecoveryCopy, Restored};
pub(crate) use constellation::{
    open as open_constellation, provisional as provisional_constellation,
};
pub(crate) use perform::open;
pub use perform::perform;

#[derive(Debug)]
pub enum Effect {
    /// Write the open community to its file (the file is reached through the session while
    /// this is performed, not copied into the effect: a community may be megabytes).
    Save(Then),
    /// The file had changed underneath: merge the change in (from the version loaded or last
    /// saved) and save, if nothing overlaps.
    MergeIn(Then),
    /// The file had changed underneath: save the open community in a new file beside it, its
    /// name marked with `label` ("your copy 2 Dec 14:02"), and go on in that copy.
    SaveCopy { label: String, then: Then },
    /// The save failed for `reason`: put the open community in a recovery copy.
    KeepRecovery { reason: String, then: Then },
    /// Put this draft (the community with the capture line's words filed in it) in a recovery
    /// copy.
    KeepDraft(Box<Loaded>),
    /// Remember that the community at this path was left at this place (see
    /// [`crate::tui::model::walk::Walk::place`]).
    RememberPlace { path: PathBuf, place: String },
    /// The recovery copy of the community at this path is no longer needed.
    ForgetRecovery(PathBuf),
    /// Remove this convene's mark that it has a community open (dropping the guard removes it:
    /// the update hands it over rather than dropping it itself, since that touches the folder).
    Release(Held),
    /// List the data folder for home, then select this file.
    List { select: Option<PathBuf> },
    /// Open the community at this path.
    Open { path: PathBuf, how: How },
    /// Create a community with this name and open it.
    Create(String),
    /// Give the community at this path a new name.
    Rename { path: PathBuf, name: String },
    /// Copy the community at this path as a new one.
    Duplicate(PathBuf),
    /// Move the file at this path to the trash folder.
    Trash(PathBuf),
    /// Read the earlier versions of the community at `path` from git, for the walk's field at
    /// `place`.
    Earlier { path: PathBuf, place: String },
    /// Add the example communities to the data folder.
    AddExamples,
    /// Write the charter of this community for this audience, named after the file at this
    /// path.
    Export(Box<CommunityFile>, PathBuf, Audience),
    /// Write the charter of the community in the file at this path, for this audience.
    ExportFile(PathBuf, Audience),
    /// Gather the constellation in this file for its overview (writing in the links that
    /// moved), then select this community, on this page.
    OpenConstellation {
        path: PathBuf,
        select: Option<PathBuf>,
        learning: bool,
    },
    /// Add a new community called `name` to the constellation in `constellation`.
    AddSibling {
        constellation: PathBuf,
        name: String,
    },
    /// Mark a learning entry of the community in `path` as shared with the community `with`.
    Share {
        constellation: PathBuf,
        path: PathBuf,
        entry: Box<crate::constellation::learning::Entry>,
        with: String,
    },
    /// Check the names of a split of the community in `path` (as typed) and say what its new
    /// communities may carry.
    PlanSplit { path: PathBuf, typed: String },
    /// Split the community in `path` into `topics`, each starting with the answers in `carry`.
    Split {
        path: PathBuf,
        topics: Vec<String>,
        carry: std::collections::BTreeSet<String>,
    },
    /// Write the constellation charter of the constellation in this file, for this audience,
    /// with each community's own charter beside it.
    ExportConstellation(PathBuf, Audience),
    /// Restore this recovery copy.
    Restore(RecoveryCopy),
    /// Move this recovery copy to the trash.
    Discard(RecoveryCopy),
    /// Suspend the TUI and edit this text in $VISUAL / $EDITOR; the text that comes back may
    /// cost at most `room` bytes in the file (see [`crate::tui::model::room`]).
    OpenEditor { text: String, room: usize },
    /// Ring the terminal bell (the timebox reached its end).
    Bell,
    /// Leave (everything is saved, or the facilitator insisted).
    Quit,
}

/// What comes after a save, once its outcome is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Carry on.
    Stay,
    /// Back to home, unless the work is in no file.
    GoHome,
    /// Leave, unless the work is in no file or went to a copy (the facilitator sees that
    /// first; a second Ctrl-Q leaves anyway).
    Quit,
}

/// How to open a community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// For writing, asking first if another convene has it open.
    Ask,
    /// Read-only, for this reason (someone else has it open).
    ReadOnly(String),
    /// For writing even though another convene has it open (who, in the status line's words).
    Anyway(String),
}

impl Effect {
    /// Whether the terminal must do this (the runtime's loop), rather than the store.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Effect::OpenEditor { .. } | Effect::Bell | Effect::Quit
        )
    }
}

/// What came of an effect, as the runtime feeds it back to the update.
#[derive(Debug)]
pub enum Done {
    Saved {
        result: Result<(), SaveFailed>,
        then: Then,
    },
    MergedIn {
        result: Result<crate::store::MergedIn, String>,
        then: Then,
    },
    SavedCopy {
        /// The copy, and this convene's mark that it has it open.
        result: Result<(Loaded, Option<Held>), String>,
        /// The file that had changed underneath, left as it is.
        theirs: PathBuf,
        then: Then,
    },
    KeptRecovery {
        result: Result<PathBuf, String>,
        reason: String,
        then: Then,
    },
    KeptDraft(Result<PathBuf, String>),
    Listed {
        result: Result<Vec<Entry>, String>,
        select: Option<PathBuf>,
        /// The folder's constellations, grouped from that listing.
        groups: Vec<crate::store::Grouped>,
    },
    Opened {
        path: PathBuf,
        how: How,
        result: Result<(Loaded, Claimed), String>,
        /// Where this user left it last time, if anywhere.
        place: Option<String>,
    },
    Created(Result<(Loaded, Option<Held>), String>),
    /// Renamed (the file it is in now), or the status line's words for why not.
    Renamed(Result<PathBuf, String>),
    /// The copy's file and name, or why there is none.
    Duplicated(Result<(PathBuf, String), String>),
    Trashed(Result<(), String>),
    ExamplesAdded(usize),
    /// The charter's files (`exports/name.{md,html,json}`).
    Exported(Result<PathBuf, ExportFailed>),
    Restored(Result<Restored, String>),
    /// The overview of the constellation in `path` (and what was written into its links), or
    /// why there is none.
    ConstellationOpened {
        path: PathBuf,
        result: Result<(Box<crate::constellation::overview::Overview>, Vec<String>), String>,
        select: Option<PathBuf>,
        learning: bool,
    },
    /// The new community's file, or why there is none.
    SiblingAdded {
        constellation: PathBuf,
        result: Result<PathBuf, String>,
    },
    /// The status line's words for what a share did, or why it did not.
    Shared {
        constellation: PathBuf,
        result: Result<String, String>,
    },
    /// What a split's communities may carry, or why the split is refused.
    SplitPlanned(Result<Box<crate::tui::model::home::SplitPlan>, String>),
    /// What a split made, or why it made nothing.
    SplitDone(Result<crate::store::Split, String>),
    /// The versions in which the field at `place` changed, newest first, or why there are none.
    Earlier {
        place: String,
        result: Result<Vec<crate::tui::model::walk::earlier::Then>, String>,
    },
    /// Where the recovery copy went in the trash.
    Discarded(Result<PathBuf, String>),
}

/// Why a save did not write the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveFailed {
    /// Someone else changed the file since convene loaded it.
    Conflict,
    /// It could not be written, for this reason.
    Unwritable(String),
}

/// Whether another convene has the community open, as the runtime found when opening it.
#[derive(Debug)]
pub enum Claimed {
    /// No one else: this convene's mark (none where the folder takes no marks, or the file is
    /// never written here).
    Held(Option<Held>),
    /// These convenes have it open (never empty).
    Busy(Vec<Holder>),
}

/// Why a charter was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFailed {
    /// The community could not be read.
    Load(String),
    Write(String),
}
