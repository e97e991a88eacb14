//! The caps on facet filter values, checked before any value is looked at: a request that
//! lists thousands of values (a 65 KB `?klynge=…` once took a 533 MB page and 16 s) costs a
//! 400 and nothing more. Each value is a filter clause for the engine and, on the page, a
//! chip and a link that repeats the page's URL, so the number of values and their length
//! together bound both the search and the page's size.

use super::super::error::ApiError;
use super::super::limits::{MAX_FILTER_CHARS, MAX_FILTER_VALUES, MAX_VALUES_PER_FACET};
use crate::engine::FacetName;

/// At most [`MAX_VALUES_PER_FACET`] values per facet, [`MAX_FILTER_VALUES`] values and
/// [`MAX_FILTER_CHARS`] characters over all facets; the error names the facet that went over.
pub fn bounded_filter_values(facets: &[(FacetName, Vec<String>)]) -> Result<(), ApiError> {
    let (mut values, mut chars) = (0, 0);
    for (facet, given) in facets {
        let key = facet.key();
        if given.len() > MAX_VALUES_PER_FACET {
            let message = format!(
                "`{key}` lists {} values; a filter may list at most {MAX_VALUES_PER_FACET}",
                given.len()
            );
            return Err(ApiError::param(key, "too_many_values", message));
        }
        values += given.len();
        chars += given.iter().map(|v| v.chars().count()).sum::<usize>();
        if values > MAX_FILTER_VALUES || chars > MAX_FILTER_CHARS {
            let message = format!(
                "the filters up to `{key}` list {values} values of {chars} characters; all \
                 filters together may list at most {MAX_FILTER_VALUES} values and \
                 {MAX_FILTER_CHARS} characters"
            );
            return Err(ApiError::param(key, "too_many_values", message));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(prefix: &str, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{prefix}{i}")).collect()
    }

    fn param_of(result: Result<(), ApiError>) -> String {
        match result {
            Err(ApiError::BadParam { param, .. }) => param,
            other => panic!("expected a bad parameter, got {other:?}"),
        }
    }

    #[test]
    fn a_facet_may_list_twenty_values_not_twenty_one() {
        assert!(bounded_filter_values(&[(FacetName::Kommune, values("k", 20))]).is_ok());
        let over = [(FacetName::Kommune, values("k", 21))];
        assert_eq!(param_of(bounded_filter_values(&over)), "kommune");
    }

    #[test]
    fn all_filters_together_may_list_fifty_values() {
        let mut facets = vec![
            (FacetName::Klynge, values("c", 20)),
            (FacetName::Kommune, values("k", 20)),
            (FacetName::Aar, values("20", 10)),
        ];
        assert!(bounded_filter_values(&facets).is_ok());
        facets[2].1.push("2099".to_owned());
        assert_eq!(param_of(bounded_filter_values(&facets)), "aar");
    }

    #[test]
    fn long_values_together_are_capped_by_characters() {
        let long = vec!["æ".repeat(200); 5];
        assert!(bounded_filter_values(&[(FacetName::Kommune, long.clone())]).is_ok());
        let facets = [
            (FacetName::Kommune, long),
            (FacetName::Fokusomraade, vec!["x".to_owned()]),
        ];
        assert_eq!(param_of(bounded_filter_values(&facets)), "fokusomraade");
    }
}
