//! The constellation charter, from a data folder written here: four communities listed, one of
//! them missing; people in two of them (a bridge, a weaver among them), a contact members must
//! not see, an overdue step, learning entries (one follow-up due, one shared with another
//! community), and hostile text in names and answers. Each format, for each audience, says what
//! it should and nothing more: Markdown whose headings and links are convene's alone, HTML with
//! its table, its links to the members' charters and nothing loaded or run, JSON that follows
//! its schema and carries the figures; the missing member is named in all three; and the same
//! input gives the same bytes.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate};
use convene::constellation::overview::Overview;
use convene::export::constellation::{self, FORMAT_VERSION, SCHEMA};
use convene::export::{Audience, Format, Options};
use convene::guide::Guide;
use convene::store::Store;
use jsonschema::Validator;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use scraper::{Html, Selector};
use serde_json::Value;

fn moment() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-12-01T09:30:00+01:00").unwrap()
}

fn today() -> NaiveDate {
    moment().date_naive()
}

const CONSTELLATION: &str = r##"schema_version = 1
kind = "constellation"
name = "SIPS"
shared_purpose = """
Research on social policy that reaches beyond the University.
# heading
<script>alert('purpose')</script> and [link](http://x)
"""

[[communities]]
file = "sips-citizenship.toml"
name = "Citizenship <script>alert(1)</script>"
contributes = "The newsletter.\n# heading [link](http://x)"

[[communities]]
file = "sips-resilience.toml"
name = "# Resilience [link](http://x)"
contributes = "Cases from the field \u202E reversed"

[[communities]]
file = "sips-housing.toml"
name = "Housing"

[[communities]]
file = "sips-x.toml"
name = "Lost community"
contributes = "Whatever it was."
"##;

const CITIZENSHIP: &str = r##"schema_version = 1
name = "Citizenship <script>alert(1)</script>"
created = 2026-10-01T10:00:00Z
updated = 2026-11-20T10:00:00Z

[answers]
primary_purpose = """
Make citizenship research count. # heading [link](http://x)
"""
stage = "coalescing"

[[answers.people]]
name = "Ana Souza"
role = "coordinator"
contact = "ana.secret@example.org"
weaver = "yes"

[[answers.people]]
name = "Ben Okafor"
role = "sponsor"
contact = "ben.private@example.org"

[[answers.momentum_plan]]
step = "Draft the <script>newsletter</script>"
owner = "Ana Souza"
due = "2026-11-20"
status = "todo"

[[answers.momentum_plan]]
step = "Hold the joint event"
owner = "Ben Okafor"
due = "2027-01-15"
status = "todo"

[[answers.learning_log]]
date = "2026-11-10"
problem = "How do we recruit [link](http://x)?"
advice = "Ask the network."
follow_up = "2026-11-25"

[ratings.domain_identity]
rating = "yes"
"##;

const RESILIENCE: &str = r##"schema_version = 1
name = "# Resilience [link](http://x)"
created = 2026-10-01T10:00:00Z
updated = 2026-11-20T10:00:00Z

[answers]
primary_purpose = "Learn from shocks \u202E together."
stage = "potential"

[[answers.people]]
name = "ana  souza"
role = "member"
contact = "ana.other@example.org"

[[answers.people]]
name = "Dee <b>Bold</b>"
role = "coordinator"
contact = "dee.secret@example.org"

[[answers.learning_log]]
date = "2026-10-05"
problem = "Floods keep surprising the council."
advice = "Map the drains with residents."
outcome = "A shared map."
shared_with = "Citizenship <script>alert(1)</script>; Housing"
"##;

const HOUSING: &str = r##"schema_version = 1
name = "Housing"
created = 2026-10-01T10:00:00Z
updated = 2026-11-20T10:00:00Z

[answers]
primary_purpose = "Homes people can afford."

[[answers.people]]
name = "Ben Okafor"
role = "member"
contact = "ben.housing@example.org"

[[answers.people]]
name = "Fay Lone"
role = "member"
weaver = "yes"
contact = "fay.secret@example.org"
"##;

