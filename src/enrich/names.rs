//! Spellings of a participant's name that differ from the participant list: "Stephanie
//! Storbank" in an item where the list says "Stephanie Storbak". They are reported (by
//! `referat parse`) for a person to check, never merged: a one-letter difference is as often
//! two people as one typo.

use crate::model::Meeting;

/// Surnames further apart than this many edits are other people.
const MAX_EDITS: usize = 2;

/// One line per variant: the listed name, the other spelling and where it was seen.
pub fn name_variants(meeting: &Meeting) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for participant in &meeting.participants {
        let Some((first, surname)) = participant.name.rsplit_once(' ') else {
            continue;
        };
        for item in &meeting.items {
            let texts = std::iter::once(item.title.as_str())
                .chain(item.sections.iter().map(|s| s.text.as_str()));
            for variant in texts.flat_map(|text| spellings_after(text, first)) {
                let message = format!(
                    "navnet `{variant}` i punkt {} ligner deltageren `{}`; tjek stavningen",
                    item.number, participant.name
                );
                let near =
                    variant != participant.name && edits(&variant, &participant.name) <= MAX_EDITS;
                if near && surname.chars().count() > MAX_EDITS && !found.contains(&message) {
                    found.push(message);
                }
            }
        }
    }
    found
}

/// "First Surname" for each place `first` is followed by a capitalised word in `text`.
fn spellings_after(text: &str, first: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(first) {
        let after = &rest[at + first.len()..];
        let next: String = after
            .strip_prefix(' ')
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '-')
            .collect();
        if next.chars().next().is_some_and(char::is_uppercase) {
            out.push(format!("{first} {next}"));
        }
        rest = after;
    }
    out
}

/// Levenshtein distance in characters.
fn edits(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_count_insertions_and_substitutions() {
        assert_eq!(edits("Storbak", "Storbank"), 1);
        assert_eq!(edits("Jensen", "Hansen"), 2);
        assert_eq!(edits("", "abc"), 3);
    }

    #[test]
    fn a_name_after_the_first_name_is_read_up_to_the_end_of_the_word() {
        assert_eq!(
            spellings_after(
                "Velkomst v/ Stephanie Storbank. Stephanie sagde",
                "Stephanie"
            ),
            vec!["Stephanie Storbank".to_owned()]
        );
    }
}
