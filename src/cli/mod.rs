//! The `referat` command line: argument definitions (clap) and dispatch to one module per
//! command. Only `main` imports this module; it may import anything.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

mod generate;
mod index;
mod parse;
mod search;
mod serve;

/// Default index directory.
pub const DEFAULT_INDEX: &str = "index";
/// Default folder of referater.
pub const DEFAULT_SEEDS: &str = "seeds";

#[derive(Debug, Parser)]
#[command(
    name = "referat",
    version,
    about = "Search Danish health-care minutes (referater)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// The variants differ in size; the enum is built once per run, so boxing buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse referat files and print an outline of each (or the whole parse as JSON).
    Parse(ParseArgs),
    /// Index referat files (incremental: unchanged files are skipped).
    Index(IndexArgs),
    /// Search the index from the terminal.
    Search(SearchArgs),
    /// Serve the JSON API and the search page (indexes the seeds first if the index is empty).
    Serve(ServeArgs),
    /// Write a deterministic scale corpus of N agenda items (for benchmarks).
    Generate(GenerateArgs),
}

/// `--fokusomraader FILE`: a user's focus-area taxonomy instead of the built-in one.
#[derive(Debug, Clone, Args)]
pub struct TaxonomyArg {
    /// Focus-area taxonomy file (format: see data/fokusomraader.txt) [default: built-in]
    #[arg(long, env = "REFERAT_FOKUSOMRAADER", value_name = "FILE")]
    pub fokusomraader: Option<PathBuf>,
}

impl TaxonomyArg {
    /// The enricher to ingest with.
    pub fn enricher(&self) -> anyhow::Result<crate::enrich::Enricher> {
        match &self.fokusomraader {
            Some(path) => Ok(crate::enrich::Enricher::with_taxonomy_file(path)?),
            None => Ok(crate::enrich::Enricher::builtin()),
        }
    }
}

/// `--synonyms FILE`: a user's synonym list instead of the built-in one.
#[derive(Debug, Clone, Args)]
pub struct SynonymsArg {
    /// Synonyms and abbreviations file (format: see data/synonyms.txt) [default: built-in]
    #[arg(long, env = "REFERAT_SYNONYMS", value_name = "FILE")]
    pub synonyms: Option<PathBuf>,
}

impl SynonymsArg {
    /// Open the index at `dir` with these synonyms.
    pub fn open_engine(&self, dir: &std::path::Path) -> anyhow::Result<crate::engine::Engine> {
        use anyhow::Context;
        let engine = crate::engine::Engine::open(dir)
            .with_context(|| format!("cannot open the index at `{}`", dir.display()))?;
        match &self.synonyms {
            Some(path) => Ok(engine.with_synonyms(crate::analysis::Synonyms::load(path)?)),
            None => Ok(engine),
        }
    }
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Referat files (.txt or .md).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print the whole parse as JSON instead of an outline: one object for one file, one
    /// array of objects for several.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub taxonomy: TaxonomyArg,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders of referater [default: seeds]
    pub paths: Vec<PathBuf>,
    /// Index directory.
    #[arg(long, env = "REFERAT_INDEX", default_value = DEFAULT_INDEX)]
    pub index: PathBuf,
    /// After indexing, keep watching the paths: new, changed and removed files are indexed
    /// within seconds (one commit per batch) until Ctrl-C.
    #[arg(long)]
    pub watch: bool,

    /// Build the index from scratch (the given files plus those the old index lists) in a
    /// sibling folder and swap it in at the end: for a damaged index.
    #[arg(long)]
    pub rebuild: bool,
    #[command(flatten)]
    pub taxonomy: TaxonomyArg,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", -exclude, OR, field:word, prefix*
    pub query: String,
    #[arg(long, env = "REFERAT_INDEX", default_value = DEFAULT_INDEX)]
    pub index: PathBuf,
    /// Filter on klynge (repeatable; values OR'ed).
    #[arg(long)]
    pub klynge: Vec<String>,
    /// Filter on forum, e.g. "Sundhedsdirektørkredsen" (repeatable).
    #[arg(long)]
    pub forum: Vec<String>,
    /// Filter on a person present at the meeting, e.g. "Bo Libergren" (repeatable).
    #[arg(long)]
    pub person: Vec<String>,
    #[arg(long)]
    pub niveau: Vec<String>,
    #[arg(long)]
    pub kommune: Vec<String>,
    #[arg(long)]
    pub fokusomraade: Vec<String>,
    #[arg(long)]
    pub beslutningstype: Vec<String>,
    #[arg(long)]
    pub aar: Vec<String>,
    /// Meetings on or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Meetings on or before this date (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// relevance, newest or oldest.
    #[arg(long, default_value = "relevance")]
    pub sort: String,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print the whole result as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub synonyms: SynonymsArg,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "REFERAT_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    #[arg(long, env = "REFERAT_INDEX", default_value = DEFAULT_INDEX)]
    pub index: PathBuf,
    /// Folder of referater indexed on first start when the index is empty (and watched with
    /// `--watch`).
    #[arg(long, env = "REFERAT_SEEDS", default_value = DEFAULT_SEEDS)]
    pub seeds: PathBuf,
    /// Watch the seeds folder: new, changed and removed files are indexed within seconds,
    /// while the server runs (needs write access to the index).
    #[arg(long, env = "REFERAT_WATCH")]
    pub watch: bool,
    /// Memory for cached answers, in MiB (repeated requests skip the search; emptied whenever
    /// the index changes). 0 turns the cache off.
    #[arg(long, env = "REFERAT_CACHE_MB", default_value_t = crate::server::response_cache::DEFAULT_MB)]
    pub cache_mb: usize,
    /// The address people reach the site at (`https://referater.example.dk`), for the links
    /// in Atom feeds and CSV files [default: the request's host].
    #[arg(long, env = "REFERAT_PUBLIC_URL", value_name = "URL", value_parser = public_url)]
    pub public_url: Option<String>,
    #[command(flatten)]
    pub taxonomy: TaxonomyArg,
    #[command(flatten)]
    pub synonyms: SynonymsArg,
}

/// An `http(s)://` address without query or fragment, trailing `/` dropped.
fn public_url(value: &str) -> Result<String, String> {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .ok_or("must start with http:// or https://")?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || value.contains(['?', '#', ' ', '"', '<', '>']) {
        return Err("must be an address like https://referater.example.dk".into());
    }
    Ok(value.trim_end_matches('/').to_owned())
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Output folder (created; must be new or empty).
    #[arg(long)]
    pub out: PathBuf,
    /// Number of agenda items to write.
    #[arg(long)]
    pub items: usize,
    /// Seed of the pseudo-random choices: the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Folder of referater whose paragraphs are recombined.
    #[arg(long, default_value = DEFAULT_SEEDS)]
    pub seeds: PathBuf,
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Generate(args) => generate::run(args),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn a_public_url_must_be_an_http_address() {
        assert_eq!(
            super::public_url("https://referater.example.dk/"),
            Ok("https://referater.example.dk".to_owned())
        );
        assert!(super::public_url("referater.example.dk").is_err());
        assert!(super::public_url("https://").is_err());
        assert!(super::public_url("https://x.dk/?a=1").is_err());
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        // clap's own checks: unique argument ids across flattened groups, valid defaults, …
        Cli::command().debug_assert();
    }
}
