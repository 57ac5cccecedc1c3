//! What the launch material adds up to: how many of the people talked to would join the core
//! group (seed 004's second step), and who the weavers of the learning expedition are.
//!
//! The readiness check asks whether enough (potential) members are committed to take some
//! leadership; the conversations table holds the evidence. Counting it once here lets the walk
//! show the count beside that statement and the charter print the same figure, so the rating
//! and the facts it rests on are seen together.

use super::{Answer, Community, Record, Scalar};

/// The conversations table's question, the readiness statement its count stands beside, and
/// the people table whose Weaver column marks the weavers.
pub const CONVERSATIONS: &str = "member_conversations";
pub const LEADERSHIP: &str = "leadership_commitment";
pub const PEOPLE: &str = "people";
/// The question on how the weavers join up what is learned, beside which both the walk and
/// the charter name them.
pub const WEAVING: &str = "weaving_plan";

/// How the people talked to answered "would you join the core group?".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Willing {
    /// Conversations in the table (rows naming someone, or saying anything).
    pub talked: usize,
    pub yes: usize,
    pub maybe: usize,
    pub no: usize,
}

impl Willing {
    /// The count of the conversations table of `community`; `None` when there is none yet.
    pub fn of(community: &Community) -> Option<Willing> {
        let rows = rows(community, CONVERSATIONS)?;
        let mut willing = Willing::default();
        for row in rows.iter().filter(|r| !r.is_empty()) {
            willing.talked += 1;
            match text(row, "core_group").to_lowercase().as_str() {
                "yes" => willing.yes += 1,
                "maybe" => willing.maybe += 1,
                "no" => willing.no += 1,
                _ => {}
            }
        }
        (willing.talked > 0).then_some(willing)
    }

    /// "3 of 7 people talked to would join the core group, 2 maybe": what the walk and the
    /// charter say beside the leadership statement.
    pub fn sentence(self) -> String {
        let people = if self.talked == 1 { "person" } else { "people" };
        let mut out = format!(
            "{} of {} {people} talked to would join the core group",
            self.yes, self.talked
        );
        if self.maybe > 0 {
            out.push_str(&format!(", {} maybe", self.maybe));
        }
        out
    }
}

/// The names of the people marked as weavers in the people table, in its order.
pub fn weavers(community: &Community) -> Vec<String> {
    rows(community, PEOPLE)
        .map(|rows| {
            rows.iter()
                .filter(|row| text(row, "weaver").eq_ignore_ascii_case("yes"))
                .map(|row| text(row, "name"))
                .filter(|name| !name.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn rows<'c>(community: &'c Community, id: &str) -> Option<&'c [Record]> {
    match community.answers.get(id) {
        Some(Answer::Records(rows)) => Some(rows),
        _ => None,
    }
}

fn text(row: &Record, key: &str) -> String {
    match row.get(key) {
        Some(Scalar::Text(t)) => t.trim().to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(fields: &[(&str, &str)]) -> Record {
        let mut record = Record::new();
        for (k, v) in fields {
            record.insert(k.to_string(), Scalar::Text(v.to_string()));
        }
        record
    }

    #[test]
    fn the_count_reads_the_core_group_column_whatever_its_case() {
        let mut community = Community::new("C");
        assert_eq!(Willing::of(&community), None, "no table, no count");
        community.answers.insert(
            CONVERSATIONS.to_string(),
            Answer::Records(vec![
                row(&[("who", "Ana"), ("core_group", "yes")]),
                row(&[("who", "Ben"), ("core_group", "Maybe")]),
                row(&[("who", "Chi"), ("core_group", "no")]),
                row(&[("who", "Dee"), ("core_group", " YES ")]),
                row(&[("who", "Eve")]),
            ]),
        );
        let willing = Willing::of(&community).unwrap();
        assert_eq!(
            willing,
            Willing {
                talked: 5,
                yes: 2,
                maybe: 1,
                no: 1
            }
        );
        assert_eq!(
            willing.sentence(),
            "2 of 5 people talked to would join the core group, 1 maybe"
        );
    }

    #[test]
    fn weavers_are_the_people_marked_yes() {
        let mut community = Community::new("C");
        community.answers.insert(
            PEOPLE.to_string(),
            Answer::Records(vec![
                row(&[("name", "Ana"), ("weaver", "yes")]),
                row(&[("name", "Ben"), ("weaver", "no")]),
                row(&[("name", "Chi")]),
                row(&[("name", " Dee "), ("weaver", "Yes")]),
            ]),
        );
        assert_eq!(weavers(&community), ["Ana", "Dee"]);
    }
}
