//! Section headings in every spelling the layout families use, decided by a line's words:
//! summary (`Resumé`, `Beslutningstema`, `Problemstilling`, `Sagens kerne`), case
//! (`Sagsfremstilling`, `Beskrivelse af sagen`, `Baggrund`, `Sagsgang og sagstype`),
//! recommendation (`Indstilling`, `Forslag til beslutning`, `Beslutningspunkter`,
//! `Indstilling fra <afdeling>`, and a paragraph opening `Det indstilles,`), decision
//! (`Beslutning(er)`, `Beslutning i <forum> den …`, `Behandling i <forum> …, pkt. N`,
//! `<forum>, DD-MM-YYYY, pkt. N`, `POLITISK BEHANDLING`, `<forum>s beslutning den …:`),
//! `Bilag` and `Fraværende` (names may follow on the line).

use std::sync::LazyLock;

use regex::Regex;

use super::markdown;
use crate::model::SectionKind;

/// Openings of a recommendation paragraph that has no heading of its own.
const RECOMMENDATION_OPENINGS: [&str; 3] = [
    "det indstilles,",
    "direktionen indstiller,",
    "administrationen indstiller,",
];

/// "Beslutning i Sundhedsklynge Sydvestjylland den 11-11-2024", "Beslutning på mødet",
/// "Behandling i Byrådet 12. januar 2021, pkt. 4", "Byrådet, 12-01-2021, pkt. 4",
/// "Økonomiudvalgets beslutning den 4. maj 2020:".
static DECISION_LONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:beslutning\s+(?:i|på|fra|den|d\.)\s|behandling\s+i\s.*pkt\.?\s*\d+$|.+,\s*\d{1,2}[-.]\d{1,2}[-.]\d{4},\s*pkt\.?\s*\d+$|\S.*s\s+beslutning\s+(?:den|d\.)\s)",
    )
    .expect("static pattern is valid")
});

/// "Indstilling fra Sundhed og Omsorg".
static INDSTILLING_FRA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^indstilling\s+fra\s+\S").expect("static pattern is valid"));

/// Longest heading line we accept: real headings are short, and this keeps a sentence
/// that happens to start with "Beslutning i …" in the text.
const MAX_HEADING_CHARS: usize = 120;

/// A recognised section heading; `inline` holds text written on the heading's own line
/// ("**Fraværende** Birgitte Ries Møller, PLO" → "Birgitte Ries Møller, PLO").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionHeading {
    pub kind: SectionKind,
    pub heading: String,
    pub inline: Option<String>,
}

/// The section heading a line is, if any. List items are never headings.
pub fn section_heading(line: &str) -> Option<SectionHeading> {
    section_heading_in(line, &markdown::plain_cow(line))
}

/// [`section_heading`] of `line` whose [`markdown::plain`] form is `text`.
pub fn section_heading_in(line: &str, text: &str) -> Option<SectionHeading> {
    if markdown::is_list_item(line) {
        return None;
    }
    let too_long = text.len() > MAX_HEADING_CHARS && text.chars().count() > MAX_HEADING_CHARS;
    if text.is_empty() || too_long {
        return None;
    }
    let bare = text.trim_end_matches(':').trim();
    if let Some(kind) = exact_heading_kind(bare) {
        return Some(SectionHeading {
            kind,
            heading: bare.to_string(),
            inline: None,
        });
    }
    if bare.ends_with('.') {
        return inline_fravaerende(line, text);
    }
    let long_kind = if DECISION_LONG.is_match(bare) {
        Some(SectionKind::Beslutning)
    } else {
        INDSTILLING_FRA
            .is_match(bare)
            .then_some(SectionKind::Indstilling)
    };
    if let Some(kind) = long_kind {
        return Some(SectionHeading {
            kind,
            heading: bare.to_string(),
            inline: None,
        });
    }
    inline_fravaerende(line, text)
}

/// A heading written on its own: "RESUMÉ", "Sagsfremstilling", "bilag", "Beskrivelse af sagen".
fn exact_heading_kind(text: &str) -> Option<SectionKind> {
    // No character lowercases to less than a third of its bytes, and the longest heading
    // word is 16 bytes: longer text cannot be one, and need not be lowercased.
    if text.len() > 3 * "sagsfremstilling".len() {
        return None;
    }
    let lower = text.to_lowercase();
    let kind = match lower.as_str() {
        "resumé" | "resume" | "resumè" | "resumê" | "resumée" | "beslutningstema"
        | "problemstilling" | "sagens kerne" => SectionKind::Resume,
        "sagsfremstilling" | "beskrivelse af sagen" | "baggrund" | "sagsgang og sagstype" => {
            SectionKind::Sagsfremstilling
        }
        "indstilling" | "forslag til beslutning" | "beslutningspunkter" => SectionKind::Indstilling,
        "beslutning" | "beslutninger" | "politisk behandling" => SectionKind::Beslutning,
        "bilag" => SectionKind::Bilag,
        "fraværende" | "fravær" | "afbud" => SectionKind::Fravaerende,
        _ => return None,
    };
    Some(kind)
}

/// "**Fraværende** Birgitte Ries Møller, PLO" or plain "Fraværende Mads Sørensen, Varde
/// Kommune": the names follow the word. Plain text must look like a list of names (every
/// comma-separated part capitalised, no full stop) so a sentence starting "Fraværende
/// borgere …" stays text.
fn inline_fravaerende(raw: &str, text: &str) -> Option<SectionHeading> {
    let (word, rest) = text.split_once(|c: char| c.is_whitespace() || c == ':')?;
    // `str::to_lowercase` without the allocation (they differ only on `Σ`, not in the word).
    let lower = word.chars().flat_map(char::to_lowercase);
    if !lower.eq("fraværende".chars()) {
        return None;
    }
    let names = rest.trim_start_matches([':', ' ', '\t']).trim();
    let bold = raw.contains("**");
    let looks_like_names = !names.ends_with('.')
        && names
            .split(',')
            .all(|part| part.trim().chars().next().is_some_and(char::is_uppercase));
    if names.is_empty() || !(bold || looks_like_names) {
        return None;
    }
    Some(SectionHeading {
        kind: SectionKind::Fravaerende,
        heading: word.to_string(),
        inline: Some(names.to_string()),
    })
}

