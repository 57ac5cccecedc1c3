//! What a constellation charter says, gathered once so that Markdown, HTML and JSON say the
//! same: each member with where it was found, its own charter's glance for the audience, its
//! figures judged against one day, and the link to its own charter; the bridges; and the
//! learning entries the audience may read.
//!
//! The day and the moment are settled here, once, from the options (the clock only when they
//! leave it open), and every community's charter is built with them: a constellation charter
//! made on a fixed day is the same file every time, and a step overdue in a community's
//! section is overdue in the table above it.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::super::{AnswerOut, Audience, Charter, Format, Glance, Options, file_name};
use crate::community::readiness::Verdict;
use crate::constellation::learning::{self, Entry};
use crate::constellation::overview::{self, Bridge, Found, GroupColumn, Overview, Row};
use crate::dates;
use crate::guide::Guide;

/// The constellation charter's content.
pub(super) struct Document<'o> {
    pub name: &'o str,
    pub shared_purpose: &'o str,
    pub audience: Audience,
    /// When the charter was made.
    pub generated_at: DateTime<FixedOffset>,
    /// The day overdue steps and due follow-ups are judged on.
    pub today: NaiveDate,
    /// The readiness groups, in walk order.
    pub groups: &'o [GroupColumn],
    /// The constellation's communities, in its file's order.
    pub members: Vec<Member<'o>>,
    pub bridges: &'o [Bridge],
    /// Weavers who are in one community only, with its place in [`Document::members`].
    pub weavers: &'o [(String, usize)],
    /// The entries of the logs this audience may read, in date order.
    pub learning: Vec<Entry>,
}

/// One member of the constellation.
pub(super) struct Member<'o> {
    pub row: &'o Row,
    /// Steps not done whose day has passed, as of [`Document::today`]; 0 when it did not open.
    pub overdue: usize,
    /// Its own charter's glance for this audience, when it opened.
    pub glance: Option<Glance>,
    /// The language of its answers, when its file names one (the HTML section's `lang`).
    pub language: Option<String>,
    /// The stem its own charter's files are named from: the file it was found in.
    stem: Option<String>,
    /// The reason it cannot be read, for the facilitator only (it may quote the file).
    reason: Option<String>,
}

impl<'o> Document<'o> {
    pub fn build(overview: &'o Overview, guide: &Guide, options: Options) -> Document<'o> {
        let generated_at = options.generated_at.unwrap_or_else(dates::now);
        let today = options.today.unwrap_or(generated_at.date_naive());
        let options = Options {
            generated_at: Some(generated_at),
            today: Some(today),
            ..options
        };
        let audience = options.audience;
        let mut reads_log = Vec::new();
        let members = overview
            .rows
            .iter()
            .map(|row| {
                let charter = row
                    .community
                    .as_ref()
                    .map(|c| Charter::build(c, guide, options));
                // The log is read here only where the community's own charter shows it.
                reads_log.push(charter.as_ref().is_some_and(shows_log));
                Member {
                    overdue: row
                        .community
                        .as_ref()
                        .map_or(0, |c| overview::overdue_steps(c, guide, today)),
                    language: charter.as_ref().and_then(|c| c.language.clone()),
                    glance: charter.map(|c| c.glance),
                    stem: row
                        .community
                        .as_ref()
                        .and(row.path.as_ref())
                        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned())),
                    reason: match &row.found {
                        Found::Unreadable(reason) if audience == Audience::Facilitator => {
                            Some(reason.clone())
                        }
                        _ => None,
                    },
                    row,
                }
            })
            .collect();
        let learning = learning::across(overview, today)
            .into_iter()
            .filter(|e| reads_log.get(e.community).copied().unwrap_or(false))
            .collect();
        Document {
            name: &overview.name,
            shared_purpose: &overview.shared_purpose,
            audience,
            generated_at,
            today,
            groups: &overview.groups,
            members,
            bridges: &overview.bridges,
            weavers: &overview.weavers,
            learning,
        }
    }

    /// The name of the member at `index` (as it is called now).
    pub fn member_name(&self, index: usize) -> &str {
        self.members.get(index).map_or("", |m| m.row.name.as_str())
    }

    /// The members not where the constellation says (moved, missing, unreadable).
    pub fn broken(&self) -> impl Iterator<Item = &Member<'o>> {
        self.members.iter().filter(|m| m.row.found != Found::Here)
    }

    /// Whether any learning entry has a follow-up due.
    pub fn follow_ups_due(&self) -> bool {
        self.learning.iter().any(|e| e.due)
    }

    /// Whether any learning entry came from a scouting party (only then is the column shown).
    pub fn parties(&self) -> bool {
        self.learning.iter().any(|e| !e.party.is_empty())
    }

    /// Whether any learning entry was shared with another community (only then is the column
    /// shown, as in a community's own log).
    pub fn shared(&self) -> bool {
        self.learning.iter().any(|e| !e.shared_with.is_empty())
    }
}

