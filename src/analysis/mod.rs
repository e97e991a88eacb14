//! The named Danish analyzers, registered on every index open (tantivy does not persist
//! custom tokenizers). Only tantivy's tokenizer API is used here. (Owner: analysis. The
//! chains below are placeholders until the real ones land.)

use tantivy::tokenizer::{
    Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer, TokenizerManager,
};

/// Main text analyzer: NFC, tokenize, lowercase, Danish stop words, Snowball Danish stem.
pub const DANISH: &str = "referat_da";
/// Unstemmed lowercase words (exact-word boost, phrases, typo candidates).
pub const EXACT: &str = "referat_exact";
/// Compound parts (index side only): "lægedækningssituationen" → lægedækning, situation, …
pub const PARTS: &str = "referat_parts";
/// Folded spellings: æ→ae, ø→oe, å→aa (and loose ø→o, å→a, æ→a on the index side).
pub const FOLDED: &str = "referat_folded";
/// Query-side version of [`FOLDED`] (one token per word).
pub const FOLDED_QUERY: &str = "referat_folded_query";

/// Bumped whenever any chain changes what it emits: a stored index with another version is
/// rebuilt, because its terms no longer match what queries produce.
pub const ANALYZER_VERSION: u32 = 0;

/// Register every analyzer above on `manager`.
pub fn register(manager: &TokenizerManager) {
    let stemmed = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Danish))
        .build();
    let plain = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .build();
    manager.register(DANISH, stemmed.clone());
    manager.register(EXACT, plain.clone());
    manager.register(PARTS, stemmed);
    manager.register(FOLDED, plain.clone());
    manager.register(FOLDED_QUERY, plain);
}

/// The tokens `analyzer` emits for `text` (query building, tests, tools).
pub fn tokens(manager: &TokenizerManager, analyzer: &str, text: &str) -> Vec<String> {
    let Some(mut analyzer) = manager.get(analyzer) else {
        return Vec::new();
    };
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}
