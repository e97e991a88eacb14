//! Derive facets from an item's text: kommuner, fokusområder, cited meetings, decision
//! types. (Owner: enrichment. Stub until implemented.)

use crate::model::Meeting;

/// Gazetteers and taxonomies, loaded once and shared.
#[derive(Debug, Clone, Default)]
pub struct Enricher {}

impl Enricher {
    /// The built-in gazetteer and the bundled focus-area taxonomy.
    pub fn builtin() -> Enricher {
        Enricher {}
    }

    /// Fill `enrichment` of every item of `meeting`.
    pub fn enrich(&self, _meeting: &mut Meeting) {}
}
