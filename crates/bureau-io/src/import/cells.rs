//! A file read into a grid of cells, whichever reader read it (`csv.rs`, `xlsx.rs`; chosen in
//! `grid_file.rs`), and [`ReadError`]: what an unreadable file was expected to be and where.

use super::bounds::MAX_CELLS;
use super::counts::grouped;
use super::expected::Expected;

/// One cell as the roster parser sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date cell: the serial day number (1900 date system).
    Date(f64),
}

impl Cell {
    /// The cell as the user would read it, for problem reports.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) | Cell::Date(n) => number_text(*n),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// Integers without ".0"; other numbers in their shortest form.
pub fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A grid read from a file: its sheet name (XLSX) and rows with their 1-based row numbers as
/// the user sees them, and the 0-based column offset of the first cell.
#[derive(Debug, Clone)]
pub struct Grid {
    pub sheet: Option<String>,
    /// (row number as shown by the spreadsheet or text editor, cells).
    pub rows: Vec<(usize, Vec<Cell>)>,
    pub first_column: usize,
    /// How the text was decoded (CSV): "utf-8" or "gb18030".
    pub encoding: Option<&'static str>,
}

/// Why a file cannot be read at all, located as far as the reader knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub sheet: Option<String>,
    /// The line (CSV) or row (XLSX) where reading stopped.
    pub row: Option<usize>,
    /// The column letter, when one cell is at fault.
    pub column: Option<String>,
    /// What was found there; `None`: the file's size is shown.
    pub value: Option<String>,
    /// Boxed: a reading error is rare and travels up through every reader's `Result`.
    pub expected: Box<Expected>,
}

impl ReadError {
    /// An error about the whole file.
    pub fn whole(expected: Expected) -> Self {
        ReadError {
            sheet: None,
            row: None,
            column: None,
            value: None,
            expected: Box::new(expected),
        }
    }
}

/// A grid's cells ran past [`MAX_CELLS`] at `row`.
pub fn too_many_cells(row: usize) -> ReadError {
    ReadError {
        row: Some(row),
        value: Some(format!("more than {} cells", grouped(MAX_CELLS))),
        ..ReadError::whole(Expected::AtMostCells { max: MAX_CELLS })
    }
}

/// The spreadsheet letter of a 0-based column: 0 → A, 26 → AA.
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(16_383), "XFD");
    }
}
