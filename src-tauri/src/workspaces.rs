//! `workspace_files`: the desktop's workspaces — 打开工作区… and 新建工作区… through the native
//! dialogs (opened from Rust: the webview has no dialog or file-system permission), 最近使用
//! (`recent.rs`), and the window title naming the open file. The page never hands over a path
//! of its own choosing: it may only reopen or forget an entry of the recent list, which holds
//! only files the planner picked in a dialog or had open.
//!
//! For tests, `BUREAU_PLANNER_PICK_FILE` (only when set) stands in for both dialogs: it names a
//! file whose text is the path picked (empty: cancelled).

use std::path::{Path, PathBuf};

use bureau_api::{Api, ApiError, ErrorCode, WorkspaceState};
use serde::{Deserialize, Serialize};
use tauri::{Manager, Runtime};

use crate::recent::RecentList;
use crate::state::AppState;

pub const PICK_FILE_ENV: &str = "BUREAU_PLANNER_PICK_FILE";

/// The app's name at the end of every window title.
const APP_TITLE: &str = "警力布局规划";
const EXTENSION: &str = "bpw";

/// What the page asks for. Every variant is a struct, so that `deny_unknown_fields` refuses a
/// path slipped into `open` or `new` (serde ignores extra keys beside a unit variant's tag).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum WorkspaceFilesRequest {
    /// The recent list, nothing changed.
    List {},
    /// 打开工作区…: an existing workspace picked in the open dialog.
    Open {},
    /// 新建工作区…: a new file named in the save dialog; the first-start screen creates it.
    New {},
    /// A recent entry, by the path the list gave.
    OpenRecent { path: PathBuf },
    /// Removes a recent entry (the file itself is left alone).
    Forget { path: PathBuf },
}

/// The answer: whether the window now has another workspace (the page re-reads everything
/// then), and the recent list.
#[derive(Debug, Clone, Serialize)]
pub struct WorkspaceFiles {
    pub switched: bool,
    pub recent: Vec<RecentEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecentEntry {
    pub path: PathBuf,
    pub file_name: String,
    pub folder: String,
    /// False when the file has gone (moved, deleted, on a drive not attached).
    pub exists: bool,
    /// The workspace the window has.
    pub current: bool,
}

pub fn handle<R: Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    request: WorkspaceFilesRequest,
) -> Result<WorkspaceFiles, ApiError> {
    let mut recent = state
        .recent_file
        .as_deref()
        .map(RecentList::load)
        .unwrap_or_default();
    let switched = match request {
        WorkspaceFilesRequest::List {} => false,
        WorkspaceFilesRequest::Open {} => match pick(app, Dialog::Open) {
            Some(path) => open_existing(app, state, &mut recent, &path)?,
            None => false,
        },
        WorkspaceFilesRequest::New {} => match pick(app, Dialog::New) {
            Some(path) => create_new(app, state, &with_extension(path))?,
            None => false,
        },
        WorkspaceFilesRequest::OpenRecent { path } => {
            if !recent.contains(&path) {
                return Err(ApiError::bad_request(
                    "only a workspace of the recent list can be reopened",
                ));
            }
            open_existing(app, state, &mut recent, &path)?
        }
        WorkspaceFilesRequest::Forget { path } => {
            if recent.forget(&path) {
                save_recent(state, &recent);
            }
            false
        }
    };
    Ok(WorkspaceFiles {
        switched,
        recent: entries(&recent, state.path().as_deref()),
    })
}

/// Opens an existing workspace; false when it is the one the window already has.
fn open_existing<R: Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    recent: &mut RecentList,
    path: &Path,
) -> Result<bool, ApiError> {
    if !path.is_file() {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!("{}: no such file", path.display()),
        ));
    }
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let same = state
        .path()
        .is_some_and(|current| current.canonicalize().unwrap_or(current) == path);
    if !same {
        state.switch_to(&path)?;
    }
    recent.push(&path);
    save_recent(state, recent);
    refresh_title(app, state);
    Ok(!same)
}

/// Makes `path` the window's workspace-to-be: nothing is written until the first-start screen
/// creates it, so cancelling there leaves no file.
fn create_new<R: Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    path: &Path,
) -> Result<bool, ApiError> {
    // A workspace is never replaced by a new one: the save dialog's "replace?" is not enough
    // for a file holding a reform's history.
    if path.exists() {
        return Err(ApiError::bad_request(format!(
            "{} already exists: open it, or choose another name",
            path.display()
        )));
    }
    state.switch_to(path)?;
    refresh_title(app, state);
    Ok(true)
}

/// After a workspace was created or opened through `api`: it joins the recent list.
pub fn remember_current(state: &AppState) {
    let Some(path) = state.path().filter(|p| p.is_file()) else {
        return;
    };
    let Some(file) = state.recent_file.as_deref() else {
        return;
    };
    let mut recent = RecentList::load(file);
    recent.push(&path.canonicalize().unwrap_or(path));
    save_recent(state, &recent);
}

fn save_recent(state: &AppState, recent: &RecentList) {
    if let Some(file) = state.recent_file.as_deref() {
        // The list is a convenience: the workspace itself is fine without it.
        if let Err(e) = recent.save(file) {
            eprintln!("Bureau Planner: recent list not saved: {}", e.message);
        }
    }
}

fn entries(recent: &RecentList, current: Option<&Path>) -> Vec<RecentEntry> {
    let current = current.map(|p| p.canonicalize().unwrap_or_else(|_| p.to_path_buf()));
    recent
        .paths
        .iter()
        .map(|p| RecentEntry {
            path: p.clone(),
            file_name: p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            folder: p
                .parent()
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
            exists: p.is_file(),
            current: current.as_deref() == Some(p.as_path()),
        })
        .collect()
}

