//! Whole-document tests of the parser on synthetic layouts that real exports will have.
//! The seeds themselves are tested in `tests/integration/parse.rs`.

use super::*;
use crate::model::SourceEncoding;

fn source() -> Source {
    Source {
        path: "test.md".into(),
        sha256: String::new(),
        encoding: SourceEncoding::Utf8,
        notes: Vec::new(),
    }
}

fn parse(text: &str) -> Meeting {
    parse_meeting(text, source()).expect("the synthetic referat parses")
}

fn kinds(meeting: &Meeting, item: usize) -> Vec<SectionKind> {
    meeting.items[item]
        .sections
        .iter()
        .map(|s| s.kind)
        .collect()
}

#[test]
fn empty_text_has_no_title() {
    assert_eq!(parse_meeting("", source()), Err(ParseError::NoTitle));
}

#[test]
fn a_referat_without_items_is_an_error() {
    let text = "REFERAT Sundhedsklynge Fyn d. 01-02-2024\n\nMødested Odense\n";
    assert_eq!(parse_meeting(text, source()), Err(ParseError::NoItems));
}
