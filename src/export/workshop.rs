//! The workshop notes at the end of a charter: what the room said, voted on, parked and decided.
//!
//! Gathered here once for every format, from the community's [`Workshop`]:
//!
//! - the cards, grouped under their questions in guide order (cards under an id the guide does
//!   not have come last, under that id, in the order first seen), each group sorted by dots,
//!   most first, ties keeping the facilitator's order;
//! - within a question, once any of its cards has a theme, the cards under each theme
//!   ([`ThemeOut`]): the themes with most dots first (ties in the order first seen), then the
//!   cards under no theme, each theme's cards most dots first;
//! - the parking lot, open topics first and then the done ones, each in the order parked;
//! - the session log in time order (entries at the same instant in the order written).
//!
//! Times are shown in the offset they were written with — the room's clock — as
//! "Tue 1 Dec 2026 14:10". JSON gets none of this shaping: under `"workshop"` it has the
//! workshop exactly as the file holds it (cards in the facilitator's order, each with its
//! `theme`, the log as written), and `null` when the community has no workshop, so other tools
//! sort and group as they like.
//! `include_empty` has nothing to add here: a workshop has no open questions.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::community::{Card, LogEntry, Parked, Workshop};
use crate::dates;
use crate::guide::Guide;

/// A workshop as charters show it.
#[derive(Debug, Clone, Serialize)]
pub struct WorkshopOut<'g> {
    /// What JSON writes: the workshop exactly as the file holds it.
    #[serde(flatten)]
    pub file: Workshop,
    /// Cards by question, in guide order.
    #[serde(skip)]
    pub questions: Vec<CardsOut<'g>>,
    /// Open topics, then done ones.
    #[serde(skip)]
    pub parked: Vec<Parked>,
    /// The session log in time order.
    #[serde(skip)]
    pub timeline: Vec<LogOut<'g>>,
}

/// The cards under one question, most dots first.
#[derive(Debug, Clone)]
pub struct CardsOut<'g> {
    pub id: String,
    /// `None` when the guide has no such question.
    pub prompt: Option<&'g str>,
    pub cards: Vec<Card>,
    /// The same cards under their themes; one group under none when no card has a theme.
    pub themes: Vec<ThemeOut>,
}

/// A question's cards under one theme (or under none), most dots first.
#[derive(Debug, Clone)]
pub struct ThemeOut {
    /// `None` for the cards under no theme.
    pub name: Option<String>,
    /// All the dots its cards got.
    pub dots: u32,
    pub cards: Vec<Card>,
}

/// One line of the session log, with the prompt of the question it was about.
#[derive(Debug, Clone)]
pub struct LogOut<'g> {
    pub entry: LogEntry,
    pub prompt: Option<&'g str>,
}

impl<'g> WorkshopOut<'g> {
    /// The notes of `workshop`; `None` when there is nothing in it.
    pub fn build(workshop: &Workshop, guide: &'g Guide) -> Option<WorkshopOut<'g>> {
        if workshop.is_empty() {
            return None;
        }
        let mut questions: Vec<CardsOut> = guide
            .questions()
            .map(|q| CardsOut {
                id: q.id.clone(),
                prompt: Some(&q.prompt),
                cards: Vec::new(),
                themes: Vec::new(),
            })
            .collect();
        for card in &workshop.cards {
            let at = match questions.iter().position(|q| q.id == card.question) {
                Some(at) => at,
                None => {
                    questions.push(CardsOut {
                        id: card.question.clone(),
                        prompt: None,
                        cards: Vec::new(),
                        themes: Vec::new(),
                    });
                    questions.len() - 1
                }
            };
            questions[at].cards.push(card.clone());
        }
        questions.retain(|q| !q.cards.is_empty());
        for group in &mut questions {
            // A stable sort: equal tallies keep the order the facilitator arranged.
            group.cards.sort_by_key(|card| std::cmp::Reverse(card.dots));
            group.themes = themes_of(workshop, &group.id);
        }
        let (open, done): (Vec<&Parked>, Vec<&Parked>) =
            workshop.parking_lot.iter().partition(|p| !p.done);
        let parked = open.into_iter().chain(done).cloned().collect();
        let mut timeline: Vec<LogOut> = workshop
            .log
            .iter()
            .map(|entry| LogOut {
                entry: entry.clone(),
                prompt: entry
                    .question
                    .as_deref()
                    .and_then(|id| guide.question(id))
                    .map(|q| q.prompt.as_str()),
            })
            .collect();
        timeline.sort_by_key(|line| line.entry.at);
        Some(WorkshopOut {
            file: workshop.clone(),
            questions,
            parked,
            timeline,
        })
    }
}

/// The cards of `question` under their themes, in the charter's order (see the module's notes).
fn themes_of(workshop: &Workshop, question: &str) -> Vec<ThemeOut> {
    let mut groups: Vec<_> = workshop
        .by_theme(question)
        .into_iter()
        .map(|group| {
            let dots = group
                .cards
                .iter()
                .fold(0u32, |sum, &i| sum.saturating_add(workshop.cards[i].dots));
            (group.theme, dots, group.cards)
        })
        .collect();
    // Stable: equal tallies keep the order first seen; the cards under no theme come last.
    groups.sort_by_key(|(theme, dots, _)| (theme.is_none(), std::cmp::Reverse(*dots)));
    groups
        .into_iter()
        .map(|(theme, dots, cards)| {
            let mut cards: Vec<Card> = cards.iter().map(|&i| workshop.cards[i].clone()).collect();
            cards.sort_by_key(|card| std::cmp::Reverse(card.dots));
            ThemeOut {
                name: theme.map(str::to_string),
                dots,
                cards,
            }
        })
        .collect()
}

impl CardsOut<'_> {
    /// Whether any of its cards is under a theme: then the charter shows them by theme.
    pub fn themed(&self) -> bool {
        self.themes.iter().any(|t| t.name.is_some())
    }

