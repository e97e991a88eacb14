//! Words broken across lines with a hyphen ("læge-" / "dækning" → "lægedækning"), also
//! across a blank line as PDF exports leave them. Part of [`crate::read::clean`], after page
//! artefacts are gone so a word broken across a page break is joined too.
//!
//! Real hyphens stay: a line is joined only when it ends in letter + "-" (or a soft hyphen)
//! and the next non-blank line starts with a lowercase letter that does not begin a
//! conjunction ("Børne-" / "og Unge…" is an elided compound, kept as two lines), and an
//! all-caps prefix keeps its hyphen ("LEAD-" / "projekt" → "LEAD-projekt").

use super::chars::SOFT_HYPHEN;
use super::Notes;

/// At most this many blank lines may stand between the halves of a broken word.
const MAX_BLANK_LINES_BETWEEN: usize = 2;

/// Words after which a hyphen ends an elided compound ("Muskel- og skeletområdet").
const CONJUNCTIONS: &[&str] = &["og", "eller", "samt", "til", "som"];

/// Join every hyphenated line break; report how many.
pub(crate) fn join_broken_words(text: &str, notes: &mut Notes) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut joins = 0;
    let mut index = 0;
    while index < lines.len() {
        if index > 0 {
            out.push('\n');
        }
        let line_start = out.len();
        out.push_str(lines[index]);
        index += 1;
        // Joined in place: a chain of broken lines costs their length once, not per join.
        while let Some(join) = continuation(&out[line_start..], &lines, index) {
            out.truncate(line_start + join.stem_len);
            if join.kept_hyphen {
                out.push('-');
            }
            out.push_str(join.rest);
            index = join.continued_at + 1;
            joins += 1;
        }
    }
    notes.count(
        joins,
        "joined 1 hyphenated line break",
        "joined {} hyphenated line breaks",
    );
    out
}

/// How a line ending in a broken word continues.
struct Join<'a> {
    /// Index of the line holding the word's second half.
    continued_at: usize,
    /// Bytes of the line kept before the hyphen.
    stem_len: usize,
    kept_hyphen: bool,
    /// The continuing line without its indentation.
    rest: &'a str,
}

/// If `line` ends in a broken word continued at or after `lines[from]`, how to join it.
fn continuation<'a>(line: &str, lines: &[&'a str], from: usize) -> Option<Join<'a>> {
    let line = line.trim_end();
    let (stem, soft) = match line.strip_suffix('-') {
        Some(stem) => (stem, false),
        None => (line.strip_suffix(SOFT_HYPHEN)?, true),
    };
    if !stem.chars().next_back().is_some_and(char::is_alphabetic) {
        return None;
    }
    let next = (from..lines.len())
        .take(MAX_BLANK_LINES_BETWEEN + 1)
        .find(|&index| !lines[index].trim().is_empty())?;
    let rest = lines[next].trim_start();
    if !rest.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    let first_word = rest.split(|c: char| !c.is_alphabetic()).next()?;
    if !soft && CONJUNCTIONS.contains(&first_word) {
        return None;
    }
    Some(Join {
        continued_at: next,
        stem_len: stem.len(),
        kept_hyphen: !soft && is_acronym_end(stem),
        rest,
    })
}

/// The word before the hyphen is all capitals ("LEAD", "KKR"): an acronym whose hyphen is real.
/// Stops at the first lowercase letter, so a long joined word is not rescanned per join.
fn is_acronym_end(stem: &str) -> bool {
    let mut letters = 0;
    for c in stem.chars().rev().take_while(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(text: &str) -> (String, Vec<String>) {
        let mut notes = Notes::default();
        let out = join_broken_words(text, &mut notes);
        (out, notes.into_vec())
    }

    #[test]
    fn a_word_broken_at_a_line_end_is_joined() {
        let (out, notes) = join("Opfølgning på læge-\ndækning i klyngen\nNæste linje");
        assert_eq!(out, "Opfølgning på lægedækning i klyngen\nNæste linje");
        assert_eq!(notes, ["joined 1 hyphenated line break"]);
    }

    #[test]
    fn a_word_broken_across_a_blank_line_is_joined_like_seed_003() {
        let text = "Testene giver en viden om, hvil-\n\nke udfordringer barnet har.\n\nNyt afsnit.";
        let (out, _) = join(text);
        assert_eq!(
            out,
            "Testene giver en viden om, hvilke udfordringer barnet har.\n\nNyt afsnit."
        );
        let (out, _) = join("tilbud med Bør-\n\nne- og Ungedirektørerne fra");
        assert_eq!(out, "tilbud med Børne- og Ungedirektørerne fra");
    }

    #[test]
    fn a_hyphen_before_a_conjunction_is_an_elided_compound_and_stays() {
        for text in [
            "Børne-\nog Unge",
            "Muskel-\neller skelet",
            "Social-\nsamt sundhed",
        ] {
            assert_eq!(join(text).0, text);
        }
    }

    #[test]
    fn real_hyphens_lists_and_lone_dashes_stay() {
        for text in [
            "Muskel- og skeletområdet",
            "Praksisplan 2025-\n2028",
            "-\n- **Bilag: KL's positionspapir**",
            "- punkt et\n- punkt to",
            "Temadrøftelse -\nunges misbrug",
            "Region Syd-\nDanmark",
        ] {
            assert_eq!(join(text).0, text, "changed: {text:?}");
        }
    }

    #[test]
    fn an_acronym_keeps_its_hyphen_when_joined() {
        assert_eq!(join("et LEAD-\nprojekt i gang").0, "et LEAD-projekt i gang");
    }

    #[test]
    fn a_soft_hyphen_at_a_line_end_joins_without_a_hyphen() {
        assert_eq!(join("læge\u{AD}\ndækning").0, "lægedækning");
    }

    #[test]
    fn a_word_broken_twice_in_a_row_is_joined_twice() {
        let (out, notes) = join("sund-\nheds-\nvæsenet");
        assert_eq!(out, "sundhedsvæsenet");
        assert_eq!(notes, ["joined 2 hyphenated line breaks"]);
    }

    #[test]
    fn a_long_chain_of_broken_lines_joins_into_one_word() {
        // 100,000 joins: each used to copy the whole line so far (quadratic, issue #7).
        let text = format!("{}slut", "ab-\n".repeat(100_000));
        let (out, notes) = join(&text);
        assert_eq!(out.len(), 200_000 + "slut".len());
        assert!(out.starts_with("ababab") && out.ends_with("abslut"));
        assert_eq!(notes, ["joined 100000 hyphenated line breaks"]);
    }
}
