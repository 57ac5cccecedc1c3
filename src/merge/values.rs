//! Single values, three ways: what changed on one side only is taken; what both changed alike
//! is that; what both changed differently is a conflict. And answers, by their shape.

use std::collections::BTreeMap;

use super::{Place, rows};
use crate::community::Answer;
use crate::guide::Kind;

/// Both sides, or the three values when they conflict.
pub type Three<T> = (Option<T>, Option<T>, Option<T>);

/// The merged value of one place (`None`: not there), or the three values when mine and
/// theirs both changed it, differently.
pub fn three<T: PartialEq + Clone>(
    base: Option<&T>,
    mine: Option<&T>,
    theirs: Option<&T>,
) -> Result<Option<T>, Three<T>> {
    if mine == theirs || theirs == base {
        Ok(mine.cloned())
    } else if mine == base {
        Ok(theirs.cloned())
    } else {
        Err((base.cloned(), mine.cloned(), theirs.cloned()))
    }
}

/// Every key of the three maps, once, in order.
pub fn keys<V>(
    base: &BTreeMap<String, V>,
    mine: &BTreeMap<String, V>,
    theirs: &BTreeMap<String, V>,
) -> Vec<String> {
    let mut keys: Vec<String> = base
        .keys()
        .chain(mine.keys())
        .chain(theirs.keys())
        .cloned()
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// One answer. Lists merge as sets and tables row by row, when all sides that have it hold
/// that shape; anything else (a text, a choice, an answer whose shape differs between the
/// sides) merges as one value.
pub fn answer(
    id: &str,
    kind: Option<Kind>,
    base: Option<&Answer>,
    mine: Option<&Answer>,
    theirs: Option<&Answer>,
    say: &mut impl FnMut(Place, Option<String>, Option<String>, Option<String>),
) -> Option<Answer> {
    let present = [base, mine, theirs];
    let all = |f: fn(&Answer) -> bool| present.iter().flatten().all(|a| f(a));
    if all(|a| matches!(a, Answer::Items(_))) {
        let items = |a: Option<&Answer>| match a {
            Some(Answer::Items(items)) => items.clone(),
            _ => Vec::new(),
        };
        return Some(Answer::Items(set(
            &items(base),
            &items(mine),
            &items(theirs),
        )));
    }
    if all(|a| matches!(a, Answer::Records(_))) {
        let records = |a: Option<&Answer>| match a {
            Some(Answer::Records(rows)) => rows.clone(),
            _ => Vec::new(),
        };
        let identity = kind.and_then(|k| k.columns().first()).map_or("", |c| c.key);
        return Some(Answer::Records(rows::table(
            id,
            identity,
            &records(base),
            &records(mine),
            &records(theirs),
            say,
        )));
    }
    three(base, mine, theirs).unwrap_or_else(|(b, m, t)| {
        let text = |a: Option<Answer>| a.as_ref().map(super::shown);
        say(
            Place::Answer(id.to_string()),
            text(b),
            text(m.clone()),
            text(t),
        );
        m
    })
}

/// A list as a set: what either side added is in, what either side removed is out; mine's
/// order, then what theirs added in theirs' order.
pub fn set(base: &[String], mine: &[String], theirs: &[String]) -> Vec<String> {
    let removed_by_them = |item: &String| base.contains(item) && !theirs.contains(item);
    let mut merged: Vec<String> = mine
        .iter()
        .filter(|item| !removed_by_them(item))
        .cloned()
        .collect();
    for item in theirs {
        let removed_by_me = base.contains(item) && !mine.contains(item);
        if !merged.contains(item) && !removed_by_me {
            merged.push(item.clone());
        }
    }
    merged
}
