//! The traffic squads' workload methods: a scenario's squad staffing calculation (每个交警中队
//! demand against staffed, for the board and the overview) and the squad figures import
//! (交警中队辖区情况表: preview, apply, template), the stations' siblings on the figures
//! files' one path (`figures_file.rs`).

use bureau_core::squad_workload::{squad_table, SquadTable, Squads};
use bureau_core::{SquadFigures, Unit};
use bureau_io::import::{read_squads, squads_xlsx};
use bureau_storage::{StorageError, Workspace};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::{decode, FileArgs, FileOut, Produced};
use crate::figures_file::{FiguresFile, FiguresFileRead};
use crate::{Api, ApiError, ScenarioRef};

/// What importing a squad figures file would do (and every problem that prevents it).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SquadsImportPreview {
    #[serde(flatten)]
    pub read: FiguresFileRead,
    /// The figures read, one per squad in file order (empty when there are problems).
    pub squads: Vec<SquadFigures>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SquadsImportResult {
    pub squads: usize,
}

impl FiguresFile for Squads {
    const WHAT: &'static str = "squad figures file";
    const TEMPLATE: &'static str = "交警中队辖区情况表.xlsx";

    fn read(file: &str, bytes: &[u8], old_units: &[Unit]) -> (FiguresFileRead, Vec<SquadFigures>) {
        let r = read_squads(file, bytes, old_units);
        let read = FiguresFileRead::new(r.file, r.sheet, r.encoding, r.rows, r.problems);
        (read, r.figures)
    }

    fn template(old_units: &[Unit], figures: &[SquadFigures]) -> Result<Vec<u8>, String> {
        squads_xlsx(old_units, figures).map_err(|e| e.to_string())
    }

    fn replace(ws: &mut Workspace, figures: &[SquadFigures]) -> Result<(), StorageError> {
        ws.replace_squad_figures(figures)
    }
}

impl Api {
    /// Every traffic squad's demand (from the squad model at the plan's squad total), before,
    /// after and gap, with the totals and the method.
    pub fn squad_workload(&self, req: ScenarioRef) -> Result<SquadTable, ApiError> {
        let p = self.plan_inputs(req.scenario_id)?;
        Ok(SquadTable(squad_table(
            &p.bureau,
            &p.scenario.structure,
            &p.rules,
            &p.scenario.draft.assignment,
        )))
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
        let (read, squads) = self.figures_preview::<Squads>(name, bytes)?;
        Ok(SquadsImportPreview { read, squads })
    }

    pub(crate) fn import_squads_bytes(
        &self,
        name: &str,
        bytes: &[u8],
    ) -> Result<SquadsImportResult, ApiError> {
        let squads = self.import_figures::<Squads>(name, bytes)?;
        Ok(SquadsImportResult { squads })
    }

    pub(crate) fn produce_squads_template(&self) -> Result<Produced, ApiError> {
        self.figures_template::<Squads>()
    }
}
