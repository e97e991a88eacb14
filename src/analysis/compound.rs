//! Danish compound splitting for the PARTS chain (index side only).
//!
//! No Danish decompounder exists on crates.io and tantivy's `SplitCompoundWords` knows no
//! linking letters, so this is a small dictionary splitter: a word is cut into parts that are
//! dictionary words, with an optional linking `s` or `e` (fugemorfem) after a part, and a last
//! part that may be inflected (its stem must be the stem of a dictionary word):
//! `lægedækningssituationen` = læge + dækning + s + situationen.
//!
//! The dictionary is Snowball's Danish vocabulary (BSD) plus `data/compound-words.txt` (ours).
//! Flood guards: parts have at least [`MIN_PART`] letters unless the domain list names them,
//! grammatical words and suffix look-alikes ([`PART_STOP`]) are never parts, and the split
//! with the fewest parts wins (long parts over chains of short ones).

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::stem;
use super::tokenizer::Ellipsis;

/// Snowball's Danish vocabulary: one copy, shared with the stemming reference test.
const SNOWBALL_WORDS: &str = include_str!("../../tests/data/snowball-danish/voc.txt");
/// Our domain list (format documented in the file).
const DOMAIN_WORDS: &str = include_str!("../../data/compound-words.txt");

/// Shortest part (in letters) unless the domain list names it.
const MIN_PART: usize = 4;
/// Shortest word worth splitting: two parts of [`MIN_PART`] letters.
const MIN_WORD: usize = 2 * MIN_PART;
/// More parts than this is a sign of a wrong split.
const MAX_PARTS: usize = 4;

/// Never parts: grammatical words, prefixes and suffix look-alikes that would make a compound
/// match unrelated words (`for` in forebyggelse, `else` in lidelse, `ning` in dækning).
#[rustfmt::skip]
const PART_STOP: &[&str] = &[
    // grammatical words and particles used as prefixes
    "for", "fore", "over", "under", "efter", "sam", "samt", "med", "mod", "ind", "ud", "op", "af",
    "til", "fra", "ned", "hen", "bag", "ved", "mellem", "imod", "uden", "inden", "alle", "selv",
    "noget", "denne", "være", "have", "blive", "anden", "andre", "meget", "mange", "disse",
    "nogle", "deres", "hvor", "eller", "ikke", "ville", "skulle", "kunne", "skal", "frem",
    "gennem", "sammen", "inde", "neden", "oven", "forhen", "tilbage", "videre", "hver",
    // derivational suffixes that look like words
    "else", "elser", "elsen", "ende", "ender", "ning", "ninger", "ling", "hed", "heds", "heden",
    "heder", "hederne", "lig", "lige", "ligt", "elig", "lighed", "ligende", "ligere", "isk",
    "iske", "ere", "erne", "ene", "ered", "eret", "erede", "tion", "sion", "skab", "skaber",
    "skabet", "dom", "ster", "stre", "tter", "ller", "lsen", "rende", "værende",
    // wrong cuts seen on the seeds (tid + ligere, midler + tidige, oplæg + gene, …)
    "tidig", "tidige", "gene", "dene", "stagen", "tiseret", "gøre", "gøres", "gør", "gjort",
    "gjorde", "gørelse", "gørelsen", "kabet", "kaber", "ners", "ring", "ringer", "vist", "vis",
];

/// Noun and verb endings a last part may carry (`puljen`, `indsatserne`, `arbejdet`).
const INFLECTIONS: &[&str] = &[
    "e", "s", "r", "n", "t", "en", "et", "er", "es", "ne", "ns", "ts", "rs", "ene", "ens", "ets",
    "ers", "rne", "erne", "enes", "ernes", "ede", "ende",
];

/// One part of a split word, as char indices into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    start: usize,
    /// End of the part itself, before any linking letter.
    end: usize,
    /// Whether the part is (an inflection of) a word of our domain list.
    domain: bool,
}

/// The compound splitter; built once per process ([`Splitter::builtin`]).
pub struct Splitter {
    words: HashSet<String>,
    stems: HashSet<String>,
    short: HashSet<String>,
    domain: HashSet<String>,
    domain_stems: HashSet<String>,
}

