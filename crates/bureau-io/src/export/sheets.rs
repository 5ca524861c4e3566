//! The report's tables as spreadsheets: XLSX with one sheet per table (bold frozen header row,
//! column widths set, counts as numbers, shares as numbers formatted 0.0%), and CSV with every
//! table one after another (UTF-8 with a BOM so that Excel opens it).
//!
//! Text never becomes a formula: XLSX text is written as string cells, and a CSV text cell
//! that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed
//! with `'`. Control characters and non-characters are dropped from every text; an XLSX cell
//! longer than Excel allows is cut, ending in `…`.

use std::borrow::Cow;

use bureau_core::limits::strip_forbidden;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::report::{Report, Value};
use crate::import::push_csv_row;

pub fn write_xlsx(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let pct = Format::new().set_num_format("0.0%");
    for table in report.tables() {
        let sheet = book.add_worksheet();
        sheet.set_name(&table.sheet)?;
        for (c, (h, w)) in (0u16..).zip(table.headers.iter().zip(&table.widths)) {
            sheet.write_string_with_format(0, c, xlsx_text(h), &bold)?;
            // The report's widths are in characters of CJK text: about two Excel units each.
            sheet.set_column_width(c, (w * 1.8).clamp(8.0, 80.0))?;
        }
        sheet.set_freeze_panes(1, 0)?;
        for (r, row) in (1u32..).zip(&table.rows) {
            for (c, v) in (0u16..).zip(row) {
                match v {
                    Value::Text(s) => {
                        // A string cell: Excel shows "=1+1" as text, never evaluates it.
                        sheet.write_string(r, c, xlsx_text(s))?;
                    }
                    Value::Int(n) => {
                        sheet.write_number(r, c, *n as f64)?;
                    }
                    Value::Share(x) => {
                        sheet.write_number_with_format(r, c, *x, &pct)?;
                    }
                }
            }
        }
    }
    book.save_to_buffer()
}

/// Every table, each preceded by its title and followed by an empty line.
pub fn write_csv(report: &Report) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let texts = |cells: &[String]| -> Vec<String> {
        cells.iter().map(|c| csv_text(c).into_owned()).collect()
    };
    for table in report.tables() {
        push_csv_row(&mut out, &texts(std::slice::from_ref(&table.title)));
        push_csv_row(&mut out, &texts(&table.headers));
        for row in &table.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|v| match v {
                    Value::Share(x) => format!("{:.4}", x),
                    Value::Int(n) => n.to_string(),
                    Value::Text(s) => csv_text(s).into_owned(),
                })
                .collect();
            push_csv_row(&mut out, &cells);
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// Excel's limit on one cell, in UTF-16 code units.
const XLSX_CELL_UNITS: usize = 32_767;

/// A text cell as XLSX may carry it: without control characters, and cut (ending in `…`) at
/// Excel's limit, so that a very long name costs the end of one cell, not the whole export.
fn xlsx_text(text: &str) -> String {
    let clean = strip_forbidden(text, false);
    if clean.encode_utf16().count() <= XLSX_CELL_UNITS {
        return clean.into_owned();
    }
    let mut cut = String::new();
    let mut units = 0;
    for c in clean.chars() {
        units += c.len_utf16();
        if units > XLSX_CELL_UNITS - 1 {
            break;
        }
        cut.push(c);
    }
    cut.push('…');
    cut
}

/// A text cell as CSV may carry it: without control characters, and with a `'` before a
/// first character that makes a spreadsheet read the cell as a formula (`=HYPERLINK(…)`,
/// `+cmd|…`, `-1+1`, `@SUM(…)`), which is how spreadsheets themselves mark text.
pub fn csv_text(text: &str) -> Cow<'_, str> {
    let clean = strip_forbidden(text, false);
    if clean.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{clean}"))
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::csv_text;

    #[test]
    fn formula_starts_are_neutralised() {
        for (raw, csv) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-1+1", "'-1+1"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\t=1", "'=1"),
            ("\r=1", "'=1"),
            ("张\u{1b}[31m伟", "张[31m伟"),
            ("张伟", "张伟"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(csv_text(raw), csv, "{raw:?}");
        }
    }
}
