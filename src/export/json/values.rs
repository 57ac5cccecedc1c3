//! How the JSON charter writes dates and table answers, so that a tool can tell a value convene
//! could use from one it could not without reading the value again.
//!
//! A table answer is an array of rows, each an object whose keys are the columns in column
//! order, every column present (serde_json's own map would sort them). What a cell holds
//! depends on its column (`assets/export/charter.schema.json` names each one):
//!
//! - empty: `null`;
//! - a text or choice column: the text, or a number or `true`/`false` written there by hand, as
//!   the file holds it (the app reads it as text);
//! - a date column: a date convene could read as `"2026-12-08"`, and nothing else is ever a
//!   string there: anything it could not read is `{"readable": false, "as_written": …}` with
//!   the value exactly as the file holds it;
//! - a number column: a whole number in its range (0 to the column's top) as a JSON number; one
//!   outside it as `{"out_of_range": true, "value": 42, "min": 0, "max": 10}`; text or
//!   `true`/`false` there as `{"readable": false, "as_written": …}`.
//!
//! A date question's answer follows the date column's rule.

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use super::super::table::{CellOut, DateOut, RowOut, TableOut};
use crate::guide::{Column, ColumnKind};

impl Serialize for TableOut {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.rows.iter().map(|row| Row {
            columns: self.columns,
            row,
        }))
    }
}

struct Row<'a> {
    columns: &'static [Column],
    row: &'a RowOut,
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.columns.len()))?;
        for (column, cell) in self.columns.iter().zip(&self.row.cells) {
            map.serialize_entry(column.key, &Cell { column, cell })?;
        }
        map.end()
    }
}

/// One cell, written as its column takes it.
struct Cell<'a> {
    column: &'a Column,
    cell: &'a CellOut,
}

impl Serialize for Cell<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let number = matches!(self.column.kind, ColumnKind::Number { .. });
        let date = self.column.kind == ColumnKind::Date;
        match self.cell {
            CellOut::Empty => serializer.serialize_none(),
            CellOut::Date(d) => d.serialize(serializer),
            CellOut::OutOfRange { value, max } => OutOfRange {
                value: *value,
                max: *max,
            }
            .serialize(serializer),
            CellOut::Number(n) if date => Unreadable(AsWritten::Number(*n)).serialize(serializer),
            CellOut::Number(n) => serializer.serialize_i64(*n),
            CellOut::Text(t) if number || date => {
                Unreadable(AsWritten::Text(t)).serialize(serializer)
            }
            CellOut::Text(t) => serializer.serialize_str(t),
            CellOut::Bool(b) if number || date => {
                Unreadable(AsWritten::Bool(*b)).serialize(serializer)
            }
            CellOut::Bool(b) => serializer.serialize_bool(*b),
        }
    }
}

/// A readable date as `2026-12-08`; anything else as a value convene could not read.
impl Serialize for DateOut {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.date {
            Some(date) => serializer.collect_str(&date.format("%Y-%m-%d")),
            None => Unreadable(AsWritten::Text(&self.text)).serialize(serializer),
        }
    }
}

/// A value as the file holds it.
enum AsWritten<'a> {
    Text(&'a str),
    Number(i64),
    Bool(bool),
}

/// `{"readable": false, "as_written": …}`: a value its column or question cannot use.
struct Unreadable<'a>(AsWritten<'a>);

impl Serialize for Unreadable<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Unreadable", 2)?;
        out.serialize_field("readable", &false)?;
        match self.0 {
            AsWritten::Text(text) => out.serialize_field("as_written", text)?,
            AsWritten::Number(n) => out.serialize_field("as_written", &n)?,
            AsWritten::Bool(b) => out.serialize_field("as_written", &b)?,
        }
        out.end()
    }
}

/// `{"out_of_range": true, "value": 42, "min": 0, "max": 10}`.
struct OutOfRange {
    value: i64,
    max: i64,
}

