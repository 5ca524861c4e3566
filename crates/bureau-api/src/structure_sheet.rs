//! The new structure as a spreadsheet (新机构设置表): a scenario's structure exported as XLSX
//! (also the template), a sheet read and previewed (every problem with row and column, what the
//! import would add, remove and unplace), and applied as one undoable, audited designer step
//! that replaces the whole structure — all or nothing.

use bureau_core::Structure;
use bureau_io::export::{structure_xlsx, Format};
use bureau_io::import::{read_structure, Problem};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::{decode, refused, Produced};
use crate::planning::resolve;
use crate::structure::StructureEditResult;
use crate::{Api, ApiError, ErrorCode, FileArgs, FileOut, ScenarioRef};

/// A structure sheet for a scenario (default: the current one), as base64 bytes.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct StructureFileArgs {
    #[serde(default)]
    pub scenario_id: Option<i64>,
    pub bytes_base64: String,
    #[serde(default)]
    pub file_name: Option<String>,
}

/// What importing a structure sheet would do (and every problem that prevents it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StructureImportPreview {
    pub file: String,
    pub sheet: Option<String>,
    pub rows: usize,
    pub problems: Vec<Problem>,
    /// The structure's name after the import.
    pub name: String,
    /// Units after the import.
    pub units: usize,
    /// New units the scenario does not have today (names).
    pub added: Vec<String>,
    /// Today's units the sheet leaves out (names): they are deleted.
    pub removed: Vec<String>,
    /// People placed in a removed unit: they return to their old unit.
    pub unplaced: usize,
    /// True when there are no problems: `import_structure` would succeed.
    pub can_import: bool,
}

impl Api {
    /// A scenario's structure as a 新机构设置表 (XLSX); with the blank template it is the
    /// template to fill in.
    pub fn structure_sheet(&self, req: ScenarioRef) -> Result<FileOut, ApiError> {
        Ok(self
            .produce_structure_sheet(req.scenario_id)?
            .into_file_out())
    }

    /// Reads a structure sheet against a scenario and says what importing it would do;
    /// changes nothing.
    pub fn structure_import_preview(
        &self,
        req: StructureFileArgs,
    ) -> Result<StructureImportPreview, ApiError> {
        let (name, bytes) = decode_sheet(&req)?;
        Ok(self
            .structure_preview_bytes(req.scenario_id, &name, &bytes)?
            .0)
    }

    /// Replaces a scenario's structure with the sheet's, as one undoable step. Refused with
    /// `bad_request` (nothing changes) when the sheet has any problem; `read_only` when the
    /// scenario is approved.
    pub fn import_structure(
        &self,
        req: StructureFileArgs,
    ) -> Result<StructureEditResult, ApiError> {
        let (name, bytes) = decode_sheet(&req)?;
        self.import_structure_bytes(req.scenario_id, &name, &bytes)
    }

    pub(crate) fn produce_structure_sheet(
        &self,
        scenario_id: Option<i64>,
    ) -> Result<Produced, ApiError> {
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, scenario_id)?;
        let bureau = ws.bureau()?;
        let scenario = ws.scenario(id)?;
        drop(ws);
        let bytes = structure_xlsx(&scenario.structure, &bureau.old_units).map_err(|e| {
            ApiError::new(ErrorCode::Internal, format!("writing the structure: {e}"))
        })?;
        Ok(Produced {
            file_name: format!("新机构设置表-{}.xlsx", scenario.name),
            format: Format::Xlsx,
            bytes,
        })
    }

    pub(crate) fn structure_preview_bytes(
        &self,
        scenario_id: Option<i64>,
        name: &str,
        bytes: &[u8],
    ) -> Result<(StructureImportPreview, i64, Option<Structure>), ApiError> {
        let mut ws = self.ws()?;
        let id = resolve(&mut ws, scenario_id)?;
        let bureau = ws.bureau()?;
        let scenario = ws.scenario(id)?;
        drop(ws);
        let read = read_structure(name, bytes, &bureau.old_units, &scenario.structure);
        let current = &scenario.structure;
        let mut preview = StructureImportPreview {
            file: read.file,
            sheet: read.sheet,
            rows: read.rows,
            can_import: read.problems.is_empty(),
            problems: read.problems,
            name: current.name.clone(),
            units: 0,
            added: Vec::new(),
            removed: Vec::new(),
            unplaced: 0,
        };
        if let Some(s) = &read.structure {
            preview.name = s.name.clone();
            preview.units = s.units.len();
            preview.added = s
                .units
                .iter()
                .filter(|u| current.unit(&u.id).is_none())
                .map(|u| u.name.clone())
                .collect();
            preview.removed = current
                .units
                .iter()
                .filter(|u| s.unit(&u.id).is_none())
                .map(|u| u.name.clone())
                .collect();
            preview.unplaced = scenario
                .draft
                .assignment
                .values()
                .filter(|unit| s.unit(unit).is_none())
                .count();
        }
        Ok((preview, id, read.structure))
    }

    pub(crate) fn import_structure_bytes(
        &self,
        scenario_id: Option<i64>,
        name: &str,
        bytes: &[u8],
    ) -> Result<StructureEditResult, ApiError> {
        let (preview, id, structure) = self.structure_preview_bytes(scenario_id, name, bytes)?;
        let Some(structure) = structure.filter(|_| preview.problems.is_empty()) else {
            return Err(refused("structure sheet", &preview.problems));
        };
        let step = self.ws()?.replace_structure(id, &structure, name)?;
        Ok(StructureEditResult {
            view: self.structure_view(id)?,
            unplaced: step.unplaced,
            created: None,
            dropped_rules: step.dropped_rules,
        })
    }
}

fn decode_sheet(req: &StructureFileArgs) -> Result<(String, Vec<u8>), ApiError> {
    decode(
        &FileArgs {
            bytes_base64: req.bytes_base64.clone(),
            file_name: req.file_name.clone(),
        },
        "structure",
    )
}