impl Splitter {
    /// The splitter over Snowball's vocabulary and our domain list.
    pub fn builtin() -> &'static Splitter {
        static SPLITTER: OnceLock<Splitter> = OnceLock::new();
        SPLITTER.get_or_init(|| Splitter::new(SNOWBALL_WORDS, DOMAIN_WORDS))
    }

    fn new(general: &str, domain: &str) -> Splitter {
        let domain: HashSet<String> = entries(domain).collect();
        let words: HashSet<String> = entries(general).chain(domain.iter().cloned()).collect();
        Splitter {
            stems: words.iter().map(|w| stem(w)).collect(),
            short: domain
                .iter()
                .filter(|w| w.chars().count() < MIN_PART)
                .cloned()
                .collect(),
            domain_stems: domain.iter().map(|w| stem(w)).collect(),
            domain,
            words,
        }
    }

    /// The parts of `word` (lowercase), surface forms, when it is a compound of 2+ parts.
    /// Non-final parts come without their linking letter; the last part keeps its inflection.
    pub fn split(&self, word: &str) -> Option<Vec<String>> {
        let word = Word::new(word);
        let parts = self.split_chars(&word)?;
        Some(
            parts
                .iter()
                .map(|p| word.slice(p.start, p.end).to_owned())
                .collect(),
        )
    }

    /// Every contiguous run of parts of `word` other than the whole word, as text
    /// (`lægedækningssituationen` → læge, dækning, situationen, lægedækning,
    /// dækningssituationen); empty when `word` is no compound.
    pub fn runs(&self, word: &str) -> Vec<String> {
        let word = Word::new(word);
        let Some(parts) = self.split_chars(&word) else {
            return Vec::new();
        };
        let mut runs = Vec::new();
        for first in 0..parts.len() {
            for last in first..parts.len() {
                if first == 0 && last == parts.len() - 1 {
                    continue;
                }
                runs.push(word.slice(parts[first].start, parts[last].end).to_owned());
            }
        }
        runs
    }

    fn split_chars(&self, word: &Word) -> Option<Vec<Part>> {
        if word.len() < MIN_WORD || !word.text.chars().all(char::is_alphabetic) {
            return None;
        }
        let n = word.len();
        // best[i]: the split of chars[i..] with the fewest parts (then fewest links).
        let mut best: Vec<Option<Vec<Part>>> = vec![None; n + 1];
        for i in (1..n).rev() {
            let whole = self.is_last(word.slice(i, n)).then(|| {
                let domain = self.is_domain(word.slice(i, n));
                vec![Part {
                    start: i,
                    end: n,
                    domain,
                }]
            });
            best[i] = self
                .best_with_head(word, i, &best)
                .into_iter()
                .chain(whole)
                .min_by_key(|parts| cost(parts));
        }
        // A split must involve a curated domain word: cuts between two words of the general
        // vocabulary were mostly wrong on the seeds (besk + rive, menn + sker, mulig + hederne).
        self.best_with_head(word, 0, &best)
            .filter(|parts| parts.iter().any(|p| p.domain))
    }

    /// The best split of chars[i..] that starts with a non-final part (so has 2+ parts).
    fn best_with_head(
        &self,
        word: &Word,
        i: usize,
        best: &[Option<Vec<Part>>],
    ) -> Option<Vec<Part>> {
        let n = word.len();
        let mut winner: Option<Vec<Part>> = None;
        for end in (i + 1..n).rev() {
            if !self.is_head(word.slice(i, end)) {
                continue;
            }
            let linked = matches!(word.char_at(end), Some('s' | 'e')).then_some(end + 1);
            for next in std::iter::once(end).chain(linked) {
                let Some(Some(rest)) = best.get(next) else {
                    continue;
                };
                if rest.len() >= MAX_PARTS {
                    continue;
                }
                let domain = self.is_domain(word.slice(i, end));
                let mut candidate = vec![Part {
                    start: i,
                    end,
                    domain,
                }];
                candidate.extend_from_slice(rest);
                if winner.as_ref().is_none_or(|w| cost(&candidate) < cost(w)) {
                    winner = Some(candidate);
                }
            }
        }
        winner
    }

    fn long_enough(&self, part: &str) -> bool {
        part.chars().count() >= MIN_PART || self.short.contains(part)
    }

    /// A word of our domain list, as written, inflected or by stem.
    fn is_domain(&self, part: &str) -> bool {
        self.domain.contains(part)
            || self.domain_stems.contains(&stem(part))
            || INFLECTIONS.iter().any(|ending| {
                part.strip_suffix(ending)
                    .is_some_and(|base| self.domain.contains(base))
            })
    }

    /// A non-final part: a dictionary word as written. (Dictionary first: most substrings
    /// tried are no word, and a hash look-up is cheaper than the stop list.)
    fn is_head(&self, part: &str) -> bool {
        self.words.contains(part) && self.long_enough(part) && !PART_STOP.contains(&part)
    }

    /// The last part: a dictionary word, possibly inflected.
    fn is_last(&self, part: &str) -> bool {
        self.long_enough(part)
            && (self.words.contains(part)
                || self.is_inflected_word(part)
                || self.stems.contains(&stem(part)))
            && !PART_STOP.contains(&part)
    }

    /// `indsatserne` = indsats + erne: Snowball stems the word and its inflection apart
    /// (`indsat` vs `indsats`), so inflected heads are also checked by their ending.
    fn is_inflected_word(&self, part: &str) -> bool {
        INFLECTIONS.iter().any(|ending| {
            part.strip_suffix(ending)
                .is_some_and(|base| self.long_enough(base) && self.words.contains(base))
        })
    }
}

impl Ellipsis for &'static Splitter {
    /// "Muskel- og skeletlidelser": `muskel` + the last part of `skeletlidelser`.
    fn complete(&self, first: &str, second: &str) -> Option<String> {
        let head_len = self.head_len(second)?;
        let tail_start = second.len().checked_sub(head_len)?;
        Some(format!("{first}{}", second.get(tail_start..)?))
    }
}

