//! The workload methods: a scenario's staffing calculation (每个派出所 demand against staffed,
//! for the board and the overview) and the station figures import (派出所辖区情况表: preview,
//! apply, template), files as bytes like the roster's.

use bureau_core::workload::{station_table, StationTable};
use bureau_core::StationFigures;
use bureau_io::export::Format;
use bureau_io::import::{read_stations, stations_xlsx, Problem};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::{decode, refused, FileArgs, FileOut, Produced};
use crate::{Api, ApiError, ErrorCode, ScenarioRef};

/// What importing a station figures file would do (and every problem that prevents it).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StationsImportPreview {
    pub file: String,
    pub sheet: Option<String>,
    pub encoding: Option<String>,
    pub rows: usize,
    /// The figures read, one per station in file order (empty when there are problems).
    pub stations: Vec<StationFigures>,
    /// Stations of the bureau the file leaves without figures.
    pub missing: Vec<String>,
    pub problems: Vec<Problem>,
    /// True when there are no problems: `import_stations` would succeed.
    pub can_import: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StationsImportResult {
    pub stations: usize,
}

impl Api {
    /// Every station's demand (from the workload model at the plan's station total), before,
    /// after and gap, with the totals and the method.
    pub fn station_workload(&self, req: ScenarioRef) -> Result<StationTable, ApiError> {
        let p = self.plan_inputs(req.scenario_id)?;
        Ok(station_table(
            &p.bureau,
            &p.scenario.structure,
            &p.rules,
            &p.scenario.draft.assignment,
        ))
    }

    /// Reads a station figures file and says what importing it would do; changes nothing.
    pub fn stations_import_preview(
        &self,
        args: FileArgs,
    ) -> Result<StationsImportPreview, ApiError> {
        let (name, bytes) = decode(&args, "stations")?;
        self.stations_import_preview_bytes(&name, &bytes)
    }

    /// Replaces every station's figures with the file's, in one transaction. Refused with
    /// `bad_request` (nothing changes) when the file has any problem.
    pub fn import_stations(&self, args: FileArgs) -> Result<StationsImportResult, ApiError> {
        let (name, bytes) = decode(&args, "stations")?;
        self.import_stations_bytes(&name, &bytes)
    }

    /// The station figures template (XLSX): the bureau's stations with their figures.
    pub fn stations_template(&self) -> Result<FileOut, ApiError> {
        Ok(self.produce_stations_template()?.into_file_out())
    }

    pub(crate) fn stations_import_preview_bytes(
        &self,
        name: &str,
        bytes: &[u8],
    ) -> Result<StationsImportPreview, ApiError> {
        let bureau = self.ws()?.bureau()?;
        let read = read_stations(name, bytes, &bureau.old_units);
        let missing = bureau
            .old_units
            .iter()
            .filter(|u| u.is_station() && !read.figures.iter().any(|f| f.unit == u.id))
            .map(|u| u.name.clone())
            .collect();
        Ok(StationsImportPreview {
            can_import: read.problems.is_empty(),
            file: read.file,
            sheet: read.sheet,
            encoding: read.encoding,
            rows: read.rows,
            missing,
            stations: read.figures,
            problems: read.problems,
        })
    }

    pub(crate) fn import_stations_bytes(
        &self,
        name: &str,
        bytes: &[u8],
    ) -> Result<StationsImportResult, ApiError> {
        let preview = self.stations_import_preview_bytes(name, bytes)?;
        if !preview.problems.is_empty() {
            return Err(refused("station figures file", &preview.problems));
        }
        self.ws()?.replace_station_figures(&preview.stations)?;
        Ok(StationsImportResult {
            stations: preview.stations.len(),
        })
    }

    pub(crate) fn produce_stations_template(&self) -> Result<Produced, ApiError> {
        let bureau = self.ws()?.bureau()?;
        let bytes = stations_xlsx(&bureau.old_units, &bureau.station_figures).map_err(|e| {
            ApiError::new(ErrorCode::Internal, format!("writing the template: {e}"))
        })?;
        Ok(Produced {
            file_name: "派出所辖区情况表.xlsx".into(),
            format: Format::Xlsx,
            bytes,
        })
    }
}
