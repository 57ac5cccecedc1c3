//! Every key convene reacts to, as one table.
//!
//! The help screen and the hint line are generated from [`BINDINGS`], so they cannot drift from
//! what the keys really do. Commands sit on keys that never type text (Tab, Ctrl-, F-keys, Esc)
//! wherever text is being typed; single letters are bound only on the home list, where nothing is.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    /// Show or hide the guidance beside the question.
    ToggleGuidance,
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
    /// Replace a value written by hand that convene keeps as it is (it cannot use its shape).
    ReplaceKept,
    /// Presenter view: show the parking lot and the session log instead of the cards, or back.
    WorkshopNotes,
    /// A prompt: take what was typed (a name, a filter).
    Confirm,
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
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere.
    Global,
    /// The list of communities.
    Home,
    /// Answering questions.
    Walk,
    /// Answering a question in a table (people, plan steps, …): the walk's keys apply too.
    Table,
    /// A statement to rate, its rating chosen (not its comment): the walk's keys apply too.
    Rating,
    /// The presenter view, its capture line empty: the question for the room, no editing; the
    /// walk's keys apply too.
    Presenter,
    /// The presenter view with words on its capture line: the presenter view's keys apply, but
    /// none that types (`+` is a plus sign here, not a dot).
    Capture,
    /// Home, typing a name or a filter: the line's editing keys apply (see [`line_edit`]).
    Line,
    /// Home, asking yes or no (move to the trash, a name others have): any other key is no.
    Question,
    /// Home, offering unsaved work from an earlier run.
    Recovery,
    /// Home, saying that someone else has the community open.
    Elsewhere,
}

/// One key, what it does and how help describes it.
pub struct Binding {
    pub context: Context,
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub command: Command,
    /// The key as help shows it.
    pub key: &'static str,
    /// What it does, in a few words.
    pub help: &'static str,
    /// The hint line's short label, for the few keys it shows.
    pub hint: Option<&'static str>,
}

