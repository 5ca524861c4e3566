//! An XLSX workbook into one grid: the first sheet whose first rows carry a known header (else
//! the first sheet with cells). Cells are streamed one by one and only filled ones are kept, so
//! neither a sheet's declared dimension nor a far-away cell makes the reader allocate: a filled
//! cell past row [`MAX_ROWS`] or column [`MAX_COLUMNS`], more than [`MAX_CELLS`] cells, or a
//! workbook inflating past [`MAX_INFLATED_BYTES`] is refused, naming the sheet and cell.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx, XlsxError};

use super::bounds::{
    shown, MAX_CELLS, MAX_COLUMNS, MAX_INFLATED_BYTES, MAX_ROWS, MAX_SHOWN_CHARS, MAX_ZIP_ENTRIES,
};
use super::cells::{column_letter, too_many_cells, Cell, Grid, ReadError};
use super::counts::grouped;
use super::expected::Expected;

/// How many of a sheet's first rows may hold the header row.
const HEADER_ROWS: usize = 10;

pub fn read_xlsx(bytes: &[u8], header_words: &[&str]) -> Result<Grid, ReadError> {
    check_inflated_size(bytes)?;
    // calamine's A1-reference parser multiplies without checking, so an absurd row number in
    // a cell reference panics in builds with overflow checks: that is an unreadable file too.
    std::panic::catch_unwind(|| read_sheets(bytes, header_words))
        .unwrap_or_else(|_| Err(ReadError::whole(Expected::MalformedReference)))
}

fn read_sheets(bytes: &[u8], header_words: &[&str]) -> Result<Grid, ReadError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        ReadError::whole(Expected::SaveWorkbookAgain {
            detail: e.to_string(),
        })
    })?;
    let mut fallback = None;
    for name in book.sheet_names() {
        let Some(grid) = read_sheet(&mut book, &name)? else {
            continue;
        };
        let has_header = grid.rows.iter().take(HEADER_ROWS).any(|(_, cells)| {
            cells
                .iter()
                .any(|c| header_words.contains(&c.shown().trim()))
        });
        if has_header {
            return Ok(grid);
        }
        fallback.get_or_insert(grid);
    }
    fallback.ok_or_else(|| ReadError::whole(Expected::NonEmptySheet))
}

/// One sheet's filled cells as a grid; `None` for a sheet without any (or a chart sheet).
fn read_sheet(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Option<Grid>, ReadError> {
    // The name as reports show it: a workbook may name a sheet with control characters.
    let shown_name = shown(name, MAX_SHOWN_CHARS);
    let unreadable = |e: XlsxError| ReadError {
        sheet: Some(shown_name.clone()),
        ..ReadError::whole(Expected::ReadableWorksheet {
            detail: e.to_string(),
        })
    };
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(unreadable(e)),
    };
    // Sparse: row → (column, cell), filled cells only.
    let mut rows: BTreeMap<usize, Vec<(usize, Cell)>> = BTreeMap::new();
    let mut filled = 0usize;
    while let Some(c) = reader.next_cell().map_err(unreadable)? {
        let cell = cell(c.get_value());
        if cell.is_empty() {
            continue;
        }
        let (row, column) = c.get_position();
        let (row, column) = (row as usize, column as usize);
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(ReadError {
                sheet: Some(shown_name.clone()),
                row: Some(row + 1),
                column: Some(column_letter(column)),
                value: Some(format!(
                    "a filled cell at {}{}",
                    column_letter(column),
                    row + 1
                )),
                ..ReadError::whole(Expected::CellsWithin {
                    rows: MAX_ROWS,
                    columns: MAX_COLUMNS,
                    last: column_letter(MAX_COLUMNS - 1),
                })
            });
        }
        filled += 1;
        if filled > MAX_CELLS {
            return Err(ReadError {
                sheet: Some(shown_name.clone()),
                ..too_many_cells(row + 1)
            });
        }
        rows.entry(row).or_default().push((column, cell));
    }
    let Some(first_column) = rows.values().flatten().map(|(c, _)| *c).min() else {
        return Ok(None);
    };
    let widths: usize = rows
        .values()
        .map(|cells| {
            cells
                .iter()
                .map(|(c, _)| c - first_column + 1)
                .max()
                .unwrap_or(0)
        })
        .sum();
    if widths > MAX_CELLS {
        return Err(ReadError {
            sheet: Some(shown_name.clone()),
            ..too_many_cells(rows.keys().next_back().map_or(1, |r| r + 1))
        });
    }
    let rows = rows
        .into_iter()
        .map(|(row, cells)| {
            let width = cells
                .iter()
                .map(|(c, _)| c - first_column + 1)
                .max()
                .unwrap_or(0);
            let mut dense = vec![Cell::Empty; width];
            for (c, cell) in cells {
                dense[c - first_column] = cell;
            }
            (row + 1, dense)
        })
        .collect();
    Ok(Some(Grid {
        sheet: Some(shown_name.clone()),
        rows,
        first_column,
        encoding: None,
    }))
}

/// Decompresses every part once, without keeping it, to refuse a zip bomb before calamine
/// inflates the shared strings or a sheet into memory.
fn check_inflated_size(bytes: &[u8]) -> Result<(), ReadError> {
    let unreadable = |e: &dyn std::fmt::Display| {
        ReadError::whole(Expected::ReadableWorkbook {
            detail: e.to_string(),
        })
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(ReadError {
            value: Some(format!("{} parts", grouped(zip.len()))),
            ..ReadError::whole(Expected::AtMostParts {
                max: MAX_ZIP_ENTRIES,
            })
        });
    }
    let mut left = MAX_INFLATED_BYTES;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| unreadable(&e))?;
        let name = part
            .name()
            .map_or_else(|_| format!("#{}", i + 1), |n| n.into_owned());
        let read = std::io::copy(&mut (&mut part).take(left + 1), &mut std::io::sink())
            .map_err(|e| unreadable(&format!("{name}: {e}")))?;
        if read > left {
            return Err(ReadError {
                value: Some(format!("part {name} inflates past the limit")),
                ..ReadError::whole(Expected::InflatedSize {
                    mib: MAX_INFLATED_BYTES >> 20,
                })
            });
        }
        left -= read;
    }
    Ok(())
}

fn cell(d: &DataRef<'_>) -> Cell {
    let text = |s: &str| {
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_owned())
        }
    };
    match d {
        DataRef::Empty | DataRef::Error(_) => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.into()),
        DataRef::DateTime(dt) => Cell::Date(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text(s),
    }
}
