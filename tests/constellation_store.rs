//! Constellations in the data folder: a split and a sibling added lose nothing of the original
//! and give every new community its own name and file; links follow convene's renames and say
//! when a member was moved or removed by hand; the overview counts what it should.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use convene::community::{Answer, Rating, RatingValue, Record, Scalar};
use convene::constellation::overview::Found;
use convene::constellation::{learning, split};
use convene::guide::Guide;
use convene::store::{Entry, Store, StoreError};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    "2026-12-02T10:00:00Z".parse().unwrap()
}

fn row(cells: &[(&str, &str)]) -> Record {
    let mut r = Record::new();
    for (k, v) in cells {
        r.insert(k.to_string(), Scalar::Text(v.to_string()));
    }
    r
}

/// A community with Define answers, a sponsor, a rating, people and a log.
fn original(store: &Store) -> std::path::PathBuf {
    let guide = Guide::builtin();
    let mut loaded = store.create("Policy network", guide).unwrap();
    let c = loaded.community_mut();
    c.set_answer(
        "primary_purpose",
        Answer::Text("Research that counts.".into()),
    );
    c.set_answer("members", Answer::Text("Researchers and partners.".into()));
    c.set_answer("sponsor", Answer::Text("The institute's director.".into()));
    c.set_answer("cadence", Answer::Text("monthly".into()));
    c.set_rating(
        "domain_identity",
        Rating {
            value: Some(RatingValue::Partly),
            comment: "Too broad".into(),
        },
    );
    c.set_answer(
        "people",
        Answer::Records(vec![row(&[("name", "Nadia"), ("role", "coordinator")])]),
    );
    c.set_note("purpose", "From the first workshop.");
    c.touch();
    store.save(&mut loaded, guide).unwrap();
    loaded.path
}

fn entries(store: &Store) -> Vec<Entry> {
    store.list(Guide::builtin()).unwrap()
}

#[test]
fn a_split_carries_the_chosen_answers_and_leaves_the_original_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let guide = Guide::builtin();
    let path = original(&store);
    let before = fs::read(&path).unwrap();

    let source = store.load(&path).unwrap();
    let choices = split::choices(source.community(), guide);
    let labels: Vec<(&str, bool)> = choices.iter().map(|c| (c.label.as_str(), c.on)).collect();
    assert_eq!(labels[0], ("Define", true), "{labels:?}");
    assert_eq!(labels[1], ("The sponsor", true), "{labels:?}");
    assert!(labels[2..].iter().all(|(_, on)| !on), "{labels:?}");
    let carry = split::carried(&choices);

    let topics = ["Housing".to_string(), "Citizenship".to_string()];
    let made = store.split(&path, &topics, &carry, guide, now()).unwrap();
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "the original is untouched"
    );
    assert_eq!(made.created.len(), 2);
    assert_eq!(
        made.constellation,
        dir.path().join("policy-network.constellation.toml")
    );

    let housing = store.load(&made.created[0]).unwrap();
    let c = housing.community();
    assert_eq!(c.name, "Housing");
    assert_eq!(
        c.answers.get("primary_purpose"),
        Some(&Answer::Text("Research that counts.".into()))
    );
    assert!(c.answers.contains_key("members"));
    assert!(c.answers.contains_key("sponsor"), "the sponsor is carried");
    assert!(
        !c.answers.contains_key("cadence"),
        "not chosen, not carried"
    );
    assert!(!c.answers.contains_key("people"));
    assert!(c.ratings.is_empty());
    assert_eq!(
        c.notes.get("purpose").map(String::as_str),
        Some("From the first workshop.")
    );

    let constellation = store.load_constellation(&made.constellation).unwrap();
    let c = constellation.constellation();
    assert_eq!(c.name, "Policy network");
    assert_eq!(c.shared_purpose, "Research that counts.");
    let members: Vec<(&str, &str)> = c
        .members
        .iter()
        .map(|m| (m.file.as_str(), m.name.as_str()))
        .collect();
    assert_eq!(
        members,
        [
            ("policy-network.toml", "Policy network"),
            ("housing.toml", "Housing"),
            ("citizenship.toml", "Citizenship"),
        ]
    );
    let grouped = store.grouped(&entries(&store));
    assert_eq!(grouped.len(), 1);
    assert_eq!(grouped[0].members.len(), 3);
    assert_eq!(grouped[0].broken, 0);
}

