//! HTTP: the JSON API under `/api/v1` (`api`) and the HTML search page (`page`), built by
//! [`router`] over one shared [`AppState`]. Knows the engine's types, never tantivy's, and
//! never how a referat is laid out.
//!
//! - `api`, `trends`: handlers; `params` + `querystring`: query strings → validated requests;
//!   `dto`: wire types; `feeds`: CSV and Atom; `openapi`: the OpenAPI document and `/api/docs`.
//! - `error`: the one place that picks status codes; `limits`: every limit as a const;
//!   `cache`: ETags, `Cache-Control`, refusal of bodies; `response_cache`: complete answers
//!   kept in memory (see its doc), emptied whenever the index reloads.

use std::future::Future;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderName, HeaderValue, Method, Request};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use axum::{middleware, Router};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::{ServiceBuilder, ServiceExt};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{Any, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;

use crate::engine::Engine;
use response_cache::ResponseCache;

pub mod api;
mod cache;
mod docs_examples;
pub mod dto;
pub mod error;
mod feeds;
pub mod limits;
pub mod openapi;
pub mod page;
pub mod params;
mod people;
mod querystring;
pub mod response_cache;
mod trends;
mod write_timeout;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub engine: Arc<Engine>,
    /// Permits for engine calls running at once (see [`limits::MAX_CONCURRENT_SEARCHES`]).
    pub searches: Arc<Semaphore>,
    /// Complete answers by request, emptied when the index state changes.
    pub responses: Arc<ResponseCache>,
    /// `--public-url`: the address people reach the site at, for links in feeds and CSV.
    pub public_url: Option<Arc<str>>,
    /// Engine calls that panicked or found the index damaged: `/health` reports any.
    pub engine_failures: Arc<AtomicUsize>,
}

impl AppState {
    pub fn new(engine: Arc<Engine>) -> AppState {
        AppState::with_search_permits(engine, limits::MAX_CONCURRENT_SEARCHES)
    }

    /// A state allowing `permits` engine calls at once (tests use 0 to see the 503).
    pub fn with_search_permits(engine: Arc<Engine>, permits: usize) -> AppState {
        AppState {
            engine,
            searches: Arc::new(Semaphore::new(permits)),
            responses: Arc::new(ResponseCache::from_env()),
            public_url: None,
            engine_failures: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// The same state with `url` (`https://host[/prefix]`, no trailing `/`) as the public base.
    pub fn with_public_url(mut self, url: &str) -> AppState {
        self.public_url = Some(Arc::from(url.trim_end_matches('/')));
        self
    }

    /// The same state with `cache` as its response cache (`ResponseCache::new(0)`: none).
    pub fn with_response_cache(mut self, cache: ResponseCache) -> AppState {
        self.responses = Arc::new(cache);
        self
    }
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
const PERMISSIONS_POLICY: HeaderName = HeaderName::from_static("permissions-policy");
/// Browser features no answer of ours needs, refused for every page and document.
pub const PERMISSIONS: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), \
     magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()";

/// Every route of the service, with logging, request ids, CORS, the response cache and
/// compression (inside the cache, so a hit is sent already compressed). The outermost layers
/// put `X-Content-Type-Options: nosniff` and a `Permissions-Policy` on every answer: API,
/// docs, errors, pages, assets, cache hits alike.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/api/v1/search", get(api::search))
        .route("/api/v1/search.csv", get(api::search_csv))
        .route("/api/v1/search.atom", get(api::search_atom))
        .route("/api/v1/items/{*id}", get(api::item))
        .route("/api/v1/meetings", get(api::meetings))
        .route("/api/v1/meetings/{*id}", get(api::meeting))
        .route("/api/v1/people", get(people::people))
        .route("/api/v1/people/{id}", get(people::person))
        .route("/api/v1/facets", get(api::facets))
        .route("/api/v1/suggest", get(api::suggest))
        .route("/api/v1/trends", get(trends::trends))
        .route("/api/v1/openapi.json", get(openapi::json))
        .route("/api/docs", get(openapi::docs))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            cache::conditional_get,
        ));
    let probes = Router::new()
        .route("/health", get(api::health))
        .route("/ready", get(api::ready));
    Router::new()
        .merge(api)
        .merge(probes)
        .merge(page::routes())
        .fallback(page::fallback)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(middleware::from_fn(cache::refuse_bodies))
        .layer(
            ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    PERMISSIONS_POLICY,
                    HeaderValue::from_static(PERMISSIONS),
                ))
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(trace_layer())
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(middleware::from_fn(plain_options))
                .layer(cors_layer())
                .layer(middleware::from_fn_with_state(
                    state.clone(),
                    response_cache::serve_cached,
                ))
                .layer(CompressionLayer::new()),
        )
        .with_state(state)
}

/// A CORS preflight is an OPTIONS request with `Access-Control-Request-Method`; any other
/// OPTIONS asks for a method the service does not have: 405, not the CORS layer's empty 200.
async fn plain_options(request: Request<axum::body::Body>, next: Next) -> Response {
    let preflight = request
        .headers()
        .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if request.method() == Method::OPTIONS && !preflight {
        return api::method_not_allowed(Method::OPTIONS).await;
    }
    next.run(request).await
}

fn cors_layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers([header::IF_NONE_MATCH, header::ACCEPT])
        .expose_headers([header::ETAG, REQUEST_ID])
        .max_age(Duration::from_secs(3600))
}

/// One span per request (id, method, path) and one line when it is answered (status, latency).
fn trace_layer() -> TraceLayer<
    tower_http::classify::SharedClassifier<tower_http::classify::ServerErrorsAsFailures>,
    impl Fn(&Request<axum::body::Body>) -> tracing::Span + Clone,
> {
    TraceLayer::new_for_http()
        .make_span_with(|request: &Request<axum::body::Body>| {
            let id = request
                .headers()
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", id, method = %request.method(), path = %request.uri().path())
        })
        .on_response(
            DefaultOnResponse::new()
                .level(tracing::Level::INFO)
                .latency_unit(LatencyUnit::Millis),
        )
}

/// Serve on `listener` until `shutdown` completes, then finish the requests in flight.
///
/// HTTP/1.1 only, with a header read timeout ([`limits::HEADER_READ_TIMEOUT`]): `axum::serve`
/// sets no timer, so hyper's header timeout never fires there and a client trickling header
/// bytes (Slowloris) or sending nothing would hold its connection for ever. Writes that wait
/// longer than [`limits::WRITE_TIMEOUT`] for the client to read end the connection
/// (`write_timeout`), so a client that never reads cannot hold an answer in memory.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state);
    let mut builder = Builder::new(TokioExecutor::new()).http1_only();
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits::HEADER_READ_TIMEOUT);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(err) => {
                    // Out of file descriptors and the like: wait a little rather than spin.
                    tracing::warn!(%err, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = TowerToHyperService::new(
            app.clone()
                .map_request(|request: Request<Incoming>| request.map(axum::body::Body::new)),
        );
        let stream = write_timeout::WriteTimeout::new(stream, limits::WRITE_TIMEOUT);
        let connection = builder
            .serve_connection(TokioIo::new(stream), service)
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(%err, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}
