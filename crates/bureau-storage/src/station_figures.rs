//! The stations' jurisdiction figures (派出所辖区情况表): written with the bureau, replaced
//! whole by an import in one audited transaction, read back with the bureau.

use bureau_core::{Bureau, BureauFile, StationFigures};
use rusqlite::{params, Transaction};

use crate::{roster, StorageError, Workspace};

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
    let mut all = Vec::new();
    for row in rows {
        all.push(row?);
    }
    Ok(bureau
        .old_units
        .iter()
        .filter(|u| u.is_station())
        .filter_map(|u| all.iter().find(|f| f.unit == u.id).cloned())
        .collect())
}

impl Workspace {
    /// Replaces every station's figures with `figures` in one audited transaction; refused
    /// with [`StorageError::Invalid`] (nothing changes) when they do not fit the bureau as a
    /// bureau file's would not.
    pub fn replace_station_figures(
        &mut self,
        figures: &[StationFigures],
    ) -> Result<(), StorageError> {
        let tx = self.write()?;
        let bureau = roster::load_bureau(&tx)?;
        let check = BureauFile::new(
            Bureau {
                station_figures: figures.to_vec(),
                ..bureau.clone()
            },
            bureau_core::Structure {
                name: "check".into(),
                units: Vec::new(),
                merge_map: Vec::new(),
            },
            None,
        );
        check
            .validate()
            .map_err(|e| StorageError::Invalid(format!("the station figures do not fit: {e}")))?;
        tx.execute("DELETE FROM station_figures", [])?;
        insert_all(&tx, figures)?;
        crate::audit::append(
            &tx,
            None,
            "import_station_figures",
            &serde_json::json!({
                "stations_before": bureau.station_figures.len(),
                "stations_after": figures.len(),
            }),
        )?;
        tx.commit()?;
        Ok(())
    }
}
