//! Positioned text lines of one page → the page's text: one line per text line, top to
//! bottom, and a blank line where a new block (paragraph, heading, field) starts.
//!
//! A PDF has no paragraphs, only glyphs at positions. A block starts where the gap above a line
//! is clearly wider than the page's usual line spacing, or where the font size changes; lines
//! of one wrapped title or participant list stand at the usual spacing, so no blank line ever
//! splits them (`parse` joins a heading's continuation lines; the reader never guesses at
//! that).

/// One text line as [`super::glyphs`] built it, in page coordinates with `y` growing down.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlacedLine {
    pub text: String,
    pub left: f32,
    pub top: f32,
    pub bottom: f32,
    /// The line's font size (points): a heading's lines differ from the body's.
    pub size: f32,
}

/// A gap wider than this many times the page's usual baseline step starts a new block.
const BLOCK_GAP: f32 = 1.3;
/// Font sizes further apart than this (relative) start a new block.
const SIZE_CHANGE: f32 = 0.12;
/// Lines whose tops are closer than this fraction of their size share one baseline.
const SAME_LINE: f32 = 0.45;

/// The page's lines as text, blank lines between blocks, no line end after the last line.
pub(crate) fn page_text(mut lines: Vec<PlacedLine>) -> String {
    lines.retain(|line| !line.text.trim().is_empty());
    lines.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.left.total_cmp(&b.left)));
    let lines = merge_same_baseline(lines);
    let step = usual_step(&lines);
    let mut out = String::new();
    for (index, line) in lines.iter().enumerate() {
        if index > 0 {
            out.push('\n');
            if starts_block(&lines[index - 1], line, step) {
                out.push('\n');
            }
        }
        out.push_str(line.text.trim());
    }
    out
}

/// Pieces of one visual line the crate gave apart (a label and its value in two columns, a
/// running header's date and title) become one line, left to right, with a space between.
fn merge_same_baseline(lines: Vec<PlacedLine>) -> Vec<PlacedLine> {
    let mut groups: Vec<Vec<PlacedLine>> = Vec::new();
    for line in lines {
        match groups.last_mut() {
            Some(group) if on_one_baseline(&group[0], &line) => group.push(line),
            _ => groups.push(vec![line]),
        }
    }
    groups.into_iter().filter_map(join_pieces).collect()
}

fn on_one_baseline(first: &PlacedLine, line: &PlacedLine) -> bool {
    (line.top - first.top).abs() < SAME_LINE * first.size.min(line.size)
}

/// One line of the pieces of a baseline group, left to right.
fn join_pieces(mut pieces: Vec<PlacedLine>) -> Option<PlacedLine> {
    pieces.sort_by(|a, b| a.left.total_cmp(&b.left));
    pieces.into_iter().reduce(|mut line, piece| {
        line.text = format!("{} {}", line.text.trim_end(), piece.text.trim_start());
        line.top = line.top.min(piece.top);
        line.bottom = line.bottom.max(piece.bottom);
        line.size = line.size.max(piece.size);
        line
    })
}

/// The page's usual baseline step relative to font size: the median of `step / size` between
/// consecutive lines of one size (1.2 when the page has too few lines to tell).
fn usual_step(lines: &[PlacedLine]) -> f32 {
    let mut steps: Vec<f32> = lines
        .windows(2)
        .filter(|pair| !size_changes(&pair[0], &pair[1]))
        .map(|pair| (pair[1].top - pair[0].top) / pair[0].size.max(1.0))
        .filter(|step| *step > 0.0)
        .collect();
    if steps.len() < 3 {
        return 1.2;
    }
    steps.sort_by(f32::total_cmp);
    steps[steps.len() / 2]
}

fn size_changes(above: &PlacedLine, below: &PlacedLine) -> bool {
    let larger = above.size.max(below.size).max(1.0);
    (above.size - below.size).abs() / larger > SIZE_CHANGE
}

fn starts_block(above: &PlacedLine, below: &PlacedLine, usual_step: f32) -> bool {
    if size_changes(above, below) {
        return true;
    }
    let step = (below.top - above.top) / above.size.max(1.0);
    step > usual_step * BLOCK_GAP
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, left: f32, top: f32, size: f32) -> PlacedLine {
        PlacedLine {
            text: text.to_owned(),
            left,
            top,
            bottom: top + size,
            size,
        }
    }

    #[test]
    fn a_wider_gap_starts_a_block_and_a_wrap_does_not() {
        let lines = vec![
            line(
                "Punkt 8: Skriftlig orientering: Status på",
                50.0,
                100.0,
                14.0,
            ),
            line("behandlingstilbud i kommunerne", 50.0, 117.0, 14.0),
            line("22/43402", 50.0, 140.0, 10.0),
            line("Første linje i et afsnit", 50.0, 165.0, 10.0),
            line("fortsætter her.", 50.0, 178.0, 10.0),
            line("Næste afsnit.", 50.0, 198.0, 10.0),
            line("Og en linje til.", 50.0, 211.0, 10.0),
        ];
        assert_eq!(
            page_text(lines),
            "Punkt 8: Skriftlig orientering: Status på\nbehandlingstilbud i kommunerne\n\n\
             22/43402\n\nFørste linje i et afsnit\nfortsætter her.\n\nNæste afsnit.\nOg en linje til."
        );
    }

    #[test]
    fn pieces_on_one_baseline_are_one_line_left_to_right() {
        let lines = vec![
            line("Mandag d. 11. november 2024 kl. 13:30", 140.0, 100.5, 10.0),
            line("Mødedato", 50.0, 100.0, 10.0),
        ];
        assert_eq!(
            page_text(lines),
            "Mødedato Mandag d. 11. november 2024 kl. 13:30"
        );
    }
}
