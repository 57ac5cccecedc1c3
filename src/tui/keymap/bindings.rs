//! The keymap's table: every command key, in each context, in the order help lists them.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Binding, Command, Context};
use crate::export::Audience;

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
    Capture, EditCard, Elsewhere, Global, Home, Line, Presenter, Question, Rating, Recovery, Table,
    Walk,
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
    bind(Walk, KeyCode::Char('f'), CTRL, C::NextUnanswered, "Ctrl-F", "next unanswered question", None),
    bind(Walk, KeyCode::Char('g'), CTRL, C::ToggleGuidance, "Ctrl-G", "more/less guidance", None),
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
    bind(Presenter, KeyCode::F(2), NONE, C::EditCard, "F2", "edit the card", None),
    bind(Presenter, KeyCode::F(3), NONE, C::WorkshopNotes, "F3", "parking lot and session log / cards", None),
    bind(Presenter, KeyCode::F(4), NONE, C::BigTimebox, "F4", "large timebox on/off", None),
    bind(Presenter, KeyCode::Char('+'), NONE, C::DotMore, "+", "a dot for the card (empty line)", None),
    bind(Presenter, KeyCode::Char('-'), NONE, C::DotLess, "-", "a dot less (empty line)", None),
    bind(Capture, KeyCode::Enter, NONE, C::Confirm, "Enter", "add the line (a card, /park, /decided …)", None),
    bind(EditCard, KeyCode::Enter, NONE, C::KeepEdit, "Enter", "keep the change", None),
    bind(EditCard, KeyCode::F(2), NONE, C::KeepEdit, "F2", "keep the change", None),
    bind(EditCard, KeyCode::Esc, NONE, C::CancelEdit, "Esc", "cancel the change", None),
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
    bind(Context::Audience, KeyCode::Char('m'), NONE, C::ExportFor(Audience::Members), "m", "for members", Some("members")),
    bind(Context::Audience, KeyCode::Enter, NONE, C::ExportFor(Audience::Members), "Enter", "for members", None),
    bind(Context::Audience, KeyCode::Char('s'), NONE, C::ExportFor(Audience::Sponsor), "s", "for the sponsor", Some("sponsor")),
    bind(Context::Audience, KeyCode::Char('f'), NONE, C::ExportFor(Audience::Facilitator), "f", "for the facilitator (everything)", Some("facilitator")),
    bind(Context::Audience, KeyCode::Esc, NONE, C::Back, "Esc", "cancel", Some("cancel")),
    bind(Context::Help, KeyCode::Up, NONE, C::Up, "↑", "scroll up", None),
    bind(Context::Help, KeyCode::Down, NONE, C::Down, "↓", "scroll down", None),
    bind(Context::Help, KeyCode::PageUp, NONE, C::PageUp, "PgUp", "a page up", None),
    bind(Context::Help, KeyCode::PageDown, NONE, C::PageDown, "PgDn", "a page down", None),
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
