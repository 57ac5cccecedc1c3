//! Colours and emphasis: every style the screens use, by what it means (a title, a selected
//! row, an error, a key), in one palette the facilitator can choose.
//!
//! Three palettes are built in — dark (the default), light (for a white terminal or a
//! projector in a bright room) and high contrast (no dimmed text, bright colours, bold) — and a
//! theme file can start from any of them and change what it likes (see [`file`]; helix's and
//! television's theme files are the model). Without colour ([`Theme::plain`], which `NO_COLOR`
//! always gives, whatever the settings say) meaning is carried by bold, reverse video and
//! underlining, which also read better on a washed-out projector.

pub mod file;

use ratatui::style::{Color, Modifier, Style};

/// The palette: one style per meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    title: Style,
    prompt: Style,
    dim: Style,
    selected: Style,
    done: Style,
    error: Style,
    key: Style,
    border: Style,
    focus_border: Style,
    timer: Style,
    timer_near_end: Style,
    timer_over: Style,
}

/// The styles by the names a theme file gives them, in the order it lists them.
pub const STYLES: [&str; 12] = [
    "title",
    "prompt",
    "dim",
    "selected",
    "done",
    "error",
    "key",
    "border",
    "focus_border",
    "timer",
    "timer_near_end",
    "timer_over",
];

/// The built-in themes' names, the default first.
pub const BUILTIN: [&str; 3] = ["dark", "light", "high-contrast"];

const BOLD: Modifier = Modifier::BOLD;

fn fg(color: Color) -> Style {
    Style::new().fg(color)
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::dark()
    }
}

impl Theme {
    /// The built-in theme of this name.
    pub fn builtin(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::dark()),
            "light" => Some(Theme::light()),
            "high-contrast" | "high_contrast" => Some(Theme::high_contrast()),
            _ => None,
        }
    }

    /// For a dark terminal: the colours convene has always had.
    pub fn dark() -> Theme {
        Theme {
            title: fg(Color::Cyan).add_modifier(BOLD),
            prompt: Style::new().add_modifier(BOLD),
            dim: fg(Color::Gray).add_modifier(Modifier::DIM),
            selected: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(BOLD),
            done: fg(Color::Green),
            error: fg(Color::Red).add_modifier(BOLD),
            key: fg(Color::Yellow).add_modifier(BOLD),
            border: fg(Color::DarkGray),
            focus_border: fg(Color::Cyan),
            timer: fg(Color::Green).add_modifier(BOLD),
            timer_near_end: fg(Color::Yellow).add_modifier(BOLD),
            timer_over: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(BOLD),
        }
    }

    /// For a light terminal: no yellow or grey text, which white paper washes out.
    pub fn light() -> Theme {
        Theme {
            title: fg(Color::Blue).add_modifier(BOLD),
            dim: fg(Color::DarkGray),
            done: fg(Color::Green).add_modifier(BOLD),
            key: fg(Color::Magenta).add_modifier(BOLD),
            border: fg(Color::Gray),
            focus_border: fg(Color::Blue),
            timer_near_end: fg(Color::Magenta).add_modifier(BOLD),
            ..Theme::dark()
        }
    }

    /// Contrast first: nothing dimmed, bright colours, bold where it matters, selection in
    /// black on yellow.
    pub fn high_contrast() -> Theme {
        Theme {
            title: fg(Color::LightCyan).add_modifier(BOLD | Modifier::UNDERLINED),
            prompt: Style::new().add_modifier(BOLD),
            dim: Style::new(),
            selected: Style::new()
                .bg(Color::Yellow)
                .fg(Color::Black)
                .add_modifier(BOLD),
            done: fg(Color::LightGreen).add_modifier(BOLD),
            error: fg(Color::LightRed).add_modifier(BOLD),
            key: fg(Color::LightYellow).add_modifier(BOLD),
            border: fg(Color::White),
            focus_border: fg(Color::LightYellow).add_modifier(BOLD),
            timer: fg(Color::LightGreen).add_modifier(BOLD),
            timer_near_end: fg(Color::LightYellow).add_modifier(BOLD | Modifier::UNDERLINED),
            timer_over: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(BOLD),
        }
    }

    /// No colour at all (`NO_COLOR`): bold, reverse video and underlining only.
    pub fn plain() -> Theme {
        let none = Style::new();
        Theme {
            title: none.add_modifier(BOLD),
            prompt: none.add_modifier(BOLD),
            dim: none,
            selected: none.add_modifier(Modifier::REVERSED),
            done: none,
            error: none.add_modifier(BOLD),
            key: none.add_modifier(BOLD),
            border: none,
            focus_border: none,
            timer: none.add_modifier(BOLD),
            timer_near_end: none.add_modifier(BOLD | Modifier::UNDERLINED),
            timer_over: none.add_modifier(Modifier::REVERSED | BOLD),
        }
    }

    /// The style a theme file names, to change it.
    fn slot(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "title" => &mut self.title,
            "prompt" => &mut self.prompt,
            "dim" => &mut self.dim,
            "selected" => &mut self.selected,
            "done" => &mut self.done,
            "error" => &mut self.error,
            "key" => &mut self.key,
            "border" => &mut self.border,
            "focus_border" => &mut self.focus_border,
            "timer" => &mut self.timer,
            "timer_near_end" => &mut self.timer_near_end,
            "timer_over" => &mut self.timer_over,
            _ => return None,
        })
    }

    pub fn title(self) -> Style {
        self.title
    }

    pub fn prompt(self) -> Style {
        self.prompt
    }

    pub fn dim(self) -> Style {
        self.dim
    }

    pub fn selected(self) -> Style {
        self.selected
    }

    pub fn done(self) -> Style {
        self.done
    }

    pub fn error(self) -> Style {
        self.error
    }

    pub fn key(self) -> Style {
        self.key
    }

    pub fn border(self) -> Style {
        self.border
    }

    pub fn focus_border(self) -> Style {
        self.focus_border
    }

    /// A timebox with plenty of time left.
    pub fn timer(self) -> Style {
        self.timer
    }

    /// A timebox near its end (underlined where there is no colour to change).
    pub fn timer_near_end(self) -> Style {
        self.timer_near_end
    }

    /// A timebox past its end: without colour, reverse video says so from across the room.
    pub fn timer_over(self) -> Style {
        self.timer_over
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_has_a_name_a_theme_file_can_use() {
        let mut theme = Theme::dark();
        for name in STYLES {
            assert!(theme.slot(name).is_some(), "{name}");
        }
        for name in BUILTIN {
            assert!(Theme::builtin(name).is_some(), "{name}");
        }
    }

    #[test]
    fn without_colour_nothing_has_a_colour() {
        let mut plain = Theme::plain();
        for name in STYLES {
            let style = *plain.slot(name).unwrap();
            assert_eq!((style.fg, style.bg), (None, None), "{name}");
        }
    }

    #[test]
    fn high_contrast_dims_nothing() {
        let mut theme = Theme::high_contrast();
        for name in STYLES {
            let style = *theme.slot(name).unwrap();
            assert!(!style.add_modifier.contains(Modifier::DIM), "{name}");
        }
    }
}
