//! A token filter that replaces each token with zero, one or several texts at the same
//! position and offsets: stemming (one), compound parts and folded spellings (several).
//!
//! tantivy's filters map one token to at most one; emitting several at one position is what
//! lets a compound's parts or a word's loose spellings match without breaking phrase queries.
//!
//! Each tokenizer instance memoizes what words became ([`WordCache`]): tantivy clones the
//! analyzer per field for every segment it writes, and the same few thousand words recur in
//! every item, so compound splitting, folding and stemming run once per distinct word instead
//! of once per occurrence (compound splitting alone was half of indexing time). Emitting a
//! cached text copies it into the token's existing buffer: no allocation per token.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// What a chain does to one (lowercased, non-stop) word.
pub trait Expand: Send + Sync + 'static {
    /// Push the texts `word` becomes onto `out` (nothing drops the token).
    fn expand(&self, word: &str, out: &mut Vec<String>);
}

/// The [`TokenFilter`] running an [`Expand`].
#[derive(Clone)]
pub struct ExpandFilter(Arc<dyn Expand>);

impl ExpandFilter {
    pub fn new(expand: impl Expand) -> Self {
        ExpandFilter(Arc::new(expand))
    }
}

impl TokenFilter for ExpandFilter {
    type Tokenizer<T: Tokenizer> = ExpandTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> ExpandTokenizer<T> {
        ExpandTokenizer {
            inner,
            expand: self.0,
            cache: WordCache::default(),
        }
    }
}

pub struct ExpandTokenizer<T> {
    inner: T,
    expand: Arc<dyn Expand>,
    cache: WordCache,
}

/// A clone starts with an empty cache: each clone serves one field of one segment writer.
impl<T: Clone> Clone for ExpandTokenizer<T> {
    fn clone(&self) -> Self {
        ExpandTokenizer {
            inner: self.inner.clone(),
            expand: Arc::clone(&self.expand),
            cache: WordCache::default(),
        }
    }
}

/// Words this many distinct ones apart are forgotten all at once: keeps a tokenizer's memory
/// bounded (a few MB) on corpora with huge vocabularies while common words stay cached.
const CACHE_WORDS: usize = 50_000;

/// Word → the texts it expands to.
#[derive(Default)]
pub struct WordCache {
    words: HashMap<String, Arc<[String]>>,
}

impl WordCache {
    fn get(&mut self, expand: &dyn Expand, word: &str) -> Arc<[String]> {
        if let Some(texts) = self.words.get(word) {
            return Arc::clone(texts);
        }
        let mut out = Vec::new();
        expand.expand(word, &mut out);
        let texts: Arc<[String]> = out.into();
        if self.words.len() >= CACHE_WORDS {
            self.words.clear();
        }
        self.words.insert(word.to_owned(), Arc::clone(&texts));
        texts
    }
}

impl<T: Tokenizer> Tokenizer for ExpandTokenizer<T> {
    type TokenStream<'a> = ExpandStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ExpandStream {
            inner: self.inner.token_stream(text),
            expand: self.expand.as_ref(),
            cache: &mut self.cache,
            pending: Arc::new([]),
            next: 0,
        }
    }
}

pub struct ExpandStream<'a, S> {
    inner: S,
    expand: &'a dyn Expand,
    cache: &'a mut WordCache,
    /// Texts for the current inner token; `next` is the first not yet emitted.
    pending: Arc<[String]>,
    next: usize,
}

impl<S: TokenStream> TokenStream for ExpandStream<'_, S> {
    fn advance(&mut self) -> bool {
        while self.next >= self.pending.len() {
            if !self.inner.advance() {
                return false;
            }
            self.pending = self.cache.get(self.expand, &self.inner.token().text);
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
        let mut cache = WordCache::default();
        for n in 0..=CACHE_WORDS {
            cache.get(&Double, &n.to_string());
        }
        assert!(cache.words.len() <= CACHE_WORDS);
        assert_eq!(&*cache.get(&Double, "x"), ["x".to_string(), "xx".into()]);
    }
}
