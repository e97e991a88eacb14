//! A scale corpus for benchmarks: `referat generate` writes N agenda items as referat files
//! in the seeds' layouts, recombining the seeds' own paragraphs. Sits beside the pipeline
//! (read → parse → enrich → index) as its input, not part of it; nothing imports it but the
//! CLI and the benches.
//!
//! - Deterministic: the same seeds, `items` and `seed` give the same bytes (SplitMix64,
//!   one stream, no hash-map iteration order, no clock).
//! - Streaming: one meeting is built in memory at a time and written to its own file, in
//!   folders of 1,000 files; only the set of used (series, day) slots is kept, a few MB
//!   at a million items.
//! - Parseable: every file parses into exactly the items it was planned with, and meeting
//!   ids (forum/niveau/date) never repeat (see `catalog`).

mod catalog;
mod pool;
mod render;
mod rng;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use self::catalog::Series;
use self::pool::Pool;
use self::render::{Layout, Plan};
use self::rng::SplitMix64;

/// Items per meeting, before the last meeting takes what is left (seeds: 3 to 18).
const MIN_ITEMS: usize = 3;
const MAX_ITEMS: usize = 14;
const FILES_PER_FOLDER: usize = 1000;
/// The file in the output folder that records a finished run (hidden: the indexer skips it).
pub const MANIFEST: &str = ".referat-generate.json";

/// Errors from generating a corpus.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("cannot use `{path}`: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the output folder `{0}` is not empty; give a new or empty folder")]
    NotEmpty(PathBuf),
    #[error("no referat files (.txt, .md) in the seeds folder `{0}`")]
    NoSeeds(PathBuf),
    #[error("the seeds hold no {0} to recombine")]
    ThinSeeds(String),
    #[error("`items` must be at least 1")]
    NoItems,
    #[error("no free meeting slot left after {0} meetings")]
    OutOfSlots(usize),
}

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub out: PathBuf,
    pub items: usize,
    pub seed: u64,
}

/// What a run wrote; also the manifest saved in the output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub seed: u64,
    pub items: usize,
    pub meetings: usize,
    pub bytes: u64,
    /// Forums beyond the real ones, added so meeting ids stay unique (see `catalog`).
    pub working_groups: usize,
    #[serde(skip)]
    pub took: Duration,
}

/// The folder of the seed referater shipped with the crate.
pub fn default_seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// The texts of the referat files in `dir`, in file-name order (so runs repeat).
pub fn read_seed_texts(dir: &Path) -> Result<Vec<String>, GenerateError> {
    let io = |source| GenerateError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            let ext = path.extension().and_then(|ext| ext.to_str());
            matches!(ext, Some("txt" | "md"))
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(GenerateError::NoSeeds(dir.to_owned()));
    }
    paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).map_err(|source| GenerateError::Io {
                path: path.clone(),
                source,
            })?;
            Ok(String::from_utf8_lossy(&bytes).replace("\r\n", "\n"))
        })
        .collect()
}

/// Generate the corpus described by `options` from the seed texts, calling `progress`
/// after each file with the items written so far.
pub fn generate(
    seeds: &[String],
    options: &Options,
    progress: &mut dyn FnMut(&Summary),
) -> Result<Summary, GenerateError> {
    let started = Instant::now();
    if options.items == 0 {
        return Err(GenerateError::NoItems);
    }
    let pool = Pool::harvest(seeds)?;
    prepare_out(&options.out)?;
    let mut slots = Slots::new(options.items);
    let mut rng = SplitMix64::new(options.seed);
    let mut summary = Summary {
        seed: options.seed,
        working_groups: slots.working_groups,
        ..Summary::default()
    };
    while summary.items < options.items {
        let left = options.items - summary.items;
        let items = rng.between(MIN_ITEMS, MAX_ITEMS).min(left);
        let (series, date) = slots
            .take(&mut rng)
            .ok_or(GenerateError::OutOfSlots(summary.meetings))?;
        let mut content_rng = SplitMix64::derive(options.seed, summary.meetings as u64);
        let plan = Plan {
            series,
            date,
            items,
            layout: Layout::for_series(series, &mut content_rng),
        };
        let text = render::render(&plan, &pool, &mut content_rng);
        write_meeting(&options.out, summary.meetings, &plan, &text)?;
        summary.items += items;
        summary.meetings += 1;
        summary.bytes += text.len() as u64;
        summary.took = started.elapsed();
        progress(&summary);
    }
    write_manifest(&options.out, &summary)?;
    Ok(summary)
}

