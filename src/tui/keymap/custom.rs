//! The facilitator's own keys: `[keys.CONTEXT] COMMAND = "KEY"` in the settings, applied to
//! the one keymap table so help and the hint lines show them.
//!
//! An override replaces all of a command's keys in one context. It is refused as a whole, with
//! a message at its line, when it cannot be honoured without breaking something: a context or
//! command convene does not have, a key it cannot read, a key another command already has
//! where both would be in force, or a key that types or edits text where text is typed (a
//! letter in the walk would stop the facilitator typing that letter). Refused, the command
//! keeps its built-in keys, so a typo never leaves a command without a key.

use std::borrow::Cow;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::names::{parse_key, show_key};
use super::{Binding, Command, Context, Keymap, applies, typing};
use crate::community::Located;
use crate::config::KeyOverride;

const CTRL_ALT: KeyModifiers = KeyModifiers::CONTROL.union(KeyModifiers::ALT);

impl Keymap {
    /// The built-in keymap with `overrides` applied in order; what was refused, and why, at its
    /// place in the settings file.
    pub fn with_overrides(overrides: &[KeyOverride]) -> (Keymap, Vec<Located>) {
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        for o in overrides {
            if let Err((line, column, why)) = keymap.apply(o) {
                problems.push(Located {
                    line,
                    column,
                    message: format!(
                        "[keys.{}] {}: {why}; its keys are unchanged",
                        crate::text::sanitize_line(&o.context),
                        crate::text::sanitize_line(&o.command)
                    ),
                });
            }
        }
        (keymap, problems)
    }

    fn apply(&mut self, o: &KeyOverride) -> Result<(), (usize, usize, String)> {
        let here = |why: String| (o.line, o.column, why);
        let context = Context::named(&o.context).ok_or_else(|| {
            here(format!(
                "there is no context `{}`; the contexts are {}",
                crate::text::sanitize_line(&o.context),
                Context::ALL.map(Context::name).join(", ")
            ))
        })?;
        let command = self.command_in(context, &o.command).map_err(here)?;
        let mut keys: Vec<(KeyCode, KeyModifiers)> = Vec::new();
        for written in &o.keys {
            let key =
                parse_key(&written.text).map_err(|why| (written.line, written.column, why))?;
            self.allowed(context, command, key)
                .map_err(|why| (written.line, written.column, why))?;
            if !keys.iter().any(|k| same(*k, key)) {
                keys.push(key);
            }
        }
        let first = self
            .bindings
            .iter()
            .position(|b| b.context == context && b.command == command)
            .expect("the command is bound here");
        let model = self.bindings[first].clone();
        self.bindings
            .retain(|b| !(b.context == context && b.command == command));
        let new = keys
            .iter()
            .enumerate()
            .map(|(i, &(code, modifiers))| Binding {
                code,
                modifiers,
                key: Cow::Owned(show_key(code, modifiers)),
                hint: if i == 0 { model.hint } else { None },
                ..model.clone()
            });
        let at = first.min(self.bindings.len());
        self.bindings.splice(at..at, new);
        Ok(())
    }

    /// The command `name` bound in `context`, or what to write instead.
    fn command_in(&self, context: Context, name: &str) -> Result<Command, String> {
        if let Some(b) = self
            .bindings
            .iter()
            .find(|b| b.context == context && b.command.name() == name)
        {
            return Ok(b.command);
        }
        let elsewhere: Vec<&str> = Context::ALL
            .into_iter()
            .filter(|&c| {
                self.bindings
                    .iter()
                    .any(|b| b.context == c && b.command.name() == name)
            })
            .map(Context::name)
            .collect();
        if !elsewhere.is_empty() {
            return Err(format!(
                "`{name}` is not a command of {}; it is one of [keys.{}]",
                context.name(),
                elsewhere.join("], [keys.")
            ));
        }
        let mut here: Vec<&str> = self
            .bindings
            .iter()
            .filter(|b| b.context == context)
            .map(|b| b.command.name())
            .collect();
        here.dedup();
        Err(format!(
            "there is no command `{}` in {}; its commands are {}",
            crate::text::sanitize_line(name),
            context.name(),
            here.join(", ")
        ))
    }

    /// Whether `key` may ask for `command` in `context`.
    fn allowed(
        &self,
        context: Context,
        command: Command,
        key: (KeyCode, KeyModifiers),
    ) -> Result<(), String> {
        let shown = show_key(key.0, key.1);
        let its_own = self.bindings.iter().any(|b| {
            b.context == context && b.command == command && same((b.code, b.modifiers), key)
        });
        // Where this binding would be in force and text is typed.
        let typed_in = Context::ALL
            .into_iter()
            .find(|&c| applies(context, c) && c.takes_typing());
        if let Some(typed_in) = typed_in
            && !its_own
            && typing(&KeyEvent::new(key.0, key.1)).is_some()
        {
            let what = if matches!(key.0, KeyCode::Char(_)) && (key.1 & CTRL_ALT).is_empty() {
                "types text"
            } else {
                "edits text"
            };
            return Err(format!(
                "{shown} {what} in {} (a key with Ctrl or Alt, or an F-key, is free there)",
                typed_in.name()
            ));
        }
        let taken = self.bindings.iter().find(|b| {
            !(b.context == context && b.command == command)
                && same((b.code, b.modifiers), key)
                && Context::ALL
                    .into_iter()
                    .any(|c| applies(b.context, c) && applies(context, c))
        });
        match taken {
            Some(b) => Err(format!(
                "{shown} is already `{}` in {}",
                b.command.name(),
                b.context.name()
            )),
            None => Ok(()),
        }
    }
}

