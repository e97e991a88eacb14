//! Facet ordinals of a segment as plain arrays and per-value bitsets, built once per segment
//! and shared (through [`super::SegmentCache`]) by every search that counts facets over it.
//!
//! Reading a document's ordinals through tantivy's columns (optional or multi-valued index,
//! then bit-unpacking behind a trait object) cost ~200 instructions per facet per document,
//! and the search page counts six facets over every hit. From these arrays it is a slice
//! look-up; and when a search matches a large share of a segment, counting is cheaper still
//! from the other side: each value's documents as a bitset, AND-ed with the matched set and
//! popcounted (a few hundred values × max_doc/64 words, whatever the number of hits).
//! Segments are immutable, so the arrays stay valid for the segment's lifetime.

use tantivy::columnar::{Column, StrColumn};
use tantivy::DocId;

use super::bits::{DocBits, SparseBits};

/// Per-document work of counting one document's values through [`DocOrds::of`], in units of
/// one AND+popcount of a bitset word: decides which way [`DocOrds::count`] goes.
const DOC_COST_IN_WORDS: usize = 8;

/// One facet's ordinals for every document of one segment.
#[derive(Debug)]
pub(crate) struct DocOrds {
    /// `ords[offsets[doc]..offsets[doc + 1]]` are the ordinals of `doc`.
    offsets: Vec<u32>,
    ords: Vec<u32>,
    /// Every ordinal that occurs, with its documents.
    bits: Vec<(u32, ValueDocs)>,
    /// How many bitset words counting every value reads.
    value_words: usize,
    /// For a number column: the value of each ordinal (ascending); empty for text.
    pub keys: Vec<u64>,
    /// For a text column: the string of each ordinal, read once from the column's
    /// dictionary. Its blocks are zstd-compressed and tantivy makes a new decompression
    /// context per block read (~100 KB zeroed), so naming ordinals through the column on every
    /// search cost more than the whole count at 1M items.
    pub names: Vec<String>,
}

impl DocOrds {
    /// The ordinals of a text column (its dictionary's term ordinals).
    pub fn of_text(column: &StrColumn, max_doc: DocId) -> DocOrds {
        // A dictionary has far fewer than 2^32 values; a bigger ordinal cannot occur.
        let mut built = DocOrds::build(max_doc, |doc, out| {
            out.extend(
                column
                    .term_ords(doc)
                    .filter_map(|ord| u32::try_from(ord).ok()),
            );
        });
        built.names = dictionary_names(column);
        built
    }

    /// The ordinals of a number column: the index of each value among its distinct values.
    pub fn of_numbers(column: &Column<u64>, max_doc: DocId) -> DocOrds {
        let mut keys: Vec<u64> = (0..max_doc)
            .flat_map(|doc| column.values_for_doc(doc))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let ords_of = |doc, out: &mut Vec<u32>| {
            for value in column.values_for_doc(doc) {
                let ord = keys.binary_search(&value).ok();
                out.extend(ord.and_then(|ord| u32::try_from(ord).ok()));
            }
        };
        let mut built = DocOrds::build(max_doc, ords_of);
        built.keys = keys;
        built
    }

    fn build(max_doc: DocId, ords_of: impl Fn(DocId, &mut Vec<u32>)) -> DocOrds {
        let mut offsets = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::with_capacity(max_doc as usize);
        let mut bits: Vec<Option<DocBits>> = Vec::new();
        offsets.push(0);
        for doc in 0..max_doc {
            let from = ords.len();
            ords_of(doc, &mut ords);
            for &ord in ords.get(from..).unwrap_or_default() {
                let ord = ord as usize;
                if bits.len() <= ord {
                    bits.resize_with(ord + 1, || None);
                }
                if let Some(slot) = bits.get_mut(ord) {
                    slot.get_or_insert_with(|| DocBits::new(max_doc))
                        .insert(doc);
                }
            }
            offsets.push(u32::try_from(ords.len()).unwrap_or(u32::MAX));
        }
        let bits: Vec<(u32, ValueDocs)> = (0u32..)
            .zip(bits)
            .filter_map(|(ord, docs)| Some((ord, ValueDocs::of(docs?))))
            .collect();
        DocOrds {
            offsets,
            ords,
            value_words: bits.iter().map(|(_, docs)| docs.stored_words()).sum(),
            bits,
            keys: Vec::new(),
            names: Vec::new(),
        }
    }

