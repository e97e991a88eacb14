//! The focus-area taxonomy: labels with word patterns, loaded from a data file users can
//! edit (`data/fokusomraader.txt`, whose header documents the format), and matched on an
//! item's words. The bundled file is compiled in, so the built-in taxonomy works anywhere.

mod matcher;

use std::path::Path;

use super::words::{words, Word};
use crate::error::{Error, Result};

/// The bundled taxonomy file.
pub(crate) const BUILTIN_TAXONOMY: &str = include_str!("../../data/fokusomraader.txt");

/// One word of a pattern: `lægedækning*`, `*mistrivsel`, `kol`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct WordPattern {
    /// Lowercase, without the `*`s.
    stem: String,
    any_start: bool,
    any_end: bool,
}

/// A word or phrase: its words must occur in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    words: Vec<WordPattern>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct FocusArea {
    label: String,
    patterns: Vec<Pattern>,
}

/// The focus areas, in file order.
#[derive(Clone)]
pub struct Taxonomy {
    areas: Vec<FocusArea>,
    /// The areas compiled for matching (derived from `areas`, so left out of Debug and Eq).
    matcher: matcher::Matcher,
}

/// As derived from `areas` alone: `Enricher::fingerprint` hashes this text, so it must not
/// change with how matching is implemented.
impl std::fmt::Debug for Taxonomy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Taxonomy")
            .field("areas", &self.areas)
            .finish()
    }
}

impl PartialEq for Taxonomy {
    fn eq(&self, other: &Taxonomy) -> bool {
        self.areas == other.areas
    }
}

impl Eq for Taxonomy {}

impl Taxonomy {
    /// Read a taxonomy file (format in the header of `data/fokusomraader.txt`).
    pub fn from_file(path: &Path) -> Result<Taxonomy> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        Taxonomy::parse(&text, path)
    }

    /// Parse taxonomy text; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Taxonomy> {
        let mut areas: Vec<(usize, FocusArea)> = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line_number = index + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: String| Error::DataFile {
                path: path.to_owned(),
                message: format!("line {line_number}: {message}"),
            };
            let area = parse_line(line).map_err(bad)?;
            if let Some((first, _)) = areas.iter().find(|(_, a)| a.label == area.label) {
                let message = format!("`{}` is already defined on line {first}", area.label);
                return Err(bad(message));
            }
            areas.push((line_number, area));
        }
        let areas: Vec<FocusArea> = areas.into_iter().map(|(_, area)| area).collect();
        let matcher = matcher::Matcher::new(&areas).map_err(|message| Error::DataFile {
            path: path.to_owned(),
            message,
        })?;
        Ok(Taxonomy { areas, matcher })
    }

    /// The labels of the focus areas `text` touches, in taxonomy order.
    pub fn labels_in(&self, text: &str) -> Vec<String> {
        self.labels_in_words(text, &words(text))
    }

    /// [`Taxonomy::labels_in`] with the text's [`words`], for callers that have them already.
    pub(crate) fn labels_in_words(&self, text: &str, text_words: &[Word<'_>]) -> Vec<String> {
        self.matcher
            .areas_in(text, text_words)
            .into_iter()
            .map(|index| self.areas[index].label.clone())
            .collect()
    }

    /// All labels, in taxonomy order.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.areas.iter().map(|area| area.label.as_str())
    }
}

fn parse_line(line: &str) -> Result<FocusArea, String> {
    let Some((label, patterns)) = line.split_once(':') else {
        return Err(format!(
            "expected `Label: pattern, pattern, …`, found `{line}`"
        ));
    };
    let label = label.trim();
    if label.is_empty() {
        return Err(format!("empty label before `:` in `{line}`"));
    }
    let patterns = patterns
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(parse_pattern)
        .collect::<Result<Vec<_>, _>>()?;
    if patterns.is_empty() {
        return Err(format!("`{label}` has no pattern after `:`"));
    }
    Ok(FocusArea {
        label: label.to_owned(),
        patterns,
    })
}

