//! The plan exported: the paper (`document`: the plan or the request with the plan, as DOCX in
//! GB/T 9704 format); the working spreadsheets (`sheets/`), the report's tables plus everyone's
//! placement, rendered as XLSX or CSV; and the new structure as a spreadsheet
//! (`structure_sheet.rs`) that the structure import reads back.

pub mod document;
mod export_error;
mod measure;
mod report;
mod sheets;
mod squad_workload_table;
mod structure_sheet;
mod table;
mod workload_table;

use bureau_core::{Bureau, Scenario};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use document::settings::{
    check_document_number, Classification, DocDate, DocumentKind, DocumentSettings, DraftMark,
    SettingsError, Urgency,
};
pub use document::text::{DocumentText, ParagraphText, Phase, TextError, TextSection};
pub use document::{text_panel, write_document, write_document_with_text};
pub use export_error::ExportError;
pub use report::{build_report, Report, ScenarioInput};
pub use sheets::{csv_text, plan_workbook, write_csv, write_xlsx, Sheet, Workbook};
pub use squad_workload_table::squad_workload_table;
pub use structure_sheet::structure_xlsx;
pub use table::{Table, Value};
pub use workload_table::workload_table;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Docx,
    Xlsx,
    Csv,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// The working tables of `scenario` in `format` (XLSX or CSV), from the workbook built from
/// the bureau, the scenario and `report` (the report of that scenario). The DOCX is a paper,
/// not a set of tables: it is written by [`write_document`] from the scenario and the document
/// settings.
pub fn render_plan(
    bureau: &Bureau,
    scenario: &Scenario,
    report: &Report,
    format: Format,
) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Docx => Err(ExportError::NotTables),
        Format::Xlsx => write_xlsx(&plan_workbook(bureau, scenario, report))
            .map_err(|e| ExportError::Xlsx(e.to_string())),
        Format::Csv => Ok(write_csv(&plan_workbook(bureau, scenario, report))),
    }
}

/// A civil date (year, month, day) from days since 1970-01-01, for hosts that date documents.
pub fn civil_date(unix_days: i64) -> (i64, u32, u32) {
    crate::import::civil_from_days(unix_days)
}
