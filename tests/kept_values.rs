//! A value written by hand in a shape its question cannot use is kept byte for byte: the app
//! opens the file, says on that question what is there and on which line, saves everything
//! else around it, and replaces it only when asked (Ctrl-R). `check`, `list` and the app agree
//! on whether each file opens.

mod common;
mod schema;

use std::fs;
use std::path::Path;
use std::time::Instant;

use convene::community::{Answer, RatingValue, Severity, check_text};
use convene::guide::Guide;
use convene::store::{Entry, Recovery, Store};
use convene::tui::App;
use crossterm::event::KeyCode;

use common::drive::{ctrl, on_disk, press, type_text, walk};

const HEAD: &str = "schema_version = 1\nname = \"Kept\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n\n";

/// Where a mis-shaped value is, and how a facilitator replaces it once allowed to.
#[derive(Clone, Copy)]
enum Place {
    /// An answer to the question with this id.
    Answer(&'static str),
    /// The rating of this statement.
    Rating(&'static str),
    /// The notes of this group.
    Notes(&'static str),
}

struct Case {
    what: &'static str,
    place: Place,
    /// Written after `HEAD`; `value` is somewhere in it, and must survive every save.
    body: &'static str,
    value: &'static str,
}

const CASES: &[Case] = &[
    Case {
        what: "rows where a text question takes text",
        place: Place::Answer("specific_needs"),
        body: "[[answers.specific_needs]]\nneed = \"handover\"\n\n[[answers.specific_needs]]\nneed = \"nights\"  # second\n",
        value: "[[answers.specific_needs]]\nneed = \"handover\"\n\n[[answers.specific_needs]]\nneed = \"nights\"  # second\n",
    },
    Case {
        what: "an inline table for text",
        place: Place::Answer("specific_needs"),
        body: "[answers]\nspecific_needs = { first = \"a\", second = 2 }\n",
        value: "specific_needs = { first = \"a\", second = 2 }\n",
    },
    Case {
        what: "a sub-table for text",
        place: Place::Answer("specific_needs"),
        body: "[answers.specific_needs]\nfirst = \"a\"\n",
        value: "[answers.specific_needs]\nfirst = \"a\"\n",
    },
    Case {
        what: "a sub-table with a table inside",
        place: Place::Answer("specific_needs"),
        body: "[answers.specific_needs]\nfirst = \"a\"\n\n[answers.specific_needs.deeper]\nx = 1\n",
        value: "[answers.specific_needs]\nfirst = \"a\"\n\n[answers.specific_needs.deeper]\nx = 1\n",
    },
    Case {
        what: "a number for text",
        place: Place::Answer("specific_needs"),
        body: "[answers]\nspecific_needs = 42   # the answer\n",
        value: "specific_needs = 42   # the answer\n",
    },
    Case {
        what: "true or false for a date",
        place: Place::Answer("next_meeting"),
        body: "[answers]\nnext_meeting = true\n",
        value: "next_meeting = true\n",
    },
    Case {
        what: "a list for a choice",
        place: Place::Answer("cadence"),
        body: "[answers]\ncadence = [\"weekly\", \"monthly\"]\n",
        value: "cadence = [\"weekly\", \"monthly\"]\n",
    },
    Case {
        what: "text for several choices",
        place: Place::Answer("activities"),
        body: "[answers]\nactivities = \"lunches, walks\"\n",
        value: "activities = \"lunches, walks\"\n",
    },
    Case {
        what: "a list of mixed things for several choices",
        place: Place::Answer("activities"),
        body: "[answers]\nactivities = [\"lunches\", 3, { walk = true }]\n",
        value: "activities = [\"lunches\", 3, { walk = true }]\n",
    },
    Case {
        what: "text for the people table",
        place: Place::Answer("people"),
        body: "[answers]\npeople = \"Ana, Ben and the night shift\"\n",
        value: "people = \"Ana, Ben and the night shift\"\n",
    },
    Case {
        what: "a sub-table for the plan's steps",
        place: Place::Answer("momentum_plan"),
        body: "[answers.momentum_plan]\nstep = \"Book the room\"\nowner = \"Zoë\"\n",
        value: "[answers.momentum_plan]\nstep = \"Book the room\"\nowner = \"Zoë\"\n",
    },
    Case {
        what: "a list of texts for the harvest targets",
        place: Place::Answer("harvest"),
        body: "[answers]\nharvest = [\"stories\", \"cases\"]\n",
        value: "harvest = [\"stories\", \"cases\"]\n",
    },
    Case {
        what: "rows holding a list, in the learning log",
        place: Place::Answer("learning_log"),
        body: "[[answers.learning_log]]\nproblem = \"Rotas\"\ntags = [\"nights\"]\n",
        value: "[[answers.learning_log]]\nproblem = \"Rotas\"\ntags = [\"nights\"]\n",
    },
    Case {
        what: "text for the conversations with potential members",
        place: Place::Answer("member_conversations"),
        body: "[answers]\nmember_conversations = \"talked to Ana\"  # see her again\n",
        value: "member_conversations = \"talked to Ana\"  # see her again\n",
    },
    Case {
        what: "a list of texts for the scouting parties",
        place: Place::Answer("scouting_parties"),
        body: "[answers]\nscouting_parties = [\"Fog\", \"Night watch\"]\n",
        value: "scouting_parties = [\"Fog\", \"Night watch\"]\n",
    },
    Case {
        what: "text for the sliders",
        place: Place::Answer("dimensions"),
        body: "[answers]\ndimensions = \"Practice 3 of 10\"\n",
        value: "dimensions = \"Practice 3 of 10\"\n",
    },
    Case {
        what: "a rating that is not a table",
        place: Place::Rating("domain_identity"),
        body: "[ratings]\ndomain_identity = \"yes\"\n",
        value: "domain_identity = \"yes\"\n",
    },
    Case {
        what: "a rating word convene does not know",
        place: Place::Rating("domain_identity"),
        body: "[ratings.domain_identity]\nrating = \"maybe\"\ncomment = \"Ask again\"\n",
        value: "[ratings.domain_identity]\nrating = \"maybe\"\ncomment = \"Ask again\"\n",
    },
    Case {
        what: "notes that are not text",
        place: Place::Notes("purpose"),
        body: "[notes]\npurpose = [\"ask\", \"the night shift\"]\n",
        value: "purpose = [\"ask\", \"the night shift\"]\n",
    },
];

fn app(dir: &Path) -> App {
    let store = Store::open(dir)
        .unwrap()
        .with_recovery(Recovery::in_dir(dir.join(".recovery")));
    App::new(store, Guide::builtin())
}

/// Tabs through the walk to `place`.
fn go_to(app: &mut App, place: Place, now: Instant) {
    for _ in 0..400 {
        let w = walk(app);
        let here = match (place, w.question()) {
            (Place::Answer(id) | Place::Rating(id), Some(q)) => q.id == id,
            (Place::Notes(group), None) => w.group().id == group && !w.is_summary(),
            _ => false,
        };
        if here {
            return;
        }
        press(app, KeyCode::Tab, now);
    }
    panic!("never reached the question");
}

fn kind_of(id: &str) -> &'static str {
    Guide::builtin().question(id).map_or("", |q| q.kind.name())
}

fn line_of(text: &str, snippet: &str) -> usize {
    let at = text.find(snippet).expect("the snippet is in the file");
    text[..at].matches('\n').count() + 1
}

#[test]
fn every_mis_shaped_value_survives_saves_says_where_it_is_and_is_replaced_only_when_asked() {
    for case in CASES {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kept.toml");
        let text = format!("{HEAD}{}", case.body);
        fs::write(&path, &text).unwrap();
        let line = line_of(&text, case.value);
        let now = Instant::now();
        let mut app = app(dir.path());
        app.open(&path)
            .unwrap_or_else(|e| panic!("{}: the app refuses the file: {e}", case.what));

        // Another answer edited and saved: the kept value is still there, byte for byte.
        type_text(&mut app, "Typed elsewhere", now);
        ctrl(&mut app, 's', now);
        let saved = fs::read_to_string(&path).unwrap();
        assert!(
            saved.contains(case.value),
            "{}: the value was changed by a save:\n{saved}",
            case.what
        );
        assert_eq!(
            on_disk(&path).answers.get("primary_purpose"),
            Some(&Answer::Text("Typed elsewhere".into())),
            "{}",
            case.what
        );

        // On its question: the notice, with the line; typing does not touch it.
        go_to(&mut app, case.place, now);
        let notice = walk(&app)
            .kept()
            .unwrap_or_else(|| panic!("{}: no notice on the question", case.what));
        let saved = fs::read_to_string(&path).unwrap();
        let line_now = line_of(&saved, case.value);
        assert!(
            notice.starts_with(&format!("Line {line_now} holds ")),
            "{}: {notice} (line {line} when written, {line_now} now)",
            case.what
        );
        assert!(notice.contains("convene keeps it as it is"), "{notice}");
        type_text(&mut app, "2 overwritten?", now);
        press(&mut app, KeyCode::Enter, now);
        assert!(
            app.status.text.contains("Ctrl-R"),
            "{}: {:?}",
            case.what,
            app.status
        );
        press(&mut app, KeyCode::Tab, now);
        press(&mut app, KeyCode::BackTab, now);
        ctrl(&mut app, 's', now);
        assert!(
            fs::read_to_string(&path).unwrap().contains(case.value),
            "{}: typing on the question replaced the value",
            case.what
        );

        // Ctrl-R, then a new answer: it replaces the value.
        ctrl(&mut app, 'r', now);
        assert!(walk(&app).kept().is_none(), "{}", case.what);
        match case.place {
            Place::Rating(_) => {
                press(&mut app, KeyCode::Char('1'), now);
            }
            Place::Answer(id) if kind_of(id) == "choice" => {
                // One choice: Enter takes the option under the cursor, the first.
                press(&mut app, KeyCode::Enter, now);
            }
            Place::Answer(id) if kind_of(id) == "slider" => {
                // The first row's dimension (Practice) is fixed: its position is typed.
                press(&mut app, KeyCode::Enter, now);
                type_text(&mut app, "7", now);
            }
            Place::Answer(id) if kind_of(id) == "choices" => {
                press(&mut app, KeyCode::End, now);
                type_text(&mut app, "New words\n", now);
            }
            _ => type_text(&mut app, "New words", now),
        }
        press(&mut app, KeyCode::Tab, now);
        let saved = fs::read_to_string(&path).unwrap();
        assert!(
            !saved.contains(case.value),
            "{}: the replaced value is still in the file:\n{saved}",
            case.what
        );
        let community = on_disk(&path);
        match case.place {
            Place::Answer(id) => {
                let answer = community.answers.get(id);
                let expected = match Guide::builtin().question(id) {
                    Some(q) if kind_of(id) == "choice" => q.options[0].clone(),
                    _ if kind_of(id) == "slider" => "Integer(7)".to_string(),
                    _ => "New words".to_string(),
                };
                assert!(
                    answer.is_some_and(|a| format!("{a:?}").contains(&expected)),
                    "{}: {answer:?}\n{saved}",
                    case.what
                );
            }
            Place::Rating(id) => assert_eq!(
                community.ratings.get(id).and_then(|r| r.value),
                Some(RatingValue::Yes),
                "{}",
                case.what
            ),
            Place::Notes(group) => assert_eq!(
                community.notes.get(group).map(String::as_str),
                Some("New words"),
                "{}",
                case.what
            ),
        }
        let problems = check_text(&saved, Guide::builtin());
        assert!(
            !problems
                .iter()
                .any(|p| p.message.contains("kept as written")),
            "{}: {problems:?}",
            case.what
        );
    }
}

/// Every case's file, then files the app refuses: (what, text, the value kept if it opens).
fn files() -> Vec<(String, String, Option<&'static str>)> {
    let refused = [
        ("answers is not a table", "answers = 3\n"),
        (
            "a card without text",
            "[[workshop.cards]]\nquestion = \"primary_purpose\"\n",
        ),
        ("a name that is not text", ""),
    ];
    let mut files: Vec<(String, String, Option<&str>)> = CASES
        .iter()
        .map(|c| {
            (
                c.what.to_string(),
                format!("{HEAD}{}", c.body),
                Some(c.value),
            )
        })
        .collect();
    for (what, body) in refused {
        let head = if body.is_empty() {
            HEAD.replace("name = \"Kept\"", "name = 3")
        } else {
            HEAD.to_string()
        };
        files.push((what.to_string(), format!("{head}{body}"), None));
    }
    files
}

/// Whether `check` passes the file (warnings allowed), `list` shows it as readable, and the app
/// opens it — and, for a kept value, that `check` says so at the value's line.
#[test]
fn check_list_and_the_app_agree_on_every_file() {
    let files = files();
    for (what, text, value) in files {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file.toml");
        fs::write(&path, &text).unwrap();

        let problems = check_text(&text, Guide::builtin());
        let check_passes = !problems.iter().any(|p| p.severity == Severity::Error);
        let store = Store::open(dir.path()).unwrap();
        let listed = store.list(Guide::builtin()).unwrap();
        let list_reads = matches!(listed.as_slice(), [Entry::Community(_)]);
        let app_opens = app(dir.path()).open(&path).is_ok();
        assert_eq!(
            (check_passes, list_reads),
            (app_opens, app_opens),
            "{what}: check {problems:?}, list {listed:?}"
        );
        assert_eq!(app_opens, value.is_some(), "{what}");
        if let Some(value) = value {
            // At the value's key, or (a rating word) at the word inside it.
            let lines = line_of(&text, value)..line_of(&text, value) + value.lines().count();
            assert!(
                problems
                    .iter()
                    .any(|p| lines.contains(&p.line) && p.message.starts_with("kept as written: ")),
                "{what}: no warning on lines {lines:?}: {problems:?}"
            );
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), text, "{what}: changed");

        // Saved twice through the store, unchanged: the value survives, and the bytes are equal.
        if let Some(value) = value {
            let mut loaded = store.load(&path).unwrap();
            loaded.community_mut().touch();
            store.save(&mut loaded, Guide::builtin()).unwrap();
            let first = fs::read_to_string(&path).unwrap();
            assert!(first.contains(value), "{what}: {first}");
            let mut again = store.load(&path).unwrap();
            store.save(&mut again, Guide::builtin()).unwrap();
            assert_eq!(fs::read_to_string(&path).unwrap(), first, "{what}");
        }
    }
}

/// The same verdicts from the built binary: `convene check` fails exactly the files the app
/// refuses, and `convene list` lists exactly those as unreadable.
#[test]
fn the_binary_agrees_too() {
    let dir = tempfile::tempdir().unwrap();
    let files = files();
    for (n, (_, text, _)) in files.iter().enumerate() {
        fs::write(dir.path().join(format!("file-{n:02}.toml")), text).unwrap();
    }
    let convene = || {
        let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("convene");
        cmd.env_remove("CONVENE_DIR")
            .env("CONVENE_RECOVERY_DIR", dir.path().join(".recovery"))
            .env("CONVENE_CACHE_DIR", dir.path().join(".cache"))
            .arg("--dir")
            .arg(dir.path());
        cmd
    };
    let listed = convene().arg("list").output().unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    let (readable, unreadable) = listed
        .split_once("Unreadable")
        .unwrap_or((listed.as_str(), ""));
    for (n, (what, _, value)) in files.iter().enumerate() {
        let name = format!("file-{n:02}.toml");
        let path = dir.path().join(&name);
        let opens = app(dir.path()).open(&path).is_ok();
        assert_eq!(opens, value.is_some(), "{what}");
        let check = convene().arg("check").arg(&path).output().unwrap();
        assert_eq!(check.status.success(), opens, "{what}: check {check:?}");
        assert_eq!(readable.contains(&name), opens, "{what}: {listed}");
        assert_eq!(unreadable.contains(&name), !opens, "{what}: {listed}");
    }
}

/// A charter names every kept value where it stands, in all three formats, and never shows it
/// as the answer or drops it without a word: the reader learns the file holds something there
/// convene could not use, and the JSON (which still follows its schema) marks it the way it
/// marks every value convene could not read.
#[test]
fn a_charter_names_every_kept_value_in_every_format() {
    use convene::community::CommunityFile;
    use convene::export::{self, Audience, Format, Options};
    use serde_json::Value;

    let at = chrono::DateTime::parse_from_rfc3339("2026-12-02T09:00:00+00:00").unwrap();
    let options = Options {
        audience: Audience::Facilitator,
        ..Options::made_at(at)
    };
    for case in CASES {
        let file = CommunityFile::parse(&format!("{HEAD}{}", case.body)).unwrap();
        let render = |format| export::render_file(&file, Guide::builtin(), format, options);
        let markdown = render(Format::Markdown);
        assert!(
            markdown.contains("⚠ *Not shown: convene cannot use what the file holds here, "),
            "{}: the Markdown names it\n{markdown}",
            case.what
        );
        let html = render(Format::Html);
        assert!(
            html.contains("class=\"answer not-used\"") || html.contains("class=\"not-used\""),
            "{}: the HTML names it",
            case.what
        );
        let json = render(Format::Json);
        schema::assert_valid(&json, case.what);
        let doc: Value = serde_json::from_str(&json).unwrap();
        let groups = doc["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["groups"].as_array().unwrap());
        let named = match case.place {
            Place::Answer(id) | Place::Rating(id) => groups
                .flat_map(|g| g["questions"].as_array().unwrap())
                .find(|q| q["id"] == id)
                .map(|q| q["answer"].clone()),
            Place::Notes(id) => groups
                .into_iter()
                .find(|g| g["id"] == id)
                .map(|g| g["notes"].clone()),
        };
        let named = named.unwrap_or_else(|| panic!("{}: the JSON has the question", case.what));
        assert_eq!(
            named["readable"],
            Value::Bool(false),
            "{}: {named}",
            case.what
        );
        let found = named["found"].as_str().unwrap();
        assert!(
            markdown.contains(found) || markdown.contains(&found.replace('"', "\\\"")),
            "{}: the Markdown says what it is ({found})",
            case.what
        );
    }
    // A rating word convene does not know is named with the word, and its comment, written
    // beside a value that is not a rating, is not shown as if the statement were rated.
    let maybe = CASES.iter().find(|c| c.body.contains("maybe")).unwrap();
    let file = CommunityFile::parse(&format!("{HEAD}{}", maybe.body)).unwrap();
    let markdown = export::render_file(&file, Guide::builtin(), Format::Markdown, options);
    assert!(
        markdown.contains("the rating \\\"maybe\\\"") || markdown.contains("the rating \"maybe\"")
    );
    assert!(!markdown.contains("Ask again"), "{markdown}");
}
