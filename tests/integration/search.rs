//! Search over the five seeds (41 items), indexed once. Expected counts come from reading
//! the seeds: 000 Sydvestjylland 2024-11-11 (9 items), 001 Sydvestjylland 2024-03-01 (7),
//! 002 Sønderjylland fagligt strategisk 2024-04-22 (3), 003 Sundhedsdirektørkredsen
//! 2024-02-07 (4), 004 Sydvestjylland fagligt strategisk 2025-09-12 (18).

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use referat::engine::indexer::{index_paths, NoProgress};
use referat::engine::{Engine, FacetName, Filters, Recall, SearchRequest, SearchResults, Sort};

use crate::common::seeds_dir;

/// The seeds indexed once for every test here (searching never writes).
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let dir: PathBuf =
            std::env::temp_dir().join(format!("referat-it-search-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        index_paths(&dir, &[seeds_dir()], &NoProgress).expect("the seeds index");
        Engine::open(&dir).expect("the seed index opens")
    })
}

fn request(query: &str, facets: &[(FacetName, &[&str])]) -> SearchRequest {
    SearchRequest {
        query: query.to_owned(),
        filters: Filters {
            facets: facets
                .iter()
                .map(|(f, values)| (*f, values.iter().map(|v| v.to_string()).collect()))
                .collect(),
            ..Filters::default()
        },
        limit: 50,
        ..SearchRequest::default()
    }
}

fn search(query: &str, facets: &[(FacetName, &[&str])]) -> SearchResults {
    let results = engine()
        .search(&request(query, facets))
        .expect("search runs");
    assert_snippets_are_safe(&results);
    results
}

fn count(results: &SearchResults, facet: FacetName, value: &str) -> u64 {
    results
        .facets
        .iter()
        .find(|f| f.facet == facet)
        .and_then(|f| f.values.iter().find(|v| v.value == value))
        .map_or(0, |v| v.count)
}

fn ids(results: &SearchResults) -> Vec<&str> {
    results.hits.iter().map(|h| h.id.as_str()).collect()
}

fn has_title(results: &SearchResults, needle: &str) -> bool {
    results.hits.iter().any(|h| h.title.contains(needle))
}

/// Snippets are text with `<mark>` only: nothing else that HTML would read.
fn assert_snippets_are_safe(results: &SearchResults) {
    for snippet in results.hits.iter().flat_map(|h| &h.snippets) {
        let bare = snippet.html.replace("<mark>", "").replace("</mark>", "");
        assert!(
            !bare.contains(['<', '>', '"', '\'']),
            "unescaped snippet: {}",
            snippet.html
        );
    }
}

#[test]
fn empty_query_counts_every_facet_as_read_from_the_seeds() {
    let all = search("", &[]);
    assert_eq!(all.total, 41);
    assert_eq!(count(&all, FacetName::Klynge, "Sydvestjylland"), 9 + 7 + 18);
    assert_eq!(count(&all, FacetName::Klynge, "Sønderjylland"), 3);
    assert_eq!(count(&all, FacetName::Klynge, "Sundhedsdirektørkredsen"), 4);
    assert_eq!(
        count(&all, FacetName::Niveau, "Fagligt strategisk niveau"),
        3 + 18
    );
    assert_eq!(count(&all, FacetName::Aar, "2024"), 9 + 7 + 3 + 4);
    assert_eq!(count(&all, FacetName::Aar, "2025"), 18);
    assert_eq!(all.histogram.years, vec![(2024, 23), (2025, 18)]);
    assert!(all.histogram.months.contains(&("2024-11".to_owned(), 9)));
    assert_eq!(
        all.hits.first().map(|h| h.dato),
        NaiveDate::from_ymd_opt(2025, 9, 12)
    );
}

#[test]
fn klynge_filter_keeps_its_own_counts_and_narrows_the_others() {
    let found = search("", &[(FacetName::Klynge, &["Sydvestjylland"])]);
    assert_eq!(found.total, 34);
    assert_eq!(count(&found, FacetName::Klynge, "Sønderjylland"), 3);
    assert_eq!(
        count(&found, FacetName::Klynge, "Sundhedsdirektørkredsen"),
        4
    );
    assert_eq!(count(&found, FacetName::Aar, "2024"), 16);
    assert_eq!(count(&found, FacetName::Aar, "2025"), 18);
}

