use super::*;
use crate::model::SourceEncoding;

/// The reader's text for a page whose `<body>` is `body`.
fn text_of(body: &str) -> String {
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{body}</body></html>"
    );
    read(page.as_bytes()).expect("the page has text").text
}

#[test]
fn blocks_become_lines_and_inline_text_runs_on() {
    let text = text_of(
        "<h1>REFERAT Sundhedsklynge Fyn d. 11-11-2024</h1>\
         <p>Første   <b>afsnit</b>\n over to linjer.</p><p>Andet<br>med linjeskift</p>",
    );
    assert_eq!(
        text,
        "REFERAT Sundhedsklynge Fyn d. 11-11-2024\n\nFørste afsnit over to linjer.\n\nAndet\nmed linjeskift\n"
    );
}

#[test]
fn lists_tables_and_definition_lists_keep_their_shape() {
    let text = text_of(
        "<dl><dt>Mødedato</dt><dd>11-11-2024 kl. 13:30</dd><dt>Mødested</dt><dd>Rådhuset</dd></dl>\
         <ul><li>Første</li><li>Anden</li></ul><ol start=\"3\"><li>Tre</li><li>Fire</li></ol>\
         <table><tr><th>Sag</th><td>22/43402</td></tr></table>",
    );
    assert_eq!(
        text,
        "Mødedato 11-11-2024 kl. 13:30\nMødested Rådhuset\n\n- Første\n- Anden\n\n3. Tre\n4. Fire\n\nSag\t22/43402\n"
    );
}

#[test]
fn navigation_header_footer_and_skip_links_are_dropped() {
    let text = text_of(
        "<a class=\"skip-link\" href=\"#main\">Gå til indhold</a>\
         <header><a href=\"/\">Kommunen</a></header>\
         <nav><a href=\"/politik\">Politik</a></nav>\
         <ul id=\"topmenu\"><li>Borger</li></ul><div role=\"navigation\">Erhverv</div>\
         <p>Mødets tekst.</p><p><a href=\"#top\">Til toppen</a></p>\
         <footer>Torvet 1 · Tilgængelighedserklæring</footer><div id=\"footer\">Telefon</div>",
    );
    assert_eq!(text, "Mødets tekst.\n");
}

#[test]
fn breadcrumbs_are_dropped_by_class_and_by_their_words() {
    let text = text_of(
        "<nav class=\"c-breadcrumbs\">Forside › Politik</nav>\
         <div class=\"sti\">Forside › Politik › Referater</div>\
         <div>ForsidepilPolitikpilReferater</div>\
         <div>Du er her: <a>Forside</a><img alt=\"pil\"><a>Politik</a></div>\
         <p>Forsiden af rapporten viser tallene.</p>",
    );
    assert_eq!(text, "Forsiden af rapporten viser tallene.\n");
}

#[test]
fn cookie_banners_scripts_and_styles_are_dropped() {
    let text = text_of(
        "<div id=\"CybotCookiebotDialog\"><p>Vi bruger cookies.</p></div>\
         <div class=\"cookie-consent\">Accepter</div>\
         <script>var x = \"<p>ikke tekst</p>\";</script><style>p { color: red }</style>\
         <noscript>Slå JavaScript til</noscript><template><p>Skabelon</p></template>\
         <p>Indhold</p>",
    );
    assert_eq!(text, "Indhold\n");
}

#[test]
fn hidden_elements_are_dropped() {
    let text = text_of(
        "<div hidden>Skjult</div><span aria-hidden=\"true\">▾</span>\
         <div style=\"color: red; display : none\">Udskriv</div>\
         <p style=\"visibility:hidden\">Usynlig</p><p aria-hidden=\"false\">Synlig</p>",
    );
    assert_eq!(text, "Synlig\n");
}

#[test]
fn an_item_number_in_its_own_element_joins_its_title() {
    let text = text_of(
        "<span class=\"nummer\">3.</span><h2>Opfølgning på lægedækning</h2>\
         <table><tr><td>Punkt 4:</td><td><h2>Eventuelt</h2></td></tr></table>\
         <p>12.</p><p>Et tal i teksten bliver stående.</p>",
    );
    assert_eq!(
        text,
        "3. Opfølgning på lægedækning\n\nPunkt 4: Eventuelt\n\n12.\n\nEt tal i teksten bliver stående.\n"
    );
}

#[test]
fn ui_text_glued_to_section_names_is_removed() {
    let text = text_of(
        "<h3><a href=\"#\">fold dette punkt ind</a>Resume</h3>\
         <h3><span>Beslutning</span><span>Klik her for at folde ud og læse mere</span></h3>\
         <h3>Fold ud Sagsfremstilling</h3><p>Klik her for at folde ud og læse mere</p>\
         <p>Fold udvalget sammen med Sundhedsudvalget.</p>",
    );
    assert_eq!(
        text,
        "Resume\n\nBeslutning\n\nSagsfremstilling\n\nFold udvalget sammen med Sundhedsudvalget.\n"
    );
}