impl Serialize for OutOfRange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("OutOfRange", 4)?;
        out.serialize_field("out_of_range", &true)?;
        out.serialize_field("value", &self.value)?;
        out.serialize_field("min", &0)?;
        out.serialize_field("max", &self.max)?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::community::{Record, Scalar};
    use crate::export::TableOut;
    use crate::guide::Kind;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).expect("a test date")
    }

    fn record(cells: &[(&str, Scalar)]) -> Record {
        cells
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    fn text(t: &str) -> Scalar {
        Scalar::Text(t.to_string())
    }

    fn json(kind: Kind, rows: &[Record]) -> String {
        let table = TableOut::build(kind, rows, day()).expect("rows");
        serde_json::to_string(&table).expect("serialises")
    }

    #[test]
    fn rows_keep_column_order_and_types() {
        let rows = [record(&[
            ("note", text("n")),
            ("name", text("Zoë")),
            ("role", text("coordinator")),
        ])];
        assert_eq!(
            json(Kind::People, &rows),
            r#"[{"name":"Zoë","role":"coordinator","participation":null,"contact":null,"note":"n","weaver":null}]"#
        );
        let rows = [record(&[
            ("output", text("blog")),
            ("target", Scalar::Integer(6)),
            ("done", Scalar::Integer(0)),
        ])];
        assert_eq!(
            json(Kind::Targets, &rows),
            r#"[{"output":"blog","target":6,"done":0}]"#
        );
    }

    #[test]
    fn a_date_convene_could_not_read_says_so() {
        let rows = [record(&[
            ("date", text(" 2026-11-03 ")),
            ("follow_up", text("next week")),
        ])];
        let out = json(Kind::Log, &rows);
        assert!(out.starts_with(r#"[{"date":"2026-11-03","#), "{out}");
        assert!(
            out.contains(r#""follow_up":{"readable":false,"as_written":"next week"}"#),
            "{out}"
        );
        let rows = [record(&[
            ("step", text("s")),
            ("due", Scalar::Integer(5)),
            ("status", Scalar::Integer(5)),
        ])];
        assert_eq!(
            json(Kind::Steps, &rows),
            r#"[{"step":"s","owner":null,"due":{"readable":false,"as_written":5},"status":5}]"#,
            "a number is no date; in a text column it is kept as the file holds it"
        );
    }

    #[test]
    fn a_number_outside_its_range_or_not_a_number_is_flagged() {
        let rows = [
            record(&[
                ("dimension", text("Practice")),
                ("current", Scalar::Integer(11)),
                ("target", Scalar::Integer(-1)),
            ]),
            record(&[
                ("dimension", text("Domain")),
                ("current", text("three")),
                ("target", Scalar::Bool(true)),
            ]),
            record(&[
                ("dimension", text("Community")),
                ("current", Scalar::Integer(0)),
                ("target", Scalar::Integer(10)),
            ]),
        ];
        let value: serde_json::Value =
            serde_json::from_str(&json(Kind::Slider, &rows)).expect("JSON");
        assert_eq!(
            value[0]["current"],
            serde_json::json!({"out_of_range": true, "value": 11, "min": 0, "max": 10})
        );
        assert_eq!(
            value[0]["target"],
            serde_json::json!({"out_of_range": true, "value": -1, "min": 0, "max": 10})
        );
        assert_eq!(
            value[1]["current"],
            serde_json::json!({"readable": false, "as_written": "three"})
        );
        assert_eq!(
            value[1]["target"],
            serde_json::json!({"readable": false, "as_written": true})
        );
        assert_eq!(value[2]["current"], 0);
        assert_eq!(value[2]["target"], 10);

        let rows = [record(&[
            ("output", text("bids")),
            ("target", Scalar::Integer(1000)),
        ])];
        let value: serde_json::Value =
            serde_json::from_str(&json(Kind::Targets, &rows)).expect("JSON");
        assert_eq!(value[0]["target"]["max"], 999);
        assert_eq!(value[0]["target"]["value"], 1000);
    }
}
