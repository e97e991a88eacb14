//! The JSON handlers of `/api/v1`. Each is thin: decode parameters into a validated request,
//! call the engine once off the async runtime ([`blocking`]), convert to wire types. Status
//! codes come from [`ApiError`] only.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::dto::{
    FacetDto, FacetsResponse, HitDto, ItemResponse, MeetingResponse, MeetingsResponse, PageInfo,
    QueryEcho, SearchResponse, StatusResponse, SuggestResponse, SuggestionDto,
};
use super::error::{ApiError, ErrorBody};
use super::params::{MeetingsParams, NoParams, SearchParams, SuggestParams, ValidSearch};
use super::querystring::parse;
use super::{feeds, limits, AppState};
use crate::engine::{Check, Engine, Filters, SearchRequest, SearchResults};

/// Longest id looked up; longer ones cannot exist (ids are built from short names).
const MAX_ID_CHARS: usize = 300;

/// Run `work` on the blocking pool, holding one of the limited search permits and bounded
/// by the request timeout: tantivy is synchronous and must not stall the runtime.
pub async fn blocking<T, F>(state: &AppState, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Engine) -> crate::Result<T> + Send + 'static,
{
    let permit = state
        .searches
        .clone()
        .try_acquire_owned()
        .map_err(|_| ApiError::Busy)?;
    let engine = state.engine.clone();
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work(&engine)
    });
    match tokio::time::timeout(limits::REQUEST_TIMEOUT, task).await {
        Err(_) => Err(ApiError::Timeout),
        Ok(Err(join)) => Err(engine_failed(state, join)),
        Ok(Ok(Err(err))) if crate::engine::is_damage(&err) => Err(damaged(state, &err.to_string())),
        Ok(Ok(result)) => result.map_err(ApiError::from),
    }
}

/// A panic inside the engine (tantivy panics on some damaged files): 503, never a 500 with a
/// stack. The panic is logged and remembered, so `/health` and `/ready` report it.
fn engine_failed(state: &AppState, join: tokio::task::JoinError) -> ApiError {
    if !join.is_panic() {
        return ApiError::Internal(format!("engine task failed: {join}"));
    }
    let payload = join.into_panic();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned());
    damaged(state, &message)
}

fn damaged(state: &AppState, details: &str) -> ApiError {
    state
        .engine_failures
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    ApiError::Damaged(format!("the engine failed: {details}"))
}

/// Look `id` up with `find` on the blocking pool. An id lookup takes no query parameters;
/// an unknown or over-long id is a 404 naming `kind` and the id.
pub(super) async fn find_by_id<T, F>(
    state: &AppState,
    raw_query: Option<&str>,
    kind: &'static str,
    id: String,
    find: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Engine, &str) -> crate::Result<Option<T>> + Send + 'static,
{
    parse::<NoParams>(raw_query, &[])?;
    if id.chars().count() > MAX_ID_CHARS {
        return Err(ApiError::NotFound { kind, id });
    }
    let key = id.clone();
    let found = blocking(state, move |engine| find(engine, &key)).await?;
    found.ok_or(ApiError::NotFound { kind, id })
}

/// Search agenda items.
#[utoipa::path(get, path = "/api/v1/search", params(SearchParams), tag = "search",
    responses(
        (status = 200, description = "A page of hits (CSV when `format=csv`)", body = SearchResponse,
            content_type = "application/json"),
        (status = 400, description = "A parameter is wrong; `param` names it", body = ErrorBody),
        (status = 503, description = "Load shedding or a timeout, retry later: `busy` (too many searches at once: retry after `Retry-After` seconds), `timeout` (the search took over 10 s: retry later or narrow it); `index_damaged`: retrying does not help until the index is rebuilt", body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let valid = ValidSearch::try_from(parse::<SearchParams>(
        raw.as_deref(),
        &super::params::REPEATABLE,
    )?)?;
    if valid.csv {
        let results = run_search(&state, &valid).await?;
        return Ok(feeds::csv_response(
            &feeds::public_base(&state, &headers),
            results,
        ));
    }
    let results = run_search(&state, &valid).await?;
    Ok(Json(search_response(&valid, results)).into_response())
}

/// Search agenda items, as CSV for spreadsheets (UTF-8 with BOM; at most 1000 rows per page).
#[utoipa::path(get, path = "/api/v1/search.csv", params(SearchParams), tag = "search",
    responses(
        (status = 200, description = "One row per hit", body = String, content_type = "text/csv"),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 503, description = "Load shedding or a timeout, retry later: `busy` (retry after `Retry-After` seconds), `timeout` (retry later or narrow the search); `index_damaged`: retrying does not help until the index is rebuilt", body = ErrorBody)))]
pub async fn search_csv(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let mut params = parse::<SearchParams>(raw.as_deref(), &super::params::REPEATABLE)?;
    params.format = Some("csv".to_owned());
    let valid = ValidSearch::try_from(params)?;
    let results = run_search(&state, &valid).await?;
    Ok(feeds::csv_response(
        &feeds::public_base(&state, &headers),
        results,
    ))
}

