//! The plan exported as documents: a [`Report`] of tables built once from the core's values,
//! rendered as DOCX (GB/T 9704 style, with a charts page), XLSX or CSV.

mod chart;
mod docx;
mod report;
mod sheets;
mod workload_table;

use serde::{Deserialize, Serialize};

pub use chart::{headcount_chart, share_chart, Chart};
pub use docx::{write_docx, FANGSONG, HEITI, KAITI, XIAOBIAOSONG};
pub use report::{build_report, move_reason, Report, ScenarioInput, Table, Value};
pub use sheets::{write_csv, write_xlsx};
pub use workload_table::{method_paragraph, workload_table};

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

/// The report in `format`, charts included in the DOCX.
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Docx => {
            let charts = [headcount_chart(report), share_chart(report)];
            write_docx(report, &charts)
        }
        Format::Xlsx => write_xlsx(report).map_err(|e| format!("writing the XLSX: {e}")),
        Format::Csv => Ok(write_csv(report)),
    }
}

/// A civil date (year, month, day) from days since 1970-01-01, for hosts that date documents.
pub fn civil_date(unix_days: i64) -> (i64, u32, u32) {
    crate::import::civil_from_days(unix_days)
}
