//! Snippets: the best ~200-character passage from the section(s) that matched, HTML-escaped,
//! with `<mark>` around every word the query found in whatever form it matched (inflection,
//! compound part, folded spelling, prefix, synonym). tantivy's `SnippetGenerator` only knows
//! one field's analyzer, so each word of the stored text is re-analyzed here with every chain
//! and marked when one of its forms is a query form.

use std::collections::{HashMap, HashSet};

use tantivy::tokenizer::TokenizerManager;

use super::forms;
use super::terms::analyzed;

mod passage;

use crate::analysis;
use crate::engine::query::Scope;
use crate::engine::Snippet;
use crate::model::{AgendaItem, SectionKind};
#[cfg(test)]
pub(crate) use passage::escape;
use passage::passage;

/// Characters in a passage (about; it is widened to whole words).
const PASSAGE_CHARS: usize = 200;
/// Context kept before the first mark of a passage.
const LEAD_CHARS: usize = 50;
/// Passages per hit, from different sections.
const MAX_SNIPPETS: usize = 2;

/// The query's forms, and a cache of which text words match them.
pub(crate) struct Marker<'a> {
    tokenizers: &'a TokenizerManager,
    exact: HashSet<String>,
    stems: HashSet<String>,
    folded: HashSet<String>,
    prefixes: Vec<String>,
    /// Stem sequences of phrases (and of multi-word synonyms).
    phrases: Vec<Vec<String>>,
    /// Lowercase word → the key (stem) it is marked under, or `None`.
    cache: HashMap<String, Option<String>>,
    /// Lowercase word → its stem (`None` for a stop word).
    stems_of: HashMap<String, Option<String>>,
    /// Forms of scoped terms, marked only in their own field.
    scoped: HashMap<Scope, Marker<'a>>,
}

/// A marked word: byte range in the text and the query form it stands for.
struct Mark {
    from: usize,
    to: usize,
    key: String,
}

impl<'a> Marker<'a> {
    pub fn new(tokenizers: &'a TokenizerManager) -> Marker<'a> {
        Marker {
            tokenizers,
            exact: HashSet::new(),
            stems: HashSet::new(),
            folded: HashSet::new(),
            prefixes: Vec::new(),
            phrases: Vec::new(),
            cache: HashMap::new(),
            stems_of: HashMap::new(),
            scoped: HashMap::new(),
        }
    }

    /// Mark the forms of `text` (a word, a phrase or a synonym's expansion).
    pub fn add_words(&mut self, text: &str) {
        let mut stems = analyzed(self.tokenizers, analysis::DANISH, text);
        stems.dedup_by_key(|(position, _)| *position);
        if stems.len() > 1 {
            // Several words: marked only where they stand together, never one by one.
            self.phrases
                .push(stems.into_iter().map(|(_, t)| t).collect());
            return;
        }
        let forms = [
            (analysis::EXACT, &mut self.exact),
            (analysis::DANISH, &mut self.stems),
            (analysis::FOLDED_QUERY, &mut self.folded),
        ];
        for (analyzer, set) in forms {
            set.extend(
                analyzed(self.tokenizers, analyzer, text)
                    .into_iter()
                    .map(|(_, t)| t),
            );
        }
    }

    /// Nothing to mark (an empty query): skip analysing the text at all.
    fn has_no_forms(&self) -> bool {
        self.exact.is_empty()
            && self.stems.is_empty()
            && self.folded.is_empty()
            && self.prefixes.is_empty()
            && self.phrases.is_empty()
    }

    /// Where to add the forms of a term scoped to `scope` (this marker when unscoped).
    pub fn scoped(&mut self, scope: Option<Scope>) -> &mut Marker<'a> {
        let Some(scope) = scope else {
            return self;
        };
        let tokenizers = self.tokenizers;
        self.scoped
            .entry(scope)
            .or_insert_with(|| Marker::new(tokenizers))
    }

    /// Marks in the text of `scope`: every unscoped form, and the forms scoped to it.
    fn marks_in(&mut self, scope: Scope, text: &str) -> Vec<Mark> {
        let mut marks = self.marks(text);
        if let Some(scoped) = self.scoped.get_mut(&scope) {
            marks.extend(scoped.marks(text));
            marks.sort_by(|a, b| a.from.cmp(&b.from).then(b.to.cmp(&a.to)));
        }
        marks
    }

    /// Mark words starting with `prefix`.
    pub fn add_prefix(&mut self, prefix: &str) {
        self.prefixes.push(prefix.to_lowercase());
    }

    /// Up to [`MAX_SNIPPETS`] passages from the best-matching sections; the title when only
    /// it matched; else the opening of the item.
    pub fn snippets(&mut self, item: &AgendaItem) -> Vec<Snippet> {
        let mut candidates: Vec<Candidate> = Vec::new();
        for section in item.sections.iter().filter(|s| !s.text.trim().is_empty()) {
            let marks = self.marks_in(Scope::Section(section.kind), &section.text);
            if marks.is_empty() {
                continue;
            }
            let (keys, html) = passage(&section.text, &marks);
            let weight = section_weight(section.kind) + marks.len() as f32 * 0.01;
            candidates.push(Candidate {
                keys,
                weight,
                snippet: snippet(section.kind, section.kind.label(), html),
            });
        }
        let mut out = pick(candidates);
        if out.is_empty() {
            out.extend(self.fallback(item));
        }
        out
    }

