//! Units and their establishment (单位编制) from CSV or XLSX: one row → one old [`Unit`], every
//! bad value reported as a [`Problem`], then the checks across rows (duplicate ids and names,
//! unknown parents, parent cycles). Ids: a row's 单位编号 when given; else the id of today's
//! unit of the same name; else a fresh `o-imp…` id. Nothing here writes anything.
//!
//! Never panics on any bytes: unreadable files become a problem on row `None`.

use std::collections::{HashMap, HashSet};
use ts_rs::TS;

use bureau_core::limits::MAX_COUNT;
use bureau_core::Unit;
use serde::{Deserialize, Serialize};

use super::bounds::Problems;
use super::cells::{Cell, Grid};
use super::columns::{col, Column};
use super::sheet::{self, RowCells, Where};
use super::unit_fields as uf;
use super::{fields, Expected, Problem, RowThing};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitField {
    Id,
    Name,
    Kind,
    Tier,
    Parent,
    OfficerEstablishment,
    AuxiliaryEstablishment,
    HeadPosts,
    DeputyPosts,
    Operation,
    Grids,
}

/// In template order.
pub const UNIT_COLUMNS: [Column<UnitField>; 11] = [
    col(
        UnitField::Id,
        "单位编号",
        "id",
        &["单位代码", "unit_id"],
        false,
    ),
    col(
        UnitField::Name,
        "单位名称",
        "name",
        &["单位", "名称", "机构名称", "unit"],
        true,
    ),
    col(
        UnitField::Kind,
        "类型",
        "kind",
        &["单位类型", "机构类型", "类别"],
        true,
    ),
    col(
        UnitField::Tier,
        "层级",
        "tier",
        &["机关/基层", "所属层级"],
        true,
    ),
    col(
        UnitField::Parent,
        "上级单位",
        "parent",
        &["上级", "上级机构", "所属单位"],
        false,
    ),
    col(
        UnitField::OfficerEstablishment,
        "民警编制",
        "officer_establishment",
        &["民警编制数", "政法专项编制"],
        true,
    ),
    col(
        UnitField::AuxiliaryEstablishment,
        "辅警编制",
        "auxiliary_establishment",
        &["辅警编制数", "辅警额度"],
        true,
    ),
    col(
        UnitField::HeadPosts,
        "正职职数",
        "head_posts",
        &["正职"],
        true,
    ),
    col(
        UnitField::DeputyPosts,
        "副职职数",
        "deputy_posts",
        &["副职"],
        true,
    ),
    col(
        UnitField::Operation,
        "运行方式",
        "operation",
        &["运行"],
        false,
    ),
    col(
        UnitField::Grids,
        "警务区数",
        "grids",
        &["警务区", "网格数"],
        false,
    ),
];

/// The bureau file's bound on every count: every total over units must fit its counters.
const VALUE_COLUMNS: uf::ValueColumns<UnitField> = uf::ValueColumns {
    tier: UnitField::Tier,
    operation: UnitField::Operation,
    officers: (UnitField::OfficerEstablishment, MAX_COUNT),
    auxiliaries: (UnitField::AuxiliaryEstablishment, MAX_COUNT),
    heads: (UnitField::HeadPosts, MAX_COUNT),
    deputies: (UnitField::DeputyPosts, MAX_COUNT),
    grids: (UnitField::Grids, MAX_COUNT),
};

/// A units file as read: the units in file order (empty when there are problems).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct UnitsRead {
    pub file: String,
    pub sheet: Option<String>,
    /// How a CSV was decoded: `utf-8` or `gb18030`.
    pub encoding: Option<String>,
    /// Data rows read (the header row excluded).
    pub rows: usize,
    pub problems: Vec<Problem>,
    #[serde(skip)]
    pub units: Vec<Unit>,
}

