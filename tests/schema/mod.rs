//! The JSON charter's schema (`assets/export/charter.schema.json`), for the tests that hold
//! every export to it: the published schema, and a strict copy in which no object may carry a
//! field the schema does not name. The published one lets objects carry more (fields are added
//! within a format version); the strict one proves that everything the exporter writes is in
//! the schema, described, so the schema cannot fall behind the code.

use std::sync::LazyLock;

use jsonschema::Validator;
use serde_json::Value;

/// The published schema.
pub fn schema() -> Value {
    serde_json::from_str(convene::export::json::SCHEMA).expect("the schema is JSON")
}

/// The schema with every `"additionalProperties": true` made `false`. The schema writes it on
/// each object it defines in full (never on the partial ones under `if` / `then`), so this
/// closes exactly those.
pub fn strict() -> Value {
    fn close(value: &mut Value) {
        match value {
            Value::Object(map) => {
                if let Some(extra) = map.get_mut("additionalProperties")
                    && *extra == Value::Bool(true)
                {
                    *extra = Value::Bool(false);
                }
                map.values_mut().for_each(close);
            }
            Value::Array(items) => items.iter_mut().for_each(close),
            _ => {}
        }
    }
    let mut schema = schema();
    close(&mut schema);
    schema
}

/// A draft 2020-12 validator that checks formats too (`date`, `date-time`).
pub fn validator(schema: &Value) -> Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles")
}

static PUBLISHED: LazyLock<Validator> = LazyLock::new(|| validator(&schema()));
static STRICT: LazyLock<Validator> = LazyLock::new(|| validator(&strict()));

/// Every way `json` (a charter's text) breaks the schema, published and strict: empty when it
/// follows both.
pub fn problems(json: &str) -> Vec<String> {
    let value: Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(e) => return vec![format!("not JSON: {e}")],
    };
    let mut found = Vec::new();
    for (name, validator) in [("schema", &*PUBLISHED), ("strict schema", &*STRICT)] {
        for error in validator.iter_errors(&value) {
            found.push(format!("{name}: at {}: {error}", error.instance_path()));
        }
    }
    found
}

/// Panics, naming every problem, unless `json` follows the schema and its strict copy.
#[track_caller]
pub fn assert_valid(json: &str, what: &str) {
    let problems = problems(json);
    assert!(
        problems.is_empty(),
        "{what} does not follow the schema:\n{}\n\n{json}",
        problems.join("\n")
    );
}
