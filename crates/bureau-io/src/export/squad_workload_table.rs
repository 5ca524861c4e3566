//! The traffic squads' part of the 警力配置测算表: every squad's figures (road length,
//! accidents, traffic calls, vehicles), each factor's weighted contribution, its demand share
//! and demand at the plan's squad total, and its officers before and after with the gap — a
//! report [`Table`] (its own sheet of the spreadsheet) and the second grid of the document's
//! attachment. The numbers come from `bureau_core::squad_workload::squad_table`.

use bureau_core::rules::Rule;
use bureau_core::squad_workload::{squad_table, SquadTable};
use bureau_core::{Bureau, Scenario};

use super::report::{Table, Value};
use super::workload_table::{decimal, int, staffing_columns, staffing_table};

pub const SHEET: &str = "交警中队警力配置测算表";

/// The squads' table for `scenario`, or `None` when the bureau has no squad figures.
pub fn squad_workload_table(bureau: &Bureau, scenario: &Scenario, rules: &[Rule]) -> Option<Table> {
    let t = squad_table(
        bureau,
        &scenario.structure,
        rules,
        &scenario.draft.assignment,
    );
    t.has_figures.then(|| table(&t))
}

pub fn table(t: &SquadTable) -> Table {
    let headers = [
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
    let rows: Vec<Vec<Value>> = t
        .rows
        .iter()
        .map(|r| {
            let d = &r.demand;
            let c = &d.contributions;
            let mut row = vec![Value::Text(d.name.clone())];
            match &d.figures {
                Some(f) => row.extend([
                    decimal(f.road_km),
                    int(f.accidents),
                    int(f.traffic_calls),
                    int(f.vehicles),
                ]),
                None => row.extend((0..4).map(|_| Value::Text("—".into()))),
            }
            row.extend(
                [c.road_km, c.accidents, c.traffic_calls, c.vehicles, d.share].map(Value::Share),
            );
            row.extend(staffing_columns(d.demand, r.before, r.after, r.gap));
            row
        })
        .collect();
    let totals = [t.total_demand, t.total_before, t.total_after];
    staffing_table(SHEET, &headers, rows, totals, t.total_deviation)
}
