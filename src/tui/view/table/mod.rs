//! Drawing a table answer: the rows, the focused cell's full text on an input line beneath (where
//! the terminal cursor sits), and what the focused column takes.
//!
//! Columns share the width by what they hold, and a grid too wide for the screen scrolls
//! sideways (see [`columns`]); a cell too long for its column is cut with an ellipsis in the
//! grid and shown whole on the input line. Dates are shown as "Tue 1 Dec 2026", never in a form
//! that reads differently in another country.

mod columns;
mod input;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::Theme;
use crate::dates;
use crate::guide::{ColumnKind, DONE, Kind, SLIDER_MAX};
use crate::text::sanitize_line;
use crate::tui::keymap::{Command, Context, Keymap};
use crate::tui::model::table::Table;
use crate::tui::model::walk::Walk;
use crate::tui::model::wrap;

/// Before an overdue step.
const LATE_MARK: &str = "! ";
/// Space between columns.
const GAP: usize = 2;
/// No column is squeezed below this (a date keeps room for "28 Nov 2026").
const MIN_COLUMN: usize = 4;
const MIN_DATE_COLUMN: usize = 11;
/// The most rows what the focused column takes (or a message about it) may wrap onto.
const ABOUT_ROWS: usize = 3;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    table: &Table,
    walk: &Walk,
    focused: bool,
    keys: &Keymap,
    theme: Theme,
) {
    let Some(kind) = walk.question().map(|q| q.kind) else {
        return;
    };
    let today = walk.today;
    if area.height < 3 || area.width < 10 {
        return;
    }
    let gauge = kind == Kind::Slider;
    let gauge_width = if gauge { SLIDER_MAX as usize + GAP } else { 0 };
    // A plan marks overdue steps, and the scouting parties those whose report is due, in a
    // narrow first column ("!"), readable without colour.
    let marks = matches!(kind, Kind::Steps | Kind::Parties);
    let mark_width = if marks { LATE_MARK.width() } else { 0 };
    let shown_columns = widths(
        table,
        (area.width as usize).saturating_sub(gauge_width + mark_width),
    );
    // Below the grid: the cell's line, what the column takes (a message such as why a date
    // cannot be read wraps onto as many as three rows, never cut short) and the row count.
    let (about_text, about_style) = about(table, today, kind, theme);
    // At most three rows, ending in "…" past them.
    let (about, _) = wrap::fitted(&[about_text], usize::from(area.width), ABOUT_ROWS, "…");
    let input = input::lay_out(table, usize::from(area.width), theme);
    let footer = super::rows(input.rows.len() + 1 + about.len()).min(area.height.saturating_sub(2));
    let grid_height = area.height.saturating_sub(footer) as usize;
    let mut head = header(table, &shown_columns, gauge, theme);
    if marks {
        head.spans.insert(0, Span::raw(" ".repeat(mark_width)));
    }
    let mut lines = vec![head];
    let visible = grid_height.saturating_sub(1).max(1);
    let top = table.row.saturating_sub(visible - 1);
    for (r, row) in table.rows.iter().enumerate().skip(top).take(visible) {
        let late = marks && late(kind, &row.cells, today);
        let mut spans = Vec::new();
        if marks {
            let mark = if late { LATE_MARK } else { "  " };
            spans.push(Span::styled(mark, theme.error()));
        }
        for (i, &(c, width)) in shown_columns.columns.iter().enumerate() {
            if i == 1 && shown_columns.hidden_left {
                spans.push(Span::raw(" ".repeat(columns::ARROW)));
            }
            let width = &width;
            let text = shown(table, r, c);
            let mut style = if late { theme.error() } else { Style::new() };
            if r == table.row {
                style = style.add_modifier(Modifier::BOLD);
            }
            if r == table.row && c == table.col {
                style = theme.selected();
            }
            spans.push(Span::styled(pad(&fit(&text, *width), *width), style));
            spans.push(Span::raw(" ".repeat(GAP)));
        }
        if gauge {
            spans.push(Span::raw(bar(&row.cells)));
        }
        lines.push(Line::from(spans));
    }
    let grid = Rect {
        height: super::rows(grid_height),
        ..area
    };
    frame.render_widget(Paragraph::new(lines), grid);
    let below = Rect {
        y: area.y + grid.height,
        height: footer.min(area.height - grid.height),
        ..area
    };
    draw_input(
        frame,
        below,
        table,
        input,
        (about, about_style),
        shown_columns.scrolled(),
        focused,
        (
            keys.key_in(Context::Table, Command::AddRow),
            keys.key_in(Context::Table, Command::DeleteRow),
        ),
        theme,
    );
}

