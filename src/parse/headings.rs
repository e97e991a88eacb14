//! Agenda item headings in each layout family ([`ItemStyle`]): `Punkt 3: title`,
//! `Pkt. 3 title`, `3. title`, `3Title` (the number glued on) and the number alone on its
//! line. One referat uses one style; [`detect_style`] picks it from the whole text, and the
//! agenda list that may precede the items ([`items_start`]) is told apart from the items.
//! A title loses what is not its words: a type prefix (`Beslutning: `, `LUKKET PUNKT - `)
//! and a trailing `(B)`, `Åbent` or `Lukket`. A title wrapped onto the next lines (PDFs wrap
//! long titles) is joined: see [`wrapped_title`].

use std::sync::LazyLock;

use regex::Regex;

use super::lines::toc_entry;

static PUNKT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^punkt\s+(\d{1,6})\s*(?:[:.]|\s[-–])\s*(\S.*)$")
        .expect("static item pattern is valid")
});

static PKT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^pkt\.?\s*(\d{1,6})\s*[:.\-–]?\s+(\S.*)$")
        .expect("static item pattern is valid")
});

static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,6})\.\s+(\S.*)$").expect("static item pattern is valid"));

static GLUED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,6})(\p{Lu}.*)$").expect("static item pattern is valid"));

static BARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,6})\.?$").expect("static item pattern is valid"));

/// A heading's title wraps over at most this many further lines.
const MAX_TITLE_CONTINUATIONS: usize = 2;

/// "Beslutning: ", "Orientering: ", "Lukket: ", "LUKKET PUNKT - ", "Åbent punkt - ".
static TYPE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:beslutning|orientering|drøftelse|lukket|åbent)\s*:\s+|(?:lukket|åbent)\s+punkt\s*[-–:]\s*)")
        .expect("static prefix pattern is valid")
});

/// " (B)", " (O)", " Åbent", " Lukket" at the end of a title.
static TRAILING_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:\([A-ZÆØÅ]\)|\båbent|\blukket)\s*$")
        .expect("static mark pattern is valid")
});

/// An agenda item heading: its number and title as written (markdown removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemHeading {
    pub number: u32,
    pub title: String,
}

/// How one referat writes its item headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStyle {
    /// `Punkt N: title`, `Punkt N - title`, `Punkt N. title` (FirstAgenda).
    Punkt,
    /// `Pkt. N title`, `Pkt. N: title`.
    Pkt,
    /// `N. title`, often after a `Sagsnr. 12/838` line, maybe indented.
    Numbered,
    /// `38Godkendelse af dagsorden`: the number glued to the title.
    Glued,
    /// The number alone on its line, the title on the next.
    Bare,
}

impl ItemStyle {
    /// In order of preference: a style that names the item in words wins.
    pub const ALL: [ItemStyle; 5] = [
        ItemStyle::Punkt,
        ItemStyle::Pkt,
        ItemStyle::Numbered,
        ItemStyle::Glued,
        ItemStyle::Bare,
    ];

    /// A style that says "Punkt"/"Pkt." takes any rising number as an item; in the others a
    /// number is only an item when it is the next one (`1.` in a body is a list).
    pub fn names_items(self) -> bool {
        matches!(self, ItemStyle::Punkt | ItemStyle::Pkt)
    }

