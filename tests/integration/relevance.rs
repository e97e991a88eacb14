//! The relevance test: does a person typing a topic get the agenda items about it, best
//! first? Runs every query of `tests/relevance/judgments.txt` (graded by reading the seeds;
//! see `tests/relevance/README.md`) against an index of the seeds, once with the shipped
//! chain (`Recall::Full`) and once with plain Snowball stemming (`Recall::StemOnly`), and
//! prints recall@10 and nDCG@10 per query with `--nocapture`:
//!
//! ```text
//! cargo test --test integration relevance -- --nocapture
//! ```
//!
//! Fails when the shipped chain's means fall below the floors below, or when a judged id is
//! not an item of the parsed seeds.

mod judgments;
mod metrics;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use referat::engine::indexer::{index_paths, NoProgress};
use referat::engine::{Engine, Recall, SearchRequest};
use referat::enrich::Enricher;

use self::judgments::JudgedQuery;
use self::metrics::{mean, ndcg_at, recall_at};
use crate::common::seed_files;

const JUDGMENTS: &str = include_str!("../relevance/judgments.txt");

/// Results a person looks at: the first page.
const CUTOFF: usize = 10;

/// Floors for the shipped chain's means over all 64 queries, a little under what it measured
/// so a real regression fails and a harmless re-ranking does not. Measured on main with
/// `cargo test --test integration relevance -- --nocapture`: Full recall@10 0.90, recall@10
/// (grade ≥ 2) 0.96, nDCG@10 0.94; StemOnly (plain Snowball stemming) 0.68, 0.72, 0.74.
/// Move the floors up when the engine improves; never down to make a change pass.
const FLOOR_RECALL: f64 = 0.88;
const FLOOR_NDCG: f64 = 0.92;

/// The three figures of one query under one recall setting.
#[derive(Debug, Clone, Copy)]
struct Scores {
    recall: Option<f64>,
    recall_strong: Option<f64>,
    ndcg: f64,
}

/// One query's results under both settings, and the judged items the shipped chain missed.
struct Row<'a> {
    judged: &'a JudgedQuery,
    full: Scores,
    stem: Scores,
    missed: Vec<String>,
}

/// Removes the temp index folder when the test ends, however it ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("referat-it-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the temp dir is writable");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn judged_queries() -> Vec<JudgedQuery> {
    judgments::parse(JUDGMENTS).unwrap_or_else(|why| panic!("judgments.txt: {why}"))
}

/// Every item id of the seeds, read through the real pipeline (read → parse → enrich).
fn seed_item_ids() -> HashSet<String> {
    let enricher = Enricher::builtin();
    let mut ids = HashSet::new();
    for path in seed_files() {
        let shown = path.display().to_string();
        let meeting = referat::ingest::load_file(&path, &shown, &enricher)
            .unwrap_or_else(|err| panic!("seed `{shown}` does not parse: {err}"));
        ids.extend(
            meeting
                .items
                .iter()
                .map(|item| meeting.item_id(item.number)),
        );
    }
    ids
}

fn ranked_ids(engine: &Engine, query: &str, recall: Recall) -> Vec<String> {
    let request = SearchRequest {
        query: query.to_owned(),
        limit: CUTOFF,
        snippets: false,
        facets: false,
        ..SearchRequest::default()
    };
    let results = engine
        .search_with(&request, recall)
        .unwrap_or_else(|err| panic!("`{query}` ({recall:?}) failed: {err}"));
    results.hits.into_iter().map(|hit| hit.id).collect()
}

fn scores(ranked: &[String], judged: &JudgedQuery) -> Scores {
    Scores {
        recall: recall_at(ranked, judged, 1, CUTOFF),
        recall_strong: recall_at(ranked, judged, 2, CUTOFF),
        ndcg: ndcg_at(ranked, judged, CUTOFF),
    }
}

fn evaluate<'a>(engine: &Engine, judged: &'a JudgedQuery) -> Row<'a> {
    let full = ranked_ids(engine, &judged.query, Recall::Full);
    let stem = ranked_ids(engine, &judged.query, Recall::StemOnly);
    let missed = judged
        .grades
        .iter()
        .filter(|(id, _)| !full.contains(id))
        .map(|(id, grade)| format!("{}({grade})", short_id(id)))
        .collect();
    Row {
        judged,
        full: scores(&full, judged),
        stem: scores(&stem, judged),
        missed,
    }
}

