//! Reading the bytes of a roster or units file into a grid of cells: CSV (`text_encoding.rs`,
//! `csv.rs`) or XLSX (`xlsx.rs`), within the bounds of `bounds.rs`. Never panics: unreadable
//! input becomes a [`ReadError`] naming what was expected and where.

use super::bounds::MAX_FILE_BYTES;
use super::csv::parse_csv;
use super::expected::Expected;
use super::text_encoding::decode_text;
use super::xlsx;

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

const XLSX_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];

/// Reads a roster or units file's bytes; `header_words` find the header row (and the sheet)
/// in XLSX.
pub fn read_grid(bytes: &[u8], header_words: &[&str]) -> Result<Grid, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::whole(Expected::FileSize {
            mib: MAX_FILE_BYTES >> 20,
        }));
    }
    if bytes.starts_with(XLSX_MAGIC) {
        xlsx::read_xlsx(bytes, header_words)
    } else if bytes.starts_with(OLE_MAGIC) {
        Err(ReadError::whole(Expected::OldXls))
    } else {
        let (text, encoding) = decode_text(bytes)?;
        Ok(Grid {
            sheet: None,
            rows: parse_csv(&text)?,
            first_column: 0,
            encoding: Some(encoding),
        })
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

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let e = read_grid(&vec![b'a'; MAX_FILE_BYTES + 1], &[]).expect_err("refused");
        assert_eq!(e.expected.to_string(), "a file of at most 64 MiB");
    }
}
