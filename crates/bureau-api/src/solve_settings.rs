//! The solve settings dialog's methods (求解设置): a scenario's weights, read and replaced.
//! Out-of-range weights are refused as `bad_request` naming the weight; nothing changes.

use bureau_core::optimiser::Weights;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::planning::resolve;
use crate::{Api, ApiError, ScenarioRef};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SetWeightsArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    /// `null` restores the defaults.
    #[ts(as = "Option<crate::typescript::foreign::Weights>")]
    pub weights: Option<Weights>,
}

/// The weights a scenario is solved with, the defaults beside them, and whether the planner
/// set them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WeightsView {
    #[ts(as = "crate::typescript::foreign::Weights")]
    pub weights: Weights,
    #[ts(as = "crate::typescript::foreign::Weights")]
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
