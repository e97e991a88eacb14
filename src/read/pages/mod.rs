//! Page artefacts of PDF-to-text exports: form feeds (page breaks), running page headers and
//! footers, and bare page numbers. Part of [`crate::read::clean`], after decoding and before
//! de-hyphenation (so a word broken across a page break is joined once the page seam is gone).
//!
//! Referater legitimately repeat lines many times ("22/43402" in every item, the same
//! "Fraværende" line), so a header is never recognised by repetition alone: only lines at the
//! top or bottom of a page that recur there on most pages (compared with digits masked, so
//! "Side 3" and "Side 4" match), or an explicit "Side N af M" line.

mod edges;

use super::Notes;
use edges::{EdgeCounts, Removal};

/// A page: its lines, without line ends or form feeds.
type Page<'a> = Vec<&'a str>;

/// Remove form feeds and page headers, footers and numbers; report what went.
pub(crate) fn remove_page_artefacts(text: String, notes: &mut Notes) -> String {
    let form_feeds = text.matches('\u{C}').count();
    let pages = split_pages(&text);
    if pages.len() < 2 {
        return text;
    }
    let counts = EdgeCounts::of(&pages);
    let mut removed = Removal::default();
    let kept: Vec<Page> = pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let touches = (index > 0, index + 1 < pages.len());
            counts.clean_page(page, touches, &mut removed)
        })
        .collect();
    notes.count(
        form_feeds,
        "removed 1 page break (form feed)",
        "removed {} page breaks (form feeds)",
    );
    notes.count(
        removed.headers,
        "removed 1 page header",
        "removed {} page headers",
    );
    notes.count(
        removed.footers,
        "removed 1 page footer",
        "removed {} page footers",
    );
    notes.count(
        removed.numbers,
        "removed 1 page number",
        "removed {} page numbers",
    );
    join_pages(&kept)
}

/// Split at form feeds; without any, after each explicit "Side N af M" line (text copied
/// out of a PDF loses its form feeds but keeps its footers).
fn split_pages(text: &str) -> Vec<Page<'_>> {
    if text.contains('\u{C}') {
        return split_at_form_feeds(text);
    }
    let mut pages = Vec::new();
    let mut page = Vec::new();
    for line in text.split('\n') {
        page.push(line);
        if edges::is_side_n_of_m(line) {
            pages.push(std::mem::take(&mut page));
        }
    }
    pages.push(page);
    pages
}

fn split_at_form_feeds(text: &str) -> Vec<Page<'_>> {
    let mut pages = Vec::new();
    let mut page = Vec::new();
    for line in text.split('\n') {
        if !line.contains('\u{C}') {
            page.push(line);
            continue;
        }
        // The empty pieces around a form feed are its own line, not blank lines of the text.
        for (position, piece) in line.split('\u{C}').enumerate() {
            if position > 0 {
                pages.push(std::mem::take(&mut page));
            }
            if !piece.is_empty() {
                page.push(piece);
            }
        }
    }
    pages.push(page);
    pages
}

/// Put the pages back together; blank lines on both sides of a seam become one.
fn join_pages(pages: &[Page]) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for page in pages {
        let ends_blank = lines.last().is_some_and(|line| line.trim().is_empty());
        let skip = if ends_blank {
            page.iter()
                .take_while(|line| line.trim().is_empty())
                .count()
        } else {
            0
        };
        lines.extend(&page[skip..]);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests;
