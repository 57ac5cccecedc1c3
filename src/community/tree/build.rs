//! Building the lean tree from `toml_parser`'s events, with TOML's rules on keys and tables.
//!
//! The parser checks the grammar; what it leaves to its caller is what a key means once it is
//! read: a key defined twice, a table given a second `[header]`, a table written with a header
//! then extended by dotted keys (or the other way round), an inline table or an array extended
//! by a later key. These rules are `toml_edit`'s own, step for step (its `parser/document.rs`
//! and `parser/inline_table.rs`), so that a file reads here exactly when the save's document
//! can be made from it; a property test compares the two on generated documents.
//!
//! As in `toml_edit`, the table under the latest header is filled on its own and put in place
//! when the next header starts, so reopening an implicit table (`[a.b]` then `[a]`) takes it out
//! of the tree and puts it back.
//!
//! Where `toml_edit` stops at the first key that breaks a rule, this goes on, leaving out the
//! definition that broke it (a key's value, or a header's whole table), so that `check` can
//! name every key defined twice and read the rest of the file for its other problems. The
//! verdict is the same: a file with any refusal is not read ([`parse`]). Only nesting past the
//! limit stops the building, so a tree nested that deep is never made.

use std::borrow::Cow;

use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::TokenKind;
use toml_parser::parser::{EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Raw, Source};

use super::rules::{Refusal, descend, duplicate, insert_inline, insert_keyval};
use super::{Array, Entry, Node, Span, Table, Value};

/// How deeply arrays and inline tables may nest, as in `toml_edit`.
const DEPTH_LIMIT: u32 = 80;

/// A TOML error: what, and where (a byte range of the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Error {
    pub(crate) message: String,
    pub(crate) span: Option<std::ops::Range<usize>>,
}

/// Reads `text` as a TOML document.
pub(crate) fn parse(text: &str) -> Result<Table, Error> {
    let (root, refused) = parse_all(text)?;
    match refused.into_iter().next() {
        Some(first) => Err(first),
        None => Ok(root),
    }
}

/// Reads `text` as far as TOML lets it be read: an error in its grammar (or nesting past the
/// limit) gives no tree, while each key or table that breaks TOML's rules on defining them is
/// left out of the tree and given back with it, in file order.
pub(crate) fn parse_all(text: &str) -> Result<(Table, Vec<Error>), Error> {
    parse_all_in(text, CHUNK)
}

/// The tokens handed to the parser at a time, at least (a piece ends at the end of a line).
const CHUNK: usize = 4096;

/// [`parse_all`], the text's tokens handed to the parser in pieces of about `chunk`, each ending
/// with a line break outside any brackets or braces: where the document's grammar starts again,
/// so each piece reads as it would in the whole (a property test compares them). The parser
/// wants its tokens in a slice, and all the tokens of a 4 MB file at once are some 30 MB, the
/// most that reading the file ever held; a piece is about 100 KB.
pub(super) fn parse_all_in(text: &str, chunk: usize) -> Result<(Table, Vec<Error>), Error> {
    let source = Source::new(text);
    let mut lexer = source.lex();
    let mut builder = Builder::new(text);
    let mut first: Option<ParseError> = None;
    {
        let mut whitespace = ValidateWhitespace::new(&mut builder, source);
        let mut guard = RecursionGuard::new(&mut whitespace, DEPTH_LIMIT);
        let mut piece = Vec::with_capacity(chunk.min(CHUNK));
        // Brackets and braces open: a line break inside them is inside a value.
        let mut depth = 0isize;
        loop {
            let token = lexer.next();
            let ends_piece = match &token {
                Some(token) => {
                    match token.kind() {
                        TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
                        TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => depth -= 1,
                        _ => {}
                    }
                    token.kind() == TokenKind::Newline && depth == 0 && piece.len() + 1 >= chunk
                }
                None => true,
            };
            let done = token.is_none();
            piece.extend(token);
            if ends_piece {
                toml_parser::parser::parse_document(&piece, &mut guard, &mut first);
                piece.clear();
            }
            // After an error in the grammar there is no tree to build.
            if done || first.is_some() {
                break;
            }
        }
    }
    if let Some(error) = first {
        return Err(Error {
            message: error.description().to_string(),
            span: error.unexpected().map(|s| s.start()..s.end()),
        });
    }
    builder.finish_table();
    if builder.stopped {
        // What came before the stop, first, as `toml_edit` would say it.
        let first = builder.refused.into_iter().next();
        return Err(first.unwrap_or_else(|| Error {
            message: "cannot recurse further; max recursion depth met".to_string(),
            span: None,
        }));
    }
    let mut root = builder.root;
    root.shrink();
    Ok((root, builder.refused))
}

