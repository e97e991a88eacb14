//! The parser on the five seeds: item counts, titles and sections (golden outlines checked by
//! hand against the seed text), targeted facts, a proof that no line is lost, and
//! robustness against arbitrary and mutated input.
//!
//! The seeds are parsed as they are on disk (only `\r\n` → `\n`), not through `read::clean`,
//! so these tests pin the parser alone; `referat parse` runs the whole pipeline.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;
use referat::model::{Meeting, SectionKind, Source, SourceEncoding};
use referat::parse::{outline, parse_meeting, parse_traced, strip_markdown, LineRole};

use crate::common::seed_files;

fn source(path: &Path) -> Source {
    Source {
        path: path.display().to_string(),
        sha256: String::new(),
        encoding: SourceEncoding::Utf8,
        notes: Vec::new(),
    }
}

fn seed_text(path: &Path) -> String {
    std::fs::read_to_string(path)
        .map(|text| text.replace("\r\n", "\n"))
        .unwrap_or_else(|err| panic!("cannot read seed {}: {err}", path.display()))
}

fn seeds() -> Vec<(std::path::PathBuf, String)> {
    let files = seed_files();
    assert_eq!(files.len(), 5, "expected the five seeds, found {files:?}");
    files
        .into_iter()
        .map(|f| (f.clone(), seed_text(&f)))
        .collect()
}

fn parse_seed(index: usize) -> Meeting {
    let (path, text) = &seeds()[index];
    parse_meeting(text, source(path))
        .unwrap_or_else(|err| panic!("seed {} does not parse: {err}", path.display()))
}

fn kinds(meeting: &Meeting, number: u32) -> Vec<SectionKind> {
    item(meeting, number)
        .sections
        .iter()
        .map(|s| s.kind)
        .collect()
}

fn item(meeting: &Meeting, number: u32) -> &referat::model::AgendaItem {
    meeting
        .items
        .iter()
        .find(|i| i.number == number)
        .unwrap_or_else(|| panic!("no punkt {number}"))
}

#[test]
fn seeds_parse_into_the_right_number_of_items_numbered_in_order() {
    for (index, expected) in [9, 7, 3, 4, 18].into_iter().enumerate() {
        let meeting = parse_seed(index);
        let numbers: Vec<u32> = meeting.items.iter().map(|i| i.number).collect();
        let wanted: Vec<u32> = (1..=expected).collect();
        assert_eq!(numbers, wanted, "seed {index}");
    }
}

#[test]
fn every_seed_matches_its_hand_checked_golden_outline() {
    let golden_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = std::env::var_os("REFERAT_BLESS").is_some();
    for (path, text) in seeds() {
        let meeting = parse_meeting(&text, source(&path)).expect("seed parses");
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("seed name");
        let golden_path = golden_dir.join(format!("{stem}.outline"));
        let actual = outline(&meeting);
        if bless {
            std::fs::create_dir_all(&golden_dir).expect("create tests/golden");
            std::fs::write(&golden_path, &actual).expect("write golden");
            continue;
        }
        let golden = std::fs::read_to_string(&golden_path)
            .unwrap_or_else(|err| panic!("missing golden {}: {err}", golden_path.display()));
        assert_eq!(
            actual, golden,
            "outline of {stem} differs from its golden file"
        );
    }
}

#[test]
fn seed_000_header_participants_and_punkt_1() {
    let meeting = parse_seed(0);
    assert_eq!(meeting.forum.klynge, "Sydvestjylland");
    assert_eq!(meeting.niveau, referat::model::Niveau::Politisk);
    assert_eq!(
        meeting.dato,
        NaiveDate::from_ymd_opt(2024, 11, 11).expect("valid")
    );
    assert_eq!(meeting.starts_at, NaiveTime::from_hms_opt(13, 30, 0));
    assert_eq!(meeting.participants.len(), 11);
    let absent: Vec<&str> = meeting
        .participants
        .iter()
        .filter(|p| p.absent)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(absent, ["Birgitte Ries Møller"]);
    let birgitte = meeting
        .participants
        .iter()
        .find(|p| p.absent)
        .expect("absent person");
    assert_eq!(birgitte.affiliation.as_deref(), Some("PLO"));
    assert_eq!(
        kinds(&meeting, 1),
        [SectionKind::Beslutning, SectionKind::Fravaerende]
    );
    let punkt1 = item(&meeting, 1);
    assert_eq!(punkt1.case_number.as_deref(), Some("22/43402"));
    assert_eq!(punkt1.sections[1].text, "Birgitte Ries Møller, PLO");
    assert_eq!(meeting.toc.len(), 9);
    assert!(meeting.warnings.is_empty(), "{:?}", meeting.warnings);
}

