//! The fast path for one quoted phrase ranked by relevance: the phrase's dismax over its
//! per-field phrases, run by hand instead of through tantivy's scorers, with the same scores
//! bit for bit and the same total, facets and histogram.
//!
//! tantivy checks the positions of every document that has all the phrase's words, in every
//! field, and scores it. Here a field's candidates are the AND of its terms' document bitsets
//! (cached for broad terms, see [`super::termdocs`]); a candidate counts once the phrase is
//! found in one field (the field with the most candidates first: `exact` holds the whole
//! item), and is scored only when its bound can reach the page: first each candidate field's
//! best score (`Bm25Weight::max_score`, dismax-combined), then each field's length and its
//! rarest term's frequency (a phrase occurs at most that often). Scoring follows tantivy: per field `PhraseWeight`'s
//! `Bm25Weight::for_terms(searcher, phrase_terms).boost_by(boost)` of the phrase count
//! (a one-word field is a `TermQuery`: its term frequency), combined as
//! `max + (sum - max) * tie` over the fields the phrase is in, in the options' order.

use std::sync::atomic::AtomicU32;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, PhraseQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use super::super::collect::{Found, Gather, SegmentGather};
use super::super::plan::PhraseOption;
use super::super::plan::TIE_BREAKER;
use super::super::segment_cache::{norms, DocBits};
use super::{bound, PageThreshold};

/// One option of the phrase, weighted over the whole searcher.
pub(crate) struct Weighted {
    /// `(offset, term)` sorted by offset, as `PhraseQuery` keeps them.
    terms: Vec<(usize, Term)>,
    /// Each term's own weight: the key of its cached documents.
    term_weights: Vec<Bm25Weight>,
    weight: Bm25Weight,
}

/// The phrase's options weighted as tantivy's `PhraseQuery` (or `TermQuery` for one term)
/// under a `BoostQuery` would be.
pub(crate) fn weigh(
    searcher: &Searcher,
    options: &[PhraseOption],
) -> tantivy::Result<Vec<Weighted>> {
    options
        .iter()
        .map(|option| {
            let mut terms = option.terms.clone();
            terms.sort_by_key(|&(offset, _)| offset);
            let weight = match terms.as_slice() {
                [(_, only)] => Bm25Weight::for_terms(searcher, std::slice::from_ref(only))?,
                _ => {
                    let query = PhraseQuery::new_with_offset(option.terms.clone());
                    Bm25Weight::for_terms(searcher, &query.phrase_terms())?
                }
            };
            let term_weights = terms
                .iter()
                .map(|(_, term)| Bm25Weight::for_terms(searcher, std::slice::from_ref(term)))
                .collect::<tantivy::Result<_>>()?;
            Ok(Weighted {
                terms,
                term_weights,
                weight: weight.boost_by(option.boost),
            })
        })
        .collect()
}

/// Every segment's hits for the phrase's `options` under `gather` (relevance order).
pub(crate) fn search(
    searcher: &Searcher,
    options: &[Weighted],
    gather: &Gather,
) -> tantivy::Result<Found> {
    super::each_segment(searcher, gather, |ord, reader, best| {
        segment(gather, ord, reader, options, best)
    })
}

/// One option of the phrase in one segment; `None` in the option list when the segment
/// lacks one of its terms.
struct Field {
    /// The documents with every term of the phrase.
    candidates: DocBits,
    /// Each term's postings and how far its positions are shifted (tantivy's offsets).
    postings: Vec<(u32, SegmentPostings)>,
    norms: FieldNormReader,
    weight: Bm25Weight,
    /// The most the weight scores (any length, any count).
    max_score: Score,
    left: Vec<u32>,
    right: Vec<u32>,
}

