//! The guided walk as a conversation: each question said once, in the guide's order, with its
//! place ("Section 2 of 13: …, question 3 of 17"), what is answered already, and how to
//! answer; the answer read as lines and saved to the community's file as it comes, exactly
//! as the full-screen app saves it (the same file, the same atomic save that never writes over
//! someone else's change).

use std::io;

use chrono::{Local, NaiveDate};

use super::fields::{self, Asked};
use super::io::{Io, Said};
use crate::community::Part;
use crate::guide::{Group, Guide, Question, Section};
use crate::store::{Loaded, MergedIn, Store, StoreError, shown};

/// One stop of the walk: a question, or a group's notes.
#[derive(Debug, Clone, Copy)]
struct Stop {
    section: usize,
    group: usize,
    /// The question in its group, or `None` for the group's notes.
    question: Option<usize>,
    /// Its number among the section's questions (notes share the last question's).
    number: usize,
}

/// What the facilitator asked for after a question.
pub enum Next {
    Forward,
    Back,
    Section,
    Quit,
}

/// The open community, where it is saved, and the day dates are read against.
pub struct Walk<'a> {
    pub store: &'a Store,
    pub guide: &'a Guide,
    pub loaded: Loaded,
    pub today: NaiveDate,
}

impl Walk<'_> {
    /// Saves what changed; says so only when something went wrong, and how nothing was lost.
    pub fn save(&mut self, io: &mut Io) -> io::Result<()> {
        self.loaded.community_mut().touch();
        match self.store.save(&mut self.loaded, self.guide) {
            Ok(()) => Ok(()),
            Err(StoreError::Conflict(_)) => self.merge_in(io),
            Err(err) => self.keep(io, &err),
        }
    }

    /// Someone else changed the file: their change is merged in, by meaning, and saved; what
    /// both changed is asked about. Only a file that cannot be read at all goes to a copy.
    fn merge_in(&mut self, io: &mut Io) -> io::Result<()> {
        let file = shown(&self.loaded.path);
        match self.store.merge_in(&mut self.loaded, self.guide) {
            Ok(MergedIn::Clean { .. }) => io.say(&format!(
                "Someone else changed {file} while you worked: their change is merged in with \
                 yours, and saved."
            )),
            Ok(MergedIn::Conflicts(_)) => {
                io.say(&format!(
                    "Someone else changed {file} while you worked, some of it where you did."
                ))?;
                super::settle::settle(io, self)
            }
            Ok(MergedIn::Unreadable) => self.save_beside(io),
            Err(err) => self.keep(io, &err),
        }
    }

    /// Saves the answers in a copy beside the file, and goes on there.
    fn save_beside(&mut self, io: &mut Io) -> io::Result<()> {
        let label = format!("your copy {}", Local::now().format("%-d %b %H:%M"));
        match self.store.save_copy(&self.loaded, &label, self.guide) {
            Ok(copy) => {
                io.say(&format!(
                    "Someone else changed {} while you worked, and it cannot be read to merge \
                     with. Your answers are saved in {}, and go on there.",
                    shown(&self.loaded.path),
                    shown(&copy.path)
                ))?;
                self.loaded = copy;
                Ok(())
            }
            Err(err) => self.keep(io, &err),
        }
    }

    /// Saves what is typed so far, between the lines of a long answer; a problem is left for
    /// the save at the end of the answer to say (and handle).
    pub fn save_quietly(&mut self) {
        self.loaded.community_mut().touch();
        if self.store.save(&mut self.loaded, self.guide).is_err() {
            // Not in the file (someone else's change, a full disk): in a recovery copy, so a
            // kill before the answer's end still loses nothing typed.
            let _ = self.store.keep(&mut self.loaded, self.guide);
        }
    }

    /// A save failed: a recovery copy holds the answers, offered at the next start.
    fn keep(&mut self, io: &mut Io, err: &StoreError) -> io::Result<()> {
        let kept = match self.store.keep(&mut self.loaded, self.guide) {
            Ok(path) => format!("a recovery copy is kept at {}", shown(&path)),
            Err(_) => "your answers are still here; try again".to_string(),
        };
        io.say(&format!("Not saved: {err}; {kept}."))
    }
}

