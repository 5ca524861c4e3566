//! The API's planning methods: a scenario's rules, every rule evaluated on its draft, and the
//! background jobs that solve it or sweep a rule's parameter.

use bureau_core::optimiser::{sweep_values, with_parameter, Mode, SolveSettings, Weights};
use bureau_core::rule_results::{evaluate, RuleResult};
use std::sync::Arc;
use ts_rs::TS;

use bureau_core::rules::{default_rules, describe_in, source, Lang, Rule};
use bureau_core::{BureauFile, Scenario, Structure};
use bureau_storage::Workspace;
use serde::{Deserialize, Serialize};

use crate::jobs::worker::{Sweep, WorkOrder};
use crate::jobs::{JobKind, JobStatus};
use crate::{Api, ApiError, ErrorCode, ScenarioRef, SolveArgs};

/// A rule with the texts a reader needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RuleView {
    pub rule: Rule,
    pub description_zh: String,
    pub description_en: String,
    pub source_zh: String,
    pub source_en: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SetRulesArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    /// `null` restores the defaults.
    pub rules: Option<Vec<Rule>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct TradeoffArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    pub rule_id: String,
    pub from: f64,
    pub to: f64,
    pub step: f64,
    #[serde(default)]
    pub time_limit_seconds: Option<f64>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct JobRef {
    pub job_id: u64,
}

/// Why no plan meets every hard rule: each failing rule and by how much (empty when feasible).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Diagnosis {
    pub feasible: bool,
    pub status: bureau_core::optimiser::SolveStatus,
    pub diagnosis: Vec<bureau_core::optimiser::Shortfall>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
pub struct JobStarted {
    pub job_id: u64,
}

fn view(rule: Rule, structure: &Structure) -> RuleView {
    RuleView {
        description_zh: describe_in(&rule.kind, Lang::ZhCn, structure),
        description_en: describe_in(&rule.kind, Lang::En, structure),
        source_zh: source(&rule.kind, Lang::ZhCn).into(),
        source_en: source(&rule.kind, Lang::En).into(),
        rule,
    }
}

pub(crate) fn resolve(ws: &mut Workspace, id: Option<i64>) -> Result<i64, ApiError> {
    match id {
        Some(id) => Ok(id),
        None => Ok(ws.current_scenario_id()?),
    }
}

/// What a plan is computed from: the bureau, the scenario and its rules. The bureau and the
/// scenario are the workspace's shared in-memory copies (re-read only after another write), so
/// the rules panel's call after every board move does not re-read the roster.
pub(crate) struct PlanInputs {
    pub bureau: Arc<bureau_core::Bureau>,
    pub scenario: Arc<Scenario>,
    pub rules: Vec<Rule>,
    pub weights: Weights,
}

