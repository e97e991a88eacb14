//! Model → tantivy document, and back. The one place that knows which field holds what.

use chrono::Datelike;
use tantivy::schema::Value;
use tantivy::{DateTime, TantivyDocument};

use super::present_names;
use super::schema::Fields;
use crate::model::{AgendaItem, Meeting, SectionKind};

/// Titles of routine items, ranked below substantive ones (lowercase prefixes).
const ROUTINE_TITLES: [&str; 6] = [
    "velkomst",
    "eventuelt",
    "pause",
    "godkendelse af dagsorden",
    "godkendelse af referat",
    "frokost",
];

/// The search document for one agenda item of `meeting`.
pub fn item_document(fields: &Fields, meeting: &Meeting, item: &AgendaItem) -> TantivyDocument {
    item_document_with_header(fields, meeting, item, &meeting_header_json(meeting))
}

/// [`item_document`] with the meeting's [`meeting_header_json`] made once by the caller:
/// it is the same for every item of the meeting.
pub fn item_document_with_header(
    fields: &Fields,
    meeting: &Meeting,
    item: &AgendaItem,
    header_json: &str,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, meeting.item_id(item.number));
    doc.add_text(fields.meeting_id, meeting.id());
    doc.add_text(fields.source_path, &meeting.source.path);
    doc.add_text(fields.source_sha256, &meeting.source.sha256);
    doc.add_text(fields.titel, &item.title);
    // Title and sections joined by blank lines: the analysis recognises them as parts of
    // the whole and reuses its tokens for them (`analysis/shared.rs`).
    let length = item
        .sections
        .iter()
        .map(|s| s.text.len() + 2)
        .sum::<usize>();
    let mut whole = String::with_capacity(item.title.len() + length);
    whole.push_str(&item.title);
    for section in &item.sections {
        doc.add_text(fields.section(section.kind), &section.text);
        if section.kind != SectionKind::Fravaerende {
            whole.push_str("\n\n");
            whole.push_str(&section.text);
        }
    }
    // The last of the three takes the text itself: one copy of the whole item fewer.
    doc.add_text(fields.exact, &whole);
    doc.add_text(fields.parts, &whole);
    doc.add_text(fields.folded, whole);
    add_facets(fields, &mut doc, meeting, item);
    add_dates(fields, &mut doc, meeting, item);
    doc.add_u64(fields.number, u64::from(item.number));
    doc.add_u64(fields.routine, u64::from(is_routine(&item.title)));
    doc.add_text(
        fields.item_json,
        serde_json::to_string(item).unwrap_or_default(),
    );
    doc.add_text(fields.meeting_json, header_json);
    doc
}

fn add_facets(fields: &Fields, doc: &mut TantivyDocument, meeting: &Meeting, item: &AgendaItem) {
    doc.add_text(fields.klynge, &meeting.forum.klynge);
    doc.add_text(fields.forum, &meeting.forum.name);
    doc.add_text(fields.niveau, meeting.niveau.label());
    let e = &item.enrichment;
    for value in &e.kommuner {
        doc.add_text(fields.kommune, value);
    }
    for value in &e.fokusomraader {
        doc.add_text(fields.fokusomraade, value);
    }
    for value in &e.beslutningstyper {
        doc.add_text(fields.beslutningstype, value);
    }
    let absent = item
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Fravaerende)
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for name in present_names(meeting, &absent) {
        doc.add_text(fields.person, name);
    }
}

fn add_dates(fields: &Fields, doc: &mut TantivyDocument, meeting: &Meeting, item: &AgendaItem) {
    let dato = meeting.dato;
    let midnight = dato.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    doc.add_date(
        fields.dato,
        DateTime::from_timestamp_secs(midnight.timestamp()),
    );
    let year = u64::try_from(dato.year()).unwrap_or_default();
    doc.add_u64(fields.aar, year);
    doc.add_u64(fields.maaned, year * 100 + u64::from(dato.month()));
    for cited in &item.enrichment.cites {
        doc.add_text(fields.cites, cited.format("%Y-%m-%d").to_string());
    }
}

/// Whether a title names a routine item (welcome, any other business, break, …).
pub fn is_routine(title: &str) -> bool {
    let lower = title.to_lowercase();
    ROUTINE_TITLES
        .iter()
        .any(|prefix| lower.starts_with(prefix))
}

/// JSON of the meeting without its items (they are stored one per document).
pub fn meeting_header_json(meeting: &Meeting) -> String {
    // Field by field rather than `..meeting.clone()`: that cloned every item's text once per
    // item (4 % of indexing). No `..` here, so a new field cannot be silently left out.
    let Meeting {
        source,
        title,
        forum,
        niveau,
        dato,
        starts_at,
        place,
        participants,
        toc,
        items: _,
        warnings,
        id_suffix,
    } = meeting;
    let header = Meeting {
        source: source.clone(),
        title: title.clone(),
        forum: forum.clone(),
        niveau: *niveau,
        dato: *dato,
        starts_at: *starts_at,
        place: place.clone(),
        participants: participants.clone(),
        toc: toc.clone(),
        items: Vec::new(),
        warnings: warnings.clone(),
        id_suffix: id_suffix.clone(),
    };
    serde_json::to_string(&header).unwrap_or_default()
}

/// The stored item of a document, if it decodes.
pub fn stored_item(fields: &Fields, doc: &TantivyDocument) -> Option<AgendaItem> {
    let json = doc.get_first(fields.item_json)?.as_str()?;
    serde_json::from_str(json).ok()
}

/// The stored meeting header (no items) of a document, if it decodes.
pub fn stored_meeting(fields: &Fields, doc: &TantivyDocument) -> Option<Meeting> {
    let json = doc.get_first(fields.meeting_json)?.as_str()?;
    serde_json::from_str(json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::Enricher;

    #[test]
    fn meeting_header_json_is_the_meeting_without_its_items_byte_for_byte() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds/000_731f48feb1185b6b.txt"
        );
        let bytes = std::fs::read(path).expect("the seed is in the repository");
        let meeting =
            crate::ingest::load_bytes(&bytes, path, &Enricher::builtin()).expect("the seed parses");
        assert!(!meeting.items.is_empty());
        let without_items = Meeting {
            items: Vec::new(),
            ..meeting.clone()
        };
        let expected = serde_json::to_string(&without_items).expect("a meeting serializes");
        assert_eq!(meeting_header_json(&meeting), expected);
    }
}
