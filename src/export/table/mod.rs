//! Table answers as charters show them: people, the momentum plan, harvest targets, the learning
//! log and dimensions.
//!
//! A row keeps one cell per column of its kind ([`Kind::columns`]), in column order, so JSON can
//! write each row as an object whose keys follow the columns (serde_json's own map would sort
//! them) and Markdown and HTML can write real tables. Keys a hand edit added to a row are not
//! columns and stay out of the charter, as unknown answers do.
//!
//! What a reader needs pointed out is decided here, against one day: a step not done by its due
//! date is overdue; a learning-log entry whose follow-up date has come without an outcome has a
//! follow-up due. The log is shown in date order (entries without a readable date last, as
//! written); every other table keeps the facilitator's order, which is the plan's own order.
//! Dates convene could not read are shown exactly as typed, and never flagged; a number outside its
//! column's range ([`CellOut::OutOfRange`]) is shown as written with a mark, and no gauge or
//! "done of target" is drawn from it.

use chrono::NaiveDate;

use crate::community::{Record, Scalar};
use crate::dates;
use crate::guide::{Column, ColumnKind, DONE, Kind};

/// A table answer, ready for any format.
#[derive(Debug, Clone, PartialEq)]
pub struct TableOut {
    pub kind: Kind,
    pub columns: &'static [Column],
    /// Rows with at least one cell filled in.
    pub rows: Vec<RowOut>,
    /// Columns the charter's audience does not see (contacts, for members): their cells are
    /// blank and Markdown and HTML leave them out.
    pub hidden: Vec<&'static str>,
}

/// One row: a cell per column, in column order, and what the reader should notice about it.
#[derive(Debug, Clone, PartialEq)]
pub struct RowOut {
    pub cells: Vec<CellOut>,
    pub flag: Option<Flag>,
}

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum CellOut {
    Empty,
    Text(String),
    Number(i64),
    Bool(bool),
    /// A cell of a date column holding text (a readable date or not).
    Date(DateOut),
    /// A whole number in a number column outside its range, 0 to `max`: shown as written and
    /// marked, never drawn (no gauge, no "done of target") as if it were valid.
    OutOfRange {
        value: i64,
        max: i64,
    },
}

/// A date as stored, and the day it names when convene can read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateOut {
    /// Exactly what the file holds.
    pub text: String,
    pub date: Option<NaiveDate>,
}

/// Something a reader should notice about a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// A plan step whose due date has passed and whose status is not "done".
    Overdue,
    /// A learning-log entry whose follow-up date has come and that has no outcome yet.
    FollowUpDue,
    /// A scouting party whose day to report back has come and that has brought nothing back.
    ReportDue,
}

/// A column heading as charters show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub title: &'static str,
    /// Numbers are right-aligned.
    pub numeric: bool,
}

/// How one cell reads, before a format writes (and escapes) it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shown<'a> {
    Blank,
    /// The facilitator's words: escape them.
    Text(&'a str),
    Number(i64),
    /// A date convene could read, with the flag its row carries when this is the flagged date.
    Date(NaiveDate, Option<Flag>),
    /// A number outside its column's range, 0 to `max`: write it with a mark saying so.
    OutOfRange {
        value: i64,
        max: i64,
    },
    /// A harvest output: how many are done out of the year's target.
    Fraction {
        done: i64,
        target: i64,
    },
    /// A dimension's position now and its target on the 0–10 scale.
    Gauge {
        current: &'a CellOut,
        target: &'a CellOut,
    },
}

/// The top of a dimension's scale.
pub const GAUGE_MAX: i64 = crate::guide::SLIDER_MAX;

const PROGRESS: Header = Header {
    title: "Done of target",
    numeric: true,
};

const GAUGE: Header = Header {
    title: "Now → target (0–10)",
    numeric: false,
};

impl Flag {
    pub const ALL: [Flag; 3] = [Flag::Overdue, Flag::FollowUpDue, Flag::ReportDue];

    /// The words shown next to the flagged date.
    pub fn label(self) -> &'static str {
        match self {
            Flag::Overdue => "overdue",
            Flag::FollowUpDue => "follow-up due",
            Flag::ReportDue => "report due",
        }
    }

    /// The HTML class of a flagged row and of its mark (styled in `charter.css`).
    pub fn class(self) -> &'static str {
        match self {
            Flag::Overdue => "overdue",
            Flag::FollowUpDue => "follow-up-due",
            Flag::ReportDue => "report-due",
        }
    }

    /// The line under a table that says which day the flags were judged on.
    pub fn as_of(self) -> &'static str {
        match self {
            Flag::Overdue => "Overdue as of",
            Flag::FollowUpDue => "Follow-ups due as of",
            Flag::ReportDue => "Reports due as of",
        }
    }

    /// The column whose date the flag is about.
    fn column(self) -> &'static str {
        match self {
            Flag::Overdue => "due",
            Flag::FollowUpDue => "follow_up",
            Flag::ReportDue => "report_back",
        }
    }
}

