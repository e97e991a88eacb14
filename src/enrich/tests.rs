//! Whole-item enrichment on items built by hand from the seed referater (text copied from
//! `seeds/`, expectations decided by reading it).

use chrono::NaiveDate;

use super::*;
use crate::model::{Enrichment, Section};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn item(title: &str, sections: &[(SectionKind, &str)]) -> AgendaItem {
    AgendaItem {
        number: 1,
        title: title.to_owned(),
        time_slot: None,
        duration_minutes: None,
        case_number: None,
        sections: sections
            .iter()
            .map(|(kind, text)| Section {
                kind: *kind,
                heading: kind.label().to_owned(),
                text: (*text).to_owned(),
            })
            .collect(),
        enrichment: Enrichment::default(),
    }
}

fn enrich(item: &AgendaItem, meeting_date: NaiveDate) -> Enrichment {
    Enricher::builtin().enrichment_of(item, meeting_date)
}

use SectionKind::{Beslutning, Fravaerende, Resume, Sagsfremstilling};

#[test]
fn seed_000_punkt_2_names_esbjerg_cites_1_march_and_records_its_decisions() {
    let punkt = item(
        "Temadrøftelse - Unges misbrug af opioider",
        &[
            (Resume, "På baggrund af ønske på politisk niveau den 1. marts 2024 er der på dagens møde dagsordenssat en temadrøftelse om unges misbrug af opioider."),
            (Sagsfremstilling, "- Birgitte Christiansen, Tilbudsleder, Center for Sociale Indsatser, Esbjerg Kommune.\n\n14.15 Fortællinger fra hverdagen v. Jens Jakob Herrche Pedersen, cheflæge på Børne- og Ungeafdelingen, Esbjerg Sygehus, der interviewer en ung mand."),
            (Beslutning, "Temadrøftelsen blev indledt af faglige oplæg samt interview med to unge, som har oplevet at være afhængige af opioider. Oplæggene blev taget til efterretning.\n\nDer var efterfølgende en drøftelse med særlig fokus på følgende:"),
            (Fravaerende, "Birgitte Ries Møller, PLO"),
        ],
    );
    let e = enrich(&punkt, date(2024, 11, 11));
    assert_eq!(e.kommuner, ["Esbjerg"]);
    assert_eq!(e.cites, [date(2024, 3, 1)]);
    assert_eq!(e.beslutningstyper, ["taget til efterretning", "drøftet"]);
    assert!(e.fokusomraader.contains(&"Rusmidler og misbrug".to_owned()));
}

#[test]
fn a_kommune_named_only_in_fravaerende_is_not_what_the_item_is_about() {
    let punkt = item(
        "Velkomst v/ Bo Libergren",
        &[
            (
                Beslutning,
                "Afbud fra Mads Sørensen og Birgitte Ries Møller.",
            ),
            (
                Fravaerende,
                "Mads Sørensen, Varde Kommune, Birgitte Ries Møller, PLO",
            ),
        ],
    );
    let e = enrich(&punkt, date(2024, 3, 1));
    assert_eq!(e.kommuner, Vec::<String>::new());
    assert_eq!(e.beslutningstyper, Vec::<String>::new());
}

#[test]
fn seed_004_punkt_16_without_beslutning_names_esbjerg_and_gets_no_decision() {
    let punkt = item(
        "Skriftlig orientering om brugen af resterende klyngemidler",
        &[(SectionKind::Tekst, "Esbjerg Kommune og regionen har henholdsvis 175.368 kr. og 522.721 kr. tilbage af de tildelte klyngemidler.\n\nDet er aftalt mellem Esbjerg Kommune og regionen, at de resterende midler anvendes til videreudvikling af Den Mobile Akutmodtagelse og samarbejdet med Esbjerg Kommunes akutsygepleje.")],
    );
    let e = enrich(&punkt, date(2025, 9, 12));
    assert_eq!(e.kommuner, ["Esbjerg"]);
    assert_eq!(e.fokusomraader, ["Akutområdet", "Klyngemidler"]);
    assert_eq!(e.beslutningstyper, Vec::<String>::new());
}

