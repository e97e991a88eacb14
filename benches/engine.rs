//! Criterion benches for the whole pipeline: parse (MB/s), index (items/s from files on disk
//! to a committed index) and query (through `Engine::search`, as the server calls it).
//!
//! `cargo bench` uses a small generated corpus (2,000 items) so it finishes in minutes;
//! `REFERAT_BENCH_ITEMS=100000 cargo bench` scales the query benches up. Corpora are
//! generated once into `<target>/bench-corpus-N/` (with `referat generate`'s library code,
//! seed 1) and indexed once into `<target>/bench-index-N/`; later runs reuse both. See
//! BENCHMARKS.md for the figures and the machine.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use referat::engine::indexer::{index_paths, NoProgress};
use referat::engine::{Engine, FacetName, Filters, SearchRequest};
use referat::enrich::Enricher;
use referat::generate::{self, Options};
use referat::model::{Source, SourceEncoding};

/// Items in the corpus the query benches search (`REFERAT_BENCH_ITEMS`).
const DEFAULT_ITEMS: usize = 2_000;
/// Items in the corpus the index bench builds an index from on every iteration.
const INDEX_BENCH_ITEMS: usize = 1_000;
/// Generated files the parse bench reads (held in memory).
const PARSE_BENCH_FILES: usize = 100;
const CORPUS_SEED: u64 = 1;

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn bench_items() -> usize {
    std::env::var("REFERAT_BENCH_ITEMS")
        .ok()
        .and_then(|value| value.replace('_', "").parse().ok())
        .unwrap_or(DEFAULT_ITEMS)
}

/// The generated corpus of `items` items, generating it unless a finished one is there.
fn corpus(items: usize) -> PathBuf {
    let dir = target_dir().join(format!("bench-corpus-{items}"));
    if generate::read_manifest(&dir).is_some_and(|m| m.items == items && m.seed == CORPUS_SEED) {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let seeds = generate::read_seed_texts(&generate::default_seeds_dir())
        .unwrap_or_else(|err| panic!("bench needs the seeds: {err}"));
    let options = Options {
        out: dir.clone(),
        items,
        seed: CORPUS_SEED,
    };
    let summary = generate::generate(&seeds, &options, &mut |_| {})
        .unwrap_or_else(|err| panic!("cannot generate the bench corpus: {err}"));
    eprintln!(
        "generated {} items ({:.1} MB) in {:.1} s into {}",
        summary.items,
        summary.bytes as f64 / 1e6,
        summary.took.as_secs_f64(),
        dir.display()
    );
    dir
}

/// Referat files under `dir`, sorted (the generator's folders of 1,000 files).
fn referat_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("txt" | "md")
            ) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn read_all(files: &[PathBuf]) -> Vec<Vec<u8>> {
    files
        .iter()
        .map(|path| std::fs::read(path).unwrap_or_else(|err| panic!("{}: {err}", path.display())))
        .collect()
}

/// read + parse, the two steps that turn bytes into a `Meeting`.
fn parse_bytes(bytes: &[u8]) -> usize {
    let clean = referat::read::clean(bytes).unwrap_or_else(|err| panic!("read: {err}"));
    let source = Source {
        path: String::new(),
        sha256: String::new(),
        encoding: SourceEncoding::Utf8,
        notes: Vec::new(),
    };
    referat::parse::parse_meeting(&clean.text, source)
        .map(|meeting| meeting.items.len())
        .unwrap_or_else(|err| panic!("parse: {err}"))
}

