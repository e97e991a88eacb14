//! The plain data a referat becomes: a [`Meeting`] with its [`AgendaItem`]s and their
//! [`Section`]s. No behaviour beyond naming and ids; every other module speaks these types.
//!
//! `parse` fills everything except [`AgendaItem::enrichment`]; `enrich` fills that;
//! `engine` indexes and stores it; `server` shows it.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// Which kind of body held the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForumKind {
    /// "Sundhedsklynge Sydvestjylland", "Sundhedsklynge Sønderjylland", …
    Sundhedsklynge,
    /// "Sundhedsdirektørkredsen": the municipal health directors of the region.
    Sundhedsdirektoerkreds,
    /// "Sundhedsråd Sydvestjylland", … (the clusters' successors from 2026).
    Sundhedsraad,
    /// Any other forum whose title line we could still read.
    Andet,
}

/// The forum as written in the title line, plus the value it gets in the `klynge` facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forum {
    pub kind: ForumKind,
    /// Full name as written, e.g. "Sundhedsklynge Sydvestjylland", "Sundhedsdirektørkredsen".
    pub name: String,
    /// Facet value: the area for clusters and councils ("Sydvestjylland", "Sønderjylland"),
    /// the forum's own name otherwise ("Sundhedsdirektørkredsen"), so nothing falls out.
    pub klynge: String,
}

/// The level of the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Niveau {
    Politisk,
    FagligtStrategisk,
    /// Sundhedsdirektørkredsen and other administrative directors' forums.
    Direktoerkreds,
    /// Neither the title nor the text told us: shown as "Ikke angivet". The slug stays
    /// `ukendt-niveau` so ids already linked to keep working.
    Ukendt,
}

impl Niveau {
    /// Label shown to people and used as the facet value.
    pub fn label(self) -> &'static str {
        match self {
            Niveau::Politisk => "Politisk niveau",
            Niveau::FagligtStrategisk => "Fagligt strategisk niveau",
            Niveau::Direktoerkreds => "Direktørkreds",
            Niveau::Ukendt => "Ikke angivet",
        }
    }

    /// ASCII slug used in ids and URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Niveau::Politisk => "politisk-niveau",
            Niveau::FagligtStrategisk => "fagligt-strategisk-niveau",
            Niveau::Direktoerkreds => "direktoerkreds",
            Niveau::Ukendt => "ukendt-niveau",
        }
    }
}

/// How the bytes of the source file were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceEncoding {
    Utf8,
    /// UTF-8 with a byte order mark (removed).
    Utf8Bom,
    /// Not valid UTF-8: decoded as Windows-1252.
    Windows1252,
    /// The text layer of a PDF.
    Pdf,
}

/// Where a meeting came from and what reading it took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The path as given (relative to the folder indexed where possible).
    pub path: String,
    /// Hex SHA-256 of the raw bytes: what incremental indexing compares.
    pub sha256: String,
    pub encoding: SourceEncoding,
    /// What reading repaired or noticed ("decoded as Windows-1252", "removed 16 page headers").
    pub notes: Vec<String>,
}

/// One person from "Mødedeltagere".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    /// Party letter, municipality or organisation: "V", "Esbjerg Kommune", "PLO".
    pub affiliation: Option<String>,
    /// Marked "(Fravær)" in the list.
    pub absent: bool,
}

/// A line of the table of contents ("Indholdsfortegnelse"): read to cross-check titles only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// Title as printed (often cut off by the export).
    pub title: String,
    pub page: Option<u32>,
}

/// A whole referat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub source: Source,
    /// The title line without markdown: "REFERAT Sundhedsklynge Sydvestjylland d. 11-11-2024".
    pub title: String,
    pub forum: Forum,
    pub niveau: Niveau,
    /// The date of the meeting (title line; cross-checked with "Mødedato").
    pub dato: NaiveDate,
    /// Start time from "Mødedato … kl. 13:30".
    pub starts_at: Option<NaiveTime>,
    /// "Mødested" as written.
    pub place: Option<String>,
    pub participants: Vec<Participant>,
    pub toc: Vec<TocEntry>,
    pub items: Vec<AgendaItem>,
    /// Cross-check findings a person should know about (title date ≠ Mødedato, TOC mismatch).
    pub warnings: Vec<String>,
    /// Set by the indexer when another meeting of the same forum, niveau and date holds the
    /// plain id: `kl-1600` (its start time) or `2`, `3`, … Appended to [`Meeting::id`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_suffix: Option<String>,
}

impl Meeting {
    /// Stable, readable id: `sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11`, with
    /// [`Meeting::id_suffix`] when set (`…/2024-11-11-kl-1600`).
    pub fn id(&self) -> String {
        let plain = self.plain_id();
        match &self.id_suffix {
            Some(suffix) => format!("{plain}-{suffix}"),
            None => plain,
        }
    }

    /// The id from forum, niveau and date alone, without [`Meeting::id_suffix`].
    pub fn plain_id(&self) -> String {
        format!(
            "{}/{}/{}",
            slug(&self.forum.name),
            self.niveau.slug(),
            self.dato.format("%Y-%m-%d")
        )
    }

