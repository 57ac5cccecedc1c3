//! A constellation in a real terminal: the built binary on a folder holding SIPS; home shows
//! the constellation, Enter opens its overview, `a` adds a sibling, Ctrl-Q quits — and the
//! constellation file on disk lists the new community, whose own file is there.

mod common;

use common::pty::{ENTER, Session};

#[test]
fn a_sibling_added_in_a_real_terminal_is_in_the_constellation_file() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in convene::samples::EXAMPLES
        .iter()
        .chain(convene::samples::CONSTELLATIONS)
    {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let mut app = Session::spawn(dir.path());
    app.wait_for("◆ SIPS · 5 communities");
    app.send(ENTER);
    app.wait_for("a constellation of 5 communities");
    app.wait_for("Bridges: people in more than one community");
    app.send("a");
    app.wait_for("Name of the new community:");
    app.type_text("SIPS: Santé publique");
    app.send(ENTER);
    app.wait_for("a constellation of 6 communities");
    app.wait_for("Santé publique");
    app.quit();

    let text = std::fs::read_to_string(dir.path().join("sips.constellation.toml")).unwrap();
    assert!(
        text.ends_with(
            "[[communities]]\nfile = \"sips-sante-publique.toml\"\nname = \"SIPS: Santé publique\"\n"
        ),
        "{text}"
    );
    let new = std::fs::read_to_string(dir.path().join("sips-sante-publique.toml")).unwrap();
    assert!(new.contains("name = \"SIPS: Santé publique\""), "{new}");
    // Nothing else of the constellation changed but the time it was updated: its other lines
    // are as the example wrote them, comments and all.
    let without_time = |t: &str| {
        t.lines()
            .filter(|l| !l.starts_with("updated = "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        without_time(&text).starts_with(&without_time(convene::samples::CONSTELLATIONS[0].1)),
        "{text}"
    );
}
