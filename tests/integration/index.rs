//! Indexing the seeds: incremental runs, bad files, interrupted runs, the writer lock,
//! lookups, and `referat index`'s exit codes. `upgrade`: indexes of other referat versions.

mod heal;
mod ids;
mod upgrade;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use referat::engine::indexer::{index_paths, NoProgress};
use referat::engine::{Engine, Filters};
use referat::Error;

use crate::common::seed_files;

const SEED_ITEMS: u64 = 9 + 7 + 3 + 4 + 18;

/// A fresh, empty folder under the system temp dir.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("referat-it-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    dir
}

/// A temp folder holding a copy of the seeds, and an index folder next to it.
fn seeds_copy(name: &str) -> (PathBuf, PathBuf) {
    let root = temp_dir(name);
    let seeds = root.join("seeds");
    std::fs::create_dir_all(&seeds).expect("writable");
    for file in seed_files() {
        let name = file.file_name().expect("seed files have names");
        std::fs::copy(&file, seeds.join(name)).expect("seeds are readable");
    }
    (seeds, root.join("index"))
}

/// Every item id of the index, through the public lookups.
fn item_ids(index: &Path) -> BTreeSet<String> {
    let engine = Engine::open(index).expect("index opens");
    let mut ids = BTreeSet::new();
    for summary in engine.meetings(&Filters::default()).expect("meetings list") {
        let meeting = engine.meeting(&summary.id).expect("reads").expect("listed");
        for item in &meeting.items {
            ids.insert(meeting.item_id(item.number));
        }
    }
    ids
}

fn run(index: &Path, paths: &[PathBuf]) -> referat::engine::IndexSummary {
    index_paths(index, paths, &NoProgress).expect("run succeeds")
}

#[test]
fn seeds_index_to_41_items_and_a_rerun_changes_nothing() {
    let (seeds, index) = seeds_copy("rerun");
    let first = run(&index, std::slice::from_ref(&seeds));
    assert!(first.skipped.is_empty(), "{:?}", first.skipped);
    assert_eq!((first.files_seen, first.files_added), (5, 5));
    assert_eq!(first.items_indexed as u64, SEED_ITEMS);
    let engine = Engine::open(&index).expect("opens");
    assert_eq!(engine.item_count(), SEED_ITEMS);
    let second = run(&index, std::slice::from_ref(&seeds));
    assert_eq!(second.files_unchanged, 5);
    assert_eq!(
        second.files_added + second.files_replaced + second.files_removed,
        0
    );
    assert_eq!(second.items_indexed as u64, SEED_ITEMS);
}

#[test]
fn a_touched_file_is_replaced_and_a_deleted_one_removed() {
    let (seeds, index) = seeds_copy("touch");
    run(&index, std::slice::from_ref(&seeds));
    let files = seed_files();
    let touched = seeds.join(files[2].file_name().expect("named"));
    let mut text = std::fs::read_to_string(&touched).expect("seed is UTF-8");
    text.push_str("\nEn ekstra linje tilføjet efter mødet.\n");
    std::fs::write(&touched, text).expect("writable");
    let summary = run(&index, std::slice::from_ref(&seeds));
    assert_eq!((summary.files_replaced, summary.files_unchanged), (1, 4));
    assert_eq!(summary.items_indexed as u64, SEED_ITEMS);
    let before = item_ids(&index);
    std::fs::remove_file(seeds.join(files[4].file_name().expect("named"))).expect("removable");
    let summary = run(&index, std::slice::from_ref(&seeds));
    assert_eq!(summary.files_removed, 1);
    assert_eq!(summary.items_indexed as u64, SEED_ITEMS - 18);
    assert_eq!(before.len() - item_ids(&index).len(), 18);
}

#[test]
fn bad_files_are_skipped_with_a_reason_and_the_rest_indexed() {
    let (seeds, index) = seeds_copy("bad");
    std::fs::write(seeds.join("empty.txt"), "").expect("writable");
    std::fs::write(seeds.join("binary.md"), [0u8, 159, 146, 150, 0, 1, 2]).expect("writable");
    let summary = run(&index, std::slice::from_ref(&seeds));
    assert_eq!(summary.files_added, 5);
    assert_eq!(summary.items_indexed as u64, SEED_ITEMS);
    let skipped: Vec<&str> = summary.skipped.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(skipped.len(), 2, "{:?}", summary.skipped);
    assert!(skipped.iter().any(|p| p.ends_with("empty.txt")));
    assert!(skipped.iter().any(|p| p.ends_with("binary.md")));
    assert!(summary
        .skipped
        .iter()
        .all(|(_, reason)| !reason.is_empty() && !reason.contains('\n')));
}

#[test]
fn a_copy_of_a_seed_is_skipped_naming_the_file_indexed_first() {
    let (seeds, index) = seeds_copy("duplicate");
    let first = seeds.join(seed_files()[0].file_name().expect("named"));
    std::fs::copy(&first, seeds.join("zz_copy.txt")).expect("writable");
    let summary = run(&index, std::slice::from_ref(&seeds));
    assert_eq!(summary.skipped.len(), 1);
    let (path, reason) = &summary.skipped[0];
    assert!(path.ends_with("zz_copy.txt"));
    let first_name = first.file_name().expect("named").to_string_lossy();
    assert!(reason.contains(first_name.as_ref()), "{reason}");
}