fn stops(guide: &Guide) -> Vec<Stop> {
    let mut stops = Vec::new();
    for (s, section) in guide.sections.iter().enumerate() {
        let mut number = 0;
        for (g, group) in section.groups.iter().enumerate() {
            for q in 0..group.questions.len() {
                number += 1;
                stops.push(Stop {
                    section: s,
                    group: g,
                    question: Some(q),
                    number,
                });
            }
            if group.notes {
                stops.push(Stop {
                    section: s,
                    group: g,
                    question: None,
                    number: number.max(1),
                });
            }
        }
    }
    stops
}

fn questions_in(section: &Section) -> usize {
    section.groups.iter().map(|g| g.questions.len()).sum()
}

/// Walks the guide from the first question until the last, or until the facilitator quits.
pub fn run(io: &mut Io, walk: &mut Walk) -> io::Result<()> {
    let guide = walk.guide;
    let stops = stops(guide);
    io.say(&format!(
        "{}: {} sections. After each question: Enter keeps the answer and goes on, ? says the \
         guidance, /back goes to the previous question, /next to the next section, /quit saves \
         and leaves. Every answer is saved as you give it, in {}.",
        walk.loaded.community().name,
        guide.sections.len(),
        shown(&walk.loaded.path)
    ))?;
    let mut at = 0;
    while let Some(&stop) = stops.get(at) {
        let section = &guide.sections[stop.section];
        let group = &section.groups[stop.group];
        if at == 0 || stops[at - 1].section != stop.section {
            io.say(&format!(
                "Section {} of {}: {}. {}",
                stop.section + 1,
                guide.sections.len(),
                section.title,
                section.intro.trim()
            ))?;
        }
        let next = match stop.question {
            Some(q) => {
                let question = &group.questions[q];
                io.say(&format!(
                    "Section {} of {}, question {} of {}. {}: {}",
                    stop.section + 1,
                    guide.sections.len(),
                    stop.number,
                    questions_in(section),
                    group.title,
                    question.prompt
                ))?;
                ask(io, walk, question)?
            }
            None => notes(io, walk, group)?,
        };
        at = match next {
            Next::Forward => at + 1,
            Next::Back => at.saturating_sub(1),
            Next::Section => stops
                .iter()
                .position(|s| s.section > stop.section)
                .unwrap_or(stops.len()),
            Next::Quit => {
                io.say(&format!("Saved in {}. Goodbye.", shown(&walk.loaded.path)))?;
                return Ok(());
            }
        };
    }
    io.say(&format!(
        "That was the last question. Everything is saved in {}.",
        shown(&walk.loaded.path)
    ))
}

/// Asks one question, its kind's way; a value written by hand that convene cannot use is left
/// as it is, and said.
fn ask(io: &mut Io, walk: &mut Walk, question: &Question) -> io::Result<Next> {
    let part = if question.kind.is_rating() {
        Part::Rating
    } else {
        Part::Answer
    };
    if walk
        .loaded
        .file
        .kept_at(walk.guide, part, &question.id)
        .is_some()
    {
        io.tell(
            "This answer is kept as written in the file, in a shape convene cannot use here; \
             it is left as it is. Press Enter to go on.",
        )?;
        return Ok(match io.said()? {
            Said::Guidance | Said::Line(_) => Next::Forward,
            said => fields::next_of(said),
        });
    }
    loop {
        match fields::ask(io, walk, question)? {
            Asked::Done(next) => return Ok(next),
            Asked::Guidance => io.say(&format!("Guidance: {}", question.guidance.trim()))?,
        }
    }
}

fn notes(io: &mut Io, walk: &mut Walk, group: &Group) -> io::Result<Next> {
    let now = walk
        .loaded
        .community()
        .notes
        .get(&group.id)
        .cloned()
        .unwrap_or_default();
    io.say(&format!(
        "Notes on {} (for the group as a whole).",
        group.title
    ))?;
    loop {
        let asked = fields::text(io, walk, &now, |community, text| {
            community.set_note(&group.id, text)
        })?;
        match asked {
            Asked::Done(next) => return Ok(next),
            Asked::Guidance => io.tell("Notes are whatever the group wants to remember.")?,
        }
    }
}
