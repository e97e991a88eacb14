//! The lines before the first agenda item: the title line ("REFERAT Sundhedsklynge
//! Sydvestjylland - Fagligt strategisk niveau d. 12-09-2025"), Mødedato, Mødested,
//! Mødedeltagere and the table of contents. Dates are cross-checked here; disagreements
//! become warnings, not failures.

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::dates;
use super::lines;
use super::markdown;
use super::participants::read_participants;
use super::LineRole;
use crate::error::ParseError;
use crate::model::{Forum, ForumKind, Niveau, Participant, TocEntry};

/// What the header tells about a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub title: String,
    pub forum: Forum,
    /// The level named in the title line, if it names one.
    pub title_niveau: Option<Niveau>,
    pub dato: NaiveDate,
    pub starts_at: Option<NaiveTime>,
    pub place: Option<String>,
    pub participants: Vec<Participant>,
    pub toc: Vec<TocEntry>,
    pub warnings: Vec<String>,
}

/// The labelled header fields, as written after their label.
#[derive(Debug, Default)]
struct Fields {
    moededato: Option<String>,
    moedested: Option<String>,
    deltagere: Option<String>,
}

/// Reads the header lines (everything before the first item); fills their roles.
pub fn read_header(lines: &[&str], roles: &mut [LineRole]) -> Result<Header, ParseError> {
    let title_index = lines
        .iter()
        .position(|line| is_title_line(line))
        .ok_or(ParseError::NoTitle)?;
    let title = markdown::plain(lines[title_index]);
    set_role(roles, title_index, LineRole::Title);
    let mut warnings = Vec::new();
    let mut toc = Vec::new();
    let fields = read_fields(lines, title_index, roles, &mut toc, &mut warnings);

    let meeting_date = fields.moededato.as_deref().and_then(dates::find_date);
    let dato = match dates::find_date(&title) {
        Some(date) => date,
        None => {
            let date = meeting_date.ok_or_else(|| ParseError::NoDate(title.clone()))?;
            warnings.push(format!(
                "the title line has no date; took `{date}` from Mødedato"
            ));
            date
        }
    };
    if let Some(text) = &fields.moededato {
        check_meeting_date(text, dato, &mut warnings);
    }
    let (forum, title_niveau) = read_forum(&title);
    Ok(Header {
        forum,
        title_niveau,
        dato,
        starts_at: fields.moededato.as_deref().and_then(dates::find_clock),
        place: fields.moedested.filter(|p| !p.is_empty()),
        participants: fields
            .deltagere
            .as_deref()
            .map(read_participants)
            .unwrap_or_default(),
        toc,
        warnings,
        title,
    })
}

fn set_role(roles: &mut [LineRole], index: usize, role: LineRole) {
    if let Some(slot) = roles.get_mut(index) {
        *slot = role;
    }
}

/// "REFERAT …" (any case, any markdown) opens every referat we know.
fn is_title_line(line: &str) -> bool {
    let text = markdown::plain(line).to_lowercase();
    text.strip_prefix("referat")
        .is_some_and(|rest| rest.starts_with(char::is_whitespace) || rest.starts_with(':'))
}

/// Walks the lines after the title: labelled fields, the table of contents, and anything
/// else (kept as a warning so nothing is dropped silently).
fn read_fields(
    lines: &[&str],
    title_index: usize,
    roles: &mut [LineRole],
    toc: &mut Vec<TocEntry>,
    warnings: &mut Vec<String>,
) -> Fields {
    let mut fields = Fields::default();
    let mut open_list = false;
    // The list began on the label's line: a line below continues it (a wrapped line).
    let mut list_wraps = false;
    for (index, line) in lines.iter().enumerate() {
        let text = markdown::plain(line);
        if index == title_index {
            continue;
        }
        if text.is_empty() {
            // A blank line ends a list of people once it has begun.
            open_list &= fields.deltagere.as_deref().is_none_or(str::is_empty);
            continue;
        }
        if let Some((label, value)) = labelled(&text) {
            set_role(roles, index, LineRole::HeaderField);
            open_list = label == Label::Deltagere;
            list_wraps = !value.is_empty();
            let slot = match label {
                Label::Moededato => &mut fields.moededato,
                Label::Moedested => &mut fields.moedested,
                Label::Deltagere => &mut fields.deltagere,
            };
            *slot = Some(value);
        } else if text.eq_ignore_ascii_case("indholdsfortegnelse") {
            set_role(roles, index, LineRole::TocHeading);
        } else if let Some((title, page)) = lines::toc_entry(&text) {
            set_role(roles, index, LineRole::TocEntry);
            toc.push(TocEntry { title, page });
        } else if open_list {
            // "Mødedeltagere" on its own line and the people below it, one a line; or the
            // list on the label's line, wrapped onto the lines below (no blank between).
            set_role(roles, index, LineRole::HeaderField);
            let list = fields.deltagere.get_or_insert_with(String::new);
            let separator = if list_wraps { " " } else { ", " };
            list.push_str(if list.is_empty() { "" } else { separator });
            list.push_str(&text);
        } else {
            set_role(roles, index, LineRole::HeaderText);
            warnings.push(format!("text before the first item was not read: `{text}`"));
        }
    }
    fields
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Moededato,
    Moedested,
    Deltagere,
}

