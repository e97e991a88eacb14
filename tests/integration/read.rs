//! Reading over the seeds: each seed cleans to itself, and every export variant of it
//! (see [`crate::variants`]) cleans to the same text, with notes saying what was repaired;
//! the same holds for the parsed agenda items.

use referat::enrich::Enricher;
use referat::ingest::load_bytes;
use referat::model::{Meeting, SectionKind, SourceEncoding};
use referat::read::clean;
use unicode_normalization::char::is_combining_mark;

use crate::common::seed_files;
use crate::variants;

/// Each seed's name and text.
fn seeds() -> Vec<(String, String)> {
    let seeds: Vec<(String, String)> = seed_files()
        .iter()
        .map(|path| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let text = std::fs::read_to_string(path).expect("seeds are readable UTF-8");
            (name.unwrap_or_default(), text)
        })
        .collect();
    assert_eq!(seeds.len(), 5, "expected the five seed referater");
    seeds
}

/// The seed text as `clean` promises to give it: lines trimmed at the end, one final `\n`,
/// and seed 003's two words hyphenated across a blank line joined.
fn expected_clean(name: &str, text: &str) -> String {
    let mut expected: String = text
        .trim_end()
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    if name.starts_with("003") {
        for (broken, joined) in [
            (
                "med Bør-\n\nne- og Ungedirektørerne",
                "med Børne- og Ungedirektørerne",
            ),
            ("om, hvil-\n\nke udfordringer", "om, hvilke udfordringer"),
        ] {
            assert!(
                expected.contains(broken),
                "seed 003 no longer has `{broken}`"
            );
            expected = expected.replace(broken, joined);
        }
    }
    expected
}

#[test]
fn each_seed_cleans_to_its_own_text() {
    for (name, text) in seeds() {
        let clean = clean(text.as_bytes()).expect("a seed is text");
        assert_eq!(clean.text, expected_clean(&name, &text), "seed {name}");
        assert_eq!(clean.encoding, SourceEncoding::Utf8, "seed {name}");
        let expected_notes: &[&str] = if name.starts_with("003") {
            &["joined 2 hyphenated line breaks"]
        } else {
            &[]
        };
        assert_eq!(clean.notes, expected_notes, "seed {name}");
    }
}

#[test]
fn every_variant_of_every_seed_cleans_to_the_seed_text() {
    for (name, text) in seeds() {
        let original = clean(text.as_bytes()).expect("a seed is text").text;
        for variant in variants::all(&text) {
            let clean = clean(&variant.bytes).expect("a variant is text");
            assert!(
                clean.text == original,
                "seed {name}, variant {}:\n{}",
                variant.name,
                first_difference(&original, &clean.text)
            );
        }
    }
}

/// The first differing line, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    let pairs = expected.lines().zip(actual.lines()).enumerate();
    let found = pairs.into_iter().find(|(_, (e, a))| e != a);
    match found {
        Some((line, (e, a))) => format!("line {}: expected {e:?}\n got {a:?}", line + 1),
        None => format!(
            "lengths differ: {} vs {} lines",
            expected.lines().count(),
            actual.lines().count()
        ),
    }
}

#[test]
fn bom_crlf_variant_reports_the_bom_and_line_ends() {
    for (name, text) in seeds() {
        let clean = clean(&variants::bom_crlf(&text)).expect("text");
        assert_eq!(clean.encoding, SourceEncoding::Utf8Bom, "seed {name}");
        let crlf = format!("converted {} CRLF line ends", text.matches('\n').count());
        assert!(
            clean.notes.contains(&crlf),
            "seed {name}: {:?}",
            clean.notes
        );
    }
}

#[test]
fn windows_1252_variant_is_decoded_and_says_so() {
    for (name, text) in seeds() {
        let clean = clean(&variants::windows_1252(&text)).expect("text");
        assert_eq!(clean.encoding, SourceEncoding::Windows1252, "seed {name}");
        assert_eq!(
            clean.notes[0], "not valid UTF-8: decoded as Windows-1252",
            "seed {name}"
        );
    }
}

#[test]
fn nfd_variant_reports_the_composed_letters() {
    for (name, text) in seeds() {
        let nfd = variants::nfd(&text);
        let marks = String::from_utf8_lossy(&nfd)
            .chars()
            .filter(|&c| is_combining_mark(c))
            .count();
        assert!(marks > 0, "seed {name} has letters that decompose");
        let clean = clean(&nfd).expect("text");
        let note = format!("composed {marks} decomposed characters (Unicode NFC)");
        assert!(
            clean.notes.contains(&note),
            "seed {name}: {:?}",
            clean.notes
        );
    }
}

#[test]
fn pdf_export_variant_reports_pages_headers_footers_and_joins() {
    for (name, text) in seeds() {
        let export = variants::pdf_export(&text);
        assert!(
            export.pages >= 4 && export.broken_words >= 3,
            "seed {name}: too small a test"
        );
        let seed_joins = if name.starts_with("003") { 2 } else { 0 };
        let clean = clean(&export.bytes).expect("text");
        for note in [
            format!("removed {} page breaks (form feeds)", export.pages - 1),
            format!("removed {} page headers", export.pages),
            format!("removed {} page footers", export.pages),
            format!(
                "joined {} hyphenated line breaks",
                export.broken_words + seed_joins
            ),
        ] {
            assert!(
                clean.notes.contains(&note),
                "seed {name}: no `{note}` in {:?}",
                clean.notes
            );
        }
    }
}

/// What a reader of the parsed meeting sees of its items.
type ItemView = (u32, String, Vec<(SectionKind, String)>);

fn items(meeting: &Meeting) -> Vec<ItemView> {
    let sections = |item: &referat::model::AgendaItem| {
        item.sections
            .iter()
            .map(|s| (s.kind, s.text.clone()))
            .collect()
    };
    meeting
        .items
        .iter()
        .map(|item| (item.number, item.title.clone(), sections(item)))
        .collect()
}

#[test]
fn every_variant_of_every_seed_parses_to_the_same_items() {
    let enricher = Enricher::builtin();
    let originals = crate::common::seed_meetings();
    assert_eq!(originals.len(), seeds().len());
    for ((name, text), (_, original)) in seeds().into_iter().zip(originals) {
        assert!(!original.items.is_empty(), "seed {name} has items");
        for variant in variants::all(&text) {
            let meeting = load_bytes(&variant.bytes, &name, &enricher).expect("a variant parses");
            assert_eq!(
                items(&meeting),
                items(&original),
                "seed {name}, variant {}",
                variant.name
            );
            assert_eq!(
                crate::common::essence(&meeting),
                crate::common::essence(&original),
                "seed {name}, variant {}: the meeting's metadata",
                variant.name
            );
        }
    }
}
