//! Whole-document tests of each layout family in `parse`'s module doc, on short synthetic
//! referater: what a user would see go wrong if a family rule broke.

use super::*;
use chrono::NaiveTime;

use crate::model::SourceEncoding;

fn source() -> Source {
    Source {
        path: "family.txt".into(),
        sha256: String::new(),
        encoding: SourceEncoding::Utf8,
        notes: Vec::new(),
    }
}

fn parse(text: &str) -> Meeting {
    parse_meeting(text, source()).unwrap_or_else(|err| panic!("parses: {err}\n{text}"))
}

fn titles(meeting: &Meeting) -> Vec<(u32, &str)> {
    meeting
        .items
        .iter()
        .map(|item| (item.number, item.title.as_str()))
        .collect()
}

fn kinds(meeting: &Meeting, item: usize) -> Vec<SectionKind> {
    meeting.items[item]
        .sections
        .iter()
        .map(|s| s.kind)
        .collect()
}

#[test]
fn forum_referat_date_family_with_sagsnr_and_numbered_items_from_49() {
    let meeting = parse(
        "Sundhedsudvalget - Referat - 25. oktober 2016\n\nMødedato\n25-10-2016 kl. 14:00 - 16:00\n\n\
         Mødested\nRådhuset, lokale 1\n\n49. Godkendelse af dagsorden\n50. Budget 2017\n\n\
         Sagsnr. 16/838\n\n49. Godkendelse af dagsorden\n\nBeslutning i Sundhedsudvalget den 25-10-2016\n\nGodkendt.\n\n\
         Sagsnr. 16/901\n\n    50. Budget 2017\n\nBeskrivelse af sagen\n\nTal.\n\n1. Drift\n2. Anlæg\n\n\
         Forslag til beslutning\n\nAt budgettet godkendes.\n\nBeslutning i Sundhedsudvalget den 25-10-2016\n\nGodkendt.\n",
    );
    assert_eq!(meeting.forum.name, "Sundhedsudvalget");
    assert_eq!(meeting.dato.to_string(), "2016-10-25");
    assert_eq!(meeting.starts_at, NaiveTime::from_hms_opt(14, 0, 0));
    assert_eq!(meeting.place.as_deref(), Some("Rådhuset, lokale 1"));
    assert_eq!(
        titles(&meeting),
        [(49, "Godkendelse af dagsorden"), (50, "Budget 2017")]
    );
    assert_eq!(meeting.items[1].case_number.as_deref(), Some("16/901"));
    assert_eq!(
        kinds(&meeting, 1),
        [
            SectionKind::Sagsfremstilling,
            SectionKind::Indstilling,
            SectionKind::Beslutning
        ]
    );
    assert_eq!(
        meeting.items[1].sections[0].text,
        "Tal.\n\n1. Drift\n2. Anlæg"
    );
    assert_eq!(meeting.toc.len(), 2, "the agenda list is the contents");
    assert_eq!(meeting.niveau, Niveau::Ukendt);
    assert_eq!(meeting.niveau.label(), "Ikke angivet");
    assert!(meeting.warnings.is_empty(), "{:?}", meeting.warnings);
}

#[test]
fn referat_af_moede_family_with_pkt_items_bullets_and_an_afbud_list() {
    let meeting = parse(
        "Referat af møde i Aarhus Byråd (2018-2021)\r\n\r\nDato: onsdag den 15. januar 2020 kl. 13:00\r\n\
         Sted: Byrådssalen\r\n\r\nDeltagere:\r\n• Bo Libergren (V)\r\n• Mette Bossen Linnet (A)\r\n\r\n\
         Afbud:\r\n• Sys Melchior (PLO)\r\n\r\nPkt. 1 Beslutning: Godkendelse af referat (B)\r\n\r\n\
         Det indstilles, at referatet godkendes.\r\n\r\nBeslutninger\r\n\r\nGodkendt.\r\n",
    );
    assert_eq!(meeting.forum.name, "Aarhus Byråd");
    assert_eq!(meeting.dato.to_string(), "2020-01-15");
    assert_eq!(meeting.starts_at, NaiveTime::from_hms_opt(13, 0, 0));
    let people: Vec<(&str, bool)> = meeting
        .participants
        .iter()
        .map(|p| (p.name.as_str(), p.absent))
        .collect();
    assert_eq!(
        people,
        [
            ("Bo Libergren", false),
            ("Mette Bossen Linnet", false),
            ("Sys Melchior", true)
        ]
    );
    assert_eq!(titles(&meeting), [(1, "Godkendelse af referat")]);
    assert_eq!(
        kinds(&meeting, 0),
        [SectionKind::Indstilling, SectionKind::Beslutning]
    );
    assert_eq!(
        meeting.items[0].sections[0].text,
        "Det indstilles, at referatet godkendes."
    );
}

