//! The workshop in the community file: `[workshop]` with its cards, parking lot and session log
//! survives hand edits like the rest of the file, refuses malformed rows at their line, and is
//! reported by `convene check` when a card names a question the guide does not have.

use std::fs;

use convene::community::{
    Card, CommunityFile, FormatError, LogEntry, LogKind, Parked, Severity, check_text,
};
use convene::guide::Guide;
use convene::store::Store;

const HEAD: &str = "schema_version = 1\nname = \"Ward circle\"\ncreated = 2026-12-01T09:00:00Z\nupdated = 2026-12-01T09:00:00Z\n";

/// A file someone wrote by hand: comments above the table and a card, a key of their own in
/// [workshop] and in a card, their own quoting and a quoted time.
const HAND_WRITTEN: &str = r#"schema_version = 1
name = "Ward circle"
created = 2026-12-01T09:00:00Z
updated = 2026-12-01T09:00:00Z

[answers]
cadence = "monthly"

# The workshop on 1 December, in the seminar room.
[workshop]
votes_per_person = 3   # three dots each
room = "Seminar 2"     # Zoë's own key

# Ana's card, from the first round.
[[workshop.cards]]
question = "primary_purpose"
text = 'Share "night-shift" tips'
who = "Ana"
dots = 2
colour = "yellow"   # the sticky note's colour

[[workshop.cards]]
question = "primary_purpose"
text = "Write the cases down"

[[workshop.parking_lot]]
text = "Budget for room bookings"
added = "2026-12-01T14:05:00+01:00"   # quoted on purpose

[[workshop.log]]
at = 2026-12-01T14:10:00+01:00
kind = "decided"
text = "Meet monthly at lunch"
question = "cadence"
"#;

/// [`HAND_WRITTEN`] after adding a card and a dot: only those lines differ.
const HAND_WRITTEN_EDITED: &str = r#"schema_version = 1
name = "Ward circle"
created = 2026-12-01T09:00:00Z
updated = 2026-12-01T09:00:00Z

[answers]
cadence = "monthly"

# The workshop on 1 December, in the seminar room.
[workshop]
votes_per_person = 3   # three dots each
room = "Seminar 2"     # Zoë's own key

# Ana's card, from the first round.
[[workshop.cards]]
question = "primary_purpose"
text = 'Share "night-shift" tips'
who = "Ana"
dots = 3
colour = "yellow"   # the sticky note's colour

[[workshop.cards]]
question = "primary_purpose"
text = "Write the cases down"

[[workshop.cards]]
question = "cadence"
text = "Lunch, not after the shift"
who = "Kofi"

[[workshop.parking_lot]]
text = "Budget for room bookings"
added = "2026-12-01T14:05:00+01:00"   # quoted on purpose

[[workshop.log]]
at = 2026-12-01T14:10:00+01:00
kind = "decided"
text = "Meet monthly at lunch"
question = "cadence"
"#;

fn parse(text: &str) -> CommunityFile {
    CommunityFile::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

#[test]
fn the_hand_written_workshop_reads_as_written() {
    let workshop = parse(HAND_WRITTEN).community.workshop;
    assert_eq!(workshop.votes_per_person, Some(3));
    assert_eq!(
        workshop.cards,
        [
            Card {
                question: "primary_purpose".into(),
                text: "Share \"night-shift\" tips".into(),
                who: "Ana".into(),
                theme: String::new(),
                dots: 2,
                promoted: false,
            },
            Card {
                question: "primary_purpose".into(),
                text: "Write the cases down".into(),
                ..Card::default()
            },
        ]
    );
    assert_eq!(
        workshop.parking_lot,
        [Parked {
            text: "Budget for room bookings".into(),
            added: "2026-12-01T14:05:00+01:00".parse().unwrap(),
            done: false,
        }]
    );
    assert_eq!(
        workshop.log,
        [LogEntry {
            at: "2026-12-01T14:10:00+01:00".parse().unwrap(),
            kind: LogKind::Decided,
            text: "Meet monthly at lunch".into(),
            question: Some("cadence".into()),
        }]
    );
    assert_eq!(workshop.dots_used("primary_purpose"), 2);
    assert_eq!(
        workshop
            .cards_for("primary_purpose")
            .map(|(i, _)| i)
            .collect::<Vec<_>>(),
        [0, 1]
    );
}

#[test]
fn comments_and_unknown_keys_survive_adding_a_card_and_a_dot() {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ward-circle.toml");
    fs::write(&path, HAND_WRITTEN).unwrap();
    let store = Store::open(dir.path()).unwrap();

    // Saved unchanged first: not a byte moves.
    let mut loaded = store.load(&path).unwrap();
    store.save(&mut loaded, guide).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), HAND_WRITTEN);

    let mut loaded = store.load(&path).unwrap();
    let workshop = &mut loaded.community_mut().workshop;
    workshop.cards.push(Card {
        question: "cadence".into(),
        text: "Lunch, not after the shift".into(),
        who: "Kofi".into(),
        ..Card::default()
    });
    workshop.cards[0].dots += 1;
    store.save(&mut loaded, guide).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), HAND_WRITTEN_EDITED);

    // Saving again, unchanged, changes no byte.
    let mut again = store.load(&path).unwrap();
    assert_eq!(again.community().workshop.cards.len(), 3);
    store.save(&mut again, guide).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), HAND_WRITTEN_EDITED);
}

