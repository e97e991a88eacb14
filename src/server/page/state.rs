//! The whole state of the search page lives in its URL (`q`, facet values, `from`/`to`,
//! `sort`, `page`), so results can be shared, bookmarked and reached with Back. This module
//! reads that state from a query string (leniently: a bad value becomes a message on the
//! page, never an error status) and writes the links that change one piece of it.

use chrono::{Datelike, NaiveDate};

use crate::engine::{FacetName, Filters, SearchRequest, Sort};
use crate::server::error::ApiError;
use crate::server::params::{SearchParams, ValidSearch};
use crate::server::querystring::decode_pairs;

/// Hits per page on the search page.
pub const PER_PAGE: usize = 10;

/// What the page shows: the query, the chosen filters, the order and the page number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageState {
    pub q: String,
    /// Chosen values per facet, in [`FacetName::ALL`] order, without empty entries.
    pub facets: Vec<(FacetName, Vec<String>)>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
}

/// A page state read from a query string, or the reason it could not be.
pub struct ReadState {
    pub state: PageState,
    /// The validated engine request; `None` when a parameter was wrong.
    pub request: Option<SearchRequest>,
    /// A Danish sentence for the person when a parameter was wrong.
    pub problem: Option<String>,
}

impl PageState {
    /// Read the page state from a raw query string. Unknown parameters (tracking tags and
    /// the like) are ignored; a wrong value keeps the query and explains itself.
    pub fn read(raw: Option<&str>) -> ReadState {
        let pairs = match decode_pairs(raw.unwrap_or("")) {
            Ok(pairs) => pairs,
            Err(_) => {
                return failed(
                    PageState::default(),
                    "Adressen kunne ikke læses (ugyldige tegn). Prøv en ny søgning.".into(),
                )
            }
        };
        let params = search_params(pairs);
        let q = params.q.clone().unwrap_or_default();
        match ValidSearch::try_from(params) {
            Ok(valid) => {
                let state = PageState::from_valid(&valid);
                ReadState {
                    state,
                    request: Some(valid.request),
                    problem: None,
                }
            }
            Err(err) => {
                let mut state = PageState::default();
                if q.chars().count() <= crate::server::limits::MAX_QUERY_CHARS {
                    state.q = q;
                }
                failed(state, danish_problem(&err))
            }
        }
    }

    fn from_valid(valid: &ValidSearch) -> PageState {
        let Filters { facets, from, to } = valid.request.filters.clone();
        PageState {
            q: valid.request.query.clone(),
            facets,
            from,
            to,
            sort: valid.request.sort,
            page: valid.page,
        }
    }

    /// The chosen values of `facet`.
    pub fn chosen(&self, facet: FacetName) -> &[String] {
        self.facets
            .iter()
            .find(|(f, _)| *f == facet)
            .map(|(_, values)| values.as_slice())
            .unwrap_or(&[])
    }

    /// Whether `value` of `facet` is chosen (the engine matches loosely, so do we).
    pub fn is_chosen(&self, facet: FacetName, value: &str) -> bool {
        let key = loose(value);
        self.chosen(facet).iter().any(|v| loose(v) == key)
    }

    pub fn has_filters(&self) -> bool {
        !self.facets.is_empty() || self.from.is_some() || self.to.is_some()
    }

    /// The same state with `value` of `facet` added, or removed when chosen; back to page 1.
    pub fn toggled(&self, facet: FacetName, value: &str) -> PageState {
        let mut next = self.first_page();
        let key = loose(value);
        let mut values = next.chosen(facet).to_vec();
        if values.iter().any(|v| loose(v) == key) {
            values.retain(|v| loose(v) != key);
        } else {
            values.push(value.to_owned());
        }
        next.set_facet(facet, values);
        next
    }

    /// Only year `year` (any other year or date range dropped), page 1.
    pub fn with_year(&self, year: i32) -> PageState {
        let mut next = self.first_page();
        next.set_facet(FacetName::Aar, vec![year.to_string()]);
        next.from = None;
        next.to = None;
        next
    }

    /// Only the month `year`-`month` (as a date range inside that year), page 1.
    pub fn with_month(&self, year: i32, month: u32) -> PageState {
        let mut next = self.with_year(year);
        next.from = NaiveDate::from_ymd_opt(year, month, 1);
        next.to = next.from.and_then(last_day_of_month);
        next
    }

