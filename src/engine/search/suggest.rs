//! Completions for a search box, on every keystroke: index words starting with what was
//! typed (by how many items use them) and titles of items containing it. Reads only the term
//! dictionary and a handful of stored titles, so it stays fast.

use std::collections::HashSet;
use std::sync::Arc;

use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};
use unicode_normalization::UnicodeNormalization;

use super::collect::Gather;
use super::terms::prefix_terms;
use crate::engine::filter::loose_key;
use crate::engine::{Engine, FacetName, Sort, Suggestion};
use crate::error::Result;

/// Title terms looked at to find titles containing the prefix.
const TITLE_TERMS: usize = 20;

pub(crate) fn suggest(engine: &Engine, prefix: &str, limit: usize) -> Result<Vec<Suggestion>> {
    let typed: String = prefix.nfc().collect::<String>().trim().to_lowercase();
    if typed.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let titles = titles(engine, &typed, limit.div_ceil(2))?;
    let words_wanted = limit - titles.len().min(limit);
    let last_word = typed.split_whitespace().last().unwrap_or_default();
    let searcher = engine.reader.searcher();
    let (words, _) = prefix_terms(&searcher, engine.fields.exact, last_word, words_wanted);
    let lead = typed.strip_suffix(last_word).unwrap_or_default();
    let mut out: Vec<Suggestion> = words
        .into_iter()
        .map(|word| Suggestion {
            text: format!("{lead}{word}"),
            kind: "term".into(),
            item_id: None,
        })
        .collect();
    out.extend(titles);
    Ok(out)
}

/// Up to `limit` item titles containing `typed` (case- and æøå-insensitive), best first.
fn titles(engine: &Engine, typed: &str, limit: usize) -> Result<Vec<Suggestion>> {
    let searcher = engine.reader.searcher();
    let first_word = typed.split_whitespace().next().unwrap_or_default();
    let (terms, _) = prefix_terms(&searcher, engine.fields.titel, first_word, TITLE_TERMS);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let queries: Vec<Box<dyn Query>> = terms
        .iter()
        .map(|t| {
            let term = Term::from_field_text(engine.fields.titel, t);
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>
        })
        .collect();
    let gather = Gather {
        wanted: vec![None; FacetName::ALL.len()],
        from: None,
        to: None,
        sort: Sort::Relevance,
        keep: limit * 4,
        facets: false,
        cache: Arc::clone(&engine.segment_cache),
    };
    let found = searcher.search(&BooleanQuery::union(queries), &gather)?;
    let wanted = loose_key(typed);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for ranked in found.hits {
        let doc: TantivyDocument = searcher.doc(ranked.doc)?;
        let title = doc
            .get_first(engine.fields.titel)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let id = doc
            .get_first(engine.fields.id)
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        if loose_key(title).contains(&wanted) && seen.insert(title.to_owned()) && out.len() < limit
        {
            out.push(Suggestion {
                text: title.to_owned(),
                kind: "title".into(),
                item_id: id,
            });
        }
    }
    Ok(out)
}
