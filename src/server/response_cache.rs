//! The response cache: complete answers (status, headers, body as sent, so compressed when
//! the client asked for gzip) kept in memory, because real search traffic repeats (popular
//! words, facet clicks, reloads, sites polling one API URL). It sits in [`super::router`]
//! between CORS and compression: a hit skips the engine, the JSON/HTML building and gzip.
//!
//! - Keyed by the exact request: path and query as sent, `Accept-Encoding` and `Host` (the
//!   two request headers an answer depends on). The query is not re-ordered: the Atom feed
//!   echoes the raw URI and errors name the first offending parameter, so two spellings of
//!   "the same" query can differ in bytes.
//! - Bounded in bytes, least recently used evicted first; one answer may take at most an
//!   eighth of the bound, so a big CSV export cannot flush everything else.
//! - Tied to the index state: every request reads the engine's state fingerprint first; a
//!   new fingerprint (a commit was loaded) empties the cache, and an answer computed under
//!   an older fingerprint is not stored. No stale answer survives a reload.
//! - Only `200` answers that may be cached (`Cache-Control` other than `no-store`) are kept:
//!   never errors, never `503` (they depend on load), never the health probes.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use lru::LruCache;
use serde::Serialize;
use utoipa::ToSchema;

use super::error::ApiError;
use super::AppState;

#[cfg(test)]
mod tests;

/// Environment variable setting the cache's bound in MiB (`0` turns it off).
pub const SIZE_ENV: &str = "REFERAT_CACHE_MB";
/// The bound when [`SIZE_ENV`] is not set: a few thousand typical answers.
pub const DEFAULT_MB: usize = 64;
/// Bytes counted per entry on top of its key, headers and body (map node, `Arc`, lengths).
const ENTRY_OVERHEAD: usize = 256;

/// The index state an answer was computed under, handed on to the ETag middleware in the
/// request's extensions so the fingerprint is computed once per request.
#[derive(Clone)]
pub struct IndexState(pub Arc<str>);

/// What an answer depends on besides the index state.
#[derive(PartialEq, Eq, Hash)]
struct Key {
    uri: String,
    accept_encoding: Option<Bytes>,
    host: Option<Bytes>,
}

impl Key {
    fn cost(&self) -> usize {
        self.uri.len()
            + self.accept_encoding.as_ref().map_or(0, Bytes::len)
            + self.host.as_ref().map_or(0, Bytes::len)
    }
}

/// One complete answer, shared by every hit.
struct Stored {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    cost: usize,
}

impl Stored {
    fn response(&self) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        response
    }
}

struct Inner {
    /// Fingerprint of the index state every entry was computed under.
    generation: Arc<str>,
    entries: LruCache<Key, Arc<Stored>>,
    bytes: usize,
}

/// Hit and miss counts and the fill, for `/health`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema)]
pub struct CacheStats {
    pub hits: u64,
    pub misses: u64,
    pub entries: usize,
    pub bytes: usize,
    pub capacity_bytes: usize,
}