    /// Without the date range.
    pub fn without_period(&self) -> PageState {
        PageState {
            from: None,
            to: None,
            ..self.first_page()
        }
    }

    /// The query and order, no filters.
    pub fn without_filters(&self) -> PageState {
        PageState {
            q: self.q.clone(),
            sort: self.sort,
            page: 1,
            ..PageState::default()
        }
    }

    /// Another query, same filters and order, page 1.
    pub fn with_query(&self, q: &str) -> PageState {
        PageState {
            q: q.to_owned(),
            ..self.first_page()
        }
    }

    pub fn with_page(&self, page: usize) -> PageState {
        PageState {
            page,
            ..self.clone()
        }
    }

    fn first_page(&self) -> PageState {
        self.with_page(1)
    }

    fn set_facet(&mut self, facet: FacetName, values: Vec<String>) {
        self.facets.retain(|(f, _)| *f != facet);
        if !values.is_empty() {
            self.facets.push((facet, values));
            let order = |f: &FacetName| FacetName::ALL.iter().position(|x| x == f);
            self.facets.sort_by_key(|(f, _)| order(f));
        }
    }

    /// This search (any page) at another path: `/api/v1/search.atom?q=…&kommune=…`.
    pub fn api_href(&self, path: &str) -> String {
        self.with_page(1).carried(path)
    }

    /// `path` with this whole state as its query string: an item page opened from a hit
    /// marks the search words and leads back to this very page of results.
    pub fn carried(&self, path: &str) -> String {
        format!("{path}{}", self.href().trim_start_matches('/'))
    }

    /// The link to this state: `/?q=…&kommune=…`, or `/` when everything is default.
    pub fn href(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        for (facet, values) in &self.facets {
            pairs.extend(values.iter().map(|v| (facet.key(), v.clone())));
        }
        pairs.extend(self.from.map(|d| ("from", d.to_string())));
        pairs.extend(self.to.map(|d| ("to", d.to_string())));
        if self.sort != Sort::Relevance {
            pairs.push(("sort", sort_key(self.sort).to_owned()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if pairs.is_empty() {
            return "/".to_owned();
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        format!("/?{}", query.join("&"))
    }
}

fn failed(state: PageState, problem: String) -> ReadState {
    ReadState {
        state,
        request: None,
        problem: Some(problem),
    }
}

/// The page's parameters as the API's: the same validation, so the page and the API agree.
/// Parameters the page does not know are dropped rather than refused.
fn search_params(pairs: Vec<(String, String)>) -> SearchParams {
    let mut p = SearchParams {
        per_page: Some(PER_PAGE.to_string()),
        ..SearchParams::default()
    };
    for (key, value) in pairs {
        match key.as_str() {
            "q" => p.q = Some(value),
            "from" if !value.is_empty() => p.from = Some(value),
            "to" if !value.is_empty() => p.to = Some(value),
            "sort" => p.sort = Some(value),
            "page" => p.page = Some(value),
            "klynge" => p.klynge.push(value),
            "forum" => p.forum.push(value),
            "person" => p.person.push(value),
            "niveau" => p.niveau.push(value),
            "kommune" => p.kommune.push(value),
            "fokusomraade" => p.fokusomraade.push(value),
            "beslutningstype" => p.beslutningstype.push(value),
            "aar" => p.aar.push(value),
            _ => {}
        }
    }
    p
}

/// What went wrong with a parameter, said in Danish for the person at the page.
fn danish_problem(err: &ApiError) -> String {
    let ApiError::BadParam { param, code, .. } = err else {
        return "Adressen kunne ikke læses. Prøv en ny søgning.".to_owned();
    };
    let what = match param.as_str() {
        _ if *code == "too_many_values" => format!(
            "Der er valgt for mange filtre (ved `{param}`): højst {} værdier pr. filter og {} i alt.",
            crate::server::limits::MAX_VALUES_PER_FACET,
            crate::server::limits::MAX_FILTER_VALUES
        ),
        "q" => "Søgningen er for lang: højst 1000 tegn.".to_owned(),
        "from" | "to" => {
            "Datoerne skal skrives som ÅÅÅÅ-MM-DD (fx 2024-11-11), og fra-datoen må ikke ligge efter til-datoen.".to_owned()
        }
        "page" => "Den side findes ikke: sidetallet skal være et helt tal fra 1 og ikke for stort.".to_owned(),
        "sort" => "Sorteringen skal være relevans, nyeste eller ældste.".to_owned(),
        "aar" => "Året skal skrives som fx 2024.".to_owned(),
        other => format!("Filteret `{other}` har en ugyldig værdi."),
    };
    format!("{what} Ret adressen eller start en ny søgning.")
}

/// The URL value of a sort order.
pub fn sort_key(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "relevance",
        Sort::Newest => "newest",
        Sort::Oldest => "oldest",
    }
}

/// Lowercase with æ/ø/å folded, as the engine compares facet values.
pub fn loose(value: &str) -> String {
    value
        .trim()
        .to_lowercase()
        .replace('æ', "ae")
        .replace('ø', "oe")
        .replace('å', "aa")
}

fn last_day_of_month(first: NaiveDate) -> Option<NaiveDate> {
    let (year, month) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).and_then(|d| d.pred_opt())
}

/// Percent-encode a query component (RFC 3986 unreserved characters stay as they are).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> ReadState {
        PageState::read(Some(raw))
    }

