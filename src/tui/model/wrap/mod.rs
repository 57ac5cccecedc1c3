//! Where the answer's text falls on screen: its lines wrapped at words into rows of a given
//! width, where the caret is drawn, and which character a column of a row is (for a click, and
//! for ↑/↓ that move by the rows the facilitator sees).
//!
//! convene lays out the answer itself rather than leaving it to an editor widget, so that the
//! drawing, the caret and the keys agree on one layout with three properties a word processor
//! has: a space at a break hangs at the end of its row, so no continuation row starts with a
//! stray space; a tab is a character like any other, advancing to the next stop of [`TAB`]
//! columns; a word longer than the row is cut between characters, never hidden. Positions are
//! counted in characters (`char`s), as the editor's caret is; columns in terminal cells.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::BuildHasher;

use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The columns between tab stops.
pub const TAB: usize = 4;

/// One row on screen: the characters `start..end` of line `line`. `end` includes the spaces
/// hanging at the end of the row, which are not drawn past its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// Where the answer was last drawn: the editor's area and the first row shown. The view sets
/// them as it draws (as ratatui's stateful widgets keep their scroll), so that keys, clicks and
/// the wheel work on the rows the facilitator sees; before the first frame the area is empty and
/// every line counts as one row.
#[derive(Debug, Default)]
pub struct Drawn {
    pub area: Cell<Rect>,
    pub top: Cell<usize>,
    /// The rows of each line as last laid out, by the line's text (see [`Drawn::rows`]).
    laid: RefCell<Laid>,
}

/// Lines already laid out at `width`, in order, each with a hash and the length of its text:
/// the answer is laid out at every frame and every ↑/↓, and a key changes one line, so the
/// others are taken from here rather than segmented into words again (a 4 MB answer takes some
/// 120 ms to lay out whole, and a few to hash). A line is looked for at its own place first;
/// only when lines came or went (Enter, a paste) is a map of the rest made, once that frame.
#[derive(Debug, Default)]
struct Laid {
    width: usize,
    lines: Vec<Option<(Key, Spans)>>,
}

/// A line's hash and length.
type Key = (u64, usize);
/// Where a line's rows start and end.
type Spans = Vec<(usize, usize)>;

fn key_of(line: &str) -> Key {
    // Every line of the answer is hashed at every frame: a fast hash, not a keyed one (nothing
    // here is an attacker's choice of collisions to slow down but the facilitator's own text).
    let hash = foldhash::fast::FixedState::default().hash_one(line);
    (hash, line.len())
}

impl Drawn {
    /// The width rows are laid out at: the editor's, or unbounded before it is drawn.
    pub fn width(&self) -> usize {
        match self.area.get().width {
            0 => usize::MAX / 2,
            w => usize::from(w),
        }
    }

    pub fn height(&self) -> usize {
        usize::from(self.area.get().height).max(1)
    }

    /// The rows of `lines` at [`Drawn::width`], as [`rows`] gives them, laying out again only
    /// the lines that changed since the last call.
    pub fn rows(&self, lines: &[String]) -> Vec<Row> {
        let width = self.width();
        let mut laid = self.laid.borrow_mut();
        if laid.width != width {
            laid.width = width;
            laid.lines.clear();
        }
        let mut old = std::mem::take(&mut laid.lines);
        let mut elsewhere: Option<HashMap<Key, Vec<usize>>> = None;
        let mut kept = Vec::with_capacity(lines.len());
        let mut out = Vec::with_capacity(lines.len());
        for (index, line) in lines.iter().enumerate() {
            let key = key_of(line);
            let here = match old.get_mut(index) {
                Some(slot) if slot.as_ref().is_some_and(|(k, _)| *k == key) => slot.take(),
                _ => None,
            };
            let found = here.map(|(_, spans)| spans).or_else(|| {
                // Lines moved: find this one wherever it was (made once, for this frame).
                let map = elsewhere.get_or_insert_with(|| {
                    let mut map: HashMap<Key, Vec<usize>> = HashMap::new();
                    for (at, slot) in old.iter().enumerate().rev() {
                        if let Some((k, _)) = slot {
                            map.entry(*k).or_default().push(at);
                        }
                    }
                    map
                });
                let at = map.get_mut(&key).and_then(|ats| {
                    while let Some(at) = ats.pop() {
                        if old[at].is_some() {
                            return Some(at);
                        }
                    }
                    None
                })?;
                old[at].take().map(|(_, spans)| spans)
            });
            let spans = found.unwrap_or_else(|| {
                let mut rows = Vec::new();
                line_rows(index, line, width.max(1), &mut rows);
                rows.iter().map(|r| (r.start, r.end)).collect()
            });
            out.extend(spans.iter().map(|&(start, end)| Row {
                line: index,
                start,
                end,
            }));
            kept.push(Some((key, spans)));
        }
        // What is no longer in the text is forgotten.
        laid.lines = kept;
        if out.is_empty() {
            out.push(Row {
                line: 0,
                start: 0,
                end: 0,
            });
        }
        out
    }
}

