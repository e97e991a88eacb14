//! "Mødedeltagere": a comma-separated list that alternates names and affiliations
//! ("Bo Libergren, V, Stephanie Storbank, Billund Kommune, Birgitte Ries Møller, PLO
//! (Fravær)"). A person may lack an affiliation, so each token after a name is tested: does
//! it look like a party letter, a municipality or an organisation rather than a person?
//! Lists written one person a line may use bullets (`• Name (V)`), a party in brackets and
//! an `- afbud` suffix; the people under an `Afbud` label are absent.

use crate::model::Participant;

/// Marks that say a person was absent, wherever they stand in the person's two tokens.
const ABSENT_MARKS: [&str; 4] = ["(fravær)", "(fraværende)", "(afbud)", "(forhindret)"];

/// Words that make a token an organisation, never a person's name.
const ORGANISATION_WORDS: [&str; 12] = [
    "kommune",
    "region",
    "sygehus",
    "psykiatri",
    "praksis",
    "sekretariat",
    "styrelse",
    "forvaltning",
    "center",
    "direktør",
    "klynge",
    "lægeforening",
];

/// Marks at the end of a line that say the person sent apologies ("Bo Hansen, V - afbud").
const AFBUD_SUFFIXES: [&str; 3] = [" - afbud", " – afbud", " (afbud)"];

/// Reads the lines of a participant list (or the one line after the label); `absent` marks
/// everyone (the list under `Afbud`).
pub fn read_participant_lines(lines: &[String], absent: bool) -> Vec<Participant> {
    lines
        .iter()
        .flat_map(|line| {
            let (text, sent_apologies) = strip_afbud_suffix(strip_bullet(line));
            let mut people = read_participants(&party_in_brackets(text));
            for person in &mut people {
                person.absent |= absent || sent_apologies;
            }
            people
        })
        .collect()
}

/// "• Name", "- Name", "* Name", "o Name" → "Name".
fn strip_bullet(line: &str) -> &str {
    let trimmed = line.trim();
    ["• ", "- ", "– ", "* ", "o ", "·"]
        .iter()
        .find_map(|bullet| trimmed.strip_prefix(bullet))
        .unwrap_or(trimmed)
        .trim()
}

fn strip_afbud_suffix(text: &str) -> (&str, bool) {
    let lower = text.to_lowercase();
    AFBUD_SUFFIXES
        .iter()
        .find(|suffix| lower.ends_with(*suffix))
        .and_then(|suffix| text.len().checked_sub(suffix.len()))
        .and_then(|end| text.get(..end))
        .map_or((text, false), |rest| (rest.trim(), true))
}

/// "Bo Libergren (V)" → "Bo Libergren, V" (an absence mark in brackets stays as it is).
fn party_in_brackets(text: &str) -> String {
    let Some(open) = text.rfind(" (") else {
        return text.to_string();
    };
    let inside = text[open + 2..].trim_end_matches(')');
    let is_mark = ABSENT_MARKS.contains(&format!("({})", inside.to_lowercase()).as_str());
    if !text.ends_with(')') || is_mark || inside.contains(',') {
        return text.to_string();
    }
    format!("{}, {inside}", &text[..open])
}

/// Reads the participant list written after "Mødedeltagere".
pub fn read_participants(list: &str) -> Vec<Participant> {
    let tokens: Vec<&str> = list
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    let mut participants = Vec::new();
    let mut index = 0;
    while let Some(&name_token) = tokens.get(index) {
        index += 1;
        let (name, mut absent) = strip_absent_mark(name_token);
        let mut affiliation = None;
        if let Some(&next) = tokens.get(index) {
            let (candidate, next_absent) = strip_absent_mark(next);
            if is_affiliation(&candidate) {
                affiliation = Some(candidate);
                absent |= next_absent;
                index += 1;
            }
        }
        if !name.is_empty() {
            participants.push(Participant {
                name,
                affiliation,
                absent,
            });
        }
    }
    participants
}

/// The token without an absence mark, and whether it had one.
fn strip_absent_mark(token: &str) -> (String, bool) {
    let lower = token.to_lowercase();
    for mark in ABSENT_MARKS {
        if let Some(position) = lower.find(mark) {
            // `position` indexes the lowercased copy; lowercasing Danish letters keeps byte
            // lengths, but take the prefix by char count to stay safe for any input.
            let chars_before = lower[..position].chars().count();
            let name: String = token.chars().take(chars_before).collect();
            return (name.trim().to_string(), true);
        }
    }
    (token.to_string(), false)
}

/// A party letter ("V", "SF", "Ø"), an acronym ("PLO", "KL"), a single word
/// ("Regionshuset"), or a name with an organisation word ("Billund Kommune").
fn is_affiliation(token: &str) -> bool {
    let letters: Vec<char> = token.chars().filter(|c| c.is_alphabetic()).collect();
    let acronym = !letters.is_empty()
        && letters.len() <= 6
        && letters.iter().all(|c| c.is_uppercase())
        && !token.contains(' ');
    let single_word = !token.contains(char::is_whitespace);
    let lower = token.to_lowercase();
    let organisation = ORGANISATION_WORDS.iter().any(|word| lower.contains(word));
    acronym || single_word || organisation
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, affiliation: Option<&str>, absent: bool) -> Participant {
        Participant {
            name: name.to_string(),
            affiliation: affiliation.map(str::to_string),
            absent,
        }
    }

    #[test]
    fn names_and_affiliations_alternate_with_absence_marked() {
        let list = "Bo Libergren, V, Stephanie Storbank, Billund Kommune, \
                    Birgitte Ries Møller, PLO (Fravær), Sys Melchior, PLO";
        assert_eq!(
            read_participants(list),
            vec![
                person("Bo Libergren", Some("V"), false),
                person("Stephanie Storbank", Some("Billund Kommune"), false),
                person("Birgitte Ries Møller", Some("PLO"), true),
                person("Sys Melchior", Some("PLO"), false),
            ]
        );
    }

    #[test]
    fn a_person_without_affiliation_does_not_swallow_the_next_person() {
        let list = "Charlotte Mose, Christine Lund Momme, Regionshuset (Fravær)";
        assert_eq!(
            read_participants(list),
            vec![
                person("Charlotte Mose", None, false),
                person("Christine Lund Momme", Some("Regionshuset"), true),
            ]
        );
    }

    #[test]
    fn bullets_brackets_afbud_suffixes_and_afbud_lists_are_read() {
        let lines = [
            "• Bo Libergren (V)".to_string(),
            "- Mette With Hagensen, A - afbud".to_string(),
            "Sys Melchior, PLO (Fravær)".to_string(),
        ];
        assert_eq!(
            read_participant_lines(&lines, false),
            vec![
                person("Bo Libergren", Some("V"), false),
                person("Mette With Hagensen", Some("A"), true),
                person("Sys Melchior", Some("PLO"), true),
            ]
        );
        let afbud = ["• Frank Jensen (Fanø Kommune)".to_string()];
        assert_eq!(
            read_participant_lines(&afbud, true),
            vec![person("Frank Jensen", Some("Fanø Kommune"), true)]
        );
    }

    #[test]
    fn empty_list_gives_no_participants() {
        assert!(read_participants("  ,  ").is_empty());
    }
}
