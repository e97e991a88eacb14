//! The chains after the shared head (stop words, then an [`Expand`]), resolved once per
//! distinct word and thread instead of once per token and chain.
//!
//! Why: a document's whole-item text goes through PARTS and FOLDED and its sections through
//! DANISH, so each token was hashed six times (a stop-word look-up and a word-cache look-up
//! per chain), 15 % of indexing. Now [`shared`](super::shared) interns each word once when it
//! analyses a text: the word gets an id in this thread's [`Vocab`], whose entry says whether
//! it is a stop word and keeps what each chain made of it. A chain's stream reads the entry
//! by index. What a chain emits is exactly what the builder chain `SharedWords` →
//! `StopWordFilter` → `ExpandFilter` emitted (the seed tests compare them).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer};

use super::expand::{Chain, Expand, CACHE_WORDS};
use super::shared::{analysed, Window};

/// Chains that resolve words through a [`Vocab`]: each has its slot in an entry.
pub(super) const SLOTS: usize = 4;

/// Distinct words of one thread: id → whether a stop word, and each chain's expansion once
/// computed. A full vocabulary is replaced by a fresh one for the next text (texts analysed
/// before keep theirs through their `Rc`), so memory stays bounded.
pub(super) struct Vocab {
    ids: RefCell<FxHashMap<Box<str>, u32>>,
    entries: RefCell<Vec<Entry>>,
    /// Every expansion's texts end to end: an entry names its run here, so handing out a
    /// word's texts costs no reference counting.
    texts: RefCell<Vec<String>>,
}

#[derive(Default)]
struct Entry {
    stop: bool,
    /// Per chain slot, `texts[start..end]` once resolved.
    runs: [Option<(u32, u32)>; SLOTS],
}

thread_local! {
    static VOCAB: RefCell<Rc<Vocab>> = RefCell::new(Rc::new(Vocab::new()));
    /// tantivy's Danish stop-word filter on one raw token: asked once per distinct word.
    static STOP: RefCell<TextAnalyzer> = RefCell::new(stop_only());
}

/// A vocabulary that reaches this many distinct words is replaced at the next text.
const VOCAB_WORDS: usize = 4 * CACHE_WORDS;

fn stop_only() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(super::stop_words())
        .build()
}

fn is_stop_word(word: &str) -> bool {
    STOP.with(|stop| !stop.borrow_mut().token_stream(word).advance())
}

impl Vocab {
    fn new() -> Vocab {
        Vocab {
            ids: RefCell::new(FxHashMap::default()),
            entries: RefCell::new(Vec::new()),
            texts: RefCell::new(Vec::new()),
        }
    }

    /// This thread's vocabulary, a fresh one when it is full.
    pub(super) fn current() -> Rc<Vocab> {
        VOCAB.with(|slot| {
            if slot.borrow().entries.borrow().len() >= VOCAB_WORDS {
                *slot.borrow_mut() = Rc::new(Vocab::new());
            }
            Rc::clone(&slot.borrow())
        })
    }

    /// The id of `word` (lowercased), added on first sight.
    pub(super) fn intern(&self, word: &str) -> u32 {
        let mut ids = self.ids.borrow_mut();
        if let Some(&id) = ids.get(word) {
            return id;
        }
        let mut entries = self.entries.borrow_mut();
        let id = u32::try_from(entries.len()).unwrap_or(u32::MAX);
        entries.push(Entry {
            stop: is_stop_word(word),
            runs: [None; SLOTS],
        });
        ids.insert(word.into(), id);
        id
    }

    /// Where in `texts` what `chain` (in `slot`) makes of word `id` (whose text is `word`)
    /// lies; `None` for a stop word.
    fn expansion(&self, id: u32, word: &str, slot: usize, chain: &Chain) -> Option<(u32, u32)> {
        let index = usize::try_from(id).unwrap_or(usize::MAX);
        let mut entries = self.entries.borrow_mut();
        let entry = entries.get_mut(index)?;
        if entry.stop {
            return None;
        }
        if let Some(run) = entry.runs[slot] {
            return Some(run);
        }
        let mut texts = self.texts.borrow_mut();
        let start = u32::try_from(texts.len()).unwrap_or(u32::MAX);
        texts.extend(chain.resolve(word).iter().cloned());
        let run = (start, u32::try_from(texts.len()).unwrap_or(u32::MAX));
        entry.runs[slot] = Some(run);
        Some(run)
    }

