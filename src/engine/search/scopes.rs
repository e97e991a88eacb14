//! Where a word is looked for: the title and every section kind, each with its field and
//! its weight. Shared by the compiler ([`super::build`]) and typo correction
//! ([`super::typo`]).

use tantivy::schema::Field;

use crate::engine::query::Scope;
use crate::engine::schema::Fields;
use crate::model::SectionKind;

/// Section weights: title > decisions and summaries > long case text > attachment names >
/// the absence list (a name only in Fraværende must never outrank an item about it).
pub(crate) fn scope_boost(scope: Scope) -> f32 {
    match scope {
        Scope::Titel => 2.5,
        Scope::Section(kind) => match kind {
            SectionKind::Beslutning | SectionKind::Resume => 1.6,
            SectionKind::Indstilling => 1.3,
            SectionKind::Sagsfremstilling | SectionKind::Tekst => 1.0,
            SectionKind::Bilag => 0.5,
            SectionKind::Fravaerende => 0.05,
        },
    }
}

/// Every scope a plain word is looked for in.
pub(crate) fn all_scopes() -> impl Iterator<Item = Scope> {
    std::iter::once(Scope::Titel).chain(SectionKind::ALL.into_iter().map(Scope::Section))
}

pub(crate) fn scope_field(fields: &Fields, scope: Scope) -> Field {
    match scope {
        Scope::Titel => fields.titel,
        Scope::Section(kind) => fields.section(kind),
    }
}
