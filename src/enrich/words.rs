//! Word scanning shared by the enrichers: splits text into words (runs of letters and
//! digits; hyphens, slashes and punctuation separate) and marks which word opens a
//! sentence, because a capital letter there says nothing about a proper noun ("Vejen" the
//! road vs. Vejen the kommune) and a citation's context must not leak across sentences.

/// One word of a text, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    pub text: &'a str,
    /// The characters between the previous word and this one (the whole prefix for the first).
    pub gap_before: &'a str,
    /// First word of the text, of a line, or after `.`, `!`, `?`, `:` followed by a capital.
    pub sentence_start: bool,
}

impl Word<'_> {
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Append `text.to_lowercase()` to `out` without allocating a string per word.
pub(crate) fn push_lowercase(out: &mut String, text: &str) {
    // One pass over the characters: words are short, so a separate ASCII check, copy and
    // lowercasing pass cost more than they save (issue #6).
    let start = out.len();
    for ch in text.chars() {
        if ch == 'Σ' {
            // Only capital sigma lowercases by context (final ς): leave it to the library.
            out.truncate(start);
            out.push_str(&text.to_lowercase());
            return;
        }
        push_lowercase_char(out, ch);
    }
}

/// `ch.to_lowercase()`, with Latin-1 (Danish letters included) settled without the table
/// search: its capitals À–Þ (but ×) lowercase 0x20 higher, everything else to itself.
fn push_lowercase_char(out: &mut String, ch: char) {
    if ch.is_ascii() {
        out.push(ch.to_ascii_lowercase());
        return;
    }
    match u8::try_from(u32::from(ch)) {
        Ok(byte @ (b'A'..=b'Z' | 0xC0..=0xDE)) if byte != 0xD7 => out.push(char::from(byte + 0x20)),
        Ok(_) => out.push(ch),
        Err(_) => out.extend(ch.to_lowercase()),
    }
}

/// Abbreviations whose final period does not end a sentence ("jf. Esbjerg Kommune").
const ABBREVIATIONS: &[&str] = &[
    "a", "bl", "ca", "d", "dvs", "el", "evt", "f", "fx", "hhv", "ifm", "ift", "inkl", "jf", "kl",
    "kr", "m", "mhp", "mia", "mio", "mv", "nr", "pba", "pr", "st", "vedr", "ang",
];

/// The words of `text` in order.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    // About one word per seven bytes of Danish prose: one allocation for most texts.
    let mut out: Vec<Word<'_>> = Vec::with_capacity(text.len() / 7 + 1);
    let mut gap_start = 0;
    // Alternate between skipping a gap and a word with a tight loop each, rather than one
    // loop matching on the state at every byte (issue #6).
    while let Some(start) = skip_while(text, gap_start, false) {
        let end = skip_while(text, start, true).unwrap_or(text.len());
        push_word(&mut out, text, gap_start, start, end);
        gap_start = end;
    }
    out
}

/// The first index from `index` on whose character's being alphanumeric is not
/// `alphanumeric`, or `None` at the end of `text`.
#[inline(always)]
fn skip_while(text: &str, mut index: usize, alphanumeric: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(index) {
        // ASCII is settled on the byte; only other characters are decoded.
        let (is_alphanumeric, width) = if byte.is_ascii() {
            (byte.is_ascii_alphanumeric(), 1)
        } else if byte == 0xC3 {
            // U+00C0–U+00FF (æ, ø, å among them): all letters but × and ÷, settled
            // without the Unicode tables.
            let second = bytes.get(index + 1).copied().unwrap_or(0);
            (second != 0x97 && second != 0xB7, 2)
        } else {
            let ch = text.get(index..)?.chars().next()?;
            (ch.is_alphanumeric(), ch.len_utf8())
        };
        if is_alphanumeric != alphanumeric {
            return Some(index);
        }
        index += width;
    }
    None
}

