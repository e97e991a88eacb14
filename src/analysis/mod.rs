//! The named Danish analyzers, registered on every index open (tantivy does not persist
//! custom tokenizers). Only tantivy's tokenizer API, rust-stemmers and unicode-normalization
//! are used here; the engine indexes and queries through the names below.
//!
//! Every chain starts the same way: [`tokenizer::WordTokenizer`] (NFC words; numbers such as
//! `22/43402` kept whole and as pieces) → drop tokens of [`MAX_TOKEN_BYTES`] or more → lowercase.
//! That head runs once per text and thread and is shared by the chains that index the same
//! text ([`shared`]: the whole item goes through EXACT, PARTS and FOLDED). Then:
//!
//! | name | then | used for |
//! |---|---|---|
//! | [`DANISH`] | stop words → Snowball Danish stem | section fields, index and query side |
//! | [`EXACT`] | nothing | exact-word boost, phrases of exact words, typo candidates |
//! | [`PARTS`] | stop words → a compound's stem and the stems of its parts (other words: nothing) | index side only |
//! | [`FOLDED`] | stop words → æ/ø/å folded (ae/oe/aa and loose o/a/e) → stem (plain words: nothing, unless they hold ae/oe/aa) | index side |
//! | [`FOLDED_QUERY`] | stop words → primary fold → stem (one token per word) | query side |
//!
//! Lossless steps stay apart from lossy ones: DANISH never folds (`før` and `for` must not
//! meet); folded spellings live only in their own low-weight field.

mod compound;
mod expand;
mod fold;
mod resolved;
mod shared;
pub mod synonyms;
mod tokenizer;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Language, StopWordFilter, TextAnalyzer, TokenizerManager};

use compound::Splitter;
use expand::Expand;
#[cfg(test)]
use expand::ExpandFilter;
pub use fold::fold;
use resolved::Resolved;
use shared::SharedWords;
pub use synonyms::{Synonyms, SynonymsError};

/// Main text analyzer: NFC, tokenize, lowercase, Danish stop words, Snowball Danish stem.
pub const DANISH: &str = "referat_da";
/// Unstemmed lowercase words (exact-word boost, phrases, typo candidates).
pub const EXACT: &str = "referat_exact";
/// Compound parts (index side only): "lægedækningssituationen" → lægedækning, situation, …
pub const PARTS: &str = "referat_parts";
/// Folded spellings: æ→ae, ø→oe, å→aa (and loose ø→o, å→a, æ→a/e on the index side).
pub const FOLDED: &str = "referat_folded";
/// Query-side version of [`FOLDED`] (one token per word).
pub const FOLDED_QUERY: &str = "referat_folded_query";

/// Bumped whenever any chain changes what it emits: a stored index with another version is
/// rebuilt, because its terms no longer match what queries produce.
pub const ANALYZER_VERSION: u32 = 2;

/// Tokens this long (in bytes) or longer are dropped, not truncated: a truncated token would
/// match words it is not. Danish compounds with æøå pass 40 bytes; URLs and base64 do not
/// belong in the index.
pub const MAX_TOKEN_BYTES: usize = 90;

/// Register every analyzer above on `manager`.
pub fn register(manager: &TokenizerManager) {
    // Each resolving chain has its own slot in the per-thread vocabulary (`resolved.rs`).
    manager.register(DANISH, Resolved::new(0, false, Stem));
    manager.register(EXACT, TextAnalyzer::from(SharedWords::plain()));
    manager.register(PARTS, Resolved::new(1, true, Parts));
    manager.register(FOLDED, Resolved::new(2, false, Folded));
    manager.register(FOLDED_QUERY, Resolved::new(3, false, FoldedQuery));
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

/// Danish stop words: removed before the chains' last step (stemming must not see them).
fn stop_words() -> StopWordFilter {
    StopWordFilter::new(Language::Danish)
        .unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()))
}

/// Snowball Danish stem of a lowercase word (rust-stemmers reproduces Snowball's reference
/// exactly); numbers and mixed tokens such as `22/43402` pass unchanged.
pub(crate) fn stem(word: &str) -> String {
    if !word.chars().all(char::is_alphabetic) {
        return word.to_string();
    }
    Stemmer::create(Algorithm::Danish).stem(word).into_owned()
}

fn push_new(out: &mut Vec<String>, text: String) {
    if !out.contains(&text) {
        out.push(text);
    }
}

struct Stem;
impl Expand for Stem {
    fn expand(&self, word: &str, out: &mut Vec<String>) {
        out.push(stem(word));
    }
}

/// For a compound: its own stem plus the stems of its parts and of every contiguous run of
/// them, all at the word's position. For any other word: nothing, as the section fields hold
/// its stem already (repeating it here only cost postings). A compound keeps its own stem
/// because the elliptical completion "Muskel- og skeletlidelser" → `muskellidelser` is in no
/// other field, and one expansion per word serves both (the cache is keyed by the word).
struct Parts;
impl Expand for Parts {
    fn expand(&self, word: &str, out: &mut Vec<String>) {
        let runs = Splitter::builtin().runs(word);
        if runs.is_empty() {
            return;
        }
        out.push(stem(word));
        for run in runs {
            push_new(out, stem(&run));
        }
    }
}

/// Every spelling of the word without Danish letters, each stemmed. A plain word's only
/// spelling is itself, which the section fields match already, so it is left out, unless
/// it looks like someone's fold of æ/ø/å (`aabenraa`, `laege`): a query typed with the
/// letters (`Åbenrå`) is folded and looked up here.
struct Folded;
impl Expand for Folded {
    fn expand(&self, word: &str, out: &mut Vec<String>) {
        let own = stem(word);
        let keep_own = may_be_folded(word);
        for spelling in fold::spellings(word) {
            let folded = stem(&spelling);
            if keep_own || folded != own {
                push_new(out, folded);
            }
        }
    }
}

/// Whether a word holds a primary fold of æ, ø or å (`ae`, `oe`, `aa`).
fn may_be_folded(word: &str) -> bool {
    ["aa", "ae", "oe"].iter().any(|pair| word.contains(pair))
}

/// The primary fold, stemmed: what was typed without Danish letters passes through.
struct FoldedQuery;
impl Expand for FoldedQuery {
    fn expand(&self, word: &str, out: &mut Vec<String>) {
        out.push(stem(&fold(word)));
    }
}

/// Texts, positions and offsets an analyzer emits for `text` (the tests compare chains by it).
#[cfg(test)]
pub(crate) type Emitted = Vec<(String, usize, usize, usize)>;

#[cfg(test)]
pub(crate) fn emitted(analyzer: &mut TextAnalyzer, text: &str) -> Emitted {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
    }
    out
}

#[cfg(test)]
mod seed_tests;
#[cfg(test)]
mod tests;
