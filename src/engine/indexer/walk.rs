//! Which files a run covers: the given files and folders, walked recursively for the
//! extensions referat reads ([`Format::EXTENSIONS`]: `.txt`, `.md`, `.pdf`, `.html`,
//! `.htm`), hidden entries skipped, sorted; and the path each file is recorded under.
//!
//! Every other entry of a folder is reported with its reason (another extension, a symbolic
//! link that dangles, loops or names a folder, a FIFO, socket or device): a folder never
//! loses a file without a word.
//!
//! The recorded path is the canonical path, made relative to the working directory when the
//! file lies under it (`seeds/000_….txt`). Canonical, so that `seeds`, `./seeds/` and
//! `/abs/seeds` name the same file and a run never indexes one file twice under two names.
//! Lossless: bytes of a name that are not UTF-8 are written `%XX` (and `%` in such a name
//! `%25`), so two names that differ only there stay two recorded paths.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use crate::read::Format;

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
    /// Given paths that could not be read and folder entries not taken, with the reason.
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
        match std::fs::metadata(&root).map(|meta| meta.file_type()) {
            Ok(kind) if kind.is_dir() => collect_dir(&root, cwd.as_deref(), &mut out),
            // Reading a FIFO named on the command line would block the run for good.
            Ok(kind) if !kind.is_file() => skip(
                &root,
                cwd.as_deref(),
                &mut out,
                not_a_file(&kind).to_owned(),
            ),
            _ => push(&root, cwd.as_deref(), &mut out),
        }
    }
    out.files
        .sort_by(|a, b| a.display.cmp(&b.display).then(a.path.cmp(&b.path)));
    out.files.dedup_by(|a, b| a.path == b.path);
    report_same_recorded_path(&mut out);
    out
}

/// Two different files that still map to one recorded path (only possible with names that
/// spell `%XX` themselves): the second is reported, never silently folded into the first.
fn report_same_recorded_path(out: &mut Walk) {
    let mut kept: Vec<Candidate> = Vec::with_capacity(out.files.len());
    for file in std::mem::take(&mut out.files) {
        match kept.last() {
            Some(last) if last.display == file.display => out.unreadable.push((
                file.path.display().to_string(),
                format!("recorded as `{}`, the same as another file", file.display),
            )),
            _ => kept.push(file),
        }
    }
    out.files = kept;
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
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let why = format!("cannot list folder: {err}");
                out.unreadable.push((display(dir, cwd), why));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        collect_entry(&entry.path(), cwd, out);
    }
}

/// One entry of a folder: a folder is walked, a file of a known extension taken, anything
/// else reported with its reason.
fn collect_entry(path: &Path, cwd: Option<&Path>, out: &mut Walk) {
    let kind = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta.file_type(),
        Err(err) => return skip(path, cwd, out, err.to_string()),
    };
    if kind.is_dir() {
        collect_dir(path, cwd, out);
    } else if kind.is_symlink() {
        collect_link(path, cwd, out);
    } else if !kind.is_file() {
        skip(path, cwd, out, not_a_file(&kind).to_owned());
    } else if Format::from_extension(path).is_some() {
        push(path, cwd, out);
    } else {
        skip(path, cwd, out, format!("not a {} file", extension_list()));
    }
}

/// A symbolic link in a folder: a link to a file is taken like the file; a link to a folder
/// is not followed (a link back up would walk forever) and said so, as are dangling links
/// and loops.
fn collect_link(path: &Path, cwd: Option<&Path>, out: &mut Walk) {
    match std::fs::metadata(path) {
        Err(err) if err.raw_os_error() == Some(libc_eloop()) => {
            skip(path, cwd, out, "symbolic link loop".to_owned());
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            skip(path, cwd, out, "dangling symbolic link".to_owned());
        }
        Err(err) => skip(path, cwd, out, format!("symbolic link: {err}")),
        Ok(meta) if meta.is_dir() => {
            let why = "symbolic link to a folder, not followed".to_owned();
            skip(path, cwd, out, why);
        }
        Ok(meta) if !meta.is_file() => {
            let why = format!("symbolic link to {}", not_a_file(&meta.file_type()));
            skip(path, cwd, out, why);
        }
        Ok(_) if Format::from_extension(path).is_none() => {
            skip(path, cwd, out, format!("not a {} file", extension_list()));
        }
        Ok(_) => push(path, cwd, out),
    }
}

/// ELOOP on Linux and the BSDs' value elsewhere ("too many levels of symbolic links").
fn libc_eloop() -> i32 {
    if cfg!(target_os = "linux") {
        40
    } else {
        62
    }
}

