//! The keymap's words as a settings file writes them: contexts and commands by name
//! (`[keys.walk] next_section = "alt-n"`), and keys both ways — read from "ctrl-s" and shown
//! as help shows them ("Ctrl-S").
//!
//! Key names are read here rather than by a key-parsing crate: the ones there are fold every
//! letter to lower case (so `S`, the split command, would be `s`) and measure a single key by
//! bytes (so `é` is no key). A facilitator's keyboard has both.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Command, Context};
use crate::export::Audience;

impl Context {
    /// Every context, in the order help and `convene config` list them.
    pub const ALL: [Context; 20] = [
        Context::Global,
        Context::Home,
        Context::Walk,
        Context::Table,
        Context::Rating,
        Context::Presenter,
        Context::Capture,
        Context::EditCard,
        Context::Line,
        Context::Question,
        Context::Recovery,
        Context::Elsewhere,
        Context::Help,
        Context::Audience,
        Context::Constellation,
        Context::Learning,
        Context::Pick,
        Context::Checklist,
        Context::Settle,
        Context::Earlier,
    ];

    /// Its name in a settings file: `[keys.NAME]`.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Home => "home",
            Context::Walk => "walk",
            Context::Table => "table",
            Context::Rating => "rating",
            Context::Presenter => "presenter",
            Context::Capture => "capture",
            Context::EditCard => "edit_card",
            Context::Line => "line",
            Context::Question => "question",
            Context::Recovery => "recovery",
            Context::Elsewhere => "elsewhere",
            Context::Help => "help",
            Context::Audience => "audience",
            Context::Constellation => "constellation",
            Context::Learning => "learning",
            Context::Pick => "pick",
            Context::Checklist => "checklist",
            Context::Settle => "settle",
            Context::Earlier => "earlier",
        }
    }

    /// The context a settings file names.
    pub fn named(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }
}

impl Command {
    /// Its name in a settings file: `COMMAND = "KEY"`.
    pub fn name(self) -> &'static str {
        use Command as C;
        match self {
            C::Quit => "quit",
            C::Save => "save",
            C::Help => "help",
            C::Back => "back",
            C::NextField => "next_field",
            C::PrevField => "prev_field",
            C::NextSection => "next_section",
            C::PrevSection => "prev_section",
            C::NextUnanswered => "next_unanswered",
            C::ToggleGuidance => "toggle_guidance",
            C::SeeAlso => "see_also",
            C::OpenEditor => "open_editor",
            C::Export => "export",
            C::Undo => "undo",
            C::Redo => "redo",
            C::New => "new",
            C::Open => "open",
            C::Rename => "rename",
            C::Duplicate => "duplicate",
            C::Delete => "delete",
            C::Filter => "filter",
            C::Examples => "examples",
            C::Up => "up",
            C::Down => "down",
            C::ExportFor(Audience::Members) => "for_members",
            C::ExportFor(Audience::Sponsor) => "for_sponsor",
            C::ExportFor(Audience::Facilitator) => "for_facilitator",
            C::ExportDefault => "for_usual",
            C::PageUp => "page_up",
            C::PageDown => "page_down",
            C::AddRow => "add_row",
            C::DeleteRow => "delete_row",
            C::RowUp => "row_up",
            C::RowDown => "row_down",
            C::Present => "present",
            C::TimerStartPause => "timer_start_pause",
            C::TimerLonger => "timer_longer",
            C::TimerShorter => "timer_shorter",
            C::TimerClear => "timer_clear",
            C::LeavePresenter => "leave_presenter",
            C::Promote => "promote",
            C::EditCard => "edit_card",
            C::KeepEdit => "keep_edit",
            C::CancelEdit => "cancel_edit",
            C::ReplaceKept => "replace_kept",
            C::WorkshopNotes => "workshop_notes",
            C::BigTimebox => "big_timebox",
            C::Confirm => "confirm",
            C::Split => "split",
            C::AddSibling => "add_sibling",
            C::Learning => "learning",
            C::Share => "share",
            C::Toggle => "toggle",
            C::Yes => "yes",
            C::Restore => "restore",
            C::Discard => "discard",
            C::Later => "later",
            C::ReadOnly => "read_only",
            C::OpenAnyway => "open_anyway",
            C::Rate(0) => "rate_yes",
            C::Rate(1) => "rate_partly",
            C::Rate(2) => "rate_no",
            C::Rate(_) => "rate_not_sure",
            C::RateNext => "rate_next",
            C::RatePrev => "rate_prev",
            C::Comment => "comment",
            C::DotMore => "dot_more",
            C::DotLess => "dot_less",
            C::Settle => "settle",
            C::KeepMine => "keep_mine",
            C::KeepTheirs => "keep_theirs",
            C::KeepBoth => "keep_both",
            C::Earlier => "earlier_versions",
        }
    }
}