#[test]
fn klynge_and_year_filters_combine_and_count_each_other() {
    let sydvest_2025 = search(
        "",
        &[
            (FacetName::Klynge, &["sydvestjylland"]),
            (FacetName::Aar, &["2025"]),
        ],
    );
    assert_eq!(sydvest_2025.total, 18);
    let nothing = search(
        "",
        &[
            (FacetName::Klynge, &["Sonderjylland"]),
            (FacetName::Aar, &["2025"]),
        ],
    );
    assert_eq!(nothing.total, 0);
    // klynge counts apply the year (2025: only Sydvestjylland); year counts apply the klynge.
    assert_eq!(count(&nothing, FacetName::Klynge, "Sydvestjylland"), 18);
    assert_eq!(count(&nothing, FacetName::Klynge, "Sønderjylland"), 0);
    assert_eq!(count(&nothing, FacetName::Aar, "2024"), 3);
}

#[test]
fn forum_facet_counts_every_forum_by_its_full_name_and_filters_on_it() {
    let all = search("", &[]);
    assert_eq!(
        count(&all, FacetName::Forum, "Sundhedsklynge Sydvestjylland"),
        9 + 7 + 18
    );
    assert_eq!(
        count(&all, FacetName::Forum, "Sundhedsklynge Sønderjylland"),
        3
    );
    assert_eq!(count(&all, FacetName::Forum, "Sundhedsdirektørkredsen"), 4);
    let kreds = search("", &[(FacetName::Forum, &["sundhedsdirektoerkredsen"])]);
    assert_eq!(kreds.total, 4);
    assert!(ids(&kreds)
        .iter()
        .all(|id| id.starts_with("sundhedsdirektoerkredsen/")));
}

#[test]
fn two_klynger_are_ored() {
    let found = search(
        "",
        &[(
            FacetName::Klynge,
            &["Sønderjylland", "Sundhedsdirektørkredsen"],
        )],
    );
    assert_eq!(found.total, 7);
}

#[test]
fn date_range_is_inclusive_on_both_ends() {
    let mut req = request("", &[]);
    req.filters.from = NaiveDate::from_ymd_opt(2024, 3, 1);
    req.filters.to = NaiveDate::from_ymd_opt(2024, 11, 11);
    let found = engine().search(&req).expect("search runs");
    assert_eq!(found.total, 7 + 3 + 9);
    assert_eq!(
        count(&found, FacetName::Klynge, "Sundhedsdirektørkredsen"),
        0
    );
}

#[test]
fn laegedaekning_finds_items_from_2024_and_2025() {
    let found = search("lægedækning", &[]);
    let years: Vec<i32> = found.histogram.years.iter().map(|(y, _)| *y).collect();
    assert_eq!(years, vec![2024, 2025]);
    assert!(has_title(&found, "Lægedækningspuljen"));
    let first = found
        .hits
        .first()
        .map(|h| h.title.as_str())
        .unwrap_or_default();
    assert!(first.to_lowercase().contains("lægedækning"), "{first}");
}

#[test]
fn ascii_spellings_find_danish_words() {
    let folded = search("laegedaekning", &[]);
    assert!(has_title(&folded, "Temadrøftelse - Lægedækning"));
    let fano = search("Fano", &[]);
    assert!(fano.total > 0);
    let kommune = search("", &[(FacetName::Kommune, &["Fano"])]);
    assert_eq!(
        kommune.total,
        count(&search("", &[]), FacetName::Kommune, "Fanø")
    );
}

#[test]
fn beslutning_prefix_searches_only_decisions() {
    let found = search("beslutning:godkendt", &[]);
    assert!(found.total > 0);
    for hit in &found.hits {
        assert!(
            hit.snippets.iter().any(|s| s.label == "Beslutning"),
            "{} has no decision snippet",
            hit.id
        );
    }
    assert!(search("godkendt", &[]).total >= found.total);
}

