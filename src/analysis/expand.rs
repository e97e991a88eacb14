//! A token filter that replaces each token with zero, one or several texts at the same
//! position and offsets: stemming (one), compound parts and folded spellings (several).
//!
//! tantivy's filters map one token to at most one; emitting several at one position is what
//! lets a compound's parts or a word's loose spellings match without breaking phrase queries.

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
        }
    }
}

#[derive(Clone)]
pub struct ExpandTokenizer<T> {
    inner: T,
    expand: Arc<dyn Expand>,
}

impl<T: Tokenizer> Tokenizer for ExpandTokenizer<T> {
    type TokenStream<'a> = ExpandStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ExpandStream {
            inner: self.inner.token_stream(text),
            expand: Arc::clone(&self.expand),
            pending: Vec::new(),
        }
    }
}

pub struct ExpandStream<S> {
    inner: S,
    expand: Arc<dyn Expand>,
    /// Texts still to emit for the current inner token, in reverse order.
    pending: Vec<String>,
}

impl<S: TokenStream> TokenStream for ExpandStream<S> {
    fn advance(&mut self) -> bool {
        while self.pending.is_empty() {
            if !self.inner.advance() {
                return false;
            }
            self.expand
                .expand(&self.inner.token().text, &mut self.pending);
            self.pending.reverse();
        }
        if let Some(text) = self.pending.pop() {
            self.inner.token_mut().text = text;
        }
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}
