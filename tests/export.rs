//! Charters: golden files of each format for an example community, every example in every
//! format, and the command line's `export`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use chrono::DateTime;
use convene::community::CommunityFile;
use convene::export::{self, Format, Options};
use convene::guide::Guide;
use predicates::prelude::*;

fn example(name: &str) -> convene::community::Community {
    let text = fs::read_to_string(Path::new("examples").join(name)).unwrap();
    CommunityFile::parse(&text).unwrap().community
}

/// The moment golden files are made at, so overdue steps, due follow-ups and `generated_at`
/// stay put.
fn on_day() -> Options {
    Options::made_at(DateTime::parse_from_rfc3339("2026-12-01T09:30:00+01:00").unwrap())
}

#[test]
fn golden_charters_of_the_nurses_example() {
    let community = example("nurses-lunch-circle.toml");
    let guide = Guide::builtin();
    for format in Format::ALL {
        let text = export::render(&community, guide, format, on_day());
        insta::assert_snapshot!(format!("nurses_{}", format.name()), text);
    }
    let open = export::render(
        &community,
        guide,
        Format::Markdown,
        Options {
            include_empty: true,
            ..on_day()
        },
    );
    insta::assert_snapshot!("nurses_markdown_include_empty", open);
}

/// A guide whose one section draws on a seed and on a published template.
fn guide_with_a_template() -> Guide {
    let sources = r#"
[[sources]]
id = "seed-source"
seed = "001"
title = "A seed"
attribution = "One of the seeds."

[[sources]]
id = "charter-template"
title = "A charter template"
attribution = "A published template for community charters."
publisher = "A publisher"
url = "https://example.org/charter-template"
"#;
    let section = r#"
id = "sec"
title = "Agreements"
intro = "i"
sources = ["seed-source", "charter-template"]

[[groups]]
id = "g"
title = "G"

[[groups.questions]]
id = "q"
kind = "text"
prompt = "How are decisions made?"
guidance = "g"
source = "charter-template"
"#;
    convene::guide::parse_guide(("sources.toml", sources), &[("sec.toml", section)]).unwrap()
}

/// A seed is named by its title and attribution, as before; a template adds who publishes it
/// and where it can be read, in every format: the address as text, since a charter links to
/// nothing.
#[test]
fn a_template_source_names_its_publisher_and_address_in_every_format() {
    let guide = guide_with_a_template();
    let community = example("nurses-lunch-circle.toml");
    let render = |format| export::render(&community, &guide, format, on_day());

    let markdown = render(Format::Markdown);
    assert!(
        markdown.contains("- A seed — One of the seeds.\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "- A charter template, A publisher — A published template for community charters. https://example.org/charter-template\n"
        ),
        "{markdown}"
    );

    let html = render(Format::Html);
    assert!(
        html.contains("<li>A seed — One of the seeds.</li>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<li>A charter template, A publisher — A published template for community charters. <span class=\"address\">https://example.org/charter-template</span></li>"
        ),
        "{html}"
    );

    let json: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
    assert_eq!(
        json["sources"],
        serde_json::json!([
            {"id": "seed-source", "seed": "001", "title": "A seed",
             "attribution": "One of the seeds.", "publisher": null, "url": null},
            {"id": "charter-template", "seed": null, "title": "A charter template",
             "attribution": "A published template for community charters.",
             "publisher": "A publisher", "url": "https://example.org/charter-template"},
        ])
    );
}

