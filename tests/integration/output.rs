//! What people and scripts see at the edges: an unknown address in a browser is the page's
//! Danish 404 (API clients keep their JSON), `referat parse --json` prints one JSON
//! document however many files it is given, and `parse` warns about a participant's name
//! spelled another way in the text.

use std::process::Command;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use referat::engine::Engine;
use referat::server::{router, AppState};
use tower::ServiceExt;

use crate::common;

/// Status, content type and body of `uri` asked for with `accept`, over an empty index.
async fn get(uri: &str, accept: &str) -> (StatusCode, String, String) {
    let dir = std::env::temp_dir().join(format!("referat-test-output-{}", std::process::id()));
    let engine = Engine::open(&dir).expect("an empty index opens");
    let request = Request::get(uri)
        .header(header::ACCEPT, accept)
        .body(Body::empty())
        .expect("request");
    let response = router(AppState::new(Arc::new(engine)))
        .oneshot(request)
        .await
        .expect("infallible");
    let status = response.status();
    let kind = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, kind, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn an_unknown_address_in_a_browser_is_the_danish_404_page() {
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    let (status, kind, body) = get("/nope", browser).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(kind.starts_with("text/html"), "{kind}");
    assert!(body.contains("Siden findes ikke"), "{body}");
    for (uri, accept) in [
        ("/nope", "application/json"),
        ("/nope", "*/*"),
        ("/api/v1/nope", browser),
    ] {
        let (status, kind, body) = get(uri, accept).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(
            kind.starts_with("application/json"),
            "{uri} {accept}: {kind}"
        );
        assert!(body.contains("no_route"), "{body}");
    }
}

fn parse_json(files: &[std::path::PathBuf]) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_referat"))
        .args(["parse", "--json"])
        .args(files)
        .output()
        .expect("run referat parse");
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON document")
}

#[test]
fn parse_json_is_one_object_for_one_file_and_one_array_for_several() {
    let files = common::seed_files();
    let one = parse_json(&files[..1]);
    assert!(one["title"].is_string(), "one file: the meeting itself");
    let all = parse_json(&files);
    let meetings = all.as_array().expect("several files: an array");
    assert_eq!(meetings.len(), files.len());
    assert_eq!(meetings[0], one, "in the order given");
}

#[test]
fn parse_warns_about_a_participants_other_spelling_and_merges_nothing() {
    let seed = common::seeds_dir().join("000_731f48feb1185b6b.txt");
    let output = Command::new(env!("CARGO_BIN_EXE_referat"))
        .arg("parse")
        .arg(&seed)
        .output()
        .expect("run referat parse");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`Stephanie Storbank` i punkt 1 ligner deltageren `Stephanie Storbak`"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("  Stephanie Storbak, Billund Kommune"),
        "{stdout}"
    );
    // The other seeds spell their participants one way: no warnings.
    let others = Command::new(env!("CARGO_BIN_EXE_referat"))
        .arg("parse")
        .args(&common::seed_files()[1..])
        .output()
        .expect("run referat parse");
    assert!(!String::from_utf8_lossy(&others.stderr).contains("advarsel"));
}
