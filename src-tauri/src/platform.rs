//! Process-wide settings made before the webview starts.

/// On Linux, WebKitGTK's accelerated compositing is turned off unless the environment already
/// says otherwise (`WEBKIT_DISABLE_COMPOSITING_MODE=0` turns it back on). This UI (lists,
/// tables, a few charts) gains nothing from it, and without a GPU (virtual machines, remote
/// desktops, Xvfb) Mesa's software GL made the first frame take ~2 s instead of ~0.7 s and the
/// web process hold ~290 MB more (docs/release.md has the measurements).
pub fn prepare_webview_environment() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // Safe here: `main` calls this before any other thread exists.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}
