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
    /// A PDF that needs a password to open.
    #[error(
        "the PDF is encrypted: save a copy without a password (print it to PDF) and index that"
    )]
    PdfEncrypted,
    /// A PDF whose pages are images only: a scan.
    #[error("the PDF has no text layer ({pages} pages of images, a scan?): run it through OCR (e.g. `ocrmypdf`) or export its text")]
    PdfNoText { pages: usize },
    /// A PDF that cannot be parsed: cut short in a download, or not really a PDF.
    #[error("the PDF is damaged or truncated ({0}): download or export it again")]
    PdfDamaged(String),
    /// Refused before any page is read, so a huge file costs neither time nor memory.
    #[error("the PDF has {pages} pages, the limit is {limit}: split it into one file per meeting")]
    PdfTooManyPages { pages: usize, limit: usize },
    /// A web page whose every text is navigation, scripts or other page furniture.
    #[error("the web page has no text besides navigation, scripts and other page furniture")]
    NoPageText,
    /// A web page nested so deep that parsing it would take unbounded time.
    #[error("the web page nests elements about {depth} deep, the limit is {limit}")]
    TooDeep { depth: usize, limit: usize },
}

/// Errors from turning text into a [`crate::model::Meeting`] (see [`crate::parse`]). Each
/// says which layout family the text came closest to (`parse`'s module doc lists them) and
/// what it lacked, so a user can tell an unknown layout from a damaged file.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    /// No title line of any family; `nearest` names the family the items looked like.
    #[error("{}", no_title_message(.nearest.as_deref()))]
    NoTitle { nearest: Option<String> },
    #[error("looks like {family} but has no date: expected a date in the title line `{title}` or after `Mødedato`, `Dato` or `STARTTIDSPUNKT` near the top")]
    NoDate { family: String, title: String },
    #[error("looks like {family} but names no forum: expected it on the line after `Referat` or after `MØDE`")]
    NoForum { family: String },
    #[error("looks like {family} but has no agenda item: expected lines like `Punkt 1: <title>`, `Pkt. 1 <title>`, `1. <title>` or `1<Title>`")]
    NoItems { family: String },
}

/// The title forms every family accepts, for [`ParseError::NoTitle`].
const TITLE_FORMS: &str = "`REFERAT <forum> d. DD-MM-YYYY`, `<forum> - Referat - <date>`, `Referat af møde i <forum>` or `Referat`";

fn no_title_message(nearest: Option<&str>) -> String {
    match nearest {
        Some(family) => format!(
            "looks like {family} but has no title line: expected {TITLE_FORMS} near the top"
        ),
        None => format!(
            "matches no referat layout: no title line (expected {TITLE_FORMS} near the top) and no agenda item (expected lines like `Punkt 1: <title>` or `1. <title>`)"
        ),
    }
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
    /// A file of the index is missing, changed or inconsistent with `meta.json`.
    #[error(
        "the index at `{}` is damaged: `{}` {reason}; rebuild it with `referat index --rebuild --index {}` and the folders of referater",
        dir.display(), file.display(), dir.display()
    )]
    Damaged {
        dir: PathBuf,
        file: PathBuf,
        reason: String,
    },
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