fn push_word<'a>(out: &mut Vec<Word<'a>>, text: &'a str, gap: usize, start: usize, end: usize) {
    let gap_before = &text[gap..start];
    let word = &text[start..end];
    let sentence_start = match out.last() {
        None => true,
        Some(previous) => opens_sentence(previous.text, gap_before, word),
    };
    out.push(Word {
        text: word,
        gap_before,
        sentence_start,
    });
}

fn opens_sentence(previous: &str, gap: &str, word: &str) -> bool {
    if gap == " " {
        return false;
    }
    // One pass over the gap's bytes: these characters are ASCII, so never inside another
    // character's UTF-8.
    let mut ends_sentence = false;
    for byte in gap.bytes() {
        match byte {
            b'\n' => return true,
            b'.' | b'!' | b'?' | b':' => ends_sentence = true,
            _ => {}
        }
    }
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    ends_sentence && capital && !(gap.trim_start().starts_with('.') && is_abbreviation(previous))
}

/// Whether `word` is one of [`ABBREVIATIONS`] in any case.
fn is_abbreviation(word: &str) -> bool {
    if word.is_ascii() {
        // No allocation for the common case; other words may lowercase to ASCII (the
        // Kelvin sign to `k`), so they take the library's lowercasing.
        return ABBREVIATIONS
            .iter()
            .any(|abbreviation| abbreviation.eq_ignore_ascii_case(word));
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &str) -> Vec<&str> {
        words(text)
            .into_iter()
            .filter(|w| w.sentence_start)
            .map(|w| w.text)
            .collect()
    }

    #[test]
    fn words_split_at_hyphens_and_punctuation() {
        let texts: Vec<&str> = words("Ikast-Brande, Fanøs (22/43402).")
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(texts, ["Ikast", "Brande", "Fanøs", "22", "43402"]);
    }

    #[test]
    fn words_are_the_alphanumeric_runs_in_any_script() {
        let latin1: String = (0x80u8..=0xFF).map(char::from).collect();
        let text = format!("Æbler² og 3½ ÅR—ﬁnt: Ωmega İz ٣٤ 中文 x\u{301}y. {latin1}×a÷");
        let text = text.as_str();
        let expected: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let found: Vec<&str> = words(text).into_iter().map(|w| w.text).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn sentence_starts_after_period_line_break_and_colon() {
        assert_eq!(
            starts("Det gik. Vejen frem\n- Billund og Vejen: Alle"),
            ["Det", "Vejen", "Billund", "Alle"]
        );
    }

    #[test]
    fn push_lowercase_agrees_with_str_to_lowercase() {
        let latin1: String = (0x80u8..=0xFF).map(char::from).collect();
        let texts = [
            "KOL",
            "Lægedækning",
            "ÆØÅ×÷ÞßÿµÀ",
            "ΟΔΟΣ",
            "İstanbul",
            "ẞ",
            "Ǆ",
        ];
        for text in texts.iter().copied().chain([latin1.as_str()]) {
            let mut out = String::from("pre ");
            push_lowercase(&mut out, text);
            assert_eq!(out, format!("pre {}", text.to_lowercase()), "{text}");
        }
    }

    #[test]
    fn abbreviations_match_in_any_case_even_spelt_with_the_kelvin_sign() {
        assert_eq!(
            starts("Mødet KL. 10 og \u{212A}l. Vejen. CA. Alle! Og: Nu"),
            ["Mødet", "CA", "Og", "Nu"]
        );
    }

    #[test]
    fn words_and_gaps_cover_the_text_between_first_and_last_word() {
        let text = "  – Æble-ﬁn, 3½ kr.\n\n中文…x";
        let found = words(text);
        let rebuilt: String = found.iter().flat_map(|w| [w.gap_before, w.text]).collect();
        assert_eq!(rebuilt, "  – Æble-ﬁn, 3½ kr.\n\n中文…x");
        assert_eq!(words("").len(), 0);
        assert_eq!(words(" – ").len(), 0);
    }

    #[test]
    fn dates_and_abbreviations_do_not_open_sentences() {
        assert_eq!(
            starts("Mødet d. 1. marts 2024 jf. Vejen Kommune. Den 2. april"),
            ["Mødet", "Den"]
        );
    }
}
