//! What the last commit holds, as incremental indexing needs it: for each source file, its
//! hash, its meeting id and how many items it gave; and the version stamp of the commit.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, TantivyError, TERMINATED};

use crate::engine::schema::{Fields, SCHEMA_VERSION};
use crate::error::Result;

/// One indexed source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedFile {
    pub sha256: String,
    pub meeting_id: String,
    pub items: usize,
}

/// The versions a commit was made with. A stored stamp that differs from the running
/// binary's means the stored terms or documents may not match what this binary produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub analyzer_version: u32,
    pub schema_version: u32,
    /// [`crate::enrich::Enricher::fingerprint`] of the taxonomy the items were enriched with.
    #[serde(default)]
    pub enricher: u64,
}

impl Stamp {
    /// The stamp of the running binary.
    pub fn current(enricher: u64) -> Stamp {
        Stamp {
            analyzer_version: crate::analysis::ANALYZER_VERSION,
            schema_version: SCHEMA_VERSION,
            enricher,
        }
    }

    /// The commit payload that records this stamp.
    pub fn payload(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The stamp recorded in a commit payload, if it is one.
    pub fn from_payload(payload: Option<&str>) -> Option<Stamp> {
        serde_json::from_str(payload?).ok()
    }
}

/// Every source file in `searcher`'s view, by recorded path. Reads one stored document per
/// file (the first live one of its `source_path` term), not one per item.
pub fn indexed_files(
    searcher: &Searcher,
    fields: &Fields,
) -> Result<BTreeMap<String, IndexedFile>> {
    let mut files = BTreeMap::new();
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let inverted = segment.inverted_index(fields.source_path)?;
        let mut terms = inverted.terms().stream().map_err(TantivyError::from)?;
        while terms.advance() {
            let path = String::from_utf8_lossy(terms.key()).into_owned();
            let mut postings = inverted
                .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                .map_err(TantivyError::from)?;
            let mut first_alive = None;
            let mut items = 0;
            while postings.doc() != TERMINATED {
                let doc = postings.doc();
                if segment
                    .alive_bitset()
                    .is_none_or(|alive| alive.is_alive(doc))
                {
                    first_alive.get_or_insert(doc);
                    items += 1;
                }
                postings.advance();
            }
            let Some(doc) = first_alive else {
                continue;
            };
            let address = DocAddress::new(segment_ord as u32, doc);
            let stored: TantivyDocument = searcher.doc(address)?;
            let entry = files.entry(path).or_insert_with(|| IndexedFile {
                sha256: text(&stored, fields.source_sha256),
                meeting_id: text(&stored, fields.meeting_id),
                items: 0,
            });
            entry.items += items;
        }
    }
    Ok(files)
}

fn text(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|value| value.as_str())
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamp_round_trips_through_the_payload() {
        let stamp = Stamp::current(42);
        assert_eq!(Stamp::from_payload(Some(&stamp.payload())), Some(stamp));
    }

    #[test]
    fn a_missing_or_foreign_payload_is_no_stamp() {
        assert_eq!(Stamp::from_payload(None), None);
        assert_eq!(Stamp::from_payload(Some("written by someone else")), None);
    }
}
