//! The guide: every question convene asks, loaded from `assets/guide/` and embedded at build time.
//!
//! Nothing here knows about terminals or files on disk; the walk, the command line and the
//! exporters all read the same [`Guide`]. [`Guide::builtin`] parses the embedded TOML once and
//! keeps it for the life of the process. The build's own tests prove the embedded guide is valid,
//! so the `expect` there cannot fire for a user.

mod columns;
mod load;
mod model;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use columns::{
    Column, ColumnKind, DONE, OFTEN, PARTICIPATION, ROLES, SLIDER_MAX, STATUSES, YES_MAYBE_NO,
    YES_NO,
};
pub use load::{GuideError, parse_guide};
pub use model::{Group, Kind, Question, Section, Source};

/// The embedded guide files, in walk order, with the names used in error messages.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "assets/guide/01-define.toml",
        include_str!("../../assets/guide/01-define.toml"),
    ),
    (
        "assets/guide/02-foundations.toml",
        include_str!("../../assets/guide/02-foundations.toml"),
    ),
    (
        "assets/guide/03-readiness.toml",
        include_str!("../../assets/guide/03-readiness.toml"),
    ),
    (
        "assets/guide/04-vision.toml",
        include_str!("../../assets/guide/04-vision.toml"),
    ),
    (
        "assets/guide/05-share.toml",
        include_str!("../../assets/guide/05-share.toml"),
    ),
    (
        "assets/guide/06-people.toml",
        include_str!("../../assets/guide/06-people.toml"),
    ),
    (
        "assets/guide/07-rhythm.toml",
        include_str!("../../assets/guide/07-rhythm.toml"),
    ),
    (
        "assets/guide/08-agreements.toml",
        include_str!("../../assets/guide/08-agreements.toml"),
    ),
    (
        "assets/guide/09-launch.toml",
        include_str!("../../assets/guide/09-launch.toml"),
    ),
    (
        "assets/guide/10-momentum.toml",
        include_str!("../../assets/guide/10-momentum.toml"),
    ),
    (
        "assets/guide/11-harvest.toml",
        include_str!("../../assets/guide/11-harvest.toml"),
    ),
    (
        "assets/guide/12-learning.toml",
        include_str!("../../assets/guide/12-learning.toml"),
    ),
    (
        "assets/guide/13-expedition.toml",
        include_str!("../../assets/guide/13-expedition.toml"),
    ),
    (
        "assets/guide/14-dimensions.toml",
        include_str!("../../assets/guide/14-dimensions.toml"),
    ),
    (
        "assets/guide/15-facilitation.toml",
        include_str!("../../assets/guide/15-facilitation.toml"),
    ),
    (
        "assets/guide/16-evaluation.toml",
        include_str!("../../assets/guide/16-evaluation.toml"),
    ),
];

/// The embedded source registry.
pub const EMBEDDED_SOURCES: (&str, &str) = (
    "assets/guide/sources.toml",
    include_str!("../../assets/guide/sources.toml"),
);

/// [`Guide::builtin_identity`], worked out by the compiler: a start pays nothing for it.
const BUILTIN_IDENTITY: u64 = identity_of(EMBEDDED_SOURCES, EMBEDDED);

/// Where a question or group sits in the guide (indices into `sections` and `groups`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub section: usize,
    pub group: usize,
    /// `None` for a group itself.
    pub question: Option<usize>,
}

/// The whole question bank, validated.
#[derive(Debug, Clone)]
pub struct Guide {
    pub sources: Vec<Source>,
    pub sections: Vec<Section>,
    /// Every group and question id, with where it is.
    index: HashMap<String, Place>,
    /// Sort keys: questions in walk order, then groups in walk order.
    ranks: HashMap<String, usize>,
    question_count: usize,
    /// A hash of the texts the guide was read from (see [`Guide::identity`]).
    identity: u64,
}

