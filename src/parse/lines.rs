//! What one line of a referat is, decided by its words (after markdown removal), never by
//! its markdown level: an agenda item heading ("Punkt 3: …", "Punkt 3 - …", "Punkt 3. …"),
//! a section heading (Resumé in any spelling, Sagsfremstilling, Indstilling, Beslutning …,
//! Bilag, Fraværende with names inline), a case number ("22/43402") or a table-of-contents
//! entry ("Title.....\t3").

use std::sync::LazyLock;

use regex::Regex;

use super::markdown;
use crate::model::SectionKind;

static ITEM_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^punkt\s+(\d{1,6})\s*(?:[:.]|\s[-–])\s*(\S.*)$")
        .expect("static item pattern is valid")
});

static CASE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{2}/\d{3,7}(?:-\d+)?$").expect("static case number pattern is valid")
});

/// "Title.....\t3", "Title\t3" (a cut-off title has no dots), "Title..... 3".
static TOC_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([^\t]*?)(?:\.{3,}\s*|\.*\t+)(\d{1,4})$").expect("static toc pattern is valid")
});

/// "Beslutning i Sundhedsklynge Sydvestjylland den 11-11-2024", "Beslutning på mødet".
static BESLUTNING_LONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^beslutning\s+(?:i|på|fra|den|d\.)\s").expect("static pattern is valid")
});

/// Longest heading line we accept: real headings are short, and this keeps a sentence
/// that happens to start with "Beslutning i …" in the text.
const MAX_HEADING_CHARS: usize = 120;

/// An agenda item heading: its number and title as written (markdown removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemHeading {
    pub number: u32,
    pub title: String,
}

/// A recognised section heading; `inline` holds text written on the heading's own line
/// ("**Fraværende** Birgitte Ries Møller, PLO" → "Birgitte Ries Møller, PLO").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionHeading {
    pub kind: SectionKind,
    pub heading: String,
    pub inline: Option<String>,
}

/// "Punkt N: title" at any heading level, bold or not, with `:`, `.` or a dash.
/// A table-of-contents line ("Punkt 1: Velkomst.....\t3") is not a heading.
pub fn item_heading(line: &str) -> Option<ItemHeading> {
    item_heading_in(&markdown::plain_cow(line))
}

/// [`item_heading`] of a line already in its [`markdown::plain`] form.
pub fn item_heading_in(text: &str) -> Option<ItemHeading> {
    // Every line is asked, so settle most without the regex: `(?i)pun` matches only the
    // ASCII letters in either case (no other character folds to `p`, `u` or `n`).
    if !text
        .as_bytes()
        .get(..3)
        .is_some_and(|start| start.eq_ignore_ascii_case(b"pun"))
    {
        return None;
    }
    let caps = ITEM_HEADING.captures(text)?;
    if toc_entry(text).is_some() {
        return None;
    }
    let number = caps[1].parse().ok()?;
    let title = caps[2].trim().to_string();
    Some(ItemHeading { number, title })
}

/// The case number line ("22/43402").
#[cfg(test)]
pub fn case_number(line: &str) -> Option<String> {
    case_number_in(&markdown::plain_cow(line))
}

/// [`case_number`] of a line already in its [`markdown::plain`] form.
pub fn case_number_in(text: &str) -> Option<String> {
    CASE_NUMBER.is_match(text).then(|| text.to_owned())
}

/// A table-of-contents entry: the title as printed and its page.
pub fn toc_entry(text: &str) -> Option<(String, Option<u32>)> {
    let text = text.trim();
    // Most lines asked are items, sections or prose: settle them without the regex, which
    // only matches lines ending in a digit with dot leaders or a tab before it.
    let ends_in_digit = text.chars().next_back().is_some_and(char::is_numeric);
    if !ends_in_digit || !(text.contains('\t') || text.contains("...")) {
        return None;
    }
    let (title, page) = toc_split(text)?;
    let title = title.trim().trim_end_matches('.').trim();
    if title.is_empty() {
        return None;
    }
    Some((title.to_string(), page.parse().ok()))
}