/// A key as written, decoded.
#[derive(Debug, Clone)]
pub(super) struct Key {
    pub(super) name: Box<str>,
    pub(super) span: Span,
}

/// The `[header]` or `[[header]]` whose table is being filled.
struct Header {
    path: Vec<Key>,
    key: Key,
    span: Span,
    is_array: bool,
}

/// An array or inline table that is open.
enum Open {
    Array {
        items: Vec<Node>,
        start: usize,
    },
    Inline {
        table: Table,
        start: usize,
        /// The key being read, and the one whose value is awaited.
        keys: Vec<Key>,
        awaiting: Option<Vec<Key>>,
    },
}

struct Builder<'s> {
    text: &'s str,
    root: Table,
    /// The table under the latest header (or, before any, the document's own keys).
    current: Table,
    header: Option<Header>,
    /// The keys of the header being read, and where it started.
    reading_header: Option<(Vec<Key>, usize, bool)>,
    /// The key of a top-level key/value being read, and the one whose value is awaited.
    keys: Vec<Key>,
    awaiting: Option<Vec<Key>>,
    open: Vec<Open>,
    /// What breaks TOML's rules on keys and tables, in file order (each left out of the tree).
    refused: Vec<Error>,
    /// Nested past the limit: nothing more is built.
    stopped: bool,
    /// The table under the latest header is one already defined: it is left out when complete.
    discarding: bool,
}

impl<'s> Builder<'s> {
    fn new(text: &'s str) -> Builder<'s> {
        Builder {
            text,
            root: Table::default(),
            current: Table::default(),
            header: None,
            reading_header: None,
            keys: Vec::new(),
            awaiting: None,
            open: Vec::new(),
            refused: Vec::new(),
            stopped: false,
            discarding: false,
        }
    }

    fn raw(&self, span: toml_parser::Span, encoding: Option<Encoding>) -> Raw<'s> {
        let text = self.text.get(span.start()..span.end()).unwrap_or("");
        Raw::new_unchecked(text, encoding, span)
    }

    /// Nesting past the limit: said, and nothing more is built.
    fn fail(&mut self, message: impl Into<String>, at: Span) {
        if !self.stopped {
            self.stopped = true;
            self.refused.push(Error {
                message: message.into(),
                span: at.range(),
            });
        }
    }

    /// A key that breaks a rule: said, and its definition left out. `header`: the header that
    /// defined it, if it was one.
    fn refuse(&mut self, refusal: Refusal, header: Option<Span>) {
        self.refused.push(Error {
            message: refusal.message(self.text, header),
            span: refusal.key.span.range(),
        });
    }

    /// A value is complete: it goes into the open array or inline table, or under its key.
    fn deliver(&mut self, node: Node) {
        if self.stopped {
            // Nothing more is built: a tree nested past the limit is never made, nor dropped.
            return;
        }
        match self.open.last_mut() {
            Some(Open::Array { items, .. }) => items.push(node),
            Some(Open::Inline {
                table, awaiting, ..
            }) => {
                let Some(mut path) = awaiting.take() else {
                    return;
                };
                let Some(key) = path.pop() else { return };
                let result = insert_inline(table, &path, key, node);
                if let Err(refusal) = result {
                    self.refuse(refusal, None);
                }
            }
            None => {
                let Some(mut path) = self.awaiting.take() else {
                    return;
                };
                let Some(key) = path.pop() else { return };
                if let Err(refusal) = insert_keyval(&mut self.current, &path, key, node) {
                    self.refuse(refusal, None);
                }
            }
        }
    }