/// The focused cell's whole text (with the caret), what the column takes, and the row count.
#[allow(clippy::too_many_arguments)]
fn draw_input(
    frame: &mut Frame,
    area: Rect,
    table: &Table,
    input: input::Laid,
    (about, about_style): (Vec<String>, Style),
    scrolled: bool,
    focused: bool,
    row_keys: (&str, &str),
    theme: Theme,
) {
    let [cell, about_area, count] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(super::rows(input.rows.len())),
        ratatui::layout::Constraint::Fill(1),
        ratatui::layout::Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(input.rows), cell);
    let about: Vec<Line> = about
        .into_iter()
        .map(|row| Line::styled(row, about_style))
        .collect();
    frame.render_widget(Paragraph::new(about), about_area);
    let count_text = count_line(table, scrolled, usize::from(area.width), row_keys);
    frame.render_widget(Paragraph::new(Line::styled(count_text, theme.dim())), count);
    if focused && table.cell_editable() {
        let (col, row) = input.caret;
        let x = area.x + super::rows(col).min(area.width.saturating_sub(1));
        let y = area.y + super::rows(row).min(cell.height.saturating_sub(1));
        frame.set_cursor_position((x, y));
    }
}

/// Where the focus is, and the keys that add and delete rows; the column too when some are
/// out of view, in fewer words if it must (the keys are kept: at 80 columns the hint line has
/// no room for them).
fn count_line(table: &Table, scrolled: bool, width: usize, (add, delete): (&str, &str)) -> String {
    let row = format!("Row {}/{}", table.row + 1, table.rows.len());
    let plain = format!("{row} · {add} add row · {delete} delete it");
    if !scrolled {
        return plain;
    }
    let column = format!("column {}/{}", table.col + 1, table.columns.len());
    [
        format!("{row} · {column} · {add} add row · {delete} delete it"),
        format!("{row} · {column} · {add} add · {delete} delete"),
        format!("{row}, {column} · {add} add · {delete} delete"),
    ]
    .into_iter()
    .find(|line| line.width() <= width)
    .unwrap_or(plain)
}

/// What the focused column takes, or what its date reads as, or why it cannot be read; on a
/// plan, that the focused step is overdue; on the scouting parties, that a report is due.
fn about(table: &Table, today: NaiveDate, kind: Kind, theme: Theme) -> (String, Style) {
    if let Some(message) = &table.message {
        return said(sanitize_line(message).into_owned(), theme.error());
    }
    if !table.cell_editable() {
        return said("Always here: set its positions.", theme.dim());
    }
    let cells = &table.rows[table.row].cells;
    if late(kind, cells, today) && table.column().kind != ColumnKind::Date {
        let (at, what) = match kind {
            Kind::Parties => (3, "! Report due: it was to report back"),
            _ => (2, "! Overdue: it was due"),
        };
        let due = dates::read_stored(cells[at].trim())
            .map(dates::shown)
            .unwrap_or_default();
        return said(format!("{what} {due}"), theme.error());
    }
    match table.column().kind {
        ColumnKind::Text => said("Type; Enter moves to the next cell.", theme.dim()),
        ColumnKind::Choice(options) => {
            let listed: Vec<String> = options
                .iter()
                .enumerate()
                .map(|(i, o)| format!("{} {o}", i + 1))
                .collect();
            said(
                format!("{} · or type your own", listed.join(" · ")),
                theme.dim(),
            )
        }
        ColumnKind::Number { max } => said(
            format!("0 to {max}: type it, or +/− to change it"),
            theme.dim(),
        ),
        ColumnKind::Date => {
            let typed = table.cell().trim();
            if typed.is_empty() {
                return said("A date: 2026-12-01, 1 Dec, +2w, next monday…", theme.dim());
            }
            match dates::parse(typed, today) {
                Ok(date) => said(format!("→ {}", dates::shown(date)), theme.done()),
                Err(err) => said(sanitize_line(&err.to_string()).into_owned(), theme.error()),
            }
        }
    }
}

