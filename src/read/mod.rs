//! Bytes → clean text: the first step of the pipeline (`ingest`: read → parse → enrich).
//! The parser consumes [`CleanText::text`]; the notes go into the parse report.
//!
//! Handles what real exports do to a referat: encodings (UTF-8 with or without a BOM, else
//! Windows-1252), files that are not text at all, CR/CRLF line ends, decomposed letters
//! (NFD → NFC), soft hyphens and zero-width characters, and PDF-to-text artefacts (form
//! feeds, running page headers and footers, page numbers, words hyphenated across lines).
//! Markdown marks (`#`, `**`) are left alone: they carry structure the parser reads.
//!
//! Each file kind is a reader ([`Format`]): text (`decode`), PDF (`pdf`) and HTML (`html`)
//! each turn bytes into text lines; the steps after that are the same for all of them, so
//! `parse` never knows which kind a line came from.

mod chars;
mod decode;
mod html;
mod hyphen;
mod pages;
mod pdf;

use std::path::Path;

use crate::error::ReadError;
use crate::model::SourceEncoding;

/// The kinds of file referat reads, each by its own reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or markdown (`.txt`, `.md`): what a text export or a copy-paste gives.
    Text,
    /// A PDF with a text layer, as publishers put minutes online.
    Pdf,
    /// A published web page (`.html`, `.htm`).
    Html,
}

impl Format {
    /// The file extensions a folder walk picks up (lowercase), with their format.
    pub const EXTENSIONS: [(&'static str, Format); 5] = [
        ("txt", Format::Text),
        ("md", Format::Text),
        ("pdf", Format::Pdf),
        ("html", Format::Html),
        ("htm", Format::Html),
    ];

    /// The format a file's extension names (any case), if it is one referat reads.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::EXTENSIONS
            .iter()
            .find(|(known, _)| *known == extension)
            .map(|(_, format)| *format)
    }

    /// How to read a file: its bytes win when they are a PDF (a PDF saved as `.txt` is still a
    /// PDF), then its extension, then whether the bytes start like an HTML document.
    pub fn of_file(path: &Path, bytes: &[u8]) -> Format {
        if decode::looks_like_pdf(bytes) {
            return Format::Pdf;
        }
        Format::from_extension(path).unwrap_or_else(|| Format::sniff(bytes))
    }

    /// What the bytes alone say: PDF magic, an HTML document start, else text.
    pub fn sniff(bytes: &[u8]) -> Format {
        if decode::looks_like_pdf(bytes) {
            Format::Pdf
        } else if html::looks_like_html(bytes) {
            Format::Html
        } else {
            Format::Text
        }
    }
}

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

/// Decode and clean the bytes of one referat, its format told by the bytes ([`Format::sniff`]).
pub fn clean(bytes: &[u8]) -> Result<CleanText, ReadError> {
    clean_as(bytes, Format::sniff(bytes))
}

/// Read the bytes of one referat with the reader for `format`, then clean the text.
pub fn clean_as(bytes: &[u8], format: Format) -> Result<CleanText, ReadError> {
    let decoded = match format {
        Format::Text => decode::decode(bytes)?,
        Format::Pdf => pdf::read(bytes)?,
        Format::Html => html::read(bytes)?,
    };
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
