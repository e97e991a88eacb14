//! Which changed paths are ready to index: the debouncing half of `--watch`, kept free of
//! notify and the indexer so it can be tested with made-up events and clocks.
//!
//! A path is ready when the writer is done with it. inotify says so for most writers (the
//! file was closed after writing, moved into place, or removed); a writer that keeps the file
//! open, or a backend that never reports a close, is waited out instead: the file's size and
//! modification time must stay unchanged for [`SETTLE`]. A batch is handed out once events
//! have been quiet for [`QUIET`] (or the oldest waited [`MAX_WAIT`]), so a burst of files
//! becomes one commit instead of one per file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// No new events for this long: the burst is over, hand out what is ready.
pub const QUIET: Duration = Duration::from_millis(300);
/// A file never closed is read once it has not changed for this long.
pub const SETTLE: Duration = Duration::from_secs(2);
/// A never-ending stream of events still gets a batch out this often.
pub const MAX_WAIT: Duration = Duration::from_secs(3);

/// What the last event said about a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// Written to (created, modified): maybe still being written.
    Writing,
    /// Closed after writing, moved into place or removed: the writer is done.
    Done,
}

/// Size and modification time: the file is still growing while these change.
type Stat = Option<(u64, Option<SystemTime>)>;

#[derive(Debug)]
struct Entry {
    seen: Seen,
    last_change: Instant,
    stat: Stat,
}

/// Paths with unhandled changes, and when events last arrived.
#[derive(Debug, Default)]
pub struct Pending {
    entries: HashMap<PathBuf, Entry>,
    first_event: Option<Instant>,
    last_event: Option<Instant>,
}

impl Pending {
    /// Whether nothing waits.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Record an event on `path` at `now`.
    pub fn note(&mut self, path: PathBuf, seen: Seen, now: Instant) {
        self.first_event.get_or_insert(now);
        self.last_event = Some(now);
        let entry = self.entries.entry(path).or_insert(Entry {
            seen,
            last_change: now,
            stat: None,
        });
        entry.seen = seen;
        entry.last_change = now;
    }

    /// The paths ready at `now` (removed from the set), or nothing while the burst goes on.
    /// `stat` reads a path's size and time (`None` when it is gone).
    pub fn take_ready(&mut self, now: Instant, stat: impl Fn(&Path) -> Stat) -> Vec<PathBuf> {
        let (Some(first), Some(last)) = (self.first_event, self.last_event) else {
            return Vec::new();
        };
        if now.duration_since(last) < QUIET && now.duration_since(first) < MAX_WAIT {
            return Vec::new();
        }
        for (path, entry) in &mut self.entries {
            let current = stat(path);
            if current != entry.stat {
                // Still growing (or first look): the settle time starts again.
                entry.stat = current;
                if entry.seen == Seen::Writing {
                    entry.last_change = now;
                }
            }
        }
        let ready = self.ready_paths(now);
        for path in &ready {
            self.entries.remove(path);
        }
        self.first_event = (!self.entries.is_empty()).then_some(now);
        ready
    }

    /// Paths whose writer is done. Gone paths wait while any file is still being written:
    /// handling a removal re-reads its folder, which must not read a half-written file.
    fn ready_paths(&self, now: Instant) -> Vec<PathBuf> {
        let settled =
            |e: &Entry| e.seen == Seen::Done || now.duration_since(e.last_change) >= SETTLE;
        let writing = self
            .entries
            .values()
            .any(|e| e.stat.is_some() && !settled(e));
        let mut ready: Vec<PathBuf> = self
            .entries
            .iter()
            .filter(|(_, e)| settled(e) || e.stat.is_none())
            .filter(|(_, e)| !(writing && e.stat.is_none()))
            .map(|(path, _)| path.clone())
            .collect();
        ready.sort();
        ready
    }

    /// How long the caller may block before [`Pending::take_ready`] could hand something out.
    pub fn wait_hint(&self) -> Option<Duration> {
        (!self.is_empty()).then_some(QUIET / 2)
    }
}

/// The size and modification time of `path`, `None` when it is gone.
pub fn stat(path: &Path) -> Stat {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(start: Instant, millis: u64) -> Instant {
        start + Duration::from_millis(millis)
    }

    #[test]
    fn a_burst_is_one_batch_handed_out_once_events_go_quiet() {
        let start = Instant::now();
        let mut pending = Pending::default();
        for i in 0..500 {
            pending.note(format!("f{i}.txt").into(), Seen::Done, at(start, i));
            assert!(pending
                .take_ready(at(start, i), |_| Some((1, None)))
                .is_empty());
        }
        let batch = pending.take_ready(at(start, 499 + 400), |_| Some((1, None)));
        assert_eq!(batch.len(), 500);
        assert!(pending.is_empty());
    }

    #[test]
    fn a_file_still_open_waits_until_its_size_has_settled() {
        let start = Instant::now();
        let mut pending = Pending::default();
        pending.note("half.txt".into(), Seen::Writing, start);
        // Quiet, but the file was only just looked at: not ready.
        assert!(pending
            .take_ready(at(start, 400), |_| Some((10, None)))
            .is_empty());
        // It grew: the settle time starts again.
        assert!(pending
            .take_ready(at(start, 2000), |_| Some((20, None)))
            .is_empty());
        assert!(pending
            .take_ready(at(start, 3900), |_| Some((20, None)))
            .is_empty());
        let batch = pending.take_ready(at(start, 4100), |_| Some((20, None)));
        assert_eq!(batch, vec![PathBuf::from("half.txt")]);
    }

    #[test]
    fn a_removal_waits_while_another_file_is_being_written() {
        let start = Instant::now();
        let mut pending = Pending::default();
        pending.note("gone.txt".into(), Seen::Done, start);
        pending.note("growing.txt".into(), Seen::Writing, start);
        let stat = |p: &Path| (p == Path::new("growing.txt")).then_some((5, None));
        assert!(pending.take_ready(at(start, 400), stat).is_empty());
        let batch = pending.take_ready(at(start, 2500), stat);
        assert_eq!(
            batch,
            vec![PathBuf::from("gone.txt"), PathBuf::from("growing.txt")]
        );
    }

    #[test]
    fn endless_events_still_give_a_batch_after_the_longest_wait() {
        let start = Instant::now();
        let mut pending = Pending::default();
        let mut handed_out = 0;
        for i in 0..40 {
            pending.note(format!("f{i}.txt").into(), Seen::Done, at(start, i * 100));
            handed_out += pending.take_ready(at(start, i * 100), |_| None).len();
        }
        assert!(handed_out > 0, "a batch within {MAX_WAIT:?}");
    }
}