impl Field {
    fn open(
        gather: &Gather,
        reader: &SegmentReader,
        option: &Weighted,
    ) -> tantivy::Result<Option<Field>> {
        let Some((_, first)) = option.terms.first() else {
            return Ok(None);
        };
        let inverted = reader.inverted_index(first.field())?;
        let last = option.terms.last().map_or(0, |(offset, _)| *offset);
        let mut candidates: Option<DocBits> = None;
        let mut postings = Vec::with_capacity(option.terms.len());
        for ((offset, term), unboosted) in option.terms.iter().zip(&option.term_weights) {
            let Some(docs) = gather.cache.terms.get(reader, term, unboosted)? else {
                return Ok(None);
            };
            let record = IndexRecordOption::WithFreqsAndPositions;
            let Some(read) = inverted.read_postings(term, record)? else {
                return Ok(None);
            };
            match candidates.as_mut() {
                None => candidates = Some(docs.docs.clone()),
                Some(candidates) => candidates.intersect_with(&docs.docs),
            }
            let shift = u32::try_from(last - offset).unwrap_or(u32::MAX);
            postings.push((shift, read));
        }
        let Some(candidates) = candidates else {
            return Ok(None);
        };
        Ok(Some(Field {
            candidates,
            postings,
            norms: norms(reader, first.field())?,
            weight: option.weight.clone(),
            max_score: option.weight.max_score(),
            left: Vec::new(),
            right: Vec::new(),
        }))
    }

    fn word(&self, index: usize) -> u64 {
        self.candidates.word(index)
    }

    /// Move every term's postings to `doc` (a candidate: each has it); asked in order.
    fn seek(&mut self, doc: DocId) {
        for (_, postings) in &mut self.postings {
            if postings.doc() < doc {
                postings.seek(doc);
            }
        }
    }

    /// How often the phrase occurs in `doc`, a candidate (tantivy's `PhraseScorer` without
    /// slop: the terms' shifted positions intersected; one term: its frequency).
    fn count(&mut self, doc: DocId) -> u32 {
        self.seek(doc);
        let Some(((shift, first), rest)) = self.postings.split_first_mut() else {
            return 0;
        };
        if rest.is_empty() {
            return first.term_freq();
        }
        first.positions_with_offset(*shift, &mut self.left);
        for (shift, postings) in rest {
            if self.left.is_empty() {
                return 0;
            }
            postings.positions_with_offset(*shift, &mut self.right);
            intersect(&mut self.left, &self.right);
        }
        u32::try_from(self.left.len()).unwrap_or(u32::MAX)
    }

    /// The most `doc`'s phrase count here can score: the phrase occurs at most as often as
    /// its rarest term.
    fn upper(&mut self, doc: DocId) -> Score {
        self.seek(doc);
        let freq = self.postings.iter().map(|(_, p)| p.term_freq()).min();
        self.score(doc, freq.unwrap_or(0))
    }

    fn score(&self, doc: DocId, count: u32) -> Score {
        self.weight.score(self.norms.fieldnorm_id(doc), count)
    }
}

/// Keep in `left` the values also in `right` (both sorted, without repeats).
fn intersect(left: &mut Vec<u32>, right: &[u32]) {
    let mut kept = 0;
    let mut at = 0;
    for i in 0..left.len() {
        let value = left[i];
        while right.get(at).is_some_and(|&r| r < value) {
            at += 1;
        }
        if right.get(at) == Some(&value) {
            left[kept] = value;
            kept += 1;
        }
    }
    left.truncate(kept);
}

