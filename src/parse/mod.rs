//! Clean text → [`Meeting`]: the second step of the pipeline (read → **parse** → enrich →
//! index). Knows the layout of a referat and nothing of the index or the web.
//!
//! # The accepted format
//!
//! Structure is recognised by a line's words after markdown is removed (`#` marks,
//! `**`/`*`/`_` emphasis, links), never by its markdown level, so plain-text and markdown
//! exports read alike:
//!
//! ```text
//! header   REFERAT <forum> [- <niveau>] d. DD-MM-YYYY        title line (required, dated)
//!          Mødedato <Ugedag> d. D. <måned> YYYY kl. HH:MM     cross-checked with the title
//!          Mødested <place>
//!          Mødedeltagere <name>, <affiliation>[ (Fravær)], …  or one person per line below
//!          Indholdsfortegnelse + lines "<title>.....<TAB><page>"  → `toc`, never items
//! items    Punkt N: <title>[, kl. HH.MM-HH.MM][ (NN min)]     also "Punkt N - …", "Punkt N. …";
//!                                                             N must rise, else the line is text
//!          DD/NNNNN                                           case number, right after it
//!          <text>                                             → a Tekst section
//!          Resumé | RESUMÉ | RESUMÈ | RESUME                   section headings, any case,
//!          Sagsfremstilling | Indstilling | Bilag              alone on their line
//!          Beslutning [i <forum> den DD-MM-YYYY]
//!          Fraværende [<names>]                               names may follow on the line
//!          <any other heading>                                stays in the section, own paragraph
//! ```
//!
//! Seed 003 (Sundhedsdirektørkredsen) puts Beslutning first and repeats the item title
//! before RESUMÉ; that repeated line is structure, not text. Every line gets a
//! [`LineRole`] ([`parse_traced`]) so tests can prove nothing is lost. Cross-check
//! findings (dates, weekday, table of contents) are `Meeting::warnings`, not failures.

mod dates;
mod header;
mod items;
mod lines;
mod markdown;
mod outline;
mod participants;

use serde::Serialize;

use crate::error::ParseError;
use crate::model::{ForumKind, Meeting, Niveau, SectionKind, Source, TocEntry};

pub use markdown::strip_line as strip_markdown;
pub use outline::outline;

/// What one line of the input became. Item and section numbers index
/// `Meeting::items` and `AgendaItem::sections`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "role")]
pub enum LineRole {
    Blank,
    /// The "REFERAT …" line.
    Title,
    /// Mødedato, Mødested, Mødedeltagere (and the people listed below it).
    HeaderField,
    /// Other text before the first item (reported in `warnings`).
    HeaderText,
    TocHeading,
    TocEntry,
    ItemHeading {
        item: usize,
    },
    CaseNumber {
        item: usize,
    },
    SectionHeading {
        item: usize,
        section: usize,
    },
    /// A heading with its text on the same line ("**Fraværende** Birgitte Ries Møller").
    InlineSection {
        item: usize,
        section: usize,
    },
    /// Seed 003's copy of the item title before RESUMÉ.
    RepeatedTitle {
        item: usize,
    },
    /// A line with nothing left once markdown is removed (`**`, `#`).
    Markup {
        item: usize,
    },
    /// Text of a section.
    Body {
        item: usize,
        section: usize,
    },
}

/// Parse the clean text of one referat. `source` is stored in the meeting as is.
pub fn parse_meeting(text: &str, source: Source) -> Result<Meeting, ParseError> {
    parse_traced(text, source).map(|(meeting, _)| meeting)
}

