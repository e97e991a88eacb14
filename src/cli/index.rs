//! `referat index [PATHS...] [--index DIR]`: index referat files (incrementally), show a
//! progress bar on a terminal, print a closing summary. Exit code 0 when every file was
//! indexed, 1 when some were skipped, 2 on a fatal error (index locked, unwritable, …).
//! With `--watch` it then keeps following the paths (see `watch`) until stopped.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use super::{IndexArgs, DEFAULT_SEEDS};
use crate::engine::indexer::{index_paths_with, NoProgress, Progress};
use crate::engine::IndexSummary;

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

pub fn run(args: IndexArgs) -> anyhow::Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_SEEDS)]
    } else {
        args.paths
    };
    let enricher = args.taxonomy.enricher()?;
    let result = if std::io::stderr().is_terminal() {
        let bar = Bar(ProgressBar::new(0).with_style(bar_style()));
        let result = index_paths_with(&args.index, &paths, &bar, &enricher);
        bar.0.finish_and_clear();
        result
    } else {
        index_paths_with(&args.index, &paths, &NoProgress, &enricher)
    };
    match result {
        Ok(summary) if args.watch => {
            print_summary(&summary, &args.index);
            watch(args.index, paths, enricher)
        }
        Ok(summary) => {
            print_summary(&summary, &args.index);
            Ok(if summary.skipped.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Err(err) => {
            eprintln!("error: {err}");
            Ok(ExitCode::from(2))
        }
    }
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

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{bar:40} {pos}/{len} files  {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

fn print_summary(summary: &IndexSummary, index: &Path) {
    if summary.rebuilt {
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
