//! The JSON charter follows its published JSON Schema (`assets/export/charter.schema.json`),
//! checked with the `jsonschema` crate: every export of both examples, of an empty community and
//! of hand-edited files with values convene cannot use, against the schema and against a strict
//! copy that allows no field the schema does not name. The schema itself is checked too: a valid
//! draft 2020-12 schema whose `$id` and `format_version` name the exporter's version, with a
//! description for every property, and every question kind and table column of the code in it,
//! with the column's own type. (`tests/export_props.rs` validates its generated communities.)

mod schema;

use std::path::Path;

use chrono::{DateTime, FixedOffset, Timelike, Utc};
use convene::community::{Community, CommunityFile};
use convene::export::json::FORMAT_VERSION;
use convene::export::{self, Format, Options};
use convene::guide::{ColumnKind, Guide, Kind};
use convene::samples::EXAMPLES;
use serde_json::{Value, json};

fn moment() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-12-01T09:30:00+01:00").unwrap()
}

fn json_of(community: &Community, options: Options) -> String {
    export::render(community, Guide::builtin(), Format::Json, options)
}

/// Every kind of question. The match stops compiling when a kind is added, until it is
/// listed here (and then the tests below ask for it in the schema).
fn every_kind() -> Vec<Kind> {
    use Kind::*;
    let all = vec![
        Text,
        Rating,
        Choice,
        Choices,
        List,
        People,
        Steps,
        Targets,
        Log,
        Slider,
        Commitments,
        Conversations,
        Parties,
        Date,
    ];
    let position = |kind: Kind| match kind {
        Text => 0,
        Rating => 1,
        Choice => 2,
        Choices => 3,
        List => 4,
        People => 5,
        Steps => 6,
        Targets => 7,
        Log => 8,
        Slider => 9,
        Commitments => 10,
        Conversations => 11,
        Parties => 12,
        Date => 13,
    };
    for (i, kind) in all.iter().enumerate() {
        assert_eq!(position(*kind), i, "{kind:?} listed once, in order");
    }
    all
}

fn def<'s>(schema: &'s Value, name: &str) -> &'s Value {
    let def = &schema["$defs"][name];
    assert!(def.is_object(), "no $defs/{name} in the schema");
    def
}

#[test]
fn the_schema_is_draft_2020_12_and_names_the_format_version() {
    let schema = schema::schema();
    jsonschema::meta::validate(&schema).expect("a valid JSON Schema");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let id = schema["$id"].as_str().expect("an $id");
    assert_eq!(id, format!("urn:convene:charter:{FORMAT_VERSION}"));
    assert_eq!(
        schema["properties"]["format_version"]["const"],
        FORMAT_VERSION
    );
    assert_eq!(schema["properties"]["format"]["const"], "convene-charter");
    // The file on disk is the one compiled in.
    let on_disk = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/export/charter.schema.json"),
    )
    .unwrap();
    assert_eq!(on_disk, convene::export::json::SCHEMA);
}

/// Every property of every object in the schema says what it is, and every object decides
/// whether it may carry more: `true` (fields are added within a version) on each object it
/// defines in full.
#[test]
fn every_property_is_described() {
    fn walk(value: &Value, at: &str, missing: &mut Vec<String>, objects: &mut usize) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties")
                    && map.get("type") == Some(&json!("object"))
                {
                    *objects += 1;
                    if map.get("additionalProperties") != Some(&Value::Bool(true)) {
                        missing.push(format!("{at}: additionalProperties not decided"));
                    }
                    for (name, property) in properties {
                        let described = property["description"]
                            .as_str()
                            .is_some_and(|d| d.split_whitespace().count() >= 2);
                        if !described {
                            missing.push(format!("{at}/properties/{name}: no description"));
                        }
                    }
                }
                for (key, child) in map {
                    walk(child, &format!("{at}/{key}"), missing, objects);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{at}/{i}"), missing, objects);
                }
            }
            _ => {}
        }
    }
    let schema = schema::schema();
    let (mut missing, mut objects) = (Vec::new(), 0);
    walk(&schema, "#", &mut missing, &mut objects);
    assert!(missing.is_empty(), "{missing:#?}");
    assert!(
        objects >= 15,
        "only {objects} objects found: is the walk right?"
    );
}

