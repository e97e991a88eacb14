//! The common head of every chain — [`WordTokenizer`] → drop long tokens → lowercase — run
//! once per text and shared by the chains that analyse the same text.
//!
//! Why: a document indexes the whole item text three times (exact, parts, folded fields),
//! one right after the other on the same indexing thread. Tokenizing, dropping and
//! lowercasing it three times was a third of the analysis time. Here the first chain to see a
//! text analyses it and leaves the result in a per-thread slot; a chain given the same text
//! (compared by content, so nothing can be stale) reads it from there. tantivy's
//! `PreTokenizedString` was the other way: a `TantivyDocument` stores it as JSON and parses
//! it back for indexing, which costs more than it saves.
//!
//! The result is the same as the builder chain `WordTokenizer` → `RemoveLongFilter` →
//! `LowerCaser` (a test on the seeds proves it): same texts, positions and offsets.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::compound::Splitter;
use super::resolved::Vocab;
use super::tokenizer::WordTokenizer;
use super::MAX_TOKEN_BYTES;

/// Lowercased tokens of one text: their texts end to end in `lower` (one allocation per
/// text, not one per token).
pub(super) struct Analysed {
    text: String,
    pub(super) lower: String,
    pub(super) words: Vec<Word>,
    /// The vocabulary its words' ids index ([`Word::id`]).
    pub(super) vocab: Rc<Vocab>,
    /// Where a part of this text may start ([`part_starts`]), once a part is looked for.
    part_starts: OnceCell<Vec<usize>>,
}

/// One token of an [`Analysed`] text.
pub(super) struct Word {
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) position: usize,
    /// Its lowercased text: `lower[start..end]`.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) completion: bool,
    /// The word's entry in the analysed text's [`Vocab`]: what each chain makes of the
    /// word is resolved once per distinct word there, not looked up per token and chain.
    pub(super) id: u32,
}

thread_local! {
    /// The last text analysed on this thread.
    static LAST: RefCell<Rc<Analysed>> = RefCell::new(Rc::new(Analysed {
        text: String::new(),
        lower: String::new(),
        words: Vec::new(),
        vocab: Vocab::current(),
        part_starts: OnceCell::new(),
    }));
}

/// The shared head as a tokenizer: lowercased words, long ones dropped; elliptical
/// completions ("Muskel- og skeletlidelser" → `muskellidelser`) only when asked for.
#[derive(Clone)]
pub struct SharedWords {
    completions: bool,
}

impl SharedWords {
    /// Words as written in the text (the plain [`WordTokenizer`]).
    pub fn plain() -> SharedWords {
        SharedWords { completions: false }
    }

    /// Words plus elliptical completions (the PARTS chain's head, see `resolved.rs`).
    #[cfg(test)]
    pub fn with_completions() -> SharedWords {
        SharedWords { completions: true }
    }
}

/// Which tokens of an [`Analysed`] text a stream hands out, shifted how.
pub(super) struct Window {
    pub(super) analysed: Rc<Analysed>,
    /// Token indices `first..last`.
    pub(super) first: usize,
    pub(super) last: usize,
    /// Subtracted from offsets and positions (a part of the analysed text starts at 0).
    offset: usize,
    position: usize,
    /// Whether elliptical completions may be handed out (never in a part: a completion
    /// may look past the part's end).
    pub(super) completions: bool,
}

/// `text` analysed: from this thread's slot when it holds the same text or holds it as one
/// part (an item's title or section inside the whole item, see [`part_of`]); else afresh,
/// and then the slot keeps it.
pub(super) fn analysed(text: &str, completions: bool) -> Window {
    LAST.with(|slot| {
        let last = Rc::clone(&slot.borrow());
        if last.text == text {
            let words = last.words.len();
            return Window::whole(last, words, completions);
        }
        if let Some(window) = part_of(&last, text) {
            return window;
        }
        let fresh = Rc::new(analyse(text));
        *slot.borrow_mut() = Rc::clone(&fresh);
        let words = fresh.words.len();
        Window::whole(fresh, words, completions)
    })
}

