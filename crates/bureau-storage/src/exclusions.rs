//! A scenario's exclusions (不宜调往): who must not be sent to which unit, or to the whole
//! grassroots. Stored as JSON in `scenario.exclusions` (part of the draft); a change is one
//! undoable step of the board's edit log holding the list before and after, and audited.

use bureau_core::{Exclusion, Structure};
use rusqlite::{params, Transaction};

use crate::edit_log::{self, EditKind, EditOutcome, Side};
use crate::scenario_columns::{self, ScenarioColumn};
use crate::{audit, roster, scenario_status, StorageError, Workspace};

fn to_json(list: &[Exclusion]) -> Result<String, StorageError> {
    serde_json::to_string(list).map_err(|e| StorageError::Invalid(format!("exclusions: {e}")))
}

/// The scenario's exclusions, in the order the planner set them.
pub(crate) fn stored(
    tx: &Transaction<'_>,
    scenario_id: i64,
) -> Result<Vec<Exclusion>, StorageError> {
    let list = scenario_columns::read_json(tx, scenario_id, ScenarioColumn::Exclusions)?;
    Ok(list.unwrap_or_default())
}

/// The stored exclusions that still apply: a person who left the roster or a unit the
/// structure no longer has drops out of the draft, and comes back if an undo restores them.
pub(crate) fn in_force(
    tx: &Transaction<'_>,
    scenario_id: i64,
    structure: &Structure,
) -> Result<Vec<Exclusion>, StorageError> {
    let mut out = Vec::new();
    for x in stored(tx, scenario_id)? {
        let unit_known = x
            .unit
            .as_deref()
            .is_none_or(|u| structure.unit(u).is_some());
        if unit_known && roster::on_roster(tx, &x.police_number)? {
            out.push(x);
        }
    }
    Ok(out)
}

/// Writes the scenario's exclusions (an empty list is stored as NULL).
pub(crate) fn write(
    tx: &Transaction<'_>,
    scenario_id: i64,
    list: &[Exclusion],
) -> Result<(), StorageError> {
    let json = if list.is_empty() {
        None
    } else {
        Some(to_json(list)?)
    };
    scenario_columns::write_text(tx, scenario_id, ScenarioColumn::Exclusions, json.as_deref())
}

/// Puts back the list an edit-log row recorded (undo and redo).
pub(crate) fn restore(
    tx: &Transaction<'_>,
    scenario_id: i64,
    json: &str,
) -> Result<(), StorageError> {
    let list: Vec<Exclusion> = serde_json::from_str(json)
        .map_err(|e| StorageError::Damaged(format!("edit log exclusions: {e}")))?;
    write(tx, scenario_id, &list)
}

/// Refuses an exclusion naming someone not on the roster or a unit not in the scenario's
/// structure, or one given twice.
fn validate(
    tx: &Transaction<'_>,
    scenario_id: i64,
    list: &[Exclusion],
) -> Result<(), StorageError> {
    let structure_id: i64 = scenario_columns::read(tx, scenario_id, ScenarioColumn::StructureId)?;
    let mut unit =
        tx.prepare_cached("SELECT 1 FROM new_unit WHERE structure_id = ?1 AND id = ?2")?;
    let mut seen = std::collections::HashSet::new();
    for (i, x) in list.iter().enumerate() {
        if !roster::on_roster(tx, &x.police_number)? {
            return Err(StorageError::Invalid(format!(
                "exclusions[{i}].police_number: unknown police number {:?}",
                x.police_number
            )));
        }
        if let Some(u) = &x.unit {
            if !unit.exists(params![structure_id, u])? {
                return Err(StorageError::Invalid(format!(
                    "exclusions[{i}].unit: unknown unit {u:?} in this scenario's structure"
                )));
            }
        }
        if !seen.insert(x) {
            return Err(StorageError::Invalid(format!(
                "exclusions[{i}]: the same exclusion appears twice"
            )));
        }
    }
    Ok(())
}

impl Workspace {
    /// The scenario's exclusions.
    pub fn exclusions(&mut self, scenario_id: i64) -> Result<Vec<Exclusion>, StorageError> {
        let tx = self.read()?;
        stored(&tx, scenario_id)
    }

    /// Replaces the scenario's exclusions as one undoable step labelled `label`; refused
    /// (nothing written) on an unknown person or unit, a repeated entry or an approved
    /// scenario. A list equal to the stored one logs nothing.
    pub fn set_exclusions(
        &mut self,
        scenario_id: i64,
        list: &[Exclusion],
        label: &str,
    ) -> Result<EditOutcome, StorageError> {
        let tx = self.write()?;
        scenario_status::require_editable(&tx, scenario_id)?;
        validate(&tx, scenario_id, list)?;
        let before = stored(&tx, scenario_id)?;
        if before == list {
            return edit_log::outcome(&tx, scenario_id, Default::default());
        }
        write(&tx, scenario_id, list)?;
        let (before_json, after_json) = (to_json(&before)?, to_json(list)?);
        let side = (Side::Exclusions, before_json.as_str(), after_json.as_str());
        let none = Default::default();
        let kind = EditKind::Exclusion;
        edit_log::log_step(&tx, scenario_id, kind, label, &none, &none, Some(side))?;
        scenario_columns::touch(&tx, scenario_id)?;
        audit::append(
            &tx,
            Some(scenario_id),
            "exclusions",
            &serde_json::json!({ "before": before, "after": list }),
        )?;
        let mut out = edit_log::outcome(&tx, scenario_id, Default::default())?;
        out.exclusions_changed = true;
        tx.commit()?;
        Ok(out)
    }
}
