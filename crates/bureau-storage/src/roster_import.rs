//! Replacing the workspace's roster with an imported one, all or nothing, in ONE transaction.
//!
//! People are matched by police number: those in the new roster are inserted or updated in
//! place (so every scenario's placements of them survive), those absent leave the roster.
//! **Placements of people who leave are dropped** (with their pins) in every scenario; the
//! preview reports how many per scenario before the planner confirms. The new roster is
//! validated against every scenario's structure first (units, wishes, unique numbers), and any
//! failure leaves the workspace exactly as it was.
//!
//! Note for the edit log: rows recorded before an import may name people who have since left;
//! undoing such an edit is refused by the foreign key on `placement.police_number`.

use std::collections::HashSet;
use ts_rs::TS;

use bureau_core::{Bureau, BureauFile, Person, PoliceNumber};
use rusqlite::{params_from_iter, Transaction};
use serde::{Deserialize, Serialize};

use crate::table_rows::{insert_sql, person_values, update_all_but, PERSON_COLUMNS};
use crate::{roster, scenarios, StorageError, Workspace};

/// Placements a roster replacement drops in one scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DroppedPlacements {
    pub scenario_id: i64,
    pub scenario_name: String,
    /// Police numbers of the placed people who leave the roster, in order.
    pub people: Vec<PoliceNumber>,
}

impl Workspace {
    /// What replacing the roster with `people` would drop, without changing anything.
    pub fn roster_import_effects(
        &mut self,
        people: &[Person],
    ) -> Result<Vec<DroppedPlacements>, StorageError> {
        let tx = self.read()?;
        dropped_placements(&tx, people)
    }

    /// Replaces the roster with `people` (file order becomes roster order) in one transaction;
    /// returns the placements dropped. Refused with [`StorageError::Invalid`] (nothing
    /// changes) when the roster does not fit the workspace's units or a scenario's structure.
    pub fn replace_roster(
        &mut self,
        people: &[Person],
    ) -> Result<Vec<DroppedPlacements>, StorageError> {
        let tx = self.write()?;
        let bureau = roster::load_bureau(&tx)?;
        validate(&tx, &bureau, people)?;
        let dropped = dropped_placements(&tx, people)?;
        write_roster(&tx, people)?;
        for d in &dropped {
            crate::scenario_columns::touch(&tx, d.scenario_id)?;
        }
        crate::audit::append(
            &tx,
            None,
            "import_roster",
            &serde_json::json!({
                "people_before": bureau.people.len(),
                "people_after": people.len(),
                "dropped": dropped,
            }),
        )?;
        tx.commit()?;
        Ok(dropped)
    }
}

/// The new roster checked the way a bureau file is, once per scenario structure (wishes name
/// new units, and each scenario's draft must still hold after the dropped placements).
fn validate(tx: &Transaction<'_>, bureau: &Bureau, people: &[Person]) -> Result<(), StorageError> {
    let keep: HashSet<&str> = people.iter().map(|p| p.police_number.as_str()).collect();
    for summary in scenarios::list_scenarios(tx)? {
        let stored = scenarios::load_scenario(tx, summary.id)?.scenario;
        let mut draft = stored.draft;
        draft.assignment.retain(|n, _| keep.contains(n.as_str()));
        draft.pins.retain(|n| keep.contains(n.as_str()));
        draft
            .exclusions
            .retain(|x| keep.contains(x.police_number.as_str()));
        draft
            .community
            .roles
            .retain(|n, _| keep.contains(n.as_str()));
        draft.community.pins.retain(|n| keep.contains(n.as_str()));
        let file = BureauFile::new(
            Bureau {
                info: bureau.info.clone(),
                old_units: bureau.old_units.clone(),
                people: people.to_vec(),
                station_figures: bureau.station_figures.clone(),
                squad_figures: bureau.squad_figures.clone(),
            },
            stored.structure,
            Some(draft),
        );
        file.validate().map_err(|e| {
            StorageError::Invalid(format!(
                "the imported roster does not fit scenario {:?}: {e}",
                summary.name
            ))
        })?;
    }
    Ok(())
}

fn dropped_placements(
    tx: &Transaction<'_>,
    people: &[Person],
) -> Result<Vec<DroppedPlacements>, StorageError> {
    let keep: HashSet<&str> = people.iter().map(|p| p.police_number.as_str()).collect();
    let mut stmt = tx.prepare(
        "SELECT s.id, s.name, p.police_number FROM placement p JOIN scenario s ON s.id = p.scenario_id
         JOIN person r ON r.police_number = p.police_number
         ORDER BY s.id, r.position",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out: Vec<DroppedPlacements> = Vec::new();
    for row in rows {
        let (id, name, number) = row?;
        if keep.contains(number.as_str()) {
            continue;
        }
        match out.last_mut() {
            Some(d) if d.scenario_id == id => d.people.push(number),
            _ => out.push(DroppedPlacements {
                scenario_id: id,
                scenario_name: name,
                people: vec![number],
            }),
        }
    }
    Ok(out)
}

fn write_roster(tx: &Transaction<'_>, people: &[Person]) -> Result<(), StorageError> {
    tx.execute_batch(
        "DROP TABLE IF EXISTS temp.import_number;
         CREATE TEMP TABLE import_number (police_number TEXT PRIMARY KEY);",
    )?;
    {
        let mut stmt = tx.prepare("INSERT INTO temp.import_number (police_number) VALUES (?1)")?;
        for p in people {
            stmt.execute([&p.police_number])?;
        }
    }
    tx.execute_batch(
        "DELETE FROM placement
           WHERE police_number NOT IN (SELECT police_number FROM temp.import_number);
         UPDATE person SET position = -1 - position;",
    )?;
    {
        let sql = format!(
            "{} ON CONFLICT (police_number) DO UPDATE SET {}",
            insert_sql("person", &[], &PERSON_COLUMNS),
            update_all_but(&PERSON_COLUMNS, &["police_number"])
        );
        let mut stmt = tx.prepare(&sql)?;
        for (position, p) in (0i64..).zip(people) {
            stmt.execute(params_from_iter(person_values(p, position)))?;
        }
    }
    tx.execute_batch(
        "DELETE FROM person
           WHERE police_number NOT IN (SELECT police_number FROM temp.import_number);
         DROP TABLE temp.import_number;",
    )?;
    Ok(())
}
