//! The stations' jurisdiction figures (派出所辖区情况表) as rows: written with the bureau and
//! read back with it (an import replaces them whole: `figures_import.rs`).

use bureau_core::{Bureau, StationFigures, UnitKind};
use rusqlite::{params, Transaction};

use crate::table_rows::figures_in_unit_order;
use crate::StorageError;

pub fn insert_all(tx: &Transaction<'_>, figures: &[StationFigures]) -> Result<(), StorageError> {
    let mut stmt = tx.prepare(
        "INSERT INTO station_figures (unit, resident_population, registered_population, area_km2,
             villages, calls, criminal_cases, public_order_cases, travel_factor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for f in figures {
        stmt.execute(params![
            f.unit,
            f.resident_population,
            f.registered_population,
            f.area_km2,
            f.villages,
            f.calls,
            f.criminal_cases,
            f.public_order_cases,
            f.travel_factor
        ])?;
    }
    Ok(())
}

/// The figures of the bureau's current stations, in the order of its old units.
pub fn load(tx: &Transaction<'_>, bureau: &Bureau) -> Result<Vec<StationFigures>, StorageError> {
    let mut stmt = tx.prepare(
        "SELECT unit, resident_population, registered_population, area_km2, villages, calls,
                criminal_cases, public_order_cases, travel_factor
         FROM station_figures",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(StationFigures {
            unit: r.get(0)?,
            resident_population: r.get(1)?,
            registered_population: r.get(2)?,
            area_km2: r.get(3)?,
            villages: r.get(4)?,
            calls: r.get(5)?,
            criminal_cases: r.get(6)?,
            public_order_cases: r.get(7)?,
            travel_factor: r.get(8)?,
        })
    })?;
    figures_in_unit_order(bureau, UnitKind::PoliceStation, rows, |f| f.unit.as_str())
}
