//! Structures, scenarios and their placements (the draft assignment and its pins).

use bureau_core::{Draft, MergeEdge, Scenario, ScenarioStatus, ScenarioSummary, Structure};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Transaction};

use crate::scenario_columns::{self, ScenarioColumn};
use crate::table_rows::{collect, insert_sql, select_units, unit_values, UNIT_COLUMNS};
use crate::StorageError;

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

pub fn insert_structure(tx: &Transaction<'_>, s: &Structure) -> Result<i64, StorageError> {
    tx.execute("INSERT INTO structure (name) VALUES (?1)", [&s.name])?;
    let structure_id = tx.last_insert_rowid();
    write_structure_rows(tx, structure_id, s)?;
    Ok(structure_id)
}

/// Replaces the structure a scenario plans with (its units, merge map and name) in place.
pub fn replace_structure(
    tx: &Transaction<'_>,
    scenario_id: i64,
    s: &Structure,
) -> Result<(), StorageError> {
    let structure_id: i64 = scenario_columns::read(tx, scenario_id, ScenarioColumn::StructureId)?;
    tx.execute(
        "DELETE FROM merge_edge WHERE structure_id = ?1",
        [structure_id],
    )?;
    tx.execute(
        "DELETE FROM new_unit WHERE structure_id = ?1",
        [structure_id],
    )?;
    tx.execute(
        "UPDATE structure SET name = ?1 WHERE id = ?2",
        params![s.name, structure_id],
    )?;
    write_structure_rows(tx, structure_id, s)?;
    scenario_columns::touch(tx, scenario_id)
}

fn write_structure_rows(
    tx: &Transaction<'_>,
    structure_id: i64,
    s: &Structure,
) -> Result<(), StorageError> {
    let mut unit_stmt = tx.prepare(&insert_sql("new_unit", &["structure_id"], &UNIT_COLUMNS))?;
    for (position, u) in (0i64..).zip(&s.units) {
        let values = std::iter::once(Value::from(structure_id)).chain(unit_values(u, position));
        unit_stmt.execute(params_from_iter(values))?;
    }
    let mut edge_stmt = tx.prepare(
        "INSERT INTO merge_edge (structure_id, from_unit, from_position, to_unit, to_position)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (from_position, edge) in (0i64..).zip(&s.merge_map) {
        for (to_position, to) in (0i64..).zip(&edge.to) {
            edge_stmt.execute(params![
                structure_id,
                edge.from,
                from_position,
                to,
                to_position
            ])?;
        }
    }
    Ok(())
}

pub fn load_structure(tx: &Transaction<'_>, structure_id: i64) -> Result<Structure, StorageError> {
    let name: String = tx
        .query_row(
            "SELECT name FROM structure WHERE id = ?1",
            [structure_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| StorageError::NotFound(format!("structure {structure_id}")))?;
    let units = select_units(
        tx,
        "new_unit WHERE structure_id = ?1 ORDER BY position",
        [structure_id],
    )?;
    let mut stmt = tx.prepare(
        "SELECT from_unit, to_unit FROM merge_edge WHERE structure_id = ?1
         ORDER BY from_position, to_position",
    )?;
    let pairs = collect(stmt.query_map([structure_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?)?;
    let mut merge_map: Vec<MergeEdge> = Vec::new();
    for (from, to) in pairs {
        match merge_map.last_mut() {
            Some(edge) if edge.from == from => edge.to.push(to),
            _ => merge_map.push(MergeEdge { from, to: vec![to] }),
        }
    }
    Ok(Structure {
        name,
        units,
        merge_map,
    })
}

pub struct NewScenario<'a> {
    pub name: &'a str,
    pub structure_id: i64,
    pub draft: &'a Draft,
    pub notes: &'a str,
    pub rules_json: Option<&'a str>,
}

pub fn insert_scenario(tx: &Transaction<'_>, s: &NewScenario<'_>) -> Result<i64, StorageError> {
    let name = s.name.trim();
    if name.is_empty() {
        return Err(StorageError::Invalid("a scenario needs a name".into()));
    }
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM scenario WHERE name = ?1)",
        [name],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StorageError::Invalid(format!(
            "a scenario named {name:?} already exists"
        )));
    }
    tx.execute(
        &format!(
            "INSERT INTO scenario (name, structure_id, notes, rules, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, {NOW}, {NOW})"
        ),
        params![name, s.structure_id, s.notes, s.rules_json],
    )?;
    let id = tx.last_insert_rowid();
    write_draft(tx, id, s.draft)?;
    Ok(id)
}