/// A byte-bounded LRU map from requests to complete answers (see the module doc).
pub struct ResponseCache {
    capacity: usize,
    inner: Mutex<Inner>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl ResponseCache {
    /// A cache holding at most `capacity` bytes; `0` caches nothing.
    pub fn new(capacity: usize) -> ResponseCache {
        ResponseCache {
            capacity,
            inner: Mutex::new(Inner {
                generation: Arc::from(""),
                entries: LruCache::unbounded(),
                bytes: 0,
            }),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// A cache sized by [`SIZE_ENV`] (MiB), [`DEFAULT_MB`] when unset or not a number.
    pub fn from_env() -> ResponseCache {
        let mb = match std::env::var(SIZE_ENV) {
            Err(_) => DEFAULT_MB,
            Ok(value) => value.trim().parse::<usize>().unwrap_or_else(|_| {
                tracing::warn!(%value, "`{SIZE_ENV}` is not a number of MiB: using {DEFAULT_MB}");
                DEFAULT_MB
            }),
        };
        ResponseCache::new(mb.saturating_mul(1024 * 1024))
    }

    pub fn stats(&self) -> CacheStats {
        let inner = self.lock();
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            entries: inner.entries.len(),
            bytes: inner.bytes,
            capacity_bytes: self.capacity,
        }
    }

    /// The lock, even if a panicking holder poisoned it: every update leaves the map and
    /// its byte count consistent before anything can panic.
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The key of a request whose answer may be cached, `None` for any other.
    fn key_for(&self, request: &Request) -> Option<Key> {
        let headers = request.headers();
        let has_body = headers.contains_key(header::TRANSFER_ENCODING)
            || headers
                .get(header::CONTENT_LENGTH)
                .is_some_and(|v| v.as_bytes() != b"0");
        // A conditional request is answered cheaply (304) by the ETag middleware; the probes
        // must reflect the moment (and would skew the hit rate).
        let probe = matches!(request.uri().path(), "/health" | "/ready");
        if self.capacity == 0
            || probe
            || request.method() != Method::GET
            || has_body
            || headers.contains_key(header::IF_NONE_MATCH)
        {
            return None;
        }
        let header_bytes = |name: header::HeaderName| {
            headers
                .get(name)
                .map(|v| Bytes::copy_from_slice(v.as_bytes()))
        };
        Some(Key {
            uri: request.uri().to_string(),
            accept_encoding: header_bytes(header::ACCEPT_ENCODING),
            host: header_bytes(header::HOST),
        })
    }

    /// The answer stored for `key` under index state `generation`; a new generation empties
    /// the cache first.
    fn get(&self, generation: &Arc<str>, key: &Key) -> Option<Arc<Stored>> {
        let mut inner = self.lock();
        if inner.generation != *generation {
            inner.entries.clear();
            inner.bytes = 0;
            inner.generation = generation.clone();
        }
        let found = inner.entries.get(key).cloned();
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Keep `stored` for `key` unless it is too big or was computed under another index
    /// state than the cache now holds; evict the least recently used answers to fit.
    fn insert(&self, generation: &Arc<str>, key: Key, stored: Stored) {
        if stored.cost > self.capacity / 8 {
            return;
        }
        let mut inner = self.lock();
        if inner.generation != *generation {
            return;
        }
        let cost = stored.cost;
        if let Some(old) = inner.entries.put(key, Arc::new(stored)) {
            inner.bytes -= old.cost;
        }
        inner.bytes += cost;
        while inner.bytes > self.capacity {
            match inner.entries.pop_lru() {
                Some((_, evicted)) => inner.bytes -= evicted.cost,
                None => break,
            }
        }
    }
}

/// Whether an answer may be kept: a `200` that does not forbid storing.
fn cacheable(response: &Response) -> bool {
    let no_store = response
        .headers()
        .get(header::CACHE_CONTROL)
        .is_some_and(|v| v.as_bytes().windows(8).any(|w| w == b"no-store"));
    response.status() == StatusCode::OK && !no_store
}

/// The middleware: answer from the cache, or run the request and keep its answer.
pub async fn serve_cached(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let generation: Arc<str> = Arc::from(state.engine.state_fingerprint());
    request
        .extensions_mut()
        .insert(IndexState(generation.clone()));
    let cache = &state.responses;
    let Some(key) = cache.key_for(&request) else {
        return next.run(request).await;
    };
    if let Some(stored) = cache.get(&generation, &key) {
        return stored.response();
    }
    let response = next.run(request).await;
    if !cacheable(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(err) => {
            return ApiError::Internal(format!("answer body failed: {err}")).into_response()
        }
    };
    let header_cost: usize = parts
        .headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    let stored = Stored {
        status: parts.status,
        cost: ENTRY_OVERHEAD + key.cost() + header_cost + body.len(),
        headers: parts.headers,
        body,
    };
    let response = stored.response();
    cache.insert(&generation, key, stored);
    response
}