/// Every kind of question is in the schema with a description and the shape of its answer;
/// every table kind has a row whose properties are its columns, in column order, each
/// described under its heading and typed as the column is.
#[test]
fn every_question_kind_and_table_column_is_documented() {
    let schema = schema::schema();
    let kinds: Vec<&Value> = def(&schema, "kind")["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    let named: Vec<Kind> = kinds
        .iter()
        .map(|k| {
            assert!(k["description"].is_string(), "{k}");
            serde_json::from_value(k["const"].clone()).expect("a kind convene knows")
        })
        .collect();
    assert_eq!(
        named,
        every_kind(),
        "the schema's kinds, in the code's order"
    );
    for question in Guide::builtin().questions() {
        assert!(named.contains(&question.kind), "{}", question.id);
    }

    let shapes = def(&schema, "question")["allOf"].as_array().unwrap();
    for kind in every_kind() {
        let shape = shapes
            .iter()
            .find(|s| s["if"]["properties"]["kind"]["const"] == kind.name())
            .unwrap_or_else(|| panic!("no answer shape for {kind:?}"));
        assert!(
            shape["then"]["properties"]["answer"].is_object(),
            "{kind:?}"
        );

        let columns = kind.columns();
        let row = &schema["$defs"][format!("{}_row", kind.name())];
        if columns.is_empty() {
            assert!(row.is_null(), "{kind:?} is no table");
            continue;
        }
        let keys: Vec<&str> = columns.iter().map(|c| c.key).collect();
        let required: Vec<&str> = row["required"]
            .as_array()
            .unwrap_or_else(|| panic!("no row for {kind:?}"))
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        assert_eq!(required, keys, "{kind:?}: every column, in column order");
        let properties = row["properties"].as_object().unwrap();
        assert_eq!(properties.len(), keys.len(), "{kind:?}: only columns");
        for column in columns {
            let cell = &properties[column.key];
            let description = cell["description"].as_str().unwrap();
            assert!(
                description.starts_with(&format!("Column “{}”: ", column.title)),
                "{kind:?}.{}: {description}",
                column.key
            );
            let any_of = cell["anyOf"].as_array();
            match column.kind {
                ColumnKind::Text => assert_eq!(
                    cell["type"],
                    json!(["string", "integer", "boolean", "null"])
                ),
                ColumnKind::Choice(options) => {
                    assert_eq!(cell["examples"], json!(options), "{}", column.key);
                    for option in options {
                        assert!(description.contains(&format!("\"{option}\"")));
                    }
                }
                ColumnKind::Date => {
                    assert!(
                        any_of.unwrap().contains(&json!({"$ref": "#/$defs/date"})),
                        "{}",
                        column.key
                    );
                }
                ColumnKind::Number { max } => {
                    let any_of = any_of.unwrap();
                    assert!(
                        any_of.contains(&json!({"type": "integer", "minimum": 0, "maximum": max})),
                        "{}",
                        column.key
                    );
                    assert!(any_of.contains(&json!({"$ref": "#/$defs/out_of_range"})));
                    assert!(description.contains(&format!("from 0 to {max}")));
                }
            }
        }
    }
}

#[test]
fn every_export_of_the_examples_and_of_an_empty_community_follows_the_schema() {
    let mut communities: Vec<(String, Community)> = EXAMPLES
        .iter()
        .map(|(name, text)| {
            let community = CommunityFile::parse(text).unwrap().community;
            (name.to_string(), community)
        })
        .collect();
    assert_eq!(
        communities.len(),
        6,
        "the nurses, SIPS and its four topic communities"
    );
    communities.push(("empty".into(), Community::new("")));
    communities.push(("misfits".into(), misfits()));
    for (name, community) in &communities {
        for (include_empty, audience) in [false, true]
            .into_iter()
            .flat_map(|e| convene::export::Audience::ALL.map(|a| (e, a)))
        {
            for options in [
                Options {
                    include_empty,
                    audience,
                    ..Options::made_at(moment())
                },
                Options {
                    include_empty,
                    audience,
                    ..Options::default()
                },
            ] {
                let json = json_of(community, options);
                schema::assert_valid(&json, &format!("{name} (include_empty: {include_empty})"));
            }
        }
    }
}

/// The question `id` of a charter, to change in a test.
fn question<'d>(doc: &'d mut Value, id: &str) -> &'d mut Value {
    doc["sections"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|s| s["groups"].as_array_mut().unwrap().iter_mut())
        .flat_map(|g| g["questions"].as_array_mut().unwrap().iter_mut())
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

