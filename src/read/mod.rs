//! Bytes → clean text: the first step of the pipeline (`ingest`: read → parse → enrich).
//! The parser consumes [`CleanText::text`]; the notes go into the parse report.
//!
//! Handles what real exports do to a referat: encodings (UTF-8 with or without a BOM, else
//! Windows-1252), files that are not text at all, CR/CRLF line ends, decomposed letters
//! (NFD → NFC), soft hyphens and zero-width characters, and PDF-to-text artefacts (form
//! feeds, running page headers and footers, page numbers, words hyphenated across lines).
//! Markdown marks (`#`, `**`) are left alone: they carry structure the parser reads.

mod chars;
mod decode;
mod hyphen;
mod pages;

use crate::error::ReadError;
use crate::model::SourceEncoding;

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The decoded text of a file and what reading it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanText {
    /// NFC, `\n` line ends, artefacts repaired, no trailing whitespace on any line, ending in
    /// exactly one `\n`.
    pub text: String,
    pub encoding: SourceEncoding,
    /// What was repaired or noticed, for the parse report ("removed 16 page headers").
    pub notes: Vec<String>,
}

/// Decode and clean the bytes of one referat.
pub fn clean(bytes: &[u8]) -> Result<CleanText, ReadError> {
    let decoded = decode::decode(bytes)?;
    let mut notes = Notes(decoded.notes);
    let text = chars::unify_line_ends(decoded.text, &mut notes);
    let text = chars::remove_invisible(text, &mut notes);
    let text = pages::remove_page_artefacts(text, &mut notes);
    let text = hyphen::join_broken_words(&text, &mut notes);
    let text = chars::remove_soft_hyphens(text, &mut notes);
    // Last, so that no removal or join above can leave a decomposed sequence behind.
    let text = chars::to_nfc(text, &mut notes);
    let text = chars::trim_line_ends(&text);
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(CleanText {
        text,
        encoding: decoded.encoding,
        notes: notes.into_vec(),
    })
}

/// The repairs made so far, as sentences for the parse report.
#[derive(Debug, Default)]
pub(crate) struct Notes(Vec<String>);

impl Notes {
    /// Note `count` repairs of one kind, if any; `many` has `{}` where the count goes.
    pub(crate) fn count(&mut self, count: usize, one: &str, many: &str) {
        match count {
            0 => {}
            1 => self.0.push(one.to_owned()),
            _ => self.0.push(many.replace("{}", &count.to_string())),
        }
    }

    pub(crate) fn into_vec(self) -> Vec<String> {
        self.0
    }
}

#[cfg(test)]
mod tests;
