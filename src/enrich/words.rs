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
    let bytes = text.as_bytes();
    let mut gap_start = 0;
    let mut word_start: Option<usize> = None;
    let mut index = 0;
    while index < bytes.len() {
        // ASCII is settled on the byte; only other characters are decoded.
        let (alphanumeric, width) = if bytes[index].is_ascii() {
            (bytes[index].is_ascii_alphanumeric(), 1)
        } else {
            match text[index..].chars().next() {
                Some(ch) => (ch.is_alphanumeric(), ch.len_utf8()),
                None => break,
            }
        };
        match (alphanumeric, word_start) {
            (true, None) => word_start = Some(index),
            (false, Some(start)) => {
                push_word(&mut out, text, gap_start, start, index);
                gap_start = index;
                word_start = None;
            }
            _ => {}
        }
        index += width;
    }
    if let Some(start) = word_start {
        push_word(&mut out, text, gap_start, start, text.len());
    }
    out
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
    if gap.contains('\n') {
        return true;
    }
    let ends_sentence = gap.contains(['.', '!', '?', ':']);
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    let abbreviation = gap.trim_start().starts_with('.')
        && ABBREVIATIONS.contains(&previous.to_lowercase().as_str());
    ends_sentence && capital && !abbreviation
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
        let text = "Æbler² og 3½ ÅR—ﬁnt: Ωmega İz ٣٤ 中文 x\u{301}y.";
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
    fn dates_and_abbreviations_do_not_open_sentences() {
        assert_eq!(
            starts("Mødet d. 1. marts 2024 jf. Vejen Kommune. Den 2. april"),
            ["Mødet", "Den"]
        );
    }
}
