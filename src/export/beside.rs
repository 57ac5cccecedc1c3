//! What a charter says beside an answer, drawn from elsewhere in the file.
//!
//! A rating is only as good as what it rests on. The readiness check asks whether enough
//! potential members are committed to take some leadership; the conversations table holds the
//! answer in numbers. Printing the count next to the statement (and next to the conversations
//! themselves, where it is all that members and the sponsor see of them) lets a reader weigh the
//! rating against the facts without turning pages. Likewise the weavers of the learning
//! expedition are marked in the people table, far from the question of how they will weave:
//! their names are repeated there.
//!
//! Both are counts and names, never what someone said or how to reach them, so every audience
//! sees them; the counting itself lives in [`crate::community::launch`], shared with the walk.

use crate::community::Community;
use crate::community::launch::{self, Willing};

/// The sentence a charter shows beside the question `id`, if it has one.
pub fn context(id: &str, community: &Community) -> Option<String> {
    match id {
        launch::LEADERSHIP | launch::CONVERSATIONS => {
            Willing::of(community).map(|w| format!("From the conversations: {}.", w.sentence()))
        }
        launch::WEAVING => {
            let weavers = launch::weavers(community);
            (!weavers.is_empty()).then(|| format!("Weavers: {}.", weavers.join(", ")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::{Answer, Record, Scalar};

    fn rows(rows: &[&[(&str, &str)]]) -> Answer {
        Answer::Records(
            rows.iter()
                .map(|fields| {
                    let mut record = Record::new();
                    for (k, v) in *fields {
                        record.insert(k.to_string(), Scalar::Text(v.to_string()));
                    }
                    record
                })
                .collect(),
        )
    }

    #[test]
    fn the_count_stands_beside_leadership_and_the_weavers_beside_weaving() {
        let mut community = Community::new("C");
        assert_eq!(context(launch::LEADERSHIP, &community), None);
        assert_eq!(context(launch::WEAVING, &community), None);
        community.answers.insert(
            launch::CONVERSATIONS.into(),
            rows(&[
                &[("who", "Ana"), ("core_group", "yes")],
                &[("who", "Ben"), ("core_group", "maybe")],
            ]),
        );
        community.answers.insert(
            launch::PEOPLE.into(),
            rows(&[
                &[
                    ("name", "Ana"),
                    ("weaver", "yes"),
                    ("contact", "ana@example.org"),
                ],
                &[("name", "Ben"), ("weaver", "yes")],
            ]),
        );
        let count = "From the conversations: 1 of 2 people talked to would join the core group, \
                     1 maybe.";
        assert_eq!(context(launch::LEADERSHIP, &community).unwrap(), count);
        assert_eq!(context(launch::CONVERSATIONS, &community).unwrap(), count);
        assert_eq!(
            context(launch::WEAVING, &community).unwrap(),
            "Weavers: Ana, Ben."
        );
        assert_eq!(context("purpose", &community), None);
    }
}
