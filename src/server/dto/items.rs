//! Wire types of items and meetings: an item whole, a meeting whole, and the short
//! references lists and citations use.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{item_url, meeting_url};
use crate::engine::{ItemRef, MeetingSummary, StoredItem};
use crate::model::{AgendaItem, Meeting, Participant, Section};

/// A meeting in a list.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeetingSummaryDto {
    /// e.g. `sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11`.
    pub id: String,
    pub url: String,
    pub title: String,
    pub forum: String,
    pub klynge: String,
    pub niveau: String,
    pub dato: NaiveDate,
    pub place: Option<String>,
    pub item_count: usize,
}

impl From<MeetingSummary> for MeetingSummaryDto {
    fn from(m: MeetingSummary) -> MeetingSummaryDto {
        MeetingSummaryDto {
            url: meeting_url(&m.id),
            id: m.id,
            title: m.title,
            forum: m.forum,
            klynge: m.klynge,
            niveau: m.niveau,
            dato: m.dato,
            place: m.place,
            item_count: m.item_count,
        }
    }
}

/// A short reference to an item.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ItemRefDto {
    pub id: String,
    pub url: String,
    pub meeting_id: String,
    pub forum: String,
    pub niveau: String,
    pub dato: NaiveDate,
    pub number: u32,
    pub title: String,
}

impl From<ItemRef> for ItemRefDto {
    fn from(r: ItemRef) -> ItemRefDto {
        ItemRefDto {
            url: item_url(&r.id),
            id: r.id,
            meeting_id: r.meeting_id,
            forum: r.forum,
            niveau: r.niveau,
            dato: r.dato,
            number: r.number,
            title: r.title,
        }
    }
}

/// A whole agenda item.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ItemDto {
    pub id: String,
    pub number: u32,
    pub title: String,
    /// Start of the time slot, `HH:MM`.
    pub starts_at: Option<String>,
    /// End of the time slot, `HH:MM`.
    pub ends_at: Option<String>,
    pub duration_minutes: Option<u32>,
    /// e.g. `22/43402`.
    pub case_number: Option<String>,
    /// In document order.
    pub sections: Vec<SectionDto>,
    pub kommuner: Vec<String>,
    pub fokusomraader: Vec<String>,
    pub beslutningstyper: Vec<String>,
    /// Dates of earlier meetings the item cites.
    pub cites: Vec<NaiveDate>,
}

impl ItemDto {
    pub fn new(id: String, item: AgendaItem) -> ItemDto {
        let slot = item.time_slot;
        ItemDto {
            id,
            number: item.number,
            title: item.title,
            starts_at: slot.map(|s| s.start.format("%H:%M").to_string()),
            ends_at: slot.map(|s| s.end.format("%H:%M").to_string()),
            duration_minutes: item.duration_minutes,
            case_number: item.case_number,
            sections: item.sections.into_iter().map(SectionDto::from).collect(),
            kommuner: item.enrichment.kommuner,
            fokusomraader: item.enrichment.fokusomraader,
            beslutningstyper: item.enrichment.beslutningstyper,
            cites: item.enrichment.cites,
        }
    }
}

/// One section of an item.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SectionDto {
    /// `tekst`, `resume`, `sagsfremstilling`, `indstilling`, `beslutning`, `bilag`, `fravaerende`.
    pub kind: String,
    /// "Resumé", "Beslutning", …
    pub label: String,
    /// The heading as written (empty for `tekst`).
    pub heading: String,
    /// Plain text; paragraphs separated by a blank line.
    pub text: String,
}

impl From<Section> for SectionDto {
    fn from(s: Section) -> SectionDto {
        SectionDto {
            kind: s.kind.key().to_owned(),
            label: s.kind.label().to_owned(),
            heading: s.heading,
            text: s.text,
        }
    }
}

/// `GET /api/v1/items/{id}`: the item, its meeting and its citations.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ItemResponse {
    pub id: String,
    pub meeting: MeetingSummaryDto,
    pub item: ItemDto,
    /// The meeting's items, in order.
    pub agenda: Vec<ItemRefDto>,
    /// Indexed meetings held on a date this item cites.
    pub cites: Vec<MeetingSummaryDto>,
    /// Later items that cite this item's meeting.
    pub cited_by: Vec<ItemRefDto>,
}

impl From<StoredItem> for ItemResponse {
    fn from(stored: StoredItem) -> ItemResponse {
        ItemResponse {
            item: ItemDto::new(stored.id.clone(), stored.item),
            id: stored.id,
            meeting: stored.meeting.into(),
            agenda: stored.agenda.into_iter().map(Into::into).collect(),
            cites: stored.cites.into_iter().map(Into::into).collect(),
            cited_by: stored.cited_by.into_iter().map(Into::into).collect(),
        }
    }
}

/// `GET /api/v1/meetings/{id}`: header, participants and every item.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeetingResponse {
    pub id: String,
    pub title: String,
    pub forum: String,
    pub klynge: String,
    pub niveau: String,
    pub dato: NaiveDate,
    /// `HH:MM`.
    pub starts_at: Option<String>,
    pub place: Option<String>,
    pub participants: Vec<ParticipantDto>,
    pub items: Vec<ItemDto>,
}

impl From<Meeting> for MeetingResponse {
    fn from(meeting: Meeting) -> MeetingResponse {
        let id = meeting.id();
        let items = meeting
            .items
            .iter()
            .map(|item| ItemDto::new(meeting.item_id(item.number), item.clone()))
            .collect();
        MeetingResponse {
            id,
            title: meeting.title,
            forum: meeting.forum.name,
            klynge: meeting.forum.klynge,
            niveau: meeting.niveau.label().to_owned(),
            dato: meeting.dato,
            starts_at: meeting.starts_at.map(|t| t.format("%H:%M").to_string()),
            place: meeting.place,
            participants: meeting.participants.into_iter().map(Into::into).collect(),
            items,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ParticipantDto {
    pub name: String,
    /// Party letter, municipality or organisation.
    pub affiliation: Option<String>,
    pub absent: bool,
}

impl From<Participant> for ParticipantDto {
    fn from(p: Participant) -> ParticipantDto {
        ParticipantDto {
            name: p.name,
            affiliation: p.affiliation,
            absent: p.absent,
        }
    }
}
