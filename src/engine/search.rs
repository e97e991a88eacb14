//! Query + filters → hits, snippets, disjunctive facet counts, histograms.
//!
//! The flow of one search: the query text is parsed ([`crate::engine::query`]), compiled into
//! a [`Plan`] ([`build`]: a tantivy query, or one of the fast paths' shapes), executed once
//! with a collector that filters, ranks and counts in one pass ([`collect`], [`facets`],
//! [`fast`]); when nothing is found, typos are corrected from the index's
//! own words ([`typo`]) and the search runs again; the page of hits is then loaded and
//! highlighted ([`hits`], [`highlight`]).

use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use tantivy::{DateTime, Searcher};
use unicode_normalization::UnicodeNormalization;

use self::plan::Plan;
pub(crate) use self::segment_cache::SegmentCache;
use super::query::{self, Query};
use super::{
    Engine, FacetCount, FacetCounts, FacetName, Histogram, QueryInterpretation, SearchRequest,
    SearchResults, Sort, Suggestion,
};
use crate::error::Result;

mod build;
mod collect;
mod facets;
mod fast;
mod forms;
mod highlight;
mod hits;
mod parallel;
mod plan;
mod scopes;
mod segment_cache;
mod suggest;
mod terms;
mod typo;

/// Below this many hits, words that find nothing are checked for typos.
const FEW_HITS: u64 = 3;

/// How wide a search casts its net. `StemOnly` is the baseline the relevance test compares
/// against: plain Snowball stems on the section and title fields, nothing else.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Recall {
    /// Exact words, stems, compound parts, folded spellings, synonyms, typo correction.
    #[default]
    Full,
    /// Stemmed section/title fields only: no exact/parts/folded fields, synonyms or typos.
    StemOnly,
}

pub(crate) fn run(engine: &Engine, request: &SearchRequest) -> Result<SearchResults> {
    run_with(engine, request, Recall::Full)
}

pub(crate) fn run_with(
    engine: &Engine,
    request: &SearchRequest,
    recall: Recall,
) -> Result<SearchResults> {
    let started = Instant::now();
    let searcher = engine.reader.searcher();
    engine.segment_cache.keep_only(&searcher);
    let text: String = request.query.nfc().collect();
    let parsed = query::parse(&text);
    let mut search = Search {
        engine,
        searcher: &searcher,
        request,
        recall,
        interpretation: QueryInterpretation {
            normalized: parsed.query.to_string(),
            notes: parsed.notes,
            expansions: Vec::new(),
        },
        did_you_mean: None,
    };
    let (used, found) = search.with_fallbacks(parsed.query)?;
    let page: Vec<collect::Ranked> = found.hits.iter().skip(request.offset).copied().collect();
    let hits = hits::load(engine, &searcher, &page, &used, request.snippets, recall)?;
    Ok(SearchResults {
        total: found.total,
        hits,
        facets: if request.facets {
            facet_counts(&found)
        } else {
            Vec::new()
        },
        histogram: histogram(&found),
        interpretation: search.interpretation,
        did_you_mean: search.did_you_mean,
        took_micros: u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
    })
}

/// One search request on one searcher, with what it learns on the way.
struct Search<'a> {
    engine: &'a Engine,
    searcher: &'a Searcher,
    request: &'a SearchRequest,
    recall: Recall,
    interpretation: QueryInterpretation,
    did_you_mean: Option<String>,
}

impl Search<'_> {
    /// Run `query`; when it finds little, try typo corrections, then all-but-one of the
    /// words. Returns the query whose hits are shown, and the hits.
    fn with_fallbacks(&mut self, query: Query) -> Result<(Query, collect::Found)> {
        let found = self.run(&query, false, true)?;
        let full = self.recall == Recall::Full && !query.is_empty();
        if !full || found.total >= FEW_HITS {
            return Ok((query, found));
        }
        let (query, found) = self.corrected(query, found)?;
        // Two words: loosen only when nothing has both (one of two is a weak match). Longer
        // queries (pasted sentences) also when few items have every word; the items that
        // do have them all still rank first, matching more of the words.
        let words = required_words(&query);
        let loosen = (found.total == 0 && words >= 2) || words >= 3;
        if !loosen {
            return Ok((query, found));
        }
        let relaxed = self.run(&query, true, false)?;
        if relaxed.total <= found.total {
            return Ok((query, found));
        }
        let note = if found.total == 0 {
            "no item has every word: showing items with all but one"
        } else {
            "few items have every word: items with all but one are shown too"
        };
        self.interpretation.notes.push(note.into());
        Ok((query, relaxed))
    }

    /// The corrected query and its hits when that helps; else what was found as typed.
    fn corrected(
        &mut self,
        query: Query,
        found: collect::Found,
    ) -> Result<(Query, collect::Found)> {
        let Some((corrected, note)) = typo::correct(self.engine, self.searcher, &query) else {
            return Ok((query, found));
        };
        let again = self.run(&corrected, false, false)?;
        if again.total > found.total {
            self.did_you_mean = Some(corrected.to_string());
        }
        // Nothing found as typed: show what the correction finds instead.
        if found.total == 0 && again.total > 0 {
            self.interpretation.notes.push(note);
            return Ok((corrected, again));
        }
        Ok((query, found))
    }

    /// Compile and execute `query` under the request's filters. Notes and expansions are
    /// kept when `keep_notes` (the first run), or when a fallback's results are shown
    /// (expansions).
    fn run(&mut self, query: &Query, relax: bool, keep_notes: bool) -> Result<collect::Found> {
        let gather = gather_for(self.engine, self.request, query.is_empty());
        let synonyms = |word: &str| synonyms_of(self.engine, self.recall, word);
        let context = build::Context {
            fields: &self.engine.fields,
            tokenizers: self.engine.index.tokenizers(),
            searcher: self.searcher,
            recall: self.recall,
            synonyms: &synonyms,
        };
        let mode = plan::Mode {
            relax,
            fast_paths: gather.sort == Sort::Relevance,
        };
        let mut compiled = build::compile(&context, query, mode);
        let found = execute(self.searcher, &compiled.plan, &gather)?;
        let shown = &mut self.interpretation;
        if keep_notes || found.total > 0 {
            for expansion in compiled.expansions {
                if !shown.expansions.contains(&expansion) {
                    shown.expansions.push(expansion);
                }
            }
        }
        if keep_notes {
            shown.notes.append(&mut compiled.notes);
            shown.notes.dedup();
        }
        Ok(found)
    }
}

