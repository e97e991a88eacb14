//! Glyphs → text lines. `pdf_oxide` gives each glyph with its baseline origin, box and font
//! size; its own word and line grouping splits kerned pairs ("REFERA T", "V ejen") in
//! Chromium's and FirstAgenda's PDFs, so lines and word spaces are built here: glyphs on one
//! baseline make a line, and a gap wider than a fraction of the font size is a space.

use super::layout::PlacedLine;

/// A gap between two glyphs wider than this fraction of the font size is a word space
/// (kerning moves glyphs by a few hundredths of the size, a space is about a quarter).
const SPACE_GAP: f32 = 0.15;
/// Glyphs whose baselines differ by less than this fraction of the size share a line
/// (superscripts and subscripts stay on their line).
const BASELINE_SLACK: f32 = 0.3;

/// One glyph: what `pdf_oxide` reports, in page coordinates with `y` growing down.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    pub char: char,
    pub left: f32,
    pub right: f32,
    pub baseline: f32,
    pub size: f32,
}

/// The page's glyphs as lines, in no particular order (the layout sorts them).
pub(crate) fn lines(mut glyphs: Vec<Glyph>) -> Vec<PlacedLine> {
    glyphs.retain(|glyph| glyph.size > 0.0 && glyph.baseline.is_finite() && glyph.left.is_finite());
    glyphs.sort_by(|a, b| {
        a.baseline
            .total_cmp(&b.baseline)
            .then(a.left.total_cmp(&b.left))
    });
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for glyph in glyphs {
        match rows.last_mut() {
            Some(row) if same_baseline(row[0], glyph) => row.push(glyph),
            _ => rows.push(vec![glyph]),
        }
    }
    rows.into_iter().filter_map(line_of).collect()
}

fn same_baseline(first: Glyph, glyph: Glyph) -> bool {
    (glyph.baseline - first.baseline).abs() < BASELINE_SLACK * first.size.min(glyph.size)
}

/// A row's glyphs left to right, a space wherever the gap is a word gap.
fn line_of(mut row: Vec<Glyph>) -> Option<PlacedLine> {
    row.sort_by(|a, b| a.left.total_cmp(&b.left));
    let first = *row.first()?;
    let mut text = String::with_capacity(row.len() + 8);
    let mut previous: Option<Glyph> = None;
    for glyph in &row {
        if let Some(before) = previous {
            let gap = glyph.left - before.right;
            let is_space = glyph.char.is_whitespace() || before.char.is_whitespace();
            if !is_space && gap > SPACE_GAP * glyph.size.max(before.size) {
                text.push(' ');
            }
        }
        text.push(glyph.char);
        previous = Some(*glyph);
    }
    let size = median_size(&row);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(PlacedLine {
        text,
        left: first.left,
        top: first.baseline - size,
        bottom: first.baseline,
        size,
    })
}

/// The row's font size: the median glyph's (a footnote mark does not change it).
fn median_size(row: &[Glyph]) -> f32 {
    let mut sizes: Vec<f32> = row.iter().map(|glyph| glyph.size).collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` from `left`, `advance` apart, with `kern` added after each glyph.
    fn word(text: &str, left: f32, baseline: f32, advance: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(index, char)| Glyph {
                char,
                left: left + index as f32 * advance,
                right: left + index as f32 * advance + advance - 0.3,
                baseline,
                size: 10.0,
            })
            .collect()
    }

    #[test]
    fn kerned_glyphs_stay_one_word_and_a_wide_gap_is_a_space() {
        let mut glyphs = word("REFERAT", 50.0, 100.0, 6.0);
        glyphs.extend(word("Fyn", 50.0 + 7.0 * 6.0 + 3.0, 100.0, 6.0));
        glyphs.extend(word("Punkt", 50.0, 130.0, 6.0));
        let lines = lines(glyphs);
        let texts: Vec<&str> = lines.iter().map(|line| line.text.as_str()).collect();
        assert_eq!(texts, ["REFERAT Fyn", "Punkt"]);
    }
}
