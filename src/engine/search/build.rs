//! Query AST → tantivy query. This is where recall and ranking are decided: each word is a
//! disjunction over the exact word, its stem in every section (weighted by section), its
//! compound parts, its folded spelling and its synonyms; words are AND'ed.

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Searcher, Term};

use super::terms::{analyzed, prefix_terms};
use super::Recall;
use crate::analysis;
use crate::engine::query::{self, Clause, Scope, TermKind, Unit};
use crate::engine::schema::Fields;
use crate::model::SectionKind;

/// Weight of the exact (unstemmed) word: the strongest evidence.
const EXACT_BOOST: f32 = 3.0;
const PARTS_BOOST: f32 = 0.6;
const FOLDED_BOOST: f32 = 0.5;
const SYNONYM_BOOST: f32 = 0.4;
/// How much the other fields a word matched in add to its best field.
pub(crate) const TIE_BREAKER: f32 = 0.2;
/// Prefix expansions kept (the most frequent words).
pub(crate) const MAX_PREFIX_TERMS: usize = 50;

/// Section weights: title > decisions and summaries > long case text > attachment names >
/// the absence list (a name only in Fraværende must never outrank an item about it).
pub(crate) fn scope_boost(scope: Scope) -> f32 {
    match scope {
        Scope::Titel => 2.5,
        Scope::Section(kind) => match kind {
            SectionKind::Beslutning | SectionKind::Resume => 1.6,
            SectionKind::Indstilling => 1.3,
            SectionKind::Sagsfremstilling | SectionKind::Tekst => 1.0,
            SectionKind::Bilag => 0.5,
            SectionKind::Fravaerende => 0.05,
        },
    }
}

/// Every scope a plain word is looked for in.
pub(crate) fn all_scopes() -> impl Iterator<Item = Scope> {
    std::iter::once(Scope::Titel).chain(SectionKind::ALL.into_iter().map(Scope::Section))
}

pub(crate) fn scope_field(fields: &Fields, scope: Scope) -> Field {
    match scope {
        Scope::Titel => fields.titel,
        Scope::Section(kind) => fields.section(kind),
    }
}

/// What building needs: the index's fields and analyzers, the searcher (prefixes read the
/// term dictionary), the recall mode, synonyms, and where to leave notes.
pub(crate) struct Builder<'a> {
    pub fields: &'a Fields,
    pub tokenizers: &'a TokenizerManager,
    pub searcher: &'a Searcher,
    pub recall: Recall,
    pub synonyms: &'a dyn Fn(&str) -> Vec<String>,
    pub notes: Vec<String>,
    pub expansions: Vec<String>,
    /// Let the top-level words match all but one (used when no item has every word).
    pub relax: bool,
    /// The last word built, as its dismax options `(term, boost)` in order, when every
    /// option is one plain term (no synonyms, no split tokens): what [`super::fast`] can run.
    pub plain_word: Option<Vec<(Term, f32)>>,
    /// The last phrase built without synonyms, as its dismax options in order: what
    /// [`super::fast::phrase`] can run.
    pub plain_phrase: Option<Vec<PhraseOption>>,
    /// The options of the phrase being built (see [`Self::plain_phrase`]).
    pub phrase_options: Vec<PhraseOption>,
}

/// One field of a phrase: its terms with their offsets (as `PhraseQuery::new_with_offset`
/// takes them; one term is a `TermQuery`) and its boost.
#[derive(Debug, Clone)]
pub(crate) struct PhraseOption {
    pub terms: Vec<(usize, Term)>,
    pub boost: f32,
}

