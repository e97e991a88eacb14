//! The search engine: owns tantivy. Synchronous, knows nothing of HTTP.
//!
//! - `schema`: fields and how each is analyzed.
//! - `indexer`: files → documents; incremental (by source hash) and atomic (one commit).
//! - `directory`: the index folder (read-only tolerant; refuses folders of other files).
//! - `integrity`: every open checks the committed files (present, checksums, `max_doc`) and
//!   refuses a damaged index naming the file.
//! - `lookup`: stored items and meetings by id, meeting lists; `filter`: facet filters as
//!   tantivy queries.
//! - `query`: the user query language → an AST (pure, no tantivy) and how it was read.
//! - `search`: AST + filters → hits, snippets, facet counts, histograms.
//!
//! (Owner: engine. The types below are the contract with `server`, `cli` and tests.)

mod directory;
pub mod document;
pub mod filter;
pub mod indexer;
mod integrity;
mod lookup;
mod people;
pub mod query;
pub mod schema;
mod search;

pub use integrity::{is_damage, verify_dir, Check};
pub use people::{present_names, Person};
pub use search::Recall;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{AgendaItem, Meeting, SectionKind};

/// The facets a search can filter on and count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacetName {
    Klynge,
    /// The forum's full name ("Sundhedsklynge Sydvestjylland", "Aarhus Byråd").
    Forum,
    Niveau,
    Kommune,
    Fokusomraade,
    Beslutningstype,
    Aar,
    /// A person present at the item's meeting (the name as written; absent people are not).
    Person,
}

impl FacetName {
    pub const ALL: [FacetName; 8] = [
        FacetName::Klynge,
        FacetName::Forum,
        FacetName::Niveau,
        FacetName::Kommune,
        FacetName::Fokusomraade,
        FacetName::Beslutningstype,
        FacetName::Aar,
        FacetName::Person,
    ];

    /// Parameter name in URLs and flags: `klynge`, `forum`, `niveau`, `kommune`, `fokusomraade`,
    /// `beslutningstype`, `aar`, `person`.
    pub fn key(self) -> &'static str {
        match self {
            FacetName::Klynge => "klynge",
            FacetName::Forum => "forum",
            FacetName::Niveau => "niveau",
            FacetName::Kommune => "kommune",
            FacetName::Fokusomraade => "fokusomraade",
            FacetName::Beslutningstype => "beslutningstype",
            FacetName::Aar => "aar",
            FacetName::Person => "person",
        }
    }

    pub fn from_key(key: &str) -> Option<FacetName> {
        FacetName::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// Facet filters: values of one facet are OR'ed, different facets AND'ed.
/// Values are the facet values as counted (e.g. kommune "Esbjerg", niveau "Politisk niveau",
/// aar "2024"); matching is case-insensitive and accepts the ASCII-folded spelling
/// ("Fanoe", "Sonderjylland").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    pub facets: Vec<(FacetName, Vec<String>)>,
    /// Inclusive date range on the meeting date.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best first; ties newest first.
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// One search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// The user's query in referat's query language; empty means "everything".
    pub query: String,
    pub filters: Filters,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
    /// Compute highlighted snippets for the hits.
    pub snippets: bool,
    /// Compute facet counts and the year/month histogram.
    pub facets: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            filters: Filters::default(),
            sort: Sort::Relevance,
            offset: 0,
            limit: 10,
            snippets: true,
            facets: true,
        }
    }
}

/// A highlighted passage: HTML-escaped text with `<mark>` around matches, nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// The section the passage came from (`title` is not a section: its snippet uses Tekst
    /// with `label` "Titel").
    pub section: SectionKind,
    /// "Beslutning", "Resumé", "Titel", …
    pub label: String,
    pub html: String,
}

/// One matching agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// `sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11/punkt-3`
    pub id: String,
    pub meeting_id: String,
    /// "Sundhedsklynge Sydvestjylland"
    pub forum: String,
    pub klynge: String,
    /// Label: "Politisk niveau"
    pub niveau: String,
    pub dato: NaiveDate,
    pub number: u32,
    pub title: String,
    pub score: f32,
    pub snippets: Vec<Snippet>,
    pub kommuner: Vec<String>,
    pub fokusomraader: Vec<String>,
    pub beslutningstyper: Vec<String>,
}

/// A facet value and how many hits have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Counts for one facet, most frequent first (aar: by year ascending).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCounts {
    pub facet: FacetName,
    pub values: Vec<FacetCount>,
}