    /// How the style looks, for error messages.
    pub fn example(self) -> &'static str {
        match self {
            ItemStyle::Punkt => "`Punkt 1: <title>`",
            ItemStyle::Pkt => "`Pkt. 1 <title>`",
            ItemStyle::Numbered => "`1. <title>`",
            ItemStyle::Glued => "`1<Title>`",
            ItemStyle::Bare => "`1` on its own line, the title below",
        }
    }

    /// The heading `text` (markdown removed, trimmed) is in this style. A bare number gives an
    /// empty title: the caller reads it from the next line.
    pub fn heading(self, text: &str) -> Option<ItemHeading> {
        let pattern = match self {
            ItemStyle::Punkt if starts_with_ignore_case(text, "pun") => &PUNKT,
            ItemStyle::Pkt if starts_with_ignore_case(text, "pkt") => &PKT,
            ItemStyle::Numbered | ItemStyle::Glued | ItemStyle::Bare
                if text.starts_with(|c: char| c.is_ascii_digit()) =>
            {
                match self {
                    ItemStyle::Numbered => &NUMBERED,
                    ItemStyle::Glued => &GLUED,
                    _ => &BARE,
                }
            }
            _ => return None,
        };
        let caps = pattern.captures(text)?;
        if toc_entry(text).is_some() {
            return None;
        }
        let number = caps[1].parse().ok()?;
        let title = caps.get(2).map_or("", |m| m.as_str()).trim().to_string();
        Some(ItemHeading { number, title })
    }

    /// Whether item `number` may follow item `last` (None: it would be the first).
    pub fn follows(self, last: Option<u32>, number: u32) -> bool {
        match last {
            // Numbers may start anywhere (they run on across the year), but not at 0.
            None => number > 0,
            Some(last) if self.names_items() => number > last,
            Some(last) => Some(number) == last.checked_add(1),
        }
    }
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The headings of `style` that form a rising run, as (line index, heading).
pub fn headings_of(lines: &[&str], style: ItemStyle) -> Vec<(usize, ItemHeading)> {
    let mut found: Vec<(usize, ItemHeading)> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(heading) = style.heading(&super::markdown::plain_cow(line)) else {
            continue;
        };
        let last = found.last().map(|(_, h)| h.number);
        if style.follows(last, heading.number) || heading.number == found_first(&found) {
            found.push((index, heading));
        }
    }
    found
}

fn found_first(found: &[(usize, ItemHeading)]) -> u32 {
    found.first().map_or(u32::MAX, |(_, h)| h.number)
}

/// The style of the referat: one that names items wins if it has any; else the style
/// with the most headings that have a body (a numbered list in a body, or the agenda list,
/// is headings one under the other); a tie goes to the earlier in [`ItemStyle::ALL`].
pub fn detect_style(lines: &[&str]) -> Option<ItemStyle> {
    let mut best: Option<(ItemStyle, usize)> = None;
    for style in ItemStyle::ALL {
        let found = headings_of(lines, style);
        if !found.is_empty() && style.names_items() {
            return Some(style);
        }
        let count = found
            .iter()
            .filter(|(index, _)| has_body(lines, *index, style))
            .count();
        if count > best.map_or(0, |(_, n)| n) {
            best = Some((style, count));
        }
    }
    best.map(|(style, _)| style)
}

/// The first non-blank line after the heading at `index` (its title line, for a bare
/// number) is not another heading of the style.
fn has_body(lines: &[&str], index: usize, style: ItemStyle) -> bool {
    let skip = if style == ItemStyle::Bare { 2 } else { 1 };
    lines
        .iter()
        .skip(index + skip)
        .map(|line| super::markdown::plain_cow(line))
        .find(|text| !text.is_empty())
        .is_some_and(|text| style.heading(&text).is_none())
}

/// The line where the items begin: the first heading, or, when the first heading's number
/// comes again later, the repeat (what came before was the agenda list).
pub fn items_start(lines: &[&str], style: ItemStyle) -> Option<usize> {
    let found = headings_of(lines, style);
    let (first_line, first) = found.first()?;
    let repeat = found
        .iter()
        .skip(1)
        .find(|(_, h)| h.number == first.number)
        .map(|(line, _)| *line);
    Some(repeat.unwrap_or(*first_line))
}

/// The title without a type prefix or trailing `(B)`/`Åbent`/`Lukket`.
pub fn clean_title(title: &str) -> String {
    let without_prefix = TYPE_PREFIX.replace(title, "");
    let without_mark = TRAILING_MARK.replace(&without_prefix, "");
    let cleaned = without_mark.trim();
    if cleaned.is_empty() {
        title.trim().to_string()
    } else {
        cleaned.to_string()
    }
}

/// The title of a heading joined with the lines it wraps onto (a bare number's title is
/// the next line), and how many lines that took.
pub fn wrapped_title(lines: &[&str], index: usize, title: String) -> (String, usize) {
    let mut title = title;
    let mut extra = 0;
    if title.is_empty() {
        let next = lines
            .get(index + 1)
            .map(|line| super::markdown::plain(line));
        match next.filter(|text| is_title_continuation(text, "")) {
            Some(text) => (title, extra) = (text, 1),
            None => return (title, 0),
        }
    }
    let first = extra;
    while extra - first < MAX_TITLE_CONTINUATIONS {
        let Some(next) = lines
            .get(index + extra + 1)
            .map(|line| super::markdown::plain(line))
        else {
            break;
        };
        if !is_title_continuation(&next, &title) {
            break;
        }
        if !same_words(&next, &title) {
            title = join_wrapped(&title, &next);
        }
        extra += 1;
    }
    (title, extra)
}

