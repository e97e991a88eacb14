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

use std::collections::HashSet;
use std::sync::OnceLock;

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
const PART_STOP: &[&str] = &[
    "for", "fore", "over", "under", "efter", "sam", "samt", "med", "mod", "ind", "ud", "op", "af",
    "til", "fra", "ned", "hen", "bag", "ved", "mellem", "imod", "uden", "inden", "else", "ende",
    "ning", "ling", "hed", "heden", "lig", "lige", "ligt", "isk", "iske", "ere", "erne", "ene",
    "tion", "sion", "skab", "dom", "ning", "ninger", "elser", "ende", "ender", "ered", "eret",
    "erede", "ster", "stre", "tter", "ller", "lsen", "else", "ende", "elig", "heder", "alle",
    "selv", "noget", "denne", "være", "have", "blive", "anden", "andre", "meget", "mange", "disse",
    "nogle", "deres", "hvor", "eller", "ikke", "ville", "skulle", "kunne",
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
}

/// The compound splitter; built once per process ([`Splitter::builtin`]).
pub struct Splitter {
    words: HashSet<String>,
    stems: HashSet<String>,
    short: HashSet<String>,
}

impl Splitter {
    /// The splitter over Snowball's vocabulary and our domain list.
    pub fn builtin() -> &'static Splitter {
        static SPLITTER: OnceLock<Splitter> = OnceLock::new();
        SPLITTER.get_or_init(|| Splitter::from_lists(&[SNOWBALL_WORDS, DOMAIN_WORDS], DOMAIN_WORDS))
    }

    fn from_lists(lists: &[&str], short_allowed: &str) -> Splitter {
        let words: HashSet<String> = lists.iter().flat_map(|list| entries(list)).collect();
        let stems = words.iter().map(|w| stem(w)).collect();
        let short = entries(short_allowed)
            .filter(|w| w.chars().count() < MIN_PART)
            .collect();
        Splitter {
            words,
            stems,
            short,
        }
    }

    /// The parts of `word` (lowercase), surface forms, when it is a compound of 2+ parts.
    /// Non-final parts come without their linking letter; the last part keeps its inflection.
    pub fn split(&self, word: &str) -> Option<Vec<String>> {
        let chars: Vec<char> = word.chars().collect();
        let parts = self.split_chars(&chars)?;
        Some(
            parts
                .iter()
                .map(|p| slice(&chars, p.start, p.end))
                .collect(),
        )
    }

    /// Every contiguous run of parts of `word` other than the whole word, as text
    /// (`lægedækningssituationen` → læge, dækning, situationen, lægedækning,
    /// dækningssituationen); empty when `word` is no compound.
    pub fn runs(&self, word: &str) -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        let Some(parts) = self.split_chars(&chars) else {
            return Vec::new();
        };
        let mut runs = Vec::new();
        for first in 0..parts.len() {
            for last in first..parts.len() {
                if first == 0 && last == parts.len() - 1 {
                    continue;
                }
                runs.push(slice(&chars, parts[first].start, parts[last].end));
            }
        }
        runs
    }

    fn split_chars(&self, chars: &[char]) -> Option<Vec<Part>> {
        if chars.len() < MIN_WORD || !chars.iter().all(|c| c.is_alphabetic()) {
            return None;
        }
        let n = chars.len();
        // best[i]: the split of chars[i..] with the fewest parts (then fewest links).
        let mut best: Vec<Option<Vec<Part>>> = vec![None; n + 1];
        for i in (1..n).rev() {
            let whole = self
                .is_last(&slice(chars, i, n))
                .then(|| vec![Part { start: i, end: n }]);
            best[i] = self
                .best_with_head(chars, i, &best)
                .into_iter()
                .chain(whole)
                .min_by_key(|parts| cost(parts));
        }
        self.best_with_head(chars, 0, &best)
    }

    /// The best split of chars[i..] that starts with a non-final part (so has 2+ parts).
    fn best_with_head(
        &self,
        chars: &[char],
        i: usize,
        best: &[Option<Vec<Part>>],
    ) -> Option<Vec<Part>> {
        let n = chars.len();
        let mut winner: Option<Vec<Part>> = None;
        for end in (i + 1..n).rev() {
            if !self.is_head(&slice(chars, i, end)) {
                continue;
            }
            let linked = matches!(chars[end], 's' | 'e').then_some(end + 1);
            for next in std::iter::once(end).chain(linked) {
                let Some(Some(rest)) = best.get(next) else {
                    continue;
                };
                if rest.len() >= MAX_PARTS {
                    continue;
                }
                let mut candidate = vec![Part { start: i, end }];
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

    /// A non-final part: a dictionary word as written.
    fn is_head(&self, part: &str) -> bool {
        self.long_enough(part) && !PART_STOP.contains(&part) && self.words.contains(part)
    }

    /// The last part: a dictionary word, possibly inflected.
    fn is_last(&self, part: &str) -> bool {
        self.long_enough(part)
            && !PART_STOP.contains(&part)
            && (self.words.contains(part)
                || self.stems.contains(&stem(part))
                || self.is_inflected_word(part))
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
        let parts = self.split(second)?;
        let head = parts.last()?;
        let tail_start = second.len().checked_sub(head.len())?;
        Some(format!("{first}{}", second.get(tail_start..)?))
    }
}

/// Lower is better: fewer parts, then fewer linking letters, then a longer first part.
fn cost(parts: &[Part]) -> (usize, usize, usize) {
    let links = parts.windows(2).filter(|w| w[0].end != w[1].start).count();
    let first_len = parts.first().map_or(0, |p| p.end - p.start);
    (parts.len(), links, usize::MAX - first_len)
}

fn slice(chars: &[char], from: usize, to: usize) -> String {
    chars[from..to].iter().collect()
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
