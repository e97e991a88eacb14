//! The `referat` binary: logging, then the command line.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                // pdf_oxide logs every font it loads at info level: only its errors are news.
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,pdf_oxide=error")),
        )
        .with_writer(std::io::stderr)
        // Colour codes only for a person at a terminal, never into a log file or a pipe.
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let cli = referat::cli::Cli::parse();
    match referat::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
