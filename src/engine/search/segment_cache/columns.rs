//! The per-document columns every matched document is checked against — meeting date
//! (date filter, ranking ties, date sorts), the routine flag (score tweak) and the item
//! number (last tie-break) — as plain
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
    /// Item number within its meeting.
    number: Vec<u32>,
}

impl DocColumns {
    pub fn build(
        dato: &Column<DateTime>,
        routine: &Column<u64>,
        number: &Column<u64>,
        max_doc: DocId,
    ) -> DocColumns {
        let mut flagged = DocBits::new(max_doc);
        for doc in (0..max_doc).filter(|&doc| routine.first(doc) == Some(1)) {
            flagged.insert(doc);
        }
        DocColumns {
            dato: (0..max_doc)
                .map(|doc| dato.first(doc).map_or(0, DateTime::into_timestamp_secs))
                .collect(),
            routine: flagged,
            number: (0..max_doc)
                .map(|doc| {
                    number
                        .first(doc)
                        .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX))
                })
                .collect(),
        }
    }

    /// What the columns hold, in bytes (for the cache's accounting).
    pub fn bytes(&self) -> usize {
        self.dato.len() * 8 + self.number.len() * 4 + self.routine.words().len() * 8
    }

    /// The item number of `doc` within its meeting (0 when it has none).
    #[inline]
    pub fn number(&self, doc: DocId) -> u32 {
        self.number.get(doc as usize).copied().unwrap_or(0)
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
