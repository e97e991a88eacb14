//! Query AST → [`Plan`]. This is where recall and ranking are decided: each word is a
//! disjunction over the exact word, its stem in every section (weighted by section), its
//! compound parts, its folded spelling and its synonyms; words are AND'ed. A query of one
//! plain word or one quoted phrase compiles to its fast path's variant when ranked by
//! relevance; everything else to a tantivy query.

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Searcher, Term};

use super::plan::{Compiled, Mode, PhraseOption, Plan, TIE_BREAKER};
use super::scopes::{all_scopes, scope_boost, scope_field};
use super::terms::{analyzed, prefix_terms};
use super::Recall;
use crate::analysis;
use crate::engine::query::{self, Clause, Scope, TermKind, Unit};
use crate::engine::schema::Fields;

/// Weight of the exact (unstemmed) word: the strongest evidence.
const EXACT_BOOST: f32 = 3.0;
const PARTS_BOOST: f32 = 0.6;
const FOLDED_BOOST: f32 = 0.5;
const SYNONYM_BOOST: f32 = 0.4;
/// Prefix expansions kept (the most frequent words).
pub(crate) const MAX_PREFIX_TERMS: usize = 50;

/// What compiling reads: the index's fields and analyzers, the searcher (prefixes read the
/// term dictionary), the recall mode and the synonyms.
pub(crate) struct Context<'a> {
    pub fields: &'a Fields,
    pub tokenizers: &'a TokenizerManager,
    pub searcher: &'a Searcher,
    pub recall: Recall,
    pub synonyms: &'a dyn Fn(&str) -> Vec<String>,
}

/// `parsed` compiled into the plan that runs it under `mode`.
pub(crate) fn compile(context: &Context<'_>, parsed: &query::Query, mode: Mode) -> Compiled {
    let mut builder = Builder {
        context,
        notes: Vec::new(),
        expansions: Vec::new(),
        relax: mode.relax,
        phrase_options: Vec::new(),
    };
    let plan = builder.plan(parsed, mode.fast_paths && !mode.relax);
    Compiled {
        plan,
        notes: builder.notes,
        expansions: builder.expansions,
    }
}

/// The one term a query consists of, when it is nothing else (no exclusion, group or
/// alternative): the shape a fast path may run.
fn single_term(parsed: &query::Query) -> Option<&query::Term> {
    match parsed.clauses.as_slice() {
        [Clause::Include(units)] => match units.as_slice() {
            [Unit::Term(term)] => Some(term),
            _ => None,
        },
        _ => None,
    }
}

/// One compilation: the context, and what it learns on the way.
struct Builder<'a> {
    context: &'a Context<'a>,
    notes: Vec<String>,
    expansions: Vec<String>,
    /// Whether the next finished clause list matches all but one of its required parts.
    relax: bool,
    /// The options of the phrase being built (see [`Built::fast`]).
    phrase_options: Vec<PhraseOption>,
}

/// A term's tantivy query (`None` when it has nothing searchable), and the fast path that
/// can run the term on its own, when there is one.
struct Built {
    query: Option<Box<dyn Query>>,
    fast: Option<Plan>,
}

