//! `scripts/pdf-bench.sh`'s view of the PDF reader alone: read every PDF given (in one
//! thread, in order), through `read::clean_as` as indexing does, and print files, pages,
//! seconds and pages/s. The best of `REPEAT` passes (default 3) is reported, so the first
//! pass's cold file cache does not count.
//!
//!     cargo run --release --example pdf_text -- FILE.pdf...
//!     DUMP=1 cargo run --example pdf_text -- FILE.pdf      # print the clean text instead

use std::time::Instant;

use referat::read::{clean_as, Format};

fn main() -> anyhow::Result<()> {
    let files: Vec<Vec<u8>> = std::env::args()
        .skip(1)
        .map(|path| std::fs::read(&path).map_err(|e| anyhow::anyhow!("`{path}`: {e}")))
        .collect::<Result<_, _>>()?;
    if std::env::var_os("DUMP").is_some() {
        for bytes in &files {
            print!("{}", clean_as(bytes, Format::Pdf)?.text);
        }
        return Ok(());
    }
    let repeat: usize = std::env::var("REPEAT")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let mut best = f64::MAX;
    let mut pages = 0;
    for _ in 0..repeat.max(1) {
        let started = Instant::now();
        pages = 0;
        for bytes in &files {
            let clean = clean_as(bytes, Format::Pdf)?;
            pages += pages_read(&clean.notes);
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "{} files, {pages} pages, {best:.3} s, {:.0} pages/s",
        files.len(),
        pages as f64 / best
    );
    Ok(())
}

/// The page count the reader notes ("read 12 pages of PDF text").
fn pages_read(notes: &[String]) -> usize {
    notes
        .iter()
        .find_map(|note| note.strip_prefix("read ")?.split(' ').next()?.parse().ok())
        .unwrap_or(0)
}
