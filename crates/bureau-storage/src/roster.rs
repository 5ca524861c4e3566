//! The bureau as it is today: bureau row, old units and the roster.

use bureau_core::{Bureau, BureauInfo, Person, Unit};
use rusqlite::{params, Row, Transaction};

use crate::codec::{enum_from, enum_text, list_from, list_text};
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
    let mut unit_stmt = tx.prepare(
        "INSERT INTO old_unit (id, position, name, kind, tier, parent, officer_establishment,
             auxiliary_establishment, head_posts, deputy_posts, operation, grids, functions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (position, u) in (0i64..).zip(&bureau.old_units) {
        unit_stmt.execute(params![
            u.id,
            position,
            u.name,
            enum_text(&u.kind),
            enum_text(&u.tier),
            u.parent,
            u.officer_establishment,
            u.auxiliary_establishment,
            u.head_posts,
            u.deputy_posts,
            enum_text(&u.operation),
            u.grids,
            u.functions
        ])?;
    }
    let mut person_stmt = tx.prepare(
        "INSERT INTO person (police_number, position, name, category, gender, birth, rank, post,
             current_unit, specialities, qualifications, community_police, wishes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (position, p) in (0i64..).zip(&bureau.people) {
        person_stmt.execute(params![
            p.police_number,
            position,
            p.name,
            enum_text(&p.category),
            enum_text(&p.gender),
            p.birth.to_string(),
            p.rank,
            enum_text(&p.post),
            p.current_unit,
            list_text(&p.specialities),
            list_text(&p.qualifications),
            p.community_police,
            list_text(&p.wishes)
        ])?;
    }
    crate::station_figures::insert_all(tx, &bureau.station_figures)?;
    crate::squad_figures::insert_all(tx, &bureau.squad_figures)?;
    Ok(())
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

    let mut stmt = tx.prepare(
        "SELECT id, name, kind, tier, parent, officer_establishment, auxiliary_establishment,
                head_posts, deputy_posts, operation, grids, functions
         FROM old_unit ORDER BY position",
    )?;
    let old_units = collect(stmt.query_map([], raw_unit)?)?
        .into_iter()
        .map(RawUnit::into_unit)
        .collect::<Result<Vec<_>, _>>()?;

    let mut stmt = tx.prepare(
        "SELECT police_number, name, category, gender, birth, rank, post, current_unit,
                specialities, qualifications, community_police, wishes
         FROM person ORDER BY position",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, String>(9)?,
            r.get::<_, bool>(10)?,
            r.get::<_, String>(11)?,
        ))
    })?;
    let mut people = Vec::new();
    for row in collect(rows)? {
        people.push(Person {
            police_number: row.0,
            name: row.1,
            category: enum_from(&row.2, "person.category")?,
            gender: enum_from(&row.3, "person.gender")?,
            birth: row
                .4
                .parse()
                .map_err(|e| StorageError::Damaged(format!("person.birth: {e}")))?,
            rank: row.5,
            post: enum_from(&row.6, "person.post")?,
            current_unit: row.7,
            specialities: list_from(&row.8, "person.specialities")?,
            qualifications: list_from(&row.9, "person.qualifications")?,
            community_police: row.10,
            wishes: list_from(&row.11, "person.wishes")?,
        });
    }
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

/// A unit row as stored, before its enum columns are checked.
pub struct RawUnit {
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

/// Reads the twelve unit columns in the order both unit tables are selected in.
pub fn raw_unit(r: &Row<'_>) -> rusqlite::Result<RawUnit> {
    Ok(RawUnit {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        tier: r.get(3)?,
        parent: r.get(4)?,
        officer_establishment: r.get(5)?,
        auxiliary_establishment: r.get(6)?,
        head_posts: r.get(7)?,
        deputy_posts: r.get(8)?,
        operation: r.get(9)?,
        grids: r.get(10)?,
        functions: r.get(11)?,
    })
}

impl RawUnit {
    pub fn into_unit(self) -> Result<Unit, StorageError> {
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

pub fn collect<T>(rows: impl Iterator<Item = rusqlite::Result<T>>) -> Result<Vec<T>, StorageError> {
    rows.collect::<Result<Vec<_>, _>>().map_err(Into::into)
}
