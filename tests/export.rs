//! Charters: golden files of each format for an example community, every example in every
//! format, and the command line's `export`.

mod common;

use common::squeezed;

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
    Options {
        // The golden files hold everything the file does: the facilitator's charter.
        audience: export::Audience::Facilitator,
        ..Options::made_at(DateTime::parse_from_rfc3339("2026-12-01T09:30:00+01:00").unwrap())
    }
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

    // (Tables padded into columns: compared with the padding squeezed out.)
    let markdown = squeezed(&render(Format::Markdown));
    let at = |needle: &str| {
        markdown
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing from\n{markdown}"))
    };
    // In the charter's "How we work": sections are its level-3 headings, groups level 4.
    let order = [
        at("## How we work\n"),
        at("### Activities and rhythm\n"),
        at("### Operating agreements\n"),
        at("#### Joining\n"),
        at("open to anyone in the domain"),
        at("#### Time asked\n"),
        at("| Role | Time asked | What it covers |\n"),
        at(
            "| coordinator | about two hours a month | Hosts the case of the month, chases the write-up, keeps the rules. |\n",
        ),
        at("#### How the community works\n"),
        at("#### Ground rules and confidentiality\n"),
        at("Read the ground rules aloud at the first official lunch"),
        at("#### Scope\n"),
        at("#### Review and closing\n"),
        at("Thu 3 Jun 2027"),
        at("### Momentum plan\n"),
    ];
    assert!(order.is_sorted(), "in the walk's order:\n{markdown}");

    let html = render(Format::Html);
    for fragment in [
        "<h3>Operating agreements</h3><h4>Joining</h4>",
        "<p class=\"answer\" dir=\"auto\">open to anyone in the domain</p>",
        "<table class=\"records commitments\"><thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Time asked</th><th scope=\"col\">What it covers</th></tr></thead>",
        "<td dir=\"auto\">administrator</td><td dir=\"auto\">half an hour a month</td>",
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
        "| Name            | Role          | Participation | Contact                 | Note |",
        "| Sarah Whitfield | sponsor       | peripheral    | s.whitfield@example.org | SIPS director; holds the budget and the mission. |",
        "| Attract a convening/hosting team for your community | Sarah Whitfield | Mon 16 Nov 2026 (overdue) | in progress |",
        "| Draft and post your group's core statement | Nadia Rahman | Mon 19 Oct 2026 | done |",
        "| Newsletter article contributed   |             4 |    3 |            3/4 |",
        "| Practice                     | ▰▰▰▱▱▱▱▱▱▱ 3 → 6    |",
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
    // (In the people table: the glance names her too, without the table's columns.)
    let sections = &json[json.find("\"sections\"").unwrap()..];
    let first_person = &sections[sections.find("\"name\": \"Sarah Whitfield\"").unwrap()..];
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
        "| Thu 26 Nov 2026 12:58 | Note    |",
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
        // A constellation's file is no community (tests/constellation_charter.rs exports it).
        .filter(|p| {
            !p.to_string_lossy()
                .ends_with(convene::constellation::SUFFIX)
        })
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
                    // The only links are the contents list's, to parts of the page itself.
                    assert!(
                        !text.replace("href=\"#", "").contains("href=")
                            && !text.contains("src=")
                            && !text.contains("url("),
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
            .contains("<h1 dir=\"auto\">SIPS constellation</h1>")
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

    // Tables are padded into columns: compare with the padding squeezed out.
    let markdown = squeezed(&render(Format::Markdown));
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
            .find(|r| r.contains(&format!("<td dir=\"auto\">{name}</td>")))
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
                squeezed(&markdown).contains(&line),
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
        squeezed(&markdown)
            .contains("| Do you have a good domain? | 0 | 0 | 0 | 0 | 3 | not rated yet |")
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

/// The HTML charter of `community`, parsed as a browser would.
fn parsed_html(community: &convene::community::Community) -> scraper::Html {
    let html = export::render(community, Guide::builtin(), Format::Html, on_day());
    scraper::Html::parse_document(&html)
}

fn select<'a>(page: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = scraper::Selector::parse(css).expect("a valid selector");
    page.select(&selector).collect()
}

/// Every table of every example sits alone in a wrapper that scrolls it sideways on a screen
/// narrower than the table, rather than the table squeezing its columns.
#[test]
fn every_table_in_the_html_charter_scrolls_in_its_own_wrapper() {
    for name in ["nurses-lunch-circle.toml", "sips-constellation.toml"] {
        let page = parsed_html(&example(name));
        let tables = select(&page, "table");
        assert!(tables.len() >= 5, "{name}: {} tables", tables.len());
        for table in &tables {
            let wrapper = table
                .parent()
                .and_then(scraper::ElementRef::wrap)
                .expect("a table has a parent element");
            assert_eq!(wrapper.value().name(), "div", "{name}");
            assert!(
                wrapper
                    .value()
                    .has_class("table-scroll", scraper::CaseSensitivity::CaseSensitive),
                "{name}"
            );
            assert_eq!(wrapper.children().count(), 1, "{name}: the table alone");
        }
    }
}

/// A word too long for any column (a URL, a pasted token) may break inside its cell, so it
/// cannot push its table past the page; ordinary words never do.
#[test]
fn only_a_cell_with_a_word_too_long_for_a_column_may_break_it() {
    let long = "x".repeat(31);
    let text = format!(
        "schema_version = 1\nname = \"Long\"\ncreated = 2026-09-02T12:15:00+01:00\n\
         updated = 2026-09-30T13:05:12Z\n\n[[answers.people]]\nname = \"{long}\"\n\
         role = \"coordinator\"\nnote = \"{}\"\n",
        "y".repeat(30)
    );
    let community = CommunityFile::parse(&text).unwrap().community;
    let page = parsed_html(&community);
    let cells = select(&page, "table.people td");
    let long_cells: Vec<String> = cells
        .iter()
        .filter(|td| {
            td.value()
                .has_class("long", scraper::CaseSensitivity::CaseSensitive)
        })
        .map(|td| td.text().collect())
        .collect();
    assert_eq!(long_cells, [long]);
}

/// The rule of `css` (its whitespace run together) for exactly `selector`, without its braces.
fn rule<'c>(css: &'c str, selector: &str) -> &'c str {
    let opening = format!("{selector} {{");
    let at = css
        .match_indices(&opening)
        .map(|(at, _)| at)
        .find(|&at| {
            let before = css[..at].trim_end();
            before.is_empty() || before.ends_with('}') || before.ends_with("*/")
        })
        .unwrap_or_else(|| panic!("no rule for {selector} in\n{css}"));
    let body = &css[at + opening.len()..];
    &body[..body.find('}').expect("a closed rule")]
}

