//! Files → index, incrementally and atomically. `referat index` and the server's first start
//! call [`index_paths`].
//!
//! - Incremental: the index records each item's `source_path` and `source_sha256`. A run
//!   hashes every file first and parses only new or changed ones; a changed file's items are
//!   replaced (delete by `source_path` term, add the new ones); indexed files under the given
//!   paths that are gone from disk are removed.
//! - Atomic: the whole run is one tantivy commit at the end, so a run killed at any moment
//!   leaves the last commit searchable and the next run simply does the work again. Nothing
//!   changed, nothing committed.
//! - Versioned: the commit payload records the analyzer and schema versions ([`Stamp`]); when
//!   the running binary's differ, the run rebuilds everything (still one commit). When the
//!   tantivy schema itself differs (tantivy cannot open such an index), the run builds a new
//!   index next to it and swaps it in atomically ([`rebuild`]).
//! - Forgiving: a file that cannot be read or parsed is reported in
//!   [`IndexSummary::skipped`] with a one-line reason and never stops the others.

mod ids;
pub(crate) mod rebuild;
mod state;
mod tidy;
mod walk;
mod writer;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::{IndexWriter, ReloadPolicy, TantivyError, Term};

use self::state::IndexedFile;
pub use self::state::Stamp;
pub use self::walk::extension_list;
use self::walk::Candidate;
use self::writer::{commit, open_writer};
use super::schema::Fields;
use super::{document, IndexSummary};
use crate::enrich::Enricher;
use crate::error::{Error, Result};
use crate::ingest;
use crate::model::Meeting;

/// What a run reports while it works. Every method has a do-nothing default.
pub trait Progress {
    /// The run found `total_files` files to look at.
    fn start(&self, _total_files: usize) {}
    /// One file was looked at (indexed, found unchanged or skipped).
    fn file_done(&self, _path: &Path) {}
    /// Every file was looked at; the commit is being written.
    fn committing(&self) {}
}

/// Progress that reports nothing (tests, the server).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// Index the referat files under `paths` (files and folders) into the index in `index_dir`,
/// creating it if needed. See the module doc for what a run does.
pub fn index_paths(
    index_dir: &Path,
    paths: &[PathBuf],
    progress: &dyn Progress,
) -> Result<IndexSummary> {
    index_paths_with(index_dir, paths, progress, &Enricher::builtin())
}

/// [`index_paths`] with another enricher (e.g. a user's focus-area taxonomy). Its
/// fingerprint is part of the commit stamp: a different taxonomy rebuilds every item.
pub fn index_paths_with(
    index_dir: &Path,
    paths: &[PathBuf],
    progress: &dyn Progress,
    enricher: &Enricher,
) -> Result<IndexSummary> {
    rebuild::restore_aside(index_dir);
    match rebuild::classify(index_dir) {
        rebuild::Stored::Current => index_current(index_dir, paths, progress, enricher),
        rebuild::Stored::Foreign => Err(rebuild::schema_error(index_dir)),
        rebuild::Stored::OtherVersion => rebuild::run(index_dir, paths, progress, enricher),
    }
}

/// [`index_in_place`], and when it fails on an index it was creating (a full disk, …),
/// the half-written index removed: the next run starts clean.
fn index_current(
    index_dir: &Path,
    paths: &[PathBuf],
    progress: &dyn Progress,
    enricher: &Enricher,
) -> Result<IndexSummary> {
    let created = !index_dir.exists();
    let fresh = created || !index_dir.join("meta.json").exists();
    let result = index_in_place(index_dir, paths, progress, enricher);
    if fresh && matches!(&result, Err(err) if !matches!(err, Error::IndexLocked(_))) {
        tidy::remove_failed_fresh(index_dir, created);
    }
    result
}

