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
            StorageError::Sqlite(e) => write!(f, "SQLite: {e}"),
            StorageError::Io(e) => write!(f, "I/O: {e}"),
        }
    }
}

impl std::error::Error for StorageError {}

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
            e => StorageError::Sqlite(e),
        }
    }
}

impl From<std::io::Error> for StorageError {
    fn from(e: std::io::Error) -> Self {
        StorageError::Io(e)
    }
}
