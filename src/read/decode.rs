//! Bytes → `String`: refuses what is not text (empty, PDF, ZIP/DOCX, other binary), strips
//! a UTF-8 byte order mark, and falls back to Windows-1252 when the bytes are not UTF-8.
//! The first step of [`crate::read::clean`]; everything after it works on a `String`.

use crate::error::ReadError;
use crate::model::SourceEncoding;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Magic numbers of file types people save by mistake, with what to tell them.
const KNOWN_BINARY: &[(&[u8], &str)] = &[
    (
        b"PK\x03\x04",
        "looks like a ZIP archive or a Word/Excel document (DOCX/XLSX)",
    ),
    (
        b"\xD0\xCF\x11\xE0",
        "looks like an old Word/Excel document (DOC/XLS)",
    ),
    (
        b"{\\rtf",
        "looks like an RTF document; save it as plain text",
    ),
    (b"\x89PNG", "looks like a PNG image"),
    (b"\xFF\xD8\xFF", "looks like a JPEG image"),
    (b"GIF8", "looks like a GIF image"),
    (b"\x1F\x8B", "looks like a gzip archive"),
];

/// How far into the file `%PDF-` may start (the PDF spec allows leading junk).
const PDF_MAGIC_WINDOW: usize = 1024;

/// Decoded text, its encoding, and notes on what decoding did.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: SourceEncoding,
    pub notes: Vec<String>,
}

/// Decode `bytes`, refusing anything that is not text.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(ReadError::Utf16);
    }
    refuse_binary(bytes)?;
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return Ok(decode_utf8_or_1252(rest, SourceEncoding::Utf8Bom));
    }
    Ok(decode_utf8_or_1252(bytes, SourceEncoding::Utf8))
}

/// UTF-8 when valid, else Windows-1252 (which maps every byte, so nothing is lost).
fn decode_utf8_or_1252(bytes: &[u8], utf8_kind: SourceEncoding) -> Decoded {
    let mut notes = Vec::new();
    if utf8_kind == SourceEncoding::Utf8Bom {
        notes.push("removed the UTF-8 byte order mark".to_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_owned(),
            encoding: utf8_kind,
            notes,
        },
        Err(_) => {
            let (text, _had_errors) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            notes.push("not valid UTF-8: decoded as Windows-1252".to_owned());
            Decoded {
                text: text.into_owned(),
                encoding: SourceEncoding::Windows1252,
                notes,
            }
        }
    }
}

/// Whether `%PDF-` starts within the first KiB (the PDF spec allows leading junk).
pub(crate) fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(PDF_MAGIC_WINDOW)];
    head.windows(5).any(|window| window == b"%PDF-")
}

/// Refuse PDFs (they have their own reader), archives, images and anything with NUL bytes or
/// many control characters.
fn refuse_binary(bytes: &[u8]) -> Result<(), ReadError> {
    if looks_like_pdf(bytes) {
        return Err(not_text("looks like a PDF file; read it as a PDF"));
    }
    if let Some((_, what)) = KNOWN_BINARY
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        return Err(not_text(what));
    }
    if bytes.contains(&0) {
        return Err(not_text(
            "contains NUL bytes, so it looks like a binary file",
        ));
    }
    let controls = bytes.iter().filter(|&&b| is_binary_control(b)).count();
    // A stray control character or two is noise to strip; more than 1 % is not text.
    if controls > 2 && controls * 100 > bytes.len() {
        return Err(not_text(&format!(
            "contains {controls} control characters, so it looks like a binary file"
        )));
    }
    Ok(())
}

/// Control bytes that text files do not contain (tab, line ends and form feed are text).
pub(crate) fn is_binary_control(byte: u8) -> bool {
    (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0C)) || byte == 0x7F
}

fn not_text(what: &str) -> ReadError {
    ReadError::NotText(what.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(bytes: &[u8]) -> String {
        match decode(bytes) {
            Err(ReadError::NotText(reason)) => reason,
            Err(other) => format!("other error: {other}"),
            Ok(decoded) => format!("decoded: {}", decoded.text),
        }
    }

    #[test]
    fn utf8_without_bom_is_utf8() {
        let decoded = decode("Lægedækning på Fanø".as_bytes()).unwrap();
        assert_eq!(decoded.text, "Lægedækning på Fanø");
        assert_eq!(decoded.encoding, SourceEncoding::Utf8);
        assert!(decoded.notes.is_empty());
    }

    #[test]
    fn utf8_bom_is_removed_and_reported() {
        let decoded = decode(b"\xEF\xBB\xBFReferat").unwrap();
        assert_eq!(decoded.text, "Referat");
        assert_eq!(decoded.encoding, SourceEncoding::Utf8Bom);
    }

    #[test]
    fn invalid_utf8_is_decoded_as_windows_1252_without_replacement() {
        let decoded = decode(b"L\xe6ged\xe6kning p\xe5 Fan\xf8 \x96 \x80").unwrap();
        assert_eq!(decoded.text, "Lægedækning på Fanø – €");
        assert_eq!(decoded.encoding, SourceEncoding::Windows1252);
        assert_eq!(decoded.notes, ["not valid UTF-8: decoded as Windows-1252"]);
    }

    #[test]
    fn empty_and_whitespace_only_are_empty() {
        assert_eq!(decode(b"").err(), Some(ReadError::Empty));
        assert_eq!(decode(b" \r\n\t\n  ").err(), Some(ReadError::Empty));
    }

    #[test]
    fn pdf_and_office_files_are_named() {
        assert!(reason(b"%PDF-1.7\n%\xe2\xe3").contains("PDF"));
        assert!(reason(b"PK\x03\x04\x14\x00\x06\x00").contains("DOCX"));
        assert!(reason(b"\xD0\xCF\x11\xE0\xA1\xB1").contains("DOC"));
    }

    #[test]
    fn nul_bytes_and_many_control_characters_are_binary() {
        assert!(reason(b"Referat\x00\x00").contains("NUL"));
        assert!(reason(b"\x01\x02\x03\x04 abc").contains("4 control characters"));
    }

    #[test]
    fn utf16_is_refused_with_advice() {
        assert_eq!(decode(b"\xFF\xFER\x00").err(), Some(ReadError::Utf16));
    }

    #[test]
    fn a_stray_control_character_is_not_binary() {
        let text = format!("{}\x07", "Referat af mødet. ".repeat(20));
        assert!(decode(text.as_bytes()).is_ok());
    }
}
