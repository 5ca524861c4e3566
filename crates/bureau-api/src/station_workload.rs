//! The workload methods: a scenario's staffing calculation (每个派出所 demand against staffed,
//! for the board and the overview) and the station figures import (派出所辖区情况表: preview,
//! apply, template, on the figures files' one path in `figures_file.rs`), files as bytes like
//! the roster's.

use bureau_core::workload::{station_table, StationTable, Stations};
use bureau_core::{StationFigures, Unit};
use bureau_io::import::{read_stations, stations_xlsx};
use bureau_storage::{StorageError, Workspace};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::documents::{decode, FileArgs, FileOut, Produced};
use crate::figures_file::{FiguresFile, FiguresFileRead};
use crate::{Api, ApiError, ScenarioRef};

/// What importing a station figures file would do (and every problem that prevents it).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StationsImportPreview {
    #[serde(flatten)]
    pub read: FiguresFileRead,
    /// The figures read, one per station in file order (empty when there are problems).
    pub stations: Vec<StationFigures>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StationsImportResult {
    pub stations: usize,
}

impl FiguresFile for Stations {
    const WHAT: &'static str = "station figures file";
    const TEMPLATE: &'static str = "派出所辖区情况表.xlsx";

    fn read(
        file: &str,
        bytes: &[u8],
        old_units: &[Unit],
    ) -> (FiguresFileRead, Vec<StationFigures>) {
        let r = read_stations(file, bytes, old_units);
        let read = FiguresFileRead::new(r.file, r.sheet, r.encoding, r.rows, r.problems);
        (read, r.figures)
    }

    fn template(old_units: &[Unit], figures: &[StationFigures]) -> Result<Vec<u8>, String> {
        stations_xlsx(old_units, figures).map_err(|e| e.to_string())
    }

    fn replace(ws: &mut Workspace, figures: &[StationFigures]) -> Result<(), StorageError> {
        ws.replace_station_figures(figures)
    }
}

impl Api {
    /// Every station's demand (from the workload model at the plan's station total), before,
    /// after and gap, with the totals and the method.
    pub fn station_workload(&self, req: ScenarioRef) -> Result<StationTable, ApiError> {
        let p = self.plan_inputs(req.scenario_id)?;
        Ok(StationTable(station_table(
            &p.bureau,
            &p.scenario.structure,
            &p.rules,
            &p.scenario.draft.assignment,
        )))
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
        let (read, stations) = self.figures_preview::<Stations>(name, bytes)?;
        Ok(StationsImportPreview { read, stations })
    }

    pub(crate) fn import_stations_bytes(
        &self,
        name: &str,
        bytes: &[u8],
    ) -> Result<StationsImportResult, ApiError> {
        let stations = self.import_figures::<Stations>(name, bytes)?;
        Ok(StationsImportResult { stations })
    }

    pub(crate) fn produce_stations_template(&self) -> Result<Produced, ApiError> {
        self.figures_template::<Stations>()
    }
}
