//! The traffic squads' part of the 警力配置测算表: every squad's figures (road length,
//! accidents, traffic calls, vehicles), each factor's weighted contribution, its demand share
//! and demand at the plan's squad total, and its officers before and after with the gap — a
//! report [`Table`] (its own sheet of the spreadsheet) and the second grid of the document's
//! attachment. The numbers come from `bureau_core::workload_kind::staffing_table`; the table
//! itself is the stations' ([`super::workload_table`]) on the squads' columns.

use bureau_core::rules::Rule;
use bureau_core::squad_workload::Squads;
use bureau_core::{Bureau, Scenario, SquadFigures};

use super::table::{Table, Value};
use super::workload_table::{decimal, int, sheet_of, StaffingSheet};

/// The squads' table for `scenario`, or `None` when the bureau has no squad figures.
pub fn squad_workload_table(bureau: &Bureau, scenario: &Scenario, rules: &[Rule]) -> Option<Table> {
    sheet_of::<Squads>(bureau, scenario, rules)
}

impl StaffingSheet for Squads {
    const SHEET: &'static str = "交警中队警力配置测算表";
    const HEADERS: &'static [&'static str] = &[
        "交警中队",
        "道路里程(km)",
        "年交通事故",
        "年交通警情",
        "机动车保有量",
        "里程贡献",
        "事故贡献",
        "警情贡献",
        "车辆贡献",
        "需求占比",
        "测算需求",
        "改革前",
        "改革后",
        "差额",
    ];
    const FIGURES: usize = 4;
    const UNSUMMED: &'static [usize] = &[];

    fn figure_cells(f: &SquadFigures) -> Vec<Value> {
        vec![
            decimal(f.road_km),
            int(f.accidents),
            int(f.traffic_calls),
            int(f.vehicles),
        ]
    }
}
