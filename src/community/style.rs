//! The file's own line endings and byte order mark, given back on every save.
//!
//! A file written on Windows (CRLF line breaks, often a UTF-8 byte order mark) must not come back
//! from a save with every line changed: git would show the whole file as rewritten. The text is
//! read with its breaks turned into `\n` and the mark taken off, so that everything convene
//! writes inside it — new answers, new rows, new multi-line blocks — comes out in one style, and
//! the style is put back on the whole text when it is written. A file that mixes both kinds of
//! break is read as it is and written as it is: there is no one style to keep.

use std::borrow::Cow;

const BOM: char = '\u{feff}';

/// How a file's text is laid out, apart from its content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Style {
    /// Every line break is `\r\n`.
    crlf: bool,
    /// The text starts with a UTF-8 byte order mark.
    bom: bool,
}

impl Style {
    /// The style of `text`, and the text with `\n` breaks and no mark.
    pub(crate) fn of(text: &str) -> (Style, Cow<'_, str>) {
        let (bom, body) = match text.strip_prefix(BOM) {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let breaks = body.matches('\n').count();
        let crlf = breaks > 0 && body.matches("\r\n").count() == breaks;
        let body = if crlf {
            Cow::Owned(body.replace("\r\n", "\n"))
        } else {
            Cow::Borrowed(body)
        };
        (Style { crlf, bom }, body)
    }

    /// `text` (with `\n` breaks) in this style.
    pub(crate) fn apply(self, text: String) -> String {
        let text = if self.crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        if self.bom {
            let mut marked = String::with_capacity(text.len() + BOM.len_utf8());
            marked.push(BOM);
            marked.push_str(&text);
            marked
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_the_mark_go_and_come_back() {
        let (style, body) = Style::of("\u{feff}a = 1\r\nb = 2\r\n");
        assert_eq!(body, "a = 1\nb = 2\n");
        assert_eq!(style.apply(body.into_owned()), "\u{feff}a = 1\r\nb = 2\r\n");
    }

    #[test]
    fn mixed_breaks_are_left_as_they_are() {
        let (style, body) = Style::of("a = 1\r\nb = 2\n");
        assert_eq!(body, "a = 1\r\nb = 2\n");
        assert_eq!(style.apply("x\n".into()), "x\n");
    }
}
