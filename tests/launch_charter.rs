//! The charter of a community that has launched (issue 17): its conversations with potential
//! members, attraction strategy and launch plan, its learning expedition (scouting parties,
//! basecamps, weavers) and its facilitation practices rated — in all three formats and for
//! every audience.
//!
//! Markdown is rendered as GitHub renders it (comrak with GFM's extensions and heading ids), so
//! a "see also" is checked to land on the heading it names; HTML is parsed with scraper; JSON is
//! held to the published schema and its strict copy.

mod schema;

use chrono::DateTime;
use convene::community::{Community, CommunityFile};
use convene::export::{self, Audience, Format, Options};
use convene::guide::Guide;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

/// A community two months into its launch, judged on Tue 1 Dec 2026: one launch step overdue,
/// one scouting party's report due, a learning-log follow-up due, two weavers, and the
/// facilitation practices rated with one weak group.
const LAUNCHED: &str = r#"schema_version = 1
name = "Ward handover circle"
created = 2026-10-01T09:00:00+01:00
updated = 2026-11-30T17:00:00+01:00

[answers]
primary_purpose = "Hand over better at night. Then share it."
system_in_focus = "Night-shift nurses on the surgical wards"
critical_connections = ["The bed manager", "The night matron"]
mutual_interests = "Safer handovers"
attraction_strategy = "Solve one handover problem in the open"
launch_way = "a launch event"
launch_visibility = "Build on the ward nurses' identity"
basecamp_rhythm = "quarterly"
next_basecamp = "2027-01-14"
weaving_plan = "Read the log before each basecamp."
intended_impact = "Fewer missed handover items"

[[answers.member_conversations]]
who = "Ana Lopez"
date = "2026-10-05"
issues = "Handover runs late every night"
meets_others = "rarely"
would_help = "yes"
core_group = "yes"
follow_up = "Send her the notes"

[[answers.member_conversations]]
who = "Ben Tan"
date = "2026-10-08"
issues = "Nobody reads the sheets"
core_group = "maybe"

[[answers.member_conversations]]
who = "Chi Okoro"
core_group = "no"

[[answers.launch_plan]]
step = "Have a series of conversations with potential members"
owner = "Zoë Martin"
due = "2026-11-01"
status = "done"

[[answers.launch_plan]]
step = "Find potential members willing to join you"
owner = "Zoë Martin"
due = "2026-11-20"
status = "in progress"

[[answers.launch_plan]]
step = "Launch the community"
owner = "Core group"
due = "2027-02-01"

[[answers.momentum_plan]]
step = "Hold the core group's first meeting"
owner = "Ravi Shah"
due = "2027-01-10"

[[answers.scouting_parties]]
name = "Night owls"
members = "Zoë, Ravi"
explores = "How other hospitals hand over at night"
report_back = "2026-11-25"

[[answers.scouting_parties]]
name = "Early birds"
members = "Ravi"
explores = "Morning huddles"
report_back = "2026-11-10"
findings = "Ten-minute huddles work"

[[answers.people]]
name = "Zoë Martin"
role = "coordinator"
contact = "zoe@example.org"
weaver = "yes"

[[answers.people]]
name = "Ravi Shah"
role = "core group"
contact = "ravi@example.org"
weaver = "yes"

[[answers.people]]
name = "Helen Okafor"
role = "sponsor"
contact = "helen@example.org"
weaver = "no"

[[answers.learning_log]]
date = "2026-11-12"
problem = "Handover sheets go missing"
advice = "Clipboards at the desk"
follow_up = "2026-11-26"
party = "Night owls"

[ratings.leadership_commitment]
rating = "partly"
comment = "Two are keen, one is not sure yet."

[ratings.facilitation_domain]
rating = "yes"

[ratings.facilitation_identify]
rating = "yes"

[ratings.facilitation_trust]
rating = "yes"

[ratings.facilitation_local]
rating = "yes"

[ratings.facilitation_range]
rating = "partly"

[ratings.facilitation_strategic]
rating = "no"
comment = "Only practitioners come."

[ratings.facilitation_ending]
rating = "yes"

[ratings.facilitation_evaluation]
rating = "partly"

[ratings.facilitation_sharing]
rating = "not_sure"
"#;

const WILLING: &str = "1 of 3 people talked to would join the core group, 1 maybe";
const FROM_CONVERSATIONS: &str =
    "From the conversations: 1 of 3 people talked to would join the core group, 1 maybe.";