/// The contacts written above: none may reach the members' charter.
const CONTACTS: [&str; 6] = [
    "ana.secret@example.org",
    "ben.private@example.org",
    "ana.other@example.org",
    "dee.secret@example.org",
    "ben.housing@example.org",
    "fay.secret@example.org",
];

/// The data folder, and the constellation file in it.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for (file, text) in [
        ("sips.constellation.toml", CONSTELLATION),
        ("sips-citizenship.toml", CITIZENSHIP),
        ("sips-resilience.toml", RESILIENCE),
        ("sips-housing.toml", HOUSING),
    ] {
        fs::write(dir.path().join(file), text).unwrap();
    }
    let path = dir.path().join("sips.constellation.toml");
    (dir, path)
}

fn overview_of(dir: &Path, path: &Path) -> Overview {
    let store = Store::open(dir).unwrap();
    let (_, overview) = store.overview(path, Guide::builtin(), today()).unwrap();
    overview
}

/// The overview of the folder above, read once.
static OVERVIEW: LazyLock<Overview> = LazyLock::new(|| {
    let (dir, path) = folder();
    overview_of(dir.path(), &path)
});

fn render(format: Format, audience: Audience) -> String {
    let options = Options {
        audience,
        ..Options::made_at(moment())
    };
    constellation::render(&OVERVIEW, Guide::builtin(), format, options)
}

/// The headings of `markdown` as (level, text read), every link's address, and any raw HTML.
fn markdown_parts(markdown: &str) -> (Vec<(u32, String)>, Vec<String>, Vec<String>) {
    let options =
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let (mut headings, mut links, mut raw) = (Vec::new(), Vec::new(), Vec::new());
    let mut heading: Option<(u32, String)> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u32, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, h)) = &mut heading {
                    h.push_str(&text);
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Html(html) | Event::InlineHtml(html) => raw.push(html.to_string()),
            _ => {}
        }
    }
    (headings, links, raw)
}

/// Markdown as GitHub renders it (GFM's tables, autolinks and strikethrough; nothing raw).
fn gfm(markdown: &str) -> Html {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.strikethrough = true;
    options.extension.tasklist = true;
    Html::parse_fragment(&comrak::markdown_to_html(markdown, &options))
}

fn select<'a>(page: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).expect("a valid selector");
    page.select(&selector).collect()
}

fn text_of(element: scraper::ElementRef) -> String {
    element.text().collect::<String>()
}

/// The member charters a format links to, for an audience: the three that open.
fn charters(audience: Audience, format: Format) -> BTreeSet<String> {
    ["sips-citizenship", "sips-resilience", "sips-housing"]
        .iter()
        .map(|stem| convene::export::file_name(stem, audience, format))
        .collect()
}

#[test]
fn the_markdown_has_convenes_headings_and_links_and_nothing_raw() {
    for audience in Audience::ALL {
        let markdown = render(Format::Markdown, audience);
        let (headings, links, raw) = markdown_parts(&markdown);
        let expected: Vec<(u32, String)> = [
            (1, "SIPS — constellation charter"),
            (2, "Shared purpose"),
            (2, "The communities at a glance"),
            (2, "The communities"),
            (3, "Citizenship <script>alert(1)</script>"),
            (3, "# Resilience [link](http://x)"),
            (3, "Housing"),
            (3, "Lost community"),
            (2, "Bridges"),
            (2, "Learning across communities"),
        ]
        .into_iter()
        .map(|(l, t)| (l, t.to_string()))
        .collect();
        assert_eq!(headings, expected, "{audience}:\n{markdown}");
        assert!(raw.is_empty(), "{audience}: raw HTML {raw:?}\n{markdown}");
        let linked: BTreeSet<String> = links.iter().cloned().collect();
        assert_eq!(
            linked,
            charters(audience, Format::Markdown),
            "{audience}: only the members' charters are linked\n{markdown}"
        );
        // Each is linked twice: from the table and from its section.
        assert_eq!(links.len(), 6, "{links:?}");

        // As GitHub renders it: the same links, and an address someone typed links only to
        // itself, as it reads (GitHub links bare addresses; the escaping keeps them honest).
        let page = gfm(&markdown);
        let mut hrefs = BTreeSet::new();
        for a in select(&page, "a") {
            let href = a.value().attr("href").unwrap_or_default().to_string();
            if !charters(audience, Format::Markdown).contains(&href) {
                let text = text_of(a);
                assert!(
                    href == text || href == format!("mailto:{text}"),
                    "{audience}: {href} is not what it reads\n{markdown}"
                );
                continue;
            }
            hrefs.insert(href);
        }
        assert_eq!(hrefs, charters(audience, Format::Markdown), "{markdown}");
        assert!(select(&page, "script, b").is_empty(), "{markdown}");
        let headings: Vec<String> = select(&page, "h1, h2, h3, h4, h5, h6")
            .into_iter()
            .map(text_of)
            .collect();
        assert_eq!(headings.len(), expected.len(), "{headings:?}");
        assert_eq!(select(&page, "table").len(), 2, "{markdown}");
    }
}

