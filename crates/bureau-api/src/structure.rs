//! The API's structure designer methods: a scenario's structure with the live check (totals
//! before/after and findings), and one designer step applied, stored and audited. Undo and redo
//! are the board's `undo`/`redo`: designer and board steps share one edit log per scenario.

use bureau_core::metrics::establishment;
use bureau_core::structure_check::{check_structure, StructureCheck};
use bureau_core::structure_edit::{placed_within, StructureEdit};
use bureau_core::{PoliceNumber, ScenarioStatus, Structure, Unit, UnitId};
use bureau_storage::EditState;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::planning::resolve;
use crate::{Api, ApiError, ErrorCode, ScenarioRef};

/// Everything the designer shows for one scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StructureView {
    pub scenario_id: i64,
    /// Approved: the designer is read-only.
    pub read_only: bool,
    pub structure: Structure,
    /// Today's units, for the merge map's left side.
    pub old_units: Vec<Unit>,
    pub check: StructureCheck,
    /// Each new unit's 编制 by the one definition (`metrics::establishment`: its own plus its
    /// sub-units'), in the structure's unit order: what the tree shows beside a department.
    pub establishment: Vec<UnitEstablishment>,
    /// The people placed in each new unit or its sub-units, in the structure's unit order:
    /// whom deleting it would send back to 仍在原单位 (the designer asks first).
    pub placed: Vec<UnitPlaced>,
    /// Undo/redo of the scenario's shared edit log.
    pub edit_state: EditState,
}

/// A new unit's 编制, sub-units included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitEstablishment {
    pub unit: UnitId,
    pub officers: u32,
    pub auxiliaries: u32,
}

/// The people placed in a new unit, its sub-units included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitPlaced {
    pub unit: UnitId,
    pub people: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct EditStructureArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    pub edit: StructureEdit,
}

/// A designer step's result: the structure after it, and what it did to people and rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StructureEditResult {
    #[serde(flatten)]
    pub view: StructureView,
    /// People placed in a deleted unit: they are back in their old unit (仍在原单位).
    pub unplaced: Vec<PoliceNumber>,
    /// The id of the unit an `add_unit` step created.
    pub created: Option<UnitId>,
    /// The scenario's own rules that named a deleted unit and were dropped with it.
    pub dropped_rules: usize,
}

impl Api {
    pub fn structure(&self, req: ScenarioRef) -> Result<StructureView, ApiError> {
        let id = {
            let mut ws = self.ws()?;
            resolve(&mut ws, req.scenario_id)?
        };
        self.structure_view(id)
    }

    pub fn edit_structure(&self, req: EditStructureArgs) -> Result<StructureEditResult, ApiError> {
        let (id, step) = {
            let mut ws = self.ws()?;
            let id = resolve(&mut ws, req.scenario_id)?;
            (id, ws.edit_structure(id, &req.edit)??)
        };
        Ok(StructureEditResult {
            view: self.structure_view(id)?,
            unplaced: step.unplaced,
            created: step.created,
            dropped_rules: step.dropped_rules,
        })
    }

    pub(crate) fn structure_view(&self, id: i64) -> Result<StructureView, ApiError> {
        let p = self.plan_inputs(Some(id))?;
        let mut ws = self.ws()?;
        let status = ws
            .scenarios()?
            .into_iter()
            .find(|s| s.id == id)
            .map(|s| s.status)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("scenario {id}")))?;
        let edit_state = ws.edit_state(id)?;
        let units = &p.scenario.structure.units;
        let establishment = units
            .iter()
            .map(|u| {
                let (officers, auxiliaries) = establishment(units, &u.id);
                UnitEstablishment {
                    unit: u.id.clone(),
                    officers,
                    auxiliaries,
                }
            })
            .collect();
        let placed = units
            .iter()
            .map(|u| UnitPlaced {
                unit: u.id.clone(),
                people: placed_within(&p.scenario.structure, &p.scenario.draft, &u.id),
            })
            .collect();
        Ok(StructureView {
            scenario_id: id,
            read_only: status == ScenarioStatus::Approved,
            check: check_structure(&p.bureau, &p.scenario.structure, &p.rules),
            structure: p.scenario.structure.clone(),
            old_units: p.bureau.old_units.clone(),
            establishment,
            placed,
            edit_state,
        })
    }
}
