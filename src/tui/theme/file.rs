//! A theme file: a built-in theme to start from, and the styles to change.
//!
//! ```toml
//! inherits = "light"            # dark (the default), light or high-contrast
//! title = { fg = "ink", modifiers = ["bold"] }
//! selected = { fg = "white", bg = "ink" }
//! key = "magenta"               # a colour alone is the text's colour
//!
//! [palette]                     # names for colours, used above (last: TOML puts every key
//! ink = "#1d3557"               # after a [table] line into that table)
//! ```
//!
//! A style written here replaces the inherited one whole (as in helix's themes), so what it
//! says is all it is. A colour is a name (`red`, `light-blue`, `dark-gray`, …), `#rrggbb`, a
//! 256-colour number, or a palette name. Problems are reported at their line and column, and
//! each style that cannot be read keeps the inherited one.

use std::path::Path;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use toml_edit::{Item, Table, Value};

use super::{BUILTIN, STYLES, Theme};
use crate::community::Located;

/// The modifiers by the names a theme file gives them.
const MODIFIERS: [(&str, Modifier); 9] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("slow_blink", Modifier::SLOW_BLINK),
    ("rapid_blink", Modifier::RAPID_BLINK),
    ("reversed", Modifier::REVERSED),
    ("hidden", Modifier::HIDDEN),
    ("crossed_out", Modifier::CROSSED_OUT),
];

/// Reads the theme file at `path`; what went wrong, as `FILE:LINE:COLUMN: message` lines. A
/// file that cannot be read at all is the default theme.
pub fn load(path: &Path) -> (Theme, Vec<String>) {
    let file = crate::store::shown(path);
    match crate::config::read_text(path) {
        Ok(Some(text)) => {
            let (theme, problems) = parse(&text);
            let messages = problems
                .iter()
                .map(|p| located(&file, p.line, p.column, &p.message))
                .collect();
            (theme, messages)
        }
        Ok(None) => (
            Theme::default(),
            vec![located(
                &file,
                1,
                1,
                "there is no such theme file; the dark theme is used",
            )],
        ),
        Err(why) => (
            Theme::default(),
            vec![located(
                &file,
                1,
                1,
                &format!("{why}; the dark theme is used"),
            )],
        ),
    }
}

fn located(file: &str, line: usize, column: usize, message: &str) -> String {
    crate::text::sanitize_line(&format!("{file}:{line}:{column}: {message}")).into_owned()
}

/// The theme `text` describes, and what in it could not be used.
pub fn parse(text: &str) -> (Theme, Vec<Located>) {
    let mut problems = Vec::new();
    let doc = match toml_edit::Document::parse(text.to_string()) {
        Ok(doc) => doc,
        Err(err) => {
            let message = err.message().lines().next().unwrap_or("").to_string();
            let at = Located::span(text, err.span(), format!("not valid TOML: {message}"));
            return (Theme::default(), vec![at]);
        }
    };
    let root = doc.as_table();
    let mut say = |span: Option<std::ops::Range<usize>>, message: String| {
        problems.push(Located::span(text, span, message));
    };
    let mut theme = match root.get("inherits") {
        None => Theme::default(),
        Some(item) => match item.as_str().and_then(Theme::builtin) {
            Some(base) => base,
            None => {
                say(
                    item.span(),
                    format!(
                        "`inherits` should name a built-in theme: {}",
                        BUILTIN.join(", ")
                    ),
                );
                Theme::default()
            }
        },
    };
    let palette = match root.get("palette") {
        None => Table::new(),
        Some(Item::Table(table)) => table.clone(),
        Some(item) => {
            say(
                item.span(),
                "`palette` should be a table: [palette] then NAME = \"#rrggbb\"".into(),
            );
            Table::new()
        }
    };
    for (key, item) in root.iter() {
        if key == "inherits" || key == "palette" {
            continue;
        }
        let Some(slot) = theme.slot(key) else {
            say(
                root.key(key).and_then(|k| k.span()),
                format!(
                    "unknown style `{}` (ignored); the styles are: {}",
                    crate::text::sanitize_line(key),
                    STYLES.join(", ")
                ),
            );
            continue;
        };
        match style(item, &palette) {
            Ok(read) => *slot = read,
            Err((span, message)) => say(span.or_else(|| item.span()), message),
        }
    }
    problems.sort_by_key(|p| (p.line, p.column));
    (theme, problems)
}

