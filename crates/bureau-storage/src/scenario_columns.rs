//! One column of a scenario's row, read or written by the scenario's id: its structure, its
//! revision, and the JSON columns in which a scenario keeps what the planner set (rules, solve
//! weights, exclusions, community roles, document settings and phases; NULL: the defaults). A scenario that
//! does not exist is [`StorageError::NotFound`]; stored JSON that does not parse is
//! [`StorageError::Damaged`], naming the scenario and the column.

use rusqlite::types::FromSql;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::de::DeserializeOwned;

use crate::StorageError;

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// A column of `scenario` read or written on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScenarioColumn {
    StructureId,
    Revision,
    Rules,
    Weights,
    Exclusions,
    Community,
    DocumentSettings,
    DocumentPhases,
}

impl ScenarioColumn {
    fn name(self) -> &'static str {
        match self {
            Self::StructureId => "structure_id",
            Self::Revision => "revision",
            Self::Rules => "rules",
            Self::Weights => "weights",
            Self::Exclusions => "exclusions",
            Self::Community => "community",
            Self::DocumentSettings => "document_settings",
            Self::DocumentPhases => "document_phases",
        }
    }
}

/// The column's value for one scenario.
pub fn read<T: FromSql>(
    tx: &Transaction<'_>,
    scenario_id: i64,
    column: ScenarioColumn,
) -> Result<T, StorageError> {
    let sql = format!("SELECT {} FROM scenario WHERE id = ?1", column.name());
    tx.query_row(&sql, [scenario_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StorageError::NotFound(format!("scenario {scenario_id}")))
}

/// A JSON column parsed, `None` when it is NULL.
pub fn read_json<T: DeserializeOwned>(
    tx: &Transaction<'_>,
    scenario_id: i64,
    column: ScenarioColumn,
) -> Result<Option<T>, StorageError> {
    let text: Option<String> = read(tx, scenario_id, column)?;
    text.map(|t| {
        serde_json::from_str(&t).map_err(|e| {
            StorageError::Damaged(format!("scenario {scenario_id} {}: {e}", column.name()))
        })
    })
    .transpose()
}

/// Writes a JSON column's text (`None`: NULL, the defaults).
pub fn write_text(
    tx: &Transaction<'_>,
    scenario_id: i64,
    column: ScenarioColumn,
    text: Option<&str>,
) -> Result<(), StorageError> {
    let sql = format!("UPDATE scenario SET {} = ?1 WHERE id = ?2", column.name());
    tx.execute(&sql, params![text, scenario_id])?;
    Ok(())
}

/// Copies a column from one scenario to another (a branch keeps its parent's settings).
pub fn copy(
    tx: &Transaction<'_>,
    column: ScenarioColumn,
    from: i64,
    to: i64,
) -> Result<(), StorageError> {
    let name = column.name();
    let sql = format!(
        "UPDATE scenario SET {name} = (SELECT {name} FROM scenario WHERE id = ?1) WHERE id = ?2"
    );
    tx.execute(&sql, [from, to])?;
    Ok(())
}

/// Marks the scenario changed now (`updated_at`).
pub fn touch(tx: &Transaction<'_>, scenario_id: i64) -> Result<(), StorageError> {
    let n = tx.execute(
        &format!("UPDATE scenario SET updated_at = {NOW} WHERE id = ?1"),
        [scenario_id],
    )?;
    if n == 0 {
        return Err(StorageError::NotFound(format!("scenario {scenario_id}")));
    }
    Ok(())
}