impl DateOut {
    /// A date as stored, read as `convene check` reads it (spaces around it do not matter).
    pub fn read(text: &str) -> DateOut {
        DateOut {
            text: text.to_string(),
            date: dates::read_stored(text.trim()),
        }
    }
}

impl CellOut {
    fn new(column: &Column, value: Option<&Scalar>) -> CellOut {
        match value {
            None => CellOut::Empty,
            Some(Scalar::Text(text)) if text.trim().is_empty() => CellOut::Empty,
            Some(Scalar::Text(text)) if column.kind == ColumnKind::Date => {
                CellOut::Date(DateOut::read(text))
            }
            Some(Scalar::Text(text)) => CellOut::Text(text.clone()),
            Some(Scalar::Integer(n)) => match column.kind {
                ColumnKind::Number { max } if !(0..=max).contains(n) => {
                    CellOut::OutOfRange { value: *n, max }
                }
                _ => CellOut::Number(*n),
            },
            Some(Scalar::Bool(b)) => CellOut::Bool(*b),
        }
    }

    pub(super) fn date(&self) -> Option<NaiveDate> {
        match self {
            CellOut::Date(d) => d.date,
            _ => None,
        }
    }

    fn number(&self) -> Option<i64> {
        match self {
            CellOut::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// A cell read as a plain value, shown as typed (a readable date spelled out, unflagged).
impl<'a> From<&'a CellOut> for Shown<'a> {
    fn from(cell: &'a CellOut) -> Shown<'a> {
        match cell {
            CellOut::Empty => Shown::Blank,
            CellOut::Text(text) => Shown::Text(text),
            CellOut::Number(n) => Shown::Number(*n),
            CellOut::Bool(true) => Shown::Text("true"),
            CellOut::Bool(false) => Shown::Text("false"),
            CellOut::Date(DateOut {
                date: Some(date), ..
            }) => Shown::Date(*date, None),
            CellOut::Date(DateOut { text, .. }) => Shown::Text(text),
            CellOut::OutOfRange { value, max } => Shown::OutOfRange {
                value: *value,
                max: *max,
            },
        }
    }
}

/// The learning log's column naming the communities an entry was shared with.
const SHARED_WITH: &str = crate::constellation::learning::SHARED_WITH;

impl TableOut {
    /// The table of a `kind` answer; `None` when the kind has no columns or no row says
    /// anything.
    pub fn build(kind: Kind, records: &[Record], today: NaiveDate) -> Option<TableOut> {
        let columns = kind.columns();
        if columns.is_empty() {
            return None;
        }
        let mut table = TableOut {
            kind,
            columns,
            rows: Vec::new(),
            hidden: Vec::new(),
        };
        for record in records {
            let cells: Vec<CellOut> = columns
                .iter()
                .map(|c| CellOut::new(c, record.get(c.key)))
                .collect();
            if cells.iter().all(|c| *c == CellOut::Empty) {
                continue;
            }
            let mut row = RowOut { cells, flag: None };
            row.flag = table.flag(&row, today);
            table.rows.push(row);
        }
        if kind == Kind::Log {
            // Stable: entries on the same day, and those without a readable date, keep their
            // order in the file.
            let date = table.position("date");
            table.rows.sort_by_key(|row| {
                let day = date.and_then(|i| row.cells[i].date());
                (day.is_none(), day)
            });
            // "Shared with" matters only in a constellation: a community that never passed an
            // entry on is not shown an empty column (JSON still has the key, null).
            let shared = table.position(SHARED_WITH);
            if shared.is_some_and(|i| table.rows.iter().all(|r| r.cells[i] == CellOut::Empty)) {
                table.hidden.push(SHARED_WITH);
            }
        }
        (!table.rows.is_empty()).then_some(table)
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    /// The cell of `row` under the column `key`.
    pub fn cell<'r>(&self, row: &'r RowOut, key: &str) -> &'r CellOut {
        self.position(key)
            .and_then(|i| row.cells.get(i))
            .unwrap_or(&CellOut::Empty)
    }

    fn flag(&self, row: &RowOut, today: NaiveDate) -> Option<Flag> {
        let blank = |key: &str| match self.cell(row, key) {
            CellOut::Empty => true,
            CellOut::Text(text) => text.trim().is_empty(),
            _ => false,
        };
        match self.kind {
            Kind::Steps => {
                let due = self.cell(row, Flag::Overdue.column()).date()?;
                let done = matches!(self.cell(row, "status"),
                    CellOut::Text(status) if status.trim().eq_ignore_ascii_case(DONE));
                (due < today && !done).then_some(Flag::Overdue)
            }
            Kind::Log => {
                let follow_up = self.cell(row, Flag::FollowUpDue.column()).date()?;
                (follow_up <= today && blank("outcome")).then_some(Flag::FollowUpDue)
            }
            Kind::Parties => {
                let day = self.cell(row, Flag::ReportDue.column()).date()?;
                (day <= today && blank("findings")).then_some(Flag::ReportDue)
            }
            _ => None,
        }
    }

    /// Leaves the column `key` out: its cells are blanked, and it is not shown.
    pub fn leave_out(&mut self, key: &'static str) {
        if let Some(i) = self.position(key) {
            for row in &mut self.rows {
                row.cells[i] = CellOut::Empty;
            }
            self.hidden.push(key);
        }
    }

    fn shows(&self, column: &Column) -> bool {
        !self.hidden.contains(&column.key)
    }

    /// The headings, in the order [`TableOut::shown`] gives the cells.
    pub fn headers(&self) -> Vec<Header> {
        let plain = |c: &Column| Header {
            title: c.title,
            numeric: matches!(c.kind, ColumnKind::Number { .. }),
        };
        let shown = self.columns.iter().filter(|c| self.shows(c));
        match self.kind {
            Kind::Slider => vec![plain(&self.columns[0]), GAUGE],
            Kind::Targets => {
                let mut headers: Vec<Header> = shown.map(plain).collect();
                headers.push(PROGRESS);
                headers
            }
            _ => shown.map(plain).collect(),
        }
    }

    /// The cells of `row` as they read, one per [`TableOut::headers`] entry.
    pub fn shown<'r>(&self, row: &'r RowOut) -> Vec<Shown<'r>> {
        match self.kind {
            Kind::Slider => vec![
                row.cells.first().map_or(Shown::Blank, Shown::from),
                Shown::Gauge {
                    current: self.cell(row, "current"),
                    target: self.cell(row, "target"),
                },
            ],
            _ => {
                let mut cells: Vec<Shown> = self
                    .columns
                    .iter()
                    .zip(&row.cells)
                    .filter(|(column, _)| self.shows(column))
                    .map(|(column, cell)| match Shown::from(cell) {
                        Shown::Date(date, None) => {
                            Shown::Date(date, row.flag.filter(|f| f.column() == column.key))
                        }
                        shown => shown,
                    })
                    .collect();
                if self.kind == Kind::Targets {
                    let target = self.cell(row, "target").number();
                    let done = match self.cell(row, "done") {
                        CellOut::Empty => Some(0),
                        cell => cell.number(),
                    };
                    cells.push(match (done, target) {
                        (Some(done), Some(target)) if target > 0 => {
                            Shown::Fraction { done, target }
                        }
                        _ => Shown::Blank,
                    });
                }
                cells
            }
        }
    }

