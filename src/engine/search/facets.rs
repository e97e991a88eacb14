//! Facet columns of one segment: does a document pass the facet's filter, and counting its
//! values by term ordinal (strings are looked up once per segment, at harvest). Filter values
//! match the index's own values case-insensitively and in ASCII-folded spellings.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, SegmentReader};

use super::ords::{DocOrds, FacetOrds};
use super::tally::Tally;
use crate::engine::filter::loose_key;
use crate::engine::FacetName;

/// One facet's column in one segment.
pub(crate) enum FacetReader {
    /// A raw string facet (klynge, niveau, kommune, …), read as term ordinals.
    Text {
        column: Option<StrColumn>,
        /// Each document's ordinals (with the column: `None` when the segment has none).
        ords: Option<Arc<DocOrds>>,
        /// Per ordinal, whether the filter accepts it; `None` = no filter.
        allowed: Option<Vec<bool>>,
        counts: Vec<u64>,
    },
    /// The year (`aar` u64 field).
    Year {
        column: Column<u64>,
        allowed: Option<HashSet<u64>>,
        counts: Tally,
    },
}

impl FacetReader {
    pub fn open(
        segment: &SegmentReader,
        facet: FacetName,
        wanted: Option<&[String]>,
        count: bool,
        cache: &FacetOrds,
    ) -> tantivy::Result<FacetReader> {
        let fast = segment.fast_fields();
        if facet == FacetName::Aar {
            let allowed = wanted.map(|values| {
                values
                    .iter()
                    .filter_map(|v| v.trim().parse().ok())
                    .collect()
            });
            let column = fast.u64("aar")?;
            let counts = Tally::for_range(column.min_value(), column.max_value());
            return Ok(FacetReader::Year {
                column,
                allowed,
                counts,
            });
        }
        let column = fast.str(facet.key())?;
        let terms = column.as_ref().map_or(0, |c| c.dictionary().num_terms());
        let allowed = wanted.map(|values| {
            let allowed = allowed_ordinals(column.as_ref(), values);
            (0..terms as u64)
                .map(|ord| allowed.contains(&ord))
                .collect()
        });
        // Only a search that filters or counts this facet reads (and so builds) its ords.
        let needed = count || allowed.is_some();
        let ords = column
            .as_ref()
            .filter(|_| needed)
            .map(|column| cache.get(segment.segment_id(), segment.max_doc(), facet.key(), column));
        Ok(FacetReader::Text {
            column,
            ords,
            allowed,
            counts: vec![0; terms],
        })
    }

    /// Whether `doc` has one of the wanted values (always, without a filter).
    pub fn passes(&self, doc: DocId) -> bool {
        match self {
            FacetReader::Text { allowed: None, .. } | FacetReader::Year { allowed: None, .. } => {
                true
            }
            FacetReader::Text {
                ords: Some(ords),
                allowed: Some(allowed),
                ..
            } => ords
                .of(doc)
                .iter()
                .any(|&ord| allowed.get(ord as usize).copied().unwrap_or(false)),
            FacetReader::Text { ords: None, .. } => false,
            FacetReader::Year {
                column,
                allowed: Some(allowed),
                ..
            } => column
                .values_for_doc(doc)
                .any(|year| allowed.contains(&year)),
        }
    }

    /// Count the values of every document in `docs` (the enum is matched once per batch,
    /// not per document: this loop runs over every hit of a broad search).
    pub fn count_all(&mut self, docs: &[DocId]) {
        match self {
            FacetReader::Text {
                ords: Some(ords),
                counts,
                ..
            } => {
                for &doc in docs {
                    for &ord in ords.of(doc) {
                        if let Some(slot) = counts.get_mut(ord as usize) {
                            *slot += 1;
                        }
                    }
                }
            }
            FacetReader::Text { ords: None, .. } => {}
            FacetReader::Year { column, counts, .. } => {
                for &doc in docs {
                    for year in column.values_for_doc(doc) {
                        counts.add(year);
                    }
                }
            }
        }
    }

    /// Counts by value string (zero counts left out).
    pub fn harvest(&self) -> HashMap<String, u64> {
        match self {
            FacetReader::Text {
                column: Some(column),
                counts,
                ..
            } => {
                let mut out = HashMap::new();
                let mut value = String::new();
                for (ord, count) in counts.iter().enumerate().filter(|(_, c)| **c > 0) {
                    if column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                        *out.entry(value.clone()).or_default() += *count;
                    }
                }
                out
            }
            FacetReader::Text { column: None, .. } => HashMap::new(),
            FacetReader::Year { counts, .. } => counts
                .counts()
                .into_iter()
                .map(|(y, c)| (y.to_string(), c))
                .collect(),
        }
    }
}

/// Ordinals of the column's values that match one of `wanted`.
fn allowed_ordinals(column: Option<&StrColumn>, wanted: &[String]) -> HashSet<u64> {
    let mut allowed = HashSet::new();
    let Some(column) = column else {
        return allowed;
    };
    let Ok(mut stream) = column.dictionary().stream() else {
        return allowed;
    };
    while stream.advance() {
        let value = String::from_utf8_lossy(stream.key());
        if wanted.iter().any(|w| same_value(&value, w)) {
            allowed.insert(stream.term_ord());
        }
    }
    allowed
}

/// Whether a typed facet value means the indexed one: case-insensitive, and with æ/ø/å
/// typed as ae/oe/aa ("Fanoe") or loosely ("Sonderjylland", "Fano"). The same rule as
/// `Engine::meetings` uses, so a value selects the same items everywhere.
pub(crate) fn same_value(indexed: &str, typed: &str) -> bool {
    loose_key(indexed) == loose_key(typed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values_match_danish_spellings() {
        assert!(same_value("Fanø", "fanoe"));
        assert!(same_value("Fanø", "Fano"));
        assert!(same_value("Sønderjylland", "Sonderjylland"));
        assert!(same_value("Aabenraa", "Åbenrå"));
        assert!(same_value("Politisk niveau", "politisk NIVEAU"));
        assert!(!same_value("Esbjerg", "Esbjer"));
        assert!(!same_value("Fanø", "Fan"));
    }
}
