//! The desktop shell: one window showing the built UI, and one command, `api`, that hands every
//! call to `bureau-api`; `save_export` saves a produced document through the native save dialog
//! (`save.rs`), `startup_probe` serves the startup benchmark (`probe.rs`). The window never
//! navigates away from the app (`nav_guard.rs`). No logic lives here.
//!
//! **Architecture invariant:** this is the only crate that depends on Tauri.
#![forbid(unsafe_code)]
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod nav_guard;
mod platform;
mod probe;
mod save;

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use bureau_api::{ActivityLog, Api, ApiError, ErrorCode};
use tauri::Manager;

const WORKER_ARG: &str = "--worker";

/// The API once the workspace could be taken. Until then every call tries again and answers
/// why not (the gate shows it with a Retry button): a workspace another process holds
/// (`workspace_in_use`) opens here as soon as that process lets go, without a restart.
struct AppState {
    path: Result<PathBuf, ApiError>,
    api: OnceLock<Api>,
    /// Handed to the API when it starts.
    log: Mutex<Option<ActivityLog>>,
    /// One start attempt at a time: a second one would find the first one's lock.
    starting: Mutex<()>,
}

impl AppState {
    fn api(&self) -> Result<&Api, ApiError> {
        if let Some(api) = self.api.get() {
            return Ok(api);
        }
        let _one = self.starting.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(api) = self.api.get() {
            return Ok(api);
        }
        // Absent: the UI asks whether to encrypt the new workspace; encrypted: it asks for
        // the passphrase.
        let api = Api::start(self.path.as_ref().map_err(Clone::clone)?, None)?;
        if let Ok(exe) = std::env::current_exe() {
            api.set_worker(exe, vec![WORKER_ARG.into()]);
        }
        if let Some(log) = self.log.lock().unwrap_or_else(|p| p.into_inner()).take() {
            log.event(concat!(
                "start host=desktop version=",
                env!("CARGO_PKG_VERSION")
            ));
            api.set_log(log);
        }
        Ok(self.api.get_or_init(|| api))
    }
}

#[tauri::command(async)]
fn api(
    state: tauri::State<'_, AppState>,
    method: String,
    args: serde_json::Value,
) -> Result<serde_json::Value, ApiError> {
    state.api()?.call(&method, args)
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
        save::save_export(&app, api, method, args)
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, format!("save_export: {e}")))?
}

/// The UI reached a startup stage (only called when the startup benchmark asks for it).
#[tauri::command]
fn startup_probe(app: tauri::AppHandle, stage: String) {
    probe::report(&app, &stage);
}

fn workspace_path(app: &tauri::App) -> Result<PathBuf, ApiError> {
    if let Some(path) = std::env::var_os("BUREAU_PLANNER_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
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

/// The activity log in the app's data folder (`logs/`); the app runs without one if the folder
/// cannot be written.
fn open_log(app: &tauri::App) -> Option<ActivityLog> {
    let dir = match std::env::var_os("BUREAU_PLANNER_LOG_DIR").filter(|p| !p.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => app.path().app_data_dir().ok()?.join("logs"),
    };
    ActivityLog::open(&dir)
        .map_err(|e| eprintln!("Bureau Planner: no activity log in {}: {e}", dir.display()))
        .ok()
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
            let state = AppState {
                path: workspace_path(app),
                api: OnceLock::new(),
                log: Mutex::new(open_log(app)),
                starting: Mutex::new(()),
            };
            // Taken now, so the window holds the workspace from its first frame.
            if let Err(e) = state.api() {
                eprintln!("Bureau Planner: {} ({:?})", e.message, e.code);
            }
            app.manage(state);
            nav_guard::create_main_window(app)?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![api, save_export, startup_probe])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Bureau Planner could not start: {e}");
        std::process::exit(1);
    }
}
