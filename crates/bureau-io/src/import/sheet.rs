//! What every import shares between reading the bytes and reading the rows: picking the grid,
//! finding the header row of a column table, checking its required and repeated columns,
//! locating a problem (file, sheet, row, `C (header as written)`), and reading a data row's
//! cells with those holding a control character set aside.

use std::collections::HashMap;

use super::bounds::Problems;
use super::cells::{column_letter, Cell, Grid};
use super::characters;
use super::columns::{self, Column, HeaderMap};
use super::expected::{Expected, RowThing};
use super::grid_file;
use super::Problem;

/// The first grid of a file whose first rows carry one of `columns`' headers (CSV: the text),
/// or the problem that makes the file unreadable.
pub fn read_sheet<F>(
    file: &str,
    bytes: &[u8],
    columns: &[Column<F>],
) -> Result<Grid, Box<Problem>> {
    let words = columns::header_words(columns);
    grid_file::read_grid(bytes, &words).map_err(|e| {
        Box::new(Problem {
            file: file.to_owned(),
            sheet: e.sheet,
            row: e.row,
            column: e.column,
            value: e.value.unwrap_or_else(|| format!("{} bytes", bytes.len())),
            expected: *e.expected,
        })
    })
}

/// A column table as read: where it was (sheet, how a CSV was decoded), its data rows, every
/// problem, and what its rows hold (empty when there are problems).
pub struct TableRead<T> {
    pub sheet: Option<String>,
    pub encoding: Option<String>,
    /// Data rows read (the header row excluded).
    pub rows: usize,
    pub problems: Vec<Problem>,
    pub items: Vec<T>,
}

/// Reads a file's column table: the grid, then its rows through `parse` (data rows, what they
/// hold, problems). A table without a row is a problem naming what was expected below the
/// header (`one`: what a row holds).
pub fn read_table<F, T>(
    file: &str,
    bytes: &[u8],
    columns: &[Column<F>],
    one: RowThing,
    parse: impl FnOnce(&Grid) -> (usize, Vec<T>, Problems),
) -> TableRead<T> {
    let grid = match read_sheet(file, bytes, columns) {
        Ok(grid) => grid,
        Err(problem) => {
            return TableRead {
                sheet: None,
                encoding: None,
                rows: 0,
                problems: vec![*problem],
                items: Vec::new(),
            }
        }
    };
    let (rows, items, problems) = parse(&grid);
    let mut problems = problems.into_list(file, grid.sheet.as_deref());
    if problems.is_empty() && items.is_empty() {
        problems.push(Problem {
            file: file.to_owned(),
            sheet: grid.sheet.clone(),
            row: None,
            column: None,
            value: String::new(),
            expected: Expected::AtLeastOne { thing: one },
        });
    }
    TableRead {
        sheet: grid.sheet,
        encoding: grid.encoding.map(str::to_owned),
        rows,
        items: if problems.is_empty() {
            items
        } else {
            Vec::new()
        },
        problems,
    }
}

/// The rows of a table with one row per unit (a station's, a squad's figures): the header
/// row found and checked, each non-empty row read by `parse_row`, and a unit on two rows
/// refused on the second (`key` its column, `noun` what a row names). Returns the count of
/// data rows, the rows read and the problems.
pub fn unit_rows<F: Copy + PartialEq + 'static, T>(
    file: &str,
    grid: &Grid,
    columns: &[Column<F>],
    key: F,
    noun: RowThing,
    unit_of: fn(&T) -> &str,
    mut parse_row: impl FnMut(&Where<'_, F>, usize, &[Cell], &mut Problems) -> Option<T>,
) -> (usize, Vec<T>, Problems) {
    let mut problems = Problems::default();
    let (header_index, headers) = match header_row(file, grid, columns) {
        Ok(found) => found,
        Err(problem) => {
            problems.push(*problem);
            return (0, Vec::new(), problems);
        }
    };
    let at = Where {
        file,
        sheet: grid.sheet.as_deref(),
        first_column: grid.first_column,
        columns,
        headers: &headers,
    };
    let data_rows = grid.rows.len() - header_index - 1;
    problems.extend(header_problems(&at, grid.rows[header_index].0));
    if !problems.is_empty() {
        return (data_rows, Vec::new(), problems);
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut read = Vec::new();
    for (line, cells) in &grid.rows[header_index + 1..] {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        if let Some(item) = parse_row(&at, *line, cells, &mut problems) {
            if let Some(first) = seen.get(unit_of(&item)) {
                let cell = cell_of(at.headers, cells, key);
                problems.push(at.problem(
                    *line,
                    Some(key),
                    &cell.shown(),
                    Expected::EachOnce {
                        thing: noun,
                        row: *first,
                    },
                ));
            } else {
                seen.insert(unit_of(&item).to_owned(), *line);
                read.push(item);
            }
        }
    }
    (data_rows, read, problems)
}

/// Locates problems in one grid read with one header row.
pub struct Where<'a, F: 'static> {
    pub file: &'a str,
    pub sheet: Option<&'a str>,
    pub first_column: usize,
    pub columns: &'a [Column<F>],
    pub headers: &'a HeaderMap<F>,
}

impl<F: Copy + PartialEq> Where<'_, F> {
    pub fn problem(
        &self,
        row: usize,
        field: Option<F>,
        value: &str,
        expected: Expected,
    ) -> Problem {
        let column = field.map(|f| {
            let header = columns::column(self.columns, f).map_or("", |c| c.zh);
            match self.headers.get(f) {
                Some(i) => {
                    let written = self.headers.headers.get(i).map_or(header, String::as_str);
                    format!("{} ({written})", column_letter(self.first_column + i))
                }
                None => header.to_owned(),
            }
        });
        Problem {
            file: self.file.to_owned(),
            sheet: self.sheet.map(str::to_owned),
            row: Some(row),
            column,
            value: value.to_owned(),
            expected,
        }
    }
}

