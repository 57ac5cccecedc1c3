//! `convene check` says everything wrong with a file in one run: every error, each at its own
//! line and column, and every warning, in file order, even when an error keeps the file from
//! opening. Its errors are exactly the files the loader refuses (so `check`, `list` and the app
//! agree), and keys convene does not know stay where the facilitator wrote them.

mod common;

use std::fs;
use std::path::Path;

use convene::community::{Answer, CommunityFile, Problem, Scalar, Severity, check_text};
use convene::guide::Guide;
use convene::store::{Entry, Store};

use common::convene;

const HEAD: &str = "schema_version = 1\nname = \"All\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n";

/// A file with problems of every kind at once (its line numbers are in the test below).
const MANY: &str = r#"schema_version = "one"
name = 42
created = "yesterday"
mystery = true
"odd\u001b[2J" = 1

[answers]
primary_purpos = "typo"
clear_group = "yes"
primary_purpose = { a = 1 }

[[answers.people]]
name = "Ada"
badge = 7

[[answers.momentum_plan]]
step = "Meet"
due = "blursday"

[ratings.clear_group]
rating = "maybe"
confidence = "high"

[notes]
nowhere = "x"
nowhere = "y"

[workshop]
votes_per_person = -1
room = "B2"

[[workshop.cards]]
question = "primary_purpse"
colour = "yellow"

[[workshop.log]]
at = "noon"
kind = "agreed"
text = 3

[[workshop.parking_lot]]
text = "x"
"#;

use Severity::{Error as E, Warning as W};

fn found(problems: &[Problem]) -> Vec<(Severity, usize, usize)> {
    problems
        .iter()
        .map(|p| (p.severity, p.line, p.column))
        .collect()
}

#[test]
fn every_problem_of_a_file_is_reported_at_its_place_in_one_run() {
    let problems = check_text(MANY, Guide::builtin());
    let expected: &[(Severity, usize, usize, &str)] = &[
        (E, 1, 1, "missing `updated`"),
        (E, 1, 18, "`schema_version` must be a whole number"),
        (E, 2, 8, "`name` must be text in quotes"),
        (E, 3, 11, "`created` must be a date and time with a zone"),
        (W, 4, 1, "`mystery` is not a key convene knows"),
        (W, 5, 1, "is not a key convene knows"),
        (W, 8, 1, "the guide has no question `primary_purpos`"),
        (W, 9, 1, "`clear_group` is a statement to rate"),
        (
            W,
            10,
            1,
            "kept as written: `answers.primary_purpose` holds a table",
        ),
        (
            W,
            14,
            1,
            "answer `people`, row 1: `badge` is not one of its columns",
        ),
        (W, 18, 7, "\"blursday\" is not a date"),
        (W, 21, 10, "the rating \"maybe\""),
        (W, 22, 1, "rating `clear_group`: `confidence` is not a key"),
        (W, 25, 1, "no notes area `nowhere`"),
        (
            E,
            26,
            1,
            "`nowhere` is defined twice in the same table (first at line 25)",
        ),
        (
            E,
            29,
            20,
            "`votes_per_person` in [workshop] must be a whole number",
        ),
        (W, 30, 1, "[workshop]: `room` is not a key convene knows"),
        (E, 32, 1, "workshop card 1 has no `text`"),
        (W, 33, 1, "workshop card 1 is under `primary_purpse`"),
        (
            W,
            34,
            1,
            "workshop card 1: `colour` is not a key convene knows",
        ),
        (E, 37, 6, "log entry 1: `at` must be a date and time"),
        (
            E,
            38,
            8,
            "log entry 1: `kind` must be covered, decided or note",
        ),
        (E, 39, 8, "log entry 1: `text` must be text in quotes"),
        (E, 41, 1, "parking-lot item 1 has no `added`"),
    ];
    assert_eq!(
        found(&problems),
        expected
            .iter()
            .map(|&(s, l, c, _)| (s, l, c))
            .collect::<Vec<_>>(),
        "{problems:#?}"
    );
    for (problem, (_, _, _, words)) in problems.iter().zip(expected) {
        assert!(problem.message.contains(words), "{problem:?}: {words}");
    }
    // Plain words, never Rust's debug output.
    for p in &problems {
        for debug in ["Some(", "None", "Err(", "Ok(", "Located", "\\\""] {
            assert!(!p.message.contains(debug), "{p:?}");
        }
    }
    // The loader refuses it at the first problem it meets, which is all `check` said before:
    // the key defined twice, since TOML is read first.
    let err = CommunityFile::parse(MANY).unwrap_err();
    let at = err.location().unwrap();
    assert_eq!((at.line, at.column), (26, 1), "{err}");
}

