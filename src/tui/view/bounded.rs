//! A ceiling on the size convene draws at.
//!
//! A terminal can report any size up to 65535×65535 (a resize event, a misconfigured pty, a
//! terminal multiplexer gone wrong). ratatui keeps two buffers of the whole screen, one cell per
//! column and row: at that size that is 4 billion cells per buffer, an allocation that aborts the
//! process — with the facilitator's unsaved words in it. Layout arithmetic on `u16` coordinates
//! near the limit saturates, too. So the backend convene hands to ratatui reports at most
//! [`MAX_WIDTH`]×[`MAX_HEIGHT`]: every screen lays itself out and draws in that top-left area,
//! and the rest of an absurdly large window stays blank. The ceiling is far above any real
//! screen (a 4K monitor with a tiny font has about 640×180 cells), and its two buffers take tens
//! of megabytes at most.
//!
//! Only the size is changed; drawing, the cursor and clearing go to the real backend as they
//! are, and nothing is ever drawn outside the ceiling because ratatui's buffers end there.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Rect, Size};

/// The widest area convene draws, in columns.
pub const MAX_WIDTH: u16 = 1000;
/// The tallest area convene draws, in rows.
pub const MAX_HEIGHT: u16 = 500;

/// `size` cut down to the ceiling.
pub fn bounded(size: Size) -> Size {
    Size {
        width: size.width.min(MAX_WIDTH),
        height: size.height.min(MAX_HEIGHT),
    }
}

/// `area` cut down to the ceiling, keeping its top-left corner.
pub fn bounded_area(area: Rect) -> Rect {
    area.intersection(Rect::new(0, 0, MAX_WIDTH, MAX_HEIGHT))
}

/// A backend that reports at most the ceiling's size; everything else is `B`'s.
#[derive(Debug, Default)]
pub struct Bounded<B>(pub B);

impl<B: Backend> Backend for Bounded<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size().map(bounded)
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        let mut size = self.0.window_size()?;
        size.columns_rows = bounded(size.columns_rows);
        Ok(size)
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}
