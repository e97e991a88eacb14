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

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::compound::Splitter;
use super::tokenizer::WordTokenizer;
use super::MAX_TOKEN_BYTES;

/// Lowercased tokens of one text: their texts end to end in `lower` (one allocation per
/// text, not one per token).
struct Analysed {
    text: String,
    lower: String,
    words: Vec<Word>,
}

/// One token of an [`Analysed`] text.
struct Word {
    from: usize,
    to: usize,
    position: usize,
    /// Its lowercased text: `lower[start..end]`.
    start: usize,
    end: usize,
    completion: bool,
}

thread_local! {
    /// The last text analysed on this thread.
    static LAST: RefCell<Rc<Analysed>> = RefCell::new(Rc::new(Analysed {
        text: String::new(),
        lower: String::new(),
        words: Vec::new(),
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

    /// Words plus elliptical completions (the PARTS chain).
    pub fn with_completions() -> SharedWords {
        SharedWords { completions: true }
    }
}

/// `text` analysed, from this thread's slot when it holds the same text.
fn analysed(text: &str) -> Rc<Analysed> {
    LAST.with(|slot| {
        if slot.borrow().text == text {
            return Rc::clone(&slot.borrow());
        }
        let fresh = Rc::new(analyse(text));
        *slot.borrow_mut() = Rc::clone(&fresh);
        fresh
    })
}

fn analyse(text: &str) -> Analysed {
    let tokenizer = WordTokenizer::with_ellipsis(Arc::new(Splitter::builtin()));
    let mut lower = String::with_capacity(text.len());
    let mut words = Vec::new();
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
        });
    });
    Analysed {
        text: text.to_owned(),
        lower,
        words,
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
        SharedStream {
            analysed: analysed(text),
            completions: self.completions,
            next: 0,
            current: Token::default(),
        }
    }
}

/// Hands out the shared tokens one by one, copied into one reused token.
pub struct SharedStream {
    analysed: Rc<Analysed>,
    completions: bool,
    next: usize,
    current: Token,
}

impl TokenStream for SharedStream {
    fn advance(&mut self) -> bool {
        let analysed = &self.analysed;
        while let Some(word) = analysed.words.get(self.next) {
            self.next += 1;
            if word.completion && !self.completions {
                continue;
            }
            let token = &mut self.current;
            token.offset_from = word.from;
            token.offset_to = word.to;
            token.position = word.position;
            token.position_length = 1;
            token.text.clear();
            token.text.push_str(&analysed.lower[word.start..word.end]);
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

    type Emitted = Vec<(String, usize, usize, usize)>;

    fn emitted(tokenizer: impl Into<TextAnalyzer>, text: &str) -> Emitted {
        let mut analyzer: TextAnalyzer = tokenizer.into();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
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

    proptest! {
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
