//! `referat parse FILE... [--json]`: runs the ingest pipeline (read → parse → enrich) on
//! each file and prints its outline (or the whole parse as JSON) so a person can check it
//! against the document. A file that fails gets one line on stderr; the others still run.
//! `--json` prints one JSON document: the meeting object when one file is named (as always),
//! an array of them when several are (so `parse --json *.txt | jq` reads valid JSON); the
//! shape follows the command line, not how many files happened to parse.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use super::ParseArgs;
use crate::ingest::load_file;
use crate::parse::outline;

pub fn run(args: ParseArgs) -> anyhow::Result<ExitCode> {
    let enricher = args.taxonomy.enricher()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    let mut printed = 0;
    let mut meetings = Vec::new();
    for path in &args.files {
        let display = path.display().to_string();
        let meeting = match load_file(path, &display, &enricher) {
            Ok(meeting) => meeting,
            Err(err) => {
                eprintln!("{display}: {}", one_line(&err));
                failed = true;
                continue;
            }
        };
        // On stderr, so `--json` output stays one document.
        for variant in crate::enrich::names::name_variants(&meeting) {
            eprintln!("{display}: advarsel: {variant}");
        }
        if args.json {
            meetings.push(meeting);
        } else {
            let separator = if printed == 0 { "" } else { "\n" };
            write!(out, "{separator}== {display}\n{}", outline(&meeting))?;
        }
        printed += 1;
    }
    if args.json {
        let json = match (args.files.len(), meetings.pop()) {
            (1, Some(meeting)) => serde_json::to_string_pretty(&meeting),
            (1, None) => Ok(String::new()),
            (_, last) => {
                meetings.extend(last);
                serde_json::to_string_pretty(&meetings)
            }
        };
        let json = json.context("serialising the parse")?;
        if !json.is_empty() {
            writeln!(out, "{json}")?;
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The reason without the path the library error already names (the CLI names the file).
fn one_line(err: &crate::Error) -> String {
    use crate::Error;
    match err {
        Error::Parse { source, .. } => source.to_string(),
        Error::Read { source, .. } => source.to_string(),
        Error::Io { source, .. } => format!("cannot read the file: {source}"),
        other => other.to_string(),
    }
}