const fn bind(
    context: Context,
    code: KeyCode,
    modifiers: KeyModifiers,
    command: Command,
    key: &'static str,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        code,
        modifiers,
        command,
        key,
        help,
        hint,
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;

use Command as C;
use Context::{
    Capture, Elsewhere, Global, Home, Line, Presenter, Question, Rating, Recovery, Table, Walk,
};

/// The keymap. Order is the order of the help screen.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(Global, KeyCode::Char('q'), CTRL, C::Quit, "Ctrl-Q", "save and quit", Some("quit")),
    bind(Global, KeyCode::F(1), NONE, C::Help, "F1", "help", Some("help")),
    bind(Global, KeyCode::Char('s'), CTRL, C::Save, "Ctrl-S", "save now", None),
    bind(Home, KeyCode::Char('n'), NONE, C::New, "n", "new community", Some("new")),
    bind(Home, KeyCode::Enter, NONE, C::Open, "Enter", "open", Some("open")),
    bind(Home, KeyCode::Char('/'), NONE, C::Filter, "/", "filter by name", Some("filter")),
    bind(Home, KeyCode::Char('x'), NONE, C::Export, "x", "export the charter", None),
    bind(Home, KeyCode::Char('e'), NONE, C::Examples, "e", "add the examples", None),
    bind(Home, KeyCode::Char('r'), NONE, C::Rename, "r", "rename", None),
    bind(Home, KeyCode::Char('d'), NONE, C::Duplicate, "d", "duplicate", None),
    bind(Home, KeyCode::Delete, NONE, C::Delete, "Del", "move to trash (asks first)", None),
    bind(Home, KeyCode::Up, NONE, C::Up, "↑", "previous community", None),
    bind(Home, KeyCode::Down, NONE, C::Down, "↓", "next community", None),
    bind(Home, KeyCode::Esc, NONE, C::Back, "Esc", "clear the filter", None),
    bind(Walk, KeyCode::Tab, NONE, C::NextField, "Tab", "next question", Some("next")),
    bind(Walk, KeyCode::BackTab, SHIFT, C::PrevField, "Shift-Tab", "previous question", Some("prev")),
    bind(Walk, KeyCode::Char('n'), CTRL, C::NextSection, "Ctrl-N", "next section", Some("next section")),
    bind(Walk, KeyCode::Char('p'), CTRL, C::PrevSection, "Ctrl-P", "previous section", None),
    bind(Walk, KeyCode::PageDown, CTRL, C::NextSection, "Ctrl-PgDn", "next section", None),
    bind(Walk, KeyCode::PageUp, CTRL, C::PrevSection, "Ctrl-PgUp", "previous section", None),
    bind(Walk, KeyCode::Char('g'), CTRL, C::ToggleGuidance, "Ctrl-G", "show/hide guidance", None),
    bind(Walk, KeyCode::Char('e'), CTRL, C::OpenEditor, "Ctrl-E", "edit in $EDITOR", None),
    bind(Walk, KeyCode::Char('o'), CTRL, C::Export, "Ctrl-O", "export the charter", None),
    bind(Walk, KeyCode::Char('z'), CTRL, C::Undo, "Ctrl-Z", "undo", None),
    bind(Walk, KeyCode::Char('y'), CTRL, C::Redo, "Ctrl-Y", "redo", None),
    bind(Walk, KeyCode::Char('r'), CTRL, C::ReplaceKept, "Ctrl-R", "replace a kept value", None),
    bind(Presenter, KeyCode::Esc, NONE, C::LeavePresenter, "Esc", "clear the line, or back to answering", Some("back")),
    bind(Presenter, KeyCode::Right, NONE, C::NextField, "→", "next question", None),
    bind(Presenter, KeyCode::Left, NONE, C::PrevField, "←", "previous question", None),
    bind(Presenter, KeyCode::Down, NONE, C::Down, "↓", "next card", None),
    bind(Presenter, KeyCode::Up, NONE, C::Up, "↑", "previous card", None),
    bind(Presenter, KeyCode::Up, CTRL, C::RowUp, "Ctrl-↑", "move the card up", None),
    bind(Presenter, KeyCode::Down, CTRL, C::RowDown, "Ctrl-↓", "move the card down", None),
    bind(Presenter, KeyCode::Char('d'), CTRL, C::DeleteRow, "Ctrl-D", "delete the card", None),
    bind(Presenter, KeyCode::Char('t'), CTRL, C::Promote, "Ctrl-T", "take the card into the answer", None),
    bind(Presenter, KeyCode::F(3), NONE, C::WorkshopNotes, "F3", "parking lot and session log / cards", None),
    bind(Presenter, KeyCode::Char('+'), NONE, C::DotMore, "+", "a dot for the card (empty line)", None),
    bind(Presenter, KeyCode::Char('-'), NONE, C::DotLess, "-", "a dot less (empty line)", None),
    bind(Capture, KeyCode::Enter, NONE, C::Confirm, "Enter", "add the line (a card, /park, /decided …)", None),
    bind(Rating, KeyCode::Char('1'), NONE, C::Rate(0), "1", "rate: yes", None),
    bind(Rating, KeyCode::Char('2'), NONE, C::Rate(1), "2", "rate: partly", None),
    bind(Rating, KeyCode::Char('3'), NONE, C::Rate(2), "3", "rate: no", None),
    bind(Rating, KeyCode::Char('4'), NONE, C::Rate(3), "4", "rate: not sure", None),
    bind(Rating, KeyCode::Right, NONE, C::RateNext, "→", "next rating", None),
    bind(Rating, KeyCode::Left, NONE, C::RatePrev, "←", "previous rating", None),
    bind(Rating, KeyCode::Down, NONE, C::Comment, "↓", "to the comment", None),
    bind(Rating, KeyCode::Enter, NONE, C::Comment, "Enter", "to the comment", None),
    bind(Walk, KeyCode::Esc, NONE, C::Back, "Esc", "back to the list", Some("back")),
    bind(Walk, KeyCode::F(5), NONE, C::Present, "F5", "presenter view on/off", Some("present")),
    bind(Walk, KeyCode::F(6), NONE, C::TimerStartPause, "F6", "start/pause the timebox", Some("timer")),
    bind(Walk, KeyCode::F(7), NONE, C::TimerShorter, "F7", "a minute less", None),
    bind(Walk, KeyCode::F(8), NONE, C::TimerLonger, "F8", "a minute more", None),
    bind(Walk, KeyCode::F(9), NONE, C::TimerClear, "F9", "put the timebox away", None),
    bind(Table, KeyCode::Char('a'), CTRL, C::AddRow, "Ctrl-A", "add a row", Some("add row")),
    bind(Table, KeyCode::Char('d'), CTRL, C::DeleteRow, "Ctrl-D", "delete the row (Ctrl-Z brings it back)", Some("delete row")),
    bind(Table, KeyCode::Up, CTRL, C::RowUp, "Ctrl-↑", "move the row up", None),
    bind(Table, KeyCode::Down, CTRL, C::RowDown, "Ctrl-↓", "move the row down", None),
    bind(Table, KeyCode::Up, ALT, C::RowUp, "Alt-↑", "move the row up", None),
    bind(Table, KeyCode::Down, ALT, C::RowDown, "Alt-↓", "move the row down", None),
    bind(Line, KeyCode::Enter, NONE, C::Confirm, "Enter", "done", Some("done")),
    bind(Line, KeyCode::Esc, NONE, C::Back, "Esc", "cancel", Some("cancel")),
    bind(Line, KeyCode::Up, NONE, C::Up, "↑", "previous community (filter)", None),
    bind(Line, KeyCode::Down, NONE, C::Down, "↓", "next community (filter)", None),
    bind(Question, KeyCode::Char('y'), NONE, C::Yes, "y", "yes", Some("yes")),
    bind(Question, KeyCode::Char('Y'), NONE, C::Yes, "Y", "yes", None),
    bind(Question, KeyCode::Esc, NONE, C::Back, "Esc", "no (as any other key)", Some("no")),
    bind(Recovery, KeyCode::Enter, NONE, C::Restore, "Enter", "restore the copy", Some("restore")),
    bind(Recovery, KeyCode::Char('r'), NONE, C::Restore, "r", "restore the copy", None),
    bind(Recovery, KeyCode::Char('d'), NONE, C::Discard, "d", "move the copy to the trash", Some("trash it")),
    bind(Recovery, KeyCode::Esc, NONE, C::Later, "Esc", "keep it for next time", Some("later")),
    bind(Elsewhere, KeyCode::Char('r'), NONE, C::ReadOnly, "r", "open read-only", Some("read-only")),
    bind(Elsewhere, KeyCode::Char('R'), NONE, C::ReadOnly, "R", "open read-only", None),
    bind(Elsewhere, KeyCode::Char('o'), NONE, C::OpenAnyway, "o", "open anyway", Some("open anyway")),
    bind(Elsewhere, KeyCode::Char('O'), NONE, C::OpenAnyway, "O", "open anyway", None),
    bind(Elsewhere, KeyCode::Esc, NONE, C::Back, "Esc", "back", Some("back")),
    bind(Elsewhere, KeyCode::Char('b'), NONE, C::Back, "b", "back", None),
    bind(Elsewhere, KeyCode::Char('B'), NONE, C::Back, "B", "back", None),
];

