//! Answering each kind of question in lines: long text up to a lone `.`, ratings and choices
//! by number, lists item by item (tables row by row are in `table.rs`). Each says what is
//! answered now, takes an empty line as "keep it", and saves what changed before the walk goes
//! on.

use std::io;

use super::io::{Io, Said, block, number};
use super::walk::{Next, Walk};
use crate::community::{Answer, Community, Rating, RatingValue};
use crate::dates;
use crate::guide::{Kind, Question};

/// What asking a question came to.
pub enum Asked {
    /// Answered (or kept), and where to go now.
    Done(Next),
    /// `?`: the guidance is said, and the question asked again.
    Guidance,
}

/// What the walk does after a command said instead of an answer.
pub fn next_of(said: Said) -> Next {
    match said {
        Said::Back => Next::Back,
        Said::NextSection => Next::Section,
        Said::Quit => Next::Quit,
        Said::Guidance | Said::Line(_) => Next::Forward,
    }
}

/// The first line typed for an answer, or what to do instead.
fn first_line(io: &mut Io) -> io::Result<Result<String, Asked>> {
    Ok(match io.said()? {
        Said::Line(line) => Ok(line),
        Said::Guidance => Err(Asked::Guidance),
        other => Err(Asked::Done(next_of(other))),
    })
}

/// Asks `question` its kind's way.
pub fn ask(io: &mut Io, walk: &mut Walk, question: &Question) -> io::Result<Asked> {
    match question.kind {
        Kind::Rating => rating(io, walk, question),
        Kind::Choice => choice(io, walk, question),
        Kind::Choices | Kind::List => items(io, walk, question),
        Kind::Date => date(io, walk, question),
        Kind::Text => {
            let now = match walk.loaded.community().answers.get(&question.id) {
                Some(Answer::Text(text)) => text.clone(),
                _ => String::new(),
            };
            let id = question.id.clone();
            text(io, walk, &now, move |c, text| {
                c.set_answer(&id, Answer::Text(text))
            })
        }
        _ => super::table::ask(io, walk, question),
    }
}

/// A long answer: said as it stands, replaced by the lines typed up to a lone `.`, saved
/// after every line (as the full-screen app saves while typing goes on).
pub fn text(
    io: &mut Io,
    walk: &mut Walk,
    now: &str,
    set: impl Fn(&mut Community, String),
) -> io::Result<Asked> {
    if now.trim().is_empty() {
        io.tell(
            "Not answered yet. Type the answer, then a line with only a dot; Enter alone skips it.",
        )?;
    } else {
        io.say(&format!("Answered now: {now}"))?;
        io.tell(
            "Type a new answer to replace it, then a line with only a dot; Enter alone keeps it.",
        )?;
    }
    let first = match first_line(io)? {
        Ok(first) => first,
        Err(asked) => return Ok(asked),
    };
    let typed = block(io, first, |so_far| {
        set(walk.loaded.community_mut(), so_far.to_string());
        walk.save_quietly();
        Ok(())
    })?;
    if let Some(text) = typed {
        set(walk.loaded.community_mut(), text);
        walk.save(io)?;
        io.tell("Saved.")?;
    }
    Ok(Asked::Done(Next::Forward))
}

fn rating(io: &mut Io, walk: &mut Walk, question: &Question) -> io::Result<Asked> {
    let old = walk
        .loaded
        .community()
        .ratings
        .get(&question.id)
        .cloned()
        .unwrap_or_default();
    let scale: Vec<String> = RatingValue::ALL
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{} {}", i + 1, v.label()))
        .collect();
    let now = old.value.map_or("not rated yet".to_string(), |v| {
        format!("rated {} now", v.label())
    });
    io.tell(&format!(
        "Rate the statement, {now}: {}. Enter keeps it.",
        scale.join(", ")
    ))?;
    let value = loop {
        let line = match first_line(io)? {
            Ok(line) => line,
            Err(asked) => return Ok(asked),
        };
        if line.trim().is_empty() {
            break old.value;
        }
        match number(&line, RatingValue::ALL.len()) {
            Some(n) => break Some(RatingValue::ALL[n - 1]),
            None => io.tell(&format!(
                "Type a number from 1 to {}.",
                RatingValue::ALL.len()
            ))?,
        }
    };
    if old.comment.trim().is_empty() {
        io.tell("A comment, on one line (Enter for none):")?;
    } else {
        io.say(&format!("The comment now: {}", old.comment))?;
        io.tell("A new comment on one line, Enter keeps it, or - to remove it:")?;
    }
    let comment = match io.line()?.unwrap_or_default().trim() {
        "" => old.comment.clone(),
        "-" => String::new(),
        typed => typed.to_string(),
    };
    let rating = Rating { value, comment };
    if rating != old {
        walk.loaded.community_mut().set_rating(&question.id, rating);
        walk.save(io)?;
        io.tell("Saved.")?;
    }
    Ok(Asked::Done(Next::Forward))
}