fn with_extension(path: PathBuf) -> PathBuf {
    let has = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION));
    if has {
        path
    } else {
        let mut name = path.into_os_string();
        name.push(".");
        name.push(EXTENSION);
        PathBuf::from(name)
    }
}

#[derive(Debug, Clone, Copy)]
enum Dialog {
    Open,
    New,
}

/// The path the planner picked; `None` when they cancelled. Blocks: never on the main thread.
fn pick<R: Runtime>(app: &tauri::AppHandle<R>, which: Dialog) -> Option<PathBuf> {
    if let Some(hook) = std::env::var_os(PICK_FILE_ENV).filter(|v| !v.is_empty()) {
        let text = std::fs::read_to_string(hook).ok()?;
        let text = text.trim();
        return (!text.is_empty()).then(|| PathBuf::from(text));
    }
    let dialog = crate::file_dialog::file_dialog(app).add_filter(
        "警力布局规划工作区 Bureau Planner workspace (*.bpw)",
        &[EXTENSION],
    );
    let picked = match which {
        Dialog::Open => dialog.blocking_pick_file(),
        Dialog::New => dialog
            .set_file_name(format!("工作区.{EXTENSION}"))
            .blocking_save_file(),
    };
    picked.and_then(|p| p.into_path().ok())
}

/// "某某县公安局 — 2025改革.bpw — 警力布局规划" while open; the file name only while locked or
/// not created yet (a locked workspace shows nothing of its contents).
pub fn title(bureau: Option<&str>, file_name: &str) -> String {
    match (bureau, file_name.is_empty()) {
        (Some(b), false) => format!("{b} — {file_name} — {APP_TITLE}"),
        (Some(b), true) => format!("{b} — {APP_TITLE}"),
        (None, false) => format!("{file_name} — {APP_TITLE}"),
        (None, true) => APP_TITLE.to_owned(),
    }
}

fn title_of(api: &Api) -> String {
    let Ok(status) = api.workspace_status() else {
        return APP_TITLE.to_owned();
    };
    let bureau = match status.state {
        WorkspaceState::Open => api.workspace_info().ok().map(|i| i.bureau.name),
        WorkspaceState::Locked | WorkspaceState::Absent => None,
    };
    title(bureau.as_deref(), &status.file_name)
}

/// Sets the window title from the workspace the window has now.
pub fn refresh_title<R: Runtime>(app: &tauri::AppHandle<R>, state: &AppState) {
    let text = match state.api() {
        Ok(api) => title_of(&api),
        Err(_) => state
            .path()
            .and_then(|p| p.file_name().map(|n| title(None, &n.to_string_lossy())))
            .unwrap_or_else(|| APP_TITLE.to_owned()),
    };
    if let Some(window) = app.get_webview_window(crate::nav_guard::MAIN_WINDOW) {
        if let Err(e) = window.set_title(&text) {
            eprintln!("Bureau Planner: title not set: {e}");
        }
    }
}

/// The `api` methods after which the title may name something else: the workspace was
/// created, unlocked or locked, or the bureau renamed.
pub fn changes_title(method: &str) -> bool {
    matches!(
        method,
        "workspace_create"
            | "workspace_create_from_data"
            | "workspace_create_from_file"
            | "workspace_unlock"
            | "workspace_lock"
            | "set_bureau_info"
    )
}

/// The `api` methods that create the workspace file: it joins the recent list.
pub fn creates_workspace(method: &str) -> bool {
    method.starts_with("workspace_create")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_names_the_bureau_and_the_file_only_while_open() {
        assert_eq!(
            title(Some("某某县公安局"), "2025改革.bpw"),
            "某某县公安局 — 2025改革.bpw — 警力布局规划"
        );
        assert_eq!(title(None, "2025改革.bpw"), "2025改革.bpw — 警力布局规划");
        assert_eq!(title(None, ""), "警力布局规划");
    }

    #[test]
    fn a_new_workspace_gets_the_workspace_extension() {
        assert_eq!(
            with_extension(PathBuf::from("/d/2025改革")),
            PathBuf::from("/d/2025改革.bpw")
        );
        assert_eq!(
            with_extension(PathBuf::from("/d/x.BPW")),
            PathBuf::from("/d/x.BPW")
        );
        assert_eq!(
            with_extension(PathBuf::from("/d/x.json")),
            PathBuf::from("/d/x.json.bpw")
        );
    }

    #[test]
    fn the_page_names_only_known_requests() {
        let open: WorkspaceFilesRequest =
            serde_json::from_value(serde_json::json!({"op": "open_recent", "path": "/a.bpw"}))
                .expect("open_recent");
        assert_eq!(
            open,
            WorkspaceFilesRequest::OpenRecent {
                path: PathBuf::from("/a.bpw")
            }
        );
        let list: WorkspaceFilesRequest =
            serde_json::from_value(serde_json::json!({"op": "list"})).expect("list");
        assert_eq!(list, WorkspaceFilesRequest::List {});
        for bad in [
            serde_json::json!({"op": "open", "path": "/etc/passwd"}),
            serde_json::json!({"op": "delete", "path": "/a.bpw"}),
            serde_json::json!({"op": "open_recent"}),
        ] {
            assert!(
                serde_json::from_value::<WorkspaceFilesRequest>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn only_creating_and_unlocking_and_renaming_retitle() {
        assert!(changes_title("workspace_unlock"));
        assert!(changes_title("set_bureau_info"));
        assert!(!changes_title("people"));
        assert!(creates_workspace("workspace_create_from_data"));
        assert!(!creates_workspace("workspace_unlock"));
    }
}
