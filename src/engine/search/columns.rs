//! The two per-document columns every matched document is checked against — meeting date
//! (date filter, ranking ties, date sorts) and the routine flag (score tweak) — as plain
//! arrays, built once per segment. Through tantivy's columns each read costs an index
//! look-up and bit-unpacking behind a trait object, and a broad search reads both for
//! every one of its hits.

use tantivy::columnar::Column;
use tantivy::{DateTime, DocId};

use super::bits::DocBits;

/// Dates and routine flags of one segment's documents.
#[derive(Debug)]
pub(crate) struct DocColumns {
    /// Meeting date in seconds since the epoch (0 for a document without one).
    dato: Vec<i64>,
    /// Documents whose `routine` flag is 1.
    routine: DocBits,
}

impl DocColumns {
    pub fn build(dato: &Column<DateTime>, routine: &Column<u64>, max_doc: DocId) -> DocColumns {
        let mut flagged = DocBits::new(max_doc);
        for doc in (0..max_doc).filter(|&doc| routine.first(doc) == Some(1)) {
            flagged.insert(doc);
        }
        DocColumns {
            dato: (0..max_doc)
                .map(|doc| dato.first(doc).map_or(0, DateTime::into_timestamp_secs))
                .collect(),
            routine: flagged,
        }
    }

    /// The meeting date of `doc` in seconds (0 when it has none).
    #[inline]
    pub fn dato(&self, doc: DocId) -> i64 {
        self.dato.get(doc as usize).copied().unwrap_or(0)
    }

    /// Whether `doc` is a routine item (welcome, break, any other business).
    #[inline]
    pub fn routine(&self, doc: DocId) -> bool {
        self.routine.contains(doc)
    }
}
