//! The kommune gazetteer: finds the Danish municipalities an item's text names and returns
//! their canonical names ("Esbjerg Kommunes" → "Esbjerg", "Åbenrå" → "Aabenraa").
//!
//! Matching rules, each guarding against a trap seen in real referater:
//! - whole words only, so "KOL" in "Kolding" or "protokollen" never matches anything;
//! - the name must be capitalised: kommune names are proper nouns;
//! - "aa" and "å" are the same letter ("Aabenraa"/"Åbenrå", "Høje-Taastrup"/"Høje-Tåstrup"),
//!   a hyphen and a space are the same separator, and a genitive `s` is allowed
//!   ("Fanøs", "Ikast-Brandes");
//! - names that are also ordinary words ("vejen" = the road, "varde", "skive", …) count at
//!   a sentence start only when "Kommune" follows ("Vejen Kommune arbejder …");
//! - table rows (lines with a tab) never count: see [`prose`].

use std::collections::HashMap;

use super::words::{push_lowercase, words, Word};

/// The 98 kommuner since the 2007 municipal reform (Strukturreformen), as listed by
/// Danmarks Statistik (table FOLK1A, "kommune") and KL (kl.dk/kommuner), with their
/// official spelling. Region Syddanmark's 22 are among them; "Region Syddanmark" is not.
const KOMMUNER: [&str; 98] = [
    // Region Hovedstaden (29)
    "Albertslund",
    "Allerød",
    "Ballerup",
    "Bornholm",
    "Brøndby",
    "Dragør",
    "Egedal",
    "Fredensborg",
    "Frederiksberg",
    "Frederikssund",
    "Furesø",
    "Gentofte",
    "Gladsaxe",
    "Glostrup",
    "Gribskov",
    "Halsnæs",
    "Helsingør",
    "Herlev",
    "Hillerød",
    "Hvidovre",
    "Høje-Taastrup",
    "Hørsholm",
    "Ishøj",
    "København",
    "Lyngby-Taarbæk",
    "Rudersdal",
    "Rødovre",
    "Tårnby",
    "Vallensbæk",
    // Region Sjælland (17)
    "Faxe",
    "Greve",
    "Guldborgsund",
    "Holbæk",
    "Kalundborg",
    "Køge",
    "Lejre",
    "Lolland",
    "Næstved",
    "Odsherred",
    "Ringsted",
    "Roskilde",
    "Slagelse",
    "Solrød",
    "Sorø",
    "Stevns",
    "Vordingborg",
    // Region Syddanmark (22)
    "Aabenraa",
    "Assens",
    "Billund",
    "Esbjerg",
    "Faaborg-Midtfyn",
    "Fanø",
    "Fredericia",
    "Haderslev",
    "Kerteminde",
    "Kolding",
    "Langeland",
    "Middelfart",
    "Nordfyns",
    "Nyborg",
    "Odense",
    "Svendborg",
    "Sønderborg",
    "Tønder",
    "Varde",
    "Vejen",
    "Vejle",
    "Ærø",
    // Region Midtjylland (19)
    "Aarhus",
    "Favrskov",
    "Hedensted",
    "Herning",
    "Holstebro",
    "Horsens",
    "Ikast-Brande",
    "Lemvig",
    "Norddjurs",
    "Odder",
    "Randers",
    "Ringkøbing-Skjern",
    "Samsø",
    "Silkeborg",
    "Skanderborg",
    "Skive",
    "Struer",
    "Syddjurs",
    "Viborg",
    // Region Nordjylland (11)
    "Aalborg",
    "Brønderslev",
    "Frederikshavn",
    "Hjørring",
    "Jammerbugt",
    "Læsø",
    "Mariagerfjord",
    "Morsø",
    "Rebild",
    "Thisted",
    "Vesthimmerlands",
];

/// Other names people write for a kommune (the aa/å variants need no entry).
const ALIASES: &[(&str, &str)] = &[
    ("Nordfyn", "Nordfyns"),
    ("Vesthimmerland", "Vesthimmerlands"),
    ("Bornholms Regionskommune", "Bornholm"),
];

