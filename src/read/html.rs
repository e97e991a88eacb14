//! HTML → text lines: the reader for [`super::Format::Html`].
//!
//! Not built yet: every HTML page is read as text.

use super::decode::{self, Decoded};
use crate::error::ReadError;

/// Whether the bytes start (after a BOM, whitespace and comments) like an HTML document.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The text of a web page, one line per block element.
pub(crate) fn read(bytes: &[u8]) -> Result<Decoded, ReadError> {
    decode::decode(bytes)
}