impl Builder<'_> {
    /// The plan for a whole parsed query; empty matches everything.
    fn plan(&mut self, parsed: &query::Query, fast_paths: bool) -> Plan {
        if parsed.is_empty() {
            return Plan::Tantivy(Box::new(AllQuery));
        }
        let Some(term) = single_term(parsed) else {
            return Plan::Tantivy(self.clauses(&parsed.clauses));
        };
        let built = self.term(term);
        match built.fast {
            Some(fast) if fast_paths => fast,
            _ => {
                let parts = built.query.map(|q| (Occur::Must, q)).into_iter().collect();
                Plan::Tantivy(self.finish(parts))
            }
        }
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
        self.finish(parts)
    }

    /// The clauses' parts as one query: relaxed when asked (the first list finished takes
    /// the request), everything when nothing is required.
    fn finish(&mut self, mut parts: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
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
            Unit::Term(term) => self.term(term).query,
        }
    }

    /// A term's query (`None` when it has nothing searchable, e.g. only stop words) and its
    /// fast path.
    fn term(&mut self, term: &query::Term) -> Built {
        let built = match &term.kind {
            TermKind::Word(word) => self.word(term.field, word),
            TermKind::Phrase(words) => self.quoted(term.field, &words.join(" ")),
            TermKind::Prefix(prefix) => Built {
                query: self.prefix(term.field, prefix),
                fast: None,
            },
        };
        if built.query.is_none() {
            self.notes
                .push(format!("`{term}` has nothing to search for: ignored"));
        }
        built
    }

    /// A quoted phrase, with its synonyms when unscoped in full recall; the phrase fast
    /// path runs it when it has none.
    fn quoted(&mut self, scope: Option<Scope>, text: &str) -> Built {
        let phrase = self.phrase(scope, text);
        let options = std::mem::take(&mut self.phrase_options);
        if scope.is_some() || self.context.recall != Recall::Full {
            return Built {
                query: phrase,
                fast: Some(Plan::Phrase(options)),
            };
        }
        let synonyms = self.synonyms(text);
        let fast = synonyms.is_none().then_some(Plan::Phrase(options));
        Built {
            query: dismax(phrase.into_iter().chain(synonyms).collect()),
            fast,
        }
    }

    /// A word's dismax over its fields (and synonyms); the word fast path runs it when
    /// every option is one plain term.
    fn word(&mut self, scope: Option<Scope>, word: &str) -> Built {
        let context = self.context;
        let full = scope.is_none() && context.recall == Recall::Full;
        let mut plain = Some(Vec::new());
        let mut options: Vec<Box<dyn Query>> = Vec::new();
        for (field, analyzer, boost) in word_targets(context.fields, scope, full) {
            let tokens = analyzed(context.tokenizers, analyzer, word);
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
        Built {
            query: dismax(options),
            fast: plain.filter(|p| !p.is_empty()).map(Plan::Word),
        }
    }

    /// Expansions of `word` from the synonym list, each searched as a phrase, low weight.
    fn synonyms(&mut self, word: &str) -> Option<Box<dyn Query>> {
        let expansions = (self.context.synonyms)(word);
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
            let field = scope_field(self.context.fields, s);
            options.extend(self.phrase_in(field, analysis::DANISH, text, scope_boost(s)));
        }
        if scope.is_none() && self.context.recall == Recall::Full {
            let exact = self.context.fields.exact;
            options.extend(self.phrase_in(exact, analysis::EXACT, text, EXACT_BOOST));
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
        let mut tokens = analyzed(self.context.tokenizers, analyzer, text);
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
        let context = self.context;
        let fields: Vec<(Field, f32)> = match (scope, context.recall) {
            (None, Recall::Full) => vec![(context.fields.exact, 1.0)],
            (None, Recall::StemOnly) => all_scopes()
                .map(|s| (scope_field(context.fields, s), scope_boost(s)))
                .collect(),
            (Some(s), _) => vec![(scope_field(context.fields, s), scope_boost(s))],
        };
        let mut options = Vec::new();
        for (field, weight) in fields {
            let (terms, capped) = prefix_terms(context.searcher, field, &lower, MAX_PREFIX_TERMS);
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

/// The fields a word in `scope` is looked for in, with their analyzers and boosts: every
/// section's stems, and in `full` recall the exact, parts and folded fields too.
fn word_targets(
    fields: &Fields,
    scope: Option<Scope>,
    full: bool,
) -> Vec<(Field, &'static str, f32)> {
    let scopes: Vec<Scope> = scope.map_or_else(|| all_scopes().collect(), |s| vec![s]);
    let mut targets: Vec<(Field, &'static str, f32)> = scopes
        .iter()
        .map(|s| (scope_field(fields, *s), analysis::DANISH, scope_boost(*s)))
        .collect();
    if full {
        targets.extend([
            (fields.exact, analysis::EXACT, EXACT_BOOST),
            (fields.parts, analysis::DANISH, PARTS_BOOST),
            (fields.folded, analysis::FOLDED_QUERY, FOLDED_BOOST),
        ]);
    }
    targets
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
