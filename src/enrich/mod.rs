//! Enrichment: derives each agenda item's facets from its own words, between `parse` and
//! the indexer. Fills [`AgendaItem::enrichment`]:
//! - `kommuner` ([`kommuner`]): the municipalities the item names;
//! - `fokusomraader` ([`fokus`]): focus areas from an editable taxonomy file;
//! - `cites` ([`cites`]): dates of earlier meetings the item refers to;
//! - `beslutningstyper` ([`beslutning`]): what the meeting decided.
//!
//! [`names`] reports other spellings of participants' names for `referat parse` (it changes
//! nothing in the meeting).
//!
//! What an item is about is read from its title and sections, never from the Fraværende
//! section or the meeting's participant list: "Mads Sørensen, Varde Kommune" there says who
//! was away, not that the item concerns Varde. Decision types come from Beslutning only.

mod beslutning;
mod cites;
mod fokus;
mod kommuner;
pub mod names;
mod words;

use std::path::Path;

use chrono::NaiveDate;

pub use fokus::Taxonomy;

use crate::error::Result;
use crate::model::{AgendaItem, Enrichment, Meeting, SectionKind};

/// Gazetteers and taxonomies, loaded once and shared.
#[derive(Debug, Clone)]
pub struct Enricher {
    gazetteer: kommuner::Gazetteer,
    taxonomy: Taxonomy,
}

impl Default for Enricher {
    fn default() -> Enricher {
        Enricher::builtin()
    }
}

impl Enricher {
    /// The built-in gazetteer and the bundled focus-area taxonomy
    /// (`data/fokusomraader.txt`, compiled in).
    pub fn builtin() -> Enricher {
        let taxonomy =
            Taxonomy::parse(fokus::BUILTIN_TAXONOMY, Path::new("data/fokusomraader.txt"))
                .expect("the bundled taxonomy parses: a unit test holds it");
        Enricher::with_taxonomy(taxonomy)
    }

    /// The built-in gazetteer with the focus areas of the taxonomy file at `path`.
    pub fn with_taxonomy_file(path: impl AsRef<Path>) -> Result<Enricher> {
        Taxonomy::from_file(path.as_ref()).map(Enricher::with_taxonomy)
    }

    /// The built-in gazetteer with `taxonomy`.
    pub fn with_taxonomy(taxonomy: Taxonomy) -> Enricher {
        Enricher {
            gazetteer: kommuner::Gazetteer::builtin(),
            taxonomy,
        }
    }

    /// A short fingerprint of what this enricher derives (its taxonomy): the indexer stamps
    /// it into each commit, so indexing with an edited taxonomy re-enriches every item.
    pub fn fingerprint(&self) -> u64 {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(format!("{:?}", self.taxonomy).as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_le_bytes(first)
    }

    /// Fill `enrichment` of every item of `meeting`.
    pub fn enrich(&self, meeting: &mut Meeting) {
        let dato = meeting.dato;
        for item in &mut meeting.items {
            item.enrichment = self.enrichment_of(item, dato);
        }
    }

    /// What `item`, from a meeting held on `meeting_date`, names, touches, cites and decides.
    pub fn enrichment_of(&self, item: &AgendaItem, meeting_date: NaiveDate) -> Enrichment {
        let subject = subject_text(item);
        // Scanned once for the three enrichers that read the subject.
        let subject_words = words::words(&subject);
        Enrichment {
            kommuner: self.gazetteer.find_in(&subject, &subject_words),
            fokusomraader: self.taxonomy.labels_in_words(&subject, &subject_words),
            cites: cites::cited_dates_in(&subject_words, meeting_date),
            beslutningstyper: beslutning::decision_types(&beslutning_text(item)),
        }
    }
}

/// Title and every section but Fraværende, one paragraph each.
fn subject_text(item: &AgendaItem) -> String {
    let sections = item
        .sections
        .iter()
        .filter(|section| section.kind != SectionKind::Fravaerende)
        .map(|section| section.text.as_str());
    std::iter::once(item.title.as_str())
        .chain(sections)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The Beslutning sections' text (empty when the item has none).
fn beslutning_text(item: &AgendaItem) -> String {
    item.sections_of(SectionKind::Beslutning)
        .map(|section| section.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests;
