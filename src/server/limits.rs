//! The server's limits, in one place so the OpenAPI description, the handlers and the tests
//! agree on them. Each protects the process from one kind of expensive or abusive request.

use std::time::Duration;

/// Longest accepted `q`, in characters: longer queries are refused with 400 (`q`).
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Values one facet filter may list (`klynge=A&klynge=B…`): more are refused with 400
/// naming the facet. Each value is a filter clause and, on the page, a chip and a link.
pub const MAX_VALUES_PER_FACET: usize = 20;
/// Facet filter values a request may list over all facets together.
pub const MAX_FILTER_VALUES: usize = 50;
/// Characters all facet filter values may hold together: with the value counts this bounds
/// the page's URL, which every one of its links repeats, so the page stays small.
pub const MAX_FILTER_CHARS: usize = 1_000;
/// Time a response may wait for the client to take more of it: a client that stops reading
/// is disconnected, so it cannot hold an answer (and its memory) for long.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Results per page when `per_page` is not given.
pub const DEFAULT_PER_PAGE: usize = 10;
/// Largest accepted `per_page`.
pub const MAX_PER_PAGE: usize = 100;
/// Deepest result reachable by paging: `page * per_page` may not exceed it.
pub const MAX_RESULT_DEPTH: usize = 10_000;
/// Completions returned by `/suggest` when `limit` is not given, and the most it may ask for.
pub const DEFAULT_SUGGESTIONS: usize = 8;
pub const MAX_SUGGESTIONS: usize = 20;
/// Entries in an Atom feed.
pub const FEED_ENTRIES: usize = 50;
/// Rows in a CSV export when `per_page` is not given (CSV allows up to [`MAX_CSV_ROWS`]).
pub const MAX_CSV_ROWS: usize = 1_000;
/// Time a request may spend in the engine before it is answered 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Time a client has to send a request's headers (and an idle keep-alive connection stays
/// open): slower clients are disconnected, so trickling headers cannot hold connections.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);
/// Engine calls allowed at once; more are answered 503 with `Retry-After`.
pub const MAX_CONCURRENT_SEARCHES: usize = 16;
/// Seconds a client is told to wait when the server is busy.
pub const RETRY_AFTER_SECONDS: u64 = 1;
/// Request bodies accepted: none (the API is read-only, GET only).
pub const MAX_BODY_BYTES: u64 = 0;
/// `Cache-Control` of successful API answers: the index changes rarely, and ETags catch it.
pub const CACHE_CONTROL_API: &str = "public, max-age=60";
/// `Cache-Control` of health checks and errors: always fresh.
pub const CACHE_CONTROL_NONE: &str = "no-store";

/// The limits as one Markdown paragraph, for the OpenAPI description.
pub fn describe() -> String {
    format!(
        "Limits: `q` at most {MAX_QUERY_CHARS} characters; at most {MAX_VALUES_PER_FACET} \
         values per facet filter, {MAX_FILTER_VALUES} over all filters, \
         {MAX_FILTER_CHARS} characters over all filter values (400 naming the facet); `per_page` default \
         {DEFAULT_PER_PAGE}, at most {MAX_PER_PAGE}; `page * per_page` at most \
         {MAX_RESULT_DEPTH}; CSV exports at most {MAX_CSV_ROWS} rows; Atom feeds \
         {FEED_ENTRIES} entries; requests time out after {} s (503); at most \
         {MAX_CONCURRENT_SEARCHES} searches at once (503 with `Retry-After`). A 503 is load \
         shedding (`busy`: retry after `Retry-After` seconds), a timeout (`timeout`: retry \
         later or narrow the search) or a damaged index (`index_damaged`: retrying does not \
         help until the operator rebuilds it); never retry a 4xx unchanged. A client that \
         stops reading an answer for {} s is disconnected. Request bodies \
         are refused (413): the API is GET only. Dates (`from`, `to`) must fall in the years \
         1900 to 2199.",
        REQUEST_TIMEOUT.as_secs(),
        WRITE_TIMEOUT.as_secs()
    )
}