#[test]
fn a_second_run_while_a_writer_is_held_is_refused() {
    let (seeds, index) = seeds_copy("locked");
    run(&index, std::slice::from_ref(&seeds));
    let held = tantivy::Index::open_in_dir(&index).expect("index opens");
    let _writer: tantivy::IndexWriter = held.writer(50_000_000).expect("lock is free");
    let second = index_paths(&index, &[seeds], &NoProgress);
    assert!(matches!(second, Err(Error::IndexLocked(_))), "{second:?}");
    assert!(second
        .err()
        .is_some_and(|e| e.to_string().contains("another `referat index`")));
}

#[test]
fn lookups_answer_for_seed_000() {
    let (seeds, index) = seeds_copy("lookups");
    run(&index, std::slice::from_ref(&seeds));
    let engine = Engine::open(&index).expect("opens");
    let id = "sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11/punkt-2";
    let stored = engine
        .item(id)
        .expect("reads")
        .expect("seed 000 punkt 2 is indexed");
    assert_eq!(stored.item.number, 2);
    assert_eq!(stored.meeting.item_count, 9);
    assert_eq!(stored.agenda.len(), 9);
    let meeting = engine
        .meeting(&stored.meeting.id)
        .expect("reads")
        .expect("indexed");
    let numbers: Vec<u32> = meeting.items.iter().map(|i| i.number).collect();
    assert_eq!(numbers, (1..=9).collect::<Vec<u32>>());
    let meetings = engine.meetings(&Filters::default()).expect("reads");
    assert_eq!(meetings.len(), 5);
    assert!(
        meetings.windows(2).all(|w| w[0].dato >= w[1].dato),
        "newest first"
    );
}

/// `count` copies of each seed under `dir`, each with its own date in the title line, so
/// every copy is its own meeting.
fn big_corpus(dir: &Path, count: u32) {
    for (seed_no, file) in seed_files().iter().enumerate() {
        let text = std::fs::read_to_string(file).expect("seeds are UTF-8");
        for copy in 0..count {
            let day = 1 + copy % 28;
            let month = 1 + (copy / 28) % 12;
            let year = 2030 + seed_no as u32;
            let redated = redate_title(&text, &format!("{day:02}-{month:02}-{year}"));
            let name = format!("copy_{seed_no}_{copy:04}.txt");
            std::fs::write(dir.join(name), redated).expect("writable");
        }
    }
}

/// `text` with the date after "d. " in its REFERAT title line replaced by `date`.
/// `referat index PATHS --index INDEX` started as a child process, output discarded (the
/// kill tests SIGKILL it).
fn spawn_index(paths: &[PathBuf], index: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_referat"))
        .arg("index")
        .args(paths)
        .arg("--index")
        .arg(index)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("binary starts")
}

fn redate_title(text: &str, date: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = false;
    for line in text.split_inclusive('\n') {
        match line
            .find("d. ")
            .filter(|_| !done && line.contains("REFERAT"))
        {
            Some(at) if line.len() >= at + 13 => {
                out.push_str(&line[..at + 3]);
                out.push_str(date);
                out.push_str(&line[at + 13..]);
                done = true;
            }
            _ => out.push_str(line),
        }
    }
    out
}

#[test]
fn a_killed_run_leaves_the_last_commit_and_the_next_run_finishes() {
    let (seeds, index) = seeds_copy("killed");
    run(&index, std::slice::from_ref(&seeds));
    let before = item_ids(&index);
    let corpus = seeds.parent().expect("has a parent").join("corpus");
    std::fs::create_dir_all(&corpus).expect("writable");
    big_corpus(&corpus, 60);
    let paths = [seeds.clone(), corpus.clone()];
    let complete = usize::try_from(SEED_ITEMS * 61).expect("fits");
    for moment in [20, 150, 400, 900] {
        let mut child = spawn_index(&paths, &index);
        std::thread::sleep(Duration::from_millis(moment));
        let _ = child.kill();
        let _ = child.wait();
        // A run can commit and still be killed before it exits (a fast release build
        // does at 400 ms): what a kill may never leave is a mix of the two.
        let ids = item_ids(&index);
        assert!(
            ids == before || (ids.len() == complete && ids.is_superset(&before)),
            "killed after {moment} ms: {} items, neither the last commit ({}) nor the whole run ({complete})",
            ids.len(),
            before.len()
        );
    }
    let summary = run(&index, &paths);
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    assert_eq!(summary.items_indexed as u64, SEED_ITEMS * 61);
    assert!(item_ids(&index).is_superset(&before));
}

#[test]
fn the_cli_exits_1_when_a_file_was_skipped_and_2_when_locked() {
    let (seeds, index) = seeds_copy("cli");
    std::fs::write(seeds.join("empty.txt"), "").expect("writable");
    let status = |index: &Path| {
        Command::new(env!("CARGO_BIN_EXE_referat"))
            .arg("index")
            .arg(&seeds)
            .arg("--index")
            .arg(index)
            .output()
            .expect("binary runs")
    };
    let output = status(&index);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("empty.txt") && stdout.contains("the file is empty"),
        "{stdout}"
    );
    let held = tantivy::Index::open_in_dir(&index).expect("index opens");
    let _writer: tantivy::IndexWriter = held.writer(50_000_000).expect("lock is free");
    let locked = status(&index);
    assert_eq!(locked.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&locked.stderr).contains("another `referat index`"));
}