    /// The table under the latest header is complete: it goes into the tree.
    fn finish_table(&mut self) {
        let mut table = std::mem::take(&mut self.current);
        table.shrink();
        let Some(header) = self.header.take() else {
            self.root = table;
            return;
        };
        if self.stopped || std::mem::take(&mut self.discarding) {
            return;
        }
        let parent = match descend(&mut self.root, &header.path, false) {
            Ok(parent) => parent,
            Err(refusal) => return self.refuse(refusal, Some(header.span)),
        };
        let node = Node {
            value: Value::Table(table),
            span: header.span,
        };
        if header.is_array {
            let entry = match parent.get_mut(&header.key.name) {
                Some(entry) => entry,
                None => parent.push(Entry {
                    key: header.key.name.clone(),
                    key_span: header.key.span,
                    node: Node {
                        value: Value::Array(Array {
                            items: Vec::new(),
                            of_tables: true,
                        }),
                        span: header.span,
                    },
                }),
            };
            let first = entry.key_span;
            match &mut entry.node.value {
                Value::Array(array) if array.of_tables => {
                    array.items.push(node);
                    entry.node.span.end = header.span.end;
                }
                _ => self.refuse(duplicate(&header.key, Some(first)), Some(header.span)),
            }
        } else {
            match parent.get_mut(&header.key.name) {
                // Put back where it was taken from when the header started (see `start_table`),
                // under the key of its own header.
                Some(entry) => {
                    entry.key_span = header.key.span;
                    entry.node = node;
                }
                None => {
                    parent.push(Entry {
                        key: header.key.name.clone(),
                        key_span: header.key.span,
                        node,
                    });
                }
            }
        }
    }

    /// A header was read: its table is the one filled from now on.
    fn start_table(&mut self, header: Header) {
        if self.stopped {
            return;
        }
        if !header.is_array {
            let refused = match descend(&mut self.root, &header.path, false) {
                Err(refusal) => Some(refusal),
                Ok(parent) => match parent.get_mut(&header.key.name) {
                    None => None,
                    Some(entry) => match &mut entry.node.value {
                        Value::Table(t) if t.implicit && !t.dotted && !t.inline => {
                            self.current = std::mem::take(t);
                            None
                        }
                        _ => Some(duplicate(&header.key, Some(entry.key_span))),
                    },
                },
            };
            if let Some(refusal) = refused {
                // Its keys are read into a table of their own, which is then left out.
                self.refuse(refusal, Some(header.span));
                self.discarding = true;
                self.header = Some(header);
                return;
            }
        }
        self.current.implicit = false;
        self.current.dotted = false;
        self.header = Some(header);
    }
}

fn span(s: toml_parser::Span) -> Span {
    Span::new(s.start(), s.end())
}

