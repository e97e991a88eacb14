//! Tests of incremental, atomic indexing and the stored lookups, over hand-built meetings
//! (they do not depend on the parser).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::*;
use crate::engine::Engine;
use crate::model::{
    AgendaItem, Enrichment, Forum, ForumKind, Niveau, Section, SectionKind, Source, SourceEncoding,
};

/// A fresh, empty folder under the system temp dir.
pub(crate) fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("referat-ix-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    dir
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test dates are valid")
}

/// A meeting of `area`'s cluster at political level on `dato`, with items titled `titles`.
pub(crate) fn meeting(area: &str, dato: &str, source_path: &str, titles: &[&str]) -> Meeting {
    let items = titles
        .iter()
        .zip(1..)
        .map(|(title, number)| AgendaItem {
            number,
            title: (*title).to_owned(),
            time_slot: None,
            duration_minutes: None,
            case_number: None,
            sections: vec![Section {
                kind: SectionKind::Beslutning,
                heading: "Beslutning".to_owned(),
                text: format!("{title} blev godkendt."),
            }],
            enrichment: Enrichment::default(),
        })
        .collect();
    Meeting {
        source: Source {
            path: source_path.to_owned(),
            sha256: "0".repeat(64),
            encoding: SourceEncoding::Utf8,
            notes: Vec::new(),
        },
        title: format!("REFERAT Sundhedsklynge {area} d. {dato}"),
        forum: Forum {
            kind: ForumKind::Sundhedsklynge,
            name: format!("Sundhedsklynge {area}"),
            klynge: area.to_owned(),
        },
        niveau: Niveau::Politisk,
        dato: date(dato),
        starts_at: None,
        place: Some("Esbjerg Rådhus".to_owned()),
        participants: Vec::new(),
        toc: Vec::new(),
        items,
        warnings: Vec::new(),
        id_suffix: None,
    }
}

/// Index `meetings` directly (no files, no parser) in one commit, as a run would.
pub(crate) fn index_meetings(dir: &Path, meetings: &[Meeting]) -> Vec<Result<(), String>> {
    let (index, fields) = crate::engine::open_index(dir).expect("index opens");
    let writer = open_writer(&index, dir).expect("no other writer");
    let mut run =
        Run::new(writer, fields, BTreeMap::new(), false, Enricher::builtin()).expect("run starts");
    let outcomes = meetings
        .iter()
        .map(|m| {
            let mut m = m.clone();
            let path = m.source.path.clone();
            run.add_meeting(&mut m, &path).expect("documents are valid")
        })
        .collect();
    commit(run.writer, &builtin_stamp(), 0).expect("commit succeeds");
    outcomes
}

/// The stamp a run with the built-in taxonomy writes.
fn builtin_stamp() -> Stamp {
    Stamp::current(Enricher::builtin().fingerprint())
}

fn opstamp(dir: &Path) -> u64 {
    let (index, _) = crate::engine::open_index(dir).expect("index opens");
    index.load_metas().expect("meta.json reads").opstamp
}

fn recorded_path(path: &Path) -> String {
    walk::walk(&[path.to_owned()]).roots[0].clone()
}

#[test]
fn a_second_writer_is_refused_with_index_locked() {
    let dir = temp_dir("locked");
    let (index, _) = crate::engine::open_index(&dir).expect("index opens");
    let _held = open_writer(&index, &dir).expect("first writer gets the lock");
    let second = index_paths(&dir, &[], &NoProgress);
    assert!(matches!(second, Err(Error::IndexLocked(path)) if path == dir));
}

