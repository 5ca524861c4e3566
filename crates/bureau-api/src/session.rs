//! The workspace behind the API: open, locked (encrypted, passphrase not given yet or the app
//! locked itself after idle time) or absent (first start: the planner chooses whether to
//! encrypt). Every method but the ones here needs it open.
//!
//! The session holds the workspace's process lock from start to end, in every state: a second
//! process (or a second `Api` on the same file) is refused with `workspace_in_use`, so nobody
//! can write to a file that a re-key here replaced, nor undo another process's edits.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Arc, MutexGuard};
use ts_rs::TS;

use bureau_storage::{FileKind, ProcessLock, StorageError, Workspace, DEFAULT_IDLE_LOCK_SECONDS};
use serde::{Deserialize, Serialize};

use crate::{sample_bureau_file, Api, ApiError, ErrorCode, WorkspaceInfo, SAMPLE_SCENARIO_NAME};

#[derive(Debug)]
pub(crate) struct Session {
    path: PathBuf,
    lock: Arc<ProcessLock>,
    workspace: Option<Workspace>,
    encrypted: bool,
    /// Remembered while locked so the lock screen can say when it will lock next time.
    idle_lock_seconds: u32,
}

impl Session {
    pub(crate) fn open(workspace: Workspace) -> Self {
        let mut session = Session {
            path: workspace.path().to_path_buf(),
            lock: Arc::clone(workspace.process_lock()),
            encrypted: workspace.is_encrypted(),
            workspace: None,
            idle_lock_seconds: DEFAULT_IDLE_LOCK_SECONDS,
        };
        session.install(workspace);
        session
    }

    fn install(&mut self, mut workspace: Workspace) {
        self.encrypted = workspace.is_encrypted();
        self.idle_lock_seconds = workspace
            .idle_lock_seconds()
            .unwrap_or(DEFAULT_IDLE_LOCK_SECONDS);
        self.workspace = Some(workspace);
    }

    fn state(&self) -> WorkspaceState {
        match (&self.workspace, self.encrypted) {
            (Some(_), _) => WorkspaceState::Open,
            (None, true) => WorkspaceState::Locked,
            (None, false) => WorkspaceState::Absent,
        }
    }
}

/// The open workspace, held under the API's lock for the length of one call.
pub(crate) struct WsGuard<'a>(MutexGuard<'a, Session>);

impl Deref for WsGuard<'_> {
    type Target = Workspace;
    fn deref(&self) -> &Workspace {
        // `Api::ws` only builds a guard over an open session.
        self.0.workspace.as_ref().expect("an open workspace")
    }
}

