//! Danish dates and times as referater write them: "11-11-2024" in the title line,
//! "Mandag d. 11. november 2024 kl. 13:30" in Mødedato, "kl. 10.30-10.45" in item titles.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveTime, Weekday};
use regex::Regex;

use crate::model::TimeSlot;
use crate::model::DANISH_MONTHS as MONTHS;

static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b").expect("static date pattern is valid")
});

static WORDED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})\.?\s+([a-zæøå]+)\s+(\d{4})\b")
        .expect("static date pattern is valid")
});

/// "Marts 3, 2016" (month first, as some exports print it).
static MONTH_FIRST_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([a-zæøå]+)\s+(\d{1,2}),?\s+(\d{4})\b")
        .expect("static date pattern is valid")
});

/// "09:00:00", "- 08:00": a time without "kl." (colon only: "15.01" may be a date).
static BARE_CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2}):(\d{2})(?::\d{2})?\b").expect("static clock pattern is valid")
});

static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bkl\.?\s*(\d{1,2})[:.](\d{2})\b").expect("static clock pattern is valid")
});

/// ", kl. 10.30-10.45" (comma, dash kind and spaces vary).
static SLOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[,\s]*\bkl\.?\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})")
        .expect("static slot pattern is valid")
});

/// "(15 min)", "(15 min.)", "(15 minutter)".
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[,\s]*\((\d{1,3})\s*min(?:\.|utter)?\)")
        .expect("static duration pattern is valid")
});

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("mandag", Weekday::Mon),
    ("tirsdag", Weekday::Tue),
    ("onsdag", Weekday::Wed),
    ("torsdag", Weekday::Thu),
    ("fredag", Weekday::Fri),
    ("lørdag", Weekday::Sat),
    ("søndag", Weekday::Sun),
];

/// The first "DD-MM-YYYY" (or with `.`/`/`) that is a real date.
pub fn find_numeric_date(text: &str) -> Option<NaiveDate> {
    NUMERIC_DATE.captures_iter(text).find_map(|caps| {
        let day = caps[1].parse().ok()?;
        let month = caps[2].parse().ok()?;
        let year = caps[3].parse().ok()?;
        NaiveDate::from_ymd_opt(year, month, day)
    })
}

/// The first "11. november 2024" that is a real date.
pub fn find_worded_date(text: &str) -> Option<NaiveDate> {
    WORDED_DATE.captures_iter(text).find_map(|caps| {
        let day = caps[1].parse().ok()?;
        let month_name = caps[2].to_lowercase();
        let month = MONTHS.iter().position(|m| *m == month_name)? as u32 + 1;
        let year = caps[3].parse().ok()?;
        NaiveDate::from_ymd_opt(year, month, day)
    })
}

/// The first "Marts 3, 2016" that is a real date.
fn find_month_first_date(text: &str) -> Option<NaiveDate> {
    MONTH_FIRST_DATE.captures_iter(text).find_map(|caps| {
        let month_name = caps[1].to_lowercase();
        let month = MONTHS.iter().position(|m| *m == month_name)? as u32 + 1;
        NaiveDate::from_ymd_opt(caps[3].parse().ok()?, month, caps[2].parse().ok()?)
    })
}

/// Any kind of date, worded first (Mødedato writes it out), then month first, then
/// numeric.
pub fn find_date(text: &str) -> Option<NaiveDate> {
    find_worded_date(text)
        .or_else(|| find_month_first_date(text))
        .or_else(|| find_numeric_date(text))
}

/// The weekday a text names ("Mandag d. 11. …"), if any.
pub fn find_weekday(text: &str) -> Option<Weekday> {
    let lower = text.to_lowercase();
    let first_word = lower
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())?;
    WEEKDAYS
        .iter()
        .find(|(name, _)| *name == first_word)
        .map(|(_, day)| *day)
}

/// Danish name of a weekday, for warnings.
pub fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAYS
        .iter()
        .find(|(_, d)| *d == day)
        .map_or("?", |(name, _)| *name)
}

/// "kl. 13:30" / "kl. 13.30", else the first "09:00:00" or "08:00".
pub fn find_clock(text: &str) -> Option<NaiveTime> {
    let caps = CLOCK.captures(text).or_else(|| BARE_CLOCK.captures(text))?;
    NaiveTime::from_hms_opt(caps[1].parse().ok()?, caps[2].parse().ok()?, 0)
}

