//! HTML → text lines: the reader for [`super::Format::Html`], for minutes published as web
//! pages.
//!
//! The page is decoded (`charset`: BOM, `<meta charset>`, else UTF-8, else Windows-1252),
//! checked for absurd nesting (`depth`), parsed by html5ever into a DOM exactly as a browser would repair it, and walked (`walk`)
//! from its `<main>` (or its one `<article>`, else `<body>`): block elements become lines,
//! site furniture (navigation, breadcrumbs, cookie banners, the site's header and footer,
//! scripts, hidden elements) is left out by element, ARIA role and class/id words. `lines`
//! then drops what only the text gives away (breadcrumb trails, "til toppen"), removes UI
//! words glued to headings and joins an item number standing in its own element to its
//! title. What comes out is plain text lines that the shared clean steps and the parser take
//! like any text export.

mod charset;
mod depth;
mod lines;
mod walk;

use super::decode::Decoded;
use crate::error::ReadError;

/// Whether the bytes start (after a BOM, whitespace and comments) like an HTML document.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The text of a web page, one line per block element, blank lines between blocks.
pub(crate) fn read(bytes: &[u8]) -> Result<Decoded, ReadError> {
    let decoded = charset::decode(bytes)?;
    let nesting = depth::estimated_depth(&decoded.text);
    if nesting > depth::MAX_NESTING {
        return Err(ReadError::TooDeep {
            depth: nesting,
            limit: depth::MAX_NESTING,
        });
    }
    let blocks = walk::page_blocks(&decoded.text);
    let mut notes = decoded.notes;
    let text = lines::to_text(blocks, &mut notes);
    if text.trim().is_empty() {
        return Err(ReadError::NoPageText);
    }
    Ok(Decoded {
        text,
        encoding: decoded.encoding,
        notes,
    })
}

#[cfg(test)]
mod tests;
