//! The JSON API in-process: every endpoint and every error case through `router()` with
//! `tower::ServiceExt::oneshot`, over the seeds indexed once into a temp dir.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use referat::engine::indexer::{index_paths, NoProgress};
use referat::engine::Engine;
use referat::server::{router, AppState};
use serde_json::Value;
use tower::ServiceExt;

use crate::common;

const SEED_ITEMS: u64 = 41;
const SEED_MEETINGS: usize = 5;

/// The seeds indexed once for all tests of this file.
fn seeded_index() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = temp_dir("api-seeds");
        index_paths(&dir, &[common::seeds_dir()], &NoProgress).expect("the seeds index");
        dir
    })
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("referat-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn state() -> AppState {
    AppState::new(Arc::new(
        Engine::open(seeded_index()).expect("open the index"),
    ))
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| {
            panic!("not JSON ({err}): {}", String::from_utf8_lossy(&self.body))
        })
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    fn header(&self, name: header::HeaderName) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    /// The error's `param`, asserting the documented error shape and a 4xx status.
    fn error_param(&self) -> String {
        assert!(self.status.is_client_error(), "status {}", self.status);
        let json = self.json();
        let error = &json["error"];
        assert!(
            error["code"].is_string() && error["message"].is_string(),
            "{json}"
        );
        error["param"].as_str().unwrap_or_default().to_owned()
    }
}

async fn send(state: AppState, request: Request<Body>) -> Answer {
    let response = router(state).oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    Answer {
        status,
        headers,
        body: body.to_vec(),
    }
}

async fn get(uri: &str) -> Answer {
    send(
        state(),
        Request::get(uri).body(Body::empty()).expect("request"),
    )
    .await
}

