//! The API's scenario methods: branch, rename, annotate, review/approve, trash and restore,
//! switch; the planner's name; the audit trail (history, verify); and comparing scenarios.

use bureau_core::comparison::{compare, Comparison, ScenarioInput};
use bureau_core::templates::Template;
use bureau_core::{ScenarioStatus, ScenarioSummary};
use bureau_storage::{AuditEntry, AuditReport};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::planning::resolve;
use crate::{Api, ApiError, ErrorCode};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct BranchArgs {
    /// The scenario to branch (default: the current one).
    #[serde(default)]
    pub from: Option<i64>,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct CreateArgs {
    pub name: String,
    /// "1+5(+N)+1", "1+3+4+1" or "blank".
    pub template: Template,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct RenameArgs {
    pub scenario_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct NotesArgs {
    pub scenario_id: i64,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct StatusArgs {
    pub scenario_id: i64,
    pub status: ScenarioStatus,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct ScenarioId {
    pub scenario_id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct NameArgs {
    pub name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct HistoryArgs {
    /// `None`: the whole workspace.
    #[serde(default)]
    pub scenario_id: Option<i64>,
    #[serde(default)]
    pub person: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct CompareArgs {
    pub scenario_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrashedScenario {
    pub id: i64,
    pub name: String,
    pub deleted_at: String,
}

impl Api {
    fn summary(&self, id: i64) -> Result<ScenarioSummary, ApiError> {
        self.ws()?
            .scenarios()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("scenario {id}")))
    }

    pub fn branch_scenario(&self, req: BranchArgs) -> Result<ScenarioSummary, ApiError> {
        let id = {
            let mut ws = self.ws()?;
            let from = resolve(&mut ws, req.from)?;
            ws.branch_scenario(from, &req.name)?
        };
        self.summary(id)
    }

    pub fn create_scenario(&self, req: CreateArgs) -> Result<ScenarioSummary, ApiError> {
        let id = self.ws()?.create_scenario(&req.name, req.template)?;
        self.summary(id)
    }

    pub fn rename_scenario(&self, req: RenameArgs) -> Result<ScenarioSummary, ApiError> {
        self.ws()?.rename_scenario(req.scenario_id, &req.name)?;
        self.summary(req.scenario_id)
    }

    pub fn set_scenario_notes(&self, req: NotesArgs) -> Result<ScenarioSummary, ApiError> {
        self.ws()?.set_scenario_notes(req.scenario_id, &req.notes)?;
        self.summary(req.scenario_id)
    }

    pub fn set_scenario_status(&self, req: StatusArgs) -> Result<ScenarioSummary, ApiError> {
        self.ws()?
            .set_scenario_status(req.scenario_id, req.status)?;
        self.summary(req.scenario_id)
    }

    /// Moves a scenario to the trash; answers with the workspace's scenarios afterwards.
    pub fn delete_scenario(&self, req: ScenarioId) -> Result<crate::WorkspaceInfo, ApiError> {
        self.ws()?.delete_scenario(req.scenario_id)?;
        self.workspace_info()
    }

    pub fn restore_scenario(&self, req: ScenarioId) -> Result<ScenarioSummary, ApiError> {
        self.ws()?.restore_scenario(req.scenario_id)?;
        self.summary(req.scenario_id)
    }

    pub fn trash(&self) -> Result<Vec<TrashedScenario>, ApiError> {
        Ok(self
            .ws()?
            .trash()?
            .into_iter()
            .map(|(id, name, deleted_at)| TrashedScenario {
                id,
                name,
                deleted_at,
            })
            .collect())
    }

    /// Makes a scenario the current one (what the screens and the CLI show by default).
    pub fn open_scenario(&self, req: ScenarioId) -> Result<crate::WorkspaceInfo, ApiError> {
        self.ws()?.set_current_scenario(req.scenario_id)?;
        self.workspace_info()
    }

    pub fn planner_name(&self) -> Result<String, ApiError> {
        Ok(self.ws()?.planner_name()?)
    }

    pub fn set_planner_name(&self, req: NameArgs) -> Result<String, ApiError> {
        self.ws()?.set_planner_name(&req.name)?;
        self.planner_name()
    }

    pub fn history(&self, req: HistoryArgs) -> Result<Vec<AuditEntry>, ApiError> {
        Ok(self.ws()?.history(
            req.scenario_id,
            req.person.as_deref(),
            req.unit.as_deref(),
            req.limit.unwrap_or(500).min(10_000),
        )?)
    }

    pub fn audit_verify(&self) -> Result<AuditReport, ApiError> {
        Ok(self.ws()?.audit_verify()?)
    }

    /// Two to four scenarios side by side.
    pub fn compare(&self, req: CompareArgs) -> Result<Comparison, ApiError> {
        let n = req.scenario_ids.len();
        if !(2..=4).contains(&n) {
            return Err(ApiError::new(
                ErrorCode::BadRequest,
                format!("scenario_ids: expected 2 to 4 scenarios, found {n}"),
            ));
        }
        let inputs = req
            .scenario_ids
            .iter()
            .map(|&id| self.plan_inputs(Some(id)))
            .collect::<Result<Vec<_>, _>>()?;
        let bureau = match inputs.first() {
            Some(p) => &p.bureau,
            None => return Err(ApiError::new(ErrorCode::BadRequest, "no scenarios")),
        };
        let scenarios: Vec<ScenarioInput<'_>> = inputs
            .iter()
            .map(|p| ScenarioInput {
                id: p.scenario.id,
                name: &p.scenario.name,
                structure: &p.scenario.structure,
                draft: &p.scenario.draft,
                rules: &p.rules,
            })
            .collect();
        Ok(compare(bureau, &scenarios))
    }
}