/// Whether bindings of `binding` apply in `context`: its own, the global ones, and those of the
/// contexts it inherits from.
pub fn applies(binding: Context, context: Context) -> bool {
    binding == Global || binding == context || inherits(context, binding)
}

/// Whether `context` takes the keys of `from` (those it does not bind itself).
fn inherits(context: Context, from: Context) -> bool {
    match context {
        Table | Rating | Presenter => from == Walk,
        Capture => matches!(from, Walk | Presenter),
        _ => false,
    }
}

/// Whether `binding` is in force in `context`. An inherited key that types a character is not:
/// where words are typed (the capture line), `+` is a plus sign, whatever the view it came
/// from does with it.
fn in_force(binding: &Binding, context: Context) -> bool {
    let types =
        matches!(binding.code, KeyCode::Char(_)) && !binding.modifiers.intersects(CTRL | ALT);
    applies(binding.context, context)
        && !(types && binding.context != context && binding.context != Global)
}

/// The command `key` asks for in `context`, if any (global bindings first).
pub fn lookup(context: Context, key: &KeyEvent) -> Option<Command> {
    // Shift is part of BackTab itself, and some terminals add it to other keys; compare the rest.
    let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let matching =
        |b: &&Binding| b.code == key.code && (b.modifiers & (CTRL | KeyModifiers::ALT)) == mods;
    // The context's own binding wins over one it inherits (Esc in the presenter view).
    BINDINGS
        .iter()
        .filter(|b| b.context == context || b.context == Global)
        .find(matching)
        .or_else(|| {
            BINDINGS
                .iter()
                .filter(|b| in_force(b, context))
                .find(matching)
        })
        .map(|b| b.command)
}