/// The printed charter: the stylesheet numbers pages "N / M" and puts the community's name at
/// the head of each page but the first; tables break across pages with their header rows
/// repeated, a heading stays with what follows it, and neither a question nor a table is kept
/// whole (which left pages half empty). In tables a word never breaks (a cell marked `long`
/// aside); everywhere else a word longer than the line wraps.
#[test]
fn the_html_charter_prints_numbered_pages_under_the_community_name() {
    let page = parsed_html(&example("nurses-lunch-circle.toml"));
    let styles = select(&page, "style");
    assert_eq!(styles.len(), 1);
    let raw: String = styles[0].text().collect();
    assert!(
        raw.ends_with(
            "\n@page { @top-center { content: \"Nurses\\27  lunch circle\"; } }\n\
             @page :first { @top-center { content: none; } }\n"
        ),
        "{raw}"
    );
    let css: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        rule(&css, "@bottom-center").contains("content: counter(page) \" / \" counter(pages);"),
        "{css}"
    );
    assert!(rule(&css, "@page").contains("margin:"));
    assert!(rule(&css, "thead").contains("display: table-header-group;"));
    for selector in ["th, td", "td.long", "main"] {
        let wraps = if selector == "th, td" {
            "normal"
        } else {
            "anywhere"
        };
        assert!(
            rule(&css, selector).contains(&format!("overflow-wrap: {wraps};")),
            "{selector}: {css}"
        );
    }
    let cells = rule(&css, "th, td");
    assert!(cells.contains("word-break: normal;") && cells.contains("hyphens: manual;"));
    assert!(cells.contains("min-width:"), "{cells}");
    assert!(rule(&css, ".table-scroll").contains("overflow-x: auto;"));
    // On paper the scrolling wrapper leaves the layout, so a table breaks across pages with
    // its headings instead of being pushed whole onto the next one.
    let print = &css[css.find("@media print {").expect("print rules")..];
    assert!(
        rule(print, ".table-scroll").contains("display: contents;"),
        "{print}"
    );
    assert!(
        rule(
            &css,
            "h1, h2, h3, h4, .prompt, .theme-name, nav.contents h2"
        )
        .contains("break-after: avoid;")
    );
    for kept_whole in [".question", "table", "section.part"] {
        assert!(
            css.find(&format!("{kept_whole} {{")).is_none()
                || !rule(&css, kept_whole).contains("break-inside"),
            "{kept_whole} may break across pages"
        );
    }
    assert!(!css.contains("page-break-inside"), "{css}");
}

