//! People as data: every participant of the indexed meetings, by a readable id
//! (`model::slug` of the name, `bo-libergren`), with the meetings they attended and missed.
//! Read from the stored meeting headers (`Meeting::participants`), one per meeting. Name
//! variants ("Storbank"/"Storbak") stay two people: the parser warns about them, nothing
//! here merges them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::lookup::{meeting_headers, summary};
use super::{Engine, MeetingSummary};
use crate::error::Result;
use crate::model::{slug, Meeting};

/// One person across the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// `model::slug` of the name: `bo-libergren`.
    pub id: String,
    /// The name as first written in the meetings (by meeting id order).
    pub name: String,
    /// Every party, municipality or organisation written beside the name.
    pub affiliations: Vec<String>,
    /// Meetings where the person is listed as present, by forum, then newest first.
    pub attended: Vec<MeetingSummary>,
    /// Meetings where the person is listed as absent ("Fravær", "Afbud"), in the same order.
    pub missed: Vec<MeetingSummary>,
}

/// Every person, ordered by name.
pub fn people(engine: &Engine) -> Result<Vec<Person>> {
    let mut by_id: BTreeMap<String, Person> = BTreeMap::new();
    let mut affiliations: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (meeting, items) in meeting_headers(engine)? {
        for (id, name, affiliation, present) in roll_call(&meeting) {
            let person = by_id.entry(id.clone()).or_insert_with(|| Person {
                id: id.clone(),
                name,
                affiliations: Vec::new(),
                attended: Vec::new(),
                missed: Vec::new(),
            });
            let list = if present {
                &mut person.attended
            } else {
                &mut person.missed
            };
            list.push(summary(&meeting, items));
            affiliations.entry(id).or_default().extend(affiliation);
        }
    }
    let mut out: Vec<Person> = by_id.into_values().collect();
    for person in &mut out {
        person.affiliations = affiliations
            .remove(&person.id)
            .unwrap_or_default()
            .into_iter()
            .collect();
        for list in [&mut person.attended, &mut person.missed] {
            list.sort_by(|a, b| (&a.forum, b.dato, &a.id).cmp(&(&b.forum, a.dato, &b.id)));
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// The person with id `id` (ids come from URLs: only ever compared, never used as paths).
pub fn person(engine: &Engine, id: &str) -> Result<Option<Person>> {
    Ok(people(engine)?.into_iter().find(|p| p.id == id))
}

/// The meeting's people once each: (id, name, affiliation, present). Someone listed twice
/// counts as present when any of the entries is.
fn roll_call(meeting: &Meeting) -> Vec<(String, String, Option<String>, bool)> {
    let mut seen: BTreeMap<String, (String, Option<String>, bool)> = BTreeMap::new();
    for p in &meeting.participants {
        let id = slug(&p.name);
        if id.is_empty() {
            continue;
        }
        let entry = seen
            .entry(id)
            .or_insert_with(|| (p.name.clone(), p.affiliation.clone(), false));
        entry.2 |= !p.absent;
    }
    seen.into_iter()
        .map(|(id, (name, affiliation, present))| (id, name, affiliation, present))
        .collect()
}

/// The names of the people present at `meeting` for `item_absent` (the item's own
/// "Fraværende" text): the values of the `person` facet of each of its items.
pub fn present_names(meeting: &Meeting, item_absent: &str) -> Vec<String> {
    roll_call(meeting)
        .into_iter()
        .filter(|(_, name, _, present)| *present && !item_absent.contains(name.as_str()))
        .map(|(_, name, ..)| name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::indexer::tests::{index_meetings, meeting, temp_dir};
    use crate::model::Participant;

    fn participant(name: &str, affiliation: &str, absent: bool) -> Participant {
        Participant {
            name: name.to_owned(),
            affiliation: Some(affiliation.to_owned()),
            absent,
        }
    }

    #[test]
    fn a_person_is_counted_present_or_absent_per_meeting_and_variants_stay_apart() {
        let dir = temp_dir("people-roll-call");
        let mut march = meeting("Sydvestjylland", "2024-03-01", "m.txt", &["Velkomst"]);
        march.participants = vec![
            participant("Bo Libergren", "V", false),
            participant("Stephanie Storbak", "Billund Kommune", true),
        ];
        let mut june = meeting("Sønderjylland", "2024-06-01", "j.txt", &["A"]);
        june.participants = vec![
            participant("Bo Libergren", "Esbjerg Kommune", false),
            participant("Stephanie Storbank", "Billund Kommune", false),
        ];
        index_meetings(&dir, &[march, june]);
        let engine = Engine::open(&dir).expect("opens");
        let people = engine.people().expect("reads");
        let ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            ["bo-libergren", "stephanie-storbak", "stephanie-storbank"]
        );
        let bo = engine
            .person("bo-libergren")
            .expect("reads")
            .expect("known");
        assert_eq!(bo.affiliations, ["Esbjerg Kommune", "V"]);
        let dates: Vec<String> = bo.attended.iter().map(|m| m.dato.to_string()).collect();
        // By forum: Sydvestjylland's March meeting before Sønderjylland's June meeting.
        assert_eq!(dates, ["2024-03-01", "2024-06-01"]);
        assert!(bo.missed.is_empty());
        let storbak = engine.person("stephanie-storbak").expect("reads");
        let storbak = storbak.expect("known");
        assert!(storbak.attended.is_empty());
        assert_eq!(storbak.missed.len(), 1);
        assert!(engine.person("../nope").expect("reads").is_none());
    }

    #[test]
    fn the_facet_leaves_out_the_absent_and_those_named_absent_from_the_item() {
        let mut m = meeting("Sydvestjylland", "2024-03-01", "m.txt", &["Velkomst"]);
        m.participants = vec![
            participant("Bo Libergren", "V", false),
            participant("Mads Sørensen", "Varde Kommune", false),
            participant("Birgitte Ries Møller", "PLO", true),
        ];
        assert_eq!(present_names(&m, ""), ["Bo Libergren", "Mads Sørensen"]);
        let item_absent = "Mads Sørensen, Varde Kommune, Birgitte Ries Møller, PLO";
        assert_eq!(present_names(&m, item_absent), ["Bo Libergren"]);
    }
}
