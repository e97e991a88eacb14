//! The fast path for one plain word against tantivy's own scorers on the same index: same
//! total, same hits with bit-identical scores, same facet counts and histogram; with several
//! segments, deleted documents, filters and enough documents that windows get pruned.

use tantivy::IndexWriter;

use super::super::plan::Plan;
use super::generated::{self, request, Corpus, Lcg};
use super::*;

const WORDS: [&str; 10] = [
    "lægedækning",
    "psykiatri",
    "sundhedsaftale",
    "kommune",
    "akutfunktion",
    "udskrivning",
    "borger",
    "sygehus",
    "rehabilitering",
    "velkommen",
];

/// Words skewed to the front of [`WORDS`], repeated now and then (term frequencies).
fn text(rng: &mut Lcg, min: u64, spread: u64) -> String {
    let len = min + rng.below(spread);
    let mut out = Vec::new();
    for _ in 0..len {
        let word = WORDS[(rng.below(10) * rng.below(10) / 9) as usize];
        out.push(if rng.below(4) == 0 { "og" } else { word });
    }
    out.join(" ")
}

/// Meetings whose first item is routine (Velkomst); the items marked `slettes` are deleted.
const CORPUS: Corpus = Corpus {
    seed: 7,
    text,
    first_title: Some("Velkomst"),
    deleted: "slettes",
};

/// About 4,800 items of [`CORPUS`] in three segments.
fn generated_index() -> TempIndex {
    CORPUS.index()
}

/// Tantivy's path and the plain-word fast path, shown the same way.
fn both(engine: &Engine, request: &SearchRequest) -> (String, String) {
    generated::both(engine, request, |plan| matches!(plan, Plan::Word(_)))
}

#[test]
fn every_word_finds_the_same_hits_scores_and_counts_as_tantivy() {
    let index = generated_index();
    let engine = &index.engine;
    assert!(engine.reader.searcher().segment_readers().len() >= 3);
    for word in WORDS {
        for limit in [1, 10, 100] {
            let (slow, fast) = both(engine, &request(word, limit, |_| {}));
            assert_eq!(slow, fast, "`{word}`, top {limit}");
        }
    }
}

#[test]
fn filtered_words_find_the_same_hits_and_counts_as_tantivy() {
    let index = generated_index();
    let engine = &index.engine;
    for word in WORDS {
        let by_klynge = request(word, 10, |r| {
            r.filters.facets = vec![(FacetName::Klynge, vec!["Lillebælt".to_owned()])];
        });
        let by_date = request(word, 10, |r| {
            r.filters.from = NaiveDate::from_ymd_opt(2022, 3, 1);
            r.filters.to = NaiveDate::from_ymd_opt(2024, 6, 30);
        });
        for request in [by_klynge, by_date] {
            let (slow, fast) = both(engine, &request);
            assert_eq!(slow, fast, "`{word}` with {:?}", request.filters);
        }
    }
}

#[test]
fn deleted_items_are_neither_counted_nor_shown() {
    let index = generated_index();
    let engine = &index.engine;
    let (slow, fast) = both(engine, &request("slettes", 10, |_| {}));
    assert_eq!(slow, fast);
    assert!(
        fast.starts_with("0 []"),
        "deleted items still found: {fast}"
    );
    let found = engine
        .search(&request("slettes", 10, |_| {}))
        .expect("search runs");
    assert_eq!(found.total, 0);
}

#[test]
fn cached_words_score_as_tantivy_after_the_index_grows() {
    let index = generated_index();
    let engine = &index.engine;
    for word in WORDS {
        let (slow, fast) = both(engine, &request(word, 10, |_| {}));
        assert_eq!(slow, fast, "`{word}` before the index grows");
    }
    // A new segment changes every term's statistics: cached bounds must not be reused.
    let mut writer: IndexWriter = engine.index.writer(15_000_000).expect("a writer");
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let mut rng = Lcg(11);
    for n in 0..150 {
        let meeting = CORPUS.meeting(1000 + n, &mut rng);
        for item in &meeting.items {
            writer
                .add_document(item_document(&engine.fields, &meeting, item))
                .expect("generated documents are valid");
        }
    }
    writer.commit().expect("commit");
    engine.reader.reload().expect("reader reloads");
    for word in WORDS {
        let (slow, fast) = both(engine, &request(word, 10, |_| {}));
        assert_eq!(slow, fast, "`{word}` after the index grows");
    }
}
