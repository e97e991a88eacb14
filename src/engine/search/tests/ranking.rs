//! Recall, ranking, operators, snippets, typos and suggestions.

use super::*;

#[test]
fn a_word_finds_its_inflections_and_ranks_the_item_about_it_first() {
    let index = index();
    let results = search(&index, "lægedækning", &[]);
    let found = titles(&results);
    assert_eq!(found.first(), Some(&"Temadrøftelse - Lægedækning"));
    assert!(found.contains(&"Lægedækningssituationen i Aabenraa"));
    assert!(found.contains(&"Velkomst"));
}

#[test]
fn routine_items_and_absence_lines_rank_below_substantive_items() {
    let index = index();
    let found = search(&index, "lægedækning", &[]);
    let position = |title: &str| titles(&found).iter().position(|t| *t == title);
    assert!(position("Velkomst") > position("Temadrøftelse - Lægedækning"));
    assert!(position("Kom trygt hjem") > position("Lægedækningssituationen i Aabenraa"));
}

#[test]
fn words_are_all_required_and_exclusions_remove_items() {
    let index = index();
    assert_eq!(
        titles(&search(&index, "lægedækning Aabenraa", &[])),
        vec!["Lægedækningssituationen i Aabenraa"]
    );
    let excluded = search(&index, "lægedækning -Aabenraa -velkommen", &[]);
    assert!(!titles(&excluded).contains(&"Lægedækningssituationen i Aabenraa"));
    assert!(!titles(&excluded).contains(&"Velkomst"));
    assert!(titles(&excluded).contains(&"Temadrøftelse - Lægedækning"));
}

#[test]
fn or_finds_either_word() {
    let index = index();
    let found = search(&index, "sundhedsreform OR akutfunktioner", &[]);
    assert_eq!(found.total, 2);
}

#[test]
fn phrases_need_the_words_in_order() {
    let index = index();
    assert_eq!(
        titles(&search(&index, "\"kom trygt hjem\"", &[])),
        vec!["Kom trygt hjem"]
    );
    assert_eq!(search(&index, "\"hjem trygt kom\"", &[]).total, 0);
}

#[test]
fn field_prefix_scopes_a_word_to_one_section() {
    let index = index();
    let decided = search(&index, "beslutning:lægedækning", &[]);
    assert_eq!(titles(&decided), vec!["Temadrøftelse - Lægedækning"]);
    assert_eq!(search(&index, "titel:sundhedsreform", &[]).total, 1);
}

#[test]
fn prefix_finds_words_starting_with_it() {
    let index = index();
    let found = search(&index, "akutfunk*", &[]);
    assert_eq!(titles(&found), vec!["Akutfunktioner"]);
}

#[test]
fn pasted_heading_with_a_dash_finds_its_item() {
    let index = index();
    let found = search(&index, "Temadrøftelse - Lægedækning", &[]);
    assert_eq!(titles(&found), vec!["Temadrøftelse - Lægedækning"]);
    assert!(found
        .interpretation
        .notes
        .iter()
        .any(|n| n.contains("dash")));
}

