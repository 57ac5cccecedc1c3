//! The home screen: the list of communities, a prompt when one is open, and a welcome when the
//! data folder is empty.

mod rows;

use crate::tui::model::line::LineInput;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;
use super::{fit, split_bottom, split_top};
use crate::store::{Entry, names, shown};
use crate::text::{fit_end, sanitize_line};
use crate::tui::keymap::{Command, Context, Keymap};
use crate::tui::model::Model;
use crate::tui::model::home::{Home, Prompt};

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
    } else if home.is_empty() {
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
        let list = match home.listing_progress() {
            Some((read, total)) => {
                let [list, line] = split_bottom(list, 1);
                let text = format!(
                    " Listing {} communities for the first time… {read} read",
                    rows::thousands(total)
                );
                frame.buffer_mut().set_stringn(
                    line.x,
                    line.y,
                    text,
                    usize::from(line.width),
                    theme.dim(),
                );
                list
            }
            None => list,
        };
        rows::rows(frame, list, app, home, theme);
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
