//! The workshop notes of the HTML charter: the cards under each question (grouped by theme
//! once the room grouped them), the parking lot and the session log. Kept apart from the rest of
//! the page, as `html_front.rs` keeps the glance and the sign-off, so each file holds one part.

use maud::{Markup, html};

use super::html::{WORKSHOP_ID, classes, lines, long, moment};
use super::workshop::{WorkshopOut, dots_word, votes_line};
use crate::community::Card;
use crate::text::sanitize_line;

/// A table of cards, as they come.
fn cards_table(cards: &[Card]) -> Markup {
    html! {
        div.answer.records {
            div.table-scroll { table.records.cards {
                thead { tr {
                    th scope="col" { "Card" } th scope="col" { "Who" }
                    th.n scope="col" { "Dots" } th scope="col" { "Promoted" }
                } }
                tbody {
                    @for card in cards {
                        tr class=[card.promoted.then_some("promoted")] {
                            td class=[classes(false, long(&card.text))] dir="auto" { (lines(&card.text)) }
                            td class=[classes(false, long(&card.who))] dir="auto" { (lines(&card.who)) }
                            td.n { (card.dots) }
                            td { @if card.promoted { "yes" } }
                        }
                    }
                }
            } }
        }
    }
}

/// The workshop notes: cards under their questions (and their themes), the parking lot, the
/// session log.
pub(super) fn workshop(w: &WorkshopOut) -> Markup {
    html! {
        section.part.workshop id=(WORKSHOP_ID) {
            h3 { "Workshop notes" }
            @if let Some(votes) = w.file.votes_per_person {
                p.meta { "Dot votes: " (votes_line(votes)) }
            }
            @if !w.questions.is_empty() {
                h3 { "Cards" }
            }
            @for group in &w.questions {
                div.cards {
                    p.prompt dir="auto" { (sanitize_line(group.title())) }
                    @if group.themed() {
                        @for theme in &group.themes {
                            div.theme {
                                p.theme-name {
                                    @if let Some(name) = &theme.name {
                                        "Theme: " strong dir="auto" { (sanitize_line(name)) }
                                    } @else {
                                        "No theme"
                                    }
                                    " · " (theme.cards.len())
                                    (if theme.cards.len() == 1 { " card" } else { " cards" })
                                    " · " (theme.dots) " " (dots_word(theme.dots))
                                }
                                (cards_table(&theme.cards))
                            }
                        }
                    } @else {
                        (cards_table(&group.cards))
                    }
                }
            }
            @if !w.parked.is_empty() {
                h3 { "Parking lot" }
                ul.parking-lot {
                    @for parked in &w.parked {
                        li class=[parked.done.then_some("done")] {
                            span dir="auto" { (lines(&parked.text)) } " · parked " (moment(parked.added))
                            @if parked.done { " · " strong { "done" } }
                        }
                    }
                }
            }
            @if !w.timeline.is_empty() {
                h3 { "Session log" }
                div.records {
                    div.table-scroll { table.records.session-log {
                        thead { tr {
                            th scope="col" { "When" } th scope="col" { "Kind" }
                            th scope="col" { "What" } th scope="col" { "Question" }
                        } }
                        tbody {
                            @for line in &w.timeline {
                                tr class=(line.entry.kind.key()) {
                                    td { (moment(line.entry.at)) }
                                    td { (line.entry.kind.label()) }
                                    td class=[classes(false, long(&line.entry.text))] dir="auto" { (lines(&line.entry.text)) }
                                    td class=[classes(false, long(line.question()))] dir="auto" { (sanitize_line(line.question())) }
                                }
                            }
                        }
                    } }
                }
            }
        }
    }
}
