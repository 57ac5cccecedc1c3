//! Every key convene reacts to, and the one place a key is read.
//!
//! A key is first looked up as a [`Command`] in the context the app is in ([`BINDINGS`], in
//! `bindings.rs`); a key that is none becomes [`Typing`] (`typing.rs`), which the field on
//! screen interprets. The help screen and the hint lines are generated from these tables, so they
//! cannot drift from what the keys really do. Commands sit on keys that never type text (Tab,
//! Ctrl-, F-keys, Esc) wherever text is being typed; single letters are bound only where nothing
//! is (the home list, a question, a statement's rating, the presenter view's empty line).

mod bindings;
mod command;
mod custom;
mod names;
mod typing;

use std::borrow::Cow;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use bindings::BINDINGS;
pub use command::Command;
pub use names::{parse_key, show_key};
pub use typing::{EDITING, Erase, Move, Typing, editing_key, line_edit, typing};

const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

use Context::{Capture, Global, Presenter, Rating, Table, Walk};

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
    /// Settling what changed on both sides in a merge: yours beside theirs, over the walk.
    Settle,
    /// The answer's earlier versions, from git, over the walk.
    Earlier,
}

impl Context {
    /// Whether text is typed here, so help has a page of editing keys.
    pub fn takes_typing(self) -> bool {
        matches!(
            self,
            Walk | Table | Rating | Presenter | Capture | Context::EditCard | Context::Line
        )
    }

    /// What help says first about this context: where typing goes, with the keys in force.
    pub fn about(self, keys: &Keymap) -> String {
        let key = |command| keys.key_in(self, command);
        match self {
            Context::Line => format!(
                "Type the name or the filter; {} takes it, {} cancels.",
                key(Command::Confirm),
                key(Command::Back)
            ),
            Context::Pick => format!(
                "{}/{} choose; {} takes it, {} cancels.",
                key(Command::Up),
                key(Command::Down),
                key(Command::Confirm),
                key(Command::Back)
            ),
            Context::Checklist => format!(
                "{}/{} move, {} chooses or leaves a line; {} goes ahead, {} cancels.",
                key(Command::Up),
                key(Command::Down),
                key(Command::Toggle),
                key(Command::Confirm),
                key(Command::Back)
            ),
            Context::EditCard => format!(
                "The card's words are on the line to change (\"text @who\"): {} keeps the \
                 change, {} leaves the card as it was.",
                key(Command::KeepEdit),
                key(Command::CancelEdit)
            ),
            Context::Question => format!("{} answers yes; any other key is no.", key(Command::Yes)),
            other => other.about_text().to_string(),
        }
    }

    /// What help says about a context that names no key.
    fn about_text(self) -> &'static str {
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
            Context::Settle => {
                "This answer was changed on both sides: here and in the version that came in. \
                 Keep yours, theirs, or both — both go into the answer, to be edited into one."
            }
            Context::Earlier => {
                "The versions of this answer git has, newest first, beside the answer as it is \
                 now. Bringing one back is one undo step."
            }
            Context::Home | Context::Global => "Letters are commands here; nothing is being typed.",
            // Said with their keys in `about`.
            Context::Line
            | Context::Pick
            | Context::Checklist
            | Context::EditCard
            | Context::Question => "",
        }
    }
}

/// One key, what it does and how help describes it.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub command: Command,
    /// The key as help shows it.
    pub key: Cow<'static, str>,
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

/// The keys in force: the built-in table ([`BINDINGS`]) with the facilitator's overrides from
/// the settings applied (see [`Keymap::with_overrides`]). Help, the hint lines and every message
/// that names a key read it, so they show the facilitator's keys.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

impl Keymap {
    /// The command `key` asks for in `context`, if any (global bindings first).
    pub fn lookup(&self, context: Context, key: &KeyEvent) -> Option<Command> {
        // Shift is part of BackTab itself, and some terminals add it to other keys; compare the
        // rest.
        let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let matching =
            |b: &&Binding| b.code == key.code && (b.modifiers & (CTRL | KeyModifiers::ALT)) == mods;
        // The context's own binding wins over one it inherits (Esc in the presenter view).
        self.bindings
            .iter()
            .filter(|b| b.context == context || b.context == Global)
            .find(matching)
            .or_else(|| {
                self.bindings
                    .iter()
                    .filter(|b| in_force(b, context))
                    .find(matching)
            })
            .map(|b| b.command)
    }

    /// The bindings the hint line shows in `context`, in table order.
    pub fn hints(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.active(context).filter(|b| b.hint.is_some())
    }

    /// The presenter view's hint line in `context` (the presenter view, with its capture line
    /// empty or not): each entry's keys as in force there, and its label. An entry with no key
    /// in force (the dots, while words are on the capture line) is left out.
    pub fn presenter_hints(&self, context: Context) -> Vec<(String, &'static str)> {
        PRESENTER_HINTS
            .iter()
            .filter_map(|(commands, label)| {
                let keys: Vec<&str> = commands
                    .iter()
                    .filter_map(|&command| {
                        // The presenter view's own key for it (→, not the walk's Tab).
                        let mut keys: Vec<_> = self
                            .active(context)
                            .filter(|b| b.command == command)
                            .collect();
                        keys.sort_by_key(|b| {
                            !matches!(b.context, Presenter | Capture | Context::EditCard)
                        });
                        keys.first().copied()
                    })
                    .map(|b| &*b.key)
                    .collect();
                (!keys.is_empty()).then(|| (keys.join("/"), *label))
            })
            .collect()
    }

    /// The bindings in force in `context`, in table order: its own, the global ones, and those
    /// it inherits that it does not override.
    pub fn active(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| {
            let overridden = b.context != context
                && b.context != Global
                && self.bindings.iter().any(|own| {
                    own.context == context && own.code == b.code && own.modifiers == b.modifiers
                });
            in_force(b, context) && !overridden
        })
    }

    /// The first key that asks for `command` in `context` (its own bindings first), as help
    /// shows it.
    pub fn key_in(&self, context: Context, command: Command) -> &str {
        self.bindings
            .iter()
            .filter(|b| b.command == command && b.context == context)
            .chain(self.active(context).filter(|b| b.command == command))
            .map(|b| &*b.key)
            .next()
            .unwrap_or("")
    }

    /// The key that asks for `command`, as help shows it (for messages that name it).
    pub fn key_for(&self, command: Command) -> &str {
        self.bindings
            .iter()
            .find(|b| b.command == command)
            .map_or("", |b| &*b.key)
    }

    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }
}

/// Whether `key` is the key that crashes convene on purpose when the tests ask for it (see
/// [`crate::tui::CRASH_KEY_ENV`]).
pub fn is_crash_key(key: &KeyEvent) -> bool {
    key.code == KeyCode::F(12)
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

    fn lookup(context: Context, key: &KeyEvent) -> Option<Command> {
        Keymap::default().lookup(context, key)
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
    fn help_writes_every_key_as_the_settings_would_show_it() {
        for b in BINDINGS {
            assert_eq!(show_key(b.code, b.modifiers), b.key, "{:?}", b.command);
        }
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