/// Hits per period for "across the years" charts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Histogram {
    /// (year, hits), ascending, only years with hits.
    pub years: Vec<(i32, u64)>,
    /// ("2024-11", hits), ascending, only months with hits.
    pub months: Vec<(String, u64)>,
}

/// How the query was read, so a person can see what was searched.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryInterpretation {
    /// The query as understood, in the query language: `lægedækning -pause titel:"kom trygt hjem"`.
    pub normalized: String,
    /// Human notes: "`Punkt 2:` read as words, not as a field", "unknown field `foo`", …
    pub notes: Vec<String>,
    /// Terms expanded from synonyms or abbreviations ("PLO" → "praktiserende lægers organisation").
    pub expansions: Vec<String>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub total: u64,
    pub hits: Vec<Hit>,
    /// Disjunctive counts: a facet's counts ignore that facet's own filter. Empty when
    /// `facets` was not asked for.
    pub facets: Vec<FacetCounts>,
    pub histogram: Histogram,
    pub interpretation: QueryInterpretation,
    /// A likely spelling when the query found little or nothing.
    pub did_you_mean: Option<String>,
    pub took_micros: u64,
}

/// A short reference to an item, for "cited by" lists and a meeting's agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRef {
    pub id: String,
    pub meeting_id: String,
    pub forum: String,
    pub niveau: String,
    pub dato: NaiveDate,
    pub number: u32,
    pub title: String,
}

/// An item as stored: the whole item, its meeting (header and agenda), the earlier meetings
/// it cites that are in the index, and the later items whose text cites its meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredItem {
    pub id: String,
    pub meeting: MeetingSummary,
    pub item: AgendaItem,
    /// The meeting's other items, in order.
    pub agenda: Vec<ItemRef>,
    /// Indexed meetings (of any forum) held on a date this item cites.
    pub cites: Vec<MeetingSummary>,
    /// Later items that cite this item's meeting date.
    pub cited_by: Vec<ItemRef>,
}

/// A completion for a search box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// What to put in the box.
    pub text: String,
    /// `term` (a word of the index) or `title` (an item title).
    pub kind: String,
    /// For titles: the item id.
    pub item_id: Option<String>,
}

/// A meeting in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub id: String,
    pub title: String,
    pub forum: String,
    pub klynge: String,
    pub niveau: String,
    pub dato: NaiveDate,
    pub place: Option<String>,
    pub item_count: usize,
}

/// What `engine::indexer::index_paths` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexSummary {
    pub files_seen: usize,
    pub files_added: usize,
    pub files_replaced: usize,
    pub files_unchanged: usize,
    pub files_removed: usize,
    /// Items in the index after the run (all of them, not only this run's).
    pub items_indexed: usize,
    /// (path, one-line reason) for each file that could not be indexed.
    pub skipped: Vec<(String, String)>,
    pub took_millis: u64,
    /// The index had been built by another referat version (another tantivy schema) and was
    /// rebuilt from scratch in a sibling folder, then swapped in.
    #[serde(default)]
    pub rebuilt: bool,
    /// What the run repaired or noticed beyond the files (orphan files removed from the
    /// index folder, a merge that failed after the commit), one line each.
    #[serde(default)]
    pub notes: Vec<String>,
    /// A merge after the commit failed (a full disk, …): the commit is complete and
    /// searchable, its segments are merged by a later run. `referat index` exits 1.
    #[serde(default)]
    pub merge_failed: bool,
}

/// An open index, ready to search. Cheap to share behind an `Arc`; every method takes
/// `&self` and sees the latest committed state (the reader reloads on commit by itself).
pub struct Engine {
    pub(crate) dir: PathBuf,
    pub(crate) index: tantivy::Index,
    pub(crate) reader: tantivy::IndexReader,
    pub(crate) fields: schema::Fields,
    /// Abbreviations and their long forms, expanded at query time.
    pub(crate) synonyms: std::sync::Arc<crate::analysis::Synonyms>,
    /// Facet ordinals, columns and term bitsets per segment, built by the first search that
    /// reads them (see `search::segment_cache`).
    pub(crate) segment_cache: std::sync::Arc<search::SegmentCache>,
}

