//! The timebox: a countdown for the part of the workshop under way, visible to the room.
//!
//! It is plain arithmetic on instants handed in by the caller — the event loop passes the real
//! clock, the tests any instants they like — so no test sleeps and the drawing is exact. While it
//! runs, the loop wakes once a second, on the second, to redraw it; paused or absent, it costs
//! nothing and the loop sleeps until a key arrives.
//!
//! When the countdown reaches its end the terminal bell rings, once: [`Timebox::ring_due`] says
//! when, and the update asks the runtime for it as an effect. Lengthened past the time spent, a
//! timebox has an end to reach again, and rings again there.

use std::time::{Duration, Instant};

/// How long a new timebox lasts.
pub const DEFAULT_LENGTH: Duration = Duration::from_secs(10 * 60);
/// What one press of "more" or "less" changes.
pub const STEP: Duration = Duration::from_secs(60);
/// The longest timebox (a whole workshop day).
pub const MAX_LENGTH: Duration = Duration::from_secs(8 * 60 * 60);
/// The countdown warns in its last fifth, but never earlier than this before the end.
const WARN_AT_MOST: Duration = Duration::from_secs(2 * 60);

/// A countdown that can be paused, resumed and lengthened or shortened while it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timebox {
    pub length: Duration,
    /// Time spent before the current run (or all of it, when paused).
    spent_before: Duration,
    /// When the current run started; `None` while paused.
    running_since: Option<Instant>,
    /// Whether it was past its end when last asked (see [`Timebox::ring_due`]).
    was_over: bool,
}

/// How the countdown stands, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Plenty of time left.
    Plenty,
    /// Near the end: the last fifth, at most the last two minutes.
    NearEnd,
    /// Past the end.
    Over,
}

