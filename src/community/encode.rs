//! Writing a community into a TOML document without disturbing what a person wrote by hand.
//!
//! The encoder edits the document the file was loaded from (or a fresh one): it changes only the
//! values that differ from the model, leaves comments, unknown keys and the user's own string
//! style alone, and puts known keys in a fixed order (walk order from the guide). Because a value
//! that did not change is not touched, saving the same content twice gives the same bytes, and a
//! git diff shows just what the facilitator changed.
//!
//! A table answer that changed is edited row by row where its rows are written (`rows`), and a
//! key added to a row or to `[workshop]` goes after the key before it, so what was written by
//! hand — comments, unknown keys, their order — stays where it was.
//!
//! `[workshop]` is written last and only when there is a workshop; its lists of tables have no
//! ids to sync by, so [`sync_workshop`] says how a changed list keeps each row's comments and
//! unknown keys.

mod rows;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, TableLike, Value};
use toml_writer::{ToTomlValue, TomlStringBuilder};

use super::SCHEMA_VERSION;
use super::answers::decode_answer;
use super::decode::{Row as FileRow, decode_workshop, only, read_timestamp, rows};
use super::kept::{KeptValues, Part};
use super::model::{Answer, Community, Rating, Record, Scalar};
use super::tree::{self, Node};
use super::workshop::{Card, LogEntry, Parked, Workshop};
use crate::guide::{Column, Guide};

/// The comment that opens a file convene creates.
const HEADER: &str = "# A convene community file. Edit it freely: convene keeps your comments\n\
# and any keys it does not know when it saves.\n";

/// The top-level keys convene owns, in the order they appear at the top of every file; the
/// optional `language`, which only a hand edit sets, goes with the name it is the language of
/// (where a facilitator would write it, so a file that gains it changes by that line alone).
pub(crate) const HEAD_KEYS: [&str; 5] =
    ["schema_version", "name", "language", "created", "updated"];

/// A fresh document for a community that has never been saved.
pub(crate) fn new_document() -> DocumentMut {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(HEADER);
    doc
}

/// Writes `community` into `doc`, keeping everything in `doc` that convene does not own, and the
/// values in `kept` exactly as they are.
pub(crate) fn encode_into(
    doc: &mut DocumentMut,
    community: &Community,
    kept: &KeptValues,
    guide: &Guide,
) {
    let root = doc.as_table_mut();
    set_value(
        root,
        "schema_version",
        Value::from(i64::from(SCHEMA_VERSION)),
    );
    set_value(root, "name", text_value(&community.name));
    set_timestamp(root, "created", community.created);
    set_timestamp(root, "updated", community.updated);
    match &community.language {
        Some(tag) => set_value(root, "language", text_value(tag)),
        None => {
            root.remove("language");
        }
    }
    root.sort_values_by(|a, _, b, _| head_rank(a.get()).cmp(&head_rank(b.get())));

    let answers = community.answers.iter().map(|(k, v)| {
        let columns = guide.question(k).map_or(&[][..], |q| q.kind.columns());
        (k.as_str(), answer_item(v, columns))
    });
    sync_table(root, "answers", answers, kept.ids(Part::Answer), guide);

    sync_ratings(root, community, kept, guide);

    let notes = community
        .notes
        .iter()
        .map(|(k, v)| (k.as_str(), Item::Value(text_value(v))));
    sync_table(root, "notes", notes, kept.ids(Part::Note), guide);

    sync_workshop(root, &community.workshop);
}

fn head_rank(key: &str) -> usize {
    HEAD_KEYS
        .iter()
        .position(|k| *k == key)
        .unwrap_or(HEAD_KEYS.len())
}

/// Makes `root[name]` hold exactly `entries` (plus nothing else convene owns, and the `kept`
/// values untouched), in guide order.
fn sync_table<'a>(
    root: &mut Table,
    name: &str,
    entries: impl Iterator<Item = (&'a str, Item)>,
    kept: Vec<&str>,
    guide: &Guide,
) {
    let entries: Vec<(&str, Item)> = entries.collect();
    if entries.is_empty() && !root.contains_key(name) {
        return;
    }
    let table = ensure_table(root, name);
    let wanted: Vec<&str> = entries.iter().map(|(k, _)| *k).collect();
    let stale: Vec<String> = table
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !wanted.contains(&k.as_str()) && !kept.contains(&k.as_str()))
        .collect();
    for key in stale {
        table.remove(&key);
    }
    for (key, item) in entries {
        match table.get_mut(key) {
            Some(existing) => replace_answer(existing, item),
            None => {
                table.insert(key, item);
            }
        }
    }
    table.sort_values_by(|a, _, b, _| guide.rank(a.get()).cmp(&guide.rank(b.get())));
}

