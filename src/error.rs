//! The crate's error type: one enum that wraps each layer's own error, so a caller can
//! match on the layer and `main` can print one line per failure. No HTTP types here: the
//! server maps these to status codes in `server::error`, the one place that does.

use std::path::PathBuf;

/// Errors from reading the bytes of a referat (see [`crate::read`]).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not text: {0}")]
    NotText(String),
    #[error("the file is too large: {size} bytes, the limit is {limit}")]
    TooLarge { size: u64, limit: u64 },
    /// UTF-16 (what Windows calls "Unicode"): refused with advice rather than guessed at.
    #[error("the file is UTF-16 text: save it as UTF-8")]
    Utf16,
    /// A web page whose every text is navigation, scripts or other page furniture.
    #[error("the web page has no text besides navigation, scripts and other page furniture")]
    NoPageText,
    /// A web page nested so deep that parsing it would take unbounded time.
    #[error("the web page nests elements about {depth} deep, the limit is {limit}")]
    TooDeep { depth: usize, limit: usize },
}

/// Errors from turning text into a [`crate::model::Meeting`] (see [`crate::parse`]).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("no title line: expected `REFERAT <forum> d. DD-MM-YYYY` near the top")]
    NoTitle,
    #[error("the title line has no date: `{0}`")]
    NoDate(String),
    #[error("no agenda item: expected lines like `Punkt 1: <title>`")]
    NoItems,
}

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read `{path}`: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`{path}`: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: ReadError,
    },
    #[error("`{path}`: {source}")]
    Parse {
        path: PathBuf,
        #[source]
        source: ParseError,
    },
    #[error("bad data file `{path}`: {message}")]
    DataFile { path: PathBuf, message: String },
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("the index at `{0}` is being written by another `referat index`; try again when it has finished")]
    IndexLocked(PathBuf),
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
