//! Which lines at the top and bottom of a page are page furniture (see [`super`] for the
//! rules and why repetition alone is never enough).

use std::collections::{HashMap, HashSet};

use super::Page;

/// How many non-blank lines at each edge of a page may be furniture.
const EDGE_DEPTH: usize = 3;

/// What was removed, for the notes.
#[derive(Debug, Default)]
pub(super) struct Removal {
    pub headers: usize,
    pub footers: usize,
    pub numbers: usize,
}

impl Removal {
    fn add(&mut self, kind: Furniture) {
        match kind {
            Furniture::Header => self.headers += 1,
            Furniture::Footer => self.footers += 1,
            Furniture::Number => self.numbers += 1,
        }
    }
}

/// The kinds of page furniture, counted apart in the notes.
#[derive(Clone, Copy)]
enum Furniture {
    Header,
    Footer,
    Number,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    Top,
    Bottom,
}

/// A line's place at a page edge: how many non-blank lines lie between it and the edge, and
/// the line with its digits masked. Headers stand at the same place on every page, while a
/// repeated line of text ("22/43402" under every item heading) wanders.
type Place = (usize, String);

/// On how many pages each place near the top and near the bottom is taken, and which lines
/// occur away from the edges (those are text, wherever else they stand).
pub(super) struct EdgeCounts {
    pages: usize,
    top: HashMap<Place, usize>,
    bottom: HashMap<Place, usize>,
    inner: HashSet<String>,
}

impl EdgeCounts {
    pub(super) fn of(pages: &[Page]) -> Self {
        let mut counts = EdgeCounts {
            pages: pages.len(),
            top: HashMap::new(),
            bottom: HashMap::new(),
            inner: HashSet::new(),
        };
        for page in pages {
            let (top, bottom) = (edge_lines(page, Edge::Top), edge_lines(page, Edge::Bottom));
            add_keys(&mut counts.top, page, &top);
            add_keys(&mut counts.bottom, page, &bottom);
            let inner =
                (0..page.len()).filter(|index| !top.contains(index) && !bottom.contains(index));
            counts
                .inner
                .extend(inner.map(|index| mask_digits(page[index])));
        }
        counts
    }

    /// The page without its furniture and the blank lines between that and the page edge.
    /// `touches` says whether a page break is above and below this page.
    pub(super) fn clean_page<'a>(
        &self,
        page: &Page<'a>,
        touches: (bool, bool),
        removed: &mut Removal,
    ) -> Page<'a> {
        let mut drop = vec![false; page.len()];
        self.strip_edge(page, Edge::Top, touches.0, &mut drop, removed);
        self.strip_edge(page, Edge::Bottom, touches.1, &mut drop, removed);
        for (index, line) in page.iter().enumerate() {
            if !drop[index] && is_side_n_of_m(line) {
                drop[index] = true;
                removed.footers += 1;
            }
        }
        let kept = page.iter().zip(drop).filter(|(_, dropped)| !dropped);
        kept.map(|(line, _)| *line).collect()
    }

    /// Drop furniture lines from one edge inward, stopping at the first line of text.
    fn strip_edge(
        &self,
        page: &Page,
        edge: Edge,
        touches_break: bool,
        drop: &mut [bool],
        removed: &mut Removal,
    ) {
        let mut innermost = None;
        for (rank, index) in edge_lines(page, edge).into_iter().enumerate() {
            if drop[index] {
                continue;
            }
            match self.classify((rank, page[index]), edge, touches_break) {
                Some(kind) => {
                    removed.add(kind);
                    drop[index] = true;
                    innermost = Some(index);
                }
                None => break,
            }
        }
        // Blank lines between furniture and the page edge are page margin, not text.
        let Some(innermost) = innermost else { return };
        let margin = match edge {
            Edge::Top => 0..innermost,
            Edge::Bottom => innermost + 1..page.len(),
        };
        for index in margin.filter(|&index| page[index].trim().is_empty()) {
            drop[index] = true;
        }
    }

    /// What kind of furniture a line at the edge is, or `None` for a line of text.
    fn classify(
        &self,
        (rank, line): (usize, &str),
        edge: Edge,
        touches_break: bool,
    ) -> Option<Furniture> {
        let recurring = self.recurs(&(rank, mask_digits(line)), line, edge);
        if is_bare_page_number(line) && (touches_break || recurring) {
            return Some(Furniture::Number);
        }
        if recurring || is_side_n_of_m(line) || is_side_n(line) {
            return Some(match edge {
                Edge::Top => Furniture::Header,
                Edge::Bottom => Furniture::Footer,
            });
        }
        None
    }

    /// Occurs at this place on at least two pages and on more than half of them, never away
    /// from the page edges, is not markdown structure (which PDF furniture never is) and has
    /// a letter (a case number like "22/43402" under a heading at the top of every page is
    /// text; bare page numbers are told apart before this). The marks are looked for in the
    /// line as written: masked, a printed date ("12/5/26, 5:21 PM", Chromium's header) would
    /// start with `#` too.
    fn recurs(&self, place: &Place, line: &str, edge: Edge) -> bool {
        let structure = ["#", "**", "- ", "* ", "|"];
        let line = line.trim_start();
        let is_structure = structure.iter().any(|mark| line.starts_with(mark));
        if self.inner.contains(&place.1) || is_structure || !line.chars().any(char::is_alphabetic) {
            return false;
        }
        let counts = match edge {
            Edge::Top => &self.top,
            Edge::Bottom => &self.bottom,
        };
        let pages_with_it = counts.get(place).copied().unwrap_or(0);
        pages_with_it >= 2 && pages_with_it * 2 > self.pages
    }
}