fn bench_parse(c: &mut Criterion) {
    let seeds = read_all(&referat_files(&generate::default_seeds_dir()));
    let generated = read_all(
        &referat_files(&corpus(INDEX_BENCH_ITEMS))
            .into_iter()
            .take(PARSE_BENCH_FILES)
            .collect::<Vec<_>>(),
    );
    let enricher = Enricher::builtin();
    let mut group = c.benchmark_group("parse");
    for (name, files) in [("seeds", &seeds), ("generated", &generated)] {
        let bytes: usize = files.iter().map(Vec::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("read_parse/{name}"), |b| {
            b.iter(|| {
                files
                    .iter()
                    .map(|f| parse_bytes(black_box(f)))
                    .sum::<usize>()
            })
        });
        group.bench_function(format!("read_parse_enrich/{name}"), |b| {
            b.iter(|| {
                files
                    .iter()
                    .filter_map(|f| {
                        referat::ingest::load_bytes(black_box(f), "bench", &enricher).ok()
                    })
                    .map(|meeting| meeting.items.len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

fn bench_index(c: &mut Criterion) {
    let corpus = corpus(INDEX_BENCH_ITEMS);
    let scratch = target_dir().join("bench-index-scratch");
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.throughput(Throughput::Elements(INDEX_BENCH_ITEMS as u64));
    group.bench_function(format!("files_to_commit/{INDEX_BENCH_ITEMS}"), |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&scratch);
            },
            |()| {
                let summary = index_paths(&scratch, std::slice::from_ref(&corpus), &NoProgress)
                    .unwrap_or_else(|err| panic!("index: {err}"));
                assert_eq!(summary.items_indexed, INDEX_BENCH_ITEMS);
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&scratch);
}

/// The index of the `items` corpus, built once (and timed) unless it is already complete.
fn bench_engine(items: usize) -> Engine {
    let corpus = corpus(items);
    let dir = target_dir().join(format!("bench-index-{items}"));
    let open = |dir: &Path| Engine::open(dir).unwrap_or_else(|err| panic!("open: {err}"));
    // An index left by an earlier run is reused when it opens (same schema) and is complete;
    // anything else (an older version's index, an interrupted build) is built again.
    if let Ok(engine) = Engine::open(&dir) {
        if engine.item_count() == items as u64 {
            return engine;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let started = Instant::now();
    let summary = index_paths(&dir, std::slice::from_ref(&corpus), &NoProgress)
        .unwrap_or_else(|err| panic!("index: {err}"));
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "indexed {} items from {} files in {seconds:.1} s ({:.0} items/s) into {}",
        summary.items_indexed,
        summary.files_seen,
        summary.items_indexed as f64 / seconds,
        dir.display()
    );
    open(&dir)
}

fn request(query: &str, filters: Filters, page: bool) -> SearchRequest {
    SearchRequest {
        query: query.to_string(),
        filters,
        snippets: page,
        facets: page,
        ..SearchRequest::default()
    }
}

fn bench_query(c: &mut Criterion) {
    let items = bench_items();
    let engine = bench_engine(items);
    let facet = |name, value: &str| Filters {
        facets: vec![(name, vec![value.to_string()])],
        ..Filters::default()
    };
    let mut both = facet(FacetName::Klynge, "Fyn");
    both.facets.push((FacetName::Aar, vec!["2024".to_string()]));
    let cases = [
        (
            "single_term",
            request("lægedækning", Filters::default(), false),
        ),
        (
            "several_terms",
            request(
                "lægedækning rekruttering almen praksis",
                Filters::default(),
                false,
            ),
        ),
        (
            "phrase",
            request("\"kom trygt hjem\"", Filters::default(), false),
        ),
        (
            "field_scoped",
            request("beslutning:godkendt", Filters::default(), false),
        ),
        ("facet_filtered", request("sundhedsreform", both, false)),
        ("typo", request("lægedækkning", Filters::default(), false)),
        (
            "search_page",
            request("lægedækning", Filters::default(), true),
        ),
        (
            "search_page_everything",
            request("", Filters::default(), true),
        ),
    ];
    let mut group = c.benchmark_group(format!("query/{items}"));
    for (name, request) in &cases {
        let total = engine
            .search(request)
            .map(|results| results.total)
            .unwrap_or_else(|err| panic!("{name}: {err}"));
        assert!(total > 0, "{name} finds nothing in the bench corpus");
        group.bench_function(*name, |b| b.iter(|| engine.search(black_box(request))));
    }
    group.finish();
}

criterion_group!(benches, bench_parse, bench_index, bench_query);
criterion_main!(benches);