#[test]
fn keys_defined_twice_are_all_named_and_the_rest_is_still_checked() {
    let text = "schema_version = 1\nname = \"D\"\nname = \"E\"\ncreated = \"never\"\nupdated = 2026-01-01T00:00:00Z\n\n[answers]\nprimary_purpose = \"a\"\nprimary_purpose = \"b\"\n\n[answers]\nmembers = \"c\"\n\n[ratings.clear_group]\nrating = \"yes\"\n[ratings.clear_group]\nrating = \"no\"\n\n[[workshop.cards]]\nquestion = \"primary_purpose\"\n";
    let problems = check_text(text, Guide::builtin());
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        found(&problems),
        [
            (E, 3, 1),
            (E, 4, 11),
            (E, 9, 1),
            (E, 11, 2),
            (E, 16, 10),
            (E, 19, 1)
        ],
        "{messages:#?}"
    );
    assert!(messages[0].contains("`name` is defined twice in the same table (first at line 2)"));
    assert!(messages[1].contains("`created` must be a date and time"));
    assert!(messages[2].contains("`primary_purpose` is defined twice"));
    assert!(messages[3].contains("[answers] defines `answers` again (first at line 7)"));
    assert!(
        messages[4].contains("(first at line 14)"),
        "{}",
        messages[4]
    );
    assert!(messages[5].contains("workshop card 1 has no `text`"));

    // The loader refuses the file at the first of them, as it always has.
    let err = CommunityFile::parse(text).unwrap_err();
    let at = err.location().unwrap();
    assert_eq!((at.line, at.column), (3, 1), "{err}");
}

#[test]
fn the_exit_status_is_one_with_an_error_and_zero_with_warnings_alone() {
    let dir = tempfile::tempdir().unwrap();
    let many = dir.path().join("many.toml");
    fs::write(&many, MANY).unwrap();
    let out = convene(dir.path())
        .arg("check")
        .arg(&many)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let name = many.display().to_string();
    let lines: Vec<&str> = stdout.lines().collect();
    let problems = check_text(MANY, Guide::builtin());
    assert_eq!(lines.len(), problems.len(), "{stdout}");
    for (line, p) in lines.iter().zip(&problems) {
        let label = if p.severity == E { "error" } else { "warning" };
        let start = format!("{name}:{}:{}: {label}: ", p.line, p.column);
        assert!(line.starts_with(&start), "{line}\n{start}");
    }
    // The key's escape is shown, never sent to the terminal.
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(stdout.contains("`odd\\u{1b}[2J`"), "{stdout}");

    let warned = dir.path().join("warned.toml");
    let text = format!("{HEAD}mine = 1\n\n[answers]\nprimary_purpos = \"typo\"\n");
    fs::write(&warned, &text).unwrap();
    let out = convene(dir.path())
        .arg("check")
        .arg(&warned)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(
        stdout.contains("warned.toml:5:1: warning: `mine`"),
        "{stdout}"
    );
    assert!(stdout.contains("warned.toml:8:1: warning: the guide has no question"));
}

