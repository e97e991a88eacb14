//! What searches keep per segment, below both the collector ([`super::collect`]) and the
//! fast paths ([`super::fast`]): facet ordinals ([`ords`]), the date/routine/number columns
//! ([`columns`]) and broad terms' document bitsets ([`termdocs`]), all as [`DocBits`], the
//! one bitset type ([`bits`]).
//!
//! One rule for all three: an entry is built on first use, outside the lock (two searches
//! may build the same entry once; the second replaces the first), and lives as long as its
//! segment is searched ([`SegmentCache::keep_only`], called at the start of every search,
//! drops the segments merged or deleted away). An entry that would take its map past its
//! byte budget is not kept: the search that built it uses it and drops it.
//!
//! Memory bound: facet ordinals and columns are not capped, since every search needs them
//! and they are proportional to the index (per segment about 8 bytes per document per facet
//! plus each value's bitset, and 16 bytes per document for the columns: ~150 MB at 1M
//! items); term bitsets are capped at [`termdocs::CACHE_BYTES`] (256 MB).

use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tantivy::index::SegmentId;
use tantivy::Searcher;

pub(crate) use self::bits::DocBits;
pub(crate) use self::columns::DocColumns;
pub(crate) use self::ords::DocOrds;
pub(crate) use self::termdocs::{norms, TermCache, TermDocs, WINDOW};

mod bits;
mod columns;
mod ords;
mod termdocs;

/// Every per-segment structure searches share.
#[derive(Debug, Default)]
pub(crate) struct SegmentCache {
    /// Per (segment, facet or number column key).
    ords: PerSegment<&'static str, DocOrds>,
    columns: PerSegment<(), DocColumns>,
    pub terms: TermCache,
}

impl SegmentCache {
    /// The ordinals of `facet` in `segment`, built by `build` on first use.
    pub fn ords(
        &self,
        segment: SegmentId,
        facet: &'static str,
        build: impl FnOnce() -> DocOrds,
    ) -> Arc<DocOrds> {
        self.ords
            .get_or_build(segment, facet, || with_bytes(build(), DocOrds::bytes))
    }

    /// The date, routine and number columns of `segment`, built by `build` on first use.
    pub fn columns(
        &self,
        segment: SegmentId,
        build: impl FnOnce() -> DocColumns,
    ) -> Arc<DocColumns> {
        self.columns
            .get_or_build(segment, (), || with_bytes(build(), DocColumns::bytes))
    }

    /// Forget what belongs to segments `searcher` no longer holds.
    pub fn keep_only(&self, searcher: &Searcher) {
        let live: HashSet<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.segment_id())
            .collect();
        self.ords.keep_only(&live);
        self.columns.keep_only(&live);
        self.terms.keep_only(&live);
    }
}

fn with_bytes<V>(value: V, bytes: fn(&V) -> usize) -> (V, usize) {
    let size = bytes(&value);
    (value, size)
}

/// Values per (segment, key) with their sizes, within a byte budget (see the module doc).
pub(crate) struct PerSegment<K, V> {
    entries: Mutex<Entries<K, V>>,
    budget: usize,
}

/// The entries with their sizes, and the sum of the sizes.
type Entries<K, V> = (HashMap<(SegmentId, K), (Arc<V>, usize)>, usize);

impl<K, V> Default for PerSegment<K, V> {
    fn default() -> Self {
        PerSegment::with_budget(usize::MAX)
    }
}

impl<K, V> std::fmt::Debug for PerSegment<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (map, bytes) = &*self.lock();
        write!(f, "PerSegment({} entries, {bytes} bytes)", map.len())
    }
}

impl<K, V> PerSegment<K, V> {
    pub fn with_budget(budget: usize) -> Self {
        PerSegment {
            entries: Mutex::new((HashMap::new(), 0)),
            budget,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Entries<K, V>> {
        // Entries are inserted whole: a panic elsewhere leaves the map consistent.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<K: Eq + Hash, V> PerSegment<K, V> {
    /// The entry for `(segment, key)`, when kept.
    pub fn get(&self, segment: SegmentId, key: &K) -> Option<Arc<V>>
    where
        K: Clone,
    {
        let map = &self.lock().0;
        map.get(&(segment, key.clone()))
            .map(|(value, _)| Arc::clone(value))
    }

    /// Keep `value` (of `bytes`) for `(segment, key)`, replacing what was there, unless
    /// that would pass the budget.
    pub fn insert(&self, segment: SegmentId, key: K, value: &Arc<V>, bytes: usize) {
        let (map, total) = &mut *self.lock();
        let slot = (segment, key);
        if let Some((_, old)) = map.remove(&slot) {
            *total -= old;
        }
        if total.saturating_add(bytes) <= self.budget {
            *total += bytes;
            map.insert(slot, (Arc::clone(value), bytes));
        }
    }

    /// The entry for `(segment, key)`, built by `build` (value and size) when missing.
    fn get_or_build(&self, segment: SegmentId, key: K, build: impl FnOnce() -> (V, usize)) -> Arc<V>
    where
        K: Clone,
    {
        if let Some(value) = self.get(segment, &key) {
            return value;
        }
        let (value, bytes) = build();
        let value = Arc::new(value);
        self.insert(segment, key, &value, bytes);
        value
    }

    /// Drop the entries of segments not in `live`.
    pub fn keep_only(&self, live: &HashSet<SegmentId>) {
        let (map, total) = &mut *self.lock();
        map.retain(|(segment, _), (_, bytes)| {
            let keep = live.contains(segment);
            if !keep {
                *total -= *bytes;
            }
            keep
        });
    }
}
