//! Facet columns of one segment: does a document pass the facet's filter, and counting its
//! values by term ordinal (the strings are read once per segment, with its ordinal arrays). Filter values
//! match the index's own values case-insensitively and in ASCII-folded spellings.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::{DocId, SegmentReader};

use super::segment_cache::{DocBits, DocOrds, SegmentCache};
use crate::engine::filter::loose_key;
use crate::engine::FacetName;

/// One facet's column in one segment.
pub(crate) struct FacetReader {
    /// Whether the ordinals name text values (`ords.names`); else numbers (`ords.keys`: the
    /// year) or nothing (the segment has no such column).
    text: bool,
    /// Each document's ordinals (`None` when neither filtered nor counted, or no column).
    ords: Option<Arc<DocOrds>>,
    /// Per ordinal, whether the filter accepts it; `None` = no filter.
    allowed: Option<Vec<bool>>,
    counts: Vec<u64>,
}

impl FacetReader {
    pub fn open(
        segment: &SegmentReader,
        facet: FacetName,
        wanted: Option<&[String]>,
        count: bool,
        cache: &SegmentCache,
    ) -> tantivy::Result<FacetReader> {
        // Only a search that filters or counts this facet reads (and so builds) its ords.
        let needed = count || wanted.is_some();
        let (column, ords) = if facet == FacetName::Aar {
            let column = segment.fast_fields().u64("aar")?;
            let ords = needed.then(|| {
                cache.ords(segment.segment_id(), facet.key(), || {
                    DocOrds::of_numbers(&column, segment.max_doc())
                })
            });
            (None, ords)
        } else {
            let column = segment.fast_fields().str(facet.key())?;
            let ords = column.as_ref().filter(|_| needed).map(|column| {
                cache.ords(segment.segment_id(), facet.key(), || {
                    DocOrds::of_text(column, segment.max_doc())
                })
            });
            (column, ords)
        };
        let terms = match (&column, &ords) {
            (Some(column), _) => column.dictionary().num_terms(),
            (None, Some(ords)) => ords.keys.len(),
            (None, None) => 0,
        };
        let allowed = wanted.map(|values| {
            let allowed = match &ords {
                Some(ords) if column.is_some() => allowed_names(&ords.names, values),
                Some(ords) => allowed_keys(&ords.keys, values),
                None => HashSet::new(),
            };
            (0..terms as u64)
                .map(|ord| allowed.contains(&ord))
                .collect()
        });
        Ok(FacetReader {
            text: column.is_some(),
            ords,
            allowed,
            counts: vec![0; terms],
        })
    }

    /// Whether this facet filters (some documents may fail [`FacetReader::passes`]).
    pub fn filters(&self) -> bool {
        self.allowed.is_some()
    }

    /// Whether `doc` has one of the wanted values (always, without a filter).
    pub fn passes(&self, doc: DocId) -> bool {
        match (&self.allowed, &self.ords) {
            (None, _) => true,
            (Some(allowed), Some(ords)) => ords
                .of(doc)
                .iter()
                .any(|&ord| allowed.get(ord as usize).copied().unwrap_or(false)),
            (Some(_), None) => false,
        }
    }

    /// Count the values of every document in `docs`.
    pub fn count_all(&mut self, docs: &DocBits) {
        if let Some(ords) = &self.ords {
            ords.count(docs, &mut self.counts);
        }
    }

    /// Counts by value string (zero counts left out).
    pub fn harvest(&self) -> HashMap<String, u64> {
        let mut out = HashMap::new();
        let Some(ords) = &self.ords else {
            return out;
        };
        for (ord, count) in self.counts.iter().enumerate().filter(|(_, c)| **c > 0) {
            let value = if self.text {
                ords.names.get(ord).cloned()
            } else {
                ords.keys.get(ord).map(u64::to_string)
            };
            if let Some(value) = value {
                *out.entry(value).or_default() += *count;
            }
        }
        out
    }
}

/// Ordinals of the number values (years) that one of `wanted` names.
fn allowed_keys(keys: &[u64], wanted: &[String]) -> HashSet<u64> {
    let wanted: HashSet<u64> = wanted
        .iter()
        .filter_map(|v| v.trim().parse().ok())
        .collect();
    (0u64..)
        .zip(keys)
        .filter(|(_, key)| wanted.contains(key))
        .map(|(ord, _)| ord)
        .collect()
}

/// Ordinals of the text values (`names`, in ordinal order) that one of `wanted` means.
fn allowed_names(names: &[String], wanted: &[String]) -> HashSet<u64> {
    (0u64..)
        .zip(names)
        .filter(|(_, name)| wanted.iter().any(|w| same_value(name, w)))
        .map(|(ord, _)| ord)
        .collect()
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
