//! Fuzz target `read_pdf`: arbitrary bytes through the PDF reader and the shared clean steps
//! (`read::clean_as(bytes, Format::Pdf)`), what every `.pdf` in an indexed folder goes
//! through. Nothing may panic (the reader contains a panic of the PDF crate itself as a
//! "damaged" error, so a panic here is ours); errors are fine. A clean text keeps its
//! `CleanText` contract: never blank, `\n` line ends, no form feed left, ends in one `\n`.
//! The committed corpus holds the seeds printed to PDF, so mutations start from real
//! PDF structure (cross references, object streams, fonts).
//!
//! libFuzzer's panic hook aborts on every panic, even one the reader catches; the first run
//! stopped within seconds on such a contained panic of `pdf_oxide` (a string sliced inside a
//! multi-byte character: `referat parse` reports that file as a damaged PDF). So the hook is
//! made silent once: a panic the reader contains is then fine, and one that escapes the reader
//! still ends the run (libfuzzer-sys aborts when the target itself unwinds).

#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use referat::read::{clean_as, Format};

static QUIET_PANIC_HOOK: Once = Once::new();

fuzz_target!(|bytes: &[u8]| {
    QUIET_PANIC_HOOK.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let Ok(clean) = clean_as(bytes, Format::Pdf) else {
        return;
    };
    let text = clean.text;
    assert!(!text.trim().is_empty(), "clean text is blank");
    assert!(!text.contains('\r'), "clean text has a CR");
    assert!(!text.contains('\u{C}'), "a form feed survived the page step");
    assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
});