#[test]
fn seed_004_punkt_9_is_godkendt_and_cites_the_february_meeting() {
    let punkt = item(
        "Godkendelse af samarbejdsaftale for Den Mobile Akutmodtagelse, kl. 12.55-13.05",
        &[
            (Sagsfremstilling, "På mødet på fagligt strategisk niveau d. 28. februar blev evalueringen af Den Mobile Akutmodtagelse drøftet og godkendt, og der var enighed om, at samarbejdet omkring Den Mobile Akutmodtagelse skulle overgå til almindelig drift."),
            (SectionKind::Indstilling, "1. Godkender samarbejdsaftalen for Den Mobile Akutmodtagelse\n2. Godkender at ad hoc gruppen 'Den akutte patient' nedlægges"),
            (Beslutning, "Samarbejdsaftalen for Den Mobile Akutmodtagelse blev godkendt.\n\nDet blev godkendt, at ad hoc gruppen for Den akutte patient nedlægges."),
        ],
    );
    let e = enrich(&punkt, date(2025, 9, 12));
    assert_eq!(e.beslutningstyper, ["godkendt"]);
    assert_eq!(e.cites, [date(2025, 2, 28)]);
    assert_eq!(e.fokusomraader, ["Akutområdet"]);
    assert_eq!(e.kommuner, Vec::<String>::new());
}

#[test]
fn seed_000_punkt_8_orientering_taget_til_efterretning() {
    let punkt = item(
        "Skriftlig orientering: Status på implementering af \"Lettilgængelige behandlingstilbud i kommunerne til børn og unge i psykisk mistrivsel\"",
        &[
            (Sagsfremstilling, "Politisk niveau ønskede på møde den 1. marts 2024, at der på kommende møde præsenteres en status.\n\nForud for kommende møde på politisk niveau den 2. april 2025, når kommunerne har flere erfaringer, indhentes der en ny status."),
            (Beslutning, "Orientering taget til efterretning."),
        ],
    );
    let e = enrich(&punkt, date(2024, 11, 11));
    assert_eq!(e.beslutningstyper, ["taget til efterretning"]);
    assert_eq!(e.cites, [date(2024, 3, 1)]);
    assert_eq!(e.fokusomraader, ["Børn og unges mentale trivsel"]);
}

#[test]
fn seed_001_punkt_4_table_of_cluster_kommuner_does_not_fill_the_facet() {
    let punkt = item(
        "Status på klyngemidler samt drøftelse af forslag til anvendelse af resterende midler",
        &[(Sagsfremstilling, "Sundhedsklynge Sydvestjylland har modtaget i alt 6.547.550 kr. i klyngemidler i 2022 og 2023.\n\nUdmøntede klyngemidler\tEsbjerg\tFanø\tVejen\tBillund\tVarde\tRegion Syddanmark\tI alt\nKom Trygt hjem\t627.851,18 kr.\t18.635,25 kr.\t231.631,55 kr.\t144.815,83 kr.\t270.066,20 kr.\t581.400,00 kr.\t1.874.400,0 kr.")],
    );
    let e = enrich(&punkt, date(2024, 3, 1));
    assert_eq!(e.kommuner, Vec::<String>::new());
    assert!(e.fokusomraader.contains(&"Klyngemidler".to_owned()));
}

#[test]
fn seed_002_punkt_1_cites_the_april_meeting_but_not_the_june_one() {
    let punkt = item(
        "Indsatser for sikring af lægedækning i Sønderjylland (15 min)",
        &[
            (Resume, "Kommissoriet skal godkendes på det politiske møde den 19. juni 2024."),
            (Sagsfremstilling, "Fagligt Strategisk Niveau indstillede på møde i Sundhedsklynge Sønderjylland – politisk niveau den 4. april 2024 to indsatser vedrørende lægedækning."),
            (Beslutning, "Fagligt Strategisk Niveau besluttede, at sekretariatet arbejder videre.\n\nSønderborg Kommune meldte sig på banen.\n\nFagligt Strategisk Niveau godkendte den videre proces, hvor Fagligt Strategisk Niveau godkender udkast til kommissorium på et ekstraordinært møde primo i juni."),
        ],
    );
    let e = enrich(&punkt, date(2024, 4, 22));
    assert_eq!(e.cites, [date(2024, 4, 4)]);
    assert_eq!(e.kommuner, ["Sønderborg"]);
    assert_eq!(e.fokusomraader, ["Lægedækning"]);
    assert_eq!(e.beslutningstyper, ["godkendt", "besluttet"]);
}