    /// What the group is headed with: the question's prompt, or its id when the guide has none
    /// (a hand edit; `convene check` warns about it).
    pub fn title(&self) -> &str {
        match self.prompt {
            Some(prompt) => prompt,
            // A blank heading would read as nothing, and `****` as a rule in Markdown.
            None if self.id.trim().is_empty() => "Cards without a question",
            None => &self.id,
        }
    }
}

impl LogOut<'_> {
    /// The question the entry was about, as a reader knows it; empty when none.
    pub fn question(&self) -> &str {
        self.prompt
            .or(self.entry.question.as_deref())
            .unwrap_or_default()
    }
}

/// A time as the room saw it: "Tue 1 Dec 2026 14:10", in the offset it was written with.
pub fn when(at: DateTime<FixedOffset>) -> String {
    format!("{} {}", dates::shown(at.date_naive()), at.format("%H:%M"))
}

/// "3 dots per person", "1 dot per person".
pub fn votes_line(votes: u32) -> String {
    format!("{votes} {} per person.", dots_word(votes))
}

pub fn dots_word(n: u32) -> &'static str {
    if n == 1 { "dot" } else { "dots" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::LogKind;

    fn card(question: &str, text: &str, dots: u32) -> Card {
        Card {
            question: question.into(),
            text: text.into(),
            dots,
            ..Card::default()
        }
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn cards_follow_the_guide_then_the_dots() {
        let guide = Guide::builtin();
        let workshop = Workshop {
            cards: vec![
                card("cadence", "c1", 1),
                card("unknown_id", "u", 0),
                card("primary_purpose", "p1", 1),
                card("primary_purpose", "p2", 3),
                card("primary_purpose", "p3", 1),
            ],
            ..Workshop::default()
        };
        let out = WorkshopOut::build(&workshop, guide).unwrap();
        let shown: Vec<(&str, Vec<&str>)> = out
            .questions
            .iter()
            .map(|q| {
                (
                    q.id.as_str(),
                    q.cards.iter().map(|c| c.text.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("primary_purpose", vec!["p2", "p1", "p3"]),
                ("cadence", vec!["c1"]),
                ("unknown_id", vec!["u"]),
            ]
        );
        assert_eq!(out.questions[2].title(), "unknown_id");
        assert_eq!(out.file, workshop, "JSON keeps the file's order");
    }

    #[test]
    fn themes_with_most_dots_come_first_then_the_cards_under_none() {
        let guide = Guide::builtin();
        let themed = |text: &str, dots, theme: &str| Card {
            theme: theme.into(),
            ..card("primary_purpose", text, dots)
        };
        let workshop = Workshop {
            cards: vec![
                themed("loose", 9, ""),
                themed("a1", 1, "A"),
                themed("b1", 1, "B"),
                themed("a2", 2, "A"),
                themed("c1", 3, "C"),
                themed("b2", 2, "B"),
            ],
            ..Workshop::default()
        };
        let out = WorkshopOut::build(&workshop, guide).unwrap();
        let group = &out.questions[0];
        assert!(group.themed());
        let shown: Vec<(Option<&str>, u32, Vec<&str>)> = group
            .themes
            .iter()
            .map(|t| {
                let texts = t.cards.iter().map(|c| c.text.as_str()).collect();
                (t.name.as_deref(), t.dots, texts)
            })
            .collect();
        assert_eq!(
            shown,
            [
                (Some("A"), 3, vec!["a2", "a1"]),
                (Some("B"), 3, vec!["b2", "b1"]),
                (Some("C"), 3, vec!["c1"]),
                (None, 9, vec!["loose"]),
            ],
            "ties keep the order first seen; no theme is last whatever its dots"
        );
        let plain = Workshop {
            cards: vec![card("primary_purpose", "x", 0)],
            ..Workshop::default()
        };
        let out = WorkshopOut::build(&plain, guide).unwrap();
        assert!(!out.questions[0].themed());
    }

    #[test]
    fn the_log_is_in_time_order_and_open_topics_come_first() {
        let guide = Guide::builtin();
        let entry = |when: &str, text: &str| LogEntry {
            at: at(when),
            kind: LogKind::Note,
            text: text.into(),
            question: None,
        };
        let parked = |text: &str, done| Parked {
            text: text.into(),
            added: at("2026-12-01T14:00:00Z"),
            done,
        };
        let workshop = Workshop {
            parking_lot: vec![parked("a", true), parked("b", false), parked("c", true)],
            log: vec![
                entry("2026-12-01T15:00:00+01:00", "second"),
                entry("2026-12-01T13:30:00Z", "first"),
                entry("2026-12-01T14:00:00Z", "also second"),
            ],
            ..Workshop::default()
        };
        let out = WorkshopOut::build(&workshop, guide).unwrap();
        let texts: Vec<&str> = out.timeline.iter().map(|l| l.entry.text.as_str()).collect();
        assert_eq!(texts, ["first", "second", "also second"]);
        let parked: Vec<&str> = out.parked.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(parked, ["b", "a", "c"]);
        assert_eq!(when(out.timeline[1].entry.at), "Tue 1 Dec 2026 15:00");
        assert!(WorkshopOut::build(&Workshop::default(), guide).is_none());
    }
}
