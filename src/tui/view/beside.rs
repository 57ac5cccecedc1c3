//! What the walk shows beside a question, from the guide and from the other answers.
//!
//! The count of conversations beside the statement on leadership, the weavers marked in the
//! people table and the section a question sees sit under the prompt and are never cut for the
//! guidance: they are facts about this community, where guidance is advice that can wait. The
//! questions to ask someone (an interview's prompts) lead the guidance instead: on a small
//! screen the table being filled in after the talk needs the room more, and Ctrl-G shows them
//! whole.

use ratatui::text::Line;

use super::theme::Theme;
use crate::community::launch::{self, Willing};
use crate::guide::Question;
use crate::text::sanitize_line;
use crate::tui::keymap::{Command, Context, Keymap};
use crate::tui::model::walk::Walk;

pub fn lines(walk: &Walk, question: &Question, keys: &Keymap, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let community = walk.session.community();
    if question.id == launch::LEADERSHIP {
        let said = match Willing::of(community) {
            Some(willing) => format!("From the conversations: {}.", willing.sentence()),
            None => format!(
                "No conversations recorded yet ({}).",
                section_of(walk, launch::CONVERSATIONS)
            ),
        };
        lines.push(Line::styled(said, theme.done()));
    }
    if question.id == launch::WEAVING {
        let weavers = launch::weavers(community);
        let said = if weavers.is_empty() {
            format!(
                "Nobody is marked as a weaver yet: set Weaver to yes in the people table ({}).",
                section_of(walk, launch::PEOPLE)
            )
        } else {
            let names: Vec<String> = weavers
                .iter()
                .map(|n| sanitize_line(n).into_owned())
                .collect();
            format!("Weavers marked in the people table: {}.", names.join(", "))
        };
        lines.push(Line::styled(said, theme.done()));
    }
    if let Some(see) = question.see.as_deref()
        && let Some((n, section)) = walk
            .guide
            .sections
            .iter()
            .enumerate()
            .find(|(_, s)| s.id == see)
    {
        lines.push(Line::styled(
            format!(
                "See also: section {} · {} ({} goes there)",
                n + 1,
                section.title,
                keys.key_in(Context::Walk, Command::SeeAlso)
            ),
            theme.dim(),
        ));
    }
    lines
}

/// The prompts to ask, as the guidance's first lines: "Ask: 1. What issues…", "2. …".
pub fn asked(question: &Question) -> Vec<String> {
    prompts(question)
        .into_iter()
        .enumerate()
        .map(|(i, p)| if i == 0 { format!("Ask: {p}") } else { p })
        .collect()
}

/// The prompts to ask, numbered: "1. What issues and challenges are you facing?".
pub fn prompts(question: &Question) -> Vec<String> {
    question
        .prompts
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}. {}", i + 1, sanitize_line(p.trim())))
        .collect()
}

/// "section 9, Launching the community": where the question `id` is asked.
fn section_of(walk: &Walk, id: &str) -> String {
    walk.guide
        .place(id)
        .map(|place| {
            format!(
                "section {}, {}",
                place.section + 1,
                walk.guide.sections[place.section].title
            )
        })
        .unwrap_or_default()
}
