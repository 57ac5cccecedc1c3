//! Tables in lines: each row read out with its column names ("Row 2 of 3: Name: Ana; Role:
//! coordinator"), then rows added column by column, or deleted by number. A screen reader
//! cannot take in a grid at a glance; it can take in one row at a time.

use std::io;

use super::fields::{Asked, next_of};
use super::io::{Io, Said, number};
use super::walk::{Next, Walk};
use crate::community::{Answer, Record, Scalar};
use crate::dates;
use crate::guide::{Column, ColumnKind, Question};

fn rows_of(walk: &Walk, question: &Question) -> Vec<Record> {
    match walk.loaded.community().answers.get(&question.id) {
        Some(Answer::Records(rows)) => rows.clone(),
        _ => Vec::new(),
    }
}

fn cell(row: &Record, key: &str) -> String {
    match row.get(key) {
        Some(Scalar::Text(text)) => text.clone(),
        Some(Scalar::Integer(n)) => n.to_string(),
        Some(Scalar::Bool(b)) => if *b { "yes" } else { "no" }.to_string(),
        None => String::new(),
    }
}

/// One row as it is read out: the columns with something in them.
fn read_out(row: &Record, columns: &[Column]) -> String {
    let cells: Vec<String> = columns
        .iter()
        .map(|c| (c.title, cell(row, c.key)))
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(title, v)| format!("{title}: {v}"))
        .collect();
    if cells.is_empty() {
        "empty".to_string()
    } else {
        cells.join("; ")
    }
}

pub fn ask(io: &mut Io, walk: &mut Walk, question: &Question) -> io::Result<Asked> {
    let columns = question.kind.columns();
    let titles: Vec<&str> = columns.iter().map(|c| c.title).collect();
    io.tell(&format!("A table; its columns: {}.", titles.join(", ")))?;
    loop {
        let rows = rows_of(walk, question);
        if rows.is_empty() {
            io.tell("No rows yet.")?;
        }
        for (i, row) in rows.iter().enumerate() {
            io.say(&format!(
                "Row {} of {}: {}",
                i + 1,
                rows.len(),
                read_out(row, columns)
            ))?;
        }
        io.tell("Type a to add a row, d and a number to delete that row, Enter to go on.")?;
        let line = match io.said()? {
            Said::Line(line) => line,
            Said::Guidance => return Ok(Asked::Guidance),
            other => return Ok(Asked::Done(next_of(other))),
        };
        let line = line.trim();
        if line.is_empty() {
            return Ok(Asked::Done(Next::Forward));
        }
        let mut rows = rows;
        if line == "a" {
            match new_row(io, walk, columns)? {
                Some(row) => rows.push(row),
                None => return Ok(Asked::Done(Next::Quit)),
            }
        } else if let Some(n) = line.strip_prefix('d').and_then(|n| number(n, rows.len())) {
            rows.remove(n - 1);
            io.tell(&format!("Row {n} deleted."))?;
        } else {
            io.tell("That is not a, d with a row number, or Enter.")?;
            continue;
        }
        walk.loaded
            .community_mut()
            .set_answer(&question.id, Answer::Records(rows));
        walk.save(io)?;
        io.tell("Saved.")?;
    }
}

/// A row, column by column; `None` when the input ended (the walk then saves and leaves).
fn new_row(io: &mut Io, walk: &Walk, columns: &[Column]) -> io::Result<Option<Record>> {
    let mut row = Record::new();
    for column in columns {
        let how = match column.kind {
            ColumnKind::Text => String::new(),
            ColumnKind::Choice(options) => {
                let numbered: Vec<String> = options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| format!("{} {o}", i + 1))
                    .collect();
                format!(" ({}, or your own words)", numbered.join(", "))
            }
            ColumnKind::Date => " (a date)".to_string(),
            ColumnKind::Number { max } => format!(" (a number from 0 to {max})"),
        };
        io.tell(&format!("{}{how}; Enter leaves it empty:", column.title))?;
        let Some(line) = io.line()? else {
            return Ok(None);
        };
        let typed = line.trim();
        if typed.is_empty() {
            continue;
        }
        let value = match column.kind {
            ColumnKind::Choice(options) => match number(typed, options.len()) {
                Some(n) => Scalar::Text(options[n - 1].to_string()),
                None => Scalar::Text(typed.to_string()),
            },
            ColumnKind::Date => match dates::parse(typed, walk.today) {
                Ok(day) => Scalar::Text(dates::stored(day)),
                Err(_) => Scalar::Text(typed.to_string()),
            },
            ColumnKind::Number { max } => match typed.parse::<i64>() {
                Ok(n) if (0..=max).contains(&n) => Scalar::Integer(n),
                _ => {
                    io.tell(&format!("Not a number from 0 to {max}: left empty."))?;
                    continue;
                }
            },
            ColumnKind::Text => Scalar::Text(typed.to_string()),
        };
        row.insert(column.key.to_string(), value);
    }
    Ok(Some(row))
}
