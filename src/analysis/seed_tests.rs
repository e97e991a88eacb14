//! Recall measured on the five seed referater: what the PARTS and FOLDED chains find that
//! stemming alone misses, and how many words the compound splitter cuts. A hit is an agenda
//! item whose tokens contain the query's token (what a term query on that field matches).
//! `cargo test --lib analysis::seed_tests -- --nocapture` prints the figures.

use std::collections::HashSet;
use std::path::Path;

use super::*;

/// The seed texts split at `Punkt N:` headings (table-of-contents lines carry a tab and a
/// page number, so they are not headings).
fn seed_items() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the seeds folder is part of the repository")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut items = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("seed files are UTF-8 text");
        let mut current: Option<String> = None;
        for line in text.lines() {
            let bare = line.trim_start_matches(['#', ' ', '*']);
            if bare.starts_with("Punkt ") && bare.contains(':') && !line.contains('\t') {
                items.extend(current.take());
                current = Some(String::new());
            }
            if let Some(item) = current.as_mut() {
                item.push_str(line);
                item.push('\n');
            }
        }
        items.extend(current);
    }
    items
}

struct Corpus {
    manager: TokenizerManager,
    items: Vec<String>,
}

impl Corpus {
    fn new() -> Corpus {
        let manager = TokenizerManager::default();
        register(&manager);
        Corpus {
            manager,
            items: seed_items(),
        }
    }

    /// Items where, for some `(field_analyzer, query_analyzer)` pair, the field's tokens
    /// contain the single token the query analyzer makes of `query` (what a disjunction of
    /// term queries over those fields matches).
    fn hits(&self, pairs: &[(&str, &str)], query: &str) -> usize {
        let wanted: Vec<(&str, String)> = pairs
            .iter()
            .map(|(field, query_analyzer)| {
                let token = tokens(&self.manager, query_analyzer, query);
                assert_eq!(token.len(), 1, "one-word queries only: {token:?}");
                (*field, token[0].clone())
            })
            .collect();
        self.items
            .iter()
            .filter(|item| {
                wanted
                    .iter()
                    .any(|(field, token)| tokens(&self.manager, field, item).contains(token))
            })
            .count()
    }
}

#[test]
fn parts_and_folded_find_what_stemming_misses_on_the_seeds() {
    let corpus = Corpus::new();
    assert!(corpus.items.len() >= 40, "{} items", corpus.items.len());
    // Parts and folded spellings are searched next to the stems, never instead of them.
    let stemmed = |q| corpus.hits(&[(DANISH, DANISH)], q);
    let parts = |q| corpus.hits(&[(DANISH, DANISH), (PARTS, DANISH)], q);
    let folded = |q| corpus.hits(&[(DANISH, DANISH), (FOLDED, FOLDED_QUERY)], q);
    for query in [
        "lægedækning",
        "situation",
        "midler",
        "reform",
        "muskellidelser",
    ] {
        eprintln!(
            "{query:>16}: danish {:>2}  parts {:>2}",
            stemmed(query),
            parts(query)
        );
        assert!(
            parts(query) > stemmed(query),
            "{query}: compounds add no hit"
        );
    }
    for (typed, written) in [
        ("laegedaekning", "lægedækning"),
        ("Fano", "Fanø"),
        ("sundhedsrad", "sundhedsråd"),
    ] {
        eprintln!(
            "{typed:>16}: danish {:>2}  folded {:>2}  ({written}: danish {:>2})",
            stemmed(typed),
            folded(typed),
            stemmed(written)
        );
        assert!(stemmed(written) > 0, "{written} is in the seeds");
        assert!(
            folded(typed) >= stemmed(written),
            "{typed} finds fewer items than {written}"
        );
    }
}