#[test]
fn a_moved_card_takes_its_comment_and_keys_along() {
    let guide = Guide::builtin();
    let mut file = parse(HAND_WRITTEN);
    file.community.workshop.cards.swap(0, 1);
    let text = file.render(guide).unwrap();
    let second = text.find("text = \"Write the cases down\"").unwrap();
    let comment = text.find("# Ana's card, from the first round.").unwrap();
    let ana = text.find("text = 'Share \"night-shift\" tips'").unwrap();
    let colour = text.find("colour = \"yellow\"").unwrap();
    assert!(second < comment && comment < ana && ana < colour, "{text}");
    let reread = parse(&text);
    assert_eq!(reread.community.workshop.cards[1].who, "Ana");
    assert_eq!(reread.community, file.community);
}

#[test]
fn the_workshop_is_written_in_the_documented_form() {
    let guide = Guide::builtin();
    let mut community = convene::community::Community::new("Ward circle");
    community.created = "2026-12-01T09:00:00Z".parse().unwrap();
    community.updated = community.created;
    let workshop = &mut community.workshop;
    workshop.votes_per_person = Some(3);
    workshop.cards.push(Card {
        question: "primary_purpose".into(),
        text: "Share night-shift tips".into(),
        who: "Ana".into(),
        theme: "Sharing what works".into(),
        dots: 2,
        promoted: true,
    });
    workshop.cards.push(Card {
        question: "cadence".into(),
        text: "Monthly".into(),
        ..Card::default()
    });
    workshop.parking_lot.push(Parked {
        text: "Budget for room bookings".into(),
        added: "2026-12-01T14:05:00Z".parse().unwrap(),
        done: false,
    });
    workshop.log.push(LogEntry {
        at: "2026-12-01T14:10:00Z".parse().unwrap(),
        kind: LogKind::Decided,
        text: "Meet monthly at lunch".into(),
        question: Some("cadence".into()),
    });
    let text = CommunityFile::new(community.clone()).render(guide).unwrap();
    let expected = r#"[workshop]
votes_per_person = 3

[[workshop.cards]]
question = "primary_purpose"
text = "Share night-shift tips"
who = "Ana"
theme = "Sharing what works"
dots = 2
promoted = true

[[workshop.cards]]
question = "cadence"
text = "Monthly"

[[workshop.parking_lot]]
text = "Budget for room bookings"
added = 2026-12-01T14:05:00Z

[[workshop.log]]
at = 2026-12-01T14:10:00Z
kind = "decided"
text = "Meet monthly at lunch"
question = "cadence"
"#;
    assert!(text.ends_with(expected), "{text}");
    assert_eq!(parse(&text).community, community);

    // Without a dot-vote setting there is no [workshop] line, only the lists.
    community.workshop.votes_per_person = None;
    let text = CommunityFile::new(community).render(guide).unwrap();
    assert!(!text.contains("[workshop]\n"), "{text}");
    assert!(text.contains("\n[[workshop.cards]]\n"), "{text}");
}