impl Window {
    /// The words handed out, in order: completions only when this window allows them.
    pub(super) fn word(&self, index: usize) -> Option<&Word> {
        self.analysed.words[..self.last].get(index)
    }

    /// `token` set to `word`'s offsets and position within this window (not its text).
    pub(super) fn place(&self, word: &Word, token: &mut Token) {
        token.offset_from = word.from - self.offset;
        token.offset_to = word.to - self.offset;
        token.position = word.position - self.position;
        token.position_length = 1;
    }

    fn whole(analysed: Rc<Analysed>, words: usize, completions: bool) -> Window {
        Window {
            analysed,
            first: 0,
            last: words,
            offset: 0,
            position: 0,
            completions,
        }
    }
}

/// Paragraph break: how the engine joins an item's title and sections into its whole text.
const PART_BREAK: &str = "\n\n";

/// `text` as a part of `whole`'s text: an occurrence with a [`PART_BREAK`] or the text's
/// start before it and a break or the end after it. No token crosses a line break (words,
/// joined numbers), so the whole's tokens in that range, shifted, are exactly the part's
/// own tokens; only elliptical completions may look across, and parts never hand them out.
///
/// Only the few places right after a break can hold a part, and a part must end at a break
/// or the end: checking those with one comparison each is far cheaper than a substring
/// search, whose set-up alone costs a pass over the (long) section text.
fn part_of(whole: &Rc<Analysed>, text: &str) -> Option<Window> {
    if text.is_empty() {
        return None;
    }
    let at = whole
        .part_starts
        .get_or_init(|| part_starts(&whole.text))
        .iter()
        .copied()
        .find(|&at| is_part_at(&whole.text, at, text))?;
    let end = at + text.len();
    let first = whole.words.partition_point(|w| w.from < at);
    let last = whole.words.partition_point(|w| w.from < end);
    let position = whole.words.get(first).map_or(0, |w| w.position);
    Some(Window {
        analysed: Rc::clone(whole),
        first,
        last: last.max(first),
        offset: at,
        position,
        completions: false,
    })
}

/// Where a part may start in `whole`: its start and every index right after a
/// [`PART_BREAK`] (in `"\n\n\n"` both the second and the third line break qualify).
/// Found once per whole text (line breaks by `memchr`), then shared by all its parts.
fn part_starts(whole: &str) -> Vec<usize> {
    let bytes = whole.as_bytes();
    let breaks = whole
        .match_indices('\n')
        .map(|(i, _)| i + PART_BREAK.len())
        .filter(|&start| bytes.get(start - 1) == Some(&b'\n'));
    std::iter::once(0).chain(breaks).collect()
}

/// Whether `text` occurs in `whole` at `at` with a break or the end right after it.
fn is_part_at(whole: &str, at: usize, text: &str) -> bool {
    let end = at + text.len();
    let ends = end == whole.len()
        || whole.as_bytes().get(end..end + PART_BREAK.len()) == Some(PART_BREAK.as_bytes());
    ends && whole.as_bytes().get(at..end) == Some(text.as_bytes())
}

fn analyse(text: &str) -> Analysed {
    let tokenizer = WordTokenizer::with_ellipsis(Arc::new(Splitter::builtin()));
    let mut lower = String::with_capacity(text.len());
    let mut words = Vec::new();
    let vocab = Vocab::current();
    tokenizer.tokenize_into(text, &mut |found| {
        // What `RemoveLongFilter::limit(MAX_TOKEN_BYTES)` keeps, then `LowerCaser`.
        if found.text.len() >= MAX_TOKEN_BYTES {
            return;
        }
        let start = lower.len();
        push_lowercase(&found.text, &mut lower);
        words.push(Word {
            from: found.from,
            to: found.to,
            position: found.position,
            start,
            end: lower.len(),
            completion: found.completion,
            id: vocab.intern(&lower[start..]),
        });
    });
    Analysed {
        text: text.to_owned(),
        lower,
        words,
        vocab,
        part_starts: OnceCell::new(),
    }
}

/// Lowercase as tantivy's `LowerCaser` does: per char, without the final-sigma rule.
fn push_lowercase(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in text.chars() {
        out.extend(c.to_lowercase());
    }
}

