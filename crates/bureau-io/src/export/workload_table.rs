//! The attachment 派出所警力配置测算表: every station's figures, the weighted contribution of
//! each factor, its demand share and demand at the plan's station total, and its officers
//! before and after with the gap — as a report [`Table`] that the DOCX, XLSX and CSV writers
//! render like any other, and the same rows split for the document's attachment (which
//! `document/attachments.rs` follows with the traffic squads' table). The numbers come
//! from `bureau_core::workload_kind::staffing_table`; a kind of unit brings its sheet's name,
//! headers and figure cells ([`StaffingSheet`]), the rest of the table is one for every kind.

use bureau_core::rules::Rule;
use bureau_core::workload::Stations;
use bureau_core::workload_kind::{staffing_table, TableOf, WorkloadKind};
use bureau_core::{Bureau, Scenario, StationFigures};

use super::document::attachment::Grid;
use super::table::{Table, Value};

/// What a kind of unit shows of its own in its staffing table.
pub(crate) trait StaffingSheet: WorkloadKind {
    const SHEET: &'static str;
    /// The unit, its figures, each factor's contribution, then 需求占比, 测算需求, 改革前,
    /// 改革后 and 差额.
    const HEADERS: &'static [&'static str];
    /// How many figure columns follow the unit's name.
    const FIGURES: usize;
    /// The figure columns whose sum means nothing (a factor, not a count).
    const UNSUMMED: &'static [usize];
    /// A unit's figures as the table writes them, `FIGURES` cells.
    fn figure_cells(f: &Self::Figures) -> Vec<Value>;
}

/// The attachment for `scenario`, or `None` when the bureau has no station figures.
pub fn workload_table(bureau: &Bureau, scenario: &Scenario, rules: &[Rule]) -> Option<Table> {
    sheet_of::<Stations>(bureau, scenario, rules)
}

/// The staffing table of the units of kind `K` for `scenario`, or `None` when the bureau has
/// no figures for them.
pub(super) fn sheet_of<K: StaffingSheet>(
    bureau: &Bureau,
    scenario: &Scenario,
    rules: &[Rule],
) -> Option<Table> {
    let t = staffing_table::<K>(
        bureau,
        &scenario.structure,
        rules,
        &scenario.draft.assignment,
    );
    t.has_figures.then(|| table::<K>(&t))
}

/// A measurement table as the document's attachment shows it, in two tables on the landscape
/// page: the units' names and figures (with their sums but for the unsummed ones), then the
/// measurement (each factor's contribution, the demand and the officers before and after).
/// Twenty columns in one table leave a number two digits of room; the spreadsheet keeps them
/// side by side.
pub(crate) fn split_grids<K: StaffingSheet>(t: &Table) -> Vec<Grid> {
    let figures = 1 + K::FIGURES;
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
            _ if K::UNSUMMED.contains(&c) => String::new(),
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

pub(super) fn decimal(x: f64) -> Value {
    // One decimal: km² and factors as the bureau's tables write them.
    Value::Text(format!("{:.1}", (x * 10.0).round() / 10.0))
}

/// A staffing calculation's report table: a row per unit (its name, its figures or dashes,
/// each factor's contribution and the share, the demand, before, after and the gap) and a
/// total row that fills the last four columns (Σ demand, Σ before, Σ after, and the
/// deviation Σ |gap|).
fn table<K: StaffingSheet>(t: &TableOf<K>) -> Table {
    let mut rows: Vec<Vec<Value>> = t
        .rows
        .iter()
        .map(|r| {
            let d = &r.demand;
            let mut row = vec![Value::Text(d.name.clone())];
            match &d.figures {
                Some(f) => row.extend(K::figure_cells(f)),
                None => row.extend((0..K::FIGURES).map(|_| Value::Text("—".into()))),
            }
            let shares = K::contribution_values(&d.contributions).into_iter();
            row.extend(shares.chain([d.share]).map(Value::Share));
            row.extend([
                int(d.demand),
                int(r.before),
                int(r.after),
                Value::Int(r.gap),
            ]);
            row
        })
        .collect();
    let headers = K::HEADERS;
    let mut total = vec![Value::Text("合计".into())];
    total.extend((5..headers.len()).map(|_| Value::Text(String::new())));
    total.extend([
        int(t.total_demand),
        int(t.total_before),
        int(t.total_after),
        Value::Text(format!("偏离 {}", t.total_deviation)),
    ]);
    rows.push(total);
    Table {
        title: K::SHEET.into(),
        sheet: K::SHEET.into(),
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        widths: std::iter::once(8.0)
            .chain(std::iter::repeat_n(4.0, headers.len() - 1))
            .collect(),
        rows,
    }
}

impl StaffingSheet for Stations {
    const SHEET: &'static str = "派出所警力配置测算表";
    const HEADERS: &'static [&'static str] = &[
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
    const FIGURES: usize = 8;
    /// The travel factor, the last figure.
    const UNSUMMED: &'static [usize] = &[8];

    fn figure_cells(f: &StationFigures) -> Vec<Value> {
        vec![
            int(f.resident_population),
            f.registered_population
                .map_or(Value::Text(String::new()), int),
            decimal(f.area_km2),
            int(f.villages),
            int(f.calls),
            int(f.criminal_cases),
            int(f.public_order_cases),
            decimal(f.travel_factor.unwrap_or(1.0)),
        ]
    }
}
