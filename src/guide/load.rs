//! Parsing and validating guide files.
//!
//! serde checks shapes; this module checks the rules that keep community files meaningful across
//! versions: ids are unique across the whole guide (answers, ratings and notes are keyed by them),
//! ids are plain `snake_case` so they are bare TOML keys, every source exists, and choice
//! questions have options. Errors name the file so a content editor can fix the guide quickly.

use std::collections::HashSet;

use serde::Deserialize;

use super::Guide;
use super::model::{Kind, Section, Source};

/// Something wrong in a guide file.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct GuideError {
    pub file: String,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    sources: Vec<Source>,
}

/// Parses and validates a source registry and section files (name, text) into a [`Guide`].
pub fn parse_guide(sources: (&str, &str), sections: &[(&str, &str)]) -> Result<Guide, GuideError> {
    let fail = |file: &str, message: String| GuideError {
        file: file.to_string(),
        message,
    };
    let registry: SourcesFile =
        toml::from_str(sources.1).map_err(|e| fail(sources.0, e.to_string()))?;
    let mut source_ids = HashSet::new();
    for source in &registry.sources {
        check_source_id(&source.id).map_err(|m| fail(sources.0, m))?;
        check_source(source).map_err(|m| fail(sources.0, m))?;
        if !source_ids.insert(source.id.as_str()) {
            return Err(fail(
                sources.0,
                format!("source id `{}` is used twice", source.id),
            ));
        }
    }

    let mut parsed = Vec::with_capacity(sections.len());
    let mut ids: HashSet<String> = HashSet::new();
    for (file, text) in sections {
        let section: Section = toml::from_str(text).map_err(|e| fail(file, e.to_string()))?;
        validate_section(&section, &source_ids, &mut ids).map_err(|m| fail(file, m))?;
        parsed.push((file, section));
    }
    // A "see also" must lead somewhere: to another section of this guide.
    for (file, section) in &parsed {
        for question in section.groups.iter().flat_map(|g| &g.questions) {
            if let Some(see) = &question.see
                && (see == &section.id || !parsed.iter().any(|(_, s)| &s.id == see))
            {
                return Err(fail(
                    file,
                    format!(
                        "question `{}` sees `{}`, which is not another section of the guide",
                        question.id,
                        see.escape_default()
                    ),
                ));
            }
        }
    }
    let parsed = parsed.into_iter().map(|(_, section)| section).collect();
    let identity = super::identity_of(sources, sections);
    Ok(Guide::from_parts(registry.sources, parsed, identity))
}

fn validate_section(
    section: &Section,
    sources: &HashSet<&str>,
    ids: &mut HashSet<String>,
) -> Result<(), String> {
    let mut claim = |id: &str, what: &str| -> Result<(), String> {
        check_id(id)?;
        if !ids.insert(id.to_string()) {
            return Err(format!(
                "{what} id `{id}` is already used elsewhere in the guide"
            ));
        }
        Ok(())
    };
    claim(&section.id, "section")?;
    if section.title.trim().is_empty() {
        return Err(format!("section `{}` has an empty title", section.id));
    }
    if section.groups.is_empty() {
        return Err(format!("section `{}` has no groups", section.id));
    }
    for source in &section.sources {
        if !sources.contains(source.as_str()) {
            return Err(format!(
                "section `{}` names unknown source `{source}`",
                section.id
            ));
        }
    }
    for group in &section.groups {
        claim(&group.id, "group")?;
        if group.questions.is_empty() {
            return Err(format!("group `{}` has no questions", group.id));
        }
        for question in &group.questions {
            claim(&question.id, "question")?;
            if question.prompt.trim().is_empty() || question.guidance.trim().is_empty() {
                return Err(format!(
                    "question `{}` needs a prompt and guidance",
                    question.id
                ));
            }
            let mut cited = HashSet::new();
            for source in question.sources() {
                if !sources.contains(source) {
                    return Err(format!(
                        "question `{}` names unknown source `{source}`",
                        question.id
                    ));
                }
                if !cited.insert(source) {
                    return Err(format!(
                        "question `{}` names source `{source}` twice",
                        question.id
                    ));
                }
            }
            if question.prompts.iter().any(|p| p.trim().is_empty()) {
                return Err(format!(
                    "question `{}` has an empty prompt to ask",
                    question.id
                ));
            }
            let wants_options = matches!(question.kind, Kind::Choice | Kind::Choices);
            if wants_options && question.options.is_empty() {
                return Err(format!(
                    "{} question `{}` has no options",
                    question.kind.name(),
                    question.id
                ));
            }
            if !wants_options && !question.kind.options_are_rows() && !question.options.is_empty() {
                return Err(format!(
                    "{} question `{}` cannot have options",
                    question.kind.name(),
                    question.id
                ));
            }
        }
    }
    Ok(())
}

