//! A damaged index is refused, never served (issue 16, hole 4): a segment's `max_doc`
//! altered in `meta.json`, a missing `.pos` file and random bytes in a `.store` file each
//! make `Engine::open`, `referat serve` and `referat index` stop with one line naming the
//! file and the command that rebuilds it; `referat index --rebuild` brings back all 41
//! items. A panic inside an engine call answers 503 `index_damaged`, and `/health` says so.
//! The same cases over every route of a running server: `scripts/corrupt-index.sh`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use referat::engine::indexer::{index_paths, NoProgress};
use referat::engine::Engine;
use referat::server::{api::blocking, router, AppState};
use tower::ServiceExt;

use crate::common::seeds_dir;

const SEED_ITEMS: u64 = 41;

/// A fresh seeds index in its own folder.
fn seeds_index(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("referat-damaged-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let index = root.join("index");
    index_paths(&index, &[seeds_dir()], &NoProgress).expect("the seeds index");
    index
}

/// The first file of the index whose name ends with `extension`.
fn file_ending(index: &Path, extension: &str) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(index)
        .expect("index lists")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.to_string_lossy().ends_with(extension))
        .collect();
    files.sort();
    files.into_iter().next().expect("the index has such a file")
}

fn referat(args: &[&str], index: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_referat"))
        .args(args)
        .arg("--index")
        .arg(index)
        .output()
        .expect("referat runs")
}

/// `Engine::open` refuses `index` with a message naming `file`; so do `serve` and `index`
/// (exit codes 1 and 2); `index --rebuild` then brings the seeds back.
fn refused_naming_then_rebuilt(index: &Path, file: &str) {
    let error = Engine::open(index)
        .err()
        .expect("a damaged index is refused");
    let message = error.to_string();
    assert!(message.contains(file), "names `{file}`: {message}");
    assert!(message.contains("referat index --rebuild"), "{message}");

    let serve = referat(&["serve", "--addr", "127.0.0.1:0"], index);
    let stderr = String::from_utf8_lossy(&serve.stderr);
    assert_eq!(serve.status.code(), Some(1), "serve stops: {stderr}");
    assert!(
        stderr.contains(file) && stderr.contains("--rebuild"),
        "{stderr}"
    );

    let seeds = seeds_dir();
    let seeds = seeds.to_str().expect("UTF-8 path");
    let run = referat(&["index", seeds], index);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "index stops: {stderr}");
    assert!(stderr.contains(file), "index names `{file}`: {stderr}");

    let rebuilt = referat(&["index", "--rebuild", seeds], index);
    assert!(rebuilt.status.success(), "{rebuilt:?}");
    let engine = Engine::open(index).expect("the rebuilt index opens");
    assert_eq!(engine.item_count(), SEED_ITEMS);
}

#[test]
fn a_max_doc_altered_in_meta_json_is_refused_naming_meta_json() {
    let index = seeds_index("max-doc");
    let meta_path = index.join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&meta_path).expect("meta.json")).expect("JSON");
    let max_doc = meta["segments"][0]["max_doc"].as_u64().expect("a max_doc");
    meta["segments"][0]["max_doc"] = (max_doc + 1000).into();
    std::fs::write(&meta_path, meta.to_string()).expect("writable");
    refused_naming_then_rebuilt(&index, "meta.json");
}

#[test]
fn a_missing_pos_file_is_refused_naming_it() {
    let index = seeds_index("pos");
    let pos = file_ending(&index, ".pos");
    std::fs::remove_file(&pos).expect("removable");
    let name = pos
        .file_name()
        .expect("named")
        .to_string_lossy()
        .into_owned();
    refused_naming_then_rebuilt(&index, &name);
}

#[test]
fn random_bytes_in_a_store_file_are_refused_naming_it() {
    let index = seeds_index("store");
    let store = file_ending(&index, ".store");
    let mut bytes = std::fs::read(&store).expect("readable");
    // Deterministic noise over a stretch of compressed documents.
    for (i, byte) in bytes.iter_mut().enumerate().skip(100).take(300) {
        *byte = (i as u8).wrapping_mul(151).wrapping_add(7);
    }
    std::fs::write(&store, bytes).expect("writable");
    let name = store
        .file_name()
        .expect("named")
        .to_string_lossy()
        .into_owned();
    refused_naming_then_rebuilt(&index, &name);
}

async fn status_and_code(state: &AppState, uri: &str) -> (StatusCode, String) {
    let request = Request::get(uri).body(Body::empty()).expect("request");
    let response = router(state.clone())
        .oneshot(request)
        .await
        .expect("infallible");
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    (
        status,
        json["error"]["code"].as_str().unwrap_or("").to_owned(),
    )
}

#[tokio::test]
async fn a_panic_inside_the_engine_is_a_503_and_health_reports_it() {
    let index = seeds_index("panic");
    let state = AppState::new(Arc::new(Engine::open(&index).expect("opens")));
    assert_eq!(status_and_code(&state, "/health").await.0, StatusCode::OK);
    let failed = blocking(&state, |_| -> referat::Result<()> {
        panic!("index out of bounds in a bitpacker")
    })
    .await
    .expect_err("the panic is an error, not a crash");
    let response = axum::response::IntoResponse::into_response(failed);
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    for probe in ["/health", "/ready"] {
        let (status, code) = status_and_code(&state, probe).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::SERVICE_UNAVAILABLE, "index_damaged")
        );
    }
}

#[tokio::test]
async fn health_reports_a_file_that_vanished_under_a_running_server() {
    let index = seeds_index("vanished");
    let state = AppState::new(Arc::new(Engine::open(&index).expect("opens")));
    std::fs::remove_file(file_ending(&index, ".pos")).expect("removable");
    let (status, code) = status_and_code(&state, "/health").await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, "index_damaged")
    );
    // The open segments stay mapped: searches still answer.
    let (search, _) = status_and_code(&state, "/api/v1/search?q=pulje").await;
    assert_eq!(search, StatusCode::OK);
}
