//! A word's documents in one segment as a bitset, with the best score of each window of
//! documents: what the fast path needs to count and prune without reading the postings.
//! Broad terms (in more than 1/[`FREQUENT`] of a segment) are kept in a byte-bounded cache
//! per segment (like Lucene's query cache; the rule of [`super`]); others are built per
//! search.

use std::collections::HashSet;
use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, SegmentReader, Term};

use super::{DocBits, PerSegment};

/// Documents per window (a multiple of 64: windows are whole bitset words). Tests use
/// small windows so that their small segments span many and get pruned.
pub(crate) const WINDOW: u32 = if cfg!(test) { 256 } else { 512 };

/// A term is cached when it is in more than `max_doc / FREQUENT` documents of a segment.
const FREQUENT: u32 = 64;

/// The most the cache holds, over all segments and terms.
pub(crate) const CACHE_BYTES: usize = 256 << 20;

/// One term's documents in one segment.
pub(crate) struct TermDocs {
    /// The documents with the term (deleted ones too).
    pub docs: DocBits,
    /// Per window of [`WINDOW`] documents: the highest unboosted score of the term there.
    pub bounds: Vec<Score>,
    /// The unboosted weight's scores at a few points: the bounds hold for this weight (the
    /// index-wide statistics change when segments come and go).
    stamp: [u32; 3],
}

fn stamp(weight: &Bm25Weight) -> [u32; 3] {
    [0, 128, 255].map(|id| weight.score(id, 1).to_bits())
}

/// The norms tantivy's `TermWeight` scores `field` with: one token long without norms.
pub(crate) fn norms(reader: &SegmentReader, field: Field) -> tantivy::Result<FieldNormReader> {
    Ok(reader
        .fieldnorms_readers()
        .get_field(field)?
        .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1)))
}

impl TermDocs {
    /// Read `term`'s postings in `reader` once; `None` when the segment lacks the term.
    fn build(
        reader: &SegmentReader,
        term: &Term,
        unboosted: &Bm25Weight,
    ) -> tantivy::Result<Option<(TermDocs, u32)>> {
        let inverted = reader.inverted_index(term.field())?;
        let Some(info) = inverted.get_term_info(term)? else {
            return Ok(None);
        };
        let mut postings =
            inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
        let norms = norms(reader, term.field())?;
        let max_doc = reader.max_doc();
        let mut words = vec![0u64; max_doc.div_ceil(64) as usize];
        let mut bounds: Vec<Score> = vec![0.0; max_doc.div_ceil(WINDOW) as usize];
        loop {
            let docs = postings.docs();
            if docs.is_empty() {
                break;
            }
            for (&doc, &freq) in docs.iter().zip(postings.freqs()) {
                let (Some(word), Some(bound)) = (
                    words.get_mut(doc as usize / 64),
                    bounds.get_mut((doc / WINDOW) as usize),
                ) else {
                    continue;
                };
                *word |= 1 << (doc % 64);
                *bound = bound.max(unboosted.score(norms.fieldnorm_id(doc), freq));
            }
            postings.advance();
        }
        let docs = TermDocs {
            docs: DocBits::from_words(words),
            bounds,
            stamp: stamp(unboosted),
        };
        Ok(Some((docs, info.doc_freq)))
    }

    fn bytes(&self) -> usize {
        self.docs.words().len() * 8 + self.bounds.len() * 4
    }
}

/// Broad terms' [`TermDocs`] per segment, within [`CACHE_BYTES`].
#[derive(Debug)]
pub(crate) struct TermCache {
    entries: PerSegment<Term, TermDocs>,
}

impl Default for TermCache {
    fn default() -> Self {
        TermCache {
            entries: PerSegment::with_budget(CACHE_BYTES),
        }
    }
}

impl TermCache {
    /// `term`'s documents in `reader` (from the cache when built for the same weight).
    pub fn get(
        &self,
        reader: &SegmentReader,
        term: &Term,
        unboosted: &Bm25Weight,
    ) -> tantivy::Result<Option<Arc<TermDocs>>> {
        let segment = reader.segment_id();
        if let Some(cached) = self.entries.get(segment, term) {
            if cached.stamp == stamp(unboosted) {
                return Ok(Some(cached));
            }
        }
        let Some((built, doc_freq)) = TermDocs::build(reader, term, unboosted)? else {
            return Ok(None);
        };
        let built = Arc::new(built);
        if doc_freq > reader.max_doc() / FREQUENT {
            self.entries
                .insert(segment, term.clone(), &built, built.bytes());
        }
        Ok(Some(built))
    }

    /// Drop the entries of segments no longer searched.
    pub fn keep_only(&self, live: &HashSet<SegmentId>) {
        self.entries.keep_only(live);
    }
}