fn add_keys(counts: &mut HashMap<Place, usize>, page: &Page, indices: &[usize]) {
    for (rank, &index) in indices.iter().enumerate() {
        *counts.entry((rank, mask_digits(page[index]))).or_default() += 1;
    }
}

/// Indices of the first (or last) few non-blank lines, from the edge inward.
fn edge_lines(page: &Page, edge: Edge) -> Vec<usize> {
    let non_blank = |&index: &usize| !page[index].trim().is_empty();
    match edge {
        Edge::Top => (0..page.len()).filter(non_blank).take(EDGE_DEPTH).collect(),
        Edge::Bottom => (0..page.len())
            .rev()
            .filter(non_blank)
            .take(EDGE_DEPTH)
            .collect(),
    }
}

/// Lowercase, whitespace collapsed, every run of digits as `#`: "Side 3 af 17" and
/// "Side 4 af 17" compare equal, so do headers carrying a page number.
fn mask_digits(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    let mut in_digits = false;
    for word in line.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars() {
            if c.is_ascii_digit() {
                if !in_digits {
                    key.push('#');
                }
                in_digits = true;
                continue;
            }
            in_digits = false;
            key.extend(c.to_lowercase());
        }
        in_digits = false;
    }
    key
}

/// "Side 3 af 17", "side 3/17", "Page 3 of 17": a page footer wherever it stands.
pub(super) fn is_side_n_of_m(line: &str) -> bool {
    let Some(rest) = strip_side_word(line) else {
        return false;
    };
    let Some(rest) = strip_number(rest) else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = ["af ", "of ", "/"]
        .iter()
        .find_map(|separator| rest.strip_prefix(separator));
    rest.and_then(|rest| strip_number(rest.trim_start()))
        .is_some_and(|rest| rest.trim().is_empty())
}

/// "Side 3": furniture only at a page edge.
fn is_side_n(line: &str) -> bool {
    strip_side_word(line)
        .and_then(strip_number)
        .is_some_and(|rest| rest.trim().is_empty())
}

/// "3", "- 3 -", "3/17": a page number when it stands next to a page break.
fn is_bare_page_number(line: &str) -> bool {
    let line = line.trim().trim_matches(['-', '–', ' ']);
    let Some(rest) = strip_number(line) else {
        return false;
    };
    rest.is_empty() || rest.strip_prefix('/').and_then(strip_number) == Some("")
}

fn strip_side_word(line: &str) -> Option<&str> {
    let line = line.trim();
    let word_end = line.find(' ')?;
    let word = &line[..word_end];
    let is_side = word.eq_ignore_ascii_case("side") || word.eq_ignore_ascii_case("page");
    is_side.then(|| line[word_end..].trim_start())
}

/// Strip 1–3 leading ASCII digits: a page number (a year on a line of its own has four).
fn strip_number(text: &str) -> Option<&str> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits).then(|| &text[digits..])
}