impl Tokenizer for SharedWords {
    type TokenStream<'a> = SharedStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SharedStream {
        let window = analysed(text, self.completions);
        SharedStream {
            next: window.first,
            window,
            current: Token::default(),
        }
    }
}

/// Hands out the shared tokens one by one, copied into one reused token.
pub struct SharedStream {
    window: Window,
    next: usize,
    current: Token,
}

impl TokenStream for SharedStream {
    fn advance(&mut self) -> bool {
        let window = &self.window;
        while let Some(word) = window.word(self.next) {
            self.next += 1;
            if word.completion && !window.completions {
                continue;
            }
            let token = &mut self.current;
            window.place(word, token);
            token.text.clear();
            token
                .text
                .push_str(&window.analysed.lower[word.start..word.end]);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, TextAnalyzer};

    use crate::analysis::Emitted;

    fn emitted(tokenizer: impl Into<TextAnalyzer>, text: &str) -> Emitted {
        crate::analysis::emitted(&mut tokenizer.into(), text)
    }

    fn reference(completions: bool, text: &str) -> Emitted {
        let tokenizer = if completions {
            WordTokenizer::with_ellipsis(Arc::new(Splitter::builtin()))
        } else {
            WordTokenizer::default()
        };
        let analyzer = TextAnalyzer::builder(tokenizer)
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .build();
        emitted(analyzer, text)
    }

    #[test]
    fn completions_only_reach_the_chain_that_asks_for_them() {
        let text = "Muskel- og skeletlidelser";
        let plain = emitted(SharedWords::plain(), text);
        let with = emitted(SharedWords::with_completions(), text);
        assert_eq!(plain.len(), 3, "{plain:?}");
        assert!(with
            .iter()
            .any(|(t, p, _, _)| t == "muskellidelser" && *p == 0));
        assert_eq!(with.len(), 4, "{with:?}");
    }

    #[test]
    fn a_new_text_replaces_the_shared_analysis() {
        assert_eq!(emitted(SharedWords::plain(), "Første tekst")[0].0, "første");
        assert_eq!(emitted(SharedWords::plain(), "ANDEN")[0].0, "anden");
        assert_eq!(emitted(SharedWords::plain(), "Første tekst").len(), 2);
    }

    #[test]
    fn a_part_of_the_last_whole_text_gets_its_own_offsets_and_positions() {
        let whole = "Titel om 22/43402\n\nMuskel- og skeletlidelser.\n\nBesluttet";
        emitted(SharedWords::with_completions(), whole);
        for part in [
            "Titel om 22/43402",
            "Muskel- og skeletlidelser.",
            "Besluttet",
        ] {
            assert_eq!(
                emitted(SharedWords::plain(), part),
                reference(false, part),
                "{part}"
            );
        }
        // Not between paragraph breaks: analysed on its own, still right.
        assert_eq!(
            emitted(SharedWords::plain(), "om 22"),
            reference(false, "om 22")
        );
    }

    proptest! {
        #[test]
        fn parts_of_a_whole_equal_their_own_analysis(
            parts in proptest::collection::vec("[a-zæøåA-ZÆØÅ0-9 ./,:\\-\n]{0,60}", 1..5)
        ) {
            let whole = parts.join("\n\n");
            prop_assert_eq!(emitted(SharedWords::with_completions(), &whole), reference(true, &whole));
            for part in &parts {
                prop_assert_eq!(emitted(SharedWords::plain(), part), reference(false, part));
                // The whole again, then the next part: the slot still holds the whole.
                emitted(SharedWords::plain(), &whole);
            }
        }


        #[test]
        fn shared_head_equals_the_separate_chain(
            texts in proptest::collection::vec("[a-zæøåA-ZÆØÅΣσ0-9 ./,:\\-\u{30A}]{0,80}", 1..4)
        ) {
            // Alternating texts and repeats: fresh analyses and shared ones alike.
            for text in texts.iter().chain(texts.iter()) {
                for completions in [false, true] {
                    let shared = if completions {
                        SharedWords::with_completions()
                    } else {
                        SharedWords::plain()
                    };
                    prop_assert_eq!(emitted(shared, text), reference(completions, text));
                }
            }
        }
    }
}
