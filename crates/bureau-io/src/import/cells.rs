//! Reading the bytes of a roster file into a grid of cells: CSV (UTF-8 with or without BOM, or
//! GBK/GB18030) and XLSX (the first sheet that carries a police-number header). Never panics:
//! unreadable input becomes a [`ReadError`] naming what was expected.

use std::io::Cursor;

use calamine::{Data, Reader};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub sheet: Option<String>,
    pub expected: String,
}

const XLSX_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];

/// Reads a roster file's bytes; `header_words` find the header row (and the sheet) in XLSX.
pub fn read_grid(bytes: &[u8], header_words: &[&str]) -> Result<Vec<Grid>, ReadError> {
    if bytes.starts_with(XLSX_MAGIC) {
        read_xlsx(bytes, header_words)
    } else if bytes.starts_with(OLE_MAGIC) {
        Err(ReadError {
            sheet: None,
            expected: "an .xlsx workbook or CSV text; this is an old .xls (or other OLE) file — \
                       save it as .xlsx in Excel or WPS first"
                .into(),
        })
    } else {
        let (text, encoding) = decode_text(bytes);
        Ok(vec![Grid {
            sheet: None,
            rows: parse_csv(&text),
            first_column: 0,
            encoding: Some(encoding),
        }])
    }
}

/// UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else GB18030 (a superset of GBK).
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => (s.to_owned(), "utf-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), "gb18030")
        }
    }
}

/// RFC 4180 CSV with quotes; a comma, a tab or a semicolon as separator (whichever the first
/// line uses most). Row numbers count physical lines, so a quoted line break is reported on
/// the line where its record starts.
pub fn parse_csv(text: &str) -> Vec<(usize, Vec<Cell>)> {
    let first_line = text.lines().next().unwrap_or("");
    let sep = [',', '\t', ';']
        .into_iter()
        .max_by_key(|c| first_line.matches(*c).count())
        .unwrap_or(',');
    let mut rows = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1usize;
    let mut record_line = 1usize;
    let mut chars = text.chars().peekable();
    let push_field = |row: &mut Vec<Cell>, field: &mut String| {
        let value = std::mem::take(field);
        row.push(if value.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        });
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            '\r' => {}
            '\n' => {
                push_field(&mut row, &mut field);
                if row.iter().any(|c| !c.is_empty()) {
                    rows.push((record_line, std::mem::take(&mut row)));
                }
                row.clear();
                line += 1;
                record_line = line;
            }
            c if c == sep => push_field(&mut row, &mut field),
            _ => field.push(c),
        }
    }
    push_field(&mut row, &mut field);
    if row.iter().any(|c| !c.is_empty()) {
        rows.push((record_line, row));
    }
    rows
}

fn read_xlsx(bytes: &[u8], header_words: &[&str]) -> Result<Vec<Grid>, ReadError> {
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| ReadError {
            sheet: None,
            expected: format!("a readable .xlsx workbook ({e})"),
        })?;
    let names = book.sheet_names();
    let mut grids = Vec::new();
    for name in names {
        let range = book.worksheet_range(&name).map_err(|e| ReadError {
            sheet: Some(name.clone()),
            expected: format!("a readable worksheet ({e})"),
        })?;
        let Some((row0, col0)) = range.start() else {
            continue;
        };
        let rows: Vec<(usize, Vec<Cell>)> = range
            .rows()
            .enumerate()
            .map(|(i, cells)| (row0 as usize + i + 1, cells.iter().map(cell).collect()))
            .filter(|(_, cells): &(usize, Vec<Cell>)| cells.iter().any(|c| !c.is_empty()))
            .collect();
        grids.push(Grid {
            sheet: Some(name),
            rows,
            first_column: col0 as usize,
            encoding: None,
        });
    }
    // The roster is the first sheet whose first rows name a known column; else the first.
    let wanted = grids.iter().position(|g| {
        g.rows.iter().take(10).any(|(_, cells)| {
            cells
                .iter()
                .any(|c| header_words.contains(&c.shown().trim()))
        })
    });
    match wanted {
        Some(i) => Ok(vec![grids.swap_remove(i)]),
        None if !grids.is_empty() => Ok(vec![grids.swap_remove(0)]),
        None => Err(ReadError {
            sheet: None,
            expected: "a workbook with at least one non-empty sheet".into(),
        }),
    }
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.clone())
            }
        }
        Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.into()),
        Data::DateTime(dt) => Cell::Date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
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
    fn csv_handles_quotes_bom_and_blank_lines() {
        let rows = parse_csv("a,b\r\n\"x, y\",\"he said \"\"hi\"\"\"\n\n1,\n");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].0, 2);
        assert_eq!(rows[1].1[0], Cell::Text("x, y".into()));
        assert_eq!(rows[1].1[1], Cell::Text("he said \"hi\"".into()));
        assert_eq!(rows[2].0, 4);
    }

    #[test]
    fn gbk_bytes_decode() {
        let (bytes, _, _) = encoding_rs::GBK.encode("警号,姓名");
        let (text, enc) = decode_text(&bytes);
        assert_eq!(text, "警号,姓名");
        assert_eq!(enc, "gb18030");
        let (text, enc) = decode_text("\u{feff}警号".as_bytes());
        assert_eq!((text.as_str(), enc), ("警号", "utf-8"));
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }
}
