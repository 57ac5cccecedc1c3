//! The constellation charter as Markdown, for wikis and forges, in the community charter's
//! style: CommonMark with GitHub's pipe tables, readable raw.
//!
//! Headings, lists, tables and links are convene's; everything the facilitators wrote — the
//! constellation's name and purpose, each community's name and answers, people's names — goes
//! through the community charter's escaping ([`inline`], [`block`]), so it is only ever text.
//! The one place user text sits inside convene's own syntax is a link's text (a community's
//! name linking to its charter): there `]` is escaped as well, so a name cannot close the link
//! early, and the address is percent-encoded ([`href`]) so it names the file and nothing else.

use std::fmt::Write as _;

use super::super::Format;
use super::super::markdown::grid::{self, Column};
use super::super::markdown::{block, glance_items, inline};
use super::super::table::Flag;
use super::super::workshop::when;
use super::document::{Document, Member, Readiness, href};
use crate::community::readiness::Verdict;
use crate::dates;

pub(super) fn write(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} — constellation charter\n", inline(doc.name));
    let _ = writeln!(
        out,
        "*Constellation charter {} · made {}*\n",
        doc.audience.described(),
        when(doc.generated_at)
    );
    out.push_str("## Shared purpose\n\n");
    if doc.shared_purpose.trim().is_empty() {
        out.push_str("*No shared purpose is written yet.*\n\n");
    } else {
        out.push_str(&block(doc.shared_purpose));
        out.push_str("\n\n");
    }
    at_a_glance(&mut out, doc);
    communities(&mut out, doc);
    bridges(&mut out, doc);
    learning(&mut out, doc);
    out.push_str("---\n\nMade with convene.\n");
    out
}

/// A link to a member's own charter, reading `text` (the facilitator's: escaped here).
fn link(text: &str, file: &str) -> String {
    format!("[{}]({})", inline(text).replace(']', "\\]"), href(file))
}

/// The table of every community side by side, then the members not where the constellation
/// says, each in a sentence.
fn at_a_glance(out: &mut String, doc: &Document) {
    out.push_str("## The communities at a glance\n\n");
    if doc.members.is_empty() {
        out.push_str("*No community is listed in the constellation yet.*\n\n");
        return;
    }
    let columns = [
        Column::text("Community"),
        Column::text("Contributes"),
        Column::text("Progress"),
        Column::text("Stage"),
        Column::text("Readiness"),
        Column::text("Next step due"),
        Column::number("Overdue"),
    ];
    let rows = || doc.members.iter().map(|m| row(doc, m));
    grid::push(out, &columns, rows);
    out.push('\n');
    if doc.members.iter().any(|m| m.overdue > 0) {
        let _ = writeln!(
            out,
            "*{} {}.*\n",
            Flag::Overdue.as_of(),
            dates::shown(doc.today)
        );
    }
    for m in doc.broken() {
        if let Some(whereabouts) = m.whereabouts() {
            let _ = writeln!(
                out,
                "⚠ **{}**: {}.\n",
                inline(&m.row.name),
                inline(&whereabouts)
            );
        }
    }
}

/// One community's cells, escaped.
fn row(doc: &Document, m: &Member) -> Vec<String> {
    let name = match m.charter(doc.audience, Format::Markdown) {
        Some(file) => link(&m.row.name, &file),
        None => inline(&m.row.name),
    };
    let name = match m.link() {
        "here" => name,
        mark => format!("{name} ({mark})"),
    };
    let readiness = match m.readiness(doc.groups) {
        None => String::new(),
        Some(Readiness::All(verdict)) => Readiness::all(verdict),
        Some(Readiness::Some { rated, unrated }) => {
            let mut parts: Vec<String> = rated
                .iter()
                .map(|(verdict, titles)| {
                    let titles: Vec<String> = titles.iter().map(|t| inline(t)).collect();
                    format!("{}: {}", verdict.label(), titles.join(" · "))
                })
                .collect();
            if unrated > 0 {
                parts.push(format!("{unrated} {}", Verdict::Unrated.label()));
            }
            parts.join("; ")
        }
    };
    let next = m.row.next_step.as_ref().map(|s| {
        let owner = if s.owner.trim().is_empty() {
            String::new()
        } else {
            format!(" ({})", inline(&s.owner))
        };
        let flag = if m.next_step_overdue(doc.today) {
            format!(" ({})", Flag::Overdue.label())
        } else {
            String::new()
        };
        format!("{}{owner}, {}{flag}", inline(&s.step), dates::shown(s.due))
    });
    vec![
        name,
        inline(&m.row.member.contributes),
        m.progress().unwrap_or_default(),
        m.row.stage.as_deref().map(inline).unwrap_or_default(),
        readiness,
        next.unwrap_or_default(),
        if m.row.community.is_some() {
            m.overdue.to_string()
        } else {
            String::new()
        },
    ]
}

