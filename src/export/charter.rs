//! What a charter says, before it is written in any format.
//!
//! Markdown, HTML and JSON show the same content, so it is gathered once here from the community
//! and the guide: the sections in walk order with their answered questions (or every question,
//! the open ones marked, with `include_empty`), notes, the summaries of the statements rated
//! (the readiness check, the facilitation practices), the workshop notes (`workshop.rs`) and
//! attribution. Beside some answers stands a sentence drawn from elsewhere in the file
//! (`beside.rs`), and a question that bears on another section says so ([`See`]).
//! Text here is exactly what the facilitator wrote; each format escapes it its own way.
//!
//! Table answers (people, the momentum plan, harvest targets, the learning log, dimensions) are
//! gathered with their columns and with what a reader needs flagged — a step overdue, a
//! follow-up due — judged against one day, [`Options::today`], so that a charter made on a
//! fixed day is the same file every time. How a table reads ([`TableOut::headers`],
//! [`TableOut::shown`]) is decided here once; each format only writes it.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::audience::Audience;
use super::beside;
use super::drafts;
use super::glance::Glance;
use super::order::{Agreement, Closing, Part, agreements};
use super::table::{DateOut, TableOut};
use super::workshop::WorkshopOut;
use crate::community::kept;
use crate::community::launch::Willing;
use crate::community::readiness::{self, GroupSummary};
use crate::community::{Answer, Community, KeptValues, RatingValue};
use crate::dates;
use crate::guide::{Guide, Kind, Source};

/// Choices about what goes into a charter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// List unanswered questions as open questions instead of leaving them out.
    pub include_empty: bool,
    /// The day that overdue steps and due follow-ups are judged against; `None` means the day
    /// of `generated_at`. Golden files and tests pass a fixed day so the charter does not
    /// change with the calendar.
    pub today: Option<NaiveDate>,
    /// The moment the charter is made (JSON's `generated_at`); `None` means now, read once
    /// when the charter is gathered. The command line and the app read the clock where they
    /// export and pass it, with `today` its day ([`Options::made_at`]); tests pass a fixed
    /// moment. The formats never read the clock.
    pub generated_at: Option<DateTime<FixedOffset>>,
    /// Who the charter is for, and so what goes in it (see [`Audience`]).
    pub audience: Audience,
}

impl Options {
    /// The options of a charter made at `now` (read once, by the caller): flags are judged on
    /// its day.
    pub fn made_at(now: DateTime<FixedOffset>) -> Options {
        Options {
            include_empty: false,
            today: Some(now.date_naive()),
            generated_at: Some(now),
            audience: Audience::default(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Charter<'g> {
    pub name: String,
    /// The language of the answers, a well-formed BCP 47 tag, when the file names one (the HTML
    /// page's `lang`). Not in the JSON.
    #[serde(skip)]
    pub language: Option<String>,
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    /// Who the charter was made for.
    pub audience: Audience,
    /// The core statement: the facilitator's, or a draft made from their answers.
    pub core_statement: Option<String>,
    /// Whether [`Charter::core_statement`] is convene's draft, not yet edited: then it is not
    /// the charter's lead paragraph, only an answer marked as a draft.
    pub core_statement_is_draft: bool,
    /// What a sponsor reads first.
    pub glance: Glance,
    /// The sections in the order of their [`Part`]s (why, who, how we work, what we will
    /// produce, how we will know; the readiness detail in the appendix).
    pub sections: Vec<SectionOut<'g>>,
    /// What the room decided in the workshop.
    pub agreements: Vec<Agreement<'g>>,
    pub readiness: Vec<ReadinessRow<'g>>,
    /// The facilitation practices' summary, in the same shape: every group, rated or not.
    pub facilitation: Vec<ReadinessRow<'g>>,
    /// The workshop notes; `None` (JSON `null`) when the community has no workshop.
    pub workshop: Option<WorkshopOut<'g>>,
    /// The frameworks the charter draws on, in guide order.
    pub sources: Vec<&'g Source>,
    pub closing: Closing,
    /// The day flags were judged against. Not in the JSON, which holds only what the file says.
    #[serde(skip)]
    pub today: NaiveDate,
    /// When the charter was made; the JSON writes it as `generated_at`, ahead of the rest.
    #[serde(skip)]
    pub generated_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionOut<'g> {
    pub id: &'g str,
    pub title: &'g str,
    pub part: Part,
    pub groups: Vec<GroupOut<'g>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupOut<'g> {
    pub id: &'g str,
    pub title: &'g str,
    pub questions: Vec<QuestionOut<'g>>,
    pub notes: Option<NotesOut>,
}

/// A group's notes: the text written, or, when the file holds something else under the
/// group's key (a list, a number), that value named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum NotesOut {
    Text(String),
    NotUsed(NotUsed),
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionOut<'g> {
    pub id: &'g str,
    pub kind: Kind,
    pub prompt: &'g str,
    /// `None` for an open (unanswered) question.
    pub answer: Option<AnswerOut>,
    /// The answer is convene's draft from the other answers, which nobody has edited: shown
    /// marked as a draft, never as agreed.
    pub is_draft: bool,
    /// A sentence drawn from elsewhere in the file that a reader weighs the answer against
    /// ("From the conversations: 3 of 7 people talked to would join the core group."), shown
    /// under it; see `beside.rs`.
    pub context: Option<String>,
    /// The section whose answers bear on this one.
    pub see: Option<See<'g>>,
}

/// A "see also": the section a question points to. JSON writes only its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct See<'g> {
    pub section: &'g str,
    pub title: &'g str,
}

impl Serialize for See<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.section)
    }
}

