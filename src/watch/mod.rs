//! `--watch`: keep the index in step with folders of referater. New, changed and removed
//! files are indexed by the indexer's own incremental run ([`index_paths_with`]) over just
//! the changed paths, one atomic commit per batch, with a log line per change.
//!
//! notify's inotify backend watches each folder (not each file), so watching 10,000 files
//! costs a few watches and no polling. Events are collected in [`pending::Pending`] until the
//! writers are done and the burst is over. A removed file is handled by re-running the
//! indexer over its folder (the indexer removes what is no longer on disk under the paths it
//! is given). Nothing here stops on a bad file or a failed run: the indexer skips bad files
//! and a failed run is logged and tried again.
//!
//! Synchronous, one thread: the server starts it with [`spawn`], `referat index --watch`
//! runs [`run`] on the main thread.

mod pending;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use self::pending::{Pending, Seen};
use crate::engine::indexer::{index_paths_with, NoProgress};
use crate::engine::IndexSummary;
use crate::enrich::Enricher;
use crate::error::{Error, Result};

/// A failed run (index locked by `referat index`, disk full, …) is tried again after this.
const RETRY: Duration = Duration::from_secs(2);

/// What to watch and where to index it.
#[derive(Clone)]
pub struct Watch {
    /// The index folder.
    pub index: PathBuf,
    /// Folders (or files) of referater, watched recursively.
    pub roots: Vec<PathBuf>,
    /// The enricher to ingest with.
    pub enricher: Enricher,
}

/// Start watching on a thread of its own: set up the watches, catch up once with what
/// changed while nobody watched, then index every batch of changes until the process ends.
pub fn spawn(watch: Watch) -> Result<std::thread::JoinHandle<()>> {
    let watch = watch.canonical();
    let (events, watcher) = start(&watch.roots)?;
    std::thread::Builder::new()
        .name("referat-watch".into())
        .spawn(move || {
            let _watcher = watcher;
            catch_up(&watch);
            follow(&watch, &events);
        })
        .map_err(|err| Error::Other(format!("cannot start the watcher thread: {err}")))
}

/// [`spawn`] on the current thread, without the catch-up (the caller has just indexed).
pub fn run(watch: &Watch) -> Result<()> {
    let watch = watch.clone().canonical();
    let (events, _watcher) = start(&watch.roots)?;
    follow(&watch, &events);
    Ok(())
}

impl Watch {
    /// The roots as absolute paths without links, the form notify reports events in.
    fn canonical(mut self) -> Watch {
        for root in &mut self.roots {
            if let Ok(canonical) = root.canonicalize() {
                *root = canonical;
            }
        }
        self
    }
}

type Events = Receiver<notify::Result<notify::Event>>;

/// The watches, set up before any indexing so no change slips between the two.
fn start(roots: &[PathBuf]) -> Result<(Events, notify::RecommendedWatcher)> {
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)
        .map_err(|err| Error::Other(format!("cannot watch folders: {err}")))?;
    for root in roots {
        watcher
            .watch(root, RecursiveMode::Recursive)
            .map_err(|err| Error::Other(format!("cannot watch `{}`: {err}", root.display())))?;
        tracing::info!(path = %root.display(), "watching for new, changed and removed referater");
    }
    Ok((events, watcher))
}

/// One incremental run over the roots: what changed while no one watched.
fn catch_up(watch: &Watch) {
    match index_paths_with(&watch.index, &watch.roots, &NoProgress, &watch.enricher) {
        Ok(summary) => log_summary("caught up", &summary),
        Err(err) => tracing::error!(%err, "catching up with the watched folders failed"),
    }
}

