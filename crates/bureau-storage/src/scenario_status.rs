//! A scenario's status as stored, and the guard every write path calls first: an approved (or
//! deleted) scenario is read-only. Below every room that changes a scenario, so that each can
//! ask it without knowing the scenario's life (`lifecycle.rs`).

use bureau_core::model::ScenarioStatus;
use rusqlite::{OptionalExtension, Transaction};

use crate::StorageError;

pub fn status_of(tx: &Transaction<'_>, id: i64) -> Result<ScenarioStatus, StorageError> {
    let text: String = tx
        .query_row(
            "SELECT status FROM scenario WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| StorageError::NotFound(format!("scenario {id}")))?;
    ScenarioStatus::parse(&text)
        .ok_or_else(|| StorageError::Damaged(format!("scenario {id} has status {text:?}")))
}

/// Refuses changes to an approved (or deleted) scenario.
pub fn require_editable(tx: &Transaction<'_>, id: i64) -> Result<(), StorageError> {
    match status_of(tx, id)? {
        ScenarioStatus::Approved => Err(StorageError::ReadOnly(format!(
            "scenario {id} is approved and read-only; branch it to make changes"
        ))),
        _ => Ok(()),
    }
}
