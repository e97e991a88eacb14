//! A compact, human-checkable outline of a parsed meeting: the header, then one line per
//! item and one per section with its size. Shared by `referat parse` and the golden tests,
//! so a golden file reads like the agenda it was checked against.

use std::fmt::Write;

use chrono::Datelike;

use crate::model::{AgendaItem, Meeting, Participant, Section};

/// The outline of `meeting` (no file path: the caller names the file).
pub fn outline(meeting: &Meeting) -> String {
    let mut out = String::new();
    write_header(&mut out, meeting);
    for item in &meeting.items {
        write_item(&mut out, item);
    }
    out
}

fn write_header(out: &mut String, meeting: &Meeting) {
    let forum = &meeting.forum;
    let _ = writeln!(out, "{}", meeting.title);
    let _ = writeln!(
        out,
        "forum: {} ({:?}), klynge: {}",
        forum.name, forum.kind, forum.klynge
    );
    let _ = writeln!(out, "niveau: {}", meeting.niveau.label());
    let time = meeting
        .starts_at
        .map(|t| format!(" kl. {}", t.format("%H:%M")))
        .unwrap_or_default();
    let weekday = super::dates::weekday_name(meeting.dato.weekday());
    let _ = writeln!(
        out,
        "dato: {} ({weekday}){time}",
        meeting.dato.format("%Y-%m-%d")
    );
    let _ = writeln!(out, "sted: {}", meeting.place.as_deref().unwrap_or("-"));
    let absent = meeting.participants.iter().filter(|p| p.absent).count();
    let _ = writeln!(
        out,
        "deltagere: {} ({absent} fraværende)",
        meeting.participants.len()
    );
    for person in &meeting.participants {
        let _ = writeln!(out, "  {}", participant(person));
    }
    let _ = writeln!(out, "indholdsfortegnelse: {} linjer", meeting.toc.len());
    for warning in &meeting.warnings {
        let _ = writeln!(out, "advarsel: {warning}");
    }
    for note in &meeting.source.notes {
        let _ = writeln!(out, "læsning: {note}");
    }
}

fn participant(person: &Participant) -> String {
    let affiliation = person
        .affiliation
        .as_deref()
        .map(|a| format!(", {a}"))
        .unwrap_or_default();
    let absent = if person.absent { " [fravær]" } else { "" };
    format!("{}{affiliation}{absent}", person.name)
}

fn write_item(out: &mut String, item: &AgendaItem) {
    let mut line = format!("Punkt {}: {}", item.number, item.title);
    if let Some(slot) = item.time_slot {
        let _ = write!(
            line,
            " | kl. {}-{}",
            slot.start.format("%H.%M"),
            slot.end.format("%H.%M")
        );
    }
    if let Some(minutes) = item.duration_minutes {
        let _ = write!(line, " | {minutes} min");
    }
    if let Some(case) = &item.case_number {
        let _ = write!(line, " | sag {case}");
    }
    let _ = writeln!(out, "{line}");
    if item.sections.is_empty() {
        let _ = writeln!(out, "    (ingen sektioner)");
    }
    for section in &item.sections {
        let _ = writeln!(out, "    {}", section_line(section));
    }
}

/// "beslutning  3 afsnit, 412 tegn  «Beslutning i Sundhedsklynge … den 11-11-2024»".
fn section_line(section: &Section) -> String {
    let paragraphs = section.text.split("\n\n").filter(|p| !p.is_empty()).count();
    let chars = section.text.chars().count();
    let heading = if section.heading.is_empty() {
        String::new()
    } else {
        format!("  «{}»", section.heading)
    };
    format!(
        "{:<16} {paragraphs:>2} afsnit {chars:>5} tegn{heading}",
        section.kind.key()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, SourceEncoding};

    #[test]
    fn outline_shows_items_times_and_sections() {
        let text = "REFERAT Sundhedsklynge Fyn d. 11-11-2024\n\
                    Punkt 1: Velkomst (10 min)\n22/43402\nBeslutning\nGodt.\n\n**Fraværende** Bo Hansen, V\n";
        let source = Source {
            path: "x.md".into(),
            sha256: String::new(),
            encoding: SourceEncoding::Utf8,
            notes: vec!["removed 2 page headers".into()],
        };
        let meeting = crate::parse::parse_meeting(text, source).expect("parses");
        let outline = outline(&meeting);
        assert!(
            outline.contains("Punkt 1: Velkomst | 10 min | sag 22/43402\n"),
            "{outline}"
        );
        assert!(
            outline.contains("beslutning        1 afsnit     5 tegn  «Beslutning»"),
            "{outline}"
        );
        assert!(outline.contains("fravaerende"), "{outline}");
        assert!(
            outline.contains("læsning: removed 2 page headers"),
            "{outline}"
        );
    }
}