impl Member<'_> {
    /// The file name of its own charter for `audience` in `format`, beside this one; `None`
    /// when it did not open (there is no charter of it to make).
    pub fn charter(&self, audience: Audience, format: Format) -> Option<String> {
        self.stem
            .as_deref()
            .map(|stem| file_name(stem, audience, format))
    }

    /// The readiness verdict of each group, when it opened.
    pub fn verdicts<'d>(
        &'d self,
        groups: &'d [GroupColumn],
    ) -> Option<impl Iterator<Item = (&'d GroupColumn, Verdict)> + 'd> {
        self.row.community.as_ref()?;
        Some(groups.iter().zip(self.row.verdicts.iter().copied()))
    }

    /// Its readiness in the words of the table, when it opened: the groups' titles are
    /// questions, six of them, so a cell names the groups by verdict, the weakest first, and
    /// counts those not rated yet.
    pub fn readiness<'d>(&'d self, groups: &'d [GroupColumn]) -> Option<Readiness<'d>> {
        let verdicts: Vec<(&GroupColumn, Verdict)> = self.verdicts(groups)?.collect();
        let first = verdicts.first().map_or(Verdict::Unrated, |(_, v)| *v);
        if verdicts.iter().all(|(_, v)| *v == first) {
            return Some(Readiness::All(first));
        }
        let rated = [Verdict::Weak, Verdict::Mixed, Verdict::Strong]
            .into_iter()
            .map(|verdict| {
                let titles = verdicts
                    .iter()
                    .filter(|(_, v)| *v == verdict)
                    .map(|(g, _)| g.title.as_str())
                    .collect::<Vec<_>>();
                (verdict, titles)
            })
            .filter(|(_, titles)| !titles.is_empty())
            .collect();
        let unrated = verdicts
            .iter()
            .filter(|(_, v)| *v == Verdict::Unrated)
            .count();
        Some(Readiness::Some { rated, unrated })
    }

    /// How far its design is: "30% (12 of 40 answered)".
    pub fn progress(&self) -> Option<String> {
        self.row
            .progress
            .map(|p| format!("{}% ({} of {} answered)", p.percent(), p.answered, p.total))
    }

    /// Whether its next step is overdue on `today`.
    pub fn next_step_overdue(&self, today: NaiveDate) -> bool {
        self.row
            .next_step
            .as_ref()
            .is_some_and(|s| s.is_overdue(today))
    }

    /// Where it is, in a sentence, when that is not where the constellation says: "listed, but
    /// its file sips-x.toml is not in the folder".
    pub fn whereabouts(&self) -> Option<String> {
        let listed = &self.row.member.file;
        match &self.row.found {
            Found::Here => None,
            Found::Moved => Some(format!(
                "listed as {listed}, which is not in the folder; convene found it by its name in {}",
                self.found_file().unwrap_or_default()
            )),
            Found::Missing => Some(format!(
                "listed, but its file {listed} is not in the folder"
            )),
            Found::Unreadable(_) => Some(match &self.reason {
                Some(reason) => format!("listed, but its file {listed} cannot be read: {reason}"),
                None => format!("listed, but its file {listed} cannot be read"),
            }),
        }
    }

    /// The word for where it is: `here`, `moved`, `missing`, `unreadable` (JSON's `link`, and
    /// the short mark beside its name).
    pub fn link(&self) -> &'static str {
        match self.row.found {
            Found::Here => "here",
            Found::Moved => "moved",
            Found::Missing => "missing",
            Found::Unreadable(_) => "unreadable",
        }
    }

    /// The file it was found in, when it was (an unreadable one is there, under its name).
    pub fn found_file(&self) -> Option<String> {
        let found = self
            .row
            .path
            .as_deref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        match self.row.found {
            Found::Unreadable(_) => found.or_else(|| Some(self.row.member.file.clone())),
            _ => found,
        }
    }

    /// Why its file cannot be read, when the audience may read it (the facilitator).
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// The name the constellation lists it under, when its community is now called otherwise.
    pub fn listed_as(&self) -> Option<&str> {
        self.row.renamed().then_some(self.row.member.name.as_str())
    }
}

/// A community's readiness, as the table says it.
pub(super) enum Readiness<'d> {
    /// Every group has this verdict ("not rated yet", "all strong").
    All(Verdict),
    /// The groups' titles by verdict, weakest first, and how many groups are not rated yet.
    Some {
        rated: Vec<(Verdict, Vec<&'d str>)>,
        unrated: usize,
    },
}

impl Readiness<'_> {
    /// The words for a verdict every group has.
    pub fn all(verdict: Verdict) -> String {
        match verdict {
            Verdict::Unrated => verdict.label().to_string(),
            other => format!("all {}", other.label()),
        }
    }
}

/// Whether a community's charter shows its learning log.
fn shows_log(charter: &Charter) -> bool {
    charter
        .sections
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.questions)
        .any(|q| q.id == learning::LOG && matches!(q.answer, Some(AnswerOut::Table(_))))
}

/// A file name as a relative link's address: every byte but letters, digits and `-._~`
/// percent-encoded, so no name can be read as a scheme (`a:b.md`), a folder, a query or a
/// fragment, nor end the Markdown link it sits in.
pub(super) fn href(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for b in file.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::href;

    #[test]
    fn a_link_names_its_file_and_nothing_else() {
        assert_eq!(href("sips-citizenship.html"), "sips-citizenship.html");
        assert_eq!(href("a:b (1).md"), "a%3Ab%20%281%29.md");
        assert_eq!(href("zoë.md"), "zo%C3%AB.md");
    }
}
