//! The bureau as it is today: bureau row, old units and the roster.

use bureau_core::{Bureau, BureauInfo};
use rusqlite::{params, params_from_iter, Transaction};

use crate::codec::{enum_from, enum_text};
use crate::table_rows::{
    insert_sql, person_values, select_people, select_units, unit_values, PERSON_COLUMNS,
    UNIT_COLUMNS,
};
use crate::StorageError;

pub fn insert_bureau(tx: &Transaction<'_>, bureau: &Bureau) -> Result<(), StorageError> {
    let info = &bureau.info;
    tx.execute(
        "INSERT INTO bureau (id, name, kind, as_of, background) VALUES (1, ?1, ?2, ?3, ?4)",
        params![
            info.name,
            enum_text(&info.kind),
            info.as_of.to_string(),
            info.background
        ],
    )?;
    let mut unit_stmt = tx.prepare(&insert_sql("old_unit", &[], &UNIT_COLUMNS))?;
    for (position, u) in (0i64..).zip(&bureau.old_units) {
        unit_stmt.execute(params_from_iter(unit_values(u, position)))?;
    }
    let mut person_stmt = tx.prepare(&insert_sql("person", &[], &PERSON_COLUMNS))?;
    for (position, p) in (0i64..).zip(&bureau.people) {
        person_stmt.execute(params_from_iter(person_values(p, position)))?;
    }
    crate::station_figures::insert_all(tx, &bureau.station_figures)?;
    crate::squad_figures::insert_all(tx, &bureau.squad_figures)?;
    Ok(())
}

/// Whether `police_number` is someone on the roster: the one test every step that names a
/// person passes first.
pub fn on_roster(tx: &Transaction<'_>, police_number: &str) -> Result<bool, StorageError> {
    let mut stmt = tx.prepare_cached("SELECT 1 FROM person WHERE police_number = ?1")?;
    Ok(stmt.exists([police_number])?)
}

pub fn load_bureau(tx: &Transaction<'_>) -> Result<Bureau, StorageError> {
    let info = tx
        .query_row(
            "SELECT name, kind, as_of, background FROM bureau WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => {
                StorageError::Damaged("the workspace holds no bureau".into())
            }
            e => e.into(),
        })?;
    let info = BureauInfo {
        name: info.0,
        kind: enum_from(&info.1, "bureau.kind")?,
        as_of: info
            .2
            .parse()
            .map_err(|e| StorageError::Damaged(format!("bureau.as_of: {e}")))?,
        background: info.3,
    };

    let old_units = select_units(tx, "old_unit ORDER BY position", [])?;
    let people = select_people(tx, "person ORDER BY position")?;
    let mut bureau = Bureau {
        info,
        old_units,
        people,
        station_figures: Vec::new(),
        squad_figures: Vec::new(),
    };
    bureau.station_figures = crate::station_figures::load(tx, &bureau)?;
    bureau.squad_figures = crate::squad_figures::load(tx, &bureau)?;
    Ok(bureau)
}

pub fn update_background(tx: &Transaction<'_>, text: &str) -> Result<(), StorageError> {
    tx.execute("UPDATE bureau SET background = ?1 WHERE id = 1", [text])?;
    Ok(())
}