/// The width of `grapheme` drawn at column `col` of its row.
fn cells(grapheme: &str, col: usize) -> usize {
    if grapheme == "\t" {
        TAB - col % TAB
    } else {
        grapheme.width()
    }
}

/// The rows of `lines` at `width` columns (at least one). A line is one row or more; an empty
/// line is one empty row.
pub fn rows(lines: &[String], width: usize) -> Vec<Row> {
    let mut out = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        line_rows(index, line, width.max(1), &mut out);
    }
    if out.is_empty() {
        out.push(Row {
            line: 0,
            start: 0,
            end: 0,
        });
    }
    out
}

/// The rows of one line, first fit: words go on the row while they fit; the spaces after a word
/// always stay on its row; punctuation written against a word (`session,` `early.`) goes with
/// it, so no row starts with a comma or a full stop; a word wider than a whole row is cut where
/// the row is full.
fn line_rows(index: usize, line: &str, width: usize, out: &mut Vec<Row>) {
    let mut start = 0; // the row's first character
    let mut col = 0; // the row's width so far
    let mut at = 0; // characters seen
    // Where the word being written began (its first character, and the row's width there):
    // the segments since then (a word, the punctuation against it) move to a new row together.
    let mut run: Option<(usize, usize)> = None;
    // Ends the row being laid at `end`; the next row starts there.
    let mut end_row = |start: &mut usize, end: usize| {
        out.push(Row {
            line: index,
            start: *start,
            end,
        });
        *start = end;
    };
    for word in line.split_word_bounds() {
        let space = word.chars().all(char::is_whitespace);
        let blank = space && at > 0;
        let chars = word.chars().count();
        let wide = |from: usize| -> usize {
            let mut c = from;
            for g in word.graphemes(true) {
                c += cells(g, c);
            }
            c - from
        };
        if blank || col + wide(col) <= width {
            // Spaces after the start of the line hang; anything else that fits goes on.
            col += wide(col);
            at += chars;
            run = if space {
                None
            } else {
                run.or(Some((at - chars, col - wide(0))))
            };
            continue;
        }
        // What does not fit takes the word it is written against to the next row, unless that
        // word is the row's first (then it is too long for any row and is cut below).
        if let Some((run_at, run_col)) = run.filter(|&(run_at, _)| run_at > start) {
            end_row(&mut start, run_at);
            col -= run_col;
            run = Some((run_at, 0));
            if col + wide(col) <= width {
                col += wide(col);
                at += chars;
                continue;
            }
        }
        if col > 0 {
            end_row(&mut start, at);
            col = 0;
        }
        // The word starts a row; cut it wherever a row is full.
        run = (!space).then_some((at, 0));
        for g in word.graphemes(true) {
            let w = cells(g, col);
            if col + w > width && col > 0 {
                end_row(&mut start, at);
                col = 0;
                run = (!space).then_some((at, 0));
            }
            col += cells(g, col);
            at += g.chars().count();
        }
    }
    end_row(&mut start, at);
}

/// What row `row` of `line` shows: its characters with tabs as spaces, cut at `width` columns
/// (the hanging spaces past it are not drawn).
pub fn shown(line: &str, row: Row, width: usize) -> String {
    let mut text = String::new();
    let mut col = 0;
    for g in graphemes(line, row) {
        let w = cells(g, col);
        if col + w > width {
            break;
        }
        if g == "\t" {
            text.extend(std::iter::repeat_n(' ', w));
        } else {
            text.push_str(g);
        }
        col += w;
    }
    text
}

