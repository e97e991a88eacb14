//! Query + filters → hits, snippets, disjunctive facet counts, histograms. (Owner: search.
//! Stub until implemented.)

use super::{Engine, SearchRequest, SearchResults, Suggestion};
use crate::error::{Error, Result};

pub(crate) fn run(_engine: &Engine, _request: &SearchRequest) -> Result<SearchResults> {
    Err(Error::Other("search is not built yet".into()))
}

pub(crate) fn suggest(_engine: &Engine, _prefix: &str, _limit: usize) -> Result<Vec<Suggestion>> {
    Ok(Vec::new())
}
