//! The seeds as published web pages (`tests/fixtures/renditions/html/`, made by
//! `scripts/renditions/webpage.py`: site header and menu, breadcrumbs, cookie banner, metadata in
//! a `<dl>` or a table, item numbers in their own element, UI text glued to section headings,
//! footer, scripts; UTF-8 and Windows-1252). Each page must read to exactly its seed's
//! meeting, and an index of the pages alone must answer the README's queries as the seeds do.

use std::path::PathBuf;

use referat::engine::indexer::{index_paths, NoProgress};
use referat::engine::{Engine, SearchRequest};

use crate::common::{essence, seed_meetings};

/// The README's example queries (the query-language table and the API examples).
use crate::common::README_QUERIES;

fn renditions_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/renditions/html")
}

/// The web page rendered from the seed named `seed_name` (`000_….txt` → `000_….html`).
fn rendition_of(seed_name: &str) -> PathBuf {
    renditions_dir().join(seed_name.replace(".txt", ".html"))
}

#[test]
fn each_web_page_reads_to_exactly_its_seed() {
    let enricher = referat::enrich::Enricher::builtin();
    let seeds = seed_meetings();
    assert_eq!(seeds.len(), 5, "five seeds, five pages");
    for (name, seed) in &seeds {
        let path = rendition_of(name);
        let display = path.to_string_lossy();
        let page = referat::ingest::load_file(&path, &display, &enricher)
            .unwrap_or_else(|err| panic!("the web page of {name} reads: {err}"));
        assert_eq!(essence(&page), essence(seed), "web page of {name}");
        assert!(page.warnings.is_empty(), "{name}: {:?}", page.warnings);
    }
}

#[test]
fn both_page_styles_and_both_encodings_are_covered() {
    let pages: Vec<Vec<u8>> = seed_meetings()
        .iter()
        .map(|(name, _)| std::fs::read(rendition_of(name)).expect("the page exists"))
        .collect();
    let has = |needle: &[u8]| {
        pages
            .iter()
            .any(|page| page.windows(needle.len()).any(|w| w == needle))
    };
    assert!(has(b"<dl class=\"moedeinfo\">") && has(b"<table class=\"moedeinfo\""));
    assert!(has(b"<meta charset=\"utf-8\">") && has(b"charset=windows-1252"));
}

fn index_of(paths: &[PathBuf], name: &str) -> Engine {
    let dir = std::env::temp_dir().join(format!("referat-it-html-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    index_paths(&dir, paths, &NoProgress).expect("the files index");
    Engine::open(&dir).expect("the index opens")
}

#[test]
fn searching_the_web_pages_gives_the_seeds_answers() {
    let seed_paths: Vec<PathBuf> = crate::common::seed_files();
    let page_paths: Vec<PathBuf> = seed_paths
        .iter()
        .filter_map(|path| path.file_name())
        .map(|name| rendition_of(&name.to_string_lossy()))
        .collect();
    let seeds = index_of(&seed_paths, "seeds");
    let pages = index_of(&page_paths, "pages");
    for query in README_QUERIES {
        let request = SearchRequest {
            query: (*query).to_owned(),
            limit: 100,
            ..SearchRequest::default()
        };
        let expected = seeds.search(&request).expect("seed search runs");
        let got = pages.search(&request).expect("page search runs");
        assert_eq!(got.total, expected.total, "total for `{query}`");
        let ids =
            |hits: &[referat::engine::Hit]| hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&got.hits), ids(&expected.hits), "hits for `{query}`");
    }
    let any = SearchRequest::default();
    assert_eq!(pages.search(&any).expect("search runs").total, 41);
}
