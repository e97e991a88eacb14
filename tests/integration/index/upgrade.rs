//! Upgrading: an index built by another referat version (another tantivy schema) is rebuilt
//! by `referat index` in a sibling folder and swapped in; leftovers of killed rebuilds go;
//! `referat serve` says which command rebuilds; a running engine survives the swap.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use referat::engine::indexer::{index_paths, NoProgress, Stamp};
use referat::engine::{Engine, SearchRequest};
use referat::Error;
use tantivy::schema::{Schema, STORED, STRING, TEXT};
use tantivy::{doc, Index};

use super::{big_corpus, run, seeds_copy, spawn_index, SEED_ITEMS};

/// A referat index as an older version might have left it: another tantivy schema (a
/// `source_path` and one text field), one document per file in `files`, committed with a
/// referat stamp of schema version 1 (or with no stamp: someone else's index).
fn old_index(dir: &Path, files: &[PathBuf], stamped: bool) {
    std::fs::create_dir_all(dir).expect("writable");
    let mut builder = Schema::builder();
    let source_path = builder.add_text_field("source_path", STRING | STORED);
    let text = builder.add_text_field("text", TEXT | STORED);
    let index = Index::create_in_dir(dir, builder.build()).expect("old index is created");
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
    for file in files {
        let path = file.display().to_string();
        writer
            .add_document(doc!(source_path => path, text => "lægedækning"))
            .expect("added");
    }
    let mut prepared = writer.prepare_commit().expect("prepared");
    if stamped {
        let stamp = Stamp {
            schema_version: 1,
            ..Stamp::current(0)
        };
        prepared.set_payload(&stamp.payload());
    }
    prepared.commit().expect("committed");
}

/// Folders next to `index` whose name marks a rebuild.
fn rebuild_folders(index: &Path) -> Vec<PathBuf> {
    let parent = index.parent().expect("index has a parent");
    let name = index.file_name().expect("named").to_string_lossy();
    std::fs::read_dir(parent)
        .expect("readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{name}.rebuild-")))
        })
        .collect()
}

fn hits(index: &Path, query: &str) -> u64 {
    let engine = Engine::open(index).expect("index opens");
    let request = SearchRequest {
        query: query.to_owned(),
        ..SearchRequest::default()
    };
    engine.search(&request).expect("search runs").total
}

#[test]
fn an_index_of_another_version_is_rebuilt_searchable_and_leaves_no_folder_behind() {
    let (seeds, index) = seeds_copy("upgrade-rebuild");
    old_index(&index, &[], true);
    assert!(
        Engine::open(&index).is_err(),
        "the old schema cannot be opened"
    );
    // A rebuild killed earlier left its folder behind.
    let name = index.file_name().expect("named").to_string_lossy();
    let leftover = index.with_file_name(format!("{name}.rebuild-9-9"));
    std::fs::create_dir_all(&leftover).expect("writable");
    let summary = run(&index, std::slice::from_ref(&seeds));
    assert!(summary.rebuilt);
    assert_eq!(summary.items_indexed as u64, SEED_ITEMS);
    assert!(hits(&index, "lægedækning") > 0);
    assert!(
        rebuild_folders(&index).is_empty(),
        "{:?}",
        rebuild_folders(&index)
    );
    let again = run(&index, &[seeds]);
    assert!(!again.rebuilt, "the rebuilt index has the current schema");
    assert_eq!(again.files_unchanged, 5);
}

#[test]
fn a_rebuild_keeps_the_files_the_old_index_held_outside_the_given_paths() {
    let (seeds, index) = seeds_copy("upgrade-keep");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .expect("readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let elsewhere = seeds.parent().expect("parent").join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("writable");
    let kept = elsewhere.join(files[0].file_name().expect("named"));
    std::fs::rename(&files[0], &kept).expect("movable");
    old_index(&index, std::slice::from_ref(&kept), true);
    let summary = run(&index, std::slice::from_ref(&seeds));
    assert!(summary.rebuilt);
    assert_eq!(summary.files_added, 5, "4 given + 1 from the old index");
    assert_eq!(summary.items_indexed as u64, SEED_ITEMS);
}

#[test]
fn a_rebuild_while_another_run_holds_the_old_index_is_refused_and_changes_nothing() {
    let (seeds, index) = seeds_copy("upgrade-locked");
    old_index(&index, &[], true);
    let held = Index::open_in_dir(&index).expect("old index opens with its own schema");
    let writer: tantivy::IndexWriter = held.writer(15_000_000).expect("lock is free");
    let result = index_paths(&index, std::slice::from_ref(&seeds), &NoProgress);
    assert!(matches!(result, Err(Error::IndexLocked(_))), "{result:?}");
    assert!(rebuild_folders(&index).is_empty());
    drop(writer);
    assert!(
        run(&index, &[seeds]).rebuilt,
        "rebuilt once the lock is free"
    );
}

#[test]
fn the_cli_says_the_index_was_rebuilt_because_another_version_built_it() {
    let (seeds, index) = seeds_copy("upgrade-cli");
    old_index(&index, &[], true);
    let output = Command::new(env!("CARGO_BIN_EXE_referat"))
        .arg("index")
        .arg(&seeds)
        .arg("--index")
        .arg(&index)
        .output()
        .expect("binary runs");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("built by another referat version"),
        "{stdout}"
    );
}

