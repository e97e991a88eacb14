//! The query language: user text → [`Query`] AST, pure (no tantivy), so it can be fuzzed.
//!
//! Grammar (everything else is read as words, never an error):
//!
//! ```text
//! query   := clause*                       clauses are AND'ed
//! clause  := '-' unit | unit ('OR' unit)*   exclusion, or alternatives
//! unit    := '(' query ')' | term
//! term    := [field ':'] ( '"' words '"' | word '*' | word )
//! field   := titel | resume | sagsfremstilling | indstilling | beslutning | bilag | …
//! ```
//!
//! Text pasted from a referat is a query too, so the reader is forgiving: a dash between
//! spaces is punctuation, `Punkt 2:` and `PLO:` are words, unknown fields are words, a URL
//! gives its words, an unclosed quote runs to the end, a lone `OR` or `*` is dropped, and only
//! the first [`MAX_TERMS`] terms are kept. Each such reading leaves a note for the person.
//! [`Query`]'s `Display` is the normalized query and parses back to the same AST.

use std::fmt;

use crate::model::SectionKind;

mod lex;

use lex::{lex, Lexeme};

/// Terms beyond this many are dropped (pasted pages would otherwise build huge queries).
pub const MAX_TERMS: usize = 64;
/// Prefixes shorter than this (in characters) are searched as words: they match too much.
pub const MIN_PREFIX_CHARS: usize = 3;
/// Deeper groups are flattened (bounds the parser's recursion on hostile input).
pub const MAX_DEPTH: usize = 8;

/// A parsed query: its clauses are AND'ed. Empty means "everything".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

/// One AND'ed part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// At least one of these must match (one unit: it must match).
    Include(Vec<Unit>),
    /// Items matching this are left out.
    Exclude(Unit),
}

/// A term or a parenthesized group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    Term(Term),
    Group(Query),
}

/// A word, phrase or prefix, optionally scoped to one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub field: Option<Scope>,
    pub kind: TermKind,
}

/// What a term looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermKind {
    Word(String),
    /// The words in order (as typed, split on whitespace).
    Phrase(Vec<String>),
    /// Words starting with this (without the `*`).
    Prefix(String),
}

/// A field a term can be scoped to with `field:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Titel,
    Section(SectionKind),
}

impl Scope {
    /// The prefix as written in the query language.
    pub fn key(self) -> &'static str {
        match self {
            Scope::Titel => "titel",
            Scope::Section(kind) => kind.key(),
        }
    }

    /// Field names people type, case-insensitive, with or without Danish letters.
    fn from_name(name: &str) -> Option<Scope> {
        match name.to_lowercase().as_str() {
            "titel" | "title" => Some(Scope::Titel),
            "resume" | "resumé" => Some(Scope::Section(SectionKind::Resume)),
            "fravaerende" | "fraværende" => Some(Scope::Section(SectionKind::Fravaerende)),
            other => SectionKind::from_key(other).map(Scope::Section),
        }
    }
}

/// A parsed query and the notes on how it was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub query: Query,
    pub notes: Vec<String>,
}

/// Read `input` as a query. Never fails.
pub fn parse(input: &str) -> Parsed {
    let mut notes = Vec::new();
    let lexemes = lex(input, &mut notes);
    let mut parser = Parser {
        lexemes,
        at: 0,
        notes,
        terms: 0,
        capped: false,
    };
    let query = parser.query(0);
    let mut notes = parser.notes;
    if parser.capped {
        notes.push(format!("only the first {MAX_TERMS} terms are used"));
    }
    notes.dedup();
    Parsed { query, notes }
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// Every term in the query, excluded ones included (with their exclusion flag).
    pub fn terms(&self) -> Vec<(&Term, bool)> {
        let mut out = Vec::new();
        collect_terms(self, false, &mut out);
        out
    }
}

fn collect_terms<'a>(query: &'a Query, excluded: bool, out: &mut Vec<(&'a Term, bool)>) {
    for clause in &query.clauses {
        match clause {
            Clause::Include(units) => units.iter().for_each(|u| unit_terms(u, excluded, out)),
            Clause::Exclude(unit) => unit_terms(unit, !excluded, out),
        }
    }
}

fn unit_terms<'a>(unit: &'a Unit, excluded: bool, out: &mut Vec<(&'a Term, bool)>) {
    match unit {
        Unit::Term(term) => out.push((term, excluded)),
        Unit::Group(query) => collect_terms(query, excluded, out),
    }
}

struct Parser {
    lexemes: Vec<Lexeme>,
    at: usize,
    notes: Vec<String>,
    terms: usize,
    capped: bool,
}

impl Parser {
    fn peek(&self) -> Option<&Lexeme> {
        self.lexemes.get(self.at)
    }