#[test]
fn an_unchanged_file_is_not_parsed_and_nothing_is_committed() {
    let dir = temp_dir("unchanged");
    let file = dir.join("referat.txt");
    // Not a referat at all: were it parsed, it would be skipped.
    std::fs::write(&file, "only the hash of this is compared").expect("writable");
    let mut known = meeting(
        "Sydvestjylland",
        "2024-11-11",
        &recorded_path(&file),
        &["A"],
    );
    known.source.sha256 = ingest::sha256_hex(b"only the hash of this is compared");
    let index_dir = dir.join("index");
    index_meetings(&index_dir, &[known]);
    let before = opstamp(&index_dir);
    let summary = index_paths(&index_dir, &[file], &NoProgress).expect("run succeeds");
    assert_eq!(summary.files_unchanged, 1);
    assert!(summary.skipped.is_empty());
    assert_eq!(summary.items_indexed, 1);
    assert_eq!(opstamp(&index_dir), before, "no new commit");
}

#[test]
fn a_changed_file_that_no_longer_parses_loses_its_items_and_is_reported() {
    let dir = temp_dir("changed-bad");
    let file = dir.join("referat.txt");
    std::fs::write(&file, "").expect("writable");
    let old = meeting(
        "Sydvestjylland",
        "2024-11-11",
        &recorded_path(&file),
        &["A", "B"],
    );
    let index_dir = dir.join("index");
    index_meetings(&index_dir, &[old]);
    let summary = index_paths(&index_dir, &[file], &NoProgress).expect("run succeeds");
    assert_eq!(summary.skipped.len(), 1);
    assert_eq!(summary.skipped[0].1, "the file is empty");
    assert_eq!(summary.items_indexed, 0);
}

#[test]
fn files_gone_from_an_indexed_folder_are_removed_and_others_kept() {
    let dir = temp_dir("removed");
    let folder = dir.join("referater");
    std::fs::create_dir_all(&folder).expect("writable");
    let folder_path = recorded_path(&folder);
    let gone = meeting(
        "Sydvestjylland",
        "2024-11-11",
        &format!("{folder_path}/gone.txt"),
        &["A"],
    );
    let elsewhere = meeting(
        "Sønderjylland",
        "2024-06-01",
        "/elsewhere/kept.txt",
        &["A", "B"],
    );
    let index_dir = dir.join("index");
    index_meetings(&index_dir, &[gone, elsewhere]);
    let summary = index_paths(&index_dir, &[folder], &NoProgress).expect("run succeeds");
    assert_eq!(summary.files_removed, 1);
    assert_eq!(
        summary.items_indexed, 2,
        "the file outside the folder stays"
    );
}

#[test]
fn a_second_file_with_the_same_content_is_skipped_naming_the_first() {
    let dir = temp_dir("duplicate");
    let first = meeting("Sydvestjylland", "2024-11-11", "a/first.txt", &["A"]);
    // `meeting` gives every meeting the same content hash: the same bytes twice.
    let second = meeting("Sydvestjylland", "2024-11-11", "b/second.txt", &["A"]);
    let outcomes = index_meetings(&dir, &[first, second]);
    assert_eq!(outcomes[0], Ok(()));
    let reason = outcomes[1].clone().expect_err("the second is refused");
    assert!(reason.contains("a/first.txt"), "{reason}");
    let engine = Engine::open(&dir).expect("opens");
    assert_eq!(engine.item_count(), 1);
}

#[test]
fn another_meeting_of_the_same_forum_and_day_gets_its_own_id() {
    let dir = temp_dir("same-day");
    let first = meeting("Sydvestjylland", "2024-11-11", "a/first.txt", &["A"]);
    let mut later = meeting("Sydvestjylland", "2024-11-11", "b/later.txt", &["B", "C"]);
    later.source.sha256 = "1".repeat(64);
    later.starts_at = chrono::NaiveTime::from_hms_opt(16, 0, 0);
    let mut third = meeting("Sydvestjylland", "2024-11-11", "c/third.txt", &["D"]);
    third.source.sha256 = "2".repeat(64);
    let outcomes = index_meetings(&dir, &[first, later, third]);
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    let engine = Engine::open(&dir).expect("opens");
    assert_eq!(engine.item_count(), 4);
    let plain = "sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11";
    for (id, path) in [
        (plain.to_owned(), "a/first.txt"),
        (format!("{plain}-kl-1600"), "b/later.txt"),
        (format!("{plain}-2"), "c/third.txt"),
    ] {
        let found = engine.meeting(&id).expect("reads").expect("indexed");
        assert_eq!(found.source.path, path);
    }
}

