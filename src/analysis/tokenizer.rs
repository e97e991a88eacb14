//! The first step of every referat chain: text → word tokens, NFC-normalized.
//!
//! Why not tantivy's `SimpleTokenizer`: it splits decomposed letters (`A` + U+030A) out of
//! their word and breaks numbers people search for whole. Here a word is a run of letters,
//! digits and combining marks; its text is NFC-normalized, while its offsets still point into
//! the original text (snippets highlight the stored text).
//!
//! Numbers joined by `/ . , - :` (case numbers `22/43402`, amounts `6.547.550`, decimals `2,7`,
//! dates `11-11-2024`) are emitted whole AND as their digit runs: the whole form at the
//! position of the first run, the runs at consecutive positions. Index and query run the same
//! tokenizer, so a phrase query over a number lines up with the indexed positions, and a search
//! for `43402` alone still finds the case number.
//!
//! With an elliptical-compound resolver (the PARTS chain), "Muskel- og skeletlidelser" also
//! yields `muskellidelser` at the position of "Muskel".

use std::borrow::Cow;
use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Completes the first word of an elliptical compound ("Muskel-" + "skeletlidelser" →
/// "muskellidelser"); `None` when the second word is no compound it can cut.
pub trait Ellipsis: Send + Sync + 'static {
    fn complete(&self, first: &str, second: &str) -> Option<String>;
}

/// Separators that may join digit runs into one number token.
const NUMBER_JOINERS: [char; 5] = ['/', '.', ',', '-', ':'];

/// Conjunctions that close an elliptical list ("Muskel- og", "Børne-, unge- eller").
const ELLIPSIS_CONJUNCTIONS: [&str; 4] = ["og", "eller", "samt", "&"];

/// The referat word tokenizer; see the module doc.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    ellipsis: Option<Arc<dyn Ellipsis>>,
}

impl WordTokenizer {
    /// A tokenizer that also resolves elliptical compounds with `ellipsis`.
    pub fn with_ellipsis(ellipsis: Arc<dyn Ellipsis>) -> Self {
        WordTokenizer {
            ellipsis: Some(ellipsis),
        }
    }
}

/// Tokens computed up front (a word may yield several), handed out one by one.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
    current: Token,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        let Some(token) = self.tokens.get_mut(self.next) else {
            return false;
        };
        self.current = std::mem::take(token);
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: self.tokenize(text),
            next: 0,
            current: Token::default(),
        }
    }
}

fn is_word_char(c: char) -> bool {
    // Danish text is nearly all ASCII and Latin-1 letters (æ, ø, å, é): settled without the
    // Unicode tables, which every space and letter otherwise went through (~2 % of indexing).
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{C0}'..='\u{FF}').contains(&c) {
        // À–ÿ are all letters but the multiplication and division signs.
        return c != '×' && c != '÷';
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Byte end of the word starting at `start` (which must be a word char).
fn word_end(text: &str, start: usize) -> usize {
    text[start..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| start + i)
}

/// If `text[start..end]` is all digits and a joiner + digit follows, the end of the whole
/// joined number and the byte ranges of its digit runs.
fn joined_number(text: &str, start: usize, end: usize) -> Option<(usize, Vec<(usize, usize)>)> {
    let is_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !is_digits(&text[start..end]) {
        return None;
    }
    let mut runs = vec![(start, end)];
    let mut end = end;
    loop {
        let rest = &text[end..];
        let mut chars = rest.chars();
        let (Some(joiner), Some(digit)) = (chars.next(), chars.next()) else {
            break;
        };
        if !NUMBER_JOINERS.contains(&joiner) || !digit.is_ascii_digit() {
            break;
        }
        let run_start = end + joiner.len_utf8();
        let run_end = word_end(text, run_start);
        if !is_digits(&text[run_start..run_end]) {
            break;
        }
        runs.push((run_start, run_end));
        end = run_end;
    }
    (runs.len() > 1).then_some((end, runs))
}

/// One token as found: its byte range in the text, its position and its text (NFC),
/// borrowed from the text where it is NFC already.
pub(crate) struct Found<'t> {
    pub from: usize,
    pub to: usize,
    pub position: usize,
    pub text: Cow<'t, str>,
    /// An elliptical completion: a word not in the text, only the `ellipsis` makes.
    pub completion: bool,
}

impl<'t> Found<'t> {
    fn new(text: &'t str, from: usize, to: usize, position: usize) -> Found<'t> {
        Found {
            from,
            to,
            position,
            text: nfc(&text[from..to]),
            completion: false,
        }
    }

    fn into_token(self) -> Token {
        Token {
            offset_from: self.from,
            offset_to: self.to,
            position: self.position,
            text: self.text.into_owned(),
            position_length: 1,
        }
    }
}

/// `word` in NFC. Text below U+0300 (ASCII, Latin-1 with æ/ø/å, …) is NFC already, and in
/// UTF-8 exactly those characters have lead bytes below 0xCC: such words, nearly all of them,
/// skip the normalizer (it was ~15% of indexing time) and are not copied.
fn nfc(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| b < 0xCC) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.nfc().collect())
    }
}