/// Collect events into batches and index each, until the watcher goes away.
fn follow(watch: &Watch, events: &Events) {
    let mut pending = Pending::default();
    loop {
        let received = match pending.wait_hint() {
            None => events.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(wait) => events.recv_timeout(wait),
        };
        match received {
            Ok(event) => note(watch, &mut pending, event),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        while let Ok(event) = events.try_recv() {
            note(watch, &mut pending, event);
        }
        let ready = pending.take_ready(Instant::now(), pending::stat);
        if !ready.is_empty() && !index_batch(watch, &ready) {
            for path in ready {
                pending.note(path, Seen::Done, Instant::now());
            }
            std::thread::sleep(RETRY);
        }
    }
}

/// Record the paths of one event that matter: referat files and new folders.
fn note(watch: &Watch, pending: &mut Pending, event: notify::Result<notify::Event>) {
    let event = match event {
        Ok(event) => event,
        Err(err) => {
            tracing::warn!(%err, "the folder watcher reported an error");
            return;
        }
    };
    let Some(seen) = seen(&event.kind) else {
        return;
    };
    let now = Instant::now();
    for path in event.paths {
        if is_referat_path(watch, &path) {
            pending.note(path, seen, now);
        } else if is_folder_change(watch, &path, seen) {
            // A folder moved in, copied in or taken away: its files are walked as a whole.
            pending.note(path, Seen::Done, now);
        }
    }
}

/// A folder appeared, or a path without an extension (a folder, once) disappeared.
fn is_folder_change(watch: &Watch, path: &Path, seen: Seen) -> bool {
    let appeared = path.is_dir();
    let vanished = seen == Seen::Done && path.extension().is_none() && !path.exists();
    (appeared || vanished) && !is_hidden(watch, path) && !watch.roots.iter().any(|r| r == path)
}

/// What an event says about its paths; `None` for events that change nothing (opening and
/// reading a file, which the indexer itself does, or metadata).
fn seen(kind: &EventKind) -> Option<Seen> {
    match kind {
        EventKind::Create(_) | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any) => {
            Some(Seen::Writing)
        }
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Remove(_)
        | EventKind::Modify(ModifyKind::Name(_)) => Some(Seen::Done),
        EventKind::Modify(ModifyKind::Other) => Some(Seen::Writing),
        _ => None,
    }
}

/// A `.txt` or `.md` file not hidden under the watched roots (editors' `.x.swp` and `x~`
/// backups are not referater); the same files a folder walk of the indexer takes.
fn is_referat_path(watch: &Watch, path: &Path) -> bool {
    let extension = path
        .extension()
        .map(|ext| ext.to_string_lossy().to_lowercase());
    matches!(extension.as_deref(), Some("txt" | "md")) && !is_hidden(watch, path)
}

/// Whether a part of `path` below its watched root starts with a dot.
fn is_hidden(watch: &Watch, path: &Path) -> bool {
    watch.roots.iter().any(|root| {
        path.strip_prefix(root).is_ok_and(|rel| {
            rel.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        })
    })
}

/// Index one batch: present paths directly, removed ones through their nearest folder that
/// still exists. Returns whether the run went through (a failed run is retried).
fn index_batch(watch: &Watch, ready: &[PathBuf]) -> bool {
    let mut paths: Vec<PathBuf> = Vec::new();
    for path in ready {
        let target = if path.exists() {
            tracing::info!(path = %path.display(), "changed: indexing");
            path.clone()
        } else {
            tracing::info!(path = %path.display(), "removed: taking it out of the index");
            existing_folder(watch, path)
        };
        if !paths.contains(&target) {
            paths.push(target);
        }
    }
    match index_paths_with(&watch.index, &paths, &NoProgress, &watch.enricher) {
        Ok(summary) => {
            log_summary("committed a batch", &summary);
            true
        }
        Err(err) => {
            tracing::error!(%err, "indexing the batch failed; trying again shortly");
            false
        }
    }
}

/// The nearest folder above `path` that still exists, never above its watched root.
fn existing_folder(watch: &Watch, path: &Path) -> PathBuf {
    let root = watch.roots.iter().find(|root| path.starts_with(root));
    let mut folder = path.parent();
    while let Some(dir) = folder {
        if dir.is_dir() || Some(&dir.to_path_buf()) == root {
            return dir.to_path_buf();
        }
        folder = dir.parent();
    }
    root.cloned().unwrap_or_else(|| path.to_path_buf())
}

fn log_summary(what: &str, summary: &IndexSummary) {
    for (path, reason) in &summary.skipped {
        tracing::warn!(%path, %reason, "skipped");
    }
    tracing::info!(
        added = summary.files_added,
        replaced = summary.files_replaced,
        removed = summary.files_removed,
        skipped = summary.skipped.len(),
        items = summary.items_indexed,
        millis = summary.took_millis,
        "watch: {what}"
    );
}