/// An answer as charters show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AnswerOut {
    Text(String),
    Items(Vec<String>),
    Rating {
        rating: Option<RatingValue>,
        comment: String,
    },
    /// A date question: `2026-12-08` in JSON, spelled out in Markdown and HTML.
    Date(DateOut),
    /// A table answer: in JSON an array of objects, keys in column order.
    Table(TableOut),
    /// An answer the charter's audience does not see (the conversations with potential members,
    /// outside the facilitator's charter): JSON `null`, and the question's
    /// [`QuestionOut::context`] says what may be said of it.
    Withheld,
    /// What the file holds here, which convene cannot use for this question (a rating word it
    /// does not know, a list under a text question): kept in the file as written and named in
    /// the charter, never shown as if it were the answer, nor silently left out.
    NotUsed(NotUsed),
}

/// A value kept as written that a charter names instead of showing: `found` says what it is,
/// in a facilitator's words ("the rating \"maybe\" (not one of yes, partly, no, not_sure)").
/// JSON writes it `{"readable": false, "found": …}`, the marker of every value convene could
/// not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUsed {
    pub found: String,
}

impl Serialize for NotUsed {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("NotUsed", 2)?;
        out.serialize_field("readable", &false)?;
        out.serialize_field("found", &self.found)?;
        out.end()
    }
}

