//! No silent collapse (issue 16, hole 3): two meetings of one forum, niveau and date get
//! distinct, readable ids that stay put across runs; the seeds' ids do not change; the same
//! file twice is still reported; a referat of more than 999 items keeps every item.

use std::path::Path;

use referat::engine::Engine;

use super::{item_ids, run, seeds_copy};
use crate::common::seed_files;

const SEED_000_ID: &str = "sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11";

/// Seed 000 again as another meeting of the same day: `time` instead of 13:30 and its first
/// item's title starting with `word`.
fn same_day(seeds: &Path, name: &str, time: &str, word: &str) {
    let text = std::fs::read_to_string(&seed_files()[0]).expect("seed is UTF-8");
    let other = text
        .replacen("kl. 13:30", &format!("kl. {time}"), 1)
        .replacen("Punkt 1: Velkomst", &format!("Punkt 1: {word} velkomst"), 1);
    assert_eq!(
        other.matches(word).count(),
        1,
        "the seed has the title this edits"
    );
    std::fs::write(seeds.join(name), other).expect("writable");
}

fn meeting_ids(index: &Path) -> Vec<String> {
    let engine = Engine::open(index).expect("opens");
    let list = engine.meetings(&Default::default()).expect("meetings list");
    let mut ids: Vec<String> = list.into_iter().map(|m| m.id).collect();
    ids.sort();
    ids
}

#[test]
fn two_meetings_of_one_forum_on_one_day_both_index_under_distinct_ids() {
    let (seeds, index) = seeds_copy("ids-day");
    let seeds_only = run(&index, std::slice::from_ref(&seeds));
    let seed_ids = meeting_ids(&index);
    same_day(&seeds, "zz_afternoon.txt", "16:00", "Eftermiddagens");
    same_day(&seeds, "zz_evening.txt", "16:00", "Aftenens");
    let summary = run(&index, std::slice::from_ref(&seeds));
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    assert_eq!(summary.files_added, 2);
    let ids = meeting_ids(&index);
    assert_eq!(ids.len(), 7, "{ids:?}");
    assert!(seed_ids.iter().all(|id| ids.contains(id)), "seed ids kept");
    assert!(ids.contains(&format!("{SEED_000_ID}-kl-1600")), "{ids:?}");
    assert!(ids.contains(&format!("{SEED_000_ID}-2")), "{ids:?}");
    assert_eq!(
        summary.items_indexed,
        seeds_only.items_indexed + 2 * 9,
        "seed 000: 9 items"
    );
    // A fresh index of the same folder, and a rerun: the same ids.
    let fresh = index.with_file_name("fresh");
    run(&fresh, std::slice::from_ref(&seeds));
    assert_eq!(meeting_ids(&fresh), ids);
    assert_eq!(item_ids(&fresh), item_ids(&index));
}

#[test]
fn the_meeting_that_holds_the_plain_id_keeps_it_when_a_newcomer_sorts_first() {
    let (seeds, index) = seeds_copy("ids-stable");
    run(&index, std::slice::from_ref(&seeds));
    same_day(&seeds, "0000_first_by_name.txt", "16:00", "Andet");
    run(&index, std::slice::from_ref(&seeds));
    let engine = Engine::open(&index).expect("opens");
    let plain = engine.meeting(SEED_000_ID).expect("reads").expect("held");
    assert!(plain.source.path.ends_with("000_731f48feb1185b6b.txt"));
    let newcomer = format!("{SEED_000_ID}-kl-1600");
    let moved = engine.meeting(&newcomer).expect("reads").expect("indexed");
    assert!(moved.source.path.ends_with("0000_first_by_name.txt"));
    assert_eq!(moved.id(), newcomer, "the stored meeting knows its id");
}

#[test]
fn a_referat_of_1005_items_keeps_every_item() {
    let (seeds, index) = seeds_copy("ids-many");
    for file in std::fs::read_dir(&seeds).expect("lists") {
        std::fs::remove_file(file.expect("entry").path()).expect("removable");
    }
    let mut text = String::from(
        "# REFERAT Sundhedsklynge Sydvestjylland d. 02-02-2077\n\n\
         **Mødedato** Tirsdag d. 2. februar 2077 kl. 13:30\n\n",
    );
    for n in 1..=1005 {
        text.push_str(&format!(
            "## Punkt {n}: Sag nummer {n}\n\nTekst om sag {n}.\n\n"
        ));
    }
    std::fs::write(seeds.join("many.txt"), text).expect("writable");
    let summary = run(&index, std::slice::from_ref(&seeds));
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    assert_eq!(summary.items_indexed, 1005);
    let ids = item_ids(&index);
    assert!(
        ids.iter().any(|id| id.ends_with("/punkt-1005")),
        "{}",
        ids.len()
    );
}
