//! How a unit and a person lie in their tables: the column list, the values bound to it and
//! the row read back, one place each for every statement that writes or reads `old_unit`,
//! `new_unit` (a unit row under its `structure_id`) and `person`.
//!
//! Rows are read by column name, so a `SELECT` of the column list reads back whatever order the
//! list gives; the writers bind [`unit_values`] / [`person_values`] in that same order.

use bureau_core::{Bureau, Person, Unit, UnitKind};
use rusqlite::types::Value;
use rusqlite::{Params, Row, Transaction};

use crate::codec::{enum_from, enum_text, list_from, list_text};
use crate::StorageError;

/// A unit's columns in `old_unit` and `new_unit`, in the order [`unit_values`] binds them.
pub const UNIT_COLUMNS: [&str; 13] = [
    "id",
    "position",
    "name",
    "kind",
    "tier",
    "parent",
    "officer_establishment",
    "auxiliary_establishment",
    "head_posts",
    "deputy_posts",
    "operation",
    "grids",
    "functions",
];

/// A person's columns in `person`, in the order [`person_values`] binds them.
pub const PERSON_COLUMNS: [&str; 13] = [
    "police_number",
    "position",
    "name",
    "category",
    "gender",
    "birth",
    "rank",
    "post",
    "current_unit",
    "specialities",
    "qualifications",
    "community_police",
    "wishes",
];

/// The unit at `position` (its place in the list) as the values of [`UNIT_COLUMNS`].
pub fn unit_values(u: &Unit, position: i64) -> [Value; 13] {
    [
        u.id.clone().into(),
        position.into(),
        u.name.clone().into(),
        enum_text(&u.kind).into(),
        enum_text(&u.tier).into(),
        u.parent.clone().into(),
        u.officer_establishment.into(),
        u.auxiliary_establishment.into(),
        u.head_posts.into(),
        u.deputy_posts.into(),
        enum_text(&u.operation).into(),
        u.grids.into(),
        u.functions.clone().into(),
    ]
}

/// The person at `position` (their place in the roster) as the values of [`PERSON_COLUMNS`].
pub fn person_values(p: &Person, position: i64) -> [Value; 13] {
    [
        p.police_number.clone().into(),
        position.into(),
        p.name.clone().into(),
        enum_text(&p.category).into(),
        enum_text(&p.gender).into(),
        p.birth.to_string().into(),
        p.rank.clone().into(),
        enum_text(&p.post).into(),
        p.current_unit.clone().into(),
        list_text(&p.specialities).into(),
        list_text(&p.qualifications).into(),
        p.community_police.into(),
        list_text(&p.wishes).into(),
    ]
}

/// `SELECT columns FROM rest`.
fn select_sql(columns: &[&str], rest: &str) -> String {
    format!("SELECT {} FROM {rest}", columns.join(", "))
}

/// `INSERT INTO table (lead…, columns…) VALUES (?1, …)`: `lead` names the values bound ahead
/// of the row's own (a unit's `structure_id`).
pub fn insert_sql(table: &str, lead: &[&str], columns: &[&str]) -> String {
    let names: Vec<&str> = lead.iter().chain(columns).copied().collect();
    let slots: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        slots.join(", ")
    )
}

