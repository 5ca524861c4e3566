//! Roster import: a CSV or XLSX roster (花名册) read into people and compared with the
//! workspace's roster (and, in `units.rs`, the units and their establishment read the same way), as a [`RosterPreview`] listing who is created, updated and removed and
//! every problem (file, sheet, row, column, value, expected; the first thousand listed, the rest
//! counted). Nothing here writes anything: the storage crate applies a preview without problems
//! in one transaction.
//!
//! Never panics on any bytes, and stays within the bounds of `bounds.rs` whatever a file claims:
//! unreadable or oversized files become one problem, located as far as possible.

mod bounds;
mod cells;
mod characters;
mod columns;
mod counts;
mod csv;
mod expected;
mod fields;
mod grid_file;
mod roster;
mod sheet;
mod squads;
mod squads_template;
mod stations;
mod stations_template;
mod structure_sheet;
mod template;
mod text_encoding;
mod unit_fields;
mod units;
mod units_template;
mod xlsx;

use std::collections::HashMap;
use std::fmt;
use ts_rs::TS;

use bureau_core::{Person, PoliceNumber, Unit, YearMonth};
use serde::{Deserialize, Serialize};

pub use bounds::{
    MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_INFLATED_BYTES, MAX_PROBLEMS, MAX_ROWS,
    MAX_SHOWN_CHARS,
};
pub use cells::{Cell, ReadError};
pub use columns::{Field, COLUMNS};
pub use csv::parse_csv;
pub use expected::{Expected, RowThing, TextEncoding};
pub use fields::{civil_from_days, from_serial, year_month};
pub use roster::{MAX_AGE, MIN_AGE};
pub use squads::{read_squads, SquadField, SquadsRead, SQUAD_COLUMNS};
pub use squads_template::squads_xlsx;
pub use stations::{read_stations, StationField, StationsRead, STATION_COLUMNS};
pub use stations_template::stations_xlsx;
pub use structure_sheet::{
    old_unit_label, read_structure, StructureField, StructureRead, NAME_LABEL, PART_MARK,
    PATH_SEPARATOR, STRUCTURE_COLUMNS,
};
pub use template::{push_csv_row, roster_csv, roster_xlsx, template_xlsx};
pub use text_encoding::decode_text;
pub use unit_fields::{kind_label, operation_label, tier_label};
pub use units::{read_units, UnitField, UnitsRead, UNIT_COLUMNS};
pub use units_template::{units_csv, units_xlsx};

/// What a roster is read against: the workspace's units and roster today.
#[derive(Debug, Clone, Copy)]
pub struct ImportContext<'a> {
    /// Units the 现单位 column may name (by id or name).
    pub old_units: &'a [Unit],
    /// Units the 意愿 column may name: the current scenario's new structure.
    pub new_units: &'a [Unit],
    /// Ages are checked on the plan's month, not on the machine's clock.
    pub as_of: YearMonth,
    /// The roster today, to tell created from updated and removed people.
    pub existing: &'a [Person],
}

/// One thing wrong with the file, where it is and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Problem {
    pub file: String,
    /// The worksheet (XLSX only).
    pub sheet: Option<String>,
    /// The row number as the spreadsheet or a text editor shows it; `None` for the whole file.
    pub row: Option<usize>,
    /// The column letter and its header as written, e.g. `C (性别)`.
    pub column: Option<String>,
    pub value: String,
    /// What the place should hold; the UI words it in the user's language.
    pub expected: Expected,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet {sheet}")?;
        }
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": found {:?}, expected {}", self.value, self.expected)
    }
}

/// A person the import touches, for the preview list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonLine {
    pub police_number: PoliceNumber,
    pub name: String,
    /// The row in the file (`None` for people removed: they are not in it).
    pub row: Option<usize>,
    /// For updates: the fields that change (`current_unit`, `rank`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RosterPreview {
    pub file: String,
    pub sheet: Option<String>,
    /// How a CSV was decoded: `utf-8` or `gb18030`.
    pub encoding: Option<String>,
    /// Data rows read (the header row excluded).
    pub rows: usize,
    pub created: Vec<PersonLine>,
    pub updated: Vec<PersonLine>,
    pub unchanged: usize,
    /// People on today's roster who are not in the file: they leave the roster.
    pub removed: Vec<PersonLine>,
    pub problems: Vec<Problem>,
    /// The roster as read, in file order; empty when there are problems.
    #[serde(skip)]
    pub people: Vec<Person>,
}

impl RosterPreview {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Reads a roster file (CSV in UTF-8 or GB18030, or XLSX) against `ctx`.
pub fn read_roster(file: &str, bytes: &[u8], ctx: &ImportContext<'_>) -> RosterPreview {
    let table = sheet::read_table(file, bytes, &COLUMNS, RowThing::Person, |grid| {
        let parsed = roster::parse_grid(file, grid, ctx);
        (parsed.data_rows, parsed.people, parsed.problems)
    });
    let mut preview = RosterPreview {
        file: file.to_owned(),
        sheet: table.sheet,
        encoding: table.encoding,
        rows: table.rows,
        created: Vec::new(),
        updated: Vec::new(),
        unchanged: 0,
        removed: Vec::new(),
        problems: table.problems,
        people: Vec::new(),
    };
    if preview.problems.is_empty() {
        compare(&mut preview, table.items, ctx.existing);
    }
    preview
}

fn compare(preview: &mut RosterPreview, people: Vec<(usize, Person)>, existing: &[Person]) {
    let today: HashMap<&str, &Person> = existing
        .iter()
        .map(|p| (p.police_number.as_str(), p))
        .collect();
    let mut in_file = std::collections::HashSet::new();
    for (row, p) in &people {
        in_file.insert(p.police_number.as_str());
        let line = |changes: Vec<String>| PersonLine {
            police_number: p.police_number.clone(),
            name: p.name.clone(),
            row: Some(*row),
            changes,
        };
        match today.get(p.police_number.as_str()) {
            None => preview.created.push(line(Vec::new())),
            Some(old) if *old == p => preview.unchanged += 1,
            Some(old) => preview.updated.push(line(changed_fields(old, p))),
        }
    }
    preview.removed = existing
        .iter()
        .filter(|p| !in_file.contains(p.police_number.as_str()))
        .map(|p| PersonLine {
            police_number: p.police_number.clone(),
            name: p.name.clone(),
            row: None,
            changes: Vec::new(),
        })
        .collect();
    preview.people = people.into_iter().map(|(_, p)| p).collect();
}

fn changed_fields(a: &Person, b: &Person) -> Vec<String> {
    let mut out = Vec::new();
    let mut diff = |name: &str, same: bool| {
        if !same {
            out.push(name.to_owned());
        }
    };
    diff("name", a.name == b.name);
    diff("category", a.category == b.category);
    diff("gender", a.gender == b.gender);
    diff("birth", a.birth == b.birth);
    diff("rank", a.rank == b.rank);
    diff("post", a.post == b.post);
    diff("current_unit", a.current_unit == b.current_unit);
    diff("specialities", a.specialities == b.specialities);
    diff("qualifications", a.qualifications == b.qualifications);
    diff("community_police", a.community_police == b.community_police);
    diff("wishes", a.wishes == b.wishes);
    out
}
