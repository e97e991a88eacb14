//! The taxonomy's patterns compiled for matching: every distinct word stem goes into one
//! Aho-Corasick automaton, run once over an item's lowercased words, instead of comparing
//! every pattern with every word (that scan was a tenth of all indexing CPU, issue #6).
//!
//! A stem is letters and digits only, so each occurrence lies inside one word; whether it
//! counts depends on its `*`s: no star needs the whole word, `stem*` the word's start,
//! `*stem` its end, `*stem*` anywhere. Phrases then need their words' hits in a row.

use aho_corasick::AhoCorasick;

use super::{FocusArea, WordPattern};
use crate::enrich::words::{push_lowercase, Word};

/// Separates words in the scanned buffer: never part of a lowercased stem or word.
const SEPARATOR: char = '\0';

/// One use of a stem: which word pattern it is and where in a word it may occur.
#[derive(Debug, Clone, Copy)]
struct StemUse {
    word_pattern: usize,
    any_start: bool,
    any_end: bool,
}

/// The compiled form of a taxonomy's areas (same order).
#[derive(Debug, Clone)]
pub(super) struct Matcher {
    automaton: AhoCorasick,
    /// Per automaton pattern (distinct stem), the word patterns that use it.
    uses: Vec<Vec<StemUse>>,
    /// Per area, its phrases as word pattern ids in a row.
    areas: Vec<Vec<Vec<usize>>>,
    word_patterns: usize,
}

impl Matcher {
    pub(super) fn new(areas: &[FocusArea]) -> Result<Matcher, String> {
        let mut stems: Vec<&str> = Vec::new();
        let mut uses: Vec<Vec<StemUse>> = Vec::new();
        let mut distinct: Vec<&WordPattern> = Vec::new();
        let mut compiled = Vec::with_capacity(areas.len());
        for area in areas {
            let mut phrases = Vec::with_capacity(area.patterns.len());
            for pattern in &area.patterns {
                let mut ids = Vec::with_capacity(pattern.words.len());
                for word in &pattern.words {
                    let id = match distinct.iter().position(|known| *known == word) {
                        Some(id) => id,
                        None => {
                            distinct.push(word);
                            let stem = match stems.iter().position(|s| *s == word.stem) {
                                Some(stem) => stem,
                                None => {
                                    stems.push(&word.stem);
                                    uses.push(Vec::new());
                                    stems.len() - 1
                                }
                            };
                            uses[stem].push(StemUse {
                                word_pattern: distinct.len() - 1,
                                any_start: word.any_start,
                                any_end: word.any_end,
                            });
                            distinct.len() - 1
                        }
                    };
                    ids.push(id);
                }
                phrases.push(ids);
            }
            compiled.push(phrases);
        }
        let automaton = AhoCorasick::new(&stems)
            .map_err(|err| format!("cannot compile the patterns: {err}"))?;
        Ok(Matcher {
            automaton,
            uses,
            areas: compiled,
            word_patterns: distinct.len(),
        })
    }

    /// The indexes of the areas whose patterns occur in `words`, ascending.
    pub(super) fn areas_in(&self, words: &[Word<'_>]) -> Vec<usize> {
        let hits = self.hits(words);
        self.areas
            .iter()
            .enumerate()
            .filter(|(_, phrases)| phrases.iter().any(|phrase| occurs(phrase, &hits)))
            .map(|(index, _)| index)
            .collect()
    }

    /// Per word pattern, the indexes of the words it matches, ascending.
    fn hits(&self, words: &[Word<'_>]) -> Vec<Vec<usize>> {
        let mut buffer = String::with_capacity(words.iter().map(|w| w.text.len() + 1).sum());
        let mut spans = Vec::with_capacity(words.len());
        for word in words {
            let start = buffer.len();
            push_lowercase(&mut buffer, word.text);
            spans.push((start, buffer.len()));
            buffer.push(SEPARATOR);
        }
        let mut hits = vec![Vec::new(); self.word_patterns];
        // Overlapping matches come by ascending end, so the word a match ends in only moves
        // forward: a cursor finds it without a search per match.
        let mut index = 0;
        for found in self.automaton.find_overlapping_iter(&buffer) {
            while spans.get(index).is_some_and(|&(_, end)| end < found.end()) {
                index += 1;
            }
            let Some(&(start, end)) = spans.get(index) else {
                break;
            };
            if found.start() < start {
                continue;
            }
            let at_start = found.start() == start;
            let at_end = found.end() == end;
            for stem_use in &self.uses[found.pattern().as_usize()] {
                if (stem_use.any_start || at_start) && (stem_use.any_end || at_end) {
                    hits[stem_use.word_pattern].push(index);
                }
            }
        }
        hits
    }
}

/// Whether the phrase's word patterns match consecutive words somewhere.
fn occurs(phrase: &[usize], hits: &[Vec<usize>]) -> bool {
    let Some((first, rest)) = phrase.split_first() else {
        return false;
    };
    hits[*first].iter().any(|&start| {
        rest.iter()
            .enumerate()
            .all(|(offset, id)| hits[*id].binary_search(&(start + offset + 1)).is_ok())
    })
}
