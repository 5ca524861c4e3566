//! The rows of a scenario's edit log: what a step is (its kind and label), the placements it
//! changed before and after, and what else it changed (the structure, the exclusions or the
//! community roles, as JSON), with the undo/redo state they give.
//!
//! Rows are never deleted: undo marks a row `undone`, a new step marks the undone rows
//! `discarded` (the redo stack is cleared). The done rows are therefore always a prefix of the
//! log by `seq` and the redoable rows the suffix that follows. Every step bumps the scenario's
//! revision.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

use crate::placements::PlacementSet;
use crate::scenario_columns::{self, ScenarioColumn};
use crate::StorageError;

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// What an edit is, for the log and the undo button's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EditKind {
    Move,
    Pin,
    Unpin,
    AcceptSolve,
    Changes,
    /// A structure designer step (`structure_design.rs`).
    Structure,
    /// The planner's exclusions changed (`exclusions.rs`).
    Exclusion,
    /// The community roles changed (`community_roles.rs`).
    Community,
}

impl EditKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EditKind::Move => "move",
            EditKind::Pin => "pin",
            EditKind::Unpin => "unpin",
            EditKind::AcceptSolve => "accept_solve",
            EditKind::Changes => "changes",
            EditKind::Structure => "structure",
            EditKind::Exclusion => "exclusion",
            EditKind::Community => "community",
        }
    }
}

/// Whether a scenario can undo/redo, and its revision (bumped by every edit, undo and redo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EditState {
    pub can_undo: bool,
    pub can_redo: bool,
    pub revision: i64,
    /// The label of the step undo would revert / redo would replay.
    pub undo_label: Option<String>,
    pub redo_label: Option<String>,
}

/// What a step did: the new state and the placements it changed (their new values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditOutcome {
    pub state: EditState,
    pub changed: PlacementSet,
    /// The step changed the scenario's structure too (a designer step, or its undo/redo).
    pub structure_changed: bool,
    /// The step changed the scenario's exclusions (不宜调往), or undid/redid such a change.
    pub exclusions_changed: bool,
    /// The step changed the scenario's community roles, or undid/redid such a change.
    pub community_changed: bool,
}

/// What a step may change besides placements; each is kept before and after as JSON in a
/// pair of columns, owned by the room that restores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Structure,
    Exclusions,
    Community,
}

impl Side {
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            Side::Structure => ("structure_before", "structure_after"),
            Side::Exclusions => ("exclusions_before", "exclusions_after"),
            Side::Community => ("community_before", "community_after"),
        }
    }
}

/// One side of a step: which, and its JSON before and after.
pub(crate) type SideChange<'a> = (Side, &'a str, &'a str);

/// Which way a logged step is replayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replay {
    /// Revert the latest done step to its `before` states.
    Undo,
    /// Replay the earliest undone step that a new edit has not discarded, to its `after` states.
    Redo,
}

impl Replay {
    pub(crate) fn action(self) -> &'static str {
        match self {
            Replay::Undo => "undo",
            Replay::Redo => "redo",
        }
    }
}

/// A logged step as a replay reads it: the states it goes back (undo) or forward (redo) to.
pub(crate) struct LoggedStep {
    id: i64,
    pub placements: PlacementSet,
    pub structure: Option<String>,
    pub exclusions: Option<String>,
    pub community: Option<String>,
}

/// Logs a new step (which ends the redo branch), with what it changed besides placements, and
/// bumps the scenario's revision.
pub(crate) fn log_step(
    tx: &Transaction<'_>,
    scenario_id: i64,
    kind: EditKind,
    label: &str,
    before: &PlacementSet,
    after: &PlacementSet,
    side: Option<SideChange<'_>>,
) -> Result<(), StorageError> {
    let seq = next_seq(tx, scenario_id)?;
    tx.execute(
        &format!(
            "INSERT INTO edit (scenario_id, seq, at, kind, label, before, after)
             VALUES (?1, ?2, {NOW}, ?3, ?4, ?5, ?6)"
        ),
        params![
            scenario_id,
            seq,
            kind.as_str(),
            label,
            to_json(before)?,
            to_json(after)?
        ],
    )?;
    if let Some(side) = side {
        add_to_latest(tx, scenario_id, side)?;
    }
    bump(tx, scenario_id)
}

/// Adds a side to the step just logged (accepting a solve: its roles join its placements).
pub(crate) fn add_to_latest(
    tx: &Transaction<'_>,
    scenario_id: i64,
    (side, before, after): SideChange<'_>,
) -> Result<(), StorageError> {
    let (b, a) = side.columns();
    tx.execute(
        &format!(
            "UPDATE edit SET {b} = ?2, {a} = ?3
             WHERE id = (SELECT MAX(id) FROM edit WHERE scenario_id = ?1)"
        ),
        params![scenario_id, before, after],
    )?;
    Ok(())
}

