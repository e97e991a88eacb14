//! Fuzz target `query`: arbitrary UTF-8 as a search box query. The parser must never panic,
//! its normalized form (`Display`) must parse back to the same AST (the search page shows
//! and links that form), and a search and a suggest over a small index of the seed referater
//! must not panic or fail (an engine error on a user query is a 500 from the server).
//!
//! The seed index is built once per process (libFuzzer runs in-process: one build for the
//! whole run) on a RAM-backed tmpfs when there is one, so a search costs no disk I/O.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use referat::engine::indexer::{index_paths, NoProgress};
use referat::engine::query;
use referat::engine::{Engine, SearchRequest};

/// The server refuses longer queries (`server::limits::MAX_QUERY_CHARS`), so longer inputs
/// test nothing a user can reach; the parser alone still sees them.
const MAX_QUERY_CHARS: usize = 1_000;

fuzz_target!(|bytes: &[u8]| {
    let Ok(input) = std::str::from_utf8(bytes) else {
        return;
    };
    check_round_trip(input);
    if input.chars().count() <= MAX_QUERY_CHARS {
        check_search(input);
    }
});

fn check_round_trip(input: &str) {
    let parsed = query::parse(input);
    let normalized = parsed.query.to_string();
    let reparsed = query::parse(&normalized);
    assert_eq!(
        parsed.query, reparsed.query,
        "`{input}` normalizes to `{normalized}`, which parses differently"
    );
    assert_eq!(
        normalized,
        reparsed.query.to_string(),
        "normalizing `{input}` twice changes it"
    );
}

fn check_search(input: &str) {
    let engine = engine();
    let request = SearchRequest {
        query: input.to_owned(),
        ..SearchRequest::default()
    };
    if let Err(err) = engine.search(&request) {
        panic!("search for `{input}` failed: {err}");
    }
    if let Err(err) = engine.suggest(input, 8) {
        panic!("suggest for `{input}` failed: {err}");
    }
}

/// The seed referater indexed once per process into a fresh folder `referat-fuzz-<pid>` on
/// `/dev/shm` (memory) or else the temp dir; scripts/fuzz.sh removes these after a run.
/// `Engine` only opens folders, so a tmpfs is how the index lives in memory.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../seeds");
        let shm = PathBuf::from("/dev/shm");
        let base = if shm.is_dir() {
            shm
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("referat-fuzz-{}", std::process::id()));
        // A leftover folder from a recycled pid would hold a stale index: start clean.
        let _ = std::fs::remove_dir_all(&dir);
        let summary = index_paths(&dir, &[seeds], &NoProgress).expect("indexing the seeds");
        assert!(summary.items_indexed > 0, "no seed item indexed");
        Engine::open(&dir).expect("opening the seed index")
    })
}