    /// Id of item `number` of this meeting: `…/2024-11-11/punkt-3`.
    pub fn item_id(&self, number: u32) -> String {
        format!("{}/punkt-{}", self.id(), number)
    }
}

/// "kl. 10.30-10.45" as two times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeSlot {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// One agenda item ("Punkt N: title").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub number: u32,
    /// Title without "Punkt N:", markdown, time slot or duration.
    pub title: String,
    pub time_slot: Option<TimeSlot>,
    /// "(15 min)" → 15.
    pub duration_minutes: Option<u32>,
    /// The case number line, e.g. "22/43402".
    pub case_number: Option<String>,
    /// In document order. Text before the first section heading is a [`SectionKind::Tekst`].
    pub sections: Vec<Section>,
    pub enrichment: Enrichment,
}

impl AgendaItem {
    /// All sections of one kind, in order (an item may have two, e.g. two Bilag lists).
    pub fn sections_of(&self, kind: SectionKind) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(move |s| s.kind == kind)
    }
}

/// The kinds of section a referat item has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Text under the item heading before any known section heading.
    Tekst,
    Resume,
    Sagsfremstilling,
    Indstilling,
    Beslutning,
    Bilag,
    Fravaerende,
}

impl SectionKind {
    pub const ALL: [SectionKind; 7] = [
        SectionKind::Tekst,
        SectionKind::Resume,
        SectionKind::Sagsfremstilling,
        SectionKind::Indstilling,
        SectionKind::Beslutning,
        SectionKind::Bilag,
        SectionKind::Fravaerende,
    ];

    /// Danish label shown to people ("Beslutning: …").
    pub fn label(self) -> &'static str {
        match self {
            SectionKind::Tekst => "Tekst",
            SectionKind::Resume => "Resumé",
            SectionKind::Sagsfremstilling => "Sagsfremstilling",
            SectionKind::Indstilling => "Indstilling",
            SectionKind::Beslutning => "Beslutning",
            SectionKind::Bilag => "Bilag",
            SectionKind::Fravaerende => "Fraværende",
        }
    }

    /// ASCII name used in field prefixes (`beslutning:`), JSON and URLs.
    pub fn key(self) -> &'static str {
        match self {
            SectionKind::Tekst => "tekst",
            SectionKind::Resume => "resume",
            SectionKind::Sagsfremstilling => "sagsfremstilling",
            SectionKind::Indstilling => "indstilling",
            SectionKind::Beslutning => "beslutning",
            SectionKind::Bilag => "bilag",
            SectionKind::Fravaerende => "fravaerende",
        }
    }

    pub fn from_key(key: &str) -> Option<SectionKind> {
        SectionKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// One section of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub kind: SectionKind,
    /// The heading as written, without markdown ("Beslutning i Sundhedsklynge Sydvestjylland
    /// den 11-11-2024", "RESUMÉ"); empty for [`SectionKind::Tekst`].
    pub heading: String,
    /// The body: paragraphs separated by a blank line; sub-headings kept as their own
    /// paragraph (without markdown); list items and tab-separated table rows as lines.
    pub text: String,
}

/// What `enrich` derives from an item's text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrichment {
    /// Canonical names of the municipalities the item names: "Esbjerg", "Fanø", "Aabenraa".
    pub kommuner: Vec<String>,
    /// Focus areas touched, by their taxonomy label: "Lægedækning", "Kom Trygt Hjem".
    pub fokusomraader: Vec<String>,
    /// Dates of earlier meetings the item cites ("Den 1. marts 2024 blev der på politisk
    /// niveau …"), ascending, without duplicates.
    pub cites: Vec<NaiveDate>,
    /// Decision types read from Beslutning: "godkendt", "taget til efterretning", "drøftet", …
    pub beslutningstyper: Vec<String>,
}

/// Danish month names as referater write them ("11. november 2024"), January first.
pub const DANISH_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// ASCII slug for ids: lowercase, æ→ae, ø→oe, å→aa, other letters stripped of accents,
/// runs of anything else become one `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        let folded: &str = match ch {
            'æ' => "ae",
            'ø' => "oe",
            'å' => "aa",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'á' | 'à' | 'â' | 'ä' => "a",
            'ó' | 'ò' | 'ô' | 'ö' => "o",
            'ü' | 'ú' | 'ù' => "u",
            'í' | 'ì' | 'ï' => "i",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if folded == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(folded);
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_folds_danish_letters_and_punctuation() {
        assert_eq!(
            slug("Sundhedsklynge Sydvestjylland"),
            "sundhedsklynge-sydvestjylland"
        );
        assert_eq!(slug("Sundhedsdirektørkredsen"), "sundhedsdirektoerkredsen");
        assert_eq!(
            slug("Sundhedsråd Sønderjylland"),
            "sundhedsraad-soenderjylland"
        );
        assert_eq!(slug("  Kom Trygt Hjem! "), "kom-trygt-hjem");
    }

    #[test]
    fn section_keys_round_trip() {
        for kind in SectionKind::ALL {
            assert_eq!(SectionKind::from_key(kind.key()), Some(kind));
        }
    }
}
