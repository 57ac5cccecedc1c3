//! Saving the open community, and what happens when the file cannot take the save.
//!
//! A save can fail two ways, and neither may lose a word. If someone else changed the file since
//! convene loaded it, their change is merged in (`store::merging`) and the merge saved over
//! theirs: where both changed the same answer, yours stays in it and theirs goes beside it in
//! the file, to settle with F2. Only when theirs cannot be read at all is the facilitator's
//! version saved as a new community beside it ("your copy"), the walk carrying on there. If the
//! file cannot be
//! written at all — a read-only folder, a full disk, a folder in the way — the text stays in
//! memory, a recovery copy goes somewhere else, the status line says where, and the autosave
//! keeps retrying, so the save goes through as soon as the cause is gone.
//!
//! What follows a save ([`Then`]) is decided here once its outcome is known, so going home and
//! quitting wait for the outcome without the update waiting for anything.

use chrono::Local;

use super::{home, presenter};
use crate::store::{MergedIn, shown};
use crate::tui::effects::{Done, Effect, SaveFailed, Then};
use crate::tui::keymap::Command;
use crate::tui::model::{Model, Now, Status};

/// How a save went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Saved {
    /// Written to the community's own file (or nothing needed writing).
    InPlace,
    /// The file had changed underneath: the work went to a new file beside it.
    AsCopy,
    /// Merged with a change made underneath, some answers changed on both sides: saved, with
    /// conflicts to settle the facilitator must hear of before leaving.
    WithConflicts,
    /// Not written; the status line says why and where the recovery copy is.
    Failed,
}

/// Saves the open community (what is on screen is written back into it first), then does
/// `then`. At home, or on a read-only community, there is nothing to write: `then` follows at
/// once.
pub(super) fn save(model: &mut Model, now: Now, then: Then, fx: &mut Vec<Effect>) {
    let writable = match model.walk_mut() {
        Some(walk) => {
            walk.flush(now);
            !walk.read_only()
        }
        None => false,
    };
    if writable {
        fx.push(Effect::Save(then));
    } else {
        finish(model, Saved::InPlace, then, now, fx);
    }
}

/// Saves only if something is unsaved, or the file is in an older format (moving between
/// questions is a natural moment to save).
pub(super) fn save_if_dirty(model: &mut Model, now: Now, fx: &mut Vec<Effect>) {
    let Some(walk) = model.walk_mut() else {
        return;
    };
    walk.flush(now);
    if walk.is_dirty() || walk.session.file().file_version() != crate::community::SCHEMA_VERSION {
        save(model, now, Then::Stay, fx);
    }
}

