//! Station figures (派出所辖区情况表) from CSV or XLSX: one row → one station's
//! [`StationFigures`], matched to a police station among today's units by id or name; every bad
//! value (negative or text where a number belongs, a station the bureau lacks, a station given
//! twice) reported as a [`Problem`] on its row and column. Read through the same bounded,
//! streamed readers as the roster (`sheet.rs`, `bounds.rs`, `xlsx.rs`); nothing here writes.

use bureau_core::limits::{MAX_AREA_KM2, MAX_FIGURE, TRAVEL_FACTOR_RANGE};
use bureau_core::{StationFigures, Unit};
use serde::{Deserialize, Serialize};

use super::bounds::Problems;
use super::cells::{number_text, Cell, Grid};
use super::characters;
use super::columns::{col, Column};
use super::sheet::{self, Where};
use super::{fields, unit_fields as uf, Expected, Problem, RowThing};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StationField {
    Station,
    Residents,
    Registered,
    Area,
    Villages,
    Calls,
    CriminalCases,
    PublicOrderCases,
    TravelFactor,
}

/// In template order.
pub const STATION_COLUMNS: [Column<StationField>; 9] = [
    col(
        StationField::Station,
        "派出所",
        "station",
        &["派出所名称", "单位", "单位名称", "单位编号"],
        true,
    ),
    col(
        StationField::Residents,
        "常住人口",
        "resident_population",
        &["常住人口数", "实有人口"],
        true,
    ),
    col(
        StationField::Registered,
        "户籍人口",
        "registered_population",
        &["户籍人口数"],
        false,
    ),
    col(
        StationField::Area,
        "辖区面积",
        "area_km2",
        &["辖区面积(平方公里)", "辖区面积（平方公里）", "面积"],
        true,
    ),
    col(
        StationField::Villages,
        "行政村/社区数",
        "villages",
        &["行政村数", "社区数", "村（社区）数"],
        true,
    ),
    col(
        StationField::Calls,
        "年接处警数",
        "calls",
        &["接处警数", "警情数"],
        true,
    ),
    col(
        StationField::CriminalCases,
        "年刑事案件数",
        "criminal_cases",
        &["刑事案件数"],
        true,
    ),
    col(
        StationField::PublicOrderCases,
        "年治安案件数",
        "public_order_cases",
        &["治安案件数"],
        true,
    ),
    col(
        StationField::TravelFactor,
        "交通地形系数",
        "travel_factor",
        &["地形系数", "交通系数"],
        false,
    ),
];

/// A station figures file as read: one entry per row in file order (empty when there are
/// problems).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StationsRead {
    pub file: String,
    pub sheet: Option<String>,
    pub encoding: Option<String>,
    /// Data rows read (the header row excluded).
    pub rows: usize,
    pub problems: Vec<Problem>,
    pub figures: Vec<StationFigures>,
}

impl StationsRead {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Reads a station figures file against today's units (`old_units`: the stations it may name).
pub fn read_stations(file: &str, bytes: &[u8], old_units: &[Unit]) -> StationsRead {
    let table = sheet::read_table(file, bytes, &STATION_COLUMNS, RowThing::Station, |grid| {
        parse_grid(file, grid, old_units)
    });
    StationsRead {
        file: file.to_owned(),
        sheet: table.sheet,
        encoding: table.encoding,
        rows: table.rows,
        problems: table.problems,
        figures: table.items,
    }
}

fn parse_grid(
    file: &str,
    grid: &Grid,
    old_units: &[Unit],
) -> (usize, Vec<StationFigures>, Problems) {
    sheet::unit_rows(
        file,
        grid,
        &STATION_COLUMNS,
        StationField::Station,
        RowThing::Station,
        |f| f.unit.as_str(),
        |at, line, cells, problems| parse_row(at, line, cells, old_units, problems),
    )
}

const WHOLE: Expected = Expected::WholeUpTo { max: MAX_FIGURE };

fn parse_row(
    at: &Where<'_, StationField>,
    line: usize,
    cells: &[Cell],
    old_units: &[Unit],
    problems: &mut Problems,
) -> Option<StationFigures> {
    let get = |f: StationField| sheet::cell_of(at.headers, cells, f);
    let errors = std::cell::RefCell::new(Vec::<(StationField, Expected)>::new());
    let report = |f: StationField, expected: Expected| errors.borrow_mut().push((f, expected));
    let name = fields::text(get(StationField::Station));
    let unit = match characters::check(&name, false) {
        Err(why) => {
            report(StationField::Station, why);
            None
        }
        Ok(()) if name.is_empty() => {
            report(StationField::Station, Expected::StationName);
            None
        }
        Ok(()) => {
            let found = old_units
                .iter()
                .find(|u| u.id == name)
                .or_else(|| old_units.iter().find(|u| u.name == name));
            match found {
                Some(u) if u.is_station() => Some(u.id.clone()),
                Some(_) => {
                    report(StationField::Station, Expected::StationKind);
                    None
                }
                None => {
                    report(StationField::Station, Expected::BureauStation);
                    None
                }
            }
        }
    };
    let whole = |f: StationField, empty: Option<Option<u32>>| -> Option<Option<u32>> {
        let cell = get(f);
        if cell.is_empty() {
            if let Some(v) = empty {
                return Some(v);
            }
        }
        match uf::count(cell, None) {
            Ok(n) if n <= MAX_FIGURE => Some(Some(n)),
            _ => {
                report(f, WHOLE);
                None
            }
        }
    };
    let residents = whole(StationField::Residents, None);
    let registered = whole(StationField::Registered, Some(None));
    let villages = whole(StationField::Villages, None);
    let calls = whole(StationField::Calls, None);
    let criminal = whole(StationField::CriminalCases, None);
    let public_order = whole(StationField::PublicOrderCases, None);
    let decimal = |f: StationField, ok: &dyn Fn(f64) -> bool, expected: Expected| -> Option<f64> {
        let n = match get(f) {
            Cell::Number(n) => Some(*n),
            Cell::Text(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        };
        match n.filter(|n| n.is_finite() && ok(*n)) {
            Some(n) => Some(n),
            None => {
                report(f, expected);
                None
            }
        }
    };
    let area = decimal(
        StationField::Area,
        &|a| a > 0.0 && a <= MAX_AREA_KM2,
        Expected::Area {
            max: number_text(MAX_AREA_KM2),
        },
    );
    let (lo, hi) = TRAVEL_FACTOR_RANGE;
    let travel = if get(StationField::TravelFactor).is_empty() {
        Some(None)
    } else {
        decimal(
            StationField::TravelFactor,
            &|x| (lo..=hi).contains(&x),
            Expected::TravelFactor {
                from: lo.to_string(),
                to: hi.to_string(),
            },
        )
        .map(Some)
    };
    let errors = errors.into_inner();
    let failed = !errors.is_empty();
    for (f, expected) in errors {
        problems.push(at.problem(line, Some(f), &get(f).shown(), expected));
    }
    if failed {
        return None;
    }
    Some(StationFigures {
        unit: unit?,
        resident_population: residents??,
        registered_population: registered?,
        area_km2: area?,
        villages: villages??,
        calls: calls??,
        criminal_cases: criminal??,
        public_order_cases: public_order??,
        travel_factor: travel?,
    })
}
