//! Which columns of a table the grid shows, and how wide each is.
//!
//! Columns share the width by what they hold. When every column fits at a readable width, all
//! are shown and the widest give way first. A table of seven columns (the conversations with
//! potential members) does not fit so beside the outline at 80×24: squeezed to four letters
//! each, "Iss…", "Mee…" and "Wou…" say nothing. So then the grid scrolls sideways instead, as
//! a spreadsheet does: the first column (whose row it is: a name, a step) stays, and as many of
//! the others as fit at a readable width are shown around the focused one, with arrows in the
//! header where columns are out of view. The focused cell is always in view, and its whole
//! text is on the input line below.

use super::GAP;

/// A column is not squeezed below this many columns when another choice is left (a date needs
/// eleven, see `least`): "Bronwen…", "core gr…" still say whose row and which role.
pub const READABLE: usize = 8;
/// The room an arrow saying "more columns this way" takes in the header.
pub const ARROW: usize = 2;

/// The columns shown, in order, each with its width; and whether columns are out of view to
/// the left of the window (after the first column) and to its right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub columns: Vec<(usize, usize)>,
    pub hidden_left: bool,
    pub hidden_right: bool,
}

impl Shown {
    /// Whether some columns are out of view.
    pub fn scrolled(&self) -> bool {
        self.hidden_left || self.hidden_right
    }
}

/// The columns to show in `available` columns of screen, keeping `focus` in view. `natural`
/// is what each column would like (its widest cell or its title), `least` what it cannot do
/// without (a date's "28 Nov 2026").
pub fn layout(natural: &[usize], least: &[usize], focus: usize, available: usize) -> Shown {
    let n = natural.len();
    let readable: Vec<usize> = (0..n)
        .map(|c| natural[c].min(least[c].max(READABLE)))
        .collect();
    let cost =
        |cols: &[usize], widths: &[usize]| -> usize { cols.iter().map(|&c| widths[c] + GAP).sum() };
    let all: Vec<usize> = (0..n).collect();
    if n <= 2 || cost(&all, &readable) <= available {
        return Shown {
            columns: shrink(&all, natural, least, available),
            hidden_left: false,
            hidden_right: false,
        };
    }
    // The first column stays; a window of the others holds the focused one. Like the rows, the
    // window starts as far left as lets the focused column end it.
    let focus = focus.clamp(1, n - 1);
    let room = |start: usize, end: usize| -> usize {
        let arrows = ARROW * (usize::from(start > 1) + usize::from(end < n - 1));
        available.saturating_sub(arrows)
    };
    let fits = |start: usize, end: usize| {
        let cols: Vec<usize> = std::iter::once(0).chain(start..=end).collect();
        cost(&cols, &readable) <= room(start, end)
    };
    let start = (1..=focus).find(|&s| fits(s, focus)).unwrap_or(focus);
    let mut end = focus;
    while end + 1 < n && fits(start, end + 1) {
        end += 1;
    }
    let cols: Vec<usize> = std::iter::once(0).chain(start..=end).collect();
    let floors: Vec<usize> = (0..n).map(|c| readable[c].max(least[c])).collect();
    Shown {
        columns: shrink(&cols, natural, &floors, room(start, end)),
        hidden_left: start > 1,
        hidden_right: end < n - 1,
    }
}

/// `cols` at their `natural` widths, the widest narrowed first (never below `floor`) until
/// they fit `available` with the gaps between them.
fn shrink(
    cols: &[usize],
    natural: &[usize],
    floor: &[usize],
    available: usize,
) -> Vec<(usize, usize)> {
    let mut widths: Vec<usize> = cols.iter().map(|&c| natural[c].max(floor[c])).collect();
    let room = available.saturating_sub(GAP * cols.len());
    while widths.iter().sum::<usize>() > room {
        let Some(widest) = widths
            .iter_mut()
            .zip(cols)
            .filter(|(w, c)| **w > floor[**c])
            .max_by_key(|(w, _)| **w)
        else {
            break;
        };
        *widest.0 -= 1;
    }
    cols.iter().copied().zip(widths).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The conversations table: who, when, issues, three choices, a follow-up.
    const NATURAL: [usize; 7] = [12, 11, 60, 24, 15, 21, 30];
    const LEAST: [usize; 7] = [4, 11, 4, 4, 4, 4, 4];

    fn shown_columns(shown: &Shown) -> Vec<usize> {
        shown.columns.iter().map(|(c, _)| *c).collect()
    }

    #[test]
    fn everything_fits_a_wide_screen() {
        let shown = layout(&NATURAL, &LEAST, 3, 200);
        assert!(!shown.scrolled());
        let widths: Vec<usize> = shown.columns.iter().map(|(_, w)| *w).collect();
        assert_eq!(widths, NATURAL);
    }

    #[test]
    fn readable_columns_all_fit_and_the_widest_gives_way() {
        let shown = layout(&NATURAL, &LEAST, 3, 88);
        assert!(!shown.scrolled());
        assert!(shown.columns.iter().all(|(_, w)| *w >= READABLE));
        assert!(shown.columns.iter().map(|(_, w)| w + GAP).sum::<usize>() <= 88);
    }

    #[test]
    fn a_narrow_grid_scrolls_and_keeps_the_first_and_focused_columns() {
        for focus in 0..7 {
            let shown = layout(&NATURAL, &LEAST, focus, 48);
            let cols = shown_columns(&shown);
            assert!(shown.scrolled(), "focus {focus}");
            assert_eq!(cols[0], 0, "the first column stays");
            assert!(cols.contains(&focus), "focus {focus} in view: {cols:?}");
            assert!(shown.columns.iter().all(|(_, w)| *w >= READABLE));
            let arrows = ARROW * (usize::from(shown.hidden_left) + usize::from(shown.hidden_right));
            let used: usize = shown.columns.iter().map(|(_, w)| w + GAP).sum::<usize>() + arrows;
            assert!(used <= 48, "focus {focus}: {used}");
        }
        let last = layout(&NATURAL, &LEAST, 6, 48);
        assert!(last.hidden_left && !last.hidden_right);
        let first = layout(&NATURAL, &LEAST, 0, 48);
        assert!(!first.hidden_left && first.hidden_right);
    }
}
