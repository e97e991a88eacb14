//! The fast path for one quoted phrase against tantivy's own scorers on the same index: same
//! total, same hits with bit-identical scores, same facet counts and histogram; with several
//! segments, deleted documents, filters, stop words, numbers and words that also occur apart.

use tantivy::{IndexWriter, Term};

use super::super::{build, fast, parallel, plan, synonyms_of, Recall};
use super::*;
use crate::engine::query;

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

/// A small deterministic generator (the test must not depend on a crate's sequence).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }

    /// Words skewed to the front of [`VOCABULARY`]; now and then a whole "kom trygt hjem".
    fn text(&mut self, min: u64, spread: u64) -> String {
        let len = min + self.below(spread);
        let mut out = Vec::new();
        for _ in 0..len {
            if self.below(12) == 0 {
                out.push("kom trygt hjem");
            } else {
                let at = (self.below(12) * self.below(12) / 11) as usize;
                out.push(VOCABULARY.get(at).copied().unwrap_or("og"));
            }
        }
        out.join(" ")
    }
}

fn generated_meeting(n: u64, rng: &mut Lcg) -> Meeting {
    use SectionKind::*;
    let items = (1..=8)
        .map(|number| {
            let title = rng.text(1, 4);
            let mut sections = vec![section(Sagsfremstilling, &rng.text(5, 60))];
            if rng.below(3) == 0 {
                sections.push(section(Beslutning, &rng.text(1, 8)));
            }
            if rng.below(4) == 0 {
                sections.push(section(Resume, &rng.text(3, 15)));
            }
            if n % 7 == 0 && number == 2 {
                sections.push(section(Tekst, "slettes trygt"));
            }
            item(number, &title, sections, Enrichment::default())
        })
        .collect();
    let klynge = ["Sydvestjylland", "Sønderjylland", "Lillebælt"][(n % 3) as usize];
    let dato = format!("{}-{:02}-{:02}", 2021 + n % 5, 1 + n % 12, 1 + n % 28);
    meeting(
        &format!("Sundhedsklynge {klynge}"),
        klynge,
        Niveau::Politisk,
        &dato,
        items,
    )
}

/// About 4,800 items in three segments, the ones marked `slettes` deleted.
fn generated_index() -> TempIndex {
    let index = super::index();
    let engine = &index.engine;
    let mut writer: IndexWriter = engine.index.writer(15_000_000).expect("a writer");
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    writer
        .delete_all_documents()
        .expect("the fixture can be emptied");
    let mut rng = Lcg(5);
    for batch in 0..3 {
        for n in 0..200 {
            let meeting = generated_meeting(batch * 200 + n, &mut rng);
            for item in &meeting.items {
                writer
                    .add_document(item_document(&engine.fields, &meeting, item))
                    .expect("generated documents are valid");
            }
        }
        writer.commit().expect("commit");
    }
    writer.delete_term(Term::from_field_text(engine.fields.exact, "slettes"));
    writer.commit().expect("commit of the deletes");
    engine.reader.reload().expect("reader reloads");
    index
}

/// `(total, hits as (doc, score bits, dato, number), counts, years, months)` of both paths.
fn both(engine: &Engine, request: &SearchRequest) -> (String, String) {
    let searcher = engine.reader.searcher();
    let parsed = query::parse(&request.query).query;
    let synonyms = |word: &str| synonyms_of(engine, Recall::Full, word);
    let mut builder = build::Builder {
        fields: &engine.fields,
        tokenizers: engine.index.tokenizers(),
        searcher: &searcher,
        recall: Recall::Full,
        synonyms: &synonyms,
        notes: Vec::new(),
        expansions: Vec::new(),
        relax: false,
        plain_word: None,
        plain_phrase: None,
        phrase_options: Vec::new(),
    };
    let slow_query = builder.query(&parsed);
    let options = builder.plain_phrase.expect("a phrase without synonyms");
    let plan = plan(engine, request, false);
    let slow = parallel::search(&searcher, slow_query.as_ref(), &plan).expect("slow path");
    let options = fast::phrase::weigh(&searcher, &options).expect("weights");
    let fast = fast::phrase::search(&searcher, &options, &plan).expect("fast path");
    let show = |found: &crate::engine::search::collect::Found| {
        let hits: Vec<_> = found
            .hits
            .iter()
            .map(|h| (h.doc, h.score.to_bits(), h.dato, h.number))
            .collect();
        let mut counts: Vec<Vec<(&String, &u64)>> =
            found.counts.iter().map(|c| c.iter().collect()).collect();
        counts.iter_mut().for_each(|c| c.sort());
        format!(
            "{} {hits:?} {counts:?} {:?} {:?}",
            found.total, found.years, found.months
        )
    };
    (show(&slow), show(&fast))
}

fn request(phrase: &str, limit: usize, edit: impl FnOnce(&mut SearchRequest)) -> SearchRequest {
    let mut request = SearchRequest {
        query: format!("\"{phrase}\""),
        limit,
        facets: true,
        ..SearchRequest::default()
    };
    edit(&mut request);
    request
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
