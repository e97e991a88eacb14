use proptest::prelude::*;
use unicode_normalization::is_nfc;

use super::*;

const FORM_FEED: char = '\u{C}';

#[test]
fn bom_crlf_and_nfd_are_repaired_and_reported() {
    let bytes = "\u{FEFF}Opfo\u{308}lgning pa\u{30A} la\u{308}ge\r\ndækning\t3 \r\n".as_bytes();
    let clean = clean(bytes).unwrap();
    assert_eq!(clean.text, "Opfölgning på läge\ndækning\t3\n");
    assert_eq!(clean.encoding, SourceEncoding::Utf8Bom);
    assert_eq!(
        clean.notes,
        [
            "removed the UTF-8 byte order mark",
            "converted 2 CRLF line ends",
            "composed 3 decomposed characters (Unicode NFC)"
        ]
    );
}

#[test]
fn a_word_broken_across_a_page_break_is_joined() {
    let text =
        "Hoved\nOpfølgning på læge-\nSide 1 af 2\n\u{C}Hoved\ndækning i klyngen.\nSide 2 af 2\n";
    let clean = clean(text.as_bytes()).unwrap();
    assert_eq!(clean.text, "Opfølgning på lægedækning i klyngen.\n");
    assert!(clean
        .notes
        .contains(&"joined 1 hyphenated line break".to_owned()));
}

#[test]
fn text_that_is_only_invisible_characters_is_empty() {
    assert_eq!(
        clean("\u{200B}\u{AD}\r\n\u{C}".as_bytes()),
        Err(ReadError::Empty)
    );
}

#[test]
fn windows_1252_is_decoded_and_noted() {
    let clean = clean(b"Fan\xf8 Kommune\r\n").unwrap();
    assert_eq!(clean.text, "Fanø Kommune\n");
    assert_eq!(clean.encoding, SourceEncoding::Windows1252);
    assert_eq!(clean.notes[0], "not valid UTF-8: decoded as Windows-1252");
}

#[test]
fn a_cut_off_pdf_is_read_as_a_pdf_and_refused_as_damaged() {
    let err = clean(b"%PDF-1.4\n1 0 obj").unwrap_err();
    assert!(err.to_string().contains("the PDF is damaged"), "{err}");
}

proptest! {
    #[test]
    fn clean_never_panics_and_gives_nfc_without_cr_or_form_feed(bytes in any::<Vec<u8>>()) {
        if let Ok(clean) = clean(&bytes) {
            prop_assert!(is_nfc(&clean.text));
            prop_assert!(!clean.text.contains(['\r', FORM_FEED]), "{:?}", clean.text);
        }
    }

    #[test]
    fn clean_of_text_like_input_is_nfc_without_cr_or_form_feed(
        text in "[a-zæøåA-Z \\-\t\r\n\u{C}\u{AD}\u{200B}\u{30A}\u{308}0-9]{0,400}"
    ) {
        if let Ok(clean) = clean(text.as_bytes()) {
            prop_assert!(is_nfc(&clean.text));
            prop_assert!(!clean.text.contains(['\r', FORM_FEED]), "{:?}", clean.text);
            prop_assert!(clean.text.lines().all(|line| line == line.trim_end()));
        }
    }
}