impl Builder<'_> {
    /// The tantivy query for a whole parsed query; empty matches everything.
    pub fn query(&mut self, parsed: &query::Query) -> Box<dyn Query> {
        if parsed.is_empty() {
            return Box::new(AllQuery);
        }
        self.clauses(&parsed.clauses)
    }

    fn clauses(&mut self, clauses: &[Clause]) -> Box<dyn Query> {
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for clause in clauses {
            match clause {
                Clause::Exclude(unit) => {
                    if let Some(q) = self.unit(unit) {
                        parts.push((Occur::MustNot, q));
                    }
                }
                Clause::Include(units) => {
                    let alternatives: Vec<Box<dyn Query>> =
                        units.iter().filter_map(|u| self.unit(u)).collect();
                    match alternatives.len() {
                        0 => {}
                        1 => parts.extend(alternatives.into_iter().map(|q| (Occur::Must, q))),
                        _ => parts.push((Occur::Must, Box::new(BooleanQuery::union(alternatives)))),
                    }
                }
            }
        }
        if std::mem::take(&mut self.relax) {
            parts = all_but_one(parts);
        }
        if parts.iter().all(|(occur, _)| *occur == Occur::MustNot) {
            // Only exclusions (or nothing searchable): start from everything.
            parts.push((Occur::Must, Box::new(AllQuery)));
        }
        Box::new(BooleanQuery::new(parts))
    }

    fn unit(&mut self, unit: &Unit) -> Option<Box<dyn Query>> {
        match unit {
            Unit::Group(group) => Some(self.clauses(&group.clauses)),
            Unit::Term(term) => self.term(term),
        }
    }

    /// A term's query; `None` when it has nothing searchable (e.g. only stop words).
    fn term(&mut self, term: &query::Term) -> Option<Box<dyn Query>> {
        let built = match &term.kind {
            TermKind::Word(word) => self.word(term.field, word),
            TermKind::Phrase(words) => {
                let text = words.join(" ");
                let phrase = self.phrase(term.field, &text);
                let options = std::mem::take(&mut self.phrase_options);
                match (term.field, self.recall) {
                    (None, Recall::Full) => {
                        let synonyms = self.synonyms(&text);
                        self.plain_phrase = synonyms.is_none().then_some(options);
                        dismax(phrase.into_iter().chain(synonyms).collect())
                    }
                    _ => {
                        self.plain_phrase = Some(options);
                        phrase
                    }
                }
            }
            TermKind::Prefix(prefix) => self.prefix(term.field, prefix),
        };
        if built.is_none() {
            self.notes
                .push(format!("`{term}` has nothing to search for: ignored"));
        }
        built
    }

    fn word(&mut self, scope: Option<Scope>, word: &str) -> Option<Box<dyn Query>> {
        let scopes: Vec<Scope> = scope.map_or_else(|| all_scopes().collect(), |s| vec![s]);
        let mut targets: Vec<(Field, &str, f32)> = scopes
            .iter()
            .map(|s| {
                (
                    scope_field(self.fields, *s),
                    analysis::DANISH,
                    scope_boost(*s),
                )
            })
            .collect();
        let full = scope.is_none() && self.recall == Recall::Full;
        if full {
            let f = self.fields;
            targets.extend([
                (f.exact, analysis::EXACT, EXACT_BOOST),
                (f.parts, analysis::DANISH, PARTS_BOOST),
                (f.folded, analysis::FOLDED_QUERY, FOLDED_BOOST),
            ]);
        }
        let mut plain = Some(Vec::new());
        let mut options: Vec<Box<dyn Query>> = Vec::new();
        for (field, analyzer, boost) in targets {
            let tokens = analyzed(self.tokenizers, analyzer, word);
            match (tokens.as_slice(), plain.as_mut()) {
                ([], _) | (_, None) => {}
                ([(_, only)], Some(plain)) => {
                    plain.push((Term::from_field_text(field, only), boost));
                }
                _ => plain = None,
            }
            options.extend(all_tokens(field, &tokens, boost));
        }
        if full {
            let synonyms = self.synonyms(word);
            if synonyms.is_some() {
                plain = None;
            }
            options.extend(synonyms);
        }
        self.plain_word = plain.filter(|p| !p.is_empty());
        dismax(options)
    }

    /// Expansions of `word` from the synonym list, each searched as a phrase, low weight.
    fn synonyms(&mut self, word: &str) -> Option<Box<dyn Query>> {
        let expansions = (self.synonyms)(word);
        let mut options = Vec::new();
        for expansion in expansions {
            if let Some(q) = self.phrase(None, &expansion) {
                self.expansions.push(format!("{word} → {expansion}"));
                options.push(q);
            }
        }
        dismax(options).map(|q| boost(q, SYNONYM_BOOST))
    }

    /// Words in this order, on the stemmed section fields (and the exact field in full
    /// recall, which keeps stop words and inflection: an exact match ranks first).
    fn phrase(&mut self, scope: Option<Scope>, text: &str) -> Option<Box<dyn Query>> {
        let scopes: Vec<Scope> = scope.map_or_else(|| all_scopes().collect(), |s| vec![s]);
        self.phrase_options.clear();
        let mut options: Vec<Box<dyn Query>> = Vec::new();
        for s in scopes {
            let field = scope_field(self.fields, s);
            options.extend(self.phrase_in(field, analysis::DANISH, text, scope_boost(s)));
        }
        if scope.is_none() && self.recall == Recall::Full {
            options.extend(self.phrase_in(self.fields.exact, analysis::EXACT, text, EXACT_BOOST));
        }
        dismax(options)
    }

    fn phrase_in(
        &mut self,
        field: Field,
        analyzer: &str,
        text: &str,
        weight: f32,
    ) -> Option<Box<dyn Query>> {
        let mut tokens = analyzed(self.tokenizers, analyzer, text);
        // A number is emitted whole and as pieces at one position: the whole form suffices.
        tokens.dedup_by_key(|(position, _)| *position);
        let first = tokens.first()?.0;
        let terms: Vec<(usize, Term)> = tokens
            .iter()
            .map(|(pos, t)| (pos - first, Term::from_field_text(field, t)))
            .collect();
        let query: Box<dyn Query> = match tokens.as_slice() {
            [(_, only)] => term_query(field, only),
            _ => Box::new(PhraseQuery::new_with_offset(terms.clone())),
        };
        self.phrase_options.push(PhraseOption {
            terms,
            boost: weight,
        });
        Some(boost(query, weight))
    }

    /// Words starting with `prefix`, read from the term dictionary (the exact words, or a
    /// scoped section's stems), capped at the most frequent [`MAX_PREFIX_TERMS`].
    fn prefix(&mut self, scope: Option<Scope>, prefix: &str) -> Option<Box<dyn Query>> {
        let lower = prefix.to_lowercase();
        let fields: Vec<(Field, f32)> = match (scope, self.recall) {
            (None, Recall::Full) => vec![(self.fields.exact, 1.0)],
            (None, Recall::StemOnly) => all_scopes()
                .map(|s| (scope_field(self.fields, s), scope_boost(s)))
                .collect(),
            (Some(s), _) => vec![(scope_field(self.fields, s), scope_boost(s))],
        };
        let mut options = Vec::new();
        for (field, weight) in fields {
            let (terms, capped) = prefix_terms(self.searcher, field, &lower, MAX_PREFIX_TERMS);
            if capped {
                self.notes.push(format!(
                    "`{prefix}*` matches many words: the {MAX_PREFIX_TERMS} most frequent are used"
                ));
            }
            let queries = terms.iter().map(|t| term_query(field, t)).collect();
            options.push(boost(Box::new(BooleanQuery::union(queries)), weight));
        }
        let found = dismax(options);
        found.or_else(|| Some(Box::new(EmptyQuery)))
    }
}

