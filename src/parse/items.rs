//! The agenda: from the first item heading (in the referat's [`ItemStyle`]) to the end of
//! the file, every line goes to exactly one item and section. An item starts at a heading
//! whose number may follow the last (see [`ItemStyle::follows`]); a title wrapped over the
//! next lines (no blank line, not a structure line) is joined; the case number line may
//! follow the heading, or precede it as `Sagsnr. …`; text before any section heading
//! becomes a [`SectionKind::Tekst`] section; any other sub-heading stays inside the current
//! section as its own paragraph. Seed 003's layout (Beslutning first, then the title
//! repeated before RESUMÉ …) is handled by recognising the repeated title as structure.

use std::borrow::Cow;

use super::headings::{self, ItemHeading, ItemStyle};
use super::sections::{self, SectionHeading};
use super::{dates, lines, markdown, LineRole};
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
}

impl ItemBuilder {
    fn finish(self) -> AgendaItem {
        let times = dates::split_title_times(&self.title);
        AgendaItem {
            number: self.number,
            title: headings::clean_title(&times.title),
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

/// The items while they are read, and a `Sagsnr.` line waiting for its item's heading.
struct Reader<'a> {
    lines: &'a [&'a str],
    offset: usize,
    style: ItemStyle,
    items: Vec<ItemBuilder>,
    pending_case: Option<String>,
    warnings: &'a mut Vec<String>,
}

/// Reads the items from `lines`, the first of which is index `offset` of the file; the
/// first line is an item heading or the `Sagsnr.` line before one. Fills `roles` (indexed
/// by file line) and `warnings`.
pub fn read_items(
    lines: &[&str],
    offset: usize,
    style: ItemStyle,
    roles: &mut [LineRole],
    warnings: &mut Vec<String>,
) -> Vec<AgendaItem> {
    let mut reader = Reader {
        lines,
        offset,
        style,
        items: Vec::new(),
        pending_case: None,
        warnings,
    };
    let mut index = 0;
    while index < lines.len() {
        let (role, extra) = reader.read_line(index);
        for (at, line_role) in (index..=index + extra).zip(extra_roles(role, extra)) {
            if let Some(slot) = roles.get_mut(offset + at) {
                *slot = line_role;
            }
        }
        index += extra + 1;
    }
    reader.items.into_iter().map(ItemBuilder::finish).collect()
}

/// The role of a line and of the `extra` lines its heading took (the wrapped title).
fn extra_roles(role: LineRole, extra: usize) -> impl Iterator<Item = LineRole> {
    std::iter::once(role).chain(std::iter::repeat_n(role, extra))
}

impl Reader<'_> {
    /// Reads one line (and a heading's wrapped title) and says what it was.
    fn read_line(&mut self, index: usize) -> (LineRole, usize) {
        let line = self.lines[index];
        // Markdown is removed once per line; every test below reads this.
        let text = markdown::strip_line_cow(line);
        let plain = text.trim();
        if let Some(heading) = self.style.heading(plain) {
            if let Some(read) = self.start_item(index, heading) {
                return read;
            }
        }
        if let Some(case) = lines::sagsnr_in(plain) {
            if self.next_is_item(index) {
                self.pending_case = Some(case);
                let item = self.items.len();
                return (LineRole::CaseNumber { item }, 0);
            }
        }
        let item_index = self.items.len().saturating_sub(1);
        let Some(item) = self.items.last_mut() else {
            // Unreachable in practice (the caller starts at an item); be safe anyway.
            return (LineRole::Blank, 0);
        };
        (read_item_line(self.lines, index, item, item_index, text), 0)
    }

    /// Opens the item `heading` names if its number may follow the last; warns about a jump
    /// or (in a style that names items) a number that does not rise.
    fn start_item(&mut self, index: usize, heading: ItemHeading) -> Option<(LineRole, usize)> {
        let last = self.items.last().map(|item| item.number);
        let line_number = self.offset + index + 1;
        let after_sagsnr = self.pending_case.is_some();
        // After a `Sagsnr.` line any higher number is an item (numbers may skip there).
        let allowed = self.style.follows(last, heading.number)
            || (after_sagsnr && last < Some(heading.number));
        if !allowed {
            if self.style.names_items() {
                self.warnings.push(format!(
                    "line {line_number}: `{}` does not follow item {}; kept as text",
                    markdown::plain(self.lines[index]),
                    last.unwrap_or(0)
                ));
            }
            return None;
        }
        if let Some(last) = last.filter(|&last| heading.number > last.saturating_add(1)) {
            self.warnings.push(format!(
                "line {line_number}: item {} follows item {last}; the numbers between are missing",
                heading.number
            ));
        }
        let (title, extra) = headings::wrapped_title(self.lines, index, heading.title);
        self.items.push(ItemBuilder {
            number: heading.number,
            title,
            case_number: self.pending_case.take(),
            sections: Vec::new(),
        });
        let item = self.items.len() - 1;
        Some((LineRole::ItemHeading { item }, extra))
    }

    /// The next non-blank line is an item heading that may follow the last item.
    fn next_is_item(&self, index: usize) -> bool {
        let last = self.items.last().map(|item| item.number);
        self.lines[index + 1..]
            .iter()
            .find(|line| !line.trim().is_empty())
            .and_then(|line| self.style.heading(&markdown::plain_cow(line)))
            .is_some_and(|h| last.is_none_or(|last| h.number > last))
    }
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
        if let Some(case) = lines::case_number_in(plain).or_else(|| lines::sagsnr_in(plain)) {
            item.case_number = Some(case);
            return LineRole::CaseNumber { item: item_index };
        }
    }
    let current = item.sections.last().map(|section| section.kind);
    if let Some(heading) = sections::section_heading_in(line, plain) {
        // An attachment may be called "Indstilling": in a Bilag list it is a name.
        let attachment = current == Some(SectionKind::Bilag)
            && heading.inline.is_none()
            && heading.kind == SectionKind::Indstilling;
        let sub_heading =
            current == Some(heading.kind) && sections::is_other_name(&heading.heading);
        if !attachment && !sub_heading {
            return start_section(item, item_index, heading);
        }
    }
    let paragraph_start = index == 0 || lines[index - 1].trim().is_empty();
    if paragraph_start
        && current != Some(SectionKind::Indstilling)
        && sections::opens_recommendation(plain)
    {
        let heading = SectionHeading {
            kind: SectionKind::Indstilling,
            heading: String::new(),
            inline: Some(text.into_owned()),
        };
        return start_section(item, item_index, heading);
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
        .and_then(|l| sections::section_heading(l))
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
        read_items(&lines, 0, ItemStyle::Punkt, &mut roles, &mut Vec::new())
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
        let items = read_items(&lines, 0, ItemStyle::Punkt, &mut roles, &mut warnings);
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
