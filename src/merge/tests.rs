use proptest::prelude::*;

use super::*;
use crate::community::{Card, RatingValue, Record, Scalar};

fn guide() -> &'static Guide {
    Guide::builtin()
}

fn base() -> Community {
    let mut c = Community::new("Ferry crews");
    c.set_answer(
        "primary_purpose",
        Answer::Text("Share what works at sea.".into()),
    );
    c.set_answer(
        "community_members",
        Answer::Text("Deckhands and engineers.".into()),
    );
    c.set_answer("specific_needs", Answer::Text("Fewer near misses.".into()));
    c
}

fn person(name: &str, role: &str) -> Record {
    let mut row = Record::new();
    row.insert("name".into(), Scalar::Text(name.into()));
    row.insert("role".into(), Scalar::Text(role.into()));
    row
}

fn people(c: &Community) -> Vec<(String, String)> {
    match c.answers.get("people") {
        Some(Answer::Records(rows)) => rows
            .iter()
            .map(|r| {
                let cell = |k| match r.get(k) {
                    Some(Scalar::Text(t)) => t.clone(),
                    _ => String::new(),
                };
                (cell("name"), cell("role"))
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn answers_changed_on_one_side_each_are_both_taken() {
    let base = base();
    let mut mine = base.clone();
    mine.set_answer("primary_purpose", Answer::Text("Share what works.".into()));
    let mut theirs = base.clone();
    theirs.set_answer("specific_needs", Answer::Text("No near misses.".into()));
    theirs.answers.remove("community_members");
    let merged = merge(&base, &mine, &theirs, guide());
    assert!(merged.is_clean(), "{:?}", merged.conflicts);
    let c = &merged.community;
    assert_eq!(
        c.answers["primary_purpose"],
        Answer::Text("Share what works.".into())
    );
    assert_eq!(
        c.answers["specific_needs"],
        Answer::Text("No near misses.".into())
    );
    assert!(
        !c.answers.contains_key("community_members"),
        "removed by them"
    );
}

#[test]
fn an_answer_changed_on_both_sides_differently_is_a_conflict_with_mine_kept() {
    let base = base();
    let mut mine = base.clone();
    mine.set_answer("primary_purpose", Answer::Text("Mine.".into()));
    let mut theirs = base.clone();
    theirs.set_answer("primary_purpose", Answer::Text("Theirs.".into()));
    let merged = merge(&base, &mine, &theirs, guide());
    assert_eq!(
        merged.conflicts,
        [Conflict {
            place: Place::Answer("primary_purpose".into()),
            base: Some("Share what works at sea.".into()),
            mine: Some("Mine.".into()),
            theirs: Some("Theirs.".into()),
        }]
    );
    assert_eq!(
        merged.community.answers["primary_purpose"],
        Answer::Text("Mine.".into())
    );
    // The same change on both sides is no conflict.
    let merged = merge(&base, &mine, &mine, guide());
    assert!(merged.is_clean());
}

#[test]
fn people_added_on_both_sides_are_all_kept_and_a_row_edited_on_one_side_takes_the_edit() {
    let mut base = base();
    base.set_answer(
        "people",
        Answer::Records(vec![person("Ana", "member"), person("Ben", "member")]),
    );
    let mut mine = base.clone();
    mine.set_answer(
        "people",
        Answer::Records(vec![
            person("Ana", "coordinator"),
            person("Ben", "member"),
            person("Cleo", "member"),
        ]),
    );
    let mut theirs = base.clone();
    theirs.set_answer(
        "people",
        Answer::Records(vec![person("ben", "member"), person("Dev", "sponsor")]),
    );
    // Theirs removed Ana, whom mine changed: a conflict, and Ana stays. Theirs wrote Ben's
    // name in lower case: the same person (rows match in any case), with theirs' edit.
    let merged = merge(&base, &mine, &theirs, guide());
    assert_eq!(
        people(&merged.community),
        [
            ("Ana".to_string(), "coordinator".to_string()),
            ("ben".into(), "member".into()),
            ("Cleo".into(), "member".into()),
            ("Dev".into(), "sponsor".into()),
        ]
    );
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    assert!(matches!(&merged.conflicts[0].place, Place::Row { row, .. } if row == "Ana"));
}

#[test]
fn a_cell_changed_on_both_sides_conflicts_cell_by_cell() {
    let mut base = base();
    base.set_answer("people", Answer::Records(vec![person("Ana", "member")]));
    let mut mine = base.clone();
    let mut row = person("Ana", "coordinator");
    row.insert("contact".into(), Scalar::Text("ana@ferry".into()));
    mine.set_answer("people", Answer::Records(vec![row]));
    let mut theirs = base.clone();
    theirs.set_answer("people", Answer::Records(vec![person("Ana", "sponsor")]));
    let merged = merge(&base, &mine, &theirs, guide());
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(
        merged.conflicts[0].place,
        Place::Cell {
            question: "people".into(),
            row: "Ana".into(),
            column: "role".into()
        }
    );
    let Some(Answer::Records(rows)) = merged.community.answers.get("people") else {
        panic!("a table");
    };
    assert_eq!(
        rows[0].get("contact"),
        Some(&Scalar::Text("ana@ferry".into()))
    );
}

#[test]
fn lists_merge_as_sets() {
    let items = |list: &[&str]| Answer::Items(list.iter().map(|s| s.to_string()).collect());
    let mut base = base();
    base.set_answer("stakeholders", items(&["port", "union"]));
    let mut mine = base.clone();
    mine.set_answer("stakeholders", items(&["port", "union", "insurer"]));
    let mut theirs = base.clone();
    theirs.set_answer("stakeholders", items(&["union", "council"]));
    let merged = merge(&base, &mine, &theirs, guide());
    assert!(merged.is_clean());
    assert_eq!(
        merged.community.answers["stakeholders"],
        items(&["union", "insurer", "council"])
    );
}

#[test]
fn a_ratings_value_and_comment_merge_each_on_their_own() {
    let mut base = base();
    base.set_rating(
        "domain_identity",
        Rating {
            value: Some(RatingValue::No),
            comment: String::new(),
        },
    );
    let mut mine = base.clone();
    mine.set_rating(
        "domain_identity",
        Rating {
            value: Some(RatingValue::Partly),
            comment: String::new(),
        },
    );
    let mut theirs = base.clone();
    theirs.set_rating(
        "domain_identity",
        Rating {
            value: Some(RatingValue::No),
            comment: "Only engineers so far".into(),
        },
    );
    let merged = merge(&base, &mine, &theirs, guide());
    assert!(merged.is_clean());
    assert_eq!(
        merged.community.ratings["domain_identity"],
        Rating {
            value: Some(RatingValue::Partly),
            comment: "Only engineers so far".into()
        }
    );
    theirs.ratings.get_mut("domain_identity").unwrap().value = Some(RatingValue::Yes);
    let merged = merge(&base, &mine, &theirs, guide());
    assert_eq!(
        merged.conflicts[0].place,
        Place::RatingValue("domain_identity".into())
    );
}

#[test]
fn notes_and_workshop_records_from_two_rooms_are_all_kept() {
    let card = |text: &str, who: &str| Card {
        question: "primary_purpose".into(),
        text: text.into(),
        who: who.into(),
        ..Card::default()
    };
    let mut base = base();
    base.workshop.cards.push(card("Safety first", "Ana"));
    let mut mine = base.clone();
    mine.workshop.cards.push(card("Night crossings", "Ben"));
    mine.workshop.cards[0].dots = 3;
    mine.set_note("purpose", "Asked in the morning room.");
    let mut theirs = base.clone();
    theirs.workshop.cards.push(card("Weather calls", "Cleo"));
    theirs.workshop.cards[0].theme = "Safety".into();
    let merged = merge(&base, &mine, &theirs, guide());
    assert!(merged.is_clean());
    let cards: Vec<_> = merged
        .community
        .workshop
        .cards
        .iter()
        .map(|c| (c.text.as_str(), c.dots, c.theme.as_str()))
        .collect();
    assert_eq!(
        cards,
        [
            ("Safety first", 3, "Safety"),
            ("Night crossings", 0, ""),
            ("Weather calls", 0, "")
        ]
    );
    assert_eq!(
        merged.community.notes["purpose"],
        "Asked in the morning room."
    );
}

// -------------------------------------------------------------------------------------------
// The property: changes that do not overlap merge to what applying both gives.

/// One change to a community, at one place.
#[derive(Debug, Clone)]
enum Change {
    SetText(usize, String),
    RemoveText(usize),
    AddItem(String),
    RemoveItem(usize),
    AddPerson(String),
    SetRole(usize, String),
    RemovePerson(usize),
    SetNote(usize, String),
}

const TEXTS: [&str; 6] = [
    "primary_purpose",
    "specific_needs",
    "benefits",
    "shared_interest",
    "community_members",
    "shared_practice",
];
const NOTES: [&str; 4] = ["purpose", "shared_interest", "community", "practice"];

/// What the change touches; two changes overlap when they touch the same place.
fn place(change: &Change, base: &Community) -> String {
    let name = |i: &usize| match base.answers.get("people") {
        Some(Answer::Records(rows)) if !rows.is_empty() => {
            format!("person {}", shown_row(&rows[i % rows.len()]))
        }
        _ => "no person".into(),
    };
    match change {
        Change::SetText(i, _) | Change::RemoveText(i) => format!("text {}", TEXTS[i % 6]),
        Change::AddItem(item) => format!("item {item}"),
        Change::RemoveItem(i) => match base.answers.get("stakeholders") {
            Some(Answer::Items(items)) if !items.is_empty() => {
                format!("item {}", items[i % items.len()])
            }
            _ => "no item".into(),
        },
        Change::AddPerson(n) => format!("person name: {n}"),
        Change::SetRole(i, _) | Change::RemovePerson(i) => name(i),
        Change::SetNote(i, _) => format!("note {}", NOTES[i % 4]),
    }
}

fn shown_row(row: &Record) -> String {
    match row.get("name") {
        Some(Scalar::Text(t)) => format!("name: {}", t.to_lowercase()),
        _ => String::new(),
    }
}

fn apply(c: &mut Community, base: &Community, change: &Change) {
    match change {
        Change::SetText(i, text) => c.set_answer(TEXTS[i % 6], Answer::Text(text.clone())),
        Change::RemoveText(i) => {
            c.answers.remove(TEXTS[i % 6]);
        }
        Change::AddItem(item) => {
            if let Some(Answer::Items(items)) = c.answers.get_mut("stakeholders") {
                items.push(item.clone());
            }
        }
        Change::RemoveItem(i) => {
            if let Some(Answer::Items(old)) = base.answers.get("stakeholders")
                && !old.is_empty()
            {
                let gone = &old[i % old.len()];
                if let Some(Answer::Items(items)) = c.answers.get_mut("stakeholders") {
                    items.retain(|x| x != gone);
                }
            }
        }
        Change::AddPerson(name) => {
            if let Some(Answer::Records(rows)) = c.answers.get_mut("people") {
                rows.push(person(name, "member"));
            }
        }
        Change::SetRole(i, role) => {
            if let Some(target) = nth_name(base, *i)
                && let Some(Answer::Records(rows)) = c.answers.get_mut("people")
                && let Some(row) = rows.iter_mut().find(|r| shown_row(r) == target)
            {
                row.insert("role".into(), Scalar::Text(role.clone()));
            }
        }
        Change::RemovePerson(i) => {
            if let Some(target) = nth_name(base, *i)
                && let Some(Answer::Records(rows)) = c.answers.get_mut("people")
            {
                rows.retain(|r| shown_row(r) != target);
            }
        }
        Change::SetNote(i, text) => c.set_note(NOTES[i % 4], text.clone()),
    }
}

fn nth_name(base: &Community, i: usize) -> Option<String> {
    match base.answers.get("people") {
        Some(Answer::Records(rows)) if !rows.is_empty() => Some(shown_row(&rows[i % rows.len()])),
        _ => None,
    }
}

fn word() -> impl Strategy<Value = String> {
    "[a-z]{1,6}( [a-z]{1,6})?"
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..6usize, word()).prop_map(|(i, t)| Change::SetText(i, t)),
        (0..6usize).prop_map(Change::RemoveText),
        word().prop_map(|w| Change::AddItem(format!("new {w}"))),
        (0..8usize).prop_map(Change::RemoveItem),
        word().prop_map(|w| Change::AddPerson(format!("New {w}"))),
        (0..8usize, word()).prop_map(|(i, r)| Change::SetRole(i, r)),
        (0..8usize).prop_map(Change::RemovePerson),
        (0..4usize, word()).prop_map(|(i, t)| Change::SetNote(i, t)),
    ]
}

fn a_base() -> impl Strategy<Value = Community> {
    (
        prop::collection::vec(word(), 0..6),
        prop::collection::btree_set("[A-Z][a-z]{2,5}", 0..5),
    )
        .prop_map(|(texts, names)| {
            let mut c = Community::new("Ferry crews");
            for (i, t) in texts.iter().enumerate() {
                c.set_answer(TEXTS[i], Answer::Text(t.clone()));
            }
            let mut items: Vec<String> = texts.iter().map(|t| format!("old {t}")).collect();
            items.dedup();
            c.answers
                .insert("stakeholders".into(), Answer::Items(items));
            let rows = names.iter().map(|n| person(n, "member")).collect();
            c.answers.insert("people".into(), Answer::Records(rows));
            c
        })
}

/// A side's changes with no two at one place, and none at a place the other side touches.
fn apart(base: &Community, mine: Vec<Change>, theirs: Vec<Change>) -> (Vec<Change>, Vec<Change>) {
    let mut taken: Vec<String> = Vec::new();
    let mut keep = |changes: Vec<Change>| {
        changes
            .into_iter()
            .filter(|c| {
                let at = place(c, base);
                let free = !taken.contains(&at) && !at.starts_with("no ");
                taken.push(at);
                free
            })
            .collect::<Vec<_>>()
    };
    let mine = keep(mine);
    let theirs = keep(theirs);
    (mine, theirs)
}

fn normal(mut c: Community) -> Community {
    c.answers.retain(|_, a| !a.is_empty());
    c.updated = c.created;
    c
}

proptest! {
    #[test]
    fn non_overlapping_changes_merge_to_applying_both(
        base in a_base(),
        mine in prop::collection::vec(change(), 0..6),
        theirs in prop::collection::vec(change(), 0..6),
    ) {
        let (mine_changes, their_changes) = apart(&base, mine, theirs);
        let mut mine = base.clone();
        for c in &mine_changes { apply(&mut mine, &base, c); }
        let mut theirs = base.clone();
        for c in &their_changes { apply(&mut theirs, &base, c); }
        let mut both = mine.clone();
        for c in &their_changes { apply(&mut both, &base, c); }
        let merged = merge(&base, &mine, &theirs, guide());
        prop_assert!(merged.is_clean(), "{:?}", merged.conflicts);
        prop_assert_eq!(normal(merged.community), normal(both));
    }
}
