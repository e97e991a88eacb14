//! Each seed rendered in three other publishers' layout families
//! (`scripts/renditions/layouts.py`, output in `tests/fixtures/renditions/layouts/`) reads,
//! through the whole pipeline, to exactly the seed's essence: date, forum, niveau, place, start
//! time, participants, and every item's title, case number and sections.
//!
//! What a family cannot carry is said here, field by field:
//! - item numbers: A numbers its items on from 49 and C from 38 (running numbers across the
//!   year), so their numbers are the seed's plus 48 and plus 37;
//! - participants: B lists who sent apologies under `Afbud` after the members, so its order is
//!   the seed's with the absent moved last (each keeps its name and absence).

use std::path::PathBuf;

use crate::common::{essence, seed_meetings, Essence};

/// A family's file suffix, how much it adds to each item number, and whether it lists the
/// absent after the members.
const FAMILIES: [(&str, u32, bool); 3] = [("A", 48, false), ("B", 0, true), ("C", 37, false)];

fn rendition(seed: &str, family: &str) -> PathBuf {
    let stem = seed.trim_end_matches(".txt");
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/renditions/layouts")
        .join(format!("{stem}.{family}.txt"))
}

/// The seed's essence as the family can carry it (see the module doc).
fn expected(seed: &Essence, offset: u32, absent_last: bool) -> Essence {
    let mut participants = seed.participants.clone();
    if absent_last {
        participants.sort_by_key(|(_, absent)| *absent);
    }
    Essence {
        dato: seed.dato.clone(),
        forum: seed.forum.clone(),
        niveau: seed.niveau.clone(),
        place: seed.place.clone(),
        starts_at: seed.starts_at.clone(),
        participants,
        items: seed
            .items
            .iter()
            .map(|item| crate::common::ItemEssence {
                number: item.number + offset,
                title: item.title.clone(),
                case_number: item.case_number.clone(),
                sections: item.sections.clone(),
            })
            .collect(),
    }
}

#[test]
fn every_layout_rendition_of_every_seed_reads_to_the_seeds_essence() {
    let enricher = referat::enrich::Enricher::builtin();
    for (name, seed) in seed_meetings() {
        let seed_essence = essence(&seed);
        for (family, offset, absent_last) in FAMILIES {
            let path = rendition(&name, family);
            let meeting = referat::ingest::load_file(&path, &name, &enricher)
                .unwrap_or_else(|err| panic!("{name} in family {family} parses: {err}"));
            assert_eq!(
                essence(&meeting),
                expected(&seed_essence, offset, absent_last),
                "{name} in family {family}"
            );
            assert_eq!(
                meeting.id(),
                seed.id(),
                "{name} in family {family}: same meeting id"
            );
        }
    }
}

#[test]
fn the_layout_renditions_warn_about_nothing() {
    let enricher = referat::enrich::Enricher::builtin();
    for (name, seed) in seed_meetings() {
        for (family, _, _) in FAMILIES {
            let meeting = referat::ingest::load_file(&rendition(&name, family), &name, &enricher)
                .unwrap_or_else(|err| panic!("{name} in family {family} parses: {err}"));
            // The seed's own warnings (a table of contents that differs) are not the family's.
            let new: Vec<_> = meeting
                .warnings
                .iter()
                .filter(|w| !seed.warnings.contains(w) && !w.contains("table of contents"))
                .collect();
            assert!(new.is_empty(), "{name} in family {family}: {new:?}");
        }
    }
}
