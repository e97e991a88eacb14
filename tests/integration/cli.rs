//! The real binary: `referat serve` on port 0 with a fresh index indexes the seeds, says
//! where it listens, answers over TCP, and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::common;

/// Long enough for a debug build to index the seeds; only a guard against hanging forever.
const STARTUP_GUARD: Duration = Duration::from_secs(120);

/// Kills the server if the test fails half-way, so no process outlives it.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A minimal HTTP/1.1 GET: returns the status code and the body.
fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect to the server");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("send request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read response");
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serve_indexes_the_seeds_then_answers_over_tcp_and_stops_on_sigterm() {
    let index = std::env::temp_dir().join(format!("referat-test-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&index);
    let child = Command::new(env!("CARGO_BIN_EXE_referat"))
        .args(["serve", "--addr", "127.0.0.1:0", "--index"])
        .arg(&index)
        .arg("--seeds")
        .arg(common::seeds_dir())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start referat serve");
    let mut server = Server(child);
    let stdout = server.0.stdout.take().expect("piped stdout");
    let (lines_tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let line = lines
        .recv_timeout(STARTUP_GUARD)
        .expect("the server says where it listens");
    let addr = line
        .split("http://")
        .nth(1)
        .expect("the line names the URL")
        .trim()
        .to_owned();

    let (status, body) = http_get(&addr, "/ready");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"items\":41"), "{body}");
    let (status, body) = http_get(&addr, "/api/v1/search?q=l%C3%A6ged%C3%A6kning");
    assert_eq!(status, 200);
    assert!(body.contains("\"hits\""), "{body}");
    let (status, body) = http_get(&addr, "/api/v1/search?page=0");
    assert_eq!(status, 400);
    assert!(body.contains("\"param\":\"page\""), "{body}");

    let pid = server.0.id().to_string();
    let signalled = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("run kill");
    assert!(signalled.success());
    let exit = server.0.wait().expect("wait for the server");
    assert!(exit.success(), "graceful shutdown exits 0, got {exit}");
    let _ = std::fs::remove_dir_all(&index);
}

/// Run the real binary with `args`; (exit code, stdout, stderr).
pub(crate) fn referat(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_referat"))
        .args(args)
        .env_remove("REFERAT_FOKUSOMRAADER")
        .env_remove("REFERAT_SYNONYMS")
        .output()
        .expect("the referat binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The `fokusomraade` facet values of a search for everything, as JSON.
fn focus_values(index: &str) -> Vec<String> {
    let (code, stdout, stderr) = referat(&["search", "", "--index", index, "--json"]);
    assert_eq!(code, 0, "search failed: {stderr}");
    let results: serde_json::Value = serde_json::from_str(&stdout).expect("JSON results");
    let facets = results["facets"].as_array().cloned().unwrap_or_default();
    let focus = facets
        .iter()
        .find(|f| f["facet"] == "fokusomraade")
        .expect("a fokusomraade facet");
    let values = focus["values"].as_array().cloned().unwrap_or_default();
    values
        .iter()
        .filter_map(|v| v["value"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn an_edited_taxonomy_and_synonym_file_take_effect_without_rebuilding_the_binary() {
    let dir = std::env::temp_dir().join(format!("referat-test-data-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let taxonomy = dir.join("fokus.txt");
    std::fs::write(&taxonomy, "# one area only\nOpioider: opioid*\n").expect("taxonomy");
    let synonyms = dir.join("synonyms.txt");
    std::fs::write(&synonyms, "LDK = lægedækning\n").expect("synonyms");
    let index = dir.join("index");
    let index = index.to_str().expect("utf-8 temp path");
    let seeds = common::seeds_dir();
    let seeds = seeds.to_str().expect("utf-8 seeds path");
    let taxonomy_flag = taxonomy.to_str().expect("utf-8 path");
    let index_with_taxonomy = || {
        referat(&[
            "index",
            seeds,
            "--index",
            index,
            "--fokusomraader",
            taxonomy_flag,
        ])
    };

    let (code, _, stderr) = index_with_taxonomy();
    assert_eq!(code, 0, "index with a user taxonomy failed: {stderr}");
    assert_eq!(focus_values(index), vec!["Opioider".to_owned()]);

    // Back to the built-in taxonomy: the stamp differs, so every item is re-enriched.
    let (code, _, stderr) = referat(&["index", seeds, "--index", index]);
    assert_eq!(code, 0, "index with the built-in taxonomy failed: {stderr}");
    let builtin = focus_values(index);
    assert!(builtin.contains(&"Lægedækning".to_owned()), "{builtin:?}");
    assert!(!builtin.contains(&"Opioider".to_owned()), "{builtin:?}");

    // An abbreviation only the user's synonym file knows.
    let count = |extra: &[&str]| {
        let mut args = vec!["search", "LDK", "--index", index, "--json"];
        args.extend_from_slice(extra);
        let (code, stdout, stderr) = referat(&args);
        assert_eq!(code, 0, "search failed: {stderr}");
        let results: serde_json::Value = serde_json::from_str(&stdout).expect("JSON results");
        results["total"].as_u64().unwrap_or_default()
    };
    let synonyms_flag = synonyms.to_str().expect("utf-8 path");
    assert_eq!(count(&[]), 0, "the built-in list does not know LDK");
    assert!(
        count(&["--synonyms", synonyms_flag]) >= 6,
        "LDK finds the lægedækning items"
    );

    // A malformed file is a one-line error naming the file.
    std::fs::write(&taxonomy, "this line has no colon\n").expect("bad taxonomy");
    let (code, _, stderr) = index_with_taxonomy();
    assert_ne!(code, 0);
    assert!(
        stderr.contains("fokus.txt") && stderr.contains("line 1"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn parse_names_the_nearest_layout_and_what_it_lacks_for_an_unknown_layout() {
    let dir = std::env::temp_dir().join(format!("referat-it-layout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("ukendt.txt");
    // Items in the `N. title` family, but no title line of any family.
    std::fs::write(
        &file,
        "Sagsnr. 16/838\n\n49. Budget 2017\n\nTal.\n\n50. Eventuelt\n\nIntet.\n",
    )
    .expect("write the file");
    let path = file.to_str().expect("utf-8 path");
    let (code, stdout, stderr) = referat(&["parse", path]);
    assert_ne!(code, 0, "{stdout}");
    assert!(stderr.contains("ukendt.txt"), "names the file: {stderr}");
    assert!(
        stderr.contains(
            "looks like a referat with `1. <title>` items but has no title line: expected \
             `REFERAT <forum> d. DD-MM-YYYY`, `<forum> - Referat - <date>`"
        ),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
