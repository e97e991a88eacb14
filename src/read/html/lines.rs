//! Blocks of page text → the reader's lines. `Builder` collects text the way a browser lays
//! it out (whitespace runs as one space, a line per block, list items marked `- ` or `N. `,
//! table cells joined by a tab, `_` and `*` escaped so the parser's markdown removal keeps
//! them); `to_text` then repairs what only the words give away:
//! breadcrumb trails and skip links that no class named, UI text glued to a heading ("fold
//! dette punkt ind Resume"), and an item number in its own element before its title.

use std::sync::LazyLock;

use regex::Regex;

use super::super::Notes;

/// How a block is set off from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Break {
    /// A new line (list item, table row, `<br>`).
    Line,
    /// A blank line between (paragraph, heading, list, table).
    Paragraph,
}

/// One line of page text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    pub text: String,
    pub before: Break,
    /// Whether the text came from an `<h1>`–`<h6>`.
    pub heading: bool,
}

/// Collects text into blocks as the walk goes through the page.
#[derive(Debug, Default)]
pub(super) struct Builder {
    blocks: Vec<Block>,
    current: String,
    current_before: Option<Break>,
    current_heading: bool,
    next_break: Option<Break>,
    separator: Option<char>,
    prefix: Option<String>,
    heading: bool,
    pre: bool,
    content_depth: u32,
    lists: Vec<Option<u32>>,
}

impl Builder {
    /// Text of a text node: whitespace runs become one space (inside `<pre>`, line ends stay).
    pub fn text(&mut self, text: &str) {
        for (index, segment) in text.split('\n').enumerate() {
            if self.pre && index > 0 {
                self.line_break(Break::Line);
            } else if index > 0 && !self.current.is_empty() {
                self.separator.get_or_insert(' ');
            }
            for c in segment.chars() {
                if !c.is_whitespace() {
                    self.push(c);
                } else if !self.current.is_empty() {
                    self.separator.get_or_insert(' ');
                }
            }
        }
    }

    fn push(&mut self, c: char) {
        if self.current.is_empty() {
            self.current_before = self.next_break.take();
            self.current_heading = false;
            self.separator = None;
            if let Some(prefix) = self.prefix.take() {
                self.current.push_str(&prefix);
            }
        } else if let Some(separator) = self.separator.take() {
            self.current.push(separator);
        }
        // The parser reads lines as markdown: a page's own `_` and `*` are text, not emphasis.
        if matches!(c, '_' | '*') {
            self.current.push('\\');
        }
        self.current.push(c);
        self.current_heading |= self.heading;
    }

    /// End the current line; the next text starts on a new line or after a blank line.
    pub fn line_break(&mut self, kind: Break) {
        if self.current.is_empty() {
            self.next_break = self.next_break.max(Some(kind));
            return;
        }
        self.blocks.push(Block {
            text: std::mem::take(&mut self.current),
            before: self.current_before.unwrap_or(Break::Paragraph),
            heading: self.current_heading,
        });
        self.separator = None;
        self.next_break = Some(kind);
    }

    /// A space before the next text (a `<dt>` runs on into its `<dd>`).
    pub fn space(&mut self) {
        if !self.current.is_empty() {
            self.separator = Some(' ');
        }
    }

    /// A table cell: a tab after the row's text so far.
    pub fn cell(&mut self) {
        if !self.current.is_empty() {
            self.separator = Some('\t');
        }
    }

    /// A list item: its own line, marked as the list marks it.
    pub fn list_item(&mut self) {
        self.line_break(Break::Line);
        self.prefix = match self.lists.last_mut() {
            Some(Some(number)) => {
                let prefix = format!("{number}. ");
                *number = number.saturating_add(1);
                Some(prefix)
            }
            Some(None) => Some("- ".to_owned()),
            None => None,
        };
    }

    /// An `<ol>` (numbered from `start`) or a `<ul>` (`None`).
    pub fn open_list(&mut self, start: Option<u32>) {
        self.lists.push(start);
    }

    pub fn close_list(&mut self) {
        self.lists.pop();
    }

    pub fn set_heading(&mut self, heading: bool) {
        self.heading = heading;
    }

    pub fn set_pre(&mut self, pre: bool) {
        self.pre = pre;
    }

    /// Inside a `<main>` or `<article>`: a `<header>` or `<footer>` here is the minutes' own.
    pub fn enter_content(&mut self) {
        self.content_depth += 1;
    }

    pub fn leave_content(&mut self) {
        self.content_depth = self.content_depth.saturating_sub(1);
    }

    pub fn in_content(&self) -> bool {
        self.content_depth > 0
    }

    /// The blocks read, the last one ended.
    pub fn finish(mut self) -> Vec<Block> {
        self.line_break(Break::Paragraph);
        self.blocks
    }
}

