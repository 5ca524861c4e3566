//! Replacing the workspace's old units (and their establishment and posts) with imported ones,
//! all or nothing, in ONE transaction.
//!
//! Units are matched by id: those in the new list are updated in place or inserted (file order
//! becomes unit order); those absent are removed — unless people still belong to them
//! (`person.current_unit`) or a merge map names them (`merge_edge.from_unit`, in any structure,
//! trashed scenarios' included): then the whole import is refused, naming each such unit and
//! how many people and edges reference it, and nothing changes.

use std::collections::{HashMap, HashSet};
use ts_rs::TS;

use bureau_core::{Bureau, BureauFile, Unit, UnitId};
use rusqlite::{params_from_iter, Transaction};
use serde::{Deserialize, Serialize};

use crate::table_rows::{insert_sql, unit_values, update_all_but, UNIT_COLUMNS};
use crate::{roster, scenarios, StorageError, Workspace};

/// A unit the import creates, updates or removes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitLine {
    pub id: UnitId,
    pub name: String,
    /// For updates: the fields that change (`officer_establishment`, `parent`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
}

/// A unit absent from the import that cannot be removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RefusedUnit {
    pub id: UnitId,
    pub name: String,
    /// People whose current unit it is.
    pub people: usize,
    /// Merge-map edges (all structures) from it.
    pub merge_edges: usize,
}

impl RefusedUnit {
    pub fn describe(&self) -> String {
        format!(
            "unit {} ({}) is not in the file but {} people still belong to it and {} merge-map \
             edge(s) start from it",
            self.name, self.id, self.people, self.merge_edges
        )
    }
}

/// What replacing the old units does (or would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitsImportEffects {
    pub created: Vec<UnitLine>,
    pub updated: Vec<UnitLine>,
    pub unchanged: usize,
    /// Absent units that nobody references: they are removed.
    pub removed: Vec<UnitLine>,
    /// Absent units still referenced: when not empty, the import is refused.
    pub refused: Vec<RefusedUnit>,
}

impl Workspace {
    /// What replacing the old units with `units` would do, without changing anything.
    pub fn units_import_effects(
        &mut self,
        units: &[Unit],
    ) -> Result<UnitsImportEffects, StorageError> {
        let tx = self.read()?;
        let bureau = roster::load_bureau(&tx)?;
        effects(&tx, &bureau.old_units, units)
    }

    /// Replaces the old units with `units` in one transaction. Refused with
    /// [`StorageError::Invalid`] (nothing changes) when an absent unit is still referenced or
    /// the units do not fit a scenario.
    pub fn replace_old_units(
        &mut self,
        units: &[Unit],
    ) -> Result<UnitsImportEffects, StorageError> {
        let tx = self.write()?;
        let bureau = roster::load_bureau(&tx)?;
        let effects = effects(&tx, &bureau.old_units, units)?;
        if !effects.refused.is_empty() {
            let why: Vec<String> = effects.refused.iter().map(RefusedUnit::describe).collect();
            return Err(StorageError::Invalid(format!(
                "the units import was refused, nothing changed: {}",
                why.join("; ")
            )));
        }
        validate(&tx, &bureau, units)?;
        write_units(&tx, units)?;
        let total = |us: &[Unit]| -> (u64, u64) {
            us.iter().fold((0, 0), |(o, a), u| {
                (
                    o + u64::from(u.officer_establishment),
                    a + u64::from(u.auxiliary_establishment),
                )
            })
        };
        let (officers_before, auxiliaries_before) = total(&bureau.old_units);
        let (officers_after, auxiliaries_after) = total(units);
        crate::audit::append(
            &tx,
            None,
            "import_units",
            &serde_json::json!({
                "units_before": bureau.old_units.len(),
                "units_after": units.len(),
                "created": effects.created.len(),
                "updated": effects.updated.len(),
                "removed": effects.removed.len(),
                "officer_establishment_before": officers_before,
                "officer_establishment_after": officers_after,
                "auxiliary_establishment_before": auxiliaries_before,
                "auxiliary_establishment_after": auxiliaries_after,
            }),
        )?;
        tx.commit()?;
        Ok(effects)
    }
}

