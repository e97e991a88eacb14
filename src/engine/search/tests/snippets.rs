//! The highlighter alone: which words get marked, the passage window, escaping.

use tantivy::tokenizer::TokenizerManager;

use super::*;
use crate::engine::search::highlight::{escape, Marker};

fn tokenizers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    crate::analysis::register(&manager);
    manager
}

fn one_section(kind: SectionKind, text: &str) -> AgendaItem {
    item(1, "Titel", vec![section(kind, text)], Enrichment::default())
}

#[test]
fn escape_covers_every_html_special_character() {
    assert_eq!(
        escape(r#"<a href="x">Tom's & Co</a>"#),
        "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Co&lt;/a&gt;"
    );
}

#[test]
fn every_inflected_form_of_a_query_word_is_marked() {
    let manager = tokenizers();
    let mut marker = Marker::new(&manager);
    marker.add_words("lægedækning");
    let text = "Lægedækningen er presset. Drøftelse af lægedækning i klyngen.";
    let snippets = marker.snippets(&one_section(SectionKind::Resume, text));
    let html = &snippets.first().expect("a passage").html;
    assert_eq!(
        html,
        "<mark>Lægedækningen</mark> er presset. Drøftelse af <mark>lægedækning</mark> i klyngen."
    );
    assert_eq!(snippets.first().map(|s| s.label.as_str()), Some("Resumé"));
}

#[test]
fn prefixes_mark_words_starting_with_them() {
    let manager = tokenizers();
    let mut marker = Marker::new(&manager);
    marker.add_prefix("akut");
    let snippets = marker.snippets(&one_section(
        SectionKind::Tekst,
        "Akutfunktioner og akutpladser.",
    ));
    let html = snippets
        .first()
        .map(|s| s.html.as_str())
        .unwrap_or_default();
    assert_eq!(
        html,
        "<mark>Akutfunktioner</mark> og <mark>akutpladser</mark>."
    );
}

#[test]
fn a_long_section_is_cut_to_a_passage_around_the_match() {
    let manager = tokenizers();
    let mut marker = Marker::new(&manager);
    marker.add_words("sundhedsreform");
    let filler = "ord ".repeat(200);
    let text = format!("{filler}Regeringens udspil til sundhedsreform gennemgås. {filler}");
    let snippets = marker.snippets(&one_section(SectionKind::Sagsfremstilling, &text));
    let html = snippets
        .first()
        .map(|s| s.html.as_str())
        .unwrap_or_default();
    assert!(html.starts_with('…') && html.ends_with('…'), "{html}");
    assert!(html.contains("<mark>sundhedsreform</mark>"));
    assert!(html.chars().count() < 300, "{html}");
}

#[test]
fn nothing_matched_shows_the_opening_unmarked() {
    let manager = tokenizers();
    let mut marker = Marker::new(&manager);
    marker.add_words("akutfunktioner");
    let snippets = marker.snippets(&one_section(
        SectionKind::Resume,
        "Dagens tema er <lægedækning>.",
    ));
    let html = snippets
        .first()
        .map(|s| s.html.as_str())
        .unwrap_or_default();
    assert_eq!(html, "Dagens tema er &lt;lægedækning&gt;.");
}

#[test]
fn a_phrase_is_marked_where_its_words_stand_together_only() {
    let manager = tokenizers();
    let mut marker = Marker::new(&manager);
    marker.add_words("kom trygt hjem");
    let text = "Borgeren kom hjem. Projektet Kom Trygt Hjem evalueres.";
    let snippets = marker.snippets(&one_section(SectionKind::Resume, text));
    let html = snippets
        .first()
        .map(|s| s.html.as_str())
        .unwrap_or_default();
    assert_eq!(
        html,
        "Borgeren kom hjem. Projektet <mark>Kom Trygt Hjem</mark> evalueres."
    );
}

#[test]
fn a_scoped_word_is_marked_only_in_its_section() {
    let manager = tokenizers();
    let mut marker = Marker::new(&manager);
    let scope = Some(crate::engine::query::Scope::Section(
        SectionKind::Beslutning,
    ));
    marker.scoped(scope).add_words("godkendt");
    let item = item(
        1,
        "Titel",
        vec![
            section(
                SectionKind::Sagsfremstilling,
                "Planen blev godkendt i 2023.",
            ),
            section(SectionKind::Beslutning, "Indstillingen blev godkendt."),
        ],
        Enrichment::default(),
    );
    let snippets = marker.snippets(&item);
    assert_eq!(snippets.len(), 1);
    assert_eq!(
        snippets.first().map(|s| s.html.as_str()),
        Some("Indstillingen blev <mark>godkendt</mark>.")
    );
}