/// The operating agreements of an example read in every format, between the rhythm and the
/// momentum plan: the section and its groups, the choice, the time asked as a table under its
/// columns, the review date (spelled out; a `<time>` in HTML; the ISO date in JSON) and a
/// group's notes.
#[test]
fn the_operating_agreements_show_in_every_format() {
    let community = example("nurses-lunch-circle.toml");
    let guide = Guide::builtin();
    let render = |format| export::render(&community, guide, format, on_day());

    let markdown = render(Format::Markdown);
    let at = |needle: &str| {
        markdown
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing from\n{markdown}"))
    };
    let order = [
        at("## Activities and rhythm\n"),
        at("## Operating agreements\n"),
        at("### Joining\n"),
        at("open to anyone in the domain"),
        at("### Time asked\n"),
        at("| Role | Time asked | What it covers |\n"),
        at(
            "| coordinator | about two hours a month | Hosts the case of the month, chases the write-up, keeps the rules. |\n",
        ),
        at("### How the community works\n"),
        at("### Ground rules and confidentiality\n"),
        at("Read the ground rules aloud at the first official lunch"),
        at("### Scope\n"),
        at("### Review and closing\n"),
        at("Thu 3 Jun 2027"),
        at("## Momentum plan\n"),
    ];
    assert!(order.is_sorted(), "in the walk's order:\n{markdown}");

    let html = render(Format::Html);
    for fragment in [
        "<h2>Operating agreements</h2><h3>Joining</h3>",
        "<p class=\"answer\">open to anyone in the domain</p>",
        "<table class=\"records commitments\"><thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Time asked</th><th scope=\"col\">What it covers</th></tr></thead>",
        "<td>administrator</td><td>half an hour a month</td>",
        "<time datetime=\"2027-06-03\">Thu 3 Jun 2027</time>",
    ] {
        assert!(html.contains(fragment), "{fragment:?} missing from\n{html}");
    }

    let json: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
    let section = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "agreements")
        .expect("the section");
    assert_eq!(section["title"], "Operating agreements");
    let groups = section["groups"].as_array().unwrap();
    let questions: Vec<&serde_json::Value> = groups
        .iter()
        .flat_map(|g| g["questions"].as_array().unwrap())
        .collect();
    assert_eq!(questions.len(), 12, "the example answers every question");
    let answer = |id: &str| &questions.iter().find(|q| q["id"] == id).unwrap()["answer"];
    assert_eq!(
        answer("membership_openness"),
        "open to anyone in the domain"
    );
    assert_eq!(answer("charter_review"), "2027-06-03");
    assert_eq!(
        answer("time_asked")[1],
        serde_json::json!({
            "role": "coordinator",
            "time": "about two hours a month",
            "tasks": "Hosts the case of the month, chases the write-up, keeps the rules."
        })
    );
    let conduct = groups.iter().find(|g| g["id"] == "conduct").unwrap();
    assert!(
        conduct["notes"]
            .as_str()
            .unwrap()
            .starts_with("Read the ground rules")
    );
}

