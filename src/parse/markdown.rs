//! Markdown removal for one line of a referat. Exports come as markdown or plain text; the
//! parser recognises structure by content, so every line is first reduced to its words:
//! heading marks, `**`/`*`/`_` emphasis and links go, `\_` becomes `_`, list marks stay.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// `[text](url)` → `text`.
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("static link pattern is valid"));

/// Placeholder for an escaped character while emphasis is removed, so `\_` survives.
const ESCAPED_UNDERSCORE: char = '\u{E000}';
const ESCAPED_STAR: char = '\u{E001}';

/// Number of leading `#` marks when the line is a markdown heading (`## Title`), else 0.
pub fn heading_level(line: &str) -> usize {
    let trimmed = line.trim_start();
    let hashes = trimmed.chars().take_while(|&c| c == '#').count();
    let rest = &trimmed[hashes..];
    if hashes > 0 && hashes <= 6 && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
        hashes
    } else {
        0
    }
}

/// The line without markdown, trailing whitespace removed. Leading indentation is kept so
/// nested list items stay readable; a heading's marks and the space after them go.
pub fn strip_line(line: &str) -> String {
    strip_line_cow(line).into_owned()
}

/// [`strip_line`], borrowing `line` when it holds no markdown at all (most lines).
pub fn strip_line_cow(line: &str) -> Cow<'_, str> {
    if !may_hold_markdown(line) {
        return Cow::Borrowed(line.trim_end());
    }
    Cow::Owned(strip_markdown(line))
}

/// Whether `line` has a byte markdown removal could act on: a heading, emphasis or escape
/// mark, a link's `[`, or the lead byte of the private-use placeholders (U+E000, U+E001)
/// that the slow path turns into `_` and `*`.
fn may_hold_markdown(line: &str) -> bool {
    line.bytes()
        .any(|b| matches!(b, b'#' | b'*' | b'_' | b'\\' | b'[' | 0xEE))
}

fn strip_markdown(line: &str) -> String {
    let without_heading = strip_heading_marks(line);
    // Each step runs only when its mark is there: the result is the same, the copies fewer.
    let escaped = if without_heading.contains('\\') {
        Cow::Owned(
            without_heading
                .replace("\\_", &ESCAPED_UNDERSCORE.to_string())
                .replace("\\*", &ESCAPED_STAR.to_string()),
        )
    } else {
        Cow::Borrowed(without_heading)
    };
    let linked = if escaped.contains('[') {
        Cow::Owned(LINK.replace_all(&escaped, "$1").into_owned())
    } else {
        escaped
    };
    let mut plain = if linked.contains(['*', '_']) {
        remove_emphasis(&linked)
    } else {
        linked.into_owned()
    };
    if plain.contains([ESCAPED_UNDERSCORE, ESCAPED_STAR]) {
        plain = plain
            .replace(ESCAPED_UNDERSCORE, "_")
            .replace(ESCAPED_STAR, "*");
    }
    plain.truncate(plain.trim_end().len());
    plain
}

/// [`strip_line`] trimmed at both ends: what headings and titles are compared on.
pub fn plain(line: &str) -> String {
    plain_cow(line).into_owned()
}

/// [`plain`], borrowing `line` when it holds no markdown.
pub fn plain_cow(line: &str) -> Cow<'_, str> {
    match strip_line_cow(line) {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(text) => Cow::Owned(text.trim().to_string()),
    }
}

fn strip_heading_marks(line: &str) -> &str {
    let level = heading_level(line);
    if level == 0 {
        return line;
    }
    line.trim_start()[level..].trim_start()
}

/// Removes `*` and `_` used as emphasis marks. A mark is emphasis unless it stands alone
/// between spaces (a bullet, an operator) or inside a word (`snake_case`, `2*3`).
fn remove_emphasis(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut before = None;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        let mark = ch == '*' || ch == '_';
        if !mark || is_literal_mark(ch, before, chars.peek().copied()) {
            out.push(ch);
        }
        // The neighbour as written, whether or not it was kept.
        before = Some(ch);
    }
    out
}

fn is_literal_mark(mark: char, before: Option<char>, after: Option<char>) -> bool {
    let is_space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let alone = is_space(before) && is_space(after);
    // A leading "* " is a bullet: keep it so the list item stays a list item.
    let inside_word = is_word(before) && is_word(after);
    let bullet = mark == '*' && before.is_none() && is_space(after);
    alone || inside_word || bullet
}

/// A list item line: "- text", "* text", "• text", "1. text", "a. text" (indentation allowed).
pub fn is_list_item(line: &str) -> bool {
    let trimmed = line.trim_start();
    if trimmed == "-" || trimmed.starts_with("- ") || trimmed.starts_with("* ") {
        return true;
    }
    if trimmed.starts_with("• ") || trimmed.starts_with("– ") {
        return true;
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && digits < 4 && trimmed[digits..].starts_with(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_marks_and_bold_are_removed() {
        assert_eq!(
            plain("## **Punkt 1: Velkomst v/ Stephanie Storbank**"),
            "Punkt 1: Velkomst v/ Stephanie Storbank"
        );
        assert_eq!(plain("#### Lægedækning"), "Lægedækning");
        assert_eq!(heading_level("### **Resumé**"), 3);
        assert_eq!(heading_level("#hashtag"), 0);
    }

    #[test]
    fn single_star_emphasis_is_removed_but_bullets_stay() {
        assert_eq!(
            strip_line("*IPG-Forebyggelse og Børn og Unge* sikrer, at"),
            "IPG-Forebyggelse og Børn og Unge sikrer, at"
        );
        assert_eq!(
            strip_line("klyngen bliver LEAD på at ”*Afprøve redskaber*”, og"),
            "klyngen bliver LEAD på at ”Afprøve redskaber”, og"
        );
        assert_eq!(strip_line("* punkt"), "* punkt");
        assert_eq!(strip_line("2 * 3"), "2 * 3");
    }

    #[test]
    fn escaped_underscore_becomes_underscore_and_word_underscores_stay() {
        assert_eq!(
            strip_line("Casekatalog\\_endelig\\_godkendt af SSS.pdf"),
            "Casekatalog_endelig_godkendt af SSS.pdf"
        );
        assert_eq!(strip_line("snake_case _vigtigt_"), "snake_case vigtigt");
    }

    #[test]
    fn plain_lines_are_borrowed_and_placeholder_characters_still_become_marks() {
        assert!(matches!(
            strip_line_cow("Lægedækning i Esbjerg.  "),
            Cow::Borrowed("Lægedækning i Esbjerg.")
        ));
        assert_eq!(plain_cow("  Resumé \t"), "Resumé");
        // The slow path has always read U+E000/U+E001 as escaped marks; the fast one agrees.
        assert_eq!(strip_line("a\u{E000}b\u{E001}c"), "a_b*c");
    }

    #[test]
    fn links_keep_their_text() {
        assert_eq!(
            strip_line("Se [Forløbsprogrammer](#) og [her](https://x.dk/a_b)."),
            "Se Forløbsprogrammer og her."
        );
    }

    #[test]
    fn list_items_are_recognised_with_indentation() {
        assert!(is_list_item("- Kom Trygt Hjem"));
        assert!(is_list_item("  - Indsats 1"));
        assert!(is_list_item("1. Rundvisning"));
        assert!(is_list_item("-"));
        assert!(!is_list_item("2024. Året"));
        assert!(!is_list_item("Resumé"));
    }

    #[test]
    fn tabs_in_table_rows_are_kept() {
        assert_eq!(strip_line("Billund\t29.625\t21 "), "Billund\t29.625\t21");
    }
}
