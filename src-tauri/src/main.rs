//! The desktop shell: one window showing the built UI, and one command, `api`, that hands every
//! call to `bureau-api`. No logic lives here.
//!
//! **Architecture invariant:** this is the only crate that depends on Tauri.
#![forbid(unsafe_code)]
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;

use bureau_api::{Api, ApiError, ErrorCode};
use tauri::Manager;

const WORKER_ARG: &str = "--worker";

/// The API, or why the workspace could not be opened (the UI shows that error on every call).
struct AppState(Result<Api, ApiError>);

#[tauri::command(async)]
fn api(
    state: tauri::State<'_, AppState>,
    method: String,
    args: serde_json::Value,
) -> Result<serde_json::Value, ApiError> {
    state.0.as_ref().map_err(Clone::clone)?.call(&method, args)
}

fn workspace_path(app: &tauri::App) -> Result<PathBuf, ApiError> {
    if let Some(path) = std::env::var_os("BUREAU_PLANNER_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    app.path()
        .app_data_dir()
        .map(|dir| dir.join("workspace.bpw"))
        .map_err(|e| ApiError::new(ErrorCode::Storage, format!("no data folder: {e}")))
}

fn main() {
    // A background job (solve, sweep) runs in a child process of this same binary.
    if std::env::args_os().nth(1).is_some_and(|a| a == WORKER_ARG) {
        std::process::exit(bureau_api::run_worker());
    }
    let result = tauri::Builder::default()
        .setup(|app| {
            let api = workspace_path(app).and_then(|path| Api::open_or_create_sample(&path));
            if let (Ok(api), Ok(exe)) = (&api, std::env::current_exe()) {
                api.set_worker(exe, vec![WORKER_ARG.into()]);
            }
            app.manage(AppState(api));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![api])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Bureau Planner could not start: {e}");
        std::process::exit(1);
    }
}
