//! Affinity grouping in the presenter view: the room's cards gathered under themes.
//!
//! Each command works on the selected card, as everything else on the cards does, and is one
//! step of the cards' undo history: `/theme NAME` puts it under a theme — the one of that name
//! already under the question, in any letter case, or a new one — at the end of it, `/untheme`
//! takes it out, `/rename NAME` renames its theme (into another theme of that name, if there
//! is one, so two clusters found to be one become one), and `/dissolve` takes every card out of
//! its theme. Ctrl-↑/↓ across a heading move a card into the next theme (see
//! [`Walk::move_card`]).

use super::Now;
use super::capture::Captured;
use super::walk::Walk;
use crate::community::Card;

impl Walk {
    /// Does what a theme command on the capture line asks; `None` when `captured` is another
    /// kind of line.
    pub(super) fn theme_command(
        &mut self,
        captured: &Captured,
        now: Now,
    ) -> Option<Result<String, String>> {
        Some(match captured {
            Captured::Theme(name) => self.set_theme(name, now),
            Captured::Untheme => self.set_theme("", now),
            Captured::RenameTheme(name) => self.rename_theme(name, now),
            Captured::Dissolve => self.rename_theme("", now),
            _ => return None,
        })
    }

    /// Puts the selected card under the theme `name` (under none, for an empty name).
    fn set_theme(&mut self, name: &str, now: Now) -> Result<String, String> {
        let at = self.theme_card()?;
        let n = self.card + 1;
        let workshop = &self.session.community().workshop;
        let card = &workshop.cards[at];
        let name = name.trim();
        let found = workshop
            .theme_named(&card.question, name)
            .map(str::to_string);
        let theme = found.clone().unwrap_or_else(|| name.to_string());
        if card.theme_name().unwrap_or_default() == theme {
            return Ok(match card.theme_name() {
                Some(theme) => format!("Card {n} is under \"{theme}\" already"),
                None => format!("Card {n} has no theme"),
            });
        }
        // A card joining a theme goes to its end, so it shows last under the heading.
        let last = found.as_deref().and_then(|theme| {
            let groups = workshop.by_theme(&card.question);
            let group = groups.into_iter().find(|g| g.theme == Some(theme))?;
            group.cards.last().copied()
        });
        let joins = found.is_some();
        self.accept(&theme).map_err(|e| e.to_string())?;
        let step = self.card_step(None);
        let community = self.session.edit(now).map_err(|why| why.0)?;
        let cards = &mut community.workshop.cards;
        cards[at].theme = theme.clone();
        let at = last.map_or(at, |last| shift(cards, at, last + 1));
        self.card_history.record(step);
        self.select(at);
        Ok(match (theme.is_empty(), joins) {
            (true, _) => format!("Card {n} has no theme now"),
            (false, true) => format!("Card {n} under \"{theme}\""),
            (false, false) => format!("Card {n} under a new theme, \"{theme}\""),
        })
    }

    /// Renames the selected card's theme to `name` for all its cards; an empty name dissolves
    /// it (its cards under no theme).
    fn rename_theme(&mut self, name: &str, now: Now) -> Result<String, String> {
        let at = self.theme_card()?;
        let n = self.card + 1;
        let workshop = &self.session.community().workshop;
        let card = &workshop.cards[at];
        let Some(old) = card.theme_name().map(str::to_string) else {
            return Err(format!(
                "Card {n} has no theme to {}: /theme NAME puts it under one",
                if name.trim().is_empty() {
                    "dissolve"
                } else {
                    "rename"
                }
            ));
        };
        let name = name.trim();
        // Another theme of that name takes this one in; this one's own name in another letter
        // case is a rename.
        let joins = workshop
            .theme_named(&card.question, name)
            .filter(|t| *t != old)
            .map(str::to_string);
        let theme = joins.clone().unwrap_or_else(|| name.to_string());
        if theme == old {
            return Ok(format!("The theme is \"{old}\" already"));
        }
        let members: Vec<usize> = workshop
            .cards_for(&card.question)
            .filter(|(_, c)| c.theme_name() == Some(old.as_str()))
            .map(|(i, _)| i)
            .collect();
        self.accept(&theme.repeat(members.len()))
            .map_err(|e| e.to_string())?;
        let step = self.card_step(None);
        let community = self.session.edit(now).map_err(|why| why.0)?;
        for &i in &members {
            community.workshop.cards[i].theme = theme.clone();
        }
        self.card_history.record(step);
        self.select(at);
        let count = match members.len() {
            1 => "its card has".to_string(),
            k => format!("its {k} cards have"),
        };
        Ok(match joins {
            _ if theme.is_empty() => format!("Theme \"{old}\" dissolved: {count} no theme"),
            Some(other) => format!("Theme \"{old}\" joined \"{other}\""),
            None => format!("Theme \"{old}\" is now \"{theme}\""),
        })
    }

    /// The selected card, for a theme command; why there is none.
    fn theme_card(&self) -> Result<usize, String> {
        self.selected_card()
            .ok_or_else(|| "No card selected: the theme commands work on the selected card".into())
    }

    /// Selects the card at `at` (an index into the workshop's cards) wherever it now shows.
    pub(super) fn select(&mut self, at: usize) {
        if let Some(n) = self.question_cards().iter().position(|&i| i == at) {
            self.card = n;
        }
    }
}

/// Moves the card at `from` to just before the one now at `slot` (`slot` may be the end);
/// returns where it is then.
pub(super) fn shift(cards: &mut Vec<Card>, from: usize, slot: usize) -> usize {
    let card = cards.remove(from);
    let to = if from < slot { slot - 1 } else { slot };
    cards.insert(to, card);
    to
}