fn parse_pattern(pattern: &str) -> Result<Pattern, String> {
    let pieces = pattern
        .split(|c: char| !(c.is_alphanumeric() || c == '*'))
        .filter(|piece| !piece.is_empty());
    let mut words = Vec::new();
    for piece in pieces {
        let any_start = piece.starts_with('*');
        let any_end = piece.len() > 1 && piece.ends_with('*');
        let stem = piece.trim_matches('*');
        if stem.is_empty() || stem.contains('*') {
            return Err(format!(
                "pattern `{pattern}`: `*` goes at the start or end of a word, not `{piece}`"
            ));
        }
        words.push(WordPattern {
            stem: stem.to_lowercase(),
            any_start,
            any_end,
        });
    }
    if words.is_empty() {
        return Err(format!("pattern `{pattern}` has no word"));
    }
    Ok(Pattern { words })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taxonomy(text: &str) -> Taxonomy {
        Taxonomy::parse(text, Path::new("test.txt")).expect("test taxonomy parses")
    }

    fn error_of(text: &str) -> String {
        match Taxonomy::parse(text, Path::new("fokus.txt")) {
            Ok(_) => String::from("parsed"),
            Err(err) => err.to_string(),
        }
    }

    #[test]
    fn bundled_taxonomy_parses_with_the_seed_focus_areas() {
        let builtin = Taxonomy::parse(BUILTIN_TAXONOMY, Path::new("builtin")).expect("parses");
        let labels: Vec<&str> = builtin.labels().collect();
        for expected in [
            "Kom Trygt Hjem",
            "Akutområdet",
            "Muskel- og skeletområdet",
            "Børn og unges mentale trivsel",
            "Nærhospitaler",
            "Lægedækning",
            "Sundhedsreform",
            "Demens",
            "Sundhedsaftalen",
            "Klyngemidler",
        ] {
            assert!(labels.contains(&expected), "missing {expected}");
        }
    }

    #[test]
    fn star_matches_inflections_and_compounds() {
        let t = taxonomy("Lægedækning: lægedækning*\nTrivsel: *mistrivsel");
        assert_eq!(t.labels_in("Lægedækningstruede områder"), ["Lægedækning"]);
        assert_eq!(t.labels_in("børn i psykisk mistrivsel"), ["Trivsel"]);
        assert_eq!(t.labels_in("læge dækning"), Vec::<String>::new());
    }

    #[test]
    fn phrases_match_across_hyphens_and_case() {
        let t = taxonomy(
            "Muskel- og skeletområdet: muskel og skelet*\nAkut: den mobile akutmodtagelse",
        );
        assert_eq!(
            t.labels_in("status på Muskel- og Skeletområdet og Den Mobile Akutmodtagelse"),
            ["Muskel- og skeletområdet", "Akut"]
        );
        assert_eq!(t.labels_in("muskel, ikke skelet"), Vec::<String>::new());
    }

    #[test]
    fn words_without_star_match_whole_words_only() {
        let t = taxonomy("Kronisk sygdom: KOL");
        assert_eq!(
            t.labels_in("Forløbsprogram for mennesker med KOL"),
            ["Kronisk sygdom"]
        );
        assert_eq!(t.labels_in("Kolding og protokollen"), Vec::<String>::new());
    }

    /// The plain definition: every pattern against every window of lowercased words.
    fn labels_by_scanning(taxonomy: &Taxonomy, text: &str) -> Vec<String> {
        let lower: Vec<String> = words(text).iter().map(Word::lower).collect();
        let word_matches = |p: &WordPattern, w: &str| match (p.any_start, p.any_end) {
            (false, false) => w == p.stem,
            (false, true) => w.starts_with(&p.stem),
            (true, false) => w.ends_with(&p.stem),
            (true, true) => w.contains(&p.stem),
        };
        let occurs = |pattern: &Pattern| {
            lower.windows(pattern.words.len()).any(|window| {
                pattern
                    .words
                    .iter()
                    .zip(window)
                    .all(|(p, w)| word_matches(p, w))
            })
        };
        let areas = taxonomy.areas.iter();
        let hit = areas.filter(|area| area.patterns.iter().any(occurs));
        hit.map(|area| area.label.clone()).collect()
    }

    #[test]
    fn automaton_finds_what_scanning_every_pattern_finds() {
        let builtin = Taxonomy::parse(BUILTIN_TAXONOMY, Path::new("builtin")).expect("parses");
        let custom = taxonomy(
            "A: kol, kol*, *kol, *kol*\nB: aa bb, bb*\nC: *ing og *ing\nD: x x x\n\
             E: *ål*, øæå ø*, *ÿ, ß*, µ\nF: ææææææææ*",
        );
        // A stem beyond Latin-1 sends every text down the lowercasing path.
        let greek = taxonomy("G: *σ, kol\nH: *ål*");
        let mut texts: Vec<String> = Vec::new();
        for entry in std::fs::read_dir("seeds").expect("seeds folder") {
            let path = entry.expect("seed entry").path();
            texts.push(std::fs::read_to_string(path).expect("seed text"));
        }
        texts.extend(
            [
                "KOL kolding protokol skolen aa bb bbx Aa-Bb",
                "ringning og sygepleje og ledning og ing",
                "x x  x. x x",
                "Akutmodtagelsen, den akutte patient; DEN AKUTTE PATIENT",
                "ΟΔΟΣ İKOL ẞ kol",
                "\u{212A}OL \u{212B}L \u{212A}ol", // Kelvin and Ångström signs lowercase to k, å
                "KOL – Ål… ÅLBORG • ØÆÅ Ø-ÆRØ ÆRØ ×ÿ ÿ SS ß µ",
                "ÆÆÆÆÆÆÆÆR æÆæÆæÆæÆ ÆææææææææÆ",
                "",
            ]
            .map(String::from),
        );
        // Case changes within Latin-1 (`to_uppercase` turns ß into SS and ÿ into Ÿ).
        let latin1_upper = |text: &String| -> String {
            let upper = |ch: char| match u32::from(ch) {
                0x61..=0x7A | 0xE0..=0xFE if ch != '÷' => char::from_u32(u32::from(ch) - 0x20),
                _ => None,
            };
            let all = text.chars().map(|ch| upper(ch).unwrap_or(ch)).collect();
            let every_other = text.chars().enumerate().map(|(i, ch)| match i % 2 {
                0 => upper(ch).unwrap_or(ch),
                _ => ch,
            });
            [all, every_other.collect::<String>()].join("\n")
        };
        let cased: Vec<String> = texts.iter().map(latin1_upper).collect();
        texts.extend(cased);
        for text in &texts {
            for t in [&builtin, &custom, &greek] {
                assert_eq!(t.labels_in(text), labels_by_scanning(t, text), "{text:.60}");
            }
        }
    }

    #[test]
    fn compiling_the_taxonomy_keeps_the_indexed_fingerprint() {
        // Recorded in indexes built before the automaton existed: a change would make every
        // existing index re-enrich all its items.
        let fingerprint = crate::enrich::Enricher::builtin().fingerprint();
        assert_eq!(fingerprint, 3_000_539_789_224_615_805);
    }

    #[test]
    fn malformed_lines_name_the_file_and_line() {
        assert_eq!(
            error_of("# comment\nGood: word\nno colon here"),
            "bad data file `fokus.txt`: line 3: expected `Label: pattern, pattern, …`, found `no colon here`"
        );
        assert!(error_of("A: x\n: y").contains("line 2: empty label"));
        assert!(error_of("A: , ,").contains("line 1: `A` has no pattern"));
        assert!(error_of("A: læ*ge").contains("line 1: pattern `læ*ge`"));
        assert!(error_of("A: *").contains("line 1"));
        assert!(error_of("A: x\n\nA: y").contains("line 3: `A` is already defined on line 1"));
    }
}
