//! The answer's text while it is typed: its lines, the caret, and the edits the keys make.
//!
//! convene lays out and draws the answer itself ([`super::wrap`]) and keeps its own undo steps
//! ([`super::walk`]), so all it needs of an editor is the text and the edits. It used to be
//! ratatui-textarea's widget, which after every edit maps every line of the text to the rows it
//! would draw (even with its wrapping, drawing and history unused): in a 4 MB answer that pass
//! was half the CPU of every key typed. Here an edit costs the line it touches, and moving the
//! pointers of the lines after it when it adds or takes away a line.
//!
//! The edits are the widget's, to the letter (its tests say so, edit by edit against the widget
//! itself): a word is a run of letters or of ASCII punctuation, and an erase or a move at a
//! line's edge crosses into the next line. Positions are counted in characters (`char`s).
//!
//! The editor also counts, as lines change, the lines that cannot be drawn as typed (a control
//! or invisible character, see [`crate::text::sanitize`]), so the screen knows without reading
//! the whole answer at every frame.

#[cfg(test)]
mod tests;

use std::borrow::Cow;

/// Where the caret is: before character `col` of line `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Caret {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone)]
pub struct Editor {
    /// Never empty: an empty text is one empty line.
    lines: Vec<String>,
    caret: Caret,
    /// How many of `lines` are [`hazardous`].
    hazards: usize,
}

impl Default for Editor {
    fn default() -> Self {
        Self::new(vec![String::new()])
    }
}

/// Whether `line` cannot be drawn as typed: something other than a tab that sanitising would
/// change.
fn hazardous(line: &str) -> bool {
    let line = if line.contains('\t') {
        Cow::Owned(line.replace('\t', " "))
    } else {
        Cow::Borrowed(line)
    };
    matches!(crate::text::sanitize(&line), Cow::Owned(_))
}

/// The byte where character `col` of `line` starts (its end, past the last).
fn byte_at(line: &str, col: usize) -> usize {
    line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
}

fn chars(line: &str) -> usize {
    line.chars().count()
}

/// What a character is for telling words apart: a word is a run of one kind, spaces between.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Space,
    Punct,
    Other,
}

impl Kind {
    fn of(c: char) -> Self {
        if c.is_whitespace() {
            Self::Space
        } else if c != '_' && c.is_ascii_punctuation() {
            Self::Punct
        } else {
            Self::Other
        }
    }
}

/// The first place after `col` where the kind of character changes from `before` to `after` as
/// `stops` says (the character at `col` itself is never one).
fn next_change(line: &str, col: usize, stops: impl Fn(Kind, Kind) -> bool) -> Option<usize> {
    let mut it = line.chars().enumerate().skip(col);
    let mut before = Kind::of(it.next()?.1);
    for (at, c) in it {
        let after = Kind::of(c);
        if stops(before, after) {
            return Some(at);
        }
        before = after;
    }
    None
}

/// The start of the next word after `col` (a word that starts there does not count).
fn next_word_start(line: &str, col: usize) -> Option<usize> {
    next_change(line, col, |before, after| {
        after != Kind::Space && after != before
    })
}

/// Just past the end of the word at or after `col`.
fn word_end(line: &str, col: usize) -> Option<usize> {
    next_change(line, col, |before, after| {
        before != Kind::Space && after != before
    })
}

/// The start of the word before `col` (the one the caret is in, or the one before the spaces
/// it is after).
fn word_start_before(line: &str, col: usize) -> Option<usize> {
    let mut it = line[..byte_at(line, col)].chars().rev().enumerate();
    let mut kind = Kind::of(it.next()?.1);
    for (i, c) in it {
        let before = Kind::of(c);
        if kind != Kind::Space && before != kind {
            return Some(col - i);
        }
        kind = before;
    }
    (kind != Kind::Space).then_some(0)
}

