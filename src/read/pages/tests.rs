use super::*;

fn strip(text: &str) -> (String, Vec<String>) {
    let mut notes = Notes::default();
    let out = remove_page_artefacts(text.to_owned(), &mut notes);
    (out, notes.into_vec())
}

/// Three pages of a PDF export: header on top, "Side k af 3" at the bottom.
const THREE_PAGES: &str = "Referat Sundhedsklynge Sydvestjylland 11-11-2024\n\
    \n\
    # REFERAT\n\
    Første side.\n\
    \n\
    Side 1 af 3\n\
    \u{C}Referat Sundhedsklynge Sydvestjylland 11-11-2024\n\
    \n\
    Anden side.\n\
    Side 2 af 3\n\
    \u{C}Referat Sundhedsklynge Sydvestjylland 11-11-2024\n\
    Tredje side.\n\
    Side 3 af 3\n";

#[test]
fn running_headers_footers_and_form_feeds_are_removed_and_counted() {
    let (out, notes) = strip(THREE_PAGES);
    // The last footer's margin goes too; `clean` ends the text with one newline anyway.
    assert_eq!(
        out,
        "\n# REFERAT\nFørste side.\n\nAnden side.\nTredje side."
    );
    assert_eq!(
        notes,
        [
            "removed 2 page breaks (form feeds)",
            "removed 3 page headers",
            "removed 3 page footers"
        ]
    );
}

#[test]
fn a_header_carrying_the_page_number_recurs_modulo_digits() {
    let text = "Referat side 1\nA\n\u{C}Referat side 2\nB\n\u{C}Referat side 3\nC\n";
    assert_eq!(strip(text).0, "A\nB\nC\n");
}

#[test]
fn side_n_af_m_lines_are_removed_even_without_form_feeds() {
    let text = "Hoved 2024\nA\nSide 1 af 3\nHoved 2024\nB\nSide 2 af 3\nHoved 2024\nC\nSide 3 af 3";
    let (out, notes) = strip(text);
    assert_eq!(out, "A\nB\nC");
    assert!(
        notes.contains(&"removed 3 page headers".to_owned()),
        "{notes:?}"
    );
}

#[test]
fn bare_page_numbers_next_to_a_form_feed_are_removed_but_numbers_in_text_stay() {
    let text = "Tekst.\n3\n\n42\nMere tekst.\n\n4\n\u{C}5\nSidste side.\n";
    let (out, notes) = strip(text);
    assert_eq!(out, "Tekst.\n3\n\n42\nMere tekst.\n\nSidste side.\n");
    assert!(
        notes.contains(&"removed 2 page numbers".to_owned()),
        "{notes:?}"
    );
}

#[test]
fn lines_repeated_in_the_text_are_not_headers() {
    // Seed 000 repeats "22/43402" under every item heading; here it is near the top of
    // every page and even opens one of them.
    let pages = [
        "## Punkt 1: A\n22/43402\nTekst.\n**Fraværende** X",
        "22/43402\nB\n**Fraværende** X\n## Punkt 2: B\n22/43402\nTekst.",
        "## Punkt 3: C\n22/43402\nTekst.\n**Fraværende** X",
        "## Punkt 4: D\n22/43402\nTekst.\n**Fraværende** X\n",
    ];
    let text = pages.join("\n\u{C}");
    assert_eq!(strip(&text).0, pages.join("\n"));
}

#[test]
fn a_line_that_also_stands_inside_a_page_is_not_a_header() {
    let pages: Vec<String> = ["en", "to", "tre"]
        .iter()
        .map(|n| {
            format!("22/43402\nTekst {n}.\nMere {n}.\nMidt {n}.\n22/43402\nMere {n}.\nSlut {n}.")
        })
        .collect();
    let text = pages.join("\n\u{C}");
    assert_eq!(strip(&text).0, pages.join("\n"));
}

#[test]
fn blank_lines_on_both_sides_of_a_page_break_become_one() {
    assert_eq!(strip("A\n\n\u{C}\nB").0, "A\n\nB");
    assert_eq!(strip("A\n\u{C}B").0, "A\nB");
}

#[test]
fn text_without_pages_is_unchanged() {
    let text = "# REFERAT\n\n**Fraværende** X\n\n**Fraværende** X\n1\n";
    assert_eq!(strip(text), (text.to_owned(), Vec::new()));
}

/// Chromium's print header starts with the print date: masked, it begins with `#` like a
/// markdown heading, and it is furniture all the same.
#[test]
fn a_header_starting_with_a_print_date_is_furniture() {
    let page = |n: usize, text: &str| {
        format!("12/5/26, 5:21 PM Referat Sundhedsklynge Fyn\n\n{text}\nfile:///tmp/r.html {n}/3\n")
    };
    let text = [
        page(1, "Første side."),
        page(2, "Anden side."),
        page(3, "Tredje side."),
    ]
    .join("\u{C}");
    let (out, notes) = strip(&text);
    assert_eq!(out, "\nFørste side.\n\nAnden side.\n\nTredje side.");
    assert!(
        notes.contains(&"removed 3 page headers".to_owned()),
        "{notes:?}"
    );
}
