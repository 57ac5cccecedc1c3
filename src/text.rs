//! Making text from files safe to show.
//!
//! A community file is plain text that anyone can edit, copy from an email or receive from a
//! stranger. Whatever it holds must never be able to drive the terminal (escape sequences move
//! the cursor, change the title, or worse), reorder what is shown (bidi overrides make `evil.exe`
//! look like `exe.live`), or hide characters (zero-width spaces make two different names look
//! equal). Every place that prints text taken from a file — the command line, error messages, and
//! later the TUI — goes through [`sanitize`] or [`sanitize_line`].
//!
//! Neutralised characters are not dropped silently: they become a visible `\u{…}` marker, so a
//! facilitator sees that something odd is in the file and can find it in an editor.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must never reach a terminal as it is.
///
/// Covers C0 and C1 control characters (ESC, BEL, CSI …), DEL, the bidirectional embedding,
/// override and isolate controls, and invisible formatting characters. The zero-width joiner is
/// judged separately by [`sanitize`], because emoji sequences legitimately use it.
pub fn is_hazardous(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        // Arabic letter mark, left-to-right / right-to-left marks.
        | '\u{61c}' | '\u{200e}' | '\u{200f}'
        // Bidi embeddings and overrides, and the isolates.
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        // Zero-width space and non-joiner, word joiner, invisible operators, deprecated format
        // controls, Mongolian vowel separator, byte order mark, interlinear annotations.
        | '\u{200b}' | '\u{200c}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{180e}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        // Line and paragraph separators act as newlines in some terminals.
        | '\u{2028}' | '\u{2029}'
    )
}

/// Characters that may sit on either side of a zero-width joiner in an emoji sequence
/// (👩‍💻, 🏳️‍🌈): pictographs, dingbats, and the modifiers that follow them.
fn joins_emoji(c: char) -> bool {
    matches!(c,
        '\u{2600}'..='\u{27bf}'
        | '\u{2b00}'..='\u{2bff}'
        | '\u{fe0f}'
        | '\u{1f000}'..='\u{1faff}'
    )
}

/// Text made safe to draw, keeping line breaks (and tabs as four spaces).
///
/// Use this for multi-line answers; use [`sanitize_line`] where the text must stay on one line.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    neutralise(text, true)
}

/// Text made safe to print on a single line: line breaks also become visible markers.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    neutralise(text, false)
}

fn neutralise(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    // The common case — clean text — is decided in one pass without allocating: this runs on
    // every line of every frame.
    let suspect = |c: char| match c {
        '\n' => !keep_newlines,
        '\t' | '\u{200d}' => true,
        c => is_hazardous(c),
    };
    if !text.chars().any(suspect) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let needs_work = |i: usize, c: char| -> bool {
        match c {
            '\n' => !keep_newlines,
            '\t' => true,
            '\u{200d}' => !zwj_in_emoji(&chars, i),
            c => is_hazardous(c),
        }
    };
    if !chars.iter().enumerate().any(|(i, &c)| needs_work(i, c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, &c) in chars.iter().enumerate() {
        if !needs_work(i, c) {
            out.push(c);
        } else if c == '\t' {
            out.push_str(if keep_newlines { "    " } else { " " });
        } else if c == '\r' && keep_newlines && chars.get(i + 1) == Some(&'\n') {
            // A Windows line ending: the newline that follows carries the meaning.
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

fn zwj_in_emoji(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).and_then(|j| chars.get(j));
    let after = chars.get(i + 1);
    matches!((before, after), (Some(&b), Some(&a)) if joins_emoji(b) && joins_emoji(a))
}

/// `text` cut to at most `max` terminal columns, with an ellipsis if anything was cut. Widths are
/// display widths (a CJK character or an emoji takes two columns), never bytes or chars.
pub fn fit(text: &str, max: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// `text` padded with spaces to `width` terminal columns.
pub fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    let used = unicode_width::UnicodeWidthStr::width(text);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let text = "Café 日本 🙂 — line\nnext";
        assert!(matches!(sanitize(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize_line("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(sanitize_line("bell\u{7}"), "bell\\u{7}");
        assert_eq!(sanitize_line("c1\u{9b}"), "c1\\u{9b}");
    }

    #[test]
    fn bidi_and_zero_width_are_neutralised() {
        assert_eq!(sanitize("exe\u{202e}txt"), "exe\\u{202e}txt");
        assert_eq!(sanitize("a\u{200b}b"), "a\\u{200b}b");
        assert_eq!(sanitize("\u{feff}x"), "\\u{feff}x");
        assert_eq!(sanitize("a\u{200d}b"), "a\\u{200d}b");
    }

    #[test]
    fn emoji_sequences_keep_their_joiner() {
        let family = "👩\u{200d}💻";
        assert_eq!(sanitize(family), family);
    }

    #[test]
    fn fitting_and_padding_count_display_columns() {
        assert_eq!(fit("看護師の会", 6), "看護…");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(pad("看護", 6), "看護  ");
        assert_eq!(pad("toolong", 3), "toolong");
    }

    #[test]
    fn newlines_depend_on_the_mode() {
        assert_eq!(sanitize("a\r\nb\tc"), "a\nb    c");
        assert_eq!(sanitize_line("a\nb"), "a\\u{a}b");
    }

    #[test]
    fn nothing_hazardous_survives() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        for mode in [sanitize(&all), sanitize_line(&all)] {
            assert!(
                !mode.chars().any(|c| is_hazardous(c) && c != '\n'),
                "a hazardous character survived"
            );
        }
    }
}
