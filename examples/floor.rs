//! The performance floor: the least a ratatui + crossterm program can do and still be an editor.
//!
//! It takes the terminal (raw mode, alternate screen), draws one bordered, word-wrapped text
//! area, appends what is typed, and redraws after each key; nothing else. convene's terminal
//! figures — first frame, CPU per typed key, peak memory, idle CPU — are quoted as ratios against
//! this program measured in the same run (see "Performance" in the README), so that the machine,
//! the terminal and the libraries cancel out and what remains is what convene itself costs.
//!
//! Run: `cargo run --release --example floor [FILE]` (FILE: text to start with, e.g. a 50 KB
//! answer). Ctrl-Q quits. Like convene, it blocks on input and uses no CPU while idle.

use std::io;

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

fn main() -> io::Result<()> {
    let mut text = match std::env::args_os().nth(1) {
        Some(path) => std::fs::read_to_string(path)?,
        None => String::new(),
    };
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let result = run(&mut terminal, &mut text);
    disable_raw_mode()?;
    execute!(io::stdout(), LeaveAlternateScreen)?;
    result
}

fn run(terminal: &mut Terminal<CrosstermBackend<io::Stdout>>, text: &mut String) -> io::Result<()> {
    loop {
        terminal.draw(|frame| {
            let area = frame.area();
            let block = Block::default().borders(Borders::ALL).title(" floor ");
            let inner = block.inner(area);
            let paragraph = Paragraph::new(text.as_str()).wrap(Wrap { trim: false });
            // Keep the end of the text, where typing happens, in view.
            let lines = wrapped_lines(text, usize::from(inner.width.max(1)));
            let scroll = u16::try_from(lines)
                .unwrap_or(u16::MAX)
                .saturating_sub(inner.height);
            frame.render_widget(paragraph.block(block).scroll((scroll, 0)), area);
        })?;
        if let Event::Key(key) = event::read()? {
            if key.kind == KeyEventKind::Release {
                continue;
            }
            match key.code {
                KeyCode::Char('q') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    return Ok(());
                }
                KeyCode::Char(c) => text.push(c),
                KeyCode::Enter => text.push('\n'),
                KeyCode::Backspace => {
                    text.pop();
                }
                _ => {}
            }
        }
    }
}

/// How many rows `text` takes word-wrapped at `width` columns (greedy, as ratatui wraps; counted
/// here because ratatui's own count is behind an unstable feature).
fn wrapped_lines(text: &str, width: usize) -> usize {
    use unicode_width::UnicodeWidthStr;
    text.split('\n')
        .map(|line| {
            let mut rows = 1;
            let mut used = 0;
            for word in line.split(' ') {
                let w = word.width();
                if used > 0 && used + 1 + w > width {
                    rows += 1 + w.saturating_sub(1) / width;
                    used = w % width;
                } else {
                    used += usize::from(used > 0) + w;
                }
            }
            rows
        })
        .sum()
}