/// The schema is not a formality: what the exporter must never write — an unreadable date
/// passed off as a string, a number out of range as a plain number, a missing field, a kind
/// convene does not have, a time without its offset — breaks it, and a field it does not name
/// breaks the strict copy only (a tool must accept fields added within a version).
#[test]
fn the_schema_refuses_what_a_tool_could_not_rely_on() {
    let json = json_of(&misfits(), Options::made_at(moment()));
    schema::assert_valid(&json, "misfits");
    let value: Value = serde_json::from_str(&json).unwrap();
    type Edit = fn(&mut Value);
    let cases: [(&str, Edit); 10] = [
        ("an unreadable date as a string", |d| {
            question(d, "next_meeting")["answer"] = json!("when the snow melts")
        }),
        ("a date of the right shape that is no date", |d| {
            question(d, "learning_log")["answer"][0]["date"] = json!("2026-13-45")
        }),
        ("a number past its range as a number", |d| {
            question(d, "dimensions")["answer"][0]["current"] = json!(42)
        }),
        ("a table row without a column", |d| {
            let row = &mut question(d, "harvest")["answer"][0];
            row.as_object_mut().unwrap().remove("done");
        }),
        ("a kind convene does not have", |d| {
            question(d, "next_meeting")["kind"] = json!("essay")
        }),
        ("a readiness row without its verdict", |d| {
            d["readiness"][0].as_object_mut().unwrap().remove("verdict");
        }),
        ("generated_at without its offset", |d| {
            d["generated_at"] = json!("2026-12-01T09:30:00Z")
        }),
        ("a seed that also names an address, as if a template", |d| {
            d["sources"][0]["url"] = json!("https://example.org")
        }),
        ("a source that is neither a seed nor a template", |d| {
            d["sources"][0]["seed"] = json!(null)
        }),
        ("a template without its address", |d| {
            let sources = d["sources"].as_array_mut().unwrap();
            let template = sources.iter_mut().find(|s| s["seed"].is_null()).unwrap();
            template["url"] = json!(null)
        }),
    ];
    for (what, edit) in cases {
        let mut copy = value.clone();
        edit(&mut copy);
        let problems = schema::problems(&copy.to_string());
        assert!(
            problems.iter().any(|p| p.starts_with("schema:")),
            "{what} passed the schema"
        );
    }
    let mut extra = value.clone();
    extra["sections"][0]["groups"][0]["questions"][0]["extra"] = json!(1);
    extra["extra"] = json!({"added": "later"});
    let problems = schema::problems(&extra.to_string());
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems.iter().all(|p| p.starts_with("strict schema:")),
        "{problems:#?}"
    );
}

/// `generated_at` is the moment the charter was made, RFC 3339 with its offset: the one given,
/// or (given none) the clock's, read once; and what `convene export` writes.
#[test]
fn generated_at_is_the_moment_the_charter_was_made() {
    let community = Community::new("Now");
    let read = |json: &str| -> DateTime<FixedOffset> {
        let value: Value = serde_json::from_str(json).unwrap();
        let text = value["generated_at"]
            .as_str()
            .expect("generated_at")
            .to_string();
        assert!(
            text.len() == 25 && matches!(&text[19..20], "+" | "-"),
            "to the second, with an offset: {text}"
        );
        DateTime::parse_from_rfc3339(&text).expect("RFC 3339")
    };
    let given = read(&json_of(&community, Options::made_at(moment())));
    assert_eq!(given, moment());
    assert_eq!(given.offset(), moment().offset());

    let before = Utc::now().with_nanosecond(0).unwrap();
    let made = read(&json_of(&community, Options::default()));
    let after = Utc::now();
    assert!(
        before <= made && made <= after,
        "{before} <= {made} <= {after}"
    );

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sips-constellation.toml"), EXAMPLES[0].1).unwrap();
    let before = Utc::now().with_nanosecond(0).unwrap();
    let out = assert_cmd::cargo::cargo_bin_cmd!("convene")
        .env_remove("CONVENE_DIR")
        .arg("--dir")
        .arg(dir.path())
        .args(["export", "sips-constellation", "--format", "json"])
        .output()
        .unwrap();
    let after = Utc::now();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = String::from_utf8(out.stdout).unwrap();
    schema::assert_valid(&json, "convene export");
    let made = read(&json);
    assert!(
        before <= made && made <= after,
        "{before} <= {made} <= {after}"
    );
}

/// A hand-edited file whose values convene cannot use: a dimension off its 0–10 scale and one
/// written as a word, a harvest target past 999, dates nobody can read, a number for a date.
fn misfits() -> Community {
    let text = r#"schema_version = 1
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
dimension = "Community"
current = "three"
target = true

[[answers.harvest]]
output = "Case write-ups"
target = 1200
done = -3

[[answers.momentum_plan]]
step = "Ask the ward managers"
owner = 7
due = "after Easter"

[[answers.momentum_plan]]
step = "Book the room"
due = 20261201

[[answers.learning_log]]
date = "2026-13-45"
problem = "A month that is not one"
follow_up = "2026-12-08"
"#;
    let community = CommunityFile::parse(text).unwrap().community;
    assert!(community.answers.contains_key("learning_log"));
    community
}