/// An item title without its time slot and duration, and what they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleTimes {
    pub title: String,
    pub time_slot: Option<TimeSlot>,
    pub duration_minutes: Option<u32>,
}

/// Moves "kl. 10.30-10.45" and "(15 min)" out of an item title.
pub fn split_title_times(title: &str) -> TitleTimes {
    let mut rest = title.to_string();
    let mut time_slot = None;
    if let Some(caps) = SLOT.captures(title) {
        let time = |h: &str, m: &str| NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0);
        if let (Some(start), Some(end)) = (time(&caps[1], &caps[2]), time(&caps[3], &caps[4])) {
            time_slot = Some(TimeSlot { start, end });
            rest = SLOT.replace(&rest, "").into_owned();
        }
    }
    let mut duration_minutes = None;
    if let Some(caps) = DURATION.captures(&rest) {
        duration_minutes = caps[1].parse().ok();
        rest = DURATION.replace(&rest, "").into_owned();
    }
    TitleTimes {
        title: rest
            .trim()
            .trim_end_matches([',', '-', '–'])
            .trim()
            .to_string(),
        time_slot,
        duration_minutes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test date is valid")
    }

    #[test]
    fn title_dates_are_read_numerically() {
        assert_eq!(
            find_numeric_date("REFERAT Sundhedsklynge Sydvestjylland d. 11-11-2024"),
            Some(date(2024, 11, 11))
        );
        assert_eq!(find_numeric_date("d. 31-02-2024"), None);
    }

    #[test]
    fn moededato_reads_weekday_date_and_time() {
        let text = "Mandag d. 11. november 2024 kl. 13:30";
        assert_eq!(find_date(text), Some(date(2024, 11, 11)));
        assert_eq!(find_weekday(text), Some(Weekday::Mon));
        assert_eq!(find_clock(text), NaiveTime::from_hms_opt(13, 30, 0));
        assert_eq!(
            find_date("Fredag d. 01. marts 2024"),
            Some(date(2024, 3, 1))
        );
    }

    #[test]
    fn other_families_dates_and_times_are_read() {
        let english = "Torsdag, Marts 3, 2016 - 08:00";
        assert_eq!(find_date(english), Some(date(2016, 3, 3)));
        assert_eq!(find_clock(english), NaiveTime::from_hms_opt(8, 0, 0));
        let capitals = "04-06-2020 09:00:00";
        assert_eq!(find_date(capitals), Some(date(2020, 6, 4)));
        assert_eq!(find_clock(capitals), NaiveTime::from_hms_opt(9, 0, 0));
        let dotted = "15.01.2020 kl. 13.00";
        assert_eq!(find_date(dotted), Some(date(2020, 1, 15)));
        assert_eq!(find_clock(dotted), NaiveTime::from_hms_opt(13, 0, 0));
        let words = "onsdag den 15. januar 2020 kl. 13:00";
        assert_eq!(find_date(words), Some(date(2020, 1, 15)));
        assert_eq!(find_weekday(words), Some(Weekday::Wed));
    }

    #[test]
    fn time_slot_moves_out_of_the_title() {
        let split = split_title_times("Status på sundhedsreformen, kl. 10.30-10.45");
        assert_eq!(split.title, "Status på sundhedsreformen");
        let slot = split.time_slot.expect("slot is read");
        assert_eq!(
            slot.start,
            NaiveTime::from_hms_opt(10, 30, 0).expect("valid")
        );
        assert_eq!(slot.end, NaiveTime::from_hms_opt(10, 45, 0).expect("valid"));
    }

    #[test]
    fn duration_moves_out_of_the_title() {
        let split = split_title_times("Indsatser for sikring af lægedækning (15 min)");
        assert_eq!(split.title, "Indsatser for sikring af lægedækning");
        assert_eq!(split.duration_minutes, Some(15));
        assert_eq!(split.time_slot, None);
    }

    #[test]
    fn titles_without_times_are_unchanged() {
        let split = split_title_times("Drøftelse af Praksisplan for almen praksis 2025-2028");
        assert_eq!(
            split.title,
            "Drøftelse af Praksisplan for almen praksis 2025-2028"
        );
        assert_eq!(split.duration_minutes, None);
    }
}
