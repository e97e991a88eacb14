//! Is the index on disk whole? tantivy trusts its files: a segment whose `max_doc` in
//! `meta.json` is wrong, a missing `.pos` file or changed bytes in a `.store` open without a
//! word, then answer searches with panics deep in its readers. So every open checks what the
//! last commit lists, and refuses the index with [`Error::Damaged`] naming the file at fault:
//!
//! - every file of every segment exists (the `.del` file too, when the segment has deletes);
//! - every such file's CRC matches its footer ([`Check::Full`] only: it reads every byte);
//! - every segment opens, and its fast fields hold exactly the `max_doc` that `meta.json`
//!   records (a wrong `max_doc` makes the bitpacked columns read past their end).
//!
//! Opening a damaged segment can itself panic inside tantivy; that is caught and reported
//! like any other damage.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use tantivy::index::{SegmentComponent, SegmentMeta};
use tantivy::{Index, Segment, SegmentReader};

use crate::error::{Error, Result};

/// How much to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Files present, segments open, `max_doc` agrees: a few reads per segment.
    Structure,
    /// [`Check::Structure`] plus every file's checksum: reads the whole index once.
    Full,
}

/// Check the committed state of `index`, whose files are in `dir`.
pub fn verify(index: &Index, dir: &Path, check: Check) -> Result<()> {
    let damaged = |file: &str, reason: String| Error::Damaged {
        dir: dir.to_owned(),
        file: dir.join(file),
        reason,
    };
    let segments = index
        .searchable_segments()
        .map_err(|err| damaged("meta.json", format!("cannot be read: {err}")))?;
    for segment in &segments {
        let meta = segment.meta();
        for file in files_of(meta) {
            verify_file(index, dir, &file, check)?;
        }
        verify_segment(segment).map_err(|reason| damaged("meta.json", reason))?;
    }
    Ok(())
}

/// The files a segment of our schema consists of (every text field kind writes each one).
fn files_of(meta: &SegmentMeta) -> Vec<PathBuf> {
    let mut components = vec![
        SegmentComponent::Postings,
        SegmentComponent::Positions,
        SegmentComponent::FastFields,
        SegmentComponent::FieldNorms,
        SegmentComponent::Terms,
        SegmentComponent::Store,
    ];
    if meta.has_deletes() {
        components.push(SegmentComponent::Delete);
    }
    components
        .into_iter()
        .map(|component| meta.relative_path(component))
        .collect()
}

fn verify_file(index: &Index, dir: &Path, file: &Path, check: Check) -> Result<()> {
    let damaged = |reason: &str| Error::Damaged {
        dir: dir.to_owned(),
        file: dir.join(file),
        reason: reason.to_owned(),
    };
    if !dir.join(file).is_file() {
        return Err(damaged("is missing"));
    }
    if check == Check::Full {
        let whole = index.directory().validate_checksum(file);
        if !whole.unwrap_or(false) {
            return Err(damaged(
                "fails its checksum: its bytes were changed or cut short",
            ));
        }
    }
    Ok(())
}

/// Open one segment and compare its document count with the `max_doc` of `meta.json`.
fn verify_segment(segment: &Segment) -> std::result::Result<(), String> {
    let id = segment.id().uuid_string();
    let opened = catch_unwind(AssertUnwindSafe(|| -> tantivy::Result<u32> {
        let reader = SegmentReader::open(segment)?;
        reader.get_store_reader(0)?;
        Ok(reader.fast_fields().date("dato")?.num_docs())
    }));
    let max_doc = segment.meta().max_doc();
    match opened {
        Ok(Ok(docs)) if docs == max_doc => Ok(()),
        Ok(Ok(docs)) => Err(format!(
            "records {max_doc} documents for segment `{id}`, whose files hold {docs}"
        )),
        Ok(Err(err)) => Err(format!(
            "lists segment `{id}`, which cannot be opened: {err}"
        )),
        Err(_) => Err(format!(
            "lists segment `{id}`, which cannot be read (tantivy panicked)"
        )),
    }
}

/// Check the index in `dir` fully without opening it for searching: what `referat index`
/// runs after a failure, to name the damaged file when damage caused it.
pub fn verify_dir(dir: &Path) -> Result<()> {
    if !dir.join("meta.json").is_file() {
        return Ok(());
    }
    let index = Index::open(crate::engine::directory::open(dir)?)?;
    verify(&index, dir, Check::Full)
}

/// Whether `err`, from a read-only engine call, says the index is damaged: bytes that do not
/// decode, files that cannot be read. (Other failures are bugs of ours, not the disk's.)
pub fn is_damage(err: &Error) -> bool {
    use tantivy::TantivyError as T;
    matches!(
        err,
        Error::Damaged { .. }
            | Error::Index(T::DataCorruption(_) | T::IoError(_) | T::OpenReadError(_))
    )
}