/// The other families' names for a section (not the seeds' own words). Under a section of
/// its own kind such a name is a sub-heading: seed 003 has "Baggrund" inside its
/// SAGSFREMSTILLING.
pub fn is_other_name(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    [
        "beslutningstema",
        "problemstilling",
        "sagens kerne",
        "beskrivelse af sagen",
        "baggrund",
        "sagsgang og sagstype",
        "forslag til beslutning",
        "beslutningspunkter",
        "beslutninger",
        "politisk behandling",
    ]
    .contains(&lower.as_str())
}

/// A paragraph that opens a recommendation without a heading ("Det indstilles, at …").
pub fn opens_recommendation(text: &str) -> bool {
    let start: String = text.chars().take(40).collect::<String>().to_lowercase();
    RECOMMENDATION_OPENINGS
        .iter()
        .any(|opening| start.starts_with(opening))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_headings_in_every_spelling_are_recognised() {
        for (line, kind) in [
            ("### Resumé", SectionKind::Resume),
            ("RESUMÉ", SectionKind::Resume),
            ("## RESUMÈ", SectionKind::Resume),
            ("### RESUME", SectionKind::Resume),
            ("### **SAGSFREMSTILLING**", SectionKind::Sagsfremstilling),
            ("indstilling", SectionKind::Indstilling),
            ("## **Bilag**", SectionKind::Bilag),
            ("BILAG", SectionKind::Bilag),
            ("Beslutning", SectionKind::Beslutning),
        ] {
            let found = section_heading(line).map(|h| h.kind);
            assert_eq!(found, Some(kind), "{line}");
        }
    }

    #[test]
    fn beslutning_with_forum_and_date_is_a_heading() {
        let heading =
            section_heading("### **Beslutning i Sundhedsklynge Sydvestjylland den 11-11-2024**")
                .expect("heading");
        assert_eq!(heading.kind, SectionKind::Beslutning);
        assert_eq!(
            heading.heading,
            "Beslutning i Sundhedsklynge Sydvestjylland den 11-11-2024"
        );
    }

    #[test]
    fn sub_headings_list_items_and_sentences_are_not_section_headings() {
        for line in [
            "### Proces",
            "Lokalt for Sundhedsklynge Sydvestjylland",
            "#### Lægedækning",
            "- **Bilag: KL's positionspapir**",
            "- Beslutning om ad hoc gruppernes nedlæggelse eller fortsættelse",
            "Bilag 1 - Indsatser vedr. lægedækning Sønderjylland.pdf",
            "Fraværende borgere skal have tilbud.",
        ] {
            assert_eq!(section_heading(line), None, "{line}");
        }
    }

    #[test]
    fn fravaerende_names_on_the_heading_line_become_the_text() {
        let bold = section_heading("**Fraværende** Birgitte Ries Møller, PLO").expect("heading");
        assert_eq!(bold.kind, SectionKind::Fravaerende);
        assert_eq!(bold.inline.as_deref(), Some("Birgitte Ries Møller, PLO"));
        let plain =
            section_heading("Fraværende Mads Sørensen, Varde Kommune, Birgitte Ries Møller, PLO")
                .expect("heading");
        assert_eq!(
            plain.inline.as_deref(),
            Some("Mads Sørensen, Varde Kommune, Birgitte Ries Møller, PLO")
        );
    }

    #[test]
    fn other_families_section_names_have_their_kinds() {
        for (line, kind) in [
            ("Beslutningstema", SectionKind::Resume),
            ("Sagens kerne", SectionKind::Resume),
            ("Problemstilling", SectionKind::Resume),
            ("Beskrivelse af sagen", SectionKind::Sagsfremstilling),
            ("Baggrund", SectionKind::Sagsfremstilling),
            ("Sagsgang og sagstype", SectionKind::Sagsfremstilling),
            ("Forslag til beslutning", SectionKind::Indstilling),
            ("Beslutningspunkter", SectionKind::Indstilling),
            (
                "Indstilling fra Sundhed og Omsorg",
                SectionKind::Indstilling,
            ),
            ("Beslutninger", SectionKind::Beslutning),
            ("POLITISK BEHANDLING", SectionKind::Beslutning),
            (
                "Behandling i Byrådet 12. januar 2021, pkt. 4",
                SectionKind::Beslutning,
            ),
            (
                "Sundhedsudvalget, 12-01-2021, pkt. 4",
                SectionKind::Beslutning,
            ),
            (
                "Økonomiudvalgets beslutning den 4. maj 2020:",
                SectionKind::Beslutning,
            ),
        ] {
            assert_eq!(section_heading(line).map(|h| h.kind), Some(kind), "{line}");
        }
        assert_eq!(section_heading("Økonomi"), None);
        assert_eq!(section_heading("Baggrunden er kendt."), None);
    }

    #[test]
    fn recommendation_openings_are_found_at_the_paragraph_start_only() {
        assert!(opens_recommendation(
            "Det indstilles, at budgettet godkendes."
        ));
        assert!(opens_recommendation("Direktionen indstiller, at"));
        assert!(!opens_recommendation("Som det indstilles, at"));
    }
}