/// [`TOC_ENTRY`]'s two groups, found by hand: the regex's lazy title made it a tenth of
/// parsing (issue #6). Its `\d` is any decimal digit, so a page not in ASCII digits is
/// left to the regex itself.
fn toc_split(text: &str) -> Option<(&str, &str)> {
    let rest = text.trim_end_matches(|c: char| c.is_ascii_digit());
    let page = &text[rest.len()..];
    if rest.ends_with(char::is_numeric) {
        let caps = TOC_ENTRY.captures(text)?;
        let (title, page) = (caps.get(1)?, caps.get(2)?);
        return Some((title.as_str(), page.as_str()));
    }
    if page.is_empty() || page.len() > 4 {
        return None;
    }
    // The shortest title wins: of "dots (3 or more) then any spaces" and "any dots then
    // tabs", whichever leader starts earlier.
    let dotted = rest.trim_end_matches(char::is_whitespace);
    let before_dots = dotted.trim_end_matches('.');
    let dots = (dotted.len() - before_dots.len() >= 3).then_some(before_dots.len());
    let before_tabs = rest.trim_end_matches('\t');
    let tabbed = (before_tabs.len() < rest.len()).then(|| before_tabs.trim_end_matches('.').len());
    let title_end = match (dots, tabbed) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    let title = &text[..title_end];
    (!title.contains('\t')).then_some((title, page))
}

/// The section heading a line is, if any. List items are never headings.
pub fn section_heading(line: &str) -> Option<SectionHeading> {
    section_heading_in(line, &markdown::plain_cow(line))
}

/// [`section_heading`] of `line` whose [`markdown::plain`] form is `text`.
pub fn section_heading_in(line: &str, text: &str) -> Option<SectionHeading> {
    if markdown::is_list_item(line) {
        return None;
    }
    let too_long = text.len() > MAX_HEADING_CHARS && text.chars().count() > MAX_HEADING_CHARS;
    if text.is_empty() || too_long {
        return None;
    }
    let bare = text.trim_end_matches(':').trim();
    if let Some(kind) = exact_heading_kind(bare) {
        return Some(SectionHeading {
            kind,
            heading: bare.to_string(),
            inline: None,
        });
    }
    if BESLUTNING_LONG.is_match(bare) && !bare.ends_with('.') {
        return Some(SectionHeading {
            kind: SectionKind::Beslutning,
            heading: bare.to_string(),
            inline: None,
        });
    }
    inline_fravaerende(line, text)
}

/// A heading written on its own: "RESUMÉ", "Sagsfremstilling", "bilag".
fn exact_heading_kind(text: &str) -> Option<SectionKind> {
    // No character lowercases to less than a third of its bytes, and the longest heading
    // word is 16 bytes: longer text cannot be one, and need not be lowercased.
    if text.len() > 3 * "sagsfremstilling".len() {
        return None;
    }
    let lower = text.to_lowercase();
    let kind = match lower.as_str() {
        "resumé" | "resume" | "resumè" | "resumê" | "resumée" => SectionKind::Resume,
        "sagsfremstilling" => SectionKind::Sagsfremstilling,
        "indstilling" => SectionKind::Indstilling,
        "beslutning" => SectionKind::Beslutning,
        "bilag" => SectionKind::Bilag,
        "fraværende" | "fravær" | "afbud" => SectionKind::Fravaerende,
        _ => return None,
    };
    Some(kind)
}