/// Text to show in at most `room` rows of `width`, as drawn: wrapped, and if it needs more
/// rows, cut on the last with `more` (" …", or " … and a key to read on") after it. Says
/// whether it was cut.
pub fn fitted(lines: &[String], width: usize, room: usize, more: &str) -> (Vec<String>, bool) {
    let laid = rows(lines, width);
    let mut shown_rows: Vec<String> = laid
        .iter()
        .take(room)
        .map(|r| shown(&lines[r.line], *r, width).trim_end().to_string())
        .collect();
    let cut = laid.len() > room;
    if cut && let Some(last) = shown_rows.last_mut() {
        let keep = width.saturating_sub(more.width());
        let kept = crate::text::fit(last, keep);
        *last = format!("{}{more}", kept.trim_end_matches('…').trim_end());
    }
    (shown_rows, cut)
}

/// The grapheme clusters of `row`.
fn graphemes(line: &str, row: Row) -> impl Iterator<Item = &str> {
    let from = byte_at(line, row.start);
    let to = byte_at(line, row.end);
    line[from..to].graphemes(true)
}

fn byte_at(line: &str, chars: usize) -> usize {
    line.char_indices()
        .nth(chars)
        .map_or(line.len(), |(b, _)| b)
}

/// The row the caret at character `col` of line `line` is on: the row it is inside, or at the
/// start of; at the end of a line, that line's last row.
pub fn row_of(rows: &[Row], line: usize, col: usize) -> usize {
    let first = rows.partition_point(|r| r.line < line);
    let mut found = first.min(rows.len().saturating_sub(1));
    for (i, r) in rows.iter().enumerate().skip(first) {
        if r.line != line || r.start > col {
            break;
        }
        found = i;
    }
    found
}

/// The column where the caret at character `col` is drawn on `row` of `line`, at most `width`
/// (one past the last column: the caret after a full row sits on the box's edge).
pub fn column(line: &str, row: Row, col: usize, width: usize) -> usize {
    let mut at = row.start;
    let mut c = 0;
    for g in graphemes(line, row) {
        if at >= col {
            break;
        }
        c += cells(g, c);
        at += g.chars().count();
    }
    c.min(width)
}

/// The character of `line` nearest to column `target` of `row`: where a click there, or a move
/// up or down keeping the column, puts the caret. On a row that is not its line's last, the
/// caret stops before the row's end, which is the next row's start.
pub fn at_column(line: &str, row: Row, target: usize, last: bool) -> usize {
    let mut at = row.start;
    let mut c = 0;
    let mut last_start = row.start;
    for g in graphemes(line, row) {
        let w = cells(g, c);
        if c + w > target {
            // Nearer to the grapheme's right edge than its left: after it.
            return if target - c > w / 2 && w > 1 {
                at + g.chars().count()
            } else {
                at
            };
        }
        last_start = at;
        c += w;
        at += g.chars().count();
    }
    if last || at == row.start {
        at
    } else {
        // Past the end of a wrapped row: its end is the next row's start, so the caret stays
        // before the row's last grapheme.
        last_start
    }
}

/// Where the caret goes on row `index` of `rows`, at column `goal` (a click there, a move up
/// or down keeping the column): `(line, character)`.
pub fn caret_at(lines: &[String], rows: &[Row], index: usize, goal: usize) -> (usize, usize) {
    let row = rows[index];
    let last = rows.get(index + 1).is_none_or(|next| next.line != row.line);
    (row.line, at_column(&lines[row.line], row, goal, last))
}

/// The first row shown, so that the caret's row is in view: the one before if it still is, as
/// little scrolled as needed if not, and never so far that rows below the text show while rows
/// of it are hidden above.
pub fn follow(top: usize, caret: usize, height: usize, total: usize) -> usize {
    let height = height.max(1);
    let mut top = top;
    if caret < top {
        top = caret;
    } else if caret >= top + height {
        top = caret + 1 - height;
    }
    top.min(total.saturating_sub(height))
}

#[cfg(test)]
mod tests;