    /// Copy the `index`th expansion text into `out`.
    fn copy_text(&self, index: u32, out: &mut String) {
        let texts = self.texts.borrow();
        let index = usize::try_from(index).unwrap_or(usize::MAX);
        if let Some(text) = texts.get(index) {
            out.clear();
            out.push_str(text);
        }
    }
}

/// The tokenizer of a whole chain: shared head, stop words, `expand`.
#[derive(Clone)]
pub struct Resolved {
    chain: Arc<Chain>,
    slot: usize,
    completions: bool,
}

impl Resolved {
    /// `slot` (below [`SLOTS`]) must be this chain's alone: entries keep its expansions there.
    pub(super) fn new(slot: usize, completions: bool, expand: impl Expand) -> Resolved {
        Resolved {
            chain: Arc::new(Chain::new(expand)),
            slot: slot.min(SLOTS - 1),
            completions,
        }
    }
}

impl Tokenizer for Resolved {
    type TokenStream<'a> = ResolvedStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ResolvedStream {
        let window = analysed(text, self.completions);
        ResolvedStream {
            next: window.first,
            window,
            chain: Arc::clone(&self.chain),
            slot: self.slot,
            pending: 0..0,
            current: Token::default(),
        }
    }
}

/// Hands out each word's expansion texts at the word's position and offsets.
pub struct ResolvedStream {
    window: Window,
    next: usize,
    chain: Arc<Chain>,
    slot: usize,
    /// The current word's texts not yet handed out (indices into its vocabulary's texts).
    pending: std::ops::Range<u32>,
    current: Token,
}

impl ResolvedStream {
    /// Move to the next word that expands to something; false at the end.
    fn next_word(&mut self) -> bool {
        let window = &self.window;
        let analysed = &window.analysed;
        while let Some(word) = window.word(self.next) {
            self.next += 1;
            if word.completion && !window.completions {
                continue;
            }
            let text = &analysed.lower[word.start..word.end];
            let Some((start, end)) =
                analysed
                    .vocab
                    .expansion(word.id, text, self.slot, &self.chain)
            else {
                continue;
            };
            if start == end {
                continue;
            }
            window.place(word, &mut self.current);
            self.pending = start..end;
            return true;
        }
        false
    }
}

impl TokenStream for ResolvedStream {
    fn advance(&mut self) -> bool {
        if self.pending.is_empty() && !self.next_word() {
            return false;
        }
        let index = self.pending.start;
        self.pending.start += 1;
        let vocab = &self.window.analysed.vocab;
        vocab.copy_text(index, &mut self.current.text);
        true
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
    use crate::analysis::{register, tokens, DANISH, FOLDED, PARTS};
    use tantivy::tokenizer::TokenizerManager;

    fn manager() -> TokenizerManager {
        let manager = TokenizerManager::default();
        register(&manager);
        manager
    }

    #[test]
    fn stop_words_are_dropped_by_every_resolving_chain() {
        let manager = manager();
        for chain in [DANISH, PARTS, FOLDED] {
            let got = tokens(&manager, chain, "og i det er ikke");
            assert!(got.is_empty(), "{chain}: {got:?}");
        }
        assert_eq!(tokens(&manager, DANISH, "og kommunerne"), ["kommun"]);
    }

    #[test]
    fn a_full_vocabulary_is_replaced_and_words_still_expand_the_same() {
        let manager = manager();
        let text = "Lægedækningssituationen i kommunerne, Aabenraa og Fanø";
        let before: Vec<_> = [DANISH, PARTS, FOLDED]
            .map(|chain| tokens(&manager, chain, text))
            .into();
        let full = Vocab::current();
        for n in 0..VOCAB_WORDS {
            full.intern(&format!("ord{n}"));
        }
        let fresh = Vocab::current();
        assert!(!Rc::ptr_eq(&full, &fresh), "a full vocabulary is replaced");
        assert!(fresh.entries.borrow().len() < VOCAB_WORDS);
        // A new text, so it is analysed (and interned) afresh in the new vocabulary.
        tokens(&manager, DANISH, "noget andet");
        let after: Vec<_> = [DANISH, PARTS, FOLDED]
            .map(|chain| tokens(&manager, chain, text))
            .into();
        assert_eq!(after, before);
        assert!(before[1].contains(&"lægedækning".to_string()), "{before:?}");
    }
}
