//! One line of text being typed: the one editor behind every single-line input.
//!
//! Home's name prompt and filter, the presenter's capture line and a list's "add your own" line
//! each used to be a `String` edited by hand (append a character, drop the last one), so none had
//! a caret to move, and each refused control characters or capped its length its own way. A
//! [`LineInput`] is `tui-input`'s line (a caret, word moves and deletes, graphemes kept whole) with the
//! rules every one of them needs: no line breaks or control characters, and a most characters.
//! Which key does what is the keymap's ([`crate::tui::keymap::line_edit`]); a line only takes the
//! requests.

use tui_input::{Input, InputRequest};

/// A line of text and its caret.
#[derive(Debug, Clone)]
pub struct LineInput {
    input: Input,
    /// The most characters it takes.
    max: usize,
}

/// An empty line with no most but memory's: a line that must be short says so with
/// [`LineInput::new`].
impl Default for LineInput {
    fn default() -> LineInput {
        LineInput::new(usize::MAX)
    }
}

impl PartialEq for LineInput {
    fn eq(&self, other: &LineInput) -> bool {
        self.text() == other.text() && self.caret() == other.caret()
    }
}

impl Eq for LineInput {}

impl LineInput {
    /// An empty line that takes up to `max` characters.
    pub fn new(max: usize) -> LineInput {
        LineInput {
            input: Input::default(),
            max,
        }
    }

    /// A line holding `text` (cut to `max` characters), the caret at its end.
    pub fn with_text(text: &str, max: usize) -> LineInput {
        let mut line = LineInput::new(max);
        line.insert(text);
        line
    }

    /// A line holding `text` as it is (a table cell's), the caret `caret` characters in.
    pub fn at(text: &str, caret: usize) -> LineInput {
        LineInput {
            input: Input::new(text.to_string()).with_cursor(caret),
            max: usize::MAX,
        }
    }

    pub fn text(&self) -> &str {
        self.input.value()
    }

    /// The caret, in characters from the start.
    pub fn caret(&self) -> usize {
        self.input.cursor()
    }

    /// The caret's column, in terminal cells from the start of the line.
    pub fn caret_column(&self) -> usize {
        self.input.visual_cursor()
    }

    /// The text before the caret and after it.
    pub fn split_at_caret(&self) -> (&str, &str) {
        let text = self.text();
        let at = text
            .char_indices()
            .nth(self.caret())
            .map_or(text.len(), |(i, _)| i);
        text.split_at(at)
    }

    pub fn is_empty(&self) -> bool {
        self.text().is_empty()
    }

    /// Applies one editing request; returns whether the text changed. A character that is a
    /// control character, or one past the most the line takes, is refused.
    pub fn edit(&mut self, request: InputRequest) -> bool {
        if let InputRequest::InsertChar(c) = request
            && (c.is_control() || self.text().chars().count() >= self.max)
        {
            return false;
        }
        self.input
            .handle(request)
            .is_some_and(|changed| changed.value)
    }

    /// Types `text` at the caret, a line break or tab in it as a space (a name pasted over two
    /// lines keeps its words apart), other control characters left out, and only as much as the
    /// line still takes; returns false if some of it did not fit.
    pub fn insert(&mut self, text: &str) -> bool {
        let text = text.replace("\r\n", "\n");
        let mut rest = text
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .filter(|c| !c.is_control());
        for c in rest.by_ref() {
            if !self.edit(InputRequest::InsertChar(c)) {
                return false;
            }
        }
        true
    }

    /// Empties the line, giving back what it held.
    pub fn take(&mut self) -> String {
        self.input.value_and_reset()
    }

    pub fn clear(&mut self) {
        self.input.reset();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_goes_in_at_the_caret_and_words_go_whole() {
        let mut line = LineInput::with_text("Nurses circle", 50);
        for _ in 0.."circle".len() {
            line.edit(InputRequest::GoToPrevChar);
        }
        line.insert("lunch ");
        assert_eq!(line.text(), "Nurses lunch circle");
        assert_eq!(line.caret(), "Nurses lunch ".len());
        line.edit(InputRequest::DeletePrevWord);
        assert_eq!(line.text(), "Nurses circle");
        line.edit(InputRequest::GoToEnd);
        assert!(line.edit(InputRequest::DeletePrevChar));
        assert_eq!(line.text(), "Nurses circl");
    }

    #[test]
    fn control_characters_and_characters_past_the_most_are_refused() {
        let mut line = LineInput::new(5);
        assert!(!line.insert("ab\u{7}cd\u{1b}[2Jxyz"), "it did not all fit");
        assert_eq!(line.text(), "abcd[");
        assert!(!line.edit(InputRequest::InsertChar('!')));
        assert!(!line.edit(InputRequest::InsertChar('\t')));
        assert_eq!(line.take(), "abcd[");
        assert!(line.is_empty());
    }

    #[test]
    fn a_default_line_takes_text() {
        let mut line = LineInput::default();
        assert!(line.insert("Ward circle"));
        assert_eq!(line.text(), "Ward circle");
    }

    #[test]
    fn a_line_break_or_a_tab_pasted_in_becomes_a_space() {
        let mut line = LineInput::new(100);
        line.insert("Sages-femmes\r\nrurales\tdu Cantal");
        assert_eq!(line.text(), "Sages-femmes rurales du Cantal");
    }

    #[test]
    fn an_emoji_is_one_step_of_the_caret_and_two_columns() {
        let mut line = LineInput::with_text("a🙂b", 10);
        line.edit(InputRequest::GoToPrevChar);
        assert_eq!(line.caret_column(), 3);
        line.edit(InputRequest::GoToPrevChar);
        assert_eq!(line.caret_column(), 1);
        line.edit(InputRequest::DeleteNextChar);
        assert_eq!(line.text(), "ab");
    }
}
