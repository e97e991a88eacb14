//! The fast path for a single plain word ranked by relevance: the word's dismax over its
//! per-field terms, run by hand instead of through tantivy's scorers, with the same scores
//! bit for bit and the same total, facets and histogram (see [`super::collect`]).
//!
//! Each segment is walked in windows of [`WINDOW`] documents. In a window every posting's
//! doc id is read (the match set: total, filters and facets need them all), but postings
//! are only scored when the window's upper bound (from the blocks' maximum scores) reaches
//! the score of the worst hit on the page so far: most windows of a broad word cannot hold
//! a top hit and skip scoring. Scoring follows tantivy exactly: per field
//! `Bm25Weight::for_terms(searcher, [term]).boost_by(boost)`, combined per document as
//! `max + (sum - max) * tie` with `sum` added in the options' order
//! (`DisjunctionMaxCombiner`, fed by `BufferedUnionScorer` in clause order).

use std::sync::atomic::{AtomicU32, Ordering};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::Bm25Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use super::build::TIE_BREAKER;
use super::collect::{Found, Plan, PlanSegment};
use super::parallel;

/// Documents per window: small enough for the bounds to prune, large enough that the
/// per-window work (one pass over the fields) is spread over many postings. Tests use
/// small windows so that their small segments span many and get pruned.
const WINDOW: u32 = if cfg!(test) { 256 } else { 2048 };
const WORDS: usize = WINDOW as usize / 64;

/// Relative slack on a window's bound: the bound is computed in a different order than
/// the score, and rounding must never make it fall below a real score.
const BOUND_SLACK: f32 = 1.0 + 1e-4;

/// One dismax option: a term and its boosted BM25 weight over the whole searcher.
pub(crate) struct WordOption {
    term: Term,
    weight: Bm25Weight,
}

/// The options of a word as `(term, boost)` pairs, weighted as tantivy's `TermQuery` under
/// a `BoostQuery` would be.
pub(crate) fn options(
    searcher: &Searcher,
    plain: &[(Term, f32)],
) -> tantivy::Result<Vec<WordOption>> {
    plain
        .iter()
        .map(|(term, boost)| {
            let weight = Bm25Weight::for_terms(searcher, std::slice::from_ref(term))?;
            Ok(WordOption {
                term: term.clone(),
                weight: weight.boost_by(*boost),
            })
        })
        .collect()
}

/// Every segment's hits for the word's `options` under `plan` (relevance order).
pub(crate) fn search(
    searcher: &Searcher,
    options: &[WordOption],
    plan: &Plan,
) -> tantivy::Result<Found> {
    let segments = searcher.segment_readers().iter().enumerate();
    // The best page threshold any segment has reached: the k-th best hit overall scores at
    // least that, so every segment may skip what scores below it.
    let best = AtomicU32::new(0);
    let fruits = parallel::map_segments(searcher, segments, |(ord, reader)| {
        let ord = SegmentOrdinal::try_from(ord).unwrap_or(SegmentOrdinal::MAX);
        segment(plan, ord, reader, options, &best)
    })?;
    plan.merge_fruits(fruits)
}

/// One field's postings in a segment, read window by window.
struct Cursor {
    postings: BlockSegmentPostings,
    norms: FieldNormReader,
    weight: Bm25Weight,
    /// Position in the current block.
    at: usize,
    /// This window's documents and term frequencies.
    docs: Vec<DocId>,
    freqs: Vec<u32>,
}

