//! The working spreadsheets: the plan as a workbook of sheets, built once from the report's
//! tables and the core's values (`compute_metrics`, [`Transfer`](bureau_core::metrics::Transfer)),
//! then written as XLSX (`xlsx.rs`: title and header rows repeated on every printed page,
//! landscape, fit to width, frozen) or CSV (`csv.rs`: every sheet one after another).
//!
//! Beyond the report's tables the workbook holds the unit tables with a parent-unit column
//! (`units.rs`) and everyone's placement, the 全员转隶名单 (`roster.rs`). Every 合计 row holds the
//! metrics' own totals, never a sum the writer makes up.

mod csv;
mod roster;
mod units;
mod xlsx;

use bureau_core::{Bureau, Scenario, Tier};

pub use csv::{csv_text, write_csv};
pub use xlsx::write_xlsx;

use super::report::Report;
use super::table::{Table, Value};

/// One sheet: a title row, a header row, the rows and, for count tables, a 合计 row.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Worksheet name (≤ 31 characters, none of `[]:*?/\`).
    pub name: String,
    /// Printed above the header, e.g. 改革后各单位警力.
    pub title: String,
    pub headers: Vec<String>,
    /// Column widths in characters of CJK text.
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Value>>,
    /// The 合计 row of a count table, first cell 合计.
    pub total: Option<Vec<Value>>,
}

/// The sheets in workbook order.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// The workbook of `scenario`, whose report (with its comparison, if any) is `report`.
pub fn plan_workbook(bureau: &Bureau, scenario: &Scenario, report: &Report) -> Workbook {
    let s = scenario;
    let m = &report.metrics;
    let mut sheets = vec![
        from_report(&report.structure),
        from_report(&report.totals),
        units::old_units_sheet(bureau, m),
        units::new_units_sheet(&s.structure, m),
        from_report(&report.compliance),
        from_report(&report.adjustments),
        roster::transfer_summary_sheet(m),
        roster::roster_sheet(bureau, s),
    ];
    if let Some(c) = &report.comparison {
        sheets.push(from_report(c));
    }
    sheets.extend(report.workload.as_ref().map(from_report));
    sheets.extend(report.squad_workload.as_ref().map(from_report));
    // A printed sheet says whose it is: the bureau's name leads every title.
    for sheet in &mut sheets {
        sheet.title = format!("{}{}", bureau.info.name, sheet.title);
    }
    Workbook { sheets }
}

/// A report table as a sheet: its caption without the document's table number.
fn from_report(t: &Table) -> Sheet {
    Sheet {
        name: t.sheet.clone(),
        title: caption(&t.title).to_owned(),
        headers: t.headers.clone(),
        widths: t.widths.clone(),
        rows: t.rows.clone(),
        total: None,
    }
}

/// "表4 改革后各单位警力" → "改革后各单位警力": a workbook's sheets are not numbered.
fn caption(title: &str) -> &str {
    match title.strip_prefix('表') {
        Some(rest) => {
            let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            if digits.len() < rest.len() {
                digits.trim_start()
            } else {
                title
            }
        }
        None => title,
    }
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn count(x: u32) -> Value {
    Value::Int(i64::from(x))
}

fn tier_label(t: Tier) -> &'static str {
    match t {
        Tier::Office => "机关",
        Tier::Grassroots => "基层",
    }
}

#[cfg(test)]
mod tests {
    use super::caption;

    #[test]
    fn captions_lose_their_table_number_only() {
        assert_eq!(caption("表4 改革后各单位警力"), "改革后各单位警力");
        assert_eq!(caption("表12 方案比较"), "方案比较");
        assert_eq!(caption("表格说明"), "表格说明");
        assert_eq!(caption("改革前后"), "改革前后");
    }
}
