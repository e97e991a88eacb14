//! Query parameters: the wire structs (documented for OpenAPI, `deny_unknown_fields`) and
//! their `TryFrom` into validated engine requests. Parse, don't validate: a handler holding a
//! [`ValidSearch`] knows every value is in range.

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::ApiError;
use super::limits::{DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_QUERY_CHARS, MAX_RESULT_DEPTH};
use crate::engine::{FacetName, Filters, SearchRequest, Sort};

/// The eight facet filters of a parameter struct that has the fields `klynge`, `forum`, `person`, `niveau`,
/// `kommune`, `fokusomraade`, `beslutningstype` and `aar`, paired with their facet. The
/// search, trends and meetings parameters each list those fields themselves rather than
/// flattening one shared struct, because `#[serde(flatten)]` cannot be combined with
/// `deny_unknown_fields` (which answers unknown parameters with a 400); this macro keeps the
/// mapping in one place.
macro_rules! facet_values {
    ($p:ident) => {
        [
            (FacetName::Klynge, $p.klynge),
            (FacetName::Forum, $p.forum),
            (FacetName::Person, $p.person),
            (FacetName::Niveau, $p.niveau),
            (FacetName::Kommune, $p.kommune),
            (FacetName::Fokusomraade, $p.fokusomraade),
            (FacetName::Beslutningstype, $p.beslutningstype),
            (FacetName::Aar, $p.aar),
        ]
    };
}

/// Parameters that may be repeated (values OR'ed): the facet filters.
pub const REPEATABLE: [&str; 8] = [
    "klynge",
    "forum",
    "person",
    "niveau",
    "kommune",
    "fokusomraade",
    "beslutningstype",
    "aar",
];

/// Years a `from`/`to` date may fall in.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2199;

/// Longest accepted facet value, in characters.
const MAX_FACET_VALUE_CHARS: usize = 200;

/// Search parameters (`/search`, `/search.csv`, `/search.atom`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The query: words, "phrases", -exclude, OR, field:word, prefix*. Empty or absent: every
    /// item. At most 1000 characters.
    #[param(max_length = 1000)]
    pub q: Option<String>,
    /// Filter on klynge, e.g. `Sydvestjylland` (repeatable; values OR'ed).
    #[serde(default)]
    pub klynge: Vec<String>,
    /// Filter on forum, e.g. `Sundhedsdirektørkredsen` (repeatable; values OR'ed).
    #[serde(default)]
    pub forum: Vec<String>,
    /// Filter on a person present at the meeting, e.g. `Bo Libergren` (repeatable).
    #[serde(default)]
    pub person: Vec<String>,
    /// Filter on niveau, e.g. `Politisk niveau` (repeatable).
    #[serde(default)]
    pub niveau: Vec<String>,
    /// Filter on kommune, e.g. `Esbjerg` (repeatable; `Fanoe` matches `Fanø`).
    #[serde(default)]
    pub kommune: Vec<String>,
    /// Filter on fokusområde, e.g. `Lægedækning` (repeatable).
    #[serde(default)]
    pub fokusomraade: Vec<String>,
    /// Filter on decision type, e.g. `godkendt` (repeatable).
    #[serde(default)]
    pub beslutningstype: Vec<String>,
    /// Filter on year, e.g. `2024` (repeatable).
    #[serde(default)]
    #[param(value_type = Vec<u16>)]
    pub aar: Vec<String>,
    /// Meetings on or after this date (inclusive).
    #[param(value_type = Option<NaiveDate>)]
    pub from: Option<String>,
    /// Meetings on or before this date (inclusive); not before `from`.
    #[param(value_type = Option<NaiveDate>)]
    pub to: Option<String>,
    /// `relevance` (default), `newest` or `oldest`.
    #[param(value_type = Option<SortParam>)]
    pub sort: Option<String>,
    /// 1-based page (default 1); `page * per_page` at most 10000; past the last page: 400.
    #[param(value_type = Option<u32>, minimum = 1)]
    pub page: Option<String>,
    /// Hits per page: default 10, at most 100 (CSV: at most 1000).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
    /// `json` (default) or `csv` (same as `/api/v1/search.csv`).
    #[param(value_type = Option<FormatParam>)]
    pub format: Option<String>,
}

/// Result order.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SortParam {
    Relevance,
    Newest,
    Oldest,
}

/// Answer format of `/search`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FormatParam {
    Json,
    Csv,
}

