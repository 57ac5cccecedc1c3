//! Any community survives save → load unchanged, and saving it again changes no byte.

use chrono::{DateTime, FixedOffset, TimeZone};
use convene::community::{
    Answer, Card, Community, LogEntry, LogKind, Parked, Rating, RatingValue, Record, Scalar,
    Workshop,
};
use convene::guide::Guide;
use convene::store::Store;
use proptest::prelude::*;

/// Text as facilitators and hand edits produce it: any Unicode, quotes of every kind, triple
/// quotes, backslashes, line breaks (including CRLF and a leading one), and control characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        2 => "[a-zA-Zé日🙂 '\"\\\\\n\t]{0,40}",
        1 => Just("\"\"\"".to_string()),
        1 => Just("'''\n\"\"\"\n".to_string()),
        1 => Just("\nstarts with a newline".to_string()),
        1 => Just("line one\r\nline two\r\n".to_string()),
        1 => Just("ends with quote\"".to_string()),
    ]
}

/// Question ids from the guide, and unknown keys a hand edit might have added.
fn key() -> impl Strategy<Value = String> {
    let known: Vec<String> = Guide::builtin().questions().map(|q| q.id.clone()).collect();
    prop_oneof![
        3 => proptest::sample::select(known),
        1 => "[a-z][a-z0-9_]{0,12}",
        1 => any::<String>().prop_filter("keys are not empty", |s| !s.is_empty()),
    ]
}

fn scalar() -> impl Strategy<Value = Scalar> {
    prop_oneof![
        text().prop_map(Scalar::Text),
        any::<i64>().prop_map(Scalar::Integer),
        any::<bool>().prop_map(Scalar::Bool),
    ]
}

fn record() -> impl Strategy<Value = Record> {
    proptest::collection::btree_map("[a-z][a-z_]{0,8}", scalar(), 1..4)
        .prop_map(|fields| fields.into_iter().collect())
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        4 => text().prop_map(Answer::Text),
        1 => proptest::collection::vec(text(), 0..4).prop_map(Answer::Items),
        // An empty list of records is written as `[]`, which reads back as an empty list of
        // items; the model's setters never store empty answers, so only non-empty ones are made.
        1 => proptest::collection::vec(record(), 1..3).prop_map(Answer::Records),
        1 => record().prop_map(Answer::Fields),
    ]
}

fn rating() -> impl Strategy<Value = Rating> {
    (
        proptest::option::of(proptest::sample::select(RatingValue::ALL.to_vec())),
        text(),
    )
        .prop_map(|(value, comment)| Rating { value, comment })
}

/// Any instant from 1900 to 2200, at any whole-minute offset TOML can write.
fn timestamp() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (
        -2_208_988_800i64..7_258_118_400,
        -(23 * 60 + 59)..=(23 * 60 + 59),
        0u32..3,
    )
        .prop_map(|(secs, offset_min, precision)| {
            let nanos = match precision {
                0 => 0,
                1 => 123_000_000,
                _ => 987_654_321,
            };
            FixedOffset::east_opt(offset_min * 60)
                .unwrap()
                .timestamp_opt(secs, nanos)
                .unwrap()
        })
}

fn card() -> impl Strategy<Value = Card> {
    (
        key(),
        text(),
        prop_oneof![Just(String::new()), text()],
        prop_oneof![Just(String::new()), text()],
        prop_oneof![Just(0u32), 0u32..10, any::<u32>()],
        any::<bool>(),
    )
        .prop_map(|(question, text, who, theme, dots, promoted)| Card {
            question,
            text,
            who,
            theme,
            dots,
            promoted,
        })
}

fn parked() -> impl Strategy<Value = Parked> {
    (text(), timestamp(), any::<bool>()).prop_map(|(text, added, done)| Parked {
        text,
        added,
        done,
    })
}

fn log_entry() -> impl Strategy<Value = LogEntry> {
    (
        timestamp(),
        proptest::sample::select(LogKind::ALL.to_vec()),
        text(),
        proptest::option::of(key()),
    )
        .prop_map(|(at, kind, text, question)| LogEntry {
            at,
            kind,
            text,
            question,
        })
}

/// Sometimes no workshop (as most files have none), otherwise any mix of its parts.
fn workshop() -> impl Strategy<Value = Workshop> {
    prop_oneof![
        1 => Just(Workshop::default()),
        3 => (
            proptest::option::of(any::<u32>()),
            proptest::collection::vec(card(), 0..5),
            proptest::collection::vec(parked(), 0..3),
            proptest::collection::vec(log_entry(), 0..4),
        )
            .prop_map(|(votes_per_person, cards, parking_lot, log)| Workshop {
                votes_per_person,
                cards,
                parking_lot,
                log,
            }),
    ]
}

fn community() -> impl Strategy<Value = Community> {
    (
        text(),
        // A tag or not: the file keeps whatever `language` says.
        proptest::option::of(prop_oneof![
            2 => Just("pt-BR".to_string()),
            1 => text(),
        ]),
        timestamp(),
        timestamp(),
        proptest::collection::btree_map(key(), answer(), 0..8),
        proptest::collection::btree_map(key(), rating(), 0..5),
        proptest::collection::btree_map(key(), text(), 0..4),
        workshop(),
    )
        .prop_map(
            |(name, language, created, updated, answers, ratings, notes, workshop)| Community {
                name,
                language,
                created,
                updated,
                answers,
                ratings,
                notes,
                workshop,
            },
        )
}

