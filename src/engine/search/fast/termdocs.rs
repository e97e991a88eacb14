//! A word's documents in one segment as a bitset, with the best score of each window of
//! documents: what the fast path needs to count and prune without reading the postings.
//! Broad terms (in more than 1/[`FREQUENT`] of a segment) are kept in a byte-bounded cache
//! per segment (like Lucene's query cache), dropped with their segment; others are built
//! per search.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Score, SegmentReader, Term};

/// Documents per window (a multiple of 64: windows are whole bitset words). Tests use
/// small windows so that their small segments span many and get pruned.
pub(crate) const WINDOW: u32 = if cfg!(test) { 256 } else { 512 };

/// A term is cached when it is in more than `max_doc / FREQUENT` documents of a segment.
const FREQUENT: u32 = 64;

/// The most the cache holds, over all segments and terms.
const CACHE_BYTES: usize = 256 << 20;

/// One term's documents in one segment.
pub(crate) struct TermDocs {
    /// Bit `doc % 64` of word `doc / 64`: the documents with the term (deleted ones too).
    pub words: Vec<u64>,
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
            words,
            bounds,
            stamp: stamp(unboosted),
        };
        Ok(Some((docs, info.doc_freq)))
    }

    /// Whether `doc` has the term.
    #[inline]
    pub fn contains(&self, doc: DocId) -> bool {
        self.words
            .get(doc as usize / 64)
            .is_some_and(|word| word & (1 << (doc % 64)) != 0)
    }

    fn bytes(&self) -> usize {
        self.words.len() * 8 + self.bounds.len() * 4
    }
}

/// The cached terms, and how many bytes they hold.
type Entries = (HashMap<(SegmentId, Term), Arc<TermDocs>>, usize);

/// Broad terms' [`TermDocs`] per segment.
#[derive(Default)]
pub(crate) struct TermCache {
    entries: Mutex<Entries>,
}

impl std::fmt::Debug for TermCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (map, bytes) = &*self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        write!(f, "TermCache({} terms, {bytes} bytes)", map.len())
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
        let key = (reader.segment_id(), term.clone());
        let lock = || self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(cached) = lock().0.get(&key) {
            if cached.stamp == stamp(unboosted) {
                return Ok(Some(Arc::clone(cached)));
            }
        }
        let Some((built, doc_freq)) = TermDocs::build(reader, term, unboosted)? else {
            return Ok(None);
        };
        let built = Arc::new(built);
        if doc_freq > reader.max_doc() / FREQUENT {
            let (map, bytes) = &mut *lock();
            if let Some(old) = map.remove(&key) {
                *bytes -= old.bytes();
            }
            if *bytes + built.bytes() <= CACHE_BYTES {
                *bytes += built.bytes();
                map.insert(key, Arc::clone(&built));
            }
        }
        Ok(Some(built))
    }

    /// Drop the entries of segments no longer searched.
    pub fn keep_only(&self, live: &HashSet<SegmentId>) {
        let (map, bytes) = &mut *self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        map.retain(|(segment, _), docs| {
            let keep = live.contains(segment);
            if !keep {
                *bytes -= docs.bytes();
            }
            keep
        });
    }
}