fn numbered(options: &[String]) -> String {
    options
        .iter()
        .enumerate()
        .map(|(i, o)| format!("{} {o}", i + 1))
        .collect::<Vec<_>>()
        .join(", ")
}

fn choice(io: &mut Io, walk: &mut Walk, question: &Question) -> io::Result<Asked> {
    let now = match walk.loaded.community().answers.get(&question.id) {
        Some(Answer::Text(text)) if !text.trim().is_empty() => format!("chosen now: {text}"),
        _ => "nothing chosen yet".to_string(),
    };
    io.say(&format!(
        "Choose one, {now}: {}. Type its number; Enter keeps it.",
        numbered(&question.options)
    ))?;
    loop {
        let line = match first_line(io)? {
            Ok(line) => line,
            Err(asked) => return Ok(asked),
        };
        if line.trim().is_empty() {
            return Ok(Asked::Done(Next::Forward));
        }
        if let Some(n) = number(&line, question.options.len()) {
            let chosen = question.options[n - 1].clone();
            walk.loaded
                .community_mut()
                .set_answer(&question.id, Answer::Text(chosen.clone()));
            walk.save(io)?;
            io.say(&format!("Saved: {chosen}."))?;
            return Ok(Asked::Done(Next::Forward));
        }
        io.tell(&format!(
            "Type a number from 1 to {}.",
            question.options.len()
        ))?;
    }
}

/// A list, or any of several choices: the numbers of the choices, and items of one's own,
/// one per line, up to a lone `.`.
fn items(io: &mut Io, walk: &mut Walk, question: &Question) -> io::Result<Asked> {
    let now = match walk.loaded.community().answers.get(&question.id) {
        Some(Answer::Items(items)) => items.clone(),
        _ => Vec::new(),
    };
    if now.is_empty() {
        io.tell("Nothing listed yet.")?;
    } else {
        io.say(&format!("Listed now: {}.", now.join("; ")))?;
    }
    if question.kind == Kind::Choices && !question.options.is_empty() {
        io.say(&format!(
            "The choices: {}. Type their numbers on one line (2 5), then items of your own, one per line, then a line with only a dot. Enter alone keeps the list.",
            numbered(&question.options)
        ))?;
    } else {
        io.tell("Type the items, one per line, then a line with only a dot. Enter alone keeps the list.")?;
    }
    let first = match first_line(io)? {
        Ok(first) => first,
        Err(asked) => return Ok(asked),
    };
    let Some(typed) = block(io, first, |_| Ok(()))? else {
        return Ok(Asked::Done(Next::Forward));
    };
    let mut items: Vec<String> = Vec::new();
    for (i, line) in typed.lines().map(str::trim).enumerate() {
        let picks: Option<Vec<usize>> = (i == 0 && question.kind == Kind::Choices)
            .then(|| {
                line.split([' ', ','])
                    .filter(|w| !w.is_empty())
                    .map(|w| number(w, question.options.len()))
                    .collect()
            })
            .flatten();
        match picks {
            Some(picks) if !picks.is_empty() => {
                items.extend(picks.into_iter().map(|n| question.options[n - 1].clone()))
            }
            _ if !line.is_empty() => items.push(line.to_string()),
            _ => {}
        }
    }
    items.dedup();
    walk.loaded
        .community_mut()
        .set_answer(&question.id, Answer::Items(items.clone()));
    walk.save(io)?;
    io.say(&format!("Saved: {}.", items.join("; ")))?;
    Ok(Asked::Done(Next::Forward))
}

fn date(io: &mut Io, walk: &mut Walk, question: &Question) -> io::Result<Asked> {
    match walk.loaded.community().answers.get(&question.id) {
        Some(Answer::Text(text)) if !text.trim().is_empty() => io.say(&format!(
            "The date now: {text}. Type another, or Enter to keep it."
        ))?,
        _ => io.tell("Type the date (2026-12-01, 1 Dec, next Tuesday); Enter skips it.")?,
    }
    let line = match first_line(io)? {
        Ok(line) => line,
        Err(asked) => return Ok(asked),
    };
    let typed = line.trim();
    if typed.is_empty() {
        return Ok(Asked::Done(Next::Forward));
    }
    let stored = match dates::parse(typed, walk.today) {
        Ok(day) => dates::stored(day),
        Err(_) => {
            io.say(&format!(
                "convene cannot read \"{typed}\" as a date; it is kept as you wrote it."
            ))?;
            typed.to_string()
        }
    };
    walk.loaded
        .community_mut()
        .set_answer(&question.id, Answer::Text(stored.clone()));
    walk.save(io)?;
    io.say(&format!("Saved: {stored}."))?;
    Ok(Asked::Done(Next::Forward))
}