/// A section for each community: what it contributes, its own charter's glance, and the link.
fn communities(out: &mut String, doc: &Document) {
    if doc.members.is_empty() {
        return;
    }
    out.push_str("## The communities\n\n");
    for m in &doc.members {
        let _ = writeln!(out, "### {}\n", inline(&m.row.name));
        if let Some(whereabouts) = m.whereabouts() {
            let mut sentence = inline(&whereabouts);
            // "Listed, …": a sentence of its own here.
            if let Some(first) = sentence.get(..1) {
                sentence = first.to_uppercase() + &sentence[1..];
            }
            let _ = writeln!(out, "⚠ *{sentence}.*\n");
        }
        let mut items = String::new();
        if let Some(listed) = m.listed_as() {
            let _ = writeln!(items, "- **Listed as:** {}", inline(listed));
        }
        if !m.row.member.contributes.trim().is_empty() {
            let _ = writeln!(
                items,
                "- **Contributes:** {}",
                inline(&m.row.member.contributes)
            );
        }
        if let Some(glance) = &m.glance {
            glance_items(&mut items, glance);
        }
        if !items.is_empty() {
            out.push_str(&items);
            out.push('\n');
        }
        match m.charter(doc.audience, Format::Markdown) {
            Some(file) => {
                let _ = writeln!(out, "Its full charter: {}\n", link(&file, &file));
            }
            None if m.glance.is_none() => {
                out.push_str(
                    "*No charter of it can be made until its file is in the folder and reads.*\n\n",
                );
            }
            None => {}
        }
    }
}

/// The people in more than one community, and the weavers in one.
fn bridges(out: &mut String, doc: &Document) {
    out.push_str("## Bridges\n\n");
    if doc.bridges.is_empty() {
        out.push_str("*Nobody takes part in more than one of the communities yet.*\n\n");
    } else {
        out.push_str(
            "People who take part in more than one of the communities, from each one's people \
             table. A weaver joins up what the communities learn.\n\n",
        );
        for b in doc.bridges {
            let weaver = if b.weaver { " · weaver" } else { "" };
            let names: Vec<String> = b
                .communities
                .iter()
                .map(|&i| inline(doc.member_name(i)))
                .collect();
            let _ = writeln!(
                out,
                "- **{}**{weaver} · {}",
                inline(&b.name),
                names.join(", ")
            );
        }
        out.push('\n');
    }
    if !doc.weavers.is_empty() {
        let weavers: Vec<String> = doc
            .weavers
            .iter()
            .map(|(name, i)| format!("{} ({})", inline(name), inline(doc.member_name(*i))))
            .collect();
        let _ = writeln!(out, "Weavers in one community: {}.\n", weavers.join(", "));
    }
}

/// Every community's learning log as one table, in date order.
fn learning(out: &mut String, doc: &Document) {
    out.push_str("## Learning across communities\n\n");
    if doc.learning.is_empty() {
        out.push_str("*No community has logged what it learned yet.*\n\n");
        return;
    }
    let (shared, parties) = (doc.shared(), doc.parties());
    let mut columns = vec![
        Column::text("Date"),
        Column::text("Community"),
        Column::text("Problem raised"),
        Column::text("Advice given"),
        Column::text("Follow up"),
        Column::text("Outcome"),
    ];
    if parties {
        columns.push(Column::text("Scouting party"));
    }
    if shared {
        columns.push(Column::text("Shared with"));
    }
    let rows = || {
        doc.learning.iter().map(|e| {
            let follow_up = e.follow_up.map(|day| match e.due {
                true => format!("{} ({})", dates::shown(day), Flag::FollowUpDue.label()),
                false => dates::shown(day),
            });
            let mut cells = vec![
                e.date.map(dates::shown).unwrap_or_default(),
                inline(doc.member_name(e.community)),
                inline(&e.problem),
                inline(&e.advice),
                follow_up.unwrap_or_default(),
                inline(&e.outcome),
            ];
            if parties {
                cells.push(inline(&e.party));
            }
            if shared {
                cells.push(inline(&e.shared().join(", ")));
            }
            cells
        })
    };
    grid::push(out, &columns, rows);
    out.push('\n');
    if doc.follow_ups_due() {
        let _ = writeln!(
            out,
            "*{} {}.*\n",
            Flag::FollowUpDue.as_of(),
            dates::shown(doc.today)
        );
    }
}
