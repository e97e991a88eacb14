//! Facet ordinals of a segment as plain arrays, built once per segment and shared by every
//! search that counts facets over it.
//!
//! Reading a document's ordinals through tantivy's columns (optional or multi-valued index,
//! then bit-unpacking behind a trait object) cost ~200 instructions per facet per document,
//! and the search page counts six facets over every hit: over half of a broad search's time.
//! From these arrays it is a slice look-up. Segments are immutable, so an array stays valid
//! for the segment's lifetime; arrays of segments no longer searched are dropped.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher};

/// One facet's ordinals for every document of one segment.
#[derive(Debug)]
pub(crate) struct DocOrds {
    /// `ords[offsets[doc]..offsets[doc + 1]]` are the ordinals of `doc`.
    offsets: Vec<u32>,
    ords: Vec<u32>,
}

impl DocOrds {
    fn build(column: &StrColumn, max_doc: DocId) -> DocOrds {
        let mut offsets = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::with_capacity(max_doc as usize);
        offsets.push(0);
        for doc in 0..max_doc {
            // A dictionary has far fewer than 2^32 values; a bigger ordinal cannot occur.
            ords.extend(
                column
                    .term_ords(doc)
                    .filter_map(|ord| u32::try_from(ord).ok()),
            );
            offsets.push(u32::try_from(ords.len()).unwrap_or(u32::MAX));
        }
        DocOrds { offsets, ords }
    }

    /// The ordinals of `doc` (none for a document past the segment's end).
    #[inline]
    pub fn of(&self, doc: DocId) -> &[u32] {
        let doc = doc as usize;
        let (Some(&from), Some(&to)) = (self.offsets.get(doc), self.offsets.get(doc + 1)) else {
            return &[];
        };
        self.ords
            .get(from as usize..to as usize)
            .unwrap_or_default()
    }
}

/// The arrays of every (segment, facet) searched so far.
#[derive(Debug, Default)]
pub(crate) struct FacetOrds {
    segments: Mutex<HashMap<(SegmentId, &'static str), Arc<DocOrds>>>,
}

impl FacetOrds {
    /// The ordinals of `facet` in `segment` (whose column is `column`), built on first use.
    pub fn get(
        &self,
        segment: SegmentId,
        max_doc: DocId,
        facet: &'static str,
        column: &StrColumn,
    ) -> Arc<DocOrds> {
        if let Some(ords) = self.lock().get(&(segment, facet)) {
            return Arc::clone(ords);
        }
        // Built outside the lock: other searches go on meanwhile (two may build the same
        // array once; the second simply replaces the first).
        let ords = Arc::new(DocOrds::build(column, max_doc));
        self.lock().insert((segment, facet), Arc::clone(&ords));
        ords
    }

    /// Forget the arrays of segments `searcher` no longer holds (merged or deleted away).
    pub fn keep_only(&self, searcher: &Searcher) {
        let live: HashSet<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.segment_id())
            .collect();
        self.lock().retain(|(segment, _), _| live.contains(segment));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(SegmentId, &'static str), Arc<DocOrds>>> {
        // Entries are inserted whole: a panic elsewhere leaves the map consistent.
        self.segments.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_document_reads_its_own_ordinals_and_none_past_the_end() {
        // doc 0: [2], doc 1: none, doc 2: [0, 3]
        let ords = DocOrds {
            offsets: vec![0, 1, 1, 3],
            ords: vec![2, 0, 3],
        };
        assert_eq!(ords.of(0), [2]);
        assert!(ords.of(1).is_empty());
        assert_eq!(ords.of(2), [0, 3]);
        assert!(ords.of(3).is_empty());
        assert!(ords.of(u32::MAX).is_empty());
    }
}
