//! Where the default workspace and the built UI live when no path is given.

use std::path::PathBuf;

/// Same identifier as the desktop app, so `planner serve` and the window open the same file.
pub const APP_IDENTIFIER: &str = "cn.bureauplanner.desktop";

/// The default workspace, in the app's data folder, which this creates owner-only (0700) or
/// tightens when an older build left it readable by others. A folder that cannot be made is
/// reported when the workspace is opened.
pub fn default_workspace() -> PathBuf {
    let folder = data_home().join(APP_IDENTIFIER);
    let _ = bureau_api::ensure_private_dir(&folder);
    folder.join("workspace.bpw")
}

/// Beside the workspace, as the desktop app does.
pub fn default_log_dir() -> PathBuf {
    data_home().join(APP_IDENTIFIER).join("logs")
}

fn data_home() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("APPDATA").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").unwrap_or_default();
    PathBuf::from(home).join(".local/share")
}

/// `ui/dist` of the source tree this binary was built from.
pub fn default_ui_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/dist"))
}
