//! The board's steps on a scenario's placements: applying a change set (with the community
//! roles of an accepted solve, when it has them) and replaying a logged step either way — its
//! placements and whatever else it changed (structure, exclusions, community roles), each put
//! back by the room that owns it. The log's rows themselves are `edit_log.rs`.

use std::collections::HashSet;

use bureau_core::{CommunityRoles, PoliceNumber};
use rusqlite::{params, Transaction};

use crate::edit_log::{self, EditKind, EditOutcome, Replay};
use crate::placements::{self, Placement, PlacementSet};
use crate::scenario_columns::{self, ScenarioColumn};
use crate::{community_roles, exclusions, roster, structure_design, StorageError};

/// One wanted change: a person's new unit (`None`: back to the old unit) and, when given, the
/// pin; `pinned: None` keeps the person's current pin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub police_number: PoliceNumber,
    pub unit: Option<String>,
    pub pinned: Option<bool>,
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
    let mut next_pin = placements::next_pin_position(tx, scenario_id)?;
    let mut before = PlacementSet::new();
    let mut after = PlacementSet::new();
    for t in targets {
        if after.contains_key(&t.police_number) {
            return Err(StorageError::Invalid(format!(
                "police number {:?} appears twice in one edit",
                t.police_number
            )));
        }
        let current = placements::placement(tx, scenario_id, &t.police_number)?;
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
        return edit_log::outcome(tx, scenario_id, after);
    }
    placements::write(tx, scenario_id, &after)?;
    edit_log::log_step(tx, scenario_id, kind, label, &before, &after, None)?;
    edit_log::outcome(tx, scenario_id, after)
}

/// Applies `targets` and adopts `roles` as one step (accepting a solve: its placements and
/// the community roles it chose are undone together).
pub fn apply_with_roles(
    tx: &Transaction<'_>,
    scenario_id: i64,
    kind: EditKind,
    label: &str,
    targets: &[Target],
    roles: &CommunityRoles,
) -> Result<EditOutcome, StorageError> {
    let mut out = apply(tx, scenario_id, kind, label, targets)?;
    let logged = !out.changed.is_empty();
    out.community_changed = community_roles::log(tx, scenario_id, roles, logged, kind, label)?;
    out.state = edit_log::state(tx, scenario_id)?;
    Ok(out)
}

/// Undoes or redoes one logged step: placements, and the structure, exclusions and community
/// roles when the step changed them. Does nothing when there is no step to replay.
pub fn replay(
    tx: &Transaction<'_>,
    scenario_id: i64,
    way: Replay,
) -> Result<EditOutcome, StorageError> {
    structure_of(tx, scenario_id)?;
    let Some(step) = edit_log::next_to_replay(tx, scenario_id, way)? else {
        return edit_log::outcome(tx, scenario_id, PlacementSet::new());
    };
    if let Some(structure) = &step.structure {
        structure_design::restore(tx, scenario_id, structure)?;
    }
    if let Some(list) = &step.exclusions {
        exclusions::restore(tx, scenario_id, list)?;
    }
    if let Some(roles) = &step.community {
        community_roles::restore(tx, scenario_id, roles)?;
    }
    placements::write(tx, scenario_id, &step.placements)?;
    edit_log::mark_replayed(tx, scenario_id, &step, way)?;
    let mut out = edit_log::outcome(tx, scenario_id, step.placements)?;
    out.structure_changed = step.structure.is_some();
    out.exclusions_changed = step.exclusions.is_some();
    out.community_changed = step.community.is_some();
    Ok(out)
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
