//! The fast path for a single plain word ranked by relevance: the word's dismax over its
//! per-field terms, run by hand instead of through tantivy's scorers, with the same scores
//! bit for bit and the same total, facets and histogram (see [`super::collect`]).
//!
//! Each segment is walked in windows of [`WINDOW`] documents. Each field's documents come as
//! a bitset with the best score per window ([`termdocs`], cached for broad terms): their
//! union is the match set (total, filters, facets). Only documents that can still make the
//! page are scored (MaxScore): the fields whose window bounds together stay below the worst
//! hit kept so far are non-essential, and a document in none of the others is skipped. A
//! scored document reads its term frequency from each field's postings by seeking.
//! Scoring follows tantivy exactly: per field
//! `Bm25Weight::for_terms(searcher, [term]).boost_by(boost)`, combined per document as
//! `max + (sum - max) * tie` with `sum` added in the options' order
//! (`DisjunctionMaxCombiner`, fed by `BufferedUnionScorer` in clause order).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::Bm25Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use super::collect::{Found, Gather, SegmentGather};
use super::parallel;
use super::plan::TIE_BREAKER;
use super::segment_cache::{norms, TermDocs, WINDOW};

pub(crate) mod phrase;

/// Bitset words per window.
const WORDS: usize = WINDOW as usize / 64;

/// Relative slack on a window's bound: the bound is computed in a different order than
/// the score, and rounding must never make it fall below a real score.
const BOUND_SLACK: f32 = 1.0 + 1e-4;

/// One dismax option: a term, its boost and the weights over the whole searcher.
pub(crate) struct WordOption {
    term: Term,
    boost: Score,
    unboosted: Bm25Weight,
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
            let unboosted = Bm25Weight::for_terms(searcher, std::slice::from_ref(term))?;
            Ok(WordOption {
                term: term.clone(),
                boost: *boost,
                weight: unboosted.boost_by(*boost),
                unboosted,
            })
        })
        .collect()
}

/// Every segment's hits for the word's `options` under `gather` (relevance order).
pub(crate) fn search(
    searcher: &Searcher,
    options: &[WordOption],
    gather: &Gather,
) -> tantivy::Result<Found> {
    each_segment(searcher, gather, |ord, reader, best| {
        segment(gather, ord, reader, options, best)
    })
}

/// `segment` run on every segment (in parallel when the searcher may), the fruits merged.
/// The segments share `best`, the best page threshold any has reached: the k-th best hit
/// overall scores at least that, so every segment may skip what scores below it.
pub(crate) fn each_segment<F>(
    searcher: &Searcher,
    gather: &Gather,
    segment: F,
) -> tantivy::Result<Found>
where
    F: Sync + Fn(SegmentOrdinal, &SegmentReader, &AtomicU32) -> tantivy::Result<Found>,
{
    let segments = searcher.segment_readers().iter().enumerate();
    let best = AtomicU32::new(0);
    let fruits = parallel::map_segments(searcher, segments, |(ord, reader)| {
        let ord = SegmentOrdinal::try_from(ord).unwrap_or(SegmentOrdinal::MAX);
        segment(ord, reader, &best)
    })?;
    gather.merge_fruits(fruits)
}

/// One field of the word in one segment.
struct Field {
    docs: Arc<TermDocs>,
    postings: BlockSegmentPostings,
    norms: FieldNormReader,
    weight: Bm25Weight,
    boost: Score,
}

impl Field {
    fn open(
        gather: &Gather,
        reader: &SegmentReader,
        option: &WordOption,
    ) -> tantivy::Result<Option<Field>> {
        let terms = &gather.cache.terms;
        let Some(docs) = terms.get(reader, &option.term, &option.unboosted)? else {
            return Ok(None);
        };
        let inverted = reader.inverted_index(option.term.field())?;
        let postings = inverted.read_block_postings(&option.term, IndexRecordOption::WithFreqs)?;
        let Some(postings) = postings else {
            return Ok(None);
        };
        Ok(Some(Field {
            docs,
            postings,
            norms: norms(reader, option.term.field())?,
            weight: option.weight.clone(),
            boost: option.boost,
        }))
    }

    /// The field's score for `doc`, which has the term; documents are asked in order.
    fn score(&mut self, doc: DocId) -> Score {
        let at = self.postings.seek(doc);
        let freq = self.postings.freq(at);
        self.weight.score(self.norms.fieldnorm_id(doc), freq)
    }
}

