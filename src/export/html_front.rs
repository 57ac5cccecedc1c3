//! The parts of the HTML charter that are not the questionnaire: the glance that opens it,
//! the workshop's agreements, and the closing with its sign-off table. maud escapes every
//! string; text from the file also goes through `sanitize_line` so hazards show as markers.

use maud::{Markup, html};

use super::charter::Charter;
use super::glance::{Glance, Person};
use super::order::Closing;
use crate::dates;
use crate::text::sanitize_line;

pub fn glance(glance: &Glance) -> Markup {
    if glance.is_empty() {
        return html! {};
    }
    html! {
        section.glance id="at-a-glance" {
            h2 { "At a glance" }
            dl { (glance_items(glance)) }
        }
    }
}

/// The glance's terms and descriptions, without their list: the constellation charter puts
/// them in each community's list of facts.
pub fn glance_items(glance: &Glance) -> Markup {
    let text = |t: &str| sanitize_line(t).into_owned();
    html! {
        @if let Some(purpose) = &glance.purpose {
            dt { "Purpose" } dd dir="auto" { (text(purpose)) }
        }
        @if !glance.coordinators.is_empty() {
            dt { "Coordinator" } dd { (people(&glance.coordinators)) }
        }
        @if !glance.sponsors.is_empty() {
            dt { "Sponsor" } dd { (people(&glance.sponsors)) }
        }
        @if glance.cadence.is_some() || glance.next_meeting.is_some() {
            dt { "Meets" }
            dd dir="auto" {
                @if let Some(cadence) = &glance.cadence { (text(cadence)) }
                @if let Some(next) = glance.next_meeting {
                    @if glance.cadence.is_some() { " — " }
                    "next " (dates::shown(next))
                    @if !glance.following.is_empty() {
                        ", then "
                        (glance.following.iter().map(|d| dates::shown(*d)).collect::<Vec<_>>().join(", "))
                    }
                    @if let Some(rhythm) = &glance.rhythm {
                        " (" (text(rhythm)) ")"
                    }
                }
            }
        }
        @if let Some(stage) = &glance.stage {
            dt { "Stage of development" } dd dir="auto" { (text(stage)) }
        }
        @if let Some(ask) = &glance.sponsor_ask {
            dt { "Asked of the sponsor" } dd dir="auto" { (text(ask)) }
        }
        @if !glance.targets.is_empty() {
            dt { "Harvest targets" }
            dd { ul {
                @for t in &glance.targets {
                    li dir="auto" {
                        (text(&t.output))
                        @if let Some(target) = t.target {
                            " (" (t.done.unwrap_or(0)) " of " (target) ")"
                        }
                    }
                }
            } }
        }
        @if !glance.overdue.is_empty() {
            dt { "Overdue" }
            dd { ul {
                @for s in &glance.overdue {
                    li.overdue dir="auto" {
                        (text(&s.step))
                        " ("
                        @if !s.owner.is_empty() { (text(&s.owner)) ", " }
                        "due " (dates::shown(s.due)) ")"
                    }
                }
            } }
        }
        @if let Some(core_group) = &glance.core_group {
            dt { "Core group" } dd { (core_group) }
        }
    }
}

fn people(people: &[Person]) -> Markup {
    html! {
        @for (i, p) in people.iter().enumerate() {
            @if i > 0 { ", " }
            span dir="auto" { (sanitize_line(&p.name)) }
            @if let Some(contact) = &p.contact {
                " (" span dir="auto" { (sanitize_line(contact)) } ")"
            }
        }
    }
}

pub fn agreements(charter: &Charter) -> Markup {
    html! {
        @if !charter.agreements.is_empty() {
            div.agreements {
                h3 { "Agreed in the workshop" }
                ul {
                    @for a in &charter.agreements {
                        li dir="auto" {
                            (sanitize_line(&a.text))
                            @if let Some(about) = a.about {
                                " " span.about { "(on: " (about) ")" }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn closing(closing: &Closing) -> Markup {
    html! {
        section.sign-off id="sign-off" {
            h2 { "Sign-off" }
            p.meta {
                (closing.version) " · made " (dates::shown(closing.made))
                @match closing.review {
                    Some(review) => { " · to be reviewed by " (dates::shown(review)) }
                    None => { " · no review date set" }
                }
            }
            div.table-scroll { table {
                thead { tr {
                    th scope="col" { "Role" } th scope="col" { "Name" }
                    th scope="col" { "Signature" } th scope="col" { "Date" }
                } }
                tbody {
                    @for s in &closing.sign_off {
                        tr {
                            td { (s.role) }
                            td dir="auto" { @if let Some(name) = &s.name { (sanitize_line(name)) } }
                            td.sign {} td.sign {}
                        }
                    }
                }
            } }
        }
    }
}
