//! Where the JSON charter is written as serde_json makes it: each piece made inert on its way
//! in (see [`escape_json`]), into a text sized beforehand.
//!
//! Building the whole document, then an escaped copy of it, then growing it by doubling held up
//! to three times the charter's JSON at once: for a community of 100,000 table rows, the one
//! export over twenty times the file's size. The document is now written twice through this
//! writer, once to count its bytes and once into a string of exactly that size; escaping is one
//! character at a time for JSON, so a piece is escaped alone exactly as it would be in the whole.

use std::io;

use crate::text::escape_json;

/// Where the escaped text goes: a string, or a count of its bytes.
pub trait Sink {
    fn put(&mut self, text: &str);
}

impl Sink for String {
    fn put(&mut self, text: &str) {
        self.push_str(text);
    }
}

/// The length of what would have been written.
#[derive(Debug, Default)]
pub struct Count(pub usize);

impl Sink for Count {
    fn put(&mut self, text: &str) {
        self.0 += text.len();
    }
}

/// An [`io::Write`] of UTF-8 that escapes what it is given into `sink`. serde_json hands over
/// whole characters, but a character cut between two writes is held until its end comes.
pub struct Inert<S> {
    pub sink: S,
    held: Vec<u8>,
}

impl<S: Sink> Inert<S> {
    pub fn new(sink: S) -> Self {
        Inert {
            sink,
            held: Vec::new(),
        }
    }

    fn put_valid(&mut self, text: &str) {
        let escaped = escape_json(text);
        self.sink.put(&escaped);
    }

    /// The sink, once the whole document is in; an error if it ended inside a character.
    pub fn finish(self) -> io::Result<S> {
        if self.held.is_empty() {
            Ok(self.sink)
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "the JSON ended inside a character",
            ))
        }
    }
}

impl<S: Sink> io::Write for Inert<S> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut rest = bytes;
        if !self.held.is_empty() {
            // Complete the character cut at the end of the last write, a byte at a time.
            let mut taken = 0;
            while taken < rest.len() && std::str::from_utf8(&self.held).is_err() {
                self.held.push(rest[taken]);
                taken += 1;
                if self.held.len() > 4 {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, "not UTF-8"));
                }
            }
            rest = &rest[taken..];
            if let Ok(text) = std::str::from_utf8(&self.held) {
                let text = text.to_string();
                self.held.clear();
                self.put_valid(&text);
            }
        }
        match std::str::from_utf8(rest) {
            Ok(text) => self.put_valid(text),
            Err(e) if e.error_len().is_none() => {
                let (valid, cut) = rest.split_at(e.valid_up_to());
                self.put_valid(std::str::from_utf8(valid).expect("checked"));
                self.held.extend_from_slice(cut);
            }
            Err(_) => return Err(io::Error::new(io::ErrorKind::InvalidData, "not UTF-8")),
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn pieces_escape_as_the_whole_would_even_cut_inside_a_character() {
        let text = "a\u{202e}b 👩\u{200d}🔬 été\u{200b}";
        let whole = escape_json(text).into_owned();
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            let mut inert = Inert::new(String::new());
            inert.write_all(&bytes[..cut]).expect("first part");
            inert.write_all(&bytes[cut..]).expect("second part");
            assert_eq!(
                inert.finish().expect("whole characters"),
                whole,
                "cut at {cut}"
            );
            let mut count = Inert::new(Count::default());
            count.write_all(bytes).expect("counted");
            assert_eq!(count.finish().expect("whole").0, whole.len());
        }
    }

    #[test]
    fn a_document_that_ends_inside_a_character_or_is_not_utf8_is_an_error() {
        let mut inert = Inert::new(String::new());
        inert.write_all(&"é".as_bytes()[..1]).expect("held");
        assert!(inert.finish().is_err());
        let mut inert = Inert::new(String::new());
        assert!(inert.write_all(&[0xff, b'a']).is_err());
    }
}
