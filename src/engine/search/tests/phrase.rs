//! The fast path for one quoted phrase against tantivy's own scorers on the same index: same
//! total, same hits with bit-identical scores, same facet counts and histogram; with several
//! segments, deleted documents, filters, stop words, numbers and words that also occur apart.

use super::super::plan::Plan;
use super::generated::{self, Corpus, Lcg};
use super::*;

/// The generated texts' words: phrases of them occur both adjacent and apart ("trygt" only
/// in a whole "kom trygt hjem").
const VOCABULARY: [&str; 12] = [
    "kom", "sygehus", "hjem", "og", "i", "almen", "praksis", "borger", "2024", "covid-19", "1.200",
    "kommune",
];

/// Phrases of 2–4 words: stop words, numbers, split tokens, a repeated word, one that only
/// occurs as words apart from each other.
const PHRASES: [&str; 12] = [
    "kom trygt hjem",
    "kom trygt",
    "trygt hjem",
    "almen praksis",
    "borger og kommune",
    "i kommune",
    "praksis i 2024",
    "covid-19 borger",
    "1.200 borger og",
    "kommune kommune",
    "hjem og kom trygt",
    "slettes trygt",
];

/// Words skewed to the front of [`VOCABULARY`]; now and then a whole "kom trygt hjem".
fn text(rng: &mut Lcg, min: u64, spread: u64) -> String {
    let len = min + rng.below(spread);
    let mut out = Vec::new();
    for _ in 0..len {
        if rng.below(12) == 0 {
            out.push("kom trygt hjem");
        } else {
            let at = (rng.below(12) * rng.below(12) / 11) as usize;
            out.push(VOCABULARY.get(at).copied().unwrap_or("og"));
        }
    }
    out.join(" ")
}

/// About 4,800 items in three segments, the ones marked `slettes` deleted.
fn generated_index() -> TempIndex {
    Corpus {
        seed: 5,
        text,
        first_title: None,
        deleted: "slettes trygt",
    }
    .index()
}

/// `phrase` quoted, a first page of `limit` hits with facets, edited by `edit`.
fn request(phrase: &str, limit: usize, edit: impl FnOnce(&mut SearchRequest)) -> SearchRequest {
    generated::request(&format!("\"{phrase}\""), limit, edit)
}

/// Tantivy's path and the phrase fast path, shown the same way.
fn both(engine: &Engine, request: &SearchRequest) -> (String, String) {
    generated::both(engine, request, |plan| matches!(plan, Plan::Phrase(_)))
}

#[test]
fn every_phrase_finds_the_same_hits_scores_and_counts_as_tantivy() {
    let index = generated_index();
    let engine = &index.engine;
    assert!(engine.reader.searcher().segment_readers().len() >= 3);
    let mut found_some = 0;
    for phrase in PHRASES {
        for limit in [1, 10, 100] {
            let (slow, fast) = both(engine, &request(phrase, limit, |_| {}));
            assert_eq!(slow, fast, "`{phrase}`, top {limit}");
            found_some += usize::from(!fast.starts_with("0 "));
        }
    }
    // The comparison means something only when most phrases find items.
    assert!(found_some >= 30, "only {found_some} runs found anything");
}

#[test]
fn filtered_phrases_find_the_same_hits_and_counts_as_tantivy() {
    let index = generated_index();
    let engine = &index.engine;
    for phrase in PHRASES {
        let by_klynge = request(phrase, 10, |r| {
            r.filters.facets = vec![(FacetName::Klynge, vec!["Lillebælt".to_owned()])];
        });
        let by_date = request(phrase, 10, |r| {
            r.filters.from = NaiveDate::from_ymd_opt(2022, 3, 1);
            r.filters.to = NaiveDate::from_ymd_opt(2024, 6, 30);
        });
        for request in [by_klynge, by_date] {
            let (slow, fast) = both(engine, &request);
            assert_eq!(slow, fast, "`{phrase}` with {:?}", request.filters);
        }
    }
}

#[test]
fn words_found_apart_or_only_in_deleted_items_match_nothing() {
    let index = generated_index();
    let engine = &index.engine;
    // "trygt" follows "kom" in every generated "kom trygt hjem", never the other way round.
    let (slow, fast) = both(engine, &request("trygt kom", 10, |_| {}));
    assert_eq!(slow, fast);
    assert!(fast.starts_with("0 []"), "words apart matched: {fast}");
    let (slow, fast) = both(engine, &request("slettes trygt", 10, |_| {}));
    assert_eq!(slow, fast);
    assert!(fast.starts_with("0 []"), "deleted items were found: {fast}");
}
