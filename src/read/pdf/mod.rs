//! PDF → text lines: the reader for [`super::Format::Pdf`].
//!
//! Not built yet: every PDF is refused with a message that says so.

use super::decode::Decoded;
use crate::error::ReadError;

/// Extract the text layer of a PDF, one line per text line, `\x0c` between pages.
pub(crate) fn read(_bytes: &[u8]) -> Result<Decoded, ReadError> {
    Err(ReadError::NotText(
        "looks like a PDF file; reading PDFs is not built yet".to_owned(),
    ))
}