/// What [`about`] says, as the text and its style.
fn said(text: impl Into<String>, style: Style) -> (String, Style) {
    (text.into(), style)
}

fn header(table: &Table, shown: &columns::Shown, gauge: bool, theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    let style = theme.dim().add_modifier(Modifier::UNDERLINED);
    for (i, &(c, width)) in shown.columns.iter().enumerate() {
        // Arrows where columns are out of view, beside the columns they would come after.
        if i == 1 && shown.hidden_left {
            spans.push(Span::styled(pad("←", columns::ARROW), theme.dim()));
        }
        spans.push(Span::styled(
            pad(&fit(table.columns[c].title, width), width),
            style,
        ));
        spans.push(Span::raw(" ".repeat(GAP)));
    }
    if shown.hidden_right {
        spans.push(Span::styled(pad("→", columns::ARROW), theme.dim()));
    }
    if gauge {
        spans.push(Span::styled("now→target", theme.dim()));
    }
    Line::from(spans)
}

/// A cell as the grid shows it.
fn shown(table: &Table, row: usize, col: usize) -> String {
    let text = sanitize_line(&table.rows[row].cells[col]).into_owned();
    let column = &table.columns[col];
    if column.kind != ColumnKind::Date || text.trim().is_empty() {
        return text;
    }
    match dates::read_stored(text.trim()) {
        // The grid leaves out the weekday (the input line shows it): "8 Oct 2026" is as
        // unambiguous and fits a narrow column.
        Some(date) => date.format("%-d %b %Y").to_string(),
        // Words kept as typed: flagged until they can be read.
        None if row == table.row && col == table.col => text,
        None => format!("⚠ {text}"),
    }
}

/// Whether a row is late: a plan step past its date and not done, or a scouting party (name,
/// members, explores, report back, findings) whose day has come with nothing brought back.
fn late(kind: Kind, cells: &[String], today: NaiveDate) -> bool {
    match kind {
        Kind::Steps => overdue(cells, today),
        Kind::Parties => {
            let day = cells.get(3).and_then(|d| dates::read_stored(d.trim()));
            let found = cells.get(4).is_some_and(|f| !f.trim().is_empty());
            day.is_some_and(|d| d <= today) && !found
        }
        _ => false,
    }
}

/// Whether a plan step (step, owner, due, status) is past its date and not done.
pub fn overdue(cells: &[String], today: NaiveDate) -> bool {
    let due = cells.get(2).and_then(|d| dates::read_stored(d.trim()));
    let done = cells
        .get(3)
        .is_some_and(|s| s.trim().eq_ignore_ascii_case(DONE));
    due.is_some_and(|d| d < today) && !done
}

/// The gauge of a slider row (dimension, now, target): now filled, the way to the target shaded.
fn bar(cells: &[String]) -> String {
    let at = |i: usize| {
        cells
            .get(i)
            .and_then(|c| c.trim().parse::<i64>().ok())
            .unwrap_or(0)
            .clamp(0, SLIDER_MAX)
    };
    let (now, target) = (at(1), at(2));
    (0..SLIDER_MAX)
        .map(|i| {
            if i < now {
                '█'
            } else if i < target {
                '░'
            } else {
                '·'
            }
        })
        .collect()
}

/// The columns shown in `available` columns of screen, and their widths: each column's content
/// decides, within limits (see [`columns::layout`]).
fn widths(table: &Table, available: usize) -> columns::Shown {
    let least: Vec<usize> = table
        .columns
        .iter()
        .map(|c| match c.kind {
            ColumnKind::Date => MIN_DATE_COLUMN,
            _ => MIN_COLUMN,
        })
        .collect();
    let natural: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, column)| {
            let content = (0..table.rows.len())
                .map(|r| shown(table, r, c).width())
                .max()
                .unwrap_or(0);
            content.max(column.title.width()).max(least[c])
        })
        .collect();
    columns::layout(&natural, &least, table.col, available)
}

fn pad(text: &str, width: usize) -> String {
    let used = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}
