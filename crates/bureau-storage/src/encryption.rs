//! Encrypted workspaces: SQLCipher keys the whole file (pages, WAL) with a key derived from the
//! planner's passphrase, so a lost laptop or a copied file shows no names or police numbers.
//!
//! The passphrase is handed to SQLCipher and not kept: changing it needs the current one again.

use std::io::Read;
use std::path::Path;

use rusqlite::Connection;

use crate::StorageError;

/// Shortest passphrase accepted for a new key: SQLCipher's key derivation slows guessing, but
/// not enough to save a four-digit one.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
pub const MAX_PASSPHRASE_CHARS: usize = 256;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What is at a workspace path, judged from the first bytes alone (no passphrase needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Absent,
    /// A plain SQLite file (ours or not: opening checks).
    Plain,
    /// Whole pages of bytes without the SQLite header: an encrypted workspace, as far as can be
    /// told without the passphrase.
    Encrypted,
    /// Neither: too short or ragged to be a database.
    Unknown,
}

pub fn file_kind(path: &Path) -> Result<FileKind, StorageError> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Absent),
        Err(e) => return Err(e.into()),
    };
    let len = file.metadata()?.len();
    let mut header = [0u8; 16];
    if len < 16 || file.read_exact(&mut header).is_err() {
        return Ok(FileKind::Unknown);
    }
    if &header == SQLITE_MAGIC {
        return Ok(FileKind::Plain);
    }
    // SQLCipher files are a whole number of pages (512 bytes at the very least).
    if len >= 1024 && len % 512 == 0 {
        Ok(FileKind::Encrypted)
    } else {
        Ok(FileKind::Unknown)
    }
}

/// Refuses a passphrase that is too short, too long or contains a NUL (which C would cut).
pub fn check_new_passphrase(passphrase: &str) -> Result<(), StorageError> {
    let chars = passphrase.chars().count();
    if chars < MIN_PASSPHRASE_CHARS {
        return Err(StorageError::Invalid(format!(
            "the passphrase must have at least {MIN_PASSPHRASE_CHARS} characters"
        )));
    }
    if chars > MAX_PASSPHRASE_CHARS {
        return Err(StorageError::Invalid(format!(
            "the passphrase may have at most {MAX_PASSPHRASE_CHARS} characters"
        )));
    }
    if passphrase.contains('\0') {
        return Err(StorageError::Invalid(
            "the passphrase may not contain a NUL character".into(),
        ));
    }
    Ok(())
}

/// Keys a freshly opened connection; must come before anything reads the file.
pub(crate) fn apply_key(conn: &Connection, passphrase: &str) -> Result<(), StorageError> {
    // An empty key would mean "no encryption" to SQLCipher.
    if passphrase.is_empty() || passphrase.contains('\0') {
        return Err(StorageError::WrongPassphrase);
    }
    // A wrong passphrase is an expected answer, not an error for stderr.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    conn.pragma_update(None, "key", passphrase)?;
    Ok(())
}

/// Settings every connection gets: temporary tables and sort spills stay in memory, so no
/// plaintext scratch file reaches the disk beside an encrypted workspace.
pub(crate) fn harden(conn: &Connection) -> Result<(), StorageError> {
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

/// Writes a copy of the open database to `target` under a new key (`None`: unencrypted), with
/// the schema version and application id, which `sqlcipher_export` does not carry.
pub(crate) fn export_copy(
    conn: &Connection,
    target: &Path,
    passphrase: Option<&str>,
) -> Result<(), StorageError> {
    // The main connection may not create files: attach an empty one (an empty file is an
    // empty database to SQLite), owner-only like the workspace it will replace.
    let _ = std::fs::remove_file(target);
    crate::file_modes::create_private_file(target)?;
    let target_str = target
        .to_str()
        .ok_or_else(|| StorageError::Invalid(format!("{} is not UTF-8", target.display())))?;
    conn.execute(
        "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
        [target_str, passphrase.unwrap_or("")],
    )?;
    let result = (|| {
        conn.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
        let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        let app_id: i64 = conn.query_row("PRAGMA main.application_id", [], |r| r.get(0))?;
        // Integers we read ourselves: safe to format into the pragma.
        conn.execute_batch(&format!(
            "PRAGMA rekeyed.user_version = {version}; PRAGMA rekeyed.application_id = {app_id};"
        ))?;
        Ok::<_, StorageError>(())
    })();
    let detached = conn.execute("DETACH DATABASE rekeyed", []);
    result?;
    detached?;
    Ok(())
}
