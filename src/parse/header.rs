//! The lines before the first agenda item: the title line of the referat's family (see
//! `family`), the labelled fields (`Mødedato`, `Dato:`, `MØDE`/`STED`/`STARTTIDSPUNKT`,
//! `Mødested`, `Mødedeltagere`, `Afbud`), their values on the same line or the next, and the
//! table of contents or agenda list. Dates are cross-checked here; disagreements become
//! warnings, not failures.

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::family::{self, TitleForm, TitleLine};
use super::forum::read_forum;
use super::headings::ItemStyle;
use super::participants::read_participant_lines;
use super::{dates, lines, markdown, LineRole};
use crate::error::ParseError;
use crate::model::{Forum, Niveau, Participant, TocEntry};

/// What the header tells about a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub title: String,
    /// The family's title form (named in errors found after the header).
    pub form: TitleForm,
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

/// The labelled header fields, as written after (or below) their label.
#[derive(Debug, Default)]
struct Fields {
    moededato: Option<String>,
    moedested: Option<String>,
    moede: Option<String>,
    deltagere: Vec<String>,
    afbud: Vec<String>,
}

impl Fields {
    fn slot(&mut self, label: Label) -> &mut Option<String> {
        match label {
            Label::Moede => &mut self.moede,
            Label::Moedested => &mut self.moedested,
            _ => &mut self.moededato,
        }
    }
}

/// Reads the header lines (everything before the first item); fills their roles. `style`
/// is the item style found in the whole text (named in errors).
pub fn read_header(
    lines: &[&str],
    roles: &mut [LineRole],
    style: Option<ItemStyle>,
) -> Result<Header, ParseError> {
    let mut title = family::find_title(lines).ok_or(ParseError::NoTitle {
        nearest: style.map(family::style_family),
    })?;
    if title.form == TitleForm::Alone {
        family::extend_alone(lines, &mut title);
    }
    for &index in &title.lines {
        set_role(roles, index, LineRole::Title);
    }
    let mut warnings = Vec::new();
    let mut toc = Vec::new();
    let fields = read_fields(lines, &title.lines, style, roles, &mut toc, &mut warnings);
    let dato = meeting_date(&title, &fields, &mut warnings)?;
    let forum_text = title.forum_text.as_deref().or(fields.moede.as_deref());
    let Some((forum, title_niveau)) = forum_text.map(read_forum) else {
        return Err(ParseError::NoForum {
            family: family::form_family(title.form),
        });
    };
    let mut participants = read_participant_lines(&fields.deltagere, false);
    participants.extend(read_participant_lines(&fields.afbud, true));
    Ok(Header {
        forum,
        title_niveau,
        dato,
        starts_at: fields
            .moededato
            .as_deref()
            .and_then(dates::find_clock)
            .or_else(|| dates::find_clock(&title.text)),
        place: fields.moedested.filter(|p| !p.is_empty()),
        participants,
        toc,
        warnings,
        form: title.form,
        title: title.text,
    })
}

/// The title's date, else the labelled one (FirstAgenda's title always has one, so there
/// its absence is a warning); Mødedato is cross-checked with it.
fn meeting_date(
    title: &TitleLine,
    fields: &Fields,
    warnings: &mut Vec<String>,
) -> Result<NaiveDate, ParseError> {
    let labelled = fields.moededato.as_deref().and_then(dates::find_date);
    let dato = match dates::find_date(&title.text) {
        Some(date) => date,
        None => {
            let date = labelled.ok_or_else(|| ParseError::NoDate {
                family: family::form_family(title.form),
                title: title.text.clone(),
            })?;
            if title.form == TitleForm::Referat {
                warnings.push(format!(
                    "the title line has no date; took `{date}` from Mødedato"
                ));
            }
            date
        }
    };
    if let Some(text) = &fields.moededato {
        check_meeting_date(text, dato, warnings);
    }
    Ok(dato)
}

fn set_role(roles: &mut [LineRole], index: usize, role: LineRole) {
    if let Some(slot) = roles.get_mut(index) {
        *slot = role;
    }
}

/// Which list of people the lines below a label go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    /// A label with its value on the next line.
    Value(Label),
    People(Label),
    /// A list of people on the label's line, which a PDF may wrap onto the next lines.
    Wrapped(Label),
}

/// Walks the lines after the title: labelled fields, the table of contents (or an agenda
/// list in the item style), and anything else (kept as a warning so nothing is dropped
/// silently).
fn read_fields(
    lines: &[&str],
    title_lines: &[usize],
    style: Option<ItemStyle>,
    roles: &mut [LineRole],
    toc: &mut Vec<TocEntry>,
    warnings: &mut Vec<String>,
) -> Fields {
    let mut fields = Fields::default();
    let mut open = Open::Nothing;
    for (index, line) in lines.iter().enumerate() {
        let text = markdown::plain(line);
        if title_lines.contains(&index) {
            continue;
        }
        if text.is_empty() {
            // A blank line ends a list of people once it has begun.
            open = match open {
                Open::People(label) if fields.people(label).is_empty() => open,
                Open::Value(_) => open,
                _ => Open::Nothing,
            };
            continue;
        }
        let role = read_field_line(&text, style, &mut open, &mut fields, toc);
        if role == LineRole::HeaderText {
            warnings.push(format!("text before the first item was not read: `{text}`"));
        }
        set_role(roles, index, role);
    }
    fields
}

