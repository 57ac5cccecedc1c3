//! The parts of the Markdown charter that are not the questionnaire: the glance that opens it,
//! the workshop's agreements, and the closing with its sign-off table. Everything the
//! facilitator wrote goes through [`inline`], as in the rest of the charter.

use std::fmt::Write as _;

use super::super::charter::Charter;
use super::super::glance::{Glance, Person};
use super::super::order::Closing;
use super::anchors::Anchors;
use super::{heading, inline};
use crate::dates;

/// "## At a glance" and its list; nothing when the answers say none of it.
pub fn glance(out: &mut String, anchors: &mut Anchors, glance: &Glance) {
    if glance.is_empty() {
        return;
    }
    heading(out, anchors, 2, "At a glance");
    glance_items(out, glance);
    out.push('\n');
}

/// The glance's list items, each `- **Label:** text` on its own line: the constellation
/// charter writes them in each community's list of facts.
pub(in crate::export) fn glance_items(out: &mut String, glance: &Glance) {
    let mut item = |label: &str, text: String| {
        let _ = writeln!(out, "- **{label}:** {text}");
    };
    if let Some(purpose) = &glance.purpose {
        item("Purpose", inline(purpose));
    }
    if !glance.coordinators.is_empty() {
        item("Coordinator", people(&glance.coordinators));
    }
    if !glance.sponsors.is_empty() {
        item("Sponsor", people(&glance.sponsors));
    }
    if let Some(meets) = meets(glance) {
        item("Meets", meets);
    }
    if let Some(stage) = &glance.stage {
        item("Stage of development", inline(stage));
    }
    if let Some(ask) = &glance.sponsor_ask {
        item("Asked of the sponsor", inline(&one_line(ask)));
    }
    if !glance.targets.is_empty() {
        let targets: Vec<String> = glance
            .targets
            .iter()
            .map(|t| match (t.done, t.target) {
                (done, Some(target)) => {
                    format!("{} ({} of {target})", inline(&t.output), done.unwrap_or(0))
                }
                _ => inline(&t.output),
            })
            .collect();
        item("Harvest targets", targets.join(" · "));
    }
    if !glance.overdue.is_empty() {
        let steps: Vec<String> = glance
            .overdue
            .iter()
            .map(|s| {
                let owner = if s.owner.is_empty() {
                    String::new()
                } else {
                    format!("{}, ", inline(&s.owner))
                };
                format!("{} ({owner}due {})", inline(&s.step), dates::shown(s.due))
            })
            .collect();
        item("Overdue", steps.join(" · "));
    }
    if let Some(core_group) = &glance.core_group {
        item("Core group", inline(core_group));
    }
}

fn people(people: &[Person]) -> String {
    people
        .iter()
        .map(|p| match &p.contact {
            Some(contact) => format!("{} ({})", inline(&p.name), inline(contact)),
            None => inline(&p.name),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "quarterly — next Wed 20 Jan 2027, then …", as far as the answers go.
fn meets(glance: &Glance) -> Option<String> {
    let mut text = glance.cadence.as_deref().map(inline).unwrap_or_default();
    if let Some(next) = glance.next_meeting {
        if !text.is_empty() {
            text.push_str(" — ");
        }
        let _ = write!(text, "next {}", dates::shown(next));
        if !glance.following.is_empty() {
            let then: Vec<String> = glance.following.iter().map(|d| dates::shown(*d)).collect();
            let _ = write!(text, ", then {}", then.join(", "));
        }
        if let Some(rhythm) = &glance.rhythm {
            let _ = write!(text, " ({})", inline(rhythm));
        }
    }
    (!text.is_empty()).then_some(text)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The workshop's decisions, as the community's agreements.
pub fn agreements(out: &mut String, anchors: &mut Anchors, charter: &Charter) {
    if charter.agreements.is_empty() {
        return;
    }
    heading(out, anchors, 3, "Agreed in the workshop");
    for agreement in &charter.agreements {
        let about = agreement
            .about
            .map(|p| format!(" *(on: {})*", inline(p)))
            .unwrap_or_default();
        let _ = writeln!(out, "- {}{about}", inline(&one_line(&agreement.text)));
    }
    out.push('\n');
}

/// The version line and the sign-off table.
pub fn closing(out: &mut String, anchors: &mut Anchors, closing: &Closing) {
    heading(out, anchors, 2, "Sign-off");
    let _ = write!(
        out,
        "*{} · made {}",
        closing.version,
        dates::shown(closing.made)
    );
    match closing.review {
        Some(review) => {
            let _ = writeln!(out, " · to be reviewed by {}*\n", dates::shown(review));
        }
        None => out.push_str(" · no review date set*\n\n"),
    }
    out.push_str("| Role | Name | Signature | Date |\n|---|---|---|---|\n");
    for signer in &closing.sign_off {
        let name = signer.name.as_deref().map(inline).unwrap_or_default();
        let _ = writeln!(out, "| {} | {name} |  |  |", signer.role);
    }
    out.push('\n');
}
