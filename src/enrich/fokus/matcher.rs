//! The taxonomy's patterns compiled for matching: every distinct word stem goes into one
//! Aho-Corasick automaton, run once over an item's lowercased words, instead of comparing
//! every pattern with every word (that scan was a tenth of all indexing CPU, issue #6).
//!
//! A stem is letters and digits only, so each occurrence lies inside one word; whether it
//! counts depends on its `*`s: no star needs the whole word, `stem*` the word's start,
//! `*stem` its end, `*stem*` anywhere. Phrases then need their words' hits in a row.
//!
//! Lowercasing every word into a buffer first cost as much as the automaton (issue #6), so
//! where the text's letters are all Latin-1 a second automaton runs over the text as
//! written: ASCII case-insensitive, plus each stem's variants with its æ/ø/å (any Latin-1
//! letter) capitalised. There, a letter's lowercase is one fixed Latin-1 letter of the same
//! UTF-8 length, so both find the same stems at the same places. Other texts (ẞ, Σ, the
//! Kelvin sign, which lowercases to `k`) keep the lowercased buffer.

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::{FocusArea, WordPattern};
use crate::enrich::words::{push_lowercase, Word};

/// Separates words in the scanned buffer: never part of a lowercased stem or word.
const SEPARATOR: char = '\0';

/// At most this many capitalised variants per stem (2^6: six æ/ø/å); a stem with more
/// sends every text to the lowercased buffer rather than bloat the automaton.
const MAX_VARIANTS: usize = 64;

/// The automaton over text as written and, per its pattern, the stem it spells.
#[derive(Debug, Clone)]
struct Cased {
    automaton: AhoCorasick,
    stem_of: Vec<usize>,
}

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
    /// `None` when a stem is not Latin-1 or has too many variants.
    cased: Option<Cased>,
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
            cased: Cased::new(&stems)?,
            uses,
            areas: compiled,
            word_patterns: distinct.len(),
        })
    }

    /// The indexes of the areas whose patterns occur in `words`, the words of `text`,
    /// ascending.
    pub(super) fn areas_in(&self, text: &str, words: &[Word<'_>]) -> Vec<usize> {
        let hits = match (&self.cased, spans_in(text, words)) {
            (Some(cased), Some(spans)) if letters_are_latin1(text) => {
                let found = cased.automaton.find_overlapping_iter(text);
                let found = found.map(|m| (cased.stem_of[m.pattern().as_usize()], m.span()));
                self.hits(&spans, found)
            }
            _ => self.hits_lowercased(words),
        };
        self.areas
            .iter()
            .enumerate()
            .filter(|(_, phrases)| phrases.iter().any(|phrase| occurs(phrase, &hits)))
            .map(|(index, _)| index)
            .collect()
    }

    /// [`Matcher::hits`] of the automaton over the words lowercased, separated.
    fn hits_lowercased(&self, words: &[Word<'_>]) -> Vec<Vec<usize>> {
        let mut buffer = String::with_capacity(words.iter().map(|w| w.text.len() + 1).sum());
        let mut spans = Vec::with_capacity(words.len());
        for word in words {
            let start = buffer.len();
            push_lowercase(&mut buffer, word.text);
            spans.push((start, buffer.len()));
            buffer.push(SEPARATOR);
        }
        let found = self.automaton.find_overlapping_iter(&buffer);
        self.hits(&spans, found.map(|m| (m.pattern().as_usize(), m.span())))
    }

    /// Per word pattern, the indexes of the words it matches, ascending, from the stems
    /// `found` (by ascending end) in a text whose words lie at `spans`.
    fn hits(
        &self,
        spans: &[(usize, usize)],
        found: impl Iterator<Item = (usize, aho_corasick::Span)>,
    ) -> Vec<Vec<usize>> {
        let mut hits = vec![Vec::new(); self.word_patterns];
        // Overlapping matches come by ascending end, so the word a match ends in only moves
        // forward: a cursor finds it without a search per match.
        let mut index = 0;
        for (stem, found) in found {
            while spans.get(index).is_some_and(|&(_, end)| end < found.end) {
                index += 1;
            }
            let Some(&(start, end)) = spans.get(index) else {
                break;
            };
            if found.start < start {
                continue;
            }
            let at_start = found.start == start;
            let at_end = found.end == end;
            for stem_use in &self.uses[stem] {
                if (stem_use.any_start || at_start) && (stem_use.any_end || at_end) {
                    hits[stem_use.word_pattern].push(index);
                }
            }
        }
        hits
    }
}

impl Cased {
    fn new(stems: &[&str]) -> Result<Option<Cased>, String> {
        let mut variants = Vec::new();
        let mut stem_of = Vec::new();
        for (stem, text) in stems.iter().enumerate() {
            let Some(spellings) = capitalised_variants(text) else {
                return Ok(None);
            };
            stem_of.extend(std::iter::repeat_n(stem, spellings.len()));
            variants.extend(spellings);
        }
        // A DFA, as `AhoCorasick::new` picks for the lowercased stems: the variants push
        // the count past where it would switch to a slower NFA (twice the instructions).
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&variants)
            .map_err(|err| format!("cannot compile the patterns: {err}"))?;
        Ok(Some(Cased { automaton, stem_of }))
    }
}

