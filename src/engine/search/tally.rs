//! Counting small integer keys (years, `year*100+month`) over every hit of a search without
//! hashing per document: a segment's fast-field column knows its smallest and largest value,
//! so the counts fit a dense array indexed from the smallest. Columns with a wide range (not
//! produced by the indexer, but possible in principle) fall back to a map.

use std::collections::BTreeMap;

/// Widest key range counted in an array (a few KB); wider ranges use a map.
const DENSE_RANGE: u64 = 4096;

/// Counts of keys within a known range.
#[derive(Debug)]
pub(crate) struct Tally {
    base: u64,
    dense: Vec<u64>,
    sparse: BTreeMap<u64, u64>,
}

impl Tally {
    /// A tally for keys expected between `min` and `max` (others are still counted).
    pub fn for_range(min: u64, max: u64) -> Tally {
        let width = max.saturating_sub(min).saturating_add(1);
        let dense = if width <= DENSE_RANGE {
            vec![0; usize::try_from(width).unwrap_or(0)]
        } else {
            Vec::new()
        };
        Tally {
            base: min,
            dense,
            sparse: BTreeMap::new(),
        }
    }

    pub fn add(&mut self, key: u64) {
        let slot = key
            .checked_sub(self.base)
            .and_then(|offset| usize::try_from(offset).ok())
            .and_then(|offset| self.dense.get_mut(offset));
        match slot {
            Some(count) => *count += 1,
            None => *self.sparse.entry(key).or_default() += 1,
        }
    }

    /// Every key counted at least once, with its count.
    pub fn counts(&self) -> BTreeMap<u64, u64> {
        let mut out = self.sparse.clone();
        for (offset, count) in (0u64..).zip(&self.dense) {
            if *count > 0 {
                *out.entry(self.base + offset).or_default() += count;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_and_out_of_the_range_are_all_counted() {
        let mut tally = Tally::for_range(2022, 2026);
        for key in [2022, 2026, 2024, 2024, 1999, 3000, 2022] {
            tally.add(key);
        }
        let counts: Vec<(u64, u64)> = tally.counts().into_iter().collect();
        assert_eq!(
            counts,
            [(1999, 1), (2022, 2), (2024, 2), (2026, 1), (3000, 1)]
        );
    }

    #[test]
    fn a_wide_range_counts_the_same_without_an_array() {
        let mut tally = Tally::for_range(0, u64::MAX);
        tally.add(5);
        tally.add(u64::MAX);
        tally.add(5);
        assert!(tally.dense.is_empty());
        assert_eq!(
            tally.counts().into_iter().collect::<Vec<_>>(),
            [(5, 2), (u64::MAX, 1)]
        );
    }
}