/// `a = excluded.a, …` for every column but `keep`: the `DO UPDATE SET` of an upsert that
/// leaves the `keep` columns as the stored row has them.
pub fn update_all_but(columns: &[&str], keep: &[&str]) -> String {
    columns
        .iter()
        .filter(|c| !keep.contains(c))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The units of `from` (a table, its filter and order), read with [`UNIT_COLUMNS`] and checked.
pub fn select_units(
    tx: &Transaction<'_>,
    from: &str,
    params: impl Params,
) -> Result<Vec<Unit>, StorageError> {
    let mut stmt = tx.prepare(&select_sql(&UNIT_COLUMNS, from))?;
    let rows = collect(stmt.query_map(params, raw_unit)?)?;
    rows.into_iter().map(RawUnit::into_unit).collect()
}

/// The people of `from` (the table and its order), read with [`PERSON_COLUMNS`] and checked.
pub fn select_people(tx: &Transaction<'_>, from: &str) -> Result<Vec<Person>, StorageError> {
    let mut stmt = tx.prepare(&select_sql(&PERSON_COLUMNS, from))?;
    let rows = collect(stmt.query_map([], raw_person)?)?;
    rows.into_iter().map(RawPerson::into_person).collect()
}

/// A unit row as stored, before its enum columns are checked.
struct RawUnit {
    id: String,
    name: String,
    kind: String,
    tier: String,
    parent: Option<String>,
    officer_establishment: u32,
    auxiliary_establishment: u32,
    head_posts: u32,
    deputy_posts: u32,
    operation: String,
    grids: u32,
    functions: String,
}

/// Reads a row that selected [`UNIT_COLUMNS`] (from either unit table).
fn raw_unit(r: &Row<'_>) -> rusqlite::Result<RawUnit> {
    Ok(RawUnit {
        id: r.get("id")?,
        name: r.get("name")?,
        kind: r.get("kind")?,
        tier: r.get("tier")?,
        parent: r.get("parent")?,
        officer_establishment: r.get("officer_establishment")?,
        auxiliary_establishment: r.get("auxiliary_establishment")?,
        head_posts: r.get("head_posts")?,
        deputy_posts: r.get("deputy_posts")?,
        operation: r.get("operation")?,
        grids: r.get("grids")?,
        functions: r.get("functions")?,
    })
}

impl RawUnit {
    fn into_unit(self) -> Result<Unit, StorageError> {
        Ok(Unit {
            kind: enum_from(&self.kind, "unit.kind")?,
            tier: enum_from(&self.tier, "unit.tier")?,
            operation: enum_from(&self.operation, "unit.operation")?,
            id: self.id,
            name: self.name,
            parent: self.parent,
            officer_establishment: self.officer_establishment,
            auxiliary_establishment: self.auxiliary_establishment,
            head_posts: self.head_posts,
            deputy_posts: self.deputy_posts,
            grids: self.grids,
            functions: self.functions,
        })
    }
}

/// A person row as stored, before its enum, date and list columns are checked.
struct RawPerson {
    police_number: String,
    name: String,
    category: String,
    gender: String,
    birth: String,
    rank: String,
    post: String,
    current_unit: String,
    specialities: String,
    qualifications: String,
    community_police: bool,
    wishes: String,
}

/// Reads a row that selected [`PERSON_COLUMNS`].
fn raw_person(r: &Row<'_>) -> rusqlite::Result<RawPerson> {
    Ok(RawPerson {
        police_number: r.get("police_number")?,
        name: r.get("name")?,
        category: r.get("category")?,
        gender: r.get("gender")?,
        birth: r.get("birth")?,
        rank: r.get("rank")?,
        post: r.get("post")?,
        current_unit: r.get("current_unit")?,
        specialities: r.get("specialities")?,
        qualifications: r.get("qualifications")?,
        community_police: r.get("community_police")?,
        wishes: r.get("wishes")?,
    })
}

impl RawPerson {
    fn into_person(self) -> Result<Person, StorageError> {
        Ok(Person {
            category: enum_from(&self.category, "person.category")?,
            gender: enum_from(&self.gender, "person.gender")?,
            birth: self
                .birth
                .parse()
                .map_err(|e| StorageError::Damaged(format!("person.birth: {e}")))?,
            post: enum_from(&self.post, "person.post")?,
            specialities: list_from(&self.specialities, "person.specialities")?,
            qualifications: list_from(&self.qualifications, "person.qualifications")?,
            wishes: list_from(&self.wishes, "person.wishes")?,
            police_number: self.police_number,
            name: self.name,
            rank: self.rank,
            current_unit: self.current_unit,
            community_police: self.community_police,
        })
    }
}

pub fn collect<T>(rows: impl Iterator<Item = rusqlite::Result<T>>) -> Result<Vec<T>, StorageError> {
    rows.collect::<Result<Vec<_>, _>>().map_err(Into::into)
}

/// The figures rows (a station's or a squad's) of the bureau's old units of `kind`, in the
/// order of its old units: rows of units the bureau no longer has are left out.
pub fn figures_in_unit_order<F: Clone>(
    bureau: &Bureau,
    kind: UnitKind,
    rows: impl Iterator<Item = rusqlite::Result<F>>,
    unit_of: fn(&F) -> &str,
) -> Result<Vec<F>, StorageError> {
    let all = collect(rows)?;
    Ok(bureau
        .old_units
        .iter()
        .filter(|u| u.kind == kind)
        .filter_map(|u| all.iter().find(|f| unit_of(f) == u.id).cloned())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_name_every_column_once() {
        assert_eq!(
            update_all_but(&["id", "name", "functions"], &["id", "functions"]),
            "name = excluded.name"
        );
        assert_eq!(
            insert_sql("new_unit", &["structure_id"], &["id", "name"]),
            "INSERT INTO new_unit (structure_id, id, name) VALUES (?1, ?2, ?3)"
        );
    }
}
