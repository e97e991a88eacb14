//! Fuzz target `read_parse`: arbitrary bytes through the ingest pipeline (read → parse →
//! enrich with the builtin enricher), the path every file in an indexed folder takes.
//! Nothing may panic; errors are fine (a file that is not a referat is skipped, not fatal).
//! `read::clean` is also checked alone against the contract its `CleanText` documents.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use referat::enrich::Enricher;
use referat::{ingest, read};
use unicode_normalization::is_nfc;

/// Built once per process: the gazetteer and taxonomy are the same for every input.
fn enricher() -> &'static Enricher {
    static ENRICHER: OnceLock<Enricher> = OnceLock::new();
    ENRICHER.get_or_init(Enricher::builtin)
}

fuzz_target!(|bytes: &[u8]| {
    check_clean(bytes);
    // Ok or Err both fine: the pipeline only has to stay standing.
    let _ = ingest::load_bytes(bytes, "fuzz.txt", enricher());
});

/// What `CleanText::text` promises the parser: NFC, `\n` line ends only, no trailing
/// whitespace on a line, ending in exactly one `\n`, and never blank.
fn check_clean(bytes: &[u8]) {
    let Ok(clean) = read::clean(bytes) else {
        return;
    };
    let text = &clean.text;
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
