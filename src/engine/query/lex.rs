//! Query text → lexemes. This is where pasted text is made sense of: dashes between spaces,
//! trailing colons, unknown fields, URLs and unclosed quotes are settled here, so the parser
//! only sees well-formed pieces. Every word it emits re-lexes to itself (the AST round-trips).

use super::Scope;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Lexeme {
    Open,
    Close,
    Or,
    /// Always directly followed by the lexeme it excludes.
    Minus,
    Word {
        scope: Option<Scope>,
        text: String,
    },
    Quoted {
        scope: Option<Scope>,
        words: Vec<String>,
    },
}

/// Split `input` into lexemes; notes on how pasted text was read go to `notes`.
pub(super) fn lex(input: &str, notes: &mut Vec<String>) -> Vec<Lexeme> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let ch = chars[at];
        if ch.is_whitespace() {
            at += 1;
        } else if ch == '(' {
            out.push(Lexeme::Open);
            at += 1;
        } else if ch == ')' {
            out.push(Lexeme::Close);
            at += 1;
        } else if let Some(next) = item_heading(&chars, at) {
            let heading: String = chars[at..next].iter().collect();
            notes.push(format!("`{}` is an item heading: left out", heading.trim()));
            at = next;
        } else {
            at = chunk(&chars, at, &mut out, notes);
        }
    }
    out
}

/// A bare run of characters, with the quoted phrase glued to its end if any (`titel:"…"`,
/// `-"…"`). Returns the position after it.
fn chunk(chars: &[char], start: usize, out: &mut Vec<Lexeme>, notes: &mut Vec<String>) -> usize {
    let mut at = start;
    while at < chars.len() && !is_boundary(chars[at]) {
        at += 1;
    }
    let bare: String = chars[start..at].iter().collect();
    let quote = if chars.get(at) == Some(&'"') {
        let (words, next) = quoted(chars, at + 1, notes);
        at = next;
        Some(words)
    } else {
        None
    };
    let glued_open = chars.get(at) == Some(&'(');
    let negated = bare.starts_with('-');
    let rest = bare.trim_start_matches('-');
    let mut pieces = pieces(rest, quote, notes);
    if negated {
        let excludes_something = match pieces.first() {
            Some(Lexeme::Word { .. } | Lexeme::Quoted { .. }) => true,
            None => glued_open,
            _ => false,
        };
        if excludes_something {
            out.push(Lexeme::Minus);
        } else if rest.is_empty() {
            notes.push("`-` between spaces read as a dash, not an exclusion".into());
        }
    }
    out.append(&mut pieces);
    at
}

/// The end of a pasted item heading (`Punkt 2:`) starting at `at`: its words are in no
/// item's text (the parser keeps only the title), so requiring them would find nothing.
fn item_heading(chars: &[char], at: usize) -> Option<usize> {
    let word: String = chars[at..].iter().take(5).collect();
    if !word.eq_ignore_ascii_case("punkt") {
        return None;
    }
    let mut next = at + 5;
    let spaces = chars[next..]
        .iter()
        .take_while(|c| c.is_whitespace())
        .count();
    next += spaces;
    let digits = chars[next..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if spaces == 0 || digits == 0 {
        return None;
    }
    next += digits;
    (chars.get(next) == Some(&':')).then_some(next + 1)
}

fn is_boundary(ch: char) -> bool {
    ch.is_whitespace() || matches!(ch, '(' | ')' | '"')
}

/// Words of a quoted phrase starting at `at` (after the opening quote), and the position
/// after the closing quote (or the end: an unclosed quote runs to the end).
fn quoted(chars: &[char], at: usize, notes: &mut Vec<String>) -> (Vec<String>, usize) {
    let end = chars[at..]
        .iter()
        .position(|c| *c == '"')
        .map(|offset| at + offset);
    if end.is_none() {
        notes.push("unclosed `\"`: the phrase runs to the end".into());
    }
    let stop = end.unwrap_or(chars.len());
    let text: String = chars[at..stop].iter().collect();
    let words = text.split_whitespace().map(str::to_owned).collect();
    (words, end.map_or(stop, |e| e + 1))
}

/// Lexemes for a bare run (without leading dashes) and its glued phrase.
fn pieces(bare: &str, quote: Option<Vec<String>>, notes: &mut Vec<String>) -> Vec<Lexeme> {
    let mut out = Vec::new();
    let field = bare.strip_suffix(':').and_then(Scope::from_name);
    if let (Some(scope), Some(words)) = (field, quote.as_ref()) {
        push_phrase(&mut out, Some(scope), words.clone());
        return out;
    }
    if bare == "OR" {
        out.push(Lexeme::Or);
    } else if bare != "AND" && !bare.is_empty() {
        words(bare, &mut out, notes);
    }
    if let Some(words) = quote {
        push_phrase(&mut out, None, words);
    }
    out
}

fn push_phrase(out: &mut Vec<Lexeme>, scope: Option<Scope>, words: Vec<String>) {
    if words.iter().any(|w| w.chars().any(char::is_alphanumeric)) {
        out.push(Lexeme::Quoted { scope, words });
    }
}

/// Words of a bare run: `field:word`, `PLO:`, `Punkt 2:`, `foo:bar`, URLs, plain words.
fn words(bare: &str, out: &mut Vec<Lexeme>, notes: &mut Vec<String>) {
    // Leading dashes go first, so what follows is read as it would be on its own.
    let trimmed = bare.trim_start_matches('-').trim_end_matches(':');
    if trimmed.len() < bare.len() && trimmed.chars().any(char::is_alphanumeric) {
        notes.push(format!("`{bare}` read as a word, not as a field"));
    }
    let Some((name, rest)) = trimmed.split_once(':') else {
        return push_word(out, None, trimmed);
    };
    if name.is_empty() || !name.chars().all(char::is_alphabetic) {
        return push_word(out, None, trimmed);
    }
    if rest.starts_with("//") {
        notes.push(format!("the address `{bare}` read as its words"));
        rest.split(|c: char| !c.is_alphanumeric())
            .filter(|piece| *piece != "www")
            .for_each(|piece| push_word(out, None, piece));
        return;
    }
    match Scope::from_name(name) {
        Some(scope) => push_word(out, Some(scope), rest),
        None => {
            notes.push(format!("unknown field `{name}`: read as a word"));
            push_word(out, None, name);
            words(rest, out, notes);
        }
    }
}

/// A word, if it has something to search for. Unscoped words lose leading dashes and can't
/// be `OR`/`AND`, so the normalized query reads back the same.
fn push_word(out: &mut Vec<Lexeme>, scope: Option<Scope>, text: &str) {
    let text = if scope.is_none() {
        text.trim_start_matches('-')
    } else {
        text
    };
    if scope.is_none() && (text == "OR" || text == "AND") {
        return;
    }
    if text.chars().any(char::is_alphanumeric) || (text.ends_with('*') && !text.is_empty()) {
        out.push(Lexeme::Word {
            scope,
            text: text.to_owned(),
        });
    }
}