/// The community's life — people, plan, harvest, log, dimensions — reads as tables in each
/// format, with what is late marked against the day the charter is made.
#[test]
fn the_community_life_shows_in_every_format() {
    let community = example("sips-constellation.toml");
    let guide = Guide::builtin();
    let render = |format| export::render(&community, guide, format, on_day());

    let markdown = render(Format::Markdown);
    for line in [
        "| Name | Role | Participation | Contact | Note |",
        "| Sarah Whitfield | sponsor | peripheral | s.whitfield@example.org | SIPS director; holds the budget and the mission. |",
        "| Attract a convening/hosting team for your community | Sarah Whitfield | Mon 16 Nov 2026 (overdue) | in progress |",
        "| Draft and post your group's core statement | Nadia Rahman | Mon 19 Oct 2026 | done |",
        "| Newsletter article contributed | 4 | 3 | 3/4 |",
        "| Practice | ▰▰▰▱▱▱▱▱▱▱ 3 → 6 |",
        "*Overdue as of Tue 1 Dec 2026.*",
        "*Follow-ups due as of Tue 1 Dec 2026.*",
        "Wed 20 Jan 2027",
        "- Writing joint funding bids with partners",
    ] {
        assert!(markdown.contains(line), "{line:?} missing from\n{markdown}");
    }
    let due: Vec<&str> = markdown
        .lines()
        .filter(|l| l.contains("(follow-up due)"))
        .collect();
    assert_eq!(due.len(), 1, "one follow-up is due: {due:?}");
    assert!(due[0].starts_with("| Wed 28 Oct 2026 |"), "{due:?}");
    assert!(
        due[0].contains("| Wed 25 Nov 2026 (follow-up due) |"),
        "{due:?}"
    );

    let html = render(Format::Html);
    for fragment in [
        "<th scope=\"col\">Name</th>",
        "<th class=\"n\" scope=\"col\">Target a year</th>",
        "<tr class=\"overdue\">",
        "<span class=\"flag overdue\">overdue</span>",
        "<span class=\"flag follow-up-due\">follow-up due</span>",
        "<time datetime=\"2026-11-16\">Mon 16 Nov 2026</time>",
        "<span class=\"scale\">3 → 6</span>",
    ] {
        assert!(html.contains(fragment), "{fragment:?} missing from\n{html}");
    }

    let json = render(Format::Json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let answer = |id: &str| {
        value["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["groups"].as_array().unwrap())
            .flat_map(|g| g["questions"].as_array().unwrap())
            .find(|q| q["id"] == id)
            .map(|q| q["answer"].clone())
            .unwrap_or_else(|| panic!("no {id} in\n{json}"))
    };
    assert_eq!(answer("next_meeting"), "2027-01-20");
    assert_eq!(answer("cadence"), "quarterly");
    let people = answer("people");
    assert_eq!(people[0]["name"], "Sarah Whitfield");
    assert_eq!(people[0]["contact"], "s.whitfield@example.org");
    let harvest = answer("harvest");
    assert_eq!(harvest[2]["target"], 4);
    assert_eq!(harvest[2]["done"], 3);
    let plan = answer("momentum_plan");
    assert_eq!(plan[2]["due"], "2026-11-16");
    let log = answer("learning_log");
    assert!(log[0]["outcome"].is_string());
    assert!(log[1]["outcome"].is_null());
    assert_eq!(answer("dimensions")[0]["current"], 3);
    // Keys follow the columns, not the alphabet.
    let first_person = &json[json.find("\"name\": \"Sarah Whitfield\"").unwrap()..];
    let keys: Vec<usize> = [
        "\"name\"",
        "\"role\"",
        "\"participation\"",
        "\"contact\"",
        "\"note\"",
    ]
    .iter()
    .map(|k| first_person.find(k).unwrap())
    .collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "{first_person}");
}

/// The workshop notes close the charter, after the readiness summary: cards under their
/// questions, most dots first; the parking lot, open topics first; the session log in time
/// order. `--include-empty` adds nothing to them, and a community without a workshop has none.
#[test]
fn workshop_notes_close_the_charter() {
    let guide = Guide::builtin();
    let nurses = example("nurses-lunch-circle.toml");
    let markdown = export::render(&nurses, guide, Format::Markdown, on_day());
    let notes = markdown.find("## Workshop notes").expect("workshop notes");
    assert!(markdown.find("## Readiness summary").unwrap() < notes);
    assert!(notes < markdown.find("\n---\n").unwrap());
    let part = |text: &str| {
        let start = text.find("## Workshop notes").unwrap();
        text[start..text.find("\n---\n").unwrap()].to_string()
    };
    let open = Options {
        include_empty: true,
        ..on_day()
    };
    assert_eq!(
        part(&export::render(&nurses, guide, Format::Markdown, open)),
        part(&markdown)
    );
    let order: Vec<usize> = [
        "| Confidence for the newer nurses to speak up | Priya | 5 |  |",
        "| Somewhere to write down the tricks that work | Bronwen | 4 |  |",
        "| A 07:30 coffee at handover for the night shift | José | 3 | yes |",
        "- Can write-ups count towards revalidation hours? · parked Thu 26 Nov 2026 12:48",
        "- Which intranet folder, and who can see it · parked Thu 26 Nov 2026 12:52 · *done*",
        "| Thu 26 Nov 2026 12:35 | Covered |",
        "| Thu 26 Nov 2026 12:58 | Note |",
    ]
    .iter()
    .map(|line| {
        markdown
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} missing from\n{markdown}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{markdown}");

    let sips = example("sips-constellation.toml");
    assert!(sips.workshop.is_empty());
    for format in Format::ALL {
        let text = export::render(&sips, guide, format, on_day());
        assert!(!text.contains("Workshop notes"), "{format:?}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&export::render(&sips, guide, Format::Json, on_day())).unwrap();
    assert!(json["workshop"].is_null());
}

#[test]
fn every_example_exports_in_every_format() {
    let guide = Guide::builtin();
    let examples: Vec<_> = fs::read_dir("examples")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert!(examples.len() >= 2);
    for path in examples {
        let community = CommunityFile::parse(&fs::read_to_string(&path).unwrap())
            .unwrap()
            .community;
        for format in Format::ALL {
            let text = export::render(&community, guide, format, Options::default());
            assert!(
                text.contains(&community.name.replace(
                    '\'',
                    match format {
                        Format::Html => "&#39;",
                        _ => "'",
                    }
                )) || text.contains(&community.name),
                "{path:?} {format:?} names the community"
            );
            match format {
                Format::Json => {
                    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                    assert_eq!(value["format"], "convene-charter");
                    assert_eq!(value["name"], community.name.as_str());
                }
                Format::Html => {
                    assert!(text.starts_with("<!DOCTYPE html>"));
                    assert!(!text.contains("<script"));
                    // Loads nothing and links nowhere: the only addresses are the templates'
                    // in the footer's list of sources, as text.
                    let footer = text.find("<footer>").expect("a footer");
                    assert!(
                        !text[..footer].contains("http://") && !text[..footer].contains("https://"),
                        "loads nothing"
                    );
                    assert!(
                        !text.contains("href=") && !text.contains("src=") && !text.contains("url("),
                        "links and loads nothing"
                    );
                }
                Format::Markdown => assert!(text.starts_with("# ")),
            }
        }
    }
}

fn convene(dir: &Path) -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("convene");
    cmd.env_remove("CONVENE_DIR").arg("--dir").arg(dir);
    cmd
}

#[test]
fn the_command_line_exports_to_stdout_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        "examples/sips-constellation.toml",
        dir.path().join("sips-constellation.toml"),
    )
    .unwrap();
    convene(dir.path())
        .args(["export", "SIPS constellation", "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# SIPS constellation\n"));

    let out = dir.path().join("charter.html");
    convene(dir.path())
        .args([
            "export",
            "sips-constellation",
            "--format",
            "html",
            "--output",
        ])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("Wrote the html charter"));
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .contains("<h1>SIPS constellation</h1>")
    );

    convene(dir.path())
        .args([
            "export",
            "sips-constellation",
            "--format",
            "json",
            "--output",
        ])
        .arg(dir.path().join("charter.toml"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("would look like a community file"));
    assert!(!dir.path().join("charter.toml").exists());
}