    fn fallback(&mut self, item: &AgendaItem) -> Option<Snippet> {
        let title_marks = self.marks_in(Scope::Titel, &item.title);
        if !title_marks.is_empty() {
            let (_, html) = passage(&item.title, &title_marks);
            return Some(snippet(SectionKind::Tekst, "Titel", html));
        }
        let opening = item
            .sections
            .iter()
            .find(|s| s.kind != SectionKind::Fravaerende && !s.text.trim().is_empty())?;
        let (_, html) = passage(&opening.text, &[]);
        Some(snippet(opening.kind, opening.kind.label(), html))
    }

    /// Every word of `text` that one of the query's forms matches.
    fn marks(&mut self, text: &str) -> Vec<Mark> {
        if self.has_no_forms() {
            return Vec::new();
        }
        let Some(mut analyzer) = self.tokenizers.get(analysis::EXACT) else {
            return Vec::new();
        };
        let mut words = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let token = stream.token();
            words.push((token.offset_from, token.offset_to, token.text.clone()));
        }
        let mut marks: Vec<Mark> = words
            .iter()
            .filter_map(|(from, to, word)| {
                let key = self.key_of(word)?;
                Some(Mark {
                    from: *from,
                    to: *to,
                    key,
                })
            })
            .collect();
        if !self.phrases.is_empty() {
            marks.extend(self.phrase_marks(&words));
            // A phrase's mark first: the word marks inside it are then skipped.
            marks.sort_by(|a, b| a.from.cmp(&b.from).then(b.to.cmp(&a.to)));
        }
        marks
    }

    /// One mark over each place where a phrase's words stand together (stop words between
    /// them allowed, as in the index).
    fn phrase_marks(&mut self, words: &[(usize, usize, String)]) -> Vec<Mark> {
        let content: Vec<(usize, String)> = words
            .iter()
            .enumerate()
            .filter_map(|(i, (_, _, word))| Some((i, self.stem_of(word)?)))
            .collect();
        let mut marks = Vec::new();
        for phrase in &self.phrases {
            for window in content.windows(phrase.len()) {
                let same = window
                    .iter()
                    .zip(phrase)
                    .all(|((_, stem), want)| stem == want);
                let span = window.first().zip(window.last());
                if let (true, Some(((first, _), (last, _)))) = (same, span) {
                    let (from, to) = (words[*first].0, words[*last].1);
                    marks.push(Mark {
                        from,
                        to,
                        key: phrase.join(" "),
                    });
                }
            }
        }
        marks
    }

    /// Compound splitting is the costly analysis: only try it on words that contain a
    /// query stem (a part's stem is, but for rare respellings, a piece of the word).
    fn may_hold_a_part(&self, word: &str) -> bool {
        self.stems
            .iter()
            .any(|stem| stem.len() < word.len() && word.contains(stem.as_str()))
    }

    fn stem_of(&mut self, word: &str) -> Option<String> {
        if let Some(known) = self.stems_of.get(word) {
            return known.clone();
        }
        let stem = analyzed(self.tokenizers, analysis::DANISH, word)
            .into_iter()
            .next()
            .map(|(_, t)| t);
        self.stems_of.insert(word.to_owned(), stem.clone());
        stem
    }

    fn key_of(&mut self, word: &str) -> Option<String> {
        if let Some(known) = self.cache.get(word) {
            return known.clone();
        }
        let key = self.match_word(word);
        self.cache.insert(word.to_owned(), key.clone());
        key
    }

    fn match_word(&self, word: &str) -> Option<String> {
        let first = |analyzer: &str| {
            analyzed(self.tokenizers, analyzer, word)
                .into_iter()
                .map(|(_, t)| t)
        };
        let forms = forms::of(self.tokenizers, word);
        let key = forms
            .stems
            .first()
            .cloned()
            .unwrap_or_else(|| word.to_owned());
        let hit = self.exact.contains(word)
            || forms.stems.iter().any(|s| self.stems.contains(s))
            || forms.folded.iter().any(|f| self.folded.contains(f))
            || (self.may_hold_a_part(word)
                && first(analysis::PARTS).any(|p| self.stems.contains(&p)))
            || self.prefixes.iter().any(|p| word.starts_with(p.as_str()));
        hit.then_some(key)
    }
}

/// A section's best passage, the query forms it shows, and how much the section counts.
struct Candidate {
    keys: HashSet<String>,
    weight: f32,
    snippet: Snippet,
}

/// Greedily the passages that show the most query words not shown yet (then the weightier
/// section), so a two-word query shows where each word matched.
fn pick(mut candidates: Vec<Candidate>) -> Vec<Snippet> {
    let mut shown: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    while out.len() < MAX_SNIPPETS && !candidates.is_empty() {
        let gain = |c: &Candidate| c.keys.difference(&shown).count() as f32 * 10.0 + c.weight;
        let best = candidates
            .iter()
            .enumerate()
            .max_by(|a, b| gain(a.1).total_cmp(&gain(b.1)))
            .map(|(i, _)| i);
        let Some(best) = best else { break };
        let chosen = candidates.swap_remove(best);
        if !out.is_empty() && chosen.keys.is_subset(&shown) && chosen.keys.len() < 2 {
            break;
        }
        shown.extend(chosen.keys);
        out.push(chosen.snippet);
    }
    out
}

fn snippet(section: SectionKind, label: &str, html: String) -> Snippet {
    Snippet {
        section,
        label: label.to_owned(),
        html,
    }
}

/// Where a match counts most when picking the section to show.
fn section_weight(kind: SectionKind) -> f32 {
    match kind {
        SectionKind::Beslutning | SectionKind::Resume => 1.3,
        SectionKind::Indstilling | SectionKind::Sagsfremstilling | SectionKind::Tekst => 1.0,
        SectionKind::Bilag => 0.6,
        SectionKind::Fravaerende => 0.1,
    }
}
