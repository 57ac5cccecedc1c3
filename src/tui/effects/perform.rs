//! Doing what the update asked: the one place the app's store calls, lock marks and charter
//! writes happen.
//!
//! Each effect is done at once and its outcome returned as a [`Done`]; nothing here decides what
//! the outcome means (that is the update's), so this file stays a list of plain calls.

use std::path::{Path, PathBuf};

use super::{Claimed, Done, Effect, ExportFailed, How, SaveFailed, constellation};
use crate::community::CommunityFile;
use crate::export::{self, Audience, Format, Options};
use crate::guide::Guide;
use crate::store::lock::{self, Claim, Held, Holder};
use crate::store::{Store, StoreError};
use crate::tui::model::Model;

/// Does `effect` on `store` (the open community is reached through `model`'s session) and
/// returns its outcome; `None` for the effects the terminal does ([`Effect::is_terminal`]) and
/// for those with nothing to report.
/// How many commits back F4 looks for earlier versions of an answer.
const EARLIER_MOST: usize = 200;

pub fn perform(effect: Effect, model: &mut Model, store: &Store) -> Option<Done> {
    let guide = model.guide();
    let language = model.prefs.language.clone();
    Some(match effect {
        Effect::Save(then) => {
            let session = &mut model.walk_mut()?.session;
            let loaded = session.to_save().ok()?;
            let result = store.save(loaded, guide).map_err(|err| match err {
                StoreError::Conflict(_) => SaveFailed::Conflict,
                err => SaveFailed::Unwritable(err.why()),
            });
            Done::Saved { result, then }
        }
        Effect::Earlier { path, place } => {
            use crate::tui::model::walk::earlier::{changes, value_at};
            let result = crate::store::versions(&path, EARLIER_MOST, value_at(&place, guide))
                .map(changes)
                .map_err(|e| e.to_string());
            Done::Earlier { place, result }
        }
        Effect::MergeIn(then) => {
            let loaded = model.walk_mut()?.session.to_save().ok()?;
            let result = store.merge_in(loaded, guide).map_err(|err| err.why());
            Done::MergedIn { result, then }
        }
        Effect::SaveCopy { label, then } => {
            let session = &model.walk()?.session;
            let theirs = session.path().to_path_buf();
            let result = store
                .save_copy(session.loaded(), &label, guide)
                .map(|copy| {
                    let lock = writer_lock(&copy.path);
                    (copy, lock)
                })
                .map_err(|err| err.why());
            Done::SavedCopy {
                result,
                theirs,
                then,
            }
        }
        Effect::KeepRecovery { reason, then } => {
            let loaded = model.walk_mut()?.session.to_save().ok()?;
            let result = store.keep(loaded, guide).map_err(|err| err.why());
            Done::KeptRecovery {
                result,
                reason,
                then,
            }
        }
        Effect::KeepDraft(mut draft) => {
            Done::KeptDraft(store.keep(&mut draft, guide).map_err(|err| err.why()))
        }
        Effect::Release(held) => {
            drop(held);
            return None;
        }
        Effect::ForgetRecovery(path) => {
            store.recovery().forget(&path);
            return None;
        }
        Effect::List { select } => {
            let result = store.list(guide).map_err(|err| err.to_string());
            let groups = result
                .as_ref()
                .map(|entries| store.grouped(entries))
                .unwrap_or_default();
            Done::Listed {
                result,
                select,
                groups,
            }
        }
        Effect::Open { path, how } => {
            let result = open(store, &path, &how).map_err(|err| err.to_string());
            let place = store.place(&path);
            Done::Opened {
                path,
                how,
                result,
                place,
            }
        }
        Effect::RememberPlace { path, place } => {
            store.remember_place(&path, &place);
            return None;
        }
        Effect::Create(name) => Done::Created(
            store
                .create(&name, guide)
                .map(|loaded| {
                    let lock = writer_lock(&loaded.path);
                    (loaded, lock)
                })
                .map_err(|err| err.to_string()),
        ),
        Effect::Rename { path, name } => Done::Renamed(rename(store, guide, &path, &name)),
        Effect::Duplicate(path) => Done::Duplicated(
            store
                .load(&path)
                .and_then(|loaded| {
                    let mut copy = loaded.community().clone();
                    copy.name = format!("{} (copy)", copy.name);
                    copy.created = crate::community::now();
                    copy.updated = copy.created;
                    store.create_from(copy, guide)
                })
                .map(|copy| (copy.path.clone(), copy.community().name.clone()))
                .map_err(|err| err.to_string()),
        ),
        Effect::Trash(path) => Done::Trashed(match open_elsewhere(&path) {
            Some(who) => Err(format!("Not moved to the trash: {who}.")),
            None => store.trash(&path).map(drop).map_err(|err| err.to_string()),
        }),
        Effect::AddExamples => Done::ExamplesAdded(store.add_examples(guide)),
        Effect::Export(community, path, audience) => Done::Exported(
            export_charter(
                store,
                guide,
                &community,
                &path,
                audience,
                language.as_deref(),
            )
            .map_err(ExportFailed::Write),
        ),
        Effect::ExportFile(path, audience) => Done::Exported(match store.load(&path) {
            Ok(loaded) => export_charter(
                store,
                guide,
                &loaded.file,
                &path,
                audience,
                language.as_deref(),
            )
            .map_err(ExportFailed::Write),
            Err(err) => Err(ExportFailed::Load(err.to_string())),
        }),
        Effect::OpenConstellation {
            path,
            select,
            learning,
        } => Done::ConstellationOpened {
            result: constellation::open(store, guide, &path, model.today),
            path,
            select,
            learning,
        },
        Effect::AddSibling {
            constellation,
            name,
        } => Done::SiblingAdded {
            result: store
                .add_sibling(&constellation, &name, guide)
                .map_err(|e| e.to_string()),
            constellation,
        },
        Effect::Share {
            constellation,
            path,
            entry,
            with,
        } => Done::Shared {
            result: constellation::share(store, guide, &path, &entry, &with),
            constellation,
        },
        Effect::PlanSplit { path, typed } => {
            Done::SplitPlanned(constellation::plan_split(store, guide, &path, &typed))
        }
        Effect::Split {
            path,
            topics,
            carry,
        } => constellation::split(store, guide, &path, &topics, &carry),
        Effect::ExportConstellation(path, audience) => {
            Done::Exported(constellation::export_charter(store, guide, &path, audience))
        }
        Effect::Restore(copy) => Done::Restored(store.restore(&copy).map_err(|e| e.to_string())),
        Effect::Discard(copy) => Done::Discarded(store.discard(&copy).map_err(|e| e.to_string())),
        Effect::OpenEditor { .. } | Effect::Bell | Effect::Quit => return None,
    })
}

