//! Opening the index folder: tantivy's `MmapDirectory`, made usable on read-only media, and
//! the checks that keep us from writing an index into a folder that holds something else.
//!
//! tantivy opens every reader (and every reload) under `.tantivy-meta.lock`, a file it opens
//! for writing; in a read-only folder that fails and no search could run. [`ReadOnlyTolerant`]
//! hands out a no-op meta lock when the lock file cannot be written: the lock only keeps a
//! writer's garbage collection from deleting files while segments open, and a folder we cannot
//! write to has no writer of ours deleting anything. The writer lock is never faked.
//!
//! A reader reloads when `meta.json` changes. If the folder is swapped for an index with
//! another schema (a newer referat rebuilt it, see `indexer::rebuild`), tantivy would open
//! those segments with our schema and searches would fail or read wrong fields; so
//! [`open_expecting`] passes a change on to the reader only when the new `meta.json` has our
//! schema, and the reader keeps serving the segments it has (still mapped after their files
//! are deleted) until the process restarts. The same holds for a new commit that fails the
//! structural integrity check (a missing file, a `max_doc` its files do not hold).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, Lock, MmapDirectory, WatchCallback,
    WatchCallbackList, WatchHandle, WritePtr, META_LOCK,
};
use tantivy::schema::Schema;

use crate::error::{Error, Result};

/// `MmapDirectory` whose meta lock degrades to a no-op when the folder cannot be written.
#[derive(Debug, Clone)]
pub struct ReadOnlyTolerant {
    inner: MmapDirectory,
    /// The folder, for the integrity check of a new commit.
    root: PathBuf,
    /// When set, `meta.json` changes reach watchers only while it records this schema.
    expected: Option<Arc<Schema>>,
}

/// Open `dir` (which must exist) as a tantivy directory.
pub fn open(dir: &Path) -> Result<ReadOnlyTolerant> {
    let inner = MmapDirectory::open(dir).map_err(|err| {
        Error::Other(format!(
            "cannot open index folder `{}`: {err}",
            dir.display()
        ))
    })?;
    Ok(ReadOnlyTolerant {
        inner,
        root: dir.to_owned(),
        expected: None,
    })
}

/// [`open`], with reloads held back while `meta.json` records another schema than `schema`.
pub fn open_expecting(dir: &Path, schema: Schema) -> Result<ReadOnlyTolerant> {
    let mut directory = open(dir)?;
    directory.expected = Some(Arc::new(schema));
    Ok(directory)
}

/// Whether the `meta.json` in `bytes` records `schema`.
fn records_schema(bytes: &[u8], schema: &Schema) -> bool {
    let Ok(meta) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return false;
    };
    serde_json::from_value::<Schema>(meta["schema"].clone()).is_ok_and(|s| &s == schema)
}

/// Relays the inner directory's `meta.json` events to `watch_callback` when the schema
/// matches.
fn guarded_watch(
    inner: &MmapDirectory,
    root: PathBuf,
    expected: Arc<Schema>,
    watch_callback: WatchCallback,
) -> tantivy::Result<WatchHandle> {
    let watchers = Arc::new(WatchCallbackList::default());
    let subscribed = watchers.subscribe(watch_callback);
    let reader = inner.clone();
    let relay = inner.watch(WatchCallback::new(move || {
        let meta = reader.atomic_read(Path::new("meta.json"));
        if !meta.is_ok_and(|bytes| records_schema(&bytes, &expected)) {
            tracing::warn!("the index folder now holds another schema; keeping the open state");
        } else if let Err(err) = whole(&reader, &root) {
            tracing::error!(%err, "the new commit is damaged; keeping the open state");
        } else {
            let _ = watchers.broadcast().wait();
        }
    }))?;
    // The handle keeps both subscriptions alive; dropping it ends them.
    let keep = (subscribed, relay);
    Ok(WatchHandle::new(Arc::new(WatchCallback::new(move || {
        let _ = &keep;
    }))))
}

/// Whether the commit now in `root` passes the structural check: a reader must not switch
/// to segments that would panic (see `integrity`).
fn whole(directory: &MmapDirectory, root: &Path) -> Result<()> {
    let index = tantivy::Index::open(directory.clone())?;
    super::integrity::verify(&index, root, super::Check::Structure)
}

/// Refuse a folder that has no tantivy index (`meta.json`) but holds visible files: creating
/// an index there would mix our files with someone else's (a typo in `--index`).
pub fn ensure_index_or_empty(dir: &Path) -> Result<()> {
    if dir.join("meta.json").exists() {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_owned(),
        source,
    })?;
    let foreign: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .map(|entry| entry.path())
        .collect();
    match foreign.first() {
        None => Ok(()),
        Some(first) => Err(Error::Other(format!(
            "`{}` is not a referat index (no `meta.json`) but holds other files, e.g. `{}`; \
             choose an empty or new folder",
            dir.display(),
            first.display()
        ))),
    }
}

/// A lock that holds nothing (see the module doc for when that is safe).
struct NoLock;

impl Directory for ReadOnlyTolerant {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        self.inner.open_read(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(_)) if lock.filepath == META_LOCK.filepath => {
                Ok(DirectoryLock::from(Box::new(NoLock)))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        match &self.expected {
            Some(expected) => guarded_watch(
                &self.inner,
                self.root.clone(),
                expected.clone(),
                watch_callback,
            ),
            None => self.inner.watch(watch_callback),
        }
    }
}