/// One non-blank header line: a label, a value below one, a contents line, or text.
fn read_field_line(
    text: &str,
    style: Option<ItemStyle>,
    open: &mut Open,
    fields: &mut Fields,
    toc: &mut Vec<TocEntry>,
) -> LineRole {
    if let Some((label, value)) = labelled(text) {
        *open = match label {
            Label::Deltagere | Label::Afbud if value.is_empty() => Open::People(label),
            Label::Deltagere | Label::Afbud => {
                fields.people(label).push(value);
                Open::Wrapped(label)
            }
            _ if value.is_empty() => Open::Value(label),
            _ => {
                *fields.slot(label) = Some(value);
                Open::Nothing
            }
        };
        return LineRole::HeaderField;
    }
    match *open {
        Open::Value(label) => {
            *fields.slot(label) = Some(text.to_string());
            *open = Open::Nothing;
            return LineRole::HeaderField;
        }
        Open::People(label) => {
            fields.people(label).push(text.to_string());
            return LineRole::HeaderField;
        }
        Open::Wrapped(label) => {
            if let Some(list) = fields.people(label).last_mut() {
                list.push(' ');
                list.push_str(text);
            }
            return LineRole::HeaderField;
        }
        Open::Nothing => {}
    }
    if text.eq_ignore_ascii_case("indholdsfortegnelse") || text.eq_ignore_ascii_case("dagsorden") {
        return LineRole::TocHeading;
    }
    if let Some((title, page)) = lines::toc_entry(text) {
        toc.push(TocEntry { title, page });
        return LineRole::TocEntry;
    }
    // The agenda list before the items: the item headings without page numbers.
    if let Some(heading) = style.and_then(|style| style.heading(text)) {
        toc.push(TocEntry {
            title: heading.title,
            page: None,
        });
        return LineRole::TocEntry;
    }
    LineRole::HeaderText
}

impl Fields {
    fn people(&mut self, label: Label) -> &mut Vec<String> {
        if label == Label::Afbud {
            &mut self.afbud
        } else {
            &mut self.deltagere
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Moededato,
    Moedested,
    Moede,
    Deltagere,
    Afbud,
}

/// "Mødedato Mandag d. …", "Dato: …", "STARTTIDSPUNKT", "Mødested: …", "MØDE",
/// "Mødedeltagere …", "Afbud:" → label and value (empty when it is on the next line).
fn labelled(text: &str) -> Option<(Label, String)> {
    let (word, rest) = text
        .split_once(|c: char| c.is_whitespace() || c == ':')
        .unwrap_or((text, ""));
    // The words are `family::LABEL_WORDS`, in that order.
    let label = match word.to_lowercase().as_str() {
        "mødedato" | "dato" | "starttidspunkt" | "mødetidspunkt" | "tidspunkt" => {
            Label::Moededato
        }
        "mødested" | "sted" => Label::Moedested,
        "møde" => Label::Moede,
        "mødedeltagere" | "deltagere" | "medlemmer" => Label::Deltagere,
        "afbud" | "fraværende" => Label::Afbud,
        _ => return None,
    };
    let value = rest.trim_start_matches([':', ' ', '\t']).trim();
    // "Møde" followed by a sentence is prose, not the label.
    if label == Label::Moede && value.ends_with('.') {
        return None;
    }
    Some((label, value.to_string()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ForumKind;

    fn header_of(text: &str) -> Result<Header, ParseError> {
        let lines: Vec<&str> = text.lines().collect();
        let mut roles = vec![LineRole::Blank; lines.len()];
        read_header(&lines, &mut roles, None)
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
        assert_eq!(
            header_of("Mødedato i går"),
            Err(ParseError::NoTitle { nearest: None })
        );
        let no_date = header_of("REFERAT Sundhedsklynge Fyn").expect_err("no date");
        assert!(
            no_date.to_string().starts_with(
                "looks like a `REFERAT <forum> d. DD-MM-YYYY` referat but has no date"
            ),
            "{no_date}"
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
            "REFERAT Sundhedsklynge Fyn d. 11-11-2024\nMødedeltagere Bo Libergren, V, Mette Bossen\n\
             Linnet, V, Sys Melchior, PLO (Fravær)\n\nMødested Odense\n",
        )
        .expect("header");
        let names: Vec<&str> = header
            .participants
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["Bo Libergren", "Mette Bossen Linnet", "Sys Melchior"]
        );
        assert!(header.warnings.is_empty(), "{:?}", header.warnings);
        assert_eq!(header.place.as_deref(), Some("Odense"));
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