#[test]
fn seed_000_sub_headings_and_table_rows_stay_in_their_section() {
    let meeting = parse_seed(0);
    let punkt4 = item(&meeting, 4);
    let sags = punkt4
        .sections_of(SectionKind::Sagsfremstilling)
        .next()
        .expect("sags");
    assert!(sags.text.contains("\n\nLægedækning\n\n"));
    assert!(sags
        .text
        .contains("\n\nLokalt for Sundhedsklynge Sydvestjylland\n\n"));
    assert!(!sags.text.contains('#'));
    let beslutning = punkt4
        .sections_of(SectionKind::Beslutning)
        .next()
        .expect("beslutning");
    assert!(beslutning
        .text
        .contains("\nFanø\t3.135\t3\t-\t0 %\t3\t1.045\t1.045\n"));
}

#[test]
fn seed_001_plain_text_reads_both_absentees() {
    let meeting = parse_seed(1);
    let absent = meeting.participants.iter().filter(|p| p.absent).count();
    assert_eq!(absent, 2);
    let fravaer = item(&meeting, 2)
        .sections_of(SectionKind::Fravaerende)
        .next()
        .expect("fravær");
    assert_eq!(
        fravaer.text,
        "PLO, Birgitte Ries Møller, Varde Kommune, Mads Sørensen"
    );
}

#[test]
fn seed_002_durations_move_out_of_titles() {
    let meeting = parse_seed(2);
    let durations: Vec<Option<u32>> = meeting.items.iter().map(|i| i.duration_minutes).collect();
    assert_eq!(durations, [Some(15), Some(25), Some(20)]);
    assert_eq!(
        item(&meeting, 1).title,
        "Indsatser for sikring af lægedækning i Sønderjylland"
    );
    assert_eq!(meeting.niveau, referat::model::Niveau::FagligtStrategisk);
    assert_eq!(meeting.forum.klynge, "Sønderjylland");
}

#[test]
fn seed_003_decision_first_layout_parses_into_the_same_sections() {
    let meeting = parse_seed(3);
    assert_eq!(meeting.niveau, referat::model::Niveau::Direktoerkreds);
    use SectionKind::*;
    assert_eq!(
        kinds(&meeting, 1),
        [Beslutning, Resume, Indstilling, Sagsfremstilling, Bilag]
    );
    let punkt1 = item(&meeting, 1);
    let repeated = "Drøftelse af de lettilgængelige tilbud for børn og unge i mistrivsel";
    for section in &punkt1.sections {
        assert!(
            !section.text.contains(repeated),
            "{:?} holds the repeated title",
            section.kind
        );
    }
    assert!(punkt1.sections[0]
        .text
        .starts_with("Charlotte Josefsen fra Regions"));
    assert_eq!(
        kinds(&meeting, 4),
        [
            Beslutning,
            Bilag,
            Resume,
            Indstilling,
            Sagsfremstilling,
            Bilag
        ]
    );
}

#[test]
fn seed_004_lunch_break_has_no_sections_and_punkt_7_its_time_slot() {
    let meeting = parse_seed(4);
    assert!(item(&meeting, 6).sections.is_empty());
    assert_eq!(
        item(&meeting, 6).title,
        "Pause, der serveres en let frokost"
    );
    let slot = item(&meeting, 7)
        .time_slot
        .expect("punkt 7 has a time slot");
    assert_eq!(
        slot.start,
        NaiveTime::from_hms_opt(12, 10, 0).expect("valid")
    );
    assert_eq!(slot.end, NaiveTime::from_hms_opt(12, 30, 0).expect("valid"));
    assert_eq!(
        kinds(&meeting, 1),
        [SectionKind::Tekst, SectionKind::Beslutning]
    );
    assert_eq!(meeting.niveau, referat::model::Niveau::FagligtStrategisk);
}