/// Files of one problem each (and some of none, or of warnings only): (what, text).
fn cases() -> Vec<(&'static str, String)> {
    let head = |from: &str, to: &str| HEAD.replace(from, to);
    vec![
        ("fine", HEAD.to_string()),
        (
            "newer, readable",
            head("schema_version = 1", "schema_version = 2"),
        ),
        (
            "newer, unreadable",
            head("schema_version = 1", "schema_version = 2").replace("\"All\"", "3"),
        ),
        (
            "warnings only",
            format!("{HEAD}mine = 1\n[notes]\nnowhere = \"x\"\n"),
        ),
        (
            "language not a tag",
            format!("{HEAD}language = \"fr_FR\"\n"),
        ),
        ("language a number", format!("{HEAD}language = 33\n")),
        ("no schema_version", head("schema_version = 1\n", "")),
        (
            "schema_version text",
            head("schema_version = 1", "schema_version = \"1\""),
        ),
        (
            "schema_version 0",
            head("schema_version = 1", "schema_version = 0"),
        ),
        ("name missing", head("name = \"All\"\n", "")),
        ("name a number", head("name = \"All\"", "name = 3")),
        (
            "created missing",
            head("created = 2026-01-01T00:00:00Z\n", ""),
        ),
        (
            "updated a date only",
            head("updated = 2026-01-01T00:00:00Z", "updated = 2026-01-01"),
        ),
        ("answers not a table", format!("{HEAD}answers = 3\n")),
        ("ratings not a table", format!("{HEAD}ratings = \"x\"\n")),
        ("notes not a table", format!("{HEAD}notes = [1]\n")),
        ("workshop not a table", format!("{HEAD}workshop = 5\n")),
        ("cards not a list", format!("{HEAD}[workshop]\ncards = 3\n")),
        (
            "cards of mixed things",
            format!("{HEAD}[workshop]\ncards = [{{ question = \"x\", text = \"y\" }}, 3]\n"),
        ),
        (
            "votes not a count",
            format!("{HEAD}[workshop]\nvotes_per_person = \"3\"\n"),
        ),
        (
            "card without text",
            format!("{HEAD}[[workshop.cards]]\nquestion = \"primary_purpose\"\n"),
        ),
        (
            "card with dots as text",
            format!(
                "{HEAD}[[workshop.cards]]\nquestion = \"primary_purpose\"\ntext = \"x\"\ndots = \"two\"\n"
            ),
        ),
        (
            "parked without added",
            format!("{HEAD}[[workshop.parking_lot]]\ntext = \"x\"\n"),
        ),
        (
            "log of an unknown kind",
            format!(
                "{HEAD}[[workshop.log]]\nat = 2026-12-01T14:10:00Z\nkind = \"agreed\"\ntext = \"x\"\n"
            ),
        ),
        (
            "a key twice",
            format!("{HEAD}[answers]\nmembers = \"a\"\nmembers = \"b\"\n"),
        ),
        ("a table twice", format!("{HEAD}[notes]\n[notes]\n")),
        (
            "a rating twice",
            format!("{HEAD}[ratings.clear_group]\nrating = \"yes\"\n[ratings.clear_group]\n"),
        ),
        (
            "a text extended",
            format!("{HEAD}mine = \"x\"\nmine.more = 1\n"),
        ),
        ("not TOML", format!("{HEAD}[answers\n")),
        ("everything at once", MANY.to_string()),
    ]
}

/// For every case: `check` reports an error exactly when the loader refuses the file (and at
/// the place the loader names), `list` shows it as unreadable, and the binary exits 1.
#[test]
fn check_errors_are_exactly_the_files_the_loader_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let cases = cases();
    for (n, (_, text)) in cases.iter().enumerate() {
        fs::write(dir.path().join(format!("case-{n:02}.toml")), text).unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let listed = store.list(Guide::builtin()).unwrap();
    let mut refused = 0;
    for (n, (what, text)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("case-{n:02}.toml"));
        let problems = check_text(text, Guide::builtin());
        let errors: Vec<(usize, usize)> = problems
            .iter()
            .filter(|p| p.severity == E)
            .map(|p| (p.line, p.column))
            .collect();
        let parsed = CommunityFile::parse(text);
        let loaded = store.load(&path);
        assert_eq!(parsed.is_err(), loaded.is_err(), "{what}");
        assert_eq!(!errors.is_empty(), parsed.is_err(), "{what}: {problems:#?}");
        if let Err(err) = &parsed {
            refused += 1;
            let at = err.location().expect("a refusal has a place");
            assert!(
                errors.contains(&(at.line, at.column)),
                "{what}: the loader says {err}, check says {problems:#?}"
            );
        }
        let unreadable = listed.iter().any(
            |e| matches!(e, Entry::Unreadable { path: p, .. } if p.file_name() == path.file_name()),
        );
        assert_eq!(unreadable, parsed.is_err(), "{what}: {listed:?}");
        let status = convene(dir.path())
            .arg("check")
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(
            status.status.code(),
            Some(i32::from(parsed.is_err())),
            "{what}"
        );
    }
    assert_eq!(refused, cases.len() - 4, "all but four cases are refused");
}