impl Cursor {
    fn open(reader: &SegmentReader, option: &WordOption) -> tantivy::Result<Option<Cursor>> {
        let field = option.term.field();
        let inverted = reader.inverted_index(field)?;
        let Some(info) = inverted.get_term_info(&option.term)? else {
            return Ok(None);
        };
        let postings =
            inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
        // As tantivy's `TermWeight`: a field without norms counts as one token long.
        let norms = reader
            .fieldnorms_readers()
            .get_field(field)?
            .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1));
        Ok(Some(Cursor {
            postings,
            norms,
            weight: option.weight.clone(),
            at: 0,
            docs: Vec::new(),
            freqs: Vec::new(),
        }))
    }

    /// The next document not yet read; `None` when done.
    fn next_doc(&self) -> Option<DocId> {
        self.postings.docs().get(self.at).copied()
    }

    /// Read the postings below `end` into `docs`/`freqs` and mark them in `matched` (bit
    /// `doc - start`); returns an upper bound of their scores (the maximum over the blocks
    /// they come from).
    fn fill(&mut self, start: DocId, end: DocId, matched: &mut [u64; WORDS]) -> Score {
        self.docs.clear();
        self.freqs.clear();
        let mut bound: Score = 0.0;
        loop {
            let docs = self.postings.docs();
            if self.at >= docs.len() {
                return bound;
            }
            let from = self.at;
            let below = docs[from..].partition_point(|&doc| doc < end);
            if below > 0 {
                let norms = &self.norms;
                bound = bound.max(self.postings.block_max_score(norms, &self.weight));
                let docs = &self.postings.docs()[from..from + below];
                for &doc in docs {
                    let slot = (doc - start) as usize;
                    if let Some(word) = matched.get_mut(slot / 64) {
                        *word |= 1 << (slot % 64);
                    }
                }
                self.docs.extend_from_slice(docs);
                let freqs = self.postings.freqs();
                self.freqs.extend_from_slice(&freqs[from..from + below]);
            }
            self.at = from + below;
            if self.at < self.postings.docs().len() {
                return bound;
            }
            self.postings.advance();
            self.at = 0;
        }
    }
}

/// Scratch space for one window.
struct Window {
    start: DocId,
    /// Documents of the window that are admitted hits.
    hits: [u64; WORDS],
    /// Hits found in an essential field: the ones scored.
    candidates: [u64; WORDS],
    max: Vec<Score>,
    sum: Vec<Score>,
}

impl Window {
    fn new() -> Window {
        let size = WINDOW as usize;
        Window {
            start: 0,
            hits: [0; WORDS],
            candidates: [0; WORDS],
            max: vec![0.0; size],
            sum: vec![0.0; size],
        }
    }

    fn slot(&self, doc: DocId) -> usize {
        (doc - self.start) as usize
    }

    fn is_candidate(&self, slot: usize) -> bool {
        self.candidates
            .get(slot / 64)
            .is_some_and(|word| word & (1 << (slot % 64)) != 0)
    }

    /// The hits found in an essential cursor.
    fn candidates_from(&mut self, cursors: &[Cursor], essential: &[bool]) {
        self.candidates = [0; WORDS];
        for (cursor, _) in cursors.iter().zip(essential).filter(|(_, &e)| e) {
            for &doc in &cursor.docs {
                let slot = (doc - self.start) as usize;
                if let Some(word) = self.candidates.get_mut(slot / 64) {
                    *word |= 1 << (slot % 64);
                }
            }
        }
        for (candidates, hits) in self.candidates.iter_mut().zip(&self.hits) {
            *candidates &= hits;
        }
    }

    /// The window's candidates as `(slot, doc)`.
    fn each_candidate(&self) -> impl Iterator<Item = (usize, DocId)> + '_ {
        self.candidates
            .iter()
            .enumerate()
            .flat_map(move |(i, &word)| {
                let mut bits = word;
                std::iter::from_fn(move || {
                    (bits != 0).then(|| {
                        let slot = i * 64 + bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        (slot, self.start + slot as DocId)
                    })
                })
            })
    }
}