/// UI words sites glue to headings and items (case ignored).
const UI_PHRASES: &str = r"fold (?:dette punkt|punktet|afsnittet) (?:ind|ud)|fold (?:ind|ud)|klik her for at (?:folde|fold|læse|se|åbne|lukke)(?: \p{L}+){0,5}(?: mere| ud| ind)|læs mere|vis mere|vis mindre|skjul";

/// UI words at the start of a line (where they end is checked by `ends_a_word`).
static UI_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?i:{UI_PHRASES})")).expect("the UI phrase pattern is valid")
});

/// UI words at the end of a line.
static UI_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i:{UI_PHRASES})\s*$")).expect("the UI phrase pattern is valid")
});

/// A breadcrumb trail ("Forside › Politik › …", "ForsidepilPolitikpil…", or glued
/// "ForsidePolitik…" where the arrows were images) or a skip link.
static FURNITURE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:du er her:?\s*)?(?i:forside)\s*(?:[›»>→/|]|(?i:pil)|\p{Lu})|(?i)^(?:(?:tilbage |gå )?til toppen|til top|(?:spring|gå) til (?:hoved)?indhold(?:et)?|skip to (?:main )?content|tilgængelighedserklæring)$",
    )
    .expect("the furniture line pattern is valid")
});

/// An item number alone: "3.", "12:", "Punkt 3:", "Pkt. 3".
static ITEM_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:punkt|pkt\.?)\s*\d{1,4}\s*[.:]?|\d{1,3}\s*[.:)])$")
        .expect("the item number pattern is valid")
});

/// Lines whose UI text leaves more words than this were sentences, not headings.
const MAX_UI_HEADING_WORDS: usize = 12;

/// The page's lines as text: furniture lines dropped, UI text removed, item numbers joined.
pub(super) fn to_text(blocks: Vec<Block>, notes: &mut Vec<String>) -> String {
    let mut repairs = Notes::default();
    let before = blocks.len();
    let blocks: Vec<Block> = blocks
        .into_iter()
        .filter(|block| !FURNITURE_LINE.is_match(block.text.trim()))
        .collect();
    repairs.count(
        before - blocks.len(),
        "removed 1 breadcrumb or skip-link line",
        "removed {} breadcrumb or skip-link lines",
    );
    let (blocks, stripped) = remove_ui_text(blocks);
    repairs.count(
        stripped,
        "removed UI text from 1 line",
        "removed UI text from {} lines",
    );
    let (blocks, joined) = join_item_numbers(blocks);
    repairs.count(
        joined,
        "joined 1 item number to its title",
        "joined {} item numbers to their titles",
    );
    notes.extend(repairs.into_vec());
    render(&blocks)
}

/// Remove UI words at the start and end of short lines; lines of UI words only go.
fn remove_ui_text(blocks: Vec<Block>) -> (Vec<Block>, usize) {
    let mut stripped = 0;
    let mut kept = Vec::with_capacity(blocks.len());
    for mut block in blocks {
        let text = without_leading_ui(block.text.trim());
        let text = UI_AT_END.replace(text, "").trim().to_owned();
        if text.len() == block.text.trim().len() {
            kept.push(block);
            continue;
        }
        if text.split_whitespace().count() > MAX_UI_HEADING_WORDS {
            kept.push(block);
            continue;
        }
        stripped += 1;
        if !text.is_empty() {
            block.text = text;
            kept.push(block);
        }
    }
    (kept, stripped)
}

/// The line without UI words at its start, when they end at a space, punctuation or a capital
/// (glued: "fold dette punkt indResume"), not inside a word ("Fold udvalget").
fn without_leading_ui(line: &str) -> &str {
    let Some(found) = UI_AT_START.find(line) else {
        return line;
    };
    let rest = &line[found.end()..];
    match rest.chars().next() {
        Some(next) if next.is_lowercase() => line,
        _ => rest.trim_start(),
    }
}

/// Join a line that is only an item number ("3.", "Punkt 3:") to the heading after it: the
/// number sat in its own element before the title's `<h2>`.
fn join_item_numbers(blocks: Vec<Block>) -> (Vec<Block>, usize) {
    let mut joined = 0;
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let number_before = out
            .last()
            .is_some_and(|last| ITEM_NUMBER.is_match(last.text.trim()) && !last.heading);
        match out.last_mut() {
            Some(last) if number_before && block.heading => {
                last.text = format!("{} {}", last.text.trim(), block.text);
                last.heading = true;
                joined += 1;
            }
            _ => out.push(block),
        }
    }
    (out, joined)
}

/// Blocks as text: a line each, a blank line before each paragraph.
fn render(blocks: &[Block]) -> String {
    let mut text = String::new();
    for (index, block) in blocks.iter().enumerate() {
        if index > 0 {
            text.push_str(match block.before {
                Break::Line => "\n",
                Break::Paragraph => "\n\n",
            });
        }
        text.push_str(&block.text);
    }
    text.push('\n');
    text
}
