//! Charters: a community's design written for people who never run convene.
//!
//! [`Charter::build`] gathers what a charter says (with table answers laid out once, in
//! [`TableOut`]); [`markdown`], [`html`] and [`json`] each write it as pure functions from a
//! charter to a string, so the command line, the app and the tests share them and nothing here
//! touches the disk or the terminal. A constellation's charter ([`constellation`]) is written
//! from its overview with the same formats, options and stylesheet, and links to each of its
//! communities' charters by the names [`file_name`] gives them.
//!
//! [`calendar`] and [`csv`] are not charters: they write a community's dates and one of its
//! tables for other tools (a calendar app, a spreadsheet). They are apart from [`Format`],
//! which lists what the app writes into `exports/` for a charter's readers.

mod audience;
mod beside;
pub mod calendar;
mod charter;
pub mod constellation;
pub mod csv;
pub mod drafts;
mod glance;
pub mod html;
mod html_front;
mod html_workshop;
pub mod json;
pub mod markdown;
mod order;
mod table;
mod workshop;

pub use audience::Audience;
pub use charter::{
    AnswerOut, Charter, GroupOut, NotUsed, Options, QuestionOut, ReadinessRow, SectionOut, See,
};
pub use glance::{Glance, Person, Step, Target};
pub use order::{Agreement, Closing, Part, Signer};
pub use table::{CellOut, DateOut, Flag, Header, RowOut, Shown, TableOut};
pub use workshop::{CardsOut, LogOut, ThemeOut, WorkshopOut};

use crate::community::{Community, CommunityFile};
use crate::guide::Guide;

/// The formats a charter can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Html, Format::Json];

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// The name of the file a charter for `audience` in `format` is written to, beside the others,
/// for the community whose file is `<stem>.toml`: `sips-citizenship.md` for members (their
/// charter is the community's charter, the one passed around), `sips-citizenship.sponsor.html`
/// and `….facilitator.json` for the others, so that none replaces another. The app names the
/// files it writes with it and the constellation charter links to them with it, so a link
/// always names the file the app writes.
pub fn file_name(stem: &str, audience: Audience, format: Format) -> String {
    match audience {
        Audience::Members => format!("{stem}.{}", format.extension()),
        other => format!("{stem}.{other}.{}", format.extension()),
    }
}

/// The charter of `community` in `format`.
pub fn render(community: &Community, guide: &Guide, format: Format, options: Options) -> String {
    write(&Charter::build(community, guide, options), format)
}

/// The charter of the community read from `file` in `format`, with the values of the file
/// convene cannot use named where they stand (see [`charter::NotUsed`]).
pub fn render_file(
    file: &CommunityFile,
    guide: &Guide,
    format: Format,
    options: Options,
) -> String {
    render_file_in(file, guide, format, options, None)
}

/// [`render_file`], the charter in `language` when the community names none (the settings'
/// `charter.language`): the language a browser, a screen reader or a spell checker reads it in.
pub fn render_file_in(
    file: &CommunityFile,
    guide: &Guide,
    format: Format,
    options: Options,
    language: Option<&str>,
) -> String {
    let mut charter = Charter::build_kept(&file.community, file.kept(), guide, options);
    if charter.language.is_none() {
        charter.language = language.map(str::to_string);
    }
    write(&charter, format)
}

fn write(charter: &Charter, format: Format) -> String {
    match format {
        Format::Markdown => markdown::to_markdown(charter),
        Format::Html => html::to_html(charter),
        Format::Json => json::to_json(charter),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_audience_has_its_own_file_and_members_have_the_communitys() {
        let names: Vec<String> = Audience::ALL
            .iter()
            .flat_map(|&a| Format::ALL.map(|f| file_name("sips-citizenship", a, f)))
            .collect();
        assert_eq!(
            names,
            [
                "sips-citizenship.md",
                "sips-citizenship.html",
                "sips-citizenship.json",
                "sips-citizenship.sponsor.md",
                "sips-citizenship.sponsor.html",
                "sips-citizenship.sponsor.json",
                "sips-citizenship.facilitator.md",
                "sips-citizenship.facilitator.html",
                "sips-citizenship.facilitator.json",
            ]
        );
    }
}