fn segment(
    plan: &Plan,
    ord: SegmentOrdinal,
    reader: &SegmentReader,
    options: &[WordOption],
    best: &AtomicU32,
) -> tantivy::Result<Found> {
    let mut collector = plan.for_segment(ord, reader)?;
    let mut cursors = Vec::with_capacity(options.len());
    for option in options {
        cursors.extend(Cursor::open(reader, option)?);
    }
    let mut window = Window::new();
    let max_doc = reader.max_doc();
    while let Some(start) = cursors.iter().filter_map(Cursor::next_doc).min() {
        if start >= max_doc {
            break;
        }
        // Windows start on a word of the segment's bitsets, so hits are added a word at a time.
        let start = start & !63;
        window.start = start;
        let end = start.saturating_add(WINDOW);
        let mut matched = [0u64; WORDS];
        let bounds: Vec<Score> = cursors
            .iter_mut()
            .map(|c| c.fill(start, end, &mut matched))
            .collect();
        admit(&mut window, &matched, &mut collector, reader);
        if let Some(local) = collector.threshold() {
            // Scores are positive: their bits order as the numbers do.
            best.fetch_max(local.to_bits(), Ordering::Relaxed);
        }
        let shared = f32::from_bits(best.load(Ordering::Relaxed));
        let threshold = match collector.threshold() {
            Some(local) => Some(local.max(shared)),
            None => (shared > 0.0).then_some(shared),
        };
        let essential = essential(&bounds, threshold);
        if essential.iter().any(|&e| e) {
            window.candidates_from(&cursors, &essential);
            score(&mut window, &cursors, &mut collector);
        }
    }
    Ok(collector.harvest())
}

/// Which fields' documents can still make the page (MaxScore): the fields with the lowest
/// bounds are left out while a document found only in them could not reach `threshold`.
fn essential(bounds: &[Score], threshold: Option<Score>) -> Vec<bool> {
    let mut essential = vec![true; bounds.len()];
    let Some(threshold) = threshold else {
        return essential;
    };
    let mut order: Vec<usize> = (0..bounds.len()).collect();
    order.sort_by(|&a, &b| bounds[a].total_cmp(&bounds[b]));
    let (mut top, mut total): (Score, Score) = (0.0, 0.0);
    for i in order {
        let (next_top, next_total) = (top.max(bounds[i]), total + bounds[i]);
        let bound = (next_top + (next_total - next_top) * TIE_BREAKER) * BOUND_SLACK;
        if bound >= threshold {
            break;
        }
        (top, total) = (next_top, next_total);
        essential[i] = false;
    }
    essential
}

/// Mark the window's matched, alive documents that pass the filters as hits (counted).
fn admit(
    window: &mut Window,
    matched: &[u64; WORDS],
    collector: &mut PlanSegment,
    reader: &SegmentReader,
) {
    window.hits = [0; WORDS];
    let alive = reader.alive_bitset();
    let first_word = (window.start / 64) as usize;
    let unfiltered = collector.unfiltered();
    for (i, word) in matched.iter().enumerate() {
        let mut bits = *word;
        let mut hits = 0u64;
        while bits != 0 {
            let bit = bits.trailing_zeros();
            bits &= bits - 1;
            let doc = window.start + i as DocId * 64 + bit;
            let deleted = alive.is_some_and(|alive| alive.is_deleted(doc));
            if !deleted && (unfiltered || collector.admit(doc).is_some()) {
                hits |= 1 << bit;
            }
            if alive.is_none() && unfiltered {
                // Nothing to check per document: take the whole word.
                hits = *word;
                break;
            }
        }
        if unfiltered {
            collector.add_hits(first_word + i, hits);
        }
        if let Some(into) = window.hits.get_mut(i) {
            *into = hits;
        }
    }
}

/// Score the window's candidates exactly as tantivy's dismax would, and rank them.
fn score(window: &mut Window, cursors: &[Cursor], collector: &mut PlanSegment) {
    window.max.fill(0.0);
    window.sum.fill(0.0);
    for cursor in cursors {
        for (&doc, &freq) in cursor.docs.iter().zip(&cursor.freqs) {
            let slot = window.slot(doc);
            if !window.is_candidate(slot) {
                continue;
            }
            let score = cursor.weight.score(cursor.norms.fieldnorm_id(doc), freq);
            if let (Some(max), Some(sum)) = (window.max.get_mut(slot), window.sum.get_mut(slot)) {
                *max = Score::max(score, *max);
                *sum += score;
            }
        }
    }
    for (slot, doc) in window.each_candidate() {
        let (max, sum) = (window.max[slot], window.sum[slot]);
        let dato = collector.dato(doc);
        collector.hit(doc, max + (sum - max) * TIE_BREAKER, dato);
    }
}
