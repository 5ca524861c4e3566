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
    pub weights: Option<Weights>,
}

/// The weights a scenario is solved with, the defaults beside them, and whether the planner
/// set them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WeightsView {
    pub weights: Weights,
    pub defaults: Weights,
    pub custom: bool,
    /// The plan's community eligibility (社区民警): officers this age or older hold no post;
    /// `None`: no age limit. Set with `set_community_eligibility`.
    #[serde(default)]
    pub community_max_age: Option<u32>,
}

impl Api {
    pub fn weights(&self, req: ScenarioRef) -> Result<WeightsView, ApiError> {
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, req.scenario_id)?;
        let stored = ws.stored_scenario_weights(id)?;
        let (_, scenario) = ws.snapshot(id)?;
        Ok(WeightsView {
            community_max_age: scenario.draft.community.eligibility.max_age,
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