const WEAVERS: &str = "Weavers: Zoë Martin, Ravi Shah.";
/// What only the facilitator's charter says of the conversations.
const CONFIDED: [&str; 4] = [
    "Ana Lopez",
    "Handover runs late every night",
    "Nobody reads the sheets",
    "Send her the notes",
];

fn launched() -> Community {
    CommunityFile::parse(LAUNCHED).unwrap().community
}

fn options(audience: Audience) -> Options {
    Options {
        audience,
        ..Options::made_at(DateTime::parse_from_rfc3339("2026-12-01T09:30:00+01:00").unwrap())
    }
}

fn render(community: &Community, format: Format, audience: Audience) -> String {
    export::render(community, Guide::builtin(), format, options(audience))
}

fn json(community: &Community, audience: Audience) -> Value {
    let text = render(community, Format::Json, audience);
    schema::assert_valid(&text, &format!("the {audience} charter"));
    serde_json::from_str(&text).unwrap()
}

/// Where `needle` first is in `text`, or a failure naming it.
fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in\n{text}"))
}

/// Markdown as GitHub renders it, with the ids it gives headings.
fn gfm(markdown: &str) -> Html {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.strikethrough = true;
    options.extension.tasklist = true;
    options.extension.header_id_prefix = Some(String::new());
    Html::parse_fragment(&comrak::markdown_to_html(markdown, &options))
}

fn select<'a>(page: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).expect("a valid selector");
    page.select(&selector).collect()
}

fn text(element: &ElementRef) -> String {
    element.text().collect::<String>()
}

/// The JSON question `id`.
fn question<'v>(value: &'v Value, id: &str) -> Option<&'v Value> {
    value["sections"]
        .as_array()?
        .iter()
        .flat_map(|s| s["groups"].as_array().into_iter().flatten())
        .flat_map(|g| g["questions"].as_array().into_iter().flatten())
        .find(|q| q["id"] == id)
}

