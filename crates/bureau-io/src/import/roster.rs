//! Turning a grid of cells into people: one row → one [`Person`], every bad value reported as a
//! [`Problem`](super::Problem) with its row, column, value and what was expected; then the
//! checks across rows (duplicate police numbers).

use std::collections::HashMap;

use bureau_core::{Person, Post, Unit, YearMonth};

use super::bounds::Problems;
use super::cells::Grid;
use super::columns::{Field, COLUMNS};
use super::expected::Expected;
use super::fields;
use super::sheet::{self, RowCells, Where};
use super::ImportContext;

/// Ages outside this range on the plan's month are reported as impossible.
pub const MIN_AGE: u32 = 16;
pub const MAX_AGE: u32 = 70;

/// People read from a grid, each with the row it came from, and the problems found.
pub struct Parsed {
    pub people: Vec<(usize, Person)>,
    pub problems: Problems,
    /// Rows below the header row.
    pub data_rows: usize,
}

pub fn parse_grid(file: &str, grid: &Grid, ctx: &ImportContext<'_>) -> Parsed {
    let mut out = Parsed {
        people: Vec::new(),
        problems: Problems::default(),
        data_rows: 0,
    };
    let (header_index, headers) = match sheet::header_row(file, grid, &COLUMNS) {
        Ok(found) => found,
        Err(problem) => {
            out.problems.push(*problem);
            return out;
        }
    };
    let at = Where {
        file,
        sheet: grid.sheet.as_deref(),
        first_column: grid.first_column,
        columns: &COLUMNS,
        headers: &headers,
    };
    let header_line = grid.rows[header_index].0;
    out.data_rows = grid.rows.len() - header_index - 1;
    out.problems
        .extend(sheet::header_problems(&at, header_line));
    if !out.problems.is_empty() {
        return out;
    }

    let old = UnitIndex::new(ctx.old_units, |count| Expected::CurrentUnit { count });
    let new = UnitIndex::new(ctx.new_units, |count| Expected::NewUnit { count });
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, cells) in &grid.rows[header_index + 1..] {
        let line = *line;
        let before = out.problems.total();
        let row = RowCells::new(&at, line, cells, &mut out.problems, is_list);
        let get = |f: Field| row.get(f);
        let mut report = |f: Field, value: String, expected: Expected| {
            row.report(&mut out.problems, f, &value, expected);
        };

        let number = fields::text(get(Field::PoliceNumber));
        if number.is_empty() {
            report(Field::PoliceNumber, number.clone(), Expected::PoliceNumber);
        } else if let Some(first) = seen.get(&number) {
            report(
                Field::PoliceNumber,
                number.clone(),
                Expected::PoliceNumberUnused { row: *first },
            );
        } else {
            seen.insert(number.clone(), line);
        }
        let name = fields::text(get(Field::Name));
        if name.is_empty() {
            report(Field::Name, name.clone(), Expected::Name);
        }
        let text = |f: Field| fields::text(get(f));
        let mut enum_field = |f: Field, parse: &dyn Fn(&str) -> Result<(), Expected>| {
            let v = text(f);
            if let Err(e) = parse(&v) {
                report(f, v, e);
            }
        };
        enum_field(Field::Gender, &|s| fields::gender(s).map(drop));
        enum_field(Field::Category, &|s| fields::category(s).map(drop));
        enum_field(Field::Post, &|s| fields::post(s).map(drop));
        enum_field(Field::CommunityPolice, &|s| fields::flag(s).map(drop));
        let qualifications = fields::list(&text(Field::Qualifications));
        let mut quals = Vec::new();
        for q in &qualifications {
            match fields::qualification(q) {
                Ok(q) if !quals.contains(&q) => quals.push(q),
                Ok(_) => {}
                Err(e) => report(Field::Qualifications, q.clone(), e),
            }
        }
        let birth = match fields::year_month(get(Field::Birth)) {
            Ok(b) => check_age(b, ctx.as_of)
                .map_err(|e| report(Field::Birth, get(Field::Birth).shown(), e))
                .ok(),
            Err(e) => {
                report(Field::Birth, get(Field::Birth).shown(), e);
                None
            }
        };
        let unit_text = text(Field::CurrentUnit);
        let current_unit = match old.find(&unit_text) {
            Ok(id) => Some(id),
            Err(e) => {
                report(Field::CurrentUnit, unit_text, e);
                None
            }
        };
        let mut wishes = Vec::new();
        for w in fields::list(&text(Field::Wishes)) {
            match new.find(&w) {
                Ok(id) if !wishes.contains(&id) => wishes.push(id),
                Ok(_) => {}
                Err(e) => report(Field::Wishes, w, e),
            }
        }
        if out.problems.total() > before {
            continue;
        }
        // Every field parsed above; the fallbacks are never used.
        let (Some(birth), Some(current_unit)) = (birth, current_unit) else {
            continue;
        };
        out.people.push((
            line,
            Person {
                police_number: number,
                name,
                category: fields::category(&text(Field::Category))
                    .unwrap_or(bureau_core::Category::Officer),
                gender: fields::gender(&text(Field::Gender)).unwrap_or(bureau_core::Gender::Male),
                birth,
                rank: text(Field::Rank),
                post: fields::post(&text(Field::Post)).unwrap_or(Post::None),
                current_unit,
                specialities: fields::list(&text(Field::Specialities)),
                qualifications: quals,
                community_police: fields::flag(&text(Field::CommunityPolice)).unwrap_or(false),
                wishes,
            },
        ));
    }
    out
}

/// List cells may break lines between their items.
fn is_list(f: Field) -> bool {
    matches!(
        f,
        Field::Specialities | Field::Qualifications | Field::Wishes
    )
}

fn check_age(birth: YearMonth, as_of: YearMonth) -> Result<YearMonth, Expected> {
    if birth > as_of {
        return Err(Expected::BirthBefore {
            as_of: as_of.to_string(),
        });
    }
    let age = birth.age_on(as_of);
    if !(MIN_AGE..=MAX_AGE).contains(&age) {
        return Err(Expected::BirthAge {
            min: MIN_AGE,
            max: MAX_AGE,
            as_of: as_of.to_string(),
            age,
        });
    }
    Ok(birth)
}

/// Units found by id or by name (names that two units share must be given by id).
pub(super) struct UnitIndex<'a> {
    units: &'a [Unit],
    /// What a name or id that matches none of the units should have been, given their count.
    unknown: fn(usize) -> Expected,
    by_name: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> UnitIndex<'a> {
    pub(super) fn new(units: &'a [Unit], unknown: fn(usize) -> Expected) -> Self {
        let mut by_name: HashMap<&str, Vec<&str>> = HashMap::new();
        for u in units {
            by_name
                .entry(u.name.trim())
                .or_default()
                .push(u.id.as_str());
        }
        UnitIndex {
            units,
            unknown,
            by_name,
        }
    }

    pub(super) fn find(&self, text: &str) -> Result<String, Expected> {
        if let Some(u) = self.units.iter().find(|u| u.id == text) {
            return Ok(u.id.clone());
        }
        match self.by_name.get(text).map(Vec::as_slice) {
            Some([id]) => Ok((*id).to_owned()),
            Some(ids) if ids.len() > 1 => Err(Expected::SharedUnitName {
                ids: ids.join(", "),
            }),
            _ => Err((self.unknown)(self.units.len())),
        }
    }
}