/// [`parse_meeting`] plus the role of every input line (`text.lines()`), to check that
/// every line ended up somewhere.
pub fn parse_traced(text: &str, source: Source) -> Result<(Meeting, Vec<LineRole>), ParseError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut roles = vec![LineRole::Blank; lines.len()];
    let first_item = lines
        .iter()
        .position(|line| lines::item_heading(line).is_some());
    let header_end = first_item.unwrap_or(lines.len());
    let header = header::read_header(&lines[..header_end], &mut roles)?;
    let first_item = first_item.ok_or(ParseError::NoItems)?;
    let mut warnings = header.warnings;
    let items = items::read_items(&lines[first_item..], first_item, &mut roles, &mut warnings);
    // A heading like `Punkt 0` is not an item (numbers rise from 1): with no other heading,
    // the file has no agenda item and must be skipped, not indexed as an empty meeting.
    if items.is_empty() {
        return Err(ParseError::NoItems);
    }
    let mut meeting = Meeting {
        source,
        title: header.title,
        niveau: Niveau::Ukendt,
        forum: header.forum,
        dato: header.dato,
        starts_at: header.starts_at,
        place: header.place,
        participants: header.participants,
        toc: header.toc,
        items,
        warnings,
        id_suffix: None,
    };
    meeting.niveau = header
        .title_niveau
        .unwrap_or_else(|| infer_niveau(&meeting));
    check_toc(&meeting.toc, &meeting.items, &mut meeting.warnings);
    Ok((meeting, roles))
}

/// The level when the title does not name it: Sundhedsdirektørkredsen is a directors'
/// forum; otherwise who the Indstilling addresses ("Det indstilles, at politisk niveau …").
fn infer_niveau(meeting: &Meeting) -> Niveau {
    if meeting.forum.kind == ForumKind::Sundhedsdirektoerkreds {
        return Niveau::Direktoerkreds;
    }
    let (mut politisk, mut fagligt) = (0, 0);
    let indstillinger = meeting
        .items
        .iter()
        .flat_map(|item| item.sections_of(SectionKind::Indstilling));
    for section in indstillinger {
        for clause in addressed_clauses(&section.text) {
            match header::niveau_from_words(&clause) {
                Some(Niveau::Politisk) => politisk += 1,
                Some(Niveau::FagligtStrategisk) => fagligt += 1,
                _ => {}
            }
        }
    }
    match (politisk, fagligt) {
        (0, 0) => Niveau::Ukendt,
        (p, f) if p >= f => Niveau::Politisk,
        _ => Niveau::FagligtStrategisk,
    }
}

/// "… indstilles, at politisk niveau i Sundhedsklynge Sydvestjylland:" → the words after
/// "indstilles, at" / "indstiller, at" up to the colon or line end.
fn addressed_clauses(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    lower
        .lines()
        .filter_map(|line| {
            let at = line.find("indstille")?;
            let rest = &line[at..];
            let clause = rest.split_once(", at ").map_or(rest, |(_, after)| after);
            Some(clause.split(':').next().unwrap_or(clause).to_string())
        })
        .collect()
}

/// Table of contents against item titles: same count, and each title starts like its
/// (often cut off) TOC line. Mismatches are warnings.
fn check_toc(toc: &[TocEntry], items: &[crate::model::AgendaItem], warnings: &mut Vec<String>) {
    if toc.is_empty() {
        return;
    }
    if toc.len() != items.len() {
        warnings.push(format!(
            "the table of contents lists {} items, the referat has {}",
            toc.len(),
            items.len()
        ));
    }
    for (entry, item) in toc.iter().zip(items) {
        // Some exports print "Punkt 1: Velkomst" in the table of contents.
        let entry_title =
            lines::item_heading(&entry.title).map_or(entry.title.clone(), |h| h.title);
        let printed = normalise_title(&dates::split_title_times(&entry_title).title);
        let title = normalise_title(&item.title);
        if !title.starts_with(&printed) && !printed.starts_with(&title) {
            warnings.push(format!(
                "punkt {}: title `{}` differs from the table of contents `{}`",
                item.number, item.title, entry.title
            ));
        }
    }
}

fn normalise_title(title: &str) -> String {
    let lower = title.to_lowercase();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
