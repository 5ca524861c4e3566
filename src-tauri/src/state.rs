//! The window's workspace: which file is open and the `bureau_api::Api` over it. The file can
//! change while the app runs (打开工作区… / 新建工作区… / 最近使用, `workspaces.rs`): the new
//! `Api` is started first and replaces the old one only when it could be had, so a refused file
//! changes nothing.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use bureau_api::{ActivityLog, Api, ApiError};

pub const WORKER_ARG: &str = "--worker";

/// The API once the workspace could be taken. Until then every call tries again and answers
/// why not (the gate shows it with a Retry button): a workspace another process held
/// (`workspace_in_use`) opens here as soon as that process lets go, without a restart.
pub struct AppState {
    path: Mutex<Result<PathBuf, ApiError>>,
    api: RwLock<Option<Arc<Api>>>,
    /// Where each started API logs (`None`: the app runs without an activity log).
    log_dir: Option<PathBuf>,
    /// One start or switch at a time: a second one would find the first one's lock.
    starting: Mutex<()>,
    /// The recently used workspaces' list file (`None`: no config folder, nothing remembered).
    pub recent_file: Option<PathBuf>,
}

impl AppState {
    pub fn new(
        path: Result<PathBuf, ApiError>,
        log_dir: Option<PathBuf>,
        recent_file: Option<PathBuf>,
    ) -> Self {
        AppState {
            path: Mutex::new(path),
            api: RwLock::new(None),
            log_dir,
            starting: Mutex::new(()),
            recent_file,
        }
    }

    /// The file the window has (or is trying to take).
    pub fn path(&self) -> Option<PathBuf> {
        self.path
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .ok()
            .cloned()
    }

    fn current(&self) -> Option<Arc<Api>> {
        self.api.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn api(&self) -> Result<Arc<Api>, ApiError> {
        if let Some(api) = self.current() {
            return Ok(api);
        }
        let _one = self.starting.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(api) = self.current() {
            return Ok(api);
        }
        let path = self
            .path
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()?;
        let api = Arc::new(self.start(&path)?);
        *self.api.write().unwrap_or_else(|p| p.into_inner()) = Some(Arc::clone(&api));
        Ok(api)
    }

    /// Takes the workspace at `path` instead of the current one. The current one stays when
    /// `path` cannot be had (another process holds it, it is not a workspace, it is newer).
    pub fn switch_to(&self, path: &Path) -> Result<Arc<Api>, ApiError> {
        let _one = self.starting.lock().unwrap_or_else(|p| p.into_inner());
        let api = Arc::new(self.start(path)?);
        *self.api.write().unwrap_or_else(|p| p.into_inner()) = Some(Arc::clone(&api));
        *self.path.lock().unwrap_or_else(|p| p.into_inner()) = Ok(path.to_path_buf());
        Ok(api)
    }

    /// Absent: the UI offers the ways in; encrypted: it asks for the passphrase.
    fn start(&self, path: &Path) -> Result<Api, ApiError> {
        let api = Api::start(path, None)?;
        if let Ok(exe) = std::env::current_exe() {
            api.set_worker(exe, vec![WORKER_ARG.into()]);
        }
        if let Some(log) = self.log_dir.as_deref().and_then(open_log) {
            log.event(concat!(
                "start host=desktop version=",
                env!("CARGO_PKG_VERSION")
            ));
            api.set_log(log);
        }
        Ok(api)
    }
}

fn open_log(dir: &Path) -> Option<ActivityLog> {
    ActivityLog::open(dir)
        .map_err(|e| eprintln!("Bureau Planner: no activity log in {}: {e}", dir.display()))
        .ok()
}
