//! The fixture the fast-path tests share: a generated index of ~4,800 items in three
//! segments with deleted items, and a comparison of a fast path with tantivy's own scorers
//! (total, hits with bit-identical scores, facet counts, histogram).

use tantivy::{IndexWriter, Term};

use super::super::collect::Found;
use super::super::plan::{Mode, Plan};
use super::super::{build, execute, gather_for, synonyms_of, Recall};
use super::*;
use crate::engine::query;

/// A small deterministic generator (the tests must not depend on a crate's sequence).
pub(super) struct Lcg(pub u64);

impl Lcg {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// What a test's generated corpus looks like.
pub(super) struct Corpus {
    pub seed: u64,
    /// `min + below(spread)` words of the test's vocabulary.
    pub text: fn(&mut Lcg, u64, u64) -> String,
    /// The first item's title, when it must be fixed (e.g. a routine item).
    pub first_title: Option<&'static str>,
    /// Text of the items that are deleted; every one holds the word `slettes`.
    pub deleted: &'static str,
}

impl Corpus {
    /// The `n`th generated meeting: 8 items, klynge and date from `n`.
    pub fn meeting(&self, n: u64, rng: &mut Lcg) -> Meeting {
        use SectionKind::*;
        let text = self.text;
        let items = (1..=8)
            .map(|number| {
                let title = match (number, self.first_title) {
                    (1, Some(title)) => title.to_owned(),
                    _ => text(rng, 1, 4),
                };
                let mut sections = vec![section(Sagsfremstilling, &text(rng, 5, 60))];
                if rng.below(3) == 0 {
                    sections.push(section(Beslutning, &text(rng, 1, 8)));
                }
                if rng.below(4) == 0 {
                    sections.push(section(Resume, &text(rng, 3, 15)));
                }
                if n % 7 == 0 && number == 2 {
                    sections.push(section(Tekst, self.deleted));
                }
                item(number, &title, sections, Enrichment::default())
            })
            .collect();
        let klynge = ["Sydvestjylland", "Sønderjylland", "Lillebælt"][(n % 3) as usize];
        let dato = format!("{}-{:02}-{:02}", 2021 + n % 5, 1 + n % 12, 1 + n % 28);
        meeting(
            &format!("Sundhedsklynge {klynge}"),
            klynge,
            Niveau::Politisk,
            &dato,
            items,
        )
    }

    /// About 4,800 items in three segments, the ones holding `slettes` deleted.
    pub fn index(&self) -> TempIndex {
        let index = super::index();
        let engine = &index.engine;
        let mut writer: IndexWriter = engine.index.writer(15_000_000).expect("a writer");
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        writer
            .delete_all_documents()
            .expect("the fixture can be emptied");
        let mut rng = Lcg(self.seed);
        for batch in 0..3 {
            for n in 0..200 {
                let meeting = self.meeting(batch * 200 + n, &mut rng);
                for item in &meeting.items {
                    writer
                        .add_document(item_document(&engine.fields, &meeting, item))
                        .expect("generated documents are valid");
                }
            }
            writer.commit().expect("commit");
        }
        writer.delete_term(Term::from_field_text(engine.fields.exact, "slettes"));
        writer.commit().expect("commit of the deletes");
        engine.reader.reload().expect("reader reloads");
        index
    }
}

/// `(total, hits as (doc, score bits, dato, number), counts, years, months)` of the query
/// compiled for tantivy's scorers and of the query compiled with the fast paths allowed,
/// whose plan must be the fast path `is_fast` expects.
pub(super) fn both(
    engine: &Engine,
    request: &SearchRequest,
    is_fast: fn(&Plan) -> bool,
) -> (String, String) {
    let searcher = engine.reader.searcher();
    let parsed = query::parse(&request.query).query;
    let synonyms = |word: &str| synonyms_of(engine, Recall::Full, word);
    let context = build::Context {
        fields: &engine.fields,
        tokenizers: engine.index.tokenizers(),
        searcher: &searcher,
        recall: Recall::Full,
        synonyms: &synonyms,
    };
    let compile = |fast_paths| {
        let mode = Mode {
            relax: false,
            fast_paths,
        };
        build::compile(&context, &parsed, mode).plan
    };
    let (slow_plan, fast_plan) = (compile(false), compile(true));
    assert!(matches!(slow_plan, Plan::Tantivy(_)), "{slow_plan:?}");
    assert!(
        is_fast(&fast_plan),
        "not the expected fast path: {fast_plan:?}"
    );
    let gather = gather_for(engine, request, false);
    let slow = execute(&searcher, &slow_plan, &gather).expect("slow path");
    let fast = execute(&searcher, &fast_plan, &gather).expect("fast path");
    let show = |found: &Found| {
        let hits: Vec<_> = found
            .hits
            .iter()
            .map(|h| (h.doc, h.score.to_bits(), h.dato, h.number))
            .collect();
        let mut counts: Vec<Vec<(&String, &u64)>> =
            found.counts.iter().map(|c| c.iter().collect()).collect();
        counts.iter_mut().for_each(|c| c.sort());
        format!(
            "{} {hits:?} {counts:?} {:?} {:?}",
            found.total, found.years, found.months
        )
    };
    (show(&slow), show(&fast))
}

/// A first page of `limit` hits with facets for `query`, edited by `edit`.
pub(super) fn request(
    query: &str,
    limit: usize,
    edit: impl FnOnce(&mut SearchRequest),
) -> SearchRequest {
    let mut request = SearchRequest {
        query: query.to_owned(),
        limit,
        facets: true,
        ..SearchRequest::default()
    };
    edit(&mut request);
    request
}
