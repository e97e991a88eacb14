//! A set of a segment's documents as a bitset (bit `doc % 64` of word `doc / 64`), the one
//! bitset type of the search: what a search matched, which documents have a facet value, a
//! term or a phrase's every term, the routine items. Counting a value over the hits is
//! then an AND and a popcount per 64 documents.

use tantivy::DocId;

/// Documents of one segment.
#[derive(Debug, Clone)]
pub(crate) struct DocBits {
    words: Vec<u64>,
    /// How many documents are in the set.
    len: usize,
}

impl DocBits {
    /// An empty set for a segment of `max_doc` documents.
    pub fn new(max_doc: DocId) -> DocBits {
        DocBits {
            words: vec![0; (max_doc as usize).div_ceil(64)],
            len: 0,
        }
    }

    /// The set whose bit `doc % 64` of word `doc / 64` is set in `words`.
    pub fn from_words(words: Vec<u64>) -> DocBits {
        let len = words.iter().map(|word| word.count_ones() as usize).sum();
        DocBits { words, len }
    }

    /// Word `index` of the set (bit `i` = document `index * 64 + i`); 0 past the end.
    #[inline]
    pub fn word(&self, index: usize) -> u64 {
        self.words.get(index).copied().unwrap_or(0)
    }

    /// OR the set's words from word `first` into `into` (a window of the segment).
    #[inline]
    pub fn or_into(&self, first: usize, into: &mut [u64]) {
        let words = self.words.get(first..).unwrap_or_default();
        for (into, word) in into.iter_mut().zip(words) {
            *into |= word;
        }
    }

    /// Keep only the documents also in `other`.
    pub fn intersect_with(&mut self, other: &DocBits) {
        for (word, other) in self.words.iter_mut().zip(&other.words) {
            *word &= other;
        }
        self.words.truncate(other.words.len());
        self.len = self
            .words
            .iter()
            .map(|word| word.count_ones() as usize)
            .sum();
    }

    /// Add `doc` (a document past the segment's end is ignored).
    #[inline]
    pub fn insert(&mut self, doc: DocId) {
        let bit = 1u64 << (doc % 64);
        if let Some(word) = self.words.get_mut(doc as usize / 64) {
            if *word & bit == 0 {
                *word |= bit;
                self.len += 1;
            }
        }
    }

    /// Add the documents of `word` (bit `i` = document `index * 64 + i`); returns how many
    /// were new.
    pub fn add_word(&mut self, index: usize, word: u64) -> u64 {
        let Some(into) = self.words.get_mut(index) else {
            return 0;
        };
        let new = u64::from((word & !*into).count_ones());
        *into |= word;
        self.len += new as usize;
        new
    }

    /// Whether `doc` is in the set.
    #[inline]
    pub fn contains(&self, doc: DocId) -> bool {
        self.words
            .get(doc as usize / 64)
            .is_some_and(|word| word & (1u64 << (doc % 64)) != 0)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn words(&self) -> &[u64] {
        &self.words
    }

    /// How many documents are in both sets. The facet counts of a broad search call this for
    /// every facet value of every segment, so it uses the CPU's POPCNT instruction where
    /// there is one (the default x86-64 target has none and counts bits with a ~10-instruction
    /// sequence; measured at 1M items: the full page's median 21.9 → 18.8 ms).
    pub fn count_common(&self, other: &DocBits) -> u64 {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU has POPCNT, checked just above.
            return unsafe { count_common_popcnt(&self.words, &other.words) };
        }
        count_common(&self.words, &other.words)
    }

    /// The documents in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = DocId> + '_ {
        (0u32..).zip(&self.words).flat_map(|(index, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                Some(index * 64 + bit)
            })
        })
    }
}

/// A set of few documents spread over a segment: only the bitset words that hold any, with
/// their positions. Most facet values (one of 129 klynger, one of 60 months) touch well under
/// half of a segment's words; counting them against the hits reads only those.
#[derive(Debug, Clone)]
pub(crate) struct SparseBits {
    at: Vec<u32>,
    words: Vec<u64>,
}

