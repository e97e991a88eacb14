//! referat's side of the side-by-side comparison (`scripts/side-by-side.sh`).
//!
//! Two jobs, so every engine sees exactly what referat sees:
//!
//! - `jsonl CORPUS OUT`: read → parse → enrich every referat file under `CORPUS` with the
//!   library and write one JSON line per agenda item (id, title, body, klynge, niveau,
//!   kommuner, aar). The peers (Xapian, SQLite FTS5, Lucene) index this file.
//! - `run INDEX MIX ROUNDS OUT`: run the shared query mix (`scripts/peers/make_mix.py`)
//!   through `Engine::search` in this process, warm (three unmeasured rounds first), and write
//!   every latency and hit count to `OUT` as JSON for `scripts/peers/table.py`.
//!
//! - `page INDEX ROUNDS`: the fixed full-page list of issue #6 (broad words, a phrase, a typo,
//!   the empty query, filters, a prefix, a field scope, date sort, page 2), warm, `ROUNDS`
//!   timed rounds; prints median and p99 per request and overall, plus single-term top-10
//!   (hits only). Its requests live in `page_bench.rs`. `ONLY=NAME` in the environment times
//!   only the requests whose name contains `NAME` (to profile one); `QUERY=text` adds a query.
//!
//! Three request shapes are timed: the search page (hits, snippets, facet counts, histogram),
//! hits plus facet counts without snippets (what the peers compute), and single-term top-10
//! (hits only) for the mix's single-term queries.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};

use referat::engine::{Engine, FacetName, Filters, SearchRequest};
use referat::enrich::Enricher;
use referat::ingest::load_file;
use referat::model::{Meeting, SectionKind};

#[path = "query_mix/page_bench.rs"]
mod page_bench;

/// Unrecorded rounds first: caches (and, for the JVM peer, the JIT) settle before timing. The
/// same number in `scripts/peers/common.py` and `LucenePeer.java`.
const WARM_UP_ROUNDS: usize = 3;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["jsonl", corpus, out] => write_jsonl(Path::new(corpus), Path::new(out)),
        ["run", index, mix, rounds, out] => {
            let rounds: usize = rounds.parse().context("ROUNDS must be a number")?;
            run_mix(Path::new(index), Path::new(mix), rounds, Path::new(out))
        }
        ["page", index, rounds] => {
            let rounds: usize = rounds.parse().context("ROUNDS must be a number")?;
            page_bench::run(Path::new(index), rounds)
        }
        ["dump", index] => page_bench::dump(Path::new(index)),
        _ => bail!(
            "usage: query_mix jsonl CORPUS OUT | query_mix run INDEX MIX ROUNDS OUT \
             | query_mix page INDEX ROUNDS | query_mix dump INDEX"
        ),
    }
}

/// One agenda item as the peers index it: the same text referat puts in its whole-item
/// fields (title and every section but Fraværende) and the facets the peers count.
#[derive(Serialize)]
struct ItemLine<'a> {
    id: String,
    title: &'a str,
    body: String,
    klynge: &'a str,
    niveau: &'a str,
    kommuner: &'a [String],
    aar: String,
}

fn write_jsonl(corpus: &Path, out: &Path) -> anyhow::Result<()> {
    let mut files = Vec::new();
    collect_referat_files(corpus, &mut files)?;
    files.sort();
    let enricher = Enricher::builtin();
    let file =
        std::fs::File::create(out).with_context(|| format!("creating `{}`", out.display()))?;
    let mut writer = BufWriter::new(file);
    let (mut items, mut skipped) = (0usize, 0usize);
    for path in &files {
        let display = path.display().to_string();
        match load_file(path, &display, &enricher) {
            Ok(meeting) => items += write_meeting(&mut writer, &meeting)?,
            Err(err) => {
                eprintln!("skipped {display}: {err}");
                skipped += 1;
            }
        }
    }
    writer.flush()?;
    eprintln!(
        "{items} items from {} files ({skipped} skipped) → {}",
        files.len(),
        out.display()
    );
    Ok(())
}