fn hit_ids(json: &Value) -> Vec<String> {
    json["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .filter_map(|h| h["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn search_answers_hits_pages_facets_and_how_the_query_was_read() {
    let answer = get("/api/v1/search?q=l%C3%A6ged%C3%A6kning").await;
    assert_eq!(answer.status, StatusCode::OK);
    let json = answer.json();
    assert!(json["total"].as_u64().unwrap_or(0) >= 6, "{json}");
    assert_eq!(json["page"]["page"], 1);
    assert_eq!(json["page"]["per_page"], 10);
    assert_eq!(json["query"]["q"], "lægedækning");
    assert!(!hit_ids(&json).is_empty());
    assert!(json["facets"].as_array().is_some_and(|f| !f.is_empty()));
    assert!(json["histogram"]["years"].is_array());
    assert!(json["took_ms"].is_number());
    assert_eq!(answer.header(header::CACHE_CONTROL), "public, max-age=60");
}

#[tokio::test]
async fn repeated_facet_values_are_ored() {
    let total = |json: Value| json["total"].as_u64().unwrap_or(0);
    let esbjerg = total(get("/api/v1/search?kommune=Esbjerg").await.json());
    let fanoe = total(get("/api/v1/search?kommune=Fan%C3%B8").await.json());
    let both = total(
        get("/api/v1/search?kommune=Esbjerg&kommune=Fan%C3%B8")
            .await
            .json(),
    );
    assert!(esbjerg > 0 && fanoe > 0);
    assert!(both >= esbjerg.max(fanoe) && both <= esbjerg + fanoe);
}

#[tokio::test]
async fn date_range_and_sort_shape_the_hits() {
    let json = get("/api/v1/search?from=2024-11-11&to=2024-11-11&per_page=100")
        .await
        .json();
    assert_eq!(json["total"], 9, "seed 000 has 9 items");
    let dates: Vec<&str> = json["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["dato"].as_str())
        .collect();
    assert!(dates.iter().all(|d| *d == "2024-11-11"));
    let json = get("/api/v1/search?sort=newest&per_page=100").await.json();
    let dates: Vec<&str> = json["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["dato"].as_str())
        .collect();
    assert_eq!(dates.len(), SEED_ITEMS as usize);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
}

#[tokio::test]
async fn pages_do_not_overlap_and_the_last_page_is_the_limit() {
    let first = get("/api/v1/search?per_page=5&page=1").await.json();
    let second = get("/api/v1/search?per_page=5&page=2").await.json();
    let (a, b) = (hit_ids(&first), hit_ids(&second));
    assert_eq!((a.len(), b.len()), (5, 5));
    assert!(a.iter().all(|id| !b.contains(id)));
    assert_eq!(first["page"]["total_pages"], 9);
    assert_eq!(
        get("/api/v1/search?per_page=5&page=9").await.status,
        StatusCode::OK
    );
    assert_eq!(
        get("/api/v1/search?per_page=5&page=10").await.error_param(),
        "page"
    );
}

#[tokio::test]
async fn bad_parameters_are_400_naming_the_parameter() {
    let long_query = format!("/api/v1/search?q={}", "a".repeat(1_001));
    let cases = [
        ("/api/v1/search?qq=x", "qq"),
        ("/api/v1/search?from=2024-13-01", "from"),
        ("/api/v1/search?to=11-11-2024", "to"),
        ("/api/v1/search?from=2024-12-01&to=2024-01-01", "from"),
        ("/api/v1/search?per_page=101", "per_page"),
        ("/api/v1/search?per_page=ten", "per_page"),
        ("/api/v1/search?page=0", "page"),
        ("/api/v1/search?page=-1", "page"),
        ("/api/v1/search?page=101&per_page=100", "page"),
        ("/api/v1/search?sort=best", "sort"),
        ("/api/v1/search?format=xml", "format"),
        ("/api/v1/search?aar=tjuefire", "aar"),
        ("/api/v1/search?kommune=", "kommune"),
        ("/api/v1/search?q=a&q=b", "q"),
        (long_query.as_str(), "q"),
        ("/api/v1/meetings?from=yesterday", "from"),
        ("/api/v1/suggest?q=l&limit=0", "limit"),
        ("/api/v1/trends?interval=week", "interval"),
        ("/api/v1/trends?split=kommune", "split"),
        ("/api/v1/facets?q=x", "q"),
        ("/api/v1/items/x/punkt-1?full=1", "full"),
    ];
    for (uri, param) in cases {
        let answer = get(uri).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(answer.error_param(), param, "{uri}");
    }
}

#[tokio::test]
async fn broken_percent_encoding_and_invalid_utf8_are_400() {
    for uri in [
        "/api/v1/search?q=%ff",
        "/api/v1/search?q=%C3",
        "/api/v1/search?q=50%",
    ] {
        let answer = get(uri).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(
            answer.json()["error"]["code"],
            "invalid_query_string",
            "{uri}"
        );
    }
}

#[tokio::test]
async fn csv_export_is_excel_friendly_and_complete() {
    for uri in [
        "/api/v1/search.csv?per_page=100",
        "/api/v1/search?format=csv&per_page=100",
    ] {
        let answer = get(uri).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(answer.header(header::CONTENT_TYPE).starts_with("text/csv"));
        let text = answer.text();
        assert!(text.starts_with("\u{feff}id,dato,forum"), "BOM and header");
        assert_eq!(
            text.matches("\r\n").count(),
            SEED_ITEMS as usize + 1,
            "{uri}"
        );
    }
}

#[tokio::test]
async fn atom_feed_is_valid_shape_and_newest_first() {
    let answer = get("/api/v1/search.atom?q=l%C3%A6ged%C3%A6kning").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer
        .header(header::CONTENT_TYPE)
        .starts_with("application/atom+xml"));
    let xml = answer.text();
    for tag in [
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
        "<id>",
        "<title>",
        "<updated>",
    ] {
        assert!(xml.contains(tag), "{tag}");
    }
    let entries = xml.matches("<entry>").count();
    assert!(entries >= 6, "{entries} entries");
    assert_eq!(xml.matches("<summary>").count(), entries);
    let updated: Vec<&str> = xml
        .split("<updated>")
        .skip(2)
        .filter_map(|s| s.split('<').next())
        .collect();
    assert!(
        updated.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {updated:?}"
    );
}

#[tokio::test]
async fn an_item_comes_whole_with_its_meeting() {
    let id = "sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11/punkt-2";
    let answer = get(&format!("/api/v1/items/{id}")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let json = answer.json();
    assert_eq!(json["id"], id);
    assert_eq!(json["item"]["number"], 2);
    assert_eq!(
        json["meeting"]["id"],
        "sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11"
    );
    assert_eq!(json["agenda"].as_array().map(Vec::len), Some(9));
    assert!(json["item"]["sections"]
        .as_array()
        .is_some_and(|s| !s.is_empty()));
    assert!(json["cited_by"].is_array() && json["cites"].is_array());
}

#[tokio::test]
async fn unknown_ids_are_404_json() {
    for uri in [
        "/api/v1/items/no/such/punkt-1",
        "/api/v1/meetings/no/such/2024-01-01",
    ] {
        let answer = get(uri).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(answer.json()["error"]["code"], "not_found");
    }
}

#[tokio::test]
async fn meetings_list_newest_first_and_filter() {
    let json = get("/api/v1/meetings").await.json();
    assert_eq!(json["total"], SEED_MEETINGS);
    let dates: Vec<&str> = json["meetings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["dato"].as_str())
        .collect();
    assert_eq!(
        dates,
        [
            "2025-09-12",
            "2024-11-11",
            "2024-04-22",
            "2024-03-01",
            "2024-02-07"
        ]
    );
    let json = get("/api/v1/meetings?klynge=Sydvestjylland").await.json();
    assert_eq!(json["total"], 3);
    let json = get("/api/v1/meetings?from=2024-03-01&to=2024-11-11")
        .await
        .json();
    assert_eq!(json["total"], 3);
}

#[tokio::test]
async fn a_meeting_comes_with_participants_and_every_item() {
    let id = "sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11";
    let json = get(&format!("/api/v1/meetings/{id}")).await.json();
    assert_eq!(json["id"], id);
    assert_eq!(json["items"].as_array().map(Vec::len), Some(9));
    assert!(json["participants"]
        .as_array()
        .is_some_and(|p| !p.is_empty()));
}

#[tokio::test]
async fn facets_count_the_whole_index() {
    let json = get("/api/v1/facets").await.json();
    assert_eq!(json["total_items"], SEED_ITEMS);
    let klynge = json["facets"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["facet"] == "klynge")
        .expect("klynge facet");
    let sum: u64 = klynge["values"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["count"].as_u64())
        .sum();
    assert_eq!(sum, SEED_ITEMS, "every item has one klynge");
}

#[tokio::test]
async fn the_forum_facet_is_counted_and_filtered_through_the_api() {
    let json = get("/api/v1/facets").await.json();
    let forum = json["facets"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["facet"] == "forum")
        .expect("forum facet");
    let names: Vec<&str> = forum["values"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["value"].as_str())
        .collect();
    assert!(names.contains(&"Sundhedsdirektørkredsen"), "{names:?}");
    let json = get("/api/v1/meetings?forum=Sundhedsklynge%20S%C3%B8nderjylland")
        .await
        .json();
    assert_eq!(json["total"], 1);
}

#[tokio::test]
async fn suggest_completes_prefixes() {
    let json = get("/api/v1/suggest?q=l%C3%A6ged").await.json();
    let texts: Vec<&str> = json["suggestions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["text"].as_str())
        .collect();
    assert!(!texts.is_empty() && texts.len() <= 8, "{texts:?}");
    assert!(
        texts.iter().any(|t| t.to_lowercase().contains("læged")),
        "{texts:?}"
    );
    let json = get("/api/v1/suggest?q=").await.json();
    assert_eq!(json["suggestions"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn trends_count_hits_per_period_and_per_klynge() {
    let json = get("/api/v1/trends?interval=year").await.json();
    let series = json["series"].as_array().cloned().unwrap_or_default();
    assert_eq!(series.len(), 1);
    let sum: u64 = series[0]["points"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["count"].as_u64())
        .sum();
    assert_eq!(sum, SEED_ITEMS);
    let json = get("/api/v1/trends?interval=month&split=klynge")
        .await
        .json();
    let series = json["series"].as_array().cloned().unwrap_or_default();
    assert!(series.len() >= 2);
    let total: u64 = series.iter().filter_map(|s| s["total"].as_u64()).sum();
    assert_eq!(total, SEED_ITEMS);
    assert!(series.iter().all(|s| s["points"][0]["period"]
        .as_str()
        .is_some_and(|p| p.len() == 7)));
}

#[tokio::test]
async fn openapi_document_and_docs_page_are_served() {
    let json = get("/api/v1/openapi.json").await.json();
    assert!(json["openapi"]
        .as_str()
        .is_some_and(|v| v.starts_with("3.1")));
    assert!(json["paths"]["/api/v1/search"]["get"]["parameters"].is_array());
    let answer = get("/api/docs").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.text().contains("/api/v1/search"));
}

#[tokio::test]
async fn health_and_ready_report_and_are_never_cached() {
    let answer = get("/health").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.header(header::CACHE_CONTROL), "no-store");
    let health = answer.json();
    assert_eq!(health["status"], "ok");
    assert!(
        health.get("items").is_none(),
        "liveness says nothing about items: {health}"
    );
    assert!(health["cache"]["capacity_bytes"].is_u64(), "{health}");
    let answer = get("/ready").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert_eq!(answer.json()["items"], SEED_ITEMS);
}

#[tokio::test]
async fn unknown_paths_wrong_methods_and_bodies_get_json_errors() {
    let answer = get("/api/v1/nothing").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.json()["error"]["code"], "no_route");
    let post = Request::post("/api/v1/search")
        .body(Body::empty())
        .expect("request");
    let answer = send(state(), post).await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(answer.json()["error"]["code"], "method_not_allowed");
    let with_body = Request::get("/api/v1/search")
        .header(header::CONTENT_LENGTH, "5")
        .body(Body::from("hello"))
        .expect("request");
    let answer = send(state(), with_body).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.json()["error"]["code"], "body_not_allowed");
}

#[tokio::test]
async fn etag_gives_304_until_the_request_changes() {
    let first = get("/api/v1/search?q=pulje").await;
    let etag = first.header(header::ETAG);
    assert!(etag.starts_with("W/\""), "{etag}");
    let again = Request::get("/api/v1/search?q=pulje")
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .expect("request");
    let answer = send(state(), again).await;
    assert_eq!(answer.status, StatusCode::NOT_MODIFIED);
    assert!(answer.body.is_empty());
    let other = Request::get("/api/v1/search?q=pause")
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(state(), other).await.status, StatusCode::OK);
}

#[tokio::test]
async fn etag_changes_when_the_index_is_rebuilt_under_a_running_server() {
    let corpus = temp_dir("api-reindex-corpus");
    let index = temp_dir("api-reindex-index");
    let seeds = common::seed_files();
    std::fs::copy(&seeds[0], corpus.join("a.txt")).expect("copy seed");
    index_paths(&index, std::slice::from_ref(&corpus), &NoProgress).expect("index one seed");
    let state = AppState::new(Arc::new(Engine::open(&index).expect("open")));
    let uri = "/api/v1/search?q=kommune";
    let request = || Request::get(uri).body(Body::empty()).expect("request");
    let before = send(state.clone(), request()).await;
    std::fs::copy(&seeds[1], corpus.join("b.txt")).expect("copy seed");
    index_paths(&index, std::slice::from_ref(&corpus), &NoProgress).expect("index two seeds");
    // The reader reloads on commit by itself, shortly after: wait for it (bounded).
    let mut after = send(state.clone(), request()).await;
    for _ in 0..100 {
        if after.json()["total"] != before.json()["total"] {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        after = send(state.clone(), request()).await;
    }
    assert_ne!(
        after.json()["total"],
        before.json()["total"],
        "the new commit is seen"
    );
    assert_ne!(after.header(header::ETAG), before.header(header::ETAG));
    let stale = Request::get(uri)
        .header(header::IF_NONE_MATCH, before.header(header::ETAG))
        .body(Body::empty())
        .expect("request");
    assert_eq!(
        send(state, stale).await.status,
        StatusCode::OK,
        "no stale 304"
    );
}

#[tokio::test]
async fn cors_gzip_and_request_ids_are_on() {
    let request = Request::get("/api/v1/search?per_page=20")
        .header(header::ORIGIN, "https://example.org")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .expect("request");
    let answer = send(state(), request).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.header(header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
    assert_eq!(answer.header(header::CONTENT_ENCODING), "gzip");
    assert!(!answer
        .header(header::HeaderName::from_static("x-request-id"))
        .is_empty());
}

#[tokio::test]
async fn too_many_concurrent_searches_get_503_with_retry_after() {
    let engine = Arc::new(Engine::open(seeded_index()).expect("open"));
    let busy = AppState::with_search_permits(engine, 0);
    let answer = send(
        busy,
        Request::get("/api/v1/search?q=x")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.header(header::RETRY_AFTER), "1");
    assert_eq!(answer.json()["error"]["code"], "busy");
}

#[tokio::test]
async fn head_requests_are_answered_like_get() {
    let request = Request::builder()
        .method(Method::HEAD)
        .uri("/api/v1/facets")
        .body(Body::empty())
        .expect("request");
    let answer = send(state(), request).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.is_empty());
}
