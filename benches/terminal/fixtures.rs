//! What the programs are run on: a scratch folder, 1,000 communities, and a 50 KB answer.

use std::fs;
use std::path::{Path, PathBuf};

/// The worked examples, renamed to make the data folder's communities.
const NURSES: &str = include_str!("../../examples/nurses-lunch-circle.toml");
const SIPS: &str = include_str!("../../examples/sips-constellation.toml");

/// A folder of the bench's own under the system's temporary folder, removed when dropped.
pub struct Scratch {
    root: PathBuf,
}

impl Scratch {
    pub fn new() -> Result<Scratch, String> {
        let root =
            std::env::temp_dir().join(format!("convene-terminal-bench-{}", std::process::id()));
        // A leftover of an earlier run with the same process id is of no use to anyone.
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).map_err(|e| format!("create {}: {e}", root.display()))?;
        Ok(Scratch { root })
    }

    /// A new, empty folder `name` inside the scratch folder.
    pub fn folder(&self, name: &str) -> Result<PathBuf, String> {
        let path = self.root.join(name);
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).map_err(|e| format!("create {}: {e}", path.display()))?;
        Ok(path)
    }

    pub fn path(&self) -> &Path {
        &self.root
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// Writes `count` communities (the two examples, alternately, renamed "Community NNNN") into
/// `dir`; returns the name that sorts first, which home lists at the top.
pub fn communities(dir: &Path, count: usize) -> Result<String, String> {
    let names: Vec<String> = (0..count).map(|i| format!("Community {i:04}")).collect();
    for (i, name) in names.iter().enumerate() {
        let example = if i % 2 == 0 { NURSES } else { SIPS };
        let text = replace_line(example, "name = ", &format!("name = \"{name}\""))?;
        write(&dir.join(format!("community-{i:04}.toml")), &text)?;
    }
    names
        .into_iter()
        .min_by_key(|name| name.to_lowercase())
        .ok_or_else(|| "no communities to list".to_string())
}

/// The nurses' example with `answer` as its first answer (`[answers] primary_purpose`),
/// written as a multi-line literal string.
pub fn community_with_answer(answer: &str) -> Result<String, String> {
    if answer.contains("'''") {
        return Err("the answer cannot be a TOML literal string".to_string());
    }
    let key = "primary_purpose = \"\"\"";
    let start = NURSES
        .find(key)
        .ok_or("no primary_purpose in the nurses' example")?;
    let close = NURSES[start + key.len()..]
        .find("\"\"\"")
        .ok_or("primary_purpose is not closed in the nurses' example")?;
    let end = start + key.len() + close + 3;
    // A newline right after the opening quotes is not part of the string.
    Ok(format!(
        "{}primary_purpose = '''\n{answer}'''{}",
        &NURSES[..start],
        &NURSES[end..]
    ))
}

/// Exactly `bytes` bytes of ASCII prose: sentences of ordinary words in paragraphs of a few
/// hundred words, one line each, separated by a blank line (as a long answer is typed).
pub fn prose(bytes: usize) -> String {
    let words: Vec<&str> = crate::common::WORDS.split_whitespace().collect();
    let mut draw = crate::common::Draw::new();
    let mut next = |n: usize| draw.below(n);
    let mut text = String::with_capacity(bytes + 64);
    let mut words_in_paragraph = 0;
    while text.len() < bytes {
        let length = 6 + next(12);
        for w in 0..length {
            let word = words[next(words.len())];
            if w == 0 {
                let mut chars = word.chars();
                text.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                text.push_str(chars.as_str());
            } else {
                text.push(' ');
                text.push_str(word);
            }
        }
        text.push('.');
        words_in_paragraph += length;
        if words_in_paragraph > 120 + next(120) {
            text.push_str("\n\n");
            words_in_paragraph = 0;
        } else {
            text.push(' ');
        }
    }
    text.truncate(bytes);
    // Cut at exactly `bytes` (perhaps inside a word), but never just after a separator.
    if text.ends_with([' ', '\n']) {
        text.pop();
        text.push('.');
    }
    text
}

/// A community of `rows` one-field `[[answers.people]]` rows (100,000 make about 4 MB, the
/// memory bench's big table); returns its size in bytes.
pub fn big_table(path: &Path, rows: usize) -> Result<usize, String> {
    let mut text = String::from(
        "schema_version = 1\nname = \"Big one\"\ncreated = 2026-11-01T10:00:00Z\n\
         updated = 2026-11-01T10:00:00Z\n",
    );
    for n in 1..=rows {
        text.push_str(&format!("[[answers.people]]\nname = \"Person {n}\"\n"));
    }
    write(path, &text)?;
    Ok(text.len())
}

pub fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("write {}: {e}", path.display()))
}

/// `text` with its first line that starts with `prefix` replaced by `line`.
fn replace_line(text: &str, prefix: &str, line: &str) -> Result<String, String> {
    let start = if text.starts_with(prefix) {
        0
    } else {
        text.find(&format!("\n{prefix}"))
            .map(|i| i + 1)
            .ok_or_else(|| format!("no line starting with {prefix:?}"))?
    };
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Ok(format!("{}{line}{}", &text[..start], &text[end..]))
}

/// Writes a constellation of `count` communities (the two examples, alternately, renamed
/// "Topic NN") and its file into `dir`; returns the constellation file.
pub fn constellation(dir: &Path, count: usize) -> Result<PathBuf, String> {
    let mut file = String::from(
        "schema_version = 1\nkind = \"constellation\"\nname = \"Bench constellation\"\nshared_purpose = \"Fifty communities side by side.\"\n",
    );
    for i in 0..count {
        let name = format!("Topic {i:02}");
        let example = if i % 2 == 0 { NURSES } else { SIPS };
        let text = replace_line(example, "name = ", &format!("name = \"{name}\""))?;
        let stem = format!("topic-{i:02}");
        write(&dir.join(format!("{stem}.toml")), &text)?;
        file.push_str(&format!(
            "\n[[communities]]\nfile = \"{stem}.toml\"\nname = \"{name}\"\ncontributes = \"Its own topic.\"\n"
        ));
    }
    let path = dir.join("bench.constellation.toml");
    write(&path, &file)?;
    Ok(path)
}
