//! What a returning reader finds: the page links its search as an Atom feed and a CSV file
//! (and announces the feed to feed readers), the feed and the CSV link to the items' HTML
//! pages, absolute under `--public-url`, and the page explains the query language. An item
//! opened from a hit marks the search words and leads back to the same results.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use referat::engine::indexer::{index_paths, NoProgress};
use referat::engine::Engine;
use referat::server::{router, AppState};
use tower::ServiceExt;

use crate::common;

const PUBLIC: &str = "https://referater.example.dk";

fn seeded_index() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("referat-test-feeds-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        index_paths(&dir, &[common::seeds_dir()], &NoProgress).expect("the seeds index");
        dir
    })
}

/// The body of `uri` (asserting 200), from a server with `public_url` if given.
async fn body(uri: &str, public_url: Option<&str>) -> String {
    let engine = Engine::open(seeded_index()).expect("open the index");
    let mut state = AppState::new(Arc::new(engine));
    if let Some(url) = public_url {
        state = state.with_public_url(url);
    }
    let request = Request::get(uri)
        .header(header::HOST, "localhost:8080")
        .body(Body::empty())
        .expect("request");
    let response = router(state).oneshot(request).await.expect("infallible");
    assert_eq!(response.status(), StatusCode::OK, "{uri}");
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// Every `href="…"` value in `html`, `&amp;` undone.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&"))
        .collect()
}

#[tokio::test]
async fn feed_entries_link_to_the_item_pages_under_the_public_url() {
    let xml = body("/api/v1/search.atom?q=l%C3%A6ged%C3%A6kning", Some(PUBLIC)).await;
    let entries = xml.matches("<entry>").count();
    assert!(entries > 0);
    let page_links = xml
        .matches(&format!("<link href=\"{PUBLIC}/punkt/"))
        .count();
    assert_eq!(page_links, entries, "{xml}");
    assert!(!xml.contains("/api/v1/items/"), "no JSON links: {xml}");
    // The page a feed reader opens exists.
    let first = xml
        .split(&format!("<link href=\"{PUBLIC}"))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an entry link");
    assert!(body(first, None).await.contains("<h1"));
}

#[tokio::test]
async fn without_a_public_url_links_use_the_requests_host() {
    let xml = body("/api/v1/search.atom?q=reform", None).await;
    assert!(xml.contains("<link href=\"http://localhost:8080/punkt/"));
}

#[tokio::test]
async fn csv_rows_carry_absolute_links_to_the_item_pages() {
    let csv = body("/api/v1/search.csv?q=reform", Some(PUBLIC)).await;
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let url = row.rsplit(',').next().unwrap_or_default();
        assert!(url.starts_with(&format!("{PUBLIC}/punkt/")), "{row}");
    }
}

#[tokio::test]
async fn the_page_offers_its_search_as_feed_and_csv_with_its_filters() {
    let html = body("/?q=l%C3%A6ged%C3%A6kning&kommune=Esbjerg&page=1", None).await;
    assert!(html.contains("Abonnér på søgningen (Atom)"));
    assert!(html.contains("Hent som CSV"));
    let links = hrefs(&html);
    let feed = "/api/v1/search.atom?q=l%C3%A6ged%C3%A6kning&kommune=Esbjerg";
    let csv = "/api/v1/search.csv?q=l%C3%A6ged%C3%A6kning&kommune=Esbjerg";
    assert!(links.iter().any(|l| l == feed), "{links:?}");
    assert!(links.iter().any(|l| l == csv), "{links:?}");
    assert!(
        html.contains("rel=\"alternate\" type=\"application/atom+xml\""),
        "feed readers find the feed"
    );
    // The CSV link gives the hits the page counts.
    let total = html
        .split("<strong>")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .and_then(|n| n.parse::<usize>().ok())
        .expect("the total on the page");
    assert_eq!(body(csv, None).await.lines().count(), total + 1);
}

#[tokio::test]
async fn the_search_box_has_danish_search_tips_for_the_query_language() {
    let html = body("/", None).await;
    let tips = html.split("Søgetips").nth(1).expect("a Søgetips section");
    for example in [
        "&quot;Kom Trygt Hjem&quot;",
        "-rekruttering",
        " OR ",
        "titel:",
        "sundheds*",
    ] {
        assert!(tips.contains(example), "{example} in the tips");
    }
}

#[tokio::test]
async fn an_item_opened_from_a_hit_marks_the_words_and_leads_back_to_the_results() {
    let search = "/?q=l%C3%A6ged%C3%A6kning&kommune=Esbjerg&sort=newest";
    let html = body(search, None).await;
    let hit = hrefs(&html)
        .into_iter()
        .find(|l| l.starts_with("/punkt/"))
        .expect("a hit");
    assert!(
        hit.ends_with("?q=l%C3%A6ged%C3%A6kning&kommune=Esbjerg&sort=newest"),
        "{hit}"
    );
    let item = body(&hit, None).await;
    let crumbs = item.split("Brødkrummer").nth(1).expect("breadcrumbs");
    assert_eq!(hrefs(crumbs).first().map(String::as_str), Some(search));
    let marked: Vec<&str> = item
        .split("<mark>")
        .skip(1)
        .filter_map(|rest| rest.split("</mark>").next())
        .collect();
    assert!(!marked.is_empty(), "no word marked");
    assert!(
        marked
            .iter()
            .all(|w| w.to_lowercase().starts_with("lægedækning")),
        "{marked:?}"
    );
    // Opened without a search, nothing is marked and the crumb goes to the start.
    let plain = body(hit.split('?').next().unwrap_or_default(), None).await;
    assert!(!plain.contains("<mark>"));
}
