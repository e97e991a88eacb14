//! Upgrading an index that another referat version built with another tantivy schema.
//!
//! tantivy cannot open an index whose stored schema differs from ours, so such an index is
//! not updated in place: [`super::index_paths_with`] builds a fresh one in a sibling folder
//! (`<index>.rebuild-<pid>-<nanos>`, same filesystem), commits it once, then swaps it in with
//! one `renameat2(RENAME_EXCHANGE)` on Linux (two renames elsewhere) and deletes the old one.
//! Killed at any moment, the folder holds either the old index or the new complete one; a
//! leftover sibling is removed by the next run, which does so only while holding the index's
//! writer lock (so it never deletes another run's work in progress).
//!
//! Only an index that referat committed (its commit payload is a [`Stamp`]) or an empty one is
//! rebuilt: any other tantivy index is someone else's and is refused, never deleted.

use std::io;
use std::path::{Path, PathBuf};

use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, DirectoryLock, INDEX_WRITER_LOCK};
use tantivy::schema::Schema;
use tantivy::{Index, ReloadPolicy};

use super::{Progress, Stamp};
use crate::engine::IndexSummary;
use crate::engine::{directory, schema};
use crate::enrich::Enricher;
use crate::error::{Error, Result};

/// Between the index folder's name and a rebuild's suffix.
const MARK: &str = ".rebuild-";
/// Suffix of the old index set aside by [`swap_by_renames`].
const ASIDE: &str = "-old";

/// What an index folder holds, compared with the running binary's schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stored {
    /// No index yet, or one with our schema: index in place.
    Current,
    /// An index referat built with another schema (or an empty one): rebuild it.
    OtherVersion,
    /// A tantivy index referat did not write, or an unreadable `meta.json`: refuse.
    Foreign,
}

/// Compare the schema recorded in `dir/meta.json` with ours.
pub(crate) fn classify(dir: &Path) -> Stored {
    let Ok(bytes) = std::fs::read(dir.join("meta.json")) else {
        return Stored::Current;
    };
    let Ok(meta) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Stored::Foreign;
    };
    let stored = serde_json::from_value::<Schema>(meta["schema"].clone()).ok();
    if stored == Some(schema::build().0) {
        return Stored::Current;
    }
    let stamped = Stamp::from_payload(meta["payload"].as_str()).is_some();
    let empty = meta["segments"].as_array().is_some_and(|s| s.is_empty());
    if stamped || empty {
        Stored::OtherVersion
    } else {
        Stored::Foreign
    }
}

/// The error for an index that cannot be opened because its schema differs: what to run.
pub(crate) fn schema_error(dir: &Path) -> Error {
    let shown = dir.display();
    Error::Other(match classify(dir) {
        Stored::Foreign => format!(
            "`{shown}` holds a tantivy index that referat did not build; choose another folder"
        ),
        _ => format!(
            "the index at `{shown}` was built by another referat version; rebuild it with \
             `referat index --index {shown} <files>`"
        ),
    })
}

/// Build the index anew in a sibling folder (the given paths plus the files the old index
/// holds), then swap it in. The old index stays untouched until the swap.
pub(crate) fn run(
    index_dir: &Path,
    paths: &[PathBuf],
    progress: &dyn Progress,
    enricher: &Enricher,
) -> Result<IndexSummary> {
    let rebuild = Rebuild::begin(index_dir)?;
    let mut all = paths.to_vec();
    all.extend(rebuild.old_files.iter().cloned());
    match super::index_in_place(rebuild.staging(), &all, progress, enricher) {
        Ok(mut summary) => {
            rebuild.finish()?;
            summary.rebuilt = true;
            Ok(summary)
        }
        Err(err) => {
            rebuild.abandon();
            Err(err)
        }
    }
}

/// A rebuild in progress: the old index's writer lock and the folder the new one grows in.
struct Rebuild {
    index_dir: PathBuf,
    staging: PathBuf,
    /// Held until the swap: no other run writes to (or rebuilds) the old index meanwhile.
    lock: DirectoryLock,
    /// Files the old index holds that still exist, so the rebuild does not lose them.
    old_files: Vec<PathBuf>,
}

impl Rebuild {
    /// Lock the old index in `index_dir`, remove leftovers of killed rebuilds, create the
    /// staging folder. [`Error::IndexLocked`] when another run holds the old index.
    fn begin(index_dir: &Path) -> Result<Rebuild> {
        let io = |source| Error::Io {
            path: index_dir.to_owned(),
            source,
        };
        let index_dir = index_dir.canonicalize().map_err(io)?;
        let lock = match directory::open(&index_dir)?.acquire_lock(&INDEX_WRITER_LOCK) {
            Ok(lock) => lock,
            Err(LockError::LockBusy) => return Err(Error::IndexLocked(index_dir)),
            Err(LockError::IoError(err)) => return Err(io(io::Error::new(err.kind(), err))),
        };
        remove_leftovers(&index_dir);
        let staging = sibling(&index_dir, &unique_suffix())?;
        std::fs::create_dir(&staging).map_err(|source| Error::Io {
            path: staging.clone(),
            source,
        })?;
        let old_files = old_files(&index_dir).into_iter().filter(|p| p.is_file());
        Ok(Rebuild {
            old_files: old_files.collect(),
            index_dir,
            staging,
            lock,
        })
    }

