//! One row of a table answer: field name → value.
//!
//! A file may hold a hundred thousand rows of one or two fields each. A `BTreeMap` per row
//! allocates a node of eleven slots — over 600 bytes — for a single field, which made a big
//! table answer cost far more in memory than in the file. A row is a short vector kept sorted
//! by key instead: the same order for iterating, writing and comparing as the map had, at a
//! fraction of the memory. Rows have a handful of fields, so a search through them is as quick
//! as a tree's.

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::model::Scalar;

/// A row of a structured answer: field name → value, in a fixed (sorted) order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record(Vec<(String, Scalar)>);

impl Record {
    pub fn new() -> Record {
        Record(Vec::new())
    }

    pub fn get(&self, key: &str) -> Option<&Scalar> {
        self.get_key_value(key).map(|(_, v)| v)
    }

    pub fn get_key_value(&self, key: &str) -> Option<(&String, &Scalar)> {
        self.find(key).ok().map(|i| {
            let (k, v) = &self.0[i];
            (k, v)
        })
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets a field, giving back what it held.
    pub fn insert(&mut self, key: String, value: Scalar) -> Option<Scalar> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<Scalar> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    /// The fields, sorted by name.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &Scalar)> + ExactSizeIterator {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Scalar> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }
}

impl FromIterator<(String, Scalar)> for Record {
    /// As a map would be built: a name given twice keeps its last value.
    fn from_iter<I: IntoIterator<Item = (String, Scalar)>>(fields: I) -> Record {
        let mut fields: Vec<(String, Scalar)> = fields.into_iter().collect();
        // A stable sort keeps a repeated name's values in the order given; the last one stays.
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(String, Scalar)> = Vec::with_capacity(fields.len());
        for field in fields {
            match kept.last_mut() {
                Some(last) if last.0 == field.0 => *last = field,
                _ => kept.push(field),
            }
        }
        Record(kept)
    }
}

impl<const N: usize> From<[(String, Scalar); N]> for Record {
    fn from(fields: [(String, Scalar); N]) -> Record {
        fields.into_iter().collect()
    }
}

impl<'r> IntoIterator for &'r Record {
    type Item = (&'r String, &'r Scalar);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'r, (String, Scalar)>,
        fn(&'r (String, Scalar)) -> (&'r String, &'r Scalar),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Serialize for Record {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Scalar {
        Scalar::Text(s.to_string())
    }

    #[test]
    fn fields_are_kept_sorted_whatever_order_they_come_in() {
        let mut row = Record::new();
        row.insert("role".into(), text("lead"));
        row.insert("name".into(), text("Ada"));
        row.insert("hours".into(), Scalar::Integer(3));
        let keys: Vec<&str> = row.keys().map(String::as_str).collect();
        assert_eq!(keys, ["hours", "name", "role"]);
        assert_eq!(row.insert("name".into(), text("Grace")), Some(text("Ada")));
        assert_eq!(row.get("name"), Some(&text("Grace")));
        assert_eq!(row.remove("hours"), Some(Scalar::Integer(3)));
        assert_eq!(row.remove("hours"), None);
        assert_eq!(row.len(), 2);
    }

    #[test]
    fn a_name_given_twice_keeps_its_last_value_like_a_map() {
        let row: Record = [
            ("b".to_string(), text("1")),
            ("a".to_string(), text("2")),
            ("b".to_string(), text("3")),
        ]
        .into_iter()
        .collect();
        let map: std::collections::BTreeMap<String, Scalar> = [
            ("b".to_string(), text("1")),
            ("a".to_string(), text("2")),
            ("b".to_string(), text("3")),
        ]
        .into_iter()
        .collect();
        let ours: Vec<_> = row.iter().collect();
        let theirs: Vec<_> = map.iter().collect();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn it_is_written_as_a_map() {
        let row = Record::from([
            ("name".to_string(), text("Ada")),
            ("n".to_string(), Scalar::Integer(2)),
        ]);
        assert_eq!(
            serde_json::to_string(&row).unwrap(),
            r#"{"n":2,"name":"Ada"}"#
        );
    }
}
