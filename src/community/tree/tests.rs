//! The lean tree reads a document exactly when `toml_edit` does, and reads the same values.
//!
//! Generated documents mix the constructs whose meaning TOML restricts — headers, arrays of
//! tables, dotted keys, inline tables, keys given twice, a table reopened — from a few key
//! names, so that most of them collide; each is read by both, and the two must accept and
//! refuse the same ones and, where both accept, hold the same keys and values.

use proptest::prelude::*;
use toml_edit::Document;

use super::{Node, Table, Value, from_item, parse, parse_all};

/// A value in a plain form that ignores what only one of the trees records: places, and
/// whether a table was implicit or dotted. Keys are sorted, since a reopened table sits at its
/// first place in one tree and at its header's in the other.
fn plain(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("{s:?}"),
        Value::Integer(n) => n.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::Bool(b) => b.to_string(),
        Value::Datetime(d) => format!("dt:{d}"),
        Value::Array(a) => {
            let items: Vec<String> = a.items.iter().map(plain).collect();
            let open = if a.of_tables { "[[" } else { "[" };
            format!("{open}{}]", items.join(","))
        }
        Value::Table(t) => plain_table(t),
    }
}

fn plain_table(table: &Table) -> String {
    let mut entries: Vec<String> = table
        .iter()
        .map(|e| format!("{}={}", e.key, plain(&e.node)))
        .collect();
    entries.sort();
    let open = if table.inline { "{" } else { "(" };
    format!("{open}{}", entries.join(";"))
}

fn both(text: &str) -> (Option<String>, Option<String>) {
    let lean = parse(text).ok().map(|t| plain_table(&t));
    let edit = Document::parse(text).ok().map(|doc| {
        let item = toml_edit::Item::Table(doc.as_table().clone());
        plain(&from_item(&item).expect("a table"))
    });
    (lean, edit)
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![Just("a"), Just("b"), Just("c"), Just("\"a\""), Just("'b'")].prop_map(String::from)
}

fn path() -> impl Strategy<Value = String> {
    proptest::collection::vec(key(), 1..4).prop_map(|keys| keys.join("."))
}

fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("1".to_string()),
        Just("\"x\"".to_string()),
        Just("'y'".to_string()),
        Just("true".to_string()),
        Just("1.5".to_string()),
        Just("1979-05-27T07:32:00Z".to_string()),
        Just("1979-05-27".to_string()),
        Just("99999999999999999999".to_string()),
        Just("0x1F".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3)
                .prop_map(|items| format!("[{}]", items.join(", "))),
            proptest::collection::vec((path(), inner), 0..3).prop_map(|pairs| {
                let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{{}}}", pairs.join(", "))
            }),
        ]
    })
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        path().prop_map(|p| format!("[{p}]")),
        path().prop_map(|p| format!("[[{p}]]")),
        (path(), value()).prop_map(|(p, v)| format!("{p} = {v}")),
        Just("# a comment".to_string()),
        Just(String::new()),
    ]
}

/// A line that may break the grammar, or carry a value over several lines.
fn any_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => line(),
        1 => prop_oneof![
            Just("a = ".to_string()),
            Just("]".to_string()),
            Just("[a".to_string()),
            Just("= 1".to_string()),
            Just("a = [1,\n2,\n]".to_string()),
            Just("b = [\n[1],\n# a comment\n]".to_string()),
            Just("c = {a = 1,\n}".to_string()),
            Just("d = \"\"\"\n[x]\n\"\"\"".to_string()),
            Just("e = \"open".to_string()),
            Just("[[a]] x".to_string()),
        ],
    ]
}

/// What [`build::parse_all_in`] reads, comparable.
fn read_in(text: &str, chunk: usize) -> Result<(String, Vec<super::Error>), super::Error> {
    super::build::parse_all_in(text, chunk).map(|(root, refused)| (plain_table(&root), refused))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_text_read_in_pieces_reads_as_it_does_whole(
        lines in proptest::collection::vec(any_line(), 0..12),
    ) {
        let text = lines.join("\n");
        let whole = read_in(&text, usize::MAX);
        for chunk in [1, 2, 5] {
            prop_assert_eq!(&read_in(&text, chunk), &whole, "pieces of {} for:\n{}", chunk, text);
        }
    }

    #[test]
    fn the_lean_tree_reads_what_toml_edit_reads(lines in proptest::collection::vec(line(), 0..8)) {
        let text = lines.join("\n");
        let (lean, edit) = both(&text);
        prop_assert_eq!(lean, edit, "for:\n{}", text);
    }
}

