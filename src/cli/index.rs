//! `referat index [PATHS...] [--index DIR] [--rebuild] [--watch]`: index referat files
//! (incrementally), show a progress bar on a terminal, print a closing summary. Exit code 0
//! when every file was indexed, 1 when some were skipped (or a merge after the commit failed),
//! 2 on a fatal error (index locked, unwritable, damaged, …, or nothing to index).
//! `--rebuild` builds the index anew beside the old one and swaps it in (for a damaged index);
//! a failed run checks the index for damage so the error names the file at fault. With
//! `--watch` it then keeps following the paths (see `watch`) until stopped.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use super::{IndexArgs, DEFAULT_SEEDS};
use crate::engine::indexer::{extension_list, index_paths_with, rebuild, NoProgress, Progress};
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
        Ok(summary) if args.watch => {
            print_summary(&summary, &args.index, args.rebuild);
            watch(args.index, paths, enricher)
        }
        Ok(summary) => {
            print_summary(&summary, &args.index, args.rebuild);
            Ok(exit_code(&summary, &paths))
        }
        Err(err) => {
            eprintln!("error: {}", with_damage_named(err, &args.index));
            Ok(ExitCode::from(2))
        }
    }
}

/// 0 when everything was indexed; 1 when something was skipped or a merge failed; 2 when
/// the paths held no file to index at all, with a message that says why.
fn exit_code(summary: &IndexSummary, paths: &[PathBuf]) -> ExitCode {
    let touched = summary.files_added + summary.files_replaced + summary.files_unchanged;
    if summary.files_seen == 0 && summary.files_removed == 0 {
        let named: Vec<String> = paths.iter().map(|p| format!("`{}`", p.display())).collect();
        eprintln!(
            "error: found no {} file in {}{}",
            extension_list(),
            named.join(", "),
            skipped_in_brief(summary)
        );
        return ExitCode::from(2);
    }
    if touched == 0 && summary.files_removed == 0 {
        eprintln!(
            "error: none of the {} files could be indexed (each is listed above with its reason)",
            summary.files_seen
        );
    }
    if summary.skipped.is_empty() && !summary.merge_failed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// " (skipped 3: `a.docx`: not a …; …)", the first five, or nothing.
fn skipped_in_brief(summary: &IndexSummary) -> String {
    if summary.skipped.is_empty() {
        return String::new();
    }
    let first: Vec<String> = summary
        .skipped
        .iter()
        .take(5)
        .map(|(path, reason)| format!("`{path}`: {reason}"))
        .collect();
    let more = if summary.skipped.len() > 5 {
        "; …"
    } else {
        ""
    };
    format!(
        " (skipped {}: {}{more})",
        summary.skipped.len(),
        first.join("; ")
    )
}

/// `--watch`: follow the paths until the process is stopped.
fn watch(
    index: PathBuf,
    roots: Vec<PathBuf>,
    enricher: crate::enrich::Enricher,
) -> anyhow::Result<ExitCode> {
    let watch = crate::watch::Watch {
        index,
        roots,
        enricher,
    };
    crate::watch::run(&watch)?;
    Ok(ExitCode::SUCCESS)
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
    for note in &summary.notes {
        println!("note: {note}");
    }
}
