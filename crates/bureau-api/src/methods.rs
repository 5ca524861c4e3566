//! The API's methods over one open workspace.

use std::path::Path;
use std::sync::{LockResult, Mutex, MutexGuard};
use ts_rs::TS;

use bureau_core::checker::{check, Violation};
use bureau_core::optimiser::{solve, Mode, SolveOutcome, SolveRequest, SolveSettings};
use bureau_core::{compute_metrics, BureauInfo, MergeEdge, Metrics, ScenarioSummary, Unit};
use bureau_storage::Workspace;
use serde::{Deserialize, Serialize};

use crate::session::Session;
use crate::ApiError;

/// The API over one workspace file. Calls are serialised: the workspace is one SQLite
/// connection and every call is short.
#[derive(Debug)]
pub struct Api {
    session: Mutex<Session>,
    pub(crate) jobs: crate::jobs::Jobs,
    pub(crate) log: std::sync::OnceLock<crate::ActivityLog>,
}

/// Names a scenario; `None` means the workspace's current one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct ScenarioRef {
    #[serde(default)]
    pub scenario_id: Option<i64>,
}

/// What to solve: a scenario (default: the current one) in plan or repair mode.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SolveArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    #[serde(default)]
    #[ts(as = "Option<Mode>", optional)]
    pub mode: Mode,
    #[serde(default)]
    pub time_limit_seconds: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct WorkspaceInfo {
    pub bureau: BureauInfo,
    pub scenarios: Vec<ScenarioSummary>,
    pub current_scenario: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Overview {
    pub bureau: BureauInfo,
    pub scenario: ScenarioSummary,
    pub old_units: Vec<Unit>,
    pub new_units: Vec<Unit>,
    pub merge_map: Vec<MergeEdge>,
    pub metrics: Metrics,
}

impl Api {
    pub fn new(workspace: Workspace) -> Self {
        Api::with_session(Session::open(workspace))
    }

    pub(crate) fn with_session(session: Session) -> Self {
        Api {
            session: Mutex::new(session),
            jobs: crate::jobs::Jobs::default(),
            log: std::sync::OnceLock::new(),
        }
    }

    /// Records every call from now on (see `activity_log.rs`); a second log is ignored.
    pub fn set_log(&self, log: crate::ActivityLog) {
        let _ = self.log.set(log);
    }

    pub(crate) fn session_lock(&self) -> LockResult<MutexGuard<'_, Session>> {
        self.session.lock()
    }

    pub fn open(path: &Path) -> Result<Self, ApiError> {
        Ok(Api::new(Workspace::open(path)?))
    }

    pub fn workspace_info(&self) -> Result<WorkspaceInfo, ApiError> {
        let mut ws = self.ws()?;
        Ok(WorkspaceInfo {
            bureau: ws.bureau()?.info,
            scenarios: ws.scenarios()?,
            current_scenario: ws.current_scenario_id()?,
        })
    }

    pub fn overview(&self, req: ScenarioRef) -> Result<Overview, ApiError> {
        let mut ws = self.ws()?;
        let id = crate::planning::resolve(&mut ws, req.scenario_id)?;
        let bureau = ws.bureau()?;
        let scenario = ws.scenario(id)?;
        let metrics = compute_metrics(
            &bureau,
            &scenario.structure,
            &scenario.draft.assignment,
            &scenario.draft.community,
        );
        let summary = ws
            .scenarios()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| ApiError::new(crate::ErrorCode::NotFound, format!("scenario {id}")))?;
        Ok(Overview {
            scenario: summary,
            bureau: bureau.info,
            old_units: bureau.old_units,
            new_units: scenario.structure.units,
            merge_map: scenario.structure.merge_map,
            metrics,
        })
    }

    pub fn metrics(&self, req: ScenarioRef) -> Result<Metrics, ApiError> {
        Ok(self.overview(req)?.metrics)
    }

    /// Every rule of the scenario checked on its draft: the violations only.
    pub fn check(&self, req: ScenarioRef) -> Result<Vec<Violation>, ApiError> {
        let p = self.plan_inputs(req.scenario_id)?;
        Ok(check(
            &p.bureau,
            &p.scenario.structure,
            &p.rules,
            &p.scenario.draft.assignment,
            &p.scenario.draft,
        ))
    }

    /// Runs the optimiser on a scenario and returns the proposal; the draft is not changed
    /// (the planner accepts a proposal explicitly).
    pub fn solve(&self, req: SolveArgs) -> Result<SolveOutcome, ApiError> {
        let p = self.plan_inputs(req.scenario_id)?;
        let mut settings = SolveSettings {
            weights: p.weights.clone(),
            ..SolveSettings::default()
        };
        if let Some(t) = req.time_limit_seconds {
            settings.time_limit_seconds = t;
        }
        solve(&SolveRequest {
            bureau: &p.bureau,
            structure: &p.scenario.structure,
            rules: &p.rules,
            draft: &p.scenario.draft,
            mode: req.mode,
            settings: &settings,
        })
        .map_err(ApiError::from)
    }
}
