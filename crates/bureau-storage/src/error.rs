//! Everything that can go wrong with a workspace file, in terms a host can map to a code.

use std::fmt;

#[derive(Debug)]
pub enum StorageError {
    /// The file is not a Bureau Planner workspace (another SQLite file, or not SQLite at all).
    NotAWorkspace(String),
    /// The workspace was written by a newer Bureau Planner; opening it could lose data.
    NewerVersion {
        found: i64,
        supported: i64,
    },
    /// `integrity_check` failed or stored data do not parse.
    Damaged(String),
    /// Creating a workspace where a file already exists.
    AlreadyExists(String),
    NotFound(String),
    /// The caller asked for something the data forbid (duplicate name, unknown unit, …).
    Invalid(String),
    /// The scenario is approved: it can be read and branched, not changed.
    ReadOnly(String),
    /// The workspace is encrypted and no passphrase was given.
    Encrypted(String),
    /// The passphrase does not decrypt the workspace (or the file is not one).
    WrongPassphrase,
    /// Another process (or another open in this one) holds the workspace: `holder` names it.
    InUse {
        path: String,
        holder: String,
    },
    /// The file or its folder cannot be written (read-only media, no permission): the
    /// workspace can be viewed and exported, not changed. Holds the path.
    FileReadOnly(String),
    /// The disk is full: the write was rolled back. Holds the path.
    DiskFull(String),
    Sqlite(rusqlite::Error),
    Io(std::io::Error),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::NotAWorkspace(path) => {
                write!(f, "{path} is not a Bureau Planner workspace")
            }
            StorageError::NewerVersion { found, supported } => write!(
                f,
                "the workspace has schema version {found}; this Bureau Planner reads up to {supported}"
            ),
            StorageError::Damaged(why) => write!(f, "the workspace is damaged: {why}"),
            StorageError::AlreadyExists(path) => write!(f, "{path} already exists"),
            StorageError::NotFound(what) => write!(f, "{what} not found"),
            StorageError::Invalid(why) | StorageError::ReadOnly(why) => write!(f, "{why}"),
            StorageError::Encrypted(path) => {
                write!(f, "{path} is encrypted: its passphrase is needed")
            }
            StorageError::WrongPassphrase => write!(
                f,
                "the passphrase does not open this workspace (or the file is not a workspace)"
            ),
            StorageError::InUse { path, holder } => write!(
                f,
                "the workspace is open in another process: {holder}; close it there first ({path})"
            ),
            StorageError::FileReadOnly(path) => write!(
                f,
                "the workspace is read-only: {path} (read-only media or no write permission); it can be viewed and exported, not changed"
            ),
            StorageError::DiskFull(path) => write!(
                f,
                "disk full while writing {path}: nothing of this change was saved; free some space and try again"
            ),
            StorageError::Sqlite(e) => write!(f, "SQLite: {e}"),
            StorageError::Io(e) => write!(f, "I/O: {e}"),
        }
    }
}

impl std::error::Error for StorageError {}

/// Stands in for the path where an error is raised without one; [`StorageError::located`]
/// replaces it.
const SOMEWHERE: &str = "the workspace";

impl StorageError {
    /// An I/O error on `path`, named as read-only or disk full when it is one of those.
    pub(crate) fn io_at(path: &std::path::Path, e: std::io::Error) -> StorageError {
        StorageError::Io(e).located(path)
    }

    /// Names `path` in a read-only or disk-full error that did not know it, and recognises
    /// SQLite's and the OS's codes for both.
    pub(crate) fn located(self, path: &std::path::Path) -> StorageError {
        use rusqlite::ErrorCode as C;
        let shown = || path.display().to_string();
        match self {
            StorageError::DiskFull(p) if p == SOMEWHERE => StorageError::DiskFull(shown()),
            StorageError::FileReadOnly(p) if p == SOMEWHERE => StorageError::FileReadOnly(shown()),
            StorageError::Sqlite(rusqlite::Error::SqliteFailure(ref code, _))
                if code.code == C::ReadOnly =>
            {
                StorageError::FileReadOnly(shown())
            }
            StorageError::Io(ref e) if e.kind() == std::io::ErrorKind::StorageFull => {
                StorageError::DiskFull(shown())
            }
            // Only a read-only file system: "permission denied" may as well mean the file
            // cannot be read, which is not a read-only workspace.
            StorageError::Io(ref e) if e.kind() == std::io::ErrorKind::ReadOnlyFilesystem => {
                StorageError::FileReadOnly(shown())
            }
            StorageError::Io(e) => StorageError::Io(std::io::Error::new(
                e.kind(),
                format!("{}: {e}", path.display()),
            )),
            other => other,
        }
    }
}

impl From<rusqlite::Error> for StorageError {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::SqliteFailure(ref code, _)
                if code.code == rusqlite::ErrorCode::NotADatabase =>
            {
                StorageError::NotAWorkspace(e.to_string())
            }
            rusqlite::Error::SqliteFailure(ref code, _)
                if code.code == rusqlite::ErrorCode::DatabaseCorrupt =>
            {
                StorageError::Damaged(e.to_string())
            }
            rusqlite::Error::SqliteFailure(ref code, _)
                if code.code == rusqlite::ErrorCode::DiskFull =>
            {
                StorageError::DiskFull(SOMEWHERE.into())
            }
            e => StorageError::Sqlite(e),
        }
    }
}

impl From<std::io::Error> for StorageError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::StorageFull {
            return StorageError::DiskFull(SOMEWHERE.into());
        }
        StorageError::Io(e)
    }
}