#[test]
fn the_markdown_says_what_the_constellation_holds() {
    let markdown = render(Format::Markdown, Audience::Members);
    let page = gfm(&markdown);
    let text = text_of(page.root_element());
    for needle in [
        "Constellation charter for members · made Tue 1 Dec 2026 09:30",
        "Research on social policy that reaches beyond the University.",
        "Lost community: listed, but its file sips-x.toml is not in the folder.",
        "Listed, but its file sips-x.toml is not in the folder.",
        "Its full charter: sips-citizenship.md",
        "Ana Souza · weaver · Citizenship <script>alert(1)</script>, # Resilience [link](http://x)",
        "Ben Okafor · Citizenship <script>alert(1)</script>, Housing",
        "Weavers in one community: Fay Lone (Housing).",
        "Wed 25 Nov 2026 (follow-up due)",
        "Follow-ups due as of Tue 1 Dec 2026.",
        "Overdue as of Tue 1 Dec 2026.",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
    // Bidi overrides are shown, never obeyed.
    assert!(!markdown.contains('\u{202e}'), "{markdown}");
    assert!(markdown.contains("\\u{202e}"), "{markdown}");
}

#[test]
fn the_html_has_the_table_the_links_and_nothing_loaded_or_run() {
    for audience in Audience::ALL {
        let html = render(Format::Html, audience);
        let page = Html::parse_document(&html);
        assert!(
            select(&page, "script, iframe, img, link, object, embed").is_empty(),
            "{html}"
        );
        assert!(!html.contains("<script"), "{audience}");
        for attr in ["src", "srcset", "action", "formaction", "poster", "data"] {
            assert!(
                select(&page, &format!("[{attr}]")).is_empty(),
                "{audience}: a [{attr}]"
            );
        }
        assert!(!html.contains("http://x\""), "{audience}");
        assert!(
            !html.contains("url("),
            "{audience}: nothing fetched by the stylesheet"
        );
        // A line break in one-line text is a space, not the marker of a control character;
        // a bidi override is that marker.
        assert!(!html.contains("\\u{a}"), "{audience}");
        assert!(
            !html.contains('\u{202e}') && html.contains("\\u{202e}"),
            "{audience}"
        );

        let hrefs: Vec<String> = select(&page, "a[href]")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        for href in &hrefs {
            assert!(
                href.starts_with('#') || charters(audience, Format::Html).contains(href),
                "{audience}: {href}"
            );
        }
        let external: BTreeSet<&String> = hrefs.iter().filter(|h| !h.starts_with('#')).collect();
        assert_eq!(
            external.into_iter().cloned().collect::<BTreeSet<_>>(),
            charters(audience, Format::Html)
        );

        // The table: one row a community, its name linking to its charter.
        let rows = select(&page, "table.communities tbody tr");
        assert_eq!(rows.len(), 4);
        let names: Vec<String> = select(&page, "table.communities tbody th")
            .into_iter()
            .map(text_of)
            .collect();
        assert_eq!(names[0], "Citizenship <script>alert(1)</script>");
        assert!(names[3].starts_with("Lost community"), "{names:?}");
        assert!(names[3].contains("missing"), "{names:?}");
        let first = select(&page, "table.communities tbody th a");
        assert_eq!(
            first.len(),
            3,
            "the missing member has no charter to link to"
        );
        assert_eq!(
            first[0].value().attr("href"),
            Some(convene::export::file_name("sips-citizenship", audience, Format::Html).as_str())
        );
        let headers: Vec<String> = select(&page, "table.communities thead th")
            .into_iter()
            .map(text_of)
            .collect();
        assert_eq!(
            headers,
            [
                "Community",
                "Contributes",
                "Progress",
                "Stage",
                "Readiness",
                "Next step due",
                "Overdue"
            ]
        );
        // Every table scrolls in its own wrapper, as the community charter's do.
        for table in select(&page, "table") {
            let parent = table.parent().and_then(scraper::ElementRef::wrap).unwrap();
            assert!(
                parent
                    .value()
                    .has_class("table-scroll", scraper::CaseSensitivity::CaseSensitive)
            );
        }

        let text = text_of(page.root_element());
        assert!(text.contains("Its full charter: "), "{audience}");
        assert!(
            text.contains("Listed, but its file sips-x.toml is not in the folder."),
            "{text}"
        );
        assert!(text.contains("Bridges"));
        assert!(text.contains("follow-up due"), "{text}");
        assert!(text.contains("overdue"), "{text}");
        // A section for each community, the way the contents list reaches them.
        assert_eq!(select(&page, "section.community").len(), 4);
        assert_eq!(
            select(&page, "nav.contents a[href^='#community-']").len(),
            4
        );
    }
}

/// A draft 2020-12 validator that checks formats too (`date`, `date-time`).
fn compiled(schema: &Value) -> Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles")
}

