//! What highlighting needs to know about a word of the stored text: its stems and the stems
//! of its primary fold. The same words recur on every page of hits, so each is analysed once
//! per process (the cache is bounded) instead of twice per distinct word per request, which
//! was most of the snippets' cost. The chains are the fixed ones of [`crate::analysis`], so
//! one cache serves every engine.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use tantivy::tokenizer::TokenizerManager;

use super::terms::analyzed;
use crate::analysis;

/// Words remembered before the cache is emptied at once (a few MB at most).
const MAX_WORDS: usize = 100_000;

/// A word's forms as the DANISH and FOLDED_QUERY chains emit them.
#[derive(Debug)]
pub(crate) struct Forms {
    pub stems: Vec<String>,
    pub folded: Vec<String>,
}

type Cache = HashMap<String, Arc<Forms>>;

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(|| Mutex::new(Cache::new()));

fn cache() -> std::sync::MutexGuard<'static, Cache> {
    // Entries are inserted whole: a panic elsewhere leaves the map consistent.
    CACHE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The forms of `word` (a lowercase word of the text), analysed on first sight.
pub(crate) fn of(tokenizers: &TokenizerManager, word: &str) -> Arc<Forms> {
    if let Some(forms) = cache().get(word) {
        return Arc::clone(forms);
    }
    let first = |analyzer: &str| {
        analyzed(tokenizers, analyzer, word)
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    };
    let forms = Arc::new(Forms {
        stems: first(analysis::DANISH),
        folded: first(analysis::FOLDED_QUERY),
    });
    let mut cache = cache();
    if cache.len() >= MAX_WORDS {
        cache.clear();
    }
    cache.insert(word.to_owned(), Arc::clone(&forms));
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_the_chains_output_and_the_same_when_cached() {
        let tokenizers = TokenizerManager::default();
        analysis::register(&tokenizers);
        let first = of(&tokenizers, "lægerne");
        let again = of(&tokenizers, "lægerne");
        assert_eq!(
            first.stems,
            analysis::tokens(&tokenizers, analysis::DANISH, "lægerne")
        );
        assert_eq!(
            first.folded,
            analysis::tokens(&tokenizers, analysis::FOLDED_QUERY, "lægerne")
        );
        assert_eq!(again.stems, first.stems);
        assert_eq!(again.folded, first.folded);
    }
}
