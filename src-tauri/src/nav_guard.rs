//! The main window, created here rather than from the configuration alone, so that its webview
//! never leaves the app: every navigation away from the app's own origin is refused and no
//! page can open a new window (`window.open`, `target=_blank`).

use tauri::webview::NewWindowResponse;
use tauri::{Manager, Runtime, Url, WebviewWindowBuilder};

/// The label of the main window in `tauri.conf.json` (`"create": false` there: it is built here).
pub const MAIN_WINDOW: &str = "main";

/// True for the app's own pages: `tauri://localhost` (Linux, macOS) and
/// `http(s)://tauri.localhost` (Windows). Nothing else: no remote site, no `file:`, `data:`,
/// `blob:` or `about:` page. The app has no dev server (no `devUrl`), so debug builds need no
/// exception either.
pub fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost") && url.port().is_none(),
        "http" | "https" => url.host_str() == Some("tauri.localhost") && url.port().is_none(),
        _ => false,
    }
}

/// Builds the main window from its configuration, with the navigation guard and no new windows.
pub fn create_main_window<R: Runtime, M: Manager<R>>(manager: &M) -> tauri::Result<()> {
    let config = manager
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN_WINDOW)
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    let mut builder = WebviewWindowBuilder::from_config(manager, &config)?
        .on_navigation(|url| {
            let allowed = is_app_url(url);
            if !allowed {
                eprintln!("Bureau Planner: navigation to {url} refused");
            }
            allowed
        })
        .on_new_window(|url, _features| {
            eprintln!("Bureau Planner: new window for {url} refused");
            NewWindowResponse::Deny
        });
    if crate::probe::enabled() {
        builder = builder.initialization_script(crate::probe::INIT_SCRIPT);
    }
    builder.build()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(url: &str) -> bool {
        is_app_url(&Url::parse(url).expect("a URL"))
    }

    #[test]
    fn only_the_apps_own_origin_is_allowed() {
        assert!(allowed("tauri://localhost"));
        assert!(allowed("tauri://localhost/index.html#board"));
        assert!(allowed("http://tauri.localhost/"));
        assert!(allowed("https://tauri.localhost/assets/index.js"));
    }

    #[test]
    fn everything_else_is_refused() {
        for url in [
            "https://example.com/",
            "http://localhost:1420/",
            "http://tauri.localhost.example.com/",
            "http://tauri.localhost:8080/",
            "tauri://example.com/",
            "https://localhost/",
            "file:///etc/passwd",
            "data:text/html,<h1>x</h1>",
            "blob:tauri://localhost/0b1f",
            "about:blank",
            "javascript:alert(1)",
            "ipc://localhost/api",
        ] {
            assert!(!allowed(url), "{url} must be refused");
        }
    }
}
