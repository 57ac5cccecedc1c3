//! The columns of the table kinds (people, steps, targets, log, slider, commitments,
//! conversations, scouting parties).
//!
//! A table answer is stored as an array of TOML tables, one per row, with these keys. The columns
//! are fixed per kind, in code rather than in the guide files, because the editor, the charter,
//! the home screen (the next step due) and the file's key order all depend on their meaning.

use super::Kind;

/// One column of a table answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The key in each row's table in the file. Stable forever.
    pub key: &'static str,
    /// The heading shown in the editor and the charter.
    pub title: &'static str,
    pub kind: ColumnKind,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Any text on one line.
    Text,
    /// One of `suggestions`, or the facilitator's own words.
    Choice(&'static [&'static str]),
    /// A date, typed as people type them and stored as `2026-12-01` when it can be read (the
    /// words typed are kept when it cannot).
    Date,
    /// A whole number from 0 to `max` (stored as a TOML integer).
    Number { max: i64 },
}

/// The roles of people in a community of practice (seed 002 and the guide's community questions).
pub const ROLES: &[&str] = &[
    "sponsor",
    "coordinator",
    "core group",
    "member",
    "administrator",
];

/// Levels of participation, from the centre outwards (seed 000's levels of engagement).
pub const PARTICIPATION: &[&str] = &["core", "active", "occasional", "peripheral"];

/// A plain yes or no (a person is a weaver or not).
pub const YES_NO: &[&str] = &["yes", "no"];

/// An answer that may still be undecided: whether someone would join the core group, or
/// thinks more sustained contact would help (seed 004's questions).
pub const YES_MAYBE_NO: &[&str] = &["yes", "maybe", "no"];

/// Whether someone already meets others facing the same issues.
pub const OFTEN: &[&str] = &["often", "sometimes", "rarely", "never"];

/// Where a step of the plan stands.
pub const STATUSES: &[&str] = &["to do", "in progress", "done"];

/// The status that takes a step off the "next step due" list.
pub const DONE: &str = "done";

/// The highest position of a slider.
pub const SLIDER_MAX: i64 = 10;

const PEOPLE: &[Column] = &[
    Column {
        key: "name",
        title: "Name",
        kind: ColumnKind::Text,
    },
    Column {
        key: "role",
        title: "Role",
        kind: ColumnKind::Choice(ROLES),
    },
    Column {
        key: "participation",
        title: "Participation",
        kind: ColumnKind::Choice(PARTICIPATION),
    },
    Column {
        key: "contact",
        title: "Contact",
        kind: ColumnKind::Text,
    },
    Column {
        key: "note",
        title: "Note",
        kind: ColumnKind::Text,
    },
    // A weaver of the learning expedition (seed 002) joins up what the scouting parties learn;
    // any role can be one, so it is a mark of its own rather than a role.
    Column {
        key: "weaver",
        title: "Weaver",
        kind: ColumnKind::Choice(YES_NO),
    },
];

const STEPS: &[Column] = &[
    Column {
        key: "step",
        title: "Step",
        kind: ColumnKind::Text,
    },
    Column {
        key: "owner",
        title: "Owner",
        kind: ColumnKind::Text,
    },
    Column {
        key: "due",
        title: "Due",
        kind: ColumnKind::Date,
    },
    Column {
        key: "status",
        title: "Status",
        kind: ColumnKind::Choice(STATUSES),
    },
];

const TARGETS: &[Column] = &[
    Column {
        key: "output",
        title: "Output",
        kind: ColumnKind::Text,
    },
    Column {
        key: "target",
        title: "Target a year",
        kind: ColumnKind::Number { max: 999 },
    },
    Column {
        key: "done",
        title: "Done",
        kind: ColumnKind::Number { max: 999 },
    },
];

const LOG: &[Column] = &[
    Column {
        key: "date",
        title: "Date",
        kind: ColumnKind::Date,
    },
    Column {
        key: "problem",
        title: "Problem raised",
        kind: ColumnKind::Text,
    },
    Column {
        key: "advice",
        title: "Advice given",
        kind: ColumnKind::Text,
    },
    Column {
        key: "follow_up",
        title: "Follow up",
        kind: ColumnKind::Date,
    },
    Column {
        key: "outcome",
        title: "Outcome",
        kind: ColumnKind::Text,
    },
    // The learning log is also the expedition log (seed 002): an entry may come from a
    // scouting party, named as in the scouting parties table.
    Column {
        key: "party",
        title: "Scouting party",
        kind: ColumnKind::Text,
    },
    // Learning across communities (seed 002): the constellation's communities this entry was
    // passed on to, by name, separated by `;`.
    Column {
        key: "shared_with",
        title: "Shared with",
        kind: ColumnKind::Text,
    },
];

