//! The table's input line: the focused cell's whole text, with the terminal cursor at its
//! caret.
//!
//! The grid cuts a cell to its column; this line is where the facilitator reads what a cell
//! really says ("Night handovers lose the small details…") and types into it. A long column
//! title leaves little of one row for the text, so a cell longer than the row goes on onto as
//! many as [`MOST_ROWS`] rows, taken from the grid while that cell is focused. Only a cell
//! longer than that is shown from the caret back, marked "…" where it is cut.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::super::fit;
use super::super::theme::Theme;
use crate::text::sanitize_line;
use crate::tui::model::table::Table;

/// The most rows the input line may take.
pub const MOST_ROWS: usize = 3;

/// The input line laid out: its rows, and where the caret is on them (column, row).
pub struct Laid {
    pub rows: Vec<Line<'static>>,
    pub caret: (usize, usize),
}

/// The focused cell of `table` on rows of `width` columns.
pub fn lay_out(table: &Table, width: usize, theme: Theme) -> Laid {
    let label = format!("{} ▸ ", table.column().title);
    let text = sanitize_line(table.cell()).into_owned();
    let label_width = label.width();
    let head = Span::styled(label, theme.prompt());
    if label_width + text.width() < width {
        let caret = label_width + text.chars().take(table.caret).collect::<String>().width();
        return Laid {
            rows: vec![Line::from(vec![head, Span::raw(text)])],
            caret: (caret, 0),
        };
    }
    if let Some((rows, (col, row))) =
        wrapped(&text, table.caret, width - label_width.min(width), width)
        && rows.len() <= MOST_ROWS
    {
        let mut lines: Vec<Line<'static>> = Vec::new();
        for (i, r) in rows.into_iter().enumerate() {
            if i == 0 {
                lines.push(Line::from(vec![head.clone(), Span::raw(r)]));
            } else {
                lines.push(Line::from(Span::styled(r, Style::new())));
            }
        }
        let col = if row == 0 { label_width + col } else { col };
        return Laid {
            rows: lines,
            caret: (col, row),
        };
    }
    scrolled(&text, table.caret, head, label_width, width)
}

/// `text` broken into rows (the first `first` columns wide, the rest `width`), between words
/// where a row has a space to break at, and the caret's place on them; `None` when a row cannot
/// hold a single character.
fn wrapped(
    text: &str,
    caret: usize,
    first: usize,
    width: usize,
) -> Option<(Vec<String>, (usize, usize))> {
    if first < 2 || width < 2 {
        return None;
    }
    // One column is kept free at the end of each row, for the caret after the last character.
    let mut rows: Vec<Vec<char>> = vec![Vec::new()];
    let mut room = first - 1;
    for c in text.chars() {
        let Some(row) = rows.last_mut() else {
            break;
        };
        let used: usize = row.iter().map(|c| c.width().unwrap_or(0)).sum();
        if used + c.width().unwrap_or(0) > room {
            // The word under way goes on to the next row, if the row has a space before it.
            let next = match row.iter().rposition(|c| *c == ' ') {
                Some(space) if c != ' ' => row.split_off(space + 1),
                _ => Vec::new(),
            };
            rows.push(next);
            room = width - 1;
        }
        if let Some(row) = rows.last_mut() {
            row.push(c);
        }
    }
    // The caret's row is the one its character is on (after the last, the last row).
    let mut before = 0;
    let mut at = (0, 0);
    for (r, row) in rows.iter().enumerate() {
        if caret < before + row.len() || r == rows.len() - 1 {
            let col = row[..(caret - before).min(row.len())]
                .iter()
                .map(|c| c.width().unwrap_or(0))
                .sum();
            at = (col, r);
            break;
        }
        before += row.len();
    }
    Some((rows.into_iter().map(String::from_iter).collect(), at))
}

/// A cell too long even for [`MOST_ROWS`] rows: on one row, the text up to the caret kept in
/// view, cut on the left with "…".
fn scrolled(
    text: &str,
    caret: usize,
    head: Span<'static>,
    label_width: usize,
    width: usize,
) -> Laid {
    let room = width.saturating_sub(label_width + 1);
    let before: String = text.chars().take(caret).collect();
    // Text cut off on the left is marked with an ellipsis, which takes one column.
    let skip = match before.width().saturating_sub(room) {
        0 => 0,
        over => over + 1,
    };
    let visible = if skip > 0 {
        format!("…{}", skip_width(text, skip))
    } else {
        text.to_string()
    };
    let col = label_width + before.width() - skip + usize::from(skip > 0);
    Laid {
        rows: vec![Line::from(vec![head, Span::raw(fit(&visible, room + 1))])],
        caret: (col, 0),
    }
}

/// `text` without its first `width` columns.
fn skip_width(text: &str, width: usize) -> String {
    let mut used = 0;
    text.chars()
        .skip_while(|c| {
            if used >= width {
                return false;
            }
            used += c.width().unwrap_or(0);
            true
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_cell_goes_on_below_and_the_caret_follows() {
        let (rows, caret) = wrapped("abcdefghij", 10, 5, 6).unwrap();
        assert_eq!(rows, ["abcd", "efghi", "j"]);
        assert_eq!(caret, (1, 2), "after the last character");
        let (_, caret) = wrapped("abcdefghij", 4, 5, 6).unwrap();
        assert_eq!(caret, (0, 1), "on the e");
    }

    #[test]
    fn rows_break_between_words_where_they_can() {
        let (rows, caret) = wrapped("core statement", 6, 9, 12).unwrap();
        assert_eq!(rows, ["core ", "statement"]);
        assert_eq!(caret, (1, 1), "on the t of statement");
    }

    #[test]
    fn wide_characters_are_never_split_across_rows() {
        let (rows, _) = wrapped("日本語の文", 0, 5, 5).unwrap();
        assert_eq!(rows, ["日本", "語の", "文"]);
    }
}