/// "Mødedato Mandag d. …", "Mødested: …", "Mødedeltagere …" → label and value.
fn labelled(text: &str) -> Option<(Label, String)> {
    let (word, rest) = text
        .split_once(|c: char| c.is_whitespace() || c == ':')
        .unwrap_or((text, ""));
    let label = match word.to_lowercase().as_str() {
        "mødedato" | "dato" => Label::Moededato,
        "mødested" | "sted" => Label::Moedested,
        "mødedeltagere" | "deltagere" => Label::Deltagere,
        _ => return None,
    };
    Some((
        label,
        rest.trim_start_matches([':', ' ', '\t']).trim().to_string(),
    ))
}

/// Mødedato must name the title's date and the right weekday.
fn check_meeting_date(text: &str, dato: NaiveDate, warnings: &mut Vec<String>) {
    match dates::find_date(text) {
        Some(date) if date != dato => warnings.push(format!(
            "Mødedato `{text}` is not the title's date `{dato}`"
        )),
        None => warnings.push(format!("Mødedato `{text}` has no date I can read")),
        Some(_) => {}
    }
    if let Some(weekday) = dates::find_weekday(text) {
        if weekday != dato.weekday() {
            warnings.push(format!(
                "Mødedato says `{}` but {dato} is a {}",
                dates::weekday_name(weekday),
                dates::weekday_name(dato.weekday())
            ));
        }
    }
}

/// Forum and the level named in the title line.
fn read_forum(title: &str) -> (Forum, Option<Niveau>) {
    let body = strip_title_date(strip_referat(title));
    let (name_part, niveau_part) = match body.split_once(" - ").or_else(|| body.split_once(" – "))
    {
        Some((name, niveau)) => (name.trim(), Some(niveau.trim())),
        None => (body.trim(), None),
    };
    let niveau = niveau_part
        .and_then(niveau_from_words)
        .or_else(|| niveau_from_words(name_part));
    let name = remove_niveau_words(name_part);
    (forum_from_name(&name), niveau)
}

fn strip_referat(title: &str) -> &str {
    title
        .get("referat".len()..)
        .unwrap_or("")
        .trim_start_matches([':', ' ', '\t'])
}

/// Cuts the title at its date (" d. 11-11-2024", " den 11. november 2024", " 11-11-2024").
fn strip_title_date(text: &str) -> &str {
    let cut = [" d. ", " den ", " d."]
        .iter()
        .filter_map(|marker| text.rfind(marker))
        .filter(|&at| text[at..].chars().any(|c| c.is_ascii_digit()))
        .min()
        .or_else(|| text.find(|c: char| c.is_ascii_digit()));
    cut.map_or(text, |at| &text[..at])
        .trim()
        .trim_end_matches([',', '-', '–'])
        .trim()
}

/// The level a phrase names ("Fagligt strategisk niveau", "politisk niveau").
pub fn niveau_from_words(text: &str) -> Option<Niveau> {
    let lower = text.to_lowercase();
    if lower.contains("fagligt strategisk") || lower.contains("fagligt-strategisk") {
        Some(Niveau::FagligtStrategisk)
    } else if lower.contains("politisk niveau") {
        Some(Niveau::Politisk)
    } else if lower.contains("direktørkreds") {
        Some(Niveau::Direktoerkreds)
    } else {
        None
    }
}

/// "Sundhedsklynge Sydvestjylland politisk niveau" → "Sundhedsklynge Sydvestjylland".
fn remove_niveau_words(name: &str) -> String {
    let lower = name.to_lowercase();
    let cut = ["fagligt strategisk niveau", "politisk niveau"]
        .iter()
        .filter_map(|phrase| lower.find(phrase))
        .min();
    let kept: String = match cut {
        Some(at) => name.chars().take(lower[..at].chars().count()).collect(),
        None => name.to_string(),
    };
    kept.trim()
        .trim_end_matches([',', '-', '–'])
        .trim()
        .to_string()
}