#[test]
fn launch_works_the_expedition_knows_and_facilitation_follows_readiness_in_the_appendix() {
    let community = launched();
    let markdown = render(&community, Format::Markdown, Audience::Facilitator);
    let order = [
        "## How we work",
        "### Launching the community",
        "### Momentum plan",
        "## How we will know",
        "### Learning log",
        "### Learning expedition",
        "### Evaluation and stage",
        "## Appendix",
        "### Readiness summary",
        "### Readiness check",
        "### Facilitation summary",
        "### Facilitating the community",
        "## Sign-off",
    ];
    let places: Vec<usize> = order.iter().map(|h| at(&markdown, h)).collect();
    assert!(
        places.windows(2).all(|w| w[0] < w[1]),
        "{order:?} in order:\n{markdown}"
    );

    let page = Html::parse_document(&render(&community, Format::Html, Audience::Facilitator));
    let within = |part: &str| -> Vec<String> {
        select(
            &page,
            &format!("nav.contents li:has(> a[href='#{part}']) > ol > li > a"),
        )
        .iter()
        .map(|a| {
            a.value()
                .attr("href")
                .unwrap()
                .trim_start_matches('#')
                .to_string()
        })
        .collect()
    };
    let how = within("how-we-work");
    let launch = how
        .iter()
        .position(|id| id == "launch")
        .expect("launch in How we work");
    let momentum = how.iter().position(|id| id == "life_momentum").unwrap();
    assert!(launch < momentum, "{how:?}");
    assert!(within("how-we-will-know").contains(&"life_expedition".to_string()));
    assert_eq!(
        within("appendix"),
        [
            "readiness-summary",
            "readiness",
            "facilitation-summary",
            "life_facilitation"
        ]
    );
    // Every entry of the contents leads somewhere, and the body follows the same order.
    for href in select(&page, "nav.contents a") {
        let id = href.value().attr("href").unwrap().trim_start_matches('#');
        assert_eq!(select(&page, &format!("[id='{id}']")).len(), 1, "#{id}");
    }
    let ids: Vec<&str> = select(&page, "section.part[id]")
        .iter()
        .map(|s| s.value().attr("id").unwrap())
        .collect();
    let place = |id: &str| ids.iter().position(|i| *i == id).unwrap();
    assert!(place("launch") < place("life_momentum"));
    assert!(place("life_expedition") < place("readiness-summary"));
    assert!(place("readiness") < place("facilitation-summary"));
    assert!(place("facilitation-summary") < place("life_facilitation"));

    let value = json(&community, Audience::Facilitator);
    let part = |id: &str| -> String {
        value["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap_or_else(|| panic!("no section {id}"))["part"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(part("launch"), "how_we_work");
    assert_eq!(part("life_expedition"), "how_we_know");
    assert_eq!(part("life_facilitation"), "appendix");
}

#[test]
fn the_conversations_are_the_facilitators_and_everyone_reads_their_count() {
    let community = launched();
    for audience in Audience::ALL {
        let everything = audience == Audience::Facilitator;
        for format in Format::ALL {
            let charter = render(&community, format, audience);
            for confided in CONFIDED {
                assert_eq!(
                    charter.contains(confided),
                    everything,
                    "{audience} {format:?}: {confided:?}"
                );
            }
            assert!(
                charter.contains(WILLING),
                "{audience} {format:?}: the count is in every charter"
            );
        }

        let markdown = render(&community, Format::Markdown, audience);
        let glance = &markdown[at(&markdown, "## At a glance")..at(&markdown, "## Why we exist")];
        assert!(
            glance.contains(&format!("- **Core group:** {WILLING}\n")),
            "{audience}: {glance}"
        );
        // Under the conversations question, the count stands in for the table.
        let asked = at(
            &markdown,
            "**Whom have you talked to about the community, and what did they tell you?**",
        );
        let rest = &markdown[asked..];
        let answer = &rest[..at(rest, "\n**")];
        assert!(
            answer.contains(&format!("*{FROM_CONVERSATIONS}*")),
            "{answer}"
        );
        assert_eq!(
            answer.contains("| Who "),
            everything,
            "{audience}: {answer}"
        );
        assert!(!answer.contains("Open question"), "{answer}");

        let page = Html::parse_document(&render(&community, Format::Html, audience));
        let glance: Vec<String> = select(&page, "section.glance dt, section.glance dd")
            .iter()
            .map(text)
            .collect();
        let core = glance.iter().position(|t| t == "Core group").unwrap();
        assert_eq!(glance[core + 1], WILLING);
        assert_eq!(
            select(&page, "table.records.conversations").len(),
            usize::from(everything),
            "{audience}"
        );

        let value = json(&community, audience);
        assert_eq!(value["glance"]["core_group"], WILLING);
        let conversations = question(&value, "member_conversations").unwrap();
        assert_eq!(conversations["context"], FROM_CONVERSATIONS);
        if everything {
            assert_eq!(conversations["answer"][0]["who"], "Ana Lopez");
            assert_eq!(conversations["answer"].as_array().unwrap().len(), 3);
        } else {
            assert!(conversations["answer"].is_null(), "{audience}");
        }
    }
}

#[test]
fn the_leadership_statement_has_the_count_and_weaving_the_weavers_in_every_format() {
    let community = launched();
    for audience in Audience::ALL {
        let markdown = render(&community, Format::Markdown, audience);
        let statement = at(
            &markdown,
            "**There are (potential) members committed enough to take some leadership.**",
        );
        let rest = &markdown[statement..];
        let rating = at(rest, "*Partly*");
        let count = at(rest, &format!("*{FROM_CONVERSATIONS}*"));
        assert!(rating < count && count < at(rest, "\n**"), "{rest}");
        let weaving = &markdown[at(&markdown, "**How will the weavers join up")..];
        let plan = at(weaving, "Read the log before each basecamp.");
        assert!(plan < at(weaving, &format!("*{WEAVERS}*")), "{weaving}");
        // Names, never contacts: members see no contact at all.
        assert_eq!(
            markdown.contains("ravi@example.org"),
            audience != Audience::Members
        );

        let page = Html::parse_document(&render(&community, Format::Html, audience));
        let beside = |prompt: &str| -> Vec<String> {
            select(&page, "div.question")
                .into_iter()
                .find(|q| {
                    select_in(q, "p.prompt")
                        .iter()
                        .any(|p| text(p).starts_with(prompt))
                })
                .map(|q| select_in(&q, "p.context").iter().map(text).collect())
                .unwrap_or_else(|| panic!("no question {prompt:?}"))
        };
        assert_eq!(
            beside("There are (potential) members committed"),
            [FROM_CONVERSATIONS]
        );
        assert_eq!(beside("How will the weavers join up"), [WEAVERS]);
        assert!(beside("How often does everyone come together").is_empty());

        let value = json(&community, audience);
        assert_eq!(
            question(&value, "leadership_commitment").unwrap()["context"],
            FROM_CONVERSATIONS
        );
        assert_eq!(
            question(&value, "weaving_plan").unwrap()["context"],
            WEAVERS
        );
        assert!(question(&value, "basecamp_rhythm").unwrap()["context"].is_null());
    }
}

fn select_in<'a>(element: &ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).expect("a valid selector");
    element.select(&selector).collect()
}

#[test]
fn the_facilitation_summary_opens_the_practices_with_each_groups_verdict() {
    let community = launched();
    let expected = [
        (
            "facilitation_focus",
            "Focus, people and trust",
            [4, 0, 0, 0, 0],
            "strong",
        ),
        (
            "facilitation_engagement",
            "Ways to take part",
            [0, 1, 1, 0, 0],
            "weak",
        ),
        (
            "facilitation_impact",
            "Impact, learning and the end of facilitation",
            [1, 1, 0, 1, 0],
            "mixed",
        ),
    ];
    let value = json(&community, Audience::Members);
    let rows = value["facilitation"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for (row, (group, title, counts, verdict)) in rows.iter().zip(expected) {
        assert_eq!(row["group"], group);
        assert_eq!(row["title"], title);
        let got: Vec<u64> = ["yes", "partly", "no", "not_sure", "unrated"]
            .iter()
            .map(|k| row[k].as_u64().unwrap())
            .collect();
        assert_eq!(got, counts, "{group}");
        assert_eq!(row["verdict"], verdict);
    }
    // The readiness summary is still the readiness check's alone.
    assert_eq!(value["readiness"].as_array().unwrap().len(), 6);

    let markdown = render(&community, Format::Markdown, Audience::Members);
    let summary = &markdown[at(&markdown, "### Facilitation summary")
        ..at(&markdown, "### Facilitating the community")];
    let table = gfm(summary);
    let cells: Vec<Vec<String>> = select(&table, "tbody tr")
        .iter()
        .map(|tr| select_in(tr, "td").iter().map(text).collect())
        .collect();
    assert_eq!(
        cells[1],
        ["Ways to take part", "0", "1", "1", "0", "0", "weak"],
        "{summary}"
    );
    assert_eq!(cells.len(), 3);

    let page = Html::parse_document(&render(&community, Format::Html, Audience::Members));
    let rows = select(&page, "section#facilitation-summary tbody tr");
    assert_eq!(rows.len(), 3);
    let weak = select_in(&rows[1], "td.weak");
    assert_eq!(weak.iter().map(text).collect::<Vec<_>>(), ["weak"]);
    assert_eq!(
        text(&select(&page, "section#facilitation-summary h3")[0]),
        "Facilitation summary"
    );

    // Nothing rated: no table of "not rated yet" in Markdown or HTML, every group in JSON.
    let mut quiet = launched();
    quiet
        .ratings
        .retain(|id, _| !id.starts_with("facilitation_"));
    let markdown = render(&quiet, Format::Markdown, Audience::Members);
    assert!(!markdown.contains("Facilitation summary"));
    assert!(!render(&quiet, Format::Html, Audience::Members).contains("facilitation-summary"));
    let value = json(&quiet, Audience::Members);
    assert!(
        value["facilitation"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["verdict"] == "not rated yet")
    );
}

#[test]
fn see_also_links_to_the_section_it_names_in_every_format() {
    let community = launched();
    let markdown = render(&community, Format::Markdown, Audience::Members);
    let line = "*See also: [Evaluation and stage](#evaluation-and-stage)*";
    assert_eq!(
        markdown.matches(line).count(),
        2,
        "both practices that name it"
    );
    let statement = at(&markdown, "**We share what we learn far and wide.**");
    assert!(markdown[..statement].contains(line));
    // As GitHub renders it, the link lands on the section's heading.
    let rendered = gfm(&markdown);
    let links = select(&rendered, "a[href='#evaluation-and-stage']");
    let links: Vec<_> = links
        .iter()
        .filter(|a| text(a) == "Evaluation and stage")
        .collect();
    assert_eq!(links.len(), 2);
    let target = select(&rendered, "[id='evaluation-and-stage']");
    assert_eq!(target.len(), 1);
    assert_eq!(target[0].value().name(), "h3");
    assert_eq!(text(&target[0]), "Evaluation and stage");

    let page = Html::parse_document(&render(&community, Format::Html, Audience::Members));
    let links = select(&page, "p.see-also a[href='#life_evaluation']");
    assert_eq!(links.len(), 2);
    assert!(links.iter().all(|a| text(a) == "Evaluation and stage"));
    assert_eq!(select(&page, "section.part#life_evaluation h3").len(), 1);

    let value = json(&community, Audience::Members);
    assert_eq!(
        question(&value, "facilitation_evaluation").unwrap()["see"],
        "life_evaluation"
    );
    assert!(question(&value, "facilitation_domain").unwrap()["see"].is_null());

    // A heading before it with the same words takes the plain id; the link follows GitHub's
    // suffix to the section.
    let mut namesake = launched();
    namesake.name = "Evaluation & stage!".into();
    let markdown = render(&namesake, Format::Markdown, Audience::Members);
    assert!(markdown.contains("](#evaluation-and-stage)*"), "{markdown}");
    let rendered = gfm(&markdown);
    for link in select(&rendered, "p a[href^='#evaluation']") {
        let id = link.value().attr("href").unwrap().trim_start_matches('#');
        let target = select(&rendered, &format!("[id='{id}']"));
        assert_eq!(target.len(), 1, "#{id}");
        assert_eq!(text(&target[0]), "Evaluation and stage", "#{id}");
    }
    namesake.name = "Evaluation and stage".into();
    let markdown = render(&namesake, Format::Markdown, Audience::Members);
    assert_eq!(
        markdown
            .matches("*See also: [Evaluation and stage](#evaluation-and-stage-1)*")
            .count(),
        2,
        "{markdown}"
    );
    let rendered = gfm(&markdown);
    assert_eq!(select(&rendered, "h1[id='evaluation-and-stage']").len(), 1);
    let target = select(&rendered, "[id='evaluation-and-stage-1']");
    assert_eq!(target[0].value().name(), "h3");

    // A section with nothing answered is not in the charter: named, with nothing to link to.
    let mut unanswered = launched();
    unanswered.answers.remove("intended_impact");
    let markdown = render(&unanswered, Format::Markdown, Audience::Members);
    assert!(!markdown.contains("### Evaluation and stage"));
    assert!(!markdown.contains("(#evaluation-and-stage)"));
    assert!(markdown.contains(
        "*See also: Evaluation and stage (not in this charter: nothing there is answered yet)*"
    ));
    let page = Html::parse_document(&render(&unanswered, Format::Html, Audience::Members));
    assert!(select(&page, "p.see-also a").is_empty());
    assert!(
        select(&page, "p.see-also")
            .iter()
            .all(|p| text(p).contains("not in this charter"))
    );
    let value = json(&unanswered, Audience::Members);
    assert_eq!(
        question(&value, "facilitation_evaluation").unwrap()["see"],
        "life_evaluation"
    );
}

#[test]
fn a_party_whose_report_is_due_is_flagged_and_the_new_columns_are_shown() {
    let community = launched();
    let markdown = render(&community, Format::Markdown, Audience::Sponsor);
    assert!(
        markdown.contains("*Reports due as of Tue 1 Dec 2026.*"),
        "{markdown}"
    );
    assert!(markdown.contains("Wed 25 Nov 2026 (report due)"));
    assert!(
        !markdown.contains("Tue 10 Nov 2026 (report due)"),
        "it brought findings"
    );
    assert!(markdown.contains("*Follow-ups due as of Tue 1 Dec 2026.*"));
    assert!(markdown.contains("*Overdue as of Tue 1 Dec 2026.*"));
    // The overdue launch step is at a glance, with the plan's.
    let glance = &markdown[at(&markdown, "## At a glance")..at(&markdown, "## Why we exist")];
    assert!(
        glance.contains(
            "Find potential members willing to join you (Zoë Martin, due Fri 20 Nov 2026)"
        ),
        "{glance}"
    );

    let rendered = gfm(&markdown);
    let headers = |first: &str| -> Vec<String> {
        select(&rendered, "table")
            .into_iter()
            .find(|t| {
                select_in(t, "th")
                    .first()
                    .is_some_and(|th| text(th) == first)
            })
            .map(|t| select_in(&t, "th").iter().map(text).collect())
            .unwrap_or_else(|| panic!("no table starting {first:?}"))
    };
    assert!(headers("Name").contains(&"Weaver".to_string()));
    assert!(headers("Date").contains(&"Scouting party".to_string()));
    assert!(headers("Scouting party").contains(&"Reports back".to_string()));

    let page = Html::parse_document(&render(&community, Format::Html, Audience::Sponsor));
    let due = select(&page, "table.records.parties tr.report-due");
    assert_eq!(due.len(), 1);
    assert_eq!(text(&select_in(&due[0], "td")[0]), "Night owls");
    assert_eq!(
        select_in(&due[0], "span.flag.report-due")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["report due"]
    );
    let as_of: Vec<String> = select(&page, "p.asof").iter().map(text).collect();
    assert!(
        as_of.contains(&"Reports due as of Tue 1 Dec 2026.".to_string()),
        "{as_of:?}"
    );
    let people: Vec<String> = select(&page, "table.records.people th")
        .iter()
        .map(text)
        .collect();
    assert!(people.contains(&"Weaver".to_string()), "{people:?}");
    let log: Vec<String> = select(&page, "table.records.log th")
        .iter()
        .map(text)
        .collect();
    assert!(log.contains(&"Scouting party".to_string()), "{log:?}");

    let value = json(&community, Audience::Sponsor);
    let parties = &question(&value, "scouting_parties").unwrap()["answer"];
    assert_eq!(parties[0]["report_back"], "2026-11-25");
    assert!(parties[0]["findings"].is_null());
    assert_eq!(
        question(&value, "people").unwrap()["answer"][1]["weaver"],
        "yes"
    );
    assert_eq!(
        question(&value, "learning_log").unwrap()["answer"][0]["party"],
        "Night owls"
    );
}

#[test]
fn the_launch_sources_are_cited() {
    let community = launched();
    let guide = Guide::builtin();
    let titles: Vec<&str> = ["wenger-trayner-intro", "wenger-quickstart"]
        .iter()
        .map(|id| guide.source(id).unwrap().title.as_str())
        .collect();
    let markdown = render(&community, Format::Markdown, Audience::Members);
    let footer = &markdown[at(&markdown, "Made with convene.")..];
    let page = Html::parse_document(&render(&community, Format::Html, Audience::Members));
    let listed: Vec<String> = select(&page, "footer li").iter().map(text).collect();
    let value = json(&community, Audience::Members);
    for title in titles {
        assert!(footer.contains(title), "{title} in\n{footer}");
        assert!(listed.iter().any(|l| l.starts_with(title)), "{title}");
        assert!(
            value["sources"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["title"] == title)
        );
    }
}

#[test]
fn weavers_names_stay_text_in_every_format() {
    let mut community = launched();
    let hostile = "Ravi <b>Shah</b> [home](#hostile) *";
    let text = LAUNCHED.replace("name = \"Ravi Shah\"", &format!("name = {hostile:?}"));
    community.answers = CommunityFile::parse(&text).unwrap().community.answers;
    let rendered = gfm(&render(&community, Format::Markdown, Audience::Members));
    assert!(select(&rendered, "b, a[href='#hostile']").is_empty());
    let context: Vec<String> = select(&rendered, "em")
        .iter()
        .map(|em| em.text().collect())
        .filter(|t: &String| t.starts_with("Weavers:"))
        .collect();
    assert_eq!(context, [format!("Weavers: Zoë Martin, {hostile}.")]);

    let page = Html::parse_document(&render(&community, Format::Html, Audience::Members));
    assert!(select(&page, "p.context b, p.context a").is_empty());
    assert!(
        select(&page, "p.context")
            .iter()
            .any(|p| p.text().collect::<String>() == format!("Weavers: Zoë Martin, {hostile}."))
    );
    let value = json(&community, Audience::Members);
    assert_eq!(
        question(&value, "weaving_plan").unwrap()["context"],
        format!("Weavers: Zoë Martin, {hostile}.")
    );
}

#[test]
fn a_community_without_launch_answers_has_no_core_group_line() {
    let community = Community::new("Quiet");
    for audience in Audience::ALL {
        let value = json(&community, audience);
        assert!(value["glance"]["core_group"].is_null());
        assert_eq!(value["facilitation"].as_array().unwrap().len(), 3);
        let markdown = render(&community, Format::Markdown, audience);
        assert!(!markdown.contains("Core group"));
        assert!(!markdown.contains("From the conversations"));
    }
    // Every question of the guide, open: the see-also and the kinds still follow the schema.
    let open = export::render(
        &launched(),
        Guide::builtin(),
        Format::Json,
        Options {
            include_empty: true,
            ..options(Audience::Members)
        },
    );
    schema::assert_valid(&open, "every question");
}