    /// Clauses until the end, or until the `)` closing a group at `depth` > 0.
    fn query(&mut self, depth: usize) -> Query {
        if depth > MAX_DEPTH {
            self.notes
                .push(format!("groups nested over {MAX_DEPTH} deep are flattened"));
            return self.flat_group();
        }
        let mut clauses = Vec::new();
        while let Some(lexeme) = self.peek() {
            match lexeme {
                Lexeme::Close if depth > 0 => {
                    self.at += 1;
                    break;
                }
                Lexeme::Close => {
                    self.at += 1;
                    self.notes.push("unmatched `)` ignored".into());
                }
                Lexeme::Or => {
                    self.at += 1;
                    self.notes
                        .push("`OR` without a term on both sides ignored".into());
                }
                _ => {
                    if let Some(clause) = self.clause(depth) {
                        clauses.push(clause);
                    }
                }
            }
        }
        Query { clauses }
    }

    /// Terms until the matching `)`, nested brackets ignored: keeps recursion bounded.
    fn flat_group(&mut self) -> Query {
        let mut open = 1usize;
        let mut clauses = Vec::new();
        while let Some(lexeme) = self.peek() {
            match lexeme {
                Lexeme::Open => open += 1,
                Lexeme::Close => open -= 1,
                Lexeme::Word { .. } | Lexeme::Quoted { .. } => {
                    if let Some(unit) = self.unit(MAX_DEPTH) {
                        clauses.push(Clause::Include(vec![unit]));
                    }
                    continue;
                }
                Lexeme::Or | Lexeme::Minus => {}
            }
            self.at += 1;
            if open == 0 {
                break;
            }
        }
        Query { clauses }
    }

    fn clause(&mut self, depth: usize) -> Option<Clause> {
        if matches!(self.peek(), Some(Lexeme::Minus)) {
            self.at += 1;
            return self.unit(depth).map(Clause::Exclude);
        }
        let first = self.unit(depth);
        let mut units: Vec<Unit> = first.into_iter().collect();
        while matches!(self.peek(), Some(Lexeme::Or)) && self.next_starts_unit() {
            self.at += 1;
            if units.is_empty() {
                self.notes
                    .push("`OR` without a term on both sides ignored".into());
            }
            units.extend(self.unit(depth));
        }
        (!units.is_empty()).then_some(Clause::Include(units))
    }

    /// Whether the lexeme after an `OR` can start an alternative.
    fn next_starts_unit(&self) -> bool {
        matches!(
            self.lexemes.get(self.at + 1),
            Some(Lexeme::Open | Lexeme::Word { .. } | Lexeme::Quoted { .. })
        )
    }

    fn unit(&mut self, depth: usize) -> Option<Unit> {
        let lexeme = self.peek()?.clone();
        self.at += 1;
        match lexeme {
            Lexeme::Open => {
                let group = self.query(depth + 1);
                simplify_group(group)
            }
            Lexeme::Quoted { scope, words } => self.term(scope, TermKind::Phrase(words)),
            Lexeme::Word { scope, text } => self.word(scope, text),
            Lexeme::Minus | Lexeme::Or | Lexeme::Close => None,
        }
    }

    fn word(&mut self, scope: Option<Scope>, text: String) -> Option<Unit> {
        let stem = text.trim_end_matches('*');
        if stem.len() == text.len() {
            return self.term(scope, TermKind::Word(text));
        }
        if stem.chars().filter(|c| c.is_alphanumeric()).count() == 0 {
            self.notes.push(format!("`{text}` alone ignored"));
            return None;
        }
        if stem.chars().count() < MIN_PREFIX_CHARS {
            self.notes.push(format!(
                "`{text}`: prefixes need {MIN_PREFIX_CHARS} letters, searched as a word"
            ));
            // Trimmed so the word reads back as itself, not as a field or an operator.
            let word = stem.trim_end_matches(':');
            let operator = scope.is_none() && (word == "OR" || word == "AND");
            if operator || !word.chars().any(char::is_alphanumeric) {
                return None;
            }
            return self.term(scope, TermKind::Word(word.to_owned()));
        }
        self.term(scope, TermKind::Prefix(stem.to_owned()))
    }

    fn term(&mut self, field: Option<Scope>, kind: TermKind) -> Option<Unit> {
        if self.terms >= MAX_TERMS {
            self.capped = true;
            return None;
        }
        self.terms += 1;
        Some(Unit::Term(Term { field, kind }))
    }
}

/// `(a)` is just `a`; `()` is nothing. Keeps the AST canonical so it re-parses identically.
fn simplify_group(group: Query) -> Option<Unit> {
    match group.clauses.as_slice() {
        [] => None,
        [Clause::Include(units)] if units.len() == 1 => units.first().cloned(),
        _ => Some(Unit::Group(group)),
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, clause) in self.clauses.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{clause}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Clause::Exclude(unit) => write!(f, "-{unit}"),
            Clause::Include(units) => {
                for (i, unit) in units.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" OR ")?;
                    }
                    write!(f, "{unit}")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Term(term) => write!(f, "{term}"),
            Unit::Group(query) => write!(f, "({query})"),
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(scope) = self.field {
            write!(f, "{}:", scope.key())?;
        }
        match &self.kind {
            TermKind::Word(word) => f.write_str(word),
            TermKind::Prefix(prefix) => write!(f, "{prefix}*"),
            TermKind::Phrase(words) => write!(f, "\"{}\"", words.join(" ")),
        }
    }
}

#[cfg(test)]
mod tests;