impl UnitsRead {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Reads a units file (CSV in UTF-8 or GB18030, or XLSX); `existing` (today's old units) gives
/// the ids of rows without one.
pub fn read_units(file: &str, bytes: &[u8], existing: &[Unit]) -> UnitsRead {
    let table = sheet::read_table(file, bytes, &UNIT_COLUMNS, RowThing::Unit, |grid| {
        let ((rows, units), problems) = parse_grid(file, grid, existing);
        (rows, units, problems)
    });
    UnitsRead {
        file: file.to_owned(),
        sheet: table.sheet,
        encoding: table.encoding,
        rows: table.rows,
        problems: table.problems,
        units: table.items,
    }
}

/// A row whose values all parsed; its parent is still the text written.
struct Row {
    line: usize,
    id: Option<String>,
    parent: String,
    unit: Unit,
}

/// ((data rows, units), problems).
fn parse_grid(file: &str, grid: &Grid, existing: &[Unit]) -> ((usize, Vec<Unit>), Problems) {
    let mut problems = Problems::default();
    let (header_index, headers) = match sheet::header_row(file, grid, &UNIT_COLUMNS) {
        Ok(found) => found,
        Err(problem) => {
            problems.push(*problem);
            return ((0, Vec::new()), problems);
        }
    };
    let at = Where {
        file,
        sheet: grid.sheet.as_deref(),
        first_column: grid.first_column,
        columns: &UNIT_COLUMNS,
        headers: &headers,
    };
    let data_rows = grid.rows.len() - header_index - 1;
    problems.extend(sheet::header_problems(&at, grid.rows[header_index].0));
    if !problems.is_empty() {
        return ((data_rows, Vec::new()), problems);
    }
    let mut rows = Vec::new();
    for (line, cells) in &grid.rows[header_index + 1..] {
        if let Some(row) = parse_row(&at, *line, cells, &mut problems) {
            rows.push(row);
        }
    }
    if !problems.is_empty() {
        return ((data_rows, Vec::new()), problems);
    }
    let units = resolve(&at, rows, existing, &mut problems);
    ((data_rows, units), problems)
}

fn parse_row(
    at: &Where<'_, UnitField>,
    line: usize,
    cells: &[Cell],
    problems: &mut Problems,
) -> Option<Row> {
    let before = problems.total();
    let row = RowCells::new(at, line, cells, problems, |_| false);
    let get = |f: UnitField| row.get(f);
    let text = |f: UnitField| fields::text(get(f));
    let mut report = |f: UnitField, value: String, expected: Expected| {
        row.report(problems, f, &value, expected);
    };
    let id = Some(text(UnitField::Id)).filter(|s| !s.is_empty());
    let name = text(UnitField::Name);
    if name.is_empty() {
        report(UnitField::Name, name.clone(), Expected::UnitName);
    }
    let kind = uf::kind(&text(UnitField::Kind))
        .map_err(|e| report(UnitField::Kind, text(UnitField::Kind), e))
        .ok();
    // The bureau file's bound: every total over units must fit its counters.
    let values = VALUE_COLUMNS.read(kind, get, &mut report, |max, found| Expected::CountAtMost {
        max,
        found,
    });
    if problems.total() > before {
        return None;
    }
    Some(Row {
        line,
        id,
        parent: text(UnitField::Parent),
        unit: values.into_unit(name, String::new())?,
    })
}

/// The checks across rows, ids given to rows without one, parents resolved; the units when no
/// problem was found.
fn resolve(
    at: &Where<'_, UnitField>,
    mut rows: Vec<Row>,
    existing: &[Unit],
    problems: &mut Problems,
) -> Vec<Unit> {
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut names: HashMap<String, usize> = HashMap::new();
    for r in &rows {
        if let Some(id) = &r.id {
            if let Some(first) = ids.get(id) {
                problems.push(at.problem(
                    r.line,
                    Some(UnitField::Id),
                    id,
                    Expected::IdUnused { row: *first },
                ));
            } else {
                ids.insert(id.clone(), r.line);
            }
        }
        if let Some(first) = names.get(&r.unit.name) {
            problems.push(at.problem(
                r.line,
                Some(UnitField::Name),
                &r.unit.name,
                Expected::NameUnused { row: *first },
            ));
        } else {
            names.insert(r.unit.name.clone(), r.line);
        }
    }
    if !problems.is_empty() {
        return Vec::new();
    }
    // Rows without an id: today's unit of that name (unless a row claims its id), else fresh.
    let mut taken: HashSet<String> = ids.keys().cloned().collect();
    taken.extend(existing.iter().map(|u| u.id.clone()));
    let mut fresh = 0usize;
    for r in &mut rows {
        r.unit.id = match &r.id {
            Some(id) => id.clone(),
            None => match existing.iter().find(|u| u.name.trim() == r.unit.name) {
                Some(u) if !ids.contains_key(&u.id) => u.id.clone(),
                _ => loop {
                    fresh += 1;
                    let id = format!("o-imp{fresh:02}");
                    if !taken.contains(&id) {
                        taken.insert(id.clone());
                        break id;
                    }
                },
            },
        };
    }
    let by_id: HashSet<&str> = rows.iter().map(|r| r.unit.id.as_str()).collect();
    let by_name: HashMap<&str, &str> = rows
        .iter()
        .map(|r| (r.unit.name.as_str(), r.unit.id.as_str()))
        .collect();
    let mut parents: Vec<Option<String>> = Vec::new();
    for r in &rows {
        if r.parent.is_empty() {
            parents.push(None);
            continue;
        }
        let found = if by_id.contains(r.parent.as_str()) {
            Some(r.parent.as_str())
        } else {
            by_name.get(r.parent.as_str()).copied()
        };
        if found.is_none() {
            problems.push(at.problem(
                r.line,
                Some(UnitField::Parent),
                &r.parent,
                Expected::ParentInFile,
            ));
        }
        parents.push(found.map(str::to_owned));
    }
    for (r, p) in rows.iter_mut().zip(parents) {
        r.unit.parent = p;
    }
    check_cycles(at, &rows, problems);
    if !problems.is_empty() {
        return Vec::new();
    }
    rows.into_iter().map(|r| r.unit).collect()
}

/// Names shown of a parent chain that loops; longer chains are cut with an ellipsis.
const SHOWN_CHAIN: usize = 12;

/// A row whose parent chain comes back to a unit already on it is a problem. Linear in the
/// rows: each unit is walked once, so a long chain cannot make the check quadratic.
fn check_cycles(at: &Where<'_, UnitField>, rows: &[Row], problems: &mut Problems) {
    let index: HashMap<&str, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.unit.id.as_str(), i))
        .collect();
    let parent: Vec<Option<usize>> = rows
        .iter()
        .map(|r| r.unit.parent.as_deref().and_then(|p| index.get(p).copied()))
        .collect();
    // Whether each unit's chain reaches a loop: unknown, on the walk in progress, or known.
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Unknown,
        Walking,
        Loops(bool),
    }
    let mut state = vec![State::Unknown; rows.len()];
    for start in 0..rows.len() {
        let mut path = Vec::new();
        let mut at_unit = Some(start);
        let loops = loop {
            match at_unit.map(|i| (i, state[i])) {
                None => break false,
                Some((_, State::Loops(known))) => break known,
                Some((_, State::Walking)) => break true,
                Some((i, State::Unknown)) => {
                    state[i] = State::Walking;
                    path.push(i);
                    at_unit = parent[i];
                }
            }
        };
        for i in path {
            state[i] = State::Loops(loops);
        }
    }
    for (i, r) in rows.iter().enumerate() {
        if state[i] != State::Loops(true) {
            continue;
        }
        let mut chain = vec![i];
        let mut next = parent[i];
        while let Some(p) = next {
            let looped = chain.contains(&p);
            chain.push(p);
            if looped || chain.len() > SHOWN_CHAIN {
                break;
            }
            next = parent[p];
        }
        let mut names: Vec<&str> = chain.iter().map(|&c| rows[c].unit.name.as_str()).collect();
        if chain.len() > SHOWN_CHAIN {
            names.pop();
            names.push("…");
        }
        problems.push(at.problem(
            r.line,
            Some(UnitField::Parent),
            &r.parent,
            Expected::ParentChain {
                chain: names.join(" → "),
            },
        ));
    }
}