/// What a folder entry that is neither a file, a folder nor a link is.
fn not_a_file(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO (named pipe), not a file"
    } else if kind.is_socket() {
        "a socket, not a file"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device, not a file"
    } else {
        "not a regular file"
    }
}

/// ".txt, .md, .pdf, .html or .htm", from [`Format::EXTENSIONS`].
pub fn extension_list() -> String {
    let names: Vec<String> = Format::EXTENSIONS
        .iter()
        .map(|(ext, _)| format!(".{ext}"))
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

fn skip(path: &Path, cwd: Option<&Path>, out: &mut Walk, reason: String) {
    out.unreadable.push((display(path, cwd), reason));
}

fn push(path: &Path, cwd: Option<&Path>, out: &mut Walk) {
    out.files.push(Candidate {
        path: path.to_owned(),
        display: display(path, cwd),
    });
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
            Component::Normal(part) => Some(lossless(part)),
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

/// A name as UTF-8 text, without losing a byte: a name that is not UTF-8 gets each byte
/// that is not part of valid UTF-8 as `%XX`, and its `%` as `%25`.
fn lossless(name: &OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    if let Some(text) = name.to_str() {
        return text.to_owned();
    }
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        out.push_str(&chunk.valid().replace('%', "%25"));
        for byte in chunk.invalid() {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
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
            "notes.docx",
            ".secret.txt",
            "sub/c.TXT",
            ".hidden/d.txt",
        ] {
            std::fs::write(root.join(file), "x").expect("temp dir is writable");
        }
        root
    }

    #[test]
    fn walk_finds_the_known_extensions_recursively_sorted_skipping_hidden() {
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
        assert_eq!(names, ["a.md", "b.txt", "notes.pdf", "sub/c.TXT"]);
        assert_eq!(walk.unreadable.len(), 1, "{:?}", walk.unreadable);
        assert!(walk.unreadable[0].0.ends_with("notes.docx"));
        assert_eq!(
            walk.unreadable[0].1,
            "not a .txt, .md, .pdf, .html or .htm file"
        );
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
        assert_eq!(
            walk.files.len(),
            4,
            "a.md, b.txt, notes.pdf, sub/c.TXT once each"
        );
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

    #[test]
    fn links_that_dangle_loop_or_name_a_folder_and_fifos_are_reported() {
        let root = temp_tree("odd");
        let link = |target: &str, name: &str| {
            std::os::unix::fs::symlink(target, root.join(name)).expect("symlinks work");
        };
        link("gone.txt", "dangling.txt");
        link("loop-b.txt", "loop-a.txt");
        link("loop-a.txt", "loop-b.txt");
        link("sub", "sub-link");
        link("b.txt", "b-link.txt");
        let fifo = root.join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|status| status.success()), "mkfifo runs");
        let walk = walk(std::slice::from_ref(&root));
        let reason = |name: &str| {
            let found = walk
                .unreadable
                .iter()
                .find(|(path, _)| path.ends_with(name));
            found.map(|(_, why)| why.as_str()).unwrap_or("not reported")
        };
        assert_eq!(reason("/dangling.txt"), "dangling symbolic link");
        assert_eq!(reason("/loop-a.txt"), "symbolic link loop");
        assert_eq!(
            reason("/sub-link"),
            "symbolic link to a folder, not followed"
        );
        assert_eq!(reason("/pipe.txt"), "a FIFO (named pipe), not a file");
        let named = super::walk(std::slice::from_ref(&fifo));
        assert!(
            named.files.is_empty(),
            "a FIFO named on purpose is not read either"
        );
        assert_eq!(named.unreadable.len(), 1);
        assert!(walk
            .files
            .iter()
            .any(|f| f.display.ends_with("/b-link.txt")));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn names_that_differ_only_in_bytes_that_are_not_utf8_stay_apart() {
        use std::os::unix::ffi::OsStrExt;
        let root = temp_tree("bytes");
        for name in [&b"m\xf8de.txt"[..], b"m\xe6de.txt", b"50%\xff.txt"] {
            std::fs::write(root.join(OsStr::from_bytes(name)), "x").expect("writable");
        }
        let walk = walk(std::slice::from_ref(&root));
        let names: Vec<&str> = walk.files.iter().map(|f| f.display.as_str()).collect();
        for expected in ["/m%F8de.txt", "/m%E6de.txt", "/50%25%FF.txt"] {
            assert!(names.iter().any(|n| n.ends_with(expected)), "{names:?}");
        }
        assert_eq!(walk.files.len(), 7, "{names:?}");
        let _ = std::fs::remove_dir_all(&root);
    }
}