/// The manifest of a finished run in `out`, if there is one.
pub fn read_manifest(out: &Path) -> Option<Summary> {
    let text = std::fs::read_to_string(out.join(MANIFEST)).ok()?;
    serde_json::from_str(&text).ok()
}

fn prepare_out(out: &Path) -> Result<(), GenerateError> {
    let io = |source| GenerateError::Io {
        path: out.to_owned(),
        source,
    };
    std::fs::create_dir_all(out).map_err(io)?;
    if std::fs::read_dir(out).map_err(io)?.next().is_some() {
        return Err(GenerateError::NotEmpty(out.to_owned()));
    }
    Ok(())
}

/// `out/0012/0012345_sundhedsklynge-fyn_2024-03-05.md`
fn write_meeting(out: &Path, index: usize, plan: &Plan, text: &str) -> Result<(), GenerateError> {
    let folder = out.join(format!("{:04}", index / FILES_PER_FOLDER));
    if index % FILES_PER_FOLDER == 0 {
        std::fs::create_dir_all(&folder).map_err(|source| GenerateError::Io {
            path: folder.clone(),
            source,
        })?;
    }
    let name = format!(
        "{index:07}_{}_{}_{}.{}",
        crate::model::slug(&plan.series.forum),
        plan.series.niveau.slug(),
        plan.date.format("%Y-%m-%d"),
        plan.layout.extension()
    );
    let path = folder.join(name);
    std::fs::write(&path, text).map_err(|source| GenerateError::Io { path, source })
}

fn write_manifest(out: &Path, summary: &Summary) -> Result<(), GenerateError> {
    let path = out.join(MANIFEST);
    let json = serde_json::to_string_pretty(summary).unwrap_or_default();
    std::fs::write(&path, json).map_err(|source| GenerateError::Io { path, source })
}

/// The (series, weekday) slots meetings are drawn from, each used once.
struct Slots {
    series: Vec<Series>,
    days: Vec<chrono::NaiveDate>,
    used: HashSet<(usize, usize)>,
    working_groups: usize,
}

impl Slots {
    /// Enough working groups that even meetings of `MIN_ITEMS` each could never run out
    /// of slots; the real forums alone serve corpora up to ~40,000 items.
    fn new(items: usize) -> Slots {
        let days = catalog::weekdays();
        let most_meetings = items.div_ceil(MIN_ITEMS) + 1;
        let real = catalog::capacity(&catalog::series(0), &days);
        let working_groups = most_meetings
            .saturating_sub(real)
            .div_ceil(days.len().max(1));
        Slots {
            series: catalog::series(working_groups),
            days,
            used: HashSet::new(),
            working_groups,
        }
    }

    /// A random unused slot: a random day, then a random series meeting that year; when
    /// that day is full, the next day with a free series.
    fn take(&mut self, rng: &mut SplitMix64) -> Option<(&Series, chrono::NaiveDate)> {
        let start = rng.below(self.days.len());
        let pick = rng.next_u64() as usize;
        for offset in 0..self.days.len() {
            let day_index = (start + offset) % self.days.len();
            let year = chrono::Datelike::year(&self.days[day_index]);
            let free: Vec<usize> = (0..self.series.len())
                .filter(|&s| self.series[s].meets_in(year) && !self.used.contains(&(s, day_index)))
                .collect();
            if let Some(&series) = free.get(pick % free.len().max(1)) {
                self.used.insert((series, day_index));
                return Some((&self.series[series], self.days[day_index]));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
