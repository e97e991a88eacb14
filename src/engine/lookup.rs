//! Stored items and meetings by id, and the meeting list: `Engine::item`, `Engine::meeting`,
//! `Engine::meetings`. Ids come from outside (URLs): they are only ever looked up as terms,
//! never turned into paths.

use std::collections::BTreeMap;

use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::{AllQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, TantivyError, Term};

use super::document::{stored_item, stored_meeting};
use super::schema::Fields;
use super::{filter, Engine, Filters, ItemRef, MeetingSummary, StoredItem};
use crate::error::Result;
use crate::model::{AgendaItem, Meeting};

/// The item with id `id`, its meeting, agenda, citations both ways.
pub fn item(engine: &Engine, id: &str) -> Result<Option<StoredItem>> {
    let searcher = engine.reader.searcher();
    let fields = &engine.fields;
    let docs = documents(&searcher, &term_query(fields.id, id))?;
    let Some(doc) = docs.first() else {
        return Ok(None);
    };
    let (Some(item), Some(meeting)) = (stored_item(fields, doc), stored_meeting(fields, doc))
    else {
        return Ok(None);
    };
    let meeting_docs = documents(&searcher, &term_query(fields.meeting_id, &meeting.id()))?;
    let mut agenda: Vec<ItemRef> = meeting_docs
        .iter()
        .filter_map(|doc| item_ref(fields, doc))
        .collect();
    agenda.sort_by_key(|r| r.number);
    Ok(Some(StoredItem {
        id: id.to_owned(),
        cites: cited_meetings(&searcher, fields, &meeting, &item)?,
        cited_by: citing_items(&searcher, fields, &meeting)?,
        meeting: summary(&meeting, agenda.len()),
        item,
        agenda,
    }))
}

/// The meeting with id `id`, its items in order.
pub fn meeting(engine: &Engine, id: &str) -> Result<Option<Meeting>> {
    let searcher = engine.reader.searcher();
    let fields = &engine.fields;
    let docs = documents(&searcher, &term_query(fields.meeting_id, id))?;
    let Some(header) = docs.first().and_then(|doc| stored_meeting(fields, doc)) else {
        return Ok(None);
    };
    let mut items: Vec<AgendaItem> = docs.iter().filter_map(|d| stored_item(fields, d)).collect();
    items.sort_by_key(|item| item.number);
    Ok(Some(Meeting { items, ..header }))
}

