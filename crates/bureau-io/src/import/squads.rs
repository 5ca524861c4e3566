//! Traffic squad figures (交警中队辖区情况表) from CSV or XLSX: one row → one squad's
//! [`SquadFigures`], matched to a traffic squad among today's units by id or name; every bad
//! value (negative or text where a number belongs, a squad the bureau lacks, a unit that is
//! not a squad, a squad given twice) reported as a [`Problem`] on its row and column. The
//! stations' sibling (`stations.rs`), read through the same bounded readers; nothing writes.

use bureau_core::limits::MAX_FIGURE;
use bureau_core::{SquadFigures, Unit, MAX_ROAD_KM};
use serde::{Deserialize, Serialize};

use super::bounds::Problems;
use super::cells::{number_text, Cell, Grid};
use super::characters;
use super::columns::{col, Column};
use super::sheet::{self, Where};
use super::{unit_fields as uf, Expected, Problem, RowThing};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SquadField {
    Squad,
    RoadKm,
    Accidents,
    TrafficCalls,
    Vehicles,
}

/// In template order.
pub const SQUAD_COLUMNS: [Column<SquadField>; 5] = [
    col(
        SquadField::Squad,
        "交警中队",
        "squad",
        &["中队", "中队名称", "单位", "单位名称", "单位编号"],
        true,
    ),
    col(
        SquadField::RoadKm,
        "道路里程",
        "road_km",
        &["道路里程(公里)", "道路里程（公里）", "道路里程(km)", "里程"],
        true,
    ),
    col(
        SquadField::Accidents,
        "年交通事故数",
        "accidents",
        &["交通事故数", "事故数"],
        true,
    ),
    col(
        SquadField::TrafficCalls,
        "年交通警情数",
        "traffic_calls",
        &["交通警情数", "警情数"],
        true,
    ),
    col(
        SquadField::Vehicles,
        "机动车保有量",
        "vehicles",
        &["机动车数", "车辆保有量"],
        true,
    ),
];

/// A squad figures file as read: one entry per row in file order (empty when there are
/// problems).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SquadsRead {
    pub file: String,
    pub sheet: Option<String>,
    pub encoding: Option<String>,
    /// Data rows read (the header row excluded).
    pub rows: usize,
    pub problems: Vec<Problem>,
    pub figures: Vec<SquadFigures>,
}

impl SquadsRead {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Reads a squad figures file against today's units (`old_units`: the squads it may name).
pub fn read_squads(file: &str, bytes: &[u8], old_units: &[Unit]) -> SquadsRead {
    let mut out = SquadsRead {
        file: file.to_owned(),
        sheet: None,
        encoding: None,
        rows: 0,
        problems: Vec::new(),
        figures: Vec::new(),
    };
    let grid = match sheet::read_sheet(file, bytes, &SQUAD_COLUMNS) {
        Ok(grid) => grid,
        Err(problem) => {
            out.problems.push(*problem);
            return out;
        }
    };
    out.sheet = grid.sheet.clone();
    out.encoding = grid.encoding.map(str::to_owned);
    let (rows, figures, problems) = parse_grid(file, &grid, old_units);
    out.rows = rows;
    out.problems = problems.into_list(file, grid.sheet.as_deref());
    if out.problems.is_empty() && figures.is_empty() {
        out.problems.push(Problem {
            file: file.to_owned(),
            sheet: grid.sheet.clone(),
            row: None,
            column: None,
            value: String::new(),
            expected: Expected::AtLeastOne {
                thing: RowThing::TrafficSquad,
            },
        });
    }
    if out.problems.is_empty() {
        out.figures = figures;
    }
    out
}

fn parse_grid(file: &str, grid: &Grid, old_units: &[Unit]) -> (usize, Vec<SquadFigures>, Problems) {
    sheet::unit_rows(
        file,
        grid,
        &SQUAD_COLUMNS,
        SquadField::Squad,
        RowThing::TrafficSquad,
        |f| f.unit.as_str(),
        |at, line, cells, problems| parse_row(at, line, cells, old_units, problems),
    )
}

const WHOLE: Expected = Expected::WholeUpTo { max: MAX_FIGURE };

/// The squad a cell names (id first, then name), or what was expected there.
fn squad_named(cell: &Cell, old_units: &[Unit]) -> Result<String, Expected> {
    let name = super::fields::text(cell);
    characters::check(&name, false)?;
    if name.is_empty() {
        return Err(Expected::SquadName);
    }
    let found = old_units
        .iter()
        .find(|u| u.id == name)
        .or_else(|| old_units.iter().find(|u| u.name == name));
    match found {
        Some(u) if u.is_traffic_squad() => Ok(u.id.clone()),
        Some(_) => Err(Expected::SquadKind),
        None => Err(Expected::BureauSquad),
    }
}

fn parse_row(
    at: &Where<'_, SquadField>,
    line: usize,
    cells: &[Cell],
    old_units: &[Unit],
    problems: &mut Problems,
) -> Option<SquadFigures> {
    let get = |f: SquadField| sheet::cell_of(at.headers, cells, f);
    let mut errors: Vec<(SquadField, Expected)> = Vec::new();
    let unit = squad_named(get(SquadField::Squad), old_units)
        .map_err(|why| errors.push((SquadField::Squad, why)))
        .ok();
    let mut whole = |f: SquadField| match uf::count(get(f), None) {
        Ok(n) if n <= MAX_FIGURE => Some(n),
        _ => {
            errors.push((f, WHOLE));
            None
        }
    };
    let accidents = whole(SquadField::Accidents);
    let calls = whole(SquadField::TrafficCalls);
    let vehicles = whole(SquadField::Vehicles);
    let road = match get(SquadField::RoadKm) {
        Cell::Number(n) => Some(*n),
        Cell::Text(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
    .filter(|n| n.is_finite() && *n > 0.0 && *n <= MAX_ROAD_KM);
    if road.is_none() {
        errors.push((
            SquadField::RoadKm,
            Expected::RoadKm {
                max: number_text(MAX_ROAD_KM),
            },
        ));
    }
    let failed = !errors.is_empty();
    for (f, expected) in errors {
        problems.push(at.problem(line, Some(f), &get(f).shown(), expected));
    }
    if failed {
        return None;
    }
    Some(SquadFigures {
        unit: unit?,
        road_km: road?,
        accidents: accidents?,
        traffic_calls: calls?,
        vehicles: vehicles?,
    })
}
