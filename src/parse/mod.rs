//! Clean text → [`Meeting`]: the second step of the pipeline (read → **parse** → enrich →
//! index). Knows the layout of a referat and nothing of the index or the web.
//!
//! # The accepted formats
//!
//! Structure is recognised by a line's words after markdown is removed (`#` marks,
//! `**`/`*`/`_` emphasis, links), never by its markdown level, so plain-text and markdown
//! exports read alike, and never by the file kind the line came from (text, PDF, HTML).
//! A referat is a **header** (a title line of one family, then labelled fields) and
//! **items** (headings of one style). Families mix freely: any title form with any item
//! style.
//!
//! ```text
//! title    REFERAT <forum> [- <niveau>] d. DD-MM-YYYY          FirstAgenda (the seeds)
//! (family) <forum>[ (2018-2021)] - Referat - 25. oktober 2016  dash or en dash
//!          Referat af møde i <forum> [den <date>]
//!          Referat                                             alone: the forum on the next
//!          <forum>                                             line and the date on the one
//!          <date>                                              after, or both from labels
//!          Dagsorden … in place of Referat                     agenda pages, same forms
//! labels   Mødedato | Dato | STARTTIDSPUNKT | Tidspunkt <date>  value on the line or the next;
//!          Mødested | Sted | STED <place>                       any case, `:` optional
//!          MØDE <forum>                                         the forum when the title has none
//!          Mødedeltagere | Deltagere | Medlemmer <people>       comma list, or one a line below
//!          Afbud | Fraværende <people>                          (bullets `•`/`-`, `Name, V`,
//!                                                               `• Name (V)`, `- afbud`): absent
//!          Indholdsfortegnelse + "<title>.....<TAB><page>"      → `toc`, never items
//!          an agenda list: the item headings, no pages         → `toc`, when the first number
//!                                                                comes again below
//! dates    DD-MM-YYYY, DD.MM.YYYY, D. <måned> YYYY, <Måned> D, YYYY; a weekday and
//!          `kl. HH:MM` (or a bare HH:MM[:SS]) may go with any of them
//! items    Punkt N: <title>       also "Punkt N - …", "Punkt N. …"   \  N rises (any step,
//!          Pkt. N <title>         also "Pkt. N: …"                   /  a jump is a warning)
//!          [Sagsnr. 12/838]                                          \
//!          N. <title>             maybe indented                      |  N is the last + 1
//!          N<Title>               the number glued on                 |  (the first may be any:
//!          N                      alone, the title on the next line  /   numbers run on, 49 …)
//!          the title may wrap onto 1-2 more lines (no blank line, not a structure line,
//!          not a sentence); a type prefix (`Beslutning: `, `Orientering: `, `Lukket: `,
//!          `LUKKET PUNKT - `), a trailing `(B)`, `Åbent`, `Lukket`, `kl. HH.MM-HH.MM` and
//!          `(NN min)` are not part of it
//!          DD/NNNNN | Sagsnr. …                                case number, right after it
//!          <text>                                              → a Tekst section
//! sections Resumé | RESUMÈ | Beslutningstema | Problemstilling | Sagens kerne     → resume
//!          Sagsfremstilling | Beskrivelse af sagen | Baggrund | Sagsgang og sagstype
//!                                                                → sagsfremstilling
//!          Indstilling | Forslag til beslutning | Beslutningspunkter
//!          | Indstilling fra <afdeling> | a paragraph opening `Det indstilles,`,
//!          `Direktionen indstiller,`, `Administrationen indstiller,`  → indstilling
//!          Beslutning[er] | Beslutning i <forum> den … | Behandling i <forum> …, pkt. N
//!          | <forum>, DD-MM-YYYY, pkt. N | POLITISK BEHANDLING
//!          | <forum>s beslutning den …:                          → beslutning
//!          Bilag (a line "Indstilling" in it is an attachment) | Fraværende [<names>]
//!          <any other heading> (Økonomi, Kompetence, …, or another family's name for
//!          the section already open)                            stays in the section
//! ```
//!
//! One referat has one item style (`headings::detect_style`): `Punkt`/`Pkt.` win when
//! present; otherwise the style with most headings that have a body, so a numbered list in
//! a body never becomes the agenda. Seed 003 (Sundhedsdirektørkredsen) puts Beslutning
//! first and repeats the item title before RESUMÉ; that repeated line is structure, not
//! text. Every line gets a [`LineRole`] ([`parse_traced`]) so tests can prove nothing is
//! lost. Cross-check findings (dates, weekday, table of contents, numbering) are
//! `Meeting::warnings`, not failures. Text that fits no family is a [`ParseError`] naming
//! the family it came closest to and what it lacked — never a silently wrong parse.
//!
//! The niveau is the one the title (or `MØDE`) names, Direktørkreds for
//! Sundhedsdirektørkredsen, or the one most Indstilling paragraphs address ("Det
//! indstilles, at politisk niveau …"); otherwise "Ikke angivet".