#[test]
fn a_second_split_joins_the_same_constellation_and_names_stay_unique() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let guide = Guide::builtin();
    let path = original(&store);
    let carry = BTreeSet::from(["primary_purpose".to_string()]);
    let first = store
        .split(&path, &["Housing".to_string()], &carry, guide, now())
        .unwrap();
    // A file of the next name already there (not a community of that name): a fresh file.
    fs::write(dir.path().join("resilience.toml"), "not a community").unwrap();
    let second = store
        .split(&path, &["Resilience".to_string()], &carry, guide, now())
        .unwrap();
    assert_eq!(second.constellation, first.constellation);
    assert_eq!(second.created, [dir.path().join("resilience-2.toml")]);
    assert_eq!(
        fs::read_to_string(dir.path().join("resilience.toml")).unwrap(),
        "not a community"
    );
    let c = store.load_constellation(&first.constellation).unwrap();
    assert_eq!(c.constellation().members.len(), 3);

    // A name a community already has, in another case, or twice: refused, nothing written.
    let files = fs::read_dir(dir.path()).unwrap().count();
    for topics in [
        vec!["housing".to_string()],
        vec!["Devolution".to_string(), "DEVOLUTION ".to_string()],
    ] {
        let err = store
            .split(&path, &topics, &carry, guide, now())
            .unwrap_err();
        assert!(matches!(err, StoreError::Refused(_)), "{err}");
    }
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), files);
}

#[test]
fn a_sibling_joins_an_existing_constellation() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let guide = Guide::builtin();
    let path = original(&store);
    let made = store
        .split(
            &path,
            &["Housing".to_string()],
            &BTreeSet::new(),
            guide,
            now(),
        )
        .unwrap();
    let added = store
        .add_sibling(&made.constellation, "Devolution", guide)
        .unwrap();
    assert_eq!(added, dir.path().join("devolution.toml"));
    assert_eq!(store.load(&added).unwrap().community().name, "Devolution");
    let c = store.load_constellation(&made.constellation).unwrap();
    let last = c.constellation().members.last().unwrap();
    assert_eq!(
        (last.file.as_str(), last.name.as_str()),
        ("devolution.toml", "Devolution")
    );
    assert!(matches!(
        store.add_sibling(&made.constellation, "Housing", guide),
        Err(StoreError::Refused(_))
    ));
}

#[test]
fn a_rename_in_convene_moves_the_link_and_a_move_by_hand_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let guide = Guide::builtin();
    let path = original(&store);
    let made = store
        .split(
            &path,
            &["Housing".to_string(), "Citizenship".to_string()],
            &BTreeSet::new(),
            guide,
            now(),
        )
        .unwrap();

    // Renamed by convene: the constellation follows.
    let mut housing = store.load(&made.created[0]).unwrap();
    let old = housing.path.clone();
    store
        .rename(&mut housing, "Housing and welfare", guide)
        .unwrap();
    store
        .follow_rename(&old, &housing.path, "Housing and welfare")
        .unwrap();
    let c = store.load_constellation(&made.constellation).unwrap();
    assert_eq!(
        c.constellation().members[1].file,
        "housing-and-welfare.toml"
    );
    assert_eq!(c.constellation().members[1].name, "Housing and welfare");

    // Moved by hand: found again by its name, said, and written back when repaired.
    fs::rename(
        dir.path().join("citizenship.toml"),
        dir.path().join("topic-citizenship.toml"),
    )
    .unwrap();
    // Removed by hand: missing, and kept in the file.
    fs::remove_file(dir.path().join("housing-and-welfare.toml")).unwrap();
    let listing = entries(&store);
    let (_, overview) = store.overview(&made.constellation, guide, today()).unwrap();
    let found: Vec<&Found> = overview.rows.iter().map(|r| &r.found).collect();
    assert_eq!(found, [&Found::Here, &Found::Missing, &Found::Moved]);
    assert_eq!(overview.broken_links(), 2);

    let text = fs::read_to_string(&made.constellation).unwrap();
    let problems = convene::constellation::check_members(
        &convene::constellation::ConstellationFile::parse(&text).unwrap(),
        &listing,
        &[],
    );
    let said: Vec<String> = problems
        .iter()
        .map(|p| format!("{}: {}", p.line, p.message))
        .collect();
    assert_eq!(said.len(), 2, "{said:#?}");
    assert!(
        said[0].contains(
            "housing-and-welfare.toml (listed as \"Housing and welfare\") is not in the folder"
        ),
        "{said:#?}"
    );
    assert!(
        said[1].contains("a community of that name is in topic-citizenship.toml"),
        "{said:#?}"
    );

    let mut c = store.load_constellation(&made.constellation).unwrap();
    let changed = store.repair_links(&mut c, &listing).unwrap();
    assert_eq!(changed, ["citizenship.toml is now topic-citizenship.toml"]);
    let c = store.load_constellation(&made.constellation).unwrap();
    let files: Vec<&str> = c
        .constellation()
        .members
        .iter()
        .map(|m| m.file.as_str())
        .collect();
    assert_eq!(
        files,
        [
            "policy-network.toml",
            "housing-and-welfare.toml",
            "topic-citizenship.toml"
        ],
        "the missing member is kept, never dropped"
    );
}