impl Engine {
    /// Open the index in `dir`, creating an empty one if the folder is empty or missing.
    /// Registers the analyzers (tantivy does not persist custom tokenizers). Needs no write
    /// access when the index exists; refuses a folder that holds other files, and a damaged
    /// index ([`Error::Damaged`], after reading every file once: see `integrity`).
    pub fn open(dir: &Path) -> Result<Engine> {
        let (index, fields) = open_index(dir)?;
        let started = std::time::Instant::now();
        integrity::verify(&index, dir, Check::Full)?;
        let millis = started.elapsed().as_millis();
        tracing::debug!(millis, index = %dir.display(), "checked the index's files");
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Engine {
            dir: dir.to_owned(),
            index,
            reader,
            fields,
            synonyms: std::sync::Arc::new(crate::analysis::Synonyms::builtin()),
            segment_cache: Default::default(),
        })
    }

    /// Use `synonyms` (e.g. a user's edited `data/synonyms.txt`) instead of the built-in
    /// list. Synonyms apply at query time: no re-indexing needed.
    pub fn with_synonyms(mut self, synonyms: crate::analysis::Synonyms) -> Engine {
        self.synonyms = std::sync::Arc::new(synonyms);
        self
    }

    /// The folder this index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Run a search. See [`SearchRequest`] and `engine::query` for the query language.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        search::run(self, request)
    }

    /// Run a search with a chosen recall (the relevance test compares [`Recall::Full`] with
    /// the plain-stemming baseline [`Recall::StemOnly`]).
    pub fn search_with(&self, request: &SearchRequest, recall: Recall) -> Result<SearchResults> {
        search::run_with(self, request, recall)
    }

    /// Completions for `prefix` (terms and item titles), best first.
    pub fn suggest(&self, prefix: &str, limit: usize) -> Result<Vec<Suggestion>> {
        search::suggest(self, prefix, limit)
    }

    /// The item with this id, if indexed.
    pub fn item(&self, id: &str) -> Result<Option<StoredItem>> {
        lookup::item(self, id)
    }

    /// The whole meeting with this id, if indexed.
    pub fn meeting(&self, id: &str) -> Result<Option<Meeting>> {
        lookup::meeting(self, id)
    }

    /// All meetings, newest first, optionally filtered.
    pub fn meetings(&self, filters: &Filters) -> Result<Vec<MeetingSummary>> {
        lookup::meetings(self, filters)
    }

    /// Every participant of the indexed meetings, by name.
    pub fn people(&self) -> Result<Vec<Person>> {
        people::people(self)
    }

    /// The person with this id (`bo-libergren`), if any meeting lists them.
    pub fn person(&self, id: &str) -> Result<Option<Person>> {
        people::person(self, id)
    }

    /// A short fingerprint of the committed state the reader currently sees: it changes with
    /// every commit that adds, replaces or deletes documents (segment ids and their delete
    /// opstamps), and stays equal across restarts while the index is unchanged. The server
    /// uses it in ETags so no cached answer outlives a re-index.
    pub fn state_fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let searcher = self.reader.searcher();
        let mut hasher = Sha256::new();
        for (segment, delete_opstamp) in searcher.generation().segments() {
            hasher.update(segment.uuid_string().as_bytes());
            hasher.update(delete_opstamp.unwrap_or(u64::MAX).to_le_bytes());
        }
        let digest = hasher.finalize();
        digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }

    /// Check the index's committed files again (`/health` runs [`Check::Structure`]).
    pub fn verify(&self, check: Check) -> Result<()> {
        integrity::verify(&self.index, &self.dir, check)
    }

    /// Number of indexed items in the latest committed state.
    pub fn item_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}

/// Open (or create, in an empty folder) the tantivy index in `dir`, analyzers registered.
pub(crate) fn open_index(dir: &Path) -> Result<(tantivy::Index, schema::Fields)> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.to_owned(),
        source,
    })?;
    directory::ensure_index_or_empty(dir)?;
    let (schema, fields) = schema::build();
    let index = match tantivy::Index::open_or_create(
        directory::open_expecting(dir, schema.clone())?,
        schema,
    ) {
        // Built by another referat version (or not by referat): say what to run.
        Err(tantivy::TantivyError::SchemaError(_)) => {
            return Err(indexer::rebuild::schema_error(dir))
        }
        other => other?,
    };
    // Cheap, and `referat index` then names the file at fault instead of failing inside.
    integrity::verify(&index, dir, Check::Structure)?;
    crate::analysis::register(index.tokenizers());
    Ok((index, fields))
}
