//! The search page: the results of one [`PageState`] (hits with their meeting, section and
//! highlighted snippets, the total and the time taken, "Mente du …?"), the year chart, the
//! order and the pages, beside the facet sidebar.

use maud::{html, Markup};

use super::chart::chart;
use super::facets::{chips, sidebar};
use super::layout::{danish_count, danish_date, danish_millis, page};
use super::snippet::snippet_markup;
use super::state::{sort_key, PageState, PER_PAGE};
use crate::engine::{Hit, SearchResults, Sort};

/// Page numbers shown on each side of the current one.
const PAGE_WINDOW: usize = 2;

/// The page for a search that ran.
pub fn results_page(state: &PageState, results: &SearchResults) -> Markup {
    let last_page = last_page(results.total);
    let main = html! {
        h1.visually-hidden { (heading(state)) }
        a.to-filters href="#filtre-titel" { "Gå til filtre" }
        (chips(state))
        (summary(state, results))
        @if state.page > last_page && results.total > 0 {
            p.problem role="status" {
                "Side " (state.page) " findes ikke: der er " (last_page) " sider. "
                a href=(state.with_page(1).href()) { "Gå til første side" }
            }
        }
        (chart(state, &results.histogram))
        (exports(state))
        @if !results.hits.is_empty() {
            (sort_form(state))
            ol.hits start=((state.page - 1) * PER_PAGE + 1) {
                @for hit in &results.hits { (hit_markup(state, hit)) }
            }
            (pagination(state, last_page))
        }
    };
    page(
        &heading(state),
        state,
        Some(sidebar(state, &results.facets)),
        main,
    )
}

/// The page when the parameters were wrong or the engine failed: the form and the reason.
pub fn problem_page(state: &PageState, problem: &str) -> Markup {
    let main = html! {
        h1 { "Søgningen kunne ikke gennemføres" }
        p.problem role="alert" { (problem) }
        p { a href="/" { "Start en ny søgning" } }
    };
    page("Fejl i søgningen", state, None, main)
}

fn heading(state: &PageState) -> String {
    if state.q.trim().is_empty() {
        "Alle punkter".to_owned()
    } else {
        format!("Søgning: {}", state.q)
    }
}

fn last_page(total: u64) -> usize {
    (total.div_ceil(PER_PAGE as u64) as usize).max(1)
}

/// "23 punkter fundet på 1,2 ms", "Mente du …?", and how the query was read.
fn summary(state: &PageState, results: &SearchResults) -> Markup {
    let noun = if results.total == 1 {
        "punkt"
    } else {
        "punkter"
    };
    html! {
        div.summary role="status" {
            p.total {
                strong { (danish_count(results.total)) } " " (noun) " fundet"
                @if !state.q.trim().is_empty() { " for " q { (state.q) } }
                span.took { " (" (danish_millis(results.took_micros)) ")" }
            }
            @if let Some(better) = &results.did_you_mean {
                p.did-you-mean {
                    "Mente du "
                    // Same filters: "Mente du …?" changes only the words.
                    a href=(state.with_query(better).href()) { (better) }
                    "?"
                }
            }
            @if !results.interpretation.expansions.is_empty() {
                p.interpretation { "Søgte også efter: " (results.interpretation.expansions.join(", ")) }
            }
            @for note in &results.interpretation.notes {
                p.interpretation { (note) }
            }
            @if results.total == 0 {
                p { "Prøv færre eller andre ord, eller fjern et filter." }
            }
        }
    }
}

/// The search on screen as a feed to subscribe to and as a spreadsheet.
fn exports(state: &PageState) -> Markup {
    html! {
        p.exports {
            a href=(state.api_href("/api/v1/search.atom")) type="application/atom+xml" {
                "Abonnér på søgningen (Atom)"
            }
            " · "
            a href=(state.api_href("/api/v1/search.csv")) download { "Hent som CSV" }
        }
    }
}

fn sort_form(state: &PageState) -> Markup {
    let options = [
        (Sort::Relevance, "Bedste match"),
        (Sort::Newest, "Nyeste først"),
        (Sort::Oldest, "Ældste først"),
    ];
    html! {
        div.toolbar {
            label for="sortering" { "Sortér efter" }
            select #sortering name="sort" form="soeg" {
                @for (sort, label) in options {
                    option value=(sort_key(sort)) selected[state.sort == sort] { (label) }
                }
            }
            button.apply type="submit" form="soeg" { "Sortér" }
        }
    }
}

fn hit_markup(state: &PageState, hit: &Hit) -> Markup {
    html! {
        li.hit {
            h3 { a href=(state.carried(&format!("/punkt/{}", hit.id))) { "Punkt " (hit.number) ": " (hit.title) } }
            p.meta {
                a href=(format!("/moede/{}", hit.meeting_id)) { (hit.forum) }
                " · " (hit.niveau) " · "
                time datetime=(hit.dato.to_string()) { (danish_date(hit.dato)) }
            }
            @for snippet in &hit.snippets {
                p.snippet {
                    span.from { (snippet.label) ": " }
                    (snippet_markup(&snippet.html))
                }
            }
            @if !hit.beslutningstyper.is_empty() || !hit.kommuner.is_empty() {
                p.tags {
                    @for kind in &hit.beslutningstyper { span.tag.decision { (kind) } }
                    @for kommune in &hit.kommuner { span.tag { (kommune) } }
                }
            }
        }
    }
}

/// Previous, the pages around the current one (with first and last), next.
fn pagination(state: &PageState, last_page: usize) -> Markup {
    if last_page <= 1 {
        return html! {};
    }
    let current = state.page.min(last_page);
    let window =
        current.saturating_sub(PAGE_WINDOW).max(1)..=(current + PAGE_WINDOW).min(last_page);
    let mut numbers: Vec<usize> = vec![1];
    numbers.extend(window);
    numbers.push(last_page);
    numbers.dedup();
    html! {
        nav.pages aria-label="Sider" {
            @if current > 1 {
                a rel="prev" href=(state.with_page(current - 1).href()) { "‹ Forrige" }
            }
            @for (i, n) in numbers.iter().enumerate() {
                @if i > 0 && numbers[i - 1] + 1 < *n { span.gap { "…" } }
                @if *n == current {
                    span.current aria-current="page" { (n) }
                } @else {
                    a href=(state.with_page(*n).href()) aria-label=(format!("Side {n}")) { (n) }
                }
            }
            @if current < last_page {
                a rel="next" href=(state.with_page(current + 1).href()) { "Næste ›" }
            }
        }
    }
}
