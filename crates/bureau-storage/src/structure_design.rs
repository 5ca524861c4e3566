//! The structure designer's writes: one validated step (`bureau_core::structure_edit`) applied
//! to a scenario's structure, its placements and its rules in one transaction, logged in the
//! scenario's edit log (the board's: one undo stack for both) and in the audit trail.
//!
//! A whole structure read from a sheet replaces the old one the same way, as one step.
//!
//! A logged step keeps the whole structure before and after it (a county structure is a few
//! kilobytes), so undo and redo restore it exactly whatever the step was.

use bureau_core::rules::Rule;
use bureau_core::structure_edit::{apply_edit, rules_for, StructureEdit, StructureEditError};
use bureau_core::{PoliceNumber, Structure, UnitId};
use rusqlite::Transaction;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::edit_log::{self, EditKind, EditOutcome, Side};
use crate::placements::{self, PlacementSet};
use crate::{audit, roster, rule_sets, scenario_status, scenarios, StorageError, Workspace};

/// What an edit-log row keeps of the structure side of a step.
#[derive(Debug, Serialize, Deserialize, TS)]
struct StructureState {
    structure: Structure,
    /// The step changed the scenario's own rules: `rules` are to be restored too.
    #[serde(default)]
    rules_changed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rules: Option<Vec<Rule>>,
}

/// What a designer step did.
#[derive(Debug, Clone, PartialEq)]
pub struct StructureStep {
    pub outcome: EditOutcome,
    /// People the step returned to their old unit (they were placed in a deleted unit).
    pub unplaced: Vec<PoliceNumber>,
    /// The unit an `add_unit` step created.
    pub created: Option<UnitId>,
    /// The scenario's own rules that named a deleted unit and were dropped with it.
    pub dropped_rules: usize,
}

impl Workspace {
    /// Applies one designer step to a scenario: refused steps (`Ok(Err(…))`, naming the unit
    /// and the field) and approved scenarios write nothing.
    pub fn edit_structure(
        &mut self,
        scenario_id: i64,
        edit: &StructureEdit,
    ) -> Result<Result<StructureStep, StructureEditError>, StorageError> {
        let tx = self.write()?;
        scenario_status::require_editable(&tx, scenario_id)?;
        let bureau = roster::load_bureau(&tx)?;
        let scenario = scenarios::load_scenario(&tx, scenario_id)?.scenario;
        let step = match apply_edit(&bureau, &scenario.structure, &scenario.draft, edit) {
            Ok(step) => step,
            Err(refused) => return Ok(Err(refused)),
        };
        let label = edit.label();
        let (outcome, dropped_rules) = write_step(
            &tx,
            scenario_id,
            scenario.structure,
            &step.structure,
            &label,
            &step.unplaced,
        )?;
        audit::append(
            &tx,
            Some(scenario_id),
            "structure",
            &serde_json::json!({
                "edit": edit,
                "unplaced": step.unplaced.len(),
                "dropped_rules": dropped_rules,
            }),
        )?;
        tx.commit()?;
        Ok(Ok(StructureStep {
            outcome,
            unplaced: step.unplaced,
            created: step.created,
            dropped_rules,
        }))
    }
    /// Replaces a scenario's whole structure (a structure sheet read without problems) as one
    /// undoable step: people placed in a unit that is gone return to their old unit, and the
    /// scenario's own rules that named such a unit are dropped. Approved scenarios write nothing.
    pub fn replace_structure(
        &mut self,
        scenario_id: i64,
        structure: &Structure,
        source: &str,
    ) -> Result<StructureStep, StorageError> {
        let tx = self.write()?;
        scenario_status::require_editable(&tx, scenario_id)?;
        let scenario = scenarios::load_scenario(&tx, scenario_id)?.scenario;
        let unplaced: Vec<PoliceNumber> = scenario
            .draft
            .assignment
            .iter()
            .filter(|(_, unit)| structure.unit(unit).is_none())
            .map(|(number, _)| number.clone())
            .collect();
        let label = format!("导入新机构设置表 {source}");
        let (outcome, dropped_rules) = write_step(
            &tx,
            scenario_id,
            scenario.structure,
            structure,
            &label,
            &unplaced,
        )?;
        audit::append(
            &tx,
            Some(scenario_id),
            "structure_import",
            &serde_json::json!({
                "file": source,
                "units": structure.units.len(),
                "unplaced": unplaced.len(),
                "dropped_rules": dropped_rules,
            }),
        )?;
        tx.commit()?;
        Ok(StructureStep {
            outcome,
            unplaced,
            created: None,
            dropped_rules,
        })
    }
}

/// Writes a step's new structure in place of `before`, drops the scenario's own rules that
/// name a unit it no longer has, and logs the step (both structures, and the rules when they
/// changed, so undo and redo restore them); answers the logged step and how many rules were
/// dropped.
fn write_step(
    tx: &Transaction<'_>,
    scenario_id: i64,
    before: Structure,
    after: &Structure,
    label: &str,
    unplaced: &[PoliceNumber],
) -> Result<(EditOutcome, usize), StorageError> {
    let (rules_before, rules_after, dropped_rules) = match rule_sets::stored_rules(tx, scenario_id)?
    {
        Some(rules) => {
            let (kept, dropped) = rules_for(after, rules.clone());
            (Some(rules), Some(kept), dropped)
        }
        None => (None, None, 0),
    };
    let rules_changed = dropped_rules > 0;
    if rules_changed {
        rule_sets::write_rules(tx, scenario_id, rules_after.as_deref())?;
    }
    scenarios::replace_structure(tx, scenario_id, after)?;
    let before = state_json(&StructureState {
        structure: before,
        rules_changed,
        rules: rules_before.filter(|_| rules_changed),
    })?;
    let after = state_json(&StructureState {
        structure: after.clone(),
        rules_changed,
        rules: rules_after.filter(|_| rules_changed),
    })?;
    let outcome = log_step(tx, scenario_id, label, &before, &after, unplaced)?;
    Ok((outcome, dropped_rules))
}

/// Logs a designer step whose structure (and rules) is already written: unplaces `unplaced`
/// (people of deleted units) and records both as one undoable step.
fn log_step(
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
        before.insert(
            number.clone(),
            placements::placement(tx, scenario_id, number)?,
        );
        after.insert(number.clone(), None);
    }
    placements::write(tx, scenario_id, &after)?;
    let side = (Side::Structure, structure_before, structure_after);
    let kind = EditKind::Structure;
    edit_log::log_step(tx, scenario_id, kind, label, &before, &after, Some(side))?;
    let mut out = edit_log::outcome(tx, scenario_id, after)?;
    out.structure_changed = true;
    Ok(out)
}

/// Puts back the structure side of a logged step (undo: its `before`; redo: its `after`).
pub(crate) fn restore(
    tx: &Transaction<'_>,
    scenario_id: i64,
    text: &str,
) -> Result<(), StorageError> {
    let state: StructureState = serde_json::from_str(text).map_err(|e| {
        StorageError::Damaged(format!("edit log structure of scenario {scenario_id}: {e}"))
    })?;
    scenarios::replace_structure(tx, scenario_id, &state.structure)?;
    if state.rules_changed {
        rule_sets::write_rules(tx, scenario_id, state.rules.as_deref())?;
    }
    Ok(())
}

fn state_json(state: &StructureState) -> Result<String, StorageError> {
    serde_json::to_string(state).map_err(|e| StorageError::Invalid(format!("structure: {e}")))
}
