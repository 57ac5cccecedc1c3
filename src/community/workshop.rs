//! What a workshop produced: cards under questions, dot votes, the parking lot and the session log.
//!
//! A workshop's output belongs to the community as much as its answers do, so it is kept in the
//! same file, under `[workshop]` (see the README's "The community file"), and exported with the
//! charter as workshop notes. This module is only the model and the questions a screen asks of
//! it; reading and writing it are the decoder's and the encoder's, like the rest of the file.
//!
//! Cards keep the order the facilitator arranged them in (one list for the whole workshop, each
//! card naming its question), so [`Workshop::cards_for`] hands out indexes into that list: a
//! screen that moves, votes on or promotes a card changes `cards[index]` and nothing else.
//! Timestamps keep the offset they were written with, like `created` and `updated`: the room's
//! clock is the one the log should show.
//!
//! A card may be grouped under a theme (affinity grouping: the room clusters what it said into
//! themes, then votes). The theme is a name on each card, `theme = "…"` in the file, rather
//! than a list of themes of its own: a hand edit moves a card by changing one line, and a theme
//! is there exactly while a card is under it. [`Workshop::by_theme`] gathers a question's cards
//! under their themes, in the order screens and charters show them.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

/// What a workshop produced, kept in the community file under `[workshop]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Workshop {
    /// Dots each person may give in a dot vote (`None`: not set; the UI defaults to 3).
    pub votes_per_person: Option<u32>,
    /// Contributions captured as cards, each under the question it answers, in the order the
    /// facilitator arranged them.
    pub cards: Vec<Card>,
    /// Topics parked for later.
    pub parking_lot: Vec<Parked>,
    /// What was covered and decided, with times.
    pub log: Vec<LogEntry>,
}

/// One contribution, captured under a question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Card {
    /// The id of the question it answers.
    pub question: String,
    pub text: String,
    /// Who said it; empty when nobody was named.
    pub who: String,
    /// The theme it is grouped under; empty (or blank) when none.
    pub theme: String,
    /// Dots it got in the dot vote.
    pub dots: u32,
    /// Whether it was copied into the question's answer.
    pub promoted: bool,
}

/// A topic parked for later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parked {
    pub text: String,
    pub added: DateTime<FixedOffset>,
    /// Dealt with since.
    pub done: bool,
}

/// One line of the session log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogEntry {
    pub at: DateTime<FixedOffset>,
    pub kind: LogKind,
    pub text: String,
    /// The id of the question it was about, if any.
    pub question: Option<String>,
}

/// What a log entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogKind {
    /// A question or topic the room went through.
    Covered,
    /// Something the room agreed.
    Decided,
    /// Anything else worth keeping.
    Note,
}

impl LogKind {
    pub const ALL: [LogKind; 3] = [Self::Covered, Self::Decided, Self::Note];

    /// The word written in the file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Covered => "covered",
            Self::Decided => "decided",
            Self::Note => "note",
        }
    }

    /// The word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Covered => "Covered",
            Self::Decided => "Decided",
            Self::Note => "Note",
        }
    }

    /// Reads the file's word, in any letter case (hand edits).
    pub fn parse(word: &str) -> Option<Self> {
        let word = word.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|k| k.key() == word)
    }
}

impl Card {
    /// The theme it is grouped under, if any, without the spaces around it.
    pub fn theme_name(&self) -> Option<&str> {
        let name = self.theme.trim();
        (!name.is_empty()).then_some(name)
    }
}

/// A question's cards under one theme, or under none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grouped<'w> {
    /// `None` for the cards under no theme.
    pub theme: Option<&'w str>,
    /// Their indexes in [`Workshop::cards`], in the facilitator's order.
    pub cards: Vec<usize>,
}

impl Workshop {
    /// Whether there is nothing to keep: no setting, no card, nothing parked, nothing logged.
    pub fn is_empty(&self) -> bool {
        self.votes_per_person.is_none()
            && self.cards.is_empty()
            && self.parking_lot.is_empty()
            && self.log.is_empty()
    }

