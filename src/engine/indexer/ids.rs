//! Meeting ids within one index: distinct meetings never share one (issue 16, hole 3).
//!
//! A meeting's plain id is forum/niveau/date ([`Meeting::plain_id`]). Two meetings of one
//! forum on one day (13:30 and 16:00) have the same plain id: the first to claim it keeps it
//! and the other gets `-kl-1600` (its start time) or, when that is taken or there is no
//! time, `-2`, `-3`, … Claims are made first by the files the last commit holds and that
//! stay, with the ids they have, then by the run's files in walk order (sorted by path): so
//! an unchanged file keeps its id across runs, and the seeds (one meeting per plain id) keep
//! theirs. The same meeting twice (a file with the same bytes as the holder's) is still a
//! duplicate, reported and not indexed.

use std::collections::HashMap;

use crate::model::Meeting;

/// Who holds an id.
#[derive(Debug, Clone)]
struct Holder {
    path: String,
    sha256: String,
}

/// The ids claimed so far in a run.
#[derive(Debug, Default)]
pub(super) struct Owners {
    by_id: HashMap<String, Holder>,
    by_path: HashMap<String, String>,
}

impl Owners {
    /// `path` (content `sha256`) holds `id`.
    pub fn claim(&mut self, id: String, path: &str, sha256: &str) {
        let holder = Holder {
            path: path.to_owned(),
            sha256: sha256.to_owned(),
        };
        self.by_path.insert(path.to_owned(), id.clone());
        self.by_id.insert(id, holder);
    }

    /// Give `meeting`, read from `path`, an id no other meeting holds (setting its
    /// [`Meeting::id_suffix`]) and claim it; `Err(reason)` when another file holds the same
    /// meeting (the same bytes).
    pub fn assign(&mut self, meeting: &mut Meeting, path: &str) -> Result<(), String> {
        let plain = meeting.plain_id();
        let sha = meeting.source.sha256.clone();
        let held = self
            .by_path
            .get(path)
            .filter(|id| extends(id, &plain))
            .cloned();
        for suffix in held
            .iter()
            .map(|id| suffix_of(id, &plain))
            .chain(candidates(meeting))
        {
            meeting.id_suffix = suffix;
            let id = meeting.id();
            match self.by_id.get(&id) {
                Some(holder) if holder.path != path && holder.sha256 == sha => {
                    return Err(format!(
                        "same meeting `{id}` as `{}`, which is indexed (the same content)",
                        holder.path
                    ));
                }
                Some(holder) if holder.path != path => continue,
                _ => {
                    self.claim(id, path, &sha);
                    return Ok(());
                }
            }
        }
        Err(format!("no free id for meeting `{plain}`"))
    }
}

/// The suffixes to try, in order: none, the start time, then 2, 3, ….
fn candidates(meeting: &Meeting) -> impl Iterator<Item = Option<String>> {
    let time = meeting
        .starts_at
        .map(|time| format!("kl-{}", time.format("%H%M")));
    std::iter::once(None)
        .chain(time.map(Some))
        .chain((2..100_000u32).map(|n| Some(n.to_string())))
}

/// Whether `id` is `plain` or `plain` with a suffix.
fn extends(id: &str, plain: &str) -> bool {
    id == plain
        || id
            .strip_prefix(plain)
            .is_some_and(|rest| rest.starts_with('-'))
}

fn suffix_of(id: &str, plain: &str) -> Option<String> {
    id.strip_prefix(plain)
        .and_then(|rest| rest.strip_prefix('-'))
        .map(str::to_owned)
}