/// Whether two keys are the same to [`Keymap::lookup`], which leaves Shift to the key itself.
fn same(a: (KeyCode, KeyModifiers), b: (KeyCode, KeyModifiers)) -> bool {
    a.0 == b.0 && (a.1 & CTRL_ALT) == (b.1 & CTRL_ALT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Written;

    fn over(context: &str, command: &str, keys: &[&str]) -> KeyOverride {
        KeyOverride {
            context: context.into(),
            command: command.into(),
            keys: keys
                .iter()
                .enumerate()
                .map(|(i, k)| Written {
                    text: k.to_string(),
                    line: 2,
                    column: 10 + i,
                })
                .collect(),
            line: 2,
            column: 1,
        }
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn an_override_replaces_the_commands_keys_and_help_shows_the_new_ones() {
        let (keymap, problems) =
            Keymap::with_overrides(&[over("walk", "next_section", &["alt-n", "f10"])]);
        assert!(problems.is_empty(), "{problems:?}");
        let alt_n = key(KeyCode::Char('n'), KeyModifiers::ALT);
        assert_eq!(
            keymap.lookup(Context::Walk, &alt_n),
            Some(Command::NextSection)
        );
        assert_eq!(
            keymap.lookup(Context::Table, &alt_n),
            Some(Command::NextSection)
        );
        let ctrl_n = key(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(keymap.lookup(Context::Walk, &ctrl_n), None);
        assert_eq!(keymap.key_for(Command::NextSection), "Alt-N");
        let hint: Vec<_> = keymap
            .hints(Context::Walk)
            .filter(|b| b.command == Command::NextSection)
            .map(|b| (&*b.key, b.hint))
            .collect();
        assert_eq!(hint, [("Alt-N", Some("next section"))]);
    }

    #[test]
    fn a_letter_may_be_a_command_only_where_nothing_is_typed() {
        let (keymap, problems) = Keymap::with_overrides(&[
            over("home", "new", &["a"]),
            over("walk", "export", &["x"]),
            over("table", "add_row", &["ctrl-w"]),
        ]);
        assert_eq!(
            keymap.lookup(Context::Home, &key(KeyCode::Char('a'), KeyModifiers::NONE)),
            Some(Command::New)
        );
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 2, "{messages:?}");
        assert!(
            messages[0].contains("x types text in walk"),
            "{}",
            messages[0]
        );
        assert!(
            messages[1].contains("Ctrl-W edits text in table"),
            "{}",
            messages[1]
        );
        assert_eq!((problems[0].line, problems[0].column), (2, 10));
        assert_eq!(
            keymap.key_for(Command::Export),
            "x",
            "home's export is unchanged"
        );
        assert_eq!(keymap.key_in(Context::Walk, Command::Export), "Ctrl-O");
    }

    #[test]
    fn a_key_another_command_has_where_both_apply_is_refused() {
        let (keymap, problems) = Keymap::with_overrides(&[
            over("walk", "export", &["ctrl-s"]),
            over("walk", "open_editor", &["ctrl-a"]),
            over("home", "rename", &["ctrl-n"]),
        ]);
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 2, "{messages:?}");
        assert!(messages[0].contains("Ctrl-S is already `save` in global"));
        // Ctrl-A adds a row in a table, which takes the walk's keys too.
        assert!(messages[1].contains("Ctrl-A is already `add_row` in table"));
        // Ctrl-N is the walk's, never in force on the home list.
        assert_eq!(keymap.key_in(Context::Home, Command::Rename), "Ctrl-N");
    }

    #[test]
    fn unknown_names_say_what_there_is() {
        let (_, problems) = Keymap::with_overrides(&[
            over("wlak", "save", &["f2"]),
            over("home", "next_section", &["f2"]),
            over("home", "frobnicate", &["f2"]),
            over("home", "new", &["hyper-n"]),
        ]);
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(messages[0].contains("no context `wlak`"), "{}", messages[0]);
        assert!(
            messages[1].contains("it is one of [keys.walk]"),
            "{}",
            messages[1]
        );
        assert!(
            messages[2].contains("its commands are new, open"),
            "{}",
            messages[2]
        );
        assert!(
            messages[3].contains("not a key convene knows"),
            "{}",
            messages[3]
        );
    }
}