#[test]
fn capital_labels_family_with_glued_numbers_and_wrapped_titles() {
    let meeting = parse(
        "REFERAT\n\nMØDE\nSundhedsklynge Fyn - Fagligt strategisk niveau\nSTED\nOdense\n\
         STARTTIDSPUNKT\n04-06-2020 09:00:00\n\n38Godkendelse af dagsorden\n\nPOLITISK BEHANDLING\nGodkendt.\n\n\
         39Opfølgning på samarbejdsaftalen om borgere med psykisk lidelse og samtidig\n\
         rusmiddelproblematik i klyngens fire kommuner\nSagens kerne\nKort.\n",
    );
    assert_eq!(meeting.forum.name, "Sundhedsklynge Fyn");
    assert_eq!(meeting.niveau, Niveau::FagligtStrategisk);
    assert_eq!(meeting.dato.to_string(), "2020-06-04");
    assert_eq!(meeting.starts_at, NaiveTime::from_hms_opt(9, 0, 0));
    assert_eq!(meeting.place.as_deref(), Some("Odense"));
    assert_eq!(
        titles(&meeting),
        [
            (38, "Godkendelse af dagsorden"),
            (
                39,
                "Opfølgning på samarbejdsaftalen om borgere med psykisk lidelse og samtidig \
                 rusmiddelproblematik i klyngens fire kommuner"
            )
        ]
    );
    assert_eq!(kinds(&meeting, 0), [SectionKind::Beslutning]);
    assert_eq!(kinds(&meeting, 1), [SectionKind::Resume]);
}

#[test]
fn referat_alone_with_bare_numbers_and_english_ordered_date() {
    let meeting = parse(
        "Referat\nSocialudvalget\nTorsdag, Marts 3, 2016 - 08:00\n\n1\nLUKKET PUNKT - Personsag\n\n\
         Problemstilling\nFortroligt.\n\n2\nEventuelt Åbent\n\nBeslutning\nIntet.\n",
    );
    assert_eq!(meeting.forum.name, "Socialudvalget");
    assert_eq!(meeting.forum.klynge, "Socialudvalget");
    assert_eq!(meeting.dato.to_string(), "2016-03-03");
    assert_eq!(meeting.starts_at, NaiveTime::from_hms_opt(8, 0, 0));
    assert_eq!(titles(&meeting), [(1, "Personsag"), (2, "Eventuelt")]);
    assert_eq!(kinds(&meeting, 0), [SectionKind::Resume]);
    assert_eq!(meeting.id(), "socialudvalget/ukendt-niveau/2016-03-03");
}

#[test]
fn an_item_only_in_the_agenda_list_and_a_jump_in_numbers_are_warnings() {
    let meeting = parse(
        "REFERAT Sundhedsklynge Fyn d. 04-03-2024\nPunkt 1: A\nBeslutning\nJa.\nPunkt 3: C\nBeslutning\nJa.\n",
    );
    assert_eq!(meeting.warnings.len(), 1, "{:?}", meeting.warnings);
    assert!(meeting.warnings[0].contains("item 3 follows item 1"));
    let listed = parse(
        "Socialudvalget - Referat - 3. marts 2016\n1. A\n2. B\n3. C\n\n1. A\nTekst.\n\n2. B\nTekst.\n",
    );
    assert_eq!(titles(&listed), [(1, "A"), (2, "B")]);
    assert_eq!(
        listed.warnings,
        ["the agenda lists `C`, but the referat has no such item"]
    );
}

#[test]
fn a_repeated_number_is_a_warning_and_item_1000_is_an_item() {
    let mut text = String::from("REFERAT Sundhedsklynge Fyn d. 04-03-2024\n");
    for number in 1..=1001 {
        text.push_str(&format!("Punkt {number}: Sag {number}\nTekst.\n"));
    }
    text.push_str("Punkt 1001: Sag igen\n");
    let meeting = parse(&text);
    assert_eq!(meeting.items.len(), 1001);
    assert_eq!(meeting.items[1000].number, 1001);
    assert_eq!(
        meeting.item_id(1001),
        "sundhedsklynge-fyn/ukendt-niveau/2024-03-04/punkt-1001"
    );
    assert!(meeting
        .warnings
        .iter()
        .any(|w| w.contains("does not follow item 1001")));
}

#[test]
fn a_bilag_called_indstilling_is_an_attachment_not_a_section() {
    let meeting = parse(
        "REFERAT Sundhedsklynge Fyn d. 04-03-2024\nPunkt 1: A\nBilag\nIndstilling\nNotat.pdf\n",
    );
    assert_eq!(kinds(&meeting, 0), [SectionKind::Bilag]);
    assert_eq!(meeting.items[0].sections[0].text, "Indstilling\nNotat.pdf");
}

#[test]
fn text_of_no_family_says_what_came_closest_and_what_is_missing() {
    let items_no_title = parse_meeting(
        "Sagsnr. 1/2\n49. Budget\nTekst.\n\n50. Eventuelt\n",
        source(),
    )
    .expect_err("no title");
    assert_eq!(
        items_no_title.to_string(),
        "looks like a referat with `1. <title>` items but has no title line: expected \
         `REFERAT <forum> d. DD-MM-YYYY`, `<forum> - Referat - <date>`, `Referat af møde i <forum>` \
         or `Referat` near the top"
    );
    let no_date =
        parse_meeting("Referat af møde i Socialudvalget\n1. A\n", source()).expect_err("no date");
    assert!(
        no_date.to_string().starts_with(
            "looks like a `Referat af møde i <forum>` referat but has no date: expected"
        ),
        "{no_date}"
    );
    let nothing = parse_meeting("Indkøbsliste\nmælk\n", source()).expect_err("nothing");
    assert!(
        nothing.to_string().starts_with("matches no referat layout"),
        "{nothing}"
    );
}
