//! Home's list, a line per row: the communities with their progress and last change, the
//! constellations over their members, the unreadable files with the reason, and on a first
//! start the files not read yet. Written straight into the buffer: one line per row, no
//! wrapping to work out, for a list of thousands.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::super::fit;
use super::super::theme::Theme;
use crate::store::{Entry, names, shown};
use crate::text::{pad, sanitize_line};
use crate::tui::keymap::{Command, Context};
use crate::tui::model::home::{Home, Row};
use crate::tui::model::{Model, Target};

pub(super) fn rows(frame: &mut Frame, area: Rect, app: &Model, home: &Home, theme: Theme) {
    let rows = home.rows();
    let height = area.height as usize;
    let top = home.selected.saturating_sub(height.saturating_sub(1));
    // What follows a row's date (read-only, open elsewhere) takes room from the names, the same
    // for every row on screen so that the columns stay aligned.
    let notes: Vec<String> = rows
        .iter()
        .skip(top)
        .take(height)
        .map(|r| match r {
            Row::Entry {
                entry: Entry::Community(s),
                ..
            } => row_note(s),
            _ => String::new(),
        })
        .collect();
    // At most this much: a name stays readable, and a longer note runs to the edge.
    let widest_note = notes
        .iter()
        .map(|n| unicode_width::UnicodeWidthStr::width(n.as_str()))
        .max()
        .unwrap_or(0)
        .min(28);
    let name_width = (area.width as usize)
        .saturating_sub(32 + widest_note)
        .clamp(10, 48);
    // Communities with the same name (a copy kept beside a file changed underneath, a name
    // chosen twice) are told apart by their files.
    let mut named: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for entry in &home.entries {
        if let Entry::Community(s) = entry {
            *named.entry(s.name.to_lowercase()).or_default() += 1;
        }
    }
    // Written straight into the buffer, a row each: one line per entry, no wrapping to work out.
    let buf = frame.buffer_mut();
    for (i, row) in rows.iter().enumerate().skip(top).take(height) {
        let line_area = Rect::new(area.x, area.y + super::super::rows(i - top), area.width, 1);
        app.hits.borrow_mut().push((line_area, Target::HomeRow(i)));
        let marker = if i == home.selected { "▶ " } else { "  " };
        let (line, style) = match row {
            Row::Group(group) => group_line(group, marker, theme),
            Row::Unread(unread) => {
                let name = pad(&fit(&sanitize_line(&unread.name), name_width), name_width);
                (format!("{marker}{name}  reading…"), theme.dim())
            }
            Row::Entry { entry, member } => {
                let indent = if *member { "  " } else { "" };
                let line = match entry {
                    Entry::Community(s) => {
                        let name = if named.get(&s.name.to_lowercase()).is_some_and(|&n| n > 1) {
                            format!("{} · {}", sanitize_line(&s.name), names::file_name(&s.path))
                        } else {
                            sanitize_line(&s.name).into_owned()
                        };
                        let name = pad(&fit(&format!("{indent}{name}"), name_width), name_width);
                        let updated = s.updated.with_timezone(&Local).format("%Y-%m-%d %H:%M");
                        format!(
                            "{marker}{name}  {:>3}/{:<3} {updated}{}",
                            s.progress.answered,
                            s.progress.total,
                            notes[i - top]
                        )
                    }
                    Entry::Unreadable { path, reason } => {
                        let file = path
                            .file_name()
                            .map(|f| shown(f.as_ref()))
                            .unwrap_or_default();
                        fit(
                            &format!(
                                "{marker}{indent}⚠ {file}: unreadable — {}",
                                sanitize_line(reason)
                            ),
                            area.width as usize,
                        )
                    }
                };
                let style = match entry {
                    Entry::Unreadable { .. } => theme.error(),
                    Entry::Community(_) => ratatui::style::Style::new(),
                };
                (line, style)
            }
        };
        let style = if i == home.selected {
            theme.selected()
        } else {
            style
        };
        buf.set_style(line_area, style);
        buf.set_stringn(
            line_area.x,
            line_area.y,
            fit(&line, area.width as usize),
            usize::from(line_area.width),
            style,
        );
    }
    if rows.is_empty() {
        buf.set_stringn(
            area.x,
            area.y,
            format!(
                "  Nothing matches the filter. {} clears it.",
                app.prefs.keys.key_in(Context::Home, Command::Back)
            ),
            usize::from(area.width),
            theme.dim(),
        );
    }
}

/// `n` with a comma between thousands ("1,000"), as the listing line says it.
pub(super) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A constellation's line: its name, how many communities it has, and how many are not where
/// it says (or why its file cannot be read).
fn group_line(
    group: &crate::store::Grouped,
    marker: &str,
    theme: Theme,
) -> (String, ratatui::style::Style) {
    if let Some(reason) = &group.unreadable {
        let line = format!(
            "{marker}⚠ {}: unreadable constellation — {}",
            names::file_name(&group.path),
            sanitize_line(reason)
        );
        return (line, theme.error());
    }
    let n = group.members.len();
    let mut line = format!(
        "{marker}◆ {} · {n} {}",
        sanitize_line(&group.name),
        if n == 1 { "community" } else { "communities" }
    );
    if group.broken > 0 {
        line.push_str(&format!(" · {} not found", group.broken));
        return (line, theme.error());
    }
    (line, theme.title())
}

/// What a community's row says after its date: read-only, and who else has it open (short, to
/// fit a row: `convene list` and the open prompt say since when).
fn row_note(s: &crate::store::Summary) -> String {
    let ro = match (&s.outside, s.read_only) {
        (Some(_), _) => "  read-only: a link out of the data folder",
        (None, true) => "  read-only",
        (None, false) => "",
    };
    match &s.open_by {
        Some(holder) => format!("{ro}  open: {} on {}", holder.user, holder.host),
        None => ro.to_string(),
    }
}