#[test]
fn a_stale_version_stamp_rebuilds_everything_in_one_commit() {
    let dir = temp_dir("stale");
    let vanished = meeting("Sydvestjylland", "2024-11-11", "/no/such/file.txt", &["A"]);
    index_meetings(&dir, &[vanished]);
    // Pretend an older binary wrote the index.
    let (index, _) = crate::engine::open_index(&dir).expect("opens");
    let mut writer = open_writer(&index, &dir).expect("lock is free");
    let mut prepared = writer.prepare_commit().expect("prepares");
    prepared.set_payload(r#"{"analyzer_version":999,"schema_version":0}"#);
    prepared.commit().expect("commits");
    drop(writer);
    let summary = index_paths(&dir, &[], &NoProgress).expect("run succeeds");
    assert_eq!(
        summary.items_indexed, 0,
        "the vanished file is not re-added"
    );
    let payload = index.load_metas().expect("reads").payload;
    assert_eq!(
        Stamp::from_payload(payload.as_deref()),
        Some(builtin_stamp())
    );
}

#[test]
fn a_folder_of_other_files_is_not_taken_for_an_index() {
    let dir = temp_dir("foreign");
    std::fs::write(dir.join("thesis.docx"), "mine").expect("writable");
    let err = Engine::open(&dir).err().expect("refused");
    assert!(err.to_string().contains("not a referat index"), "{err}");
    assert!(!dir.join("meta.json").exists(), "nothing written");
}

#[test]
fn an_index_whose_lock_file_cannot_be_written_still_opens_for_search() {
    let dir = temp_dir("readonly");
    index_meetings(
        &dir,
        &[meeting(
            "Sydvestjylland",
            "2024-11-11",
            "a.txt",
            &["A", "B"],
        )],
    );
    // A directory where tantivy wants to open its meta lock file for writing: the same
    // failure as a read-only folder, reproducible even when tests run as root.
    let lock = dir.join(".tantivy-meta.lock");
    std::fs::remove_file(&lock).expect("lock file exists after a commit");
    std::fs::create_dir(&lock).expect("writable");
    let engine = Engine::open(&dir).expect("opens without writing");
    assert_eq!(engine.item_count(), 2);
}

/// Issue #6: a merge maps and reads all its inputs, so merging big segments made a 1M-item
/// run peak at 2.45 GB RSS. The writer merges flushed segments, never merged ones.
#[test]
fn the_writer_merges_flushed_segments_but_leaves_merged_ones_alone() {
    let dir = temp_dir("merge-policy");
    let (index, _) = crate::engine::open_index(&dir).expect("a fresh index opens");
    let writer = open_writer(&index, &dir).expect("nobody else holds the writer");
    let policy = writer.get_merge_policy();
    let segments = |count: usize, items: u32| -> Vec<tantivy::index::SegmentMeta> {
        (0..count)
            .map(|_| index.new_segment_meta(tantivy::index::SegmentId::generate_random(), items))
            .collect()
    };
    // Three flushes' worth (about 32,000 generated items each) make one merge…
    let flushed = policy.compute_merge_candidates(&segments(3, 32_000));
    assert_eq!(flushed.len(), 1);
    assert_eq!(flushed[0].0.len(), 3);
    // …two do not (a 100k-item run ends with its flushes unmerged)…
    assert!(policy
        .compute_merge_candidates(&segments(2, 32_000))
        .is_empty());
    // …and three results of such merges stay as they are (the default policy merges them).
    assert!(policy
        .compute_merge_candidates(&segments(3, 96_000))
        .is_empty());
}