    /// The cards under `question`, in the facilitator's order, each with its index in
    /// [`Workshop::cards`].
    pub fn cards_for<'w>(&'w self, question: &'w str) -> impl Iterator<Item = (usize, &'w Card)> {
        self.cards
            .iter()
            .enumerate()
            .filter(move |(_, card)| card.question == question)
    }

    /// The cards under `question` grouped by theme: each theme in the order of its first card,
    /// then the cards under no theme; each group in the facilitator's order. With no theme at
    /// all, that is one group of every card, as [`Workshop::cards_for`] lists them.
    pub fn by_theme(&self, question: &str) -> Vec<Grouped<'_>> {
        let mut groups: Vec<Grouped> = Vec::new();
        let mut loose = Vec::new();
        let cards = self.cards.iter().enumerate();
        for (i, card) in cards.filter(|(_, card)| card.question == question) {
            let Some(theme) = card.theme_name() else {
                loose.push(i);
                continue;
            };
            match groups.iter_mut().find(|g| g.theme == Some(theme)) {
                Some(group) => group.cards.push(i),
                None => groups.push(Grouped {
                    theme: Some(theme),
                    cards: vec![i],
                }),
            }
        }
        if !loose.is_empty() {
            groups.push(Grouped {
                theme: None,
                cards: loose,
            });
        }
        groups
    }

    /// The theme under `question` that `name` names, in any letter case, spelt as it is there.
    pub fn theme_named(&self, question: &str, name: &str) -> Option<&str> {
        let name = name.trim().to_lowercase();
        self.cards
            .iter()
            .filter(|card| card.question == question)
            .filter_map(Card::theme_name)
            .find(|theme| theme.to_lowercase() == name)
    }

    /// All the dots given to cards under `question`.
    pub fn dots_used(&self, question: &str) -> u32 {
        self.cards_for(question)
            .fold(0u32, |sum, (_, card)| sum.saturating_add(card.dots))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(question: &str, text: &str, dots: u32) -> Card {
        Card {
            question: question.into(),
            text: text.into(),
            dots,
            ..Card::default()
        }
    }

    #[test]
    fn cards_for_a_question_keep_their_order_and_index() {
        let workshop = Workshop {
            cards: vec![
                card("a", "one", 2),
                card("b", "two", 1),
                card("a", "three", 3),
            ],
            ..Workshop::default()
        };
        let under_a: Vec<(usize, &str)> = workshop
            .cards_for("a")
            .map(|(i, c)| (i, c.text.as_str()))
            .collect();
        assert_eq!(under_a, [(0, "one"), (2, "three")]);
        assert_eq!(workshop.dots_used("a"), 5);
        assert_eq!(workshop.dots_used("c"), 0);
        assert!(!workshop.is_empty());
        assert!(Workshop::default().is_empty());
    }

    #[test]
    fn cards_gather_under_their_themes_in_the_order_first_seen_then_the_rest() {
        let themed = |question: &str, text: &str, theme: &str| Card {
            theme: theme.into(),
            ..card(question, text, 0)
        };
        let workshop = Workshop {
            cards: vec![
                themed("a", "loose", ""),
                themed("a", "rota 1", "Rotas"),
                themed("b", "elsewhere", "Rotas"),
                themed("a", "food", " Food "),
                themed("a", "rota 2", "Rotas"),
                themed("a", "blank", "   "),
            ],
            ..Workshop::default()
        };
        let groups = workshop.by_theme("a");
        let shown: Vec<(Option<&str>, Vec<usize>)> =
            groups.iter().map(|g| (g.theme, g.cards.clone())).collect();
        assert_eq!(
            shown,
            [
                (Some("Rotas"), vec![1, 4]),
                (Some("Food"), vec![3]),
                (None, vec![0, 5]),
            ]
        );
        assert_eq!(workshop.theme_named("a", "rotas"), Some("Rotas"));
        assert_eq!(workshop.theme_named("a", " FOOD"), Some("Food"));
        assert_eq!(workshop.theme_named("a", "Roster"), None);
        assert!(Workshop::default().by_theme("a").is_empty());
    }

    #[test]
    fn dots_never_overflow() {
        let workshop = Workshop {
            cards: vec![card("a", "x", u32::MAX), card("a", "y", 5)],
            ..Workshop::default()
        };
        assert_eq!(workshop.dots_used("a"), u32::MAX);
    }

    #[test]
    fn log_kinds_read_their_words_in_any_case() {
        for kind in LogKind::ALL {
            assert_eq!(LogKind::parse(kind.key()), Some(kind));
            assert_eq!(LogKind::parse(&kind.label().to_uppercase()), Some(kind));
        }
        assert_eq!(LogKind::parse("agreed"), None);
    }
}