impl Editor {
    /// An editor on `lines` (none is one empty line), the caret at the start.
    pub fn new(mut lines: Vec<String>) -> Self {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let hazards = lines.iter().filter(|l| hazardous(l)).count();
        Editor {
            lines,
            caret: Caret::default(),
            hazards,
        }
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The text as one string, lines joined by `\n`.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn caret(&self) -> Caret {
        self.caret
    }

    /// Whether some line holds a character that cannot be drawn as typed.
    pub fn hazardous(&self) -> bool {
        self.hazards > 0
    }

    // The lines are changed only through these three, which keep `hazards` true.

    fn edit_line<R>(&mut self, at: usize, edit: impl FnOnce(&mut String) -> R) -> R {
        let before = hazardous(&self.lines[at]);
        let out = edit(&mut self.lines[at]);
        let after = hazardous(&self.lines[at]);
        self.hazards = self.hazards + usize::from(after) - usize::from(before);
        out
    }

    fn insert_line(&mut self, at: usize, line: String) {
        self.hazards += usize::from(hazardous(&line));
        self.lines.insert(at, line);
    }

    fn remove_line(&mut self, at: usize) -> String {
        let line = self.lines.remove(at);
        self.hazards -= usize::from(hazardous(&line));
        line
    }

    fn line_chars(&self, at: usize) -> usize {
        chars(&self.lines[at])
    }

    // Typing.

    /// Types `c` at the caret (a line break breaks the line).
    pub fn insert_char(&mut self, c: char) {
        if c == '\n' || c == '\r' {
            self.insert_newline();
            return;
        }
        let Caret { line, col } = self.caret;
        self.edit_line(line, |l| l.insert(byte_at(l, col), c));
        self.caret.col += 1;
    }

    /// Breaks the line at the caret; the caret starts the new line.
    pub fn insert_newline(&mut self) {
        let Caret { line, col } = self.caret;
        let rest = self.edit_line(line, |l| l.split_off(byte_at(l, col)));
        self.insert_line(line + 1, rest);
        self.caret = Caret {
            line: line + 1,
            col: 0,
        };
    }

    /// Puts `text` in at the caret, which goes to its end; `\n` and `\r\n` break lines (a lone
    /// `\r` is kept). Returns whether anything went in.
    pub fn insert_str(&mut self, text: &str) -> bool {
        if text.is_empty() {
            return false;
        }
        let mut pieces = text.split('\n').map(|p| p.strip_suffix('\r').unwrap_or(p));
        let first = pieces.next().unwrap_or_default();
        let rest: Vec<&str> = pieces.collect();
        let Caret { line, col } = self.caret;
        let Some((last, middle)) = rest.split_last() else {
            if first.is_empty() {
                return false;
            }
            self.edit_line(line, |l| l.insert_str(byte_at(l, col), first));
            self.caret.col += chars(first);
            return true;
        };
        let tail = self.edit_line(line, |l| {
            let tail = l.split_off(byte_at(l, col));
            l.push_str(first);
            tail
        });
        // The lines in between go in at once: one move of the lines after them, not one each.
        let between: Vec<String> = middle.iter().map(|p| p.to_string()).collect();
        self.hazards += between.iter().filter(|l| hazardous(l)).count();
        let end = line + 1 + between.len();
        self.lines.splice(line + 1..line + 1, between);
        self.insert_line(end, format!("{last}{tail}"));
        self.caret = Caret {
            line: end,
            col: chars(last),
        };
        true
    }

    // Erasing. Each returns whether the text changed.

    /// Takes away characters `from..to` of the caret's line and puts the caret at `from`.
    fn erase_in_line(&mut self, from: usize, to: usize) -> bool {
        if from >= to {
            return false;
        }
        let line = self.caret.line;
        self.edit_line(line, |l| {
            let start = byte_at(l, from);
            let end = start + byte_at(&l[start..], to - from);
            l.replace_range(start..end, "");
        });
        self.caret.col = from;
        true
    }

    /// Joins the caret's line to the one before it; the caret goes where they met.
    fn join_with_previous(&mut self) -> bool {
        let line = self.caret.line;
        if line == 0 {
            return false;
        }
        let taken = self.remove_line(line);
        let col = self.line_chars(line - 1);
        self.edit_line(line - 1, |l| l.push_str(&taken));
        self.caret = Caret {
            line: line - 1,
            col,
        };
        true
    }

    /// Joins the next line to the caret's, which stays where it is.
    fn join_with_next(&mut self) -> bool {
        let line = self.caret.line;
        if line + 1 >= self.lines.len() {
            return false;
        }
        let taken = self.remove_line(line + 1);
        self.edit_line(line, |l| l.push_str(&taken));
        true
    }

    /// Backspace: the character before the caret, or the line break before its line.
    pub fn delete_char(&mut self) -> bool {
        let Caret { col, .. } = self.caret;
        if col == 0 {
            return self.join_with_previous();
        }
        self.erase_in_line(col - 1, col)
    }

    /// Delete: the character after the caret, or the line break after its line.
    pub fn delete_next_char(&mut self) -> bool {
        let Caret { line, col } = self.caret;
        if col >= self.line_chars(line) {
            return self.join_with_next();
        }
        self.erase_in_line(col, col + 1)
    }

    /// From the caret to the end of its line; at the end, the line break.
    pub fn delete_line_by_end(&mut self) -> bool {
        let Caret { line, col } = self.caret;
        let end = self.line_chars(line);
        if col < end {
            return self.erase_in_line(col, end);
        }
        self.join_with_next()
    }

    /// From the start of the caret's line to the caret; at the start, the line break before.
    pub fn delete_line_by_head(&mut self) -> bool {
        let col = self.caret.col;
        if col > 0 {
            return self.erase_in_line(0, col);
        }
        self.join_with_previous()
    }

    /// The word before the caret (with the spaces after it); at a line's start, the line break.
    pub fn delete_word(&mut self) -> bool {
        let Caret { line, col } = self.caret;
        match word_start_before(&self.lines[line], col) {
            Some(start) => self.erase_in_line(start, col),
            None if col > 0 => self.erase_in_line(0, col),
            None => self.join_with_previous(),
        }
    }

    /// The word after the caret (with the spaces before it); at a line's end, the line break.
    pub fn delete_next_word(&mut self) -> bool {
        let Caret { line, col } = self.caret;
        let end = word_end(&self.lines[line], col).unwrap_or_else(|| self.line_chars(line));
        if col < end {
            return self.erase_in_line(col, end);
        }
        self.join_with_next()
    }

    /// Empties the text; returns whether there was any.
    pub fn clear(&mut self) -> bool {
        let had = self.lines.len() > 1 || !self.lines[0].is_empty();
        *self = Editor::default();
        had
    }

    // Moving the caret.

    /// One character back; from a line's start, to the end of the line before.
    pub fn back(&mut self) {
        let Caret { line, col } = self.caret;
        if col > 0 {
            self.caret.col -= 1;
        } else if line > 0 {
            self.caret = self.end_of(line - 1);
        }
    }

    /// One character on; from a line's end, to the start of the next.
    pub fn forward(&mut self) {
        let Caret { line, col } = self.caret;
        if col < self.line_chars(line) {
            self.caret.col += 1;
        } else if line + 1 < self.lines.len() {
            self.caret = Caret {
                line: line + 1,
                col: 0,
            };
        }
    }

    /// To the start of the word before; from a line's start, to the end of the line before.
    pub fn word_back(&mut self) {
        let Caret { line, col } = self.caret;
        self.caret = match word_start_before(&self.lines[line], col) {
            Some(col) => Caret { line, col },
            None if line > 0 => self.end_of(line - 1),
            None => Caret { line, col: 0 },
        };
    }

    /// To the start of the next word; past the line's last word, to the start of the next line.
    pub fn word_forward(&mut self) {
        let Caret { line, col } = self.caret;
        self.caret = match next_word_start(&self.lines[line], col) {
            Some(col) => Caret { line, col },
            None if line + 1 < self.lines.len() => Caret {
                line: line + 1,
                col: 0,
            },
            None => self.end_of(line),
        };
    }

    pub fn line_start(&mut self) {
        self.caret.col = 0;
    }

    pub fn line_end(&mut self) {
        self.caret = self.end_of(self.caret.line);
    }

    /// The end of the whole text.
    pub fn to_end(&mut self) {
        self.caret = self.end_of(self.lines.len() - 1);
    }

    /// Puts the caret before character `col` of line `line`, each kept within the text.
    pub fn jump(&mut self, line: usize, col: usize) {
        let line = line.min(self.lines.len() - 1);
        self.caret = Caret {
            line,
            col: col.min(self.line_chars(line)),
        };
    }

    fn end_of(&self, line: usize) -> Caret {
        Caret {
            line,
            col: self.line_chars(line),
        }
    }
}