/// The bindings the hint line shows in `context`, in table order.
pub fn hints(context: Context) -> impl Iterator<Item = &'static Binding> {
    active(context).filter(|b| b.hint.is_some())
}

/// The bindings in force in `context`, in table order: its own, the global ones, and those it
/// inherits that it does not override.
pub fn active(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| {
        let overridden = b.context != context
            && b.context != Global
            && BINDINGS.iter().any(|own| {
                own.context == context && own.code == b.code && own.modifiers == b.modifiers
            });
        in_force(b, context) && !overridden
    })
}

/// Whether `key` is the key that crashes convene on purpose when the tests ask for it (see
/// [`crate::tui::CRASH_KEY_ENV`]).
pub fn is_crash_key(key: &KeyEvent) -> bool {
    key.code == KeyCode::F(12)
}

/// The key that asks for `command` in the walk, as help shows it (for messages that name it).
/// What a key does on a line being typed (see [`crate::tui::model::line`]), when it is no command:
/// the caret moves by character (←/→), by word (Ctrl-←/→) and to either end (Home/End);
/// Backspace and Delete take a character, Ctrl-W and Ctrl-Backspace a word, Ctrl-U all before
/// the caret; any other key with neither Ctrl nor Alt types its character.
pub fn line_edit(key: &KeyEvent) -> Option<tui_input::InputRequest> {
    use tui_input::InputRequest::*;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Left if ctrl || alt => GoToPrevWord,
        KeyCode::Right if ctrl || alt => GoToNextWord,
        KeyCode::Left => GoToPrevChar,
        KeyCode::Right => GoToNextChar,
        KeyCode::Home => GoToStart,
        KeyCode::End => GoToEnd,
        KeyCode::Backspace if ctrl || alt => DeletePrevWord,
        KeyCode::Backspace => DeletePrevChar,
        KeyCode::Delete => DeleteNextChar,
        KeyCode::Char('w') if ctrl => DeletePrevWord,
        KeyCode::Char('u') if ctrl => DeleteFromStart,
        KeyCode::Char(c) if !ctrl && !alt => InsertChar(c),
        _ => return None,
    })
}

pub fn key_for(command: Command) -> &'static str {
    BINDINGS
        .iter()
        .find(|b| b.command == command)
        .map_or("", |b| b.key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn typing_keys_are_never_commands_in_the_walk() {
        for c in ('a'..='z')
            .chain('A'..='Z')
            .chain('0'..='9')
            .chain([' ', '/', '?'])
        {
            assert_eq!(lookup(Walk, &key(KeyCode::Char(c), NONE)), None, "{c}");
        }
        assert_eq!(
            lookup(Walk, &key(KeyCode::Enter, NONE)),
            None,
            "Enter is a newline"
        );
    }

    #[test]
    fn the_conventions_hold() {
        assert_eq!(lookup(Walk, &key(KeyCode::Char('q'), CTRL)), Some(C::Quit));
        assert_eq!(lookup(Home, &key(KeyCode::Char('q'), CTRL)), Some(C::Quit));
        assert_eq!(lookup(Walk, &key(KeyCode::Tab, NONE)), Some(C::NextField));
        assert_eq!(
            lookup(Walk, &key(KeyCode::BackTab, SHIFT)),
            Some(C::PrevField)
        );
        assert_eq!(lookup(Walk, &key(KeyCode::Char('s'), CTRL)), Some(C::Save));
        assert_eq!(lookup(Walk, &key(KeyCode::F(1), NONE)), Some(C::Help));
        assert_eq!(lookup(Walk, &key(KeyCode::Esc, NONE)), Some(C::Back));
        assert_eq!(lookup(Home, &key(KeyCode::Char('n'), NONE)), Some(C::New));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                // A context's own binding may override one it inherits (see `lookup`).
                let overlap = a.context == b.context || a.context == Global || b.context == Global;
                assert!(
                    !(overlap && a.code == b.code && a.modifiers == b.modifiers),
                    "{} is bound twice",
                    a.key
                );
            }
        }
    }
}
