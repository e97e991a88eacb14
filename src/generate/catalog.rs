//! Who meets when: the forums of Region Syddanmark's health cooperation and the dates they
//! can meet on. A meeting is a slot (series, weekday); a series is a forum at one niveau.
//! Each slot is used at most once, which makes meeting ids (forum/niveau/date) unique.
//!
//! The real forums give about 14,000 slots (some 120,000 items). Larger corpora add
//! working groups per area and topic ("Arbejdsgruppe for lægedækning i Fyn"): a real kind
//! of forum, only far more of them than exist, so the `klynge` facet grows with the corpus.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::Niveau;

/// The areas of the clusters (and of the councils that replace them from 2026).
pub const AREAS: [&str; 5] = [
    "Sydvestjylland",
    "Sønderjylland",
    "Fyn",
    "Lillebælt",
    "Sydjylland",
];

/// Topics of the scale-out working groups.
const TOPICS: [&str; 10] = [
    "lægedækning",
    "psykiatri",
    "Kom Trygt Hjem",
    "forebyggelse",
    "ældre medicinske patienter",
    "børn og unge",
    "rehabilitering",
    "digitalisering",
    "akutområdet",
    "rusmidler",
];

pub const FIRST_YEAR: i32 = 2022;
pub const LAST_YEAR: i32 = 2026;
/// The year the Sundhedsråd replace the Sundhedsklynger.
const COUNCIL_YEAR: i32 = 2026;

/// What kind of body a series belongs to; decides its layout and the years it meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    Klynge,
    Raad,
    Direktoerkreds,
    Arbejdsgruppe,
}

/// A forum at one niveau.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub body: Body,
    /// Full forum name as the title line writes it.
    pub forum: String,
    pub niveau: Niveau,
}

impl Series {
    /// Whether this series can meet in `year`.
    pub fn meets_in(&self, year: i32) -> bool {
        match self.body {
            Body::Klynge => year < COUNCIL_YEAR,
            Body::Raad => year >= COUNCIL_YEAR,
            Body::Direktoerkreds | Body::Arbejdsgruppe => true,
        }
    }
}

/// The real forums, then as many working groups as `extra` asks for.
pub fn series(extra: usize) -> Vec<Series> {
    let mut out = vec![Series {
        body: Body::Direktoerkreds,
        forum: "Sundhedsdirektørkredsen".to_string(),
        niveau: Niveau::Direktoerkreds,
    }];
    for area in AREAS {
        for niveau in [Niveau::Politisk, Niveau::FagligtStrategisk] {
            out.push(series_of(
                Body::Klynge,
                format!("Sundhedsklynge {area}"),
                niveau,
            ));
            out.push(series_of(Body::Raad, format!("Sundhedsråd {area}"), niveau));
        }
    }
    for index in 0..extra {
        let niveau = [Niveau::Politisk, Niveau::FagligtStrategisk][index % 2];
        let group = index / 2;
        let area = AREAS[group % AREAS.len()];
        let topic = TOPICS[(group / AREAS.len()) % TOPICS.len()];
        let round = group / (AREAS.len() * TOPICS.len());
        let name = match round {
            0 => format!("Arbejdsgruppe for {topic} i {area}"),
            n => format!("Arbejdsgruppe {} for {topic} i {area}", n + 1),
        };
        out.push(series_of(Body::Arbejdsgruppe, name, niveau));
    }
    out
}

fn series_of(body: Body, forum: String, niveau: Niveau) -> Series {
    Series {
        body,
        forum,
        niveau,
    }
}

/// Every Monday–Friday from 2022 to 2026, in order.
pub fn weekdays() -> Vec<NaiveDate> {
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1),
        NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31),
    ) else {
        return Vec::new();
    };
    first
        .iter_days()
        .take_while(|day| *day <= last)
        .filter(|day| !matches!(day.weekday(), Weekday::Sat | Weekday::Sun))
        .collect()
}

/// How many slots (meetings) the real forums plus `extra` working groups offer.
pub fn capacity(series: &[Series], days: &[NaiveDate]) -> usize {
    days.iter()
        .map(|day| series.iter().filter(|s| s.meets_in(day.year())).count())
        .sum()
}

/// Danish weekday name, capitalised as in "Mandag d. 11. november 2024".
pub fn weekday_name(day: NaiveDate) -> &'static str {
    match day.weekday() {
        Weekday::Mon => "Mandag",
        Weekday::Tue => "Tirsdag",
        Weekday::Wed => "Onsdag",
        Weekday::Thu => "Torsdag",
        Weekday::Fri => "Fredag",
        Weekday::Sat => "Lørdag",
        Weekday::Sun => "Søndag",
    }
}

pub fn month_name(day: NaiveDate) -> &'static str {
    crate::model::DANISH_MONTHS[day.month0() as usize % 12]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_meet_until_2025_and_councils_from_2026() {
        let all = series(0);
        let klynge = all.iter().find(|s| s.body == Body::Klynge);
        let raad = all.iter().find(|s| s.body == Body::Raad);
        assert!(klynge.is_some_and(|s| s.meets_in(2025) && !s.meets_in(2026)));
        assert!(raad.is_some_and(|s| s.meets_in(2026) && !s.meets_in(2025)));
    }

    #[test]
    fn working_group_names_never_repeat() {
        let all = series(400);
        let mut keys: Vec<(String, Niveau)> =
            all.iter().map(|s| (s.forum.clone(), s.niveau)).collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.slug().cmp(b.1.slug())));
        keys.dedup();
        assert_eq!(keys.len(), all.len());
    }

    #[test]
    fn weekdays_cover_five_years_without_weekends() {
        let days = weekdays();
        assert_eq!(
            days.first().map(|d| d.to_string()).as_deref(),
            Some("2022-01-03")
        );
        assert_eq!(
            days.last().map(|d| d.to_string()).as_deref(),
            Some("2026-12-31")
        );
        assert!(days.iter().all(|d| d.weekday().number_from_monday() <= 5));
        assert_eq!(days.len(), 1304);
    }

    #[test]
    fn real_forums_offer_about_fourteen_thousand_meetings() {
        assert_eq!(capacity(&series(0), &weekdays()), 1304 * 11);
    }
}