/// Meetings with at least one item the filters allow, newest first (then by id).
pub fn meetings(engine: &Engine, filters: &Filters) -> Result<Vec<MeetingSummary>> {
    let searcher = engine.reader.searcher();
    let fields = &engine.fields;
    let query = filter::query(&searcher, fields, filters)?;
    let first_docs = first_doc_per_meeting(&searcher, &*query)?;
    let mut out = Vec::with_capacity(first_docs.len());
    for (meeting_id, address) in first_docs {
        let doc: TantivyDocument = searcher.doc(address)?;
        let Some(meeting) = stored_meeting(fields, &doc) else {
            continue;
        };
        let items = searcher.search(&term_query(fields.meeting_id, &meeting_id), &Count)?;
        out.push(summary(&meeting, items));
    }
    out.sort_by(|a, b| b.dato.cmp(&a.dato).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// Every indexed meeting's stored header with its item count, in meeting id order (one
/// stored document read per meeting).
pub(super) fn meeting_headers(engine: &Engine) -> Result<Vec<(Meeting, usize)>> {
    let searcher = engine.reader.searcher();
    let fields = &engine.fields;
    let mut out = Vec::new();
    for (meeting_id, address) in first_doc_per_meeting(&searcher, &AllQuery)? {
        let doc: TantivyDocument = searcher.doc(address)?;
        if let Some(meeting) = stored_meeting(fields, &doc) {
            let items = searcher.search(&term_query(fields.meeting_id, &meeting_id), &Count)?;
            out.push((meeting, items));
        }
    }
    Ok(out)
}

/// Meeting id → one matching document, read from the `meeting_id` fast field so that only
/// one stored document per meeting is ever loaded.
fn first_doc_per_meeting(
    searcher: &Searcher,
    query: &dyn Query,
) -> Result<BTreeMap<String, DocAddress>> {
    let mut addresses: Vec<DocAddress> = searcher
        .search(query, &DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort();
    let mut first = BTreeMap::new();
    let mut name = String::new();
    for address in addresses {
        let segment = searcher.segment_reader(address.segment_ord);
        let Some(column) = segment.fast_fields().str("meeting_id")? else {
            continue;
        };
        for ord in column.term_ords(address.doc_id) {
            name.clear();
            if column
                .ord_to_str(ord, &mut name)
                .map_err(TantivyError::from)?
            {
                first.entry(name.clone()).or_insert(address);
            }
        }
    }
    Ok(first)
}

/// Indexed meetings (other than the item's own) held on a date the item cites.
fn cited_meetings(
    searcher: &Searcher,
    fields: &Fields,
    own: &Meeting,
    item: &AgendaItem,
) -> Result<Vec<MeetingSummary>> {
    let own_id = own.id();
    let mut out = Vec::new();
    for date in &item.enrichment.cites {
        let query = TermQuery::new(
            filter::date_term(fields.dato, *date),
            IndexRecordOption::Basic,
        );
        let mut by_meeting: BTreeMap<String, (Meeting, usize)> = BTreeMap::new();
        for doc in documents(searcher, &query)? {
            let Some(meeting) = stored_meeting(fields, &doc) else {
                continue;
            };
            let entry = by_meeting.entry(meeting.id()).or_insert((meeting, 0));
            entry.1 += 1;
        }
        by_meeting.remove(&own_id);
        out.extend(by_meeting.values().map(|(m, count)| summary(m, *count)));
    }
    Ok(out)
}

/// Items of later meetings whose text cites `meeting`'s date, oldest first.
fn citing_items(searcher: &Searcher, fields: &Fields, meeting: &Meeting) -> Result<Vec<ItemRef>> {
    let date = meeting.dato.format("%Y-%m-%d").to_string();
    let docs = documents(searcher, &term_query(fields.cites, &date))?;
    let mut refs: Vec<ItemRef> = docs
        .iter()
        .filter_map(|doc| item_ref(fields, doc))
        .filter(|r| r.dato > meeting.dato)
        .collect();
    refs.sort_by(|a, b| (a.dato, &a.meeting_id, a.number).cmp(&(b.dato, &b.meeting_id, b.number)));
    Ok(refs)
}

fn item_ref(fields: &Fields, doc: &TantivyDocument) -> Option<ItemRef> {
    let meeting = stored_meeting(fields, doc)?;
    let number = doc.get_first(fields.number)?.as_u64()?;
    Some(ItemRef {
        id: doc.get_first(fields.id)?.as_str()?.to_owned(),
        meeting_id: meeting.id(),
        forum: meeting.forum.name.clone(),
        niveau: meeting.niveau.label().to_owned(),
        dato: meeting.dato,
        number: u32::try_from(number).ok()?,
        title: doc.get_first(fields.titel)?.as_str()?.to_owned(),
    })
}

pub(super) fn summary(meeting: &Meeting, item_count: usize) -> MeetingSummary {
    MeetingSummary {
        id: meeting.id(),
        title: meeting.title.clone(),
        forum: meeting.forum.name.clone(),
        klynge: meeting.forum.klynge.clone(),
        niveau: meeting.niveau.label().to_owned(),
        dato: meeting.dato,
        place: meeting.place.clone(),
        item_count,
    }
}

fn term_query(field: tantivy::schema::Field, value: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    )
}

/// Every stored document `query` matches, in index order.
fn documents(searcher: &Searcher, query: &dyn Query) -> Result<Vec<TantivyDocument>> {
    let mut addresses: Vec<DocAddress> = searcher
        .search(query, &DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort();
    addresses
        .into_iter()
        .map(|address| Ok(searcher.doc(address)?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::indexer::tests::{index_meetings, meeting, temp_dir};
    use crate::engine::FacetName;
    use chrono::NaiveDate;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test dates are valid")
    }

    /// March and November meetings in Sydvestjylland (November's item 1 cites March), and
    /// a June meeting in Sønderjylland.
    fn engine(name: &str) -> Engine {
        let dir = temp_dir(name);
        let march = meeting(
            "Sydvestjylland",
            "2024-03-01",
            "m.txt",
            &["Velkomst", "Lægedækning"],
        );
        let mut november = meeting("Sydvestjylland", "2024-11-11", "n.txt", &["Opfølgning"]);
        november.items[0].enrichment.cites = vec![date("2024-03-01")];
        let june = meeting("Sønderjylland", "2024-06-01", "j.txt", &["A", "B", "C"]);
        index_meetings(&dir, &[march, november, june]);
        Engine::open(&dir).expect("opens")
    }

    #[test]
    fn item_comes_with_its_meeting_agenda_and_citations_both_ways() {
        let engine = engine("lookup-item");
        let march_2 = "sundhedsklynge-sydvestjylland/politisk-niveau/2024-03-01/punkt-2";
        let stored = engine.item(march_2).expect("reads").expect("indexed");
        assert_eq!(stored.item.title, "Lægedækning");
        assert_eq!(stored.meeting.item_count, 2);
        let agenda: Vec<u32> = stored.agenda.iter().map(|r| r.number).collect();
        assert_eq!(agenda, [1, 2]);
        let cited_by: Vec<&str> = stored.cited_by.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            cited_by,
            ["sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11/punkt-1"]
        );
        let november_1 = engine.item(cited_by[0]).expect("reads").expect("indexed");
        let cites: Vec<&str> = november_1.cites.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            cites,
            ["sundhedsklynge-sydvestjylland/politisk-niveau/2024-03-01"]
        );
    }

    #[test]
    fn unknown_or_path_like_ids_find_nothing() {
        let engine = engine("lookup-unknown");
        for id in ["nope", "../../etc/passwd", ""] {
            assert!(engine.item(id).expect("reads").is_none(), "{id}");
            assert!(engine.meeting(id).expect("reads").is_none(), "{id}");
        }
    }

    #[test]
    fn meeting_has_all_its_items_in_order() {
        let engine = engine("lookup-meeting");
        let id = "sundhedsklynge-soenderjylland/politisk-niveau/2024-06-01";
        let meeting = engine.meeting(id).expect("reads").expect("indexed");
        let titles: Vec<&str> = meeting.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["A", "B", "C"]);
    }

    #[test]
    fn meetings_are_newest_first_and_filterable() {
        let engine = engine("lookup-meetings");
        let all = engine.meetings(&Filters::default()).expect("reads");
        let dates: Vec<String> = all.iter().map(|m| m.dato.to_string()).collect();
        assert_eq!(dates, ["2024-11-11", "2024-06-01", "2024-03-01"]);
        assert_eq!(all[1].item_count, 3);
        let klynge = Filters {
            facets: vec![(FacetName::Klynge, vec!["soenderjylland".to_owned()])],
            ..Filters::default()
        };
        let only: Vec<String> = engine
            .meetings(&klynge)
            .expect("reads")
            .into_iter()
            .map(|m| m.klynge)
            .collect();
        assert_eq!(only, ["Sønderjylland"]);
        let range = Filters {
            from: Some(date("2024-03-02")),
            to: Some(date("2024-11-11")),
            ..Filters::default()
        };
        assert_eq!(engine.meetings(&range).expect("reads").len(), 2);
        let year = Filters {
            facets: vec![(FacetName::Aar, vec!["2023".to_owned()])],
            ..Filters::default()
        };
        assert!(engine.meetings(&year).expect("reads").is_empty());
    }
}
