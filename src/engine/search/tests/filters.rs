//! Filters and disjunctive facet counts, alone and combined.

use super::*;

#[test]
fn facet_counts_cover_every_facet_for_the_query() {
    let index = index();
    let found = search(&index, "", &[]);
    assert_eq!(count(&found, FacetName::Klynge, "Sydvestjylland"), 3);
    assert_eq!(count(&found, FacetName::Klynge, "Sønderjylland"), 2);
    assert_eq!(
        count(&found, FacetName::Klynge, "Sundhedsdirektørkredsen"),
        1
    );
    assert_eq!(count(&found, FacetName::Kommune, "Esbjerg"), 2);
    assert_eq!(
        count(&found, FacetName::Beslutningstype, "taget til efterretning"),
        2
    );
    assert_eq!(count(&found, FacetName::Aar, "2024"), 3);
    assert_eq!(found.histogram.years, vec![(2023, 1), (2024, 3), (2025, 2)]);
    assert_eq!(
        found.histogram.months.first(),
        Some(&("2023-05".to_owned(), 1))
    );
}

#[test]
fn a_facets_counts_ignore_its_own_filter_but_apply_the_others() {
    let index = index();
    let found = search(&index, "", &[(FacetName::Klynge, &["Sydvestjylland"])]);
    assert_eq!(found.total, 3);
    // Own facet: still shows the other klynger, so a person can widen the filter.
    assert_eq!(count(&found, FacetName::Klynge, "Sønderjylland"), 2);
    // Other facets: only the filtered hits.
    assert_eq!(count(&found, FacetName::Niveau, "Politisk niveau"), 3);
    assert_eq!(
        count(&found, FacetName::Niveau, "Fagligt strategisk niveau"),
        0
    );
    assert_eq!(count(&found, FacetName::Kommune, "Esbjerg"), 1);
    assert_eq!(found.histogram.years, vec![(2024, 3)]);
}

#[test]
fn two_filtered_facets_count_each_under_the_other() {
    let index = index();
    let filters: &[(FacetName, &[&str])] = &[
        (FacetName::Kommune, &["Esbjerg"]),
        (FacetName::Beslutningstype, &["godkendt"]),
    ];
    let found = search(&index, "", filters);
    assert_eq!(found.total, 2);
    // kommune counts: items that are "godkendt" (Esbjerg+Fanø item, Esbjerg+Varde item).
    assert_eq!(count(&found, FacetName::Kommune, "Varde"), 1);
    assert_eq!(count(&found, FacetName::Kommune, "Fanø"), 1);
    // beslutningstype counts: items naming Esbjerg.
    assert_eq!(count(&found, FacetName::Beslutningstype, "godkendt"), 2);
    assert_eq!(count(&found, FacetName::Beslutningstype, "drøftet"), 0);
}

#[test]
fn values_of_one_facet_are_ored_and_facets_are_anded() {
    let index = index();
    let either = search(&index, "", &[(FacetName::Kommune, &["Aabenraa", "Varde"])]);
    assert_eq!(either.total, 3);
    let both = search(
        &index,
        "",
        &[
            (FacetName::Kommune, &["Aabenraa", "Varde"]),
            (FacetName::Aar, &["2025"]),
        ],
    );
    assert_eq!(titles(&both), vec!["Lægedækningssituationen i Aabenraa"]);
}

#[test]
fn filter_values_match_folded_and_lowercase_spellings() {
    let index = index();
    assert_eq!(
        search(&index, "", &[(FacetName::Kommune, &["fano"])]).total,
        1
    );
    assert_eq!(
        search(&index, "", &[(FacetName::Kommune, &["Fanoe"])]).total,
        1
    );
    assert_eq!(
        search(&index, "", &[(FacetName::Klynge, &["sonderjylland"])]).total,
        2
    );
    assert_eq!(
        search(&index, "", &[(FacetName::Niveau, &["politisk niveau"])]).total,
        3
    );
    assert_eq!(
        search(&index, "", &[(FacetName::Kommune, &["Atlantis"])]).total,
        0
    );
}

#[test]
fn filters_combine_with_the_query() {
    let index = index();
    let found = search(
        &index,
        "lægedækning",
        &[(FacetName::Fokusomraade, &["lægedækning"])],
    );
    assert_eq!(found.total, 2);
    assert_eq!(count(&found, FacetName::Klynge, "Sønderjylland"), 1);
}

#[test]
fn date_range_is_inclusive_and_applies_to_all_counts() {
    let index = index();
    let date = |text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    let request = SearchRequest {
        filters: Filters {
            from: date("2024-11-11"),
            to: date("2025-03-01"),
            ..Filters::default()
        },
        ..SearchRequest::default()
    };
    let found = index.engine.search(&request).expect("search runs");
    assert_eq!(found.total, 5);
    assert_eq!(
        count(&found, FacetName::Klynge, "Sundhedsdirektørkredsen"),
        0
    );
}