/// The contents list of every example links to every part of the page, in order, and to
/// nothing else; each link reads as its part's heading, and each part has an id of its own.
/// It comes after the lead, before the first part.
#[test]
fn the_contents_list_links_to_every_part_in_order() {
    for name in ["nurses-lunch-circle.toml", "sips-constellation.toml"] {
        let page = parsed_html(&example(name));
        let ids: Vec<&str> = select(&page, "[id]")
            .iter()
            .filter_map(|e| e.value().id())
            .collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{name}: ids are unique: {ids:?}");

        let parts = select(&page, "main > section");
        let part_ids: Vec<&str> = parts
            .iter()
            .map(|s| s.value().id().expect("every part has an id"))
            .collect();
        // The glance, the five parts of the body, the appendix and the sign-off.
        assert_eq!(
            part_ids,
            [
                "at-a-glance",
                "why-we-exist",
                "who-we-are",
                "how-we-work",
                "what-we-will-produce",
                "how-we-will-know",
                "appendix",
                "sign-off"
            ],
            "{name}"
        );
        assert!(ids.contains(&"readiness-summary"), "{name}");
        assert_eq!(select(&page, "nav.contents").len(), 1, "{name}");
        let links = select(&page, "nav.contents > ol > li > a");
        let hrefs: Vec<String> = links
            .iter()
            .map(|a| a.value().attr("href").expect("a link").to_string())
            .collect();
        let wanted: Vec<String> = part_ids.iter().map(|id| format!("#{id}")).collect();
        assert_eq!(hrefs, wanted, "{name}");
        for (a, part) in links.iter().zip(&parts) {
            let heading = part
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .find(|e| e.value().name() == "h2")
                .expect("a part opens with its heading");
            assert_eq!(
                a.text().collect::<String>(),
                heading.text().collect::<String>()
            );
        }

        // Under each part, a link to each of its sections of the guide, in order.
        for part in &parts {
            let id = part.value().id().unwrap();
            let within: Vec<String> = select(&page, &format!("#{id} > section.part"))
                .iter()
                .map(|s| format!("#{}", s.value().id().expect("a section has an id")))
                .collect();
            let item = links
                .iter()
                .find(|a| a.value().attr("href") == Some(&format!("#{id}")))
                .and_then(|a| a.parent())
                .and_then(scraper::ElementRef::wrap)
                .expect("the part's item");
            // (A selector would also match the item's own link, inside the outer list.)
            let nested: Vec<String> = item
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .filter(|e| e.value().name() == "ol")
                .flat_map(|ol| ol.descendants().filter_map(scraper::ElementRef::wrap))
                .filter(|e| e.value().name() == "a")
                .map(|a| a.value().attr("href").unwrap().to_string())
                .collect();
            assert_eq!(nested, within, "{name}: {id}");
        }

        let html = export::render(&example(name), Guide::builtin(), Format::Html, on_day());
        let nav = html.find("<nav").unwrap();
        // (The examples' core statements are drafts, which are never the lead.)
        if let Some(lead) = html.find("class=\"lead\"") {
            assert!(lead < nav, "{name}");
        }
        assert!(nav < html.find("<section").unwrap(), "{name}");
    }
    // A charter with nothing answered lists what it has: the appendix with the readiness
    // summary, and the sign-off.
    let empty = parsed_html(&convene::community::Community::new("Empty"));
    let hrefs: Vec<&str> = select(&empty, "nav.contents a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(hrefs, ["#appendix", "#readiness-summary", "#sign-off"]);
}

/// `<html lang>` is the community's language when its file names a well-formed one, and
/// English otherwise.
#[test]
fn the_html_charter_is_in_the_language_of_the_community() {
    let lang = |line: &str| {
        let text = format!(
            "schema_version = 1\nname = \"Cercle\"\ncreated = 2026-09-02T12:15:00+01:00\n\
             updated = 2026-09-30T13:05:12Z\n{line}\n[answers]\nmembers = \"Infirmières\"\n"
        );
        let community = CommunityFile::parse(&text).unwrap().community;
        let page = parsed_html(&community);
        select(&page, "html")[0]
            .value()
            .attr("lang")
            .map(str::to_string)
    };
    assert_eq!(lang("language = \"fr\"").as_deref(), Some("fr"));
    assert_eq!(lang("language = \"pt-BR\"").as_deref(), Some("pt-BR"));
    assert_eq!(
        lang("language = \"zh-Hant-TW\"").as_deref(),
        Some("zh-Hant-TW")
    );
    assert_eq!(lang("").as_deref(), Some("en"));
    for name in ["nurses-lunch-circle.toml", "sips-constellation.toml"] {
        let page = parsed_html(&example(name));
        assert_eq!(select(&page, "html")[0].value().attr("lang"), Some("en"));
    }
    for bad in ["fr_FR", "", "fr FR", "\\\"><script>", "f", "français"] {
        let line = format!("language = \"{bad}\"");
        assert_eq!(lang(&line).as_deref(), Some("en"), "{bad:?}");
    }
}
