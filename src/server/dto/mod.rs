//! Wire types of the JSON answers. They mirror the engine's types on purpose (wire types are
//! not domain types): the engine may grow without changing the API, and each field here is
//! documented in the OpenAPI document. Conversions from engine and model types live here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::engine::{FacetCounts, Hit, QueryInterpretation, Snippet, Suggestion};

mod items;
mod people;
pub use items::{
    ItemDto, ItemRefDto, ItemResponse, MeetingResponse, MeetingSummaryDto, ParticipantDto,
    SectionDto,
};
pub use people::{person_url, PeopleResponse, PersonResponse, PersonSummaryDto};

/// The API path of an item or meeting id (ids contain slashes; they are URL-safe ASCII).
pub fn item_url(id: &str) -> String {
    format!("/api/v1/items/{id}")
}

pub fn meeting_url(id: &str) -> String {
    format!("/api/v1/meetings/{id}")
}

/// One page of search results.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchResponse {
    pub query: QueryEcho,
    /// Matching agenda items in all pages.
    pub total: u64,
    pub page: PageInfo,
    pub hits: Vec<HitDto>,
    /// Counts per facet value over all hits; a facet's counts ignore that facet's own filter.
    pub facets: Vec<FacetDto>,
    pub histogram: HistogramDto,
    /// A likely spelling when the query found little or nothing.
    pub did_you_mean: Option<String>,
    /// Time spent in the engine, in milliseconds.
    pub took_ms: f64,
}

/// The query as given and as the engine read it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QueryEcho {
    /// `q` as given.
    pub q: String,
    /// The query as understood, in the query language.
    pub normalized: String,
    /// Notes on how it was read ("`Punkt 2:` read as words, not as a field").
    pub notes: Vec<String>,
    /// Expansions from synonyms or abbreviations.
    pub expansions: Vec<String>,
}

impl QueryEcho {
    pub fn new(q: &str, interpretation: QueryInterpretation) -> QueryEcho {
        QueryEcho {
            q: q.to_owned(),
            normalized: interpretation.normalized,
            notes: interpretation.notes,
            expansions: interpretation.expansions,
        }
    }
}

/// Where this page sits.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PageInfo {
    /// 1-based page number.
    pub page: usize,
    pub per_page: usize,
    pub total_pages: u64,
    pub has_next: bool,
}

/// One matching agenda item.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HitDto {
    /// Stable id, e.g. `sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11/punkt-3`.
    pub id: String,
    /// API path of the whole item.
    pub url: String,
    pub meeting_id: String,
    pub forum: String,
    pub klynge: String,
    pub niveau: String,
    pub dato: NaiveDate,
    pub number: u32,
    pub title: String,
    pub score: f32,
    pub snippets: Vec<SnippetDto>,
    pub kommuner: Vec<String>,
    pub fokusomraader: Vec<String>,
    pub beslutningstyper: Vec<String>,
}

impl From<Hit> for HitDto {
    fn from(hit: Hit) -> HitDto {
        HitDto {
            url: item_url(&hit.id),
            id: hit.id,
            meeting_id: hit.meeting_id,
            forum: hit.forum,
            klynge: hit.klynge,
            niveau: hit.niveau,
            dato: hit.dato,
            number: hit.number,
            title: hit.title,
            score: if hit.score.is_finite() {
                hit.score
            } else {
                0.0
            },
            snippets: hit.snippets.into_iter().map(SnippetDto::from).collect(),
            kommuner: hit.kommuner,
            fokusomraader: hit.fokusomraader,
            beslutningstyper: hit.beslutningstyper,
        }
    }
}

/// A highlighted passage: HTML-escaped text with `<mark>` around matches, nothing else.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SnippetDto {
    /// Section key: `tekst`, `resume`, `sagsfremstilling`, `indstilling`, `beslutning`, …
    pub section: String,
    /// Label shown to people: "Beslutning", "Resumé", "Titel".
    pub label: String,
    pub html: String,
}

impl From<Snippet> for SnippetDto {
    fn from(snippet: Snippet) -> SnippetDto {
        SnippetDto {
            section: snippet.section.key().to_owned(),
            label: snippet.label,
            html: snippet.html,
        }
    }
}

/// Counts for one facet.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FacetDto {
    /// `klynge`, `forum`, `niveau`, `kommune`, `fokusomraade`, `beslutningstype`, `aar` or `person`.
    pub facet: String,
    pub values: Vec<FacetValueDto>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FacetValueDto {
    pub value: String,
    pub count: u64,
}

impl From<FacetCounts> for FacetDto {
    fn from(counts: FacetCounts) -> FacetDto {
        FacetDto {
            facet: counts.facet.key().to_owned(),
            values: counts
                .values
                .into_iter()
                .map(|v| FacetValueDto {
                    value: v.value,
                    count: v.count,
                })
                .collect(),
        }
    }
}

/// Hits per period, ascending, only periods with hits.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct HistogramDto {
    /// Periods `2024`.
    pub years: Vec<PeriodCount>,
    /// Periods `2024-11`.
    pub months: Vec<PeriodCount>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PeriodCount {
    pub period: String,
    pub count: u64,
}

impl From<crate::engine::Histogram> for HistogramDto {
    fn from(histogram: crate::engine::Histogram) -> HistogramDto {
        HistogramDto {
            years: histogram
                .years
                .into_iter()
                .map(|(year, count)| PeriodCount {
                    period: year.to_string(),
                    count,
                })
                .collect(),
            months: histogram
                .months
                .into_iter()
                .map(|(period, count)| PeriodCount { period, count })
                .collect(),
        }
    }
}

/// `GET /api/v1/meetings`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeetingsResponse {
    pub total: usize,
    /// Newest first.
    pub meetings: Vec<MeetingSummaryDto>,
}

/// `GET /api/v1/facets`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FacetsResponse {
    /// Items in the index.
    pub total_items: u64,
    pub facets: Vec<FacetDto>,
}

/// `GET /api/v1/suggest`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SuggestResponse {
    pub q: String,
    pub suggestions: Vec<SuggestionDto>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SuggestionDto {
    /// What to put in the search box.
    pub text: String,
    /// `term` or `title`.
    pub kind: String,
    /// For titles: the item id.
    pub item_id: Option<String>,
}

impl From<Suggestion> for SuggestionDto {
    fn from(s: Suggestion) -> SuggestionDto {
        SuggestionDto {
            text: s.text,
            kind: s.kind,
            item_id: s.item_id,
        }
    }
}

/// `GET /api/v1/trends`: hits per period, one series per klynge when split.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TrendsResponse {
    pub q: String,
    /// `year` or `month`.
    pub interval: String,
    /// `all` (one series) or `klynge` (one per klynge value).
    pub split: String,
    pub series: Vec<Series>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Series {
    /// `all`, or the klynge value.
    pub name: String,
    pub total: u64,
    pub points: Vec<PeriodCount>,
}

/// `GET /health` and `GET /ready`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StatusResponse {
    /// `ok`, `ready`.
    pub status: String,
    /// Items in the index (`/ready` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<u64>,
    /// The response cache's hits, misses and fill (`/health` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<crate::server::response_cache::CacheStats>,
}
