//! A web page's bytes → `String`. The text reader's rules come first (refusals, a UTF-8 BOM,
//! valid UTF-8, else Windows-1252): bytes that are valid UTF-8 are UTF-8 whatever the page
//! claims, because a mislabelled page is far more common than Windows-1252 text that happens
//! to be valid UTF-8. Only when the bytes are not UTF-8 does the page's own declaration
//! (`<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`) pick the
//! legacy encoding (ISO-8859-15, say); without one, Windows-1252, which Danish sites still
//! serve.

use encoding_rs::Encoding;

use super::super::decode::{self, Decoded};
use crate::error::ReadError;
use crate::model::SourceEncoding;

/// How far into the page a charset declaration is looked for (the HTML standard's pre-scan
/// reads 1,024 bytes; some pages put long comments or scripts first).
const DECLARATION_WINDOW: usize = 4096;

/// Decode a page: the text reader's decoding, corrected by the page's declared charset when
/// the bytes are not UTF-8.
pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    let decoded = decode::decode(bytes)?;
    if decoded.encoding != SourceEncoding::Windows1252 {
        return Ok(decoded);
    }
    match declared_encoding(bytes) {
        Some(encoding) if encoding != encoding_rs::WINDOWS_1252 && !is_utf(encoding) => {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            Ok(Decoded {
                text: text.into_owned(),
                encoding: SourceEncoding::Windows1252,
                notes: vec![format!(
                    "not valid UTF-8: decoded as `{}`, as the page declares",
                    encoding.name()
                )],
            })
        }
        _ => Ok(decoded),
    }
}

/// UTF-8 and UTF-16 labels: a page saying so while its bytes are not UTF-8 is mislabelled.
fn is_utf(encoding: &'static Encoding) -> bool {
    encoding == encoding_rs::UTF_8
        || encoding == encoding_rs::UTF_16LE
        || encoding == encoding_rs::UTF_16BE
}

/// The encoding named by the first `charset=` in the page's head, if encoding_rs knows it.
pub(super) fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let start = head.find("charset")? + "charset".len();
    let rest = head[start..].trim_start().strip_prefix('=')?.trim_start();
    let label: String = rest
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}
