//! First drafts of the core statement and the invitation message (seed 002's momentum plan),
//! made from the facilitator's own answers.
//!
//! A draft is only a starting point: the walk shows it in the editor when the question has no
//! answer yet, and the charter prints it until the facilitator writes their own, which is then
//! kept in the community file like any answer. The drafts quote the answers rather than trying
//! to rephrase them: the words are the community's.

use crate::community::{Answer, Community};

/// The question ids whose empty answers get a generated draft.
pub const CORE_STATEMENT: &str = "core_statement";
pub const INVITATION: &str = "invitation_message";

/// The draft for `question`, if it is one of the drafted questions and there is enough to say.
pub fn draft(question: &str, community: &Community) -> Option<String> {
    match question {
        CORE_STATEMENT => core_statement(community),
        INVITATION => invitation(community),
        _ => None,
    }
}

/// Whether `question` shows convene's draft: it is drafted, its answer is empty, and there is
/// enough in the other answers to draft it from.
pub fn is_draft(question: &str, community: &Community) -> bool {
    community.answers.get(question).is_none_or(Answer::is_empty)
        && draft(question, community).is_some()
}

/// The answer, or the draft when there is no answer: what a charter prints.
pub fn answer_or_draft(question: &str, community: &Community) -> Option<String> {
    match community.answers.get(question) {
        Some(Answer::Text(text)) if !text.trim().is_empty() => Some(text.clone()),
        _ => draft(question, community),
    }
}

fn core_statement(community: &Community) -> Option<String> {
    let parts: Vec<String> = [
        ("Our purpose", "primary_purpose"),
        ("What we share", "shared_interest_statement"),
        ("Who we are", "members"),
        ("What we do together", "shared_practice"),
    ]
    .iter()
    .filter_map(|(label, id)| sentence(community, id).map(|s| format!("{label}: {s}")))
    .collect();
    if parts.is_empty() {
        return None;
    }
    Some(format!(
        "{} is a community of practice. {}",
        name(community),
        parts.join(" ")
    ))
}

fn invitation(community: &Community) -> Option<String> {
    let purpose = sentence(community, "primary_purpose");
    let members = sentence(community, "members");
    let interest = sentence(community, "shared_interest_statement");
    if purpose.is_none() && members.is_none() && interest.is_none() {
        return None;
    }
    let mut out = format!("You're invited to {}.\n", name(community));
    if let Some(purpose) = purpose {
        out.push('\n');
        out.push_str(&purpose);
        out.push('\n');
    }
    let mut details = Vec::new();
    if let Some(members) = members {
        details.push(format!("Who it's for: {members}"));
    }
    if let Some(interest) = interest {
        details.push(format!("What we share: {interest}"));
    }
    if let Some(rhythm) = sentence(community, "interaction_rhythms") {
        details.push(format!("How we meet: {rhythm}"));
    }
    if !details.is_empty() {
        out.push('\n');
        out.push_str(&details.join("\n"));
        out.push('\n');
    }
    out.push_str(
        "\nCome to the first meeting and bring a question from your own work. \
         Reply to this message to say you're in.",
    );
    Some(out)
}

fn name(community: &Community) -> String {
    let name = community.name.trim();
    if name.is_empty() {
        "This community".to_string()
    } else {
        name.to_string()
    }
}

/// The first paragraph of an answer, on one line, ending with a full stop.
fn sentence(community: &Community, id: &str) -> Option<String> {
    let Some(Answer::Text(text)) = community.answers.get(id) else {
        return None;
    };
    let paragraph = text.split("\n\n").map(str::trim).find(|p| !p.is_empty())?;
    let mut line = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    if !line.ends_with(['.', '!', '?']) {
        line.push('.');
    }
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_quote_the_answers_and_need_something_to_quote() {
        let mut community = Community::new("Ward circle");
        assert_eq!(draft(CORE_STATEMENT, &community), None);
        assert_eq!(draft(INVITATION, &community), None);
        community.set_answer(
            "primary_purpose",
            Answer::Text("Learn from each other's\ncases".into()),
        );
        community.set_answer(
            "members",
            Answer::Text("Ward nurses.\n\nLater: night shift".into()),
        );
        assert_eq!(
            draft(CORE_STATEMENT, &community).unwrap(),
            "Ward circle is a community of practice. Our purpose: Learn from each other's cases. \
             Who we are: Ward nurses."
        );
        let invitation = draft(INVITATION, &community).unwrap();
        assert!(
            invitation
                .starts_with("You're invited to Ward circle.\n\nLearn from each other's cases.\n")
        );
        assert!(invitation.contains("Who it's for: Ward nurses."));
        assert_eq!(draft("members", &community), None);
    }

    #[test]
    fn a_written_answer_replaces_the_draft() {
        let mut community = Community::new("C");
        community.set_answer("primary_purpose", Answer::Text("P".into()));
        assert!(
            answer_or_draft(CORE_STATEMENT, &community)
                .unwrap()
                .contains("Our purpose: P.")
        );
        community.set_answer(CORE_STATEMENT, Answer::Text("Our own words".into()));
        assert_eq!(
            answer_or_draft(CORE_STATEMENT, &community).unwrap(),
            "Our own words"
        );
    }
}
