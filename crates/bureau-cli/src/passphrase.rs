//! Encrypted workspaces on the command line: the passphrase comes from the environment
//! (`PLANNER_PASSPHRASE`), never from an argument, so it stays out of `ps` and shell history.

use std::path::Path;

use bureau_api::{Api, ApiError};
use bureau_storage::Workspace;

pub const ENV: &str = "PLANNER_PASSPHRASE";

pub fn from_env() -> Option<String> {
    std::env::var(ENV).ok().filter(|p| !p.is_empty())
}

/// Opens a workspace, encrypted (with the passphrase from the environment) or not.
pub fn open_workspace(path: &Path) -> Result<Workspace, ApiError> {
    Workspace::open_with(path, from_env().as_deref()).map_err(|e| {
        let mut err = ApiError::from(e);
        if err.code == bureau_api::ErrorCode::Locked {
            err.message = format!("{}; set {ENV}", err.message);
        }
        err
    })
}

pub fn open_api(path: &Path) -> Result<Api, ApiError> {
    Ok(Api::new(open_workspace(path)?))
}