/// Reads the community at `path` and finds out whether another convene has it open (taking this
/// convene's mark if not), as `how` asks.
pub(crate) fn open(
    store: &Store,
    path: &Path,
    how: &How,
) -> Result<(crate::store::Loaded, Claimed), StoreError> {
    let lock = match how {
        How::Ask => None,
        How::ReadOnly(_) => Some(None),
        How::Anyway(_) => Some(lock::hold(path)),
    };
    let loaded = store.load(path)?;
    if let Some(lock) = lock {
        return Ok((loaded, Claimed::Held(lock)));
    }
    if loaded.file.is_read_only() || loaded.link_outside().is_some() {
        // Never written here: nothing to announce, and no one to wait for.
        return Ok((loaded, Claimed::Held(None)));
    }
    let claimed = match lock::claim(path) {
        Claim::Free(held) => Claimed::Held(held),
        Claim::Busy(holders) => Claimed::Busy(holders),
    };
    Ok((loaded, claimed))
}

fn rename(store: &Store, guide: &Guide, path: &Path, name: &str) -> Result<PathBuf, String> {
    if let Some(who) = open_elsewhere(path) {
        return Err(format!("Not renamed: {who}."));
    }
    let mut loaded = store.load(path).map_err(|err| err.to_string())?;
    let old = loaded.path.clone();
    store
        .rename(&mut loaded, name, guide)
        .map_err(|err| err.to_string())?;
    // Its constellation names its file: the link goes with it, or the facilitator is told.
    if old != loaded.path
        && let Err(err) = store.follow_rename(&old, &loaded.path, name)
    {
        return Err(format!(
            "Renamed (the file is {}), but its constellation still names the old file: {}",
            crate::store::names::file_name(&loaded.path),
            err.why()
        ));
    }
    Ok(loaded.path)
}

/// Writes the charter in every format to the exports folder; returns its files, as a pattern
/// (`exports/name.{md,html,json}`).
fn export_charter(
    store: &Store,
    guide: &Guide,
    community: &CommunityFile,
    path: &Path,
    audience: Audience,
    language: Option<&str>,
) -> Result<std::path::PathBuf, String> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "charter".to_string());
    // The exports folder is checked first: a link leading out of the data folder is refused.
    let dir = store.exports_dir().map_err(|e| e.to_string())?;
    // One moment for the three files: the same `generated_at`, the same day for the flags.
    let options = Options {
        audience,
        ..Options::made_at(crate::dates::now())
    };
    for format in Format::ALL {
        let text = export::render_file_in(community, guide, format, options, language);
        let file = dir.join(export::file_name(&stem, audience, format));
        crate::store::write_file(&file, text.as_bytes()).map_err(|e| e.to_string())?;
    }
    // The three names differ only in their extension, which ends each of them.
    let html = export::file_name(&stem, audience, Format::Html);
    let shared = html.strip_suffix(Format::Html.extension()).unwrap_or(&html);
    Ok(dir.join(format!("{shared}{{md,html,json}}")))
}

/// The mark of a community only this convene can know about (just created): taken even in the
/// unlikely case that another convene claimed the same new file in the same instant.
pub(crate) fn writer_lock(path: &Path) -> Option<Held> {
    match lock::claim(path) {
        Claim::Free(held) => held,
        Claim::Busy(_) => lock::hold(path),
    }
}

/// Who has `path` open, in the words of a refusal ("ana has it open on lab-laptop since
/// 14:02"), if anyone does.
fn open_elsewhere(path: &Path) -> Option<String> {
    lock::holders(path).first().map(Holder::has_it_open)
}