/// "**Fraværende** Birgitte Ries Møller, PLO" or plain "Fraværende Mads Sørensen, Varde
/// Kommune": the names follow the word. Plain text must look like a list of names (every
/// comma-separated part capitalised, no full stop) so a sentence starting "Fraværende
/// borgere …" stays text.
fn inline_fravaerende(raw: &str, text: &str) -> Option<SectionHeading> {
    let (word, rest) = text.split_once(|c: char| c.is_whitespace() || c == ':')?;
    // `str::to_lowercase` without the allocation (they differ only on `Σ`, not in the word).
    let lower = word.chars().flat_map(char::to_lowercase);
    if !lower.eq("fraværende".chars()) {
        return None;
    }
    let names = rest.trim_start_matches([':', ' ', '\t']).trim();
    let bold = raw.contains("**");
    let looks_like_names = !names.ends_with('.')
        && names
            .split(',')
            .all(|part| part.trim().chars().next().is_some_and(char::is_uppercase));
    if names.is_empty() || !(bold || looks_like_names) {
        return None;
    }
    Some(SectionHeading {
        kind: SectionKind::Fravaerende,
        heading: word.to_string(),
        inline: Some(names.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toc_split_finds_what_the_toc_regex_finds() {
        let lines = [
            "Punkt 1: Velkomst.....\t3",
            "Punkt 1: Velkomst\t3",
            "Punkt 1: Velkomst..... 12",
            "Punkt 1: Velkomst ... 1234",
            "Punkt 1: Velkomst ... 12345",
            "Punkt 1: Velkomst.. 3",
            "Punkt 1: Velkomst..\t3",
            "a\tb.....3",
            "a\t.\t5",
            "x... \t7",
            "x...\t \t7",
            "x.... \t\t.\t8",
            "...9",
            "\t9",
            "Bilag 2",
            "Titel ...\u{2003}4",
            "Titel ...\u{0663}",
            "Titel ...\u{00B2}1",
            "Titel ... ٣4",
            "Ældre... 7",
            "Mødet 2024 ... 07",
        ];
        for line in lines {
            let expected = TOC_ENTRY
                .captures(line)
                .map(|caps| (caps[1].to_string(), caps[2].to_string()));
            let found = toc_split(line).map(|(title, page)| (title.to_string(), page.to_string()));
            assert_eq!(found, expected, "{line:?}");
        }
    }

    #[test]
    fn item_headings_are_recognised_at_any_level_and_punctuation() {
        let expected = |n, t: &str| {
            Some(ItemHeading {
                number: n,
                title: t.to_string(),
            })
        };
        assert_eq!(
            item_heading("## **Punkt 1: Velkomst v/ Stephanie Storbank**"),
            expected(1, "Velkomst v/ Stephanie Storbank")
        );
        assert_eq!(item_heading("Punkt 6: Eventuelt"), expected(6, "Eventuelt"));
        assert_eq!(item_heading("Punkt 3 - Status"), expected(3, "Status"));
        assert_eq!(item_heading("### Punkt 3. Status"), expected(3, "Status"));
        assert_eq!(item_heading("Punktet indledes med et oplæg."), None);
        assert_eq!(item_heading("Punkt 1: Velkomst.....\t3"), None);
    }

    #[test]
    fn section_headings_in_every_spelling_are_recognised() {
        for (line, kind) in [
            ("### Resumé", SectionKind::Resume),
            ("RESUMÉ", SectionKind::Resume),
            ("## RESUMÈ", SectionKind::Resume),
            ("### RESUME", SectionKind::Resume),
            ("### **SAGSFREMSTILLING**", SectionKind::Sagsfremstilling),
            ("indstilling", SectionKind::Indstilling),
            ("## **Bilag**", SectionKind::Bilag),
            ("BILAG", SectionKind::Bilag),
            ("Beslutning", SectionKind::Beslutning),
        ] {
            let found = section_heading(line).map(|h| h.kind);
            assert_eq!(found, Some(kind), "{line}");
        }
    }

    #[test]
    fn beslutning_with_forum_and_date_is_a_heading() {
        let heading =
            section_heading("### **Beslutning i Sundhedsklynge Sydvestjylland den 11-11-2024**")
                .expect("heading");
        assert_eq!(heading.kind, SectionKind::Beslutning);
        assert_eq!(
            heading.heading,
            "Beslutning i Sundhedsklynge Sydvestjylland den 11-11-2024"
        );
    }

    #[test]
    fn sub_headings_list_items_and_sentences_are_not_section_headings() {
        for line in [
            "### Proces",
            "Lokalt for Sundhedsklynge Sydvestjylland",
            "#### Lægedækning",
            "- **Bilag: KL's positionspapir**",
            "- Beslutning om ad hoc gruppernes nedlæggelse eller fortsættelse",
            "Bilag 1 - Indsatser vedr. lægedækning Sønderjylland.pdf",
            "Fraværende borgere skal have tilbud.",
        ] {
            assert_eq!(section_heading(line), None, "{line}");
        }
    }

    #[test]
    fn fravaerende_names_on_the_heading_line_become_the_text() {
        let bold = section_heading("**Fraværende** Birgitte Ries Møller, PLO").expect("heading");
        assert_eq!(bold.kind, SectionKind::Fravaerende);
        assert_eq!(bold.inline.as_deref(), Some("Birgitte Ries Møller, PLO"));
        let plain =
            section_heading("Fraværende Mads Sørensen, Varde Kommune, Birgitte Ries Møller, PLO")
                .expect("heading");
        assert_eq!(
            plain.inline.as_deref(),
            Some("Mads Sørensen, Varde Kommune, Birgitte Ries Møller, PLO")
        );
    }

    #[test]
    fn toc_entries_with_and_without_dots_are_read() {
        assert_eq!(
            toc_entry("Eventuelt.....\t15"),
            Some(("Eventuelt".to_string(), Some(15)))
        );
        assert_eq!(
            toc_entry("LEAD-projekt - Afprøve redskaber med fok\t5"),
            Some((
                "LEAD-projekt - Afprøve redskaber med fok".to_string(),
                Some(5)
            ))
        );
        assert_eq!(toc_entry("Billund\t29.625\t21"), None);
    }

    #[test]
    fn case_numbers_are_recognised() {
        assert_eq!(case_number("22/43402").as_deref(), Some("22/43402"));
        assert_eq!(case_number("2022/43402"), None);
        assert_eq!(case_number("Se sag 22/43402"), None);
    }
}
