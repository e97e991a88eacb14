//! The response cache through the whole router, over the seeds indexed into a temp dir:
//! hits equal uncached answers, every parameter is its own entry, a reload empties it, the
//! byte bound holds, errors and busy answers are never kept.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use tokio::sync::Semaphore;
use tower::ServiceExt;

use super::ResponseCache;
use crate::engine::indexer::{index_paths, NoProgress};
use crate::engine::Engine;
use crate::server::{router, AppState};

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("referat-rc-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn seeded_index() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = temp_dir("seeds");
        index_paths(&dir, &[seeds_dir()], &NoProgress).expect("the seeds index");
        dir
    })
}

fn state_with(capacity: usize) -> AppState {
    let engine = Engine::open(seeded_index()).expect("open the index");
    AppState::new(Arc::new(engine)).with_response_cache(ResponseCache::new(capacity))
}

#[derive(Debug, PartialEq)]
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    /// The body without the engine's timing, which differs between two computations.
    fn untimed(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let json = regex::Regex::new(r#""took_ms":[0-9.e-]+"#).expect("regex");
        let html = regex::Regex::new(r#"<span class="took">[^<]*</span>"#).expect("regex");
        html.replace_all(&json.replace_all(&text, ""), "")
            .into_owned()
    }
}

async fn send(state: &AppState, uri: &str, headers: &[(header::HeaderName, &str)]) -> Answer {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    let request = request.body(Body::empty()).expect("request");
    let response = router(state.clone())
        .oneshot(request)
        .await
        .expect("infallible");
    let status = response.status();
    let mut headers = response.headers().clone();
    // Set per request by design, outside the cache.
    headers.remove("x-request-id");
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    Answer {
        status,
        headers,
        body: body.to_vec(),
    }
}

async fn get(state: &AppState, uri: &str) -> Answer {
    send(state, uri, &[]).await
}

const ITEM: &str = "/api/v1/items/sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11/punkt-2";

/// Requests that differ from one another in exactly one parameter, header or path.
const DISTINCT: [&str; 14] = [
    "/api/v1/search?q=kommune",
    "/api/v1/search?q=praksis",
    "/api/v1/search?q=kommune&page=2&per_page=5",
    "/api/v1/search?q=kommune&page=3&per_page=5",
    "/api/v1/search?q=kommune&per_page=5",
    "/api/v1/search?q=kommune&sort=newest",
    "/api/v1/search?q=kommune&niveau=Politisk+niveau",
    "/api/v1/search?q=kommune&aar=2024",
    "/?q=kommune",
    "/?q=kommune&sort=newest",
    "/api/v1/suggest?q=komm",
    "/api/v1/facets",
    "/api/v1/search.csv?q=kommune",
    ITEM,
];

#[tokio::test]
async fn hits_equal_the_uncached_answers_and_skip_the_engine() {
    let cached = state_with(16 << 20);
    let uncached = state_with(0);
    for uri in DISTINCT {
        let miss = get(&cached, uri).await;
        let hit = get(&cached, uri).await;
        assert_eq!(miss.status, StatusCode::OK, "{uri}: {}", miss.untimed());
        assert_eq!(
            hit, miss,
            "{uri}: a hit is the stored answer, byte for byte"
        );
        let fresh = get(&uncached, uri).await;
        assert_eq!(fresh.status, hit.status, "{uri}");
        assert_eq!(
            fresh.untimed(),
            hit.untimed(),
            "{uri}: same body as uncached"
        );
        for name in [header::CONTENT_TYPE, header::ETAG, header::CACHE_CONTROL] {
            assert_eq!(
                fresh.headers.get(&name),
                hit.headers.get(&name),
                "{uri} {name}"
            );
        }
    }
    let stats = cached.responses.stats();
    assert_eq!((stats.hits, stats.misses), (14, 14));
    // With no engine permit left, a cached answer is still served; an uncached one is 503.
    let starved = AppState {
        searches: Arc::new(Semaphore::new(0)),
        ..cached.clone()
    };
    assert_eq!(get(&starved, DISTINCT[0]).await.status, StatusCode::OK);
    let other = get(&starved, "/api/v1/search?q=psykiatri").await;
    assert_eq!(other.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        get(&cached, "/api/v1/search?q=psykiatri").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn every_parameter_encoding_and_host_is_its_own_entry() {
    let state = state_with(4 << 20);
    let mut answers = Vec::new();
    for uri in DISTINCT {
        answers.push(get(&state, uri).await);
    }
    let gzip = [(header::ACCEPT_ENCODING, "gzip")];
    let zipped = send(&state, DISTINCT[0], &gzip).await;
    let atom = "/api/v1/search.atom?q=kommune";
    let host_a = send(&state, atom, &[(header::HOST, "a.example")]).await;
    let host_b = send(&state, atom, &[(header::HOST, "b.example")]).await;
    assert_eq!(state.responses.stats().entries, DISTINCT.len() + 3);
    for (uri, first) in DISTINCT.iter().zip(&answers) {
        assert_eq!(&get(&state, uri).await, first, "{uri}");
    }
    assert_eq!(send(&state, DISTINCT[0], &gzip).await, zipped);
    assert_eq!(
        zipped
            .headers
            .get(header::CONTENT_ENCODING)
            .map(|v| v.as_bytes()),
        Some(&b"gzip"[..])
    );
    assert_ne!(zipped.body, answers[0].body);
    let again_b = send(&state, atom, &[(header::HOST, "b.example")]).await;
    assert!(String::from_utf8_lossy(&again_b.body).contains("http://b.example/"));
    assert!(String::from_utf8_lossy(&host_a.body).contains("http://a.example/"));
    assert_eq!(again_b, host_b);
    let stats = state.responses.stats();
    assert_eq!(
        (stats.hits, stats.misses),
        (DISTINCT.len() as u64 + 2, DISTINCT.len() as u64 + 3)
    );
}

#[tokio::test]
async fn a_reload_empties_the_cache_so_no_stale_answer_is_served() {
    let corpus = temp_dir("reload-corpus");
    let index = temp_dir("reload-index");
    let seeds: Vec<PathBuf> = {
        let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
            .expect("seeds")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        files
    };
    std::fs::copy(&seeds[0], corpus.join("a.txt")).expect("copy seed");
    index_paths(&index, std::slice::from_ref(&corpus), &NoProgress).expect("index one seed");
    let engine = Engine::open(&index).expect("open");
    let state = AppState::new(Arc::new(engine)).with_response_cache(ResponseCache::new(1 << 20));
    let uri = "/api/v1/search?q=kommune";
    let before = get(&state, uri).await;
    assert_eq!(get(&state, uri).await, before, "cached before the reload");
    std::fs::copy(&seeds[1], corpus.join("b.txt")).expect("copy seed");
    index_paths(&index, std::slice::from_ref(&corpus), &NoProgress).expect("index two seeds");
    // The reader reloads shortly after the commit: the cached answer must give way then.
    let mut after = get(&state, uri).await;
    for _ in 0..100 {
        if after.body != before.body {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        after = get(&state, uri).await;
    }
    let total = |a: &Answer| {
        serde_json::from_slice::<serde_json::Value>(&a.body).expect("json")["total"].clone()
    };
    assert_ne!(total(&after), total(&before), "the new commit is answered");
    assert_ne!(
        after.headers.get(header::ETAG),
        before.headers.get(header::ETAG)
    );
    // The commit's segment merge may write `meta.json` once more and reload the reader again
    // (same items, new answer `took_ms`), which rightly empties the cache once more. What must
    // hold once the index is quiet: one fresh answer is kept and repeated requests get it.
    let mut settled = None;
    for _ in 0..50 {
        let first = get(&state, uri).await;
        if get(&state, uri).await == first {
            settled = Some(first);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let settled = settled.expect("a repeated request is served from the cache");
    assert_eq!(
        total(&settled),
        total(&after),
        "the new commit stays answered"
    );
    assert_eq!(
        state.responses.stats().entries,
        1,
        "only the fresh answer is kept"
    );
}

#[tokio::test]
async fn the_byte_bound_holds_and_the_oldest_answers_go_first() {
    // One answer under 24 hosts: 24 entries of the same size (give or take the digits of
    // `took_ms`), so the bound holds ten of them.
    let uri = "/api/v1/search?q=kommune";
    let host = |i: usize| format!("h{i:02}.example");
    let probe = state_with(1 << 20);
    send(&probe, uri, &[(header::HOST, &host(0))]).await;
    let entry = probe.responses.stats().bytes;
    let capacity = 10 * entry + entry / 2;
    let state = state_with(capacity);
    for i in 0..24 {
        send(&state, uri, &[(header::HOST, &host(i))]).await;
        let stats = state.responses.stats();
        assert!(
            stats.bytes <= capacity,
            "{} bytes over the bound {capacity}",
            stats.bytes
        );
    }
    let stats = state.responses.stats();
    assert_eq!(stats.entries, 10, "{stats:?}");
    send(&state, uri, &[(header::HOST, &host(23))]).await;
    assert_eq!(state.responses.stats().misses, 24, "the newest is kept");
    send(&state, uri, &[(header::HOST, &host(0))]).await;
    assert_eq!(state.responses.stats().misses, 25, "the oldest was evicted");
}

#[tokio::test]
async fn errors_busy_answers_and_probes_are_never_kept() {
    let state = state_with(1 << 20);
    let starved = AppState {
        searches: Arc::new(Semaphore::new(0)),
        ..state.clone()
    };
    let uri = "/api/v1/search?q=kommune";
    assert_eq!(
        get(&starved, uri).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        get(&state, uri).await.status,
        StatusCode::OK,
        "the 503 was not kept"
    );
    for bad in [
        "/api/v1/search?q=kommune&page=999",
        "/api/v1/search?nope=1",
        "/api/v1/nothing",
        "/health",
    ] {
        let first = get(&state, bad).await;
        assert_ne!(first.status, StatusCode::SERVICE_UNAVAILABLE, "{bad}");
    }
    assert_eq!(
        state.responses.stats().entries,
        1,
        "only the 200 search answer"
    );
}

#[tokio::test]
async fn a_zero_size_turns_the_cache_off() {
    let state = state_with(0);
    get(&state, "/api/v1/search?q=kommune").await;
    get(&state, "/api/v1/search?q=kommune").await;
    let stats = state.responses.stats();
    assert_eq!((stats.hits, stats.misses, stats.entries), (0, 0, 0));
}

#[tokio::test]
async fn health_reports_hits_and_misses() {
    let state = state_with(1 << 20);
    get(&state, "/api/v1/search?q=kommune").await;
    get(&state, "/api/v1/search?q=kommune").await;
    let health = get(&state, "/health").await;
    let json: serde_json::Value = serde_json::from_slice(&health.body).expect("json");
    assert_eq!(json["cache"]["hits"], 1);
    assert_eq!(json["cache"]["misses"], 1);
    assert_eq!(json["cache"]["capacity_bytes"], 1 << 20);
}
