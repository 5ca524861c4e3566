//! Embedded, versioned schema migrations, applied in one transaction when a workspace opens.
//!
//! `PRAGMA user_version` holds the number of migrations applied; `application_id` marks the
//! file as ours so that a stray SQLite file is refused instead of being "upgraded".

use rusqlite::Connection;

use crate::StorageError;

/// 'BPW1' — Bureau Planner Workspace.
pub const APPLICATION_ID: i64 = 0x4250_5731;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_edits.sql"),
    include_str!("migrations/0003_lifecycle_audit.sql"),
    include_str!("migrations/0004_structure_design.sql"),
    include_str!("migrations/0005_document_settings.sql"),
    include_str!("migrations/0006_solve_weights.sql"),
    include_str!("migrations/0007_station_figures.sql"),
    include_str!("migrations/0008_document_text.sql"),
    include_str!("migrations/0009_exclusions.sql"),
    include_str!("migrations/0010_community_roles.sql"),
    include_str!("migrations/0011_squad_figures.sql"),
];

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn schema_version(conn: &Connection) -> Result<i64, StorageError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

pub fn application_id(conn: &Connection) -> Result<i64, StorageError> {
    Ok(conn.query_row("PRAGMA application_id", [], |r| r.get(0))?)
}

/// Brings the schema up to date. Fails without touching anything when the file is newer.
pub fn migrate(conn: &mut Connection) -> Result<(), StorageError> {
    let current = schema_version(conn)?;
    let latest = latest_version();
    if current > latest {
        return Err(StorageError::NewerVersion {
            found: current,
            supported: latest,
        });
    }
    if current == latest {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for sql in &MIGRATIONS[usize::try_from(current).unwrap_or(0)..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", latest)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}
