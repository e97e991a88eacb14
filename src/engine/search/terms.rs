//! Small readers of the analyzers and the term dictionary, shared by query building,
//! typo correction, highlighting and suggestions.

use std::collections::HashMap;

use tantivy::schema::Field;
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Searcher, Term};

/// `(position, token)` for each token `analyzer` emits for `text` (positions keep the gaps
/// stop words leave, so phrases line up with the index).
pub(crate) fn analyzed(
    manager: &TokenizerManager,
    analyzer: &str,
    text: &str,
) -> Vec<(usize, String)> {
    let Some(mut analyzer) = manager.get(analyzer) else {
        return Vec::new();
    };
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        out.push((token.position, token.text.clone()));
    }
    out
}

/// Terms of `field` starting with `prefix`, the `cap` most frequent (summed over segments),
/// and whether more were left out.
pub(crate) fn prefix_terms(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
    cap: usize,
) -> (Vec<String>, bool) {
    let mut found: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream() else {
            continue;
        };
        while stream.advance() {
            if !stream.key().starts_with(prefix.as_bytes()) {
                break;
            }
            if let Ok(text) = std::str::from_utf8(stream.key()) {
                *found.entry(text.to_owned()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut ranked: Vec<(String, u64)> = found.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let capped = ranked.len() > cap;
    ranked.truncate(cap);
    (ranked.into_iter().map(|(t, _)| t).collect(), capped)
}

/// Documents containing `text` in `field`, over all segments.
pub(crate) fn doc_freq(searcher: &Searcher, field: Field, text: &str) -> u64 {
    searcher
        .doc_freq(&Term::from_field_text(field, text))
        .unwrap_or(0)
}
