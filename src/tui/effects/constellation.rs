//! Doing the constellation's effects: gathering its overview, adding a sibling, sharing a
//! learning entry, planning and making a split, and writing its charter with its communities'
//! own charters beside it. As in `perform`, plain calls; what an outcome means is the update's.

use std::path::Path;

use super::{Done, ExportFailed};
use crate::constellation::split;
use crate::export::{self, Audience, Format, Options};
use crate::guide::Guide;
use crate::store::{Store, names};
use crate::tui::model::home::SplitPlan;

/// The overview of the constellation in `path`, with its moved links written in.
pub fn open(
    store: &Store,
    guide: &Guide,
    path: &Path,
    today: chrono::NaiveDate,
) -> Result<(Box<crate::constellation::overview::Overview>, Vec<String>), String> {
    let mut loaded = store.load_constellation(path).map_err(|e| e.to_string())?;
    let entries = store.list(guide).map_err(|e| e.to_string())?;
    // A link that moved is written in before the overview is gathered, so that it shows the
    // file the constellation now names; a file convene cannot write keeps its links as they
    // are, and the overview still finds the members where they went.
    let repaired = match store.repair_links(&mut loaded, &entries) {
        Ok(changed) => changed,
        Err(err) => vec![format!("links not updated: {}", err.why())],
    };
    let gathered = store.gather(loaded.constellation(), &entries);
    let overview = crate::constellation::overview::Overview::build(
        loaded.constellation(),
        gathered,
        guide,
        today,
    );
    Ok((Box::new(overview), repaired))
}

/// The overview of the constellation in `path` as the listing index tells it, with no
/// community read (`None` without an index): a first frame at once, the whole overview read
/// meanwhile ([`open`]).
pub fn provisional(
    store: &Store,
    path: &Path,
) -> Option<Box<crate::constellation::overview::Overview>> {
    let loaded = store.load_constellation(path).ok()?;
    let entries = store.list_from_index(Guide::builtin_identity(), usize::MAX)?;
    Some(Box::new(
        crate::constellation::overview::Overview::provisional(loaded.constellation(), &entries),
    ))
}

/// Checks a split's names against the folder and says what its communities may carry.
pub fn plan_split(
    store: &Store,
    guide: &Guide,
    path: &Path,
    typed: &str,
) -> Result<Box<SplitPlan>, String> {
    let original = store.load(path).map_err(|e| e.to_string())?;
    let entries = store.list(guide).map_err(|e| e.to_string())?;
    let topics = split::topics(typed, &entries)?;
    Ok(Box::new(SplitPlan {
        path: original.path.clone(),
        name: original.community().name.clone(),
        topics,
        choices: split::choices(original.community(), guide),
    }))
}

/// Marks a learning entry as shared; the status line's words for it.
pub fn share(
    store: &Store,
    guide: &Guide,
    path: &Path,
    entry: &crate::constellation::learning::Entry,
    with: &str,
) -> Result<String, String> {
    store
        .share_learning(path, entry, with, guide)
        .map(|()| {
            format!(
                "Marked as shared with \"{}\" in {}",
                crate::text::sanitize_line(with),
                names::file_name(path)
            )
        })
        .map_err(|e| format!("Not marked as shared: {}", e.why()))
}

/// Writes the constellation charter in every format to the exports folder, and each of its
/// communities' own charters beside it (the constellation charter links to them); returns its
/// files, as a pattern.
pub fn export_charter(
    store: &Store,
    guide: &Guide,
    path: &Path,
    audience: Audience,
) -> Result<std::path::PathBuf, ExportFailed> {
    let options = Options {
        audience,
        ..Options::made_at(crate::dates::now())
    };
    let today = options.today.unwrap_or_else(crate::dates::today);
    let (_, overview) = store
        .overview(path, guide, today)
        .map_err(|e| ExportFailed::Load(e.to_string()))?;
    let dir = store
        .exports_dir()
        .map_err(|e| ExportFailed::Write(e.to_string()))?;
    let name = names::file_name(path);
    let stem = name
        .strip_suffix(crate::constellation::SUFFIX)
        .unwrap_or(&name)
        .to_string();
    let write = |file: String, text: String| {
        crate::store::write_file(&dir.join(file), text.as_bytes())
            .map_err(|e| ExportFailed::Write(e.to_string()))
    };
    for format in Format::ALL {
        let text = export::constellation::render(&overview, guide, format, options);
        write(export::file_name(&stem, audience, format), text)?;
    }
    for row in &overview.rows {
        let (Some(community), Some(member)) = (&row.community, &row.path) else {
            continue;
        };
        let member_stem = member
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for format in Format::ALL {
            let text = export::render(community, guide, format, options);
            write(export::file_name(&member_stem, audience, format), text)?;
        }
    }
    let html = export::file_name(&stem, audience, Format::Html);
    let shared = html.strip_suffix(Format::Html.extension()).unwrap_or(&html);
    Ok(dir.join(format!("{shared}{{md,html,json}}")))
}

/// What `Effect::Split` does.
pub fn split(
    store: &Store,
    guide: &Guide,
    path: &Path,
    topics: &[String],
    carry: &std::collections::BTreeSet<String>,
) -> Done {
    Done::SplitDone(
        store
            .split(path, topics, carry, guide, crate::dates::now())
            .map_err(|e| e.to_string()),
    )
}