/// The incremental run on an index with our schema (or a new one).
fn index_in_place(
    index_dir: &Path,
    paths: &[PathBuf],
    progress: &dyn Progress,
    enricher: &Enricher,
) -> Result<IndexSummary> {
    let started = Instant::now();
    let (index, fields) = super::open_index(index_dir)?;
    let writer = open_writer(&index, index_dir)?;
    // Holding the writer lock: no rebuild of this index is in progress anywhere, and no
    // other run is writing files into it.
    rebuild::remove_leftovers(index_dir);
    let orphans = tidy::remove_orphans(&index, index_dir)?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let indexed = state::indexed_files(&reader.searcher(), &fields)?;
    let stamp = Stamp::current(enricher.fingerprint());
    let rebuild = Stamp::from_payload(index.load_metas()?.payload.as_deref()) != Some(stamp);
    let mut run = Run::new(writer, fields, indexed, rebuild, enricher.clone())?;
    let walk = walk::walk(&run.paths_to_walk(paths));
    if let Err(err) = run.index_all(&walk, progress) {
        return Err(run.root_cause(err));
    }
    let Run {
        writer,
        mut summary,
        changed,
        items_added,
        ..
    } = run;
    summary.notes.extend(orphans_note(&orphans, "a killed run"));
    if changed {
        progress.committing();
        commit(writer, &stamp, items_added)?;
        // Every merge has ended: a file the commit does not reference is a failed merge's.
        let failed = tidy::remove_orphans(&index, index_dir)?;
        summary.merge_failed = !failed.is_empty();
        summary.notes.extend(orphans_note(
            &failed,
            "a merge that failed (the commit is complete; a later run merges again)",
        ));
    }
    reader.reload()?;
    summary.items_indexed = usize::try_from(reader.searcher().num_docs()).unwrap_or(usize::MAX);
    summary.took_millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(summary)
}

/// One line for the summary about orphan files removed, left by `cause`.
fn orphans_note(removed: &[String], cause: &str) -> Option<String> {
    (!removed.is_empty()).then(|| {
        format!(
            "removed {} file(s) left by {cause}: {}",
            removed.len(),
            removed.join(", ")
        )
    })
}

/// The state of one run between its start and its commit.
struct Run {
    writer: IndexWriter,
    fields: Fields,
    /// What the last commit holds (empty when rebuilding: everything is re-added).
    indexed: BTreeMap<String, IndexedFile>,
    /// Files indexed before a rebuild: re-added even when not under the given paths.
    before_rebuild: Vec<String>,
    /// Meeting ids and the files that hold them.
    owners: ids::Owners,
    enricher: Enricher,
    summary: IndexSummary,
    /// Whether anything needs committing.
    changed: bool,
    /// Items added by this run.
    items_added: usize,
}

impl Run {
    fn new(
        writer: IndexWriter,
        fields: Fields,
        indexed: BTreeMap<String, IndexedFile>,
        rebuild: bool,
        enricher: Enricher,
    ) -> Result<Run> {
        let mut run = Run {
            writer,
            fields,
            indexed,
            before_rebuild: Vec::new(),
            owners: ids::Owners::default(),
            enricher,
            summary: IndexSummary::default(),
            changed: rebuild,
            items_added: 0,
        };
        if rebuild {
            run.writer.delete_all_documents()?;
            run.before_rebuild = std::mem::take(&mut run.indexed).into_keys().collect();
        }
        Ok(run)
    }

    /// A writer thread that failed (disk full, …) shows in `add_document` only as "writer
    /// killed"; joining the threads, which `prepare_commit` does, returns its own error. The
    /// prepared commit is never committed.
    fn root_cause(&mut self, err: Error) -> Error {
        if !matches!(err, Error::Index(TantivyError::ErrorInThread(_))) {
            return err;
        }
        match self.writer.prepare_commit() {
            Err(cause) => cause.into(),
            Ok(prepared) => {
                let _ = prepared.abort();
                err
            }
        }
    }

    /// The given paths, plus (when rebuilding) the files indexed before that still exist, so
    /// a rebuild does not lose files indexed by earlier runs over other folders.
    fn paths_to_walk(&self, given: &[PathBuf]) -> Vec<PathBuf> {
        let mut paths = given.to_vec();
        paths.extend(
            self.before_rebuild
                .iter()
                .map(PathBuf::from)
                .filter(|path| path.is_file()),
        );
        paths
    }

    fn index_all(&mut self, walk: &walk::Walk, progress: &dyn Progress) -> Result<()> {
        self.summary.skipped.extend(walk.unreadable.iter().cloned());
        self.summary.files_seen = walk.files.len();
        self.claim_kept_meetings(walk);
        progress.start(walk.files.len());
        for file in &walk.files {
            self.index_file(file)?;
            progress.file_done(&file.path);
        }
        self.remove_missing(walk)
    }

