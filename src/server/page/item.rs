//! The item page (`/punkt/{id}`: every section in reading order, the meeting's other items,
//! the meetings it cites and the later items that follow it up) and the meeting page
//! (`/moede/{id}`: header, participants with the absent marked, agenda).

use maud::{html, Markup};

use super::layout::{danish_date, page};
use super::mark::Terms;
use super::person::person_href;
use super::state::PageState;
use crate::engine::{FacetName, ItemRef, MeetingSummary, StoredItem};
use crate::model::{AgendaItem, Meeting, Section, SectionKind};

/// The item, with the words of the search it was opened from (`search`) marked and the
/// breadcrumb leading back to that search.
pub fn item_page(stored: &StoredItem, search: &PageState) -> Markup {
    let item = &stored.item;
    let meeting = &stored.meeting;
    let title = format!("Punkt {}: {}", item.number, item.title);
    let terms = Terms::from_query(&search.q);
    let main = html! {
        nav.crumbs aria-label="Brødkrummer" {
            a href=(search.href()) { "Søgning" } " › "
            a href=(meeting_href(&meeting.id)) { (meeting.forum) ", " (danish_date(meeting.dato)) }
        }
        div.item-layout {
            article.item {
                h1 { (title) }
                (meeting_line(meeting))
                (item_facts(item))
                @for section in &item.sections { (section_markup(section, &terms)) }
            }
            (related(stored))
        }
    };
    page(&title, search, None, main)
}

fn meeting_line(meeting: &MeetingSummary) -> Markup {
    html! {
        p.meta {
            a href=(meeting_href(&meeting.id)) { (meeting.forum) }
            " · " (meeting.niveau) " · "
            time datetime=(meeting.dato.to_string()) { (danish_date(meeting.dato)) }
            @if let Some(place) = &meeting.place { " · " (place) }
        }
    }
}

/// Case number, time slot and what enrichment found, each a link to a filtered search.
fn item_facts(item: &AgendaItem) -> Markup {
    let e = &item.enrichment;
    let groups = [
        (
            FacetName::Beslutningstype,
            "Beslutningstype",
            &e.beslutningstyper,
        ),
        (FacetName::Kommune, "Kommuner", &e.kommuner),
        (FacetName::Fokusomraade, "Fokusområder", &e.fokusomraader),
    ];
    html! {
        dl.facts {
            @if let Some(case) = &item.case_number { dt { "Sagsnummer" } dd { (case) } }
            @if let Some(slot) = &item.time_slot {
                dt { "Tidspunkt" } dd { "kl. " (slot.start.format("%H.%M")) "–" (slot.end.format("%H.%M")) }
            }
            @for (facet, label, values) in groups {
                @if !values.is_empty() {
                    dt { (label) }
                    dd {
                        @for (i, value) in values.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href=(PageState::default().toggled(facet, value).href()) { (value) }
                        }
                    }
                }
            }
        }
    }
}

fn section_markup(section: &Section, terms: &Terms) -> Markup {
    let label = section.kind.label();
    // The heading often says more ("Beslutning i Sundhedsklynge … den 11-11-2024").
    let heading = if section.heading.is_empty() || section.kind == SectionKind::Tekst {
        None
    } else {
        Some(section.heading.as_str())
    };
    html! {
        section.section id=(section.kind.key()) {
            h2 { (label) }
            @if let Some(heading) = heading.filter(|h| !h.eq_ignore_ascii_case(label)) {
                p.section-heading { (heading) }
            }
            (paragraphs(&section.text, terms))
        }
    }
}

/// Paragraphs split on blank lines; lines inside one (lists, table rows) kept apart.
fn paragraphs(text: &str, terms: &Terms) -> Markup {
    html! {
        @for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            p {
                @for (i, line) in paragraph.lines().enumerate() {
                    @if i > 0 { br; }
                    (terms.mark(line))
                }
            }
        }
    }
}

fn related(stored: &StoredItem) -> Markup {
    html! {
        aside.related aria-label="Sammenhæng" {
            section {
                h2 { "Mødets dagsorden" }
                (agenda_list(&stored.agenda, &stored.id))
            }
            @if !stored.cites.is_empty() {
                section {
                    h2 { "Tidligere møder, punktet henviser til" }
                    ul { @for m in &stored.cites {
                        li { a href=(meeting_href(&m.id)) { (m.forum) ", " (m.niveau) ", " (danish_date(m.dato)) } }
                    } }
                }
            }
            @if !stored.cited_by.is_empty() {
                section {
                    h2 { "Senere opfølgning" }
                    ul { @for r in &stored.cited_by {
                        li { a href=(item_href(&r.id)) { (r.title) } " · " (r.forum) ", " (danish_date(r.dato)) }
                    } }
                }
            }
        }
    }
}

fn agenda_list(agenda: &[ItemRef], current: &str) -> Markup {
    html! {
        ol.agenda {
            @for r in agenda {
                li value=(r.number) {
                    @if r.id == current {
                        span aria-current="page" { (r.title) }
                    } @else {
                        a href=(item_href(&r.id)) { (r.title) }
                    }
                }
            }
        }
    }
}

pub fn meeting_page(meeting: &Meeting) -> Markup {
    let main = html! {
        nav.crumbs aria-label="Brødkrummer" { a href="/" { "Søgning" } }
        article.meeting {
            h1 { (meeting.forum.name) ", " (danish_date(meeting.dato)) }
            p.meta {
                (meeting.niveau.label())
                @if let Some(start) = meeting.starts_at { " · kl. " (start.format("%H.%M")) }
                @if let Some(place) = &meeting.place { " · " (place) }
            }
            @if !meeting.participants.is_empty() {
                section {
                    h2 { "Deltagere" }
                    ul.participants {
                        @for p in &meeting.participants {
                            li.absent[p.absent] {
                                a href=(person_href(&p.name)) { (p.name) }
                                @if let Some(affiliation) = &p.affiliation { ", " (affiliation) }
                                @if p.absent { " " em { "(fraværende)" } }
                            }
                        }
                    }
                }
            }
            section {
                h2 { "Dagsorden" }
                ol.agenda {
                    @for item in &meeting.items {
                        li value=(item.number) { a href=(item_href(&meeting.item_id(item.number))) { (item.title) } }
                    }
                }
            }
        }
    };
    let title = format!("{}, {}", meeting.forum.name, danish_date(meeting.dato));
    page(&title, &PageState::default(), None, main)
}

/// Ids hold slashes and only URL-safe slug characters; they go into paths as they are.
pub fn item_href(id: &str) -> String {
    format!("/punkt/{id}")
}

pub fn meeting_href(id: &str) -> String {
    format!("/moede/{id}")
}