fn sync_ratings(root: &mut Table, community: &Community, kept: &KeptValues, guide: &Guide) {
    if community.ratings.is_empty() && !root.contains_key("ratings") {
        return;
    }
    let table = ensure_table(root, "ratings");
    table.set_implicit(true);
    let stale: Vec<String> = table
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !community.ratings.contains_key(k) && !kept.contains(Part::Rating, k))
        .collect();
    for key in stale {
        table.remove(&key);
    }
    for (id, rating) in &community.ratings {
        match table.get_mut(id).and_then(Item::as_table_like_mut) {
            Some(fields) => write_rating(fields, rating),
            None => {
                let mut fields = Table::new();
                write_rating(&mut fields, rating);
                table.insert(id, Item::Table(fields));
            }
        }
    }
    table.sort_values_by(|a, _, b, _| guide.rank(a.get()).cmp(&guide.rank(b.get())));
}

fn write_rating(fields: &mut dyn TableLike, rating: &Rating) {
    let word = rating.value.map(|v| v.key()).unwrap_or("");
    set_field(
        fields,
        "rating",
        (!word.is_empty()).then(|| text_value(word)),
    );
    let comment = (!rating.comment.is_empty()).then(|| text_value(&rating.comment));
    set_field(fields, "comment", comment);
}

/// Sets, replaces (keeping decor) or removes one field of a rating table.
fn set_field(fields: &mut dyn TableLike, key: &str, value: Option<Value>) {
    match (fields.get_mut(key), value) {
        (Some(existing), Some(value)) => {
            let new = Item::Value(value);
            if !same_answer(existing, &new) {
                replace_keeping_decor(existing, new);
            }
        }
        (Some(_), None) => {
            fields.remove(key);
        }
        (None, Some(value)) => {
            fields.insert(key, Item::Value(value));
        }
        (None, None) => {}
    }
}

/// The table `root[name]`, made if missing. A hand-written inline table (`answers = { … }`)
/// becomes a normal one so it can take multi-line values (a comment above it stays above its
/// header); a non-table value there was refused when the file was loaded, so replacing it loses
/// nothing.
fn ensure_table<'t>(root: &'t mut Table, name: &str) -> &'t mut Table {
    let item = root
        .entry(name)
        .or_insert_with(|| Item::Table(Table::new()));
    let mut was_inline = false;
    if let Item::Value(Value::InlineTable(inline)) = item {
        let inline = std::mem::take(inline);
        *item = Item::Table(inline.into_table());
        was_inline = true;
    }
    if !item.is_table() {
        *item = Item::Table(Table::new());
    }
    if was_inline && let Some(mut key) = root.key_mut(name) {
        // The space before `=` would otherwise land inside the header: `[answers ]`.
        key.leaf_decor_mut().set_suffix("");
    }
    let table = root
        .get_mut(name)
        .and_then(Item::as_table_mut)
        .expect("a table was just put here");
    if was_inline {
        // A header line only if the table holds values of its own, not just lists of tables.
        table.set_implicit(true);
    }
    table
}

fn set_value(root: &mut Table, key: &str, value: Value) {
    let new = Item::Value(value);
    match root.get_mut(key) {
        Some(existing) if same_answer(existing, &new) => {}
        Some(existing) => replace_keeping_decor(existing, new),
        None => {
            root.insert(key, new);
        }
    }
}

/// Timestamps are written as bare TOML datetimes, unless the user quoted them: their style wins.
fn set_timestamp(fields: &mut dyn TableLike, key: &str, at: DateTime<FixedOffset>) {
    let text = at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    let same = fields
        .get(key)
        .and_then(tree::from_item)
        .and_then(|old| read_timestamp(&old))
        .is_some_and(|old| same_instant(old, at));
    if same {
        return;
    }
    let quoted = matches!(
        fields.get(key).and_then(Item::as_value),
        Some(Value::String(_))
    );
    let value = if quoted {
        text_value(&text)
    } else {
        text.parse::<Value>().unwrap_or_else(|_| text_value(&text))
    };
    set_field(fields, key, Some(value));
}

/// The same instant written the same way: chrono's `==` ignores the offset, the file does not.
fn same_instant(a: DateTime<FixedOffset>, b: DateTime<FixedOffset>) -> bool {
    a == b && a.offset() == b.offset()
}

