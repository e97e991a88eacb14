//! The material a generated referat is made of, harvested from the seed referater: item
//! titles, paragraphs by section, places, participant lists and absentee lines. Real Danish
//! text keeps term statistics (word lengths, stems, compounds, stop words) realistic.
//!
//! Harvesting is a deliberately simple line scan, not the real parser: it only has to sort
//! paragraphs into bins, and it drops any paragraph the parser could read as structure (an
//! item heading, a section heading, a case number, a header field), so that a generated
//! file has exactly the items and sections the generator wrote.

use std::collections::HashSet;

use super::GenerateError;
use crate::model::SectionKind;

/// Paragraphs of the seeds, binned by the section they came from.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    pub titles: Vec<String>,
    pub resume: Vec<String>,
    pub sagsfremstilling: Vec<String>,
    /// Without the line saying whom the Indstilling addresses: the generator writes that
    /// line itself, because the parser infers a meeting's niveau from it.
    pub indstilling: Vec<String>,
    pub beslutning: Vec<String>,
    pub bilag: Vec<String>,
    pub places: Vec<String>,
    pub deltagere: Vec<String>,
    pub fravaerende: Vec<String>,
}

impl Pool {
    /// Harvest the seed texts. Fails when a bin the generator needs stays empty.
    pub fn harvest(texts: &[String]) -> Result<Pool, GenerateError> {
        let mut pool = Pool::default();
        for text in texts {
            pool.harvest_one(text);
        }
        pool.check()?;
        Ok(pool)
    }

    fn harvest_one(&mut self, text: &str) {
        let titles: HashSet<String> = text.lines().filter_map(item_title).collect();
        let mut section: Option<SectionKind> = None;
        let mut block: Vec<String> = Vec::new();
        for raw in text.lines().chain(std::iter::once("")) {
            let line = strip_markdown(raw);
            if line.is_empty() {
                self.keep_block(section, &mut block, &titles);
                continue;
            }
            if let Some(title) = item_title(raw) {
                self.keep_block(section, &mut block, &titles);
                push_unique(&mut self.titles, title);
                section = None;
            } else if let Some((kind, rest)) = heading(&line) {
                self.keep_block(section, &mut block, &titles);
                self.keep_header_field(kind, rest);
                section = kind;
            } else if let Some(rest) = header_field(&line, "Mødested") {
                push_unique(&mut self.places, rest.to_string());
            } else if let Some(rest) = header_field(&line, "Mødedeltagere") {
                push_unique(&mut self.deltagere, rest.to_string());
            } else {
                block.push(line);
            }
        }
    }

    fn keep_header_field(&mut self, kind: Option<SectionKind>, rest: &str) {
        if kind == Some(SectionKind::Fravaerende) && !rest.is_empty() {
            push_unique(&mut self.fravaerende, rest.to_string());
        }
    }

    fn keep_block(
        &mut self,
        section: Option<SectionKind>,
        block: &mut Vec<String>,
        titles: &HashSet<String>,
    ) {
        let lines = std::mem::take(block);
        let Some(kind) = section.filter(|_| !lines.is_empty()) else {
            return;
        };
        if lines.iter().any(|line| !is_plain_text(line, titles)) {
            return;
        }
        if kind == SectionKind::Indstilling && lines.iter().any(|l| l.contains("indstille")) {
            return;
        }
        let bin = match kind {
            SectionKind::Resume => &mut self.resume,
            SectionKind::Sagsfremstilling => &mut self.sagsfremstilling,
            SectionKind::Indstilling => &mut self.indstilling,
            SectionKind::Beslutning => &mut self.beslutning,
            SectionKind::Bilag => &mut self.bilag,
            SectionKind::Tekst | SectionKind::Fravaerende => return,
        };
        push_unique(bin, lines.join("\n"));
    }

    fn check(&self) -> Result<(), GenerateError> {
        let bins = [
            ("item titles", self.titles.len()),
            ("Resumé paragraphs", self.resume.len()),
            ("Sagsfremstilling paragraphs", self.sagsfremstilling.len()),
            ("Indstilling paragraphs", self.indstilling.len()),
            ("Beslutning paragraphs", self.beslutning.len()),
            ("Bilag paragraphs", self.bilag.len()),
            ("Mødested lines", self.places.len()),
            ("Mødedeltagere lines", self.deltagere.len()),
            ("Fraværende lines", self.fravaerende.len()),
        ];
        match bins.iter().find(|(_, count)| *count == 0) {
            Some((what, _)) => Err(GenerateError::ThinSeeds(what.to_string())),
            None => Ok(()),
        }
    }
}

