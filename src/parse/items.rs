//! The agenda: from the first "Punkt N" heading to the end of the file, every line goes to
//! exactly one item and section. An item starts at a heading whose number is higher than
//! the last; the case number line may follow it; text before any section heading becomes a
//! [`SectionKind::Tekst`] section; any other sub-heading stays inside the current section
//! as its own paragraph. Seed 003's layout (Beslutning first, then the title repeated
//! before RESUMÉ …) is handled by recognising the repeated title as structure.

use std::borrow::Cow;

use super::dates;
use super::lines::{self, SectionHeading};
use super::markdown;
use super::LineRole;
use crate::model::{AgendaItem, Enrichment, Section, SectionKind};

/// A repeated title shares at least this share of its words with the item title.
const REPEATED_TITLE_SIMILARITY: f64 = 0.5;

/// One section while its lines are collected.
#[derive(Debug)]
struct SectionBuilder {
    kind: SectionKind,
    heading: String,
    paragraphs: Vec<String>,
    current: Vec<String>,
}

impl SectionBuilder {
    fn new(kind: SectionKind, heading: String) -> SectionBuilder {
        SectionBuilder {
            kind,
            heading,
            paragraphs: Vec::new(),
            current: Vec::new(),
        }
    }

    fn push_line(&mut self, line: String) {
        self.current.push(line);
    }

    fn end_paragraph(&mut self) {
        if !self.current.is_empty() {
            self.paragraphs.push(self.current.join("\n"));
            self.current.clear();
        }
    }

    /// A sub-heading: its own paragraph, so it reads as a heading in the text.
    fn push_paragraph(&mut self, text: String) {
        self.end_paragraph();
        self.paragraphs.push(text);
    }

    fn finish(mut self) -> Section {
        self.end_paragraph();
        Section {
            kind: self.kind,
            heading: self.heading,
            text: self.paragraphs.join("\n\n"),
        }
    }
}

/// One item while its lines are collected.
#[derive(Debug)]
struct ItemBuilder {
    number: u32,
    title: String,
    case_number: Option<String>,
    sections: Vec<SectionBuilder>,
    /// Until a blank line: the heading may go on (a long title wrapped over two lines).
    title_open: bool,
}

impl ItemBuilder {
    fn finish(self) -> AgendaItem {
        let times = dates::split_title_times(&self.title);
        AgendaItem {
            number: self.number,
            title: times.title,
            time_slot: times.time_slot,
            duration_minutes: times.duration_minutes,
            case_number: self.case_number,
            sections: self
                .sections
                .into_iter()
                .map(SectionBuilder::finish)
                .collect(),
            enrichment: Enrichment::default(),
        }
    }

    /// The section body lines go to, opening a Tekst section if none is open.
    fn open_section(&mut self) -> (usize, &mut SectionBuilder) {
        if self.sections.is_empty() {
            self.sections
                .push(SectionBuilder::new(SectionKind::Tekst, String::new()));
        }
        let index = self.sections.len() - 1;
        (index, &mut self.sections[index])
    }
}

/// Reads the items from `lines`, the first of which is index `offset` of the file; the
/// first line is an item heading. Fills `roles` (indexed by file line) and `warnings`.
pub fn read_items(
    lines: &[&str],
    offset: usize,
    roles: &mut [LineRole],
    warnings: &mut Vec<String>,
) -> Vec<AgendaItem> {
    let mut items: Vec<ItemBuilder> = Vec::new();
    for index in 0..lines.len() {
        let role = read_line(lines, index, &mut items, warnings, offset);
        if let Some(slot) = roles.get_mut(offset + index) {
            *slot = role;
        }
    }
    items.into_iter().map(ItemBuilder::finish).collect()
}

