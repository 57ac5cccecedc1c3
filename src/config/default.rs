//! The settings file as `convene config` prints it for a facilitator to start from: every
//! setting, commented out at its default, with what it does. A test reads it back (with the
//! comments taken off) to keep it true to the parser.

/// The commented default settings file.
pub const DEFAULT: &str = r##"# convene's settings. Every setting is optional: take the '#' off a line to change it.
# A setting convene cannot use is reported with its line (convene config shows them) and
# keeps its default; convene always starts.

# The folder of community files (--dir and CONVENE_DIR win over it). "~/" is your home.
# dir = "~/Documents/communities"

# The colours: "dark" (the default), "light", "high-contrast", the name of a theme file in
# the themes folder beside this file (themes/NAME.toml), or a theme file's path.
# NO_COLOR in the environment always turns colour off.
# theme = "dark"

# Seconds after typing stops before the open community is saved (1 to 60).
# autosave_seconds = 2

# The editor Ctrl-E opens the answer in (default: $VISUAL, then $EDITOR, then vi).
# editor = "nano"

# Questions printed one by one, for a screen reader, instead of the full-screen app
# (as --accessible or CONVENE_ACCESSIBLE=1).
# accessible = false

[charter]
# Whom a charter is for unless you say when exporting: "members", "sponsor" or "facilitator".
# audience = "members"
# The language of a charter whose community does not name one: a tag such as "en" or "fr".
# language = "en"

# Keys: [keys.CONTEXT] then COMMAND = "KEY", or a list of keys. A key is written as
# "ctrl-s", "alt-up", "f5", "shift-tab", "esc", "enter", "space" or a single character.
# The key replaces the command's keys in that context. A key that something else there
# already has, or that would type text where text is typed, is refused with a message.
# The contexts and their commands are listed at the end of `convene config`.
#
# [keys.walk]
# next_section = "alt-n"
# [keys.home]
# new = ["n", "a"]
"##;
