//! PDF → text lines: the reader for [`super::Format::Pdf`].
//!
//! The text layer is read with `pdf_oxide` (pure Rust; chosen by measurement, see
//! BENCHMARKS.md "PDF text extraction") as glyphs with positions. [`glyphs`] makes them
//! into lines (its own word spacing: the crate's splits kerned pairs), [`furniture`] removes
//! running headers and footers by their fixed place on the page, and [`layout`] writes one
//! line per text line with a blank line between blocks. Pages are joined with a blank line
//! rather than a form feed: the furniture is gone already, and the shared repetition-based
//! page step (`read::pages`, for text exports) would take the item endings that close most
//! pages of a PDF with one item a page for footers. The other shared steps (line ends,
//! invisibles, NFC, hyphen repair) run on this text as on any other.
//!
//! What cannot be read gets an error that says what to do: an encrypted PDF (a password is
//! needed), a PDF without a text layer (a scan: it needs OCR), a damaged or truncated PDF, and
//! one with more than [`MAX_PAGES`] pages (refused before any page is read, so time and memory
//! stay bounded). The extraction runs inside `catch_unwind` as a last line of defence: a panic
//! inside the crate on hostile bytes becomes a "damaged PDF" error for that file alone.

mod furniture;
mod glyphs;
mod layout;

use std::panic::{self, AssertUnwindSafe};

use pdf_oxide::PdfDocument;

use super::decode::Decoded;
use crate::error::ReadError;
use crate::model::SourceEncoding;
use glyphs::Glyph;
use layout::PlacedLine;

/// PDFs with more pages than this are refused: minutes run to tens or a few hundred pages, and
/// a bigger file is a bundle of attachments or a hostile one.
pub const MAX_PAGES: usize = 2_000;

/// How far from the end `%%EOF` may stand.
const END_WINDOW: usize = 1024;

/// Pages with fewer letters than this count as having no text layer.
const MIN_LETTERS_PER_PAGE: usize = 1;

/// Extract the text layer of a PDF, one line per text line, blocks and pages apart by a blank
/// line, running headers and footers removed.
pub(crate) fn read(bytes: &[u8]) -> Result<Decoded, ReadError> {
    let (pages, furniture) = panic::catch_unwind(AssertUnwindSafe(|| extract_pages(bytes)))
        .unwrap_or_else(|_| Err(damaged("the PDF reader gave up on its contents")))?;
    let letters: usize = pages.iter().map(|page| count_letters(page)).sum();
    if letters < MIN_LETTERS_PER_PAGE * pages.len().max(1) {
        return Err(ReadError::PdfNoText { pages: pages.len() });
    }
    let mut notes = vec![format!("read {} pages of PDF text", pages.len())];
    if furniture > 0 {
        notes.push(format!(
            "removed {furniture} running header and footer lines (same text, same place on most pages)"
        ));
    }
    Ok(Decoded {
        // Pages end in a blank line, as a page ends a block; no form feed: the furniture is
        // gone already, and `read::pages` would take item endings that close most pages for
        // footers (see `furniture`).
        text: pages.join("\n\n"),
        encoding: SourceEncoding::Pdf,
        notes,
    })
}

/// Each page's text, after the checks that need no page read, and how many furniture lines
/// went.
fn extract_pages(bytes: &[u8]) -> Result<(Vec<String>, usize), ReadError> {
    if !ends_like_a_pdf(bytes) {
        return Err(damaged("it does not end in `%%EOF`, so it was cut short"));
    }
    let document = PdfDocument::from_bytes(bytes.to_vec()).map_err(open_error)?;
    if document.is_encrypted() && !document.authenticate(b"").unwrap_or(false) {
        return Err(ReadError::PdfEncrypted);
    }
    let count = document.page_count().map_err(open_error)?;
    if count > MAX_PAGES {
        return Err(ReadError::PdfTooManyPages {
            pages: count,
            limit: MAX_PAGES,
        });
    }
    let mut pages = (0..count)
        .map(|page| page_lines(&document, page))
        .collect::<Result<Vec<_>, _>>()?;
    let furniture = furniture::remove(&mut pages);
    Ok((
        pages.into_iter().map(layout::page_text).collect(),
        furniture,
    ))
}

/// One page's glyphs made into lines ([`glyphs`]).
fn page_lines(document: &PdfDocument, page: usize) -> Result<Vec<PlacedLine>, ReadError> {
    let chars = document
        .extract_chars(page)
        .map_err(|error| damaged(&format!("page {}: {error}", page + 1)))?;
    let glyphs = chars
        .iter()
        .map(|char| Glyph {
            char: char.char,
            left: char.bbox.x,
            right: char.bbox.x + char.bbox.width,
            // PDF space has `y` growing up; the layout reads top to bottom.
            baseline: -char.origin_y,
            size: char.font_size,
        })
        .collect();
    Ok(glyphs::lines(glyphs))
}

/// A whole PDF ends in `%%EOF` (some writers add a few bytes after it). A truncated file
/// would often still open, its cross references rebuilt, with pages silently missing.
fn ends_like_a_pdf(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(END_WINDOW)..];
    tail.windows(5).any(|window| window == b"%%EOF")
}

fn count_letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// An error from opening the document: encryption is told apart, the rest is damage.
fn open_error(error: pdf_oxide::Error) -> ReadError {
    match error {
        pdf_oxide::Error::EncryptedPdf => ReadError::PdfEncrypted,
        other => damaged(&other.to_string()),
    }
}

fn damaged(reason: &str) -> ReadError {
    ReadError::PdfDamaged(reason.to_owned())
}

#[cfg(test)]
mod tests;