/// The step a replay would take (`None`: nothing to undo or redo).
pub(crate) fn next_to_replay(
    tx: &Transaction<'_>,
    scenario_id: i64,
    way: Replay,
) -> Result<Option<LoggedStep>, StorageError> {
    let sql = match way {
        Replay::Undo => {
            "SELECT id, before, structure_before, exclusions_before, community_before FROM edit
             WHERE scenario_id = ?1 AND undone = 0 AND discarded = 0
             ORDER BY seq DESC LIMIT 1"
        }
        Replay::Redo => {
            "SELECT id, after, structure_after, exclusions_after, community_after FROM edit
             WHERE scenario_id = ?1 AND undone = 1 AND discarded = 0
             ORDER BY seq ASC LIMIT 1"
        }
    };
    let row = tx
        .query_row(sql, [scenario_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })
        .optional()?;
    row.map(|(id, placements, structure, exclusions, community)| {
        Ok(LoggedStep {
            id,
            placements: from_json(&placements)?,
            structure,
            exclusions,
            community,
        })
    })
    .transpose()
}

/// Marks a step undone or done again, and bumps the scenario's revision.
pub(crate) fn mark_replayed(
    tx: &Transaction<'_>,
    scenario_id: i64,
    step: &LoggedStep,
    way: Replay,
) -> Result<(), StorageError> {
    match way {
        Replay::Undo => tx.execute(
            &format!("UPDATE edit SET undone = 1, undone_at = {NOW} WHERE id = ?1"),
            [step.id],
        )?,
        Replay::Redo => tx.execute(
            "UPDATE edit SET undone = 0, undone_at = NULL WHERE id = ?1",
            [step.id],
        )?,
    };
    bump(tx, scenario_id)
}

/// The outcome of a step that changed `changed` and nothing besides.
pub(crate) fn outcome(
    tx: &Transaction<'_>,
    scenario_id: i64,
    changed: PlacementSet,
) -> Result<EditOutcome, StorageError> {
    Ok(EditOutcome {
        state: state(tx, scenario_id)?,
        changed,
        structure_changed: false,
        exclusions_changed: false,
        community_changed: false,
    })
}

/// The audit detail of the step just applied (`action` "edit"), undone or redone: its kind,
/// label and the placements before and after, as the log row recorded them.
pub(crate) fn edit_detail(
    tx: &Transaction<'_>,
    scenario_id: i64,
    action: &str,
) -> Result<Value, StorageError> {
    let sql = match action {
        // The step undo just reverted: the lowest undone, not discarded one.
        "undo" => {
            "SELECT seq, kind, label, after, before FROM edit
               WHERE scenario_id = ?1 AND undone = 1 AND discarded = 0 ORDER BY seq LIMIT 1"
        }
        _ => {
            "SELECT seq, kind, label, before, after FROM edit
              WHERE scenario_id = ?1 AND undone = 0 AND discarded = 0 ORDER BY seq DESC LIMIT 1"
        }
    };
    let row: Option<(i64, String, String, String, String)> = tx
        .query_row(sql, [scenario_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    Ok(match row {
        Some((seq, kind, label, before, after)) => json!({
            "edit_seq": seq,
            "kind": kind,
            "label": label,
            "before": serde_json::from_str::<Value>(&before).unwrap_or(Value::Null),
            "after": serde_json::from_str::<Value>(&after).unwrap_or(Value::Null),
        }),
        None => json!({}),
    })
}

pub fn state(tx: &Transaction<'_>, scenario_id: i64) -> Result<EditState, StorageError> {
    let revision: i64 = scenario_columns::read(tx, scenario_id, ScenarioColumn::Revision)?;
    let label = |sql: &str| -> Result<Option<String>, StorageError> {
        Ok(tx
            .query_row(sql, [scenario_id], |r| r.get::<_, String>(0))
            .optional()?)
    };
    let undo_label = label(
        "SELECT label FROM edit WHERE scenario_id = ?1 AND undone = 0 AND discarded = 0
         ORDER BY seq DESC LIMIT 1",
    )?;
    let redo_label = label(
        "SELECT label FROM edit WHERE scenario_id = ?1 AND undone = 1 AND discarded = 0
         ORDER BY seq ASC LIMIT 1",
    )?;
    Ok(EditState {
        can_undo: undo_label.is_some(),
        can_redo: redo_label.is_some(),
        revision,
        undo_label,
        redo_label,
    })
}

/// The sequence number of a new step: a new step ends the redo branch, so the undone steps
/// after it are discarded (kept for the record, never replayed).
fn next_seq(tx: &Transaction<'_>, scenario_id: i64) -> Result<i64, StorageError> {
    tx.execute(
        "UPDATE edit SET discarded = 1 WHERE scenario_id = ?1 AND undone = 1 AND discarded = 0",
        [scenario_id],
    )?;
    Ok(tx.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM edit WHERE scenario_id = ?1",
        [scenario_id],
        |r| r.get(0),
    )?)
}

fn bump(tx: &Transaction<'_>, scenario_id: i64) -> Result<(), StorageError> {
    tx.execute(
        "UPDATE scenario SET revision = revision + 1 WHERE id = ?1",
        [scenario_id],
    )?;
    Ok(())
}

fn to_json(set: &PlacementSet) -> Result<String, StorageError> {
    serde_json::to_string(set).map_err(|e| StorageError::Invalid(format!("edit log: {e}")))
}

fn from_json(text: &str) -> Result<PlacementSet, StorageError> {
    serde_json::from_str(text).map_err(|_| StorageError::Damaged(format!("edit log row {text:?}")))
}