/// Ids are bare TOML keys: a lowercase letter, then lowercase letters, digits or `_`.
fn check_id(id: &str) -> Result<(), String> {
    let mut chars = id.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "id `{}` must be snake_case (a-z, 0-9, _), starting with a letter",
            id.escape_default()
        ))
    }
}

/// A source is a seed (three digits, nothing about a publisher) or a published template (a
/// publisher and an `https://` address, no seed): never both, never neither, so a charter can
/// always say where a question comes from.
fn check_source(source: &Source) -> Result<(), String> {
    let id = source.id.as_str();
    let blank = |field: &Option<String>| field.as_deref().is_some_and(|t| t.trim().is_empty());
    if source.title.trim().is_empty() || source.attribution.trim().is_empty() {
        return Err(format!("source `{id}` needs a title and an attribution"));
    }
    if blank(&source.seed) || blank(&source.publisher) || blank(&source.url) {
        return Err(format!(
            "source `{id}` has an empty seed, publisher or url: leave it out instead"
        ));
    }
    match (&source.seed, &source.publisher, &source.url) {
        (Some(seed), None, None) => {
            if seed.len() == 3 && seed.bytes().all(|b| b.is_ascii_digit()) {
                Ok(())
            } else {
                Err(format!(
                    "source `{id}`: seed `{}` must name a seed document by its three digits (\"001\")",
                    seed.escape_default()
                ))
            }
        }
        (Some(_), _, _) => Err(format!(
            "source `{id}` is a seed, so it takes no publisher or url (those are for templates)"
        )),
        (None, Some(_), Some(url)) => {
            // Charters print it as text; nothing in it should need explaining or escaping.
            let plain = !url.contains(|c: char| c.is_whitespace() || "<>\"".contains(c));
            if url.starts_with("https://") && plain {
                Ok(())
            } else {
                Err(format!(
                    "source `{id}`: url `{}` must be an https:// address without spaces, `<`, `>` or `\"`",
                    url.escape_default()
                ))
            }
        }
        (None, _, _) => Err(format!(
            "source `{id}` names no seed, so it is a template and needs both a publisher and a url"
        )),
    }
}

