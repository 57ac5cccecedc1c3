//! Using convene as a library: read the guide, create a community, answer, rate, save, reload.
//!
//! Run with `cargo run --example library`. It works in a fresh temporary folder and prints the
//! file it wrote, so you can see the format convene promises.

use convene::community::{Answer, Rating, RatingValue};
use convene::guide::Guide;
use convene::store::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let guide = Guide::builtin();
    for section in &guide.sections {
        let questions: usize = section.groups.iter().map(|g| g.questions.len()).sum();
        println!("{:<28} {questions:>2} questions", section.title);
    }

    let folder = tempfile::tempdir()?;
    let store = Store::open(folder.path())?;
    let mut loaded = store.create("Hospital nurses' lunch circle", guide)?;

    let community = loaded.community_mut();
    community.set_answer(
        "primary_purpose",
        Answer::Text(
            "Turn our lunchtime case swapping into something\nthe night shift can share too."
                .into(),
        ),
    );
    community.set_rating(
        "clear_group",
        Rating {
            value: Some(RatingValue::Partly),
            comment: "Regulars, yes; newcomers mostly listen.".into(),
        },
    );
    community.set_note("purpose", "Ask the ward managers for a protected lunch.");
    community.touch();
    store.save(&mut loaded, guide)?;

    let reloaded = store.load(&loaded.path)?;
    let progress = reloaded.community().progress(guide);
    println!(
        "\n{} — {} of {} answered, saved to {}\n",
        reloaded.community().name,
        progress.answered,
        progress.total,
        loaded.path.display()
    );
    print!("{}", std::fs::read_to_string(&loaded.path)?);
    Ok(())
}