/// Reads one line into the items so far and says what it was.
fn read_line(
    lines: &[&str],
    index: usize,
    items: &mut Vec<ItemBuilder>,
    warnings: &mut Vec<String>,
    offset: usize,
) -> LineRole {
    let line = lines[index];
    // Markdown is removed once per line; every test below reads this.
    let text = markdown::strip_line_cow(line);
    if let Some(heading) = lines::item_heading_in(text.trim()) {
        let last = items.last().map_or(0, |item| item.number);
        if heading.number > last {
            items.push(ItemBuilder {
                number: heading.number,
                title: heading.title,
                case_number: None,
                sections: Vec::new(),
                title_open: true,
            });
            return LineRole::ItemHeading {
                item: items.len() - 1,
            };
        }
        warnings.push(format!(
            "line {}: `{}` does not follow item {last}; kept as text",
            offset + index + 1,
            markdown::plain(line)
        ));
    }
    let item_index = items.len().saturating_sub(1);
    let Some(item) = items.last_mut() else {
        // Unreachable in practice (the caller starts at an item heading); be safe anyway.
        return LineRole::Blank;
    };
    read_item_line(lines, index, item, item_index, text)
}

/// A line inside an item: blank, case number, section heading, repeated title or body.
fn read_item_line(
    lines: &[&str],
    index: usize,
    item: &mut ItemBuilder,
    item_index: usize,
    text: Cow<'_, str>,
) -> LineRole {
    let line = lines[index];
    let plain = text.trim();
    let title_open = std::mem::replace(&mut item.title_open, false);
    if line.trim().is_empty() {
        if let Some(section) = item.sections.last_mut() {
            section.end_paragraph();
        }
        return LineRole::Blank;
    }
    if plain.is_empty() {
        return LineRole::Markup { item: item_index };
    }
    if item.sections.is_empty() && item.case_number.is_none() {
        if let Some(case) = lines::case_number_in(plain) {
            item.case_number = Some(case);
            return LineRole::CaseNumber { item: item_index };
        }
    }
    if let Some(heading) = lines::section_heading_in(line, plain) {
        return start_section(item, item_index, heading);
    }
    if title_open {
        // The line right under the heading, with no blank between: the title wrapped. A wrap
        // after a hyphen ("ny 2030-" / "fremskrivning") keeps the hyphen and adds no space.
        if !item.title.ends_with('-') || item.title.ends_with(" -") {
            item.title.push(' ');
        }
        item.title.push_str(plain);
        item.title_open = true;
        return LineRole::ItemHeading { item: item_index };
    }
    if is_repeated_title(lines, index, item, plain) {
        return LineRole::RepeatedTitle { item: item_index };
    }
    let is_sub_heading = markdown::heading_level(line) > 0;
    let (section, builder) = item.open_section();
    if is_sub_heading {
        builder.push_paragraph(plain.to_string());
    } else {
        builder.push_line(text.into_owned());
    }
    LineRole::Body {
        item: item_index,
        section,
    }
}

fn start_section(item: &mut ItemBuilder, item_index: usize, heading: SectionHeading) -> LineRole {
    let mut builder = SectionBuilder::new(heading.kind, heading.heading);
    let inline = heading.inline.is_some();
    if let Some(text) = heading.inline {
        builder.push_line(text);
    }
    item.sections.push(builder);
    let section = item.sections.len() - 1;
    if inline {
        LineRole::InlineSection {
            item: item_index,
            section,
        }
    } else {
        LineRole::SectionHeading {
            item: item_index,
            section,
        }
    }
}

/// Seed 003 repeats the item title between the decision and RESUMÉ: a line like the title,
/// after some section, right before a section heading.
fn is_repeated_title(lines: &[&str], index: usize, item: &ItemBuilder, text: &str) -> bool {
    let line = lines[index];
    if item.sections.is_empty() || markdown::is_list_item(line) {
        return false;
    }
    if text.ends_with('.') || text.chars().count() > 300 {
        return false;
    }
    let next = lines[index + 1..].iter().find(|l| !l.trim().is_empty());
    let before_heading = next
        .and_then(|l| lines::section_heading(l))
        .is_some_and(|h| h.inline.is_none());
    before_heading && word_similarity(text, &item.title) >= REPEATED_TITLE_SIMILARITY
}