mod dates;
mod family;
mod forum;
mod header;
mod headings;
mod items;
mod lines;
mod markdown;
mod outline;
mod participants;
mod sections;

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
    let style = headings::detect_style(&lines);
    let first_item = style
        .and_then(|style| headings::items_start(&lines, style))
        .map(|at| include_sagsnr(&lines, at));
    let header_end = first_item.unwrap_or(lines.len());
    let header = header::read_header(&lines[..header_end], &mut roles, style)?;
    let no_items = || ParseError::NoItems {
        family: family::form_family(header.form),
    };
    let (Some(style), Some(first_item)) = (style, first_item) else {
        return Err(no_items());
    };
    let mut warnings = header.warnings;
    let items = items::read_items(
        &lines[first_item..],
        first_item,
        style,
        &mut roles,
        &mut warnings,
    );
    // A heading like `Punkt 0` is not an item (numbers rise from 1): with no other heading,
    // the file has no agenda item and must be skipped, not indexed as an empty meeting.
    if items.is_empty() {
        return Err(no_items());
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

/// The first item starts at its `Sagsnr.` line when one stands right above its heading.
fn include_sagsnr(lines: &[&str], heading: usize) -> usize {
    let above = lines[..heading]
        .iter()
        .rposition(|line| !line.trim().is_empty());
    match above {
        Some(at) if lines::sagsnr_in(&markdown::plain_cow(lines[at])).is_some() => at,
        _ => heading,
    }
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
            match forum::niveau_from_words(&clause) {
                Some(Niveau::Politisk) => politisk += 1,
                Some(Niveau::FagligtStrategisk) => fagligt += 1,
                _ => {}
            }
        }
    }
    // Only a clear majority is evidence: a tie says nothing ("Ikke angivet").
    match politisk.cmp(&fagligt) {
        std::cmp::Ordering::Greater => Niveau::Politisk,
        std::cmp::Ordering::Less => Niveau::FagligtStrategisk,
        std::cmp::Ordering::Equal => Niveau::Ukendt,
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
    if toc.iter().all(|entry| entry.page.is_none()) {
        check_agenda_list(toc, items, warnings);
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

/// An agenda list (no page numbers) names items by title: each must have its item, or a
/// page cut short lost it — said by name, never silently.
fn check_agenda_list(
    toc: &[TocEntry],
    items: &[crate::model::AgendaItem],
    warnings: &mut Vec<String>,
) {
    let titles: Vec<String> = items.iter().map(|i| normalise_title(&i.title)).collect();
    for entry in toc {
        let listed = normalise_title(&headings::clean_title(&entry.title));
        if !titles
            .iter()
            .any(|t| t.starts_with(&listed) || listed.starts_with(t.as_str()))
        {
            warnings.push(format!(
                "the agenda lists `{}`, but the referat has no such item",
                entry.title
            ));
        }
    }
}

fn normalise_title(title: &str) -> String {
    let lower = title.to_lowercase();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod family_tests;
#[cfg(test)]
mod tests;
