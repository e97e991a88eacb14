//! One pass over the documents the text query matched: applies the facet and date filters,
//! keeps the best hits, and counts every facet DISJUNCTIVELY (a facet's counts ignore that
//! facet's own filter but apply all the others) plus the year/month histogram of the hits.
//!
//! The trick that makes it one pass: per document, note which facet filters it fails. No
//! failure: a hit, counted everywhere. Exactly one failure: counted only for the facet it
//! fails, since that facet's counts ignore its own filter. Two or more: counted nowhere.
//! The pass only marks documents in bitsets; the values are counted at harvest, per facet
//! (see [`DocOrds::count`]).

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::facets::FacetReader;
use super::segment_cache::{DocBits, DocColumns, DocOrds, SegmentCache};
use crate::engine::{FacetName, Sort};

/// Routine items (welcome, break, any other business) keep this share of their score.
const ROUTINE_FACTOR: f32 = 0.3;

/// What to collect.
pub(crate) struct Gather {
    /// Wanted values per facet, in [`FacetName::ALL`] order; `None` = no filter.
    pub wanted: Vec<Option<Vec<String>>>,
    pub from: Option<DateTime>,
    pub to: Option<DateTime>,
    pub sort: Sort,
    /// How many of the best hits to keep (offset + limit).
    pub keep: usize,
    pub facets: bool,
    /// What the engine keeps per segment.
    pub cache: Arc<SegmentCache>,
}

/// A hit in rank order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ranked {
    pub score: f32,
    pub dato: i64,
    /// Item number within its meeting: equal scores of one meeting's items rank in agenda
    /// order, the same after every re-index (document order depends on writer threads).
    pub number: u32,
    pub doc: DocAddress,
}

/// What the pass found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub total: u64,
    pub hits: Vec<Ranked>,
    /// Per facet in [`FacetName::ALL`] order: value → count.
    pub counts: Vec<HashMap<String, u64>>,
    pub years: BTreeMap<u64, u64>,
    pub months: BTreeMap<u64, u64>,
}