fn push_unique(bin: &mut Vec<String>, value: String) {
    if !bin.contains(&value) {
        bin.push(value);
    }
}

/// A line without markdown heading marks and emphasis, trimmed.
fn strip_markdown(line: &str) -> String {
    let without_hashes = line.trim().trim_start_matches('#').trim();
    without_hashes.replace("**", "").trim().to_string()
}

/// "## **Punkt 3: Opfølgning på lægedækning, kl. 10.30-10.45**" → the bare title.
fn item_title(raw: &str) -> Option<String> {
    let line = strip_markdown(raw);
    let rest = line.strip_prefix("Punkt ")?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let title = rest[digits..].trim_start_matches([':', '.', '-', ' ']);
    let title = title.split(", kl. ").next().unwrap_or(title);
    let title = match title.rfind(" (") {
        Some(at) if title.ends_with("min)") => &title[..at],
        _ => title,
    };
    let title = title.trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// The section a heading line opens and any text after the keyword on the same line.
/// `None` as kind means a header heading (Indholdsfortegnelse) that ends the current bin.
fn heading(line: &str) -> Option<(Option<SectionKind>, &str)> {
    let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
    let kind = match word.to_lowercase().as_str() {
        "resumé" | "resume" | "resumè" => SectionKind::Resume,
        "sagsfremstilling" => SectionKind::Sagsfremstilling,
        "indstilling" => SectionKind::Indstilling,
        "beslutning" => SectionKind::Beslutning,
        "bilag" if rest.is_empty() => SectionKind::Bilag,
        "fraværende" => SectionKind::Fravaerende,
        "indholdsfortegnelse" | "referat" | "mødedato" => return Some((None, "")),
        _ => return None,
    };
    Some((Some(kind), rest.trim()))
}

fn header_field<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(name)?;
    rest.starts_with(' ').then(|| rest.trim())
}

/// Whether a harvested line is safe to reuse as body text: nothing the parser could take
/// for structure, and not a copy of an item title (seed 003 repeats titles as structure).
fn is_plain_text(line: &str, titles: &HashSet<String>) -> bool {
    let first_word = line.split_whitespace().next().unwrap_or("");
    let looks_like_case_number = line.len() <= 12
        && line.contains('/')
        && line.chars().all(|c| c.is_ascii_digit() || c == '/');
    !(heading(line).is_some()
        || item_title(line).is_some()
        || first_word.eq_ignore_ascii_case("punkt")
        || looks_like_case_number
        || line.contains(".....")
        || titles.contains(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Vec<String> {
        super::super::read_seed_texts(&super::super::default_seeds_dir()).unwrap_or_default()
    }

    #[test]
    fn titles_lose_markdown_time_slots_and_durations() {
        assert_eq!(
            item_title("## **Punkt 2: Status på sundhedsreformen, kl. 10.30-10.45**").as_deref(),
            Some("Status på sundhedsreformen")
        );
        assert_eq!(
            item_title("# Punkt 1: Indsatser for sikring af lægedækning (15 min)").as_deref(),
            Some("Indsatser for sikring af lægedækning")
        );
        assert_eq!(item_title("Punktet blev drøftet"), None);
    }

    #[test]
    fn harvest_of_the_seeds_fills_every_bin() {
        let pool = Pool::harvest(&seeds()).unwrap_or_default();
        assert!(pool.titles.len() >= 30, "titles: {}", pool.titles.len());
        assert!(pool.sagsfremstilling.len() >= 50);
        assert!(pool.places.len() >= 4);
        assert!(!pool.fravaerende.is_empty() && !pool.deltagere.is_empty());
    }

    #[test]
    fn harvested_paragraphs_hold_no_structure_lines() {
        let pool = Pool::harvest(&seeds()).unwrap_or_default();
        let all = [
            &pool.resume,
            &pool.sagsfremstilling,
            &pool.indstilling,
            &pool.beslutning,
        ];
        for paragraph in all.into_iter().flatten() {
            for line in paragraph.lines() {
                assert!(!line.starts_with("Punkt "), "{line}");
                assert!(heading(line).is_none(), "{line}");
            }
        }
        assert!(pool.indstilling.iter().all(|p| !p.contains("indstille")));
    }

    #[test]
    fn too_little_seed_text_is_refused_with_what_is_missing() {
        let thin = vec!["REFERAT Sundhedsklynge Fyn d. 01-02-2024\n\nPunkt 1: Velkomst\n".into()];
        let err = Pool::harvest(&thin).map(|_| ()).unwrap_err();
        assert!(err.to_string().contains("Resumé"), "{err}");
    }
}