    /// Whether any row carries `flag`.
    pub fn has(&self, flag: Flag) -> bool {
        self.rows.iter().any(|r| r.flag == Some(flag))
    }
}

/// The gauge's glyphs: U+25B0 and U+25B1, black and white parallelograms. They are one column
/// wide everywhere (East Asian width "neutral", unlike ■ □ █ which CJK terminals and fonts draw
/// double), read filled against empty without colour on screen and on paper, and are not
/// Markdown syntax the way `#`, `=`, `-`, `*` and `|` are.
pub const GAUGE_ON: char = '▰';
pub const GAUGE_OFF: char = '▱';

/// The words that mark a number outside its column's range: "outside 0–10".
pub fn outside(max: i64) -> String {
    format!("outside 0–{max}")
}

/// The position a cell gives on the 0–10 scale, if it is a number on it.
fn on_scale(cell: &CellOut) -> Option<i64> {
    cell.number().filter(|n| (0..=GAUGE_MAX).contains(n))
}

/// A text gauge of `current` on the 0–10 scale, or `None` when it is not a number on it.
pub fn gauge(current: &CellOut) -> Option<String> {
    let filled = on_scale(current)?;
    let on = usize::try_from(filled).unwrap_or(0);
    let off = usize::try_from(GAUGE_MAX - filled).unwrap_or(0);
    Some(
        std::iter::repeat_n(GAUGE_ON, on)
            .chain(std::iter::repeat_n(GAUGE_OFF, off))
            .collect(),
    )
}

/// The steps of an HTML bar: one per point of the scale, each filled (now), aimed at (between
/// now and the target) or empty; `None` when now is not a number on the scale. A target off
/// the scale is not aimed at.
pub fn bar(current: &CellOut, target: &CellOut) -> Option<Vec<&'static str>> {
    let now = on_scale(current)?;
    let aim = on_scale(target).unwrap_or(now);
    Some(
        (1..=GAUGE_MAX)
            .map(|i| {
                if i <= now {
                    "on"
                } else if i <= aim {
                    "aim"
                } else {
                    "off"
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests;
