//! Hostile requests and hostile content: huge or malformed queries, odd methods, path
//! escapes, markup carried by a referat, and slow clients over real TCP. Every case must get
//! a fast 4xx (or be cut off), never a 5xx or a panic, and markup is never passed through.
//! Over the seeds plus one referat whose title and text carry `<script>` and `<img onerror>`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use referat::engine::indexer::{index_paths, NoProgress};
use referat::engine::Engine;
use referat::server::{router, AppState};
use serde_json::Value;
use tower::ServiceExt;

use crate::common;

/// The meeting and item of the hostile referat.
const EVIL_MEETING: &str = "sundhedsklynge-sydvestjylland/politisk-niveau/2031-11-11";
const EVIL_ITEM: &str = "sundhedsklynge-sydvestjylland/politisk-niveau/2031-11-11/punkt-3";
const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "<img src=x onerror=alert(2)>";

/// Seed 000 moved to 2031, with markup in item 3's title and in its text.
fn evil_referat() -> String {
    let seed = std::fs::read_to_string(&common::seed_files()[0]).expect("seed 000 is UTF-8");
    seed.replace("d. 11-11-2024", "d. 11-11-2031")
        .replace(
            "## Punkt 3: Opfølgning på lægedækning",
            &format!("## Punkt 3: Opfølgning på lægedækning {SCRIPT}"),
        )
        .replace(
            "Punktet indledes med et mundtligt oplæg fra praksisafdelingen og PLO.",
            &format!("Punktet {IMG} om lægedækning indledes {SCRIPT} med et mundtligt oplæg."),
        )
}

fn hostile_index() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let root =
            std::env::temp_dir().join(format!("referat-test-hostile-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let evil = root.join("evil");
        std::fs::create_dir_all(&evil).expect("temp dir");
        std::fs::write(evil.join("evil.txt"), evil_referat()).expect("writable");
        let index = root.join("index");
        let summary = index_paths(&index, &[common::seeds_dir(), evil], &NoProgress)
            .expect("seeds and the hostile referat index");
        assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
        index
    })
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.body))
    }

    fn error_param(&self) -> String {
        assert!(
            self.status.is_client_error(),
            "status {}: {}",
            self.status,
            self.body
        );
        self.json()["error"]["param"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

async fn send(request: Request<Body>) -> Answer {
    let engine = Engine::open(hostile_index()).expect("open the index");
    let response = router(AppState::new(Arc::new(engine)))
        .oneshot(request)
        .await
        .expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

async fn get(uri: &str) -> Answer {
    send(Request::get(uri).body(Body::empty()).expect("request")).await
}

#[tokio::test]
async fn huge_and_many_term_queries_are_400_on_q_or_answered() {
    // The longest URI the `http` crate builds; 1 MB goes over TCP below.
    let long = format!("/api/v1/search?q={}", "a".repeat(60_000));
    assert_eq!(get(&long).await.error_param(), "q");
    let terms: Vec<String> = (0..3_000).map(|n| format!("t{n}")).collect();
    let many = format!("/api/v1/search?q={}", terms.join("+"));
    assert_eq!(get(&many).await.error_param(), "q");
    let ors = format!("/api/v1/search?q={}", vec!["pulje"; 150].join("+OR+"));
    let answer = get(&ors).await;
    assert!(!answer.status.is_server_error(), "{}", answer.body);
    for uri in [
        "/api/v1/search?q=*ing",
        "/api/v1/search?q=a*",
        "/api/v1/search?q=*",
        "/api/v1/search?q=%22%22%22",
        "/api/v1/search?q=((((((((((a",
        "/api/v1/search?q=titel:",
        "/api/v1/search?q=-",
        "/api/v1/suggest?q=a",
        "/?q=*ing",
        "/?q=a*",
    ] {
        let answer = get(uri).await;
        assert!(
            answer.status == StatusCode::OK || answer.status == StatusCode::BAD_REQUEST,
            "{uri}: {} {}",
            answer.status,
            answer.body
        );
    }
}

#[tokio::test]
async fn numbers_out_of_range_and_unknown_parameters_name_the_parameter() {
    let cases = [
        (
            "/api/v1/search?q=pulje&page=999999999999999999999999",
            "page",
        ),
        ("/api/v1/search?q=pulje&page=-5", "page"),
        (
            "/api/v1/search?q=pulje&per_page=18446744073709551616",
            "per_page",
        ),
        ("/api/v1/search?q=pulje&per_page=-1", "per_page"),
        ("/api/v1/search?q=pulje&page=1e3", "page"),
        ("/api/v1/search?q=pulje&from=99999-01-01", "from"),
        ("/api/v1/search?q=pulje&evil=%3Cscript%3E", "evil"),
        ("/api/v1/suggest?q=l&limit=4294967296", "limit"),
        ("/api/v1/meetings?page=0", "page"),
    ];
    for (uri, param) in cases {
        assert_eq!(get(uri).await.error_param(), param, "{uri}");
    }
    let far = get("/api/v1/search?q=pulje&page=100&per_page=100").await;
    assert_eq!(
        far.error_param(),
        "page",
        "a page past the last one is named"
    );
    assert_eq!(far.json()["error"]["code"], "page_out_of_range");
}

#[tokio::test]
async fn invalid_percent_encoding_and_utf8_in_paths_are_4xx() {
    for uri in [
        "/api/v1/items/%ff%fe",
        "/api/v1/items/%C3",
        "/api/v1/meetings/%",
        "/punkt/%ff",
        "/?q=%ff",
        "/?q=%",
    ] {
        let answer = get(uri).await;
        assert!(answer.status.is_client_error(), "{uri}: {}", answer.status);
    }
}

#[tokio::test]
async fn ids_from_the_url_never_reach_the_filesystem() {
    for uri in [
        "/api/v1/items/../../etc/passwd",
        "/api/v1/items/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/items/%2e%2e/%2e%2e/Cargo.toml",
        "/api/v1/meetings/../../../../etc/passwd",
        "/api/v1/items//etc/passwd",
    ] {
        let answer = get(uri).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!answer.body.contains("root:"), "{uri}");
        assert!(answer.json()["error"]["code"].is_string(), "{uri}");
    }
    for uri in ["/punkt/../../etc/passwd", "/moede/..%2F..%2Fetc%2Fpasswd"] {
        let answer = get(uri).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!answer.body.contains("root:"), "{uri}");
    }
}

#[tokio::test]
async fn static_files_cannot_be_escaped_with_dot_dot() {
    for uri in [
        "/static/../Cargo.toml",
        "/static/..%2FCargo.toml",
        "/static/%2e%2e/Cargo.toml",
        "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/static/app.css/../../Cargo.toml",
        "/static/",
    ] {
        let answer = get(uri).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!answer.body.contains("[package]"), "{uri}");
    }
}

