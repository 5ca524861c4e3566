//! The desktop shell: one window showing the built UI, and one command, `api`, that hands every
//! call to `bureau-api` over the window's workspace (`state.rs`); `save_export` saves a produced
//! document through the native save dialog (`save.rs`), `workspace_files` opens, creates and
//! remembers workspace files (`workspaces.rs`, `recent.rs`) and keeps the window title naming
//! the open one, `startup_probe` serves the startup benchmark (`probe.rs`). The window never
//! navigates away from the app (`nav_guard.rs`). No planning logic lives here.
//!
//! **Architecture invariant:** this is the only crate that depends on Tauri.
#![forbid(unsafe_code)]
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod file_dialog;
mod nav_guard;
mod platform;
mod probe;
mod recent;
mod save;
mod state;
mod workspaces;

use std::path::PathBuf;

use bureau_api::{ApiError, ErrorCode};
use tauri::Manager;

use crate::recent::{RecentList, RECENT_FILE};
use crate::state::{AppState, WORKER_ARG};

#[tauri::command(async)]
fn api(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    method: String,
    args: serde_json::Value,
) -> Result<serde_json::Value, ApiError> {
    let answer = state.api()?.call(&method, args)?;
    if workspaces::creates_workspace(&method) {
        workspaces::remember_current(&state);
    }
    if workspaces::changes_title(&method) {
        workspaces::refresh_title(&app, &state);
    }
    Ok(answer)
}

/// Opens or creates another workspace file through the native dialogs, or reopens or forgets a
/// recent one. The dialogs block, so this runs on a blocking thread.
#[tauri::command]
async fn workspace_files(
    app: tauri::AppHandle,
    request: workspaces::WorkspaceFilesRequest,
) -> Result<workspaces::WorkspaceFiles, ApiError> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        workspaces::handle(&app, &state, request)
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, format!("workspace_files: {e}")))?
}

/// Produces a document or template and saves it where the planner picks (`{saved: null}` when
/// the dialog is cancelled). The dialog blocks, so this runs on a blocking thread.
#[tauri::command]
async fn save_export(
    app: tauri::AppHandle,
    method: save::ExportMethod,
    args: serde_json::Value,
) -> Result<save::Saved, ApiError> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let api = state.api()?;
        save::save_export(&app, &api, method, args)
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, format!("save_export: {e}")))?
}

/// The UI reached a startup stage (only called when the startup benchmark asks for it).
#[tauri::command]
fn startup_probe(app: tauri::AppHandle, stage: String) {
    probe::report(&app, &stage);
}

/// The workspace the window starts with: `BUREAU_PLANNER_DB` when set, else the most recently
/// used one that still exists, else `workspace.bpw` in the app's data folder.
fn workspace_path(app: &tauri::App, recent: Option<&std::path::Path>) -> Result<PathBuf, ApiError> {
    if let Some(path) = std::env::var_os("BUREAU_PLANNER_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    if let Some(path) = recent
        .map(RecentList::load)
        .and_then(|r| r.newest_existing().map(PathBuf::from))
    {
        return Ok(path);
    }
    let dir = app
        .path()
        .app_data_dir()
        .map_err(|e| ApiError::new(ErrorCode::Storage, format!("no data folder: {e}")))?;
    // Owner-only (0700), also when an older build made it readable by others.
    bureau_api::ensure_private_dir(&dir)
        .map_err(|e| ApiError::new(ErrorCode::Storage, format!("{}: {e}", dir.display())))?;
    Ok(dir.join("workspace.bpw"))
}

/// The activity log's folder: `logs/` in the app's data folder (the app runs without a log if
/// it cannot be written).
fn log_dir(app: &tauri::App) -> Option<PathBuf> {
    match std::env::var_os("BUREAU_PLANNER_LOG_DIR").filter(|p| !p.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => Some(app.path().app_data_dir().ok()?.join("logs")),
    }
}

fn main() {
    probe::mark_start();
    // A background job (solve, sweep) runs in a child process of this same binary.
    if std::env::args_os().nth(1).is_some_and(|a| a == WORKER_ARG) {
        std::process::exit(bureau_api::run_worker());
    }
    platform::prepare_webview_environment();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let recent_file = app
                .path()
                .app_config_dir()
                .ok()
                .map(|d| d.join(RECENT_FILE));
            let state = AppState::new(
                workspace_path(app, recent_file.as_deref()),
                log_dir(app),
                recent_file,
            );
            // Taken now, so the window holds the workspace from its first frame.
            match state.api() {
                Ok(_) => workspaces::remember_current(&state),
                Err(e) => eprintln!("Bureau Planner: {} ({:?})", e.message, e.code),
            }
            app.manage(state);
            nav_guard::create_main_window(app)?;
            let handle = app.handle();
            workspaces::refresh_title(handle, &handle.state::<AppState>());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            api,
            save_export,
            workspace_files,
            startup_probe
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Bureau Planner could not start: {e}");
        std::process::exit(1);
    }
}
