//! Ranked documents → [`Hit`]s: the stored item and meeting header, and its snippets.

use tantivy::schema::Value;
use tantivy::{Searcher, TantivyDocument};

use super::collect::Ranked;
use super::highlight::Marker;
use super::{synonyms_of, Recall};
use crate::engine::document::{stored_item, stored_meeting};
use crate::engine::query::{Query, TermKind};
use crate::engine::{Engine, Hit};
use crate::error::Result;

/// Load the page of hits; with `snippets`, highlight the query's words in each.
pub(crate) fn load(
    engine: &Engine,
    searcher: &Searcher,
    page: &[Ranked],
    query: &Query,
    snippets: bool,
    recall: Recall,
) -> Result<Vec<Hit>> {
    let mut marker = marker_for(engine, query, recall);
    let mut hits = Vec::with_capacity(page.len());
    for ranked in page {
        let doc: TantivyDocument = searcher.doc(ranked.doc)?;
        if let Some(hit) = hit(engine, &doc, ranked.score, snippets.then_some(&mut marker)) {
            hits.push(hit);
        }
    }
    Ok(hits)
}

/// The forms to mark: every word, phrase and prefix the query looks for (not the excluded),
/// and their synonyms.
fn marker_for<'a>(engine: &'a Engine, query: &Query, recall: Recall) -> Marker<'a> {
    let mut marker = Marker::new(engine.index.tokenizers());
    for (term, excluded) in query.terms() {
        if excluded {
            continue;
        }
        // A scoped term (`beslutning:godkendt`) is marked only in its own section.
        let marker = marker.scoped(term.field);
        let text = match &term.kind {
            TermKind::Word(word) => word.clone(),
            TermKind::Phrase(words) => words.join(" "),
            TermKind::Prefix(prefix) => {
                marker.add_prefix(prefix);
                continue;
            }
        };
        marker.add_words(&text);
        if term.field.is_none() {
            synonyms_of(engine, recall, &text)
                .iter()
                .for_each(|s| marker.add_words(s));
        }
    }
    marker
}

fn hit(
    engine: &Engine,
    doc: &TantivyDocument,
    score: f32,
    marker: Option<&mut Marker<'_>>,
) -> Option<Hit> {
    let fields = &engine.fields;
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    let item = stored_item(fields, doc)?;
    let meeting = stored_meeting(fields, doc)?;
    let snippets = marker.map(|m| m.snippets(&item)).unwrap_or_default();
    Some(Hit {
        id: text(fields.id)?,
        meeting_id: text(fields.meeting_id).unwrap_or_else(|| meeting.id()),
        forum: meeting.forum.name.clone(),
        klynge: meeting.forum.klynge.clone(),
        niveau: meeting.niveau.label().to_owned(),
        dato: meeting.dato,
        number: item.number,
        title: item.title.clone(),
        score,
        snippets,
        kommuner: item.enrichment.kommuner.clone(),
        fokusomraader: item.enrichment.fokusomraader.clone(),
        beslutningstyper: item.enrichment.beslutningstyper.clone(),
    })
}
