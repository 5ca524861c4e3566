//! The traffic squads' workload methods: a scenario's squad staffing calculation (每个交警中队
//! demand against staffed, for the board and the overview) and the squad figures import
//! (交警中队辖区情况表: preview, apply, template), the stations' siblings.

use bureau_core::squad_workload::{squad_table, SquadTable};
use bureau_core::SquadFigures;
use bureau_io::export::Format;
use bureau_io::import::{read_squads, squads_xlsx, Problem};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::{decode, refused, FileArgs, FileOut, Produced};
use crate::{Api, ApiError, ErrorCode, ScenarioRef};

/// What importing a squad figures file would do (and every problem that prevents it).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SquadsImportPreview {
    pub file: String,
    pub sheet: Option<String>,
    pub encoding: Option<String>,
    pub rows: usize,
    /// The figures read, one per squad in file order (empty when there are problems).
    pub squads: Vec<SquadFigures>,
    /// Traffic squads of the bureau the file leaves without figures.
    pub missing: Vec<String>,
    pub problems: Vec<Problem>,
    /// True when there are no problems: `import_squads` would succeed.
    pub can_import: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SquadsImportResult {
    pub squads: usize,
}

impl Api {
    /// Every traffic squad's demand (from the squad model at the plan's squad total), before,
    /// after and gap, with the totals and the method.
    pub fn squad_workload(&self, req: ScenarioRef) -> Result<SquadTable, ApiError> {
        let p = self.plan_inputs(req.scenario_id)?;
        Ok(squad_table(
            &p.bureau,
            &p.scenario.structure,
            &p.rules,
            &p.scenario.draft.assignment,
        ))
    }

    /// Reads a squad figures file and says what importing it would do; changes nothing.
    pub fn squads_import_preview(&self, args: FileArgs) -> Result<SquadsImportPreview, ApiError> {
        let (name, bytes) = decode(&args, "squads")?;
        self.squads_import_preview_bytes(&name, &bytes)
    }

    /// Replaces every squad's figures with the file's, in one transaction. Refused with
    /// `bad_request` (nothing changes) when the file has any problem.
    pub fn import_squads(&self, args: FileArgs) -> Result<SquadsImportResult, ApiError> {
        let (name, bytes) = decode(&args, "squads")?;
        self.import_squads_bytes(&name, &bytes)
    }

    /// The squad figures template (XLSX): the bureau's traffic squads with their figures.
    pub fn squads_template(&self) -> Result<FileOut, ApiError> {
        Ok(self.produce_squads_template()?.into_file_out())
    }

    pub(crate) fn squads_import_preview_bytes(
        &self,
        name: &str,
        bytes: &[u8],
    ) -> Result<SquadsImportPreview, ApiError> {
        let bureau = self.ws()?.bureau()?;
        let read = read_squads(name, bytes, &bureau.old_units);
        let missing = bureau
            .old_units
            .iter()
            .filter(|u| u.is_traffic_squad() && !read.figures.iter().any(|f| f.unit == u.id))
            .map(|u| u.name.clone())
            .collect();
        Ok(SquadsImportPreview {
            can_import: read.problems.is_empty(),
            file: read.file,
            sheet: read.sheet,
            encoding: read.encoding,
            rows: read.rows,
            missing,
            squads: read.figures,
            problems: read.problems,
        })
    }

    pub(crate) fn import_squads_bytes(
        &self,
        name: &str,
        bytes: &[u8],
    ) -> Result<SquadsImportResult, ApiError> {
        let preview = self.squads_import_preview_bytes(name, bytes)?;
        if !preview.problems.is_empty() {
            return Err(refused("squad figures file", &preview.problems));
        }
        self.ws()?.replace_squad_figures(&preview.squads)?;
        Ok(SquadsImportResult {
            squads: preview.squads.len(),
        })
    }

    pub(crate) fn produce_squads_template(&self) -> Result<Produced, ApiError> {
        let bureau = self.ws()?.bureau()?;
        let bytes = squads_xlsx(&bureau.old_units, &bureau.squad_figures).map_err(|e| {
            ApiError::new(ErrorCode::Internal, format!("writing the template: {e}"))
        })?;
        Ok(Produced {
            file_name: "交警中队辖区情况表.xlsx".into(),
            format: Format::Xlsx,
            bytes,
        })
    }
}
