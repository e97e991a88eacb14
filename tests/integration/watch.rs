//! `--watch` with the real binary: a dropped referat is searchable within 5 s and a deleted
//! one gone; a burst of 500 files is a few commits; a file still being written is not read
//! half-way; a bad file is skipped and the watcher goes on.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use referat::engine::{Engine, SearchRequest};

/// What the issue promises: a change is searchable within this long.
const PROMISE: Duration = Duration::from_secs(5);
/// Only a guard against hanging: a debug build indexing 500 files on a busy machine.
const GUARD: Duration = Duration::from_secs(120);

/// The watching process, killed when the test ends however it ends.
struct Watching {
    child: Child,
    log: Receiver<String>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watching {
    /// Log lines until one contains `needle`; panics after `within`.
    fn wait_for_log(&self, needle: &str, within: Duration) -> Vec<String> {
        let mut seen = Vec::new();
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Ok(line) = self.log.recv_timeout(Duration::from_millis(100)) {
                let found = line.contains(needle);
                seen.push(line);
                if found {
                    return seen;
                }
            }
        }
        panic!("no log line with `{needle}` within {within:?}; saw {seen:#?}");
    }

    /// Every log line that arrives within `during`.
    fn log_during(&self, during: Duration) -> Vec<String> {
        let deadline = Instant::now() + during;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            if let Ok(line) = self.log.recv_timeout(left) {
                seen.push(line);
            }
        }
        seen
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("referat-watch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).expect("temp dir is writable");
    dir
}

/// A small referat of its own meeting (the date makes the id) mentioning `word`.
fn referat(n: u32, word: &str) -> String {
    let (year, month, day) = (2031 + n / (28 * 12), 1 + n / 28 % 12, 1 + n % 28);
    format!(
        "# REFERAT Sundhedsklynge Sydvestjylland d. {day:02}-{month:02}-{year}\n\n\
         ## Punkt 1: Velkomst\n\nVelkomst ved formanden om {word}.\n\n\
         ## Punkt 2: Eventuelt\n\nIntet.\n"
    )
}

fn log_lines(stderr: ChildStderr) -> Receiver<String> {
    let (lines_tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    lines
}

/// `referat index --watch DIR/in --index DIR/index`, once it watches.
fn index_watch(dir: &Path) -> Watching {
    let mut child = Command::new(env!("CARGO_BIN_EXE_referat"))
        .arg("index")
        .arg(dir.join("in"))
        .arg("--index")
        .arg(dir.join("index"))
        .arg("--watch")
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start referat index --watch");
    let log = log_lines(child.stderr.take().expect("piped stderr"));
    let watching = Watching { child, log };
    watching.wait_for_log("watching for new", GUARD);
    watching
}

/// Hits for `word` in the index as it is committed now.
fn hits(index: &Path, word: &str) -> u64 {
    let engine = Engine::open(index).expect("the index opens");
    let request = SearchRequest {
        query: word.into(),
        ..SearchRequest::default()
    };
    engine.search(&request).expect("search runs").total
}

/// How long until `check` holds, or `None` if not within `within`.
fn until(within: Duration, check: impl Fn() -> bool) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < within {
        if check() {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

#[test]
fn a_dropped_referat_is_searchable_within_5_s_and_gone_within_5_s_of_its_deletion() {
    let dir = temp_dir("drop");
    let _watching = index_watch(&dir);
    let file = dir.join("in/ny.txt");
    std::fs::write(&file, referat(1, "zebrafisk")).expect("write");
    let took = until(PROMISE, || hits(&dir.join("index"), "zebrafisk") == 1);
    assert!(
        took.is_some(),
        "the new referat was not searchable within 5 s"
    );
    std::fs::remove_file(&file).expect("delete");
    let took = until(PROMISE, || hits(&dir.join("index"), "zebrafisk") == 0);
    assert!(
        took.is_some(),
        "the deleted referat was still found after 5 s"
    );
}

#[test]
fn a_burst_of_500_files_becomes_a_few_commits_and_all_are_searchable() {
    let dir = temp_dir("burst");
    let watching = index_watch(&dir);
    for day in 0..500 {
        let name = dir.join(format!("in/{day:03}.txt"));
        std::fs::write(name, referat(day, "burstord")).expect("write");
    }
    let index = dir.join("index");
    let done = until(GUARD, || hits(&index, "burstord") == 500);
    assert!(done.is_some(), "not all 500 were indexed");
    let commits = watching
        .log_during(Duration::from_millis(500))
        .into_iter()
        .chain(std::iter::from_fn(|| watching.log.try_recv().ok()))
        .filter(|line| line.contains("committed a batch"))
        .count();
    // Lines logged before the last check were read by nobody yet: all are still queued.
    assert!(commits >= 1, "no commit was logged");
    assert!(commits <= 5, "{commits} commits for one burst of 500 files");
}

#[test]
fn a_file_still_being_written_is_not_read_half_way() {
    let dir = temp_dir("half");
    let _watching = index_watch(&dir);
    let text = referat(7, "forstedel") + "\n## Punkt 3: Sidste punkt\n\nOm slutordet.\n";
    let (first, rest) = text.split_at(text.len() / 2);
    let mut file = std::fs::File::create(dir.join("in/halv.txt")).expect("create");
    file.write_all(first.as_bytes())
        .expect("write the first half");
    file.flush().expect("flush");
    // The writer pauses with the file open, as a slow download or copy does.
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(hits(&dir.join("index"), "forstedel"), 0, "read half-way");
    file.write_all(rest.as_bytes()).expect("write the rest");
    drop(file);
    let index = dir.join("index");
    let took = until(PROMISE, || hits(&index, "slutordet") == 1);
    assert!(
        took.is_some(),
        "the finished file was not indexed within 5 s"
    );
    assert_eq!(hits(&index, "forstedel"), 1);
}

#[test]
fn a_bad_file_is_logged_and_skipped_and_the_watcher_goes_on() {
    let dir = temp_dir("bad");
    let watching = index_watch(&dir);
    std::fs::write(dir.join("in/binær.txt"), [0u8, 159, 146, 150, 0, 1, 2]).expect("write");
    let lines = watching.wait_for_log("skipped", PROMISE);
    assert!(
        lines.iter().any(|l| l.contains("binær.txt")),
        "the skip names the file: {lines:#?}"
    );
    // Written to a pipe, the log is plain text: no terminal colour codes.
    assert!(!lines.iter().any(|l| l.contains('\u{1b}')), "{lines:#?}");
    std::fs::write(dir.join("in/god.txt"), referat(9, "godtord")).expect("write");
    let took = until(PROMISE, || hits(&dir.join("index"), "godtord") == 1);
    assert!(
        took.is_some(),
        "a good file after a bad one was not indexed"
    );
}

/// A minimal HTTP/1.1 GET of the body.
fn http_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect to the server");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("send request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read response");
    response
}

#[test]
fn serve_watch_answers_a_search_for_a_referat_dropped_while_it_runs() {
    let dir = temp_dir("serve");
    let mut child = Command::new(env!("CARGO_BIN_EXE_referat"))
        .args([
            "serve",
            "--watch",
            "--addr",
            "127.0.0.1:0",
            "--cache-mb",
            "0",
        ])
        .arg("--index")
        .arg(dir.join("index"))
        .arg("--seeds")
        .arg(dir.join("in"))
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start referat serve --watch");
    let stdout = child.stdout.take().expect("piped stdout");
    let log = log_lines(child.stderr.take().expect("piped stderr"));
    let watching = Watching { child, log };
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("the address line");
    let addr = first
        .trim()
        .rsplit("http://")
        .next()
        .unwrap_or_default()
        .to_owned();
    watching.wait_for_log("caught up", GUARD);
    std::fs::write(dir.join("in/ny.txt"), referat(3, "hvalros")).expect("write");
    let found = until(PROMISE, || {
        http_get(&addr, "/api/v1/search?q=hvalros").contains("\"total\":1")
    });
    assert!(
        found.is_some(),
        "the server did not find the new referat within 5 s"
    );
    assert!(http_get(&addr, "/?q=hvalros").contains("Velkomst"));
}