/// Whether an existing item already holds what `new` would write.
fn same_answer(existing: &Item, new: &Item) -> bool {
    match (existing.as_value(), new.as_value()) {
        (Some(Value::Integer(a)), Some(Value::Integer(b))) => a.value() == b.value(),
        (Some(Value::Datetime(a)), Some(Value::Datetime(b))) => a.value() == b.value(),
        _ => match (read_answer(existing), read_answer(new)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
    }
}

/// What an item of the document holds, read as the loader reads it.
fn read_answer(item: &Item) -> Option<Answer> {
    tree::from_item(item).as_ref().and_then(decode_answer)
}

/// Replaces an answer unless it already holds what `new` would write; a table answer's rows
/// are edited where they are written (see [`rows`]), so what was written in them by hand stays.
/// (Each is read once: a table answer may have a hundred thousand rows.)
fn replace_answer(existing: &mut Item, new: Item) {
    let (old, fresh) = (read_answer(existing), read_answer(&new));
    if old.is_some() && old == fresh {
        return;
    }
    match (existing, new, old, fresh) {
        (
            Item::ArrayOfTables(rows),
            Item::ArrayOfTables(new),
            Some(Answer::Records(old_rows)),
            Some(Answer::Records(new_rows)),
        ) => rows::edit_rows(rows, &old_rows, new, &new_rows),
        (existing, new, ..) => replace_keeping_decor(existing, new),
    }
}

/// Replaces an item, keeping a trailing comment after a value (`key = "x"  # note`).
fn replace_keeping_decor(existing: &mut Item, mut new: Item) {
    if let (Some(old), Some(value)) = (existing.as_value(), new.as_value_mut()) {
        *value.decor_mut() = old.decor().clone();
    }
    *existing = new;
}

/// `columns`: the order a table's rows write their keys in (the question's columns; keys of no
/// column follow, sorted).
fn answer_item(answer: &Answer, columns: &[Column]) -> Item {
    match answer {
        Answer::Text(text) => Item::Value(text_value(text)),
        Answer::Items(items) => Item::Value(Value::Array(list(items))),
        Answer::Records(rows) if rows.is_empty() => Item::Value(Value::Array(Array::new())),
        Answer::Records(rows) => {
            let mut tables = ArrayOfTables::new();
            for row in rows {
                tables.push(record_table(row, columns));
            }
            Item::ArrayOfTables(tables)
        }
        Answer::Fields(fields) => {
            let mut table = InlineTable::new();
            for (key, value) in fields {
                table.insert(key, scalar(value));
            }
            Item::Value(Value::InlineTable(table))
        }
    }
}

/// One item per line, with a trailing comma, so adding an item is a one-line diff.
fn list(items: &[String]) -> Array {
    let mut array = Array::new();
    for item in items {
        let mut value = text_value(item);
        value.decor_mut().set_prefix("\n    ");
        array.push_formatted(value);
    }
    if !items.is_empty() {
        array.set_trailing_comma(true);
        array.set_trailing("\n");
    }
    array
}

fn record_table(row: &Record, columns: &[Column]) -> Table {
    let mut table = Table::new();
    let known = columns.iter().filter_map(|c| row.get_key_value(c.key));
    let rest = row
        .iter()
        .filter(|(key, _)| !columns.iter().any(|c| c.key == key.as_str()));
    for (key, value) in known.chain(rest) {
        table.insert(key, Item::Value(scalar(value)));
    }
    table
}

fn scalar(value: &Scalar) -> Value {
    match value {
        Scalar::Text(text) => text_value(text),
        Scalar::Integer(i) => Value::from(*i),
        Scalar::Bool(b) => Value::from(*b),
    }
}

/// A string value in the most readable form that is still exact: `"…"` for one line, `'…'` when
/// the text has double quotes, and a `"""` block (content starting on its own line) for text with
/// line breaks.
pub(crate) fn text_value(text: &str) -> Value {
    let builder = TomlStringBuilder::new(text);
    let repr = if text.contains('\n') || text.contains('\r') {
        builder
            .as_ml_basic_pretty()
            .unwrap_or_else(|| builder.as_ml_basic())
    } else {
        builder
            .as_basic_pretty()
            .or_else(|| builder.as_literal())
            .unwrap_or_else(|| builder.as_basic())
    };
    repr.to_toml_value()
        .parse::<Value>()
        .unwrap_or_else(|_| Value::from(text))
}

/// The keys of `[workshop]`, in the order they are written.
pub(crate) const WORKSHOP_KEYS: [&str; 4] = ["votes_per_person", "cards", "parking_lot", "log"];

/// Writes the workshop under `[workshop]`, leaving the table alone when it already says the same.
///
/// The lists are arrays of tables whose rows have no ids, so a changed list is rewritten row by
/// row, each new row reusing the file's table for the same row (comments above its header,
/// unknown keys, quoting) when there is one: first a row with the very same values (it may
/// have moved), then the same row edited (a card's question and words, a parked topic's words,
/// a log entry's time), and failing both the row that was at the same place. Reused rows take
/// the file's positions in order, so the file shows them in the model's order wherever the
/// user put the lists.
fn sync_workshop(root: &mut Table, workshop: &Workshop) {
    let in_file = root
        .get("workshop")
        .and_then(tree::from_item)
        .and_then(|node| {
            let fields = node.as_table()?;
            only(|faults| decode_workshop("", fields, faults)).ok()
        });
    match in_file {
        Some(old) if same_workshop(&old, workshop) => return,
        None if workshop.is_empty() && !root.contains_key("workshop") => return,
        _ => {}
    }
    if !root.contains_key("workshop") {
        // No `[workshop]` header line unless the table holds a value of its own.
        let mut table = Table::new();
        table.set_implicit(true);
        root.insert("workshop", Item::Table(table));
    }
    let table = ensure_table(root, "workshop");
    let had: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let votes = workshop.votes_per_person.map(|n| Value::from(i64::from(n)));
    set_field(table, "votes_per_person", votes);
    sync_rows(table, "cards", &workshop.cards);
    sync_rows(table, "parking_lot", &workshop.parking_lot);
    sync_rows(table, "log", &workshop.log);
    rows::keep_places(table, &had, &WORKSHOP_KEYS);
    if table.is_empty() {
        root.remove("workshop");
    }
}

fn same_workshop(a: &Workshop, b: &Workshop) -> bool {
    fn same_rows<R: WorkshopRow>(a: &[R], b: &[R]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.same(b))
    }
    a.votes_per_person == b.votes_per_person
        && same_rows(&a.cards, &b.cards)
        && same_rows(&a.parking_lot, &b.parking_lot)
        && same_rows(&a.log, &b.log)
}

