//! The summary of a section of statements to rate: for each group, how it was rated and whether
//! it looks weak. The walk shows it at the end of such a section (the readiness check, the
//! facilitation practices), and charters print it, so the judgement lives here, once, in words
//! a facilitator can explain to a room.

use super::model::{Community, RatingValue};
use crate::guide::{Group, Guide, Section};

/// How a group of statements came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing rated yet.
    Unrated,
    /// Every statement rated Yes.
    Strong,
    /// Some doubt, but more Yes than Partly and No together.
    Mixed,
    /// Any No, or Partly and No outweigh Yes: talk about this before launching.
    Weak,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Unrated => "not rated yet",
            Verdict::Strong => "strong",
            Verdict::Mixed => "mixed",
            Verdict::Weak => "weak",
        }
    }
}

/// The tally of one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSummary<'g> {
    pub group: &'g Group,
    /// Counts in the order of [`RatingValue::ALL`] (Yes, Partly, No, Not sure).
    pub counts: [usize; 4],
    pub unrated: usize,
    pub verdict: Verdict,
}

/// The section of the readiness check (seed 000's six groups).
pub const READINESS: &str = "readiness";

/// The section of the facilitation practices (seed 002's nine).
pub const FACILITATION: &str = "life_facilitation";

/// The summary of the readiness check, in walk order.
pub fn summarize<'g>(community: &Community, guide: &'g Guide) -> Vec<GroupSummary<'g>> {
    guide
        .section(READINESS)
        .map(|s| summarize_section(community, s))
        .unwrap_or_default()
}

/// The summary of every group of rating statements in `section`, in walk order.
pub fn summarize_section<'g>(community: &Community, section: &'g Section) -> Vec<GroupSummary<'g>> {
    section
        .groups
        .iter()
        .filter(|g| !g.questions.is_empty() && g.questions.iter().all(|q| q.kind.is_rating()))
        .map(|group| {
            let mut counts = [0; 4];
            let mut unrated = 0;
            for q in &group.questions {
                match community.ratings.get(&q.id).and_then(|r| r.value) {
                    Some(v) => {
                        counts[RatingValue::ALL.iter().position(|a| *a == v).unwrap_or(3)] += 1
                    }
                    None => unrated += 1,
                }
            }
            let [yes, partly, no, _not_sure] = counts;
            let rated = group.questions.len() - unrated;
            let verdict = if rated == 0 {
                Verdict::Unrated
            } else if no > 0 || partly + no > yes {
                Verdict::Weak
            } else if yes == group.questions.len() {
                Verdict::Strong
            } else {
                Verdict::Mixed
            };
            GroupSummary {
                group,
                counts,
                unrated,
                verdict,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::Rating;

    fn rate(community: &mut Community, id: &str, value: RatingValue) {
        community.set_rating(
            id,
            Rating {
                value: Some(value),
                comment: String::new(),
            },
        );
    }

    #[test]
    fn verdicts_follow_the_ratings() {
        let guide = Guide::builtin();
        let mut community = Community::new("R");
        let summary = summarize(&community, guide);
        assert_eq!(summary.len(), 6, "one line per check group of seed 000");
        assert!(summary.iter().all(|s| s.verdict == Verdict::Unrated));

        for id in ["domain_identity", "domain_belonging", "domain_breadth"] {
            rate(&mut community, id, RatingValue::Yes);
        }
        rate(&mut community, "clear_group", RatingValue::Yes);
        rate(&mut community, "companionship", RatingValue::NotSure);
        rate(&mut community, "dynamic_practice", RatingValue::No);
        let summary = summarize(&community, guide);
        assert_eq!(summary[0].verdict, Verdict::Strong);
        assert_eq!(summary[0].counts, [3, 0, 0, 0]);
        assert_eq!(summary[1].verdict, Verdict::Mixed);
        assert_eq!(summary[1].unrated, 1);
        assert_eq!(summary[2].verdict, Verdict::Weak);
    }
}