#[test]
fn exclusion_removes_items_mentioning_the_word() {
    let all = search("lægedækning", &[]);
    let without = search("lægedækning -Sønderjylland", &[]);
    assert!(without.total < all.total);
    assert!(!has_title(
        &without,
        "Indsatser for sikring af lægedækning i Sønderjylland"
    ));
}

#[test]
fn phrase_finds_the_words_together() {
    let found = search("\"kom trygt hjem\"", &[]);
    assert!(has_title(&found, "Kom Trygt Hjem, beskrivelse af indsats"));
    assert!(found.total < search("kom trygt hjem OR xyzzy", &[]).total + 1);
}

#[test]
fn pasted_headings_and_addresses_are_searched_as_words() {
    let pasted = search("Punkt 2: Temadrøftelse - Lægedækning", &[]);
    assert!(pasted.total > 0);
    assert_eq!(
        pasted.hits.first().map(|h| h.title.as_str()),
        Some("Temadrøftelse - Lægedækning")
    );
    assert!(!pasted.interpretation.notes.is_empty());
    let url = search("https://www.rsyd.dk/sundhedsklynge/laegedaekning", &[]);
    assert!(url.interpretation.normalized.contains("laegedaekning"));
    assert!(search("PLO:", &[]).total > 0);
}

#[test]
fn typos_are_corrected_with_did_you_mean() {
    let found = search("lægedæking", &[]);
    assert_eq!(found.did_you_mean.as_deref(), Some("lægedækning"));
    assert!(found.total > 0);
    let reform = search("sundhedsrefom", &[]);
    assert_eq!(reform.did_you_mean.as_deref(), Some("sundhedsreform"));
}

#[test]
fn snippets_mark_the_query_and_escape_quotes() {
    let found = search("lettilgængelige", &[]);
    let html: Vec<&str> = found
        .hits
        .iter()
        .flat_map(|h| h.snippets.iter().map(|s| s.html.as_str()))
        .collect();
    assert!(html.iter().any(|h| h.contains("<mark>")), "{html:?}");
}

#[test]
fn routine_items_rank_below_the_item_about_the_subject() {
    let found = search("velkomst lægedækning", &[]);
    let first = found
        .hits
        .first()
        .map(|h| h.title.as_str())
        .unwrap_or_default();
    assert!(!first.starts_with("Velkomst"), "{first}");
}

#[test]
fn newest_sort_orders_by_meeting_date() {
    let mut req = request("klyngemidler", &[]);
    req.sort = Sort::Newest;
    let found = engine().search(&req).expect("search runs");
    let dates: Vec<NaiveDate> = found.hits.iter().map(|h| h.dato).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
}

#[test]
fn full_recall_finds_at_least_what_stemming_alone_finds() {
    for query in ["lægedækning", "situation", "midler", "laegedaekning"] {
        let req = request(query, &[]);
        let full = engine()
            .search_with(&req, Recall::Full)
            .expect("search runs");
        let stem = engine()
            .search_with(&req, Recall::StemOnly)
            .expect("search runs");
        assert!(
            full.total >= stem.total,
            "{query}: {} < {}",
            full.total,
            stem.total
        );
        for id in ids(&stem) {
            assert!(ids(&full).contains(&id), "{query}: {id} lost");
        }
    }
}

#[test]
fn suggest_offers_words_and_titles() {
    let suggestions = engine().suggest("lægedæk", 8).expect("suggest runs");
    assert!(suggestions
        .iter()
        .any(|s| s.kind == "term" && s.text.starts_with("lægedæk")));
    assert!(suggestions.iter().any(|s| s.kind == "title"));
}

#[test]
fn abbreviations_find_their_long_form_and_back() {
    let short = search("PLO", &[]);
    assert!(short
        .interpretation
        .expansions
        .iter()
        .any(|e| e.contains("Praktiserende Lægers Organisation")));
    let long = search("\"praktiserende lægers organisation\"", &[]);
    assert!(long
        .interpretation
        .expansions
        .iter()
        .any(|e| e.contains("PLO")));
    assert!(long.total >= 1);
}
