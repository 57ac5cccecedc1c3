//! A community's dates as an iCalendar file (RFC 5545), for the facilitator's and the members'
//! calendars: `convene export NAME --format ics`.
//!
//! [`events`] gathers what is dated (the next meetings, plan steps due, learning-log
//! follow-ups); this module writes it with the `icalendar` crate, which escapes text values
//! (`,` `;` `\` and newlines) and folds lines at 75 octets. Decisions, and why:
//!
//! - **All-day `VEVENT`s, not `VTODO`s.** A plan step is a task, but Google Calendar and Outlook
//!   drop every `VTODO` of an imported file, and Apple's Calendar sends them to Reminders, if
//!   anywhere; an all-day event on the due day shows up in every calendar app. Meetings are
//!   all-day too: the file says on which day a community meets, never at what time. Each event
//!   ends the next day (`DTEND` is exclusive, RFC 5545 §3.6.1); an event ending the day it
//!   starts lasts no time, which some apps refuse. Every event is `TRANSP:TRANSPARENT`, so a
//!   due date or a meeting of unknown hours does not mark the whole day busy.
//! - **Meetings as dates, not an `RRULE`.** convene's rhythms do not all map onto one (a
//!   third of the year as a term, "twice a month" as the first-and-third pair the first meeting
//!   falls in, a first meeting kept off the rule as the room agreed it), and apps differ on a
//!   `DTSTART` off its own rule. Each of the next [`events::MEETINGS`] meetings is an event on
//!   the very day the app and the charter show; exporting again later reaches further.
//! - **Stable UIDs.** A UID is made from the community's file stem and what the event dates
//!   (the meeting's day; the plan and the step's words; the log entry's date and problem), never
//!   from a random number or the clock, so importing a newer export updates the events an app
//!   already has instead of adding copies. Words are hashed (FNV-1a, fixed forever, unlike
//!   std's hasher) to keep UIDs short and plain ASCII whatever the text. Importing does not
//!   delete: an event for a step since done stays in the calendar until it is deleted there.
//! - **`DTSTAMP` is the moment passed in**, so the same file and moment give the same bytes.
//! - **Text is made safe first.** The crate escapes, but would pass a carriage return or an
//!   escape character straight through (a raw CR breaks the line structure), so file text goes
//!   through [`text`](crate::text) as for the Markdown and HTML charters: control, bidi and
//!   invisible characters become visible `\u{…}` markers. A summary is one line (calendars
//!   show it as a title); a description keeps its lines.

pub mod events;

use chrono::{DateTime, FixedOffset, Utc};
use icalendar::{Calendar, Component, EventLike, Property};

use crate::community::CommunityFile;
use crate::guide::Guide;
use crate::store::slug;

pub use events::{Dated, Gathered, MEETINGS, What};

/// A community's calendar, and what could not go in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ics {
    /// The iCalendar text, lines ending in CRLF.
    pub text: String,
    /// How many events it holds.
    pub events: usize,
    /// What was left out and why (text from the file: make it safe before printing it).
    pub notes: Vec<String>,
}

/// The calendar of the community read from `file`, whose file is `<stem>.toml`, made at `now`
/// (its `DTSTAMP`; its day is the one meetings before which are past).
pub fn to_ics(file: &CommunityFile, guide: &Guide, stem: &str, now: DateTime<FixedOffset>) -> Ics {
    let gathered = events::gather(file, guide, now.date_naive());
    let name = one_line(&file.community.name);
    let stamp = now.with_timezone(&Utc);
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new(
        "PRODID",
        concat!("-//convene//convene ", env!("CARGO_PKG_VERSION"), "//EN"),
    ));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    // The calendar's name for apps that make a new calendar of an import: RFC 7986's NAME and
    // Apple's and Google's X-WR-CALNAME. The crate escapes only the values it knows are text,
    // which NAME is not among, hence VALUE=TEXT.
    calendar.append_property(
        Property::new("NAME", &name)
            .add_parameter("VALUE", "TEXT")
            .done(),
    );
    calendar.append_property(Property::new("X-WR-CALNAME", &name));
    let community = slug(stem);
    for dated in &gathered.dated {
        let date = dated.date;
        let mut event = icalendar::Event::new();
        event
            .uid(&uid(&community, dated))
            .timestamp(stamp)
            .starts(date)
            .summary(&one_line(&dated.summary))
            .description(&block(&dated.description))
            .categories([name.as_str()])
            .add_property("TRANSP", "TRANSPARENT");
        // The last day the calendar has no next day: the event then has no end, which RFC 5545
        // reads as one day for a date.
        if let Some(next) = date.succ_opt() {
            event.ends(next);
        }
        calendar.push(event.done());
    }
    Ics {
        text: calendar.to_string(),
        events: gathered.dated.len(),
        notes: gathered.notes,
    }
}

/// `meeting-20261203.nurses-lunch-circle@convene`, `momentum_plan-1f3a….…@convene`.
fn uid(community: &str, dated: &Dated) -> String {
    let what = match dated.what {
        // A meeting's key is its day, already plain.
        What::Meeting => return format!("{}.{community}@convene", dated.key),
        What::Step => dated.key.split('\0').next().unwrap_or("step"),
        What::FollowUp => "follow-up",
    };
    format!("{what}-{:016x}.{community}@convene", fnv1a(&dated.key))
}

/// FNV-1a, 64 bits: a hash whose values never change between builds, as UIDs must not.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Text on one line, made safe: its runs of white space (line breaks too) as one space.
fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::text::sanitize_line(&joined).into_owned()
}

/// Text on its lines, made safe: CRLF and lone CRs as line breaks (the crate writes each as
/// `\n`), every other control character as a visible marker.
fn block(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    crate::text::sanitize(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fnv1a_as_published() {
        // The reference values of the FNV-1a 64-bit test suite.
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn summaries_keep_to_one_line_and_descriptions_keep_their_lines() {
        assert_eq!(
            one_line(" Book the room,\r\n then\tlunch; "),
            "Book the room, then lunch;"
        );
        assert_eq!(one_line("bell\u{7}"), "bell\\u{7}");
        assert_eq!(
            block("one\r\ntwo\rthree\u{1b}[2J"),
            "one\ntwo\nthree\\u{1b}[2J"
        );
    }
}
