//! Bytes → clean text. (Owner: reading. Stub until implemented.)
//!
//! Handles encodings (UTF-8 with/without BOM, else Windows-1252), line ends, NFC, and
//! PDF-to-text artefacts (form feeds, running page headers/footers, hyphenated line breaks).

use crate::error::ReadError;
use crate::model::SourceEncoding;

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The decoded text of a file and what reading it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanText {
    /// NFC, `\n` line ends, artefacts repaired.
    pub text: String,
    pub encoding: SourceEncoding,
    /// What was repaired or noticed, for the parse report.
    pub notes: Vec<String>,
}

/// Decode and clean the bytes of one referat.
pub fn clean(bytes: &[u8]) -> Result<CleanText, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    Ok(CleanText {
        text,
        encoding: SourceEncoding::Utf8,
        notes: Vec::new(),
    })
}
