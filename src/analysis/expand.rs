//! What a chain does to each word after the shared head: zero, one or several texts at the
//! word's position and offsets: stemming (one), compound parts and folded spellings (several).
//! The registered chains apply it through [`super::resolved`]; the token filter here applies
//! it the plain way and is kept as the reference the tests compare the chains with.
//!
//! tantivy's filters map one token to at most one; emitting several at one position is what
//! lets a compound's parts or a word's loose spellings match without breaking phrase queries.
//!
//! What words become is memoized: the same few thousand words recur in every item, so
//! compound splitting, folding and stemming run about once per distinct word instead of once
//! per occurrence (compound splitting alone was half of indexing time). Each indexing thread
//! keeps a word's expansion in its own vocabulary (`resolved.rs`), backed by one cache per
//! chain ([`Chain`]) shared by all threads, so a new thread or segment does not start cold.
//! Emitting a cached text copies it into the token's existing buffer: no allocation per token.

use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashMap;

#[cfg(test)]
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// What a chain does to one (lowercased, non-stop) word.
pub trait Expand: Send + Sync + 'static {
    /// Push the texts `word` becomes onto `out` (nothing drops the token).
    fn expand(&self, word: &str, out: &mut Vec<String>);
}

#[cfg(test)]
/// The [`TokenFilter`] running an [`Expand`].
#[derive(Clone)]
pub struct ExpandFilter(Arc<Chain>);

/// An [`Expand`] with the expansions every clone of its tokenizer (and every thread) has
/// computed so far.
pub(super) struct Chain {
    expand: Box<dyn Expand>,
    shared: Mutex<Words>,
}

/// Keyed with FxHash: one look-up per token per chain, and SipHash's DoS resistance buys
/// nothing for words of our own documents (SipHash was 4% of indexing).
type Words = FxHashMap<String, Arc<[String]>>;

#[cfg(test)]
impl ExpandFilter {
    pub fn new(expand: impl Expand) -> Self {
        ExpandFilter(Arc::new(Chain::new(expand)))
    }
}

#[cfg(test)]
impl TokenFilter for ExpandFilter {
    type Tokenizer<T: Tokenizer> = ExpandTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> ExpandTokenizer<T> {
        ExpandTokenizer {
            inner,
            chain: self.0,
            cache: WordCache::default(),
        }
    }
}

#[cfg(test)]
pub struct ExpandTokenizer<T> {
    inner: T,
    chain: Arc<Chain>,
    cache: WordCache,
}

#[cfg(test)]
/// A clone starts with an empty local cache (each clone serves one field of one segment
/// writer) backed by the chain's shared one, so a new segment does not start cold.
impl<T: Clone> Clone for ExpandTokenizer<T> {
    fn clone(&self) -> Self {
        ExpandTokenizer {
            inner: self.inner.clone(),
            chain: Arc::clone(&self.chain),
            cache: WordCache::default(),
        }
    }
}

/// A cache that reaches this many words is emptied at once: keeps memory bounded (a few MB
/// per cache) on corpora with huge vocabularies while common words soon return.
pub(super) const CACHE_WORDS: usize = 50_000;

#[cfg(test)]
/// Word → the texts it expands to, for one tokenizer clone (no locking per token).
#[derive(Default)]
pub struct WordCache {
    words: Words,
}

#[cfg(test)]
impl WordCache {
    /// The expansion of `word`: from this cache, else from the chain's shared cache (one lock
    /// per word new to this clone), else computed and remembered in both.
    fn get(&mut self, chain: &Chain, word: &str) -> Arc<[String]> {
        if let Some(texts) = self.words.get(word) {
            return Arc::clone(texts);
        }
        let texts = chain.resolve(word);
        remember(&mut self.words, word, &texts);
        texts
    }
}

impl Chain {
    pub(super) fn new(expand: impl Expand) -> Chain {
        Chain {
            expand: Box::new(expand),
            shared: Mutex::new(Words::default()),
        }
    }

    /// The expansion of `word`: from the shared cache (one lock), else computed and
    /// remembered there.
    pub(super) fn resolve(&self, word: &str) -> Arc<[String]> {
        self.shared_get(word).unwrap_or_else(|| {
            let mut out = Vec::new();
            self.expand.expand(word, &mut out);
            let texts: Arc<[String]> = out.into();
            self.shared_put(word, &texts);
            texts
        })
    }

    fn shared(&self) -> std::sync::MutexGuard<'_, Words> {
        // A panic elsewhere cannot leave a half-written entry: the map stays usable.
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn shared_get(&self, word: &str) -> Option<Arc<[String]>> {
        self.shared().get(word).cloned()
    }

    fn shared_put(&self, word: &str, texts: &Arc<[String]>) {
        remember(&mut self.shared(), word, texts);
    }
}

fn remember(words: &mut Words, word: &str, texts: &Arc<[String]>) {
    if words.len() >= CACHE_WORDS {
        words.clear();
    }
    words.insert(word.to_owned(), Arc::clone(texts));
}

#[cfg(test)]
impl<T: Tokenizer> Tokenizer for ExpandTokenizer<T> {
    type TokenStream<'a> = ExpandStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ExpandStream {
            inner: self.inner.token_stream(text),
            chain: &self.chain,
            cache: &mut self.cache,
            pending: Arc::new([]),
            next: 0,
        }
    }
}

#[cfg(test)]
pub struct ExpandStream<'a, S> {
    inner: S,
    chain: &'a Chain,
    cache: &'a mut WordCache,
    /// Texts for the current inner token; `next` is the first not yet emitted.
    pending: Arc<[String]>,
    next: usize,
}

#[cfg(test)]
impl<S: TokenStream> TokenStream for ExpandStream<'_, S> {
    fn advance(&mut self) -> bool {
        while self.next >= self.pending.len() {
            if !self.inner.advance() {
                return false;
            }
            self.pending = self.cache.get(self.chain, &self.inner.token().text);
            self.next = 0;
        }
        if let Some(text) = self.pending.get(self.next) {
            let token = self.inner.token_mut();
            token.text.clear();
            token.text.push_str(text);
        }
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer};

    /// Doubles each word ("ab" → "ab", "abab"), so a cached expansion has several texts.
    struct Double;
    impl Expand for Double {
        fn expand(&self, word: &str, out: &mut Vec<String>) {
            out.push(word.to_owned());
            out.push(word.repeat(2));
        }
    }

    fn run(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    #[test]
    fn repeated_words_expand_the_same_from_the_cache() {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(ExpandFilter::new(Double))
            .build();
        let first = run(&mut analyzer, "ab c ab");
        assert_eq!(
            first,
            vec![
                ("ab".into(), 0),
                ("abab".into(), 0),
                ("c".into(), 1),
                ("cc".into(), 1),
                ("ab".into(), 2),
                ("abab".into(), 2),
            ]
        );
        assert_eq!(
            run(&mut analyzer, "ab c ab"),
            first,
            "second pass, all cached"
        );
    }

    #[test]
    fn a_full_cache_is_emptied_and_keeps_expanding_correctly() {
        let chain = Chain::new(Double);
        let mut cache = WordCache::default();
        for n in 0..=CACHE_WORDS {
            cache.get(&chain, &n.to_string());
        }
        assert!(cache.words.len() <= CACHE_WORDS);
        assert!(chain.shared().len() <= CACHE_WORDS);
        assert_eq!(&*cache.get(&chain, "x"), ["x".to_string(), "xx".into()]);
    }
}