/// Run `plan` on every segment of `searcher`, gathering what `gather` asks.
fn execute(searcher: &Searcher, plan: &Plan, gather: &collect::Gather) -> Result<collect::Found> {
    let found = match plan {
        Plan::Tantivy(query) => parallel::search(searcher, query.as_ref(), gather)?,
        Plan::Word(terms) => {
            let options = fast::options(searcher, terms)?;
            fast::search(searcher, &options, gather)?
        }
        Plan::Phrase(options) => {
            let options = fast::phrase::weigh(searcher, options)?;
            fast::phrase::search(searcher, &options, gather)?
        }
    };
    Ok(found)
}

/// How many top-level clauses must match (the ones relaxing can loosen).
fn required_words(query: &Query) -> usize {
    query
        .clauses
        .iter()
        .filter(|c| matches!(c, query::Clause::Include(_)))
        .count()
}

/// The engine's synonym alternatives for `word` (none in the stem-only baseline).
pub(crate) fn synonyms_of(engine: &Engine, recall: Recall, word: &str) -> Vec<String> {
    match recall {
        Recall::Full => engine.synonyms.expand(word),
        Recall::StemOnly => Vec::new(),
    }
}

fn gather_for(engine: &Engine, request: &SearchRequest, empty_query: bool) -> collect::Gather {
    let mut wanted: Vec<Option<Vec<String>>> = vec![None; FacetName::ALL.len()];
    for (facet, values) in &request.filters.facets {
        let values: Vec<String> = values
            .iter()
            .filter(|v| !v.trim().is_empty())
            .cloned()
            .collect();
        let slot = FacetName::ALL
            .iter()
            .position(|f| f == facet)
            .and_then(|i| wanted.get_mut(i));
        if let (Some(slot), false) = (slot, values.is_empty()) {
            slot.get_or_insert_with(Vec::new).extend(values);
        }
    }
    // Nothing to rank by: an empty query lists everything newest first.
    let sort = match (request.sort, empty_query) {
        (Sort::Relevance, true) => Sort::Newest,
        (sort, _) => sort,
    };
    collect::Gather {
        wanted,
        from: request.filters.from.map(midnight),
        to: request.filters.to.map(midnight),
        sort,
        keep: request.offset.saturating_add(request.limit),
        facets: request.facets,
        cache: Arc::clone(&engine.segment_cache),
    }
}

/// The instant the index stores for a meeting on `date`.
fn midnight(date: NaiveDate) -> DateTime {
    let seconds = date
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp());
    DateTime::from_timestamp_secs(seconds)
}

/// Counts per facet: most frequent first (ties by name); years ascending.
fn facet_counts(found: &collect::Found) -> Vec<FacetCounts> {
    FacetName::ALL
        .iter()
        .zip(&found.counts)
        .map(|(facet, counts)| {
            let mut values: Vec<FacetCount> = counts
                .iter()
                .map(|(value, count)| FacetCount {
                    value: value.clone(),
                    count: *count,
                })
                .collect();
            if *facet == FacetName::Aar {
                values.sort_by(|a, b| a.value.cmp(&b.value));
            } else {
                values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            }
            FacetCounts {
                facet: *facet,
                values,
            }
        })
        .collect()
}

fn histogram(found: &collect::Found) -> Histogram {
    Histogram {
        years: found
            .years
            .iter()
            .filter_map(|(year, count)| Some((i32::try_from(*year).ok()?, *count)))
            .collect(),
        months: found
            .months
            .iter()
            .map(|(month, count)| (format!("{}-{:02}", month / 100, month % 100), *count))
            .collect(),
    }
}

pub(crate) fn suggest(engine: &Engine, prefix: &str, limit: usize) -> Result<Vec<Suggestion>> {
    suggest::suggest(engine, prefix, limit)
}

#[cfg(test)]
mod tests;
