//! The home screen: the list of communities, a prompt when one is open, and a welcome when the
//! data folder is empty.

use crate::tui::model::line::LineInput;
use chrono::Local;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;
use super::{fit, split_bottom, split_top};
use crate::store::{Entry, names, shown};
use crate::text::{fit_end, pad, sanitize_line};
use crate::tui::keymap::{Command, Context, Keymap};
use crate::tui::model::home::{Home, Prompt, Row};
use crate::tui::model::{Model, Target};

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, home: &Home, theme: Theme) {
    let [header, rest] = split_top(area, 2);
    // A question is as tall as its words wrapped in the box (a line typed into is one line):
    // the end of a question ("any other key = no") is never cut off.
    let prompt_height = match (&home.prompt, prompt_text(home, &app.prefs.keys)) {
        (None, _) | (_, None) => 0,
        (Some(_), Some(_)) if typed_prompt(home).is_some() => 3,
        (Some(_), Some(text)) => {
            let inner = rest.width.saturating_sub(2).max(1);
            let lines: u16 = text
                .split('\n')
                .map(|line| super::wrapped_lines(line, inner))
                .sum();
            lines.saturating_add(2).min(rest.height / 2).max(3)
        }
    };
    let [list, prompt] = split_bottom(rest, prompt_height);
    let title = Line::from(vec![
        Span::styled(" convene ", theme.title()),
        Span::styled(
            {
                // A long folder keeps its end, where its own name is.
                let lead = "· communities in ";
                let room = usize::from(header.width).saturating_sub(" convene ".len() + lead.len());
                format!("{lead}{}", fit_end(&shown(&app.data_dir), room))
            },
            theme.dim(),
        ),
    ]);
    frame.render_widget(Paragraph::new(title), header);

    if let Some(error) = &home.error {
        let text = vec![
            Line::styled("The data folder could not be read", theme.error()),
            Line::raw(""),
            Line::raw(sanitize_line(error).into_owned()),
            Line::raw(""),
            Line::raw(
                "Nothing in it was changed. Fix the folder (or start convene with --dir DIR) and try again.",
            ),
        ];
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: true }),
            list.inner(ratatui::layout::Margin::new(1, 1)),
        );
    } else if home.entries.is_empty() {
        welcome(frame, list, &app.prefs.keys, theme);
    } else {
        let next = match home.selected_entry() {
            Some(Entry::Community(s)) => s.next_step.as_ref(),
            _ => None,
        };
        let list = match next {
            Some(next) => {
                let [list, detail] = split_bottom(list, 2);
                draw_next_step(frame, detail, next, app.today, theme);
                list
            }
            None => list,
        };
        rows(frame, list, app, home, theme);
    }
    if let Some(text) = prompt_text(home, &app.prefs.keys) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focus_border());
        let inner = block.inner(prompt);
        if let Some((label, value)) = typed_prompt(home) {
            let room = (inner.width.saturating_sub(1) as usize)
                .saturating_sub(unicode_width::UnicodeWidthStr::width(label));
            let (shown, caret) = super::line::shown(value, room);
            let caret = super::rows(unicode_width::UnicodeWidthStr::width(label) + caret);
            frame.render_widget(
                Paragraph::new(format!("{label}{shown}")).block(block),
                prompt,
            );
            frame
                .set_cursor_position((inner.x + caret.min(inner.width.saturating_sub(1)), inner.y));
        } else {
            frame.render_widget(
                Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
                prompt,
            );
        }
    }
}

/// The selected community's next plan step, below the list.
fn draw_next_step(
    frame: &mut Frame,
    area: Rect,
    next: &crate::community::NextStep,
    today: chrono::NaiveDate,
    theme: Theme,
) {
    let (label, style) = if next.is_overdue(today) {
        ("Overdue", theme.error())
    } else {
        ("Next step", theme.prompt())
    };
    let owner = if next.owner.is_empty() {
        String::new()
    } else {
        format!(" · {}", sanitize_line(&next.owner))
    };
    // The step gives way ("…") to its due date and owner, which are what home is for.
    let lead = format!(" {label}: ");
    let due = format!(" — due {}{owner}", crate::dates::shown(next.due));
    let room = usize::from(area.width).saturating_sub(unicode_width::UnicodeWidthStr::width(
        format!("{lead}{due}").as_str(),
    ));
    let line = Line::from(vec![
        Span::styled(lead, style),
        Span::raw(fit(&sanitize_line(&next.step), room.max(12))),
        Span::styled(due, style),
    ]);
    let [_, line_area] = split_top(area, 1);
    frame.render_widget(Paragraph::new(line), line_area);
}

/// The prompt being typed into, if it is one: its label and what is typed.
fn typed_prompt(home: &Home) -> Option<(&'static str, &LineInput)> {
    match &home.prompt {
        Some(Prompt::Filter) => Some(("Filter: ", &home.filter)),
        Some(Prompt::NewName(name)) => Some(("Name of the new community: ", name)),
        Some(Prompt::Rename(name)) => Some(("New name: ", name)),
        Some(Prompt::SplitNames(names)) => Some((
            "Split into (the new communities' names, separated by ;): ",
            names,
        )),
        _ => None,
    }
}

