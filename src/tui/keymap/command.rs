//! What a key can ask for: every command of the app, each with a line on what it does. The
//! keymap's table (`bindings.rs`) says which key asks for which, where; the settings name them
//! (`names.rs`).

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Leave convene, saving first.
    Quit,
    /// Save the open community now.
    Save,
    /// Show or hide the help screen.
    Help,
    /// Go back: close help or a prompt, or leave the walk for the home list.
    Back,
    /// Next question (or notes) in the walk.
    NextField,
    /// Previous question in the walk.
    PrevField,
    /// First question of the next section.
    NextSection,
    /// First question of the previous section.
    PrevSection,
    /// The next question not answered yet.
    NextUnanswered,
    /// Show or hide the guidance beside the question.
    ToggleGuidance,
    /// Go to the section a question's "see also" names, or back from it.
    SeeAlso,
    /// Edit the current answer in $VISUAL / $EDITOR.
    OpenEditor,
    /// Write the charter (Markdown, HTML, JSON) to the exports folder.
    Export,
    /// Undo the last edit of the answer.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Home: create a community.
    New,
    /// Home: open the selected community.
    Open,
    /// Home: rename the selected community.
    Rename,
    /// Home: duplicate the selected community.
    Duplicate,
    /// Home: move the selected community to the trash folder.
    Delete,
    /// Home: filter the list by name.
    Filter,
    /// Home: add the example communities.
    Examples,
    /// Home: move the selection up.
    Up,
    /// Home: move the selection down.
    Down,
    /// Choosing whom a charter is for: write it for this audience.
    ExportFor(crate::export::Audience),
    /// Choosing whom a charter is for: the usual audience (members, unless the settings say).
    ExportDefault,
    /// Help: a page up.
    PageUp,
    /// Help: a page down.
    PageDown,
    /// Table: add a row below the focused one.
    AddRow,
    /// Table: delete the focused row.
    DeleteRow,
    /// Table: move the focused row up.
    RowUp,
    /// Table: move the focused row down.
    RowDown,
    /// Show the current question to the room, or go back to answering it.
    Present,
    /// Start the timebox (a new one if there is none), or pause it.
    TimerStartPause,
    /// One minute more on the timebox.
    TimerLonger,
    /// One minute less on the timebox.
    TimerShorter,
    /// Put the timebox away.
    TimerClear,
    /// Presenter view: clear the capture line, or go back to answering.
    LeavePresenter,
    /// Presenter view: put the selected card's text into the answer.
    Promote,
    /// Presenter view: put the selected card's words on the capture line to change them.
    EditCard,
    /// Editing a card: keep the change (one undo step).
    KeepEdit,
    /// Editing a card: leave the card as it was.
    CancelEdit,
    /// Replace a value written by hand that convene keeps as it is (it cannot use its shape).
    ReplaceKept,
    /// Presenter view: show the parking lot and the session log instead of the cards, or back.
    WorkshopNotes,
    /// Presenter view: show the timebox large above the question, or small again.
    BigTimebox,
    /// A prompt: take what was typed (a name, a filter).
    Confirm,
    /// Home: split the selected community into several, one per topic.
    Split,
    /// The constellation overview: add a new community to the constellation.
    AddSibling,
    /// The constellation overview: the learning logs of all its communities, or back.
    Learning,
    /// Learning across communities: mark the selected entry as shared with another community.
    Share,
    /// A checklist: choose the selected item, or not.
    Toggle,
    /// A question: yes.
    Yes,
    /// The recovery offer: restore the copy.
    Restore,
    /// The recovery offer: move the copy to the trash.
    Discard,
    /// The recovery offer: ask again next time.
    Later,
    /// Someone else has the community open: open it read-only.
    ReadOnly,
    /// Someone else has the community open: open it all the same.
    OpenAnyway,
    /// A statement to rate: choose the rating with this index in [`RatingValue::ALL`].
    ///
    /// [`RatingValue::ALL`]: crate::community::RatingValue::ALL
    Rate(usize),
    /// A statement to rate: the next rating (towards "not sure").
    RateNext,
    /// A statement to rate: the previous rating (towards "yes").
    RatePrev,
    /// A statement to rate: go to its comment.
    Comment,
    /// Presenter view, the capture line empty: a dot for the selected card.
    DotMore,
    /// Presenter view, the capture line empty: a dot less for the selected card.
    DotLess,
    /// The walk: show what changed on both sides in a merge, to settle it (or stop settling).
    Settle,
    /// Settling a conflict: keep yours.
    KeepMine,
    /// Settling a conflict: keep theirs.
    KeepTheirs,
    /// Settling a conflict: keep both, and go to the answer to edit them into one.
    KeepBoth,
    /// The walk: the answer's earlier versions, from git (or stop showing them).
    Earlier,
}