#[test]
fn empty_query_lists_everything_newest_first() {
    let index = index();
    let found = search(&index, "", &[]);
    assert_eq!(found.total, 6);
    let dates: Vec<NaiveDate> = found.hits.iter().map(|h| h.dato).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn oldest_sort_puts_the_earliest_meeting_first() {
    let index = index();
    let request = SearchRequest {
        query: "Esbjerg".into(),
        sort: Sort::Oldest,
        ..SearchRequest::default()
    };
    let found = index.engine.search(&request).expect("search runs");
    assert_eq!(
        found.hits.first().map(|h| h.title.as_str()),
        Some("Akutfunktioner")
    );
}

#[test]
fn offset_and_limit_page_through_the_hits() {
    let index = index();
    let page = |offset| {
        let request = SearchRequest {
            offset,
            limit: 2,
            ..SearchRequest::default()
        };
        index.engine.search(&request).expect("search runs")
    };
    let (first, second) = (page(0), page(2));
    assert_eq!(first.hits.len(), 2);
    assert_eq!(second.total, 6);
    assert!(first
        .hits
        .iter()
        .all(|a| second.hits.iter().all(|b| a.id != b.id)));
}

#[test]
fn snippets_mark_inflected_forms_and_escape_html() {
    let index = index();
    let found = search(&index, "lægedækning kommunerne", &[]);
    let hit = found
        .hits
        .iter()
        .find(|h| h.number == 2 && h.klynge == "Sydvestjylland");
    let snippets = &hit.expect("the item about lægedækning is found").snippets;
    let html: String = snippets.iter().map(|s| s.html.clone()).collect();
    assert!(
        html.contains("<mark>Lægedækningen</mark>") || html.contains("<mark>lægedækning</mark>"),
        "{html}"
    );
    let sagsfremstilling = snippets.iter().find(|s| s.label == "Sagsfremstilling");
    let text = sagsfremstilling
        .map(|s| s.html.as_str())
        .unwrap_or_default();
    assert!(
        text.contains("&lt;før&gt; &amp; efter &quot;krisen&quot;"),
        "{text}"
    );
    assert!(!text.contains("<før>"));
}

#[test]
fn a_typo_is_corrected_from_the_index_words() {
    let index = index();
    let found = search(&index, "sundhedsrefom", &[]);
    assert_eq!(found.did_you_mean.as_deref(), Some("sundhedsreform"));
    assert_eq!(titles(&found), vec!["Sundhedsreform"]);
    let found = search(&index, "akutfunktoiner", &[]);
    assert_eq!(found.did_you_mean.as_deref(), Some("akutfunktioner"));
}

#[test]
fn a_word_that_exists_is_not_corrected() {
    let index = index();
    assert_eq!(search(&index, "sundhedsreform", &[]).did_you_mean, None);
}

#[test]
fn suggest_completes_words_and_titles() {
    let index = index();
    let suggestions = index.engine.suggest("lægedæk", 6).expect("suggest runs");
    assert!(suggestions
        .iter()
        .any(|s| s.kind == "term" && s.text == "lægedækning"));
    assert!(suggestions
        .iter()
        .any(|s| s.kind == "title" && s.text == "Temadrøftelse - Lægedækning"));
    assert!(index
        .engine
        .suggest("", 5)
        .expect("suggest runs")
        .is_empty());
}

#[test]
fn stem_only_recall_still_finds_stemmed_words() {
    let index = index();
    let request = SearchRequest {
        query: "lægedækning".into(),
        ..SearchRequest::default()
    };
    let found = index
        .engine
        .search_with(&request, crate::engine::Recall::StemOnly)
        .expect("search runs");
    assert!(found.total >= 3);
}

#[test]
fn a_typo_next_to_a_good_alternative_is_suggested_without_replacing_the_hits() {
    let index = index();
    let found = search(&index, "akutfunktioner OR sundhedsrefom", &[]);
    assert_eq!(titles(&found), vec!["Akutfunktioner"]);
    assert_eq!(
        found.did_you_mean.as_deref(),
        Some("akutfunktioner OR sundhedsreform")
    );
}

#[test]
fn when_no_item_has_every_word_items_with_all_but_one_are_shown() {
    let index = index();
    let strict = search(&index, "akutfunktioner sundhedsreform", &[]);
    assert_eq!(strict.total, 2);
    assert!(strict
        .interpretation
        .notes
        .iter()
        .any(|n| n.contains("no item has every word")));
}

#[test]
fn when_few_items_have_every_word_those_rank_before_items_with_all_but_one() {
    let index = index();
    let found = search(&index, "akutfunktioner Esbjerg Varde", &[]);
    assert_eq!(
        titles(&found),
        vec!["Akutfunktioner", "Temadrøftelse - Lægedækning"]
    );
    assert!(found
        .interpretation
        .notes
        .iter()
        .any(|n| n.contains("few items have every word")));
}

#[test]
fn two_words_found_together_are_not_loosened() {
    let index = index();
    let found = search(&index, "akutfunktioner Varde", &[]);
    assert_eq!(titles(&found), vec!["Akutfunktioner"]);
}

#[test]
fn any_query_text_searches_without_error() {
    use proptest::test_runner::{Config, TestRunner};
    let index = index();
    let mut runner = TestRunner::new(Config {
        cases: 96,
        ..Config::default()
    });
    let queries =
        r#"([-"():*a-zæøå0-9 ]|OR|titel:|beslutning:|læge|https://x\.dk/y|Punkt 2:){0,12}"#;
    let outcome = runner.run(&queries, |query| {
        let request = SearchRequest {
            query: query.clone(),
            ..SearchRequest::default()
        };
        let results = index.engine.search(&request);
        proptest::prop_assert!(results.is_ok(), "{query:?}: {:?}", results.err());
        Ok(())
    });
    assert!(outcome.is_ok(), "{outcome:?}");
}

#[test]
fn equal_scores_of_one_meeting_rank_in_agenda_order_whatever_the_document_order() {
    use crate::engine::search::collect::{rank, Ranked};
    use tantivy::DocAddress;
    // The writer threads may store a meeting's items in any order: item 3 before item 1.
    let item = |number, doc| Ranked {
        score: 1.5,
        dato: 1_700_000_000,
        number,
        doc: DocAddress::new(0, doc),
    };
    let mut hits = [item(3, 0), item(1, 1), item(2, 2)];
    for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
        hits.sort_by(|a, b| rank(a, b, sort));
        let numbers: Vec<u32> = hits.iter().map(|h| h.number).collect();
        assert_eq!(numbers, [1, 2, 3], "{sort:?}");
    }
}
