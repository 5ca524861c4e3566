//! The edit log of a scenario's placements: every change set is applied together with its log
//! row in one transaction, and undo/redo replay the recorded `before`/`after` states.
//!
//! Rows are never deleted: undo marks a row `undone`, a new edit marks the undone rows
//! `discarded` (the redo stack is cleared). The done rows are therefore always a prefix of the
//! log by `seq` and the redoable rows the suffix that follows.

use std::collections::{BTreeMap, HashSet};
use ts_rs::TS;

use bureau_core::PoliceNumber;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::scenario_columns::{self, ScenarioColumn};
use crate::scenarios::touch;
use crate::{roster, StorageError};

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

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

/// One wanted change: a person's new unit (`None`: back to the old unit) and, when given, the
/// pin; `pinned: None` keeps the person's current pin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub police_number: PoliceNumber,
    pub unit: Option<String>,
    pub pinned: Option<bool>,
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

/// Applies `targets` to the scenario's placements and logs them as one step. Unknown people or
/// units are refused before anything is written. People whose placement does not change are
/// left out of the step; a step that changes nothing is not logged.
pub fn apply(
    tx: &Transaction<'_>,
    scenario_id: i64,
    kind: EditKind,
    label: &str,
    targets: &[Target],
) -> Result<EditOutcome, StorageError> {
    let structure_id = structure_of(tx, scenario_id)?;
    validate(tx, structure_id, targets)?;
    let mut next_pin = next_pin_position(tx, scenario_id)?;
    let mut before = PlacementSet::new();
    let mut after = PlacementSet::new();
    for t in targets {
        if after.contains_key(&t.police_number) {
            return Err(StorageError::Invalid(format!(
                "police number {:?} appears twice in one edit",
                t.police_number
            )));
        }
        let current = placement(tx, scenario_id, &t.police_number)?;
        let pinned = t
            .pinned
            .unwrap_or_else(|| current.as_ref().is_some_and(|p| p.pinned));
        let wanted = t.unit.clone().map(|unit| {
            let pin_position = match (&current, pinned) {
                (_, false) => None,
                (Some(c), true) if c.pinned => c.pin_position,
                _ => {
                    next_pin += 1;
                    Some(next_pin - 1)
                }
            };
            Placement {
                unit,
                pinned,
                pin_position,
            }
        });
        if wanted != current {
            before.insert(t.police_number.clone(), current);
            after.insert(t.police_number.clone(), wanted);
        }
    }
    if after.is_empty() {
        return outcome(tx, scenario_id, after);
    }
    write_placements(tx, scenario_id, &after)?;
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
            to_json(&before)?,
            to_json(&after)?
        ],
    )?;
    bump(tx, scenario_id)?;
    outcome(tx, scenario_id, after)
}

/// The sequence number of a new step: a new step ends the redo branch, so the undone steps
/// after it are discarded (kept for the record, never replayed).
pub(crate) fn next_seq(tx: &Transaction<'_>, scenario_id: i64) -> Result<i64, StorageError> {
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

/// Logs a designer step whose structure (and rules) the caller has already written: unplaces
/// `unplaced` (people of deleted units) and records both as one undoable step.
pub fn log_structure_step(
    tx: &Transaction<'_>,
    scenario_id: i64,
    label: &str,
    structure_before: &str,
    structure_after: &str,
    unplaced: &[PoliceNumber],
) -> Result<EditOutcome, StorageError> {
    let mut before = PlacementSet::new();
    let mut after = PlacementSet::new();
    for number in unplaced {
        before.insert(number.clone(), placement(tx, scenario_id, number)?);
        after.insert(number.clone(), None);
    }
    write_placements(tx, scenario_id, &after)?;
    let seq = next_seq(tx, scenario_id)?;
    tx.execute(
        &format!(
            "INSERT INTO edit (scenario_id, seq, at, kind, label, before, after,
                               structure_before, structure_after)
             VALUES (?1, ?2, {NOW}, ?3, ?4, ?5, ?6, ?7, ?8)"
        ),
        params![
            scenario_id,
            seq,
            EditKind::Structure.as_str(),
            label,
            to_json(&before)?,
            to_json(&after)?,
            structure_before,
            structure_after
        ],
    )?;
    bump(tx, scenario_id)?;
    let mut out = outcome(tx, scenario_id, after)?;
    out.structure_changed = true;
    Ok(out)
}

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

/// Undoes or redoes one logged step: placements, and the structure and exclusions when the step
/// changed them. Does nothing when there is no step to replay.
pub fn replay(
    tx: &Transaction<'_>,
    scenario_id: i64,
    way: Replay,
) -> Result<EditOutcome, StorageError> {
    structure_of(tx, scenario_id)?;
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
    let Some((id, placements, structure, exclusions, community)) = row else {
        return outcome(tx, scenario_id, PlacementSet::new());
    };
    if let Some(structure) = &structure {
        crate::structure_design::restore(tx, scenario_id, structure)?;
    }
    if let Some(exclusions) = &exclusions {
        crate::exclusions::restore(tx, scenario_id, exclusions)?;
    }
    if let Some(community) = &community {
        crate::community_roles::restore(tx, scenario_id, community)?;
    }
    let changed = from_json(&placements)?;
    write_placements(tx, scenario_id, &changed)?;
    match way {
        Replay::Undo => tx.execute(
            &format!("UPDATE edit SET undone = 1, undone_at = {NOW} WHERE id = ?1"),
            [id],
        )?,
        Replay::Redo => tx.execute(
            "UPDATE edit SET undone = 0, undone_at = NULL WHERE id = ?1",
            [id],
        )?,
    };
    bump(tx, scenario_id)?;
    let mut out = outcome(tx, scenario_id, changed)?;
    out.structure_changed = structure.is_some();
    out.exclusions_changed = exclusions.is_some();
    out.community_changed = community.is_some();
    Ok(out)
}

/// The audit detail of the step just applied (`action` "edit"), undone or redone: its kind,
/// label and the placements before and after, as the log row recorded them.
pub fn edit_detail(
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

fn structure_of(tx: &Transaction<'_>, scenario_id: i64) -> Result<i64, StorageError> {
    scenario_columns::read(tx, scenario_id, ScenarioColumn::StructureId)
}

fn validate(
    tx: &Transaction<'_>,
    structure_id: i64,
    targets: &[Target],
) -> Result<(), StorageError> {
    let mut unit =
        tx.prepare_cached("SELECT 1 FROM new_unit WHERE structure_id = ?1 AND id = ?2")?;
    let mut units_seen = HashSet::new();
    for t in targets {
        if !roster::on_roster(tx, &t.police_number)? {
            return Err(StorageError::Invalid(format!(
                "unknown police number {:?}",
                t.police_number
            )));
        }
        if let Some(u) = &t.unit {
            if units_seen.insert(u.as_str()) && !unit.exists(params![structure_id, u])? {
                return Err(StorageError::Invalid(format!(
                    "unknown unit {u:?} in this scenario's structure"
                )));
            }
        }
    }
    Ok(())
}

fn placement(
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

fn next_pin_position(tx: &Transaction<'_>, scenario_id: i64) -> Result<i64, StorageError> {
    Ok(tx.query_row(
        "SELECT COALESCE(MAX(pin_position), -1) + 1 FROM placement WHERE scenario_id = ?1",
        [scenario_id],
        |r| r.get(0),
    )?)
}

fn write_placements(
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
    touch(tx, scenario_id)
}

pub(crate) fn bump(tx: &Transaction<'_>, scenario_id: i64) -> Result<(), StorageError> {
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