/// Every non-blank line has a role; every body line's text is in the section it was given,
/// and each section's lines are exactly its body lines, in order (nothing added, nothing lost).
#[test]
fn nothing_is_lost_in_any_seed() {
    for (path, text) in seeds() {
        let (meeting, roles) = parse_traced(&text, source(&path)).expect("seed parses");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(roles.len(), lines.len());
        let mut assigned: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
        for (number, (line, role)) in lines.iter().zip(&roles).enumerate() {
            let at = format!("{}:{}", path.display(), number + 1);
            assert_eq!(
                line.trim().is_empty(),
                *role == LineRole::Blank,
                "{at} {role:?}"
            );
            assert_ne!(*role, LineRole::HeaderText, "{at} was not read: {line}");
            let (key, body) = match *role {
                LineRole::Body { item, section } => ((item, section), strip_markdown(line)),
                LineRole::InlineSection { item, section } => {
                    let text = &meeting.items[item].sections[section].text;
                    assert!(line.contains(text.as_str()), "{at}");
                    ((item, section), text.clone())
                }
                _ => continue,
            };
            let section = &meeting.items[key.0].sections[key.1];
            assert!(
                section.text.contains(body.trim()),
                "{at}: `{body}` not in its section"
            );
            assigned
                .entry(key)
                .or_default()
                .push(body.trim().to_string());
        }
        for (item_index, item) in meeting.items.iter().enumerate() {
            for (section_index, section) in item.sections.iter().enumerate() {
                let from_lines = assigned
                    .remove(&(item_index, section_index))
                    .unwrap_or_default();
                let in_section: Vec<String> = section
                    .text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| l.trim().to_string())
                    .collect();
                assert_eq!(
                    in_section,
                    from_lines,
                    "{} punkt {}",
                    path.display(),
                    item.number
                );
            }
        }
    }
}

/// Mutations of a seed: delete, duplicate or swap lines, change a heading's level.
fn mutate(text: &str, ops: &[(u8, usize, usize)]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for &(op, a, b) in ops {
        if lines.is_empty() {
            break;
        }
        let (a, b) = (a % lines.len(), b % lines.len());
        match op % 5 {
            0 => {
                lines.remove(a);
            }
            1 => {
                let copy = lines[a].clone();
                lines.insert(b, copy);
            }
            2 => lines.swap(a, b),
            3 => lines[a] = format!("### {}", lines[a].trim_start_matches('#').trim()),
            _ => lines[a] = lines[a].to_uppercase(),
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parsing_arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = parse_meeting(&text, source(Path::new("arbitrary")));
    }

    #[test]
    fn parsing_referat_like_lines_never_panics(
        lines in proptest::collection::vec(
            "(#{0,4} ?)(\\*\\*)?(Punkt [0-9]{1,3}[:.-] ?|REFERAT |Resumé|Beslutning i |Fraværende |Mødedato |22/43402|[a-zæøå .,\\t_*-]{0,20}|kl\\. 1[0-9]\\.[0-9]{2}-[0-9.]{0,5}|\\([0-9]+ min\\))(\\*\\*)?",
            0..40,
        )
    ) {
        let text = lines.join("\n");
        let _ = parse_meeting(&text, source(Path::new("referat-like")));
    }

    #[test]
    fn parsing_mutated_seeds_never_panics(
        seed in 0usize..5,
        ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..30),
    ) {
        let (path, text) = &seeds()[seed];
        let mutated = mutate(text, &ops);
        if let Ok((meeting, roles)) = parse_traced(&mutated, source(path)) {
            prop_assert_eq!(roles.len(), mutated.lines().count());
            prop_assert!(!meeting.items.is_empty());
        }
    }
}