impl Timebox {
    /// A paused timebox of `length`, nothing spent.
    pub fn new(length: Duration) -> Timebox {
        Timebox {
            length: length.min(MAX_LENGTH),
            spent_before: Duration::ZERO,
            running_since: None,
            was_over: false,
        }
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Starts or resumes the countdown, or pauses it.
    pub fn toggle(&mut self, now: Instant) {
        match self.running_since.take() {
            Some(since) => self.spent_before += now.saturating_duration_since(since),
            None => self.running_since = Some(now),
        }
    }

    /// Time spent so far.
    pub fn spent(&self, now: Instant) -> Duration {
        self.spent_before
            + self
                .running_since
                .map_or(Duration::ZERO, |since| now.saturating_duration_since(since))
    }

    /// Time left in whole seconds, rounded up while counting down (so "0:01" shows until the
    /// last second has gone); negative once over (the overrun, rounded down).
    pub fn left_secs(&self, now: Instant) -> i64 {
        let spent = self.spent(now);
        match self.length.checked_sub(spent) {
            Some(left) => left.as_millis().div_ceil(1000) as i64,
            None => -((spent - self.length).as_secs() as i64),
        }
    }

    pub fn phase(&self, now: Instant) -> Phase {
        let left = self.left_secs(now);
        let warn = (self.length / 5).min(WARN_AT_MOST).as_secs() as i64;
        if left <= 0 && self.spent(now) >= self.length {
            Phase::Over
        } else if left <= warn.max(1) {
            Phase::NearEnd
        } else {
            Phase::Plenty
        }
    }

    /// Whether the bell is due at `now`: the countdown, running, has reached its end since this
    /// was last asked. True once for each end reached.
    pub fn ring_due(&mut self, now: Instant) -> bool {
        let over = self.spent(now) >= self.length;
        let due = over && !self.was_over && self.is_running();
        if self.is_running() || !over {
            self.was_over = over;
        }
        due
    }

    /// Lengthens (or, with `longer` false, shortens) the timebox by one step, keeping what was
    /// spent; never below one step nor above the maximum.
    pub fn adjust(&mut self, longer: bool) {
        self.length = if longer {
            (self.length + STEP).min(MAX_LENGTH)
        } else {
            self.length.saturating_sub(STEP).max(STEP)
        };
    }

    /// When the shown time next changes: the next whole second of the countdown, while it runs.
    pub fn next_tick(&self, now: Instant) -> Option<Instant> {
        self.running_since?;
        let spent = self.spent(now);
        let into_second = Duration::from_nanos((spent.as_nanos() % 1_000_000_000) as u64);
        // Counting down shows the seconds left rounded up, so the display changes when the
        // time spent crosses a whole second (a fraction past the length counts as the overrun's).
        let until = Duration::from_secs(1) - into_second;
        Some(now + until)
    }

    /// The time as the room reads it: "9:58", "0:05", "+1:05" once over, hours when long.
    pub fn shown(&self, now: Instant) -> String {
        let left = self.left_secs(now);
        let sign = if left < 0 { "+" } else { "" };
        let secs = left.unsigned_abs();
        let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
        if h > 0 {
            format!("{sign}{h}:{m:02}:{s:02}")
        } else {
            format!("{sign}{m}:{s:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn counts_down_pauses_resumes_and_shows_the_overrun() {
        let t0 = Instant::now();
        let mut timer = Timebox::new(secs(300));
        assert_eq!(timer.shown(t0), "5:00");
        assert_eq!(timer.next_tick(t0), None, "paused: no wake-ups");
        timer.toggle(t0);
        assert_eq!(timer.shown(t0 + Duration::from_millis(400)), "5:00");
        assert_eq!(timer.shown(t0 + secs(1)), "4:59");
        assert_eq!(
            timer.next_tick(t0 + Duration::from_millis(400)),
            Some(t0 + secs(1))
        );
        timer.toggle(t0 + secs(60)); // pause at 4:00 left
        assert_eq!(timer.shown(t0 + secs(500)), "4:00");
        assert!(!timer.is_running());
        timer.toggle(t0 + secs(500)); // resume
        assert_eq!(timer.shown(t0 + secs(560)), "3:00");
        assert_eq!(timer.phase(t0 + secs(560)), Phase::Plenty);
        assert_eq!(
            timer.phase(t0 + secs(680)),
            Phase::NearEnd,
            "one minute left"
        );
        assert_eq!(timer.shown(t0 + secs(740)), "0:00");
        assert_eq!(timer.phase(t0 + secs(740)), Phase::Over);
        assert_eq!(timer.shown(t0 + secs(805)), "+1:05");
        assert_eq!(timer.left_secs(t0 + secs(805)), -65);
    }

    #[test]
    fn adjusting_keeps_what_was_spent_and_stays_in_bounds() {
        let t0 = Instant::now();
        let mut timer = Timebox::new(secs(120));
        timer.toggle(t0);
        timer.adjust(true);
        assert_eq!(timer.shown(t0 + secs(30)), "2:30");
        for _ in 0..10 {
            timer.adjust(false);
        }
        assert_eq!(timer.length, STEP, "never below one step");
        let mut long = Timebox::new(MAX_LENGTH * 2);
        assert_eq!(long.length, MAX_LENGTH);
        long.adjust(true);
        assert_eq!(long.length, MAX_LENGTH);
        assert_eq!(long.shown(t0), "8:00:00");
    }

    #[test]
    fn the_bell_is_due_once_at_the_end_and_again_at_a_new_end() {
        let t0 = Instant::now();
        let mut timer = Timebox::new(secs(120));
        timer.toggle(t0);
        assert!(!timer.ring_due(t0 + secs(119)));
        assert!(timer.ring_due(t0 + secs(120)), "at the end");
        assert!(!timer.ring_due(t0 + secs(121)), "once");
        assert!(!timer.ring_due(t0 + secs(200)));
        // A minute more while 80 s over is still over: no new end reached.
        timer.adjust(true);
        assert!(!timer.ring_due(t0 + secs(201)));
        // Two more, and the end is ahead again: it rings when it comes.
        timer.adjust(true);
        timer.adjust(true);
        assert!(!timer.ring_due(t0 + secs(250)));
        assert!(timer.ring_due(t0 + secs(300)));
        // Paused before the end, it never rings; resumed, it does at the end.
        let mut paused = Timebox::new(secs(60));
        paused.toggle(t0);
        paused.toggle(t0 + secs(30));
        assert!(!paused.ring_due(t0 + secs(90)));
        paused.toggle(t0 + secs(90));
        assert!(!paused.ring_due(t0 + secs(100)));
        assert!(paused.ring_due(t0 + secs(120)));
    }

    #[test]
    fn warns_in_the_last_fifth_but_at_most_two_minutes() {
        let t0 = Instant::now();
        let mut short = Timebox::new(secs(300));
        short.toggle(t0);
        assert_eq!(short.phase(t0 + secs(239)), Phase::Plenty);
        assert_eq!(short.phase(t0 + secs(240)), Phase::NearEnd);
        let mut long = Timebox::new(secs(3600));
        long.toggle(t0);
        assert_eq!(long.phase(t0 + secs(3479)), Phase::Plenty);
        assert_eq!(long.phase(t0 + secs(3480)), Phase::NearEnd);
    }
}
