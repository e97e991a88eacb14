//! The query plan: what one run of a search executes, decided once by
//! [`super::build::compile`] and matched on by [`super::execute`].
//!
//! Most queries run through tantivy's scorers. The shapes that have a path of their own
//! (one plain word, one quoted phrase; see [`super::fast`]) get a variant carrying exactly
//! what that path reads, so adding a path is adding a variant: the compiler decides the
//! shape, the executor never re-inspects the query.

use tantivy::query::Query;
use tantivy::Term;

/// How much the other options of a dismax (the other fields a word or phrase matched in)
/// add to its best one; the fast paths combine their scores the same way.
pub(crate) const TIE_BREAKER: f32 = 0.2;

/// How one run of a search finds its documents.
#[derive(Debug)]
pub(crate) enum Plan {
    /// Any query: tantivy's scorers under the collector.
    Tantivy(Box<dyn Query>),
    /// One plain word ranked by relevance: its dismax options `(term, boost)` in order,
    /// every option one plain term (no synonyms, no split tokens).
    Word(Vec<(Term, f32)>),
    /// One quoted phrase without synonyms ranked by relevance: its dismax options in
    /// order (none when the phrase has nothing searchable: it then finds nothing).
    Phrase(Vec<PhraseOption>),
}

/// One field of a phrase: its terms with their offsets (as `PhraseQuery::new_with_offset`
/// takes them; one term is a `TermQuery`) and its boost.
#[derive(Debug, Clone)]
pub(crate) struct PhraseOption {
    pub terms: Vec<(usize, Term)>,
    pub boost: f32,
}

/// A compiled query: its plan, and what compiling learnt for the person searching.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub plan: Plan,
    /// Terms ignored, prefixes capped.
    pub notes: Vec<String>,
    /// Synonyms searched too (`word → expansion`).
    pub expansions: Vec<String>,
}

/// What compiling may choose.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mode {
    /// Let the top-level words match all but one (used when no item has every word).
    pub relax: bool,
    /// Whether a query of a fast path's shape may take it (hits ranked by relevance).
    pub fast_paths: bool,
}