fn validator() -> Validator {
    compiled(&serde_json::from_str(SCHEMA).unwrap())
}

fn strict_validator() -> Validator {
    fn close(value: &mut Value) {
        match value {
            Value::Object(map) => {
                if map.get("additionalProperties") == Some(&Value::Bool(true)) {
                    map.insert("additionalProperties".into(), Value::Bool(false));
                }
                map.values_mut().for_each(close);
            }
            Value::Array(items) => items.iter_mut().for_each(close),
            _ => {}
        }
    }
    let mut schema: Value = serde_json::from_str(SCHEMA).unwrap();
    close(&mut schema);
    compiled(&schema)
}

#[test]
fn the_json_follows_its_schema_and_carries_the_figures() {
    let (published, strict) = (validator(), strict_validator());
    for audience in Audience::ALL {
        let text = render(Format::Json, audience);
        let json: Value = serde_json::from_str(&text).unwrap();
        for (name, v) in [("schema", &published), ("strict schema", &strict)] {
            let errors: Vec<String> = v
                .iter_errors(&json)
                .map(|e| format!("{name}: at {}: {e}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{audience}: {errors:#?}\n{text}");
        }
        assert_eq!(json["format"], "convene-constellation-charter");
        assert_eq!(json["format_version"], FORMAT_VERSION);
        assert_eq!(json["generated_at"], "2026-12-01T09:30:00+01:00");
        assert_eq!(json["as_of"], "2026-12-01");
        assert_eq!(json["audience"], audience.name());
        assert_eq!(json["name"], "SIPS");
        let communities = json["communities"].as_array().unwrap();
        assert_eq!(communities.len(), 4);
        let links: Vec<&str> = communities
            .iter()
            .map(|c| c["link"].as_str().unwrap())
            .collect();
        assert_eq!(links, ["here", "here", "here", "missing"]);
        let lost = &communities[3];
        assert_eq!(lost["listed_file"], "sips-x.toml");
        assert_eq!(lost["name"], "Lost community");
        assert!(
            lost["charters"].is_null() && lost["glance"].is_null() && lost["overdue"].is_null()
        );
        let citizenship = &communities[0];
        assert_eq!(citizenship["name"], "Citizenship <script>alert(1)</script>");
        assert_eq!(citizenship["overdue"], 1);
        assert_eq!(citizenship["stage"], "coalescing");
        assert_eq!(
            citizenship["next_step"]["step"],
            "Draft the <script>newsletter</script>"
        );
        assert_eq!(citizenship["next_step"]["overdue"], true);
        assert_eq!(
            citizenship["charters"]["html"],
            convene::export::file_name("sips-citizenship", audience, Format::Html)
        );
        assert!(citizenship["progress"]["answered"].as_u64().unwrap() >= 4);
        let groups = json["readiness_groups"].as_array().unwrap().len();
        assert_eq!(citizenship["readiness"].as_array().unwrap().len(), groups);
        assert_eq!(citizenship["glance"]["stage"], "coalescing");

        let bridges = json["bridges"].as_array().unwrap();
        let bridged: Vec<(&str, Vec<u64>, bool)> = bridges
            .iter()
            .map(|b| {
                (
                    b["name"].as_str().unwrap(),
                    b["communities"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|i| i.as_u64().unwrap())
                        .collect(),
                    b["weaver"].as_bool().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            bridged,
            [
                ("Ana Souza", vec![0, 1], true),
                ("Ben Okafor", vec![0, 2], false)
            ]
        );
        assert_eq!(
            json["weavers"],
            serde_json::json!([{"name": "Fay Lone", "community": 2}])
        );

        let learning = json["learning"].as_array().unwrap();
        let dates: Vec<&str> = learning
            .iter()
            .map(|e| e["date"].as_str().unwrap())
            .collect();
        assert_eq!(dates, ["2026-10-05", "2026-11-10"], "date order");
        assert_eq!(learning[0]["community"], 1);
        assert_eq!(
            learning[0]["shared_with"],
            serde_json::json!(["Citizenship <script>alert(1)</script>", "Housing"])
        );
        assert_eq!(learning[1]["follow_up_due"], true);
        assert_eq!(learning[0]["follow_up_due"], false);
    }
}

#[test]
fn the_schema_is_draft_2020_12_with_every_property_described() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    jsonschema::meta::validate(&schema).expect("a valid JSON Schema");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(
        schema["$id"],
        format!("urn:convene:constellation-charter:{FORMAT_VERSION}")
    );
    assert_eq!(
        schema["properties"]["format_version"]["const"],
        FORMAT_VERSION
    );
    let on_disk = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/export/constellation.schema.json"),
    )
    .unwrap();
    assert_eq!(on_disk, SCHEMA);

    fn walk(value: &Value, at: &str, missing: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    if map.get("additionalProperties") != Some(&Value::Bool(true)) {
                        missing.push(format!("{at}: additionalProperties not decided"));
                    }
                    for (name, property) in properties {
                        let described = property["description"]
                            .as_str()
                            .is_some_and(|d| d.split_whitespace().count() >= 2);
                        if !described {
                            missing.push(format!("{at}/properties/{name}"));
                        }
                    }
                }
                for (key, child) in map {
                    walk(child, &format!("{at}/{key}"), missing);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{at}/{i}"), missing);
                }
            }
            _ => {}
        }
    }
    let mut missing = Vec::new();
    walk(&schema, "#", &mut missing);
    assert!(missing.is_empty(), "{missing:#?}");

    // A community's glance is the community charter's, described the same way.
    let charter: Value = serde_json::from_str(convene::export::json::SCHEMA).unwrap();
    for def in ["glance", "person"] {
        assert_eq!(schema["$defs"][def], charter["$defs"][def], "{def}");
    }
}