    /// Where the new index is built.
    fn staging(&self) -> &Path {
        &self.staging
    }

    /// Swap the new index in, then delete the old one (a failed delete is left to the next
    /// run: the swap is what matters).
    fn finish(self) -> Result<()> {
        let Rebuild {
            index_dir,
            staging,
            lock,
            ..
        } = self;
        let old = swap(&index_dir, &staging).map_err(|source| Error::Io {
            path: index_dir.clone(),
            source,
        })?;
        sync_parent(&index_dir);
        drop(lock);
        let _ = std::fs::remove_dir_all(old);
        Ok(())
    }

    /// Give up (the build failed): the old index stays, the staging folder goes.
    fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}

/// Remove `<index>.rebuild-*` folders next to `index_dir` left by killed runs. Call only while
/// holding `index_dir`'s writer lock. Best effort: a folder that cannot go now goes next time.
pub(crate) fn remove_leftovers(index_dir: &Path) {
    for leftover in leftovers(index_dir) {
        let _ = std::fs::remove_dir_all(leftover);
    }
}

/// A run killed between the two renames of [`swap_by_renames`] leaves no index folder and
/// the old index aside as `<index>.rebuild-…-old`: put it back (the newest, if several)
/// before anything else, so the next run finds the index instead of starting empty.
pub(crate) fn restore_aside(index_dir: &Path) {
    if index_dir.exists() {
        return;
    }
    let newest = leftovers(index_dir)
        .into_iter()
        .filter(|dir| dir.to_string_lossy().ends_with(ASIDE) && dir.join("meta.json").is_file())
        .max_by_key(|dir| dir.metadata().and_then(|m| m.modified()).ok());
    if let Some(aside) = newest {
        // Another run may restore it at the same moment: then this rename fails, harmlessly.
        let _ = std::fs::rename(aside, index_dir);
    }
}

/// The `<index>.rebuild-*` folders next to `index_dir`.
fn leftovers(index_dir: &Path) -> Vec<PathBuf> {
    let Ok(prefix) = sibling(index_dir, "") else {
        return Vec::new();
    };
    let (Some(parent), Some(prefix)) = (prefix.parent(), prefix.file_name()) else {
        return Vec::new();
    };
    let prefix = prefix.to_string_lossy().into_owned();
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
        .map(|entry| entry.path())
        .collect()
}

/// `<parent>/<name>.rebuild-<suffix>` for the index folder `<parent>/<name>`.
fn sibling(index_dir: &Path, suffix: &str) -> Result<PathBuf> {
    let absolute = std::path::absolute(index_dir).map_err(|source| Error::Io {
        path: index_dir.to_owned(),
        source,
    })?;
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => {
            Ok(parent.join(format!("{}{MARK}{suffix}", name.to_string_lossy())))
        }
        _ => Err(Error::Other(format!(
            "cannot rebuild the index at `{}`: it has no parent folder",
            index_dir.display()
        ))),
    }
}

fn unique_suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{}-{nanos}", std::process::id())
}

/// The recorded `source_path` of every file the old index holds, read from its terms with
/// its own schema. Best effort: an index without that field just yields nothing.
fn old_files(index_dir: &Path) -> Vec<PathBuf> {
    read_old_files(index_dir).unwrap_or_default()
}

fn read_old_files(index_dir: &Path) -> Result<Vec<PathBuf>> {
    let index = Index::open(directory::open(index_dir)?)?;
    let Ok(field) = index.schema().get_field("source_path") else {
        return Ok(Vec::new());
    };
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let mut files = std::collections::BTreeSet::new();
    for segment in reader.searcher().segment_readers() {
        let io = |source| Error::Io {
            path: index_dir.to_owned(),
            source,
        };
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream().map_err(io)?;
        while terms.advance() {
            if let Ok(path) = std::str::from_utf8(terms.key()) {
                files.insert(PathBuf::from(path));
            }
        }
    }
    Ok(files.into_iter().collect())
}

/// Put `staging` at `index_dir`; returns where the old index now is.
#[cfg(target_os = "linux")]
fn swap(index_dir: &Path, staging: &Path) -> io::Result<PathBuf> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, staging, CWD, index_dir, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(staging.to_owned()),
        // A filesystem without RENAME_EXCHANGE (some network ones): the two renames.
        Err(err) if err == rustix::io::Errno::INVAL || err == rustix::io::Errno::NOSYS => {
            swap_by_renames(index_dir, staging)
        }
        Err(err) => Err(err.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn swap(index_dir: &Path, staging: &Path) -> io::Result<PathBuf> {
    swap_by_renames(index_dir, staging)
}

/// Old index aside (still under a `.rebuild-` name), new one in. Killed between the two, the
/// folder is missing: the next run puts the old one back first ([`restore_aside`]).
fn swap_by_renames(index_dir: &Path, staging: &Path) -> io::Result<PathBuf> {
    let mut aside = staging.as_os_str().to_owned();
    aside.push(ASIDE);
    let aside = PathBuf::from(aside);
    std::fs::rename(index_dir, &aside)?;
    std::fs::rename(staging, index_dir)?;
    Ok(aside)
}

/// Make the swap durable. Best effort: some systems cannot open a folder to sync it.
fn sync_parent(index_dir: &Path) {
    if let Some(parent) = index_dir.parent() {
        if let Ok(dir) = std::fs::File::open(parent) {
            let _ = dir.sync_all();
        }
    }
}
