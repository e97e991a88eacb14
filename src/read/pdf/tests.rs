//! The PDF reader on PDFs written here byte by byte: pages of text, a scan, an encrypted file,
//! a truncated one. The seeds printed by Chromium are read in `tests/integration/renditions_pdf`.

use super::*;
use crate::read::{clean_as, Format};

/// A minimal PDF whose pages each hold `lines` of Helvetica text at the given positions
/// (x, y from the top of an A4 page, size); `trailer_extra` goes into the trailer.
fn pdf_with_pages(pages: &[Vec<(f32, f32, f32, &str)>], trailer_extra: &str) -> Vec<u8> {
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        String::new(), // the page tree, once the page ids are known
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    ];
    let mut kids = Vec::new();
    for lines in pages {
        let mut content = String::new();
        for (x, y, size, text) in lines {
            let y = 842.0 - y;
            content.push_str(&format!("BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET\n"));
        }
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
        let content_id = objects.len();
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
        ));
        kids.push(format!("{} 0 R", objects.len()));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        kids.len()
    );
    write_pdf(&objects, trailer_extra)
}

/// Objects numbered from 1, a correct cross-reference table and trailer.
fn write_pdf(objects: &[String], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", index + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

/// Three pages with the furniture Chromium prints (date and title on top, address and
/// "N/M" at the bottom) around the minutes' own lines.
fn three_pages_with_furniture() -> Vec<u8> {
    let body: [&[&str]; 3] = [
        &[
            "REFERAT Sundhedsklynge Fyn d. 11-11-2024",
            "Punkt 1: Velkomst",
        ],
        &[
            "Punkt 2: Opfoelgning paa laegedaekning",
            "Teksten om punktet.",
        ],
        &["Punkt 3: Eventuelt", "Intet."],
    ];
    let pages: Vec<Vec<(f32, f32, f32, &str)>> = body
        .iter()
        .enumerate()
        .map(|(index, lines)| {
            let footer = ["1/3", "2/3", "3/3"][index];
            vec![
                (20.0, 20.0, 8.0, "11/12/24, 10:05 AM"),
                (250.0, 20.0, 8.0, "Referat Sundhedsklynge Fyn"),
                (50.0, 80.0, 14.0, lines[0]),
                (50.0, 120.0, 10.0, lines[1]),
                (20.0, 820.0, 8.0, "file:///tmp/referat.html"),
                (540.0, 820.0, 8.0, footer),
            ]
        })
        .collect();
    pdf_with_pages(&pages, "")
}

#[test]
fn pages_are_read_in_order_with_their_furniture_removed() {
    let decoded = read(&three_pages_with_furniture()).unwrap();
    let punkt2 = decoded.text.find("Punkt 2").unwrap();
    assert!(decoded.text.find("Punkt 1").unwrap() < punkt2);
    assert!(punkt2 < decoded.text.find("Punkt 3").unwrap());
    assert!(!decoded.text.contains("10:05 AM") && !decoded.text.contains("file://"));
    assert!(!decoded.text.contains('\u{C}'));
    assert_eq!(decoded.encoding, SourceEncoding::Pdf);
    assert_eq!(
        decoded.notes,
        [
            "read 3 pages of PDF text",
            "removed 6 running header and footer lines (same text, same place on most pages)"
        ]
    );
}

#[test]
fn clean_text_has_blocks_and_pages_apart_by_one_blank_line() {
    let clean = clean_as(&three_pages_with_furniture(), Format::Pdf).unwrap();
    assert_eq!(
        clean.text,
        "REFERAT Sundhedsklynge Fyn d. 11-11-2024\n\nPunkt 1: Velkomst\n\n\
         Punkt 2: Opfoelgning paa laegedaekning\n\nTeksten om punktet.\n\n\
         Punkt 3: Eventuelt\n\nIntet.\n"
    );
}

#[test]
fn a_pdf_without_text_is_a_scan_that_needs_ocr() {
    let scan = pdf_with_pages(&[vec![], vec![]], "");
    let error = read(&scan).unwrap_err();
    assert_eq!(error, ReadError::PdfNoText { pages: 2 });
    assert!(error.to_string().contains("OCR"));
}

#[test]
fn an_encrypted_pdf_asks_for_a_copy_without_password() {
    // A standard security handler whose user password is not empty: nothing can be read.
    let encrypt = "/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 \
                   /O <0101010101010101010101010101010101010101010101010101010101010101> \
                   /U <0202020202020202020202020202020202020202020202020202020202020202> >> \
                   /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]";
    let pdf = pdf_with_pages(&[vec![(50.0, 80.0, 12.0, "Hemmeligt")]], encrypt);
    let error = read(&pdf).unwrap_err();
    assert_eq!(error, ReadError::PdfEncrypted);
    assert!(error.to_string().contains("password"));
}

#[test]
fn a_truncated_pdf_is_damaged_and_says_to_fetch_it_again() {
    let whole = three_pages_with_furniture();
    for cut in [whole.len() / 3, whole.len() / 2, whole.len() - 10] {
        let error = read(&whole[..cut]).unwrap_err();
        assert!(
            matches!(error, ReadError::PdfDamaged(_)),
            "cut at {cut}: {error}"
        );
        assert!(error.to_string().contains("again"));
    }
}

#[test]
fn garbage_after_the_magic_is_damaged_not_a_panic() {
    for bytes in [
        &b"%PDF-1.7\n"[..],
        b"%PDF-1.4\n1 0 obj << /Type /Catalog",
        b"%PDF-\xff\xfe",
    ] {
        assert!(matches!(read(bytes), Err(ReadError::PdfDamaged(_))));
    }
}

/// Found by the `read_pdf` fuzz target in its first seconds: `pdf_oxide` slices a string
/// inside a multi-byte character and panics; the reader must turn that into "damaged".
#[test]
fn a_panic_inside_the_pdf_crate_is_a_damaged_pdf() {
    let bytes =
        include_bytes!("../../../fuzz/corpus/read_pdf/regression_contained_panic_char_boundary");
    assert!(matches!(read(bytes), Err(ReadError::PdfDamaged(_))));
}

#[test]
fn a_5000_page_pdf_is_refused_before_any_page_is_read() {
    let huge = pdf_with_pages(&vec![Vec::new(); 5_000], "");
    let error = read(&huge).unwrap_err();
    assert_eq!(
        error,
        ReadError::PdfTooManyPages {
            pages: 5_000,
            limit: MAX_PAGES
        }
    );
    assert!(error.to_string().contains("split it"));
}
