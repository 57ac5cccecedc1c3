//! Who a charter is for, and so what goes in it.
//!
//! A charter travels further than the room: the facilitator keeps everything, a sponsor needs
//! the picture and the asks (with how to reach the coordinator), and members — the default, the
//! charter people pass around — need what was agreed, not the facilitator's working notes, the
//! comments behind each readiness rating, the workshop's raw cards, or everyone's contact
//! details. Leaving something out is decided here once, so every format leaves out the same.
//!
//! The conversations with potential members are the facilitator's alone: they name people and
//! hold what each said about their own work, told in confidence to build trust. Everyone else
//! reads how many would join the core group, which is what the charter rests on.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// The sponsor: the whole picture and the readiness comments, contacts, no working notes.
    Sponsor,
    /// Members, and anyone the charter is passed on to: what was agreed.
    #[default]
    Members,
    /// The facilitator: everything the file holds.
    Facilitator,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Members, Audience::Sponsor, Audience::Facilitator];

    pub fn name(self) -> &'static str {
        match self {
            Audience::Sponsor => "sponsor",
            Audience::Members => "members",
            Audience::Facilitator => "facilitator",
        }
    }

    /// The audience of this [`Audience::name`], in any letter case (a settings file's value).
    pub fn from_name(name: &str) -> Option<Audience> {
        Audience::ALL
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(name))
    }

    /// How the charter says who it was made for.
    pub fn described(self) -> &'static str {
        match self {
            Audience::Sponsor => "for the sponsor",
            Audience::Members => "for members",
            Audience::Facilitator => "for the facilitator (everything the file holds)",
        }
    }

    /// The notes kept beside each group of questions.
    pub fn notes(self) -> bool {
        self == Audience::Facilitator
    }

    /// The comments written beside readiness ratings.
    pub fn readiness_comments(self) -> bool {
        self != Audience::Members
    }

    /// The workshop's cards, parking lot and session log (its decisions are always shown, as
    /// the charter's agreements).
    pub fn workshop_notes(self) -> bool {
        self == Audience::Facilitator
    }

    /// People's contact details: members see who does what, not how to reach everyone.
    pub fn contacts(self) -> bool {
        self != Audience::Members
    }

    /// The conversations table (who was talked to and what they said); other audiences see
    /// its count instead.
    pub fn conversations(self) -> bool {
        self == Audience::Facilitator
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Audience {
    type Err = String;

    fn from_str(text: &str) -> Result<Audience, String> {
        Audience::ALL
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                format!("no audience \"{text}\": choose sponsor, members or facilitator")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_audience_sees_less_than_the_facilitator_and_members_least() {
        let shown = |a: Audience| {
            [
                a.notes(),
                a.readiness_comments(),
                a.workshop_notes(),
                a.contacts(),
                a.conversations(),
            ]
        };
        assert_eq!(shown(Audience::Facilitator), [true; 5]);
        assert_eq!(shown(Audience::Sponsor), [false, true, false, true, false]);
        assert_eq!(shown(Audience::Members), [false; 5]);
        assert_eq!(Audience::default(), Audience::Members);
        assert_eq!("Sponsor".parse(), Ok(Audience::Sponsor));
        assert!(
            "boss"
                .parse::<Audience>()
                .unwrap_err()
                .contains("sponsor, members")
        );
    }
}
