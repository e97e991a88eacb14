//! The person page `/person/{id}`: name, affiliations, and the meetings attended and missed,
//! grouped by forum and year, each linking to the meeting's page; a link to the search of
//! every item of the meetings the person attended.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use chrono::Datelike;
use maud::{html, Markup};

use super::item::meeting_href;
use super::layout::{danish_date, page};
use super::state::{encode, PageState};
use crate::engine::{MeetingSummary, Person};

/// The page of `person`.
pub fn person_page(person: &Person) -> Markup {
    let main = html! {
        nav.crumbs aria-label="Brødkrummer" { a href="/" { "Søgning" } }
        article.person {
            h1 { (person.name) }
            @if !person.affiliations.is_empty() {
                p.meta { (person.affiliations.join(", ")) }
            }
            p {
                "Deltog i " (meetings_word(person.attended.len()))
                ", fraværende fra " (meetings_word(person.missed.len())) "."
            }
            @if !person.attended.is_empty() {
                p { a href=(search_href(&person.name)) { "Søg i punkterne fra de møder, " (person.name) " deltog i" } }
            }
            section {
                h2 { "Deltog i" }
                (grouped(&person.attended))
            }
            section {
                h2 { "Fraværende fra" }
                (grouped(&person.missed))
            }
        }
    };
    page(&person.name, &PageState::default(), None, main)
}

/// The page of the person named `name` (ids are the name's slug).
pub fn person_href(name: &str) -> String {
    format!("/person/{}", crate::model::slug(name))
}

fn meetings_word(count: usize) -> String {
    match count {
        1 => "1 møde".to_owned(),
        n => format!("{n} møder"),
    }
}

/// The search page filtered on the person (the facet holds the name as written).
fn search_href(name: &str) -> String {
    format!("/?person={}", encode(name))
}

/// Meetings under forum headings, then year headings (the list comes by forum, newest first).
fn grouped(meetings: &[MeetingSummary]) -> Markup {
    let mut groups: BTreeMap<(&str, Reverse<i32>), Vec<&MeetingSummary>> = BTreeMap::new();
    for m in meetings {
        groups
            .entry((&m.forum, Reverse(m.dato.year())))
            .or_default()
            .push(m);
    }
    html! {
        @if meetings.is_empty() {
            p { "Ingen møder." }
        }
        @for ((forum, Reverse(year)), list) in &groups {
            h3 { (forum) ", " (year) }
            ul.meetings {
                @for m in list {
                    li { a href=(meeting_href(&m.id)) { (danish_date(m.dato)) } " · " (m.niveau) }
                }
            }
        }
    }
}
