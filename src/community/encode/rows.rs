//! A table answer that changed is edited row by row in the file's own rows, not written anew.
//!
//! Writing the rows anew would drop what the facilitator wrote in them by hand: the comments
//! above a row's `[[answers.<id>]]` header and beside its values, their own quoting, and the
//! place of a key convene does not know (which the model carries in its row, but would write
//! after the columns). So each row of the new answer is matched with a row of the file — the
//! rows the two begin and end with alike; between those, a row with the very same values (it
//! may have moved), then a row with the same first value (the same person, step or output,
//! edited), then the row at the same place — and a matched row is edited in place: its keys
//! keep their order and comments, a value that changed is replaced (keeping the comment after
//! it), a key no longer there goes, and a new key goes after the key before it in the column
//! order. Matching looks rows up rather than comparing each with each, since a table answer may
//! hold a hundred thousand of them.

use std::collections::{HashMap, VecDeque};

use toml_edit::{ArrayOfTables, Table};

use super::{replace_keeping_decor, same_answer};
use crate::community::model::Record;

/// Makes the rows `old` (which read as `old_rows`) hold `new` (which reads as `new_rows`).
pub(super) fn edit_rows(
    old: &mut ArrayOfTables,
    old_rows: &[Record],
    new: ArrayOfTables,
    new_rows: &[Record],
) {
    let old_tables: Vec<Table> = std::mem::take(old).into_iter().collect();
    let new_tables: Vec<&Table> = new.iter().collect();
    // A row's first value, by the first key written in it: what makes it the same row edited.
    let first = |table: Option<&&Table>, row: Option<&Record>| {
        let (key, _) = table?.iter().next()?;
        Some(format!("{key}={:?}", row?.get(key)?))
    };
    let picks = match_rows(
        old_rows,
        new_rows,
        |j| first(old_tables.get(j).as_ref(), old_rows.get(j)),
        |i| first(new_tables.get(i), new_rows.get(i)),
    );
    drop(new_tables);
    let mut positions: Vec<isize> = old_tables.iter().filter_map(Table::position).collect();
    positions.sort_unstable();
    let mut old_tables: Vec<Option<Table>> = old_tables.into_iter().map(Some).collect();
    for (i, (fresh, pick)) in new.into_iter().zip(picks).enumerate() {
        let reused = pick.and_then(|j| Some((j, old_tables.get_mut(j)?.take()?)));
        let mut table = match reused {
            Some((j, mut table)) => {
                if old_rows.get(j) != new_rows.get(i) {
                    edit_row(&mut table, &fresh);
                }
                table
            }
            None => fresh,
        };
        // Rows past the old ones have none, and follow the row before them.
        table.set_position(positions.get(i).copied());
        old.push(table);
    }
}

/// What a row is looked up by, from its index: all its values, or its first one.
type Keyed<'k> = &'k dyn Fn(usize) -> Option<String>;

/// For each new row, the old row it is written into, if any (see the module); `old_first` and
/// `new_first` give a row's first value.
fn match_rows(
    old: &[Record],
    new: &[Record],
    old_first: impl Fn(usize) -> Option<String>,
    new_first: impl Fn(usize) -> Option<String>,
) -> Vec<Option<usize>> {
    let shorter = old.len().min(new.len());
    let head = (0..shorter).take_while(|&i| old[i] == new[i]).count();
    let tail = (0..shorter - head)
        .take_while(|&k| old[old.len() - 1 - k] == new[new.len() - 1 - k])
        .count();
    let mut picks: Vec<Option<usize>> = (0..new.len())
        .map(|i| match i {
            i if i < head => Some(i),
            i if i >= new.len() - tail => Some(i + old.len() - new.len()),
            _ => None,
        })
        .collect();
    let (old_between, new_between) = (head..old.len() - tail, head..new.len() - tail);
    let mut used = vec![false; old.len()];
    let whole = |row: &Record| Some(format!("{row:?}"));
    let passes: [(Keyed, Keyed); 2] = [
        (&|j| whole(&old[j]), &|i| whole(&new[i])),
        (&old_first, &new_first),
    ];
    for (old_key, new_key) in passes {
        let mut waiting: HashMap<String, VecDeque<usize>> = HashMap::new();
        for j in old_between.clone().filter(|&j| !used[j]) {
            if let Some(key) = old_key(j) {
                waiting.entry(key).or_default().push_back(j);
            }
        }
        for i in new_between.clone() {
            if picks[i].is_some() {
                continue;
            }
            let found = new_key(i).and_then(|key| waiting.get_mut(&key)?.pop_front());
            if let Some(j) = found {
                used[j] = true;
                picks[i] = Some(j);
            }
        }
    }
    // Failing both, the old row at the same place, if it is not taken.
    for i in new_between {
        if picks[i].is_none() && old_between.contains(&i) && !used[i] {
            used[i] = true;
            picks[i] = Some(i);
        }
    }
    picks
}