#[tokio::test]
async fn no_route_accepts_a_method_that_writes() {
    let routes = [
        "/",
        "/punkt/x",
        "/moede/x",
        "/static/app.css",
        "/health",
        "/ready",
        "/api/v1/search",
        "/api/v1/search.csv",
        "/api/v1/search.atom",
        &format!("/api/v1/items/{EVIL_ITEM}"),
        "/api/v1/meetings",
        &format!("/api/v1/meetings/{EVIL_MEETING}"),
        "/api/v1/facets",
        "/api/v1/suggest",
        "/api/v1/trends",
        "/api/v1/openapi.json",
        "/api/docs",
        "/api/v1/index",
        "/api/v1/reindex",
    ];
    let methods = [
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::TRACE,
        Method::CONNECT,
        Method::OPTIONS,
    ];
    let before = Engine::open(hostile_index()).expect("opens").item_count();
    for route in routes {
        for method in &methods {
            let request = Request::builder()
                .method(method.clone())
                .uri(route)
                .body(Body::from("x".repeat(10)))
                .expect("request");
            let answer = send(request).await;
            assert!(
                answer.status == StatusCode::METHOD_NOT_ALLOWED
                    || answer.status == StatusCode::NOT_FOUND
                    || answer.status == StatusCode::PAYLOAD_TOO_LARGE,
                "{method} {route}: {}",
                answer.status
            );
            assert!(
                answer
                    .header(header::ACCESS_CONTROL_ALLOW_ORIGIN)
                    .is_empty()
                    || *method != Method::OPTIONS
                    || answer.status.is_client_error()
            );
        }
    }
    let after = Engine::open(hostile_index()).expect("opens").item_count();
    assert_eq!(before, after, "no request changed the index");
}