impl EventReceiver for Builder<'_> {
    fn std_table_open(&mut self, at: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.finish_table();
        self.reading_header = Some((Vec::new(), at.start(), false));
    }

    fn array_table_open(&mut self, at: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.finish_table();
        self.reading_header = Some((Vec::new(), at.start(), true));
    }

    fn std_table_close(&mut self, at: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.close_header(at);
    }

    fn array_table_close(&mut self, at: toml_parser::Span, _error: &mut dyn ErrorSink) {
        self.close_header(at);
    }

    fn inline_table_open(&mut self, at: toml_parser::Span, _error: &mut dyn ErrorSink) -> bool {
        self.check_depth(at);
        self.open.push(Open::Inline {
            table: Table {
                inline: true,
                ..Table::default()
            },
            start: at.start(),
            keys: Vec::new(),
            awaiting: None,
        });
        true
    }

    fn inline_table_close(&mut self, at: toml_parser::Span, _error: &mut dyn ErrorSink) {
        if let Some(Open::Inline {
            mut table, start, ..
        }) = self.open.pop()
        {
            table.shrink();
            self.deliver(Node {
                value: Value::Table(table),
                span: Span::new(start, at.end()),
            });
        }
    }

    fn array_open(&mut self, at: toml_parser::Span, _error: &mut dyn ErrorSink) -> bool {
        self.check_depth(at);
        self.open.push(Open::Array {
            items: Vec::new(),
            start: at.start(),
        });
        true
    }

    fn array_close(&mut self, at: toml_parser::Span, _error: &mut dyn ErrorSink) {
        if let Some(Open::Array { mut items, start }) = self.open.pop() {
            items.shrink_to_fit();
            self.deliver(Node {
                value: Value::Array(Array {
                    items,
                    of_tables: false,
                }),
                span: Span::new(start, at.end()),
            });
        }
    }

    fn simple_key(
        &mut self,
        at: toml_parser::Span,
        encoding: Option<Encoding>,
        error: &mut dyn ErrorSink,
    ) {
        let mut name = Cow::Borrowed("");
        self.raw(at, encoding).decode_key(&mut name, error);
        let key = Key {
            name: name.into(),
            span: span(at),
        };
        if let Some((keys, _, _)) = &mut self.reading_header {
            keys.push(key);
        } else if let Some(Open::Inline { keys, .. }) = self.open.last_mut() {
            keys.push(key);
        } else {
            self.keys.push(key);
        }
    }

    fn key_val_sep(&mut self, at: toml_parser::Span, _error: &mut dyn ErrorSink) {
        let path = match self.open.last_mut() {
            Some(Open::Inline { keys, awaiting, .. }) => awaiting.insert(std::mem::take(keys)),
            Some(Open::Array { .. }) => return,
            None => self.awaiting.insert(std::mem::take(&mut self.keys)),
        };
        let len = path.len();
        self.check_key(len, at);
    }

    fn scalar(
        &mut self,
        at: toml_parser::Span,
        encoding: Option<Encoding>,
        error: &mut dyn ErrorSink,
    ) {
        let mut decoded = Cow::Borrowed("");
        let kind = self.raw(at, encoding).decode_scalar(&mut decoded, error);
        let problem = |message: &str| ParseError::new(message.to_string()).with_unexpected(at);
        let value = match kind {
            ScalarKind::String => Value::Str(decoded.into()),
            ScalarKind::Boolean(b) => Value::Bool(b),
            ScalarKind::DateTime => match decoded.parse::<toml_edit::Datetime>() {
                Ok(dt) => Value::Datetime(dt.to_string().into()),
                Err(err) => {
                    error.report_error(problem(&err.to_string()));
                    Value::Datetime("".into())
                }
            },
            ScalarKind::Float => match decoded.parse::<f64>() {
                Ok(f) => {
                    let named = decoded
                        .strip_prefix(['+', '-'])
                        .unwrap_or(&decoded)
                        .chars()
                        .all(|c| c.is_ascii_alphabetic());
                    if f.is_infinite() && !named {
                        error.report_error(problem("floating-point number overflowed"));
                    }
                    Value::Float(f)
                }
                Err(_) => {
                    error.report_error(problem(kind.invalid_description()));
                    Value::Float(f64::NAN)
                }
            },
            ScalarKind::Integer(radix) => match i64::from_str_radix(&decoded, radix.value()) {
                Ok(n) => Value::Integer(n),
                Err(_) => {
                    error.report_error(problem("integer number overflowed"));
                    Value::Integer(i64::MAX)
                }
            },
        };
        self.deliver(Node {
            value,
            span: span(at),
        });
    }
}

impl Builder<'_> {
    /// Arrays and inline tables nest no deeper than `toml_edit` lets them.
    fn check_depth(&mut self, at: toml_parser::Span) {
        if self.open.len() >= DEPTH_LIMIT as usize {
            self.fail("cannot recurse further; max recursion depth met", span(at));
        }
    }

    /// Nor do dotted keys: `a.b.c…` of 80 tables or more is refused, as there.
    fn check_key(&mut self, keys: usize, at: toml_parser::Span) {
        if keys > DEPTH_LIMIT as usize {
            self.fail("recursion limit", span(at));
        }
    }

    fn close_header(&mut self, at: toml_parser::Span) {
        let Some((mut path, start, is_array)) = self.reading_header.take() else {
            return;
        };
        self.check_key(path.len(), at);
        let Some(key) = path.pop() else {
            return;
        };
        self.start_table(Header {
            path,
            key,
            span: Span::new(start, at.end()),
            is_array,
        });
    }
}