impl NotUsed {
    /// The sentence Markdown and HTML show in place of the answer.
    pub fn sentence(&self) -> String {
        format!(
            "Not shown: convene cannot use what the file holds here, {}. It is kept in the file \
             as written; convene check says on which line.",
            self.found
        )
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ReadinessRow<'g> {
    pub group: &'g str,
    pub title: &'g str,
    pub yes: usize,
    pub partly: usize,
    pub no: usize,
    pub not_sure: usize,
    pub unrated: usize,
    pub verdict: &'static str,
}

impl<'g> From<GroupSummary<'g>> for ReadinessRow<'g> {
    fn from(s: GroupSummary<'g>) -> ReadinessRow<'g> {
        ReadinessRow {
            group: &s.group.id,
            title: &s.group.title,
            yes: s.counts[0],
            partly: s.counts[1],
            no: s.counts[2],
            not_sure: s.counts[3],
            unrated: s.unrated,
            verdict: s.verdict.label(),
        }
    }
}

impl<'g> Charter<'g> {
    /// The charter of a community that holds no value kept as written outside its model.
    pub fn build(community: &Community, guide: &'g Guide, options: Options) -> Charter<'g> {
        Charter::build_kept(community, &KeptValues::default(), guide, options)
    }

    /// The charter of a community read from a file, with the values of that file no question
    /// could use (`kept`, from [`crate::community::CommunityFile::kept`]) named where they stand.
    pub fn build_kept(
        community: &Community,
        kept: &KeptValues,
        guide: &'g Guide,
        options: Options,
    ) -> Charter<'g> {
        let generated_at = options.generated_at.unwrap_or_else(dates::now);
        let audience = options.audience;
        let today = options.today.unwrap_or(generated_at.date_naive());
        let mut sections = Vec::new();
        for section in &guide.sections {
            let mut groups = Vec::new();
            for group in &section.groups {
                let questions: Vec<QuestionOut> = group
                    .questions
                    .iter()
                    .map(|q| QuestionOut {
                        id: &q.id,
                        kind: q.kind,
                        prompt: &q.prompt,
                        answer: answer(community, kept, &q.id, q.kind, today, audience)
                            .map(|a| withheld(a, q.kind, audience)),
                        is_draft: drafts::is_draft(&q.id, community),
                        context: beside::context(&q.id, community),
                        see: q.see.as_deref().and_then(|id| {
                            let section = guide.section(id)?;
                            Some(See {
                                section: &section.id,
                                title: &section.title,
                            })
                        }),
                    })
                    // A sentence from elsewhere is worth printing even before the question is
                    // answered: the count of conversations beside a statement not yet rated.
                    .filter(|q| options.include_empty || q.answer.is_some() || q.context.is_some())
                    .collect();
                let notes = if !audience.notes() {
                    None
                } else if let Some(value) = kept.get(kept::Part::Note, &group.id) {
                    Some(NotesOut::NotUsed(NotUsed {
                        found: value.found.clone(),
                    }))
                } else {
                    community.notes.get(&group.id).cloned().map(NotesOut::Text)
                };
                if !questions.is_empty() || notes.is_some() {
                    groups.push(GroupOut {
                        id: &group.id,
                        title: &group.title,
                        questions,
                        notes,
                    });
                }
            }
            if !groups.is_empty() {
                sections.push(SectionOut {
                    id: &section.id,
                    title: &section.title,
                    part: Part::of(&section.id),
                    groups,
                });
            }
        }
        // Every group, rated or not: a group nobody rated yet is part of the picture (its
        // verdict says so), and a tool reading the JSON finds the same groups in every charter.
        let readiness = readiness::summarize(community, guide)
            .into_iter()
            .map(ReadinessRow::from)
            .collect();
        let facilitation = guide
            .section(readiness::FACILITATION)
            .map(|section| readiness::summarize_section(community, section))
            .unwrap_or_default()
            .into_iter()
            .map(ReadinessRow::from)
            .collect();
        let mut sources: Vec<&Source> = Vec::new();
        for section in &guide.sections {
            for id in &section.sources {
                if let Some(source) = guide.source(id)
                    && !sources.iter().any(|s| s.id == source.id)
                {
                    sources.push(source);
                }
            }
        }
        // Stable: sections keep the guide's order within their part.
        sections.sort_by_key(|s| s.part);
        let mut glance = Glance::build(&sections);
        glance.core_group = Willing::of(community).map(Willing::sentence);
        let closing = Closing::build(community.updated, today, &sections, &glance);
        Charter {
            name: community.name.clone(),
            language: community.language_tag().map(str::to_string),
            created: community.created,
            updated: community.updated,
            audience,
            core_statement: drafts::answer_or_draft(drafts::CORE_STATEMENT, community),
            core_statement_is_draft: drafts::is_draft(drafts::CORE_STATEMENT, community),
            glance,
            sections,
            agreements: agreements(&community.workshop, guide),
            readiness,
            facilitation,
            workshop: WorkshopOut::build(&community.workshop, guide)
                .filter(|_| audience.workshop_notes()),
            sources,
            closing,
            today,
            generated_at,
        }
    }
}

/// `answer`, or [`AnswerOut::Withheld`] where the audience may not see it: everything under
/// the conversations question, a value convene could not use included (what it names may quote
/// what someone said).
fn withheld(answer: AnswerOut, kind: Kind, audience: Audience) -> AnswerOut {
    if kind == Kind::Conversations && !audience.conversations() {
        AnswerOut::Withheld
    } else {
        answer
    }
}

fn answer(
    community: &Community,
    kept: &KeptValues,
    id: &str,
    kind: Kind,
    today: NaiveDate,
    audience: Audience,
) -> Option<AnswerOut> {
    let part = if kind.is_rating() {
        kept::Part::Rating
    } else {
        kept::Part::Answer
    };
    if let Some(value) = kept.get(part, id) {
        return Some(AnswerOut::NotUsed(NotUsed {
            found: value.found.clone(),
        }));
    }
    if kind.is_rating() {
        let rating = community.ratings.get(id)?;
        let comment = if audience.readiness_comments() {
            rating.comment.clone()
        } else {
            String::new()
        };
        if rating.value.is_none() && comment.trim().is_empty() {
            return None;
        }
        return Some(AnswerOut::Rating {
            rating: rating.value,
            comment,
        });
    }
    if let Some(text) = drafts::draft(id, community)
        && community.answers.get(id).is_none_or(Answer::is_empty)
    {
        return Some(AnswerOut::Text(text));
    }
    match community.answers.get(id)? {
        a if a.is_empty() => None,
        // An answer of a shape its question does not take (a list under a text question, a
        // hand edit) is kept as written, as the walk and `convene check` say, and named like a
        // value no question can use: a charter never passes it off as the answer.
        a if !kept::fits(kind, a) => Some(AnswerOut::NotUsed(NotUsed {
            // What the question takes, without the file syntax a reader has no use for.
            found: format!(
                "{} (this question takes {})",
                kept::shape_of(a),
                kept::takes(kind).split(" (").next().unwrap_or_default()
            ),
        })),
        Answer::Text(text) if kind == Kind::Date => Some(AnswerOut::Date(DateOut::read(text))),
        Answer::Text(text) => Some(AnswerOut::Text(text.clone())),
        Answer::Items(items) => Some(AnswerOut::Items(items.clone())),
        // Rows under a question that is not a table (a hand edit) have no columns to show.
        Answer::Records(rows) => TableOut::build(kind, rows, today).map(|mut table| {
            if !audience.contacts() {
                table.leave_out("contact");
            }
            AnswerOut::Table(table)
        }),
        // A single table is no question's shape any more: `fits` named it above.
        Answer::Fields(_) => None,
    }
}
