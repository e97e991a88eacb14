//! The HTML search page at `/`, in Danish, rendered on the server with maud (which escapes
//! every value): results with facets, chips, a year chart, order and pages; the item page
//! `/punkt/{id}`, the meeting page `/moede/{id}` and the person page `/person/{id}`; the CSS, JS and icon under `/static/`,
//! embedded in the binary. It calls the engine directly, not the JSON API.
//!
//! The whole state is in the URL and every control is a link or a GET form, so it works
//! without JavaScript; `app.js` only auto-submits and fills search suggestions. Every page
//! answer carries a strict Content-Security-Policy (no inline script or style anywhere).
//!
//! - `state`: URL ⇄ page state; `search`, `facets`, `chart`: the search page;
//!   `item`: item and meeting pages (`mark`: the search words marked in an item opened from
//!   a hit); `person`: a person's meetings attended and missed; `layout`: the shared frame; `snippet`: safe snippets.

use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::Markup;

use super::api::blocking;
use super::error::ApiError;
use super::AppState;

mod chart;
mod facets;
mod item;
mod layout;
mod mark;
mod person;
mod search;
mod snippet;
mod state;

use state::PageState;

/// Longest id looked up; longer ones cannot exist (ids are built from short names).
const MAX_ID_CHARS: usize = 300;

/// What pages may load: only this origin's files; no inline script or style, no plugins,
/// no framing, forms only to this origin.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const APP_CSS: &str = include_str!("page/app.css");
const APP_JS: &str = include_str!("page/app.js");
const FAVICON_SVG: &str = include_str!("page/favicon.svg");

/// The page's routes, merged into [`super::router`].
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(search_page))
        .route("/punkt/{*id}", get(item_page))
        .route("/moede/{*id}", get(meeting_page))
        .route("/person/{id}", get(person_page))
        .route(
            "/static/app.css",
            get(|| asset("text/css; charset=utf-8", APP_CSS)),
        )
        .route(
            "/static/app.js",
            get(|| asset("text/javascript; charset=utf-8", APP_JS)),
        )
        .route(
            "/static/favicon.svg",
            get(|| asset("image/svg+xml", FAVICON_SVG)),
        )
        .route_layer(middleware::from_fn(security_headers))
}

/// Strict headers on every page answer, errors included.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// Unknown path: a person's browser (it asks for HTML; not under `/api/`) gets the page's
/// Danish 404, with the page's strict headers; API clients get the JSON error.
pub async fn fallback(uri: axum::http::Uri, request_headers: axum::http::HeaderMap) -> Response {
    let wants_html = request_headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    if !wants_html || uri.path().starts_with("/api/") {
        return super::api::no_route(uri).await.into_response();
    }
    let mut response = not_found();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

async fn asset(content_type: &'static str, body: &'static str) -> Response {
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CACHE_CONTROL, "public, max-age=3600"),
    ];
    (headers, body).into_response()
}

/// An HTML answer that is never cached: the index may change under it.
fn html(status: StatusCode, markup: Markup) -> Response {
    let headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CACHE_CONTROL, "no-cache"),
    ];
    (status, headers, markup.into_string()).into_response()
}

/// `/`: the search page for the state in the query string.
async fn search_page(State(app): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let read = PageState::read(raw.as_deref());
    let Some(request) = read.request else {
        let problem = read.problem.unwrap_or_default();
        return html(
            StatusCode::BAD_REQUEST,
            search::problem_page(&read.state, &problem),
        );
    };
    // Rendered inside the engine call: a page with many filters repeats its URL in every
    // link, so rendering counts against the same permits as searching, off the runtime.
    let state = read.state.clone();
    let rendered = blocking(&app, move |engine| {
        let results = engine.search(&request)?;
        Ok(search::results_page(&state, &results))
    });
    match rendered.await {
        Ok(page) => html(StatusCode::OK, page),
        Err(err) => engine_failure(&read.state, err),
    }
}

/// A failed search still answers with the page and a reason a person can act on.
fn engine_failure(state: &PageState, err: ApiError) -> Response {
    let (status, message) = match err {
        ApiError::Busy | ApiError::Timeout => (
            StatusCode::SERVICE_UNAVAILABLE,
            "Der er travlt lige nu, eller søgningen tog for lang tid. Prøv igen om et øjeblik.",
        ),
        ApiError::Damaged(details) => {
            tracing::error!(%details, "page failed: the index is damaged");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "Søgningen er ude af drift, fordi indekset skal genopbygges. Prøv igen senere.",
            )
        }
        other => {
            tracing::error!(error = %other, details = ?other, "search page failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Der skete en fejl hos os. Prøv igen, eller prøv en anden søgning.",
            )
        }
    };
    html(status, search::problem_page(state, message))
}

/// `/punkt/{id}`: one item.
async fn item_page(
    State(app): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    if id.chars().count() > MAX_ID_CHARS {
        return not_found();
    }
    // The search the item was opened from; a wrong parameter only loses the marks.
    let search = PageState::read(raw.as_deref()).state;
    match blocking(&app, move |engine| engine.item(&id)).await {
        Ok(Some(stored)) => html(StatusCode::OK, item::item_page(&stored, &search)),
        Ok(None) => not_found(),
        Err(err) => engine_failure(&PageState::default(), err),
    }
}

/// `/moede/{id}`: one meeting.
async fn meeting_page(State(app): State<AppState>, Path(id): Path<String>) -> Response {
    if id.chars().count() > MAX_ID_CHARS {
        return not_found();
    }
    match blocking(&app, move |engine| engine.meeting(&id)).await {
        Ok(Some(meeting)) => html(StatusCode::OK, item::meeting_page(&meeting)),
        Ok(None) => not_found(),
        Err(err) => engine_failure(&PageState::default(), err),
    }
}

/// `/person/{id}`: one person's meetings.
async fn person_page(State(app): State<AppState>, Path(id): Path<String>) -> Response {
    if id.chars().count() > MAX_ID_CHARS {
        return not_found();
    }
    match blocking(&app, move |engine| engine.person(&id)).await {
        Ok(Some(found)) => html(StatusCode::OK, person::person_page(&found)),
        Ok(None) => not_found(),
        Err(err) => engine_failure(&PageState::default(), err),
    }
}

fn not_found() -> Response {
    let message = "Vi kan ikke finde det, du leder efter. Måske er referatet fjernet, eller \
                   adressen er skrevet forkert.";
    html(
        StatusCode::NOT_FOUND,
        layout::notice("Siden findes ikke", message),
    )
}