impl Collector for Gather {
    type Fruit = Found;
    type Child = SegmentGather;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let fast = segment.fast_fields();
        let facets = FacetName::ALL
            .iter()
            .zip(&self.wanted)
            .map(|(facet, wanted)| {
                FacetReader::open(segment, *facet, wanted.as_deref(), self.facets, &self.cache)
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let aar = fast.u64("aar")?;
        let maaned = fast.u64("maaned")?;
        let max_doc = segment.max_doc();
        let (dato, routine) = (fast.date("dato")?, fast.u64("routine")?);
        let number = fast.u64("number")?;
        let numbers = |key: &'static str, column: &Column<u64>| {
            self.cache.ords(segment.segment_id(), key, || {
                DocOrds::of_numbers(column, max_doc)
            })
        };
        let failing_only = |index: usize| {
            let filtered = self.wanted.get(index).is_some_and(Option::is_some);
            (self.facets && filtered).then(|| DocBits::new(max_doc))
        };
        let filtering = (0..facets.len())
            .filter(|&index| facets.get(index).is_some_and(FacetReader::filters))
            .collect();
        Ok(SegmentGather {
            ord,
            filtering,
            facets,
            columns: self.cache.columns(segment.segment_id(), || {
                DocColumns::build(&dato, &routine, &number, max_doc)
            }),
            years: numbers("aar", &aar),
            months: numbers("maaned", &maaned),
            from: self.from.map(DateTime::into_timestamp_secs),
            to: self.to.map(DateTime::into_timestamp_secs),
            sort: self.sort,
            keep: self.keep,
            count_facets: self.facets,
            found: Found::default(),
            worst_kept: None,
            failing: Vec::with_capacity(FacetName::ALL.len()),
            matched: DocBits::new(max_doc),
            failing_only: (0..FacetName::ALL.len()).map(failing_only).collect(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == Sort::Relevance
    }

    fn merge_fruits(&self, fruits: Vec<Found>) -> tantivy::Result<Found> {
        let mut merged = Found {
            counts: vec![HashMap::new(); FacetName::ALL.len()],
            ..Found::default()
        };
        for fruit in fruits {
            merged.total += fruit.total;
            merged.hits.extend(fruit.hits);
            for (into, from) in merged.counts.iter_mut().zip(fruit.counts) {
                for (value, count) in from {
                    *into.entry(value).or_default() += count;
                }
            }
            add_all(&mut merged.years, fruit.years);
            add_all(&mut merged.months, fruit.months);
        }
        trim(&mut merged.hits, self.sort, self.keep);
        Ok(merged)
    }
}

fn add_all(into: &mut BTreeMap<u64, u64>, from: BTreeMap<u64, u64>) {
    for (key, count) in from {
        *into.entry(key).or_default() += count;
    }
}

pub(crate) struct SegmentGather {
    ord: SegmentOrdinal,
    /// Indexes of the facets with a filter: the only ones a document can fail.
    filtering: Vec<usize>,
    facets: Vec<FacetReader>,
    columns: Arc<DocColumns>,
    /// The segment's years and months (`year*100+month`), for the histogram.
    years: Arc<DocOrds>,
    months: Arc<DocOrds>,
    from: Option<i64>,
    to: Option<i64>,
    sort: Sort,
    keep: usize,
    count_facets: bool,
    found: Found,
    /// The last of the best `keep` hits so far, once there are that many: a hit that ranks
    /// after it can never make the page, so it is counted but not kept (no sorting per hit).
    worst_kept: Option<Ranked>,
    /// Scratch: indexes of the facets the current document fails.
    failing: Vec<usize>,
    /// The hits: counted in every facet and the histogram.
    matched: DocBits,
    /// Per facet, the documents that fail only its filter (counted only there); `None` for
    /// a facet without a filter (nothing fails it) or when facets are not counted.
    failing_only: Vec<Option<DocBits>>,
}

impl SegmentCollector for SegmentGather {
    type Fruit = Found;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(dato) = self.admit(doc) {
            self.hit(doc, score, dato);
        }
    }

    fn harvest(mut self) -> Found {
        let facets = self.facets.iter_mut().zip(&self.failing_only);
        for (facet, failing_only) in facets.filter(|_| self.count_facets) {
            facet.count_all(&self.matched);
            if let Some(failing_only) = failing_only {
                facet.count_all(failing_only);
            }
        }
        self.found.counts = self.facets.iter().map(FacetReader::harvest).collect();
        self.found.years = by_key(&self.years, &self.matched);
        self.found.months = by_key(&self.months, &self.matched);
        trim(&mut self.found.hits, self.sort, self.keep);
        self.found
    }
}

/// How many of `docs` have each value of a number column.
fn by_key(ords: &DocOrds, docs: &DocBits) -> BTreeMap<u64, u64> {
    let mut counts = vec![0; ords.keys.len()];
    ords.count(docs, &mut counts);
    ords.keys
        .iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .map(|(key, count)| (*key, count))
        .collect()
}

impl SegmentGather {
    /// Apply the filters to a matched document: a hit is counted (in the total and for the
    /// facets) and its date returned for ranking; a document failing exactly one facet
    /// filter is noted for that facet's counts.
    pub fn admit(&mut self, doc: DocId) -> Option<i64> {
        let dato = self.columns.dato(doc);
        let in_range =
            self.from.is_none_or(|from| dato >= from) && self.to.is_none_or(|to| dato <= to);
        if !in_range {
            return None;
        }
        self.failing.clear();
        for &index in &self.filtering {
            if self
                .facets
                .get(index)
                .is_some_and(|facet| !facet.passes(doc))
            {
                self.failing.push(index);
            }
        }
        match self.failing.as_slice() {
            [] => {
                self.matched.insert(doc);
                self.found.total += 1;
                return Some(dato);
            }
            [only] => {
                if let Some(Some(docs)) = self.failing_only.get_mut(*only) {
                    docs.insert(doc);
                }
            }
            _ => {}
        }
        None
    }

    /// Whether every matched document is a hit (no facet filter, no date range).
    pub fn unfiltered(&self) -> bool {
        self.filtering.is_empty() && self.from.is_none() && self.to.is_none()
    }

    /// Add matched documents as hits when [`Self::unfiltered`]: the documents of `word`
    /// (bit `i` = document `index * 64 + i`), counted once each.
    pub fn add_hits(&mut self, index: usize, word: u64) {
        self.found.total += self.matched.add_word(index, word);
    }

    /// The meeting date of `doc`, as ranking wants it.
    pub fn dato(&self, doc: DocId) -> i64 {
        self.columns.dato(doc)
    }

    /// The score a relevance-ranked hit must reach to possibly make the page (a tie can
    /// still win on date); `None` until the page is full.
    pub fn threshold(&self) -> Option<Score> {
        (self.sort == Sort::Relevance)
            .then(|| self.worst_kept.map(|worst| worst.score))
            .flatten()
    }

    /// Rank an admitted hit (see [`Self::admit`]) with its score.
    pub fn hit(&mut self, doc: DocId, score: Score, dato: i64) {
        // Most hits of a broad search rank below the page already kept on their first key
        // (date for a date sort, score for relevance): skip reading their other columns.
        let older = |worst: &Ranked| match self.sort {
            Sort::Relevance => false,
            Sort::Newest => dato < worst.dato,
            Sort::Oldest => dato > worst.dato,
        };
        if self.worst_kept.as_ref().is_some_and(older) {
            return;
        }
        let score = if self.columns.routine(doc) {
            score * ROUTINE_FACTOR
        } else {
            score
        };
        let worse = |worst: &Ranked| score.total_cmp(&worst.score) == Ordering::Less;
        if self.sort == Sort::Relevance && self.worst_kept.as_ref().is_some_and(worse) {
            return;
        }
        let ranked = Ranked {
            score,
            dato,
            number: self.columns.number(doc),
            doc: DocAddress::new(self.ord, doc),
        };
        if let Some(worst) = &self.worst_kept {
            if rank(&ranked, worst, self.sort) != Ordering::Less {
                return;
            }
        }
        self.found.hits.push(ranked);
        if self.found.hits.len() >= self.keep.saturating_mul(2).max(64) {
            trim(&mut self.found.hits, self.sort, self.keep);
            if self.found.hits.len() >= self.keep {
                self.worst_kept = self.found.hits.last().copied();
            }
        }
    }
}

/// Sort `hits` into rank order and keep the first `keep`.
fn trim(hits: &mut Vec<Ranked>, sort: Sort, keep: usize) {
    hits.sort_by(|a, b| rank(a, b, sort));
    hits.truncate(keep);
}

/// Rank order: best first, ties newest first (then index order, so pages are stable).
pub(crate) fn rank(a: &Ranked, b: &Ranked, sort: Sort) -> Ordering {
    let by_score = || b.score.total_cmp(&a.score);
    let primary = match sort {
        Sort::Relevance => by_score().then(b.dato.cmp(&a.dato)),
        Sort::Newest => b.dato.cmp(&a.dato).then_with(by_score),
        Sort::Oldest => a.dato.cmp(&b.dato).then_with(by_score),
    };
    primary
        .then(a.number.cmp(&b.number))
        .then(a.doc.cmp(&b.doc))
}
