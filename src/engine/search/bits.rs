//! A set of a segment's documents as a bitset (bit `doc % 64` of word `doc / 64`): what a
//! search matched, and which documents have a facet value. Counting a value over the hits is
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

    /// How many documents are in both sets.
    pub fn count_common(&self, other: &DocBits) -> u64 {
        self.words
            .iter()
            .zip(&other.words)
            .map(|(a, b)| u64::from((a & b).count_ones()))
            .sum()
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
}