/// The keys a row of the workshop's list `list` has, in the order they are written.
pub(crate) fn row_keys(list: &str) -> &'static [&'static str] {
    match list {
        "cards" => Card::KEYS,
        "parking_lot" => Parked::KEYS,
        _ => LogEntry::KEYS,
    }
}

/// A row of one of the workshop's lists, as the encoder writes it.
trait WorkshopRow: Sized {
    /// Its keys, in the order they are written.
    const KEYS: &'static [&'static str];
    fn read(row: &FileRow) -> Option<Self>;
    /// Writes the row's values into `fields`, omitting the ones at their defaults.
    fn write(&self, fields: &mut Table);
    /// The same values, timestamps with the same offsets: nothing to write.
    fn same(&self, other: &Self) -> bool;
    /// Probably the same row, edited.
    fn kin(&self, other: &Self) -> bool;
}

impl WorkshopRow for Card {
    const KEYS: &'static [&'static str] = &["question", "text", "who", "theme", "dots", "promoted"];
    fn read(row: &FileRow) -> Option<Self> {
        only(|faults| row.card(faults)).ok()
    }
    fn write(&self, fields: &mut Table) {
        set_field(fields, "question", Some(text_value(&self.question)));
        set_field(fields, "text", Some(text_value(&self.text)));
        let who = (!self.who.is_empty()).then(|| text_value(&self.who));
        set_field(fields, "who", who);
        let theme = (!self.theme.is_empty()).then(|| text_value(&self.theme));
        set_field(fields, "theme", theme);
        let dots = (self.dots > 0).then(|| Value::from(i64::from(self.dots)));
        set_field(fields, "dots", dots);
        set_field(fields, "promoted", self.promoted.then(|| Value::from(true)));
    }
    fn same(&self, other: &Self) -> bool {
        self == other
    }
    fn kin(&self, other: &Self) -> bool {
        self.question == other.question && self.text == other.text
    }
}