    /// Files already indexed that stay (still on disk, or outside the given paths) keep
    /// their meeting ids: a new file with the same id is the duplicate.
    fn claim_kept_meetings(&mut self, walk: &walk::Walk) {
        let on_disk: HashSet<&str> = walk.files.iter().map(|f| f.display.as_str()).collect();
        for (path, file) in &self.indexed {
            let outside = !walk.roots.iter().any(|root| walk::is_under(path, root));
            if outside || on_disk.contains(path.as_str()) {
                self.owners
                    .claim(file.meeting_id.clone(), path, &file.sha256);
            }
        }
    }

    fn index_file(&mut self, file: &Candidate) -> Result<()> {
        let bytes = match read_limited(&file.path) {
            Ok(bytes) => bytes,
            Err(err) => {
                self.skip(file, reason(&err));
                return Ok(());
            }
        };
        let sha256 = ingest::sha256_hex(&bytes);
        let previous = self.indexed.get(&file.display);
        if previous.is_some_and(|p| p.sha256 == sha256) {
            self.summary.files_unchanged += 1;
            return Ok(());
        }
        let replacing = previous.is_some();
        if replacing {
            // The old items go even if the new content fails: the index follows the disk.
            self.delete_file(&file.display);
        }
        let mut meeting = match ingest::load_bytes(&bytes, &file.display, &self.enricher) {
            Ok(meeting) => meeting,
            Err(err) => {
                self.skip(file, reason(&err));
                return Ok(());
            }
        };
        if let Err(why) = self.add_meeting(&mut meeting, &file.display)? {
            self.skip(file, why);
            return Ok(());
        }
        if replacing {
            self.summary.files_replaced += 1;
        } else {
            self.summary.files_added += 1;
        }
        Ok(())
    }

    /// Add the items of `meeting`, read from `recorded_path`, under an id no other meeting
    /// holds ([`ids`]); `Ok(Err(reason))` when another file holds the same meeting.
    fn add_meeting(
        &mut self,
        meeting: &mut Meeting,
        recorded_path: &str,
    ) -> Result<std::result::Result<(), String>> {
        if let Err(why) = self.owners.assign(meeting, recorded_path) {
            return Ok(Err(why));
        }
        let header_json = document::meeting_header_json(meeting);
        for item in &meeting.items {
            let doc =
                document::item_document_with_header(&self.fields, meeting, item, &header_json);
            self.writer.add_document(doc)?;
        }
        self.items_added += meeting.items.len();
        self.changed = true;
        Ok(Ok(()))
    }

    /// Indexed files under the walked roots that are no longer on disk.
    fn remove_missing(&mut self, walk: &walk::Walk) -> Result<()> {
        let on_disk: HashSet<&str> = walk.files.iter().map(|f| f.display.as_str()).collect();
        let gone: Vec<String> = self
            .indexed
            .keys()
            .filter(|path| !on_disk.contains(path.as_str()))
            .filter(|path| walk.roots.iter().any(|root| walk::is_under(path, root)))
            .cloned()
            .collect();
        for path in gone {
            self.delete_file(&path);
            self.summary.files_removed += 1;
        }
        Ok(())
    }

    fn delete_file(&mut self, recorded_path: &str) {
        let term = Term::from_field_text(self.fields.source_path, recorded_path);
        self.writer.delete_term(term);
        self.changed = true;
    }

    fn skip(&mut self, file: &Candidate, reason: String) {
        self.summary.skipped.push((file.display.clone(), reason));
    }
}

/// The file's bytes, refusing files over [`crate::read::MAX_FILE_BYTES`] before reading.
fn read_limited(path: &Path) -> Result<Vec<u8>> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > crate::read::MAX_FILE_BYTES {
        return Err(Error::Read {
            path: path.to_owned(),
            source: crate::error::ReadError::TooLarge {
                size,
                limit: crate::read::MAX_FILE_BYTES,
            },
        });
    }
    std::fs::read(path).map_err(io)
}

/// A one-line reason for the skipped list, without the path (the list names the file).
fn reason(err: &Error) -> String {
    match err {
        Error::Io { source, .. } => source.to_string(),
        Error::Read { source, .. } => source.to_string(),
        Error::Parse { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod tests;