    /// Roughly what the arrays hold, in bytes (for the cache's accounting).
    pub fn bytes(&self) -> usize {
        let names: usize = self.names.iter().map(String::len).sum();
        (self.offsets.len() + self.ords.len()) * 4
            + self.value_words * 8
            + self.keys.len() * 8
            + names
    }

    /// The ordinals of `doc` (none for a document past the segment's end).
    #[inline]
    pub fn of(&self, doc: DocId) -> &[u32] {
        let doc = doc as usize;
        let (Some(&from), Some(&to)) = (self.offsets.get(doc), self.offsets.get(doc + 1)) else {
            return &[];
        };
        self.ords
            .get(from as usize..to as usize)
            .unwrap_or_default()
    }

    /// Add to `counts[ord]` how many documents of `docs` have ordinal `ord`: per document
    /// for a few documents, per value (bitset AND + popcount) for many.
    pub fn count(&self, docs: &DocBits, counts: &mut [u64]) {
        let per_value = self.value_words;
        if docs.len().saturating_mul(DOC_COST_IN_WORDS) >= per_value {
            for (ord, value_docs) in &self.bits {
                if let Some(slot) = counts.get_mut(*ord as usize) {
                    *slot += value_docs.count_common(docs);
                }
            }
            return;
        }
        for doc in docs.iter() {
            for &ord in self.of(doc) {
                if let Some(slot) = counts.get_mut(ord as usize) {
                    *slot += 1;
                }
            }
        }
    }
}

/// One value's documents: a whole bitset when they touch most of its words, else only the
/// words they touch (a rare value then costs little to count).
#[derive(Debug)]
enum ValueDocs {
    Dense(DocBits),
    Sparse(SparseBits),
}

impl ValueDocs {
    fn of(docs: DocBits) -> ValueDocs {
        let sparse = SparseBits::of(&docs);
        // A sparse word costs about twice a dense one (its position is read too).
        if sparse.stored_words().saturating_mul(2) < docs.words().len() {
            ValueDocs::Sparse(sparse)
        } else {
            ValueDocs::Dense(docs)
        }
    }

    fn stored_words(&self) -> usize {
        match self {
            ValueDocs::Dense(docs) => docs.words().len(),
            ValueDocs::Sparse(sparse) => sparse.stored_words(),
        }
    }

    fn count_common(&self, hits: &DocBits) -> u64 {
        match self {
            ValueDocs::Dense(docs) => docs.count_common(hits),
            ValueDocs::Sparse(sparse) => sparse.count_common(hits),
        }
    }
}

/// Every value of a text column's dictionary, in ordinal order (one sequential read).
fn dictionary_names(column: &StrColumn) -> Vec<String> {
    let mut names = Vec::new();
    let Ok(mut stream) = column.dictionary().stream() else {
        return names;
    };
    while stream.advance() {
        let ord = usize::try_from(stream.term_ord()).unwrap_or(usize::MAX);
        if names.len() < ord {
            names.resize(ord, String::new());
        }
        names.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    /// doc 0: [2], doc 1: none, doc 2: [0, 3], doc 3..200: [3]
    fn sample() -> DocOrds {
        DocOrds::build(200, |doc, out| match doc {
            0 => out.push(2),
            1 => {}
            2 => out.extend([0, 3]),
            _ => out.push(3),
        })
    }

    #[test]
    fn each_document_reads_its_own_ordinals_and_none_past_the_end() {
        let ords = sample();
        assert_eq!(ords.of(0), [2]);
        assert!(ords.of(1).is_empty());
        assert_eq!(ords.of(2), [0, 3]);
        assert_eq!(ords.of(199), [3]);
        assert!(ords.of(200).is_empty());
        assert!(ords.of(u32::MAX).is_empty());
    }

    #[test]
    fn few_and_many_documents_count_the_same_values() {
        let ords = sample();
        let mut few = DocBits::new(200);
        [0, 2, 150].into_iter().for_each(|doc| few.insert(doc));
        let mut counts = vec![0; 4];
        ords.count(&few, &mut counts);
        assert_eq!(counts, [1, 0, 1, 2]);

        let mut all = DocBits::new(200);
        (0..200).for_each(|doc| all.insert(doc));
        let mut counts = vec![0; 4];
        ords.count(&all, &mut counts);
        assert_eq!(counts, [1, 0, 1, 198]);
    }
}
