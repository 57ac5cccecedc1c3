//! Any community survives save → load unchanged, and saving it again changes no byte.

use chrono::{DateTime, FixedOffset, TimeZone};
use convene::community::{Answer, Community, Rating, RatingValue, Record, Scalar};
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

fn community() -> impl Strategy<Value = Community> {
    (
        text(),
        timestamp(),
        timestamp(),
        proptest::collection::btree_map(key(), answer(), 0..8),
        proptest::collection::btree_map(key(), rating(), 0..5),
        proptest::collection::btree_map(key(), text(), 0..4),
    )
        .prop_map(
            |(name, created, updated, answers, ratings, notes)| Community {
                name,
                created,
                updated,
                answers,
                ratings,
                notes,
            },
        )
}

/// chrono compares instants only; the offset is part of what the facilitator wrote.
fn same_offsets(a: &Community, b: &Community) -> bool {
    a.created.offset() == b.created.offset() && a.updated.offset() == b.updated.offset()
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
