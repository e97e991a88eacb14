//! [`Filters`] as a tantivy query: values of one facet OR'ed, facets and the date range
//! AND'ed. Used by `Engine::meetings`, and open to `search` for its facet filters.
//!
//! Facet values are matched loosely against the values the index really holds, so `fanoe`,
//! `Fano` and `Fanø` all select "Fanø" and `sonderjylland` selects "Sønderjylland": people
//! type without æøå and in any case.

use std::collections::BTreeSet;
use std::ops::Bound;

use chrono::NaiveDate;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermSetQuery};
use tantivy::schema::Field;
use tantivy::{DateTime, Searcher, TantivyError, Term};

use super::schema::Fields;
use super::{FacetName, Filters};
use crate::error::Result;

/// The query selecting what `filters` allows (everything when they are empty).
pub fn query(searcher: &Searcher, fields: &Fields, filters: &Filters) -> Result<Box<dyn Query>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (facet, values) in &filters.facets {
        if values.is_empty() {
            continue;
        }
        clauses.push((Occur::Must, facet_query(searcher, fields, *facet, values)?));
    }
    if let Some(range) = date_range(fields, filters.from, filters.to) {
        clauses.push((Occur::Must, range));
    }
    if clauses.is_empty() {
        return Ok(Box::new(AllQuery));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// Documents having any of `values` for `facet`.
pub fn facet_query(
    searcher: &Searcher,
    fields: &Fields,
    facet: FacetName,
    values: &[String],
) -> Result<Box<dyn Query>> {
    let field = facet_field(fields, facet);
    let terms: Vec<Term> = if facet == FacetName::Aar {
        values
            .iter()
            .filter_map(|value| value.trim().parse::<u64>().ok())
            .map(|year| Term::from_field_u64(field, year))
            .collect()
    } else {
        let wanted: BTreeSet<String> = values.iter().map(|v| loose_key(v)).collect();
        indexed_values(searcher, field)?
            .into_iter()
            .filter(|value| wanted.contains(&loose_key(value)))
            .map(|value| Term::from_field_text(field, &value))
            .collect()
    };
    Ok(Box::new(TermSetQuery::new(terms)))
}

/// The field holding `facet`.
pub fn facet_field(fields: &Fields, facet: FacetName) -> Field {
    match facet {
        FacetName::Klynge => fields.klynge,
        FacetName::Forum => fields.forum,
        FacetName::Niveau => fields.niveau,
        FacetName::Kommune => fields.kommune,
        FacetName::Fokusomraade => fields.fokusomraade,
        FacetName::Beslutningstype => fields.beslutningstype,
        FacetName::Aar => fields.aar,
        FacetName::Person => fields.person,
    }
}

/// Every distinct value of a raw string field, across segments (deleted documents' values
/// may linger until a merge; a filter on one simply matches nothing).
pub fn indexed_values(searcher: &Searcher, field: Field) -> Result<BTreeSet<String>> {
    let mut values = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream().map_err(TantivyError::from)?;
        while terms.advance() {
            values.insert(String::from_utf8_lossy(terms.key()).into_owned());
        }
    }
    Ok(values)
}

/// Meeting dates from `from` to `to`, both inclusive; `None` when neither is set.
pub fn date_range(
    fields: &Fields,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Option<Box<dyn Query>> {
    if from.is_none() && to.is_none() {
        return None;
    }
    let bound = |date: Option<NaiveDate>| match date {
        Some(date) => Bound::Included(date_term(fields.dato, date)),
        None => Bound::Unbounded,
    };
    Some(Box::new(RangeQuery::new(bound(from), bound(to))))
}

/// The indexed term of a meeting date (midnight UTC, as `document` stores it).
pub fn date_term(field: Field, date: NaiveDate) -> Term {
    let seconds = date
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .timestamp();
    Term::from_field_date_for_search(field, DateTime::from_timestamp_secs(seconds))
}

/// A spelling-insensitive key: lowercase, æ/ø/å and their ae/oe/aa spellings alike.
pub fn loose_key(value: &str) -> String {
    let lower: String = value
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'æ' | 'å' | 'á' | 'à' | 'ä' => 'a',
            'ø' | 'ö' | 'ó' => 'o',
            'é' | 'è' => 'e',
            c => c,
        })
        .collect();
    lower
        .replace("ae", "a")
        .replace("oe", "o")
        .replace("aa", "a")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_key_equates_danish_letters_with_their_ascii_spellings() {
        assert_eq!(loose_key("Fanø"), loose_key("fanoe"));
        assert_eq!(loose_key("Fanø"), loose_key("FANO"));
        assert_eq!(loose_key("Sønderjylland"), loose_key("Soenderjylland"));
        assert_eq!(loose_key("Åbenrå"), loose_key("Aabenraa"));
        assert_eq!(loose_key("Politisk niveau"), loose_key(" politisk NIVEAU "));
    }

    #[test]
    fn loose_key_keeps_different_names_apart() {
        assert_ne!(loose_key("Esbjerg"), loose_key("Vejen"));
        assert_ne!(loose_key("Sydvestjylland"), loose_key("Sønderjylland"));
    }
}