#[test]
fn the_rules_on_tables_and_keys_are_toml_edits() {
    // Each of these is refused by TOML's rules, not by its grammar.
    for text in [
        "a = 1\na = 2",
        "[a]\n[a]",
        "[a]\nb.c = 1\n[a.b]",
        "a.b = 1\n[a]",
        "a = [1]\n[[a]]",
        "[[a]]\n[a]",
        "a = {b = 1}\na.c = 2",
        "a = {b = 1, b = 2}",
        "a = {b = {}, b.c = 1}",
        "[a.b]\nx = 1\n[a]\nb.y = 2",
        "a = 1\n[a.b]",
    ] {
        let (lean, edit) = both(text);
        assert_eq!(edit, None, "toml_edit refuses:\n{text}");
        assert_eq!(lean, None, "the lean tree refuses:\n{text}");
    }
    // And these are allowed.
    for text in [
        "[a.b.c]\n[a]\n[a.b]",
        "[[a]]\nx = 1\n[[a]]\n[a.b]\ny = 2",
        "a.b.c = 1\na.b.d = 2",
        "a = {b.c = 1, b.d = 2}",
        "[a]\nb.c = 1\nb.d = 2",
    ] {
        let (lean, edit) = both(text);
        assert!(edit.is_some(), "toml_edit reads:\n{text}");
        assert_eq!(lean, edit, "for:\n{text}");
    }
}

#[test]
fn places_are_those_of_the_file() {
    let text = "[answers]\npurpose = \"x\"\n[[answers.people]]\nname = \"Ada\"\n";
    let root = parse(text).unwrap();
    let answers = root.get("answers").and_then(Node::as_table).unwrap();
    let purpose = answers.entry("purpose").unwrap();
    assert_eq!(&text[purpose.key_span.range().unwrap()], "purpose");
    assert_eq!(&text[purpose.node.span().unwrap()], "\"x\"");
    let people = answers
        .get("people")
        .and_then(Node::as_array_of_tables)
        .unwrap();
    assert_eq!(&text[people[0].span().unwrap()], "[[answers.people]]");
}

#[test]
fn every_key_defined_twice_is_given_and_the_rest_is_read_without_it() {
    let text = "a = 1\na = 2\n[t]\nx = 1\n[t]\ny = 2\n[u]\nz = 1\nz = 3\ns = \"x\"\ns.k = 1\n";
    let (root, refused) = parse_all(text).unwrap();
    let line = |at: usize| text[..at].matches('\n').count() + 1;
    let found: Vec<(usize, &str)> = refused
        .iter()
        .map(|e| (line(e.span.clone().unwrap().start), e.message.as_str()))
        .collect();
    assert_eq!(found.len(), 4, "{found:#?}");
    assert_eq!(found[0].0, 2);
    assert!(
        found[0]
            .1
            .starts_with("`a` is defined twice in the same table (first at line 1)")
    );
    assert_eq!(found[1].0, 5);
    assert!(
        found[1]
            .1
            .starts_with("[t] defines `t` again (first at line 3)")
    );
    assert_eq!(found[2].0, 9);
    assert!(
        found[2]
            .1
            .starts_with("`z` is defined twice in the same table (first at line 8)")
    );
    assert_eq!(found[3].0, 11);
    assert!(
        found[3]
            .1
            .starts_with("`s` holds text, which cannot have keys under it")
    );
    // The first definition of each stays; the second, and a second header's keys, are left out.
    assert_eq!(
        plain_table(&root),
        "(a=1;t=(x=1;u=(s=\"x\";z=1",
        "{root:#?}"
    );
    // And the verdict is toml_edit's: the file is not read.
    assert!(parse(text).is_err());
    assert!(Document::parse(text).is_err());
}
