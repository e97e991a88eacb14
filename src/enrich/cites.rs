//! Cited meetings: the dates of EARLIER meetings an item refers to ("På baggrund af ønske
//! på politisk niveau den 1. marts 2024", "På mødet d. 1. februar 2023", "godkendt på
//! Fagligt Strategisk Niveau den 25/1 2024").
//!
//! A date counts when
//! - it is written "1. marts 2024", "1. marts" (the meeting's year is assumed), "01-03-2024",
//!   "01.03.2024", "25/1 2024" or "2024-03-01" (two-digit years are left out: the seeds use
//!   them for data periods such as "01.09.23-31.12.23", not for meetings);
//! - it lies strictly before the meeting's own date (a future meeting, "skal godkendes på
//!   det politiske møde den 19. juni 2024", is a plan, not a citation);
//! - a meeting word (møde, niveau, drøft…, beslut…, godkend…, vedtag…, seminar) stands
//!   within [`CONTEXT_WORDS`] words of it in the same sentence, so "siden den 1. september
//!   2023 kørt ud" or "Høringsfristen er den 15. november" do not count;
//! - it is not introduced by a word that makes it a point in time rather than a meeting
//!   ("pr. 1. januar", "fra 1. september", "siden den 1. november", "inden", "senest").
//!
//! Month-only references ("på mødet i december 2024") name no day and are left out.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use super::words::Word;

/// How many words either side of a date are searched for a meeting word.
const CONTEXT_WORDS: usize = 6;

const MEETING_WORD_PARTS: &[&str] = &[
    "møde", "niveau", "drøft", "beslut", "godkend", "vedtag", "vedtog", "seminar",
];

/// Words right before a date (past "den"/"d.") that make it a deadline or a start date.
const NOT_A_MEETING: &[&str] = &[
    "pr", "per", "siden", "fra", "til", "indtil", "inden", "senest", "primo", "medio", "ultimo",
];