/// Share of words two titles have in common (against the longer of the two).
fn word_similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 0.0;
    }
    let common = a.iter().filter(|w| b.contains(w)).count();
    common as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items_of(text: &str) -> Vec<AgendaItem> {
        let lines: Vec<&str> = text.lines().collect();
        let mut roles = vec![LineRole::Blank; lines.len()];
        read_items(&lines, 0, &mut roles, &mut Vec::new())
    }

    #[test]
    fn text_before_any_section_heading_is_a_tekst_section() {
        let items =
            items_of("Punkt 1: Velkomst\n\nChristine deltager.\n\n### Beslutning\n\nGodt.\n");
        let kinds: Vec<_> = items[0].sections.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [SectionKind::Tekst, SectionKind::Beslutning]);
        assert_eq!(items[0].sections[0].text, "Christine deltager.");
    }

    #[test]
    fn sub_headings_stay_in_the_section_as_their_own_paragraph() {
        let items = items_of("Punkt 4: Plan\n### Sagsfremstilling\nA.\n#### Lægedækning\nB.\nC.\n");
        assert_eq!(items[0].sections.len(), 1);
        assert_eq!(items[0].sections[0].text, "A.\n\nLægedækning\n\nB.\nC.");
    }

    #[test]
    fn a_title_wrapped_onto_the_next_line_is_one_title() {
        let items = items_of(
            "Punkt 2: Svar på forslag om at sikre Havnens\nPerles fremtid på Aarhus Ø\n22/43402\n\nTekst.\n",
        );
        assert_eq!(
            items[0].title,
            "Svar på forslag om at sikre Havnens Perles fremtid på Aarhus Ø"
        );
        assert_eq!(items[0].case_number.as_deref(), Some("22/43402"));
        assert_eq!(items[0].sections[0].text, "Tekst.");
    }

    #[test]
    fn a_title_wrapped_after_a_hyphen_keeps_it_without_a_space() {
        let items = items_of("Punkt 7: Orientering om ny 2030-\nfremskrivning\n");
        assert_eq!(items[0].title, "Orientering om ny 2030-fremskrivning");
    }

    #[test]
    fn a_line_after_a_blank_under_the_heading_is_text_not_title() {
        let items = items_of("Punkt 2: Opfølgning\n\nPerles fremtid.\n");
        assert_eq!(items[0].title, "Opfølgning");
        assert_eq!(items[0].sections[0].text, "Perles fremtid.");
    }

    #[test]
    fn an_item_without_body_is_still_an_item() {
        let items = items_of("## Punkt 6: Pause\n\n# Punkt 7: Videre, kl. 12.10-12.30\n");
        assert_eq!(items.len(), 2);
        assert!(items[0].sections.is_empty());
        assert_eq!(items[1].title, "Videre");
        assert!(items[1].time_slot.is_some());
    }

    #[test]
    fn a_lower_or_repeated_item_number_is_text_with_a_warning() {
        let lines = ["Punkt 2: B", "Resumé", "Punkt 1: A"];
        let mut roles = vec![LineRole::Blank; 3];
        let mut warnings = Vec::new();
        let items = read_items(&lines, 0, &mut roles, &mut warnings);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].sections[0].text, "Punkt 1: A");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn repeated_title_before_resume_is_structure_not_text() {
        let items = items_of(
            "Punkt 4: Orientering om implementeringsplan for Sundhedsaftalen 2024-2027\n\
             Beslutning\nTaget til efterretning.\n\n\
             Orientering om implementeringsplan til Sundhedsaftalen 2024-27\n\nRESUMÉ\nKort.\n",
        );
        let sections = &items[0].sections;
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].text, "Taget til efterretning.");
        assert_eq!(sections[1].kind, SectionKind::Resume);
    }
}