#[test]
fn an_empty_workshop_leaves_no_trace_but_keeps_what_convene_does_not_own() {
    let guide = Guide::builtin();
    let fresh = CommunityFile::new(convene::community::Community::new("Empty"))
        .render(guide)
        .unwrap();
    assert!(!fresh.contains("workshop"), "{fresh}");

    let mut file = parse(HAND_WRITTEN);
    file.community.workshop = Default::default();
    let text = file.render(guide).unwrap();
    assert!(
        text.contains("[workshop]\nroom = \"Seminar 2\"     # Zoë's own key\n"),
        "{text}"
    );
    assert!(!text.contains("[[workshop."), "{text}");

    // With nothing of anyone's left in it, [workshop] goes.
    let mut file = parse(&HAND_WRITTEN.replace("room = \"Seminar 2\"     # Zoë's own key\n", ""));
    file.community.workshop = Default::default();
    let text = file.render(guide).unwrap();
    assert!(!text.contains("[workshop"), "{text}");
    assert!(
        text.ends_with("[answers]\ncadence = \"monthly\"\n"),
        "{text}"
    );

    // An empty [workshop] someone wrote is theirs: left as it is.
    let text = format!("{HEAD}\n# For the next workshop.\n[workshop]\n");
    assert_eq!(parse(&text).render(guide).unwrap(), text);
}

#[test]
fn an_inline_workshop_is_read_and_rewritten_as_tables_when_changed() {
    let guide = Guide::builtin();
    let text = format!(
        "{HEAD}workshop = {{ cards = [{{ question = \"cadence\", text = \"Inline\", dots = 1 }}] }}\n"
    );
    let mut file = parse(&text);
    assert_eq!(file.community.workshop.cards[0].text, "Inline");
    assert_eq!(file.render(guide).unwrap(), text, "unchanged: untouched");
    file.community.workshop.cards[0].dots = 2;
    let saved = file.render(guide).unwrap();
    assert!(
        saved
            .ends_with("[[workshop.cards]]\nquestion = \"cadence\"\ntext = \"Inline\"\ndots = 2\n"),
        "{saved}"
    );
    assert_eq!(parse(&saved).community, file.community);
}

/// Each malformed workshop, the line and column the problem is reported at, and words the
/// message must have.
const MALFORMED: &[(&str, usize, usize, &str)] = &[
    ("workshop = 3\n", 5, 12, "`workshop` must be a table"),
    (
        "[workshop]\nvotes_per_person = 2.5\n",
        6,
        20,
        "`votes_per_person` in [workshop] must be a whole number, 0 or more",
    ),
    (
        "[workshop]\ncards = \"Share tips\"\n",
        6,
        9,
        "`cards` in [workshop] must be a list of tables, each written [[workshop.cards]]",
    ),
    (
        "[workshop]\ncards = [\"Share tips\"]\n",
        6,
        9,
        "must be a list of tables",
    ),
    (
        "[[workshop.cards]]\nquestion = \"cadence\"\ntext = \"a\"\n\n[[workshop.cards]]\nquestion = \"cadence\"\nwho = \"Ana\"\n",
        9,
        1,
        "workshop card 2 has no `text`: add text = ",
    ),
    (
        "[[workshop.cards]]\ntext = \"a\"\n",
        5,
        1,
        "workshop card 1 has no `question`",
    ),
    (
        "[[workshop.cards]]\nquestion = \"cadence\"\ntext = \"a\"\ndots = -1\n",
        8,
        8,
        "workshop card 1: `dots` must be a whole number, 0 or more",
    ),
    (
        "[[workshop.cards]]\nquestion = \"cadence\"\ntext = \"a\"\ndots = \"two\"\n",
        8,
        8,
        "`dots` must be a whole number",
    ),
    (
        "[[workshop.cards]]\nquestion = \"cadence\"\ntext = 3\n",
        7,
        8,
        "workshop card 1: `text` must be text in quotes",
    ),
    (
        "[[workshop.cards]]\nquestion = \"cadence\"\ntext = \"a\"\npromoted = \"yes\"\n",
        8,
        12,
        "`promoted` must be true or false",
    ),
    (
        "[[workshop.parking_lot]]\ntext = \"Budget\"\n",
        5,
        1,
        "parking-lot item 1 has no `added`",
    ),
    (
        "[[workshop.parking_lot]]\ntext = \"Budget\"\nadded = \"yesterday\"\n",
        7,
        9,
        "`added` must be a date and time with a zone, such as 2026-11-22T10:00:00Z (found yesterday)",
    ),
    (
        "[[workshop.log]]\nat = 2026-12-01T14:10:00Z\nkind = \"agreed\"\ntext = \"x\"\n",
        7,
        8,
        "log entry 1: `kind` must be covered, decided or note (found \"agreed\")",
    ),
    (
        "[[workshop.log]]\nat = 2026-12-01T14:10:00Z\nkind = 3\ntext = \"x\"\n",
        7,
        8,
        "`kind` must be covered, decided or note",
    ),
    (
        "[[workshop.log]]\nat = 2026-12-01\nkind = \"note\"\ntext = \"x\"\n",
        6,
        6,
        "log entry 1: `at` must be a date and time with a zone",
    ),
    (
        "[[workshop.log]]\nkind = \"note\"\ntext = \"x\"\n",
        5,
        1,
        "log entry 1 has no `at`",
    ),
    (
        "[[workshop.log]]\nat = 2026-12-01T14:10:00Z\nkind = \"note\"\ntext = \"x\"\nquestion = [\"cadence\"]\n",
        9,
        12,
        "`question` must be text in quotes",
    ),
];

