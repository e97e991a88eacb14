//! Character-level repairs of decoded text: line ends to `\n`, stray control characters and
//! invisible characters (zero-width, soft hyphens) removed, trailing whitespace trimmed,
//! Unicode NFC. Runs before and after the line-level repairs in [`crate::read::pages`] and
//! [`crate::read::hyphen`]; tabs are kept because tables are tab-separated rows.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::Notes;

/// The soft hyphen: a break opportunity inside a word, invisible unless the word breaks.
pub(crate) const SOFT_HYPHEN: char = '\u{AD}';

/// `\r\n`, lone `\r` and the Unicode line/paragraph separators → `\n`. The repairs here
/// take the text by value and hand it back untouched when there is nothing to repair, as
/// most files have nothing: a copy per step was a tenth of reading (issue #6).
pub(crate) fn unify_line_ends(text: String, notes: &mut Notes) -> String {
    // One memchr settles most files; counting "\r\n" is a substring search.
    let any_cr = text.contains('\r');
    let crlf = if any_cr {
        text.matches("\r\n").count()
    } else {
        0
    };
    let lone_cr = if any_cr {
        text.matches('\r').count() - crlf
    } else {
        0
    };
    notes.count(
        crlf,
        "converted 1 CRLF line end",
        "converted {} CRLF line ends",
    );
    notes.count(
        lone_cr,
        "converted 1 CR line end",
        "converted {} CR line ends",
    );
    // Two substring searches: a char-set search would decode every character.
    if crlf + lone_cr == 0 && !text.contains('\u{2028}') && !text.contains('\u{2029}') {
        return text;
    }
    text.replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n")
}

/// Remove control characters other than tab, newline and form feed (pages need it), and
/// zero-width characters. Soft hyphens stay for now: at a line end they mark a broken word.
pub(crate) fn remove_invisible(text: String, notes: &mut Notes) -> String {
    // Most files have none: checking is cheaper than rebuilding the text char by char.
    if !holds_invisible(&text) {
        return text;
    }
    let (mut controls, mut zero_width) = (0, 0);
    let kept = text
        .chars()
        .filter(|&c| {
            if is_stray_control(c) {
                controls += 1;
                false
            } else if is_zero_width(c) {
                zero_width += 1;
                false
            } else {
                true
            }
        })
        .collect();
    notes.count(
        controls,
        "removed 1 control character",
        "removed {} control characters",
    );
    notes.count(
        zero_width,
        "removed 1 zero-width character",
        "removed {} zero-width characters",
    );
    kept
}

/// Remove the soft hyphens left inside lines (the ones at line ends were joined already).
pub(crate) fn remove_soft_hyphens(text: String, notes: &mut Notes) -> String {
    let count = text.matches(SOFT_HYPHEN).count();
    notes.count(count, "removed 1 soft hyphen", "removed {} soft hyphens");
    if count == 0 {
        return text;
    }
    text.replace(SOFT_HYPHEN, "")
}

