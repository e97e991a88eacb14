//! The ingest pipeline for one file: read → parse → enrich. The only module that calls
//! all three; `engine::indexer` and the `parse` command use it.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::enrich::Enricher;
use crate::error::{Error, Result};
use crate::model::{Meeting, Source};
use crate::{parse, read};

/// Read, parse and enrich the file at `path`. `display_path` is what the meeting records
/// as its source path (relative to the indexed folder where possible).
pub fn load_file(path: &Path, display_path: &str, enricher: &Enricher) -> Result<Meeting> {
    let metadata = std::fs::metadata(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    if metadata.len() > read::MAX_FILE_BYTES {
        return Err(Error::Read {
            path: path.to_owned(),
            source: crate::error::ReadError::TooLarge {
                size: metadata.len(),
                limit: read::MAX_FILE_BYTES,
            },
        });
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    load_bytes(&bytes, display_path, enricher).map_err(|err| match err {
        Error::Read { source, .. } => Error::Read {
            path: path.to_owned(),
            source,
        },
        Error::Parse { source, .. } => Error::Parse {
            path: path.to_owned(),
            source,
        },
        other => other,
    })
}

/// Read, parse and enrich bytes that came from `display_path`.
pub fn load_bytes(bytes: &[u8], display_path: &str, enricher: &Enricher) -> Result<Meeting> {
    let path = || display_path.into();
    let format = read::Format::of_file(Path::new(display_path), bytes);
    let clean = read::clean_as(bytes, format).map_err(|source| Error::Read {
        path: path(),
        source,
    })?;
    let source = Source {
        path: display_path.to_owned(),
        sha256: sha256_hex(bytes),
        encoding: clean.encoding,
        notes: clean.notes,
    };
    let mut meeting = parse::parse_meeting(&clean.text, source).map_err(|source| Error::Parse {
        path: path(),
        source,
    })?;
    enricher.enrich(&mut meeting);
    Ok(meeting)
}

/// Hex SHA-256 of `bytes`: the identity of a file's content for incremental indexing.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SectionKind;

    /// Issue #7: a referat whose one item is a single 10 MB line of words (1.5M words).
    fn ten_megabyte_line_referat() -> String {
        let words = "borgere i Esbjerg Kommune venter på lægedækning og akutmodtagelse, ";
        let line = words.repeat(10 * 1024 * 1024 / words.len() + 1);
        format!(
            "# REFERAT Sundhedsklynge Sydvestjylland d. 11-11-2024\n\n\
             **Mødedato** Mandag d. 11. november 2024 kl. 13:30\n\n\
             ## Punkt 1: x\n\n{line}\n"
        )
    }

    #[test]
    fn a_ten_megabyte_line_is_read_parsed_and_enriched_whole() {
        let text = ten_megabyte_line_referat();
        let meeting = load_bytes(text.as_bytes(), "line.txt", &Enricher::builtin())
            .expect("the long line's referat loads");
        assert_eq!(meeting.items.len(), 1);
        let item = &meeting.items[0];
        assert_eq!(item.title, "x");
        assert_eq!(item.sections.len(), 1);
        assert_eq!(item.sections[0].kind, SectionKind::Tekst);
        let line = text.lines().last().unwrap_or_default().trim_end();
        assert!(line.len() > 10 * 1024 * 1024);
        assert_eq!(item.sections[0].text, line, "the line is kept whole");
        assert_eq!(item.enrichment.kommuner, ["Esbjerg"]);
        assert_eq!(
            item.enrichment.fokusomraader,
            ["Akutområdet", "Lægedækning"]
        );
    }
}
