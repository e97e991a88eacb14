//! The index writer's settings (threads, memory, merge policy) and the run's one commit.
//! Chosen for a machine with two cores shared with a server, and for peak memory at a
//! million items (issue #6).

use std::path::Path;

use tantivy::directory::error::LockError;
use tantivy::indexer::{IndexWriterOptions, LogMergePolicy, NoMergePolicy};
use tantivy::{Index, IndexWriter, TantivyError};

use super::Stamp;
use crate::error::{Error, Result};

/// Writer threads and memory: the machine this runs on may have two cores shared with a
/// server. Each thread flushes a segment when its half of the budget is full: about 32,000
/// generated items, ~100 MB on disk. Fewer, bigger flushes cost less CPU than many small
/// ones merged later (each flush writes the whole vocabulary again, and a merge rewrites
/// every posting): at 100k items, one run each on a busy machine, 200 MB took 29.7 s CPU and
/// 15.4 s wall against 31.8 s and 17.5 s with 100 MB (issue #6). The budget is the arena tantivy fills, so it counts in
/// peak RSS once per thread.
const WRITER_THREADS: usize = 2;
const WRITER_MEMORY_BYTES: usize = 200_000_000;

/// One merge at a time. A merge maps its input segments and reads them whole, so the pages
/// it touched count in the process's RSS until it ends; tantivy's default of 4 merge threads
/// could add several merges' inputs up, and two cores gain nothing from more (issue #6).
const WRITER_MERGE_THREADS: usize = 1;

/// Segments above this many live items are not merged again. tantivy's default policy merges
/// levels of 8 similar segments without a size limit: at ~504k items it merged eight
/// ~63k-item segments, reading 2.2 GB of them through mmap, and a 1M-item run peaked at
/// 2.45 GB RSS, 2.1 GB of it mapped segment pages (issue #6). With the bound, only flushed
/// segments (~32k items) merge, [`WRITER_MERGE_SEGMENTS`] at a time, into ~96k-item segments
/// (~300 MB read per merge) that stay as they are: every item is merged at most once and no
/// merge grows with the corpus, at the cost of one segment per ~96k items. 40k sits above
/// one flush with room for items smaller than the generated ones, and below a merge result.
const WRITER_MAX_MERGED_ITEMS: usize = 40_000;

/// Flushed segments merged at a time: three ~32k-item flushes read about as much as eight
/// ~8k-item ones did with the old 100 MB budget, so a merge's mapped pages stay as they were;
/// a corpus of ~100k items (four flushes, two levels of two) is not merged at all.
const WRITER_MERGE_SEGMENTS: usize = 3;

/// Whether the segments a run's commit flushes may be merged right away. Not after a big
/// run: its last flushes (each thread's remainder) would merge alone on one core after all
/// indexing is done, a serial tail of seconds (at 100k items, 3 s of a 15 s run, depending
/// on whether the remainders happened to fall into one merge level with the full flushes).
/// They are merged by a later run instead. Small (incremental) runs still merge, so their
/// small segments do not pile up run after run.
fn merges_at_commit(items_added: usize) -> bool {
    items_added < WRITER_MAX_MERGED_ITEMS
}

/// The writer, or [`Error::IndexLocked`] when another process holds it.
pub(super) fn open_writer(index: &Index, index_dir: &Path) -> Result<IndexWriter> {
    let options = IndexWriterOptions::builder()
        .num_worker_threads(WRITER_THREADS)
        .memory_budget_per_thread(WRITER_MEMORY_BYTES / WRITER_THREADS)
        .num_merge_threads(WRITER_MERGE_THREADS)
        .build();
    let writer = match index.writer_with_options(options) {
        Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
            return Err(Error::IndexLocked(index_dir.to_owned()))
        }
        // tantivy says "already an IndexWriter working" for any lock failure; creating the
        // lock file fails when the folder is not writable, and that is what to say.
        Err(TantivyError::LockFailure(LockError::IoError(err), _)) => {
            return Err(Error::Other(format!(
                "the index folder `{}` is not writable: {err}",
                index_dir.display()
            )))
        }
        other => other?,
    };
    let mut policy = LogMergePolicy::default();
    policy.set_max_docs_before_merge(WRITER_MAX_MERGED_ITEMS);
    policy.set_min_num_segments(WRITER_MERGE_SEGMENTS);
    writer.set_merge_policy(Box::new(policy));
    Ok(writer)
}

/// One commit for the whole run, stamped with the running binary's versions.
pub(super) fn commit(mut writer: IndexWriter, stamp: &Stamp, items_added: usize) -> Result<()> {
    if !merges_at_commit(items_added) {
        writer.set_merge_policy(Box::new(NoMergePolicy));
    }
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&stamp.payload());
    prepared.commit()?;
    // Let merges still running (and any this commit triggers) finish: the folder is left tidy.
    writer.wait_merging_threads()?;
    Ok(())
}
