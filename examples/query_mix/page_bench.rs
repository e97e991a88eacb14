//! `query_mix page INDEX ROUNDS`: the repeatable full-page measurement of issue #6.
//!
//! Opens an index read-only, runs a fixed list of search-page requests (hits, snippets, all
//! six disjunctive facet counts, the year/month histogram, as the server asks for them) and,
//! for the single-term requests, top-10 hits only. Three unmeasured rounds warm the caches
//! (facet ordinal arrays, page cache), then every request runs `ROUNDS` times; the output is
//! one line per request with its hit total, median and p99, then the overall figures.

use std::path::Path;
use std::time::Instant;

use anyhow::bail;
use referat::engine::{Engine, FacetName, Filters, SearchRequest, Sort};

use super::WARM_UP_ROUNDS;

/// One named request of the list.
struct Case {
    name: &'static str,
    request: SearchRequest,
}

fn case(name: &'static str, query: &str, edit: impl FnOnce(&mut SearchRequest)) -> Case {
    let mut request = SearchRequest {
        query: query.to_owned(),
        ..SearchRequest::default()
    };
    edit(&mut request);
    Case { name, request }
}

fn filtered(facets: Vec<(FacetName, &str)>) -> Filters {
    Filters {
        facets: facets
            .into_iter()
            .map(|(facet, value)| (facet, vec![value.to_owned()]))
            .collect(),
        ..Filters::default()
    }
}

/// The full-page list: the six requests of issue #6 first, then a few more shapes.
fn page_cases() -> Vec<Case> {
    // `QUERY=text` in the environment adds that query (as `QUERY`), to time one of your own.
    let own = std::env::var("QUERY")
        .ok()
        .map(|query| case("QUERY", &query, |_| {}));
    let mut cases = vec![
        case("lægedækning", "lægedækning", |_| {}),
        case("4 words", "lægedækning rekruttering almen praksis", |_| {}),
        case("phrase", "\"kom trygt hjem\"", |_| {}),
        case("sundhedsreform+Fyn+2024", "sundhedsreform", |r| {
            r.filters = filtered(vec![(FacetName::Klynge, "Fyn"), (FacetName::Aar, "2024")]);
        }),
        case("typo lægedækkning", "lægedækkning", |_| {}),
        case("empty", "", |_| {}),
        case("psykiatri", "psykiatri", |_| {}),
        case("sundhedsaftale", "sundhedsaftale", |_| {}),
        case("field beslutning:godkendt", "beslutning:godkendt", |_| {}),
        case("prefix rekrut*", "rekrut*", |_| {}),
        case("lægedækning+Politisk", "lægedækning", |r| {
            r.filters = filtered(vec![(FacetName::Niveau, "Politisk niveau")]);
        }),
        case("lægedækning newest", "lægedækning", |r| {
            r.sort = Sort::Newest
        }),
        case("lægedækning page 2", "lægedækning", |r| r.offset = 10),
        case(
            "OR + exclusion",
            "demens OR hjerneskade -rehabilitering",
            |_| {},
        ),
    ];
    cases.extend(own);
    cases
}

/// More shapes for the before/after comparison (`dump`): sorts, pages, dates, filters.
fn extra_cases() -> Vec<Case> {
    vec![
        case("oldest page 3", "psykiatri", |r| {
            r.sort = Sort::Oldest;
            r.offset = 20;
        }),
        case("date range", "lægedækning", |r| {
            r.filters.from = chrono::NaiveDate::from_ymd_opt(2024, 1, 1);
            r.filters.to = chrono::NaiveDate::from_ymd_opt(2024, 6, 30);
        }),
        case("kommune+fokus", "rekruttering", |r| {
            r.filters = filtered(vec![
                (FacetName::Kommune, "Esbjerg"),
                (FacetName::Fokusomraade, "Lægedækning"),
            ]);
        }),
        case("empty+aar", "", |r| {
            r.filters = filtered(vec![(FacetName::Aar, "2023")]);
        }),
        case("nothing", "xqzvw", |_| {}),
    ]
}

/// `query_mix dump INDEX`: every request's JSON (`took_micros` zeroed), one per line, to
/// compare an engine change's results byte for byte.
pub fn dump(index: &Path) -> anyhow::Result<()> {
    let engine = Engine::open(index)?;
    let cases = page_cases()
        .into_iter()
        .chain(single_cases())
        .chain(extra_cases());
    for case in cases {
        let mut results = engine.search(&case.request)?;
        results.took_micros = 0;
        println!("{}\t{}", case.name, serde_json::to_string(&results)?);
    }
    Ok(())
}

/// Single-term top-10: hits only, no snippets, facets or histogram.
fn single_cases() -> Vec<Case> {
    let hits_only = |r: &mut SearchRequest| {
        r.snippets = false;
        r.facets = false;
    };
    vec![
        case("top10 lægedækning", "lægedækning", hits_only),
        case("top10 psykiatri", "psykiatri", hits_only),
        case("top10 sundhedsaftale", "sundhedsaftale", hits_only),
        case("top10 kommune", "kommune", hits_only),
    ]
}

pub fn run(index: &Path, rounds: usize) -> anyhow::Result<()> {
    if rounds == 0 {
        bail!("ROUNDS must be at least 1");
    }
    let engine = Engine::open(index)?;
    println!(
        "{:<28} {:>9} {:>9} {:>9}",
        "request", "hits", "median", "p99"
    );
    // `ONLY=phrase` times only the requests whose name contains `phrase` (for profiling one).
    let only = std::env::var("ONLY").unwrap_or_default();
    for (title, cases) in [("full page", page_cases()), ("single-term", single_cases())] {
        let mut all = Vec::new();
        for case in cases.iter().filter(|c| c.name.contains(only.as_str())) {
            let (total, mut millis) = time_case(&engine, case, rounds)?;
            millis.sort_by(f64::total_cmp);
            println!(
                "{:<28} {:>9} {:>7.2}ms {:>7.2}ms",
                case.name,
                total,
                quantile(&millis, 0.5),
                quantile(&millis, 0.99)
            );
            all.extend(millis);
        }
        if all.is_empty() {
            continue;
        }
        all.sort_by(f64::total_cmp);
        println!(
            "{:<28} {:>9} {:>7.2}ms {:>7.2}ms\n",
            format!("ALL {title}"),
            all.len(),
            quantile(&all, 0.5),
            quantile(&all, 0.99)
        );
    }
    Ok(())
}

/// Warm rounds, then `rounds` timed runs; returns the hit total and the latencies (ms).
fn time_case(engine: &Engine, case: &Case, rounds: usize) -> anyhow::Result<(u64, Vec<f64>)> {
    let mut total = 0;
    let mut millis = Vec::with_capacity(rounds);
    for round in 0..WARM_UP_ROUNDS + rounds {
        let started = Instant::now();
        let results = engine.search(&case.request)?;
        let took = started.elapsed().as_secs_f64() * 1000.0;
        total = results.total;
        if round >= WARM_UP_ROUNDS {
            millis.push(took);
        }
    }
    Ok((total, millis))
}

/// The `q` quantile of sorted `values` (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted
        .get(rank.saturating_sub(1).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or(f64::NAN)
}
