//! Undo and redo, once, for every editor that keeps whole states: a table's rows, a list's
//! items and choices, the presenter view's cards.
//!
//! Each editor used to keep its own two stacks and its own swapping code, and they drifted (one
//! marked the answer changed on undo, one did not say where the caret went). Here the history is
//! a pair of stacks of states and nothing else: an editor records its state before a change
//! ([`History::record`]), and on undo or redo gives its current state and takes back the one to
//! show. The depth is bounded, so a long session on a big table cannot grow without end.

/// How many steps back are kept.
pub const DEPTH: usize = 200;

#[derive(Debug, Clone)]
pub struct History<S> {
    undo: Vec<S>,
    redo: Vec<S>,
}

impl<S> Default for History<S> {
    fn default() -> History<S> {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }
}

impl<S> History<S> {
    /// `before` is the state a change is about to leave: undo comes back to it. Whatever was
    /// undone is no longer redone.
    pub fn record(&mut self, before: S) {
        if self.undo.len() == DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(before);
        self.redo.clear();
    }

    /// Drops the oldest undo steps while they weigh more than `budget` together (by `weight`),
    /// keeping at least the newest.
    pub fn trim(&mut self, budget: usize, weight: impl Fn(&S) -> usize) {
        let mut total: usize = self.undo.iter().map(&weight).sum();
        while self.undo.len() > 1 && total > budget {
            total -= weight(&self.undo[0]);
            self.undo.remove(0);
        }
    }

    /// The state before the last change, if there is one; `current` (made only then, told the
    /// state it is to be swapped with) is kept for redo.
    pub fn undo(&mut self, current: impl FnOnce(&S) -> S) -> Option<S> {
        let back = self.undo.pop()?;
        self.redo.push(current(&back));
        Some(back)
    }

    /// The newest undo step, if there is one (a new step may share what has not changed).
    pub fn newest(&self) -> Option<&S> {
        self.undo.last()
    }

    /// The state the last undo left, if there is one; `current` is kept for undo.
    pub fn redo(&mut self, current: impl FnOnce(&S) -> S) -> Option<S> {
        let forward = self.redo.pop()?;
        self.undo.push(current(&forward));
        Some(forward)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_states_and_a_new_change_drops_the_redo() {
        let mut history = History::default();
        let mut state = 1;
        for next in [2, 3] {
            history.record(state);
            state = next;
        }
        state = history.undo(|_| state).unwrap();
        assert_eq!(state, 2);
        state = history.undo(|_| state).unwrap();
        assert_eq!(state, 1);
        assert_eq!(
            history.undo(|_| panic!("no state made when there is nothing")),
            None
        );
        state = history.redo(|_| state).unwrap();
        assert_eq!(state, 2);
        history.record(state);
        state = 9;
        assert_eq!(
            history.redo(|_| state),
            None,
            "a change after undo ends the redo"
        );
        assert_eq!(history.undo(|_| state), Some(2));
    }

    #[test]
    fn heavy_steps_are_dropped_oldest_first_down_to_the_budget_keeping_the_newest() {
        let mut history = History::default();
        for n in [5, 5, 5, 50] {
            history.record(n);
            history.trim(12, |n: &usize| *n);
        }
        assert_eq!(
            history.undo(|_| 0),
            Some(50),
            "the newest stays, whatever it weighs"
        );
        assert_eq!(
            history.undo(|_| 0),
            None,
            "the three light ones went for it"
        );
        let mut history = History::default();
        for n in [5, 5, 5] {
            history.record(n);
            history.trim(12, |n: &usize| *n);
        }
        assert_eq!(
            (
                history.undo(|_| 0),
                history.undo(|_| 0),
                history.undo(|_| 0)
            ),
            (Some(5), Some(5), None)
        );
    }

    #[test]
    fn only_the_last_steps_are_kept() {
        let mut history = History::default();
        for n in 0..DEPTH + 50 {
            history.record(n);
        }
        let mut back = 0;
        let mut state = usize::MAX;
        while let Some(s) = history.undo(|_| state) {
            state = s;
            back += 1;
        }
        assert_eq!(back, DEPTH);
        assert_eq!(state, 50, "the oldest steps went first");
    }
}