/// Kommune names that are also ordinary Danish words ("vejen" = the road, "varde" = cairn,
/// "skive" = disc, "greve" = count, "odder" = otter, "lejre" = camps, "vejle" = ford).
const COMMON_WORDS: &[&str] = &[
    "Vejen", "Varde", "Skive", "Greve", "Odder", "Lejre", "Vejle",
];

#[derive(Debug, Clone)]
struct Entry {
    canonical: &'static str,
    /// The name's words as [`key`]s: `["høje", "tåstrup"]`.
    parts: Vec<String>,
    common_word: bool,
}

/// All kommune names, indexed by the key of their first word.
#[derive(Debug, Clone)]
pub(crate) struct Gazetteer {
    by_first_part: HashMap<String, Vec<Entry>>,
}

impl Gazetteer {
    pub fn builtin() -> Gazetteer {
        let mut by_first_part: HashMap<String, Vec<Entry>> = HashMap::new();
        let names = KOMMUNER.iter().map(|name| (*name, *name));
        for (written, canonical) in names.chain(ALIASES.iter().copied()) {
            let parts: Vec<String> = words(written).iter().map(|w| key(w.text)).collect();
            let entry = Entry {
                canonical,
                common_word: COMMON_WORDS.contains(&canonical),
                parts,
            };
            by_first_part
                .entry(entry.parts[0].clone())
                .or_default()
                .push(entry);
        }
        Gazetteer { by_first_part }
    }

    /// Canonical names of the kommuner `text` names, in order of first mention.
    #[cfg(test)]
    pub fn find(&self, text: &str) -> Vec<String> {
        self.find_in(text, &words(text))
    }

