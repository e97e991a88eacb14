//! What a user of each chain notices: the Snowball reference, numbers, compounds, folding.

use proptest::prelude::*;
use tantivy::tokenizer::{RawTokenizer, TextAnalyzer};

use super::*;

fn manager() -> TokenizerManager {
    let manager = TokenizerManager::default();
    register(&manager);
    manager
}

fn of(analyzer: &str, text: &str) -> Vec<String> {
    tokens(&manager(), analyzer, text)
}

/// Every word of Snowball's Danish vocabulary that the stop list does not drop stems exactly
/// to Snowball's reference output (catches a dependency update that changes stems).
#[test]
fn danish_stems_reproduce_the_snowball_reference_vocabulary() {
    let voc = include_str!("../../tests/data/snowball-danish/voc.txt");
    let output = include_str!("../../tests/data/snowball-danish/output.txt");
    assert_eq!(voc.lines().count(), 23_832);
    assert_eq!(voc.lines().count(), output.lines().count());
    let manager = manager();
    let mut stop_only = TextAnalyzer::builder(RawTokenizer::default())
        .filter(StopWordFilter::new(Language::Danish).expect("tantivy has Danish stop words"))
        .build();
    let (mut checked, mut mismatches) = (0, Vec::new());
    for (word, expected) in voc.lines().zip(output.lines()) {
        let is_stop_word = !stop_only.token_stream(word).advance();
        let got = tokens(&manager, DANISH, word);
        if is_stop_word {
            assert!(got.is_empty(), "stop word `{word}` was kept as {got:?}");
            continue;
        }
        checked += 1;
        if got != [expected] {
            mismatches.push(format!("{word}: {got:?} != {expected}"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches: {:?}",
        mismatches.len(),
        &mismatches[..mismatches.len().min(20)]
    );
    assert!(checked > 23_700, "only {checked} words checked");
}

#[test]
fn danish_keeps_case_numbers_amounts_and_dates_whole() {
    let got = of(
        DANISH,
        "Sag 22/43402: 6.547.550 kr. den 11-11-2024, 2,7 pct.",
    );
    for whole in ["22/43402", "6.547.550", "11-11-2024", "2,7", "43402"] {
        assert!(
            got.contains(&whole.to_string()),
            "{whole} missing from {got:?}"
        );
    }
}

#[test]
fn danish_keeps_foer_and_for_apart() {
    assert_eq!(of(DANISH, "før"), vec!["før"]);
    assert_ne!(of(DANISH, "før"), of(DANISH, "for"));
    assert_eq!(of(DANISH, "Fanø"), vec!["fanø"]);
}

#[test]
fn danish_stems_inflections_together() {
    assert_eq!(of(DANISH, "klyngemidlerne"), of(DANISH, "klyngemidler"));
    assert_eq!(of(DANISH, "Lægedækningen"), vec!["lægedækning"]);
}

#[test]
fn danish_drops_stop_words() {
    assert_eq!(of(DANISH, "og i det"), Vec::<String>::new());
}

#[test]
fn decomposed_input_gives_nfc_tokens() {
    assert_eq!(of(EXACT, "A\u{30A}benra\u{30A}"), vec!["åbenrå"]);
    assert_eq!(of(DANISH, "A\u{30A}benra\u{30A}"), of(DANISH, "Åbenrå"));
}

#[test]
fn long_token_is_dropped_not_truncated() {
    let long = "a".repeat(200);
    let text = format!("før {long} efter");
    for analyzer in [DANISH, EXACT, PARTS, FOLDED, FOLDED_QUERY] {
        let got = of(analyzer, &text);
        assert!(
            got.iter().all(|t| !t.starts_with("aaaa")),
            "{analyzer}: {got:?}"
        );
    }
    assert_eq!(of(EXACT, &text), vec!["før", "efter"]);
}

#[test]
fn exact_keeps_stop_words_and_inflections() {
    assert_eq!(of(EXACT, "Lægerne og for"), vec!["lægerne", "og", "for"]);
}

#[test]
fn parts_of_lægedækning_compounds_contain_its_stem() {
    let query = of(DANISH, "lægedækning");
    for word in [
        "Lægedækningspuljen",
        "lægedækningssituationen",
        "lægedækningstruede",
        "lægedækningsindsatserne",
        "lægedækningsarbejdet",
    ] {
        let parts = of(PARTS, word);
        assert!(parts.contains(&query[0]), "{word}: {parts:?}");
    }
}

#[test]
fn parts_find_the_head_of_a_compound() {
    assert!(of(PARTS, "sundhedsreformen").contains(&of(DANISH, "reform")[0]));
    assert!(of(PARTS, "lægedækningssituationen").contains(&of(DANISH, "situation")[0]));
    assert!(of(PARTS, "klyngemidlerne").contains(&of(DANISH, "klyngemidler")[0]));
}

#[test]
fn parts_resolve_elliptical_compounds() {
    let parts = of(PARTS, "Muskel- og skeletlidelser");
    assert!(
        parts.contains(&of(DANISH, "muskellidelser")[0]),
        "{parts:?}"
    );
    assert!(
        parts.contains(&of(DANISH, "skeletlidelser")[0]),
        "{parts:?}"
    );
    let parts = of(PARTS, "Børne- og Ungedirektørerne");
    assert!(
        parts.contains(&of(DANISH, "børnedirektørerne")[0]),
        "{parts:?}"
    );
}

#[test]
fn parts_do_not_split_on_short_or_grammatical_words() {
    // "for" + "byggelse", "over" + "enskomst" must not make `for`/`over` match.
    for word in ["forebyggelse", "overenskomst", "kommunerne", "sundhed"] {
        let parts = of(PARTS, word);
        assert!(parts.is_empty(), "{word} split into {parts:?}");
    }
}

#[test]
fn parts_and_folded_leave_plain_words_to_the_section_fields() {
    assert_eq!(of(PARTS, "Regionen har besluttet"), Vec::<String>::new());
    assert_eq!(of(FOLDED, "Regionen har besluttet"), Vec::<String>::new());
    // A compound keeps its own stem next to its parts' (an elliptical completion needs it).
    let parts = of(PARTS, "lægedækningssituationen");
    assert!(parts.contains(&of(DANISH, "lægedækningssituationen")[0]));
    // Words with æ/ø/å, and plain words that look folded, keep their folded stems.
    assert!(!of(FOLDED, "lægedækning").is_empty());
    assert_eq!(of(FOLDED, "Aabenraa"), of(FOLDED_QUERY, "Åbenrå"));
}

#[test]
fn folded_query_matches_folded_index_tokens() {
    let indexed = of(FOLDED, "lægedækning");
    for typed in ["laegedaekning", "lægedækning"] {
        let query = of(FOLDED_QUERY, typed);
        assert_eq!(query.len(), 1);
        assert!(
            indexed.contains(&query[0]),
            "{typed}: {query:?} not in {indexed:?}"
        );
    }
}

#[test]
fn loose_spellings_find_their_words() {
    for (typed, written) in [
        ("Fano", "Fanø"),
        ("Aabenraa", "Åbenrå"),
        ("Abenra", "Åbenrå"),
        ("sundhedsrad", "sundhedsråd"),
        ("Åbenrå", "Aabenraa"),
    ] {
        let query = of(FOLDED_QUERY, typed);
        let indexed = of(FOLDED, written);
        assert!(
            indexed.contains(&query[0]),
            "{typed}: {query:?} not in {indexed:?}"
        );
    }
}

#[test]
fn folded_query_gives_one_token_per_word() {
    assert_eq!(of(FOLDED_QUERY, "Sønderjylland Fanø").len(), 2);
}

#[test]
fn fold_is_exported_for_the_search_side() {
    assert_eq!(fold("Sønderjylland"), "Soenderjylland");
}

#[test]
fn number_pieces_share_positions_with_the_whole_number() {
    let manager = manager();
    let mut analyzer = manager.get(DANISH).expect("registered");
    let mut stream = analyzer.token_stream("sag 22/43402 godkendt");
    let mut positions = Vec::new();
    while stream.advance() {
        positions.push((stream.token().text.clone(), stream.token().position));
    }
    assert_eq!(
        positions,
        vec![
            ("sag".to_string(), 0),
            ("22/43402".to_string(), 1),
            ("22".to_string(), 1),
            ("43402".to_string(), 2),
            ("godkend".to_string(), 3),
        ]
    );
}

proptest! {
    #[test]
    fn no_chain_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        let manager = manager();
        for analyzer in [DANISH, EXACT, PARTS, FOLDED, FOLDED_QUERY] {
            let got = tokens(&manager, analyzer, &text);
            prop_assert!(got.iter().all(|t| !t.is_empty()), "{analyzer}: {got:?}");
        }
    }

    #[test]
    fn no_chain_panics_on_danish_like_text(text in "[a-zæøåA-ZÆØÅ0-9 ./,:-]{0,120}") {
        let manager = manager();
        for analyzer in [DANISH, EXACT, PARTS, FOLDED, FOLDED_QUERY] {
            let got = tokens(&manager, analyzer, &text);
            prop_assert!(got.iter().all(|t| !t.is_empty() && t.len() < MAX_TOKEN_BYTES), "{analyzer}: {got:?}");
        }
    }
}