/// The same search as an Atom feed, newest first.
#[utoipa::path(get, path = "/api/v1/search.atom", params(SearchParams), tag = "search",
    responses(
        (status = 200, description = "Atom 1.0 feed", body = String, content_type = "application/atom+xml"),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 503, description = "Load shedding or a timeout, retry later: `busy` (retry after `Retry-After` seconds), `timeout` (retry later or narrow the search); `index_damaged`: retrying does not help until the index is rebuilt", body = ErrorBody)))]
pub async fn search_atom(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let mut valid = ValidSearch::try_from(parse::<SearchParams>(
        raw.as_deref(),
        &super::params::REPEATABLE,
    )?)?;
    valid.request.sort = crate::engine::Sort::Newest;
    valid.request.facets = false;
    valid.request.snippets = true;
    let results = run_search(&state, &valid).await?;
    let base = feeds::public_base(&state, &headers);
    Ok(feeds::atom_response(
        &base,
        &uri,
        &valid.request.query,
        results,
    ))
}

/// Run a validated search; a page past the last one is the caller's fault.
async fn run_search(state: &AppState, valid: &ValidSearch) -> Result<SearchResults, ApiError> {
    let request = valid.request.clone();
    let results = blocking(state, move |engine| engine.search(&request)).await?;
    if valid.page > 1 && valid.request.offset as u64 >= results.total {
        let pages = results.total.div_ceil(valid.per_page as u64);
        let message = format!("`page` {} is past the last page ({pages})", valid.page);
        return Err(ApiError::param("page", "page_out_of_range", message));
    }
    Ok(results)
}

fn search_response(valid: &ValidSearch, results: SearchResults) -> SearchResponse {
    let total_pages = results.total.div_ceil(valid.per_page as u64);
    SearchResponse {
        query: QueryEcho::new(&valid.request.query, results.interpretation),
        total: results.total,
        page: PageInfo {
            page: valid.page,
            per_page: valid.per_page,
            total_pages,
            has_next: (valid.page as u64) < total_pages,
        },
        hits: results.hits.into_iter().map(HitDto::from).collect(),
        facets: results.facets.into_iter().map(FacetDto::from).collect(),
        histogram: results.histogram.into(),
        did_you_mean: results.did_you_mean,
        took_ms: results.took_micros as f64 / 1000.0,
    }
}

/// One agenda item with its meeting, agenda, citations and the items citing it.
#[utoipa::path(get, path = "/api/v1/items/{id}", tag = "items",
    params(("id" = String, Path, description = "Item id (contains slashes)",
        example = "sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11/punkt-2")),
    responses(
        (status = 200, description = "The item", body = ItemResponse),
        (status = 400, description = "A query parameter was given", body = ErrorBody),
        (status = 404, description = "No item has this id", body = ErrorBody),
        (status = 503, description = "Load shedding or a timeout, retry later: `busy` (retry after `Retry-After` seconds), `timeout` (retry later or narrow the search); `index_damaged`: retrying does not help until the index is rebuilt", body = ErrorBody)))]
pub async fn item(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let stored = find_by_id(&state, raw.as_deref(), "item", id, Engine::item).await?;
    Ok(Json(ItemResponse::from(stored)).into_response())
}

/// One meeting: header, participants and every item.
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "meetings",
    params(("id" = String, Path, description = "Meeting id (contains slashes)",
        example = "sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11")),
    responses(
        (status = 200, description = "The meeting", body = MeetingResponse),
        (status = 400, description = "A query parameter was given", body = ErrorBody),
        (status = 404, description = "No meeting has this id", body = ErrorBody),
        (status = 503, description = "Load shedding or a timeout, retry later: `busy` (retry after `Retry-After` seconds), `timeout` (retry later or narrow the search); `index_damaged`: retrying does not help until the index is rebuilt", body = ErrorBody)))]
pub async fn meeting(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let meeting = find_by_id(&state, raw.as_deref(), "meeting", id, Engine::meeting).await?;
    Ok(Json(MeetingResponse::from(meeting)).into_response())
}

/// Meetings, newest first, filtered by facets and dates.
#[utoipa::path(get, path = "/api/v1/meetings", params(MeetingsParams), tag = "meetings",
    responses(
        (status = 200, description = "Meetings, newest first", body = MeetingsResponse),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 503, description = "Load shedding or a timeout, retry later: `busy` (retry after `Retry-After` seconds), `timeout` (retry later or narrow the search); `index_damaged`: retrying does not help until the index is rebuilt", body = ErrorBody)))]
pub async fn meetings(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = parse::<MeetingsParams>(raw.as_deref(), &super::params::REPEATABLE)?;
    let filters = Filters::try_from(params)?;
    let meetings = blocking(&state, move |engine| engine.meetings(&filters)).await?;
    let meetings: Vec<_> = meetings.into_iter().map(Into::into).collect();
    Ok(Json(MeetingsResponse {
        total: meetings.len(),
        meetings,
    })
    .into_response())
}