impl WordTokenizer {
    fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        self.tokenize_into(text, &mut |found| tokens.push(found.into_token()));
        tokens
    }

    /// Every token of `text`, in order, to `emit`.
    pub(crate) fn tokenize_into<'t>(&self, text: &'t str, emit: &mut dyn FnMut(Found<'t>)) {
        let mut position = 0;
        let mut cursor = 0;
        while let Some((offset, _)) = text[cursor..]
            .char_indices()
            .find(|&(_, c)| is_word_char(c))
        {
            let start = cursor + offset;
            let end = word_end(text, start);
            if let Some((number_end, runs)) = joined_number(text, start, end) {
                emit(Found::new(text, start, number_end, position));
                for (from, to) in runs {
                    emit(Found::new(text, from, to, position));
                    position += 1;
                }
                cursor = number_end;
                continue;
            }
            emit(Found::new(text, start, end, position));
            if let Some(completed) = self.complete_ellipsis(text, start, end) {
                let mut extra = Found::new(text, start, end, position);
                extra.text = Cow::Owned(completed);
                extra.completion = true;
                emit(extra);
            }
            position += 1;
            cursor = end;
        }
    }

    /// "Muskel- og skeletlidelser": when the word at `start..end` ends in a hyphen and a list
    /// closed by a conjunction follows, complete it with the head of the list's last word.
    fn complete_ellipsis(&self, text: &str, start: usize, end: usize) -> Option<String> {
        let ellipsis = self.ellipsis.as_ref()?;
        let rest = text[end..].strip_prefix('-')?;
        if !rest.starts_with(|c: char| c.is_whitespace() || c == ',') {
            return None;
        }
        let mut words = rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty());
        // Skip further hyphen-ended members ("Børne-, unge- og …") up to the conjunction.
        let conjunction = words.find(|w| !w.ends_with('-'))?;
        if !ELLIPSIS_CONJUNCTIONS.contains(&conjunction.to_lowercase().as_str()) {
            return None;
        }
        let last = words.next()?;
        let last_end = last.find(|c: char| !is_word_char(c)).unwrap_or(last.len());
        let first: String = text[start..end].nfc().collect();
        let second: String = last[..last_end].nfc().collect();
        ellipsis.complete(&first.to_lowercase(), &second.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_are_the_alphanumerics_and_combining_marks() {
        for c in ('\0'..='\u{2FFF}').chain(['\u{FB01}', '\u{1D400}']) {
            let expected = c.is_alphanumeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), expected, "{c:?}");
        }
    }

    fn texts(text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    fn words(text: &str) -> Vec<String> {
        texts(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn case_number_is_kept_whole_and_as_pieces() {
        assert_eq!(
            texts("sag 22/43402 godkendt"),
            vec![
                ("sag".into(), 0),
                ("22/43402".into(), 1),
                ("22".into(), 1),
                ("43402".into(), 2),
                ("godkendt".into(), 3)
            ]
        );
    }

    #[test]
    fn amounts_decimals_and_dates_stay_whole() {
        let tokens = words("i alt 6.547.550 kr., 2,7 pct. den 11-11-2024.");
        for whole in ["6.547.550", "2,7", "11-11-2024"] {
            assert!(tokens.contains(&whole.to_string()), "{whole} in {tokens:?}");
        }
        assert!(tokens.contains(&"2024".to_string()));
    }

    #[test]
    fn sentence_end_after_number_is_not_joined() {
        assert_eq!(words("i 2024. Derefter"), vec!["i", "2024", "Derefter"]);
    }

    #[test]
    fn decomposed_letters_stay_in_their_word_as_nfc() {
        assert_eq!(
            words("A\u{30A}benra\u{30A} kommune"),
            vec!["Åbenrå", "kommune"]
        );
    }

    #[test]
    fn words_already_in_nfc_pass_unchanged_and_others_are_composed() {
        for word in ["lægedækning", "Åbenrå", "22/43402", "naïve", "ŋ", "Ǻ"] {
            assert_eq!(nfc(word), word.nfc().collect::<String>(), "{word}");
        }
        let below: String = ('\u{0}'..'\u{300}').collect();
        assert_eq!(
            nfc(&below),
            below.nfc().collect::<String>(),
            "all of U+0000..U+02FF"
        );
        assert_eq!(nfc("A\u{30A}"), "Å");
        assert_eq!(nfc("\u{212B}"), "Å", "the angstrom sign is no NFC");
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "A\u{30A}benra\u{30A} x";
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        assert!(stream.advance());
        let token = stream.token();
        assert_eq!(
            &text[token.offset_from..token.offset_to],
            "A\u{30A}benra\u{30A}"
        );
    }

    #[test]
    fn hyphens_and_punctuation_split_words() {
        assert_eq!(words("LEAD-projekt: (KOL)"), vec!["LEAD", "projekt", "KOL"]);
    }

    struct Join;
    impl Ellipsis for Join {
        fn complete(&self, first: &str, second: &str) -> Option<String> {
            Some(format!("{first}+{second}"))
        }
    }

    #[test]
    fn elliptical_list_is_completed_at_the_first_word() {
        let mut tokenizer = WordTokenizer::with_ellipsis(Arc::new(Join));
        let mut stream = tokenizer.token_stream("Børne-, unge- og Ungedirektørerne");
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        assert!(out.contains(&("børne+ungedirektørerne".to_string(), 0)));
        assert!(out.contains(&("unge+ungedirektørerne".to_string(), 1)));
    }

    #[test]
    fn hyphenated_word_without_list_is_no_ellipsis() {
        let mut tokenizer = WordTokenizer::with_ellipsis(Arc::new(Join));
        let mut stream = tokenizer.token_stream("LEAD-projekt og mere");
        let mut count = 0;
        while stream.advance() {
            count += 1;
        }
        assert_eq!(count, 4);
    }
}
