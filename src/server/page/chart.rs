//! "På tværs af årene": hits per year (or per month when one year is chosen) as an inline
//! SVG bar chart drawn by the server. Every bar is a link that filters to its period and
//! carries a text label and a `<title>`, so it works without JavaScript, by keyboard and
//! with a screen reader. Only presentation attributes are used (no `style`), so the strict
//! Content-Security-Policy holds.

use maud::{html, Markup};

use super::facets::hits_label;
use super::layout::month_name;
use super::state::PageState;
use crate::engine::{FacetName, Histogram};

const SLOT: u32 = 56;
const BAR: u32 = 40;
const PLOT_HEIGHT: u32 = 110;
/// Room above the bars for the counts and below for the period labels.
const TOP: u32 = 18;
const BOTTOM: u32 = 22;

/// One bar: its label, hits, link and whether it is the chosen period.
struct Bar {
    label: String,
    long_label: String,
    hits: u64,
    href: String,
    chosen: bool,
}

/// The chart section, or nothing when there are no hits to draw.
pub fn chart(state: &PageState, histogram: &Histogram) -> Markup {
    let (heading, bars) = match chosen_year(state) {
        Some(year) => (
            format!("Måned for måned i {year}"),
            month_bars(state, histogram, year),
        ),
        None => ("På tværs af årene".to_owned(), year_bars(state, histogram)),
    };
    if bars.iter().all(|b| b.hits == 0) {
        return html! {};
    }
    html! {
        section.chart aria-labelledby="chart-titel" {
            h2 #chart-titel { (heading) }
            (svg(&bars))
            @if state.from.is_some() || chosen_year(state).is_some() {
                p.chart-note { a href=(all_years(state).href()) { "Vis alle år" } }
            }
        }
    }
}

/// The same state without any year or date range.
fn all_years(state: &PageState) -> PageState {
    let mut next = state.without_period();
    next.facets.retain(|(facet, _)| *facet != FacetName::Aar);
    next
}

/// The one chosen year, when exactly one is chosen.
fn chosen_year(state: &PageState) -> Option<i32> {
    match state.chosen(FacetName::Aar) {
        [one] => one.trim().parse().ok(),
        _ => None,
    }
}

/// Every year from the first to the last with hits (gaps drawn as empty slots).
fn year_bars(state: &PageState, histogram: &Histogram) -> Vec<Bar> {
    let (Some(first), Some(last)) = (histogram.years.first(), histogram.years.last()) else {
        return Vec::new();
    };
    (first.0..=last.0)
        .map(|year| {
            let hits = histogram
                .years
                .iter()
                .find(|(y, _)| *y == year)
                .map_or(0, |(_, n)| *n);
            Bar {
                label: year.to_string(),
                long_label: year.to_string(),
                hits,
                href: state.with_year(year).href(),
                chosen: state.is_chosen(FacetName::Aar, &year.to_string()),
            }
        })
        .collect()
}

/// The twelve months of `year`.
fn month_bars(state: &PageState, histogram: &Histogram, year: i32) -> Vec<Bar> {
    (1..=12u32)
        .map(|month| {
            let key = format!("{year}-{month:02}");
            let hits = histogram
                .months
                .iter()
                .find(|(m, _)| *m == key)
                .map_or(0, |(_, n)| *n);
            let target = state.with_month(year, month);
            let name = month_name(month);
            Bar {
                label: name.chars().take(3).collect(),
                long_label: format!("{name} {year}"),
                hits,
                chosen: state.from.is_some() && state.from == target.from,
                href: target.href(),
            }
        })
        .collect()
}

fn svg(bars: &[Bar]) -> Markup {
    let width = SLOT * bars.len() as u32;
    let height = TOP + PLOT_HEIGHT + BOTTOM;
    let max = bars.iter().map(|b| b.hits).max().unwrap_or(0).max(1);
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" width=(width) height=(height)
            viewBox=(format!("0 0 {width} {height}")) role="list" {
            @for (i, bar) in bars.iter().enumerate() {
                (bar_markup(bar, i as u32, max))
            }
        }
    }
}

fn bar_markup(bar: &Bar, index: u32, max: u64) -> Markup {
    let x = index * SLOT + (SLOT - BAR) / 2;
    let centre = index * SLOT + SLOT / 2;
    // At least 2 px so a year with one hit is still visible next to one with hundreds.
    let bar_height = match bar.hits {
        0 => 0,
        n => ((n * u64::from(PLOT_HEIGHT)) / max).max(2) as u32,
    };
    let y = TOP + PLOT_HEIGHT - bar_height;
    let label = format!("{}: {}", bar.long_label, hits_label(bar.hits));
    html! {
        g role="listitem" {
            @if bar.hits > 0 {
                a href=(bar.href) aria-label=(label) class=(if bar.chosen { "bar chosen" } else { "bar" }) {
                    title { (label) }
                    rect.hit-area x=(index * SLOT) y="0" width=(SLOT) height=(TOP + PLOT_HEIGHT + BOTTOM) {}
                    rect.column x=(x) y=(y) width=(BAR) height=(bar_height) rx="3" {}
                    text.count x=(centre) y=(y - 4) text-anchor="middle" { (bar.hits) }
                    text.period x=(centre) y=(TOP + PLOT_HEIGHT + 16) text-anchor="middle" { (bar.label) }
                }
            } @else {
                g.bar.empty aria-label=(label) {
                    title { (label) }
                    text.period x=(centre) y=(TOP + PLOT_HEIGHT + 16) text-anchor="middle" { (bar.label) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(raw: &str) -> PageState {
        PageState::read(Some(raw)).state
    }

    #[test]
    fn each_year_bar_links_to_its_year_with_a_label() {
        let histogram = Histogram {
            years: vec![(2022, 3), (2024, 12)],
            months: vec![],
        };
        let html = chart(&state("q=hjem"), &histogram).into_string();
        assert!(html.contains("href=\"/?q=hjem&amp;aar=2024\""), "{html}");
        assert!(html.contains("aria-label=\"2024: 12 punkter\""), "{html}");
        assert!(html.contains("2023: 0 punkter"), "gap year drawn: {html}");
        assert!(
            !html.contains("aar=2023"),
            "an empty year is no link: {html}"
        );
    }

    #[test]
    fn one_chosen_year_shows_its_months_linking_to_date_ranges() {
        let histogram = Histogram {
            years: vec![(2024, 5)],
            months: vec![("2024-11".into(), 5)],
        };
        let html = chart(&state("aar=2024"), &histogram).into_string();
        assert!(html.contains("Måned for måned i 2024"), "{html}");
        assert!(html.contains("from=2024-11-01&amp;to=2024-11-30"), "{html}");
        assert!(html.contains("november 2024: 5 punkter"), "{html}");
    }

    #[test]
    fn no_hits_draw_no_chart() {
        assert!(chart(&state(""), &Histogram::default())
            .into_string()
            .is_empty());
    }
}
