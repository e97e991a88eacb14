//! Whole-document tests of the parser on synthetic layouts that real exports will have.
//! The seeds themselves are tested in `tests/integration/parse.rs`.

use super::*;
use crate::model::SourceEncoding;

fn source() -> Source {
    Source {
        path: "test.md".into(),
        sha256: String::new(),
        encoding: SourceEncoding::Utf8,
        notes: Vec::new(),
    }
}

fn parse(text: &str) -> Meeting {
    parse_meeting(text, source()).expect("the synthetic referat parses")
}

fn kinds(meeting: &Meeting, item: usize) -> Vec<SectionKind> {
    meeting.items[item]
        .sections
        .iter()
        .map(|s| s.kind)
        .collect()
}

#[test]
fn empty_text_has_no_title() {
    assert_eq!(
        parse_meeting("", source()),
        Err(ParseError::NoTitle { nearest: None })
    );
}

#[test]
fn a_referat_without_items_is_an_error() {
    let text = "REFERAT Sundhedsklynge Fyn d. 01-02-2024\n\nMødested Odense\n";
    let error = parse_meeting(text, source()).expect_err("no items");
    assert_eq!(
        error.to_string(),
        "looks like a `REFERAT <forum> d. DD-MM-YYYY` referat but has no agenda item: \
         expected lines like `Punkt 1: <title>`, `Pkt. 1 <title>`, `1. <title>` or `1<Title>`"
    );
}

#[test]
fn plain_text_without_any_markdown_parses() {
    let meeting = parse(
        "REFERAT Sundhedsklynge Fyn d. 04-03-2024\n\nMødedato Mandag d. 4. marts 2024 kl. 09:00\n\n\
         Punkt 1: Velkomst\n\n23/1234\n\nBeslutning i Sundhedsklynge Fyn den 04-03-2024\n\nVelkommen.\n\n\
         Punkt 2: Status\n\nResumé\n\nKort.\n\nIndstilling\n\nDet indstilles, at politisk niveau i Sundhedsklynge Fyn:\n\n- Tager til efterretning.\n",
    );
    assert_eq!(meeting.items.len(), 2);
    assert_eq!(meeting.items[0].case_number.as_deref(), Some("23/1234"));
    assert_eq!(kinds(&meeting, 0), [SectionKind::Beslutning]);
    assert_eq!(
        kinds(&meeting, 1),
        [SectionKind::Resume, SectionKind::Indstilling]
    );
    assert_eq!(meeting.niveau, Niveau::Politisk);
    assert!(meeting.warnings.is_empty(), "{:?}", meeting.warnings);
}

#[test]
fn every_heading_at_level_three_parses_the_same() {
    let meeting = parse(
        "### REFERAT Sundhedsklynge Fyn - Politisk niveau d. 04-03-2024\n\
         ### Punkt 1: Status\n### Sagsfremstilling\nTekst.\n### Proces\nMere.\n### Beslutning\nGodkendt.\n",
    );
    assert_eq!(meeting.niveau, Niveau::Politisk);
    assert_eq!(
        kinds(&meeting, 0),
        [SectionKind::Sagsfremstilling, SectionKind::Beslutning]
    );
    assert_eq!(
        meeting.items[0].sections[0].text,
        "Tekst.\n\nProces\n\nMere."
    );
}

#[test]
fn item_headings_with_dash_or_full_stop_are_items() {
    let meeting = parse(
        "REFERAT Sundhedsklynge Fyn d. 04-03-2024\n\
         Punkt 1 - Velkomst\nBeslutning\nGodt.\nPunkt 2. Eventuelt\nBeslutning\nIntet.\n",
    );
    let titles: Vec<&str> = meeting.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Velkomst", "Eventuelt"]);
}

#[test]
fn a_sundhedsraad_title_gives_council_kind_and_area() {
    let meeting = parse(
        "# REFERAT Sundhedsråd Sydvestjylland d. 15-01-2026\n\n## Punkt 1: Konstituering\n\n### Beslutning\n\nGodkendt.\n",
    );
    assert_eq!(meeting.forum.kind, ForumKind::Sundhedsraad);
    assert_eq!(meeting.forum.name, "Sundhedsråd Sydvestjylland");
    assert_eq!(meeting.forum.klynge, "Sydvestjylland");
    assert_eq!(
        meeting.id(),
        "sundhedsraad-sydvestjylland/ukendt-niveau/2026-01-15"
    );
}

#[test]
fn lower_case_section_headings_are_sections() {
    let meeting = parse(
        "REFERAT Sundhedsklynge Fyn d. 04-03-2024\nPunkt 1: Status\nresumé\nKort.\nsagsfremstilling\nLang.\n\
         indstilling\nAt.\nbeslutning\nJa.\nbilag\nplan.pdf\nfraværende: Bo Hansen, V\n",
    );
    assert_eq!(
        kinds(&meeting, 0),
        [
            SectionKind::Resume,
            SectionKind::Sagsfremstilling,
            SectionKind::Indstilling,
            SectionKind::Beslutning,
            SectionKind::Bilag,
            SectionKind::Fravaerende,
        ]
    );
    assert_eq!(meeting.items[0].sections[5].text, "Bo Hansen, V");
}

#[test]
fn toc_lines_naming_punkt_are_not_items_and_mismatches_are_warnings() {
    let meeting = parse(
        "REFERAT Sundhedsklynge Fyn d. 04-03-2024\nIndholdsfortegnelse\nPunkt 1: Velkomst.....\t3\n\
         Punkt 2: Noget andet.....\t4\n\nPunkt 1: Velkomst\nBeslutning\nGodt.\n",
    );
    assert_eq!(meeting.items.len(), 1);
    assert_eq!(meeting.toc.len(), 2);
    assert_eq!(meeting.warnings.len(), 1, "{:?}", meeting.warnings);
    assert!(meeting.warnings[0].contains("lists 2 items"));
}

#[test]
fn weekday_mismatch_is_a_warning_not_a_failure() {
    let meeting = parse(
        "REFERAT Sundhedsklynge Fyn d. 04-03-2024\nMødedato Fredag d. 4. marts 2024 kl. 09:00\nPunkt 1: A\n",
    );
    assert_eq!(meeting.warnings.len(), 1, "{:?}", meeting.warnings);
    assert!(meeting.warnings[0].contains("fredag"));
}

#[test]
fn crlf_and_unicode_edges_do_not_break_parsing() {
    let meeting =
        parse("REFERAT Æøå d. 04-03-2024\r\nPunkt 1: Ønsker – «x»\r\nBeslutning\r\nÅ.\r\n");
    assert_eq!(meeting.items[0].title, "Ønsker – «x»");
    assert_eq!(meeting.items[0].sections[0].text, "Å.");
    assert_eq!(meeting.forum.kind, ForumKind::Andet);
}
