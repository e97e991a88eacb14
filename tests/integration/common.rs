//! Shared helpers for the integration tests.

use std::path::PathBuf;

/// The repository's `seeds/` folder.
pub fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// The seed files, sorted by name.
pub fn seed_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// What a rendition of a seed (PDF, HTML, another layout) must keep of it: the meeting's date,
/// forum, niveau, place and start time, who took part (and who was absent), and every item's
/// number, title, case number and sections (kind, and text with whitespace runs as one space:
/// a PDF or a web page wraps lines where the text export did not).
#[derive(Debug, PartialEq, Eq)]
pub struct Essence {
    pub dato: String,
    pub forum: String,
    pub niveau: String,
    pub place: Option<String>,
    pub starts_at: Option<String>,
    pub participants: Vec<(String, bool)>,
    pub items: Vec<ItemEssence>,
}

/// One item of an [`Essence`].
#[derive(Debug, PartialEq, Eq)]
pub struct ItemEssence {
    pub number: u32,
    pub title: String,
    pub case_number: Option<String>,
    pub sections: Vec<(String, String)>,
}

/// The [`Essence`] of a parsed meeting.
pub fn essence(meeting: &referat::model::Meeting) -> Essence {
    let squeeze = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    Essence {
        dato: meeting.dato.to_string(),
        forum: meeting.forum.name.clone(),
        niveau: meeting.niveau.label().to_owned(),
        place: meeting.place.as_deref().map(squeeze),
        starts_at: meeting.starts_at.map(|time| time.to_string()),
        participants: meeting
            .participants
            .iter()
            .map(|p| (squeeze(&p.name), p.absent))
            .collect(),
        items: meeting
            .items
            .iter()
            .map(|item| ItemEssence {
                number: item.number,
                title: squeeze(&item.title),
                case_number: item.case_number.clone(),
                sections: item
                    .sections
                    .iter()
                    .map(|s| (s.kind.key().to_owned(), squeeze(&s.text)))
                    .collect(),
            })
            .collect(),
    }
}

/// Each seed's file name and meeting, parsed from the text export.
pub fn seed_meetings() -> Vec<(String, referat::model::Meeting)> {
    let enricher = referat::enrich::Enricher::builtin();
    seed_files()
        .iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let meeting = referat::ingest::load_file(path, &name, &enricher)
                .unwrap_or_else(|err| panic!("seed {name} parses: {err}"));
            (name, meeting)
        })
        .collect()
}

/// The README's query-language examples (and two pasted/plain ones): an index of any
/// rendition of the seeds must answer each as the text seeds do.
pub const README_QUERIES: &[&str] = &[
    "lægedækning",
    "laegedaekning",
    "Fano",
    "sundhedsrad",
    "lægedæking",
    "PLO",
    "KOL",
    "klyngemidler godkendt",
    "\"Kom Trygt Hjem\"",
    "lægedækning -rekruttering",
    "demens OR psykofarmaka",
    "beslutning:godkendt",
    "titel:reform",
    "sundheds*",
    "SSS",
    "Temadrøftelse - Lægedækning",
    "reform",
    "klyngemidler",
];
