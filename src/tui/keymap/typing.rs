//! Keys that are no command: what they do to whatever takes the typing.
//!
//! A key the command table ([`super::BINDINGS`]) does not take becomes a [`Typing`] here — a
//! character, a new line, a caret move or an erase — and the answer's editor, a table cell, a
//! list, a name or the capture line each say what that means for them. So no editor reads a key
//! itself: a key means the same everywhere, and help lists the editing keys from [`EDITING`].

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_input::InputRequest;

/// What a key that is no command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    /// Types this character.
    Char(char),
    /// Enter: a new line in an answer; on one line, moves on or sends.
    Newline,
    Move(Move),
    Erase(Erase),
}

/// Where the caret goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Left,
    Right,
    Up,
    Down,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    /// The start of the whole text (the first item of a list).
    Top,
    /// The end of the whole text (the last item of a list).
    Bottom,
    PageUp,
    PageDown,
}

/// What is taken away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Erase {
    /// The character before the caret.
    Back,
    /// The character after it.
    Forward,
    WordBack,
    WordForward,
    /// Everything before the caret on its line.
    ToLineStart,
    /// Everything after the caret on its line.
    ToLineEnd,
}

/// One editing key, as help shows it.
pub struct Edit {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub typing: Typing,
    pub key: &'static str,
    /// What help says; keys with the same words share its line ("← / →"). Empty for an
    /// alternative key the words of another already mention ("(Alt too)").
    pub help: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

const fn edit(
    code: KeyCode,
    modifiers: KeyModifiers,
    typing: Typing,
    key: &'static str,
    help: &'static str,
) -> Edit {
    Edit {
        code,
        modifiers,
        typing,
        key,
        help,
    }
}

use Typing::{Erase as E, Move as M};

/// The editing keys, in the order help lists them. Every other key without Ctrl or Alt types
/// its character. (Help fits them on one page at 80×24: keep the words shared.)
#[rustfmt::skip]
pub const EDITING: &[Edit] = &[
    edit(KeyCode::Left, NONE, M(Move::Left), "←", "a character left / right"),
    edit(KeyCode::Right, NONE, M(Move::Right), "→", "a character left / right"),
    edit(KeyCode::Up, NONE, M(Move::Up), "↑", "a line up / down"),
    edit(KeyCode::Down, NONE, M(Move::Down), "↓", "a line up / down"),
    edit(KeyCode::Left, CTRL, M(Move::WordLeft), "Ctrl-←", "a word left / right (Alt too)"),
    edit(KeyCode::Right, CTRL, M(Move::WordRight), "Ctrl-→", "a word left / right (Alt too)"),
    edit(KeyCode::Left, ALT, M(Move::WordLeft), "Alt-←", ""),
    edit(KeyCode::Right, ALT, M(Move::WordRight), "Alt-→", ""),
    edit(KeyCode::Home, NONE, M(Move::LineStart), "Home", "start / end of the line"),
    edit(KeyCode::End, NONE, M(Move::LineEnd), "End", "start / end of the line"),
    edit(KeyCode::Home, CTRL, M(Move::Top), "Ctrl-Home", "start / end of the whole text"),
    edit(KeyCode::End, CTRL, M(Move::Bottom), "Ctrl-End", "start / end of the whole text"),
    edit(KeyCode::PageUp, NONE, M(Move::PageUp), "PgUp", "a page up / down"),
    edit(KeyCode::PageDown, NONE, M(Move::PageDown), "PgDn", "a page up / down"),
    edit(KeyCode::Enter, NONE, Typing::Newline, "Enter", "a new line"),
    edit(KeyCode::Backspace, NONE, E(Erase::Back), "Backspace", "delete before the caret (Ctrl-H too)"),
    edit(KeyCode::Char('h'), CTRL, E(Erase::Back), "Ctrl-H", ""),
    edit(KeyCode::Delete, NONE, E(Erase::Forward), "Del", "delete after the caret (Ctrl-D too)"),
    edit(KeyCode::Char('d'), CTRL, E(Erase::Forward), "Ctrl-D", ""),
    edit(KeyCode::Backspace, CTRL, E(Erase::WordBack), "Ctrl-Backspace", "delete the word before (Alt too)"),
    edit(KeyCode::Char('w'), CTRL, E(Erase::WordBack), "Ctrl-W", "delete the word before (Alt too)"),
    edit(KeyCode::Backspace, ALT, E(Erase::WordBack), "Alt-Backspace", ""),
    edit(KeyCode::Delete, CTRL, E(Erase::WordForward), "Ctrl-Del", "delete the word after (Alt too)"),
    edit(KeyCode::Delete, ALT, E(Erase::WordForward), "Alt-Del", ""),
    edit(KeyCode::Char('u'), CTRL, E(Erase::ToLineStart), "Ctrl-U", "delete to the start of the line"),
    edit(KeyCode::Char('k'), CTRL, E(Erase::ToLineEnd), "Ctrl-K", "delete to the end of the line"),
];

/// The key help shows for `typing` (the first listed), for a line that names it.
pub fn editing_key(typing: Typing) -> &'static str {
    EDITING
        .iter()
        .find(|e| e.typing == typing)
        .map_or("", |e| e.key)
}