/// Makes `row` hold the values of `fresh`, keeping what is written by hand around them.
fn edit_row(row: &mut Table, fresh: &Table) {
    let stale: Vec<String> = row
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !fresh.contains_key(k))
        .collect();
    for key in stale {
        row.remove(&key);
    }
    let had: Vec<String> = row.iter().map(|(k, _)| k.to_string()).collect();
    for (key, item) in fresh.iter() {
        match row.get_mut(key) {
            Some(existing) if same_answer(existing, item) => {}
            Some(existing) => replace_keeping_decor(existing, item.clone()),
            None => {
                row.insert(key, item.clone());
            }
        }
    }
    let order: Vec<&str> = fresh.iter().map(|(k, _)| k).collect();
    keep_places(row, &had, &order);
}

/// Puts each key of `table` that is not in `had` (its keys before an edit, in their order)
/// after the last of those that comes before it in `order`, so that the keys written before
/// keep their places, and the comments with them; a key in no place of `order` goes last.
pub(super) fn keep_places(table: &mut Table, had: &[String], order: &[&str]) {
    let had: Vec<&str> = had
        .iter()
        .map(String::as_str)
        .filter(|k| table.contains_key(k))
        .collect();
    if table.len() == had.len() {
        return;
    }
    let in_order = |key: &str| order.iter().position(|k| *k == key);
    let rank = |key: &str| -> (usize, usize) {
        if let Some(at) = had.iter().position(|k| *k == key) {
            return (at + 1, 0);
        }
        let place = in_order(key).unwrap_or(order.len());
        let after = had
            .iter()
            .rposition(|k| in_order(k).is_some_and(|p| p < place))
            .map_or(0, |at| at + 1);
        (after, place + 1)
    };
    table.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::model::Scalar;

    fn rows(names: &[&str]) -> Vec<Record> {
        names
            .iter()
            .map(|n| Record::from([("name".to_string(), Scalar::Text(n.to_string()))]))
            .collect()
    }

    /// The matches when a row's first value is its name.
    fn matched(old: &[&str], new: &[&str]) -> Vec<Option<usize>> {
        let (old, new) = (rows(old), rows(new));
        let first = |rows: &[Record], i: usize| match rows[i].get("name") {
            Some(Scalar::Text(name)) => Some(name.chars().next()?.to_lowercase().to_string()),
            _ => None,
        };
        match_rows(&old, &new, |j| first(&old, j), |i| first(&new, i))
    }

    #[test]
    fn rows_are_matched_by_their_ends_their_values_then_their_place() {
        let old = ["a", "b", "c", "d"];
        // One edited in the middle: every row keeps its own.
        assert_eq!(
            matched(&old, &["a", "B", "c", "d"]),
            [Some(0), Some(1), Some(2), Some(3)]
        );
        // One added in the middle: the rows after it keep theirs too.
        assert_eq!(
            matched(&old, &["a", "b", "new", "c", "d"]),
            [Some(0), Some(1), None, Some(2), Some(3)]
        );
        assert_eq!(matched(&old, &["a", "c", "d"]), [Some(0), Some(2), Some(3)]);
        assert_eq!(
            matched(&old, &["a", "b", "c", "d", "e"]),
            [Some(0), Some(1), Some(2), Some(3), None]
        );
        // Added at the top and removed at the end: each row keeps its own.
        assert_eq!(matched(&["a", "b"], &["x", "a"]), [None, Some(0)]);
        // Moved, and moved and edited (the same first value).
        assert_eq!(
            matched(&old, &["d", "b", "c", "A"]),
            [Some(3), Some(1), Some(2), Some(0)]
        );
        // Nothing alike: by place.
        assert_eq!(matched(&old, &["x", "y"]), [Some(0), Some(1)]);
        assert_eq!(matched(&[], &["x"]), [None]);
    }
}
