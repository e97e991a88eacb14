//! The OpenAPI 3.1 document, generated from the handlers' and DTOs' annotations (utoipa), and
//! `/api/docs`: the same document rendered as one self-contained HTML page (no CDN, no JS).

use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use maud::{html, Markup, DOCTYPE};
use utoipa::openapi::path::{Operation, Parameter, ParameterIn};
use utoipa::openapi::{RefOr, Required};
use utoipa::OpenApi;

use super::{api, dto, error, limits, params, people, trends};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "referat API",
        description = "Search Danish health-care minutes (referater) from Region Syddanmark: one \
            document per agenda item. Read-only, JSON, CORS open for GET. Errors are \
            `{\"error\": {\"code\", \"message\", \"param\"}}`. Answers carry weak ETags that \
            change whenever the index is rebuilt; send `If-None-Match` to get 304."
    ),
    paths(
        api::search, api::search_csv, api::search_atom, api::item, api::meetings,
        api::meeting, people::people, people::person, api::facets, api::suggest, trends::trends, api::health, api::ready,
    ),
    components(schemas(
        error::ErrorBody, error::ErrorDetail, dto::SearchResponse, dto::QueryEcho,
        dto::PageInfo, dto::HitDto, dto::SnippetDto, dto::FacetDto, dto::FacetValueDto,
        dto::HistogramDto, dto::PeriodCount, dto::MeetingSummaryDto, dto::ItemRefDto,
        dto::ItemDto, dto::SectionDto, dto::ItemResponse, dto::MeetingResponse,
        dto::ParticipantDto, dto::MeetingsResponse, dto::FacetsResponse,
        dto::SuggestResponse, dto::SuggestionDto, dto::TrendsResponse, dto::Series,
        dto::StatusResponse, dto::PeopleResponse, dto::PersonSummaryDto, dto::PersonResponse, params::SortParam, params::FormatParam, params::IntervalParam,
        params::SplitParam,
    )),
    tags(
        (name = "search", description = "Search, facets, suggestions, trends, feeds"),
        (name = "items", description = "Agenda items"),
        (name = "meetings", description = "Meetings"),
        (name = "people", description = "Participants: meetings attended and missed"),
        (name = "health", description = "Liveness and readiness probes"),
    )
)]
struct ApiDoc;

/// The document, with the limits appended to its description (they live in `limits`).
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    let description = doc.info.description.take().unwrap_or_default();
    doc.info.description = Some(format!("{description}\n\n{}", limits::describe()));
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
}

/// `GET /api/v1/openapi.json`.
pub async fn json() -> Response {
    Json(document()).into_response()
}

/// `GET /api/docs`: the API as a readable page.
pub async fn docs() -> Html<String> {
    Html(render(&document()).into_string())
}

fn render(doc: &utoipa::openapi::OpenApi) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (doc.info.title) }
                style { (STYLE) }
            }
            body {
                h1 { (doc.info.title) " " small { (doc.info.version) } }
                @for paragraph in doc.info.description.as_deref().unwrap_or("").split("\n\n") {
                    p { (inline_code(paragraph)) }
                }
                p { "Machine-readable: " a href="/api/v1/openapi.json" { "/api/v1/openapi.json" } " (OpenAPI 3.1)." }
                @for (path, item) in &doc.paths.paths {
                    @if let Some(operation) = &item.get {
                        (render_operation(path, operation))
                    }
                }
            }
        }
    }
}

fn render_operation(path: &str, operation: &Operation) -> Markup {
    let parameters: &[Parameter] = operation.parameters.as_deref().unwrap_or(&[]);
    html! {
        section {
            h2 { code { "GET " (path) } }
            @if let Some(summary) = &operation.summary { p { (inline_code(summary)) } }
            @if let Some(description) = &operation.description { p { (inline_code(description)) } }
            @if !parameters.is_empty() {
                table {
                    tr { th { "parameter" } th { "in" } th { "required" } th { "description" } }
                    @for parameter in parameters {
                        tr {
                            td { code { (parameter.name) } }
                            td { (location(&parameter.parameter_in)) }
                            td { @if matches!(parameter.required, Required::True) { "yes" } @else { "no" } }
                            td { (inline_code(parameter.description.as_deref().unwrap_or(""))) }
                        }
                    }
                }
            }
            ul {
                @for (status, response) in &operation.responses.responses {
                    li {
                        code { (status) } " "
                        @match response {
                            RefOr::T(response) => { (inline_code(&response.description)) }
                            RefOr::Ref(reference) => { (reference.ref_location) }
                        }
                    }
                }
            }
            (example_markup(path))
        }
    }
}

/// An example request and a shortened answer (see `docs_examples`).
fn example_markup(path: &str) -> Markup {
    let Some((request, kind, answer)) = super::docs_examples::example(path) else {
        return html! {};
    };
    html! {
        p { "Example: " code { "curl 'http://127.0.0.1:8080" (request) "'" } }
        details {
            summary { "Answer (" (kind) ", shortened)" }
            pre { (answer) }
        }
    }
}

/// Markdown's `code` spans as `<code>`, the rest as text (the descriptions are written for
/// both the JSON document, where Markdown renders, and this page).
fn inline_code(text: &str) -> Markup {
    html! {
        @for (i, part) in text.split('`').enumerate() {
            @if i % 2 == 1 { code { (part) } } @else { (part) }
        }
    }
}

fn location(place: &ParameterIn) -> &'static str {
    match place {
        ParameterIn::Query => "query",
        ParameterIn::Path => "path",
        ParameterIn::Header => "header",
        ParameterIn::Cookie => "cookie",
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;\
padding:0 1rem;line-height:1.5;color:#222}h2{margin-top:2.5rem;font-size:1.1rem}\
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;\
text-align:left;vertical-align:top}code{background:#f4f4f4;padding:0 .2rem}small{color:#777}\
pre{background:#f4f4f4;padding:.6rem;overflow-x:auto;white-space:pre-wrap}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_describes_every_endpoint_and_the_limits() {
        let doc = document();
        for path in [
            "/api/v1/search",
            "/api/v1/search.csv",
            "/api/v1/search.atom",
            "/api/v1/items/{id}",
            "/api/v1/meetings",
            "/api/v1/meetings/{id}",
            "/api/v1/facets",
            "/api/v1/suggest",
            "/api/v1/trends",
            "/health",
            "/ready",
        ] {
            assert!(doc.paths.paths.contains_key(path), "{path} missing");
        }
        let description = doc.info.description.unwrap_or_default();
        assert!(description.contains(&limits::MAX_QUERY_CHARS.to_string()));
        assert!(description.contains("load shedding") && description.contains("`Retry-After`"));
    }

    #[test]
    fn every_503_says_when_to_retry() {
        let doc = document();
        for (path, item) in &doc.paths.paths {
            let Some(get) = &item.get else { continue };
            let Some(RefOr::T(response)) = get.responses.responses.get("503") else {
                continue;
            };
            assert!(
                response.description.contains("retry"),
                "{path}: {}",
                response.description
            );
        }
    }

    #[test]
    fn docs_page_lists_the_search_parameters() {
        let page = render(&document()).into_string();
        assert!(page.contains("GET /api/v1/search"));
        assert!(page.contains("<code>per_page</code>"));
        assert!(
            !page.contains('`'),
            "Markdown code spans are rendered, not shown raw"
        );
        assert!(page.contains("Example: <code>curl"));
        // Example commands name a host as text; nothing is loaded from one.
        assert!(
            !page.contains("src=\"http") && !page.contains("href=\"http"),
            "no external assets"
        );
    }
}
