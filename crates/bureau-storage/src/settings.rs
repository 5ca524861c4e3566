//! The workspace's key–value settings (the `setting` table) and the keys more than one room
//! reads: which scenario is current, who the planner is.

use rusqlite::{OptionalExtension, Transaction};

use crate::StorageError;

/// The scenario the board opens on.
pub(crate) const CURRENT_SCENARIO: &str = "current_scenario";
/// The planner's name, written into every audit row.
pub(crate) const PLANNER_NAME: &str = "planner_name";

pub fn setting(tx: &Transaction<'_>, key: &str) -> Result<Option<String>, StorageError> {
    Ok(tx
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn set_setting(tx: &Transaction<'_>, key: &str, value: &str) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}