    /// [`Gazetteer::find`] given the [`words`] of `text` too, which it reuses when `text`
    /// has no table row: its prose is then the text itself (but for a final line end,
    /// which no word sees), so scanning it again would find the same words.
    pub fn find_in(&self, text: &str, text_words: &[Word<'_>]) -> Vec<String> {
        // Bytes, not chars: both are ASCII, and a char-set search decodes every character.
        if text.bytes().any(|byte| byte == b'\t' || byte == b'\r') {
            return self.find_in_words(&words(&prose(text)));
        }
        self.find_in_words(text_words)
    }

    fn find_in_words(&self, words: &[Word<'_>]) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for index in 0..words.len() {
            if let Some(name) = self.match_at(words, index) {
                if !found.iter().any(|f| f == name) {
                    found.push(name.to_owned());
                }
            }
        }
        found
    }

    fn match_at(&self, words: &[Word<'_>], index: usize) -> Option<&'static str> {
        let first = &words[index];
        if !first.is_capitalised() {
            return None;
        }
        let first_key = key(first.text);
        let genitive = first_key.strip_suffix('s');
        let candidates = [Some(first_key.as_str()), genitive].into_iter().flatten();
        let entries = candidates
            .filter_map(|k| self.by_first_part.get(k))
            .flatten();
        // Longest name first, so "Høje-Taastrup" wins over a shorter entry.
        let mut best: Option<&Entry> = None;
        for entry in entries {
            if matches_entry(entry, words, index)
                && best.is_none_or(|b| b.parts.len() < entry.parts.len())
            {
                best = Some(entry);
            }
        }
        best.map(|entry| entry.canonical)
    }
}

fn matches_entry(entry: &Entry, words: &[Word<'_>], index: usize) -> bool {
    let Some(span) = words.get(index..index + entry.parts.len()) else {
        return false;
    };
    let last = entry.parts.len() - 1;
    for (position, (part, word)) in entry.parts.iter().zip(span).enumerate() {
        let word_key = key(word.text);
        let same = *part == word_key
            || (position == last && word_key.strip_suffix('s') == Some(part.as_str()));
        let joined = position == 0 || word.gap_before.chars().all(|c| c == ' ' || c == '-');
        if !same || !joined {
            return false;
        }
    }
    if entry.common_word && words[index].sentence_start {
        return followed_by_kommune(words, index + entry.parts.len());
    }
    true
}

fn followed_by_kommune(words: &[Word<'_>], next: usize) -> bool {
    words
        .get(next)
        .is_some_and(|w| w.lower().starts_with("kommune"))
}

/// The comparable form of a word: lowercase, "aa" spelt "å".
fn key(word: &str) -> String {
    // `push_lowercase` settles Latin-1 without the library's table search (issue #6).
    let mut lower = String::with_capacity(word.len());
    push_lowercase(&mut lower, word);
    if lower.contains("aa") {
        lower.replace("aa", "å")
    } else {
        lower
    }
}

/// The text without its table rows (lines holding a tab).
///
/// Why tables never count: a table in a referat is a breakdown per kommune (klyngemidler
/// per kommune in seed 001 Punkt 4, lægedækning per kommune in seed 000 Punkt 4). It lists
/// every kommune of the cluster whatever the item is about, so counting it would file those
/// items under every kommune and drown the facet. The prose names the kommuner an item is
/// really about (seed 001 Punkt 3 names all five in its text, and gets them). What a table
/// alone names stays findable: the full-text index still holds the table.
fn prose(text: &str) -> String {
    text.lines()
        .filter(|line| !line.contains('\t'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<String> {
        Gazetteer::builtin().find(text)
    }

    #[test]
    fn gazetteer_holds_98_distinct_kommuner() {
        let mut names = KOMMUNER.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 98);
        assert!(!names.contains(&"Syddanmark"));
    }

    #[test]
    fn inflected_and_genitive_forms_give_the_canonical_name() {
        let text = "Esbjerg Kommune og Esbjerg Kommunes akutteam, Fanøs borgere og Ikast-Brandes.";
        assert_eq!(find(text), ["Esbjerg", "Fanø", "Ikast-Brande"]);
    }

    #[test]
    fn aa_and_å_spellings_are_the_same_kommune() {
        assert_eq!(find("I Åbenrå og Aabenraa."), ["Aabenraa"]);
        assert_eq!(find("Høje Tåstrup"), ["Høje-Taastrup"]);
        assert_eq!(find("Lyngby-Taarbæk Kommune"), ["Lyngby-Taarbæk"]);
        assert_eq!(find("Århus og Aarhus"), ["Aarhus"]);
    }

    #[test]
    fn kol_abbreviation_does_not_hide_kolding_and_vice_versa() {
        assert_eq!(
            find("Forløbsprogram for KOL, noteret i protokollen."),
            Vec::<String>::new()
        );
        assert_eq!(
            find("projektet i Kolding og Fredericia Kommune"),
            ["Kolding", "Fredericia"]
        );
    }

    #[test]
    fn vejen_the_road_is_not_vejen_the_kommune() {
        assert_eq!(
            find("Vejen frem er lang, og vejen er smal."),
            Vec::<String>::new()
        );
        assert_eq!(find("Vejen Kommune arbejder med rammerne."), ["Vejen"]);
        assert_eq!(
            find("samarbejde med Vejen, Varde og Fanø"),
            ["Vejen", "Varde", "Fanø"]
        );
        assert_eq!(
            find("Det er besluttet.\nVarde er en fin by."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn region_syddanmark_and_lowercase_words_are_not_kommuner() {
        assert_eq!(
            find("Region Syddanmark og kommunerne i Sønderjylland"),
            Vec::<String>::new()
        );
        assert_eq!(find("en odder og en greve"), Vec::<String>::new());
    }

    #[test]
    fn table_rows_listing_the_cluster_do_not_count() {
        let text = "Til orientering er der vedlagt en oversigt.\n\
                    Kommune\tAntal sikrede\n\
                    Billund\t29.625\n\
                    Esbjerg\t116.046\n\
                    Fanø\t3.135";
        assert_eq!(find(text), Vec::<String>::new());
        let with_prose = format!("{text}\nEsbjerg Kommune har 9 ubesatte kapaciteter.");
        assert_eq!(find(&with_prose), ["Esbjerg"]);
    }

    #[test]
    fn bullet_list_of_kommuner_counts() {
        let text = "- Billund Kommune: 16 borgere\n- Vejen Kommune: 10 borgere\n- Nordfyn";
        assert_eq!(find(text), ["Billund", "Vejen", "Nordfyns"]);
    }
}
