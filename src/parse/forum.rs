//! The forum a title names: its kind, its name, its `klynge` facet value and the level
//! (niveau) the title states. `klynge` is the area of a Sundhedsklynge or Sundhedsråd
//! ("Sydvestjylland"); any other forum ("Sundhedsdirektørkredsen", "Aarhus Byråd") puts its
//! own name there, so nothing falls out of the facet; the `forum` facet holds the full name
//! for every forum.

use crate::model::{Forum, ForumKind, Niveau};

/// Forum and level from the text that names them ("Sundhedsklynge Fyn - Politisk niveau d.
/// 04-03-2024": the date and anything after it are cut off first).
pub fn read_forum(text: &str) -> (Forum, Option<Niveau>) {
    let body = strip_title_date(text);
    let (name_part, niveau_part) = match body.split_once(" - ").or_else(|| body.split_once(" – "))
    {
        Some((name, niveau)) => (name.trim(), Some(niveau.trim())),
        None => (body.trim(), None),
    };
    let niveau = niveau_part
        .and_then(niveau_from_words)
        .or_else(|| niveau_from_words(name_part));
    let name = remove_niveau_words(name_part);
    (forum_from_name(&name), niveau)
}

/// Cuts the title at its date (" d. 11-11-2024", " den 11. november 2024", " 11-11-2024").
fn strip_title_date(text: &str) -> &str {
    let cut = [" d. ", " den ", " d."]
        .iter()
        .filter_map(|marker| text.rfind(marker))
        .filter(|&at| text[at..].chars().any(|c| c.is_ascii_digit()))
        .min()
        .or_else(|| text.find(|c: char| c.is_ascii_digit()));
    cut.map_or(text, |at| &text[..at])
        .trim()
        .trim_end_matches([',', '-', '–'])
        .trim()
}

/// The level a phrase names ("Fagligt strategisk niveau", "politisk niveau").
pub fn niveau_from_words(text: &str) -> Option<Niveau> {
    let lower = text.to_lowercase();
    if lower.contains("fagligt strategisk") || lower.contains("fagligt-strategisk") {
        Some(Niveau::FagligtStrategisk)
    } else if lower.contains("politisk niveau") {
        Some(Niveau::Politisk)
    } else if lower.contains("direktørkreds") {
        Some(Niveau::Direktoerkreds)
    } else {
        None
    }
}

/// "Sundhedsklynge Sydvestjylland politisk niveau" → "Sundhedsklynge Sydvestjylland".
fn remove_niveau_words(name: &str) -> String {
    let lower = name.to_lowercase();
    let cut = ["fagligt strategisk niveau", "politisk niveau"]
        .iter()
        .filter_map(|phrase| lower.find(phrase))
        .min();
    let kept: String = match cut {
        Some(at) => name.chars().take(lower[..at].chars().count()).collect(),
        None => name.to_string(),
    };
    kept.trim()
        .trim_end_matches([',', '-', '–'])
        .trim()
        .to_string()
}

fn forum_from_name(name: &str) -> Forum {
    let area = |prefix: &str| {
        let rest: String = name.chars().skip(prefix.chars().count()).collect();
        rest.trim().to_string()
    };
    let lower = name.to_lowercase();
    let (kind, klynge) = if lower.starts_with("sundhedsklynge ") {
        (ForumKind::Sundhedsklynge, area("Sundhedsklynge "))
    } else if lower.starts_with("sundhedsråd ") {
        (ForumKind::Sundhedsraad, area("Sundhedsråd "))
    } else if lower.starts_with("sundhedsdirektørkreds") {
        (ForumKind::Sundhedsdirektoerkreds, name.to_string())
    } else {
        (ForumKind::Andet, name.to_string())
    };
    let klynge = if klynge.is_empty() {
        name.to_string()
    } else {
        klynge
    };
    Forum {
        kind,
        name: name.to_string(),
        klynge,
    }
}
