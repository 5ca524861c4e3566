//! A scenario's solve weights (求解设置): stored as JSON in `scenario.weights`, NULL meaning the
//! defaults. Validated before they are written; a change is audited like a rule change.

use bureau_core::optimiser::Weights;
use rusqlite::Transaction;

use crate::scenario_columns::{self, ScenarioColumn};
use crate::{StorageError, Workspace};

pub fn weights_json(weights: Option<&Weights>) -> Result<Option<String>, StorageError> {
    weights
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StorageError::Invalid(format!("weights: {e}")))
}

/// The stored weights, `None` when the scenario uses the defaults.
pub fn stored_weights(
    tx: &Transaction<'_>,
    scenario_id: i64,
) -> Result<Option<Weights>, StorageError> {
    scenario_columns::read_json(tx, scenario_id, ScenarioColumn::Weights)
}

/// Writes a scenario's weights (`None`: the defaults).
pub fn write_weights(
    tx: &Transaction<'_>,
    scenario_id: i64,
    weights: Option<&Weights>,
) -> Result<(), StorageError> {
    let json = weights_json(weights)?;
    scenario_columns::write_text(tx, scenario_id, ScenarioColumn::Weights, json.as_deref())
}

/// Copies one scenario's weights to another (a branch keeps its parent's settings).
pub fn copy_weights(tx: &Transaction<'_>, from: i64, to: i64) -> Result<(), StorageError> {
    scenario_columns::copy(tx, ScenarioColumn::Weights, from, to)
}

impl Workspace {
    /// The weights a scenario is solved with: its own, or the defaults.
    pub fn scenario_weights(&mut self, scenario_id: i64) -> Result<Weights, StorageError> {
        let tx = self.read()?;
        Ok(stored_weights(&tx, scenario_id)?.unwrap_or_default())
    }

    /// The scenario's own weights; `None` when it uses the defaults.
    pub fn stored_scenario_weights(
        &mut self,
        scenario_id: i64,
    ) -> Result<Option<Weights>, StorageError> {
        let tx = self.read()?;
        stored_weights(&tx, scenario_id)
    }

    /// Replaces a scenario's weights (`None`: back to the defaults) after validating them;
    /// nothing changes when they are refused.
    pub fn set_scenario_weights(
        &mut self,
        scenario_id: i64,
        weights: Option<&Weights>,
    ) -> Result<(), StorageError> {
        if let Some(w) = weights {
            w.validate()
                .map_err(|e| StorageError::Invalid(e.to_string()))?;
        }
        let tx = self.write()?;
        crate::scenario_status::require_editable(&tx, scenario_id)?;
        let before = stored_weights(&tx, scenario_id)?;
        write_weights(&tx, scenario_id, weights)?;
        scenario_columns::touch(&tx, scenario_id)?;
        crate::audit::append(
            &tx,
            Some(scenario_id),
            "weights",
            &serde_json::json!({"before": before, "after": weights}),
        )?;
        tx.commit()?;
        Ok(())
    }
}
