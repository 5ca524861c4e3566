//! The traffic squads' figures (交警中队辖区情况): written with the bureau, read back with it.

use bureau_core::{Bureau, SquadFigures, UnitKind};
use rusqlite::{params, Transaction};

use crate::table_rows::figures_in_unit_order;
use crate::StorageError;

pub fn insert_all(tx: &Transaction<'_>, figures: &[SquadFigures]) -> Result<(), StorageError> {
    let mut stmt = tx.prepare(
        "INSERT INTO squad_figures (unit, road_km, accidents, traffic_calls, vehicles)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for f in figures {
        stmt.execute(params![
            f.unit,
            f.road_km,
            f.accidents,
            f.traffic_calls,
            f.vehicles
        ])?;
    }
    Ok(())
}

/// The figures of the bureau's current squads, in the order of its old units.
pub fn load(tx: &Transaction<'_>, bureau: &Bureau) -> Result<Vec<SquadFigures>, StorageError> {
    let mut stmt =
        tx.prepare("SELECT unit, road_km, accidents, traffic_calls, vehicles FROM squad_figures")?;
    let rows = stmt.query_map([], |r| {
        Ok(SquadFigures {
            unit: r.get(0)?,
            road_km: r.get(1)?,
            accidents: r.get(2)?,
            traffic_calls: r.get(3)?,
            vehicles: r.get(4)?,
        })
    })?;
    figures_in_unit_order(bureau, UnitKind::TrafficSquad, rows, |f| f.unit.as_str())
}
