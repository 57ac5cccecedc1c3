//! Standard output for the commands, which is often a pipe.
//!
//! `println!` panics when the reader has gone (`convene list | head -1`): a backtrace for what is
//! the reader's choice. Here a closed pipe ends the command quietly, as it ends `ls` or `grep`,
//! and any other failure to write (a full disk behind `> file`) is reported plainly.

use std::fmt;
use std::io::{self, ErrorKind, Write};

/// Prints one line, formatted like `println!`.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::commands::out::line(format_args!($($arg)*))
    };
}
pub(crate) use say;

/// Writes `args` and a newline to standard output (see the module's comment).
pub fn line(args: fmt::Arguments) {
    let mut out = io::stdout().lock();
    if let Err(err) = out.write_fmt(args).and_then(|()| out.write_all(b"\n")) {
        end_on(&err);
    }
}

/// Writes `text` as it is to standard output (see the module's comment).
pub fn all(text: &str) {
    let mut out = io::stdout().lock();
    if let Err(err) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        end_on(&err);
    }
}

fn end_on(err: &io::Error) -> ! {
    if err.kind() == ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("convene: could not write the output: {err}");
    std::process::exit(1);
}