fn segment(
    gather: &Gather,
    ord: SegmentOrdinal,
    reader: &SegmentReader,
    options: &[WordOption],
    best: &AtomicU32,
) -> tantivy::Result<Found> {
    let mut collector = gather.for_segment(ord, reader)?;
    let mut fields = Vec::with_capacity(options.len());
    for option in options {
        fields.extend(Field::open(gather, reader, option)?);
    }
    let windows = reader.max_doc().div_ceil(WINDOW);
    let mut bounds = vec![0.0; fields.len()];
    let mut scratch = vec![None; fields.len()];
    let mut page = PageThreshold { best, shared: 0 };
    for window in 0..windows {
        let first = window as usize * WORDS;
        let mut matched = [0u64; WORDS];
        for field in &fields {
            field.docs.docs.or_into(first, &mut matched);
        }
        if matched.iter().all(|&word| word == 0) {
            continue;
        }
        let start = window * WINDOW;
        let hits = admit(start, &matched, &mut collector, reader);
        for (bound, field) in bounds.iter_mut().zip(&fields) {
            let unboosted = field.docs.bounds.get(window as usize).copied();
            *bound = unboosted.unwrap_or(Score::MAX) * field.boost;
        }
        let threshold = page.get(&collector);
        let essential = essential(&bounds, threshold);
        let mut candidates = [0u64; WORDS];
        for (field, _) in fields.iter().zip(&essential).filter(|(_, &e)| e) {
            field.docs.docs.or_into(first, &mut candidates);
        }
        for (i, (candidates, hits)) in candidates.iter().zip(&hits).enumerate() {
            let mut bits = candidates & hits;
            while bits != 0 {
                let doc = start + i as DocId * 64 + bits.trailing_zeros();
                bits &= bits - 1;
                let threshold = page.get(&collector);
                let doc_fields = Scored {
                    bounds: &bounds,
                    essential: &essential,
                    threshold,
                };
                if let Some(score) = doc_fields.score(&mut fields, &mut scratch, doc) {
                    let dato = collector.dato(doc);
                    collector.hit(doc, score, dato);
                }
            }
        }
    }
    Ok(collector.harvest())
}

/// The score a hit must reach to make the page: this segment's worst kept hit, or any
/// segment's (shared through `best`), whichever is higher.
struct PageThreshold<'a> {
    best: &'a AtomicU32,
    /// What this segment last shared (writing the shared value on every hit would make the
    /// segments' threads fight over its cache line).
    shared: u32,
}

impl PageThreshold<'_> {
    fn get(&mut self, collector: &SegmentGather) -> Option<Score> {
        let local = collector.threshold();
        if let Some(local) = local {
            // Scores are positive: their bits order as the numbers do.
            if local.to_bits() > self.shared {
                self.shared = local.to_bits();
                self.best.fetch_max(self.shared, Ordering::Relaxed);
            }
        }
        let shared = f32::from_bits(self.best.load(Ordering::Relaxed));
        match local {
            Some(local) => Some(local.max(shared)),
            None => (shared > 0.0).then_some(shared),
        }
    }
}

/// The dismax bound of some field scores: `max + (sum - max) * tie`, with slack.
fn bound(scores: impl Iterator<Item = Score>) -> Score {
    let (top, total) = scores.fold((0.0, 0.0), |(top, total): (Score, Score), s| {
        (top.max(s), total + s)
    });
    (top + (total - top) * TIE_BREAKER) * BOUND_SLACK
}

/// What scoring one document of a window knows.
struct Scored<'a> {
    bounds: &'a [Score],
    essential: &'a [bool],
    threshold: Option<Score>,
}

impl Scored<'_> {
    /// `doc`'s dismax score as tantivy's `DisjunctionMaxCombiner` adds it up (fields in
    /// order); `None` when it cannot reach the threshold (found from the fields' window
    /// bounds, then from the essential fields' real scores, before reading the others).
    fn score(
        &self,
        fields: &mut [Field],
        scores: &mut [Option<Score>],
        doc: DocId,
    ) -> Option<Score> {
        let present = |field: &Field| field.docs.docs.contains(doc);
        if let Some(threshold) = self.threshold {
            let bounds = fields.iter().zip(self.bounds).filter(|(f, _)| present(f));
            if bound(bounds.map(|(_, b)| *b)) < threshold {
                return None;
            }
        }
        for ((field, slot), &essential) in
            fields.iter_mut().zip(scores.iter_mut()).zip(self.essential)
        {
            *slot = (essential && present(field)).then(|| field.score(doc));
        }
        if let Some(threshold) = self.threshold {
            let known = fields.iter().zip(self.bounds).zip(scores.iter());
            let partial = known
                .filter(|((f, _), _)| present(f))
                .map(|((_, b), s)| s.unwrap_or(*b));
            if bound(partial) < threshold {
                return None;
            }
        }
        let (mut max, mut sum): (Score, Score) = (0.0, 0.0);
        for ((field, slot), &essential) in fields.iter_mut().zip(scores.iter()).zip(self.essential)
        {
            let score = match slot {
                Some(score) => *score,
                None if !essential && present(field) => field.score(doc),
                None => continue,
            };
            max = Score::max(score, max);
            sum += score;
        }
        Some(max + (sum - max) * TIE_BREAKER)
    }
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

/// The window's matched, alive documents that pass the filters (counted as hits), as
/// bitset words from `start`.
fn admit(
    start: DocId,
    matched: &[u64; WORDS],
    collector: &mut SegmentGather,
    reader: &SegmentReader,
) -> [u64; WORDS] {
    let mut hits = [0u64; WORDS];
    let alive = reader.alive_bitset();
    let first_word = (start / 64) as usize;
    let unfiltered = collector.unfiltered();
    for (i, (word, into)) in matched.iter().zip(hits.iter_mut()).enumerate() {
        if alive.is_none() && unfiltered {
            // Nothing to check per document: take the whole word.
            *into = *word;
        } else {
            let mut bits = *word;
            while bits != 0 {
                let bit = bits.trailing_zeros();
                bits &= bits - 1;
                let doc = start + i as DocId * 64 + bit;
                let deleted = alive.is_some_and(|alive| alive.is_deleted(doc));
                if !deleted && (unfiltered || collector.admit(doc).is_some()) {
                    *into |= 1 << bit;
                }
            }
        }
        if unfiltered {
            collector.add_hits(first_word + i, *into);
        }
    }
    hits
}