/// The header row: of the first ten rows, the first matching most of `columns` (at least two).
/// Err: the problem "no header row".
pub fn header_row<F: Copy + PartialEq>(
    file: &str,
    grid: &Grid,
    columns: &[Column<F>],
) -> Result<(usize, HeaderMap<F>), Box<Problem>> {
    grid.rows
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, (_, cells))| (i, columns::map_headers(columns, cells)))
        .filter(|(_, m)| m.matched() >= 2)
        .max_by_key(|(i, m)| (m.matched(), usize::MAX - i))
        .ok_or_else(|| {
            Box::new(Problem {
                file: file.to_owned(),
                sheet: grid.sheet.clone(),
                row: grid.rows.first().map(|(n, _)| *n),
                column: None,
                value: grid
                    .rows
                    .first()
                    .map(|(_, c)| c.iter().map(Cell::shown).collect::<Vec<_>>().join(","))
                    .unwrap_or_default()
                    .chars()
                    .take(200)
                    .collect(),
                expected: Expected::HeaderRow {
                    columns: columns.iter().map(|c| c.zh).collect::<Vec<_>>().join(", "),
                },
            })
        })
}

/// Required columns missing from the header row and columns given twice.
pub fn header_problems<F: Copy + PartialEq>(at: &Where<'_, F>, header_line: usize) -> Vec<Problem> {
    let mut out = Vec::new();
    for c in at.columns.iter().filter(|c| c.required) {
        if at.headers.get(c.field).is_none() {
            out.push(at.problem(
                header_line,
                Some(c.field),
                "",
                Expected::ColumnHeaded {
                    zh: c.zh.to_owned(),
                    en: c.en.to_owned(),
                },
            ));
        }
    }
    for (i, written) in &at.headers.duplicates {
        out.push(Problem {
            column: Some(format!(
                "{} ({written})",
                column_letter(at.first_column + i)
            )),
            ..at.problem(header_line, None, written, Expected::ColumnOnce)
        });
    }
    out
}

/// A row's cell of `field` (empty when the column is absent or the row is short).
pub fn cell_of<'c, F: PartialEq>(headers: &HeaderMap<F>, cells: &'c [Cell], field: F) -> &'c Cell {
    headers
        .get(field)
        .and_then(|i| cells.get(i))
        .unwrap_or(&Cell::Empty)
}

/// One data row's cells as the row's checks read them. A cell holding a control character is
/// reported for that alone and read as empty, so that no other check reports (or echoes) it
/// again; surrounding whitespace (a trailing tab or line break pasted along) is trimmed by
/// every reader, so it is no character of the value.
pub struct RowCells<'a, F: 'static> {
    at: &'a Where<'a, F>,
    cells: &'a [Cell],
    line: usize,
    refused: Vec<F>,
}

impl<'a, F: Copy + PartialEq> RowCells<'a, F> {
    /// Reads the row at `line`, reporting each cell that holds a control character (a line
    /// break is allowed where `multi_line` says the column holds a list or several lines).
    pub fn new(
        at: &'a Where<'a, F>,
        line: usize,
        cells: &'a [Cell],
        problems: &mut Problems,
        multi_line: impl Fn(F) -> bool,
    ) -> Self {
        let mut refused = Vec::new();
        for c in at.columns {
            if let Cell::Text(s) = cell_of(at.headers, cells, c.field) {
                if let Err(why) = characters::check(s.trim(), multi_line(c.field)) {
                    problems.push(at.problem(line, Some(c.field), s, why));
                    refused.push(c.field);
                }
            }
        }
        Self {
            at,
            cells,
            line,
            refused,
        }
    }

    /// The field's cell; empty when the row has no such column or the cell was set aside.
    pub fn get(&self, field: F) -> &'a Cell {
        if self.refused.contains(&field) {
            &Cell::Empty
        } else {
            cell_of(self.at.headers, self.cells, field)
        }
    }

    /// Reports a problem in the field's cell, unless the cell was already reported.
    pub fn report(&self, problems: &mut Problems, field: F, value: &str, expected: Expected) {
        if !self.refused.contains(&field) {
            problems.push(self.at.problem(self.line, Some(field), value, expected));
        }
    }
}