#[test]
fn an_unknown_community_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    convene(dir.path())
        .args(["export", "Nobody", "--format", "json"])
        .assert()
        .failure()
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("no community called \"Nobody\""));
}

/// A hand-edited file whose values convene cannot use: a dimension off its 0–10 scale, a
/// harvest target past 999, a number written as a word, dates nobody can read.
const MISFITS: &str = r#"schema_version = 1
name = "Misfits"
created = 2026-09-02T12:15:00+01:00
updated = 2026-09-30T13:05:12Z

[answers]
next_meeting = "when the snow melts"

[[answers.dimensions]]
dimension = "Practice"
current = 42
target = 7

[[answers.dimensions]]
dimension = "Domain"
current = 3
target = -1

[[answers.dimensions]]
dimension = "Community"
current = "three"
target = 6

[[answers.harvest]]
output = "Case write-ups"
target = 1200
done = 3

[[answers.momentum_plan]]
step = "Ask the ward managers"
due = "after Easter"
"#;

/// Values out of range are marked in every format and never drawn as if they were valid (no
/// gauge, no bar, no "done of target" from them); JSON says which values it could not read or
/// use, so a tool need not read them again to know.
#[test]
fn values_convene_cannot_use_are_flagged_never_drawn_as_valid() {
    let community = CommunityFile::parse(MISFITS).unwrap().community;
    let guide = Guide::builtin();
    let render = |format| export::render(&community, guide, format, on_day());

    let markdown = render(Format::Markdown);
    for line in [
        "| Practice | 42 (outside 0–10) → 7 |",
        "| Domain | ▰▰▰▱▱▱▱▱▱▱ 3 → -1 (outside 0–10) |",
        "| Community | three → 6 |",
        "| Case write-ups | 1200 (outside 0–999) | 3 |  |",
        "| Ask the ward managers |  | after Easter |  |",
        "when the snow melts",
    ] {
        assert!(markdown.contains(line), "{line:?} missing from\n{markdown}");
    }

    let html = render(Format::Html);
    let rows: Vec<&str> = html.split("<tr").collect();
    let row = |name: &str| {
        *rows
            .iter()
            .find(|r| r.contains(&format!("<td>{name}</td>")))
            .unwrap_or_else(|| panic!("no {name} row in\n{html}"))
    };
    assert!(
        row("Practice").contains("42 <span class=\"flag out-of-range\">outside 0–10</span>"),
        "{html}"
    );
    assert!(!row("Practice").contains("class=\"bar\""), "no bar from 42");
    assert!(
        !row("Community").contains("class=\"bar\""),
        "no bar from a word"
    );
    let domain = row("Domain");
    assert!(domain.contains("-1 <span class=\"flag out-of-range\">outside 0–10</span>"));
    assert_eq!(domain.matches("step aim").count(), 0, "no aim at -1");
    assert_eq!(domain.matches("step on").count(), 3);
    assert!(
        row("Case write-ups")
            .contains("1200 <span class=\"flag out-of-range\">outside 0–999</span>")
    );
    assert!(!row("Case write-ups").contains("3/1200"));

    let json: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
    let answer = |id: &str| {
        json["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["groups"].as_array().unwrap())
            .flat_map(|g| g["questions"].as_array().unwrap())
            .find(|q| q["id"] == id)
            .map(|q| q["answer"].clone())
            .unwrap_or_else(|| panic!("no {id} in\n{json}"))
    };
    let unreadable = |v: serde_json::Value| serde_json::json!({"readable": false, "as_written": v});
    assert_eq!(
        answer("next_meeting"),
        unreadable("when the snow melts".into())
    );
    let dimensions = answer("dimensions");
    assert_eq!(
        dimensions[0]["current"],
        serde_json::json!({"out_of_range": true, "value": 42, "min": 0, "max": 10})
    );
    assert_eq!(dimensions[0]["target"], 7);
    assert_eq!(dimensions[1]["target"]["out_of_range"], true);
    assert_eq!(dimensions[1]["target"]["value"], -1);
    assert_eq!(dimensions[2]["current"], unreadable("three".into()));
    let harvest = answer("harvest");
    assert_eq!(harvest[0]["target"]["max"], 999);
    assert_eq!(harvest[0]["done"], 3);
    assert_eq!(
        answer("momentum_plan")[0]["due"],
        unreadable("after Easter".into())
    );
}

/// Every readiness group is in every charter, rated or not — not only with `--include-empty` —
/// and one nobody rated yet says so.
#[test]
fn unrated_readiness_groups_appear_in_every_format() {
    let guide = Guide::builtin();
    let groups: Vec<_> = convene::community::readiness::summarize(
        &convene::community::Community::new("Empty"),
        guide,
    )
    .into_iter()
    .map(|s| s.group)
    .collect();
    assert_eq!(groups.len(), 6, "seed 000's six groups");
    let nurses = example("nurses-lunch-circle.toml");
    for community in [convene::community::Community::new("Empty"), nurses] {
        let render = |format| export::render(&community, guide, format, on_day());
        let markdown = render(Format::Markdown);
        let html = render(Format::Html);
        let json: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
        let rows = json["readiness"].as_array().unwrap();
        assert_eq!(rows.len(), groups.len(), "{}", community.name);
        for (group, row) in groups.iter().zip(rows) {
            assert_eq!(row["group"], group.id.as_str());
            let unrated = convene::community::readiness::summarize(&community, guide)
                .into_iter()
                .find(|s| s.group.id == group.id)
                .unwrap()
                .verdict
                == convene::community::readiness::Verdict::Unrated;
            if !unrated {
                continue;
            }
            assert_eq!(row["verdict"], "not rated yet");
            assert_eq!(row["unrated"], group.questions.len());
            let line = format!(
                "| {} | 0 | 0 | 0 | 0 | {} | not rated yet |",
                group.title,
                group.questions.len()
            );
            assert!(
                markdown.contains(&line),
                "{line:?} missing from\n{markdown}"
            );
            let cell = format!(
                "<td>{}</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td>\
                 <td class=\"n\">0</td><td class=\"n\">{}</td><td class=\"not-rated-yet\">not rated yet</td>",
                group.title.replace('\'', "&#39;"),
                group.questions.len()
            );
            assert!(html.contains(&cell), "{cell:?} missing from\n{html}");
        }
    }
    // The nurses left one group unrated: it is there without --include-empty.
    let markdown = export::render(
        &example("nurses-lunch-circle.toml"),
        guide,
        Format::Markdown,
        on_day(),
    );
    assert!(
        markdown.contains("| Do you have a good domain? | 0 | 0 | 0 | 0 | 3 | not rated yet |")
    );
}

/// An answer of a shape its question does not take is kept as written in the file (the walk
/// and `convene check` say so) and never charted as if it were the answer.
#[test]
fn an_answer_of_the_wrong_shape_is_not_charted_as_the_answer() {
    let text = "schema_version = 1\nname = \"Shapes\"\n\
                created = 2026-09-02T12:15:00+01:00\nupdated = 2026-09-30T13:05:12Z\n\n\
                [answers]\nprimary_purpose = [\"listed purpose\"]\npeople = \"Zoë and José\"\n\
                members = \"Ward nurses\"\n";
    let file = CommunityFile::parse(text).unwrap();
    let guide = Guide::builtin();
    for id in ["primary_purpose", "people"] {
        assert!(
            file.kept_at(guide, convene::community::Part::Answer, id)
                .is_some(),
            "{id} is kept as written"
        );
    }
    for format in Format::ALL {
        let out = export::render(&file.community, guide, format, on_day());
        assert!(out.contains("Ward nurses"), "{format:?}");
        assert!(!out.contains("listed purpose"), "{format:?}:\n{out}");
        assert!(!out.contains("Zoë and José"), "{format:?}:\n{out}");
    }
}