impl SparseBits {
    /// The words of `dense` that hold documents.
    pub fn of(dense: &DocBits) -> SparseBits {
        let (at, words) = (0u32..)
            .zip(&dense.words)
            .filter(|(_, word)| **word != 0)
            .map(|(at, word)| (at, *word))
            .unzip();
        SparseBits { at, words }
    }

    /// How many words it keeps (what counting it reads).
    pub fn stored_words(&self) -> usize {
        self.words.len()
    }

    /// How many documents are in both this set and `dense`.
    pub fn count_common(&self, dense: &DocBits) -> u64 {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU has POPCNT, checked just above.
            return unsafe { count_common_sparse_popcnt(&self.at, &self.words, &dense.words) };
        }
        count_common_sparse(&self.at, &self.words, &dense.words)
    }
}

/// Set bits of `words[i] & dense[at[i]]`.
#[inline(always)]
fn count_common_sparse(at: &[u32], words: &[u64], dense: &[u64]) -> u64 {
    at.iter()
        .zip(words)
        .map(|(&at, word)| {
            let other = dense.get(at as usize).copied().unwrap_or(0);
            u64::from((word & other).count_ones())
        })
        .sum()
}

/// [`count_common_sparse`] compiled with POPCNT enabled; callers must check the CPU has it.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
unsafe fn count_common_sparse_popcnt(at: &[u32], words: &[u64], dense: &[u64]) -> u64 {
    count_common_sparse(at, words, dense)
}

/// Set bits of `a & b`, word by word.
#[inline(always)]
fn count_common(a: &[u64], b: &[u64]) -> u64 {
    a.iter()
        .zip(b)
        .map(|(a, b)| u64::from((a & b).count_ones()))
        .sum()
}

/// [`count_common`] compiled with POPCNT enabled; callers must check the CPU has it.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
unsafe fn count_common_popcnt(a: &[u64], b: &[u64]) -> u64 {
    count_common(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_lists_and_counts_its_documents_once() {
        let mut set = DocBits::new(130);
        for doc in [129, 0, 64, 63, 0, 500] {
            set.insert(doc);
        }
        assert_eq!(set.len(), 4);
        assert_eq!(set.iter().collect::<Vec<_>>(), [0, 63, 64, 129]);
        assert!(set.contains(63) && !set.contains(62) && !set.contains(500));
        let mut other = DocBits::new(130);
        [63, 129, 5].into_iter().for_each(|doc| other.insert(doc));
        assert_eq!(set.count_common(&other), 2);
    }

    #[test]
    fn a_sparse_set_counts_the_same_as_the_set_it_was_made_from() {
        let (mut few, mut many) = (DocBits::new(50_000), DocBits::new(50_000));
        [3, 64, 65, 20_000, 49_999]
            .into_iter()
            .for_each(|doc| few.insert(doc));
        (0..50_000).step_by(3).for_each(|doc| many.insert(doc));
        let sparse = SparseBits::of(&few);
        assert_eq!(sparse.stored_words(), 4);
        assert_eq!(sparse.count_common(&many), few.count_common(&many));
        // Of 3, 64, 65, 20 000 and 49 999 only 3 is a multiple of 3.
        assert_eq!(sparse.count_common(&many), 1);
        assert_eq!(SparseBits::of(&DocBits::new(50_000)).count_common(&many), 0);
    }

    #[test]
    fn the_popcnt_count_and_the_portable_one_agree_with_counting_by_hand() {
        let (mut a, mut b) = (DocBits::new(10_000), DocBits::new(10_000));
        let mut x: u32 = 12_345;
        for _ in 0..4_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            a.insert(x % 10_000);
            b.insert((x / 7) % 10_000);
        }
        let by_hand = a.iter().filter(|&doc| b.contains(doc)).count() as u64;
        assert!(by_hand > 0);
        assert_eq!(a.count_common(&b), by_hand);
        assert_eq!(count_common(a.words(), b.words()), by_hand);
    }
}
