//! Shared by the CLI's integration tests: a workspace from a fixture, `planner serve` on a free
//! port, and API calls over plain HTTP/1.1 (no client library needed).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
}

/// A new workspace made from a fixture by `planner init`.
pub fn init_workspace(fixture_name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("w.bpw");
    let out = Command::new(env!("CARGO_BIN_EXE_planner"))
        .args(["init", "--from"])
        .arg(fixture(fixture_name))
        .arg("--db")
        .arg(&db)
        .output()
        .expect("init runs");
    assert!(out.status.success());
    (dir, db)
}

pub struct Server {
    pub child: Child,
    pub port: u16,
    /// The per-run token from the printed URL.
    pub token: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `planner serve` on the workspace, once it listens.
pub fn serve(db: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planner"))
        .args(["serve", "--port", "0", "--db"])
        .arg(db)
        .arg("--ui-dir")
        .arg(db.parent().unwrap_or(Path::new(".")))
        .arg("--log-dir")
        .arg(db.parent().unwrap_or(Path::new(".")).join("logs"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("url");
    // "Bureau Planner is serving http://127.0.0.1:PORT/?token=TOKEN"
    let (address, token) = line
        .trim()
        .split_once("/?token=")
        .unwrap_or_else(|| panic!("no token in {line:?}"));
    let port = address
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    Server {
        child,
        port,
        token: token.to_owned(),
    }
}

/// One API call; `None` when the connection fails (the server is gone) or the status is not 200.
pub fn try_call(server: &Server, method: &str, args: &Value) -> Option<Value> {
    let body = args.to_string();
    let port = server.port;
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        s,
        "POST /api/{method} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Planner-Token: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        server.token,
        body.len()
    )
    .ok()?;
    let mut response = Vec::new();
    s.read_to_end(&mut response).ok()?;
    let split = response.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&response[..split]).to_string();
    if !head.starts_with("HTTP/1.1 200") {
        return None;
    }
    let mut body = response[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body)?;
    }
    serde_json::from_slice(&body).ok()
}

/// Decodes an HTTP/1.1 chunked body (a server may chunk large responses).
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

pub fn call(server: &Server, method: &str, args: Value) -> Value {
    try_call(server, method, &args).unwrap_or_else(|| panic!("{method} {args} failed"))
}
