//! The charter in the order a reader expects, and how it closes.
//!
//! The walk follows how a community is designed (Define, then domain, community and practice,
//! then readiness…); a reader wants why the community exists, who is in it, how it works, what
//! it will produce and how it will know — with the detail of the statements rated (the
//! readiness check, then the facilitation practices) and the workshop's notes kept for an
//! appendix. Launching the community is how it comes to work, so it is in that part, ahead of the
//! momentum plan that takes over after the launch (the guide's order within a part); the learning expedition is how it will know
//! what it learns. Each guide section is placed in one of those parts; a section this
//! table does not name (a hand-made guide, a section added later) goes with how the community
//! works, which is where agreements and plans belong.
//!
//! The charter closes as a document people sign: a version line (the moment the file was last
//! changed, which is what the charter reflects), the day it was made, the day it is to be
//! reviewed when the community set one, and a sign-off block for its sponsors and
//! coordinators.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::charter::{AnswerOut, SectionOut};
use super::glance::Glance;
use super::table::DateOut;
use crate::community::{LogKind, Workshop};
use crate::guide::{Guide, Kind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Why,
    Who,
    HowWeWork,
    WhatWeProduce,
    HowWeKnow,
    Appendix,
}

impl Part {
    /// The part a guide section belongs to.
    pub fn of(section: &str) -> Part {
        match section {
            "define" | "vision" | "share" => Part::Why,
            "foundations" | "life_people" => Part::Who,
            "launch" => Part::HowWeWork,
            "life_harvest" => Part::WhatWeProduce,
            "life_evaluation" | "life_dimensions" | "life_learning" | "life_expedition" => {
                Part::HowWeKnow
            }
            "readiness" | "life_facilitation" => Part::Appendix,
            _ => Part::HowWeWork,
        }
    }

    /// Its id in the HTML charter (the contents list links to it).
    pub fn id(self) -> &'static str {
        match self {
            Part::Why => "why-we-exist",
            Part::Who => "who-we-are",
            Part::HowWeWork => "how-we-work",
            Part::WhatWeProduce => "what-we-will-produce",
            Part::HowWeKnow => "how-we-will-know",
            Part::Appendix => "appendix",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Part::Why => "Why we exist",
            Part::Who => "Who we are",
            Part::HowWeWork => "How we work",
            Part::WhatWeProduce => "What we will produce",
            Part::HowWeKnow => "How we will know",
            Part::Appendix => "Appendix",
        }
    }
}

/// Something the room agreed in the workshop (a "decided" entry of its session log).
#[derive(Debug, Clone, Serialize)]
pub struct Agreement<'g> {
    pub text: String,
    pub at: DateTime<FixedOffset>,
    /// The prompt of the question it was about, if it was about one.
    pub about: Option<&'g str>,
}

/// The workshop's decisions, in the order they were taken.
pub fn agreements<'g>(workshop: &Workshop, guide: &'g Guide) -> Vec<Agreement<'g>> {
    let prompt = |id: &str| {
        guide
            .sections
            .iter()
            .flat_map(|s| &s.groups)
            .flat_map(|g| &g.questions)
            .find(|q| q.id == id)
            .map(|q| q.prompt.as_str())
    };
    workshop
        .log
        .iter()
        .filter(|e| e.kind == LogKind::Decided && !e.text.trim().is_empty())
        .map(|e| Agreement {
            text: e.text.clone(),
            at: e.at,
            about: e.question.as_deref().and_then(prompt),
        })
        .collect()
}

/// How the charter closes.
#[derive(Debug, Clone, Serialize)]
pub struct Closing {
    /// "Version of 2 Dec 2026, 15:13": the community file's last change.
    pub version: String,
    /// The day the charter was made.
    pub made: NaiveDate,
    /// When the charter is to be reviewed, if the community said.
    pub review: Option<NaiveDate>,
    /// One line each to sign: the sponsors and coordinators by name, or blank lines for them.
    pub sign_off: Vec<Signer>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signer {
    pub role: &'static str,
    /// `None`: a blank line to write the name on.
    pub name: Option<String>,
}

impl Closing {
    pub fn build(
        updated: DateTime<FixedOffset>,
        made: NaiveDate,
        sections: &[SectionOut],
        glance: &Glance,
    ) -> Closing {
        // A date question about reviewing (the operating agreements' review of the charter).
        let review = sections
            .iter()
            .flat_map(|s| &s.groups)
            .flat_map(|g| &g.questions)
            .filter(|q| q.kind == Kind::Date && q.id.contains("review"))
            .find_map(|q| match &q.answer {
                Some(AnswerOut::Date(DateOut { date, .. })) => *date,
                _ => None,
            });
        let mut sign_off = Vec::new();
        for (role, people) in [
            ("Sponsor", &glance.sponsors),
            ("Coordinator", &glance.coordinators),
        ] {
            if people.is_empty() {
                sign_off.push(Signer { role, name: None });
            }
            for person in people {
                sign_off.push(Signer {
                    role,
                    name: Some(person.name.clone()),
                });
            }
        }
        Closing {
            version: format!("Version of {}", updated.format("%-d %b %Y, %H:%M")),
            made,
            review,
            sign_off,
        }
    }
}