const SLIDER: &[Column] = &[
    Column {
        key: "dimension",
        title: "Dimension",
        kind: ColumnKind::Text,
    },
    Column {
        key: "current",
        title: "Now",
        kind: ColumnKind::Number { max: SLIDER_MAX },
    },
    Column {
        key: "target",
        title: "Target",
        kind: ColumnKind::Number { max: SLIDER_MAX },
    },
];

/// The time asked of each role: the role (one of [`ROLES`] or the facilitator's own words), the
/// time in the facilitator's words ("an hour a month", "one lunch in four") rather than a
/// number, since what is asked is rarely a fixed count of hours, and what the time is for.
const COMMITMENTS: &[Column] = &[
    Column {
        key: "role",
        title: "Role",
        kind: ColumnKind::Choice(ROLES),
    },
    Column {
        key: "time",
        title: "Time asked",
        kind: ColumnKind::Text,
    },
    Column {
        key: "tasks",
        title: "What it covers",
        kind: ColumnKind::Text,
    },
];

/// A conversation with a potential member, filled in after it: seed 004's three questions
/// (the issues they face, whether they meet others facing them, whether more sustained
/// contact would help) and its second step (whether they would join the core group).
const CONVERSATIONS: &[Column] = &[
    Column {
        key: "who",
        title: "Who",
        kind: ColumnKind::Text,
    },
    Column {
        key: "date",
        title: "When",
        kind: ColumnKind::Date,
    },
    Column {
        key: "issues",
        title: "Issues and challenges",
        kind: ColumnKind::Text,
    },
    Column {
        key: "meets_others",
        title: "Meets others facing them",
        kind: ColumnKind::Choice(OFTEN),
    },
    Column {
        key: "would_help",
        title: "More would help",
        kind: ColumnKind::Choice(YES_MAYBE_NO),
    },
    Column {
        key: "core_group",
        title: "Would join core group",
        kind: ColumnKind::Choice(YES_MAYBE_NO),
    },
    Column {
        key: "follow_up",
        title: "Follow-up",
        kind: ColumnKind::Text,
    },
];

/// A scouting party of the learning expedition (seed 002): who goes, what they explore, when
/// they report back and what they brought (a party whose day has come without findings is
/// due, as a learning-log follow-up is).
const PARTIES: &[Column] = &[
    Column {
        key: "name",
        title: "Scouting party",
        kind: ColumnKind::Text,
    },
    Column {
        key: "members",
        title: "Members",
        kind: ColumnKind::Text,
    },
    Column {
        key: "explores",
        title: "What it explores",
        kind: ColumnKind::Text,
    },
    Column {
        key: "report_back",
        title: "Reports back",
        kind: ColumnKind::Date,
    },
    Column {
        key: "findings",
        title: "What it brought back",
        kind: ColumnKind::Text,
    },
];

impl Kind {
    /// The columns of a table kind, in the order they are shown and written; empty for the
    /// other kinds.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::People => PEOPLE,
            Kind::Steps => STEPS,
            Kind::Targets => TARGETS,
            Kind::Log => LOG,
            Kind::Slider => SLIDER,
            Kind::Commitments => COMMITMENTS,
            Kind::Conversations => CONVERSATIONS,
            Kind::Parties => PARTIES,
            Kind::Text | Kind::Rating | Kind::Choice | Kind::Choices | Kind::List | Kind::Date => {
                &[]
            }
        }
    }

    /// Whether answers of this kind are tables (an array of TOML tables).
    pub fn is_table(self) -> bool {
        !self.columns().is_empty()
    }

    /// Whether the guide's `options` for this kind are rows to start from (their first column)
    /// rather than choices.
    pub fn options_are_rows(self) -> bool {
        matches!(
            self,
            Kind::Steps | Kind::Targets | Kind::Slider | Kind::Commitments
        )
    }
}
