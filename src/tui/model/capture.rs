//! The capture line of the presenter view: what the room says, typed as fast as it is said.
//!
//! A line is a card for the question on screen; ` @name` at its end says who said it. A line
//! starting with `/` files it elsewhere: `/park` puts a topic in the parking lot (`/done N` marks
//! the Nth dealt with), `/covered`,
//! `/decided` and `/note` write the session log, and `/dots N` sets how many dots each person
//! has in a dot vote. `/theme NAME` groups the selected card under a theme (a new one, or the
//! one of that name), `/untheme` takes it out again, `/rename NAME` renames its theme and
//! `/dissolve` takes every card out of it. Everything is one line, typed and sent with Enter, so
//! there is nothing to learn beyond the words in the hint.

/// What a line sent from the capture line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Captured {
    /// A card under the current question, and who said it (possibly no one named).
    Card { text: String, who: String },
    /// A topic for the parking lot.
    Park(String),
    /// An entry of the session log.
    Log { kind: LogWord, text: String },
    /// How many dots each person has.
    Dots(u32),
    /// A parked topic dealt with, by its number in the parking lot (from 1).
    Unpark(usize),
    /// The selected card under the theme of this name (a new one, or the one already there).
    Theme(String),
    /// The selected card under no theme.
    Untheme,
    /// The selected card's theme renamed (joining the theme of that name, if there is one).
    RenameTheme(String),
    /// The selected card's theme dissolved: its cards under no theme.
    Dissolve,
    /// A line that asks for something convene cannot do, and why.
    Unclear(String),
    /// `/done` without the number of a parked topic (the message names the key that lists
    /// them, which is the keymap's to say).
    DoneWithoutNumber,
    /// A slash word that is no capture command (the message names the help key).
    UnknownWord(String),
}

/// The session log's kinds, as typed after the slash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogWord {
    Covered,
    Decided,
    Note,
}

/// The most dots one person may have.
pub const MAX_DOTS: u32 = 20;

/// Reads one sent line (trimmed); `None` for an empty one.
pub fn read(line: &str) -> Option<Captured> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let Some(command) = line.strip_prefix('/') else {
        return Some(card(line));
    };
    let (word, rest) = command
        .split_once(char::is_whitespace)
        .map_or((command, ""), |(w, r)| (w, r.trim()));
    let needs_text = |what: &str| Captured::Unclear(format!("/{word} needs {what} after it"));
    Some(match word.to_ascii_lowercase().as_str() {
        "park" | "parking" if rest.is_empty() => needs_text("the topic to park"),
        "park" | "parking" => Captured::Park(rest.to_string()),
        "covered" | "decided" | "note" if rest.is_empty() => needs_text("what to log"),
        "covered" => log(LogWord::Covered, rest),
        "decided" => log(LogWord::Decided, rest),
        "note" => log(LogWord::Note, rest),
        "done" => match rest.parse::<usize>() {
            Ok(n) if n >= 1 => Captured::Unpark(n),
            _ => Captured::DoneWithoutNumber,
        },
        "theme" if rest.is_empty() => needs_text("the theme's name (/untheme takes the card out)"),
        "theme" => Captured::Theme(rest.to_string()),
        "rename" if rest.is_empty() => needs_text("the theme's new name"),
        "rename" => Captured::RenameTheme(rest.to_string()),
        "untheme" => Captured::Untheme,
        "dissolve" => Captured::Dissolve,
        "dots" => match rest.parse::<u32>() {
            Ok(n) if (1..=MAX_DOTS).contains(&n) => Captured::Dots(n),
            _ => Captured::Unclear(format!("/dots takes a number from 1 to {MAX_DOTS}")),
        },
        // "//text" (or an unknown word) is a card that happens to start with a slash.
        _ if word.starts_with('/') => card(&line[1..]),
        _ => Captured::UnknownWord(word.to_string()),
    })
}

fn log(kind: LogWord, text: &str) -> Captured {
    Captured::Log {
        kind,
        text: text.to_string(),
    }
}

/// A card, with who said it taken from a trailing ` @name`.
fn card(line: &str) -> Captured {
    let (text, who) = words_and_who(line);
    Captured::Card { text, who }
}

/// A card's words and who said them, from a line that may end in ` @name` (no slash words:
/// a card being edited keeps a leading `/` as written).
pub fn words_and_who(line: &str) -> (String, String) {
    match line.rsplit_once(" @") {
        Some((text, who)) if !text.trim().is_empty() && !who.trim().is_empty() => {
            (text.trim().to_string(), who.trim().to_string())
        }
        _ => (line.trim().to_string(), String::new()),
    }
}

/// The line a card is edited on: its words, then ` @who` when someone is named. Line breaks
/// (only a hand edit puts them in a card) become spaces: the capture line is one line.
pub fn line_of(text: &str, who: &str) -> String {
    let text = text.replace(['\r', '\n'], " ");
    if who.is_empty() {
        text
    } else {
        format!("{text} @{}", who.replace(['\r', '\n'], " "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(text: &str, who: &str) -> Option<Captured> {
        Some(Captured::Card {
            text: text.into(),
            who: who.into(),
        })
    }

    #[test]
    fn lines_become_cards_with_who_said_them() {
        assert_eq!(
            read("  Share night-shift tips  "),
            card("Share night-shift tips", "")
        );
        assert_eq!(
            read("Share tips @Ana Reyes"),
            card("Share tips", "Ana Reyes")
        );
        assert_eq!(
            read("email a@b.org about it"),
            card("email a@b.org about it", "")
        );
        assert_eq!(
            read("@Ana"),
            card("@Ana", ""),
            "a name alone is a card's text"
        );
        assert_eq!(read("   "), None);
        assert_eq!(read("//etc/hosts is odd"), card("/etc/hosts is odd", ""));
    }

    #[test]
    fn slash_words_file_lines_elsewhere() {
        assert_eq!(
            read("/park Room bookings"),
            Some(Captured::Park("Room bookings".into()))
        );
        assert_eq!(
            read("/decided Meet monthly"),
            Some(Captured::Log {
                kind: LogWord::Decided,
                text: "Meet monthly".into()
            })
        );
        assert_eq!(
            read("/Covered  Purpose"),
            Some(Captured::Log {
                kind: LogWord::Covered,
                text: "Purpose".into()
            })
        );
        assert_eq!(read("/dots 5"), Some(Captured::Dots(5)));
        assert_eq!(read("/done 2"), Some(Captured::Unpark(2)));
        assert_eq!(
            read("/theme  Rotas and shifts "),
            Some(Captured::Theme("Rotas and shifts".into()))
        );
        assert_eq!(
            read("/Rename Shifts"),
            Some(Captured::RenameTheme("Shifts".into()))
        );
        assert_eq!(read("/untheme"), Some(Captured::Untheme));
        assert_eq!(read("/dissolve"), Some(Captured::Dissolve));
        for unclear in [
            "/dots 0",
            "/dots lots",
            "/park",
            "/note",
            "/vote 3",
            "/done",
            "/done 0",
            "/theme",
            "/rename ",
        ] {
            assert!(
                matches!(
                    read(unclear),
                    Some(
                        Captured::Unclear(_)
                            | Captured::DoneWithoutNumber
                            | Captured::UnknownWord(_)
                    )
                ),
                "{unclear}"
            );
        }
    }
}
