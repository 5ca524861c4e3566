//! The new structure from a spreadsheet (新机构设置表): one row → one new unit, every bad value
//! reported as a [`Problem`] with its row and column, then the checks across rows (a name
//! twice within one parent, a parent no row defines, an old unit named twice in one row, the
//! tree's depth). Nothing here writes anything: a read without problems gives the whole
//! [`Structure`], and storage replaces the scenario's structure with it in one transaction.
//!
//! A row is a top-level unit when 内设机构 is empty (部门 is its name), else a sub-unit named
//! by 内设机构 under the unit whose path 部门 gives (`部门/室` for deeper levels). 由原单位组建
//! lists old units (by name or id); one marked （部分） gives functions but not its people,
//! who go to the row where it is written without the mark. Units keep the id of today's unit
//! at the same path (or, failing that, of the same unique name), so placements follow them.

use std::collections::{HashMap, HashSet};

use bureau_core::limits::{MAX_DEPTH, MAX_UNITS};
use bureau_core::structure_edit::{
    MAX_ESTABLISHMENT, MAX_FUNCTIONS_CHARS, MAX_GRIDS, MAX_NAME_CHARS, MAX_POSTS,
};
use bureau_core::{MergeEdge, Structure, Unit, UnitId, UnitKind};
use serde::{Deserialize, Serialize};

use super::bounds::Problems;
use super::cells::{Cell, Grid};
use super::columns::{col, Column};
use super::sheet::{self, RowCells, Where};
use super::unit_fields as uf;
use super::{fields, Expected, Problem, RowThing};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StructureField {
    Department,
    SubUnit,
    Kind,
    Tier,
    Operation,
    OfficerEstablishment,
    AuxiliaryEstablishment,
    HeadPosts,
    DeputyPosts,
    Grids,
    Functions,
    FormedFrom,
}

/// In the sheet's order; 类型 and 警务区数 are optional (a department or 室队 by default, no grids).
pub const STRUCTURE_COLUMNS: [Column<StructureField>; 12] = [
    col(
        StructureField::Department,
        "部门",
        "department",
        &["部门名称", "机构"],
        true,
    ),
    col(
        StructureField::SubUnit,
        "内设机构",
        "sub_unit",
        &["下设机构", "室队"],
        true,
    ),
    col(
        StructureField::Kind,
        "类型",
        "kind",
        &["单位类型", "机构类型"],
        false,
    ),
    col(StructureField::Tier, "层级", "tier", &["机关/基层"], true),
    col(
        StructureField::Operation,
        "运行方式",
        "operation",
        &["运行"],
        false,
    ),
    col(
        StructureField::OfficerEstablishment,
        "民警编制",
        "officer_establishment",
        &["民警编制数"],
        true,
    ),
    col(
        StructureField::AuxiliaryEstablishment,
        "辅警编制",
        "auxiliary_establishment",
        &["辅警编制数"],
        true,
    ),
    col(
        StructureField::HeadPosts,
        "正职职数",
        "head_posts",
        &["正职"],
        true,
    ),
    col(
        StructureField::DeputyPosts,
        "副职职数",
        "deputy_posts",
        &["副职"],
        true,
    ),
    col(
        StructureField::Grids,
        "警务区数",
        "grids",
        &["警务区"],
        false,
    ),
    col(
        StructureField::Functions,
        "职能",
        "functions",
        &["主要职能"],
        false,
    ),
    col(
        StructureField::FormedFrom,
        "由原单位组建",
        "formed_from",
        &["原单位", "组建来源"],
        false,
    ),
];

/// The structure editor's bounds: a sheet holds no unit the editor would refuse.
const VALUE_COLUMNS: uf::ValueColumns<StructureField> = uf::ValueColumns {
    tier: StructureField::Tier,
    operation: StructureField::Operation,
    officers: (StructureField::OfficerEstablishment, MAX_ESTABLISHMENT),
    auxiliaries: (StructureField::AuxiliaryEstablishment, MAX_ESTABLISHMENT),
    heads: (StructureField::HeadPosts, MAX_POSTS),
    deputies: (StructureField::DeputyPosts, MAX_POSTS),
    grids: (StructureField::Grids, MAX_GRIDS),
};

/// The label of the cell (A1) whose right neighbour holds the structure's name.
pub const NAME_LABEL: &str = "机构方案名称";
/// Marks an old unit that gives a new unit functions but not its people.
pub const PART_MARK: &str = "（部分）";
/// Separates the parent path's levels in 部门.
pub const PATH_SEPARATOR: char = '/';