#[test]
fn words_on_the_page_containers_do_not_drop_the_page() {
    let page = "<html class=\"has-menu\"><body class=\"cookie-banner-open nav-closed\">\
                <form id=\"aspnetForm\"><main class=\"main-nav-offset\"><p>Indhold</p></main>\
                </form></body></html>";
    assert_eq!(
        read(page.as_bytes()).map(|decoded| decoded.text),
        Ok("Indhold\n".to_owned())
    );
}

#[test]
fn a_section_labelled_with_its_title_is_read() {
    let text = text_of(
        "<div aria-label=\"Brødkrumme\">Forside</div>\
         <section aria-label=\"Menuplan for plejecentre\"><p>Menuplanen godkendes.</p></section>",
    );
    assert_eq!(text, "Menuplanen godkendes.\n");
}

#[test]
fn main_is_read_when_the_page_has_one() {
    let text = text_of(
        "<div class=\"promo\">Nyheder fra kommunen</div>\
         <main><header><h1>Referat</h1></header><p>Punkt 1: Velkomst</p></main>\
         <aside>Kontakt os</aside>",
    );
    assert_eq!(text, "Referat\n\nPunkt 1: Velkomst\n");
}

#[test]
fn markdown_marks_in_page_text_are_escaped() {
    assert_eq!(
        text_of("<p>Bilag_endelig *udkast*.pdf</p>"),
        "Bilag\\_endelig \\*udkast\\*.pdf\n"
    );
}

#[test]
fn windows_1252_declared_or_not_is_decoded() {
    let body = "<p>Mødested Rådhuset, Ærø</p>";
    for head in [
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
        "",
    ] {
        let page = format!("<html><head>{head}</head><body>{body}</body></html>");
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
        let decoded = read(&bytes).expect("a page with text");
        assert_eq!(decoded.text, "Mødested Rådhuset, Ærø\n");
        assert_eq!(decoded.encoding, SourceEncoding::Windows1252);
    }
}

#[test]
fn a_declared_legacy_charset_other_than_windows_1252_is_used() {
    // 0xA4 is € in ISO-8859-15 and ¤ in Windows-1252.
    let page = b"<html><head><meta charset='iso-8859-15'></head><body><p>Pris 5 \xA4 pr. borger</p></body></html>";
    let decoded = read(page).expect("a page with text");
    assert_eq!(decoded.text, "Pris 5 € pr. borger\n");
    assert!(
        decoded.notes[0].contains("ISO-8859-15"),
        "{:?}",
        decoded.notes
    );
}

#[test]
fn utf8_bytes_win_over_a_wrong_declaration_and_a_bom_is_removed() {
    let page = "\u{FEFF}<html><head><meta charset=\"iso-8859-1\"></head><body><p>Fanø og Ærø</p></body></html>";
    let decoded = read(page.as_bytes()).expect("a page with text");
    assert_eq!(decoded.text, "Fanø og Ærø\n");
    assert_eq!(decoded.encoding, SourceEncoding::Utf8Bom);
}

#[test]
fn a_page_of_only_furniture_is_an_error() {
    let page = "<html><body><nav><a>Forside</a></nav><script>x()</script><footer>Adresse</footer></body></html>";
    assert_eq!(read(page.as_bytes()).err(), Some(ReadError::NoPageText));
}

#[test]
fn a_front_page_without_minutes_is_refused_by_the_parser() {
    let page = "<!DOCTYPE html><html><body><nav>Politik</nav><main><h1>Velkommen til kommunen</h1>\
                <p>Her kan du læse nyheder og finde selvbetjening.</p></main></body></html>";
    let meeting = crate::ingest::load_bytes(
        page.as_bytes(),
        "forside.html",
        &crate::enrich::Enricher::builtin(),
    );
    let message = meeting
        .expect_err("a front page is not a referat")
        .to_string();
    assert!(
        message.starts_with("`forside.html`:") && message.contains("no title line"),
        "{message}"
    );
}

#[test]
fn moderate_nesting_reads_and_absurd_nesting_is_refused_quickly() {
    let nested = |depth: usize| {
        let page = format!(
            "<html><body>{}<p>Bunden</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        read(page.as_bytes()).map(|decoded| decoded.text)
    };
    assert_eq!(nested(500), Ok("Bunden\n".to_owned()));
    assert_eq!(
        nested(200_000),
        Err(ReadError::TooDeep {
            depth: 200_000,
            limit: 1_000
        })
    );
}

#[test]
fn unclosed_paragraphs_and_void_elements_do_not_count_as_nesting() {
    let body = "<p>Linje<br><img src=x.png>".repeat(5_000);
    let text = text_of(&body);
    assert_eq!(text.lines().filter(|line| *line == "Linje").count(), 5_000);
}
