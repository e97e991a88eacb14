//! Folders say what they skipped (issues 12.5 and 16.5), through the real binary: every
//! entry of a folder that is not indexed is listed with its reason and counted, and a
//! folder with nothing to index exits non-zero saying why.

use std::path::{Path, PathBuf};

use crate::cli::referat;
use crate::common::seed_files;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("referat-fo-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("writable");
}

/// A folder of odd entries: two PDFs (their reader may refuse them), a Word file, a FIFO,
/// a dangling link and a link loop.
fn odd_entries(dir: &Path) {
    write(
        dir,
        "a.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
    );
    write(dir, "b.PDF", b"%PDF-1.7\n%%EOF\n");
    write(dir, "c.docx", b"PK\x03\x04 word");
    let fifo = dir.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|status| status.success()), "mkfifo runs");
    std::os::unix::fs::symlink("gone.txt", dir.join("dangling.txt")).expect("symlink");
    std::os::unix::fs::symlink("loop.md", dir.join("loop.md")).expect("symlink");
}

fn index_of(dir: &Path) -> String {
    dir.with_extension("index").display().to_string()
}

#[test]
fn every_entry_not_indexed_is_listed_with_its_reason_and_the_seeds_still_index() {
    let dir = temp_dir("mixed");
    odd_entries(&dir);
    for seed in seed_files() {
        let name = seed.file_name().expect("named");
        std::fs::copy(&seed, dir.join(name)).expect("copies");
    }
    let (code, stdout, _) = referat(&[
        "index",
        &dir.display().to_string(),
        "--index",
        &index_of(&dir),
    ]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("5 added"), "{stdout}");
    assert!(stdout.contains("6 skipped"), "{stdout}");
    for (name, why) in [
        ("a.pdf", ""),
        ("b.PDF", ""),
        ("c.docx", "not a .txt, .md, .pdf, .html or .htm file"),
        ("pipe.txt", "a FIFO (named pipe), not a file"),
        ("dangling.txt", "dangling symbolic link"),
        ("loop.md", "symbolic link loop"),
    ] {
        let line = stdout
            .lines()
            .find(|line| line.contains(&format!("/{name}`")));
        let line = line.unwrap_or_else(|| panic!("{name} not listed: {stdout}"));
        assert!(
            line.starts_with("skipped `") && line.contains(why),
            "{line}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_folder_of_pdfs_that_cannot_be_read_exits_non_zero_listing_each() {
    let dir = temp_dir("pdfs");
    write(&dir, "x.pdf", b"%PDF-1.4\n%%EOF\n");
    write(&dir, "y.pdf", b"%PDF-1.5\n%%EOF\n");
    let (code, stdout, stderr) = referat(&[
        "index",
        &dir.display().to_string(),
        "--index",
        &index_of(&dir),
    ]);
    assert_ne!(code, 0, "{stdout}");
    assert!(stdout.contains("2 files: 0 added"), "{stdout}");
    assert!(
        stdout.contains("/x.pdf`") && stdout.contains("/y.pdf`"),
        "{stdout}"
    );
    assert!(
        stderr.contains("none of the 2 files could be indexed"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_folder_with_nothing_indexable_exits_2_saying_what_it_found() {
    let dir = temp_dir("nothing");
    write(&dir, "notes.docx", b"PK\x03\x04");
    write(&dir, "scan.tiff", b"II*\0");
    let (code, _, stderr) = referat(&[
        "index",
        &dir.display().to_string(),
        "--index",
        &index_of(&dir),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("found no .txt, .md, .pdf, .html or .htm file in `")
            && stderr.contains("(skipped 2: `")
            && stderr.contains("notes.docx`: not a .txt"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_names_that_differ_only_in_bytes_that_are_not_utf8_index_two_meetings() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir("bytes");
    let seeds = seed_files();
    for (seed, name) in seeds.iter().zip([&b"m\xf8de.txt"[..], b"m\xe6de.txt"]) {
        let path = dir.join(std::ffi::OsStr::from_bytes(name));
        std::fs::copy(seed, path).expect("copies");
    }
    let (code, stdout, stderr) = referat(&[
        "index",
        &dir.display().to_string(),
        "--index",
        &index_of(&dir),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("2 files: 2 added"), "{stdout}");
    let (_, json, _) = referat(&[
        "search",
        "*",
        "--index",
        &index_of(&dir),
        "--json",
        "--limit",
        "1000",
    ]);
    // Seeds 000 and 001: 9 + 7 items, both searchable.
    assert!(json.contains("\"total\": 16"), "{json}");
    let _ = std::fs::remove_dir_all(&dir);
}