/// chrono compares instants only; the offset is part of what the facilitator wrote.
fn same_offsets(a: &Community, b: &Community) -> bool {
    let workshop = |c: &Community| {
        let parked = c.workshop.parking_lot.iter().map(|p| p.added);
        let logged = c.workshop.log.iter().map(|e| e.at);
        parked
            .chain(logged)
            .map(|t| *t.offset())
            .collect::<Vec<_>>()
    };
    a.created.offset() == b.created.offset()
        && a.updated.offset() == b.updated.offset()
        && workshop(a) == workshop(b)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn save_load_gives_it_back_and_saving_twice_changes_nothing(community in community()) {
        let guide = Guide::builtin();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut loaded = store.create("placeholder", guide).unwrap();
        *loaded.community_mut() = community.clone();
        store.save(&mut loaded, guide).unwrap();
        let first = std::fs::read(&loaded.path).unwrap();

        let mut reloaded = store.load(&loaded.path).unwrap();
        prop_assert_eq!(reloaded.community(), &community);
        prop_assert!(same_offsets(reloaded.community(), &community));

        store.save(&mut reloaded, guide).unwrap();
        let second = std::fs::read(&loaded.path).unwrap();
        prop_assert_eq!(&first, &second, "a second save of the same content changed the file");

        // And a fresh file with the same content is byte-identical to the edited one.
        let mut fresh = convene::community::CommunityFile::new(community.clone());
        prop_assert_eq!(fresh.render(guide).unwrap().into_bytes(), first);
    }
}

/// What a facilitator does to a workshop between two saves.
#[derive(Debug, Clone)]
enum Edit {
    AddCard(Card),
    RemoveCard(usize),
    SwapCards(usize, usize),
    AddDot(usize),
    Promote(usize),
    RewordCard(usize, String),
    Park(Parked),
    Unpark(usize),
    MarkDone(usize),
    Log(LogEntry),
    RemoveLog(usize),
    SetVotes(Option<u32>),
    Clear,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => card().prop_map(Edit::AddCard),
        2 => any::<usize>().prop_map(Edit::RemoveCard),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapCards(a, b)),
        3 => any::<usize>().prop_map(Edit::AddDot),
        1 => any::<usize>().prop_map(Edit::Promote),
        1 => (any::<usize>(), text()).prop_map(|(i, t)| Edit::RewordCard(i, t)),
        1 => parked().prop_map(Edit::Park),
        1 => any::<usize>().prop_map(Edit::Unpark),
        1 => any::<usize>().prop_map(Edit::MarkDone),
        2 => log_entry().prop_map(Edit::Log),
        1 => any::<usize>().prop_map(Edit::RemoveLog),
        1 => proptest::option::of(0u32..10).prop_map(Edit::SetVotes),
        1 => Just(Edit::Clear),
    ]
}

