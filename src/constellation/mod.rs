//! A constellation: several communities designed and run together (seed 002's "is this one or
//! more CoPs?"), described in one plain TOML file beside its communities.
//!
//! The constellation file is the one place membership is written: its `[[communities]]` name
//! each member by its file in the same folder, with the name it was listed under and what it
//! aims to contribute. Communities stay the independent files they always were, so a community
//! knows nothing of its constellation and the two can never disagree about it. What can go
//! wrong is a link: a member's file renamed or moved by hand, or renamed inside. Those are never
//! followed silently — [`links`] says for each member whether its file is there, moved (found
//! again by its name), missing or unreadable, and `check`, the overview and the charter all
//! say so; convene's own renames rewrite the link ([`crate::store::Store::follow_rename`]).
//!
//! As with communities, the file is a promise: comments and unknown keys survive a save (the
//! document the file was read from is edited, not rewritten), key order is fixed, and the same
//! content gives the same bytes. Nothing here touches the disk; the store does that.

mod check;
mod file;
pub mod learning;
pub mod links;
pub mod overview;
pub mod split;

pub use check::{check_members, check_text};
pub use file::{Constellation, ConstellationFile, Member};
pub use links::Link;

/// What a constellation file's name ends with: `sips.constellation.toml`. The listing keeps such
/// files apart from communities, which are every other `*.toml` file.
pub const SUFFIX: &str = ".constellation.toml";

/// The value of the `kind` key that says a file describes a constellation (a community file
/// has no `kind`).
pub const KIND: &str = "constellation";

/// The constellation file format this convene writes and reads.
pub const CONSTELLATION_VERSION: u32 = 1;

/// Whether a file name is a constellation's (`*.constellation.toml`, in any case).
pub fn is_constellation_name(file_name: &str) -> bool {
    file_name.len() > SUFFIX.len()
        && file_name
            .get(file_name.len() - SUFFIX.len()..)
            .is_some_and(|end| end.eq_ignore_ascii_case(SUFFIX))
}

/// Whether `text` says it describes a constellation (`kind = "constellation"` at its top),
/// whatever the file is called.
///
/// Only the keys before the first table header are read: `kind` can be nowhere else, and
/// `convene check` asks this of every file before checking it, where a format-keeping document
/// of a 4 MB community of table rows took over 200 MB.
pub fn declares_constellation(text: &str) -> bool {
    text[..top_level_end(text)]
        .parse::<toml_edit::DocumentMut>()
        .ok()
        .is_some_and(|doc| doc.get("kind").and_then(|k| k.as_str()) == Some(KIND))
}

/// Where the document's top-level keys end: at its first table header, a `[` that starts a
/// line outside any array or inline table (the lexer reads strings whole, so no bracket inside
/// one counts); the whole text when it has none.
fn top_level_end(text: &str) -> usize {
    use toml_parser::lexer::TokenKind;
    let mut depth = 0usize;
    let mut line_start = true;
    for token in toml_parser::Source::new(text).lex() {
        match token.kind() {
            TokenKind::LeftSquareBracket if depth == 0 && line_start => {
                return token.span().start();
            }
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                depth = depth.saturating_sub(1);
            }
            TokenKind::Newline => {
                line_start = true;
                continue;
            }
            TokenKind::Whitespace => continue,
            _ => {}
        }
        line_start = false;
    }
    text.len()
}

/// Whether `file` may name a member: a plain file name ending in `.toml` in the constellation's
/// own folder — no folder, no `..`, not hidden, not another constellation. Anything else could
/// lead convene to read (and, through a save, write) outside the folders it owns.
pub fn is_member_file_name(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    !file.is_empty()
        && !file.contains(['/', '\\', '\0'])
        && !file.starts_with('.')
        && lower.ends_with(".toml")
        && lower.len() > ".toml".len()
        && !is_constellation_name(file)
        && !file.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constellation_files_are_told_by_their_name() {
        assert!(is_constellation_name("sips.constellation.toml"));
        assert!(is_constellation_name("SIPS.Constellation.TOML"));
        assert!(!is_constellation_name(".constellation.toml"));
        assert!(!is_constellation_name("sips-constellation.toml"));
    }

    #[test]
    fn a_member_is_a_plain_file_name_in_the_same_folder() {
        assert!(is_member_file_name("sips-citizenship.toml"));
        assert!(!is_member_file_name("../elsewhere.toml"));
        assert!(!is_member_file_name("/etc/passwd.toml"));
        assert!(!is_member_file_name("sub/a.toml"));
        assert!(!is_member_file_name(".hidden.toml"));
        assert!(!is_member_file_name("notes.txt"));
        assert!(!is_member_file_name("other.constellation.toml"));
        assert!(!is_member_file_name(".toml"));
        assert!(!is_member_file_name("a\u{1b}[2J.toml"));
    }

    #[test]
    fn a_constellation_is_told_by_its_top_level_kind_alone() {
        assert!(declares_constellation(
            "schema_version = 1\nkind = \"constellation\"\n[[communities]]\nfile = \"a.toml\"\n"
        ));
        // Brackets in a multi-line array, an inline table or a string are no table header.
        assert!(declares_constellation(
            "tags = [\n[1],\n]\nnote = \"\"\"\n[not a header]\n\"\"\"\nkind = \"constellation\"\n"
        ));
        // A `kind` under a table is that table's, not the file's.
        assert!(!declares_constellation(
            "schema_version = 1\n[answers]\nkind = \"constellation\"\n"
        ));
        assert!(!declares_constellation(
            "schema_version = 1\nname = \"x\"\n"
        ));
        assert_eq!(top_level_end("a = 1\n  [t]\nb = 2\n"), 8);
    }
}
