//! `planner serve`: the API and the built UI over HTTP on 127.0.0.1, so that the real UI can be
//! used in a browser and tested against the real backend.
//!
//! Not a hole in the machine: loopback only, the `Host` header must name loopback (defeats DNS
//! rebinding), API calls need the per-run token printed in the URL, no CORS headers are sent,
//! and bodies are capped.

mod guard;
mod static_files;

use std::io::{Read, Write};
use std::path::PathBuf;

use bureau_api::{Api, ApiError, ErrorCode};
use tiny_http::{Header, Method, Request, Response, Server};

use guard::{Guard, Refusal};

/// Large enough for a 6,000-person bureau file, small enough that a stray upload cannot exhaust memory.
pub const MAX_BODY_BYTES: u64 = 32 * 1024 * 1024;

pub fn run(api: Api, port: u16, ui_dir: PathBuf) -> Result<(), ApiError> {
    let server = Server::http(("127.0.0.1", port)).map_err(|e| {
        ApiError::new(
            ErrorCode::Storage,
            format!("cannot listen on 127.0.0.1:{port}: {e}"),
        )
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(port);
    let guard = Guard::new(port).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("no random source for the access token: {e}"),
        )
    })?;
    let url = format!("http://127.0.0.1:{port}/?token={}", guard.token());
    if !ui_dir.join("index.html").exists() {
        eprintln!(
            "planner: warning: no built UI in {} (run `make ui`); the API is served anyway",
            ui_dir.display()
        );
    }
    out!("Bureau Planner is serving {url}");
    let _ = std::io::stdout().flush();

    for request in server.incoming_requests() {
        handle(&api, &guard, &ui_dir, request);
    }
    Ok(())
}

fn handle(api: &Api, guard: &Guard, ui_dir: &std::path::Path, mut request: Request) {
    if let Err(refusal) = guard.check_host(&request) {
        return refuse(request, refusal);
    }
    let url = request.url().to_owned();
    let path = url.split('?').next().unwrap_or("/").to_owned();
    let Some(method) = path.strip_prefix("/api/") else {
        let response = static_files::respond(ui_dir, &path, request.method());
        let _ = request.respond(response);
        return;
    };
    if request.method() != &Method::Post {
        return refuse(
            request,
            Refusal::new(405, ErrorCode::BadRequest, "API calls use POST"),
        );
    }
    if let Err(refusal) = guard.check_api(&request) {
        return refuse(request, refusal);
    }
    if request
        .body_length()
        .is_some_and(|n| n as u64 > MAX_BODY_BYTES)
    {
        return refuse(request, Refusal::too_large());
    }
    let mut body = Vec::new();
    let read = request
        .as_reader()
        .take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut body);
    if read.is_err() {
        return refuse(
            request,
            Refusal::new(400, ErrorCode::BadRequest, "unreadable body"),
        );
    }
    if body.len() as u64 > MAX_BODY_BYTES {
        return refuse(request, Refusal::too_large());
    }
    let args = if body.iter().all(u8::is_ascii_whitespace) {
        Ok(serde_json::Value::Null)
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::new(ErrorCode::BadRequest, format!("the body is not JSON: {e}")))
    };
    let method = method.to_owned();
    let result = args.and_then(|args| {
        // A bug in one call must not take the server (and the planner's session) down.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| api.call(&method, args)))
            .unwrap_or_else(|_| Err(ApiError::new(ErrorCode::Internal, "the call panicked")))
    });
    let (status, value) = match result {
        Ok(value) => (200, value),
        Err(e) => (
            e.code.http_status(),
            serde_json::to_value(&e).unwrap_or_default(),
        ),
    };
    let _ = request.respond(json_response(status, &value));
}

fn refuse(request: Request, refusal: Refusal) {
    let error = ApiError::new(refusal.code, refusal.message);
    let value = serde_json::to_value(&error).unwrap_or_default();
    let _ = request.respond(json_response(refusal.status, &value));
}

fn json_response(status: u16, value: &serde_json::Value) -> Response<std::io::Cursor<Vec<u8>>> {
    let body = serde_json::to_vec(value).unwrap_or_default();
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "application/json; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

pub fn header(name: &str, value: &str) -> Header {
    // Names and values here are compile-time ASCII constants or ASCII we built.
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("ASCII header"))
}