fn apply(workshop: &mut Workshop, edit: Edit) {
    fn at<T>(list: &[T], i: usize) -> Option<usize> {
        (!list.is_empty()).then(|| i % list.len())
    }
    match edit {
        Edit::AddCard(card) => workshop.cards.push(card),
        Edit::RemoveCard(i) => {
            if let Some(i) = at(&workshop.cards, i) {
                workshop.cards.remove(i);
            }
        }
        Edit::SwapCards(a, b) => {
            if let (Some(a), Some(b)) = (at(&workshop.cards, a), at(&workshop.cards, b)) {
                workshop.cards.swap(a, b);
            }
        }
        Edit::AddDot(i) => {
            if let Some(i) = at(&workshop.cards, i) {
                workshop.cards[i].dots = workshop.cards[i].dots.saturating_add(1);
            }
        }
        Edit::Promote(i) => {
            if let Some(i) = at(&workshop.cards, i) {
                workshop.cards[i].promoted = true;
            }
        }
        Edit::RewordCard(i, text) => {
            if let Some(i) = at(&workshop.cards, i) {
                workshop.cards[i].text = text;
            }
        }
        Edit::Park(parked) => workshop.parking_lot.push(parked),
        Edit::Unpark(i) => {
            if let Some(i) = at(&workshop.parking_lot, i) {
                workshop.parking_lot.remove(i);
            }
        }
        Edit::MarkDone(i) => {
            if let Some(i) = at(&workshop.parking_lot, i) {
                workshop.parking_lot[i].done = true;
            }
        }
        Edit::Log(entry) => workshop.log.push(entry),
        Edit::RemoveLog(i) => {
            if let Some(i) = at(&workshop.log, i) {
                workshop.log.remove(i);
            }
        }
        Edit::SetVotes(votes) => workshop.votes_per_person = votes,
        Edit::Clear => *workshop = Workshop::default(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A saved workshop, edited as a facilitator would (cards added, moved, voted on, removed;
    /// topics parked and done; the log growing), is saved in place: reading the file gives the
    /// edited workshop back, exactly, and saving again changes no byte.
    #[test]
    fn an_edited_workshop_is_saved_in_place(
        before in workshop(),
        edits in proptest::collection::vec(edit(), 0..8),
    ) {
        let guide = Guide::builtin();
        let mut community = Community::new("Workshop");
        community.workshop = before;
        let mut file = convene::community::CommunityFile::new(community);
        let first = file.render(guide).unwrap();
        let mut file = convene::community::CommunityFile::parse(&first).unwrap();
        for edit in edits {
            apply(&mut file.community.workshop, edit);
        }
        let edited = file.community.clone();
        let second = file.render(guide).unwrap();
        let mut reread = convene::community::CommunityFile::parse(&second)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{second}")))?;
        prop_assert_eq!(&reread.community, &edited, "{}", second);
        prop_assert!(same_offsets(&reread.community, &edited));
        prop_assert_eq!(reread.render(guide).unwrap(), second);
    }
}

#[test]
fn the_file_starts_with_schema_version_and_orders_answers_by_the_guide() {
    let guide = Guide::builtin();
    let mut community = Community::new("Order");
    community.set_answer("shared_practice", Answer::Text("last of Define".into()));
    community.set_answer("primary_purpose", Answer::Text("first\nof Define".into()));
    community.set_rating(
        "domain_identity",
        Rating {
            value: Some(RatingValue::Partly),
            comment: String::new(),
        },
    );
    let mut file = convene::community::CommunityFile::new(community);
    let text = file.render(guide).unwrap();
    let first_key = text.lines().find(|l| !l.starts_with('#')).unwrap();
    assert_eq!(first_key, "schema_version = 1");
    let purpose = text
        .find("primary_purpose = \"\"\"\nfirst\nof Define\"\"\"")
        .expect("a triple-quoted block");
    let practice = text.find("shared_practice").unwrap();
    assert!(purpose < practice, "answers follow the walk order:\n{text}");
    assert!(
        text.contains("[ratings.domain_identity]\nrating = \"partly\"\n"),
        "{text}"
    );
    assert!(
        !text.contains("[ratings]\n"),
        "no empty [ratings] header:\n{text}"
    );
}

/// The operating agreements' answers — a choice, text, the time asked of each role (a table of
/// the facilitator's own roles too), a date and a group's notes — are written in the walk's
/// order with a table's keys in column order, read back the same, pass `convene check`, and a
/// second save changes no byte.
#[test]
fn the_operating_agreements_survive_save_and_load() {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut loaded = store.create("Ferry crews", guide).unwrap();
    let row = |role: &str, time: &str, tasks: &str| -> Record {
        [("role", role), ("time", time), ("tasks", tasks)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), Scalar::Text(v.to_string())))
            .collect()
    };
    {
        let community = loaded.community_mut();
        community.set_answer(
            "membership_openness",
            Answer::Text("closed (by invitation)".into()),
        );
        community.set_answer(
            "joining_how",
            Answer::Text("Ask Ana at the terminal.\nLeave whenever you like.\n".into()),
        );
        community.set_answer(
            "time_asked",
            Answer::Records(vec![
                row(
                    "coordinator",
                    "two hours a month",
                    "Hosts the crossing debrief.",
                ),
                row(
                    "deck steward",
                    "one crossing a term",
                    "Keeps the crossing log.",
                ),
            ]),
        );
        community.set_answer("charter_review", Answer::Text("2027-06-03".into()));
        community.set_answer(
            "closing_conditions",
            Answer::Text("When the last ferry is sold.".into()),
        );
        community.set_note(
            "conduct",
            "Read the ground rules aloud at the first meeting.",
        );
    }
    let community = loaded.community().clone();
    store.save(&mut loaded, guide).unwrap();
    let text = std::fs::read_to_string(&loaded.path).unwrap();

    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing from\n{text}"))
    };
    let order = [
        at("membership_openness = \"closed (by invitation)\"\n"),
        at("joining_how = \"\"\"\nAsk Ana at the terminal.\nLeave whenever you like.\n\"\"\"\n"),
        at("charter_review = \"2027-06-03\"\n"),
        at("closing_conditions = \"When the last ferry is sold.\"\n"),
        at(
            "[[answers.time_asked]]\nrole = \"coordinator\"\ntime = \"two hours a month\"\ntasks = \"Hosts the crossing debrief.\"\n",
        ),
        at("[[answers.time_asked]]\nrole = \"deck steward\"\n"),
        at("[notes]\nconduct = \"Read the ground rules aloud at the first meeting.\"\n"),
    ];
    assert!(order.is_sorted(), "the walk's order:\n{text}");
    assert!(
        convene::community::check_text(&text, guide).is_empty(),
        "{:#?}",
        convene::community::check_text(&text, guide)
    );

    let mut reloaded = store.load(&loaded.path).unwrap();
    assert_eq!(reloaded.community(), &community);
    store.save(&mut reloaded, guide).unwrap();
    assert_eq!(std::fs::read_to_string(&loaded.path).unwrap(), text);
}