/// Replaces a scenario's whole draft (assignment and pins) and touches its timestamp.
pub fn write_draft(
    tx: &Transaction<'_>,
    scenario_id: i64,
    draft: &Draft,
) -> Result<(), StorageError> {
    tx.execute(
        "DELETE FROM placement WHERE scenario_id = ?1",
        [scenario_id],
    )?;
    let mut stmt = tx.prepare(
        "INSERT INTO placement (scenario_id, police_number, unit_id, pin_position)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (police_number, unit_id) in &draft.assignment {
        let pin_position = draft
            .pins
            .iter()
            .position(|p| p == police_number)
            .and_then(|i| i64::try_from(i).ok());
        stmt.execute(params![scenario_id, police_number, unit_id, pin_position])?;
    }
    crate::exclusions::write(tx, scenario_id, &draft.exclusions)?;
    crate::community_roles::write(tx, scenario_id, &draft.community)?;
    scenario_columns::touch(tx, scenario_id)
}

pub struct StoredScenario {
    pub scenario: Scenario,
}

pub fn load_scenario(tx: &Transaction<'_>, id: i64) -> Result<StoredScenario, StorageError> {
    let row = tx
        .query_row(
            "SELECT name, structure_id, notes, created_at, updated_at
             FROM scenario WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| StorageError::NotFound(format!("scenario {id}")))?;
    let structure = load_structure(tx, row.1)?;
    let mut stmt = tx.prepare(
        "SELECT police_number, unit_id, pin_position FROM placement WHERE scenario_id = ?1",
    )?;
    let placements = collect(stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<i64>>(2)?,
        ))
    })?)?;
    let mut draft = Draft::default();
    let mut pins = Vec::new();
    for (police_number, unit_id, pin_position) in placements {
        if let Some(position) = pin_position {
            pins.push((position, police_number.clone()));
        }
        draft.assignment.insert(police_number, unit_id);
    }
    pins.sort();
    draft.pins = pins.into_iter().map(|(_, p)| p).collect();
    draft.exclusions = crate::exclusions::in_force(tx, id, &structure)?;
    draft.community = crate::community_roles::stored(tx, id)?;
    Ok(StoredScenario {
        scenario: Scenario {
            id,
            name: row.0,
            structure,
            draft,
            notes: row.2,
            created_at: row.3,
            updated_at: row.4,
        },
    })
}

/// The scenarios not in the trash, oldest first.
pub fn list_scenarios(tx: &Transaction<'_>) -> Result<Vec<ScenarioSummary>, StorageError> {
    let mut stmt = tx.prepare(
        "SELECT s.id, s.name, t.name, s.updated_at, s.status, s.parent_id, s.notes
         FROM scenario s JOIN structure t ON t.id = s.structure_id
         WHERE s.deleted_at IS NULL ORDER BY s.id",
    )?;
    let rows = collect(stmt.query_map([], |r| {
        Ok((
            ScenarioSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                structure_name: r.get(2)?,
                updated_at: r.get(3)?,
                status: ScenarioStatus::Draft,
                parent_id: r.get(5)?,
                notes: r.get(6)?,
            },
            r.get::<_, String>(4)?,
        ))
    })?)?;
    rows.into_iter()
        .map(|(mut summary, status)| {
            summary.status = ScenarioStatus::parse(&status).ok_or_else(|| {
                StorageError::Damaged(format!("scenario {} has status {status:?}", summary.id))
            })?;
            Ok(summary)
        })
        .collect()
}
