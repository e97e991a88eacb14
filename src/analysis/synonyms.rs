//! Abbreviations ↔ long forms for query expansion (`KOL` ↔ "kronisk obstruktiv
//! lungesygdom"). The search side asks [`Synonyms::expand`] for the alternatives of a query
//! word or phrase and ORs them in. The list is a data file users can edit
//! (`data/synonyms.txt`, format documented at its top); the built-in copy is compiled in.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

const BUILTIN: &str = include_str!("../../data/synonyms.txt");

/// Errors reading a synonyms file.
#[derive(Debug, thiserror::Error)]
pub enum SynonymsError {
    #[error("cannot read synonyms file `{path}`: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("synonyms line {line}: expected `abbreviation = long form; …`, found `{text}`")]
    Syntax { line: usize, text: String },
}

/// Groups of equivalent terms, looked up case-insensitively.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    /// Each group's terms as written in the file.
    groups: Vec<Vec<String>>,
    /// Normalized term → indices of the groups it belongs to.
    index: HashMap<String, Vec<usize>>,
}

impl Synonyms {
    /// The list shipped with referat (`data/synonyms.txt`).
    pub fn builtin() -> Synonyms {
        // Our own compiled-in file, not outside input: a test parses it on every CI run.
        Synonyms::parse(BUILTIN).expect("data/synonyms.txt parses (tested)")
    }

    /// A user's synonyms file.
    pub fn load(path: &Path) -> Result<Synonyms, SynonymsError> {
        let text = std::fs::read_to_string(path).map_err(|source| SynonymsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Synonyms::parse(&text)
    }

    /// Parse the file format (see `data/synonyms.txt`).
    pub fn parse(text: &str) -> Result<Synonyms, SynonymsError> {
        let mut synonyms = Synonyms::default();
        for (number, line) in text.lines().enumerate() {
            let content = line.split('#').next().unwrap_or_default().trim();
            if content.is_empty() {
                continue;
            }
            let group = parse_group(content).ok_or_else(|| SynonymsError::Syntax {
                line: number + 1,
                text: line.to_string(),
            })?;
            synonyms.add(group);
        }
        Ok(synonyms)
    }

    fn add(&mut self, group: Vec<String>) {
        let id = self.groups.len();
        for term in &group {
            let ids = self.index.entry(normalize(term)).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        self.groups.push(group);
    }

    /// The alternatives for one query word or phrase (case-insensitive), as written in the
    /// file, without the input itself; empty when it has none.
    pub fn expand(&self, word: &str) -> Vec<String> {
        let key = normalize(word);
        let Some(ids) = self.index.get(&key) else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for term in ids.iter().filter_map(|&id| self.groups.get(id)).flatten() {
            if normalize(term) != key && !out.iter().any(|t| normalize(t) == normalize(term)) {
                out.push(term.clone());
            }
        }
        out
    }

    /// Number of groups (lines) loaded.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// `ABBR = long; long` → its terms; `None` when there is no `=` or an empty term.
fn parse_group(content: &str) -> Option<Vec<String>> {
    let (abbreviation, long_forms) = content.split_once('=')?;
    let terms: Vec<String> = std::iter::once(abbreviation)
        .chain(long_forms.split(';'))
        .map(|term| term.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    (terms.len() >= 2 && terms.iter().all(|t| !t.is_empty())).then_some(terms)
}

fn normalize(term: &str) -> String {
    let nfc: String = term.nfc().collect();
    nfc.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_file_parses_and_holds_the_known_abbreviations() {
        let synonyms = Synonyms::parse(BUILTIN).expect("data/synonyms.txt must parse");
        for abbreviation in ["PLO", "FAM", "KOL", "SDU", "IPG", "CPOP", "SSS", "KKR"] {
            assert!(
                !synonyms.expand(abbreviation).is_empty(),
                "{abbreviation} has no long form"
            );
        }
    }

    #[test]
    fn abbreviation_expands_to_long_form_case_insensitively() {
        let synonyms = Synonyms::builtin();
        assert_eq!(
            synonyms.expand("kol"),
            vec!["kronisk obstruktiv lungesygdom"]
        );
        assert!(synonyms
            .expand("Sss")
            .contains(&"Strategisk Sundhedsstyregruppe".to_string()));
    }

    #[test]
    fn long_form_expands_back_to_abbreviation_and_siblings() {
        let synonyms = Synonyms::builtin();
        let alternatives = synonyms.expand("Cerebral  Parese Opfølgningsprogram");
        assert!(alternatives.contains(&"CPOP".to_string()));
        assert!(alternatives.contains(&"opfølgningsprogrammet for cerebral parese".to_string()));
        assert!(!alternatives
            .iter()
            .any(|t| t.eq_ignore_ascii_case("cerebral parese opfølgningsprogram")));
    }

    #[test]
    fn unknown_word_has_no_alternatives() {
        assert!(Synonyms::builtin().expand("lægedækning").is_empty());
    }

    #[test]
    fn line_without_equals_is_a_syntax_error_naming_the_line() {
        let error = Synonyms::parse("# ok\nPLO Praktiserende").unwrap_err();
        assert!(
            matches!(error, SynonymsError::Syntax { line: 2, .. }),
            "{error}"
        );
    }

    #[test]
    fn missing_file_is_an_io_error_with_its_path() {
        let error = Synonyms::load(Path::new("/nonexistent/synonyms.txt")).unwrap_err();
        assert!(error.to_string().contains("/nonexistent/synonyms.txt"));
    }

    #[test]
    fn a_term_in_two_groups_gets_both_groups_alternatives() {
        let synonyms = Synonyms::parse("A = x\nB = x").expect("valid");
        assert_eq!(synonyms.expand("x"), vec!["A", "B"]);
    }
}
