//! `referat index [PATHS...] [--index DIR] [--rebuild]`: index referat files (incrementally),
//! show a progress bar on a terminal, print a closing summary. Exit code 0 when every file was
//! indexed, 1 when some were skipped, 2 on a fatal error (index locked, unwritable, damaged,
//! …). `--rebuild` builds the index anew beside the old one and swaps it in (for a damaged
//! index); a failed run checks the index for damage so the error names the file at fault.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use super::{IndexArgs, DEFAULT_SEEDS};
use crate::engine::indexer::{index_paths_with, rebuild, NoProgress, Progress};
use crate::engine::{verify_dir, IndexSummary};
use crate::enrich::Enricher;
use crate::error::{Error, Result};

/// A progress bar on stderr (only created when stderr is a terminal).
struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, total_files: usize) {
        self.0
            .set_length(u64::try_from(total_files).unwrap_or(u64::MAX));
    }

    fn file_done(&self, path: &Path) {
        self.0.set_message(path.display().to_string());
        self.0.inc(1);
    }

    fn committing(&self) {
        self.0.set_message("committing");
    }
}

pub fn run(mut args: IndexArgs) -> anyhow::Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_SEEDS)]
    } else {
        std::mem::take(&mut args.paths)
    };
    let enricher = args.taxonomy.enricher()?;
    let result = if std::io::stderr().is_terminal() {
        let bar = Bar(ProgressBar::new(0).with_style(bar_style()));
        let result = run_index(&args, &paths, &bar, &enricher);
        bar.0.finish_and_clear();
        result
    } else {
        run_index(&args, &paths, &NoProgress, &enricher)
    };
    match result {
        Ok(summary) => {
            print_summary(&summary, &args.index, args.rebuild);
            Ok(if summary.skipped.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Err(err) => {
            eprintln!("error: {}", with_damage_named(err, &args.index));
            Ok(ExitCode::from(2))
        }
    }
}

/// One run: incremental, or with `--rebuild` (on an existing index) from scratch.
fn run_index(
    args: &IndexArgs,
    paths: &[PathBuf],
    progress: &dyn Progress,
    enricher: &Enricher,
) -> Result<IndexSummary> {
    if args.rebuild && args.index.join("meta.json").is_file() {
        rebuild::run(&args.index, paths, progress, enricher)
    } else {
        index_paths_with(&args.index, paths, progress, enricher)
    }
}

/// tantivy's own error on a damaged index names no file ("the offset to copy is not
/// contained in the decompressed buffer"): after a failure, a full check of the index says
/// which file is damaged, and that is the error worth showing.
fn with_damage_named(err: Error, index: &Path) -> Error {
    if matches!(err, Error::Damaged { .. } | Error::IndexLocked(_)) {
        return err;
    }
    match verify_dir(index) {
        Err(damage @ Error::Damaged { .. }) => damage,
        _ => err,
    }
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{bar:40} {pos}/{len} files  {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

fn print_summary(summary: &IndexSummary, index: &Path, asked_to_rebuild: bool) {
    if asked_to_rebuild && summary.rebuilt {
        println!("rebuilt `{}` from scratch", index.display());
    } else if summary.rebuilt {
        println!(
            "rebuilt `{}` from scratch: it was built by another referat version",
            index.display()
        );
    }
    println!(
        "{} files: {} added, {} replaced, {} unchanged, {} removed, {} skipped",
        summary.files_seen,
        summary.files_added,
        summary.files_replaced,
        summary.files_unchanged,
        summary.files_removed,
        summary.skipped.len()
    );
    println!(
        "{} items in `{}` ({} ms)",
        summary.items_indexed,
        index.display(),
        summary.took_millis
    );
    for (path, reason) in &summary.skipped {
        println!("skipped `{path}`: {reason}");
    }
}