#[test]
fn enrich_fills_every_item_of_a_meeting() {
    let mut meeting = Meeting {
        source: crate::model::Source {
            path: "x.txt".into(),
            sha256: String::new(),
            encoding: crate::model::SourceEncoding::Utf8,
            notes: Vec::new(),
        },
        title: "REFERAT Sundhedsklynge Sydvestjylland d. 11-11-2024".into(),
        forum: crate::model::Forum {
            kind: crate::model::ForumKind::Sundhedsklynge,
            name: "Sundhedsklynge Sydvestjylland".into(),
            klynge: "Sydvestjylland".into(),
        },
        niveau: crate::model::Niveau::Politisk,
        dato: date(2024, 11, 11),
        starts_at: None,
        place: Some("Esbjerg Rådhus, Torvegade 74, 6700 Esbjerg".into()),
        participants: Vec::new(),
        toc: Vec::new(),
        items: vec![
            item(
                "Opfølgning på lægedækning",
                &[(Beslutning, "Orienteringen blev taget til efterretning.")],
            ),
            item("Kom Trygt Hjem i Fanø", &[]),
        ],
        warnings: Vec::new(),
        id_suffix: None,
    };
    Enricher::builtin().enrich(&mut meeting);
    assert_eq!(meeting.items[0].enrichment.fokusomraader, ["Lægedækning"]);
    assert_eq!(
        meeting.items[0].enrichment.beslutningstyper,
        ["taget til efterretning"]
    );
    assert_eq!(meeting.items[1].enrichment.kommuner, ["Fanø"]);
    assert_eq!(
        meeting.items[1].enrichment.fokusomraader,
        ["Kom Trygt Hjem"]
    );
}

#[test]
fn a_user_taxonomy_file_replaces_the_focus_areas() {
    let dir = std::env::temp_dir().join(format!("referat-enrich-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("fokus.txt");
    std::fs::write(&path, "# mine\nOpioider: opioid*\n").expect("write taxonomy");
    let enricher = Enricher::with_taxonomy_file(&path).expect("taxonomy loads");
    let punkt = item("Unges misbrug af opioider", &[]);
    assert_eq!(
        enricher
            .enrichment_of(&punkt, date(2024, 1, 1))
            .fokusomraader,
        ["Opioider"]
    );

    std::fs::write(&path, "Opioider opioid*\n").expect("write taxonomy");
    let message = Enricher::with_taxonomy_file(&path)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("fokus.txt") && message.contains("line 1"),
        "{message}"
    );
    let missing = Enricher::with_taxonomy_file(dir.join("none.txt")).map(|_| ());
    assert!(missing.is_err());
    std::fs::remove_dir_all(&dir).ok();
}

proptest::proptest! {
    /// Referat text comes from outside: no input may panic the enricher, and citations
    /// stay strictly before the meeting, ascending and unique whatever the text.
    #[test]
    fn any_text_enriches_without_panic(
        text in "((den |d\\. )?[0-9]{1,2}\\. (marts|april|maj) (20[0-9]{2} )?|[0-9]{1,4}[/.-]|møde |blev godkendt |Vejen |Åbenrå |[a-zA-ZæøåÆØÅ]{1,6}[ .,:]|\n|\t){0,40}"
    ) {
        let meeting_date = date(2024, 11, 11);
        let punkt = item(&text, &[(Beslutning, text.as_str())]);
        let e = enrich(&punkt, meeting_date);
        proptest::prop_assert!(e.cites.iter().all(|d| *d < meeting_date));
        proptest::prop_assert!(e.cites.windows(2).all(|w| w[0] < w[1]));
    }
}
