//! Runs one search over an index's segments in parallel, when there are cores to spare.
//!
//! tantivy searches segment by segment; with several segments (a big index) and an idle
//! machine, handing them to a small thread pool cuts a search's latency by about the number
//! of cores. Under concurrent load the cores are already busy with other searches, and
//! splitting would only add hand-offs: so a search goes parallel only when it is the only one
//! running in the process, and only when there is more than one segment to split.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use tantivy::collector::Collector;
use tantivy::query::{EnableScoring, Query};
use tantivy::{Executor, Searcher, SegmentReader};

/// Searches running in this process right now (all engines: they share the cores).
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// The process-wide pool, one thread per core; `None` on a single core or when the threads
/// cannot be started (then every search runs on its caller's thread, as before).
fn pool() -> Option<&'static Executor> {
    static POOL: OnceLock<Option<Executor>> = OnceLock::new();
    POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        (cores > 1)
            .then(|| Executor::multi_thread(cores, "referat-search-").ok())
            .flatten()
    })
    .as_ref()
}

/// Counts a search as running for as long as it lives.
struct Running {
    /// How many other searches were running when this one started.
    others: usize,
}

impl Running {
    fn start() -> Running {
        Running {
            others: RUNNING.fetch_add(1, Ordering::AcqRel),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::AcqRel);
    }
}

/// `searcher.search(query, collector)`, with the segments spread over the pool when this is
/// the only search running and there are several segments. The fruits are merged in segment
/// order either way, so the results are the same.
pub(crate) fn search<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
) -> tantivy::Result<C::Fruit> {
    let running = Running::start();
    let split = running.others == 0 && searcher.segment_readers().len() > 1;
    let single = Executor::single_thread();
    let executor = pool().filter(|_| split).unwrap_or(&single);
    let scoring = if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    searcher.search_with_executor(query, collector, executor, scoring)
}

/// `work` on every segment, spread over the pool on the same terms as [`search`]; the
/// results come back in segment order.
pub(crate) fn map_segments<'s, R, F>(
    searcher: &'s Searcher,
    segments: impl Iterator<Item = (usize, &'s SegmentReader)>,
    work: F,
) -> tantivy::Result<Vec<R>>
where
    R: Send,
    F: Sync + Fn((usize, &'s SegmentReader)) -> tantivy::Result<R>,
{
    let running = Running::start();
    let split = running.others == 0 && searcher.segment_readers().len() > 1;
    let single = Executor::single_thread();
    let executor = pool().filter(|_| split).unwrap_or(&single);
    executor.map(work, segments)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::Count;
    use tantivy::query::AllQuery;
    use tantivy::schema::{Schema, STORED, STRING};
    use tantivy::{doc, Index, IndexWriter};

    /// An in-memory index of `segments` segments with `per_segment` documents each.
    fn index_of(segments: usize, per_segment: usize) -> tantivy::Result<Index> {
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING | STORED);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer(15_000_000)?;
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for segment in 0..segments {
            for n in 0..per_segment {
                writer.add_document(doc!(id => format!("{segment}-{n}")))?;
            }
            writer.commit()?;
        }
        Ok(index)
    }

    #[test]
    fn a_search_over_many_segments_counts_every_document_once() -> tantivy::Result<()> {
        let index = index_of(5, 7)?;
        let searcher = index.reader()?.searcher();
        assert_eq!(searcher.segment_readers().len(), 5);
        assert_eq!(search(&searcher, &AllQuery, &Count)?, 35);
        Ok(())
    }

    #[test]
    fn a_search_started_while_another_runs_gets_the_same_answer() -> tantivy::Result<()> {
        let index = index_of(3, 4)?;
        let searcher = index.reader()?.searcher();
        let other = Running::start();
        assert_eq!(search(&searcher, &AllQuery, &Count)?, 12);
        drop(other);
        Ok(())
    }
}