/// A file from a newer convene that this one can read opens read-only, so `check` warns; one it
/// cannot read is an error, and what it cannot read follows.
#[test]
fn a_newer_file_is_a_warning_when_it_opens_and_an_error_when_it_does_not() {
    let newer = HEAD.replace("schema_version = 1", "schema_version = 2");
    let problems = check_text(&newer, Guide::builtin());
    assert_eq!(found(&problems), [(W, 1, 18)], "{problems:#?}");
    assert!(
        problems[0].message.contains("opens read-only"),
        "{problems:#?}"
    );
    assert!(CommunityFile::parse(&newer).unwrap().is_read_only());

    let broken = newer.replace("\"All\"", "3");
    let problems = check_text(&broken, Guide::builtin());
    assert_eq!(found(&problems), [(E, 1, 18), (E, 2, 8)], "{problems:#?}");
    assert!(problems[0].message.contains("update convene to open it"));
    assert!(
        problems[1]
            .message
            .contains("`name` must be text in quotes")
    );
}

/// A file written by hand, with keys convene does not know (and comments about them) at the
/// top, in `[answers]`, in a table answer's row, in `[workshop]` and in a card.
const HAND: &str = r#"schema_version = 1
name = "Round trip"
created = 2026-01-01T00:00:00Z
updated = 2026-01-01T00:00:00Z
# the sponsor's own code
sponsor_code = "X-17"   # do not remove

[answers]
primary_purpose = "Old words"
# a question from a newer guide
future_question = "kept" # mine

# the first person
[[answers.people]]
name = "Ada"
# badge number, for the front desk
badge = 42   # Ada's
role = "coordinator"

[[answers.people]]
name = "Bo"

[workshop]
room = "B2"   # where we meet
votes_per_person = 3

[[workshop.cards]]
question = "primary_purpose"
# the colour of the sticky note
colour = "yellow"   # by hand
text = "Share cases"

# Zoë's reminders
[zoe]
next = "Book the room"
"#;

fn save_after(dir: &Path, edit: impl FnOnce(&mut convene::community::Community)) -> String {
    let path = dir.join("hand.toml");
    fs::write(&path, HAND).unwrap();
    let store = Store::open(dir).unwrap();
    let mut loaded = store.load(&path).unwrap();
    edit(loaded.community_mut());
    store.save(&mut loaded, Guide::builtin()).unwrap();
    fs::read_to_string(&path).unwrap()
}

#[test]
fn unknown_keys_stay_where_they_were_written_with_their_comments() {
    let dir = tempfile::tempdir().unwrap();
    // Another answer edited: only its line changes.
    let saved = save_after(dir.path(), |c| {
        c.set_answer("primary_purpose", Answer::Text("New words".into()))
    });
    assert_eq!(saved, HAND.replace("Old words", "New words"));

    // The row holding an unknown key edited (a cell changed, a column added), and the card
    // holding one voted on: they stay at their lines, with their comments.
    let saved = save_after(dir.path(), |c| {
        let Some(Answer::Records(rows)) = c.answers.get_mut("people") else {
            panic!("people");
        };
        rows[0].insert("name".into(), Scalar::Text("Ada L.".into()));
        rows[0].insert("participation".into(), Scalar::Text("core".into()));
        c.workshop.cards[0].dots = 2;
    });
    let expected = HAND
        .replace("name = \"Ada\"", "name = \"Ada L.\"")
        .replace(
            "role = \"coordinator\"\n",
            "role = \"coordinator\"\nparticipation = \"core\"\n",
        )
        .replace(
            "text = \"Share cases\"\n",
            "text = \"Share cases\"\ndots = 2\n",
        );
    assert_eq!(saved, expected);

    // A row added before the one holding the unknown key, and the other row removed.
    let saved = save_after(dir.path(), |c| {
        let Some(Answer::Records(rows)) = c.answers.get_mut("people") else {
            panic!("people");
        };
        rows.pop();
        let new =
            convene::community::Record::from([("name".to_string(), Scalar::Text("Cy".into()))]);
        rows.insert(0, new);
    });
    let expected = HAND
        .replace(
            "# the first person\n",
            "[[answers.people]]\nname = \"Cy\"\n\n# the first person\n",
        )
        .replace("[[answers.people]]\nname = \"Bo\"\n\n", "");
    assert_eq!(saved, expected);
}

