//! The question bank's types.
//!
//! The guide is data (`assets/guide/*.toml`), not code, so that the wording can be reviewed by
//! people who know communities of practice rather than Rust, and so each question can name the
//! source it came from. These types are what that data must look like; [`super::load`] checks
//! the rules serde cannot express (unique ids, known sources, options for choices).
//!
//! `Kind` already lists the kinds later parts of the guide need (lists, people, dated steps,
//! sliders, the time asked of each role): answers to them live under the same `[answers]` table of a community file, so adding
//! a section that uses them does not change the file format.

use serde::{Deserialize, Serialize};

/// Where a part of the guide comes from, for attribution in the app and in charters.
///
/// A source is one of two things, and [`super::load`] checks it is exactly one: a seed
/// document of the project's source material (`seed`, no `publisher` or `url`), or a published
/// template from outside the seeds, such as a charter template (no `seed`; its `publisher` and
/// the `url` where it can be read). A template's questions are the project's plain wording of
/// what the template asks, never its text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable id referenced by sections and questions.
    pub id: String,
    /// The seed document (000–004) in the project's source material; `None` for a template.
    #[serde(default)]
    pub seed: Option<String>,
    /// Human title of the source.
    pub title: String,
    /// One sentence naming the public origin.
    pub attribution: String,
    /// Who publishes a template ("U.S. Centers for Disease Control and Prevention"); `None`
    /// for a seed.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Where a template can be read (`https://…`); `None` for a seed.
    #[serde(default)]
    pub url: Option<String>,
}

impl Source {
    /// Whether this is a published template rather than one of the seeds.
    pub fn is_template(&self) -> bool {
        self.seed.is_none()
    }
}

/// One page of the walk ("Define", "Readiness check", …).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Guidance for the whole section, in the project's own words.
    pub intro: String,
    /// Ids of the sources this section draws on.
    pub sources: Vec<String>,
    pub groups: Vec<Group>,
}

/// A cluster of questions inside a section ("Purpose", "Do you have a good domain?").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub intro: Option<String>,
    /// Whether the group has a free-text notes area (stored under `[notes]` by group id).
    #[serde(default)]
    pub notes: bool,
    pub questions: Vec<Question>,
}

/// One question, or for ratings one statement to rate.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable forever: it is the key of the answer in every community file.
    pub id: String,
    pub kind: Kind,
    /// The question as asked (or the statement, for a rating).
    pub prompt: String,
    /// Help for the facilitator, in the project's own words.
    pub guidance: String,
    /// Id of the source the question comes from (the one that asks it most directly).
    pub source: String,
    /// Ids of other sources that ask it too, when several templates do: attribution is
    /// owed to each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_sources: Vec<String>,
    /// The options of a `choice` or `choices` question; for `steps`, `targets` and `slider`, the
    /// rows a new community starts with (their first column).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// Questions to put to someone else while answering this one (the interview questions of
    /// a conversation with a potential member): shown in the walk above the answer, and in
    /// the presenter view for the room to practise with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<String>,
    /// The id of a section whose answers bear on this one ("see also"): the walk offers to go
    /// there, and the charter links to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub see: Option<String>,
}

impl Question {
    /// Every source the question comes from: [`Question::source`] first, then the others.
    pub fn sources(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.source.as_str()).chain(self.also_sources.iter().map(String::as_str))
    }
}

/// How a question is answered, and so how its answer is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Free text, possibly many lines: a string under `[answers]`.
    Text,
    /// Yes / Partly / No / Not sure with a comment: a table under `[ratings]`.
    Rating,
    /// One of `options`: a string under `[answers]`.
    Choice,
    /// Any of `options`, plus the facilitator's own: an array of strings under `[answers]`.
    Choices,
    /// A list of short items: an array of strings under `[answers]`.
    List,
    /// A table of people: an array of tables under `[answers]` (columns: [`Kind::columns`]).
    People,
    /// Dated steps with owners and status: an array of tables; `options` are steps to start from.
    Steps,
    /// Outputs with a yearly target and what is done: an array of tables; `options` are
    /// outputs to start from.
    Targets,
    /// Dated entries with a follow-up date: an array of tables.
    Log,
    /// Dimensions with current and target positions on a 0–10 scale: an array of tables;
    /// `options` are dimensions that are always there (the facilitator adds their own).
    Slider,
    /// The time each role is asked to give, and for what: an array of tables; `options` are
    /// roles to start from.
    Commitments,
    /// Conversations with potential members (who, when, what they said, whether they would
    /// join the core group): an array of tables.
    Conversations,
    /// Scouting parties of a learning expedition (name, members, what they explore, when they
    /// report back): an array of tables.
    Parties,
    /// One date: a string under `[answers]`, written `2026-12-01` once convene has read it.
    Date,
}

impl Kind {
    /// Whether answers of this kind live under `[ratings]` rather than `[answers]`.
    pub fn is_rating(self) -> bool {
        self == Kind::Rating
    }

    /// The word used in the guide files and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Rating => "rating",
            Kind::Choice => "choice",
            Kind::Choices => "choices",
            Kind::List => "list",
            Kind::People => "people",
            Kind::Steps => "steps",
            Kind::Targets => "targets",
            Kind::Log => "log",
            Kind::Slider => "slider",
            Kind::Commitments => "commitments",
            Kind::Conversations => "conversations",
            Kind::Parties => "parties",
            Kind::Date => "date",
        }
    }
}
