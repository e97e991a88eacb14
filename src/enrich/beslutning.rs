//! Decision types read from an item's Beslutning section(s): what the meeting did with the
//! item. An item may get several ("Status … blev taget til efterretning. Der blev drøftet
//! forslag … Det blev besluttet, at …").
//!
//! Vocabulary (facet value ← what the Beslutning says):
//! - `godkendt` ← godkendt, godkendte, vedtaget, vedtog ("blev godkendt", "godkendte den
//!   videre proces");
//! - `ikke godkendt` ← the same words after "ikke"/"ej" ("blev ikke godkendt");
//! - `taget til efterretning` ← "… til efterretning" ("Orientering taget til efterretning",
//!   "tog orienteringen til efterretning", "blev taget til efterretning");
//! - `drøftet` ← drøftet, drøftede, and a drøftelse that "var"/"blev" held ("Der var
//!   efterfølgende en drøftelse", "Temadrøftelsen blev indledt");
//! - `besluttet` ← besluttet, besluttede, aftalt, aftalte, "traf beslutning";
//! - `udsat` ← udsat (not "udsat for"), udsættes, udskudt, udskydes;
//! - `afvist` ← afvist, afviste, forkastet.
//!
//! Only past forms count: "godkendes på et ekstraordinært møde" is a plan. A verb in a
//! subordinate or modal clause, or recalled from earlier ("som er godkendt af Strategisk
//! Sundhedsstyregruppe", "efter at målgruppen er politisk godkendt", "Det er tidligere
//! aftalt"), describes something else, so a word from [`CLAUSE_WORDS`] among the few words
//! before it in the sentence rules it out. A negated verb counts only as `ikke godkendt`.

use super::words::{push_lowercase, words, Word};

pub(crate) const GODKENDT: &str = "godkendt";
pub(crate) const IKKE_GODKENDT: &str = "ikke godkendt";
pub(crate) const TAGET_TIL_EFTERRETNING: &str = "taget til efterretning";
pub(crate) const DROEFTET: &str = "drøftet";
pub(crate) const BESLUTTET: &str = "besluttet";
pub(crate) const UDSAT: &str = "udsat";
pub(crate) const AFVIST: &str = "afvist";

/// The facet values in the order items report them.
const ORDER: [&str; 7] = [
    GODKENDT,
    IKKE_GODKENDT,
    TAGET_TIL_EFTERRETNING,
    DROEFTET,
    BESLUTTET,
    UDSAT,
    AFVIST,
];

/// Words that put a following verb in a subordinate, modal or future clause, or in the
/// past of another meeting ("Det er tidligere aftalt" in seed 004 Punkt 5).
const CLAUSE_WORDS: &[&str] = &[
    "som",
    "når",
    "efter",
    "skal",
    "kan",
    "vil",
    "hvis",
    "inden",
    "før",
    "bør",
    "tidligere",
];

/// How many words before a verb are searched for a clause word or a negation.
const LOOK_BACK: usize = 5;

/// Decision types of a Beslutning text, in [`ORDER`].
pub(crate) fn decision_types(beslutning: &str) -> Vec<String> {
    let words = words(beslutning);
    // One buffer for all the lowercase words instead of a String per word.
    let mut buffer = String::with_capacity(beslutning.len());
    let mut spans = Vec::with_capacity(words.len());
    for word in &words {
        let start = buffer.len();
        push_lowercase(&mut buffer, word.text);
        spans.push((start, buffer.len()));
    }
    let lower: Vec<&str> = spans
        .iter()
        .map(|&(start, end)| &buffer[start..end])
        .collect();
    let mut found = [false; ORDER.len()];
    for index in 0..words.len() {
        let Some(kind) = decision_at(&words, &lower, index) else {
            continue;
        };
        if let Some(slot) = ORDER.iter().position(|k| *k == kind) {
            found[slot] = true;
        }
    }
    ORDER
        .iter()
        .zip(found)
        .filter(|(_, hit)| *hit)
        .map(|(kind, _)| (*kind).to_owned())
        .collect()
}

