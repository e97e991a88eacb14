//! Wire types of `/api/v1/people` and `/api/v1/people/{id}`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::MeetingSummaryDto;
use crate::engine::Person;

/// The API path of a person.
pub fn person_url(id: &str) -> String {
    format!("/api/v1/people/{id}")
}

/// One person in the list: who, and how many meetings attended and missed.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PersonSummaryDto {
    /// The name as a slug, e.g. `bo-libergren`.
    pub id: String,
    pub url: String,
    /// The name as written in the minutes.
    pub name: String,
    /// Parties, municipalities or organisations written beside the name.
    pub affiliations: Vec<String>,
    /// Meetings where the person is listed as present.
    pub attended: usize,
    /// Meetings where the person is listed as absent.
    pub missed: usize,
}

impl From<&Person> for PersonSummaryDto {
    fn from(p: &Person) -> PersonSummaryDto {
        PersonSummaryDto {
            id: p.id.clone(),
            url: person_url(&p.id),
            name: p.name.clone(),
            affiliations: p.affiliations.clone(),
            attended: p.attended.len(),
            missed: p.missed.len(),
        }
    }
}

/// `GET /api/v1/people`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PeopleResponse {
    pub total: usize,
    /// Ordered by name.
    pub people: Vec<PersonSummaryDto>,
}

/// `GET /api/v1/people/{id}`: the person and the meetings attended and missed, each list
/// ordered by forum, then newest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PersonResponse {
    pub id: String,
    pub name: String,
    pub affiliations: Vec<String>,
    pub attended: Vec<MeetingSummaryDto>,
    pub missed: Vec<MeetingSummaryDto>,
}

impl From<Person> for PersonResponse {
    fn from(p: Person) -> PersonResponse {
        PersonResponse {
            id: p.id,
            name: p.name,
            affiliations: p.affiliations,
            attended: p.attended.into_iter().map(Into::into).collect(),
            missed: p.missed.into_iter().map(Into::into).collect(),
        }
    }
}
