//! Fuzz target `read_parse`: arbitrary bytes through the ingest pipeline (read → parse →
//! enrich with the builtin enricher), the path every file in an indexed folder takes.
//! Nothing may panic; errors are fine (a file that is not a referat is skipped, not fatal).
//! `read::clean`'s output is also checked against the contract its `CleanText` documents.
//!
//! The steps are called one by one rather than through `ingest::load_bytes`: that would clean
//! the bytes a second time and hash them, work that finds nothing new but halves the
//! executions per second.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use referat::enrich::Enricher;
use referat::model::Source;
use referat::{parse, read};
use unicode_normalization::is_nfc;

/// Built once per process: the gazetteer and taxonomy are the same for every input.
fn enricher() -> &'static Enricher {
    static ENRICHER: OnceLock<Enricher> = OnceLock::new();
    ENRICHER.get_or_init(Enricher::builtin)
}

fuzz_target!(|bytes: &[u8]| {
    // Ok or Err both fine at every step: the pipeline only has to stay standing.
    let Ok(clean) = read::clean(bytes) else {
        return;
    };
    check_clean(&clean.text);
    let source = Source {
        path: "fuzz.txt".to_owned(),
        sha256: String::new(),
        encoding: clean.encoding,
        notes: clean.notes,
    };
    if let Ok(mut meeting) = parse::parse_meeting(&clean.text, source) {
        enricher().enrich(&mut meeting);
        // Item ids are the meeting id plus the item number: a repeated or falling number
        // would give two items one id, and the index would keep only one of them.
        assert!(!meeting.items.is_empty(), "parsed meeting without an item");
        let numbers: Vec<u32> = meeting.items.iter().map(|item| item.number).collect();
        assert!(
            numbers.windows(2).all(|pair| pair[0] < pair[1]),
            "item numbers not strictly rising: {numbers:?}"
        );
    }
});

/// What `CleanText::text` promises the parser: NFC, `\n` line ends only, no trailing
/// whitespace on a line, ending in exactly one `\n`, and never blank.
fn check_clean(text: &str) {
    assert!(!text.trim().is_empty(), "clean text is blank");
    assert!(!text.contains('\r'), "clean text has a CR: {text:?}");
    assert!(text.ends_with('\n'), "clean text does not end in a newline");
    assert!(
        !text.ends_with("\n\n"),
        "clean text ends in more than one newline"
    );
    for line in text.lines() {
        assert_eq!(line, line.trim_end(), "line with trailing whitespace");
    }
    assert!(is_nfc(text), "clean text is not NFC: {text:?}");
}