impl Api {
    pub(crate) fn plan_inputs(&self, scenario_id: Option<i64>) -> Result<PlanInputs, ApiError> {
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, scenario_id)?;
        let (bureau, scenario) = ws.snapshot(id)?;
        let rules = scenario_rules(&mut ws, id, &bureau, &scenario.structure)?;
        let weights = ws.scenario_weights(id)?;
        Ok(PlanInputs {
            bureau,
            scenario,
            rules,
            weights,
        })
    }

    pub fn rules(&self, req: ScenarioRef) -> Result<Vec<RuleView>, ApiError> {
        let p = self.plan_inputs(req.scenario_id)?;
        let structure = &p.scenario.structure;
        Ok(p.rules.into_iter().map(|r| view(r, structure)).collect())
    }

    pub fn set_rules(&self, req: SetRulesArgs) -> Result<Vec<RuleView>, ApiError> {
        {
            let mut ws = self.ws()?;
            let id = resolve(&mut ws, req.scenario_id)?;
            ws.set_scenario_rules(id, req.rules.as_deref())?;
        }
        self.rules(ScenarioRef {
            scenario_id: req.scenario_id,
        })
    }

    pub fn rule_results(&self, req: ScenarioRef) -> Result<Vec<RuleResult>, ApiError> {
        let p = self.plan_inputs(req.scenario_id)?;
        Ok(evaluate(
            &p.bureau,
            &p.scenario.structure,
            &p.rules,
            &p.scenario.draft.assignment,
            &p.scenario.draft,
        ))
    }

    fn work_order(
        &self,
        scenario_id: Option<i64>,
        mode: Mode,
        time_limit_seconds: Option<f64>,
        sweep: Option<Sweep>,
    ) -> Result<WorkOrder, ApiError> {
        let p = self.plan_inputs(scenario_id)?;
        if let Some(s) = &sweep {
            // Refuse a bad sweep here, as the caller's mistake, not later as a failed job.
            for &v in &s.values {
                with_parameter(&p.rules, &s.rule_id, v)?;
            }
        }
        let mut settings = SolveSettings {
            weights: p.weights.clone(),
            ..SolveSettings::default()
        };
        if let Some(t) = time_limit_seconds {
            if !(t.is_finite() && t > 0.0) {
                return Err(ApiError::new(
                    ErrorCode::BadRequest,
                    format!("time_limit_seconds: expected a number > 0, found {t}"),
                ));
            }
            settings.time_limit_seconds = t;
        }
        let mut file = BureauFile::new(
            (*p.bureau).clone(),
            p.scenario.structure.clone(),
            Some(p.scenario.draft.clone()),
        );
        file.rules = Some(p.rules);
        Ok(WorkOrder {
            file,
            mode,
            settings,
            sweep,
        })
    }

    pub fn solve_start(&self, req: SolveArgs) -> Result<JobStarted, ApiError> {
        let order = self.work_order(req.scenario_id, req.mode, req.time_limit_seconds, None)?;
        Ok(JobStarted {
            job_id: self.jobs.start(JobKind::Solve, order)?,
        })
    }

    pub fn tradeoff_start(&self, req: TradeoffArgs) -> Result<JobStarted, ApiError> {
        let values = sweep_values(req.from, req.to, req.step)?;
        let order = self.work_order(
            req.scenario_id,
            Mode::Plan,
            req.time_limit_seconds,
            Some(Sweep {
                rule_id: req.rule_id,
                values,
            }),
        )?;
        Ok(JobStarted {
            job_id: self.jobs.start(JobKind::Tradeoff, order)?,
        })
    }

    /// Solves the scenario and reports only whether its hard rules can all hold, and if not,
    /// which cannot and by how much.
    pub fn diagnose(&self, req: SolveArgs) -> Result<Diagnosis, ApiError> {
        let out = self.solve(req)?;
        Ok(Diagnosis {
            feasible: out.status != bureau_core::optimiser::SolveStatus::Infeasible,
            status: out.status,
            diagnosis: out.diagnosis,
        })
    }

    pub fn job_status(&self, req: JobRef) -> Result<JobStatus, ApiError> {
        self.jobs.status(req.job_id)
    }

    pub fn job_cancel(&self, req: JobRef) -> Result<JobStatus, ApiError> {
        self.jobs.cancel(req.job_id)
    }

    /// Runs jobs in child processes of `program args…` (the host's own binary).
    pub fn set_worker(&self, program: std::path::PathBuf, args: Vec<std::ffi::OsString>) {
        self.jobs
            .set_launcher(crate::jobs::Launcher::Process { program, args });
    }
}

/// The scenario's own rules, or the defaults for its structure when it has none stored.
pub(crate) fn scenario_rules(
    ws: &mut Workspace,
    id: i64,
    bureau: &bureau_core::Bureau,
    structure: &Structure,
) -> Result<Vec<Rule>, ApiError> {
    Ok(match ws.stored_scenario_rules(id)? {
        Some(rules) => rules,
        None => default_rules(bureau, structure),
    })
}
