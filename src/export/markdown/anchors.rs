//! The ids that GitHub and GitLab give a Markdown charter's headings, so that a "see also" can
//! link to the section it names.
//!
//! Markdown has no way to give a heading an id of one's own: the forge makes it from the
//! heading's text. GitHub lowercases it, drops everything but letters, marks, numbers, `_`, `-`
//! and spaces, and turns each space into `-`; a heading whose id is taken gets `-1`, `-2`… So
//! the id of a section depends on every heading before it, and the writer hands each heading's
//! text to one [`Anchors`] in document order. GitLab follows the same rule but also squeezes a
//! run of `-` into one; the two agree unless a title has dashes or spaces side by side once its
//! punctuation is gone, which no section title of the guide has.
//!
//! The text is the heading as a reader sees it (sanitised, on one line), not its escaped
//! Markdown: the forge makes the id from the rendered text.

use std::collections::{HashMap, HashSet};

/// The ids handed out so far.
#[derive(Debug, Default)]
pub(super) struct Anchors {
    taken: HashSet<String>,
    /// The next suffix to try for an id, so that many equal headings stay cheap.
    next: HashMap<String, usize>,
}

impl Anchors {
    /// The id of the next heading, whose text as a reader sees it is `text`.
    pub(super) fn next(&mut self, text: &str) -> String {
        let id = slug(text);
        let mut suffix = self.next.get(&id).copied().unwrap_or(0);
        let chosen = loop {
            let candidate = if suffix == 0 {
                id.clone()
            } else {
                format!("{id}-{suffix}")
            };
            if !self.taken.contains(&candidate) {
                break candidate;
            }
            suffix += 1;
        };
        self.next.insert(id, suffix + 1);
        self.taken.insert(chosen.clone());
        chosen
    }
}

/// GitHub's id for a heading reading `text`, before any suffix.
fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|&c| c == ' ' || c == '-' || c == '_' || c.is_alphanumeric() || is_mark(c))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Combining marks, which GitHub keeps in an id (the accent of a decomposed "é").
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036f}'
            | '\u{1ab0}'..='\u{1aff}'
            | '\u{1dc0}'..='\u{1dff}'
            | '\u{20d0}'..='\u{20ff}'
            | '\u{fe20}'..='\u{fe2f}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_githubs_rule_and_repeat_with_a_suffix() {
        let mut anchors = Anchors::default();
        assert_eq!(anchors.next("Evaluation and stage"), "evaluation-and-stage");
        assert_eq!(
            anchors.next("Impact, learning and the end of facilitation"),
            "impact-learning-and-the-end-of-facilitation"
        );
        assert_eq!(anchors.next("What are we about?"), "what-are-we-about");
        assert_eq!(anchors.next("Sign-off"), "sign-off");
        assert_eq!(anchors.next("Zoë's snake_case 2"), "zoës-snake_case-2");
        assert_eq!(
            anchors.next("Evaluation and stage"),
            "evaluation-and-stage-1"
        );
        assert_eq!(
            anchors.next("Evaluation-and-stage"),
            "evaluation-and-stage-2"
        );
        assert_eq!(
            anchors.next("Evaluation and stage!"),
            "evaluation-and-stage-3"
        );
    }
}
