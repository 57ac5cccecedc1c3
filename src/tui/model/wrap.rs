//! Where the answer's text falls on screen: its lines wrapped at words into rows of a given
//! width, where the caret is drawn, and which character a column of a row is (for a click, and
//! for ↑/↓ that move by the rows the facilitator sees).
//!
//! convene lays out the answer itself rather than leaving it to the editor widget, so that the
//! drawing, the caret and the keys agree on one layout with three properties a word processor
//! has: a space at a break hangs at the end of its row, so no continuation row starts with a
//! stray space; a tab is a character like any other, advancing to the next stop of [`TAB`]
//! columns; a word longer than the row is cut between characters, never hidden. Positions are
//! counted in characters (`char`s), as the editor's caret is; columns in terminal cells.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

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

/// Lines already laid out at `width`, keyed by a hash and the length of their text: the answer
/// is laid out at every frame and every ↑/↓, and a key changes one line, so the others are
/// taken from here rather than segmented into words again (a 4 MB answer takes some 120 ms to
/// lay out whole, and a few to hash).
#[derive(Debug, Default)]
struct Laid {
    width: usize,
    lines: HashMap<(u64, usize), Vec<(usize, usize)>>,
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
        let mut kept = HashMap::with_capacity(lines.len());
        let mut out = Vec::with_capacity(lines.len());
        for (index, line) in lines.iter().enumerate() {
            let mut hasher = DefaultHasher::new();
            line.hash(&mut hasher);
            let key = (hasher.finish(), line.len());
            let spans = match laid.lines.remove(&key).or_else(|| kept.remove(&key)) {
                Some(spans) => spans,
                None => {
                    let mut rows = Vec::new();
                    line_rows(index, line, width.max(1), &mut rows);
                    rows.iter().map(|r| (r.start, r.end)).collect()
                }
            };
            out.extend(spans.iter().map(|&(start, end)| Row {
                line: index,
                start,
                end,
            }));
            kept.insert(key, spans);
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
            out.push(Row {
                line: index,
                start,
                end: run_at,
            });
            start = run_at;
            col -= run_col;
            run = Some((run_at, 0));
            if col + wide(col) <= width {
                col += wide(col);
                at += chars;
                continue;
            }
        }
        if col > 0 {
            out.push(Row {
                line: index,
                start,
                end: at,
            });
            start = at;
            col = 0;
        }
        // The word starts a row; cut it wherever a row is full.
        run = (!space).then_some((at, 0));
        for g in word.graphemes(true) {
            let w = cells(g, col);
            if col + w > width && col > 0 {
                out.push(Row {
                    line: index,
                    start,
                    end: at,
                });
                start = at;
                col = 0;
                run = (!space).then_some((at, 0));
            }
            col += cells(g, col);
            at += g.chars().count();
        }
    }
    out.push(Row {
        line: index,
        start,
        end: at,
    });
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
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.split('\n').map(str::to_string).collect()
    }

    fn drawn(text: &str, width: usize) -> Vec<String> {
        let lines = lines(text);
        rows(&lines, width)
            .into_iter()
            .map(|r| shown(&lines[r.line], r, width))
            .collect()
    }

    #[test]
    fn a_space_at_a_break_hangs_at_the_end_of_its_row() {
        // 10 columns: "aaaa bbbbb" fills the first row exactly; the space after it hangs.
        assert_eq!(
            drawn("aaaa bbbbb next word", 10),
            ["aaaa bbbbb", "next word"]
        );
        assert_eq!(drawn("one two three", 7), ["one two", "three"]);
        // No continuation row starts with a space, whatever the width.
        let text = "Les sages-femmes rurales partagent leurs gardes de nuit et apprennent";
        for width in 3..40 {
            for row in drawn(text, width).iter().skip(1) {
                assert!(!row.starts_with(' '), "{width}: {row:?}");
            }
        }
    }

    /// Punctuation written against a word goes to the next row with it: the guidance once
    /// showed "host a session" over ", coordinate" and "early" over ". Decide".
    #[test]
    fn a_comma_or_full_stop_never_starts_a_row() {
        assert_eq!(
            drawn("host a session, coordinate", 14),
            ["host a ", "session, ", "coordinate"]
        );
        assert_eq!(
            drawn("done early. Decide", 10),
            ["done ", "early. ", "Decide"]
        );
        let text = "Name the people who have offered to host a session, coordinate, or bring \
                    others in (and what they did). Offers backed by action count; e.g. José's.";
        // At every width the longest word with its comma ("coordinate,") fits in.
        for width in 11..60 {
            let rows = drawn(text, width);
            for row in rows.iter().skip(1) {
                assert!(
                    !row.starts_with([',', '.', ';', ')']),
                    "{width}: {row:?} in {rows:?}"
                );
            }
            // Nothing is lost: the rows are the text again.
            let joined: String = rows.concat();
            assert_eq!(
                joined.split_whitespace().collect::<String>(),
                text.split_whitespace().collect::<String>(),
                "{width}"
            );
        }
        // A word longer than a row is still cut where the row is full.
        assert_eq!(drawn("abcdefgh, x", 4)[..2], ["abcd", "efgh"]);
    }

    #[test]
    fn every_character_is_on_some_row_once() {
        let text = "x\tyy zzzzzzzzzzzzzzz  é́ 👩‍🔬 end\n\n  indented\tline";
        let lines = lines(text);
        for width in 1..20 {
            let rs = rows(&lines, width);
            for (i, line) in lines.iter().enumerate() {
                let mine: Vec<_> = rs.iter().filter(|r| r.line == i).collect();
                assert_eq!(mine.first().unwrap().start, 0);
                assert_eq!(mine.last().unwrap().end, line.chars().count());
                for pair in mine.windows(2) {
                    assert_eq!(pair[0].end, pair[1].start, "{width}");
                }
            }
        }
    }

    #[test]
    fn a_tab_advances_to_the_next_stop_and_wraps_like_any_character() {
        assert_eq!(drawn("a\tb", 20), ["a   b"]);
        assert_eq!(drawn("abcd\te", 20), ["abcd    e"]);
        // Leading indentation is the facilitator's, and is drawn.
        assert_eq!(drawn("\tdeep", 20), ["    deep"]);
        let lines = lines("a\tb\tc\td\te");
        let rs = rows(&lines, 6);
        assert!(rs.len() > 1);
        for r in &rs {
            assert!(shown(&lines[0], *r, 6).chars().count() <= 6);
        }
    }

    #[test]
    fn a_word_longer_than_the_row_is_cut_not_hidden() {
        assert_eq!(drawn("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(drawn("to abcdefghij", 4), ["to ", "abcd", "efgh", "ij"]);
    }

    #[test]
    fn the_caret_is_on_the_row_it_starts_and_at_the_column_drawn() {
        let lines = lines("aaaa bbbbb next\nsecond");
        let rs = rows(&lines, 10);
        assert_eq!(rs.len(), 3);
        // The start of "next" is the second row's first column, not the first row's end.
        assert_eq!(row_of(&rs, 0, 11), 1);
        assert_eq!(column(&lines[0], rs[1], 11, 10), 0);
        // The end of the line is on its last row.
        assert_eq!(row_of(&rs, 0, 15), 1);
        assert_eq!(column(&lines[0], rs[1], 15, 10), 4);
        assert_eq!(row_of(&rs, 1, 3), 2);
        // After a row that is exactly full, the caret sits one past it.
        assert_eq!(column(&lines[0], rs[0], 10, 10), 10);
        // Tabs count as the columns they take.
        let tabbed = lines_of("a\tb");
        let r = rows(&tabbed, 20);
        assert_eq!(column(&tabbed[0], r[0], 2, 20), 4);
    }

    fn lines_of(text: &str) -> Vec<String> {
        lines(text)
    }

    #[test]
    fn a_column_maps_back_to_the_character_drawn_there() {
        let lines = lines("aaaa bbbbb next\n\ta");
        let rs = rows(&lines, 10);
        assert_eq!(at_column(&lines[0], rs[1], 2, true), 13);
        assert_eq!(at_column(&lines[0], rs[1], 40, true), 15);
        // Past the end of a wrapped row the caret stays on that row.
        let to = at_column(&lines[0], rs[0], 40, false);
        assert_eq!(row_of(&rs, 0, to), 0);
        // Inside a tab: before it, or after it when nearer its end.
        assert_eq!(at_column(&lines[1], rs[2], 1, true), 0);
        assert_eq!(at_column(&lines[1], rs[2], 3, true), 1);
    }

    #[test]
    fn rows_laid_out_again_only_where_the_text_changed_are_the_rows_laid_out_afresh() {
        let drawn = Drawn::default();
        drawn.area.set(Rect::new(0, 0, 10, 5));
        let mut text = lines("aaaa bbbbb next\nsecond line here\naaaa bbbbb next");
        assert_eq!(drawn.rows(&text), rows(&text, 10));
        text[1].push_str(" and more");
        text.insert(0, "new first".to_string());
        assert_eq!(drawn.rows(&text), rows(&text, 10));
        drawn.area.set(Rect::new(0, 0, 6, 5));
        assert_eq!(drawn.rows(&text), rows(&text, 6));
        assert_eq!(drawn.rows(&[]), rows(&[], 6));
    }

    #[test]
    fn text_fitted_to_its_rows_ends_in_what_says_there_is_more() {
        let text = lines("one two three four five six seven");
        // Room enough: the rows as drawn, their hanging spaces trimmed.
        let (rows, cut) = fitted(&text, 9, 5, " …");
        assert!(!cut);
        assert_eq!(rows, ["one two", "three", "four five", "six seven"]);
        let (rows, cut) = fitted(&text, 9, 2, " …");
        assert!(cut);
        assert_eq!(rows, ["one two", "three …"]);
        assert!(rows.iter().all(|r| r.width() <= 9));
    }

    #[test]
    fn following_the_caret_scrolls_as_little_as_needed_and_never_past_the_text() {
        assert_eq!(follow(0, 3, 5, 10), 0);
        assert_eq!(follow(0, 7, 5, 10), 3);
        assert_eq!(follow(5, 2, 5, 10), 2);
        // A short answer is never scrolled off its first line.
        assert_eq!(follow(4, 1, 5, 3), 0);
        assert_eq!(follow(9, 9, 5, 10), 5);
    }
}