/// A search whose every value was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSearch {
    pub request: SearchRequest,
    pub page: usize,
    pub per_page: usize,
    pub csv: bool,
}

impl TryFrom<SearchParams> for ValidSearch {
    type Error = ApiError;

    fn try_from(p: SearchParams) -> Result<ValidSearch, ApiError> {
        let query = valid_query(p.q)?;
        let facets = facet_values!(p);
        let filters = valid_filters(facets, p.from, p.to)?;
        let sort = valid_sort(p.sort.as_deref())?;
        let csv = valid_csv_format(p.format.as_deref())?;
        let page = number("page", p.page.as_deref(), 1, usize::MAX)?.unwrap_or(1);
        let max_per_page = if csv {
            super::limits::MAX_CSV_ROWS
        } else {
            MAX_PER_PAGE
        };
        let per_page =
            number("per_page", p.per_page.as_deref(), 1, max_per_page)?.unwrap_or(DEFAULT_PER_PAGE);
        if page.saturating_mul(per_page) > MAX_RESULT_DEPTH {
            let message = format!(
                "`page` {page} with `per_page` {per_page} goes past result {MAX_RESULT_DEPTH}, the deepest one can page; narrow the search instead"
            );
            return Err(ApiError::param("page", "page_too_deep", message));
        }
        let request = SearchRequest {
            query,
            filters,
            sort,
            offset: (page - 1) * per_page,
            limit: per_page,
            snippets: !csv,
            facets: !csv,
        };
        Ok(ValidSearch {
            request,
            page,
            per_page,
            csv,
        })
    }
}

/// `q`: absent means everything; at most [`MAX_QUERY_CHARS`] characters.
pub fn valid_query(q: Option<String>) -> Result<String, ApiError> {
    let query = q.unwrap_or_default();
    let chars = query.chars().count();
    if chars > MAX_QUERY_CHARS {
        let message = format!("`q` is {chars} characters long; the limit is {MAX_QUERY_CHARS}");
        return Err(ApiError::param("q", "query_too_long", message));
    }
    Ok(query)
}

/// Facet values and the date range → engine [`Filters`].
pub fn valid_filters(
    facets: [(FacetName, Vec<String>); 8],
    from: Option<String>,
    to: Option<String>,
) -> Result<Filters, ApiError> {
    caps::bounded_filter_values(&facets)?;
    let mut filters = Filters::default();
    for (facet, values) in facets {
        for value in &values {
            valid_facet_value(facet, value)?;
        }
        if !values.is_empty() {
            filters.facets.push((facet, values));
        }
    }
    filters.from = date("from", from.as_deref())?;
    filters.to = date("to", to.as_deref())?;
    if let (Some(from), Some(to)) = (filters.from, filters.to) {
        if from > to {
            let message = format!("`from` {from} is after `to` {to}");
            return Err(ApiError::param("from", "invalid_range", message));
        }
    }
    Ok(filters)
}

fn valid_facet_value(facet: FacetName, value: &str) -> Result<(), ApiError> {
    let key = facet.key();
    let trimmed = value.trim();
    if trimmed.is_empty() || trimmed.chars().count() > MAX_FACET_VALUE_CHARS {
        let message = format!(
            "`{key}` must be a value of 1 to {MAX_FACET_VALUE_CHARS} characters, got `{value}`"
        );
        return Err(ApiError::param(key, "invalid_facet_value", message));
    }
    if facet == FacetName::Aar && trimmed.parse::<u16>().is_err() {
        let message = format!("`aar` must be a year like `2024`, got `{value}`");
        return Err(ApiError::param(key, "invalid_number", message));
    }
    Ok(())
}

fn date(param: &str, value: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    let Some(value) = value else { return Ok(None) };
    let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") else {
        let message = format!("`{param}` must be a date like `2024-11-11`, got `{value}`");
        return Err(ApiError::param(param, "invalid_date", message));
    };
    // The index keeps dates as nanoseconds in an i64 (years 1678–2262): stay well inside.
    if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        let message = format!(
            "`{param}` must be a date in the years {MIN_YEAR} to {MAX_YEAR}, got `{value}`"
        );
        return Err(ApiError::param(param, "out_of_range", message));
    }
    Ok(Some(date))
}

