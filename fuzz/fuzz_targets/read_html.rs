//! Fuzz target `read_html`: arbitrary bytes read as a web page (`read::clean_as` with
//! `Format::Html`), then parsed and enriched. Nothing may panic or hang (deep nesting is
//! refused before html5ever sees it); errors are fine. The cleaned text keeps the contract
//! `CleanText` documents, as in `read_parse`.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use referat::enrich::Enricher;
use referat::model::Source;
use referat::read::Format;
use referat::{parse, read};
use unicode_normalization::is_nfc;

/// Built once per process: the gazetteer and taxonomy are the same for every input.
fn enricher() -> &'static Enricher {
    static ENRICHER: OnceLock<Enricher> = OnceLock::new();
    ENRICHER.get_or_init(Enricher::builtin)
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(clean) = read::clean_as(bytes, Format::Html) else {
        return;
    };
    check_clean(&clean.text);
    let source = Source {
        path: "fuzz.html".to_owned(),
        sha256: String::new(),
        encoding: clean.encoding,
        notes: clean.notes,
    };
    if let Ok(mut meeting) = parse::parse_meeting(&clean.text, source) {
        enricher().enrich(&mut meeting);
        assert!(!meeting.items.is_empty(), "parsed meeting without an item");
    }
});

/// What `CleanText::text` promises the parser: NFC, `\n` line ends only, no trailing
/// whitespace on a line, ending in exactly one `\n`, and never blank.
fn check_clean(text: &str) {
    assert!(!text.trim().is_empty(), "clean text is blank");
    assert!(!text.contains('\r'), "clean text has a CR: {text:?}");
    assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "clean text ends badly");
    for line in text.lines() {
        assert_eq!(line, line.trim_end(), "line with trailing whitespace");
    }
    assert!(is_nfc(text), "clean text is not NFC: {text:?}");
}
