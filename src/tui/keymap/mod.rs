//! Every key convene reacts to, and the one place a key is read.
//!
//! A key is first looked up as a [`Command`] in the context the app is in ([`BINDINGS`], in
//! `bindings.rs`); a key that is none becomes [`Typing`] (`typing.rs`), which the field on
//! screen interprets. The help screen and the hint lines are generated from these tables, so they
//! cannot drift from what the keys really do. Commands sit on keys that never type text (Tab,
//! Ctrl-, F-keys, Esc) wherever text is being typed; single letters are bound only where nothing
//! is (the home list, a question, a statement's rating, the presenter view's empty line).

mod bindings;
mod typing;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use bindings::BINDINGS;
pub use typing::{EDITING, Erase, Move, Typing, editing_key, line_edit, typing};

const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

use Context::{Capture, Global, Presenter, Rating, Table, Walk};

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
    /// The presenter view with a card's words on its capture line, being changed: as
    /// [`Context::Capture`], but Enter keeps the change and Esc leaves the card as it was.
    EditCard,
    /// Home, typing a name or a filter: the line's editing keys apply (see [`line_edit`]).
    Line,
    /// Home, asking yes or no (move to the trash, a name others have): any other key is no.
    Question,
    /// Home, offering unsaved work from an earlier run.
    Recovery,
    /// Home, saying that someone else has the community open.
    Elsewhere,
    /// The help screen, when it is longer than the terminal: keys that scroll it (any other
    /// key closes it).
    Help,
    /// Asking whom a charter is for, before it is written.
    Audience,
    /// A constellation's communities side by side.
    Constellation,
    /// The learning logs of a constellation's communities.
    Learning,
    /// Choosing one of a short list (whom a learning entry is shared with).
    Pick,
    /// Choosing any of a short list (what a split's new communities start with).
    Checklist,
}

impl Context {
    /// Whether text is typed here, so help has a page of editing keys.
    pub fn takes_typing(self) -> bool {
        matches!(
            self,
            Walk | Table | Rating | Presenter | Capture | Context::EditCard | Context::Line
        )
    }

    /// What help says first about this context: where typing goes.
    pub fn about(self) -> &'static str {
        match self {
            Context::Walk => "Typing goes straight into the answer; Enter starts a new line.",
            Context::Table => "Type into the cell; Enter moves on to the next; ↑/↓ change rows.",
            Context::Rating => "Choose how true the statement is, or type to comment on it.",
            Context::Presenter => {
                "The question for the room: typing goes to the capture line, never into the \
                 answer. F5 returns. /theme NAME, /untheme, /rename NAME and /dissolve group \
                 the selected card under themes."
            }
            Context::Capture => {
                "Enter adds the line as a card (\"text @who\"); /park, /done N, /decided, \
                 /covered, /note and /dots N file it elsewhere; /theme NAME, /untheme, /rename \
                 NAME and /dissolve group the selected card."
            }
            Context::EditCard => {
                "The card's words are on the line to change (\"text @who\"): Enter keeps the \
                 change, Esc leaves the card as it was."
            }
            Context::Line => "Type the name or the filter; Enter takes it, Esc cancels.",
            Context::Question => "y answers yes; any other key is no.",
            Context::Recovery => "Work not saved in an earlier run is waiting: decide what to do.",
            Context::Elsewhere => "Another convene has this community open.",
            Context::Help => "↑/↓ and the page keys scroll this help; any other key closes it.",
            Context::Audience => {
                "Whom is the charter for? Members see what was agreed; the sponsor also sees \
                 readiness comments and contacts; the facilitator's has everything."
            }
            Context::Constellation => {
                "The constellation's communities side by side: readiness by group (✓ strong, ~ \
                 mixed, ✗ weak, · not rated), stage, next step, overdue steps; then the people \
                 who take part in more than one."
            }
            Context::Learning => {
                "What every community of the constellation has learned, in date order; a \
                 follow-up whose day has come without an outcome is due."
            }
            Context::Pick => "↑/↓ choose; Enter takes it, Esc cancels.",
            Context::Checklist => {
                "↑/↓ move, Space chooses or leaves a line; Enter goes ahead, Esc cancels."
            }
            Context::Home | Context::Global => "Letters are commands here; nothing is being typed.",
        }
    }
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

/// Whether bindings of `binding` apply in `context`: its own, the global ones, and those of the
/// contexts it inherits from.
pub fn applies(binding: Context, context: Context) -> bool {
    binding == Global || binding == context || inherits(context, binding)
}

/// Whether `context` takes the keys of `from` (those it does not bind itself).
fn inherits(context: Context, from: Context) -> bool {
    match context {
        Table | Rating | Presenter => from == Walk,
        Context::Checklist => from == Context::Pick,
        Capture | Context::EditCard => matches!(from, Walk | Presenter),
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

/// What the presenter view's hint line shows, in order: commands that share a label share an
/// entry ("←/→ questions"). The room reads this line too, so it is shorter than the walk's,
/// and its labels are the room's (F5 is "back" there).
const PRESENTER_HINTS: &[(&[Command], &str)] = &[
    (&[Command::KeepEdit], "keep"),
    (&[Command::CancelEdit], "as it was"),
    (&[Command::PrevField, Command::NextField], "questions"),
    (&[Command::Up, Command::Down], "cards"),
    (&[Command::DotMore, Command::DotLess], "dots"),
    (&[Command::EditCard], "edit"),
    (&[Command::Promote], "into the answer"),
    (&[Command::Present], "back"),
    (&[Command::TimerStartPause], "timebox"),
];

/// The presenter view's hint line in `context` (the presenter view, with its capture line empty
/// or not): each entry's keys as in force there, and its label. An entry with no key in force
/// (the dots, while words are on the capture line) is left out.
pub fn presenter_hints(context: Context) -> Vec<(String, &'static str)> {
    PRESENTER_HINTS
        .iter()
        .filter_map(|(commands, label)| {
            let keys: Vec<&str> = commands
                .iter()
                .filter_map(|&command| {
                    // The presenter view's own key for it (→, not the walk's Tab).
                    let mut keys: Vec<_> =
                        active(context).filter(|b| b.command == command).collect();
                    keys.sort_by_key(|b| {
                        !matches!(b.context, Presenter | Capture | Context::EditCard)
                    });
                    keys.first().copied()
                })
                .map(|b| b.key)
                .collect();
            (!keys.is_empty()).then(|| (keys.join("/"), *label))
        })
        .collect()
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

/// The first key that asks for `command` in `context` (its own bindings first), as help shows
/// it.
pub fn key_in(context: Context, command: Command) -> &'static str {
    BINDINGS
        .iter()
        .filter(|b| b.command == command && b.context == context)
        .chain(active(context).filter(|b| b.command == command))
        .map(|b| b.key)
        .next()
        .unwrap_or("")
}

/// The key that asks for `command`, as help shows it (for messages that name it).
pub fn key_for(command: Command) -> &'static str {
    BINDINGS
        .iter()
        .find(|b| b.command == command)
        .map_or("", |b| b.key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Command as C;
    use Context::Home;

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

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