fn effects(
    tx: &Transaction<'_>,
    today: &[Unit],
    units: &[Unit],
) -> Result<UnitsImportEffects, StorageError> {
    let by_id: HashMap<&str, &Unit> = today.iter().map(|u| (u.id.as_str(), u)).collect();
    let mut out = UnitsImportEffects {
        created: Vec::new(),
        updated: Vec::new(),
        unchanged: 0,
        removed: Vec::new(),
        refused: Vec::new(),
    };
    let line = |u: &Unit, changes: Vec<String>| UnitLine {
        id: u.id.clone(),
        name: u.name.clone(),
        changes,
    };
    for u in units {
        match by_id.get(u.id.as_str()) {
            None => out.created.push(line(u, Vec::new())),
            Some(old) if *old == u => out.unchanged += 1,
            Some(old) => out.updated.push(line(u, changed_fields(old, u))),
        }
    }
    let kept: HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
    let people = counts(
        tx,
        "SELECT current_unit, COUNT(*) FROM person GROUP BY current_unit",
    )?;
    let edges = counts(
        tx,
        "SELECT from_unit, COUNT(*) FROM merge_edge GROUP BY from_unit",
    )?;
    for u in today.iter().filter(|u| !kept.contains(u.id.as_str())) {
        let people = people.get(&u.id).copied().unwrap_or(0);
        let merge_edges = edges.get(&u.id).copied().unwrap_or(0);
        if people > 0 || merge_edges > 0 {
            out.refused.push(RefusedUnit {
                id: u.id.clone(),
                name: u.name.clone(),
                people,
                merge_edges,
            });
        } else {
            out.removed.push(line(u, Vec::new()));
        }
    }
    Ok(out)
}

fn counts(tx: &Transaction<'_>, sql: &str) -> Result<HashMap<String, usize>, StorageError> {
    let mut stmt = tx.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, n) = row?;
        out.insert(id, usize::try_from(n).unwrap_or(0));
    }
    Ok(out)
}

fn changed_fields(a: &Unit, b: &Unit) -> Vec<String> {
    let pairs = [
        ("name", a.name == b.name),
        ("kind", a.kind == b.kind),
        ("tier", a.tier == b.tier),
        ("parent", a.parent == b.parent),
        (
            "officer_establishment",
            a.officer_establishment == b.officer_establishment,
        ),
        (
            "auxiliary_establishment",
            a.auxiliary_establishment == b.auxiliary_establishment,
        ),
        ("head_posts", a.head_posts == b.head_posts),
        ("deputy_posts", a.deputy_posts == b.deputy_posts),
        ("operation", a.operation == b.operation),
        ("grids", a.grids == b.grids),
    ];
    pairs
        .iter()
        .filter(|(_, same)| !same)
        .map(|(name, _)| (*name).to_owned())
        .collect()
}

/// The new units checked the way a bureau file is, once per scenario (ids, parents, people's
/// current units and the merge map).
fn validate(tx: &Transaction<'_>, bureau: &Bureau, units: &[Unit]) -> Result<(), StorageError> {
    for summary in scenarios::list_scenarios(tx)? {
        let stored = scenarios::load_scenario(tx, summary.id)?.scenario;
        let file = BureauFile::new(
            Bureau {
                info: bureau.info.clone(),
                old_units: units.to_vec(),
                people: bureau.people.clone(),
                station_figures: Vec::new(),
            },
            stored.structure,
            Some(stored.draft),
        );
        file.validate().map_err(|e| {
            StorageError::Invalid(format!(
                "the imported units do not fit scenario {:?}: {e}",
                summary.name
            ))
        })?;
    }
    Ok(())
}

fn write_units(tx: &Transaction<'_>, units: &[Unit]) -> Result<(), StorageError> {
    tx.execute_batch("UPDATE old_unit SET position = -1 - position;")?;
    {
        // The units file carries no 职能: an updated unit keeps the functions it has.
        let sql = format!(
            "{} ON CONFLICT (id) DO UPDATE SET {}",
            insert_sql("old_unit", &[], &UNIT_COLUMNS),
            update_all_but(&UNIT_COLUMNS, &["id", "functions"])
        );
        let mut stmt = tx.prepare(&sql)?;
        for (position, u) in (0i64..).zip(units) {
            stmt.execute(params_from_iter(unit_values(u, position)))?;
        }
    }
    // Units not in the list kept their negative positions; none is referenced (checked above).
    tx.execute_batch("DELETE FROM old_unit WHERE position < 0;")?;
    Ok(())
}