impl WorkshopRow for Parked {
    const KEYS: &'static [&'static str] = &["text", "added", "done"];
    fn read(row: &FileRow) -> Option<Self> {
        only(|faults| row.parked(faults)).ok()
    }
    fn write(&self, fields: &mut Table) {
        set_field(fields, "text", Some(text_value(&self.text)));
        set_timestamp(fields, "added", self.added);
        set_field(fields, "done", self.done.then(|| Value::from(true)));
    }
    fn same(&self, other: &Self) -> bool {
        self == other && same_instant(self.added, other.added)
    }
    fn kin(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl WorkshopRow for LogEntry {
    const KEYS: &'static [&'static str] = &["at", "kind", "text", "question"];
    fn read(row: &FileRow) -> Option<Self> {
        only(|faults| row.log_entry(faults)).ok()
    }
    fn write(&self, fields: &mut Table) {
        set_timestamp(fields, "at", self.at);
        set_field(fields, "kind", Some(text_value(self.kind.key())));
        set_field(fields, "text", Some(text_value(&self.text)));
        let question = self.question.as_deref().map(text_value);
        set_field(fields, "question", question);
    }
    fn same(&self, other: &Self) -> bool {
        self == other && same_instant(self.at, other.at)
    }
    fn kin(&self, other: &Self) -> bool {
        same_instant(self.at, other.at)
    }
}

/// Makes `workshop[key]` hold `wanted`, as `[[workshop.<key>]]` rows (see [`sync_workshop`]).
fn sync_rows<R: WorkshopRow>(workshop: &mut Table, key: &str, wanted: &[R]) {
    let old_rows: Vec<Option<R>> = workshop
        .get(key)
        .and_then(tree::from_item)
        .map(|node| in_rows(key, node))
        .unwrap_or_default();
    if wanted.is_empty() {
        workshop.remove(key);
        return;
    }
    let unchanged = old_rows.len() == wanted.len()
        && old_rows
            .iter()
            .zip(wanted)
            .all(|(old, new)| old.as_ref().is_some_and(|old| old.same(new)));
    if unchanged {
        return;
    }
    // A hand-written inline list (`cards = [{ … }]`) becomes rows like the others.
    let old_tables: Vec<Table> = match workshop.get(key) {
        Some(Item::ArrayOfTables(tables)) => tables.iter().cloned().collect(),
        Some(Item::Value(Value::Array(array))) => array
            .iter()
            .filter_map(Value::as_inline_table)
            .map(|t| t.clone().into_table())
            .collect(),
        _ => Vec::new(),
    };
    let mut positions: Vec<isize> = old_tables.iter().filter_map(Table::position).collect();
    positions.sort_unstable();
    let mut tables = ArrayOfTables::new();
    for (i, (row, pick)) in wanted.iter().zip(match_rows(&old_rows, wanted)).enumerate() {
        let mut table = pick.map_or_else(Table::new, |j| old_tables[j].clone());
        let same = pick
            .and_then(|j| old_rows[j].as_ref())
            .is_some_and(|old| old.same(row));
        if !same {
            let had: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
            row.write(&mut table);
            rows::keep_places(&mut table, &had, R::KEYS);
        }
        // Rows past the old ones have none, and follow the row before them.
        table.set_position(positions.get(i).copied());
        tables.push(table);
    }
    match workshop.get_mut(key) {
        Some(item) => *item = Item::ArrayOfTables(tables),
        None => {
            workshop.insert(key, Item::ArrayOfTables(tables));
        }
    }
}

/// The rows of a workshop list in the document, as the loader reads them.
fn in_rows<R: WorkshopRow>(key: &str, node: Node) -> Vec<Option<R>> {
    let mut list = tree::Table::default();
    list.insert(key, node);
    only(|faults| rows("", &list, key, faults))
        .map(|rows| rows.iter().map(R::read).collect())
        .unwrap_or_default()
}

/// For each wanted row, the old row whose table it reuses, if any (see [`sync_workshop`]).
fn match_rows<R: WorkshopRow>(old: &[Option<R>], wanted: &[R]) -> Vec<Option<usize>> {
    let mut used = vec![false; old.len()];
    let mut picks = vec![None; wanted.len()];
    let same = |i: usize, j: usize| old[j].as_ref().is_some_and(|o| o.same(&wanted[i]));
    let kin = |i: usize, j: usize| old[j].as_ref().is_some_and(|o| o.kin(&wanted[i]));
    let here = |i: usize, j: usize| i == j;
    let passes: [&dyn Fn(usize, usize) -> bool; 3] = [&same, &kin, &here];
    for fits in passes {
        for (i, pick) in picks.iter_mut().enumerate() {
            if pick.is_some() {
                continue;
            }
            // The row at the same place first, so identical rows keep their own comments.
            let found = std::iter::once(i)
                .chain(0..old.len())
                .find(|&j| j < old.len() && !used[j] && fits(i, j));
            if let Some(j) = found {
                used[j] = true;
                *pick = Some(j);
            }
        }
    }
    picks
}
