//! Self-healing after a kill (issue 16, hole 2): files a killed commit leaves in the index
//! folder (a `<segment>.<opstamp>.del`, new segment files, `meta.json`'s temp file) never
//! block the next run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{item_ids, run, seeds_copy};

fn file_names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("index folder lists")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect()
}

fn meta(index: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(index.join("meta.json")).expect("meta.json reads");
    serde_json::from_str(&text).expect("meta.json is JSON")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("writable");
    for name in file_names(from) {
        std::fs::copy(from.join(&name), to.join(&name)).expect("copies");
    }
}

/// Change one seed so the next run replaces it: its old items are deleted, so the commit
/// writes a `.del` file for their segment.
fn edit_one_seed(seeds: &Path) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds)
        .expect("lists")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    files.sort();
    let text = std::fs::read_to_string(&files[1]).expect("seed is UTF-8");
    std::fs::write(&files[1], format!("{text}\nTilføjet efter mødet.\n")).expect("writable");
}

#[test]
fn files_left_by_a_killed_commit_are_removed_and_the_next_run_succeeds() {
    let (seeds, index) = seeds_copy("heal-del");
    run(&index, std::slice::from_ref(&seeds));
    let killed = index.with_file_name("killed");
    copy_dir(&index, &killed);
    edit_one_seed(&seeds);
    // The completed run shows which files this commit writes: plant them in the copy, as a
    // SIGKILL before `meta.json`'s rename leaves them. Its `.del` files were merged away
    // after the commit; their names are the old segments' ids and the commit's opstamp.
    run(&index, std::slice::from_ref(&seeds));
    let written: Vec<String> = file_names(&index)
        .difference(&file_names(&killed))
        .filter(|name| name.as_str() != "meta.json")
        .cloned()
        .collect();
    assert!(!written.is_empty());
    for name in &written {
        std::fs::copy(index.join(name), killed.join(name)).expect("copies");
    }
    let opstamp = meta(&index)["opstamp"]
        .as_u64()
        .expect("meta.json has an opstamp");
    for segment in meta(&killed)["segments"].as_array().expect("segments") {
        let id = segment["segment_id"]
            .as_str()
            .expect("segment id")
            .replace('-', "");
        let del = format!("{id}.{opstamp}.del");
        std::fs::write(killed.join(del), b"half written").expect("writable");
    }
    let stray = ["0123456789abcdef0123456789abcdef.idx", ".tmpK1ll3d"];
    for name in stray {
        std::fs::write(killed.join(name), b"half written").expect("writable");
    }
    let before = item_ids(&killed);
    let healed = run(&killed, std::slice::from_ref(&seeds));
    assert_eq!(healed.files_replaced, 1);
    assert!(
        healed
            .notes
            .iter()
            .any(|note| note.contains("left by a killed run")),
        "{:?}",
        healed.notes
    );
    assert_eq!(item_ids(&killed), item_ids(&index));
    assert_eq!(before.len(), item_ids(&index).len());
    let left = file_names(&killed);
    assert!(stray.iter().all(|name| !left.contains(*name)), "{left:?}");
}
