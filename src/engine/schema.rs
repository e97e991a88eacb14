//! The tantivy schema: one document per agenda item.
//!
//! Text is indexed four ways: per section with the stemming analyzer ([`analysis::DANISH`],
//! stored, for field scoping, BM25 weights and snippets), and over the whole item, unstored,
//! as exact words ([`analysis::EXACT`]), compound parts ([`analysis::PARTS`]) and folded
//! spellings ([`analysis::FOLDED`]). Facets are raw strings with fast fields so one pass over
//! the hits can count every facet disjunctively.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, SchemaBuilder, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED, STRING,
};

use crate::analysis;
use crate::model::SectionKind;

/// Bumped whenever what a document holds changes (a field added, a value computed another way,
/// the stored JSON reshaped): an index stamped with another version is rebuilt by the next
/// `referat index`, in one commit.
pub const SCHEMA_VERSION: u32 = 1;

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
    /// Item title, stemmed, stored.
    pub titel: Field,
    /// One stemmed, stored text field per [`SectionKind`], in [`SectionKind::ALL`] order.
    pub sections: [Field; 7],
    /// The whole item (title + every section) three more ways, unstored.
    pub exact: Field,
    pub parts: Field,
    pub folded: Field,
    /// Facets: raw strings, indexed (filters), fast (counting), stored.
    pub klynge: Field,
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
        titel: b.add_text_field("titel", text(analysis::DANISH, true)),
        sections: SectionKind::ALL
            .map(|kind| b.add_text_field(kind.key(), text(analysis::DANISH, true))),
        exact: b.add_text_field("exact", text(analysis::EXACT, false)),
        parts: b.add_text_field("parts", text(analysis::PARTS, false)),
        folded: b.add_text_field("folded", text(analysis::FOLDED, false)),
        klynge: facet(&mut b, "klynge"),
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

fn text(analyzer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
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