fn decision_at(words: &[Word<'_>], lower: &[&str], index: usize) -> Option<&'static str> {
    let kind = word_kind(lower, index)?;
    let before = sentence_before(words, lower, index);
    if before.iter().any(|w| CLAUSE_WORDS.contains(w)) {
        return None;
    }
    let negated = before.iter().take(3).any(|w| *w == "ikke" || *w == "ej");
    match (kind, negated) {
        (GODKENDT, true) => Some(IKKE_GODKENDT),
        (_, true) => None,
        (kind, false) => Some(kind),
    }
}

/// The decision a word signals on its own or with its neighbours.
fn word_kind(lower: &[&str], index: usize) -> Option<&'static str> {
    let word = lower[index];
    let next = lower.get(index + 1).copied();
    match word {
        "godkendt" | "godkendte" | "vedtaget" | "vedtog" => Some(GODKENDT),
        "til" if next.is_some_and(|n| n.starts_with("efterretning")) => {
            Some(TAGET_TIL_EFTERRETNING)
        }
        "drøftet" | "drøftede" | "drøftedes" => Some(DROEFTET),
        "besluttet" | "besluttede" | "aftalt" | "aftalte" => Some(BESLUTTET),
        "traf" if next.is_some_and(|n| n.starts_with("beslutning")) => Some(BESLUTTET),
        "udsat" if next != Some("for") => Some(UDSAT),
        "udsættes" | "udskudt" | "udskydes" => Some(UDSAT),
        "afvist" | "afviste" | "forkastet" => Some(AFVIST),
        _ if word.contains("drøftelse") && held(lower, index) => Some(DROEFTET),
        _ => None,
    }
}

/// "Der var en drøftelse", "Temadrøftelsen blev indledt": a discussion took place.
fn held(lower: &[&str], index: usize) -> bool {
    let before = lower[index.saturating_sub(3)..index].iter();
    let after = lower.iter().skip(index + 1).take(1);
    before.chain(after).any(|w| *w == "var" || *w == "blev")
}

/// Up to [`LOOK_BACK`] lowercase words before `index`, nearest first, within its sentence.
fn sentence_before<'a>(words: &[Word<'_>], lower: &[&'a str], index: usize) -> Vec<&'a str> {
    let mut before = Vec::new();
    for position in (0..index).rev().take(LOOK_BACK) {
        if words[position + 1].sentence_start {
            break;
        }
        before.push(lower[position]);
    }
    before
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types(text: &str) -> Vec<String> {
        decision_types(text)
    }

    #[test]
    fn approvals_in_past_forms_are_godkendt() {
        assert_eq!(types("Samarbejdsaftalen blev godkendt."), [GODKENDT]);
        assert_eq!(
            types("Fagligt Strategisk Niveau godkendte den videre proces."),
            [GODKENDT]
        );
    }

    #[test]
    fn negated_approval_is_ikke_godkendt() {
        assert_eq!(types("Forslaget blev ikke godkendt."), [IKKE_GODKENDT]);
        assert_eq!(types("Forslaget blev ikke drøftet."), Vec::<String>::new());
    }

    #[test]
    fn efterretning_in_its_written_forms() {
        assert_eq!(
            types("Orientering taget til efterretning."),
            [TAGET_TIL_EFTERRETNING]
        );
        assert_eq!(
            types("Sundhedsdirektørkredsen tog orienteringen til efterretning."),
            [TAGET_TIL_EFTERRETNING]
        );
        assert_eq!(
            types("Oplæggene blev taget til efterretning."),
            [TAGET_TIL_EFTERRETNING]
        );
    }

    #[test]
    fn several_decisions_in_one_beslutning() {
        let text = "- Status på klyngemidler blev taget til efterretning.\n\
                    - Der blev drøftet forslag til fælles temaer.\n\
                    - Det blev besluttet, at administrationen arbejder videre på forslag.";
        assert_eq!(types(text), [TAGET_TIL_EFTERRETNING, DROEFTET, BESLUTTET]);
    }

    #[test]
    fn a_discussion_that_took_place_is_drøftet() {
        assert_eq!(
            types("Der var efterfølgende en drøftelse med fokus på trivsel."),
            [DROEFTET]
        );
        assert_eq!(
            types("Drøftelse af de lettilgængelige tilbud"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn plans_and_background_clauses_are_not_decisions() {
        assert_eq!(
            types("Målgruppebeskrivelsen godkendes på ekstraordinært møde."),
            Vec::<String>::new()
        );
        assert_eq!(
            types("Rammerne, som er godkendt af Strategisk Sundhedsstyregruppe."),
            Vec::<String>::new()
        );
        assert_eq!(
            types("Efter at målgruppen er politisk godkendt i juni."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn postponed_and_rejected() {
        assert_eq!(types("Punktet blev udsat til næste møde."), [UDSAT]);
        assert_eq!(types("Borgere udsat for vold."), Vec::<String>::new());
        assert_eq!(types("Forslaget blev afvist."), [AFVIST]);
    }

    #[test]
    fn nothing_to_note_gives_no_type() {
        assert_eq!(types("Intet at bemærke."), Vec::<String>::new());
    }
}
