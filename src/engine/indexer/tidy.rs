//! Self-healing of the index folder: files the last committed `meta.json` does not reference.
//!
//! A run killed inside its commit leaves what it had written (segment files, a
//! `<segment>.<opstamp>.del`, `meta.json`'s temp file) next to the old commit. The old commit
//! stays searchable, but the next run over the same input computes the same file names and
//! tantivy refuses to overwrite them (`FileAlreadyExists(….del)`): the index was wedged for
//! good (issue 16, hole 2). A merge that fails on a full disk leaves its half-written segment
//! the same way. So every run, holding the writer lock and before writing anything, removes
//! such files, and again after its commit's merges, where an orphan means a merge failed.
//!
//! Only names tantivy writes are touched (a 32-hex segment id, or a `.tmp` temp file): a
//! file of the user's in the folder is never removed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tantivy::Index;

use crate::error::{Error, Result};

/// Remove the files in `index_dir` that `index`'s last commit does not reference; returns
/// their names (sorted) and logs them. Call only while holding the writer lock.
pub(super) fn remove_orphans(index: &Index, index_dir: &Path) -> Result<Vec<String>> {
    let living: HashSet<PathBuf> = index.load_metas()?.list_segment_files();
    let entries = std::fs::read_dir(index_dir).map_err(|source| Error::Io {
        path: index_dir.to_owned(),
        source,
    })?;
    let mut removed = Vec::new();
    for entry in entries.filter_map(|entry| entry.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if !is_file || !written_by_tantivy(&name) || living.contains(Path::new(&name)) {
            continue;
        }
        std::fs::remove_file(entry.path()).map_err(|source| Error::Io {
            path: entry.path(),
            source,
        })?;
        removed.push(name);
    }
    removed.sort();
    if !removed.is_empty() {
        tracing::warn!(
            "removed {} file(s) from `{}` that its last commit does not reference (left by a killed run or a failed merge): {}",
            removed.len(),
            index_dir.display(),
            removed.join(", ")
        );
    }
    Ok(removed)
}

/// A segment file (`<32 hex>.<ext>` or `<32 hex>.<opstamp>.del`) or an atomic write's
/// temp file (`.tmpXXXXXX`). Not `meta.json`, `.managed.json` or the lock files.
fn written_by_tantivy(name: &str) -> bool {
    if name.starts_with(".tmp") {
        return true;
    }
    let Some((id, rest)) = name.split_once('.') else {
        return false;
    };
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) && !rest.is_empty()
}

/// A fresh index whose first run failed (a full disk, …): remove what the run wrote, so the
/// next, smaller run does not start on a full disk with half an index. `created` says
/// whether the run created the folder itself (then it goes too).
pub(super) fn remove_failed_fresh(index_dir: &Path, created: bool) {
    if created {
        let _ = std::fs::remove_dir_all(index_dir);
        return;
    }
    let Ok(entries) = std::fs::read_dir(index_dir) else {
        return;
    };
    for entry in entries.filter_map(|entry| entry.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if written_by_tantivy(&name) || name == "meta.json" || name == ".managed.json" {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::written_by_tantivy;

    #[test]
    fn only_tantivys_own_names_are_candidates() {
        assert!(written_by_tantivy("0123456789abcdef0123456789abcdef.idx"));
        assert!(written_by_tantivy(
            "0123456789abcdef0123456789abcdef.57.del"
        ));
        assert!(written_by_tantivy(".tmpAb12Cd"));
        assert!(!written_by_tantivy("meta.json"));
        assert!(!written_by_tantivy(".managed.json"));
        assert!(!written_by_tantivy(".tantivy-writer.lock"));
        assert!(!written_by_tantivy("notes.txt"));
        assert!(!written_by_tantivy("0123456789abcdef0123456789abcdeg.idx"));
    }
}