const MONTHS: &[(&str, u32)] = &[
    ("januar", 1),
    ("jan", 1),
    ("februar", 2),
    ("feb", 2),
    ("marts", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("maj", 5),
    ("juni", 6),
    ("jun", 6),
    ("juli", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// A date found in the text and the words it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FoundDate {
    date: NaiveDate,
    first: usize,
    last: usize,
}

/// Dates of earlier meetings `text` cites, ascending, without duplicates.
#[cfg(test)]
pub(crate) fn cited_dates(text: &str, meeting_date: NaiveDate) -> Vec<NaiveDate> {
    cited_dates_in(&super::words::words(text), meeting_date)
}

/// Dates of earlier meetings a text whose [`words`](super::words::words) these are cites, ascending, without
/// duplicates.
pub(crate) fn cited_dates_in(words: &[Word<'_>], meeting_date: NaiveDate) -> Vec<NaiveDate> {
    let mut cited = BTreeSet::new();
    let mut index = 0;
    while index < words.len() {
        let Some(found) = date_at(words, index, meeting_date.year()) else {
            index += 1;
            continue;
        };
        if found.date < meeting_date && in_meeting_context(words, found) {
            cited.insert(found.date);
        }
        index = found.last + 1;
    }
    cited.into_iter().collect()
}

fn date_at(words: &[Word<'_>], index: usize, default_year: i32) -> Option<FoundDate> {
    written_date(words, index, default_year)
        .or_else(|| numeric_date(words, index))
        .or_else(|| iso_date(words, index))
}

/// "1. marts 2024", "1. marts".
fn written_date(words: &[Word<'_>], index: usize, default_year: i32) -> Option<FoundDate> {
    let day = small_number(words.get(index)?.text)?;
    let month_word = words.get(index + 1)?;
    if month_word.gap_before.trim() != "." {
        return None;
    }
    let month = month_number(&month_word.lower())?;
    let year_word = words
        .get(index + 2)
        .filter(|w| w.gap_before.trim().is_empty());
    let (year, last) = match year_word.and_then(|w| four_digit_year(w.text)) {
        Some(year) => (year, index + 2),
        None => (default_year, index + 1),
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    Some(FoundDate {
        date,
        first: index,
        last,
    })
}

/// "01-03-2024", "01.03.2024", "25/1 2024", "25/1-2024".
fn numeric_date(words: &[Word<'_>], index: usize) -> Option<FoundDate> {
    let [day, month, year] = words.get(index..index + 3)? else {
        return None;
    };
    let first_sep = month.gap_before;
    let second_sep = year.gap_before;
    let separators_fit = matches!(first_sep, "-" | "." | "/")
        && (second_sep == first_sep || (first_sep == "/" && matches!(second_sep, " " | "-")));
    if !separators_fit {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        four_digit_year(year.text)?,
        small_number(month.text)?,
        small_number(day.text)?,
    )?;
    Some(FoundDate {
        date,
        first: index,
        last: index + 2,
    })
}

/// "2024-03-01".
fn iso_date(words: &[Word<'_>], index: usize) -> Option<FoundDate> {
    let [year, month, day] = words.get(index..index + 3)? else {
        return None;
    };
    if month.gap_before != "-" || day.gap_before != "-" || month.text.len() != 2 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        four_digit_year(year.text)?,
        small_number(month.text)?,
        small_number(day.text)?,
    )?;
    Some(FoundDate {
        date,
        first: index,
        last: index + 2,
    })
}

fn small_number(text: &str) -> Option<u32> {
    if text.len() > 2 || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn four_digit_year(text: &str) -> Option<i32> {
    if text.len() != 4 || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse()
        .ok()
        .filter(|year| (1990..=2100).contains(year))
}

fn month_number(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, number)| *number)
}

fn in_meeting_context(words: &[Word<'_>], found: FoundDate) -> bool {
    if introduced_as_point_in_time(words, found.first) {
        return false;
    }
    let before = (0..found.first).rev().take(CONTEXT_WORDS);
    let mut before_in_sentence = Vec::new();
    for index in before {
        before_in_sentence.push(index);
        if words[index + 1].sentence_start {
            before_in_sentence.pop();
            break;
        }
    }
    let after = (found.last + 1..words.len())
        .take(CONTEXT_WORDS)
        .take_while(|&index| !words[index].sentence_start);
    before_in_sentence
        .into_iter()
        .chain(after)
        .any(|index| is_meeting_word(&words[index].lower()))
}

fn introduced_as_point_in_time(words: &[Word<'_>], first: usize) -> bool {
    let previous = (0..first)
        .rev()
        .map(|index| words[index].lower())
        .find(|word| word != "den" && word != "d");
    previous.is_some_and(|word| NOT_A_MEETING.contains(&word.as_str()))
}

fn is_meeting_word(word: &str) -> bool {
    MEETING_WORD_PARTS.iter().any(|part| word.contains(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn cites(text: &str) -> Vec<NaiveDate> {
        cited_dates(text, date(2024, 11, 11))
    }

    #[test]
    fn written_dates_after_a_meeting_word_are_cited() {
        let text = "På baggrund af ønske på politisk niveau den 1. marts 2024 er der planlagt.";
        assert_eq!(cites(text), [date(2024, 3, 1)]);
        assert_eq!(
            cites("På mødet d. 1. februar 2023 blev det aftalt."),
            [date(2023, 2, 1)]
        );
    }

    #[test]
    fn a_sentence_opening_with_the_date_is_cited_through_the_words_after_it() {
        let text = "Den 1. marts 2024 blev der på politisk niveau afholdt en temadrøftelse.";
        assert_eq!(cites(text), [date(2024, 3, 1)]);
    }

    #[test]
    fn numeric_dates_are_cited() {
        assert_eq!(
            cites("Beslutning på møde den 01-03-2024."),
            [date(2024, 3, 1)]
        );
        assert_eq!(
            cites("godkendt på Fagligt Strategisk Niveau den 25/1 2024"),
            [date(2024, 1, 25)]
        );
        assert_eq!(
            cites("mødet 2024-03-01 og mødet 01.02.2023"),
            [date(2023, 2, 1), date(2024, 3, 1)]
        );
    }

    #[test]
    fn future_and_same_day_meetings_are_not_cited() {
        assert_eq!(
            cites("skal godkendes på det politiske møde den 19. juni 2025"),
            []
        );
        assert_eq!(
            cites("Beslutning i Sundhedsklynge Sydvestjylland den 11-11-2024"),
            []
        );
    }

    #[test]
    fn dates_without_a_meeting_context_are_not_cited() {
        assert_eq!(
            cites("Høringsfristen er den 15. oktober 2024, og materialet sendes."),
            []
        );
        let far = "Det blev besluttet for længe siden at programmet, som er sendt til implementering, starter den 1. januar 2024.";
        assert_eq!(cites(far), []);
        let other_sentence =
            "Der blev besluttet noget. Den 9. september 2024 blev der afholdt en temadag.";
        assert_eq!(cites(other_sentence), []);
    }

    #[test]
    fn points_in_time_are_not_meetings() {
        assert_eq!(
            cites("besluttet, som er sendt til implementering pr. den 1. januar 2024"),
            []
        );
        assert_eq!(
            cites("Kommunerne har siden den 1. november 2023 på mødet"),
            []
        );
    }

    #[test]
    fn a_date_without_year_takes_the_meetings_year() {
        let text =
            "På mødet på fagligt strategisk niveau d. 28. februar blev evalueringen drøftet. \
                    Gruppen er indkaldt til møde den 23. november.";
        assert_eq!(cites(text), [date(2024, 2, 28)]);
    }

    #[test]
    fn citations_come_ascending_without_duplicates() {
        let text =
            "På mødet den 4. april 2024 og på møde den 4. marts 2024 samt mødet den 4. april 2024.";
        assert_eq!(cites(text), [date(2024, 3, 4), date(2024, 4, 4)]);
    }

    #[test]
    fn amounts_times_and_case_numbers_are_not_dates() {
        assert_eq!(
            cites("møde kl. 13.30, 1.874.400 kr., sag 22/43402, møde 2025-2028"),
            []
        );
    }
}