fn prompt_text(home: &Home, keys: &Keymap) -> Option<String> {
    if let Some((label, value)) = typed_prompt(home) {
        return Some(format!("{label}{}", sanitize_line(value.text())));
    }
    Some(match home.prompt.as_ref()? {
        // (Answered above, with their labels.)
        Prompt::NewName(name) | Prompt::Rename(name) | Prompt::SplitNames(name) => {
            sanitize_line(name.text()).into_owned()
        }
        Prompt::SplitChoose { plan, selected } => split_choices(plan, *selected, keys),
        Prompt::Filter => sanitize_line(home.filter.text()).into_owned(),
        Prompt::ConfirmDelete => {
            let what = match home.selected_entry() {
                Some(Entry::Community(s)) => format!(
                    "\"{}\" ({})",
                    sanitize_line(&s.name),
                    names::file_name(&s.path)
                ),
                Some(e) => shown(e.path()),
                None => String::new(),
            };
            format!(
                "Move {what} to the trash folder? {} = yes, any other key = no",
                keys.key_in(Context::Question, Command::Yes)
            )
        }
        Prompt::OpenElsewhere(asked) => crate::tui::update::elsewhere_text(asked, keys),
        Prompt::ConfirmSameName {
            name,
            renaming,
            existing,
        } => {
            let files: Vec<String> = existing.iter().map(|(_, p)| names::file_name(p)).collect();
            let called = match existing.as_slice() {
                [(one, _)] => format!(
                    "A community called \"{}\" already exists (file {})",
                    sanitize_line(one),
                    files.join(", ")
                ),
                _ => format!(
                    "{} communities called \"{}\" already exist (files {})",
                    existing.len(),
                    sanitize_line(name),
                    files.join(", ")
                ),
            };
            let ask = if *renaming {
                format!(
                    "Rename this one to \"{}\" all the same?",
                    sanitize_line(name)
                )
            } else {
                "Create another?".to_string()
            };
            format!(
                "{called}. {ask} {}/N",
                keys.key_in(Context::Question, Command::Yes)
            )
        }
        Prompt::Recover => {
            let copy = home.recoveries.first()?;
            // A file opened by path from elsewhere is not in the list below: say which it is.
            let elsewhere = if copy.elsewhere {
                format!(" ({})", shown(&copy.origin))
            } else {
                String::new()
            };
            let key = |command| keys.key_in(Context::Recovery, command);
            format!(
                "From {}: unsaved work for \"{}\"{elsewhere} was kept in a recovery copy.\n\
                 {} restore it · {} move it to the trash · {} decide later",
                copy.written.format("%-d %b %H:%M"),
                sanitize_line(&copy.name),
                key(Command::Restore),
                key(Command::Discard),
                key(Command::Later),
            )
        }
    })
}

/// How many of a split's choices the checklist shows at once.
const CHOICES_SHOWN: usize = 5;

/// The checklist of what a split's new communities start with, around the selected line.
fn split_choices(
    plan: &crate::tui::model::home::SplitPlan,
    selected: usize,
    keys: &Keymap,
) -> String {
    let topics: Vec<String> = plan
        .topics
        .iter()
        .map(|t| format!("\"{}\"", sanitize_line(t)))
        .collect();
    let key = |command| keys.key_in(Context::Checklist, command);
    let mut text = format!(
        "Split \"{}\" into {}, in one constellation; it stays as it is. Each new community starts with ({} choose, {} split, {} cancel):",
        sanitize_line(&plan.name),
        topics.join(", "),
        key(Command::Toggle),
        key(Command::Confirm),
        key(Command::Back),
    );
    let first = selected.saturating_sub(CHOICES_SHOWN - 1);
    for (i, choice) in plan
        .choices
        .iter()
        .enumerate()
        .skip(first)
        .take(CHOICES_SHOWN)
    {
        let marker = if i == selected { "▶" } else { " " };
        let mark = if choice.on { "[x]" } else { "[ ]" };
        text.push_str(&format!(
            "\n{marker} {mark} {} ({} of {} answered)",
            sanitize_line(&choice.label),
            choice.answered,
            choice.questions.len()
        ));
    }
    if plan.choices.is_empty() {
        text.push_str("\n  (nothing answered yet: they start empty)");
    }
    text
}

fn welcome(frame: &mut Frame, area: Rect, keys: &Keymap, theme: Theme) {
    let text = vec![
        Line::styled("Welcome to convene", theme.title()),
        Line::raw(""),
        Line::raw(
            "convene walks you through designing a community of practice, one question at a \
             time: its purpose, shared interest, members and practice; its domain, community \
             and practice; a readiness check; and its vision.",
        ),
        Line::raw(""),
        Line::raw(
            "Every answer is saved as you type, in one plain TOML file per community that you \
             can open in any editor, keep in git and share.",
        ),
        Line::raw(""),
        Line::from(vec![
            Span::styled(
                keys.key_in(Context::Home, Command::New).to_string(),
                theme.key(),
            ),
            Span::raw("  start a new community"),
        ]),
        Line::from(vec![
            Span::styled(
                keys.key_in(Context::Home, Command::Examples).to_string(),
                theme.key(),
            ),
            Span::raw(
                "  add the examples (a university's constellation of five communities and a nurses' lunch circle) to look around",
            ),
        ]),
    ];
    let inner = Rect {
        width: area.width.min(76),
        ..area
    };
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }),
        inner.inner(ratatui::layout::Margin::new(1, 1)),
    );
}

fn rows(frame: &mut Frame, area: Rect, app: &Model, home: &Home, theme: Theme) {
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
        let line_area = Rect::new(area.x, area.y + super::rows(i - top), area.width, 1);
        app.hits.borrow_mut().push((line_area, Target::HomeRow(i)));
        let marker = if i == home.selected { "▶ " } else { "  " };
        let (line, style) = match row {
            Row::Group(group) => group_line(group, marker, theme),
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
