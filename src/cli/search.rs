//! `referat search`: flags → [`SearchRequest`], then the hits, facet counts and how the
//! query was read, for a terminal (`<mark>` shown as `[…]`), or the whole result as JSON.

use std::process::ExitCode;

use anyhow::bail;
use chrono::NaiveDate;

use super::SearchArgs;
use crate::engine::{FacetName, Filters, SearchRequest, SearchResults, Sort};

pub fn run(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let request = request(&args)?;
    let engine = args.synonyms.open_engine(&args.index)?;
    let results = engine.search(&request)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
    } else {
        print!("{}", render(&results, request.offset));
    }
    Ok(ExitCode::SUCCESS)
}

/// The request the flags describe; a bad date or sort names its flag.
fn request(args: &SearchArgs) -> anyhow::Result<SearchRequest> {
    let facets = [
        (FacetName::Klynge, &args.klynge),
        (FacetName::Forum, &args.forum),
        (FacetName::Person, &args.person),
        (FacetName::Niveau, &args.niveau),
        (FacetName::Kommune, &args.kommune),
        (FacetName::Fokusomraade, &args.fokusomraade),
        (FacetName::Beslutningstype, &args.beslutningstype),
        (FacetName::Aar, &args.aar),
    ]
    .into_iter()
    .filter(|(_, values)| !values.is_empty())
    .map(|(facet, values)| (facet, values.clone()))
    .collect();
    Ok(SearchRequest {
        query: args.query.clone(),
        filters: Filters {
            facets,
            from: date("--from", args.from.as_deref())?,
            to: date("--to", args.to.as_deref())?,
        },
        sort: sort(&args.sort)?,
        offset: args.offset,
        limit: args.limit,
        snippets: true,
        facets: true,
    })
}

fn date(flag: &str, value: Option<&str>) -> anyhow::Result<Option<NaiveDate>> {
    let Some(value) = value else {
        return Ok(None);
    };
    match NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d") {
        Ok(date) => Ok(Some(date)),
        Err(_) => bail!("invalid `{flag}` date `{value}`: expected YYYY-MM-DD, e.g. 2024-11-11"),
    }
}

fn sort(value: &str) -> anyhow::Result<Sort> {
    match value.trim().to_lowercase().as_str() {
        "relevance" => Ok(Sort::Relevance),
        "newest" => Ok(Sort::Newest),
        "oldest" => Ok(Sort::Oldest),
        _ => bail!("invalid `--sort` value `{value}`: expected relevance, newest or oldest"),
    }
}

/// The results as terminal text.
fn render(results: &SearchResults, offset: usize) -> String {
    let mut out = String::new();
    let shown = results.hits.len();
    out.push_str(&format!(
        "{} hits for `{}` (showing {}–{})\n",
        results.total,
        results.interpretation.normalized,
        if shown == 0 { offset } else { offset + 1 },
        offset + shown
    ));
    if let Some(suggestion) = &results.did_you_mean {
        out.push_str(&format!("did you mean: {suggestion}\n"));
    }
    for note in &results.interpretation.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    for expansion in &results.interpretation.expansions {
        out.push_str(&format!("expanded: {expansion}\n"));
    }
    for (rank, hit) in results.hits.iter().enumerate() {
        out.push_str(&format!(
            "\n{}. {} (Punkt {})\n   {}, {}, {}\n   {}\n",
            offset + rank + 1,
            hit.title,
            hit.number,
            hit.forum,
            hit.niveau,
            hit.dato,
            hit.id
        ));
        for snippet in &hit.snippets {
            out.push_str(&format!("   {}: {}\n", snippet.label, plain(&snippet.html)));
        }
    }
    out.push_str(&facets(results));
    out
}

fn facets(results: &SearchResults) -> String {
    let mut out = String::new();
    for counts in results.facets.iter().filter(|c| !c.values.is_empty()) {
        let values: Vec<String> = counts
            .values
            .iter()
            .map(|v| format!("{} ({})", v.value, v.count))
            .collect();
        out.push_str(&format!("\n{}: {}", counts.facet.key(), values.join(", ")));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Snippet HTML as terminal text: marks as `[…]`, entities decoded.
fn plain(html: &str) -> String {
    html.replace("<mark>", "[")
        .replace("</mark>", "]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_from_date_names_the_flag() {
        let error = date("--from", Some("11-11-2024"))
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("`--from`") && e.contains("11-11-2024")));
        assert_eq!(
            date("--to", Some("2024-11-11")).ok().flatten(),
            NaiveDate::from_ymd_opt(2024, 11, 11)
        );
    }

    #[test]
    fn unknown_sort_is_refused() {
        assert!(sort("newest").is_ok());
        assert!(sort("random").is_err());
    }

    #[test]
    fn marks_show_as_brackets_and_entities_decode() {
        assert_eq!(plain("a <mark>b</mark> &amp; &lt;c&gt;"), "a [b] & <c>");
    }
}
