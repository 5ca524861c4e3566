//! The plan exported as documents: a [`Report`] of tables built once from the core's values,
//! rendered as DOCX (GB/T 9704 style, with a charts page); the working spreadsheets
//! (`sheets/`), the report's tables plus everyone's placement, rendered as XLSX or CSV; and the
//! new structure as a spreadsheet (`structure_sheet.rs`) that the structure import reads back.

mod chart;
mod docx;
mod report;
mod sheets;
mod structure_sheet;

use bureau_core::{Bureau, Scenario};
use serde::{Deserialize, Serialize};

pub use chart::{headcount_chart, share_chart, Chart};
pub use docx::{write_docx, FANGSONG, HEITI, KAITI, XIAOBIAOSONG};
pub use report::{build_report, move_reason, Report, ScenarioInput, Table, Value};
pub use sheets::{csv_text, plan_workbook, write_csv, write_xlsx, Sheet, Workbook};
pub use structure_sheet::structure_xlsx;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// The report in `format`, charts included in the DOCX. The XLSX and CSV list every person,
/// which the report does not hold: they come from [`render_plan`].
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Docx => {
            let charts = [headcount_chart(report), share_chart(report)];
            write_docx(report, &charts)
        }
        Format::Xlsx | Format::Csv => Err(format!(
            "the {} workbook lists every person: render it with render_plan",
            format.extension()
        )),
    }
}

/// The plan of `scenario` in `format`: the DOCX from `report`, the XLSX and CSV from the
/// workbook built from the bureau, the scenario and `report` (the report of that scenario).
pub fn render_plan(
    bureau: &Bureau,
    scenario: &Scenario,
    report: &Report,
    format: Format,
) -> Result<Vec<u8>, String> {
    match format {
        Format::Docx => render(report, format),
        Format::Xlsx => write_xlsx(&plan_workbook(bureau, scenario, report))
            .map_err(|e| format!("writing the XLSX: {e}")),
        Format::Csv => Ok(write_csv(&plan_workbook(bureau, scenario, report))),
    }
}

/// A civil date (year, month, day) from days since 1970-01-01, for hosts that date documents.
pub fn civil_date(unix_days: i64) -> (i64, u32, u32) {
    crate::import::civil_from_days(unix_days)
}
