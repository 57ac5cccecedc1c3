//! Splitting a community from home: the names typed are checked against the folder (an
//! effect, since the listing and the original's answers are on disk), then a checklist says
//! what the new communities carry, then the split is made and its constellation opens.

use crate::constellation::split;
use crate::text::sanitize_line;
use crate::tui::effects::{Done, Effect};
use crate::tui::keymap::Command;
use crate::tui::model::Model;
use crate::tui::model::home::{Prompt, SplitPlan};

/// A key on the checklist of what a split carries.
pub(super) fn choose(
    model: &mut Model,
    mut plan: SplitPlan,
    mut selected: usize,
    command: Option<Command>,
    fx: &mut Vec<Effect>,
) {
    match command {
        Some(Command::Confirm) => {
            fx.push(Effect::Split {
                carry: split::carried(&plan.choices),
                path: plan.path,
                topics: plan.topics,
            });
            return;
        }
        Some(Command::Up) => selected = selected.saturating_sub(1),
        Some(Command::Down) if selected + 1 < plan.choices.len() => selected += 1,
        Some(Command::Toggle) => {
            if let Some(choice) = plan.choices.get_mut(selected) {
                choice.on = !choice.on;
            }
        }
        _ => {}
    }
    if let Some(home) = model.home_mut() {
        home.prompt = Some(Prompt::SplitChoose {
            plan: Box::new(plan),
            selected,
        });
    }
}

pub(in crate::tui::update) fn done(model: &mut Model, done: Done, fx: &mut Vec<Effect>) {
    match done {
        Done::SplitPlanned(Ok(plan)) => {
            if let Some(home) = model.home_mut() {
                home.prompt = Some(Prompt::SplitChoose { plan, selected: 0 });
            }
        }
        Done::SplitPlanned(Err(reason)) | Done::SplitDone(Err(reason)) => {
            model.set_status(&format!("Not split: {}", sanitize_line(&reason)), true)
        }
        Done::SplitDone(Ok(made)) => {
            model.set_status(
                &format!(
                    "Split into {} new communities, in the constellation {}; the original is unchanged",
                    made.created.len(),
                    crate::store::names::file_name(&made.constellation)
                ),
                false,
            );
            fx.push(Effect::OpenConstellation {
                path: made.constellation,
                select: made.created.first().cloned(),
                learning: false,
            });
        }
        _ => {}
    }
}
