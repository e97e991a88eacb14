//! The tantivy schema: one document per agenda item.
//!
//! Text is indexed four ways: per section with the stemming analyzer ([`analysis::DANISH`],
//! for field scoping, BM25 weights and phrases), and over the whole item as exact words
//! ([`analysis::EXACT`], with positions for exact phrases), compound parts
//! ([`analysis::PARTS`]) and folded spellings ([`analysis::FOLDED`]). Only positions that a
//! phrase query reads are written: the parts and folded fields are searched term by term
//! (`search/build.rs`, `search/typo.rs`), so they keep frequencies only.
//!
//! Section texts are not stored: snippets and the item page read the stored `item_json`, so
//! a second stored copy of every section only grew the doc store. The title stays stored
//! (item references and title suggestions read it).
//!
//! Facets are raw strings with fast fields so one pass over the hits can count every facet
//! disjunctively.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, SchemaBuilder, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED, STRING,
};

use crate::analysis;
use crate::model::SectionKind;

/// Bumped whenever what a document holds changes (a field added, a value computed another way,
/// the stored JSON reshaped): an index stamped with another version is rebuilt by the next
/// `referat index`, in one commit. When the tantivy schema itself changed too (fields, their
/// order or options), tantivy cannot open the old index: `referat index` then builds the new
/// one in a sibling folder and swaps it in atomically (`engine::indexer::rebuild`), and
/// `referat serve` stops with the command to run.
pub const SCHEMA_VERSION: u32 = 4;

/// Every field, resolved once when the index opens.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Item id (`…/punkt-3`): raw, stored; the key for `Engine::item`.
    pub id: Field,
    /// Meeting id (`…/2024-11-11`): raw, stored, fast.
    pub meeting_id: Field,
    /// Source file path as indexed, and its SHA-256: what incremental indexing compares.
    pub source_path: Field,
    pub source_sha256: Field,
    /// Item title, stemmed, with positions, stored.
    pub titel: Field,
    /// One stemmed text field per [`SectionKind`] (positions, not stored), in
    /// [`SectionKind::ALL`] order.
    pub sections: [Field; 7],
    /// The whole item (title + every section but Fraværende) three more ways, unstored:
    /// exact words with positions, compound parts and folded spellings without.
    pub exact: Field,
    pub parts: Field,
    pub folded: Field,
    /// Facets: raw strings, indexed (filters), fast (counting), stored.
    pub klynge: Field,
    pub forum: Field,
    /// People present at the item's meeting (not those absent from it).
    pub person: Field,
    pub niveau: Field,
    pub kommune: Field,
    pub fokusomraade: Field,
    pub beslutningstype: Field,
    /// Meeting date: indexed (ranges), fast (sorting), stored.
    pub dato: Field,
    /// Year (2024) and year*100+month (202411) as u64: histograms and the `aar` facet.
    pub aar: Field,
    pub maaned: Field,
    /// Item number within its meeting.
    pub number: Field,
    /// 1 for routine items (Velkomst, Eventuelt, Pause, Godkendelse af dagsorden), else 0.
    pub routine: Field,
    /// Dates this item cites, as `YYYY-MM-DD` strings (for "cited by").
    pub cites: Field,
    /// JSON of the [`crate::model::AgendaItem`] and of the meeting header (its items
    /// emptied), stored only.
    pub item_json: Field,
    pub meeting_json: Field,
}

impl Fields {
    /// The stemmed text field of a section kind.
    pub fn section(&self, kind: SectionKind) -> Field {
        let index = SectionKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or_default();
        self.sections[index]
    }
}

/// Build the schema and the field handles that go with it.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        meeting_id: b.add_text_field("meeting_id", STRING | STORED | FAST),
        source_path: b.add_text_field("source_path", STRING | STORED),
        source_sha256: b.add_text_field("source_sha256", STRING | STORED),
        // The whole-item fields come before the title and sections: tantivy indexes a
        // document's fields in field order, and analysing the whole item first lets the
        // title and sections reuse its tokens (`analysis/shared.rs`).
        exact: b.add_text_field("exact", text(analysis::EXACT, PHRASES)),
        parts: b.add_text_field("parts", text(analysis::PARTS, TERMS_ONLY)),
        folded: b.add_text_field("folded", text(analysis::FOLDED, TERMS_ONLY)),
        titel: b.add_text_field("titel", text(analysis::DANISH, PHRASES).set_stored()),
        sections: SectionKind::ALL
            .map(|kind| b.add_text_field(kind.key(), text(analysis::DANISH, PHRASES))),
        klynge: facet(&mut b, "klynge"),
        forum: facet(&mut b, "forum"),
        person: facet(&mut b, "person"),
        niveau: facet(&mut b, "niveau"),
        kommune: facet(&mut b, "kommune"),
        fokusomraade: facet(&mut b, "fokusomraade"),
        beslutningstype: facet(&mut b, "beslutningstype"),
        dato: b.add_date_field("dato", INDEXED | STORED | FAST),
        aar: b.add_u64_field("aar", number_options()),
        maaned: b.add_u64_field("maaned", number_options()),
        number: b.add_u64_field("number", number_options()),
        routine: b.add_u64_field("routine", FAST),
        cites: b.add_text_field("cites", STRING | STORED),
        item_json: b.add_text_field("item_json", STORED),
        meeting_json: b.add_text_field("meeting_json", STORED),
    };
    (b.build(), fields)
}

/// Fields phrase queries run on: positions are needed.
const PHRASES: IndexRecordOption = IndexRecordOption::WithFreqsAndPositions;
/// Fields only term queries read: frequencies for BM25, no positions (smaller, faster).
const TERMS_ONLY: IndexRecordOption = IndexRecordOption::WithFreqs;

fn text(analyzer: &str, record: IndexRecordOption) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer)
        .set_index_option(record);
    TextOptions::default().set_indexing_options(indexing)
}

fn facet(b: &mut SchemaBuilder, name: &str) -> Field {
    b.add_text_field(name, STRING | STORED | FAST)
}

fn number_options() -> NumericOptions {
    NumericOptions::default()
        .set_indexed()
        .set_stored()
        .set_fast()
}