/// Trim whitespace at the end of every line, and end the text with exactly one `\n`.
pub(crate) fn trim_line_ends(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    for line in text.trim_end().split('\n') {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Compose decomposed letters (a + U+030A → å): search and display need one spelling.
pub(crate) fn to_nfc(text: String, notes: &mut Notes) -> String {
    // Characters below U+0300 (lead bytes below 0xCC) are all NFC and compose with nothing
    // before them: a text of only those needs no check.
    let below_combining = text.bytes().all(|b| b < 0xCC);
    if below_combining || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text;
    }
    let composed: String = text.nfc().collect();
    let marks = |s: &str| s.chars().filter(|&c| is_combining_mark(c)).count();
    let joined = marks(&text).saturating_sub(marks(&composed));
    notes.count(
        joined,
        "composed 1 decomposed character (Unicode NFC)",
        "composed {} decomposed characters (Unicode NFC)",
    );
    composed
}

/// Whether `text` holds a character [`remove_invisible`] removes, decided on bytes alone:
/// ASCII controls, C1 controls (0xC2 0x80–0x9F) and the UTF-8 of the zero-width characters
/// (no control character takes three bytes). `"–"`, `"…"` and the like start with 0xE2 too:
/// comparing bytes settles them without decoding.
fn holds_invisible(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, &b)| match b {
        0x7F => true,
        0x00..=0x1F => !matches!(b, b'\t' | b'\n' | 0x0C),
        0xC2 => matches!(bytes.get(at + 1), Some(0x80..=0x9F)),
        // U+180E.
        0xE1 => bytes[at..].starts_with(&[0xE1, 0xA0, 0x8E]),
        // U+200B–U+200F, U+2060.
        0xE2 => matches!(
            bytes.get(at + 1..at + 3),
            Some([0x80, 0x8B..=0x8F] | [0x81, 0xA0])
        ),
        // U+FEFF.
        0xEF => bytes[at..].starts_with(&[0xEF, 0xBB, 0xBF]),
        _ => false,
    })
}

fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\u{C}')
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: impl Fn(String, &mut Notes) -> String, text: &str) -> (String, Vec<String>) {
        let mut notes = Notes::default();
        let out = f(text.to_owned(), &mut notes);
        (out, notes.into_vec())
    }

    #[test]
    fn the_byte_check_finds_exactly_the_characters_remove_invisible_removes() {
        let chars = (0..0x3000u32)
            .chain(0xFE00..0x10000)
            .filter_map(char::from_u32);
        for c in chars {
            let text = format!("a{c}b");
            let removed = is_stray_control(c) || is_zero_width(c);
            assert_eq!(holds_invisible(&text), removed, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn invisible_characters_are_found_among_dashes_quotes_and_letters() {
        for clean in ["Æblet – ”citat” … €5 § ©", "tab\tog\u{C}side", ""] {
            assert!(!holds_invisible(clean), "{clean:?}");
        }
        for dirty in [
            "a\u{200B}b",
            "x\u{FEFF}",
            "\u{85}",
            "\u{7F}",
            "\u{180E}",
            "a\rb",
            "\u{2060}",
        ] {
            assert!(holds_invisible(dirty), "{dirty:?}");
        }
    }

    #[test]
    fn crlf_and_lone_cr_become_newlines() {
        let (out, notes) = run(unify_line_ends, "a\r\nb\rc\r\n");
        assert_eq!(out, "a\nb\nc\n");
        assert_eq!(
            notes,
            ["converted 2 CRLF line ends", "converted 1 CR line end"]
        );
    }

    #[test]
    fn zero_width_and_control_characters_are_removed_but_tabs_and_form_feeds_kept() {
        let (out, notes) = run(
            remove_invisible,
            "læge\u{200B}dækning\t3\u{7}\u{C}x\u{FEFF}",
        );
        assert_eq!(out, "lægedækning\t3\u{C}x");
        assert_eq!(
            notes,
            [
                "removed 1 control character",
                "removed 2 zero-width characters"
            ]
        );
    }

    #[test]
    fn soft_hyphens_inside_words_are_removed() {
        let (out, notes) = run(remove_soft_hyphens, "læge\u{AD}dæk\u{AD}ning");
        assert_eq!(out, "lægedækning");
        assert_eq!(notes, ["removed 2 soft hyphens"]);
    }

    #[test]
    fn decomposed_letters_are_composed() {
        let (out, notes) = run(to_nfc, "A\u{30A}rhus og Fano\u{308}");
        assert_eq!(out, "Århus og Fanö");
        assert_eq!(notes, ["composed 2 decomposed characters (Unicode NFC)"]);
    }

    #[test]
    fn trailing_whitespace_is_trimmed_per_line_and_tabs_inside_kept() {
        assert_eq!(trim_line_ends("a \t\nb\tc  \n\n\n"), "a\nb\tc\n");
    }
}
