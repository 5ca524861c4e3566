//! The attachment 派出所警力配置测算表: every station's figures, the weighted contribution of
//! each factor, its demand share and demand at the plan's station total, and its officers
//! before and after with the gap — as a report [`Table`] that the DOCX, XLSX and CSV writers
//! render like any other, and the same rows as the document's attachment (followed by the
//! traffic squads' table, `squad_workload_table.rs`, when they have figures). The numbers come
//! from `bureau_core::workload::station_table`.

use bureau_core::rules::Rule;
use bureau_core::workload::{station_table, StationTable};
use bureau_core::{Bureau, Scenario};

use super::document::attachments::{Attachment, Grid};
use super::report::{Table, Value};

pub const SHEET: &str = "派出所警力配置测算表";

/// The attachment for `scenario`, or `None` when the bureau has no station figures.
pub fn workload_table(bureau: &Bureau, scenario: &Scenario, rules: &[Rule]) -> Option<Table> {
    let t = station_table(
        bureau,
        &scenario.structure,
        rules,
        &scenario.draft.assignment,
    );
    t.has_figures.then(|| table(&t))
}

/// The attachment: the stations' tables, then the traffic squads' (`None` when neither has
/// figures). Titled by the stations' table, or by the squads' when only they are measured.
pub fn attachment(bureau: &Bureau, scenario: &Scenario, rules: &[Rule]) -> Option<Attachment> {
    let stations = workload_table(bureau, scenario, rules);
    let squads = super::squad_workload_table::squad_workload_table(bureau, scenario, rules);
    let title = stations.as_ref().or(squads.as_ref())?.title.clone();
    let mut grids = stations
        .map(|t| split_grids(&t, STATION_FIGURE_COLUMNS, &[STATION_FIGURE_COLUMNS - 1]))
        .unwrap_or_default();
    grids.extend(
        squads
            .map(|t| split_grids(&t, SQUAD_FIGURE_COLUMNS, &[]))
            .unwrap_or_default(),
    );
    Some(Attachment { title, grids })
}

/// A measurement table as the document's attachment shows it, in two tables on the landscape
/// page: the units' figures (the first `figures` columns, with their sums but for the
/// `unsummed` ones), then the measurement (each factor's contribution, the demand and the
/// officers before and after). Twenty columns in one table leave a number two digits of room;
/// the spreadsheet keeps them side by side.
fn split_grids(t: &Table, figures: usize, unsummed: &[usize]) -> Vec<Grid> {
    let (stations, total) = t.rows.split_at(t.rows.len().saturating_sub(1));
    let grid = |columns: &[usize], total_row: Vec<String>| Grid {
        headers: columns.iter().map(|&c| t.headers[c].clone()).collect(),
        widths: columns.iter().map(|&c| t.widths[c]).collect(),
        rows: stations
            .iter()
            .map(|r| columns.iter().map(|&c| r[c].shown()).collect())
            .chain(std::iter::once(total_row))
            .collect(),
        has_total: true,
    };
    let figure_columns: Vec<usize> = (0..figures).collect();
    let figure_sums = figure_columns
        .iter()
        .map(|&c| match c {
            0 => "合计".to_owned(),
            _ if unsummed.contains(&c) => String::new(),
            _ => column_sum(stations, c),
        })
        .collect();
    let measured: Vec<usize> = std::iter::once(0).chain(figures..t.headers.len()).collect();
    let measured_total = measured
        .iter()
        .map(|&c| {
            total
                .first()
                .and_then(|r| r.get(c))
                .map_or_else(String::new, Value::shown)
        })
        .collect();
    vec![
        grid(&figure_columns, figure_sums),
        grid(&measured, measured_total),
    ]
}

/// The station's name and its figures (the travel factor last): the first columns of its table.
const STATION_FIGURE_COLUMNS: usize = 9;
/// The squad's name and its figures: the first columns of its table.
const SQUAD_FIGURE_COLUMNS: usize = 5;

/// The sum of a figures column when every unit has a number there (population, area, roads,
/// calls, cases); blank for a column some unit lacks.
fn column_sum(rows: &[Vec<Value>], c: usize) -> String {
    let mut whole: i64 = 0;
    let mut tenths: i64 = 0;
    for r in rows {
        match r.get(c) {
            Some(Value::Int(n)) => whole = whole.saturating_add(*n),
            Some(Value::Text(x)) => match x.parse::<f64>() {
                Ok(v) if v.is_finite() => tenths = tenths.saturating_add((v * 10.0).round() as i64),
                _ => return String::new(),
            },
            _ => return String::new(),
        }
    }
    if tenths != 0 {
        let all = tenths.saturating_add(whole.saturating_mul(10));
        format!("{}.{}", all / 10, all % 10)
    } else {
        whole.to_string()
    }
}

pub(super) fn int(n: u32) -> Value {
    Value::Int(i64::from(n))
}

/// The last four columns of a staffing table's row, for stations and squads alike.
pub(super) fn staffing_columns(demand: u32, before: u32, after: u32, gap: i64) -> [Value; 4] {
    [int(demand), int(before), int(after), Value::Int(gap)]
}

/// A staffing calculation's report table: its rows and a total row that fills the last four
/// columns (Σ demand, Σ before, Σ after, and the deviation Σ |gap|).
pub(super) fn staffing_table(
    sheet: &str,
    headers: &[&str],
    mut rows: Vec<Vec<Value>>,
    [demand, before, after]: [u32; 3],
    deviation: u32,
) -> Table {
    let mut total = vec![Value::Text("合计".into())];
    total.extend((5..headers.len()).map(|_| Value::Text(String::new())));
    total.extend([
        int(demand),
        int(before),
        int(after),
        Value::Text(format!("偏离 {deviation}")),
    ]);
    rows.push(total);
    Table {
        title: sheet.into(),
        sheet: sheet.into(),
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        widths: std::iter::once(8.0)
            .chain(std::iter::repeat_n(4.0, headers.len() - 1))
            .collect(),
        rows,
    }
}

pub(super) fn decimal(x: f64) -> Value {
    // One decimal: km² and factors as the bureau's tables write them.
    Value::Text(format!("{:.1}", (x * 10.0).round() / 10.0))
}

pub fn table(t: &StationTable) -> Table {
    let headers = [
        "派出所",
        "常住人口",
        "户籍人口",
        "辖区面积(km²)",
        "行政村/社区",
        "年接处警",
        "年刑事案件",
        "年治安案件",
        "交通地形系数",
        "人口贡献",
        "警情贡献",
        "刑案贡献",
        "治安贡献",
        "面积贡献",
        "村社贡献",
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
                    int(f.resident_population),
                    f.registered_population
                        .map_or(Value::Text(String::new()), int),
                    decimal(f.area_km2),
                    int(f.villages),
                    int(f.calls),
                    int(f.criminal_cases),
                    int(f.public_order_cases),
                    decimal(f.travel_factor.unwrap_or(1.0)),
                ]),
                None => row.extend((0..8).map(|_| Value::Text("—".into()))),
            }
            row.extend(
                [
                    c.population,
                    c.calls,
                    c.criminal_cases,
                    c.public_order_cases,
                    c.area,
                    c.villages,
                    d.share,
                ]
                .map(Value::Share),
            );
            row.extend(staffing_columns(d.demand, r.before, r.after, r.gap));
            row
        })
        .collect();
    let totals = [t.total_demand, t.total_before, t.total_after];
    staffing_table(SHEET, &headers, rows, totals, t.total_deviation)
}
