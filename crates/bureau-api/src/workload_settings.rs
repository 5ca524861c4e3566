//! The workload settings dialog's methods (测算设置): the weights and the floor of a scenario's
//! rules `station_workload` and `squad_workload` (the traffic squads'), read and replaced. They
//! live in the scenario's rule set, so a change is validated, refused on an approved scenario
//! and audited as a rule change; a scenario without a rule gets it (soft, its default weight)
//! when the planner saves its settings.

use bureau_core::rules::{Rule, RuleKind, DEFAULT_MIN_OFFICERS, DEFAULT_WORKLOAD_WEIGHT};
use bureau_core::squad_workload::{has_squad_figures, SquadWeights, DEFAULT_SQUAD_MIN_OFFICERS};
use bureau_core::workload::{has_figures, WorkloadWeights};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::planning::resolve;
use crate::{Api, ApiError, ErrorCode, ScenarioRef};

pub const RULE_ID: &str = "station_workload";
pub const SQUAD_RULE_ID: &str = "squad_workload";

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
    /// The squads' weights and floor; absent or `null`, the squads' rule is left as it is.
    #[serde(default)]
    pub squads: Option<SetSquadSettingsArgs>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SetSquadSettingsArgs {
    /// `null` restores the default weights.
    pub weights: Option<SquadWeights>,
    /// The floor per squad; absent or `null`, the default.
    #[serde(default)]
    pub min_officers: Option<u32>,
}

/// The squads' half of the settings: as the stations', on `squad_workload`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SquadSettingsView {
    pub weights: SquadWeights,
    pub min_officers: u32,
    pub defaults: SquadWeights,
    pub default_min_officers: u32,
    /// The scenario's rules hold `squad_workload`.
    pub has_rule: bool,
    pub hard: bool,
    /// The bureau has figures for a traffic squad of the plan.
    pub has_figures: bool,
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
    pub squads: SquadSettingsView,
}

fn workload_rule(rules: &mut [Rule]) -> Option<&mut Rule> {
    rules
        .iter_mut()
        .find(|r| matches!(r.kind, RuleKind::StationWorkload { .. }))
}

fn squad_rule(rules: &mut [Rule]) -> Option<&mut Rule> {
    rules
        .iter_mut()
        .find(|r| matches!(r.kind, RuleKind::SquadWorkload { .. }))
}

/// The squads' settings in `rules`, the defaults without the rule.
fn squad_view(rules: &mut [Rule], has_figures: bool) -> SquadSettingsView {
    let rule = squad_rule(rules);
    let (weights, min_officers, hard) = match rule.as_deref().map(|r| (&r.kind, r.hard)) {
        Some((
            RuleKind::SquadWorkload {
                weights,
                min_officers,
                ..
            },
            hard,
        )) => (*weights, *min_officers, hard),
        _ => (SquadWeights::default(), DEFAULT_SQUAD_MIN_OFFICERS, false),
    };
    SquadSettingsView {
        weights,
        min_officers,
        defaults: SquadWeights::default(),
        default_min_officers: DEFAULT_SQUAD_MIN_OFFICERS,
        has_rule: rule.is_some(),
        hard,
        has_figures,
    }
}

/// Writes the squads' weights and floor into `rules` (adding the rule, soft, without one).
fn set_squads(rules: &mut Vec<Rule>, req: &SetSquadSettingsArgs) -> Result<(), ApiError> {
    let weights = req.weights.unwrap_or_default();
    if let Some(field) = weights.invalid_field() {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            format!(
                "squads.weights.{field}: expected weights between 0 and 1000, at least one of them positive"
            ),
        ));
    }
    let min_officers = req.min_officers.unwrap_or(DEFAULT_SQUAD_MIN_OFFICERS);
    match squad_rule(rules) {
        Some(rule) => {
            if let RuleKind::SquadWorkload {
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
            id: SQUAD_RULE_ID.into(),
            kind: RuleKind::SquadWorkload {
                weights,
                min_officers,
                band: None,
            },
            hard: false,
            weight: DEFAULT_WORKLOAD_WEIGHT,
        }),
    }
    Ok(())
}

impl Api {
    pub fn workload_settings(&self, req: ScenarioRef) -> Result<WorkloadSettingsView, ApiError> {
        let p = self.plan_inputs(req.scenario_id)?;
        let mut rules = p.rules;
        let squads = squad_view(
            &mut rules,
            has_squad_figures(&p.bureau, &p.scenario.structure),
        );
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
            squads,
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
            if let Some(squads) = &req.squads {
                set_squads(&mut rules, squads)?;
            }
            ws.set_scenario_rules(id, Some(&rules))?;
        }
        self.workload_settings(ScenarioRef {
            scenario_id: req.scenario_id,
        })
    }
}