#[test]
fn malformed_workshop_rows_are_refused_where_they_are() {
    for &(tail, line, column, words) in MALFORMED {
        let text = format!("{HEAD}{tail}");
        let err = CommunityFile::parse(&text)
            .map(|_| ())
            .expect_err(&format!("accepted:\n{text}"));
        assert!(matches!(err, FormatError::Invalid(_)), "{err:?}");
        let at = err.location().unwrap();
        assert_eq!((at.line, at.column), (line, column), "{at}\n{text}");
        assert!(at.message.contains(words), "{at}\n{text}");

        // `convene check` reports the same problem at the same place.
        let problems = check_text(&text, Guide::builtin());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].severity, Severity::Error);
        assert_eq!((problems[0].line, problems[0].column), (line, column));
    }
}

#[test]
fn a_malformed_workshop_file_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.toml");
    let text = format!("{HEAD}[[workshop.log]]\nat = 2026-12-01T14:10:00Z\nkind = \"agreed\"\n");
    fs::write(&path, &text).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let message = store.load(&path).unwrap_err().to_string();
    assert!(message.contains("line 7, column 8"), "{message}");
    assert!(
        message.contains("`kind` must be covered, decided or note"),
        "{message}"
    );
    let listing = store.list(Guide::builtin()).unwrap();
    assert!(matches!(
        &listing[..],
        [convene::store::Entry::Unreadable { reason, .. }] if reason.contains("line 7")
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn check_warns_about_cards_and_log_entries_under_unknown_questions() {
    let text = format!(
        "{HEAD}\n[[workshop.cards]]\nquestion = \"primary_purpose\"\ntext = \"fine\"\n\n[[workshop.cards]]\nquestion = \"primary_purpse\"\ntext = \"typo\"\n\n[[workshop.log]]\nat = 2026-12-01T14:10:00Z\nkind = \"covered\"\ntext = \"x\"\nquestion = \"cadense\"\n"
    );
    let problems = check_text(&text, Guide::builtin());
    let found: Vec<(Severity, usize, &str)> = problems
        .iter()
        .map(|p| (p.severity, p.line, p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Severity::Warning,
                11,
                "workshop card 2 is under `primary_purpse`, a question the guide does not have (kept; is the id mistyped?)"
            ),
            (
                Severity::Warning,
                18,
                "log entry 1 is about `cadense`, a question the guide does not have (kept; is the id mistyped?)"
            ),
        ]
    );
    // Kept: the file loads, and saves unchanged.
    let mut file = parse(&text);
    assert_eq!(file.community.workshop.cards[1].question, "primary_purpse");
    assert_eq!(file.render(Guide::builtin()).unwrap(), text);
}