/// A key as a settings file writes it: modifiers (`ctrl-`, `alt-`, `shift-`, in any order and
/// letter case) before a key name (`esc`, `f5`, `pagedown`, `up`, …) or one character, kept in
/// its case (`S` is Shift-s, as the terminal sends it).
pub fn parse_key(written: &str) -> Result<(KeyCode, KeyModifiers), String> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = written.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        let (modifier, len) = if lower.starts_with("ctrl-") {
            (KeyModifiers::CONTROL, 5)
        } else if lower.starts_with("alt-") {
            (KeyModifiers::ALT, 4)
        } else if lower.starts_with("shift-") {
            (KeyModifiers::SHIFT, 6)
        } else {
            break;
        };
        // "ctrl--" is Ctrl and the minus key; "ctrl-" alone is no key.
        if rest.len() == len {
            break;
        }
        modifiers |= modifier;
        rest = &rest[len..];
    }
    let shift = modifiers.contains(KeyModifiers::SHIFT);
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => {
            // A character's Shift is in the character, as crossterm reports it.
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::Char(if shift { upper(c) } else { c })
        }
        _ => named(&rest.to_ascii_lowercase(), &mut modifiers).ok_or_else(|| {
            format!(
                "{:?} is not a key convene knows; write it as \"ctrl-s\", \"alt-up\", \"f5\", \
                 \"shift-tab\", \"esc\", \"enter\", \"space\" or one character",
                crate::text::sanitize_line(written)
            )
        })?,
    };
    Ok((code, modifiers))
}

fn upper(c: char) -> char {
    let mut up = c.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

fn named(name: &str, modifiers: &mut KeyModifiers) -> Option<KeyCode> {
    Some(match name {
        "esc" | "escape" => KeyCode::Esc,
        "enter" | "return" => KeyCode::Enter,
        "tab" if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        "tab" => KeyCode::Tab,
        "backtab" => {
            modifiers.insert(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        "space" => KeyCode::Char(' '),
        "minus" | "hyphen" => KeyCode::Char('-'),
        "plus" => KeyCode::Char('+'),
        "backspace" => KeyCode::Backspace,
        "del" | "delete" => KeyCode::Delete,
        "ins" | "insert" => KeyCode::Insert,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        f if f.starts_with('f') => match f[1..].parse::<u8>() {
            Ok(n @ 1..=24) => KeyCode::F(n),
            _ => return None,
        },
        _ => return None,
    })
}

/// A key as help shows it: "Ctrl-S", "Alt-↑", "F5", "Shift-Tab", "S".
pub fn show_key(code: KeyCode, modifiers: KeyModifiers) -> String {
    let mut shown = String::new();
    if modifiers.contains(KeyModifiers::CONTROL) {
        shown.push_str("Ctrl-");
    }
    if modifiers.contains(KeyModifiers::ALT) {
        shown.push_str("Alt-");
    }
    let name = match code {
        KeyCode::BackTab => return format!("{shown}Shift-Tab"),
        KeyCode::Char(' ') => "Space".to_string(),
        // Ctrl-s is sent as 's' with Control: help writes the letter as on the key.
        KeyCode::Char(c) if !shown.is_empty() => c.to_uppercase().collect(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::Delete => "Del".to_string(),
        KeyCode::Insert => "Ins".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        other => format!("{other:?}"),
    };
    if modifiers.contains(KeyModifiers::SHIFT) {
        shown.push_str("Shift-");
    }
    shown + &name
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

    #[test]
    fn keys_read_as_the_terminal_sends_them() {
        let read = |s| parse_key(s).unwrap();
        assert_eq!(read("ctrl-s"), (KeyCode::Char('s'), CTRL));
        assert_eq!(read("Ctrl-S"), (KeyCode::Char('S'), CTRL));
        assert_eq!(read("S"), (KeyCode::Char('S'), NONE));
        assert_eq!(read("shift-s"), (KeyCode::Char('S'), NONE));
        assert_eq!(read("é"), (KeyCode::Char('é'), NONE));
        assert_eq!(read("alt-up"), (KeyCode::Up, ALT));
        assert_eq!(read("shift-tab"), (KeyCode::BackTab, SHIFT));
        assert_eq!(read("F10"), (KeyCode::F(10), NONE));
        assert_eq!(read("ctrl--"), (KeyCode::Char('-'), CTRL));
        assert_eq!(read("space"), (KeyCode::Char(' '), NONE));
        assert!(parse_key("ctrl-").is_err());
        assert!(parse_key("f25").is_err());
        assert!(parse_key("hyper-x").is_err());
    }

    #[test]
    fn keys_show_as_help_writes_them() {
        assert_eq!(show_key(KeyCode::Char('s'), CTRL), "Ctrl-S");
        assert_eq!(show_key(KeyCode::Up, ALT), "Alt-↑");
        assert_eq!(show_key(KeyCode::BackTab, SHIFT), "Shift-Tab");
        assert_eq!(show_key(KeyCode::Char('S'), NONE), "S");
        assert_eq!(show_key(KeyCode::PageDown, CTRL), "Ctrl-PgDn");
    }

    #[test]
    fn every_context_and_command_name_reads_back() {
        for context in Context::ALL {
            assert_eq!(Context::named(context.name()), Some(context));
        }
        let mut names: Vec<_> = super::super::BINDINGS
            .iter()
            .map(|b| (b.context, b.command.name()))
            .collect();
        names.dedup();
        for (_, name) in &names {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
        }
    }
}
