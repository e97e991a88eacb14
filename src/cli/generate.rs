//! `referat generate --out DIR --items N [--seed S] [--seeds DIR]`: write a scale corpus
//! (see `crate::generate`), report progress on stderr and what was written, with timing.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::GenerateArgs;
use crate::generate::{generate, read_seed_texts, Options, Summary};

pub fn run(args: GenerateArgs) -> anyhow::Result<ExitCode> {
    let seeds = read_seed_texts(&args.seeds)?;
    let options = Options {
        out: args.out,
        items: args.items,
        seed: args.seed,
    };
    let bar = progress_bar(args.items);
    let mut last_report = Duration::ZERO;
    let summary = generate(&seeds, &options, &mut |summary: &Summary| {
        bar.set_position(summary.items as u64);
        // Without a terminal (logs, CI), one line every ten seconds instead of a bar.
        if bar.is_hidden() && summary.took >= last_report + Duration::from_secs(10) {
            last_report = summary.took;
            eprintln!(
                "{} of {} items, {}",
                summary.items,
                options.items,
                megabytes(summary.bytes)
            );
        }
    })?;
    bar.finish_and_clear();
    print_summary(&summary, &options);
    Ok(ExitCode::SUCCESS)
}

fn progress_bar(items: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} items  {elapsed} (eta {eta})")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(items as u64).with_style(style)
}

fn print_summary(summary: &Summary, options: &Options) {
    let seconds = summary.took.as_secs_f64();
    println!(
        "{} items in {} meetings, {} in `{}` (seed {})",
        summary.items,
        summary.meetings,
        megabytes(summary.bytes),
        options.out.display(),
        summary.seed
    );
    println!(
        "took {seconds:.1} s: {:.0} items/s, {:.1} MB/s",
        summary.items as f64 / seconds.max(1e-9),
        summary.bytes as f64 / 1e6 / seconds.max(1e-9)
    );
    if summary.working_groups > 0 {
        println!(
            "{} working-group forums added so that meeting ids stay unique",
            summary.working_groups
        );
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