/// A save's outcome, a copy's or a recovery copy's.
pub(super) fn done(model: &mut Model, done: Done, now: Now, fx: &mut Vec<Effect>) {
    match done {
        Done::Saved {
            result: Ok(()),
            then,
        } => {
            let Some(walk) = model.walk_mut() else {
                return;
            };
            walk.saved();
            if walk.session.take_recovery() {
                fx.push(Effect::ForgetRecovery(walk.session.path().to_path_buf()));
            }
            let at = now.wall.with_timezone(&Local).format("%H:%M:%S");
            model.set_status(&format!("Saved at {at}"), false);
            finish(model, Saved::InPlace, then, now, fx);
        }
        Done::Saved {
            result: Err(SaveFailed::Conflict),
            then,
        } => {
            // Someone else changed the file: merge their change in, if it does not overlap.
            fx.push(Effect::MergeIn(then));
        }
        Done::MergedIn {
            result: Ok(merged @ (MergedIn::Clean { .. } | MergedIn::Conflicts(_))),
            then,
        } => {
            let keys = &model.prefs.keys;
            let mut settle = keys.key_for(Command::Settle).to_string();
            if model.is_presenting() {
                // F2 edits a card there: the conflicts are settled back in the walk.
                let back = keys.key_in(crate::tui::keymap::Context::Presenter, Command::Present);
                settle = format!("{back} then {settle}");
            }
            let Some(walk) = model.walk_mut() else {
                return;
            };
            walk.saved();
            walk.merged_in();
            if walk.session.take_recovery() {
                fx.push(Effect::ForgetRecovery(walk.session.path().to_path_buf()));
            }
            let at = now.wall.with_timezone(&Local).format("%H:%M:%S");
            let pending = walk.conflicts.list.len();
            let text = if let MergedIn::Conflicts(found) = &merged {
                let what = match found.len() {
                    1 => "one answer was".to_string(),
                    n => format!("{n} answers were"),
                };
                format!(
                    "The file was changed outside this convene: {what} changed on both sides. \
                     Yours is kept and theirs beside it; {settle} settles them. Saved at {at}"
                )
            } else {
                let came_in = match &merged {
                    MergedIn::Clean { came_in } => places(came_in),
                    _ => places(&[]),
                };
                if pending > 0 {
                    format!(
                        "The file was changed outside this convene ({came_in}); merged in with \
                         yours, {pending} still to settle ({settle}). Saved at {at}"
                    )
                } else {
                    format!(
                        "The file was changed outside this convene ({came_in}); the changes are \
                         merged in with yours. Saved at {at}"
                    )
                }
            };
            let found = matches!(merged, MergedIn::Conflicts(_));
            model.set_status(&text, found || pending > 0);
            let saved = if found {
                Saved::WithConflicts
            } else {
                Saved::InPlace
            };
            finish(model, saved, then, now, fx);
        }
        Done::MergedIn { then, .. } => {
            // Theirs cannot be read (a broken hand edit), or the merge could not be saved: keep
            // theirs, save ours in a new file beside it, so both stay on disk.
            let label = format!(
                "your copy {}",
                now.wall.with_timezone(&Local).format("%-d %b %H:%M")
            );
            fx.push(Effect::SaveCopy { label, then });
        }
        Done::Saved {
            result: Err(SaveFailed::Unwritable(why)),
            then,
        } => keep_elsewhere(model, why, now, then, fx),
        Done::SavedCopy {
            result,
            theirs,
            then,
        } => {
            let theirs_file = shown(theirs.file_name().unwrap_or_default().as_ref());
            match result {
                Ok((copy, lock)) => {
                    let Some(walk) = model.walk_mut() else {
                        return;
                    };
                    if walk.session.take_recovery() {
                        fx.push(Effect::ForgetRecovery(theirs.clone()));
                    }
                    let file = copy.path.file_name().map(|f| shown(f.as_ref()));
                    // The walk goes on in the copy: its mark moves there, and the original's goes.
                    if let Some(original) = walk.session.move_to(copy, lock) {
                        fx.push(Effect::Release(original));
                    }
                    walk.saved();
                    model.set_status(
                        &format!(
                            "{theirs_file} was changed outside convene: it is left as it is, and \
                             your version is saved beside it as {}. Both are kept.",
                            file.unwrap_or_default(),
                        ),
                        true,
                    );
                    finish(model, Saved::AsCopy, then, now, fx);
                }
                Err(why) => {
                    let reason = format!(
                        "{theirs_file} was changed outside convene, and your version could not \
                         be saved beside it: {why}"
                    );
                    keep_elsewhere(model, reason, now, then, fx);
                }
            }
        }
        Done::KeptRecovery {
            result,
            reason,
            then,
        } => {
            let text = match result {
                Ok(path) => {
                    let text = format!(
                        "Not saved: {reason}. Your text is kept here and in {}; retrying \
                         (Ctrl-S: now).",
                        shown(&path)
                    );
                    if let Some(walk) = model.walk_mut() {
                        walk.session.set_recovery(path);
                    }
                    text
                }
                Err(why) => format!(
                    "Not saved: {reason}. No recovery copy could be written either ({why}): \
                     keep convene open until this is fixed (Ctrl-S retries)."
                ),
            };
            model.status = Status { text, error: true };
            finish(model, Saved::Failed, then, now, fx);
        }
        _ => {}
    }
}

/// The save failed: put the work in a recovery copy (the outcome says where), and retry soon.
fn keep_elsewhere(model: &mut Model, reason: String, now: Now, then: Then, fx: &mut Vec<Effect>) {
    let Some(walk) = model.walk_mut() else {
        return;
    };
    // Keep the change marked unsaved so the autosave tries again shortly.
    walk.session.save_failed(now.at);
    fx.push(Effect::KeepRecovery { reason, then });
}

/// What a merge brought in, in words: the first place it touched, as the guide asks it, and
/// how many more.
fn places(came_in: &[String]) -> String {
    let first = |asked: &str| format!("“{}”", crate::text::fit(asked, 60));
    match came_in {
        [] => "nothing of theirs to take".to_string(),
        [one] => first(one),
        [one, rest @ ..] => format!(
            "{} and {} more {}",
            first(one),
            rest.len(),
            if rest.len() == 1 { "place" } else { "places" }
        ),
    }
}

/// After a save, however it went: a draft on the capture line goes in a recovery copy (a save
/// removes the copy it no longer needs, and a failed one writes its own), then `then`.
fn finish(model: &mut Model, saved: Saved, then: Then, now: Now, fx: &mut Vec<Effect>) {
    presenter::keep_draft_if_any(model, now, fx);
    match then {
        Then::Stay => {}
        Then::GoHome if saved != Saved::Failed => home::go_home(model, fx),
        Then::GoHome => {}
        Then::Quit if saved != Saved::InPlace && !model.quit_armed => {
            model.quit_armed = true;
            let reason = model.status.text.clone();
            let quit = model.prefs.keys.key_for(Command::Quit);
            let said = format!("{reason} — {quit} again quits");
            model.set_status(&said, true);
        }
        Then::Quit => {
            home::remember_place(model, fx);
            fx.push(Effect::Quit);
        }
    }
}