fn segment(
    gather: &Gather,
    ord: SegmentOrdinal,
    reader: &SegmentReader,
    options: &[Weighted],
    best: &AtomicU32,
) -> tantivy::Result<Found> {
    let mut collector = gather.for_segment(ord, reader)?;
    let mut fields = Vec::with_capacity(options.len());
    for option in options {
        fields.extend(Field::open(gather, reader, option)?);
    }
    // Likeliest field first: the one with the most candidates (`exact`, the whole item).
    let mut order: Vec<usize> = (0..fields.len()).collect();
    let candidates = |f: &Field| f.candidates.len();
    order.sort_by_key(|&i| std::cmp::Reverse(fields.get(i).map_or(0, candidates)));
    let mut doc_scores = Scoring {
        fields,
        order,
        counts: Vec::new(),
        page: PageThreshold { best, shared: 0 },
    };
    doc_scores.counts = vec![None; doc_scores.fields.len()];
    let alive = reader.alive_bitset();
    let unfiltered = collector.unfiltered();
    for index in 0..reader.max_doc().div_ceil(64) as usize {
        let mut bits = doc_scores.fields.iter().fold(0, |u, f| u | f.word(index));
        let mut hits = 0u64;
        while bits != 0 {
            let bit = bits.trailing_zeros();
            bits &= bits - 1;
            let doc = index as DocId * 64 + bit;
            if alive.is_some_and(|alive| alive.is_deleted(doc)) || !doc_scores.matches(doc, index) {
                continue;
            }
            let dato = if unfiltered {
                hits |= 1 << bit;
                collector.dato(doc)
            } else {
                match collector.admit(doc) {
                    Some(dato) => dato,
                    None => continue,
                }
            };
            if let Some(score) = doc_scores.score(doc, index, &collector) {
                collector.hit(doc, score, dato);
            }
        }
        if unfiltered && hits != 0 {
            collector.add_hits(index, hits);
        }
    }
    Ok(collector.harvest())
}

/// The fields of one segment and what is known of the current document.
struct Scoring<'a> {
    fields: Vec<Field>,
    /// Field indexes, likeliest first.
    order: Vec<usize>,
    /// The current document's phrase count per field, where read.
    counts: Vec<Option<u32>>,
    page: PageThreshold<'a>,
}

impl Scoring<'_> {
    /// Whether the phrase is in `doc` (in word `index`) in some field; stops at the first.
    fn matches(&mut self, doc: DocId, index: usize) -> bool {
        self.counts.iter_mut().for_each(|c| *c = None);
        for &i in &self.order {
            let (Some(field), Some(slot)) = (self.fields.get_mut(i), self.counts.get_mut(i)) else {
                continue;
            };
            if field.word(index) & (1 << (doc % 64)) == 0 {
                continue;
            }
            let count = field.count(doc);
            *slot = Some(count);
            if count > 0 {
                return true;
            }
        }
        false
    }

    /// `doc`'s dismax score as tantivy adds it up (fields in order); `None` when a bound
    /// shows it cannot reach the page.
    fn score(&mut self, doc: DocId, index: usize, collector: &SegmentGather) -> Option<Score> {
        let bit = 1 << (doc % 64);
        if let Some(threshold) = self.page.get(collector) {
            // First from what costs nothing: the counts read, else each field's best score.
            let fields = self.fields.iter().zip(&self.counts);
            let bounds = fields
                .filter(|(f, _)| f.word(index) & bit != 0)
                .map(|(f, count)| match count {
                    Some(count) => f.score(doc, *count),
                    None => f.max_score,
                });
            if bound(bounds) < threshold {
                return None;
            }
            let fields = self.fields.iter_mut().zip(&self.counts);
            let bounds = fields
                .filter(|(f, _)| f.word(index) & bit != 0)
                .map(|(f, count)| match count {
                    Some(count) => f.score(doc, *count),
                    None => f.upper(doc),
                });
            if bound(bounds) < threshold {
                return None;
            }
        }
        let (mut max, mut sum): (Score, Score) = (0.0, 0.0);
        for (field, count) in self.fields.iter_mut().zip(&self.counts) {
            if field.word(index) & bit == 0 {
                continue;
            }
            let count = count.unwrap_or_else(|| field.count(doc));
            if count == 0 {
                continue;
            }
            let score = field.score(doc, count);
            max = Score::max(score, max);
            sum += score;
        }
        Some(max + (sum - max) * TIE_BREAKER)
    }
}
