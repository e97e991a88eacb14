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