    #[test]
    fn links_round_trip_the_whole_state() {
        let raw = "q=l%C3%A6ged%C3%A6kning&kommune=Esbjerg&kommune=Fan%C3%B8&aar=2024&from=2024-01-01&to=2024-12-31&sort=newest&page=2";
        let first = read(raw).state;
        let href = first.href();
        let again = read(href.trim_start_matches("/?")).state;
        assert_eq!(first, again);
        assert_eq!(again.chosen(FacetName::Kommune), ["Esbjerg", "Fanø"]);
        assert_eq!(again.page, 2);
    }

    #[test]
    fn the_feed_and_csv_links_carry_the_search_but_not_the_page() {
        let state = read("q=l%C3%A6ge&kommune=Esbjerg&page=2").state;
        assert_eq!(
            state.api_href("/api/v1/search.atom"),
            "/api/v1/search.atom?q=l%C3%A6ge&kommune=Esbjerg"
        );
        assert_eq!(
            PageState::default().api_href("/api/v1/search.csv"),
            "/api/v1/search.csv"
        );
    }

    #[test]
    fn toggling_adds_then_removes_a_value_and_resets_the_page() {
        let state = read("q=x&page=3").state;
        let with = state.toggled(FacetName::Kommune, "Esbjerg");
        assert!(with.is_chosen(FacetName::Kommune, "esbjerg"));
        assert_eq!(with.page, 1);
        let without = with.toggled(FacetName::Kommune, "Esbjerg");
        assert!(without.chosen(FacetName::Kommune).is_empty());
        assert_eq!(without.href(), "/?q=x");
    }

    #[test]
    fn a_month_becomes_a_date_range_inside_its_year() {
        let state = read("aar=2023&aar=2024").state.with_month(2024, 2);
        assert_eq!(state.chosen(FacetName::Aar), ["2024"]);
        assert_eq!(state.from, NaiveDate::from_ymd_opt(2024, 2, 1));
        assert_eq!(state.to, NaiveDate::from_ymd_opt(2024, 2, 29));
        let december = state.with_month(2024, 12);
        assert_eq!(december.to, NaiveDate::from_ymd_opt(2024, 12, 31));
    }

    #[test]
    fn bad_values_explain_themselves_in_danish_and_keep_the_query() {
        let read = read("q=hjem&from=11-11-2024");
        assert!(read.request.is_none());
        assert_eq!(read.state.q, "hjem");
        assert!(read.problem.unwrap_or_default().contains("ÅÅÅÅ-MM-DD"));
        for raw in [
            "page=0",
            "page=abc",
            "sort=best",
            "aar=tyve",
            "q=%zz",
            "kommune=",
        ] {
            assert!(PageState::read(Some(raw)).problem.is_some(), "{raw}");
        }
    }

    #[test]
    fn unknown_parameters_are_ignored() {
        let read = read("q=hjem&utm_source=mail");
        assert!(read.problem.is_none());
        assert_eq!(read.state.href(), "/?q=hjem");
    }

    #[test]
    fn encoding_escapes_everything_but_unreserved_characters() {
        assert_eq!(encode("a b&c=ø<"), "a%20b%26c%3D%C3%B8%3C");
    }
}