/// Source ids are only referenced from the guide, never keys in a community file, so they may
/// also use `-` (`wenger-checklist`).
fn check_source_id(id: &str) -> Result<(), String> {
    check_id(&id.replace('-', "_")).map_err(|_| {
        format!(
            "source id `{}` must be lowercase letters, digits, `_` or `-`, starting with a letter",
            id.escape_default()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCES: &str = r#"
[[sources]]
id = "s"
seed = "001"
title = "T"
attribution = "A"
"#;

    fn section(body: &str) -> String {
        format!("id = \"sec\"\ntitle = \"Sec\"\nintro = \"i\"\nsources = [\"s\"]\n{body}")
    }

    const GROUP: &str = "[[groups]]\nid = \"g\"\ntitle = \"G\"\n";

    fn question(id: &str, extra: &str) -> String {
        format!(
            "[[groups.questions]]\nid = \"{id}\"\nkind = \"text\"\nprompt = \"p\"\nguidance = \"g\"\nsource = \"s\"\n{extra}"
        )
    }

    fn parse(text: &str) -> Result<Guide, GuideError> {
        parse_guide(("sources.toml", SOURCES), &[("sec.toml", text)])
    }

    #[test]
    fn a_small_guide_loads() {
        let guide = parse(&section(&format!("{GROUP}{}", question("q1", "")))).unwrap();
        assert_eq!(guide.question_count(), 1);
        assert_eq!(guide.question("q1").unwrap().kind, Kind::Text);
        assert!(guide.group("g").is_some());
        assert!(guide.rank("q1") < guide.rank("g"));
    }

    #[test]
    fn see_also_leads_to_another_section_and_prompts_are_not_blank() {
        let other = "id = \"other\"\ntitle = \"Other\"\nintro = \"i\"\nsources = [\"s\"]\n[[groups]]\nid = \"g2\"\ntitle = \"G2\"\n[[groups.questions]]\nid = \"q2\"\nkind = \"text\"\nprompt = \"p\"\nguidance = \"g\"\nsource = \"s\"\n";
        let with = |extra: &str| section(&format!("{GROUP}{}", question("q1", extra)));
        let both = |text: &str| {
            parse_guide(
                ("sources.toml", SOURCES),
                &[("sec.toml", text), ("other.toml", other)],
            )
        };
        let guide = both(&with("see = \"other\"\nprompts = [\"Ask this?\"]\n")).unwrap();
        let q = guide.question("q1").unwrap();
        assert_eq!(q.see.as_deref(), Some("other"));
        assert_eq!(q.prompts, ["Ask this?"]);
        for (extra, says) in [
            ("see = \"nowhere\"\n", "sees `nowhere`"),
            ("see = \"sec\"\n", "sees `sec`"),
            ("prompts = [\"  \"]\n", "empty prompt to ask"),
        ] {
            let err = both(&with(extra)).unwrap_err();
            assert!(err.message.contains(says), "{extra}: {err}");
            assert_eq!(err.file, "sec.toml");
        }
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let text = section(&format!(
            "{GROUP}{}{}",
            question("q1", ""),
            question("q1", "")
        ));
        let err = parse(&text).unwrap_err();
        assert!(err.to_string().contains("`q1` is already used"), "{err}");
        assert_eq!(err.file, "sec.toml");
    }

    #[test]
    fn unknown_sources_and_bad_ids_are_refused() {
        let text = section(&format!(
            "{GROUP}{}",
            question("q1", "").replace("source = \"s\"", "source = \"x\"")
        ));
        assert!(
            parse(&text)
                .unwrap_err()
                .message
                .contains("unknown source `x`")
        );
        let text = section(&format!("{GROUP}{}", question("Bad-Id", "")));
        assert!(parse(&text).unwrap_err().message.contains("snake_case"));
    }

    #[test]
    fn a_question_may_name_more_sources_each_known_and_once() {
        let registry = format!(
            "{SOURCES}\n[[sources]]\nid = \"t\"\ntitle = \"T\"\nattribution = \"A\"\npublisher = \"P\"\nurl = \"https://example.org\"\n"
        );
        let parse_with = |also: &str| {
            let text = section(&format!(
                "{GROUP}{}",
                question("q1", &format!("also_sources = {also}\n"))
            ));
            parse_guide(("sources.toml", &registry), &[("sec.toml", &text)])
        };
        let guide = parse_with("[\"t\"]").unwrap();
        let q = guide.question("q1").unwrap();
        assert_eq!(q.sources().collect::<Vec<_>>(), ["s", "t"]);
        let err = parse_with("[\"x\"]").unwrap_err();
        assert!(err.message.contains("unknown source `x`"), "{err}");
        let err = parse_with("[\"t\", \"s\"]").unwrap_err();
        assert!(err.message.contains("source `s` twice"), "{err}");
    }

    #[test]
    fn choices_need_options() {
        let text = section(&format!(
            "{GROUP}{}",
            question("q1", "").replace("\"text\"", "\"choice\"")
        ));
        assert!(parse(&text).unwrap_err().message.contains("has no options"));
    }

    fn parse_sources(registry: &str) -> Result<Guide, GuideError> {
        let text = section(&format!("{GROUP}{}", question("q1", "")));
        parse_guide(("sources.toml", registry), &[("sec.toml", &text)])
    }

    #[test]
    fn a_source_is_a_seed_or_a_published_template() {
        let template = format!(
            "{SOURCES}\n[[sources]]\nid = \"t\"\ntitle = \"T\"\nattribution = \"A\"\npublisher = \"P\"\nurl = \"https://example.org/charter\"\n"
        );
        let guide = parse_sources(&template).unwrap();
        let (seed, template) = (guide.source("s").unwrap(), guide.source("t").unwrap());
        assert!(!seed.is_template() && seed.seed.as_deref() == Some("001"));
        assert!(template.is_template() && template.seed.is_none());
        assert_eq!(template.url.as_deref(), Some("https://example.org/charter"));
    }

    #[test]
    fn a_source_that_is_neither_or_both_is_refused() {
        let cases = [
            (
                "seed = \"001\"\nurl = \"https://example.org\"\n",
                "takes no publisher or url",
            ),
            ("publisher = \"P\"\n", "needs both a publisher and a url"),
            ("", "needs both a publisher and a url"),
            (
                "publisher = \"P\"\nurl = \"http://example.org\"\n",
                "https://",
            ),
            ("seed = \"1\"\n", "three digits"),
            ("seed = \" \"\n", "leave it out"),
        ];
        for (fields, message) in cases {
            let registry =
                format!("[[sources]]\nid = \"s\"\ntitle = \"T\"\nattribution = \"A\"\n{fields}");
            let err = parse_sources(&registry).unwrap_err();
            assert!(err.message.contains(message), "{fields}: {err}");
            assert_eq!(err.file, "sources.toml");
        }
    }

    #[test]
    fn unknown_fields_are_refused() {
        let text = section(&format!("{GROUP}{}", question("q1", "colour = \"red\"\n")));
        assert!(parse(&text).unwrap_err().message.contains("colour"));
    }
}
