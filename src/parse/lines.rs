//! What one line of a referat is, decided by its words (after markdown removal), never by
//! its markdown level: a `Punkt N:` heading (the other item styles are in `headings`, the
//! section headings in `sections`), a case number ("22/43402", "Sagsnr. 12/838") or a
//! table-of-contents entry ("Title.....\t3").

use std::sync::LazyLock;

use regex::Regex;

pub use super::headings::ItemHeading;
use super::headings::ItemStyle;
use super::markdown;

static CASE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{2}/\d{3,7}(?:-\d+)?$").expect("static case number pattern is valid")
});

/// "Title.....\t3", "Title\t3" (a cut-off title has no dots), "Title..... 3".
static TOC_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([^\t]*?)(?:\.{3,}\s*|\.*\t+)(\d{1,4})$").expect("static toc pattern is valid")
});

/// "Punkt N: title" at any heading level, bold or not, with `:`, `.` or a dash.
/// A table-of-contents line ("Punkt 1: Velkomst.....\t3") is not a heading.
pub fn item_heading(line: &str) -> Option<ItemHeading> {
    ItemStyle::Punkt.heading(&markdown::plain_cow(line))
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

/// "Sagsnr. 12/838", "Sagsnr.: 22/43402 Dok.nr.: 7" → "12/838": the case number some
/// families print before the item heading.
pub fn sagsnr_in(text: &str) -> Option<String> {
    let rest = text
        .get(..6)
        .filter(|start| start.eq_ignore_ascii_case("sagsnr"))
        .and_then(|_| text.get(6..))?;
    let number = rest
        .trim_start_matches(['.', ':', ' ', '\t'])
        .split_whitespace()
        .next()?;
    Some(number.to_string())
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
        assert_eq!(sagsnr_in("Sagsnr. 12/838").as_deref(), Some("12/838"));
        assert_eq!(
            sagsnr_in("Sagsnr.: 22/43402 Dok.nr.: 7").as_deref(),
            Some("22/43402")
        );
        assert_eq!(sagsnr_in("Sagsnr."), None);
    }
}
