//! Serving the built UI (`ui/dist`) as static files, confined to that folder.

use std::path::{Component, Path, PathBuf};

use super::http::Response;

pub fn respond(ui_dir: &Path, url_path: &str, method: &str) -> Response {
    if method != "GET" && method != "HEAD" {
        return text(405, "method not allowed");
    }
    let Some(relative) = safe_relative(url_path) else {
        return text(400, "bad path");
    };
    let mut file = ui_dir.join(&relative);
    if relative.as_os_str().is_empty() || (!file.exists() && relative.extension().is_none()) {
        // The app is a single page: unknown routes get index.html.
        file = ui_dir.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => Response::new(200, content_type(&file), bytes)
            .with_header("X-Content-Type-Options", "nosniff")
            .with_header(
                "Content-Security-Policy",
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
            ),
        Err(_) => text(404, "not found"),
    }
}

/// Percent-decoded path below the UI folder, or `None` if it tries to climb out.
fn safe_relative(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path.trim_start_matches('/'))?;
    let path = PathBuf::from(decoded);
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(path)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn text(status: u16, body: &str) -> Response {
    Response::new(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_climb_out() {
        assert_eq!(
            safe_relative("/assets/a.js"),
            Some(PathBuf::from("assets/a.js"))
        );
        assert_eq!(safe_relative("/"), Some(PathBuf::new()));
        assert_eq!(safe_relative("/../etc/passwd"), None);
        assert_eq!(safe_relative("/%2e%2e/etc/passwd"), None);
        assert_eq!(safe_relative("/a/%2E%2E/%2E%2E/x"), None);
        assert_eq!(safe_relative("/%zz"), None);
    }
}