#[test]
fn a_leftover_rebuild_folder_from_a_killed_run_is_removed_by_the_next_run() {
    let (seeds, index) = seeds_copy("upgrade-leftover");
    run(&index, std::slice::from_ref(&seeds));
    let name = index.file_name().expect("named").to_string_lossy();
    let leftover = index.with_file_name(format!("{name}.rebuild-1-2"));
    std::fs::create_dir_all(&leftover).expect("writable");
    std::fs::write(leftover.join("meta.json"), "{}").expect("writable");
    let unrelated = index.with_file_name(format!("{name}-backup"));
    std::fs::create_dir_all(&unrelated).expect("writable");
    run(&index, &[seeds]);
    assert!(!leftover.exists(), "the leftover is removed");
    assert!(unrelated.exists(), "other folders are not touched");
}

#[test]
fn a_tantivy_index_referat_did_not_build_is_refused_and_kept() {
    let (seeds, index) = seeds_copy("upgrade-foreign");
    old_index(&index, &[seeds.join("x")], false);
    let result = index_paths(&index, &[seeds], &NoProgress);
    let message = result.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("did not build"), "{message}");
    assert!(
        index.join("meta.json").exists(),
        "the foreign index is kept"
    );
    assert!(rebuild_folders(&index).is_empty());
}

#[test]
fn serve_on_an_old_index_names_the_command_that_rebuilds_it() {
    let (seeds, index) = seeds_copy("upgrade-serve");
    old_index(&index, &[], true);
    let output = Command::new(env!("CARGO_BIN_EXE_referat"))
        .arg("serve")
        .arg("--index")
        .arg(&index)
        .arg("--seeds")
        .arg(&seeds)
        .arg("--addr")
        .arg("127.0.0.1:0")
        .output()
        .expect("binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let command = format!("referat index --index {}", index.display());
    assert!(stderr.contains(&command), "{stderr}");
}

#[test]
fn an_open_engine_keeps_answering_when_its_folder_is_swapped_for_another_schema() {
    let (seeds, index) = seeds_copy("upgrade-swap");
    run(&index, &[seeds]);
    let engine = Engine::open(&index).expect("opens");
    let request = SearchRequest {
        query: "lægedækning".to_owned(),
        ..SearchRequest::default()
    };
    let before = engine.search(&request).expect("searches").total;
    assert!(before > 0);
    // What a rebuild by a newer version does: another schema's index takes the folder's place.
    let other = index.with_file_name("other-schema");
    old_index(&other, &[], true);
    let aside = index.with_file_name("aside");
    std::fs::rename(&index, &aside).expect("movable");
    std::fs::rename(&other, &index).expect("movable");
    std::fs::remove_dir_all(&aside).expect("removable");
    // The folder watcher polls every 500 ms and the reader reloads shortly after.
    std::thread::sleep(Duration::from_millis(2_500));
    let after = engine.search(&request).expect("still searches");
    assert_eq!(after.total, before);
    assert_eq!(engine.item_count(), SEED_ITEMS);
}

#[test]
fn a_rebuild_killed_at_any_moment_leaves_the_old_or_the_new_index_and_the_next_run_finishes() {
    let (seeds, index) = seeds_copy("upgrade-killed");
    old_index(&index, &[], true);
    let old_meta = std::fs::read(index.join("meta.json")).expect("readable");
    let corpus = seeds.parent().expect("has a parent").join("corpus");
    std::fs::create_dir_all(&corpus).expect("writable");
    big_corpus(&corpus, 30);
    let paths = [seeds, corpus];
    for moment in [20, 150, 400, 900, 1_500] {
        let mut child = spawn_index(&paths, &index);
        std::thread::sleep(Duration::from_millis(moment));
        let _ = child.kill();
        let _ = child.wait();
        let meta = std::fs::read(index.join("meta.json")).expect("an index is in place");
        if meta != old_meta {
            let engine = Engine::open(&index).expect("the swapped-in index opens");
            assert_eq!(
                engine.item_count(),
                SEED_ITEMS * 31,
                "killed after {moment} ms"
            );
            break;
        }
    }
    let summary = run(&index, &paths);
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    assert_eq!(summary.items_indexed as u64, SEED_ITEMS * 31);
    assert!(
        rebuild_folders(&index).is_empty(),
        "{:?}",
        rebuild_folders(&index)
    );
}

#[test]
fn a_rebuild_killed_between_its_two_renames_gets_its_old_index_back() {
    let (seeds, index) = seeds_copy("upgrade-aside");
    let extra = seeds.parent().expect("has a parent").join("extra");
    std::fs::create_dir_all(&extra).expect("writable");
    big_corpus(&extra, 3);
    let everything = run(&index, &[seeds.clone(), extra]).items_indexed;
    assert!(everything as u64 > SEED_ITEMS);
    // What the two-rename swap leaves when killed after its first rename: the old index set
    // aside under a rebuild name, the new one still in staging, no index folder.
    let name = index
        .file_name()
        .expect("named")
        .to_string_lossy()
        .into_owned();
    let aside = index.with_file_name(format!("{name}.rebuild-1-2-old"));
    std::fs::rename(&index, &aside).expect("renamed");
    std::fs::create_dir_all(index.with_file_name(format!("{name}.rebuild-1-2"))).expect("staging");
    // A run over the seeds alone keeps the files of the other folder: it found the old index.
    assert_eq!(run(&index, &[seeds]).items_indexed, everything);
    assert!(
        rebuild_folders(&index).is_empty(),
        "{:?}",
        rebuild_folders(&index)
    );
}
