//! `GET /api/v1/people` and `GET /api/v1/people/{id}`: the participants of the indexed
//! meetings, with the meetings each attended and missed (`engine::Person`).

use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::api::{blocking, find_by_id};
use super::dto::{PeopleResponse, PersonResponse, PersonSummaryDto};
use super::error::{ApiError, ErrorBody};
use super::params::NoParams;
use super::querystring::parse;
use super::AppState;
use crate::engine::Engine;

/// Every person named among a meeting's participants, by name, with counts.
#[utoipa::path(get, path = "/api/v1/people", tag = "people",
    responses(
        (status = 200, description = "Every person, by name", body = PeopleResponse),
        (status = 400, description = "A query parameter was given", body = ErrorBody),
        (status = 503, description = "Load shedding or a timeout, retry later: `busy` (retry after `Retry-After` seconds), `timeout` (retry later); `index_damaged`: retrying does not help until the index is rebuilt", body = ErrorBody)))]
pub async fn people(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    parse::<NoParams>(raw.as_deref(), &[])?;
    let people = blocking(&state, Engine::people).await?;
    let people: Vec<PersonSummaryDto> = people.iter().map(Into::into).collect();
    Ok(Json(PeopleResponse {
        total: people.len(),
        people,
    })
    .into_response())
}

/// One person: affiliations and the meetings attended and missed.
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "people",
    params(("id" = String, Path, description = "Person id: the name as a slug",
        example = "bo-libergren")),
    responses(
        (status = 200, description = "The person", body = PersonResponse),
        (status = 400, description = "A query parameter was given", body = ErrorBody),
        (status = 404, description = "No person has this id", body = ErrorBody),
        (status = 503, description = "Load shedding or a timeout, retry later: `busy` (retry after `Retry-After` seconds), `timeout` (retry later); `index_damaged`: retrying does not help until the index is rebuilt", body = ErrorBody)))]
pub async fn person(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let person = find_by_id(&state, raw.as_deref(), "person", id, Engine::person).await?;
    Ok(Json(PersonResponse::from(person)).into_response())
}
