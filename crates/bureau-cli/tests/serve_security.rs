//! `planner serve` is not a hole: it listens on loopback only and refuses requests with a
//! foreign Host, without or with a wrong token, from another origin, or with a huge body —
//! each with its own status, and none of them changes the workspace.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::{json, Value};
use support::{call, init_workspace, serve, Server};

/// A raw request; returns the status line's code and the lower-cased head.
fn raw(server: &Server, head: &str, body: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    s.write_all(head.as_bytes()).expect("head");
    // The server may answer and close before the whole body is sent: that is the point.
    let _ = s.write_all(body);
    let mut response = Vec::new();
    let _ = s.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).to_string();
    let code = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, text.to_ascii_lowercase())
}

fn move_request(server: &Server, host: &str, extra: &str) -> (u16, String) {
    let body = move_body();
    let head = format!(
        "POST /api/move_people HTTP/1.1\r\nHost: {host}\r\n{extra}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    raw(server, &head, body.as_bytes())
}

fn move_body() -> String {
    json!({"police_numbers": ["360001"], "to": "d-ps01"}).to_string()
}

/// What a refused request must leave unchanged.
fn fingerprint(server: &Server) -> (Value, Value, Value) {
    (
        call(server, "edit_state", json!({})),
        call(server, "metrics", json!({})),
        call(server, "audit_verify", Value::Null)["rows"].clone(),
    )
}

#[test]
fn refused_requests_get_their_status_and_change_nothing() {
    let (_dir, db) = init_workspace("county.json");
    let server = serve(&db);
    let before = fingerprint(&server);
    let good_host = format!("127.0.0.1:{}", server.port);
    let token = format!("X-Planner-Token: {}\r\n", server.token);

    // DNS rebinding: the attacker's name in Host.
    let (code, _) = move_request(&server, &format!("evil.example:{}", server.port), &token);
    assert_eq!(code, 421);
    let (code, _) = move_request(&server, "", &token);
    assert_eq!(code, 421);
    // No token, a wrong one, one off by a character.
    assert_eq!(move_request(&server, &good_host, "").0, 401);
    assert_eq!(
        move_request(&server, &good_host, "X-Planner-Token: 0123456789abcdef\r\n").0,
        401
    );
    let mut near = server.token.clone();
    near.pop();
    near.push('x');
    assert_eq!(
        move_request(&server, &good_host, &format!("X-Planner-Token: {near}\r\n")).0,
        401
    );
    // Another origin, even with the token (a page elsewhere that learnt it).
    let (code, head) = move_request(
        &server,
        &good_host,
        &format!("{token}Origin: http://evil.example\r\n"),
    );
    assert_eq!(code, 403);
    assert!(!head.contains("access-control-allow"), "{head}");
    // A CORS preflight gets no permission either.
    let (code, head) = raw(
        &server,
        &format!("OPTIONS /api/move_people HTTP/1.1\r\nHost: {good_host}\r\nOrigin: http://evil.example\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n"),
        b"",
    );
    assert_ne!(code, 200);
    assert!(!head.contains("access-control-allow"), "{head}");

    // 100 MB, announced.
    let huge = vec![b' '; 100 * 1024 * 1024];
    let (code, _) = raw(
        &server,
        &format!("POST /api/move_people HTTP/1.1\r\nHost: {good_host}\r\n{token}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", huge.len()),
        &huge,
    );
    assert_eq!(code, 413);
    // 100 MB, chunked (no length announced): cut off at the cap.
    let mut chunked = Vec::with_capacity(huge.len() + 1024);
    for piece in huge.chunks(1024 * 1024) {
        chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let (code, _) = raw(
        &server,
        &format!("POST /api/move_people HTTP/1.1\r\nHost: {good_host}\r\n{token}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"),
        &chunked,
    );
    assert_eq!(code, 413);

    assert_eq!(fingerprint(&server), before, "nothing changed");
    // The same move with everything right is accepted: the refusals above were not luck.
    let (code, head) = move_request(&server, &good_host, &token);
    assert_eq!(code, 200, "{head}");
    assert_ne!(fingerprint(&server), before);
}

#[cfg(target_os = "linux")]
#[test]
fn it_listens_on_loopback_only() {
    let (_dir, db) = init_workspace("tiny.json");
    let server = serve(&db);
    let port = format!(":{:04X}", server.port);
    let table = std::fs::read_to_string("/proc/net/tcp").expect("/proc/net/tcp");
    let listening: Vec<&str> = table
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(1).map(|local| (l, local)))
        .filter(|(l, local)| local.ends_with(&port) && l.split_whitespace().nth(3) == Some("0A"))
        .map(|(_, local)| local)
        .collect();
    assert_eq!(listening, [format!("0100007F{port}")]);
    let v6 = std::fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
    assert!(
        !v6.lines().any(|l| l
            .split_whitespace()
            .nth(1)
            .is_some_and(|local| local.ends_with(&port))),
        "not on IPv6 either"
    );
}

#[test]
fn arguments_by_position_cannot_name_a_file() {
    let (dir, db) = init_workspace("county.json");
    let server = serve(&db);
    let before = fingerprint(&server);
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "SENTINEL-by-position\n").expect("write");
    let good_host = format!("127.0.0.1:{}", server.port);
    let token = format!("X-Planner-Token: {}\r\n", server.token);
    for (method, body) in [
        ("import_preview", json!(["/etc/passwd", null, null])),
        ("import_preview", json!([secret, null, null])),
        ("import_preview", json!(["/proc/self/environ", null, null])),
        ("roster_template", json!([dir.path().join("written.xlsx")])),
        ("export_document", json!([null, [], "csv", db])),
    ] {
        let body = body.to_string();
        let (code, text) = raw(
            &server,
            &format!(
                "POST /api/{method} HTTP/1.1\r\nHost: {good_host}\r\n{token}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            ),
            body.as_bytes(),
        );
        assert_eq!(code, 400, "{method} {body}: {text}");
        assert!(text.contains("\"code\":\"bad_request\""), "{text}");
        assert!(text.contains("expected one json object"), "{text}");
        for leak in ["root:", "sentinel", "path=", "home="] {
            assert!(!text.contains(leak), "{method} {body}: {leak} in {text}");
        }
    }
    assert!(!dir.path().join("written.xlsx").exists());
    assert_eq!(fingerprint(&server), before, "the workspace is intact");
}

/// Reads what is there without waiting: `None` while the connection is open and silent.
fn poll(s: &mut TcpStream) -> Option<Vec<u8>> {
    s.set_nonblocking(true).expect("nonblocking");
    let mut buf = vec![0u8; 4096];
    let got = match s.read(&mut buf) {
        Ok(n) => Some(buf[..n].to_vec()),
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => None,
        Err(_) => Some(Vec::new()),
    };
    s.set_nonblocking(false).expect("blocking");
    got
}

#[test]
fn a_stalled_client_does_not_stall_the_others() {
    let (_dir, db) = init_workspace("tiny.json");
    let server = serve(&db);
    let good_host = format!("127.0.0.1:{}", server.port);
    // One announces a 10 KB body and sends none of it; another never finishes its head.
    let mut no_body = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    write!(
        no_body,
        "POST /api/move_people HTTP/1.1\r\nHost: {good_host}\r\nX-Planner-Token: {}\r\nContent-Type: application/json\r\nContent-Length: 10240\r\n\r\n",
        server.token
    )
    .expect("head");
    let mut half_head = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    write!(
        half_head,
        "POST /api/metrics HTTP/1.1\r\nHost: {good_host}\r\n"
    )
    .expect("head");
    std::thread::sleep(Duration::from_millis(200));

    // Meanwhile other clients are answered, and the stalled connections are still open.
    let (code, head) = raw(
        &server,
        &format!("POST /api/workspace_info HTTP/1.1\r\nHost: {good_host}\r\nX-Planner-Token: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", server.token),
        b"",
    );
    assert_eq!(code, 200, "{head}");
    let (code, _) = raw(
        &server,
        &format!("GET /index.html HTTP/1.1\r\nHost: {good_host}\r\nConnection: close\r\n\r\n"),
        b"",
    );
    assert_ne!(code, 0, "the static files answer too");
    assert_eq!(poll(&mut no_body), None, "still waiting for its body");
    assert_eq!(poll(&mut half_head), None, "still waiting for its head");

    // After their deadlines the stalled ones are told so and closed.
    for (what, mut s) in [("no body", no_body), ("half a head", half_head)] {
        s.set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        let mut answer = Vec::new();
        let _ = s.read_to_end(&mut answer);
        let text = String::from_utf8_lossy(&answer);
        assert!(text.starts_with("HTTP/1.1 408 "), "{what}: {text:?}");
    }
    // And the server still serves.
    assert_eq!(
        call(&server, "workspace_info", json!({}))["bureau"]["kind"],
        "county"
    );
}