/// `stem` with each of its non-ASCII letters in either case (ASCII case is left to the
/// automaton), or `None` when it is not Latin-1 or spells more than [`MAX_VARIANTS`].
fn capitalised_variants(stem: &str) -> Option<Vec<String>> {
    let mut variants = vec![String::with_capacity(stem.len())];
    for ch in stem.chars() {
        let code = u8::try_from(u32::from(ch)).ok()?;
        // À–Þ (but ×) are the capitals of à–þ (but ÷), 0x20 lower; see `push_lowercase`.
        let capital = match code {
            0xE0..=0xFE if code != 0xF7 => Some(char::from(code - 0x20)),
            _ => None,
        };
        let mut capitalised = match capital {
            Some(_) if variants.len() * 2 > MAX_VARIANTS => return None,
            Some(_) => variants.clone(),
            None => Vec::new(),
        };
        variants.iter_mut().for_each(|variant| variant.push(ch));
        if let Some(capital) = capital {
            capitalised
                .iter_mut()
                .for_each(|variant| variant.push(capital));
            variants.append(&mut capitalised);
        }
    }
    Some(variants)
}

/// Where each of `words` lies in `text` (they are slices of it), or `None` if one is not.
fn spans_in(text: &str, words: &[Word<'_>]) -> Option<Vec<(usize, usize)>> {
    let base = text.as_ptr() as usize;
    // A loop, not `collect` into `Option`: that loses the length and regrows the vector.
    let mut spans = Vec::with_capacity(words.len());
    for word in words {
        let start = (word.text.as_ptr() as usize).checked_sub(base)?;
        let end = start + word.text.len();
        if end > text.len() {
            return None;
        }
        spans.push((start, end));
    }
    Some(spans)
}

/// Whether every letter or digit of `text` is Latin-1: then lowercasing is the fixed
/// per-letter map the capitalised variants spell out. Dashes, quotes and bullets beyond
/// Latin-1 are common in minutes and never part of a word, so only those are decoded.
fn letters_are_latin1(text: &str) -> bool {
    let bytes = text.as_bytes();
    // UTF-8 of U+0100 and up starts with 0xC4 or more; continuation bytes are below 0xC0.
    let mut from = 0;
    while let Some(offset) = bytes[from..].iter().position(|&byte| byte >= 0xC4) {
        let at = from + offset;
        let Some(ch) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            return false;
        };
        if ch.is_alphanumeric() {
            return false;
        }
        from = at + ch.len_utf8();
    }
    true
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