#[test]
fn members_see_no_contact_and_the_sponsor_and_facilitator_do() {
    for format in Format::ALL {
        let members = render(format, Audience::Members);
        for contact in CONTACTS {
            assert!(
                !members.contains(contact),
                "{format:?}: {contact}\n{members}"
            );
        }
        // The coordinator's contact is in the glance of the others' charters, as in its own.
        for audience in [Audience::Sponsor, Audience::Facilitator] {
            let text = render(format, audience);
            assert!(
                text.contains("ana.secret@example.org"),
                "{format:?} {audience}"
            );
            // Someone's contact shows only where their own charter would show it: never for a
            // bridge or a weaver as such.
            assert!(
                !text.contains("fay.secret@example.org"),
                "{format:?} {audience}"
            );
        }
    }
}

#[test]
fn the_missing_member_is_named_in_every_format() {
    for audience in Audience::ALL {
        for format in Format::ALL {
            let text = render(format, audience);
            assert!(text.contains("Lost community"), "{format:?} {audience}");
            assert!(text.contains("sips-x.toml"), "{format:?} {audience}");
        }
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (dir, path) = folder();
    let again = overview_of(dir.path(), &path);
    for audience in Audience::ALL {
        for format in Format::ALL {
            let options = Options {
                audience,
                ..Options::made_at(moment())
            };
            let one = constellation::render(&OVERVIEW, Guide::builtin(), format, options);
            let two = constellation::render(&again, Guide::builtin(), format, options);
            assert_eq!(one, two, "{format:?} {audience}");
        }
    }
}

/// A member renamed by hand is found by its name and said to have moved, its charter linked
/// under the file it is in now; a member whose file cannot be read is named with its file, and
/// only the facilitator reads why (the reason may quote the file).
#[test]
fn a_member_moved_or_unreadable_is_named_in_every_format() {
    let (dir, path) = folder();
    fs::rename(
        dir.path().join("sips-housing.toml"),
        dir.path().join("housing-2027.toml"),
    )
    .unwrap();
    fs::write(
        dir.path().join("sips-resilience.toml"),
        "schema_version = 1\nname = \"Resilience\nsecret = \"dee.secret@example.org\"\n",
    )
    .unwrap();
    let overview = overview_of(dir.path(), &path);
    for audience in Audience::ALL {
        let options = Options {
            audience,
            ..Options::made_at(moment())
        };
        let render = |format| constellation::render(&overview, Guide::builtin(), format, options);

        let markdown = render(Format::Markdown);
        let page = gfm(&markdown);
        let text = text_of(page.root_element());
        for needle in [
            "Housing: listed as sips-housing.toml, which is not in the folder; convene found it by its name in housing-2027.toml.",
            "listed, but its file sips-resilience.toml cannot be read",
        ] {
            assert!(text.contains(needle), "{audience}: {needle:?}\n{text}");
        }
        let hrefs: BTreeSet<String> = select(&page, "a")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .filter(|h| h.ends_with(".md"))
            .collect();
        assert!(
            hrefs.contains(&convene::export::file_name(
                "housing-2027",
                audience,
                Format::Markdown
            )),
            "{hrefs:?}"
        );
        assert!(
            !hrefs
                .iter()
                .any(|h| h.starts_with("sips-resilience") || h.starts_with("sips-housing")),
            "{hrefs:?}"
        );

        let html = Html::parse_document(&render(Format::Html));
        let text = text_of(html.root_element());
        assert!(
            text.contains("found it by its name in housing-2027.toml"),
            "{text}"
        );
        assert!(
            text.contains("Listed, but its file sips-resilience.toml cannot be read"),
            "{text}"
        );
        let marks: Vec<String> = select(&html, "table.communities .flag.not-found")
            .into_iter()
            .map(text_of)
            .collect();
        assert_eq!(marks, ["unreadable", "moved", "missing"]);

        let json: Value = serde_json::from_str(&render(Format::Json)).unwrap();
        let errors: Vec<String> = validator()
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let links: Vec<&str> = json["communities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["link"].as_str().unwrap())
            .collect();
        assert_eq!(links, ["here", "unreadable", "moved", "missing"]);
        assert_eq!(json["communities"][2]["file"], "housing-2027.toml");
        assert_eq!(json["communities"][1]["file"], "sips-resilience.toml");
        let reason = &json["communities"][1]["unreadable_reason"];
        assert_eq!(
            reason.is_string(),
            audience == Audience::Facilitator,
            "{reason}"
        );

        // Whatever the reason quotes, members never read it.
        if audience == Audience::Members {
            for format in Format::ALL {
                assert!(!render(format).contains("dee.secret"), "{format:?}");
            }
        }
    }
}
