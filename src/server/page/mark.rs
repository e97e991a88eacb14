//! The search words marked in a whole item's text (the item page, opened from a hit, carries
//! the search in its URL). The engine marks snippets with its analyzers; a page of one item
//! needs only the reader's orientation: a word is marked when its Danish stem equals a search
//! word's, or starts with it (compounds: "lægedækningspuljen" for "lægedækning"). Excluded
//! words (`-ord`) and operators are not marked.

use maud::{html, Markup};
use rust_stemmers::{Algorithm, Stemmer};

/// Stems shorter than this mark only whole words, never compound heads ("ar*" marks nothing).
const MIN_PREFIX_CHARS: usize = 4;

/// The search words of a query, stemmed; empty when there is nothing to mark.
#[derive(Debug, Default)]
pub struct Terms {
    stems: Vec<String>,
}

impl Terms {
    /// The words of `query` worth marking: not excluded, without `field:`, quotes, `*`.
    pub fn from_query(query: &str) -> Terms {
        let stemmer = Stemmer::create(Algorithm::Danish);
        let mut stems: Vec<String> = Vec::new();
        for raw in query.split_whitespace() {
            if raw.starts_with('-') || raw == "OR" {
                continue;
            }
            let word = raw.rsplit(':').next().unwrap_or(raw);
            for part in word.split(|c: char| !c.is_alphanumeric()) {
                let stem = stemmer.stem(&part.to_lowercase()).into_owned();
                if !stem.is_empty() && !stems.contains(&stem) {
                    stems.push(stem);
                }
            }
        }
        Terms { stems }
    }

    fn matches(&self, stemmer: &Stemmer, word: &str) -> bool {
        let lower = word.to_lowercase();
        let stem = stemmer.stem(&lower);
        self.stems.iter().any(|s| {
            *s == stem || (s.chars().count() >= MIN_PREFIX_CHARS && lower.starts_with(s.as_str()))
        })
    }

    /// `line` as markup, the matching words in `<mark>`.
    pub fn mark(&self, line: &str) -> Markup {
        if self.stems.is_empty() {
            return html! { (line) };
        }
        let stemmer = Stemmer::create(Algorithm::Danish);
        html! {
            @for (piece, is_word) in pieces(line) {
                @if is_word && self.matches(&stemmer, piece) { mark { (piece) } } @else { (piece) }
            }
        }
    }
}

/// `text` cut into runs of letters/digits (words) and of everything else.
fn pieces(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_word = None;
    for (at, ch) in text.char_indices() {
        let word = ch.is_alphanumeric();
        if in_word.is_some_and(|w| w != word) {
            out.push((&text[start..at], !word));
            start = at;
        }
        in_word = Some(word);
    }
    if start < text.len() {
        out.push((&text[start..], in_word.unwrap_or(false)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(query: &str, text: &str) -> String {
        Terms::from_query(query).mark(text).into_string()
    }

    #[test]
    fn inflected_forms_and_compounds_are_marked() {
        assert_eq!(
            marked(
                "lægedækning",
                "Lægedækningen og lægedækningspuljen, ikke læger."
            ),
            "<mark>Lægedækningen</mark> og <mark>lægedækningspuljen</mark>, ikke læger."
        );
    }

    #[test]
    fn excluded_words_operators_and_fields_are_handled() {
        assert_eq!(
            marked(
                "titel:reform -demens OR \"Kom Trygt\"",
                "Reform, demens, kom trygt"
            ),
            "<mark>Reform</mark>, demens, <mark>kom</mark> <mark>trygt</mark>"
        );
    }

    #[test]
    fn text_is_escaped_and_an_empty_query_marks_nothing() {
        assert_eq!(marked("", "<b>"), "&lt;b&gt;");
        assert_eq!(marked("b", "<b>"), "&lt;<mark>b</mark>&gt;");
    }
}