/// A structure sheet as read: the structure when there are no problems.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StructureRead {
    pub file: String,
    pub sheet: Option<String>,
    /// Data rows read (the header row excluded).
    pub rows: usize,
    pub problems: Vec<Problem>,
    #[serde(skip)]
    pub structure: Option<Structure>,
}

/// Reads a structure sheet (XLSX, or CSV) against today's units (`old_units`, for 由原单位组建)
/// and the scenario's structure now (`current`, for ids and the name when the sheet has none).
pub fn read_structure(
    file: &str,
    bytes: &[u8],
    old_units: &[Unit],
    current: &Structure,
) -> StructureRead {
    let mut out = StructureRead {
        file: file.to_owned(),
        sheet: None,
        rows: 0,
        problems: Vec::new(),
        structure: None,
    };
    let grid = match sheet::read_sheet(file, bytes, &STRUCTURE_COLUMNS) {
        Ok(grid) => grid,
        Err(problem) => {
            out.problems.push(*problem);
            return out;
        }
    };
    out.sheet = grid.sheet.clone();
    let (rows, structure, problems) = parse_grid(file, &grid, old_units, current);
    out.rows = rows;
    out.problems = problems.into_list(file, grid.sheet.as_deref());
    if out.problems.is_empty() {
        match structure {
            Some(s) if !s.units.is_empty() => out.structure = Some(s),
            _ => out.problems.push(Problem {
                file: file.to_owned(),
                sheet: grid.sheet.clone(),
                row: None,
                column: None,
                value: String::new(),
                expected: Expected::AtLeastOne {
                    thing: RowThing::Unit,
                },
            }),
        }
    }
    out
}

/// One old unit as written in 由原单位组建.
struct Source {
    old: UnitId,
    part: bool,
}

/// A row whose values all parsed.
struct Row {
    line: usize,
    /// The parent's path as written (`None`: top level).
    parent: Option<String>,
    unit: Unit,
    sources: Vec<Source>,
}

type Parsed = (usize, Option<Structure>, Problems);

fn parse_grid(file: &str, grid: &Grid, old_units: &[Unit], current: &Structure) -> Parsed {
    let mut problems = Problems::default();
    let (header_index, headers) = match sheet::header_row(file, grid, &STRUCTURE_COLUMNS) {
        Ok(found) => found,
        Err(problem) => {
            problems.push(*problem);
            return (0, None, problems);
        }
    };
    let at = Where {
        file,
        sheet: grid.sheet.as_deref(),
        first_column: grid.first_column,
        columns: &STRUCTURE_COLUMNS,
        headers: &headers,
    };
    let data_rows = grid.rows.len() - header_index - 1;
    problems.extend(sheet::header_problems(&at, grid.rows[header_index].0));
    if !problems.is_empty() {
        return (data_rows, None, problems);
    }
    let name = grid.rows[..header_index]
        .iter()
        .find_map(|(_, cells)| match cells.as_slice() {
            [Cell::Text(label), Cell::Text(name), ..] if label.trim() == NAME_LABEL => {
                Some(name.trim().to_owned())
            }
            _ => None,
        })
        .filter(|n| !n.is_empty() && n.chars().count() <= MAX_NAME_CHARS)
        .unwrap_or_else(|| current.name.clone());
    if data_rows > MAX_UNITS {
        problems.push(Problem {
            file: file.to_owned(),
            sheet: grid.sheet.clone(),
            row: None,
            column: None,
            value: format!("{data_rows} rows"),
            expected: Expected::AtMostUnits { max: MAX_UNITS },
        });
        return (data_rows, None, problems);
    }
    let mut rows = Vec::new();
    for (line, cells) in &grid.rows[header_index + 1..] {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        if let Some(row) = parse_row(&at, *line, cells, old_units, &mut problems) {
            rows.push(row);
        }
    }
    if !problems.is_empty() {
        return (data_rows, None, problems);
    }
    let structure = resolve(&at, name, rows, old_units, current, &mut problems);
    (data_rows, structure, problems)
}

