//! HTTP caching and request hygiene as middleware: weak ETags tied to the index state (so a
//! re-index while the server runs invalidates every cached answer), `If-None-Match` → 304,
//! `Cache-Control`, and refusal of request bodies (the API is GET only).

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::error::ApiError;
use super::response_cache::IndexState;
use super::{limits, AppState};

/// ETag of `uri` over the index state `fingerprint`: equal requests against the same
/// committed index get the same tag; any commit changes every tag.
pub fn etag_for(fingerprint: &str, uri: &str) -> String {
    let digest = Sha256::digest(uri.as_bytes());
    let uri_hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("W/\"{fingerprint}-{uri_hash}\"")
}

/// Whether an `If-None-Match` value names `etag` (or `*`).
fn matches(if_none_match: &str, etag: &str) -> bool {
    let bare = etag.trim_start_matches("W/");
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == bare)
}

/// Answer 304 when the client's copy is current; otherwise tag and mark cacheable the 200.
/// The fingerprint is read BEFORE the handler runs: if a commit lands meanwhile, the tag is
/// older than the body, and the next request simply gets a fresh 200 (never a stale 304).
pub async fn conditional_get(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let uri = request.uri().to_string();
    // Read once per request by the response cache, which runs first.
    let fingerprint = match request.extensions().get::<IndexState>() {
        Some(IndexState(fingerprint)) => fingerprint.to_string(),
        None => state.engine.state_fingerprint(),
    };
    let etag = etag_for(&fingerprint, &uri);
    let client_copy = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok());
    if client_copy.is_some_and(|value| matches(value, &etag)) {
        return not_modified(&etag);
    }
    let mut response = next.run(request).await;
    if response.status() == StatusCode::OK {
        let headers = response.headers_mut();
        if let Ok(value) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, value);
        }
        headers
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static(limits::CACHE_CONTROL_API));
    }
    response
}

fn not_modified(etag: &str) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(limits::CACHE_CONTROL_API),
    );
    response
}

/// Refuse requests that carry a body: nothing here reads one, and accepting them would only
/// invite large uploads.
pub async fn refuse_bodies(request: Request, next: Next) -> Response {
    let headers = request.headers();
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let has_body = length.is_some_and(|n| n > limits::MAX_BODY_BYTES)
        || headers.contains_key(header::TRANSFER_ENCODING);
    if has_body {
        return ApiError::BodyNotAllowed.into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_change_with_the_index_state_and_the_request() {
        let a = etag_for("0011", "/api/v1/search?q=x");
        assert_eq!(a, etag_for("0011", "/api/v1/search?q=x"));
        assert_ne!(a, etag_for("0012", "/api/v1/search?q=x"));
        assert_ne!(a, etag_for("0011", "/api/v1/search?q=y"));
    }

    #[test]
    fn if_none_match_accepts_lists_weak_tags_and_star() {
        let etag = etag_for("ab", "/x");
        assert!(matches(&format!("\"other\", {etag}"), &etag));
        assert!(matches(etag.trim_start_matches("W/"), &etag));
        assert!(matches("*", &etag));
        assert!(!matches("\"other\"", &etag));
    }
}
