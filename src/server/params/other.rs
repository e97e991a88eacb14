//! Parameters of the endpoints other than search: meetings, suggest, trends, and the
//! endpoints that take none (they still refuse unknown ones).

use serde::Deserialize;
use utoipa::IntoParams;

use super::{number, valid_filters, valid_query};
use crate::engine::{FacetName, Filters, SearchRequest};
use crate::server::error::ApiError;
use crate::server::limits::{DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS};

/// For endpoints without parameters: any given is refused.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

/// `GET /api/v1/meetings`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MeetingsParams {
    /// Filter on klynge (repeatable; values OR'ed).
    #[serde(default)]
    pub klynge: Vec<String>,
    /// Filter on forum (repeatable).
    #[serde(default)]
    pub forum: Vec<String>,
    /// Filter on a person present at the meeting (repeatable).
    #[serde(default)]
    pub person: Vec<String>,
    /// Filter on niveau (repeatable).
    #[serde(default)]
    pub niveau: Vec<String>,
    /// Meetings with an item naming this kommune (repeatable).
    #[serde(default)]
    pub kommune: Vec<String>,
    /// Meetings with an item touching this fokusområde (repeatable).
    #[serde(default)]
    pub fokusomraade: Vec<String>,
    /// Meetings with an item of this decision type (repeatable).
    #[serde(default)]
    pub beslutningstype: Vec<String>,
    /// Meetings of this year (repeatable).
    #[serde(default)]
    #[param(value_type = Vec<u16>)]
    pub aar: Vec<String>,
    /// Meetings on or after this date.
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub from: Option<String>,
    /// Meetings on or before this date.
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub to: Option<String>,
}

impl TryFrom<MeetingsParams> for Filters {
    type Error = ApiError;

    fn try_from(p: MeetingsParams) -> Result<Filters, ApiError> {
        let facets = facet_values!(p);
        valid_filters(facets, p.from, p.to)
    }
}

/// `GET /api/v1/suggest`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SuggestParams {
    /// What has been typed so far (empty: no suggestions). At most 1000 characters.
    #[param(max_length = 1000)]
    pub q: Option<String>,
    /// How many completions: default 8, at most 20.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 20)]
    pub limit: Option<String>,
}

impl SuggestParams {
    /// The prefix and the number of completions, checked.
    pub fn validate(self) -> Result<(String, usize), ApiError> {
        let q = valid_query(self.q)?;
        let limit = number("limit", self.limit.as_deref(), 1, MAX_SUGGESTIONS)?;
        Ok((q, limit.unwrap_or(DEFAULT_SUGGESTIONS)))
    }
}

/// `GET /api/v1/trends`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TrendsParams {
    /// The query (empty: every item). At most 1000 characters.
    #[param(max_length = 1000)]
    pub q: Option<String>,
    /// `year` (default) or `month`.
    #[param(value_type = Option<IntervalParam>)]
    pub interval: Option<String>,
    /// `klynge`: one series per klynge; absent: one series.
    #[param(value_type = Option<SplitParam>)]
    pub split: Option<String>,
    /// Filter on klynge (repeatable).
    #[serde(default)]
    pub klynge: Vec<String>,
    /// Filter on forum (repeatable).
    #[serde(default)]
    pub forum: Vec<String>,
    /// Filter on a person present at the meeting (repeatable).
    #[serde(default)]
    pub person: Vec<String>,
    /// Filter on niveau (repeatable).
    #[serde(default)]
    pub niveau: Vec<String>,
    /// Filter on kommune (repeatable).
    #[serde(default)]
    pub kommune: Vec<String>,
    /// Filter on fokusområde (repeatable).
    #[serde(default)]
    pub fokusomraade: Vec<String>,
    /// Filter on decision type (repeatable).
    #[serde(default)]
    pub beslutningstype: Vec<String>,
    /// Filter on year (repeatable).
    #[serde(default)]
    #[param(value_type = Vec<u16>)]
    pub aar: Vec<String>,
    /// Meetings on or after this date.
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub from: Option<String>,
    /// Meetings on or before this date.
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub to: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IntervalParam {
    Year,
    Month,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SplitParam {
    Klynge,
}

/// A trends request, checked: a count-only search, by year or month, maybe per klynge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTrends {
    pub request: SearchRequest,
    pub monthly: bool,
    pub split_by_klynge: bool,
}

impl TryFrom<TrendsParams> for ValidTrends {
    type Error = ApiError;

    fn try_from(p: TrendsParams) -> Result<ValidTrends, ApiError> {
        let monthly = match p.interval.as_deref() {
            None | Some("year") => false,
            Some("month") => true,
            Some(other) => {
                let message = format!("`interval` must be `year` or `month`, got `{other}`");
                return Err(ApiError::param("interval", "invalid_interval", message));
            }
        };
        let split_by_klynge = match p.split.as_deref() {
            None => false,
            Some("klynge") => true,
            Some(other) => {
                let message = format!("`split` must be `klynge`, got `{other}`");
                return Err(ApiError::param("split", "invalid_split", message));
            }
        };
        let facets = facet_values!(p);
        let request = SearchRequest {
            query: valid_query(p.q)?,
            filters: valid_filters(facets, p.from, p.to)?,
            limit: 1,
            snippets: false,
            facets: true,
            ..SearchRequest::default()
        };
        Ok(ValidTrends {
            request,
            monthly,
            split_by_klynge,
        })
    }
}