/// A line right below a heading (no blank between) that carries on its title: not a
/// structure line, not a sentence. A copy of the title counts (it is taken, not joined).
fn is_title_continuation(text: &str, title: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    if !title.is_empty() && same_words(text, title) {
        return true;
    }
    let structure = super::lines::case_number_in(text).is_some()
        || super::lines::sagsnr_in(text).is_some()
        || super::sections::section_heading(text).is_some()
        || super::markdown::is_list_item(text)
        || ItemStyle::ALL
            .iter()
            .any(|style| style.heading(text).is_some());
    !structure && !ends_like_sentence(text) && text.chars().count() <= 160
}

/// Abbreviations a wrapped title line may end with ("…, kl." then "12.10-12.30" below).
const ABBREVIATIONS: [&str; 10] = [
    "kl.", "ca.", "nr.", "pkt.", "jf.", "evt.", "mv.", "m.fl.", "bl.a.", "vedr.",
];

/// Ends with a full stop or a colon that is not part of an abbreviation.
fn ends_like_sentence(text: &str) -> bool {
    if text.ends_with(':') {
        return true;
    }
    let last = text.split_whitespace().last().unwrap_or_default();
    text.ends_with('.') && !ABBREVIATIONS.iter().any(|a| last.eq_ignore_ascii_case(a))
}

/// A title and its next line: a line that ends in a hyphen glued to a word ("2030-") goes on
/// without a space ("2030-fremskrivning"); any other line with one.
fn join_wrapped(title: &str, next: &str) -> String {
    let hyphen_wrap = title.ends_with('-') && !title.ends_with(" -");
    let space = if hyphen_wrap { "" } else { " " };
    format!("{title}{space}{next}")
}

fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(style: ItemStyle, text: &str) -> Option<(u32, String)> {
        style.heading(text).map(|h| (h.number, h.title))
    }

    #[test]
    fn each_style_reads_its_own_headings_only() {
        let punkt = Some((3, "Status".to_string()));
        assert_eq!(heading(ItemStyle::Punkt, "Punkt 3: Status"), punkt);
        assert_eq!(heading(ItemStyle::Pkt, "Pkt. 3 Status"), punkt);
        assert_eq!(heading(ItemStyle::Pkt, "Pkt. 3: Status"), punkt);
        assert_eq!(heading(ItemStyle::Numbered, "3. Status"), punkt);
        assert_eq!(heading(ItemStyle::Glued, "3Status"), punkt);
        assert_eq!(heading(ItemStyle::Bare, "3"), Some((3, String::new())));
        assert_eq!(heading(ItemStyle::Numbered, "3Status"), None);
        assert_eq!(heading(ItemStyle::Glued, "3. Status"), None);
        assert_eq!(heading(ItemStyle::Glued, "2024 var et år"), None);
        assert_eq!(heading(ItemStyle::Numbered, "13.30 Velkomst"), None);
    }

    #[test]
    fn numbers_past_999_are_items() {
        assert_eq!(
            heading(ItemStyle::Punkt, "Punkt 1000: Eventuelt"),
            Some((1000, "Eventuelt".to_string()))
        );
        assert!(ItemStyle::Numbered.follows(Some(999), 1000));
    }

    #[test]
    fn unnamed_styles_need_the_next_number_named_ones_any_higher() {
        assert!(ItemStyle::Numbered.follows(None, 49));
        assert!(!ItemStyle::Punkt.follows(None, 0));
        assert!(ItemStyle::Numbered.follows(Some(49), 50));
        assert!(!ItemStyle::Numbered.follows(Some(49), 51));
        assert!(!ItemStyle::Numbered.follows(Some(49), 1));
        assert!(ItemStyle::Punkt.follows(Some(2), 5));
        assert!(!ItemStyle::Punkt.follows(Some(2), 2));
    }

    #[test]
    fn punkt_wins_over_numbered_lists_in_the_body() {
        let lines = [
            "Punkt 1: A",
            "1. liste",
            "2. liste",
            "3. liste",
            "Punkt 2: B",
        ];
        assert_eq!(detect_style(&lines), Some(ItemStyle::Punkt));
        let numbered = ["Sagsnr. 1/2", "49. A", "tekst", "50. B", "1. liste"];
        assert_eq!(detect_style(&numbered), Some(ItemStyle::Numbered));
        let glued = [
            "38A", "tekst", "39B", "1. liste", "2. liste", "3. liste", "40C", "x",
        ];
        assert_eq!(detect_style(&glued), Some(ItemStyle::Glued));
    }

    #[test]
    fn an_agenda_list_before_the_items_is_not_where_items_start() {
        let lines = ["49. A", "50. B", "", "49. A", "tekst", "50. B"];
        assert_eq!(items_start(&lines, ItemStyle::Numbered), Some(3));
        let without = ["Referat", "49. A", "tekst", "50. B"];
        assert_eq!(items_start(&without, ItemStyle::Numbered), Some(1));
    }

    #[test]
    fn a_title_wrapped_after_an_abbreviation_is_joined_through_its_time_slot() {
        let lines = [
            "Punkt 7: Implementering af samarbejdsaftale for",
            "borgere med psykisk lidelse, kl.",
            "12.10-12.30",
            "",
            "Resumé",
        ];
        let (title, extra) =
            wrapped_title(&lines, 0, "Implementering af samarbejdsaftale for".into());
        assert_eq!(
            (title.as_str(), extra),
            (
                "Implementering af samarbejdsaftale for borgere med psykisk lidelse, kl. 12.10-12.30",
                2
            )
        );
        let hyphen = ["Punkt 7: Orientering om ny 2030-", "fremskrivning"];
        assert_eq!(
            wrapped_title(&hyphen, 0, "Orientering om ny 2030-".into()).0,
            "Orientering om ny 2030-fremskrivning"
        );
        let sentence = ["Punkt 7: Budget", "Sagen er udsat."];
        assert_eq!(wrapped_title(&sentence, 0, "Budget".into()).1, 0);
    }

    #[test]
    fn a_wrapped_title_is_joined_but_not_the_text_below_it() {
        let lines = [
            "39Opfølgning på samarbejdsaftalen om borgere med",
            "psykisk lidelse og samtidig rusmiddelproblematik",
            "i klyngens fire kommuner",
            "Sagens kerne",
        ];
        let (title, extra) = wrapped_title(
            &lines,
            0,
            "Opfølgning på samarbejdsaftalen om borgere med".into(),
        );
        assert_eq!(extra, 2);
        assert!(title.ends_with(
            "med psykisk lidelse og samtidig rusmiddelproblematik i klyngens fire kommuner"
        ));
        let sentence = ["3. Budget", "Budgettet blev godkendt."];
        assert_eq!(
            wrapped_title(&sentence, 0, "Budget".into()),
            ("Budget".into(), 0)
        );
        let repeated = ["3. Budget", "Budget", "22/43402"];
        assert_eq!(
            wrapped_title(&repeated, 0, "Budget".into()),
            ("Budget".into(), 1)
        );
        let bare = ["3", "Budget 2025", "", "Tekst."];
        assert_eq!(
            wrapped_title(&bare, 0, String::new()),
            ("Budget 2025".into(), 1)
        );
    }

    #[test]
    fn type_prefixes_and_trailing_marks_leave_the_title() {
        assert_eq!(clean_title("Beslutning: Budget 2025"), "Budget 2025");
        assert_eq!(clean_title("LUKKET PUNKT - Personsag"), "Personsag");
        assert_eq!(clean_title("Lukket: Personsag"), "Personsag");
        assert_eq!(clean_title("Budget 2025 (B)"), "Budget 2025");
        assert_eq!(clean_title("Budget 2025 Åbent"), "Budget 2025");
        assert_eq!(
            clean_title("Cerebral parese (CPOP)"),
            "Cerebral parese (CPOP)"
        );
        assert_eq!(
            clean_title("Skriftlig orientering: Procedure"),
            "Skriftlig orientering: Procedure"
        );
    }
}
