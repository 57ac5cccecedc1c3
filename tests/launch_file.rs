//! The launch material in the community file: conversations with potential members, the
//! launch plan, scouting parties, the expedition log's parties, weavers and the facilitation
//! ratings are written in the walk's order with each table's keys in column order, read back
//! the same, pass `convene check`, and a second save changes no byte. A file written by hand
//! keeps its comments and its own keys, and `check` names what it cannot read, with its line.

use convene::community::{Answer, Rating, RatingValue, Record, Scalar, Severity, check_text};
use convene::guide::Guide;
use convene::store::Store;

fn row(cells: &[(&str, &str)]) -> Record {
    cells
        .iter()
        .map(|(k, v)| (k.to_string(), Scalar::Text(v.to_string())))
        .collect()
}

#[test]
fn the_launch_material_survives_save_and_load() {
    let guide = Guide::builtin();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut loaded = store.create("Ferry crews", guide).unwrap();
    {
        let community = loaded.community_mut();
        // Keys given out of column order: the file has them in the columns' order.
        community.set_answer(
            "member_conversations",
            Answer::Records(vec![row(&[
                ("core_group", "maybe"),
                ("who", "Ana Reyes"),
                ("date", "2026-09-03"),
                ("issues", "Night crossings in fog"),
                ("meets_others", "rarely"),
                ("would_help", "yes"),
                ("follow_up", "Send her the crossing log"),
            ])]),
        );
        community.set_answer(
            "critical_connections",
            Answer::Items(vec!["Ana, to the harbour pilots".into()]),
        );
        community.set_answer(
            "launch_way",
            Answer::Text("start working on one issue and let it attract others".into()),
        );
        community.set_answer(
            "scouting_parties",
            Answer::Records(vec![row(&[
                ("name", "Fog"),
                ("members", "Ana, Ben"),
                ("explores", "How other ports run night crossings"),
                ("report_back", "2027-01-15"),
            ])]),
        );
        community.set_answer(
            "learning_log",
            Answer::Records(vec![row(&[
                ("date", "2026-10-01"),
                ("problem", "Radar blind spot at the pier"),
                ("party", "Fog"),
            ])]),
        );
        community.set_answer(
            "people",
            Answer::Records(vec![row(&[
                ("name", "Ana Reyes"),
                ("role", "coordinator"),
                ("weaver", "yes"),
            ])]),
        );
        community.set_answer("next_basecamp", Answer::Text("2027-03-04".into()));
        community.set_rating(
            "facilitation_trust",
            Rating {
                value: Some(RatingValue::Partly),
                comment: "The pilots hold back".into(),
            },
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
        at("critical_connections = [\n    \"Ana, to the harbour pilots\",\n]\n"),
        at("launch_way = \"start working on one issue and let it attract others\"\n"),
        at("next_basecamp = \"2027-03-04\"\n"),
        at("[[answers.people]]\nname = \"Ana Reyes\"\nrole = \"coordinator\"\nweaver = \"yes\"\n"),
        at(
            "[[answers.member_conversations]]\nwho = \"Ana Reyes\"\ndate = \"2026-09-03\"\n\
             issues = \"Night crossings in fog\"\nmeets_others = \"rarely\"\nwould_help = \"yes\"\n\
             core_group = \"maybe\"\nfollow_up = \"Send her the crossing log\"\n",
        ),
        at(
            "[[answers.learning_log]]\ndate = \"2026-10-01\"\nproblem = \"Radar blind spot at the pier\"\nparty = \"Fog\"\n",
        ),
        at(
            "[[answers.scouting_parties]]\nname = \"Fog\"\nmembers = \"Ana, Ben\"\n\
             explores = \"How other ports run night crossings\"\nreport_back = \"2027-01-15\"\n",
        ),
        at(
            "[ratings.facilitation_trust]\nrating = \"partly\"\ncomment = \"The pilots hold back\"\n",
        ),
    ];
    assert!(order.is_sorted(), "the walk's order:\n{text}");
    assert!(
        check_text(&text, guide).is_empty(),
        "{:#?}",
        check_text(&text, guide)
    );

    let mut reloaded = store.load(&loaded.path).unwrap();
    assert_eq!(reloaded.community(), &community);
    store.save(&mut reloaded, guide).unwrap();
    assert_eq!(std::fs::read_to_string(&loaded.path).unwrap(), text);
}

const HAND_WRITTEN: &str = r#"schema_version = 1
name = "Ferry crews"
created = 2026-09-01T09:00:00Z
updated = 2026-09-01T09:00:00Z

[answers]
launch_way = "a launch event"   # decided at the first coffee

# Everyone we talked to in September.
[[answers.member_conversations]]
who = "Ana Reyes"
date = "the week after the regatta"
core_group = "probably"          # her words
shift = "nights"                 # a key of our own

[[answers.scouting_parties]]
name = "Fog"
report_back = "2027-13-01"
"#;

/// A hand-written file: a date nobody can read, a core-group answer in the facilitator's own
/// words, a key convene does not know and comments. `check` points at each line it cannot
/// read; an edit elsewhere saves without touching any of it.
#[test]
fn a_hand_written_launch_table_keeps_its_words_and_check_says_where() {
    let guide = Guide::builtin();
    let problems = check_text(HAND_WRITTEN, guide);
    let line_of = |needle: &str| {
        HAND_WRITTEN[..HAND_WRITTEN.find(needle).unwrap()]
            .matches('\n')
            .count()
            + 1
    };
    let dates: Vec<_> = problems
        .iter()
        .filter(|p| p.message.contains("date"))
        .collect();
    assert!(
        dates
            .iter()
            .any(|p| p.line == line_of("date = \"the week after")),
        "{problems:#?}"
    );
    assert!(
        dates
            .iter()
            .any(|p| p.line == line_of("report_back = \"2027-13-01\"")),
        "{problems:#?}"
    );
    assert!(
        problems.iter().all(|p| p.severity != Severity::Error),
        "nothing here stops the file opening: {problems:#?}"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ferry-crews.toml");
    std::fs::write(&path, HAND_WRITTEN).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut loaded = store.load(&path).unwrap();
    loaded
        .community_mut()
        .set_answer("launch_visibility", Answer::Text("Quiet.".into()));
    store.save(&mut loaded, guide).unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    for kept in [
        "launch_way = \"a launch event\"   # decided at the first coffee\n",
        "# Everyone we talked to in September.\n",
        "date = \"the week after the regatta\"\n",
        "core_group = \"probably\"          # her words\n",
        "shift = \"nights\"                 # a key of our own\n",
        "report_back = \"2027-13-01\"\n",
        "launch_visibility = \"Quiet.\"\n",
    ] {
        assert!(saved.contains(kept), "{kept:?} kept in\n{saved}");
    }
}
