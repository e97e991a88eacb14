//! `GET /api/v1/trends`: how often a query's hits occur per year or month, as one series or
//! one per klynge. Built from the engine's histogram, so it counts exactly what search counts.

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::api::blocking;
use super::dto::{HistogramDto, PeriodCount, Series, TrendsResponse};
use super::error::{ApiError, ErrorBody};
use super::params::{TrendsParams, ValidTrends, REPEATABLE};
use super::querystring::parse;
use super::AppState;
use crate::engine::{Engine, FacetName, SearchRequest, SearchResults};

/// Hits per period for a query, optionally one series per klynge.
#[utoipa::path(get, path = "/api/v1/trends", params(TrendsParams), tag = "search",
    responses(
        (status = 200, description = "Series of hits per period", body = TrendsResponse),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 503, description = "Load shedding or a timeout, retry later: `busy` (retry after `Retry-After` seconds), `timeout` (retry later or narrow the search); `index_damaged`: retrying does not help until the index is rebuilt", body = ErrorBody)))]
pub async fn trends(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let valid = ValidTrends::try_from(parse::<TrendsParams>(raw.as_deref(), &REPEATABLE)?)?;
    let query = valid.request.query.clone();
    let monthly = valid.monthly;
    let split = valid.split_by_klynge;
    let series = blocking(&state, move |engine| series(engine, &valid)).await?;
    let body = TrendsResponse {
        q: query,
        interval: if monthly { "month" } else { "year" }.to_owned(),
        split: if split { "klynge" } else { "all" }.to_owned(),
        series,
    };
    Ok(Json(body).into_response())
}

/// One search for the whole, then (when split) one per klynge value that has hits.
fn series(engine: &Engine, valid: &ValidTrends) -> crate::Result<Vec<Series>> {
    let all = engine.search(&valid.request)?;
    if !valid.split_by_klynge {
        return Ok(vec![to_series("all", &all, valid.monthly)]);
    }
    let klynger = klynger_of(valid, &all);
    klynger
        .into_iter()
        .map(|klynge| {
            let results = engine.search(&only_klynge(&valid.request, &klynge))?;
            Ok(to_series(&klynge, &results, valid.monthly))
        })
        .collect()
}

/// The klynger to draw: those filtered on, else every klynge with hits. (Facet counts are
/// disjunctive, so they list every klynge even when the request filters on some.)
fn klynger_of(valid: &ValidTrends, all: &SearchResults) -> Vec<String> {
    let filtered = valid
        .request
        .filters
        .facets
        .iter()
        .find(|(facet, _)| *facet == FacetName::Klynge);
    if let Some((_, values)) = filtered {
        return values.clone();
    }
    all.facets
        .iter()
        .filter(|counts| counts.facet == FacetName::Klynge)
        .flat_map(|counts| counts.values.iter())
        .filter(|value| value.count > 0)
        .map(|value| value.value.clone())
        .collect()
}

/// The same request restricted to one klynge (replacing any klynge filter given).
fn only_klynge(request: &SearchRequest, klynge: &str) -> SearchRequest {
    let mut narrowed = request.clone();
    narrowed
        .filters
        .facets
        .retain(|(facet, _)| *facet != FacetName::Klynge);
    narrowed
        .filters
        .facets
        .push((FacetName::Klynge, vec![klynge.to_owned()]));
    narrowed.facets = true;
    narrowed
}

fn to_series(name: &str, results: &SearchResults, monthly: bool) -> Series {
    let histogram = HistogramDto::from(results.histogram.clone());
    let points: Vec<PeriodCount> = if monthly {
        histogram.months
    } else {
        histogram.years
    };
    Series {
        name: name.to_owned(),
        total: results.total,
        points,
    }
}
