//! The facet sidebar (checkboxes with counts, joined to the header's GET form so it works
//! without JavaScript) and the chips that show chosen filters, each a link that removes it.

use maud::{html, Markup};

use super::layout::{danish_count, danish_date};
use super::state::{loose, PageState};
use crate::engine::{FacetCount, FacetCounts, FacetName};

/// Values shown before the rest fold away under "Vis alle".
const SHOWN_VALUES: usize = 8;

/// Danish heading of a facet.
pub fn facet_label(facet: FacetName) -> &'static str {
    match facet {
        FacetName::Klynge => "Klynge",
        FacetName::Forum => "Forum",
        FacetName::Niveau => "Niveau",
        FacetName::Kommune => "Kommune",
        FacetName::Fokusomraade => "Fokusområde",
        FacetName::Beslutningstype => "Beslutningstype",
        FacetName::Aar => "År",
        FacetName::Person => "Deltager",
    }
}

/// The sidebar: one group of checkboxes per facet, counts as the engine gave them.
pub fn sidebar(state: &PageState, facets: &[FacetCounts]) -> Markup {
    html! {
        aside.facets aria-labelledby="filtre-titel" {
            h2 #filtre-titel { "Afgræns" }
            @for facet in FacetName::ALL {
                (group(state, facet, &values_with_chosen(state, facet, facets)))
            }
            @if let Some(from) = state.from {
                input type="hidden" form="soeg" name="from" value=(from.to_string());
            }
            @if let Some(to) = state.to {
                input type="hidden" form="soeg" name="to" value=(to.to_string());
            }
            button.apply type="submit" form="soeg" { "Opdatér filtre" }
        }
    }
}

/// The counted values of `facet`, plus chosen values the counts lack (shown with 0), so a
/// chosen filter can always be unticked.
fn values_with_chosen(
    state: &PageState,
    facet: FacetName,
    facets: &[FacetCounts],
) -> Vec<FacetCount> {
    let mut values: Vec<FacetCount> = facets
        .iter()
        .find(|f| f.facet == facet)
        .map(|f| f.values.clone())
        .unwrap_or_default();
    for chosen in state.chosen(facet) {
        let counted = values.iter().any(|v| loose(&v.value) == loose(chosen));
        if !counted {
            values.push(FacetCount {
                value: chosen.clone(),
                count: 0,
            });
        }
    }
    values
}

fn group(state: &PageState, facet: FacetName, values: &[FacetCount]) -> Markup {
    if values.is_empty() {
        return html! {};
    }
    let (shown, rest) = values.split_at(values.len().min(SHOWN_VALUES));
    let rest_has_chosen = rest.iter().any(|v| state.is_chosen(facet, &v.value));
    html! {
        fieldset.facet {
            legend { (facet_label(facet)) }
            ul { @for value in shown { (checkbox(state, facet, value)) } }
            @if !rest.is_empty() {
                details open[rest_has_chosen] {
                    summary { "Vis " (rest.len()) " flere" }
                    ul { @for value in rest { (checkbox(state, facet, value)) } }
                }
            }
        }
    }
}

fn checkbox(state: &PageState, facet: FacetName, value: &FacetCount) -> Markup {
    let chosen = state.is_chosen(facet, &value.value);
    html! {
        li {
            label {
                input type="checkbox" form="soeg" name=(facet.key()) value=(value.value) checked[chosen];
                span.value { (value.value) }
                span.count aria-label=(hits_label(value.count)) { (danish_count(value.count)) }
            }
        }
    }
}

/// "1 punkt", "7 punkter".
pub fn hits_label(count: u64) -> String {
    let noun = if count == 1 { "punkt" } else { "punkter" };
    format!("{} {noun}", danish_count(count))
}

/// The chosen filters as removable chips, and a link that clears them all.
pub fn chips(state: &PageState) -> Markup {
    if !state.has_filters() {
        return html! {};
    }
    html! {
        div.chips {
            h2.visually-hidden { "Valgte filtre" }
            ul {
                @for (facet, values) in &state.facets {
                    @for value in values {
                        (chip(&format!("{}: {value}", facet_label(*facet)), &state.toggled(*facet, value).href()))
                    }
                }
                @if state.from.is_some() || state.to.is_some() {
                    (chip(&period_label(state), &state.without_period().href()))
                }
            }
            a.clear href=(state.without_filters().href()) { "Ryd alle filtre" }
        }
    }
}

fn chip(label: &str, href: &str) -> Markup {
    html! {
        li {
            a.chip href=(href) aria-label=(format!("Fjern filteret {label}")) {
                (label) span aria-hidden="true" { " ✕" }
            }
        }
    }
}

fn period_label(state: &PageState) -> String {
    match (state.from, state.to) {
        (Some(from), Some(to)) => format!("Periode: {} – {}", danish_date(from), danish_date(to)),
        (Some(from), None) => format!("Fra {}", danish_date(from)),
        (None, Some(to)) => format!("Til {}", danish_date(to)),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(raw: &str) -> PageState {
        PageState::read(Some(raw)).state
    }

    fn counts(facet: FacetName, values: &[(&str, u64)]) -> Vec<FacetCounts> {
        let values = values
            .iter()
            .map(|(v, n)| FacetCount {
                value: (*v).to_owned(),
                count: *n,
            })
            .collect();
        vec![FacetCounts { facet, values }]
    }

    #[test]
    fn chosen_values_are_ticked_and_counted() {
        let facets = counts(FacetName::Kommune, &[("Esbjerg", 7), ("Fanø", 2)]);
        let html = sidebar(&state("q=x&kommune=esbjerg"), &facets).into_string();
        assert!(
            html.contains("name=\"kommune\" value=\"Esbjerg\" checked"),
            "{html}"
        );
        assert!(html.contains("name=\"kommune\" value=\"Fanø\">"), "{html}");
        assert!(html.contains(">7<"), "{html}");
    }

    #[test]
    fn a_chosen_value_without_hits_can_still_be_unticked() {
        let facets = counts(FacetName::Kommune, &[("Esbjerg", 7)]);
        let html = sidebar(&state("kommune=Vejle"), &facets).into_string();
        assert!(html.contains("value=\"Vejle\" checked"), "{html}");
    }

    #[test]
    fn chips_link_to_the_state_without_them() {
        let html = chips(&state(
            "q=hjem&kommune=Esbjerg&kommune=Fan%C3%B8&from=2024-01-01",
        ))
        .into_string();
        assert!(
            html.contains("href=\"/?q=hjem&amp;kommune=Fan%C3%B8&amp;from=2024-01-01\""),
            "{html}"
        );
        assert!(html.contains("Fra 1. januar 2024"), "{html}");
        assert!(html.contains("href=\"/?q=hjem\""), "clear all: {html}");
    }

    #[test]
    fn no_filters_no_chips() {
        assert!(chips(&state("q=hjem")).into_string().is_empty());
    }
}
