//! Running headers and footers found by position: a line whose text (digits masked, so
//! "1/15" and "2/15" match) stands at the same height on more than half of the pages (and on
//! at least two) is page furniture: print date, title, file address, "side N af M", "N/M".
//!
//! Why here and not only in the shared `read::pages` step, which finds furniture by
//! repetition at the page edges: publishers start every item on a new page, so an item's
//! last lines ("Fraværende Birgitte Ries Møller, PLO") end most pages and look like a footer
//! to a reader without positions. Here they do not: they end at a different height on each
//! page, while furniture is printed at one fixed height.

use std::collections::HashMap;

use super::layout::PlacedLine;

/// Heights closer than this (points) are one height.
const SAME_HEIGHT: f32 = 1.5;

/// Remove the furniture from every page; returns how many lines went.
pub(crate) fn remove(pages: &mut [Vec<PlacedLine>]) -> usize {
    if pages.len() < 2 {
        return 0;
    }
    let counts = count_places(pages);
    let page_count = pages.len();
    let recurs = |line: &PlacedLine| {
        let pages_with_it = pages_at(&counts, line);
        pages_with_it >= 2 && pages_with_it * 2 > page_count && may_be_furniture(&line.text)
    };
    let mut removed = 0;
    for page in pages.iter_mut() {
        let before = page.len();
        page.retain(|line| !recurs(line));
        removed += before - page.len();
    }
    removed
}

/// (masked text, height bucket) → on how many pages it stands.
type Places = HashMap<(String, i32), usize>;

fn count_places(pages: &[Vec<PlacedLine>]) -> Places {
    let mut counts = Places::new();
    for page in pages {
        let mut seen: Vec<(String, i32)> = page.iter().map(place).collect();
        seen.sort();
        seen.dedup();
        for key in seen {
            *counts.entry(key).or_default() += 1;
        }
    }
    counts
}

/// The pages a line's text stands on at about its height (the neighbouring buckets too, so a
/// height on a bucket edge still counts).
fn pages_at(counts: &Places, line: &PlacedLine) -> usize {
    let (text, bucket) = place(line);
    (bucket - 1..=bucket + 1)
        .map(|near| counts.get(&(text.clone(), near)).copied().unwrap_or(0))
        .max()
        .unwrap_or(0)
}

fn place(line: &PlacedLine) -> (String, i32) {
    (
        mask_digits(&line.text),
        (line.top / SAME_HEIGHT).round() as i32,
    )
}

/// Furniture has words, or is a bare page number ("3", "3/17"); a case number like
/// "22/43402" right under every item heading stands at one height too, and is text.
fn may_be_furniture(text: &str) -> bool {
    if text.chars().any(char::is_alphabetic) {
        return true;
    }
    let numbers: Vec<&str> = text.trim().split('/').collect();
    numbers.len() <= 2
        && numbers.iter().all(|number| {
            (1..=3).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Lowercase, every run of digits as `#`.
fn mask_digits(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !key.ends_with('#') {
                key.push('#');
            }
        } else {
            key.extend(c.to_lowercase());
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, top: f32) -> PlacedLine {
        PlacedLine {
            text: text.to_owned(),
            left: 50.0,
            top,
            bottom: top + 10.0,
            size: 10.0,
        }
    }

    #[test]
    fn lines_at_one_height_on_most_pages_go_and_item_endings_stay() {
        let titles = ["Velkomst", "Lægedækning", "Praksisplan", "Eventuelt"];
        let mut pages: Vec<Vec<PlacedLine>> = (1..=4)
            .map(|n| {
                vec![
                    line("12/5/26, 5:21 PM Referat Sundhedsklynge Fyn", 20.0),
                    line(&format!("Punkt {n}: {}", titles[n - 1]), 80.0),
                    line("22/43402", 100.0),
                    line(
                        "Fraværende Birgitte Ries Møller, PLO",
                        200.0 + 40.0 * n as f32,
                    ),
                    line(&format!("file:///tmp/r.html {n}/4"), 820.0),
                    line(&n.to_string(), 830.0),
                ]
            })
            .collect();
        assert_eq!(remove(&mut pages), 12);
        let texts: Vec<&str> = pages[1].iter().map(|line| line.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Punkt 2: Lægedækning",
                "22/43402",
                "Fraværende Birgitte Ries Møller, PLO"
            ]
        );
    }
}