thread_local! {
    /// Word → the byte length of its last part (`None`: no compound), for [`Splitter::head_len`].
    static HEADS: RefCell<FxHashMap<String, Option<usize>>> = RefCell::new(FxHashMap::default());
}

/// A [`HEADS`] memo that reaches this many words is emptied (bounded memory).
const HEADS_WORDS: usize = 50_000;

impl Splitter {
    /// The byte length of the last part of `word` when it is a compound. Memoized per
    /// thread: generated and real minutes repeat the same elliptical lists ("Muskel- og
    /// skeletlidelser") in item after item, and splitting each anew was 3 % of indexing.
    fn head_len(&self, word: &str) -> Option<usize> {
        if let Some(known) = HEADS.with(|heads| heads.borrow().get(word).copied()) {
            return known;
        }
        let head_len = self
            .split(word)
            .and_then(|parts| parts.last().map(String::len));
        HEADS.with(|heads| {
            let mut heads = heads.borrow_mut();
            if heads.len() >= HEADS_WORDS {
                heads.clear();
            }
            heads.insert(word.to_owned(), head_len);
        });
        head_len
    }
}

/// Lower is better: fewer parts, then more domain words (`bolig + styrelsen` over
/// `boligs + tyrelsen`), then fewer linking letters, then a longer first part.
fn cost(parts: &[Part]) -> (usize, usize, usize, usize) {
    let general = parts.iter().filter(|p| !p.domain).count();
    let links = parts.windows(2).filter(|w| w[0].end != w[1].start).count();
    let first_len = parts.first().map_or(0, |p| p.end - p.start);
    (parts.len(), general, links, usize::MAX - first_len)
}

/// A word with its char boundaries, so parts (char ranges) are borrowed, not allocated.
struct Word<'a> {
    text: &'a str,
    /// Byte offset of each char, plus the length at the end.
    bounds: Vec<usize>,
}

impl<'a> Word<'a> {
    fn new(text: &'a str) -> Word<'a> {
        let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bounds.push(text.len());
        Word { text, bounds }
    }

    /// Length in chars.
    fn len(&self) -> usize {
        self.bounds.len() - 1
    }

    /// Chars `from..to`.
    fn slice(&self, from: usize, to: usize) -> &'a str {
        let text: &'a str = self.text;
        text.get(self.bounds[from]..self.bounds[to])
            .unwrap_or_default()
    }

    fn char_at(&self, index: usize) -> Option<char> {
        self.slice(index, index + 1).chars().next()
    }
}

/// Lowercase entries of a word list: one per line, `#` comments, blank lines skipped.
fn entries(list: &str) -> impl Iterator<Item = String> + '_ {
    list.lines()
        .map(|line| {
            line.split('#')
                .next()
                .unwrap_or_default()
                .trim()
                .to_lowercase()
        })
        .filter(|word| !word.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(word: &str) -> Option<Vec<String>> {
        Splitter::builtin().split(word)
    }

    #[test]
    fn elliptical_completion_takes_the_last_part_and_repeats_from_the_memo() {
        let splitter = Splitter::builtin();
        for _ in 0..2 {
            assert_eq!(
                splitter.complete("muskel", "skeletlidelser").as_deref(),
                Some("muskellidelser")
            );
            assert_eq!(splitter.complete("børne", "mennesker"), None, "no compound");
        }
    }

    #[test]
    fn linking_s_and_inflected_head_are_handled() {
        assert_eq!(
            split("lægedækningssituationen").unwrap_or_default(),
            vec!["læge", "dækning", "situationen"]
        );
        assert_eq!(
            split("lægedækningsindsatserne").unwrap_or_default(),
            vec!["læge", "dækning", "indsatserne"]
        );
    }

    #[test]
    fn domain_words_win_over_general_vocabulary_cuts() {
        // not "boligs + tyrelsen" nor "læges + tuderende"
        assert_eq!(
            split("boligstyrelsen").unwrap_or_default(),
            vec!["bolig", "styrelsen"]
        );
        assert_eq!(
            split("lægestuderende").unwrap_or_default(),
            vec!["læge", "studerende"]
        );
    }

    #[test]
    fn words_that_only_look_like_compounds_stay_whole() {
        for word in [
            "beskrivelse",
            "mennesker",
            "mulighederne",
            "tidligere",
            "deltager",
            "midlertidige",
        ] {
            assert_eq!(split(word), None, "{word}");
        }
    }

    #[test]
    fn runs_cover_every_contiguous_group_but_the_whole() {
        let runs = Splitter::builtin().runs("lægedækningssituationen");
        for run in [
            "læge",
            "dækning",
            "situationen",
            "lægedækning",
            "dækningssituationen",
        ] {
            assert!(
                runs.contains(&run.to_string()),
                "{run} missing from {runs:?}"
            );
        }
        assert!(!runs.contains(&"lægedækningssituationen".to_string()));
    }

    #[test]
    fn ellipsis_takes_the_head_of_the_last_member() {
        let splitter = Splitter::builtin();
        assert_eq!(
            splitter.complete("muskel", "skeletlidelser").as_deref(),
            Some("muskellidelser")
        );
        assert_eq!(splitter.complete("muskel", "bord"), None);
    }
}