fn valid_sort(value: Option<&str>) -> Result<Sort, ApiError> {
    match value {
        None | Some("relevance") => Ok(Sort::Relevance),
        Some("newest") => Ok(Sort::Newest),
        Some("oldest") => Ok(Sort::Oldest),
        Some(other) => {
            let message =
                format!("`sort` must be `relevance`, `newest` or `oldest`, got `{other}`");
            Err(ApiError::param("sort", "invalid_sort", message))
        }
    }
}

fn valid_csv_format(value: Option<&str>) -> Result<bool, ApiError> {
    match value {
        None | Some("json") => Ok(false),
        Some("csv") => Ok(true),
        Some(other) => {
            let message = format!("`format` must be `json` or `csv`, got `{other}`");
            Err(ApiError::param("format", "invalid_format", message))
        }
    }
}

/// An optional whole number within `min..=max`, named `param` in errors.
pub fn number(
    param: &str,
    value: Option<&str>,
    min: usize,
    max: usize,
) -> Result<Option<usize>, ApiError> {
    let Some(value) = value else { return Ok(None) };
    let Ok(n) = value.parse::<usize>() else {
        let message = format!("`{param}` must be a whole number, got `{value}`");
        return Err(ApiError::param(param, "invalid_number", message));
    };
    if n < min || n > max {
        let message = format!("`{param}` must be between {min} and {max}, got {n}");
        return Err(ApiError::param(param, "out_of_range", message));
    }
    Ok(Some(n))
}

mod caps;
mod other;
pub use other::{
    IntervalParam, MeetingsParams, NoParams, SplitParam, SuggestParams, TrendsParams, ValidTrends,
};

#[cfg(test)]
mod tests {
    use super::*;

    fn search(pairs: &[(&str, &str)]) -> Result<ValidSearch, ApiError> {
        let mut params = SearchParams::default();
        for (key, value) in pairs {
            let owned = (*value).to_owned();
            let value = Some(owned.clone());
            match *key {
                "q" => params.q = value,
                "from" => params.from = value,
                "to" => params.to = value,
                "page" => params.page = value,
                "per_page" => params.per_page = value,
                "format" => params.format = value,
                "kommune" => params.kommune.push(owned),
                other => panic!("test helper does not know `{other}`"),
            }
        }
        ValidSearch::try_from(params)
    }

    fn param_of(result: Result<ValidSearch, ApiError>) -> String {
        match result {
            Err(ApiError::BadParam { param, .. }) => param,
            other => panic!("expected a bad parameter, got {other:?}"),
        }
    }

    #[test]
    fn defaults_are_first_page_of_ten_by_relevance_with_snippets() {
        let valid = search(&[]).expect("no parameters is valid");
        assert_eq!((valid.page, valid.per_page, valid.csv), (1, 10, false));
        assert_eq!(valid.request.offset, 0);
        assert!(valid.request.snippets && valid.request.facets);
    }

    #[test]
    fn page_and_per_page_become_offset_and_limit() {
        let valid = search(&[("page", "3"), ("per_page", "20")]).expect("valid");
        assert_eq!((valid.request.offset, valid.request.limit), (40, 20));
    }

    #[test]
    fn csv_may_ask_for_more_rows_than_json() {
        assert!(search(&[("per_page", "500")]).is_err());
        let valid = search(&[("per_page", "500"), ("format", "csv")]).expect("csv allows 500");
        assert!(valid.csv && !valid.request.snippets);
    }

    #[test]
    fn dates_outside_the_supported_years_are_refused() {
        assert_eq!(param_of(search(&[("to", "0175-03-02")])), "to");
        assert_eq!(param_of(search(&[("from", "2300-01-01")])), "from");
        assert!(search(&[("from", "2024-01-01"), ("to", "2024-12-31")]).is_ok());
    }

    #[test]
    fn depth_limit_names_page() {
        assert_eq!(
            param_of(search(&[("page", "1001"), ("per_page", "10")])),
            "page"
        );
        assert!(search(&[("page", "1000"), ("per_page", "10")]).is_ok());
    }

    #[test]
    fn query_length_counts_characters_not_bytes() {
        let danish = "æ".repeat(MAX_QUERY_CHARS);
        assert!(search(&[("q", &danish)]).is_ok());
        assert_eq!(param_of(search(&[("q", &format!("{danish}æ"))])), "q");
    }

    #[test]
    fn blank_facet_values_are_refused() {
        assert_eq!(param_of(search(&[("kommune", "  ")])), "kommune");
    }
}
