//! Typo correction from the index's own words. Fuzzy matching on stems fails (`lægedæknig`
//! stems three edits away from `lægedækning`), so words that find nothing are compared with
//! the unstemmed (EXACT) and folded terms: distance 1 for 5–7 letters, 2 for 8 or more, and
//! the closest, most frequent candidate wins.

use std::collections::HashMap;

use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::scopes::{all_scopes, scope_field};
use super::terms::{analyzed, doc_freq};
use crate::analysis;
use crate::engine::query::{Clause, Query, TermKind, Unit};
use crate::engine::Engine;

/// Words shorter than this are never corrected (too many neighbours).
const MIN_CHARS: usize = 5;

/// The query with each unknown word replaced by its best correction, and a note; `None`
/// when no word needed or found one.
pub(crate) fn correct(
    engine: &Engine,
    searcher: &Searcher,
    query: &Query,
) -> Option<(Query, String)> {
    let mut replacements: HashMap<String, String> = HashMap::new();
    for (term, excluded) in query.terms() {
        let TermKind::Word(word) = &term.kind else {
            continue;
        };
        if excluded || term.field.is_some() || finds_something(engine, searcher, word) {
            continue;
        }
        if let Some(better) = best_candidate(engine, searcher, word) {
            replacements.insert(word.clone(), better);
        }
    }
    if replacements.is_empty() {
        return None;
    }
    let mut pairs: Vec<String> = replacements
        .iter()
        .map(|(from, to)| format!("`{from}` → `{to}`"))
        .collect();
    pairs.sort();
    let note = format!("nothing found as typed; searched for {}", pairs.join(", "));
    Some((rewrite(query, &replacements), note))
}

/// Whether any form of `word` is in the index.
fn finds_something(engine: &Engine, searcher: &Searcher, word: &str) -> bool {
    let fields = &engine.fields;
    let tokenizers = engine.index.tokenizers();
    let mut checks: Vec<(Field, &str)> = vec![
        (fields.exact, analysis::EXACT),
        (fields.folded, analysis::FOLDED_QUERY),
        (fields.parts, analysis::DANISH),
    ];
    checks.extend(all_scopes().map(|s| (scope_field(fields, s), analysis::DANISH)));
    checks.iter().any(|(field, analyzer)| {
        let tokens = analyzed(tokenizers, analyzer, word);
        !tokens.is_empty()
            && tokens
                .iter()
                .all(|(_, t)| doc_freq(searcher, *field, t) > 0)
    })
}

/// The closest known word (fewest edits, then most documents), from exact words first.
fn best_candidate(engine: &Engine, searcher: &Searcher, word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let letters = lower.chars().count();
    if letters < MIN_CHARS {
        return None;
    }
    let distance: u8 = if letters >= 8 { 2 } else { 1 };
    let tokenizers = engine.index.tokenizers();
    let folded = analyzed(tokenizers, analysis::FOLDED_QUERY, &lower);
    // The folded field holds only spellings that differ from a word's own stem; the stems
    // of plain words live in the title and section fields: a folded query token is looked
    // for in all of them, pooled as one vocabulary.
    let fields = &engine.fields;
    let stem_fields: Vec<Field> = std::iter::once(fields.folded)
        .chain(all_scopes().map(|s| scope_field(fields, s)))
        .collect();
    let tries = [(vec![fields.exact], lower.clone())]
        .into_iter()
        .chain(folded.into_iter().map(|(_, f)| (stem_fields.clone(), f)));
    for (fields, typed) in tries {
        let mut pooled: HashMap<String, u64> = HashMap::new();
        for field in fields {
            for (term, docs) in fuzzy_terms(searcher, field, &typed, distance) {
                *pooled.entry(term).or_default() += docs;
            }
        }
        let mut candidates: Vec<(String, u64)> = pooled.into_iter().collect();
        candidates.sort_by(|a, b| {
            let (da, db) = (edits(&typed, &a.0), edits(&typed, &b.0));
            da.cmp(&db).then(b.1.cmp(&a.1)).then_with(|| a.0.cmp(&b.0))
        });
        if let Some((best, _)) = candidates.into_iter().next() {
            return Some(best);
        }
    }
    None
}

/// Terms of `field` within `distance` edits of `typed`, with their document counts.
fn fuzzy_terms(searcher: &Searcher, field: Field, typed: &str, distance: u8) -> Vec<(String, u64)> {
    let query = FuzzyTermQuery::new(Term::from_field_text(field, typed), distance, true);
    let mut found: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let (Ok(inverted), Ok(automaton)) = (segment.inverted_index(field), query.automaton())
        else {
            continue;
        };
        let Ok(mut stream) = inverted.terms().search(automaton).into_stream() else {
            continue;
        };
        while stream.advance() {
            if let Ok(text) = std::str::from_utf8(stream.key()) {
                if text != typed {
                    *found.entry(text.to_owned()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
    }
    found.into_iter().collect()
}

/// Edit distance with adjacent transpositions costing one (optimal string alignment, over
/// characters).
pub(crate) fn edits(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// `query` with words replaced (included, unscoped words only).
fn rewrite(query: &Query, replacements: &HashMap<String, String>) -> Query {
    let clauses = query
        .clauses
        .iter()
        .map(|clause| match clause {
            Clause::Include(units) => Clause::Include(
                units
                    .iter()
                    .map(|u| rewrite_unit(u, replacements))
                    .collect(),
            ),
            Clause::Exclude(unit) => Clause::Exclude(unit.clone()),
        })
        .collect();
    Query { clauses }
}

fn rewrite_unit(unit: &Unit, replacements: &HashMap<String, String>) -> Unit {
    match unit {
        Unit::Group(group) => Unit::Group(rewrite(group, replacements)),
        Unit::Term(term) => {
            let mut term = term.clone();
            if let (None, TermKind::Word(word)) = (term.field, &term.kind) {
                if let Some(better) = replacements.get(word) {
                    term.kind = TermKind::Word(better.clone());
                }
            }
            Unit::Term(term)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::edits;

    #[test]
    fn edit_distance_counts_a_swap_as_one() {
        assert_eq!(edits("lægedæking", "lægedækning"), 1);
        assert_eq!(edits("sundhedsrefom", "sundhedsreform"), 1);
        assert_eq!(edits("abcd", "abdc"), 1);
        assert_eq!(edits("", "abc"), 3);
    }
}