#[test]
fn the_overview_counts_bridges_weavers_overdue_steps_and_due_follow_ups() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let guide = Guide::builtin();
    let path = original(&store);
    let made = store
        .split(
            &path,
            &["Housing".to_string()],
            &BTreeSet::new(),
            guide,
            now(),
        )
        .unwrap();
    let mut housing = store.load(&made.created[0]).unwrap();
    let c = housing.community_mut();
    c.set_answer(
        "people",
        Answer::Records(vec![
            row(&[("name", " nadia "), ("weaver", "yes")]),
            row(&[("name", "Paul")]),
        ]),
    );
    c.set_answer(
        "momentum_plan",
        Answer::Records(vec![
            row(&[
                ("step", "Book a room"),
                ("due", "2026-11-20"),
                ("status", "to do"),
            ]),
            row(&[
                ("step", "Done already"),
                ("due", "2026-11-01"),
                ("status", "done"),
            ]),
            row(&[("step", "Invite"), ("due", "2026-12-20")]),
        ]),
    );
    c.set_answer(
        "learning_log",
        Answer::Records(vec![
            row(&[
                ("date", "2026-11-10"),
                ("problem", "Ethics approval"),
                ("follow_up", "2026-12-01"),
            ]),
            row(&[
                ("date", "2026-10-01"),
                ("problem", "Bids"),
                ("follow_up", "2026-11-01"),
                ("outcome", "Won one"),
            ]),
        ]),
    );
    c.touch();
    store.save(&mut housing, guide).unwrap();

    let (_, overview) = store.overview(&made.constellation, guide, today()).unwrap();
    assert_eq!(overview.rows[1].overdue, 1);
    assert_eq!(
        overview.rows[1].next_step.as_ref().unwrap().step,
        "Book a room"
    );
    assert_eq!(overview.bridges.len(), 1);
    assert_eq!(overview.bridges[0].name, "Nadia");
    assert_eq!(overview.bridges[0].communities, [0, 1]);
    assert!(overview.bridges[0].weaver);
    assert_eq!(overview.groups.len(), overview.rows[0].verdicts.len());

    let across = learning::across(&overview, today());
    let problems: Vec<(&str, bool)> = across.iter().map(|e| (e.problem.as_str(), e.due)).collect();
    assert_eq!(
        problems,
        [("Bids", false), ("Ethics approval", true)],
        "in date order"
    );

    // Shared with another community: written into the entry's own row.
    store
        .share_learning(&made.created[0], &across[1], "Policy network", guide)
        .unwrap();
    let text = fs::read_to_string(&made.created[0]).unwrap();
    assert!(text.contains("shared_with = \"Policy network\""), "{text}");
    // The community's own charter shows the column once an entry fills it.
    let shared = store.load(&made.created[0]).unwrap();
    let md = convene::export::render(
        shared.community(),
        guide,
        convene::export::Format::Markdown,
        convene::export::Options::default(),
    );
    assert!(md.contains("| Shared with |"), "{md}");
    assert!(md.contains("| Policy network |"), "{md}");
    let again = store.share_learning(&made.created[0], &across[1], "policy network", guide);
    assert!(matches!(again, Err(StoreError::Refused(_))));
    assert!(!Path::new(&dir.path().join("exports")).exists());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_link_out_named_like_a_constellation_is_listed_unreadable_or_never_written() {
    use convene::store::ConstellationEntry;
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let fifo = dir.path().join("pipe.constellation.toml");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let elsewhere = outside.path().join("real.constellation.toml");
    let text = "schema_version = 1\nkind = \"constellation\"\nname = \"Out\"\n\n[[communities]]\nfile = \"a.toml\"\nname = \"A\"\n";
    fs::write(&elsewhere, text).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.path().join("out.constellation.toml")).unwrap();
    fs::write(
        dir.path().join("b.toml"),
        "schema_version = 1\nname = \"A\"\ncreated = 2026-11-01T10:00:00Z\nupdated = 2026-11-01T10:00:00Z\n",
    )
    .unwrap();

    // Listed without waiting on the pipe.
    let listed = store.constellations();
    assert_eq!(listed.len(), 2);
    assert!(matches!(&listed[1], ConstellationEntry::Unreadable { path, .. } if path == &fifo));
    // The link's member moved (to b.toml, by its name); repairing would write through the
    // link out of the folder: refused, and the file outside is as it was.
    let ConstellationEntry::Readable(c) = &listed[0] else {
        panic!("{listed:?}")
    };
    let mut c = (**c).clone();
    let err = store.repair_links(&mut c, &entries(&store)).unwrap_err();
    assert!(matches!(err, StoreError::LinkOutside(..)), "{err}");
    assert_eq!(fs::read_to_string(&elsewhere).unwrap(), text);
}