fn forum_from_name(name: &str) -> Forum {
    let area = |prefix: &str| {
        let rest: String = name.chars().skip(prefix.chars().count()).collect();
        rest.trim().to_string()
    };
    let lower = name.to_lowercase();
    let (kind, klynge) = if lower.starts_with("sundhedsklynge ") {
        (ForumKind::Sundhedsklynge, area("Sundhedsklynge "))
    } else if lower.starts_with("sundhedsråd ") {
        (ForumKind::Sundhedsraad, area("Sundhedsråd "))
    } else if lower.starts_with("sundhedsdirektørkreds") {
        (ForumKind::Sundhedsdirektoerkreds, name.to_string())
    } else {
        (ForumKind::Andet, name.to_string())
    };
    let klynge = if klynge.is_empty() {
        name.to_string()
    } else {
        klynge
    };
    Forum {
        kind,
        name: name.to_string(),
        klynge,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_of(text: &str) -> Result<Header, ParseError> {
        let lines: Vec<&str> = text.lines().collect();
        let mut roles = vec![LineRole::Blank; lines.len()];
        read_header(&lines, &mut roles)
    }

    #[test]
    fn title_with_niveau_gives_forum_klynge_niveau_and_date() {
        let header = header_of(
            "# **REFERAT Sundhedsklynge Sydvestjylland - Fagligt strategisk niveau d. 12-09-2025**\n\n\
             **Mødedato** Fredag d. 12. september 2025 kl. 10:30\n",
        )
        .expect("header");
        assert_eq!(header.forum.kind, ForumKind::Sundhedsklynge);
        assert_eq!(header.forum.name, "Sundhedsklynge Sydvestjylland");
        assert_eq!(header.forum.klynge, "Sydvestjylland");
        assert_eq!(header.title_niveau, Some(Niveau::FagligtStrategisk));
        assert_eq!(
            header.dato,
            NaiveDate::from_ymd_opt(2025, 9, 12).expect("valid")
        );
        assert_eq!(header.starts_at, NaiveTime::from_hms_opt(10, 30, 0));
        assert!(header.warnings.is_empty(), "{:?}", header.warnings);
    }

    #[test]
    fn sundhedsraad_and_direktoerkreds_and_other_forums_are_named() {
        let raad = header_of("REFERAT Sundhedsråd Sønderjylland d. 03-02-2026").expect("header");
        assert_eq!(raad.forum.kind, ForumKind::Sundhedsraad);
        assert_eq!(raad.forum.klynge, "Sønderjylland");
        let kreds = header_of("REFERAT Sundhedsdirektørkredsen d. 07-02-2024").expect("header");
        assert_eq!(kreds.forum.kind, ForumKind::Sundhedsdirektoerkreds);
        assert_eq!(kreds.forum.klynge, "Sundhedsdirektørkredsen");
        let other =
            header_of("REFERAT Strategisk Sundhedsstyregruppe d. 29-01-2024").expect("header");
        assert_eq!(other.forum.kind, ForumKind::Andet);
        assert_eq!(other.forum.name, "Strategisk Sundhedsstyregruppe");
    }

    #[test]
    fn wrong_weekday_and_other_date_in_moededato_are_warnings() {
        let header = header_of(
            "REFERAT Sundhedsklynge Sydvestjylland d. 11-11-2024\n\
             Mødedato Tirsdag d. 12. november 2024 kl. 13:30\n",
        )
        .expect("a mismatch is not a failure");
        assert_eq!(
            header.dato,
            NaiveDate::from_ymd_opt(2024, 11, 11).expect("valid")
        );
        assert_eq!(header.warnings.len(), 2, "{:?}", header.warnings);
        assert!(header.warnings[0].contains("not the title's date"));
        assert!(header.warnings[1].contains("tirsdag"));
    }

    #[test]
    fn missing_title_and_missing_date_are_errors() {
        assert_eq!(header_of("Mødedato i går"), Err(ParseError::NoTitle));
        assert_eq!(
            header_of("REFERAT Sundhedsklynge Fyn"),
            Err(ParseError::NoDate("REFERAT Sundhedsklynge Fyn".to_string()))
        );
    }

    #[test]
    fn title_without_date_takes_moededato_with_a_warning() {
        let header = header_of("REFERAT Sundhedsklynge Fyn\nMødedato Mandag d. 11. november 2024")
            .expect("header");
        assert_eq!(
            header.dato,
            NaiveDate::from_ymd_opt(2024, 11, 11).expect("valid")
        );
        assert_eq!(header.warnings.len(), 1);
    }

    #[test]
    fn participants_on_lines_below_the_label_are_read() {
        let header = header_of(
            "REFERAT Sundhedsklynge Fyn d. 11-11-2024\nMødedeltagere\nBo Libergren, V\nSys Melchior, PLO (Fravær)\n",
        )
        .expect("header");
        assert_eq!(header.participants.len(), 2);
        assert!(header.participants[1].absent);
    }

    #[test]
    fn a_participant_list_wrapped_onto_the_next_lines_is_one_list() {
        let header = header_of(
            "REFERAT Sundhedsklynge Fyn d. 11-11-2024\nMødedeltagere Bo Libergren, V, Mette With\nHagensen, A, Sys Melchior,\nPLO (Fravær)\n\nTekst.\n",
        )
        .expect("header");
        let names: Vec<&str> = header
            .participants
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["Bo Libergren", "Mette With Hagensen", "Sys Melchior"]
        );
        assert!(header.participants[2].absent);
    }

    #[test]
    fn toc_lines_are_read_into_toc() {
        let header = header_of(
            "REFERAT Sundhedsklynge Fyn d. 11-11-2024\n## Indholdsfortegnelse\nVelkomst.....\t3\nEventuelt\t15\n",
        )
        .expect("header");
        assert_eq!(header.toc.len(), 2);
        assert_eq!(header.toc[1].title, "Eventuelt");
        assert_eq!(header.toc[1].page, Some(15));
    }
}
