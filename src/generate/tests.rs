//! The generator against the real pipeline: every file parses into the items it was
//! planned with, under the meeting id its file name promises.

use std::path::{Path, PathBuf};

use super::*;
use crate::model::Source;

fn temp_out(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("referat-generate-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn seeds() -> Vec<String> {
    read_seed_texts(&default_seeds_dir()).unwrap_or_default()
}

/// Generate `items` items; returns the items planned per file, in file order.
fn run(out: &Path, items: usize, seed: u64) -> Vec<usize> {
    let mut per_file = Vec::new();
    let mut written = 0;
    let options = Options {
        out: out.to_owned(),
        items,
        seed,
    };
    let result = generate(&seeds(), &options, &mut |summary| {
        per_file.push(summary.items - written);
        written = summary.items;
    });
    assert!(result.is_ok(), "{result:?}");
    per_file
}

/// Generated referat files under `out`, in the order they were written.
fn files(out: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in std::fs::read_dir(out).into_iter().flatten().flatten() {
        if folder.path().is_dir() {
            let entries = std::fs::read_dir(folder.path())
                .into_iter()
                .flatten()
                .flatten();
            files.extend(entries.map(|entry| entry.path()));
        }
    }
    files.sort();
    files
}

fn parse_file(path: &Path) -> crate::model::Meeting {
    let bytes = std::fs::read(path).unwrap_or_default();
    let clean = crate::read::clean(&bytes);
    assert!(clean.is_ok(), "{}: {clean:?}", path.display());
    let text = clean.map(|c| c.text).unwrap_or_default();
    let source = Source {
        path: path.display().to_string(),
        sha256: String::new(),
        encoding: crate::model::SourceEncoding::Utf8,
        notes: Vec::new(),
    };
    match crate::parse::parse_meeting(&text, source) {
        Ok(meeting) => meeting,
        Err(err) => panic!("{}: {err}", path.display()),
    }
}

/// "0000042_sundhedsklynge-fyn_politisk-niveau_2024-03-05.md" → the meeting id it promises.
fn promised_id(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    stem.split_once('_')
        .map_or(String::new(), |(_, rest)| rest.replace('_', "/"))
}

#[test]
fn every_file_parses_into_its_planned_items_under_its_promised_id() {
    let out = temp_out("parse");
    let planned = run(&out, 400, 7);
    let files = files(&out);
    assert_eq!(files.len(), planned.len());
    let mut ids = std::collections::HashSet::new();
    for (path, items) in files.iter().zip(&planned) {
        let meeting = parse_file(path);
        assert_eq!(meeting.items.len(), *items, "{}", path.display());
        assert_eq!(meeting.id(), promised_id(path));
        assert!(
            ids.insert(meeting.id()),
            "meeting id repeated: {}",
            meeting.id()
        );
    }
    assert_eq!(planned.iter().sum::<usize>(), 400);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn generated_meetings_carry_no_parse_warnings() {
    let out = temp_out("warnings");
    run(&out, 200, 11);
    for path in files(&out) {
        let meeting = parse_file(&path);
        assert!(
            meeting.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            meeting.warnings
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn items_get_every_section_kind_across_a_corpus() {
    use crate::model::SectionKind;
    let out = temp_out("sections");
    run(&out, 150, 3);
    let mut seen = std::collections::HashSet::new();
    for path in files(&out) {
        for item in parse_file(&path).items {
            seen.extend(item.sections.iter().map(|s| s.kind));
        }
    }
    for kind in [
        SectionKind::Resume,
        SectionKind::Sagsfremstilling,
        SectionKind::Indstilling,
        SectionKind::Beslutning,
        SectionKind::Bilag,
        SectionKind::Fravaerende,
    ] {
        assert!(seen.contains(&kind), "no {kind:?} section");
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn same_arguments_give_the_same_bytes_and_another_seed_does_not() {
    let (first, second, other) = (temp_out("same-a"), temp_out("same-b"), temp_out("other"));
    run(&first, 120, 5);
    run(&second, 120, 5);
    run(&other, 120, 6);
    let contents = |out: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        files(out)
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(out).map(Path::to_owned).unwrap_or_default(),
                    std::fs::read(&p).unwrap_or_default(),
                )
            })
            .collect()
    };
    assert_eq!(contents(&first), contents(&second));
    assert_ne!(contents(&first), contents(&other));
    for dir in [first, second, other] {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn manifest_records_items_meetings_and_bytes_written() {
    let out = temp_out("manifest");
    let planned = run(&out, 50, 1);
    let manifest = read_manifest(&out);
    let bytes: u64 = files(&out)
        .iter()
        .filter_map(|p| p.metadata().ok())
        .map(|m| m.len())
        .sum();
    assert_eq!(manifest.as_ref().map(|m| m.items), Some(50));
    assert_eq!(manifest.as_ref().map(|m| m.meetings), Some(planned.len()));
    assert_eq!(manifest.map(|m| m.bytes), Some(bytes));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_folder_with_files_in_it_is_refused() {
    let out = temp_out("not-empty");
    let _ = std::fs::create_dir_all(&out);
    let _ = std::fs::write(out.join("keep.txt"), "mine");
    let options = Options {
        out: out.clone(),
        items: 10,
        seed: 1,
    };
    let result = generate(&seeds(), &options, &mut |_| {});
    assert!(
        matches!(result, Err(GenerateError::NotEmpty(_))),
        "{result:?}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("keep.txt"))
            .ok()
            .as_deref(),
        Some("mine")
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn zero_items_is_refused() {
    let options = Options {
        out: temp_out("zero"),
        items: 0,
        seed: 1,
    };
    let result = generate(&seeds(), &options, &mut |_| {});
    assert!(matches!(result, Err(GenerateError::NoItems)), "{result:?}");
}

#[test]
fn large_corpora_add_working_groups_and_small_ones_do_not() {
    assert_eq!(Slots::new(1_000).working_groups, 0);
    let million = Slots::new(1_000_000);
    assert!(million.working_groups > 0);
    let slots = catalog::capacity(&million.series, &million.days);
    assert!(slots * MIN_ITEMS >= 1_000_000, "{slots} slots");
}