/// What `key` does as typing, when it is no command: an editing key, or a character typed
/// without Ctrl or Alt (Shift is part of the character).
pub fn typing(key: &KeyEvent) -> Option<Typing> {
    let mods = key.modifiers & (CTRL | ALT);
    if let Some(edit) = EDITING
        .iter()
        .find(|e| e.code == key.code && e.modifiers == mods)
    {
        return Some(edit.typing);
    }
    match key.code {
        KeyCode::Char(c) if mods.is_empty() => Some(Typing::Char(c)),
        _ => None,
    }
}

impl Typing {
    /// The character this puts in the text, if it puts one (what it costs in the file).
    pub fn typed(self) -> Option<char> {
        match self {
            Typing::Char(c) => Some(c),
            Typing::Newline => Some('\n'),
            Typing::Move(_) | Typing::Erase(_) => None,
        }
    }

    /// What this does on a single line (see [`crate::tui::model::line`]): moves up and down,
    /// and a new line, mean nothing there.
    pub fn on_a_line(self) -> Option<InputRequest> {
        use InputRequest::*;
        Some(match self {
            Typing::Char(c) => InsertChar(c),
            Typing::Newline => return None,
            Typing::Move(m) => match m {
                Move::Left => GoToPrevChar,
                Move::Right => GoToNextChar,
                Move::WordLeft => GoToPrevWord,
                Move::WordRight => GoToNextWord,
                Move::LineStart | Move::Top => GoToStart,
                Move::LineEnd | Move::Bottom => GoToEnd,
                Move::Up | Move::Down | Move::PageUp | Move::PageDown => return None,
            },
            Typing::Erase(e) => match e {
                Erase::Back => DeletePrevChar,
                Erase::Forward => DeleteNextChar,
                Erase::WordBack => DeletePrevWord,
                Erase::WordForward => DeleteNextWord,
                Erase::ToLineStart => DeleteFromStart,
                Erase::ToLineEnd => DeleteTillEnd,
            },
        })
    }
}

/// What `key` does on a line being typed (a name, the filter, a cell, the capture line), when
/// it is no command.
pub fn line_edit(key: &KeyEvent) -> Option<InputRequest> {
    typing(key)?.on_a_line()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_editing_key_is_listed_twice() {
        for (i, a) in EDITING.iter().enumerate() {
            for b in &EDITING[i + 1..] {
                assert!(
                    !(a.code == b.code && a.modifiers == b.modifiers),
                    "{} is listed twice",
                    a.key
                );
            }
        }
    }

    #[test]
    fn characters_type_and_control_keys_do_not() {
        let key = |code, modifiers| KeyEvent::new(code, modifiers);
        assert_eq!(
            typing(&key(KeyCode::Char('É'), KeyModifiers::SHIFT)),
            Some(Typing::Char('É'))
        );
        assert_eq!(typing(&key(KeyCode::Char('x'), CTRL)), None);
        assert_eq!(typing(&key(KeyCode::F(4), NONE)), None);
        assert_eq!(
            line_edit(&key(KeyCode::Char('w'), CTRL)),
            Some(InputRequest::DeletePrevWord)
        );
        assert_eq!(line_edit(&key(KeyCode::Enter, NONE)), None, "one line");
    }
}
