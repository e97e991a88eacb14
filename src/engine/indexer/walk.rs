//! Which files a run covers: the given files and folders, walked recursively for `.txt` and
//! `.md`, hidden entries skipped, sorted; and the path each file is recorded under.
//!
//! The recorded path is the canonical path, made relative to the working directory when the
//! file lies under it (`seeds/000_….txt`). Canonical, so that `seeds`, `./seeds/` and
//! `/abs/seeds` name the same file and a run never indexes one file twice under two names.

use std::path::{Component, Path, PathBuf};

/// A file to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Where to read it.
    pub path: PathBuf,
    /// What the index records as its `source_path`.
    pub display: String,
}

/// The outcome of walking the given paths.
#[derive(Debug, Default)]
pub struct Walk {
    /// Files to index, sorted by recorded path, without duplicates.
    pub files: Vec<Candidate>,
    /// Recorded form of each given path that exists: indexed files under these and no longer
    /// on disk are removed.
    pub roots: Vec<String>,
    /// Given paths that could not be read, with the reason.
    pub unreadable: Vec<(String, String)>,
}

/// Walk `paths` (files are taken whatever their extension: they were named on purpose).
pub fn walk(paths: &[PathBuf]) -> Walk {
    let cwd = std::env::current_dir()
        .and_then(|dir| dir.canonicalize())
        .ok();
    let mut out = Walk::default();
    for given in paths {
        let root = match given.canonicalize() {
            Ok(root) => root,
            Err(err) => {
                out.unreadable
                    .push((given.display().to_string(), err.to_string()));
                continue;
            }
        };
        out.roots.push(display(&root, cwd.as_deref()));
        if root.is_dir() {
            collect_dir(&root, cwd.as_deref(), &mut out);
        } else {
            push(&root, cwd.as_deref(), &mut out);
        }
    }
    out.files.sort_by(|a, b| a.display.cmp(&b.display));
    out.files.dedup_by(|a, b| a.display == b.display);
    out
}

/// Whether the recorded path `file` lies under (or is) the recorded root `root`.
pub fn is_under(file: &str, root: &str) -> bool {
    Path::new(file).starts_with(Path::new(root))
}

fn collect_dir(dir: &Path, cwd: Option<&Path>, out: &mut Walk) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            out.unreadable
                .push((display(dir, cwd), format!("cannot list folder: {err}")));
            return;
        }
    };
    for entry in entries.filter_map(|entry| entry.ok()) {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Symlinked folders are not followed: a link back up would walk forever.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_dir(&path, cwd, out);
        } else if has_referat_extension(&path) && path.is_file() {
            push(&path, cwd, out);
        }
    }
}

fn push(path: &Path, cwd: Option<&Path>, out: &mut Walk) {
    out.files.push(Candidate {
        path: path.to_owned(),
        display: display(path, cwd),
    });
}

fn has_referat_extension(path: &Path) -> bool {
    path.extension()
        .map(|ext| ext.to_string_lossy().to_lowercase())
        .is_some_and(|ext| ext == "txt" || ext == "md")
}

/// The recorded form of an absolute path: relative to `cwd` when under it, `/`-separated.
fn display(path: &Path, cwd: Option<&Path>) -> String {
    let relative = cwd
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .filter(|rel| rel.components().next().is_some())
        .unwrap_or(path);
    let parts: Vec<String> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let joined = parts.join("/");
    if relative.is_absolute() {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_tree(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("referat-walk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for dir in ["", "sub", ".hidden"] {
            std::fs::create_dir_all(root.join(dir)).expect("temp dir is writable");
        }
        for file in [
            "b.txt",
            "a.md",
            "notes.pdf",
            ".secret.txt",
            "sub/c.TXT",
            ".hidden/d.txt",
        ] {
            std::fs::write(root.join(file), "x").expect("temp dir is writable");
        }
        root
    }

    #[test]
    fn walk_finds_txt_and_md_recursively_sorted_skipping_hidden() {
        let root = temp_tree("finds");
        let walk = walk(std::slice::from_ref(&root));
        let names: Vec<String> = walk
            .files
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(&root)
                    .expect("under root")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["a.md", "b.txt", "sub/c.TXT"]);
        assert_eq!(walk.roots.len(), 1);
        assert!(walk
            .files
            .iter()
            .all(|f| is_under(&f.display, &walk.roots[0])));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn walk_names_a_file_once_however_it_is_spelled() {
        let root = temp_tree("spelled");
        let dotted = root.join(".").join("b.txt");
        let walk = walk(&[root.join("b.txt"), dotted, root.clone()]);
        assert_eq!(walk.files.len(), 3, "a.md, b.txt, sub/c.TXT once each");
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn walk_reports_a_missing_path_instead_of_failing() {
        let walk = walk(&[PathBuf::from("/no/such/referat/folder")]);
        assert!(walk.files.is_empty());
        assert!(walk.roots.is_empty());
        assert_eq!(walk.unreadable.len(), 1);
        assert!(walk.unreadable[0].0.contains("/no/such/referat/folder"));
    }

    #[test]
    fn is_under_compares_whole_path_components() {
        assert!(is_under("seeds/a.txt", "seeds"));
        assert!(is_under("seeds/a.txt", "seeds/a.txt"));
        assert!(!is_under("seeds2/a.txt", "seeds"));
    }
}