fn parse_row(
    at: &Where<'_, StructureField>,
    line: usize,
    cells: &[Cell],
    old_units: &[Unit],
    problems: &mut Problems,
) -> Option<Row> {
    use StructureField as F;
    let before = problems.total();
    let row = RowCells::new(at, line, cells, problems, |f| {
        matches!(f, F::Functions | F::FormedFrom)
    });
    let get = |f: F| row.get(f);
    let text = |f: F| fields::text(get(f));
    let mut report = |f: F, value: String, expected: Expected| {
        row.report(problems, f, &value, expected);
    };
    let department = text(F::Department);
    let sub_unit = text(F::SubUnit);
    if department.is_empty() {
        report(F::Department, department.clone(), Expected::DepartmentName);
    }
    let (parent, name, field) = if sub_unit.is_empty() {
        (None, department.clone(), F::Department)
    } else {
        (Some(department.clone()), sub_unit.clone(), F::SubUnit)
    };
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        report(
            field,
            name.clone(),
            Expected::NameLength {
                max: MAX_NAME_CHARS,
                found: chars,
            },
        );
    }
    let kind_text = text(F::Kind);
    let kind = if kind_text.is_empty() {
        Some(if parent.is_some() {
            UnitKind::SubUnit
        } else {
            UnitKind::Department
        })
    } else {
        uf::kind(&kind_text)
            .map_err(|e| report(F::Kind, kind_text.clone(), e))
            .ok()
    };
    let values = VALUE_COLUMNS.read(kind, get, &mut report, |max, found| Expected::WholeNumber {
        max,
        found,
    });
    let functions = match get(F::Functions) {
        Cell::Text(s) => s.trim().replace("\r\n", "\n"),
        other => other.shown(),
    };
    let chars = functions.chars().count();
    if chars > MAX_FUNCTIONS_CHARS {
        report(
            F::Functions,
            functions.chars().take(40).collect(),
            Expected::AtMostCharacters {
                max: MAX_FUNCTIONS_CHARS,
                found: chars,
            },
        );
    }
    let sources = sources(&text(F::FormedFrom), old_units).map_err(|e| {
        report(F::FormedFrom, e.0, e.1);
    });
    if problems.total() > before {
        return None;
    }
    Some(Row {
        line,
        parent,
        unit: values.into_unit(name, functions)?,
        sources: sources.ok()?,
    })
}

/// The old units a 由原单位组建 cell lists, or (the item, what was expected).
fn sources(cell: &str, old_units: &[Unit]) -> Result<Vec<Source>, (String, Expected)> {
    let mut out: Vec<Source> = Vec::new();
    let items = cell
        .split(['、', ',', '，', ';', '；', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty());
    for item in items {
        let (written, part) = match item
            .strip_suffix(PART_MARK)
            .or_else(|| item.strip_suffix("(部分)"))
        {
            Some(rest) => (rest.trim(), true),
            None => (item, false),
        };
        let found = old_units
            .iter()
            .find(|u| u.id == written)
            .or_else(|| old_units.iter().find(|u| u.name.trim() == written));
        let Some(old) = found else {
            return Err((item.to_owned(), Expected::FormedFrom));
        };
        if out.iter().any(|s| s.old == old.id) {
            return Err((item.to_owned(), Expected::OldUnitOnce));
        }
        out.push(Source {
            old: old.id.clone(),
            part,
        });
    }
    Ok(out)
}

/// The checks across rows, parents and ids resolved, the merge map built; the structure when
/// no problem was found.
fn resolve(
    at: &Where<'_, StructureField>,
    name: String,
    rows: Vec<Row>,
    old_units: &[Unit],
    current: &Structure,
    problems: &mut Problems,
) -> Option<Structure> {
    use StructureField as F;
    // A unit's path: its name at the top level, else its parent's path, '/', its name.
    let path_of = |r: &Row| match &r.parent {
        None => r.unit.name.clone(),
        Some(p) => format!("{p}{PATH_SEPARATOR}{}", r.unit.name),
    };
    let mut by_path: HashMap<String, usize> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        let path = path_of(r);
        if let Some(&first) = by_path.get(&path) {
            let field = if r.parent.is_some() {
                F::SubUnit
            } else {
                F::Department
            };
            problems.push(at.problem(
                r.line,
                Some(field),
                &r.unit.name,
                Expected::NameUnderDepartment {
                    row: rows[first].line,
                },
            ));
        } else {
            by_path.insert(path, i);
        }
    }
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(rows.len());
    for r in &rows {
        match &r.parent {
            None => parents.push(None),
            Some(p) => match by_path.get(p) {
                Some(&i) => parents.push(Some(i)),
                None => {
                    problems.push(at.problem(
                        r.line,
                        Some(F::Department),
                        p,
                        Expected::ParentDepartment,
                    ));
                    parents.push(None);
                }
            },
        }
    }
    if !problems.is_empty() {
        return None;
    }
    for (i, r) in rows.iter().enumerate() {
        // Paths grow by one level per parent, so this walk ends.
        let mut depth = 1;
        let mut up = parents[i];
        while let Some(p) = up {
            depth += 1;
            up = parents[p];
        }
        if depth > MAX_DEPTH {
            problems.push(at.problem(
                r.line,
                Some(F::Department),
                r.parent.as_deref().unwrap_or_default(),
                Expected::NestedAtMost { max: MAX_DEPTH },
            ));
        }
    }
    if !problems.is_empty() {
        return None;
    }
    let ids = ids(&rows, &parents, current);
    let mut units = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let mut unit = r.unit.clone();
        unit.id = ids[i].clone();
        unit.parent = parents[i].map(|p| ids[p].clone());
        units.push(unit);
    }
    // Where each old unit goes: first the row without （部分） (else its first row), then the
    // other rows in sheet order.
    let mut destinations: HashMap<&str, Vec<(bool, &str)>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        for s in &r.sources {
            destinations
                .entry(s.old.as_str())
                .or_default()
                .push((s.part, ids[i].as_str()));
        }
    }
    let mut merge_map = Vec::new();
    for old in old_units {
        let Some(list) = destinations.get(old.id.as_str()) else {
            continue;
        };
        let first = list.iter().position(|(part, _)| !part).unwrap_or(0);
        let mut to = vec![list[first].1.to_owned()];
        to.extend(
            list.iter()
                .enumerate()
                .filter(|(k, _)| *k != first)
                .map(|(_, (_, id))| (*id).to_owned()),
        );
        merge_map.push(MergeEdge {
            from: old.id.clone(),
            to,
        });
    }
    Some(Structure {
        name,
        units,
        merge_map,
    })
}