#[test]
fn compound_splitting_on_the_seeds_stays_selective() {
    let corpus = Corpus::new();
    let words: HashSet<String> = corpus
        .items
        .iter()
        .flat_map(|item| tokens(&corpus.manager, EXACT, item))
        .filter(|word| word.chars().all(char::is_alphabetic))
        .collect();
    let split = words
        .iter()
        .filter(|word| compound::Splitter::builtin().split(word).is_some())
        .count();
    let (danish, parts): (usize, usize) = corpus.items.iter().fold((0, 0), |(d, p), item| {
        let count = |analyzer| tokens(&corpus.manager, analyzer, item).len();
        (d + count(DANISH), p + count(PARTS))
    });
    eprintln!(
        "word types {}, split {split}; tokens danish {danish}, parts {parts} ({:.1}%)",
        words.len(),
        100.0 * parts as f64 / danish as f64
    );
    // Health-care minutes are compound-rich, but a splitter cutting a quarter of all words
    // has lost its guards.
    assert!(
        split * 100 > words.len() * 5,
        "only {split} of {} split",
        words.len()
    );
    assert!(
        split * 100 < words.len() * 25,
        "{split} of {} split",
        words.len()
    );
}

/// The chains as built before the shared head: each its own tokenizer, long-token filter and
/// lowercaser. The registered analyzers must emit exactly what these do.
fn reference_chain(name: &str) -> TextAnalyzer {
    use super::tokenizer::WordTokenizer;
    use std::sync::Arc;
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter};
    let tokenizer = if name == PARTS {
        WordTokenizer::with_ellipsis(Arc::new(compound::Splitter::builtin()))
    } else {
        WordTokenizer::default()
    };
    let head = TextAnalyzer::builder(tokenizer)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser);
    let last: Box<dyn Fn() -> ExpandFilter> = match name {
        DANISH => Box::new(|| ExpandFilter::new(Stem)),
        PARTS => Box::new(|| ExpandFilter::new(Parts)),
        FOLDED => Box::new(|| ExpandFilter::new(Folded)),
        FOLDED_QUERY => Box::new(|| ExpandFilter::new(FoldedQuery)),
        _ => return head.build(),
    };
    head.filter(stop_words()).filter(last()).build()
}

#[test]
fn shared_head_emits_what_separate_chains_did_on_the_seeds() {
    let corpus = Corpus::new();
    let names = [DANISH, EXACT, PARTS, FOLDED, FOLDED_QUERY];
    let mut checked = 0;
    for item in &corpus.items {
        // The same text through every chain in a row, as a document's whole-item fields go:
        // all but the first chain read the shared analysis.
        for name in names {
            let mut registered = corpus.manager.get(name).expect("registered");
            let expected = emitted(&mut reference_chain(name), item);
            assert_eq!(emitted(&mut registered, item), expected, "{name}");
            checked += expected.len();
        }
    }
    assert!(checked > 10_000, "{checked} tokens compared");
}

#[test]
fn title_and_sections_read_from_the_whole_item_emit_their_own_tokens_on_the_seeds() {
    let corpus = Corpus::new();
    let mut checked = 0;
    for item in &corpus.items {
        // As a document is indexed: the whole text through EXACT, PARTS and FOLDED first,
        // then each paragraph (title, sections) through DANISH.
        let paragraphs: Vec<&str> = item.split("\n\n").collect();
        let whole = paragraphs.join("\n\n");
        for name in [EXACT, PARTS, FOLDED] {
            let mut registered = corpus.manager.get(name).expect("registered");
            let expected = emitted(&mut reference_chain(name), &whole);
            assert_eq!(emitted(&mut registered, &whole), expected, "{name}");
        }
        for paragraph in paragraphs {
            let mut registered = corpus.manager.get(DANISH).expect("registered");
            let expected = emitted(&mut reference_chain(DANISH), paragraph);
            assert_eq!(emitted(&mut registered, paragraph), expected, "{paragraph}");
            checked += expected.len();
        }
    }
    assert!(checked > 10_000, "{checked} tokens compared");
}
