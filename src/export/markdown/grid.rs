//! Pipe tables laid out in columns, so the raw Markdown reads as a table too.
//!
//! Each column is as wide as its widest cell, measured in display columns (a CJK character or
//! an emoji takes two, whatever its bytes), and every cell is padded to it: numbers on the left,
//! so they line up on the right as the `---:` under their header asks renderers to show them.
//! Where the table is too wide for that, it falls back to cells written as they are: a column
//! wider than [`WIDE`], or one that would take the padded part of a row past [`ROW`], is not
//! padded, and nor is any column after it (it could not line up anyway). Renderers ignore the
//! padding.

use unicode_width::UnicodeWidthStr;

/// A column whose widest cell is wider than this many display columns is not padded.
pub(super) const WIDE: usize = 40;

/// Padding stops at the column that would take a row past this many display columns.
pub(super) const ROW: usize = 120;

/// A column: its header (convene's words, or escaped) and whether it holds numbers.
pub(in crate::export) struct Column<'a> {
    pub title: &'a str,
    pub numeric: bool,
}

impl<'a> Column<'a> {
    pub fn text(title: &'a str) -> Self {
        Column {
            title,
            numeric: false,
        }
    }

    pub fn number(title: &'a str) -> Self {
        Column {
            title,
            numeric: true,
        }
    }
}

/// Writes a table whose cells (already escaped) `rows` gives, each time it is called, in the same
/// order: once to measure the columns and once to write them, so no more than a row is held.
pub(in crate::export) fn push<R, I>(out: &mut String, columns: &[Column], rows: R)
where
    R: Fn() -> I,
    I: Iterator<Item = Vec<String>>,
{
    let mut natural: Vec<usize> = columns.iter().map(|c| c.title.width()).collect();
    for row in rows() {
        for (width, cell) in natural.iter_mut().zip(&row) {
            *width = (*width).max(cell.width());
        }
    }
    // The width each column is padded to; `None` from the first that is not.
    let mut used = 1;
    let widths: Vec<Option<usize>> = natural
        .into_iter()
        .scan(true, |padding, width| {
            used += width + 3;
            *padding = *padding && width <= WIDE && used <= ROW;
            Some(padding.then_some(width))
        })
        .collect();
    let titles: Vec<&str> = columns.iter().map(|c| c.title).collect();
    push_row(out, columns, &widths, &titles);
    out.push('|');
    for (column, width) in columns.iter().zip(&widths) {
        let (dashes, last) = match width {
            Some(w) => ("-".repeat(w + 1), if column.numeric { ":" } else { "-" }),
            None => ("---".to_string(), if column.numeric { ":" } else { "" }),
        };
        out.push_str(&dashes);
        out.push_str(last);
        out.push('|');
    }
    out.push('\n');
    for row in rows() {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        push_row(out, columns, &widths, &cells);
    }
}

fn push_row(out: &mut String, columns: &[Column], widths: &[Option<usize>], cells: &[&str]) {
    out.push('|');
    for (i, (column, width)) in columns.iter().zip(widths).enumerate() {
        let cell = cells.get(i).copied().unwrap_or("");
        let gap = " ".repeat(width.unwrap_or(0).saturating_sub(cell.width()));
        out.push(' ');
        if column.numeric {
            out.push_str(&gap);
            out.push_str(cell);
        } else {
            out.push_str(cell);
            out.push_str(&gap);
        }
        out.push_str(" |");
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_by_display_width() {
        let mut out = String::new();
        let columns = [Column::text("Who"), Column::number("Dots")];
        let rows = [
            vec!["看護師".to_string(), "12".to_string()],
            vec!["Zoë 🙂".to_string(), "3".to_string()],
            vec![String::new(), String::new()],
        ];
        push(&mut out, &columns, || rows.iter().cloned());
        assert_eq!(
            out,
            "| Who    | Dots |\n\
             |--------|-----:|\n\
             | 看護師 |   12 |\n\
             | Zoë 🙂 |    3 |\n\
             |        |      |\n"
        );
    }

    #[test]
    fn a_long_cell_stops_the_padding_at_its_column() {
        let mut out = String::new();
        let columns = [
            Column::text("Who"),
            Column::text("Note"),
            Column::number("Dots"),
        ];
        let long = "x".repeat(WIDE + 1);
        let rows = [
            vec!["Zoë".to_string(), long.clone(), "3".to_string()],
            vec!["Priya".to_string(), "short".to_string(), "12".to_string()],
        ];
        push(&mut out, &columns, || rows.iter().cloned());
        assert_eq!(
            out,
            format!(
                "| Who   | Note | Dots |\n\
                 |-------|---|---:|\n\
                 | Zoë   | {long} | 3 |\n\
                 | Priya | short | 12 |\n"
            )
        );
    }

    #[test]
    fn a_wide_table_is_padded_only_as_far_as_a_row_allows() {
        let mut out = String::new();
        let titles: Vec<String> = (0..5).map(|i| format!("{i}").repeat(30)).collect();
        let columns: Vec<Column> = titles.iter().map(|t| Column::text(t)).collect();
        push(&mut out, &columns, std::iter::empty);
        let header = out.lines().next().expect("a header");
        let padded = header.matches(" |").count();
        assert_eq!(header, format!("| {} |", titles.join(" | ")));
        assert_eq!(padded, 5);
        assert!(
            out.lines()
                .nth(1)
                .expect("a delimiter row")
                .ends_with("|---|---|")
        );
    }
}
