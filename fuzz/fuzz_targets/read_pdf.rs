//! Fuzz target `read_pdf`: arbitrary bytes through the PDF reader and the shared clean steps
//! (`read::clean_as(bytes, Format::Pdf)`), what every `.pdf` in an indexed folder goes
//! through. Nothing may panic (the reader contains a panic of the PDF crate itself as a
//! "damaged" error, so a panic here is ours); errors are fine. A clean text keeps its
//! `CleanText` contract: never blank, `\n` line ends, no form feed left, ends in one `\n`.
//! The committed corpus holds the seeds printed to PDF, so mutations start from real
//! PDF structure (cross references, object streams, fonts).

#![no_main]

use libfuzzer_sys::fuzz_target;
use referat::read::{clean_as, Format};

fuzz_target!(|bytes: &[u8]| {
    let Ok(clean) = clean_as(bytes, Format::Pdf) else {
        return;
    };
    let text = clean.text;
    assert!(!text.trim().is_empty(), "clean text is blank");
    assert!(!text.contains('\r'), "clean text has a CR");
    assert!(!text.contains('\u{C}'), "a form feed survived the page step");
    assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
});
