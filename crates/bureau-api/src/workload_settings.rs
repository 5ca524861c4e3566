//! The workload settings dialog's methods (测算设置): the weights and the floor of a scenario's
//! rule `station_workload`, read and replaced. They live in the scenario's rule set, so a change
//! is validated, refused on an approved scenario and audited as a rule change; a scenario
//! without the rule gets it (soft, its default weight) when the planner saves settings.

use bureau_core::rules::{Rule, RuleKind, DEFAULT_MIN_OFFICERS, DEFAULT_WORKLOAD_WEIGHT};
use bureau_core::workload::{has_figures, WorkloadWeights};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::planning::resolve;
use crate::{Api, ApiError, ErrorCode, ScenarioRef};

pub const RULE_ID: &str = "station_workload";

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SetWorkloadSettingsArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    /// `null` restores the default weights.
    pub weights: Option<WorkloadWeights>,
    /// The floor per station; absent or `null`, the default.
    #[serde(default)]
    pub min_officers: Option<u32>,
}

/// The weights and floor a scenario measures workload with, the defaults beside them, whether
/// the scenario has the rule at all and whether the bureau has figures to measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkloadSettingsView {
    pub weights: WorkloadWeights,
    pub min_officers: u32,
    pub defaults: WorkloadWeights,
    pub default_min_officers: u32,
    /// The scenario's rules hold `station_workload`.
    pub has_rule: bool,
    /// The rule is hard (a band), else soft.
    pub hard: bool,
    pub has_figures: bool,
}

fn workload_rule(rules: &mut [Rule]) -> Option<&mut Rule> {
    rules
        .iter_mut()
        .find(|r| matches!(r.kind, RuleKind::StationWorkload { .. }))
}

impl Api {
    pub fn workload_settings(&self, req: ScenarioRef) -> Result<WorkloadSettingsView, ApiError> {
        let p = self.plan_inputs(req.scenario_id)?;
        let mut rules = p.rules;
        let rule = workload_rule(&mut rules);
        let (weights, min_officers, hard) = match rule.as_deref().map(|r| (&r.kind, r.hard)) {
            Some((
                RuleKind::StationWorkload {
                    weights,
                    min_officers,
                    ..
                },
                hard,
            )) => (*weights, *min_officers, hard),
            _ => (WorkloadWeights::default(), DEFAULT_MIN_OFFICERS, false),
        };
        Ok(WorkloadSettingsView {
            weights,
            min_officers,
            defaults: WorkloadWeights::default(),
            default_min_officers: DEFAULT_MIN_OFFICERS,
            has_rule: rule.is_some(),
            hard,
            has_figures: has_figures(&p.bureau, &p.scenario.structure),
        })
    }

    pub fn set_workload_settings(
        &self,
        req: SetWorkloadSettingsArgs,
    ) -> Result<WorkloadSettingsView, ApiError> {
        let weights = req.weights.unwrap_or_default();
        if let Some(field) = weights.invalid_field() {
            return Err(ApiError::new(
                ErrorCode::BadRequest,
                format!(
                    "weights.{field}: expected weights between 0 and 1000, at least one of them positive"
                ),
            ));
        }
        let min_officers = req.min_officers.unwrap_or(DEFAULT_MIN_OFFICERS);
        {
            let mut ws = self.ws()?;
            let id = resolve(&mut ws, req.scenario_id)?;
            let mut rules = ws.scenario_rules(id)?;
            match workload_rule(&mut rules) {
                Some(rule) => {
                    if let RuleKind::StationWorkload {
                        weights: w,
                        min_officers: m,
                        ..
                    } = &mut rule.kind
                    {
                        *w = weights;
                        *m = min_officers;
                    }
                }
                None => rules.push(Rule {
                    id: RULE_ID.into(),
                    kind: RuleKind::StationWorkload {
                        weights,
                        min_officers,
                        band: None,
                    },
                    hard: false,
                    weight: DEFAULT_WORKLOAD_WEIGHT,
                }),
            }
            ws.set_scenario_rules(id, Some(&rules))?;
        }
        self.workload_settings(ScenarioRef {
            scenario_id: req.scenario_id,
        })
    }
}
