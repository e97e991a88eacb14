//! referat: a search engine for Danish health-care minutes (referater) from Region Syddanmark.
//!
//! Data flows one way (see `ARCHITECTURE.md`):
//!
//! ```text
//! file bytes ─read─▶ clean text ─parse─▶ Meeting ─enrich─▶ Meeting+facets
//!     ─engine::indexer─▶ tantivy index ─engine::search─▶ SearchResults ─server─▶ JSON / HTML
//! ```
//!
//! - [`model`]: the plain data (Meeting, AgendaItem, Section); imports nothing of ours.
//! - [`read`]: bytes → clean text (encoding, BOM, line ends, NFC, PDF artefacts).
//! - [`parse`]: clean text → [`model::Meeting`]; the accepted format is documented there.
//! - [`enrich`]: kommuner, fokusområder, cited meetings, decision types.
//! - [`ingest`]: the pipeline read → parse → enrich for one file.
//! - [`analysis`]: the named Danish analyzers (tantivy tokenizer API only).
//! - [`engine`]: owns tantivy: schema, incremental indexing, search, facets, snippets.
//! - [`server`]: axum HTTP JSON API and the HTML search page.
//! - [`watch`]: `--watch`, the index kept in step with folders of referater (notify).
//! - [`generate`]: a deterministic scale corpus for benchmarks, from the seeds' paragraphs.
//! - [`cli`]: the `referat` command line (only `main` imports it).

pub mod analysis;
pub mod cli;
pub mod engine;
pub mod enrich;
pub mod error;
pub mod generate;
pub mod ingest;
pub mod model;
pub mod parse;
pub mod read;
pub mod server;
pub mod watch;

pub use error::{Error, Result};