#[test]
fn check_warns_about_each_unknown_key_at_its_line() {
    let problems = check_text(HAND, Guide::builtin());
    let warned: Vec<(Severity, usize, usize)> = found(&problems);
    assert_eq!(
        warned,
        [
            (W, 6, 1),
            (W, 11, 1),
            (W, 17, 1),
            (W, 24, 1),
            (W, 30, 1),
            (W, 34, 2)
        ],
        "{problems:#?}"
    );
    for (p, key) in problems.iter().zip([
        "`sponsor_code`",
        "`future_question`",
        "`badge`",
        "`room`",
        "`colour`",
        "`zoe`",
    ]) {
        assert!(p.message.contains(key), "{p:?}: {key}");
    }
}

/// `language` is optional and set by hand: it is read as written, kept with its comment when
/// the file is saved, written after `name` when set through the library, and removed when
/// unset. `check` warns about a tag that is not well-formed (the
/// file still opens) and refuses a value that is not text.
#[test]
fn the_language_is_kept_as_written_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lang.toml");
    let text = HEAD.replace(
        "name = \"All\"\n",
        "name = \"All\"\nlanguage = 'pt-BR'   # Brazilian Portuguese\n",
    ) + "\n[answers]\nmembers = \"Enfermeiras\"\n";
    fs::write(&path, &text).unwrap();
    assert_eq!(check_text(&text, Guide::builtin()), []);
    let store = Store::open(dir.path()).unwrap();
    let mut loaded = store.load(&path).unwrap();
    assert_eq!(loaded.community().language.as_deref(), Some("pt-BR"));
    assert_eq!(loaded.community().language_tag(), Some("pt-BR"));
    loaded
        .community_mut()
        .set_answer("members", Answer::Text("Enfermeiras da ala 7".into()));
    store.save(&mut loaded, Guide::builtin()).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert_eq!(saved, text.replace("Enfermeiras", "Enfermeiras da ala 7"));

    loaded.community_mut().language = None;
    store.save(&mut loaded, Guide::builtin()).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(!saved.contains("language"), "{saved}");
    loaded.community_mut().language = Some("fr".into());
    store.save(&mut loaded, Guide::builtin()).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert_eq!(
        saved,
        text.replace("'pt-BR'   # Brazilian Portuguese", "\"fr\"")
            .replace("Enfermeiras", "Enfermeiras da ala 7")
    );
    assert_eq!(
        store.load(&path).unwrap().community().language.as_deref(),
        Some("fr")
    );

    let bad = format!("{HEAD}language = \"fr_FR\"\n");
    let problems = check_text(&bad, Guide::builtin());
    assert_eq!(found(&problems), [(W, 5, 12)], "{problems:#?}");
    assert!(
        problems[0].message.contains("`language` is \"fr_FR\""),
        "{problems:#?}"
    );
    let file = CommunityFile::parse(&bad).unwrap();
    assert_eq!(file.community.language.as_deref(), Some("fr_FR"));
    assert_eq!(file.community.language_tag(), None);

    let number = format!("{HEAD}language = 33\n");
    let problems = check_text(&number, Guide::builtin());
    assert_eq!(found(&problems), [(E, 5, 12)], "{problems:#?}");
    assert!(CommunityFile::parse(&number).is_err());
}