impl DerefMut for WsGuard<'_> {
    fn deref_mut(&mut self) -> &mut Workspace {
        self.0.workspace.as_mut().expect("an open workspace")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceState {
    Open,
    Locked,
    Absent,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct WorkspaceStatus {
    pub state: WorkspaceState,
    pub encrypted: bool,
    /// The file's name only: the lock screen shows it without revealing folders.
    pub file_name: String,
    /// Opened from read-only media (or without write permission): viewing and export only.
    pub read_only: bool,
    /// 0: never lock.
    pub idle_lock_seconds: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct CreateWorkspaceArgs {
    pub encrypt: bool,
    #[serde(default)]
    pub passphrase: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct UnlockArgs {
    pub passphrase: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct ChangePassphraseArgs {
    /// Required when the workspace is encrypted.
    #[serde(default)]
    pub current: Option<String>,
    /// `None` stores the workspace unencrypted.
    #[serde(default)]
    pub new: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct IdleLockArgs {
    pub seconds: u32,
}

impl Api {
    /// The API over the workspace at `path`: opened when it is a plain file, locked when it is
    /// encrypted (a passphrase unlocks it), absent when nothing is there yet (the planner
    /// creates it, choosing whether to encrypt). A passphrase given here (e.g. from the CLI's
    /// environment) unlocks at once.
    ///
    /// The workspace's process lock is taken first and kept until the `Api` is dropped:
    /// another holder makes this fail with `workspace_in_use`. A missing folder is created
    /// owner-only.
    pub fn start(path: &Path, passphrase: Option<&str>) -> Result<Api, ApiError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            bureau_storage::create_private_dir_all(dir).map_err(|e| {
                ApiError::new(
                    ErrorCode::Storage,
                    format!("cannot create {}: {e}", dir.display()),
                )
            })?;
        }
        let lock = Arc::new(ProcessLock::acquire(path)?);
        let closed = |encrypted| Session {
            path: path.to_path_buf(),
            lock: Arc::clone(&lock),
            workspace: None,
            encrypted,
            idle_lock_seconds: DEFAULT_IDLE_LOCK_SECONDS,
        };
        let session = match bureau_storage::file_kind(path)? {
            FileKind::Absent => closed(false),
            FileKind::Encrypted if passphrase.is_none() => closed(true),
            _ => Session::open(Workspace::open_held(&lock, passphrase)?),
        };
        Ok(Api::with_session(session))
    }

    pub(crate) fn session(&self) -> MutexGuard<'_, Session> {
        // A panic in another call cannot leave the connection half-written (every write is a
        // transaction), so a poisoned lock is safe to take over.
        self.session_lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The open workspace, or `locked` / `no_workspace`.
    pub(crate) fn ws(&self) -> Result<WsGuard<'_>, ApiError> {
        let session = self.session();
        match session.state() {
            WorkspaceState::Open => Ok(WsGuard(session)),
            WorkspaceState::Locked => Err(ApiError::new(
                ErrorCode::Locked,
                "the workspace is locked: enter its passphrase",
            )),
            WorkspaceState::Absent => Err(ApiError::new(
                ErrorCode::NoWorkspace,
                "no workspace yet: create one first",
            )),
        }
    }

    pub fn workspace_status(&self) -> Result<WorkspaceStatus, ApiError> {
        Ok(status_of(&self.session()))
    }

    /// First start: creates the workspace from the bundled county sample, encrypted unless
    /// the planner chose otherwise.
    pub fn workspace_create(&self, req: CreateWorkspaceArgs) -> Result<WorkspaceInfo, ApiError> {
        self.create_workspace_from(&req, &sample_bureau_file()?, SAMPLE_SCENARIO_NAME)
    }

    /// Creates the absent workspace from `file` with one scenario, encrypted as `req` says.
    pub(crate) fn create_workspace_from(
        &self,
        req: &CreateWorkspaceArgs,
        file: &bureau_core::BureauFile,
        scenario_name: &str,
    ) -> Result<WorkspaceInfo, ApiError> {
        {
            let mut session = self.session();
            if session.state() != WorkspaceState::Absent {
                return Err(ApiError::new(
                    ErrorCode::BadRequest,
                    "a workspace already exists",
                ));
            }
            let passphrase = match (req.encrypt, req.passphrase.as_deref()) {
                (true, Some(p)) => Some(p),
                (true, None) => {
                    return Err(ApiError::new(
                        ErrorCode::BadRequest,
                        "an encrypted workspace needs a passphrase",
                    ))
                }
                (false, _) => None,
            };
            if let Some(dir) = session.path.parent().filter(|d| !d.as_os_str().is_empty()) {
                bureau_storage::create_private_dir_all(dir).map_err(|e| {
                    ApiError::new(
                        ErrorCode::Storage,
                        format!("cannot create {}: {e}", dir.display()),
                    )
                })?;
            }
            let workspace = Workspace::create_held(&session.lock, file, scenario_name, passphrase)?;
            session.install(workspace);
        }
        self.workspace_info()
    }

    pub fn workspace_unlock(&self, req: UnlockArgs) -> Result<WorkspaceInfo, ApiError> {
        {
            let mut session = self.session();
            match session.state() {
                WorkspaceState::Locked => {}
                WorkspaceState::Open => {
                    return Err(ApiError::new(ErrorCode::BadRequest, "already unlocked"))
                }
                WorkspaceState::Absent => {
                    return Err(ApiError::new(ErrorCode::NoWorkspace, "no workspace yet"))
                }
            }
            let workspace = Workspace::open_held(&session.lock, Some(&req.passphrase))?;
            session.install(workspace);
        }
        self.workspace_info()
    }

    /// Closes an encrypted workspace until its passphrase is given again. Running jobs are
    /// cancelled and their results (names included) forgotten.
    pub fn workspace_lock(&self) -> Result<WorkspaceStatus, ApiError> {
        let mut session = self.session();
        match session.state() {
            WorkspaceState::Open if session.encrypted => {}
            WorkspaceState::Open => {
                return Err(ApiError::new(
                    ErrorCode::BadRequest,
                    "only an encrypted workspace can be locked",
                ))
            }
            _ => return Ok(status_of(&session)),
        }
        self.jobs.forget_all();
        // Dropping the workspace closes its connection (and with it SQLCipher's key).
        session.workspace = None;
        Ok(status_of(&session))
    }

    pub fn change_passphrase(
        &self,
        req: ChangePassphraseArgs,
    ) -> Result<WorkspaceStatus, ApiError> {
        let mut ws = self.ws()?;
        if ws.is_encrypted() {
            let current = req.current.as_deref().unwrap_or("");
            if !ws.check_passphrase(current)? {
                return Err(StorageError::WrongPassphrase.into());
            }
        } else if req.new.is_none() {
            return Err(ApiError::new(
                ErrorCode::BadRequest,
                "the workspace is not encrypted",
            ));
        }
        ws.change_passphrase(req.new.as_deref())?;
        let encrypted = ws.is_encrypted();
        let mut session = ws.0;
        session.encrypted = encrypted;
        Ok(status_of(&session))
    }

    pub fn set_idle_lock(&self, req: IdleLockArgs) -> Result<WorkspaceStatus, ApiError> {
        let mut ws = self.ws()?;
        ws.set_idle_lock_seconds(req.seconds)?;
        let mut session = ws.0;
        session.idle_lock_seconds = req.seconds;
        Ok(status_of(&session))
    }
}

fn status_of(session: &Session) -> WorkspaceStatus {
    WorkspaceStatus {
        state: session.state(),
        encrypted: session.encrypted,
        file_name: session
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        idle_lock_seconds: session.idle_lock_seconds,
        read_only: session
            .workspace
            .as_ref()
            .is_some_and(Workspace::is_read_only),
    }
}