/// Each row's id: today's unit at the same path, else today's unit of the same name when only
/// one has it (a unit moved to another department), else a fresh `n-…` id.
fn ids(rows: &[Row], parents: &[Option<usize>], current: &Structure) -> Vec<UnitId> {
    let current_path = |id: &str| {
        let mut names = Vec::new();
        let mut at = current.unit(id);
        for _ in 0..=current.units.len() {
            let Some(u) = at else { break };
            names.push(u.name.as_str());
            at = u.parent.as_deref().and_then(|p| current.unit(p));
        }
        names.reverse();
        names.join(&PATH_SEPARATOR.to_string())
    };
    let by_path: HashMap<String, &str> = current
        .units
        .iter()
        .map(|u| (current_path(&u.id), u.id.as_str()))
        .collect();
    let row_path = |mut i: usize| {
        let mut names = vec![rows[i].unit.name.as_str()];
        while let Some(p) = parents[i] {
            names.push(rows[p].unit.name.as_str());
            i = p;
        }
        names.reverse();
        names.join(&PATH_SEPARATOR.to_string())
    };
    let mut taken: HashSet<String> = HashSet::new();
    let mut ids: Vec<Option<UnitId>> = (0..rows.len())
        .map(|i| {
            by_path
                .get(&row_path(i))
                .filter(|id| taken.insert((**id).to_owned()))
                .map(|id| (*id).to_owned())
        })
        .collect();
    for (i, r) in rows.iter().enumerate() {
        if ids[i].is_some() {
            continue;
        }
        let mut same = current.units.iter().filter(|u| u.name == r.unit.name);
        if let (Some(u), None) = (same.next(), same.next()) {
            if taken.insert(u.id.clone()) {
                ids[i] = Some(u.id.clone());
            }
        }
    }
    let mut fresh = 0usize;
    ids.into_iter()
        .map(|id| {
            id.unwrap_or_else(|| loop {
                fresh += 1;
                let id = format!("n-{fresh}");
                if current.unit(&id).is_none() && taken.insert(id.clone()) {
                    break id;
                }
            })
        })
        .collect()
}

/// The label of an old unit in 由原单位组建: its name, or its id when another unit shares it.
pub fn old_unit_label(id: &str, old_units: &[Unit]) -> String {
    super::template::unit_label(id, old_units)
}
