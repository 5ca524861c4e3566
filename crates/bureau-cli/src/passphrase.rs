//! Encrypted workspaces on the command line: the passphrase comes from the environment
//! (`PLANNER_PASSPHRASE`), never from an argument, so it stays out of `ps` and shell history.

use std::path::Path;

use bureau_api::{Api, ApiError, ErrorCode, WorkspaceState};

pub const ENV: &str = "PLANNER_PASSPHRASE";

pub fn from_env() -> Option<String> {
    std::env::var(ENV).ok().filter(|p| !p.is_empty())
}

/// The API over an existing workspace, encrypted (unlocked with the passphrase from the
/// environment) or not. A missing file is refused before anything is created beside it.
pub fn open_api(path: &Path) -> Result<Api, ApiError> {
    if !path.is_file() {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!("{}: no workspace file", path.display()),
        ));
    }
    let api = Api::start(path, from_env().as_deref())?;
    match api.workspace_status()?.state {
        WorkspaceState::Open => Ok(api),
        WorkspaceState::Locked => Err(ApiError::new(
            ErrorCode::Locked,
            format!("{}: the workspace is encrypted; set {ENV}", path.display()),
        )),
        WorkspaceState::Absent => Err(ApiError::new(
            ErrorCode::NoWorkspace,
            format!("{}: no workspace", path.display()),
        )),
    }
}
