//! Where the people of a scenario's draft are placed: the `placement` rows, read one person at
//! a time and written as a change set (the edit log's steps and their undo and redo).

use std::collections::BTreeMap;

use bureau_core::PoliceNumber;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::scenario_columns;
use crate::StorageError;

/// Where one person is placed in a scenario's draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Placement {
    pub unit: String,
    pub pinned: bool,
    /// The pin's place in the draft's pin list (kept so that undo restores the list exactly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin_position: Option<i64>,
}

/// The changed people of one edit: `None` means "not placed" (still in the old unit).
pub type PlacementSet = BTreeMap<PoliceNumber, Option<Placement>>;

/// One person's placement (`None`: not placed).
pub(crate) fn placement(
    tx: &Transaction<'_>,
    scenario_id: i64,
    police_number: &str,
) -> Result<Option<Placement>, StorageError> {
    let mut stmt = tx.prepare_cached(
        "SELECT unit_id, pin_position FROM placement WHERE scenario_id = ?1 AND police_number = ?2",
    )?;
    Ok(stmt
        .query_row(params![scenario_id, police_number], |r| {
            let pin_position: Option<i64> = r.get(1)?;
            Ok(Placement {
                unit: r.get(0)?,
                pinned: pin_position.is_some(),
                pin_position,
            })
        })
        .optional()?)
}

/// The place a new pin takes at the end of the draft's pin list.
pub(crate) fn next_pin_position(
    tx: &Transaction<'_>,
    scenario_id: i64,
) -> Result<i64, StorageError> {
    Ok(tx.query_row(
        "SELECT COALESCE(MAX(pin_position), -1) + 1 FROM placement WHERE scenario_id = ?1",
        [scenario_id],
        |r| r.get(0),
    )?)
}

/// Writes a change set over the scenario's placements and marks the scenario changed.
pub(crate) fn write(
    tx: &Transaction<'_>,
    scenario_id: i64,
    set: &PlacementSet,
) -> Result<(), StorageError> {
    let mut delete =
        tx.prepare_cached("DELETE FROM placement WHERE scenario_id = ?1 AND police_number = ?2")?;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO placement (scenario_id, police_number, unit_id, pin_position)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (scenario_id, police_number)
         DO UPDATE SET unit_id = excluded.unit_id, pin_position = excluded.pin_position",
    )?;
    for (police_number, p) in set {
        match p {
            None => {
                delete.execute(params![scenario_id, police_number])?;
            }
            Some(p) => {
                let position = if p.pinned {
                    Some(p.pin_position.unwrap_or(0))
                } else {
                    None
                };
                upsert.execute(params![scenario_id, police_number, p.unit, position])?;
            }
        }
    }
    scenario_columns::touch(tx, scenario_id)
}