type Fault = (Option<std::ops::Range<usize>>, String);

/// A style: a colour alone, or `{ fg, bg, modifiers }`.
fn style(item: &Item, palette: &Table) -> Result<Style, Fault> {
    let value = item.as_value().ok_or((
        None,
        "a style should be a colour or { fg = …, bg = …, modifiers = […] }".into(),
    ))?;
    match value {
        Value::String(_) => Ok(Style::new().fg(color(value, palette)?)),
        Value::InlineTable(table) => {
            let mut style = Style::new();
            for (key, value) in table.iter() {
                match key {
                    "fg" => style = style.fg(color(value, palette)?),
                    "bg" => style = style.bg(color(value, palette)?),
                    "modifiers" => style = style.add_modifier(modifiers(value)?),
                    other => {
                        return Err((
                            table.key(other).and_then(|k| k.span()),
                            format!(
                                "a style has fg, bg and modifiers, not `{}`",
                                crate::text::sanitize_line(other)
                            ),
                        ));
                    }
                }
            }
            Ok(style)
        }
        _ => Err((
            value.span(),
            "a style should be a colour or { fg = …, bg = …, modifiers = […] }".into(),
        )),
    }
}

fn color(value: &Value, palette: &Table) -> Result<Color, Fault> {
    let wrong = || {
        (
            value.span(),
            "a colour is a name (red, light-blue, …), #rrggbb, a number from 0 to 255 or a \
             palette name"
                .to_string(),
        )
    };
    let name = value.as_str().ok_or_else(wrong)?;
    let name = palette.get(name).and_then(Item::as_str).unwrap_or(name);
    Color::from_str(name.trim()).map_err(|_| wrong())
}

fn modifiers(value: &Value) -> Result<Modifier, Fault> {
    let list = value.as_array().ok_or((
        value.span(),
        "`modifiers` should be a list, such as [\"bold\", \"underlined\"]".to_string(),
    ))?;
    let mut all = Modifier::empty();
    for item in list {
        let found = item
            .as_str()
            .and_then(|name| MODIFIERS.iter().find(|(n, _)| *n == name));
        match found {
            Some((_, modifier)) => all |= *modifier,
            None => {
                return Err((
                    item.span(),
                    format!(
                        "the modifiers are {}",
                        MODIFIERS.map(|(name, _)| name).join(", ")
                    ),
                ));
            }
        }
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_file_changes_what_it_names_and_inherits_the_rest() {
        let (theme, problems) = parse("inherits = \"light\"\n[palette]\nink = \"#1d3557\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(theme, Theme::light());
        let (theme, problems) = parse(
            "inherits = \"light\"\ntitle = { fg = \"ink\", modifiers = [\"bold\", \"italic\"] }\n\
             key = \"magenta\"\nselected = { fg = \"white\", bg = \"202\" }\n\n\
             [palette]\nink = \"#1d3557\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            theme.title(),
            Style::new()
                .fg(Color::Rgb(0x1d, 0x35, 0x57))
                .add_modifier(Modifier::BOLD | Modifier::ITALIC)
        );
        assert_eq!(theme.key(), Style::new().fg(Color::Magenta));
        assert_eq!(
            theme.selected(),
            Style::new().fg(Color::White).bg(Color::Indexed(202))
        );
        assert_eq!(theme.error(), Theme::light().error());
    }

    #[test]
    fn problems_are_at_their_place_and_keep_the_inherited_style() {
        let (theme, problems) = parse(
            "inherits = \"solarized\"\ntitel = \"red\"\nkey = \"reddish\"\n\
             done = { fg = \"green\", modifiers = [\"blinking\"] }\n",
        );
        let at: Vec<_> = problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(at, [(1, 12), (2, 1), (3, 7), (4, 37)], "{problems:#?}");
        assert_eq!(theme.key(), Theme::dark().key());
        assert_eq!(theme.done(), Theme::dark().done());
    }
}
