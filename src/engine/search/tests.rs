//! Search over a small hand-made index: three meetings, six items, built in a temp folder
//! with the real document builder, so these run before the parser and indexer exist.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use tantivy::IndexWriter;

use crate::engine::document::item_document;
use crate::engine::{Engine, FacetName, Filters, SearchRequest, SearchResults, Sort};
use crate::model::*;

pub(crate) struct TempIndex {
    pub engine: Engine,
    dir: PathBuf,
}

impl Drop for TempIndex {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn section(kind: SectionKind, text: &str) -> Section {
    Section {
        kind,
        heading: kind.label().to_owned(),
        text: text.to_owned(),
    }
}

fn item(number: u32, title: &str, sections: Vec<Section>, enrichment: Enrichment) -> AgendaItem {
    AgendaItem {
        number,
        title: title.to_owned(),
        time_slot: None,
        duration_minutes: None,
        case_number: None,
        sections,
        enrichment,
    }
}

fn enriched(kommuner: &[&str], fokus: &[&str], typer: &[&str]) -> Enrichment {
    let owned = |values: &[&str]| values.iter().map(|v| v.to_string()).collect();
    Enrichment {
        kommuner: owned(kommuner),
        fokusomraader: owned(fokus),
        cites: Vec::new(),
        beslutningstyper: owned(typer),
    }
}

fn meeting(
    forum: &str,
    klynge: &str,
    niveau: Niveau,
    dato: &str,
    items: Vec<AgendaItem>,
) -> Meeting {
    Meeting {
        source: Source {
            path: format!("{klynge}-{dato}.txt"),
            sha256: String::new(),
            encoding: SourceEncoding::Utf8,
            notes: Vec::new(),
        },
        title: format!("REFERAT {forum}"),
        forum: Forum {
            kind: ForumKind::Sundhedsklynge,
            name: forum.to_owned(),
            klynge: klynge.to_owned(),
        },
        niveau,
        dato: NaiveDate::parse_from_str(dato, "%Y-%m-%d").unwrap_or_default(),
        starts_at: None,
        place: None,
        participants: Vec::new(),
        toc: Vec::new(),
        items,
        warnings: Vec::new(),
        id_suffix: None,
    }
}

fn meetings() -> Vec<Meeting> {
    use SectionKind::*;
    let none = Enrichment::default;
    vec![
        meeting("Sundhedsklynge Sydvestjylland", "Sydvestjylland", Niveau::Politisk, "2024-11-11", vec![
            item(1, "Velkomst", vec![section(Tekst, "Velkommen. Dagens tema er lægedækning.")], none()),
            item(2, "Temadrøftelse - Lægedækning", vec![
                section(Resume, "Lægedækningen i Esbjerg og på Fanø er under pres."),
                section(Sagsfremstilling, "Der mangler praktiserende læger. Kommunerne drøfter tiltag <før> & efter \"krisen\". Esbjerg og Varde deltager."),
                section(Beslutning, "Sundhedsklyngen godkendte indstillingen om lægedækning."),
            ], enriched(&["Esbjerg", "Fanø"], &["Lægedækning"], &["godkendt"])),
            item(3, "Kom trygt hjem", vec![
                section(Sagsfremstilling, "Projektet kom trygt hjem handler om udskrivning fra sygehus."),
                section(Fravaerende, "Lægedækning Hansen, PLO"),
            ], enriched(&["Varde"], &["Kom Trygt Hjem"], &["taget til efterretning"])),
        ]),
        meeting("Sundhedsklynge Sønderjylland", "Sønderjylland", Niveau::FagligtStrategisk, "2025-03-01", vec![
            item(1, "Lægedækningssituationen i Aabenraa", vec![
                section(Resume, "Situationen for lægedækning i Aabenraa drøftes."),
                section(Beslutning, "Taget til efterretning."),
            ], enriched(&["Aabenraa"], &["Lægedækning"], &["taget til efterretning"])),
            item(2, "Sundhedsreform", vec![
                section(Sagsfremstilling, "Regeringens udspil til sundhedsreform gennemgås."),
                section(Beslutning, "Drøftet."),
            ], enriched(&[], &[], &["drøftet"])),
        ]),
        meeting("Sundhedsdirektørkredsen", "Sundhedsdirektørkredsen", Niveau::Direktoerkreds, "2023-05-05", vec![
            item(1, "Akutfunktioner", vec![section(Sagsfremstilling, "Akutfunktioner i Esbjerg og Varde evalueres.")],
                enriched(&["Esbjerg", "Varde"], &[], &["godkendt"])),
        ]),
    ]
}

/// A fresh index of [`meetings`] in its own temp folder.
pub(crate) fn index() -> TempIndex {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("referat-search-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let engine = Engine::open(&dir).expect("a temp folder can hold an index");
    let mut writer: IndexWriter = engine
        .index
        .writer(15_000_000)
        .expect("one writer in a fresh index");
    for meeting in meetings() {
        for item in &meeting.items {
            writer
                .add_document(item_document(&engine.fields, &meeting, item))
                .expect("documents of the fixture are valid");
        }
    }
    writer.commit().expect("commit of a fresh index");
    engine.reader.reload().expect("reader reloads after commit");
    TempIndex { engine, dir }
}

fn search(index: &TempIndex, query: &str, filters: &[(FacetName, &[&str])]) -> SearchResults {
    let request = SearchRequest {
        query: query.to_owned(),
        filters: Filters {
            facets: filters
                .iter()
                .map(|(f, values)| (*f, values.iter().map(|v| v.to_string()).collect()))
                .collect(),
            ..Filters::default()
        },
        limit: 20,
        ..SearchRequest::default()
    };
    index.engine.search(&request).expect("search runs")
}

fn titles(results: &SearchResults) -> Vec<&str> {
    results.hits.iter().map(|h| h.title.as_str()).collect()
}

fn count(results: &SearchResults, facet: FacetName, value: &str) -> u64 {
    results
        .facets
        .iter()
        .find(|f| f.facet == facet)
        .and_then(|f| f.values.iter().find(|v| v.value == value))
        .map_or(0, |v| v.count)
}

mod fast;
mod filters;
mod generated;
mod phrase;
mod ranking;
mod snippets;
