//! The solve settings dialog's methods (求解设置): a scenario's weights, read and replaced.
//! Out-of-range weights are refused as `bad_request` naming the weight; nothing changes.

use bureau_core::optimiser::Weights;
use serde::{Deserialize, Serialize};

use crate::planning::resolve;
use crate::{Api, ApiError, ScenarioRef};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetWeightsArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    /// `null` restores the defaults.
    pub weights: Option<Weights>,
}

/// The weights a scenario is solved with, the defaults beside them, and whether the planner
/// set them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightsView {
    pub weights: Weights,
    pub defaults: Weights,
    pub custom: bool,
}

impl Api {
    pub fn weights(&self, req: ScenarioRef) -> Result<WeightsView, ApiError> {
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, req.scenario_id)?;
        let stored = ws.stored_scenario_weights(id)?;
        Ok(WeightsView {
            custom: stored.is_some(),
            weights: stored.unwrap_or_default(),
            defaults: Weights::default(),
        })
    }

    pub fn set_weights(&self, req: SetWeightsArgs) -> Result<WeightsView, ApiError> {
        {
            let mut ws = self.ws()?;
            let id = resolve(&mut ws, req.scenario_id)?;
            ws.set_scenario_weights(id, req.weights.as_ref())?;
        }
        self.weights(ScenarioRef {
            scenario_id: req.scenario_id,
        })
    }
}