impl Guide {
    /// The guide compiled into this binary.
    pub fn builtin() -> &'static Guide {
        static GUIDE: OnceLock<Guide> = OnceLock::new();
        GUIDE.get_or_init(|| {
            parse_guide(EMBEDDED_SOURCES, EMBEDDED)
                .expect("the embedded guide is checked by the test suite")
        })
    }

    /// What the guide was read from, as a number: equal for equal texts, and known for the
    /// built-in guide without reading it ([`Guide::builtin_identity`]). The listing index is
    /// keyed by it, since the guide decides what counts as answered.
    pub fn identity(&self) -> u64 {
        self.identity
    }

    /// [`Guide::identity`] of [`Guide::builtin`], computed from the embedded texts alone, so a
    /// start can use the listing index before the guide has been read.
    pub const fn builtin_identity() -> u64 {
        BUILTIN_IDENTITY
    }

    pub(crate) fn from_parts(sources: Vec<Source>, sections: Vec<Section>, identity: u64) -> Guide {
        let mut index = HashMap::new();
        let mut ranks = HashMap::new();
        let mut group_ids = Vec::new();
        for (s, section) in sections.iter().enumerate() {
            for (g, group) in section.groups.iter().enumerate() {
                let place = Place {
                    section: s,
                    group: g,
                    question: None,
                };
                index.insert(group.id.clone(), place);
                group_ids.push(group.id.clone());
                for (q, question) in group.questions.iter().enumerate() {
                    let place = Place {
                        question: Some(q),
                        ..place
                    };
                    index.insert(question.id.clone(), place);
                    ranks.insert(question.id.clone(), ranks.len());
                }
            }
        }
        let question_count = ranks.len();
        for id in group_ids {
            ranks.insert(id, ranks.len());
        }
        Guide {
            sources,
            sections,
            index,
            ranks,
            question_count,
            identity,
        }
    }

    /// The question with this id, if the guide has one.
    pub fn question(&self, id: &str) -> Option<&Question> {
        let place = self.index.get(id)?;
        let group = &self.sections[place.section].groups[place.group];
        place.question.map(|q| &group.questions[q])
    }

    /// The group with this id, if the guide has one.
    pub fn group(&self, id: &str) -> Option<&Group> {
        let place = self.index.get(id)?;
        match place.question {
            None => Some(&self.sections[place.section].groups[place.group]),
            Some(_) => None,
        }
    }

    /// Where an id (group or question) sits in the guide.
    pub fn place(&self, id: &str) -> Option<Place> {
        self.index.get(id).copied()
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Every question, in walk order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections
            .iter()
            .flat_map(|s| s.groups.iter())
            .flat_map(|g| g.questions.iter())
    }

    /// Every group, in walk order.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.sections.iter().flat_map(|s| s.groups.iter())
    }

    /// How many questions the guide asks in all: the denominator of progress.
    pub fn question_count(&self) -> usize {
        self.question_count
    }

    /// A sort key placing question ids in walk order, then group ids in walk order, and
    /// everything the guide does not know after them.
    pub fn rank(&self, id: &str) -> usize {
        self.ranks.get(id).copied().unwrap_or(usize::MAX)
    }
}

/// A stable hash (FNV-1a) of a guide's texts, in order.
pub(crate) const fn identity_of(sources: (&str, &str), sections: &[(&str, &str)]) -> u64 {
    // Written with `while` so it can run at compile time (see BUILTIN_IDENTITY). A separator
    // byte no text contains keeps ("ab", "c") apart from ("a", "bc").
    const fn mix(mut hash: u64, text: &str) -> u64 {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            hash = (hash ^ bytes[i] as u64).wrapping_mul(0x0000_0100_0000_01b3);
            i += 1;
        }
        (hash ^ 0xff).wrapping_mul(0x0000_0100_0000_01b3)
    }
    let mut hash = mix(0xcbf2_9ce4_8422_2325, sources.1);
    let mut i = 0;
    while i < sections.len() {
        hash = mix(hash, sections[i].1);
        i += 1;
    }
    hash
}