#[tokio::test]
async fn a_huge_body_is_refused_before_it_is_read() {
    let request = Request::get("/api/v1/search?q=pulje")
        .header(header::CONTENT_LENGTH, (64 << 20).to_string())
        .body(Body::from(vec![b'x'; 64 << 20]))
        .expect("request");
    let answer = send(request).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn markup_from_a_referat_is_escaped_on_the_page_and_item_page() {
    for uri in [
        "/?q=l%C3%A6ged%C3%A6kning".to_owned(),
        format!("/punkt/{EVIL_ITEM}"),
        format!("/moede/{EVIL_MEETING}"),
    ] {
        let answer = get(&uri).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}");
        assert!(!answer.body.contains("<script>alert"), "{uri}: raw script");
        assert!(!answer.body.contains("<img src=x"), "{uri}: raw img");
        assert!(
            answer.body.contains("&lt;script&gt;"),
            "{uri}: the title is shown, escaped"
        );
        assert!(answer
            .header(header::CONTENT_SECURITY_POLICY)
            .contains("script-src 'self'"));
        assert_eq!(answer.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert!(!answer.header(header::REFERRER_POLICY).is_empty(), "{uri}");
    }
}

#[tokio::test]
async fn markup_from_a_referat_is_escaped_in_json_snippets_atom_and_csv() {
    let json = get("/api/v1/search?q=onerror+script+l%C3%A6ged%C3%A6kning&per_page=100").await;
    assert_eq!(json.status, StatusCode::OK);
    let hits = json.json()["hits"].as_array().cloned().unwrap_or_default();
    let evil = hits
        .iter()
        .find(|hit| hit["id"] == EVIL_ITEM)
        .unwrap_or_else(|| panic!("the hostile item is found: {}", json.body));
    let snippets = evil["snippets"].as_array().cloned().unwrap_or_default();
    assert!(!snippets.is_empty());
    for snippet in &snippets {
        let html = snippet["html"].as_str().unwrap_or_default();
        let without_marks = html.replace("<mark>", "").replace("</mark>", "");
        assert!(
            !without_marks.contains('<'),
            "snippet html carries a tag: {html}"
        );
    }
    let atom = get("/api/v1/search.atom?q=l%C3%A6ged%C3%A6kning").await;
    assert_eq!(atom.status, StatusCode::OK);
    assert!(!atom.body.contains("<script>"), "{}", atom.body);
    assert!(!atom.body.contains("<img"), "{}", atom.body);
    assert!(
        atom.body.contains("&lt;script&gt;"),
        "the title is in the feed, escaped"
    );
    let csv = get("/api/v1/search.csv?q=l%C3%A6ged%C3%A6kning").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header(header::CONTENT_TYPE).starts_with("text/csv"));
    assert!(
        csv.body.contains(SCRIPT),
        "CSV is data: the title comes as written"
    );
    for line in csv.body.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '@']),
                "a cell Excel would run as a formula: {line}"
            );
        }
    }
}

/// A server on an ephemeral port in this process, for what `oneshot` cannot show.
fn tcp_server(runtime: &tokio::runtime::Runtime) -> String {
    let engine = Engine::open(hostile_index()).expect("open the index");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("address").to_string();
    let state = AppState::new(Arc::new(engine));
    runtime.spawn(referat::server::serve(
        listener,
        state,
        std::future::pending(),
    ));
    addr
}

/// Whether the server closes `stream` (EOF or reset) while the client keeps quiet. The read
/// timeout only guards against hanging for ever.
fn closed_by_server(stream: &mut TcpStream) -> bool {
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("set timeout");
    let mut buf = [0u8; 512];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => return false,
            Err(err) if err.kind() == std::io::ErrorKind::TimedOut => return false,
            Err(_) => return true,
        }
    }
}

#[test]
fn a_slowloris_trickle_and_a_silent_client_are_cut_off() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let addr = tcp_server(&runtime);
    let mut silent = TcpStream::connect(&addr).expect("connect");
    let mut trickle = TcpStream::connect(&addr).expect("connect");
    trickle
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .expect("first bytes");
    let feeder = std::thread::spawn(move || {
        // One header line a second, never the blank line that ends them.
        for n in 0..60 {
            if trickle
                .write_all(format!("X-{n}: y\r\n").as_bytes())
                .is_err()
            {
                return true;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
        false
    });
    assert!(
        closed_by_server(&mut silent),
        "a silent connection is closed"
    );
    assert!(
        feeder.join().expect("feeder"),
        "a trickling client is cut off"
    );
    let mut huge = TcpStream::connect(&addr).expect("connect");
    let line = format!(
        "GET /api/v1/search?q={} HTTP/1.1\r\nHost: x\r\n\r\n",
        "a".repeat(1 << 20)
    );
    // The server may close before it has read everything: a failed write is fine.
    let _ = huge.write_all(line.as_bytes());
    let mut response = Vec::new();
    let _ = huge.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response);
    assert!(
        response.is_empty() || response.starts_with("HTTP/1.1 4"),
        "a 1 MB request line is refused: {response}"
    );
    let mut ok = TcpStream::connect(&addr).expect("connect");
    ok.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("request");
    let mut response = String::new();
    ok.read_to_string(&mut response).expect("response");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
}
