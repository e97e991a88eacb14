//! Passages: the ~200-character window of a text with the most distinct marks, rendered as
//! HTML-escaped text with `<mark>` around the marks and `…` where it was cut.

use std::collections::HashSet;

use super::{Mark, LEAD_CHARS, PASSAGE_CHARS};

/// The window of `text` with the most distinct marks, as HTML, and the forms it shows.
pub(super) fn passage(text: &str, marks: &[Mark]) -> (HashSet<String>, String) {
    let mut best: (HashSet<String>, usize) = (HashSet::new(), 0);
    for mark in marks {
        let start = floor_boundary(text, mark.from.saturating_sub(LEAD_CHARS));
        let end = start + PASSAGE_CHARS;
        let distinct: HashSet<String> = marks
            .iter()
            .filter(|m| m.from >= start && m.to <= end)
            .map(|m| m.key.clone())
            .collect();
        if distinct.len() > best.0.len() {
            best = (distinct, start);
        }
    }
    let start = word_start(text, best.1);
    let end = word_end(text, ceil_boundary(text, start + PASSAGE_CHARS));
    let inside: Vec<&Mark> = marks
        .iter()
        .filter(|m| m.from >= start && m.to <= end)
        .collect();
    let html = render(text, start, end, &inside);
    (best.0, html)
}

fn render(text: &str, start: usize, end: usize, marks: &[&Mark]) -> String {
    let mut html = String::new();
    if start > 0 {
        html.push('…');
    }
    let mut at = start;
    // Marks can overlap when an analyzer emits a joined form and its pieces: keep the first.
    for mark in marks.iter().filter(|m| m.from >= start) {
        if mark.from < at {
            continue;
        }
        html.push_str(&escape(text.get(at..mark.from).unwrap_or_default()));
        html.push_str("<mark>");
        html.push_str(&escape(text.get(mark.from..mark.to).unwrap_or_default()));
        html.push_str("</mark>");
        at = mark.to;
    }
    html.push_str(&escape(text.get(at..end).unwrap_or_default()));
    if end < text.len() {
        html.push('…');
    }
    html
}

/// Text safe to embed in HTML (and in attribute values), line breaks flattened to spaces
/// (a passage is one line of text in a result list).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Move `at` forward to the start of a word (unless at the start of the text).
fn word_start(text: &str, at: usize) -> usize {
    if at == 0 {
        return 0;
    }
    let rest = text.get(at..).unwrap_or_default();
    match rest.char_indices().find(|(_, c)| c.is_whitespace()) {
        Some((space, ch)) if space < LEAD_CHARS => at + space + ch.len_utf8(),
        _ => at,
    }
}

/// Move `at` forward to the end of the word it is in.
fn word_end(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or_default();
    at + rest.find(char::is_whitespace).unwrap_or(rest.len())
}