/// All of a word's `tokens` in `field` (several when the analyzer splits the word, e.g.
/// `covid-19`).
fn all_tokens(field: Field, tokens: &[(usize, String)], weight: f32) -> Option<Box<dyn Query>> {
    let queries: Vec<Box<dyn Query>> = tokens
        .iter()
        .map(|(_, token)| term_query(field, token))
        .collect();
    let query: Box<dyn Query> = match queries.len() {
        0 => return None,
        1 => queries.into_iter().next()?,
        _ => Box::new(BooleanQuery::intersection(queries)),
    };
    Some(boost(query, weight))
}

/// The required parts turned into "all but one of them" (exclusions stay as they are).
fn all_but_one(parts: Vec<(Occur, Box<dyn Query>)>) -> Vec<(Occur, Box<dyn Query>)> {
    let (required, mut rest): (Vec<_>, Vec<_>) = parts
        .into_iter()
        .partition(|(occur, _)| *occur == Occur::Must);
    if required.len() < 2 {
        rest.extend(required);
        return rest;
    }
    let minimum = required.len() - 1;
    let alternatives = required.into_iter().map(|(_, q)| q).collect();
    let relaxed = BooleanQuery::union_with_minimum_required_clauses(alternatives, minimum);
    rest.push((Occur::Must, Box::new(relaxed)));
    rest
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn boost(query: Box<dyn Query>, weight: f32) -> Box<dyn Query> {
    if (weight - 1.0).abs() < f32::EPSILON {
        return query;
    }
    Box::new(BoostQuery::new(query, weight))
}

/// Best of the options, plus a little of the others; `None` when there are none.
fn dismax(options: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    match options.len() {
        0 => None,
        1 => options.into_iter().next(),
        _ => Some(Box::new(DisjunctionMaxQuery::with_tie_breaker(
            options,
            TIE_BREAKER,
        ))),
    }
}