/// Every facet's values with counts over the whole index.
#[utoipa::path(get, path = "/api/v1/facets", tag = "search",
    responses(
        (status = 200, description = "Facet values and counts", body = FacetsResponse),
        (status = 400, description = "A query parameter was given", body = ErrorBody),
        (status = 503, description = "Load shedding or a timeout, retry later: `busy` (retry after `Retry-After` seconds), `timeout` (retry later or narrow the search); `index_damaged`: retrying does not help until the index is rebuilt", body = ErrorBody)))]
pub async fn facets(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    parse::<NoParams>(raw.as_deref(), &[])?;
    // limit 1, not 0: only the counts matter, and a zero limit is not a valid collector.
    let request = SearchRequest {
        limit: 1,
        snippets: false,
        ..SearchRequest::default()
    };
    let results = blocking(&state, move |engine| engine.search(&request)).await?;
    let facets = results.facets.into_iter().map(FacetDto::from).collect();
    Ok(Json(FacetsResponse {
        total_items: results.total,
        facets,
    })
    .into_response())
}

/// Completions for a search box (terms and item titles), for every keystroke.
#[utoipa::path(get, path = "/api/v1/suggest", params(SuggestParams), tag = "search",
    responses(
        (status = 200, description = "Completions, best first", body = SuggestResponse),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 503, description = "Load shedding or a timeout, retry later: `busy` (retry after `Retry-After` seconds), `timeout` (retry later or narrow the search); `index_damaged`: retrying does not help until the index is rebuilt", body = ErrorBody)))]
pub async fn suggest(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (q, limit) = parse::<SuggestParams>(raw.as_deref(), &[])?.validate()?;
    let prefix = q.clone();
    let suggestions = if q.trim().is_empty() {
        Vec::new()
    } else {
        blocking(&state, move |engine| engine.suggest(&prefix, limit)).await?
    };
    let suggestions = suggestions.into_iter().map(SuggestionDto::from).collect();
    Ok(Json(SuggestResponse { q, suggestions }).into_response())
}

/// Liveness: 200 while the process runs and its index is whole; 503 when a file of the
/// index is missing or does not match `meta.json`, or a search has failed inside the engine.
#[utoipa::path(get, path = "/health", tag = "health",
    responses(
        (status = 200, description = "The process runs", body = StatusResponse),
        (status = 503, description = "The index is damaged (`index_damaged`): retrying does not help until it is rebuilt", body = ErrorBody)))]
pub async fn health(State(state): State<AppState>) -> Response {
    if let Err(err) = index_whole(&state).await {
        return no_store(err.into_response());
    }
    let body = StatusResponse {
        status: "ok".to_owned(),
        items: None,
        cache: Some(state.responses.stats()),
    };
    no_store(Json(body).into_response())
}

/// The index's files checked for structure ([`Check::Structure`]: a few reads per
/// segment) off the runtime, and no engine failure seen since the start.
async fn index_whole(state: &AppState) -> Result<(), ApiError> {
    let failures = state
        .engine_failures
        .load(std::sync::atomic::Ordering::Relaxed);
    if failures > 0 {
        return Err(ApiError::Damaged(format!(
            "{failures} engine calls failed since the start"
        )));
    }
    let engine = state.engine.clone();
    match tokio::task::spawn_blocking(move || engine.verify(Check::Structure)).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(err)) => Err(ApiError::Damaged(err.to_string())),
        Err(join) => Err(ApiError::Damaged(format!("the check failed: {join}"))),
    }
}

/// Readiness: 200 when the index is open, whole and a search succeeds, 503 otherwise.
#[utoipa::path(get, path = "/ready", tag = "health",
    responses(
        (status = 200, description = "Ready to search", body = StatusResponse),
        (status = 503, description = "Not ready (retry shortly), or the index is damaged (`index_damaged`: retrying does not help until it is rebuilt)", body = ErrorBody)))]
pub async fn ready(State(state): State<AppState>) -> Response {
    if let Err(err) = index_whole(&state).await {
        return no_store(err.into_response());
    }
    let probe = SearchRequest {
        limit: 1,
        snippets: false,
        facets: false,
        ..SearchRequest::default()
    };
    let result = blocking(&state, move |engine| engine.search(&probe)).await;
    let response = match result {
        Ok(results) => {
            let body = StatusResponse {
                status: "ready".to_owned(),
                items: Some(results.total),
                cache: None,
            };
            Json(body).into_response()
        }
        Err(err) => {
            tracing::warn!(error = ?err, "readiness probe failed");
            ApiError::NotReady(err.to_string()).into_response()
        }
    };
    no_store(response)
}

fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(limits::CACHE_CONTROL_NONE),
    );
    response
}

/// Unknown path: 404 JSON.
pub async fn no_route(uri: Uri) -> ApiError {
    ApiError::NoRoute(uri.path().to_owned())
}

/// Known path, wrong method: 405 JSON with `Allow`.
pub async fn method_not_allowed(method: Method) -> Response {
    let mut response = ApiError::MethodNotAllowed(method.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    debug_assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    response
}