/// `…/2024-11-11/punkt-3` → `2024-11-11#3`: enough to find the item in the seeds.
fn short_id(id: &str) -> String {
    let mut parts = id.rsplit('/');
    let punkt = parts
        .next()
        .unwrap_or_default()
        .trim_start_matches("punkt-");
    let date = parts.next().unwrap_or_default();
    format!("{date}#{punkt}")
}

fn index_seeds(dir: &Path) -> Engine {
    let summary = index_paths(dir, &seed_files(), &NoProgress).expect("the seeds index");
    assert!(
        summary.skipped.is_empty(),
        "seeds skipped: {:?}",
        summary.skipped
    );
    Engine::open(dir).expect("the fresh index opens")
}

fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "   -".to_owned(), |v| format!("{v:.2}"))
}

fn print_table(rows: &[Row]) {
    println!(
        "\n{:<38} | {:^20} | {:^20} | missed by full",
        "query", "full R  R≥2  nDCG", "stem R  R≥2  nDCG"
    );
    for row in rows {
        let query: String = row.judged.query.chars().take(38).collect();
        println!(
            "{query:<38} | {}  {}  {:.2} | {}  {}  {:.2} | {}",
            figure(row.full.recall),
            figure(row.full.recall_strong),
            row.full.ndcg,
            figure(row.stem.recall),
            figure(row.stem.recall_strong),
            row.stem.ndcg,
            row.missed.join(" ")
        );
    }
    let (full, stem) = (means(rows, |r| r.full), means(rows, |r| r.stem));
    println!(
        "{:<38} | {}  {}  {:.2} | {}  {}  {:.2} |\n",
        format!("MEAN over {} queries", rows.len()),
        figure(full.recall),
        figure(full.recall_strong),
        full.ndcg,
        figure(stem.recall),
        figure(stem.recall_strong),
        stem.ndcg
    );
}

fn means(rows: &[Row], pick: impl Fn(&Row) -> Scores) -> Scores {
    Scores {
        recall: mean(rows.iter().map(|r| pick(r).recall)),
        recall_strong: mean(rows.iter().map(|r| pick(r).recall_strong)),
        ndcg: mean(rows.iter().map(|r| Some(pick(r).ndcg))).unwrap_or(0.0),
    }
}

#[test]
fn every_judged_id_is_an_item_of_the_parsed_seeds() {
    let queries = judged_queries();
    let known = seed_item_ids();
    assert_eq!(known.len(), 9 + 7 + 3 + 4 + 18, "the seeds hold 41 items");
    let unknown = judgments::unknown_ids(&queries, &known);
    assert!(
        unknown.is_empty(),
        "judged ids that are no seed item: {unknown:#?}"
    );
}

#[test]
fn the_test_set_is_large_enough_to_mean_something() {
    let queries = judged_queries();
    assert!(queries.len() >= 40, "only {} queries", queries.len());
    let strong = queries
        .iter()
        .filter(|q| q.grades.iter().any(|(_, grade)| *grade >= 2))
        .count();
    assert!(
        strong >= 30,
        "only {strong} queries have an item graded 2 or 3"
    );
}

#[test]
fn shipped_chain_finds_the_judged_items_above_the_floors() {
    let dir = TempDir::new("relevance");
    let engine = index_seeds(&dir.0);
    let queries = judged_queries();
    let rows: Vec<Row> = queries.iter().map(|q| evaluate(&engine, q)).collect();
    print_table(&rows);
    let full = means(&rows, |r| r.full);
    let recall = full.recall.unwrap_or(0.0);
    assert!(
        recall >= FLOOR_RECALL,
        "mean recall@10 {recall:.3} is below the floor {FLOOR_RECALL}"
    );
    assert!(
        full.ndcg >= FLOOR_NDCG,
        "mean nDCG@10 {:.3} is below the floor {FLOOR_NDCG}",
        full.ndcg
    );
    // The chain's reason to exist: it must find at least what plain stemming finds.
    let stem = means(&rows, |r| r.stem).recall.unwrap_or(0.0);
    assert!(
        recall >= stem,
        "the shipped chain recalls less ({recall:.3}) than plain stemming ({stem:.3})"
    );
}
