//! Variants of a referat as real exports deliver it, built from a seed's text: with a BOM
//! and CRLF, in Windows-1252, in Unicode NFD, and "as a PDF export" (form feeds, running
//! header, "Side k af n" footers, words hyphenated across lines). The read tests check that
//! cleaning each variant gives the seed's clean text back; the parse tests reuse them.

use unicode_normalization::UnicodeNormalization;

/// Lines per page of the PDF export.
const PAGE_LINES: usize = 40;
/// Words broken across a line end in the PDF export.
const MAX_BROKEN_WORDS: usize = 6;
/// Only words at least this long are broken (both halves stay real word fragments).
const MIN_BROKEN_WORD_CHARS: usize = 12;
/// Lines between broken words, so they spread over the text.
const BROKEN_WORD_SPACING: usize = 37;

/// A named variant of a seed's text.
pub struct Variant {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

/// Every variant of `text`, for tests that run over all of them.
pub fn all(text: &str) -> Vec<Variant> {
    vec![
        Variant {
            name: "bom+crlf",
            bytes: bom_crlf(text),
        },
        Variant {
            name: "windows-1252",
            bytes: windows_1252(text),
        },
        Variant {
            name: "nfd",
            bytes: nfd(text),
        },
        Variant {
            name: "pdf export",
            bytes: pdf_export(text).bytes,
        },
        Variant {
            name: "pdf export, windows-1252, crlf",
            bytes: pdf_1252_crlf(text),
        },
    ]
}

/// UTF-8 with a byte order mark and CRLF line ends (Windows Notepad).
pub fn bom_crlf(text: &str) -> Vec<u8> {
    format!("\u{FEFF}{}", text.replace('\n', "\r\n")).into_bytes()
}

/// Windows-1252 bytes (an older Windows export). Every seed character exists in it.
pub fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, had_unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!had_unmappable, "text has characters Windows-1252 lacks");
    bytes.into_owned()
}

/// Unicode NFD: å as a + U+030A (macOS file names and some PDF tools).
pub fn nfd(text: &str) -> Vec<u8> {
    text.nfd().collect::<String>().into_bytes()
}

/// The PDF export in Windows-1252 with CRLF line ends: everything at once.
pub fn pdf_1252_crlf(text: &str) -> Vec<u8> {
    let pdf = String::from_utf8(pdf_export(text).bytes).expect("pdf_export writes UTF-8");
    windows_1252(&pdf.replace('\n', "\r\n"))
}

/// A PDF-to-text export and what was done to make it.
pub struct PdfExport {
    pub bytes: Vec<u8>,
    /// Pages, each with the running header on top and "Side k af n" at the bottom.
    pub pages: usize,
    /// Words broken with a hyphen across a line end (one of them across a blank line).
    pub broken_words: usize,
}

/// `text` as pdftotext would give it: a form feed every ~40 lines, a running header and a
/// "Side k af n" footer on every page, and several long words hyphenated across lines.
pub fn pdf_export(text: &str) -> PdfExport {
    let (lines, broken_words) = break_words(text);
    let header = running_header(text);
    let breaks = page_breaks(&lines);
    let pages = breaks.len() + 1;
    let mut out = format!("{header}\n");
    let mut page = 1;
    for (index, line) in lines.iter().enumerate() {
        if breaks.contains(&index) {
            out.push_str(&format!("Side {page} af {pages}\n\u{C}{header}\n"));
            page += 1;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&format!("Side {pages} af {pages}\n"));
    PdfExport {
        bytes: out.into_bytes(),
        pages,
        broken_words,
    }
}

/// "# REFERAT Sundhedsklynge Sydvestjylland d. 11-11-2024" →
/// "Referat Sundhedsklynge Sydvestjylland 11-11-2024".
fn running_header(text: &str) -> String {
    let title = text.lines().find_map(|line| line.split_once("REFERAT "));
    let forum = title.map_or("", |(_, forum)| forum);
    format!(
        "Referat {}",
        forum.replace("**", "").replace(" d. ", " ").trim()
    )
}

/// Line indices before which a page breaks: every ~40 lines, before a non-blank line (a
/// page does not start with blank lines in pdftotext output).
fn page_breaks(lines: &[String]) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut page_start = 0;
    for (index, line) in lines.iter().enumerate() {
        if index - page_start >= PAGE_LINES && !line.trim().is_empty() {
            breaks.push(index);
            page_start = index;
        }
    }
    breaks
}

/// The lines of `text` with up to six long words broken across a line end, spread over the
/// text; the second one across a blank line (as in seed 003).
fn break_words(text: &str) -> (Vec<String>, usize) {
    let mut lines = Vec::new();
    let mut broken = 0;
    let mut next_break_at = 5;
    for (index, line) in text.lines().enumerate() {
        let wanted = broken < MAX_BROKEN_WORDS && index >= next_break_at;
        match wanted.then(|| split_long_word(line)).flatten() {
            Some((before, after)) => {
                lines.push(before);
                if broken == 1 {
                    lines.push(String::new());
                }
                lines.push(after);
                broken += 1;
                next_break_at = index + BROKEN_WORD_SPACING;
            }
            None => lines.push(line.to_owned()),
        }
    }
    (lines, broken)
}

/// Split `line` inside its first long all-lowercase word: ("… læge-", "dækning …").
fn split_long_word(line: &str) -> Option<(String, String)> {
    if line.starts_with('#') || line.contains('\t') || line.trim_end().ends_with('-') {
        return None;
    }
    let mut offset = 0;
    for word in line.split(' ') {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() >= MIN_BROKEN_WORD_CHARS && chars.iter().all(|c| c.is_lowercase()) {
            let cut = offset
                + chars[..chars.len() / 2]
                    .iter()
                    .map(|c| c.len_utf8())
                    .sum::<usize>();
            return Some((format!("{}-", &line[..cut]), line[cut..].to_owned()));
        }
        offset += word.len() + 1;
    }
    None
}
