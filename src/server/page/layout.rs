//! The frame every HTML page shares (head, skip link, header with the search box, footer),
//! the friendly error pages, and Danish formatting of dates and durations.

use chrono::{Datelike, NaiveDate};
use maud::{html, Markup, DOCTYPE};

use super::state::PageState;
use crate::model::DANISH_MONTHS as MONTHS;

/// A whole page: `title` in the tab, `state` in the header's search box, `main` as content
/// and `aside` (facets) beside it when given.
pub fn page(title: &str, state: &PageState, aside: Option<Markup>, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="da" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · referat" }
                link rel="stylesheet" href="/static/app.css";
                link rel="icon" href="/static/favicon.svg" type="image/svg+xml";
                // Feed readers find the page's search as a feed by themselves.
                link rel="alternate" type="application/atom+xml"
                    title=(feed_title(state)) href=(state.api_href("/api/v1/search.atom"));
                script src="/static/app.js" defer {}
            }
            body {
                a.skip href="#indhold" { "Spring til indhold" }
                (header(state))
                div.layout.with-aside[aside.is_some()] {
                    @if let Some(aside) = aside { (aside) }
                    main #indhold tabindex="-1" { (main) }
                }
                footer.site {
                    p {
                        "Referater fra sundhedssamarbejdet i Region Syddanmark. "
                        a href="/api/docs" { "Åbent API" }
                    }
                }
            }
        }
    }
}

/// The header: name and the search form every page carries. The facet checkboxes, sort
/// and hidden filter fields elsewhere on the page join this form with `form="soeg"`.
fn header(state: &PageState) -> Markup {
    html! {
        header.site {
            a.brand href="/" { "referat" }
            form #soeg role="search" action="/" method="get" {
                label.visually-hidden for="q" { "Søg i referaterne" }
                input #q type="search" name="q" value=(state.q) list="q-forslag"
                    autocomplete="off" placeholder="Søg, fx lægedækning";
                datalist #q-forslag {}
                button type="submit" { "Søg" }
            }
            (search_tips())
        }
    }
}

fn feed_title(state: &PageState) -> String {
    if state.q.trim().is_empty() {
        "Nye punkter (Atom)".to_owned()
    } else {
        format!("Nye punkter om {} (Atom)", state.q)
    }
}

/// The query language in plain Danish, beside the search box (a `details`: no JavaScript).
fn search_tips() -> Markup {
    let tips = [
        ("\"Kom Trygt Hjem\"", "præcis den sætning"),
        (
            "lægedækning -rekruttering",
            "uden punkter med ordet efter minus",
        ),
        (
            "demens OR psykofarmaka",
            "punkter med det ene eller det andet ord",
        ),
        (
            "titel:reform",
            "kun i titlen (også resume:, sagsfremstilling:, indstilling:, beslutning:, bilag:)",
        ),
        ("sundheds*", "alle ord, der begynder med sundheds"),
    ];
    html! {
        details.tips #soegetips {
            summary { "Søgetips" }
            div.tips-body {
                p { "Skriv ord, og alle former af dem findes (lægedækningen, lægedækningspuljen). "
                    "Æ, ø og å kan skrives ae, oe og aa." }
                dl {
                    @for (example, meaning) in tips {
                        dt { code { (example) } }
                        dd { (meaning) }
                    }
                }
            }
        }
    }
}

/// A page that only says something (404, a failure), with a way back.
pub fn notice(title: &str, message: &str) -> Markup {
    let main = html! {
        h1 { (title) }
        p { (message) }
        p { a href="/" { "Til forsiden og søgningen" } }
    };
    page(title, &PageState::default(), None, main)
}

/// "11. november 2024".
pub fn danish_date(date: NaiveDate) -> String {
    format!(
        "{}. {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// "november" for 11; empty outside 1–12.
pub fn month_name(month: u32) -> &'static str {
    MONTHS
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

/// Microseconds as "0,8 ms" / "12 ms", with a Danish decimal comma.
pub fn danish_millis(micros: u64) -> String {
    if micros < 10_000 {
        let tenths = micros.div_ceil(100);
        format!("{},{} ms", tenths / 10, tenths % 10)
    } else {
        format!("{} ms", micros / 1000)
    }
}

/// "1.234" for 1234: Danish thousands separator.
pub fn danish_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_danish() {
        let date = NaiveDate::from_ymd_opt(2024, 11, 11).expect("valid date");
        assert_eq!(danish_date(date), "11. november 2024");
        assert_eq!(month_name(13), "");
    }

    #[test]
    fn numbers_use_danish_separators() {
        assert_eq!(danish_millis(840), "0,9 ms");
        assert_eq!(danish_millis(12_345), "12 ms");
        assert_eq!(danish_count(1234567), "1.234.567");
        assert_eq!(danish_count(41), "41");
    }

    #[test]
    fn every_page_is_danish_with_landmarks_and_a_skip_link() {
        let html = notice("Siden findes ikke", "Prøv igen").into_string();
        for part in [
            "lang=\"da\"",
            "<header",
            "<main",
            "<footer",
            "href=\"#indhold\"",
            "name=\"viewport\"",
        ] {
            assert!(html.contains(part), "{part}");
        }
    }
}