fn write_meeting(writer: &mut impl Write, meeting: &Meeting) -> anyhow::Result<usize> {
    let aar = meeting.dato.format("%Y").to_string();
    for item in &meeting.items {
        let body: Vec<&str> = item
            .sections
            .iter()
            .filter(|s| s.kind != SectionKind::Fravaerende)
            .map(|s| s.text.as_str())
            .collect();
        let line = ItemLine {
            id: meeting.item_id(item.number),
            title: &item.title,
            body: body.join("\n\n"),
            klynge: &meeting.forum.klynge,
            niveau: meeting.niveau.label(),
            kommuner: &item.enrichment.kommuner,
            aar: aar.clone(),
        };
        serde_json::to_writer(&mut *writer, &line)?;
        writer.write_all(b"\n")?;
    }
    Ok(meeting.items.len())
}

/// `.txt` and `.md` files under `dir`, recursively, skipping hidden entries (the
/// generator's manifest) — the same files `referat index` reads.
fn collect_referat_files(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("reading `{}`", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect_referat_files(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

/// One query of the shared mix: `words` AND'ed (or one phrase), optional facet filters.
#[derive(Deserialize)]
struct MixQuery {
    kind: String,
    words: Vec<String>,
    klynge: Option<String>,
    aar: Option<String>,
}

impl MixQuery {
    /// The query in referat's language: words are AND'ed by default; a phrase is quoted.
    fn query_text(&self) -> String {
        let joined = self.words.join(" ");
        if self.kind == "phrase" {
            format!("\"{joined}\"")
        } else {
            joined
        }
    }

    fn filters(&self) -> Filters {
        let mut facets = Vec::new();
        if let Some(klynge) = &self.klynge {
            facets.push((FacetName::Klynge, vec![klynge.clone()]));
        }
        if let Some(aar) = &self.aar {
            facets.push((FacetName::Aar, vec![aar.clone()]));
        }
        Filters {
            facets,
            ..Filters::default()
        }
    }
}

/// Latencies in milliseconds, one per (query, round), and hit totals, one per query.
#[derive(Serialize, Default)]
struct Timings {
    page_ms: Vec<f64>,
    facets_ms: Vec<f64>,
    single_ms: Vec<f64>,
    hits: Vec<u64>,
}

fn run_mix(index: &Path, mix: &Path, rounds: usize, out: &Path) -> anyhow::Result<()> {
    let engine = Engine::open(index)?;
    let text =
        std::fs::read_to_string(mix).with_context(|| format!("reading `{}`", mix.display()))?;
    let queries: Vec<MixQuery> = serde_json::from_str(&text).context("parsing the query mix")?;
    let mut timings = Timings::default();
    for round in 0..WARM_UP_ROUNDS + rounds {
        let record = round >= WARM_UP_ROUNDS;
        for query in &queries {
            let page = time_request(&engine, query, true, true)?;
            let facets = time_request(&engine, query, false, true)?;
            if record {
                timings.page_ms.push(page.0);
                timings.facets_ms.push(facets.0);
            }
            if round + 1 == WARM_UP_ROUNDS + rounds {
                timings.hits.push(facets.1);
            }
            if query.kind == "term" {
                let single = time_request(&engine, query, false, false)?;
                if record {
                    timings.single_ms.push(single.0);
                }
            }
        }
    }
    let json = serde_json::to_string(&timings)?;
    std::fs::write(out, json).with_context(|| format!("writing `{}`", out.display()))?;
    Ok(())
}

/// Run one top-10 request; returns (milliseconds, total hits).
fn time_request(
    engine: &Engine,
    query: &MixQuery,
    snippets: bool,
    facets: bool,
) -> anyhow::Result<(f64, u64)> {
    let request = SearchRequest {
        query: query.query_text(),
        filters: query.filters(),
        limit: 10,
        snippets,
        facets,
        ..SearchRequest::default()
    };
    let started = Instant::now();
    let results = engine.search(&request)?;
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    Ok((millis, results.total))
}
