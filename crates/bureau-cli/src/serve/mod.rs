//! `planner serve`: the API and the built UI over HTTP on 127.0.0.1, so that the real UI can be
//! used in a browser and tested against the real backend.
//!
//! Not a hole in the machine: loopback only, the `Host` header must name loopback (defeats DNS
//! rebinding), API calls need the per-run token printed in the URL, no CORS headers are sent,
//! and bodies are capped. Nor can one client stall the others: each connection has its own
//! thread (up to a cap), the head must arrive within [`HEAD_TIMEOUT`], a body is read only
//! after the Host, Origin and token checks and within its own deadline, and every answer
//! closes the connection.

mod guard;
mod http;
mod static_files;

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bureau_api::{Api, ApiError, ErrorCode};

use guard::{Guard, Refusal};
use http::{Connection, Framing, Head, ReadError, Response};

/// Large enough for a 6,000-person bureau file, small enough that a stray upload cannot exhaust memory.
pub const MAX_BODY_BYTES: u64 = 32 * 1024 * 1024;
/// The request line and headers must arrive within this.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// A body's deadline: this, plus one second per MiB announced (the whole cap for a chunked
/// body), so a large upload has time and a stalled one is dropped.
const BODY_BASE_TIMEOUT: Duration = Duration::from_secs(10);
const BODY_BYTES_PER_SECOND: u64 = 1024 * 1024;
/// A client that does not read its answer is dropped after this.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Connections served at once; more are answered 503 at once. The browser opens a handful.
pub const MAX_CONNECTIONS: usize = 64;

struct Host {
    api: Api,
    guard: Guard,
    ui_dir: PathBuf,
}

pub fn run(api: Api, port: u16, ui_dir: PathBuf) -> Result<(), ApiError> {
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        ApiError::new(
            ErrorCode::Storage,
            format!("cannot listen on 127.0.0.1:{port}: {e}"),
        )
    })?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    let guard = Guard::new(port).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("no random source for the access token: {e}"),
        )
    })?;
    let url = format!("http://127.0.0.1:{port}/?token={}", guard.token());
    if !ui_dir.join("index.html").exists() {
        err!(
            "planner: warning: no built UI in {} (run `make ui`); the API is served anyway",
            ui_dir.display()
        );
    }
    out!("Bureau Planner is serving {url}");
    let _ = std::io::stdout().flush();

    let host = Arc::new(Host { api, guard, ui_dir });
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors, most likely: give the open connections time to end.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        if active.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            busy(stream);
            continue;
        }
        let slot = Slot::take(&active);
        let host = Arc::clone(&host);
        let spawned = std::thread::Builder::new()
            .name("http".into())
            .spawn(move || {
                let _slot = slot;
                serve_connection(&host, stream);
            });
        if spawned.is_err() {
            // No thread to be had: the closure, its stream and its slot are dropped.
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    Ok(())
}

/// One of the `MAX_CONNECTIONS` places, given back when the connection's thread ends.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(active: &Arc<AtomicUsize>) -> Self {
        active.fetch_add(1, Ordering::SeqCst);
        Slot(Arc::clone(active))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn busy(stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let refusal = Refusal::new(503, ErrorCode::BadRequest, "the server is busy; try again");
    Connection::new(stream).finish(
        &refusal_response(refusal).with_header("Retry-After", "1"),
        false,
        false,
    );
}

fn serve_connection(host: &Host, stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let mut conn = Connection::new(stream);
    let head = match conn.read_head(Instant::now() + HEAD_TIMEOUT) {
        Ok(head) => head,
        Err(e) => return answer_read_error(conn, e),
    };
    let head_only = head.method == "HEAD";
    match handle(host, &mut conn, &head) {
        Ok(response) => conn.finish(&response, head_only, false),
        Err(Unanswered::Refused(refusal, unread_body)) => {
            conn.finish(&refusal_response(refusal), head_only, unread_body);
        }
        Err(Unanswered::Read(e)) => answer_read_error(conn, e),
    }
}

/// A request that ends without reaching the API or the UI files.
enum Unanswered {
    /// Refused, with whether its body is still unread.
    Refused(Refusal, bool),
    Read(ReadError),
}

fn refused(refusal: Refusal) -> Unanswered {
    Unanswered::Refused(refusal, true)
}

fn answer_read_error(conn: Connection, e: ReadError) {
    let refusal = match e {
        ReadError::Gone => return,
        ReadError::Timeout => Refusal::new(
            408,
            ErrorCode::BadRequest,
            "the request did not arrive in time",
        ),
        ReadError::Refused(status, message) => Refusal::new(status, ErrorCode::BadRequest, message),
    };
    conn.finish(&refusal_response(refusal), false, true);
}

fn handle(host: &Host, conn: &mut Connection, head: &Head) -> Result<Response, Unanswered> {
    host.guard.check_host(head).map_err(refused)?;
    let Some(method) = head.path().strip_prefix("/api/") else {
        // Static files: a body, if any, is never read.
        return Ok(static_files::respond(
            &host.ui_dir,
            head.path(),
            &head.method,
        ));
    };
    if head.method != "POST" {
        return Err(refused(Refusal::new(
            405,
            ErrorCode::BadRequest,
            "API calls use POST",
        )));
    }
    host.guard.check_api(head).map_err(refused)?;
    let framing = head
        .body_framing(MAX_BODY_BYTES)
        .map_err(Unanswered::Read)?;
    if head
        .header("Expect")
        .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
    {
        conn.send_continue();
    }
    let body = conn
        .read_body(framing, MAX_BODY_BYTES, body_deadline(framing))
        .map_err(Unanswered::Read)?;
    let args = if body.iter().all(u8::is_ascii_whitespace) {
        Ok(serde_json::Value::Null)
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::new(ErrorCode::BadRequest, format!("the body is not JSON: {e}")))
    };
    let result = args.and_then(|args| {
        // A bug in one call must not take the server (and the planner's session) down.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| host.api.call(method, args)))
            .unwrap_or_else(|_| Err(ApiError::new(ErrorCode::Internal, "the call panicked")))
    });
    Ok(match result {
        Ok(value) => json_response(200, &value),
        Err(e) => json_response(
            e.code.http_status(),
            &serde_json::to_value(&e).unwrap_or_default(),
        ),
    })
}

fn body_deadline(framing: Framing) -> Instant {
    let bytes = match framing {
        Framing::Length(n) => n,
        Framing::Chunked => MAX_BODY_BYTES,
    };
    Instant::now() + BODY_BASE_TIMEOUT + Duration::from_secs(bytes / BODY_BYTES_PER_SECOND)
}

fn refusal_response(refusal: Refusal) -> Response {
    let error = ApiError::new(refusal.code, refusal.message);
    json_response(
        refusal.status,
        &serde_json::to_value(&error).unwrap_or_default(),
    )
}

fn json_response(status: u16, value: &serde_json::Value) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    Response::new(status, "application/json; charset=utf-8", body)
        .with_header("Cache-Control", "no-store")
        .with_header("X-Content-Type-Options", "nosniff")
}
